"""The BlobStore contract, run against every adapter: memory, local disk, and S3 when configured.

S3 runs only when ``RESUMAX_TEST_S3_URL`` is set (and fails, rather than skips, when
``RESUMAX_REQUIRE_SERVICES=1`` and it is not): ``s3://bucket/prefix?endpoint=http://127.0.0.1:PORT&region=
us-east-1`` (the bucket is created when missing; with an ``endpoint``, dummy AWS credentials are used
unless some are set). Each test works under its own random prefix so a shared bucket is safe. Tests of
app-served links (``verify_token``, ``write_upload``) run on stores that serve their own links; S3 signs
and verifies its own URLs, so its tests below check the presigned POST policy and fetch a presigned GET.

moto (the local S3 server of CI) does not enforce POST policies, so the size cap is checked in the policy
document S3 would enforce, not by a refused upload.
"""

from __future__ import annotations

import asyncio
import base64
import errno
import importlib.util
import json
import os
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from resumax_adapters.memory.blob_store import InMemoryBlobStore
from resumax_adapters.storage.local import LocalBlobStore
from resumax_core.errors import FileTooLarge, InvalidInput, NotFound, StorageUnavailable
from resumax_core.ports.blob_store import BlobStore

SIGNING_KEY = b"contract-test-signing-key-0123456789"
BASE_URL = "https://resumax.test"


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self) -> None:
        self.current = datetime(2025, 1, 1, 12, 0, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


@dataclass
class Harness:
    store: BlobStore
    clock: FakeClock
    namespace: str
    serves_links: bool

    def key(self, name: str) -> str:
        return f"{self.namespace}{name}"


def _require_service(variable: str) -> str:
    value = os.environ.get(variable)
    if value:
        return value
    if os.environ.get("RESUMAX_REQUIRE_SERVICES") == "1":
        pytest.fail(f"RESUMAX_REQUIRE_SERVICES=1 but {variable} is not set")
    pytest.skip(f"set {variable} to run this adapter's contract")


S3_URL_VARIABLE = "RESUMAX_TEST_S3_URL"


def _s3_url(monkeypatch: pytest.MonkeyPatch) -> str:
    """The configured S3 test URL, with dummy credentials for a local endpoint that has none set."""
    url = _require_service(S3_URL_VARIABLE)
    if importlib.util.find_spec("resumax_adapters.storage.s3") is None:
        pytest.skip("resumax_adapters.storage.s3 does not exist yet")
    if "endpoint=" in url:
        for variable in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
            if not os.environ.get(variable):
                monkeypatch.setenv(variable, "testing")
    _ensure_bucket(url)
    return url


_BUCKETS_READY: set[str] = set()


def _ensure_bucket(url: str) -> None:
    if url in _BUCKETS_READY:
        return
    import boto3

    from resumax_adapters.storage.s3 import S3BlobStore

    shape = S3BlobStore.from_url(url, clock=FakeClock())
    endpoint = dict(parse_qsl(urlsplit(url).query)).get("endpoint")
    region = dict(parse_qsl(urlsplit(url).query)).get("region")
    client = boto3.session.Session().client("s3", endpoint_url=endpoint, region_name=region)
    try:
        existing = {bucket["Name"] for bucket in client.list_buckets().get("Buckets", [])}
        if shape.bucket not in existing:
            client.create_bucket(Bucket=shape.bucket)
    finally:
        client.close()
    _BUCKETS_READY.add(url)


def _s3_store(clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> BlobStore:
    url = _s3_url(monkeypatch)
    from resumax_adapters.storage import s3

    # The S3 adapter's test hook: a store for the bucket/prefix named by the URL.
    store: BlobStore = s3.S3BlobStore.from_url(url, clock=clock)
    return store


def _memory_store(clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> BlobStore:
    return InMemoryBlobStore(signing_key=SIGNING_KEY, base_url=BASE_URL, clock=clock)


def _local_store(clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> BlobStore:
    return LocalBlobStore(tmp_path / "blobs", signing_key=SIGNING_KEY, base_url=BASE_URL, clock=clock)


BACKENDS: dict[str, Callable[[FakeClock, Path, pytest.MonkeyPatch], BlobStore]] = {
    "memory": _memory_store,
    "local": _local_store,
    "s3": _s3_store,
}


async def _close(store: object) -> None:
    close = getattr(store, "aclose", None)
    if close is not None:
        await close()


@pytest.fixture(params=list(BACKENDS))
async def h(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Harness]:
    clock = FakeClock()
    store = BACKENDS[request.param](clock, tmp_path, monkeypatch)
    harness = Harness(store, clock, f"t/{uuid.uuid4().hex}/", serves_links=hasattr(store, "verify_token"))
    try:
        yield harness
        await store.delete_prefix(harness.namespace)
    finally:
        await _close(store)


@pytest.fixture
def links(h: Harness) -> Any:
    """The store, for tests of app-served links; skipped for stores whose URLs their backend signs."""
    if not h.serves_links:
        pytest.skip("this store's presigned URLs are verified by its backend")
    return h.store


# --- objects -------------------------------------------------------------------------------------------


async def test_round_trip_keeps_every_byte(h: Harness) -> None:
    data = bytes(range(256)) * 64
    await h.store.put(h.key("resumes/r1/original.pdf"), data, "application/pdf")

    assert await h.store.get(h.key("resumes/r1/original.pdf")) == data
    assert await h.store.exists(h.key("resumes/r1/original.pdf"))


async def test_empty_object_round_trips(h: Harness) -> None:
    await h.store.put(h.key("empty.txt"), b"", "text/plain")

    assert await h.store.get(h.key("empty.txt")) == b""
    assert await h.store.exists(h.key("empty.txt"))


async def test_put_replaces_the_previous_object(h: Harness) -> None:
    await h.store.put(h.key("a.txt"), b"first version, longer", "text/plain")
    await h.store.put(h.key("a.txt"), b"second", "text/plain")

    assert await h.store.get(h.key("a.txt")) == b"second"


async def test_concurrent_readers_never_see_a_partial_object(h: Harness) -> None:
    key = h.key("contended.bin")
    versions = [bytes([n]) * (4096 * (n + 1) + n) for n in range(12)]
    await h.store.put(key, versions[0], "application/octet-stream")
    seen: list[bytes] = []

    async def write(n: int) -> None:
        for _ in range(4):
            await h.store.put(key, versions[n], "application/octet-stream")

    async def read() -> None:
        for _ in range(12):
            seen.append(await h.store.get(key))

    await asyncio.gather(*(write(n) for n in range(len(versions))), *(read() for _ in range(8)))

    assert len(seen) == 96
    assert all(data in versions for data in seen)


async def test_get_of_a_missing_key_raises_not_found(h: Harness) -> None:
    with pytest.raises(NotFound) as caught:
        await h.store.get(h.key("nothing/here.pdf"))
    assert caught.value.code == "not_found"
    assert not await h.store.exists(h.key("nothing/here.pdf"))


async def test_delete_removes_and_is_idempotent(h: Harness) -> None:
    await h.store.put(h.key("gone.txt"), b"x", "text/plain")

    await h.store.delete(h.key("gone.txt"))
    await h.store.delete(h.key("gone.txt"))
    await h.store.delete(h.key("never-existed.txt"))

    assert not await h.store.exists(h.key("gone.txt"))
    with pytest.raises(NotFound):
        await h.store.get(h.key("gone.txt"))


async def test_delete_prefix_deletes_only_under_that_prefix(h: Harness) -> None:
    for name in ("u/a/1.pdf", "u/a/resumes/r/2.pdf", "u/ab/3.pdf", "u/b.pdf"):
        await h.store.put(h.key(name), name.encode(), "application/pdf")

    assert await h.store.delete_prefix(h.key("u/a/")) == 2

    assert not await h.store.exists(h.key("u/a/1.pdf"))
    assert not await h.store.exists(h.key("u/a/resumes/r/2.pdf"))
    assert await h.store.get(h.key("u/ab/3.pdf")) == b"u/ab/3.pdf"
    assert await h.store.get(h.key("u/b.pdf")) == b"u/b.pdf"


async def test_delete_prefix_of_nothing_deletes_nothing(h: Harness) -> None:
    assert await h.store.delete_prefix(h.key("empty/")) == 0


async def test_delete_prefix_needs_a_trailing_slash(h: Harness) -> None:
    await h.store.put(h.key("u/a/1.pdf"), b"x", "application/pdf")

    with pytest.raises(ValueError):
        await h.store.delete_prefix(h.key("u/a"))
    assert await h.store.exists(h.key("u/a/1.pdf"))


UNSAFE_KEYS = [
    "",
    "/etc/passwd",
    "../outside",
    "u/../../outside",
    "u/a/..",
    "u\\a\\b",
    "u/a\x00.pdf",
    "u//a.pdf",
    "u/a/",
    "u/./a.pdf",
    "u/.hidden",
    "u/a\nb.pdf",
]


@pytest.mark.parametrize("key", UNSAFE_KEYS, ids=repr)
async def test_unsafe_keys_are_rejected_by_every_operation(h: Harness, key: str) -> None:
    with pytest.raises(ValueError):
        await h.store.put(key, b"x", "text/plain")
    with pytest.raises(ValueError):
        await h.store.get(key)
    with pytest.raises(ValueError):
        await h.store.exists(key)
    with pytest.raises(ValueError):
        await h.store.delete(key)
    with pytest.raises(ValueError):
        await h.store.presign_download(key, filename="a.pdf", expires_in=60)
    with pytest.raises(ValueError):
        await h.store.presign_upload(key, content_type="application/pdf", max_bytes=10, expires_in=60)


# --- presigned links -----------------------------------------------------------------------------------


def _token(url: str) -> str:
    assert "?token=" in url
    return url.split("?token=", 1)[1]


async def test_download_link_verifies_for_its_key_and_filename(h: Harness, links: Any) -> None:
    key = h.key("versions/v1/a1.pdf")
    url = await links.presign_download(key, filename="Jane Müller.pdf", expires_in=300)

    assert url.startswith(f"{BASE_URL}/blobs/download?token=")
    grant = links.verify_token(_token(url), "download")
    assert grant.key == key
    assert grant.operation == "download"
    assert grant.filename == "Jane Müller.pdf"
    assert grant.expires_at == h.clock.now() + timedelta(seconds=300)


async def test_upload_link_verifies_with_its_limits(h: Harness, links: Any) -> None:
    key = h.key("resumes/r1/original.pdf")
    upload = await links.presign_upload(key, content_type="application/pdf", max_bytes=1000, expires_in=600)

    assert upload.method == "PUT"
    assert upload.url.startswith(f"{BASE_URL}/blobs/upload?token=")
    assert upload.max_bytes == 1000
    assert upload.expires_at == h.clock.now() + timedelta(seconds=600)
    grant = links.verify_token(_token(upload.url), "upload")
    assert (grant.key, grant.operation, grant.max_bytes, grant.content_type) == (
        key,
        "upload",
        1000,
        "application/pdf",
    )


async def test_links_expire(h: Harness, links: Any) -> None:
    url = await links.presign_download(h.key("a.pdf"), filename="a.pdf", expires_in=60)
    upload = await links.presign_upload(
        h.key("b.pdf"), content_type="application/pdf", max_bytes=9, expires_in=60
    )

    h.clock.advance(59)
    links.verify_token(_token(url), "download")
    links.verify_token(_token(upload.url), "upload")

    h.clock.advance(1)
    for token, operation in ((_token(url), "download"), (_token(upload.url), "upload")):
        with pytest.raises(InvalidInput) as caught:
            links.verify_token(token, operation)
        assert caught.value.code == "invalid_input"
        assert "invalid or has expired" in caught.value.message


async def test_a_link_is_bound_to_its_operation(h: Harness, links: Any) -> None:
    url = await links.presign_download(h.key("a.pdf"), filename="a.pdf", expires_in=60)
    upload = await links.presign_upload(
        h.key("a.pdf"), content_type="application/pdf", max_bytes=9, expires_in=60
    )

    with pytest.raises(InvalidInput):
        links.verify_token(_token(url), "upload")
    with pytest.raises(InvalidInput):
        links.verify_token(_token(upload.url), "download")


def _with_claims(token: str, **changes: Any) -> str:
    """The token with its payload edited and its original MAC kept."""
    version, payload, mac = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims.update(changes)
    edited = base64.urlsafe_b64encode(json.dumps(claims, separators=(",", ":")).encode()).rstrip(b"=")
    return f"{version}.{edited.decode()}.{mac}"


async def test_a_link_is_bound_to_its_key_and_limits(h: Harness, links: Any) -> None:
    url = await links.presign_download(h.key("mine.pdf"), filename="a.pdf", expires_in=60)
    upload = await links.presign_upload(
        h.key("mine.pdf"), content_type="application/pdf", max_bytes=9, expires_in=60
    )

    forged = [
        _with_claims(_token(url), k=h.key("theirs.pdf")),
        _with_claims(_token(url), exp=2_000_000_000),
        _with_claims(_token(upload.url), mb=10**9),
        _with_claims(_token(upload.url), ct="text/html"),
    ]
    for token, operation in zip(forged, ("download", "download", "upload", "upload"), strict=True):
        with pytest.raises(InvalidInput):
            links.verify_token(token, operation)


async def test_tampered_and_malformed_tokens_are_rejected(h: Harness, links: Any) -> None:
    token = _token(await links.presign_download(h.key("a.pdf"), filename="a.pdf", expires_in=60))
    flipped = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    other_store = InMemoryBlobStore(
        signing_key=b"another-signing-key-0123456789", base_url=BASE_URL, clock=h.clock
    )
    foreign = _token(await other_store.presign_download(h.key("a.pdf"), filename="a.pdf", expires_in=60))

    respelled = [token + "=", token[:-3] + "!" + token[-3:], token.replace(".", "..", 1)]
    malformed = ["", "v1", "v1..", "v2" + token[2:], token + ".x", "é" * 10, "x" * 100_000]
    for bad in (flipped, foreign, *respelled, *malformed):
        with pytest.raises(InvalidInput):
            links.verify_token(bad, "download")


async def test_upload_through_a_link_enforces_its_size_cap(h: Harness, links: Any) -> None:
    key = h.key("resumes/r1/original.pdf")
    upload = await links.presign_upload(key, content_type="application/pdf", max_bytes=10, expires_in=60)
    grant = links.verify_token(_token(upload.url), "upload")

    with pytest.raises(FileTooLarge) as caught:
        await links.write_upload(grant, b"x" * 11)
    assert caught.value.code == "file_too_large"
    assert not await h.store.exists(key)

    await links.write_upload(grant, b"y" * 10)
    assert await h.store.get(key) == b"y" * 10


async def test_a_download_grant_cannot_write(h: Harness, links: Any) -> None:
    url = await links.presign_download(h.key("a.pdf"), filename="a.pdf", expires_in=60)
    grant = links.verify_token(_token(url), "download")

    with pytest.raises(InvalidInput):
        await links.write_upload(grant, b"x")
    assert not await h.store.exists(h.key("a.pdf"))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"content_type": "text/html\r\nX-Evil: 1", "max_bytes": 10, "expires_in": 60},
        {"content_type": "application/pdf", "max_bytes": 0, "expires_in": 60},
        {"content_type": "application/pdf", "max_bytes": 10, "expires_in": 0},
        {"content_type": "application/pdf", "max_bytes": 10, "expires_in": 8 * 24 * 3600},
    ],
)
async def test_presign_upload_refuses_unsafe_parameters(h: Harness, kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        await h.store.presign_upload(h.key("a.pdf"), **kwargs)


@pytest.mark.parametrize("filename", ["", "a\r\nb.pdf", "../a.pdf", "a\\b.pdf"], ids=repr)
async def test_presign_download_refuses_unsafe_filenames(h: Harness, filename: str) -> None:
    with pytest.raises(ValueError):
        await h.store.presign_download(h.key("a.pdf"), filename=filename, expires_in=60)


# --- local disk only -----------------------------------------------------------------------------------


def _local(tmp_path: Path) -> LocalBlobStore:
    return LocalBlobStore(tmp_path / "blobs", signing_key=SIGNING_KEY, base_url=BASE_URL, clock=FakeClock())


async def test_local_store_creates_nothing_until_the_first_write(tmp_path: Path) -> None:
    store = _local(tmp_path)
    assert not (tmp_path / "blobs").exists()

    await store.put("u/x/a.txt", b"a", "text/plain")

    assert (tmp_path / "blobs" / "u" / "x" / "a.txt").read_bytes() == b"a"


async def test_local_disk_full_keeps_the_old_object_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _local(tmp_path)
    await store.put("u/x/a.txt", b"old", "text/plain")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(StorageUnavailable) as caught:
        await store.put("u/x/a.txt", b"new", "text/plain")
    monkeypatch.undo()

    assert caught.value.code == "storage_unavailable"
    assert isinstance(caught.value.__cause__, OSError)
    assert await store.get("u/x/a.txt") == b"old"
    assert sorted(p.name for p in (tmp_path / "blobs" / "u" / "x").iterdir()) == ["a.txt"]


async def test_local_unwritable_root_is_storage_unavailable(tmp_path: Path) -> None:
    (tmp_path / "blobs").write_text("a file where the root should be")
    store = _local(tmp_path)

    with pytest.raises(StorageUnavailable):
        await store.put("u/x/a.txt", b"a", "text/plain")


async def test_local_symlink_cannot_lead_a_key_outside_the_root(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret")
    (tmp_path / "blobs" / "u").mkdir(parents=True)
    (tmp_path / "blobs" / "u" / "link").symlink_to(outside, target_is_directory=True)
    store = _local(tmp_path)

    with pytest.raises(ValueError):
        await store.get("u/link/secret.txt")
    with pytest.raises(ValueError):
        await store.put("u/link/new.txt", b"x", "text/plain")
    assert not (outside / "new.txt").exists()


# --- S3 only: links that S3 itself verifies ------------------------------------------------------------


@dataclass
class S3Harness:
    store: Any
    clock: FakeClock
    namespace: str
    full_prefix: str

    def key(self, name: str) -> str:
        return f"{self.namespace}{name}"


@pytest.fixture
async def s3h(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[S3Harness]:
    url = _s3_url(monkeypatch)
    from resumax_adapters.storage.s3 import S3BlobStore

    clock = FakeClock()
    store = S3BlobStore.from_url(url, clock=clock)
    namespace = f"t/{uuid.uuid4().hex}/"
    try:
        yield S3Harness(store, clock, namespace, store.prefix + namespace)
        await store.delete_prefix(namespace)
    finally:
        await store.aclose()


def _policy(fields: dict[str, str]) -> dict[str, Any]:
    return dict(json.loads(base64.b64decode(fields["policy"])))


async def test_s3_upload_link_is_a_post_whose_policy_caps_size_and_binds_key_and_type(s3h: S3Harness) -> None:
    key = s3h.key("resumes/r1/original.pdf")
    upload = await s3h.store.presign_upload(
        key, content_type="application/pdf", max_bytes=1000, expires_in=600
    )

    assert upload.method == "POST"
    assert upload.max_bytes == 1000
    assert upload.expires_at == s3h.clock.now() + timedelta(seconds=600)
    assert upload.fields["key"] == s3h.full_prefix + "resumes/r1/original.pdf"
    assert upload.fields["Content-Type"] == "application/pdf"
    assert upload.fields["x-amz-server-side-encryption"] == "AES256"
    policy = _policy(upload.fields)
    conditions = policy["conditions"]
    assert ["content-length-range", 1, 1000] in conditions
    assert {"Content-Type": "application/pdf"} in conditions
    assert {"key": upload.fields["key"]} in conditions
    assert {"bucket": s3h.store.bucket} in conditions
    assert {"x-amz-server-side-encryption": "AES256"} in conditions
    expiration = datetime.strptime(policy["expiration"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert abs((expiration - datetime.now(UTC)).total_seconds() - 600) < 60


async def test_s3_presigned_post_uploads_the_file(s3h: S3Harness) -> None:
    import httpx

    key = s3h.key("resumes/r1/original.pdf")
    upload = await s3h.store.presign_upload(key, content_type="application/pdf", max_bytes=100, expires_in=60)
    async with httpx.AsyncClient() as client:
        answer = await client.post(
            upload.url, data=upload.fields, files={"file": ("cv.pdf", b"%PDF-1.7 tiny", "application/pdf")}
        )

    assert answer.status_code in (200, 201, 204)
    assert await s3h.store.get(key) == b"%PDF-1.7 tiny"


async def test_s3_download_link_serves_the_bytes_as_a_named_attachment(s3h: S3Harness) -> None:
    import httpx

    key = s3h.key("versions/v1/a1.pdf")
    await s3h.store.put(key, b"%PDF-1.7 export", "application/pdf")

    url = await s3h.store.presign_download(key, filename='Jane Müller "CV".pdf', expires_in=300)
    async with httpx.AsyncClient() as client:
        answer = await client.get(url)

    assert "X-Amz-Expires=300" in url
    assert answer.status_code == 200
    assert answer.content == b"%PDF-1.7 export"
    assert answer.headers["content-disposition"] == (
        "attachment; filename=\"Jane Muller _CV_.pdf\"; filename*=UTF-8''Jane%20M%C3%BCller%20%22CV%22.pdf"
    )


async def test_s3_objects_keep_their_type_and_are_encrypted(s3h: S3Harness) -> None:
    import boto3

    key = s3h.key("a.txt")
    await s3h.store.put(key, b"hello", "text/plain; charset=utf-8")

    query = dict(parse_qsl(urlsplit(os.environ[S3_URL_VARIABLE]).query))
    client = boto3.session.Session().client(
        "s3", endpoint_url=query.get("endpoint"), region_name=query.get("region")
    )
    try:
        head = client.head_object(Bucket=s3h.store.bucket, Key=s3h.full_prefix + "a.txt")
    finally:
        client.close()
    assert head["ContentType"] == "text/plain; charset=utf-8"
    assert head["ServerSideEncryption"] == "AES256"


async def test_s3_delete_prefix_deletes_in_batches(s3h: S3Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    from resumax_adapters.storage import s3

    monkeypatch.setattr(s3, "DELETE_BATCH", 3)
    for n in range(7):
        await s3h.store.put(s3h.key(f"u/a/{n}.txt"), b"x", "text/plain")
    await s3h.store.put(s3h.key("u/b/keep.txt"), b"x", "text/plain")

    assert await s3h.store.delete_prefix(s3h.key("u/a/")) == 7
    assert not await s3h.store.exists(s3h.key("u/a/6.txt"))
    assert await s3h.store.exists(s3h.key("u/b/keep.txt"))


async def test_s3_missing_bucket_is_storage_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    parts = urlsplit(_s3_url(monkeypatch))
    from resumax_adapters.storage.s3 import S3BlobStore

    url = parts._replace(netloc=f"resumax-missing-{uuid.uuid4().hex[:12]}").geturl()
    store = S3BlobStore.from_url(url, clock=FakeClock(), max_attempts=1)
    try:
        with pytest.raises(StorageUnavailable) as caught:
            await store.get("u/x/a.txt")
        with pytest.raises(StorageUnavailable):
            await store.put("u/x/a.txt", b"x", "text/plain")
    finally:
        await store.aclose()
    assert caught.value.code == "storage_unavailable"


# --- S3 without a server: URL parsing and error translation --------------------------------------------


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_s3_unreachable_endpoint_is_storage_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("boto3")
    from botocore.exceptions import BotoCoreError

    from resumax_adapters.storage.s3 import S3BlobStore

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    store = S3BlobStore(
        bucket="resumax-test",
        endpoint_url=f"http://127.0.0.1:{_closed_port()}",
        region="us-east-1",
        clock=FakeClock(),
        max_attempts=1,
        connect_timeout=0.5,
    )
    calls = [
        store.put("u/x/a.txt", b"x", "text/plain"),
        store.get("u/x/a.txt"),
        store.exists("u/x/a.txt"),
        store.delete("u/x/a.txt"),
        store.delete_prefix("u/x/"),
    ]
    try:
        for call in calls:
            with pytest.raises(StorageUnavailable) as caught:
                await call
            assert isinstance(caught.value.__cause__, BotoCoreError)
    finally:
        await store.aclose()


def test_s3_url_names_bucket_prefix_endpoint_region_and_encryption() -> None:
    pytest.importorskip("boto3")
    from resumax_adapters.storage.s3 import S3BlobStore

    store = S3BlobStore.from_url(
        "s3://resumax-prod/blobs/v1?endpoint=http://127.0.0.1:9000&region=eu-west-3&sse=none",
        clock=FakeClock(),
    )
    plain = S3BlobStore.from_url("s3://resumax-prod", clock=FakeClock())

    assert (store.bucket, store.prefix) == ("resumax-prod", "blobs/v1/")
    assert (plain.bucket, plain.prefix) == ("resumax-prod", "")


@pytest.mark.parametrize(
    "url",
    [
        "file:///tmp/blobs",
        "s3:///no-bucket",
        "s3://UPPER-case",
        "s3://resumax/../x",
        "s3://resumax?endpint=http://typo",
        "s3://resumax?sse=des",
    ],
)
def test_s3_bad_urls_are_refused(url: str) -> None:
    pytest.importorskip("boto3")
    from resumax_adapters.storage.s3 import S3BlobStore

    with pytest.raises(ValueError):
        S3BlobStore.from_url(url, clock=FakeClock())

"""The BlobStore contract, run against every adapter: memory, local disk, and S3 when configured.

S3 runs only when ``RESUMAX_TEST_S3_URL`` is set (and fails, rather than skips, when
``RESUMAX_REQUIRE_SERVICES=1`` and it is not). Each test works under its own random prefix so a shared
bucket is safe. Tests of app-served links (``verify_token``, ``write_upload``) run on stores that serve
their own links; S3 signs its URLs itself.
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


def _s3_store(clock: FakeClock, tmp_path: Path) -> BlobStore:
    url = _require_service("RESUMAX_TEST_S3_URL")
    if importlib.util.find_spec("resumax_adapters.storage.s3") is None:
        pytest.skip("resumax_adapters.storage.s3 does not exist yet")
    from resumax_adapters.storage import s3

    # The S3 adapter provides this test hook: a store for the bucket/prefix named by the URL.
    store: BlobStore = s3.S3BlobStore.from_url(url)
    return store


def _memory_store(clock: FakeClock, tmp_path: Path) -> BlobStore:
    return InMemoryBlobStore(signing_key=SIGNING_KEY, base_url=BASE_URL, clock=clock)


def _local_store(clock: FakeClock, tmp_path: Path) -> BlobStore:
    return LocalBlobStore(tmp_path / "blobs", signing_key=SIGNING_KEY, base_url=BASE_URL, clock=clock)


BACKENDS: dict[str, Callable[[FakeClock, Path], BlobStore]] = {
    "memory": _memory_store,
    "local": _local_store,
    "s3": _s3_store,
}


@pytest.fixture(params=list(BACKENDS))
async def h(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Harness]:
    clock = FakeClock()
    store = BACKENDS[request.param](clock, tmp_path)
    harness = Harness(store, clock, f"t/{uuid.uuid4().hex}/", serves_links=hasattr(store, "verify_token"))
    yield harness
    await store.delete_prefix(harness.namespace)


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

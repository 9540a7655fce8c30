"""Files through HTTP: signed links, size caps, content types, filenames (SECURITY 21, 22, 26), body
limits."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from resumax_http.routes.blobs import content_disposition
from tests.api.support import EXAMPLES, Api, memory_settings, running
from tests.fakes import FakeClock

LIMIT = 4000
RESUME = (EXAMPLES / "resume.txt").read_bytes()


@pytest.fixture
async def small(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Api]:
    """An app whose uploads are capped at LIMIT bytes, on a controllable clock."""
    async with running(memory_settings(tmp_path, max_upload_bytes=LIMIT), clock=clock) as started:
        yield started


async def _presign(api: Api, headers: dict[str, str], **changes: Any) -> dict[str, Any]:
    body = {"filename": "resume.txt", "mimeType": "text/plain", "size": len(RESUME)} | changes
    response = await api.client.post("/resumes/presign", headers=headers, json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def _tamper(url: str) -> str:
    return url[:-3] + ("AAA" if not url.endswith("AAA") else "BBB")


async def test_uploads_through_signed_links_are_capped_typed_and_unforgeable(
    small: Api, clock: FakeClock
) -> None:
    headers = await small.user("ada@example.com")
    too_big = await small.client.post(
        "/resumes/presign",
        headers=headers,
        json={"filename": "r.txt", "mimeType": "text/plain", "size": LIMIT + 1},
    )
    assert too_big.status_code == 413 and too_big.json()["code"] == "file_too_large"

    upload = await _presign(small, headers)
    url = upload["uploadUrl"]
    declared = await small.client.put(url, content=b"x" * (LIMIT + 1), headers={"Content-Type": "text/plain"})
    assert declared.status_code == 413 and declared.json()["code"] == "file_too_large"

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(10):
            yield b"y" * 1000

    streamed = await small.client.put(url, content=chunks(), headers={"Content-Type": "text/plain"})
    assert streamed.status_code == 413, "stopped while streaming, with no Content-Length"

    wrong_type = await small.client.put(url, content=RESUME, headers={"Content-Type": "application/pdf"})
    assert wrong_type.status_code == 415 and wrong_type.json()["code"] == "file_type_mismatch"
    forged = await small.client.put(_tamper(url), content=RESUME, headers={"Content-Type": "text/plain"})
    assert forged.status_code == 403
    as_download = await small.client.get(url.replace("/blobs/upload", "/blobs/download"))
    assert as_download.status_code == 403
    assert getattr(small.resumax.blobs, "keys")() == []  # noqa: B009

    clock.advance(small.resumax.settings.upload_url_ttl_seconds + 1)
    expired = await small.client.put(url, content=RESUME, headers=upload["headers"])
    assert expired.status_code == 403 and expired.json()["code"] == "forbidden"

    fresh = await _presign(small, headers)
    assert (
        await small.client.put(fresh["uploadUrl"], content=RESUME, headers=fresh["headers"])
    ).status_code == 204
    parse = await small.client.post(f"/resumes/{fresh['resumeId']}/parse", headers=headers)
    assert parse.status_code == 202


async def test_parsing_before_the_upload_is_a_conflict(api: Api) -> None:
    headers = await api.user("ada@example.com")
    upload = await _presign(api, headers)
    response = await api.client.post(f"/resumes/{upload['resumeId']}/parse", headers=headers)
    assert response.status_code == 409 and response.json()["code"] == "invalid_state"


async def test_filenames_never_reach_a_storage_path(api: Api) -> None:
    headers = await api.user("ada@example.com")
    user_id = (await api.client.get("/users/me", headers=headers)).json()["id"]
    for filename, shown in (("../../etc/passwd.txt", "passwd.txt"), ("..\\..\\CON.txt", "CON.txt")):
        upload = await _presign(api, headers, filename=filename)
        put = await api.client.put(upload["uploadUrl"], content=RESUME, headers=upload["headers"])
        assert put.status_code == 204
        resume = (await api.client.get(f"/resumes/{upload['resumeId']}", headers=headers)).json()
        assert resume["originalFilename"] == shown
    keys = getattr(api.resumax.blobs, "keys")()  # noqa: B009
    assert len(keys) == 2
    assert all(key.startswith(f"u/{user_id}/resumes/") and key.endswith("/original.txt") for key in keys)

    executable = await api.client.post(
        "/resumes/presign",
        headers=headers,
        json={"filename": "a.pdf%00.exe", "mimeType": "text/plain", "size": 10},
    )
    assert executable.status_code == 415
    nul = await api.client.post(
        "/resumes/presign",
        headers=headers,
        json={"filename": "a.pdf\u0000.exe", "mimeType": "text/plain", "size": 9},
    )
    assert nul.status_code == 422 and nul.json()["details"]["field"] == "filename"


async def test_downloads_are_attachments_with_a_safe_name(api: Api) -> None:
    headers = await api.user("ada@example.com")
    optimization, version = await api.version(headers)
    renamed = await api.client.patch(
        f"/resumes/{optimization['resumeId']}", headers=headers, json={"title": 'Résumé "x"; y=\r\n../../z'}
    )
    assert renamed.status_code == 200
    export = await api.client.post(
        "/exports", headers=headers, json={"versionId": version["id"], "format": "docx"}
    )
    download = await api.client.get(export.json()["downloadUrl"])
    assert download.status_code == 200
    disposition = download.headers["content-disposition"]
    assert disposition.isascii() and "\r" not in disposition and "\n" not in disposition
    assert disposition.startswith('attachment; filename="') and "filename*=UTF-8''" in disposition
    assert "/" not in disposition.split("filename=")[1].split(";")[0]
    assert download.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.headers["cache-control"] == "no-store"
    assert download.content.startswith(b"PK")
    assert (await api.client.get(_tamper(export.json()["downloadUrl"]))).status_code == 403


def test_content_disposition_follows_rfc_6266() -> None:
    header = content_disposition('Résumé "final"; x=1.pdf')
    assert header == (
        'attachment; filename="Resume_final_x_1.pdf"; '
        "filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22%3B%20x%3D1.pdf"
    )
    assert content_disposition("...").startswith('attachment; filename="download"')


async def test_direct_multipart_uploads(small: Api) -> None:
    headers = await small.user("ada@example.com")
    client = small.client
    created = await client.post(
        "/resumes",
        headers=headers,
        files={"file": ("cv.txt", RESUME, "text/plain")},
        data={"title": "Direct"},
    )
    assert created.status_code == 201, created.text
    assert created.json()["parseStatus"] == "completed" and created.json()["title"] == "Direct"

    too_big = await client.post(
        "/resumes", headers=headers, files={"file": ("cv.txt", b"z" * (LIMIT + 1), "text/plain")}
    )
    assert too_big.status_code == 413
    unknown = await client.post(
        "/resumes", headers=headers, files={"file": ("cv.txt", RESUME, "text/plain")}, data={"userId": "x"}
    )
    assert unknown.status_code == 422 and unknown.json()["details"]["field"] == "userId"
    missing = await client.post(
        "/resumes", headers=headers, data={"title": "No file"}, files={"other": ("a", b"")}
    )
    assert missing.status_code == 422
    as_json = await client.post("/resumes", headers=headers, json={"title": "x"})
    assert as_json.status_code == 415
    exe = await client.post(
        "/resumes", headers=headers, files={"file": ("cv.exe", b"MZ....", "application/octet-stream")}
    )
    assert exe.status_code == 415 and exe.json()["code"] == "unsupported_file_type"
    lying = await client.post(
        "/resumes", headers=headers, files={"file": ("cv.pdf", RESUME, "application/pdf")}
    )
    assert lying.status_code in (415, 422) and lying.json()["code"] != "internal_error"
    listed = await client.get("/resumes", headers=headers)
    assert [item["title"] for item in listed.json()["items"]] == ["Direct"]


async def test_json_bodies_over_the_limit_are_refused_before_being_read(api: Api) -> None:
    headers = await api.user("ada@example.com")
    big = b'{"text": "' + b"a" * (1024 * 1024) + b'"}'
    declared = await api.client.post(
        "/job-descriptions", headers={**headers, "Content-Type": "application/json"}, content=big
    )
    assert declared.status_code == 413 and declared.json()["code"] == "payload_too_large"

    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"text": "'
        for _ in range(20):
            yield b"b" * 65536
        yield b'"}'

    streamed = await api.client.post(
        "/job-descriptions", headers={**headers, "Content-Type": "application/json"}, content=chunks()
    )
    assert streamed.status_code == 413
    assert (await api.client.get("/job-descriptions", headers=headers)).json()["items"] == []


async def test_the_blob_routes_are_absent_when_the_store_signs_its_own_links(tmp_path: Path) -> None:
    async with running(memory_settings(tmp_path)) as api:
        api.resumax.blob_links = None
        response = await api.client.get("/blobs/download", params={"token": "v1.a.b"})
        assert response.status_code == 404

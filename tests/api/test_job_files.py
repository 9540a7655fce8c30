"""POST /job-descriptions with a file: the posting as PDF, DOCX, text, Markdown, HTML or JSON."""

from __future__ import annotations

import io
import textwrap
from typing import Any

import docx

from tests.api.support import EXAMPLES, Api, bearer
from tests.conftest import REPO_ROOT
from tests.contract.test_document_parser import make_pdf

JOB_TEXT = (EXAMPLES / "job.txt").read_text()
JSON_POSTING = REPO_ROOT.parent / "shared" / "corpus" / "jds" / "jsonresume_sample_job_web_developer.json"


def _pdf_of(text: str) -> bytes:
    """One page laid out as a posting: blank lines as space, short plain lines as bold headings."""
    drawn: list[tuple[str, float, float, float, bool]] = []
    y = 750.0
    for line in text.splitlines():
        if not line.strip():
            y -= 8
            continue
        heading = not drawn or (len(line) < 40 and not line.startswith("- "))
        for part in textwrap.wrap(line, 95):
            drawn.append((part, 54, y, 10, heading))
            y -= 14
    assert y > 40, "the posting fits one page"
    return make_pdf([drawn])


def _docx_of(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


async def _upload(
    api: Api, headers: dict[str, str], name: str, data: bytes, **fields: str
) -> tuple[int, dict[str, Any]]:
    response = await api.client.post(
        "/job-descriptions", headers=headers, files={"file": (name, data)}, data=fields
    )
    return response.status_code, dict(response.json())


async def test_a_pdf_or_docx_posting_is_read_and_analysed_like_pasted_text(api: Api) -> None:
    headers = await api.user("ada@example.com")
    pasted = (await api.client.post("/job-descriptions", headers=headers, json={"text": JOB_TEXT})).json()
    pasted_skills = set(pasted["metadata"]["analysis"]["requiredSkills"])
    assert pasted_skills, pasted["metadata"]
    for name, data in (("posting.pdf", _pdf_of(JOB_TEXT)), ("posting.docx", _docx_of(JOB_TEXT))):
        status, created = await _upload(api, headers, name, data)
        assert status == 201, created
        job = (await api.client.get(f"/job-descriptions/{created['id']}", headers=headers)).json()
        assert job["sourceType"] == "upload" and job["title"] == "Senior Backend Engineer", (name, job)
        assert "Experience writing automated tests (pytest)" in job["sanitizedText"]
        assert set(job["metadata"]["analysis"]["requiredSkills"]) == pasted_skills, name


async def test_text_markdown_and_json_postings_are_read_as_text(api: Api) -> None:
    headers = await api.user("ada@example.com")
    status, from_markdown = await _upload(
        api, headers, "job.md", ("# " + JOB_TEXT).encode(), company="Freight Co", location="Remote"
    )
    assert status == 201, from_markdown
    job = (await api.client.get(f"/job-descriptions/{from_markdown['id']}", headers=headers)).json()
    assert (job["company"], job["location"]) == ("Freight Co", "Remote"), "given fields win"
    status, from_json = await _upload(api, headers, "posting.json", JSON_POSTING.read_bytes())
    assert status == 201, from_json
    job = (await api.client.get(f"/job-descriptions/{from_json['id']}", headers=headers)).json()
    assert job["title"] == "Web Developer" and job["sourceType"] == "upload"


async def test_files_that_are_not_postings_are_refused_with_a_clear_code(api: Api) -> None:
    headers = await api.user("ada@example.com")
    status, body = await _upload(api, headers, "photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    assert status == 415 and body["code"] == "unsupported_file_type"
    assert "PDF, DOCX" in body["message"]
    status, body = await _upload(api, headers, "broken.pdf", b"%PDF-1.4 not really a pdf")
    assert status == 422 and body["code"] in ("corrupt_document", "file_type_mismatch"), body
    status, body = await _upload(api, headers, "short.txt", b"Python")
    assert status == 422 and body["code"] == "invalid_input", body
    status, body = await _upload(api, headers, "job.txt", JOB_TEXT.encode(), salary="a lot")
    assert status == 422 and body["details"]["field"] == "salary"
    assert (await api.client.get("/job-descriptions", headers=headers)).json()["items"] == []


async def test_an_oversized_posting_is_refused_before_it_is_read_whole(api: Api) -> None:
    headers = await api.user("ada@example.com")
    huge = b"%PDF-1.4\n" + b"0" * (api.resumax.settings.max_upload_bytes + 1)
    status, body = await _upload(api, headers, "huge.pdf", huge)
    assert status == 413 and body["code"] in ("file_too_large", "payload_too_large"), body


async def test_uploading_a_posting_needs_a_confirmed_email_but_pasting_does_not(api: Api) -> None:
    session = await api.signup("ada@example.com", verify=False)
    headers = bearer(session["accessToken"])
    status, body = await _upload(api, headers, "job.txt", JOB_TEXT.encode())
    assert status == 403 and body["details"] == {"reason": "email_not_verified"}
    pasted = await api.client.post("/job-descriptions", headers=headers, json={"text": JOB_TEXT})
    assert pasted.status_code == 201


async def test_the_upload_is_documented_next_to_the_json_body(api: Api) -> None:
    document = (await api.client.get("/openapi.json")).json()
    content = document["paths"]["/job-descriptions"]["post"]["requestBody"]["content"]
    assert set(content) == {"application/json", "multipart/form-data"}
    form = content["multipart/form-data"]["schema"]
    assert form["required"] == ["file"]
    assert set(form["properties"]) == {"file", "title", "company", "location"}

"""The whole journey through HTTP: sign up, upload through the signed link, parse, tailor, accept, export,
download, on memory:// and on a temporary SQLite database with files on disk and the outbox mailer."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.api.support import (
    BASE_URL,
    EXAMPLES,
    bearer,
    memory_settings,
    running,
    sqlite_settings,
    sse_events,
)


@pytest.mark.parametrize("store", ["memory", "sqlite"])
async def test_sign_up_upload_tailor_accept_export_and_download(tmp_path: Path, store: str) -> None:
    settings = memory_settings(tmp_path) if store == "memory" else sqlite_settings(tmp_path)
    async with running(settings) as api:
        client = api.client
        email = "ada@example.com"

        registered = await api.register(email)
        assert registered.status_code == 202
        assert registered.json()["status"] == "verification_sent"
        token = api.emailed_token(email, "/verify-email")
        verified = await client.post("/auth/verify", json={"token": token})
        assert verified.json() == {"status": "verified"}

        login = await client.post(
            "/auth/login", json={"email": email, "password": "correct horse battery staple 42"}
        )
        assert login.status_code == 200
        session = login.json()
        assert set(session) == {"user", "accessToken", "refreshToken", "expiresIn", "tokenType"}
        assert session["user"]["emailVerified"] is True
        assert client.cookies.get("resumax_refresh") == session["refreshToken"]
        headers = bearer(session["accessToken"])

        resume_bytes = (EXAMPLES / "resume.txt").read_bytes()
        presigned = await client.post(
            "/resumes/presign",
            headers=headers,
            json={
                "filename": "resume.txt",
                "mimeType": "text/plain",
                "size": len(resume_bytes),
                "title": "Mine",
            },
        )
        assert presigned.status_code == 201, presigned.text
        upload = presigned.json()
        assert upload["uploadUrl"].startswith(f"{BASE_URL}/blobs/upload?token=")
        assert upload["method"] == "PUT" and upload["maxBytes"] == settings.max_upload_bytes
        put = await client.put(upload["uploadUrl"], content=resume_bytes, headers=upload["headers"])
        assert put.status_code == 204, put.text

        resume_id = upload["resumeId"]
        parse = await client.post(f"/resumes/{resume_id}/parse", headers=headers)
        assert parse.status_code == 202
        assert parse.json() == {"resumeId": resume_id, "status": "parsing"}
        for _ in range(500):
            resume = (await client.get(f"/resumes/{resume_id}", headers=headers)).json()
            if resume["parseStatus"] != "parsing":
                break
            await asyncio.sleep(0.01)
        assert resume["parseStatus"] == "completed", resume
        assert resume["title"] == "Mine" and resume["originalFilename"] == "resume.txt"
        assert resume["parsedSections"]["sections"]

        created = await client.post(
            "/job-descriptions", headers=headers, json={"text": (EXAMPLES / "job.txt").read_text()}
        )
        assert created.status_code == 201
        job = created.json()
        assert job["jobDescriptionId"] == job["id"]
        assert "python" in [skill.lower() for skill in job["metadata"]["analysis"]["requiredSkills"]]

        started = await client.post(
            "/optimize", headers=headers, json={"resumeId": resume_id, "jobDescriptionId": job["id"]}
        )
        assert started.status_code == 202
        optimization_id = started.json()["optimizationId"]
        assert started.json()["status"] == "queued"

        stream = await client.get(f"/optimize/{optimization_id}/events", headers=headers)
        assert stream.status_code == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        events = sse_events(stream.text)
        assert [name for name, _ in events][-2:] == ["status", "end"]
        assert events[-1][1]["status"] == "completed"
        assert events[-1][1]["result"]["changes"]

        polled = await client.get(f"/optimize/{optimization_id}", headers=headers)
        optimization = polled.json()
        assert optimization["status"] == "completed"
        result = optimization["result"]
        assert result["scoreAfter"]["total"] >= result["scoreBefore"]["total"]
        change_ids = [change["id"] for change in result["changes"]]

        preview = await client.post(
            f"/optimize/{optimization_id}/preview", headers=headers, json={"acceptedChanges": change_ids[:1]}
        )
        assert preview.status_code == 200
        assert preview.json()["applied"] + preview.json()["skipped"] == change_ids[:1]

        accepted = await client.post(
            f"/optimize/{optimization_id}/accept", headers=headers, json={"acceptedChanges": change_ids}
        )
        assert accepted.status_code == 201, accepted.text
        version = accepted.json()
        assert version["versionId"] == version["id"]
        listed = await client.get("/versions", headers=headers, params={"optimizationId": optimization_id})
        assert [item["id"] for item in listed.json()["items"]] == [version["id"]]

        text_export = await client.post(
            "/exports", headers=headers, json={"versionId": version["id"], "format": "text"}
        )
        assert text_export.status_code == 201, text_export.text
        downloaded = await client.get(text_export.json()["downloadUrl"])
        assert downloaded.status_code == 200
        assert downloaded.headers["content-disposition"].startswith('attachment; filename="Mine.txt"')
        assert downloaded.headers["x-content-type-options"] == "nosniff"
        assert downloaded.headers["cache-control"] == "no-store"
        assert "Alex Rivera" in downloaded.content.decode()

        pdf_export = await client.post(
            "/exports", headers=headers, json={"versionId": version["id"], "format": "pdf"}
        )
        assert pdf_export.status_code == 201
        fresh = await client.get(f"/exports/{pdf_export.json()['id']}", headers=headers)
        assert fresh.status_code == 200
        pdf = await client.get(fresh.json()["downloadUrl"])
        assert pdf.headers["content-type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF")

        detail = await client.get(f"/versions/{version['id']}", headers=headers)
        assert sorted(export["format"] for export in detail.json()["exports"]) == ["pdf", "text"]

        logout = await client.post("/auth/logout", headers=headers, json={})
        assert logout.status_code == 204
        refresh = await client.post("/auth/refresh", json={"refreshToken": session["refreshToken"]})
        assert refresh.status_code == 401

"""The stored journey through the use cases: resume → job → optimize → accept → export."""

from __future__ import annotations

from pathlib import Path

import pytest

from resumax_adapters import Resumax, bootstrap
from resumax_core.entities import ExportFormat, OptimizationStatus, ParsedDocument, ParseStatus
from resumax_core.errors import (
    IdempotencyConflict,
    InvalidInput,
    InvalidState,
    NotFound,
    QueueUnavailable,
    UnsupportedFileType,
)
from resumax_core.ports import RewriteRequest
from tests.fakes import FailingLanguageModel, FakeClock, ObservingLanguageModel
from tests.unit.use_cases.conftest import ALICE, BOB, add_users, memory_settings


async def _optimized(app: Resumax, resume_bytes: bytes, job_text: str, user: str = ALICE):  # type: ignore[no-untyped-def]
    resume = await app.add_resume.execute(user, "alex.txt", resume_bytes)
    job = await app.create_job_description.execute(user, job_text)
    optimization = await app.request_optimization.execute(user, resume.id, job.id)
    return resume, job, await app.get_optimization.execute(user, optimization.id)


async def test_added_resume_is_parsed_and_private(app: Resumax, resume_bytes: bytes) -> None:
    resume = await app.add_resume.execute(ALICE, "alex.txt", resume_bytes)

    assert resume.parse_status is ParseStatus.COMPLETED
    assert resume.title == "alex"
    document = ParsedDocument.from_dict(resume.parsed_sections or {})
    assert document.contact.email == "alex.rivera@example.com"
    assert [r.id for r in await app.list_resumes.execute(ALICE)] == [resume.id]
    assert await app.list_resumes.execute(BOB) == []
    with pytest.raises(NotFound):
        await app.get_resume.execute(BOB, resume.id)


async def test_unreadable_upload_leaves_nothing_behind(app: Resumax) -> None:
    with pytest.raises(UnsupportedFileType):
        await app.add_resume.execute(ALICE, "virus.exe", b"MZ\x90\x00")
    with pytest.raises(InvalidInput):
        await app.add_resume.execute(ALICE, "empty.txt", b"   \n")
    assert await app.list_resumes.execute(ALICE) == []


async def test_job_description_is_sanitised_and_analysed(app: Resumax, job_text: str) -> None:
    job = await app.create_job_description.execute(ALICE, job_text)

    assert job.title == "Senior Backend Engineer"
    analysis = job.metadata["analysis"]
    assert "Python" in analysis["required_skills"]
    assert "401(k)" not in " ".join(analysis["required_skills"] + analysis["preferred_skills"])


async def test_optimization_completes_with_scores_and_changes(
    app: Resumax, resume_bytes: bytes, job_text: str
) -> None:
    resume, _, optimization = await _optimized(app, resume_bytes, job_text)

    assert optimization.status is OptimizationStatus.COMPLETED
    result = optimization.result or {}
    assert 0 <= result["scoreBefore"]["total"] <= result["scoreAfter"]["total"] <= 100
    assert result["changes"], "the offline engine suggests changes for the example resume"
    for change in result["changes"]:
        assert change["reason"]
    assert optimization.alignment_score == result["scoreBefore"]["total"]
    assert (await app.get_resume.execute(ALICE, resume.id)).last_score == optimization.alignment_score


async def test_statuses_pass_through_generating(
    tmp_path: Path, clock: FakeClock, resume_bytes: bytes, job_text: str
) -> None:
    seen: list[OptimizationStatus] = []
    holder: dict[str, Resumax] = {}

    async def look(request: RewriteRequest) -> None:
        app = holder["app"]
        (latest,) = await app.list_optimizations.execute(ALICE)
        seen.append(latest.status)

    from resumax_adapters.llm.offline import OfflineLanguageModel

    engine = ObservingLanguageModel(OfflineLanguageModel(), look)
    async with bootstrap(memory_settings(tmp_path), clock=clock, llm=engine) as app:
        await add_users(app, ALICE)
        holder["app"] = app
        _, _, optimization = await _optimized(app, resume_bytes, job_text)
    assert set(seen) == {OptimizationStatus.GENERATING}
    assert optimization.status is OptimizationStatus.COMPLETED


async def test_idempotency_key_returns_the_same_optimization(
    app: Resumax, resume_bytes: bytes, job_text: str
) -> None:
    resume = await app.add_resume.execute(ALICE, "alex.txt", resume_bytes)
    job = await app.create_job_description.execute(ALICE, job_text)
    other_job = await app.create_job_description.execute(ALICE, job_text + "\nAlso Go.")

    first = await app.request_optimization.execute(ALICE, resume.id, job.id, idempotency_key="k1")
    again = await app.request_optimization.execute(ALICE, resume.id, job.id, idempotency_key="k1")
    assert again.id == first.id
    with pytest.raises(IdempotencyConflict):
        await app.request_optimization.execute(ALICE, resume.id, other_job.id, idempotency_key="k1")
    assert len(await app.list_optimizations.execute(ALICE)) == 1


async def test_another_users_records_cannot_be_optimized(
    app: Resumax, resume_bytes: bytes, job_text: str
) -> None:
    resume = await app.add_resume.execute(ALICE, "alex.txt", resume_bytes)
    job = await app.create_job_description.execute(ALICE, job_text)
    with pytest.raises(NotFound):
        await app.request_optimization.execute(BOB, resume.id, job.id)
    with pytest.raises(NotFound):
        await app.run_optimization.execute(BOB, "33333333-3333-4333-8333-333333333333")
    assert await app.list_optimizations.execute(BOB) == []


async def test_engine_outage_is_retried_then_failed_with_a_code(
    tmp_path: Path, clock: FakeClock, resume_bytes: bytes, job_text: str
) -> None:
    engine = FailingLanguageModel()
    async with bootstrap(memory_settings(tmp_path), clock=clock, llm=engine) as app:
        await add_users(app, ALICE)
        _, _, optimization = await _optimized(app, resume_bytes, job_text)
    assert optimization.status is OptimizationStatus.FAILED
    assert optimization.error_code == "llm_unavailable"
    assert optimization.attempts == app.settings.job_max_retries + 1


async def test_accepting_one_change_creates_a_version_with_only_that_change(
    app: Resumax, resume_bytes: bytes, job_text: str
) -> None:
    _, _, optimization = await _optimized(app, resume_bytes, job_text)
    changes = (optimization.result or {})["changes"]
    chosen = changes[0]

    version = await app.accept_changes.execute(ALICE, optimization.id, [chosen["id"]])

    assert version.accepted_changes["accepted"] == [chosen["id"]]
    assert set(version.accepted_changes["rejected"]) == {c["id"] for c in changes[1:]}
    tailored = ParsedDocument.from_dict(version.optimized_sections)
    assert chosen["after"].splitlines()[0] in tailored.text
    assert version.diff
    assert version.score is not None


async def test_accept_all_applies_every_change(app: Resumax, resume_bytes: bytes, job_text: str) -> None:
    _, _, optimization = await _optimized(app, resume_bytes, job_text)
    version = await app.accept_changes.execute(ALICE, optimization.id, None, apply_all=True)
    ids = [c["id"] for c in (optimization.result or {})["changes"]]
    assert sorted(version.accepted_changes["accepted"] + version.accepted_changes["skipped"]) == sorted(ids)
    assert version.score == pytest.approx((optimization.result or {})["scoreAfter"]["total"], abs=0.05)


async def test_unknown_change_ids_are_refused(app: Resumax, resume_bytes: bytes, job_text: str) -> None:
    _, _, optimization = await _optimized(app, resume_bytes, job_text)
    with pytest.raises(InvalidInput) as caught:
        await app.accept_changes.execute(ALICE, optimization.id, ["not-a-change"])
    assert caught.value.details["unknown"] == ["not-a-change"]
    assert await app.list_versions.execute(ALICE) == []


async def test_unfinished_optimization_cannot_be_accepted(
    tmp_path: Path, clock: FakeClock, resume_bytes: bytes, job_text: str
) -> None:
    engine = FailingLanguageModel()
    async with bootstrap(memory_settings(tmp_path), clock=clock, llm=engine) as app:
        await add_users(app, ALICE)
        _, _, optimization = await _optimized(app, resume_bytes, job_text)
        with pytest.raises(InvalidState):
            await app.accept_changes.execute(ALICE, optimization.id, [], apply_all=True)


@pytest.mark.parametrize("fmt", list(ExportFormat))
async def test_export_is_stored_checked_and_linked(
    app: Resumax, resume_bytes: bytes, job_text: str, fmt: ExportFormat
) -> None:
    _, _, optimization = await _optimized(app, resume_bytes, job_text)
    version = await app.accept_changes.execute(ALICE, optimization.id, None, apply_all=True)

    exported = await app.create_export.execute(ALICE, version.id, fmt)

    assert exported.artifact.check["passed"], exported.artifact.check
    assert await app.blobs.exists(exported.artifact.storage_key)
    assert exported.artifact.storage_key.startswith(f"u/{ALICE}/")
    assert exported.download_url.startswith(app.settings.base_url)
    with pytest.raises(NotFound):
        await app.create_export.execute(BOB, version.id, fmt)


async def test_expired_export_is_gone(
    app: Resumax, clock: FakeClock, resume_bytes: bytes, job_text: str
) -> None:
    _, _, optimization = await _optimized(app, resume_bytes, job_text)
    version = await app.accept_changes.execute(ALICE, optimization.id, None, apply_all=True)
    exported = await app.create_export.execute(ALICE, version.id, ExportFormat.TEXT)
    assert (await app.get_export_download.execute(ALICE, exported.artifact.id)).download_url
    clock.advance(app.settings.export_ttl_seconds + 1)
    with pytest.raises(InvalidState):
        await app.get_export_download.execute(ALICE, exported.artifact.id)


async def test_deleted_resume_disappears_with_its_file(app: Resumax, resume_bytes: bytes) -> None:
    resume = await app.add_resume.execute(ALICE, "alex.txt", resume_bytes)
    await app.delete_resume.execute(ALICE, resume.id)
    assert await app.list_resumes.execute(ALICE) == []
    assert not await app.blobs.exists(resume.storage_key)
    with pytest.raises(NotFound):
        await app.delete_resume.execute(ALICE, resume.id)


class _DownQueue:
    """A queue that is down: every enqueue fails."""

    async def enqueue(self, task, args, *, idempotency_key=None, max_retries=2):  # type: ignore[no-untyped-def]
        raise QueueUnavailable()

    async def status(self, job_id):  # type: ignore[no-untyped-def]
        raise QueueUnavailable()


async def test_optimization_survives_a_queue_outage_through_the_reconciler(
    tmp_path: Path, clock: FakeClock, resume_bytes: bytes, job_text: str
) -> None:
    async with bootstrap(memory_settings(tmp_path), clock=clock, queue=_DownQueue()) as down:
        await add_users(down, ALICE)
        resume = await down.add_resume.execute(ALICE, "alex.txt", resume_bytes)
        job = await down.create_job_description.execute(ALICE, job_text)
        optimization = await down.request_optimization.execute(ALICE, resume.id, job.id)
        assert optimization.status is OptimizationStatus.QUEUED
        # The queue comes back: a reconciler wired to a working queue finds the stranded row.
        healthy = bootstrap(memory_settings(tmp_path), clock=clock, uow=down.uow, blobs=down.blobs)
        assert await healthy.reconcile_optimizations.execute() == []  # not stale yet
        clock.advance(healthy.settings.job_timeout_seconds * 2 + 1)
        assert await healthy.reconcile_optimizations.execute() == [optimization.id]
        finished = await healthy.get_optimization.execute(ALICE, optimization.id)
        await healthy.close()
    assert finished.status is OptimizationStatus.COMPLETED


async def test_rename_validates_the_title(app: Resumax, resume_bytes: bytes) -> None:
    resume = await app.add_resume.execute(ALICE, "alex.txt", resume_bytes)
    renamed = await app.rename_resume.execute(ALICE, resume.id, "  Backend   2026 ")
    assert renamed.title == "Backend 2026"
    with pytest.raises(InvalidInput):
        await app.rename_resume.execute(ALICE, resume.id, "   ")
    assert (await app.get_resume.execute(ALICE, resume.id)).title == "Backend 2026"


async def test_presigned_upload_then_parse(app: Resumax, resume_bytes: bytes) -> None:
    started = await app.create_resume_upload.execute(
        ALICE, "../../etc/alex.txt", "text/plain", len(resume_bytes)
    )
    assert started.resume.original_filename == "alex.txt"
    assert started.resume.storage_key.startswith(f"u/{ALICE}/resumes/{started.resume.id}/")
    with pytest.raises(InvalidState):
        await app.start_resume_parse.execute(ALICE, started.resume.id)

    await app.blobs.put(started.resume.storage_key, resume_bytes, "text/plain")
    await app.start_resume_parse.execute(ALICE, started.resume.id)

    parsed = await app.get_resume.execute(ALICE, started.resume.id)
    assert parsed.parse_status is ParseStatus.COMPLETED
    assert parsed.parsed_text and "Northwind Logistics" in parsed.parsed_text


async def test_unreadable_stored_file_marks_the_resume_failed(app: Resumax) -> None:
    started = await app.create_resume_upload.execute(ALICE, "cv.pdf", "application/pdf", 100)
    await app.blobs.put(started.resume.storage_key, b"%PDF-1.7 garbage with no objects", "application/pdf")
    await app.start_resume_parse.execute(ALICE, started.resume.id)

    failed = await app.get_resume.execute(ALICE, started.resume.id)
    assert failed.parse_status is ParseStatus.FAILED
    assert failed.parse_error_code == "corrupt_document"
    assert failed.parsed_sections is None

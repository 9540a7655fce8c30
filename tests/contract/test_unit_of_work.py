"""The UnitOfWork contract, held against every adapter: memory, SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import attrs
import pytest

from resumax_core.entities import (
    CreditEntry,
    ExportArtifact,
    ExportFormat,
    JobDescription,
    Optimization,
    OptimizationStatus,
    ParseStatus,
    Resume,
    Role,
    SourceType,
    User,
    Version,
)
from resumax_core.errors import Conflict, NotFound
from resumax_core.ports.unit_of_work import UnitOfWorkFactory

T0 = datetime(2025, 3, 4, 5, 6, 7, 123456, tzinfo=UTC)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def new_id() -> str:
    return str(uuid.uuid4())


def make_user(email: str | None = None, **changes: Any) -> User:
    user = User(
        id=new_id(),
        email=email or f"{uuid.uuid4().hex[:8]}@example.com",
        password_hash="$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA",
        name="Ada Lovelace",
        created_at=T0,
        updated_at=T0,
    )
    return attrs.evolve(user, **changes)


def make_resume(user_id: str, **changes: Any) -> Resume:
    resume = Resume(
        id=new_id(),
        user_id=user_id,
        title="Backend resume",
        original_filename="ada.pdf",
        storage_key=f"users/{user_id}/resumes/ada.pdf",
        mime_type="application/pdf",
        size_mb=0.25,
        created_at=T0,
        updated_at=T0,
    )
    return attrs.evolve(resume, **changes)


def make_job(user_id: str, **changes: Any) -> JobDescription:
    job = JobDescription(
        id=new_id(),
        user_id=user_id,
        title="Senior Python Engineer",
        source_type=SourceType.PASTE,
        sanitized_text="We need Python, PostgreSQL and asyncio.",
        created_at=T0,
        updated_at=T0,
    )
    return attrs.evolve(job, **changes)


def make_optimization(user_id: str, resume_id: str, job_id: str, **changes: Any) -> Optimization:
    optimization = Optimization(
        id=new_id(),
        user_id=user_id,
        resume_id=resume_id,
        job_description_id=job_id,
        created_at=T0,
        updated_at=T0,
    )
    return attrs.evolve(optimization, **changes)


def make_version(user_id: str, optimization_id: str, **changes: Any) -> Version:
    version = Version(
        id=new_id(),
        optimization_id=optimization_id,
        user_id=user_id,
        accepted_changes={"summary": True},
        optimized_sections={"summary": "Python engineer."},
        diff=[{"op": "replace", "before": "Coder.", "after": "Python engineer."}],
        created_at=T0,
    )
    return attrs.evolve(version, **changes)


def make_export(user_id: str, version_id: str, **changes: Any) -> ExportArtifact:
    artifact = ExportArtifact(
        id=new_id(),
        version_id=version_id,
        user_id=user_id,
        format=ExportFormat.PDF,
        storage_key=f"users/{user_id}/exports/a.pdf",
        created_at=T0,
        expires_at=at(60),
    )
    return attrs.evolve(artifact, **changes)


def make_credit(user_id: str, delta: int, **changes: Any) -> CreditEntry:
    entry = CreditEntry(
        id=new_id(), user_id=user_id, delta=delta, reason="purchase", balance_after=delta, created_at=T0
    )
    return attrs.evolve(entry, **changes)


@attrs.frozen
class Owned:
    """A user and one record of every kind they can own."""

    user: User
    resume: Resume
    job: JobDescription
    optimization: Optimization
    version: Version
    export: ExportArtifact
    credit: CreditEntry


async def seed(uow_factory: UnitOfWorkFactory, email: str | None = None) -> Owned:
    user = make_user(email)
    resume = make_resume(user.id)
    job = make_job(user.id)
    optimization = make_optimization(user.id, resume.id, job.id, idempotency_key="key-1")
    version = make_version(user.id, optimization.id)
    export = make_export(user.id, version.id)
    credit = make_credit(user.id, 5, stripe_event_id=f"evt_{uuid.uuid4().hex}")
    async with uow_factory() as uow:
        await uow.users.add(user)
        await uow.resumes.add(resume)
        await uow.job_descriptions.add(job)
        await uow.optimizations.add(optimization)
        await uow.versions.add(version)
        await uow.exports.add(export)
        await uow.credits.add(credit)
        await uow.commit()
    return Owned(user, resume, job, optimization, version, export, credit)


def assert_utc(*values: datetime | None) -> None:
    for value in values:
        assert value is not None
        assert value.tzinfo is not None
        assert value.utcoffset() == timedelta(0)


# Round trips


async def test_every_record_comes_back_as_stored(uow_factory: UnitOfWorkFactory) -> None:
    user = make_user(
        "Ada@Example.com",
        role=Role.ADMIN,
        email_verified_at=at(1),
        preferences={"notify": True, "locations": ["Berlin", "Remote"], "nested": {"n": 1.5}},
    )
    resume = make_resume(
        user.id,
        parse_status=ParseStatus.COMPLETED,
        parsed_text="Ada Lovelace\nPython",
        parsed_sections={"sections": [{"kind": "skills", "lines": ["Python", "SQL"]}], "ü": "ünïcode"},
        last_score=71.5,
    )
    failed = make_resume(user.id, parse_status=ParseStatus.FAILED, parse_error_code="encrypted_document")
    job = make_job(
        user.id,
        company="Analytical Engines Ltd",
        location="London",
        source_type=SourceType.UPLOAD,
        storage_key="users/x/jobs/jd.txt",
        metadata={"skills": ["python"], "seniority": "senior", "salary": None},
    )
    optimization = make_optimization(
        user.id,
        resume.id,
        job.id,
        status=OptimizationStatus.COMPLETED,
        strategy="offline-v1",
        credits_spent=1,
        summary="Surfaced Python.",
        alignment_score=83.25,
        result={"score": {"total": 83.25}, "changes": [{"id": "c1", "after": "Built APIs"}]},
        error_code=None,
        attempts=2,
        idempotency_key="idem-1",
        completed_at=at(5),
    )
    version = make_version(
        user.id, optimization.id, score=88.0, output_storage_key="out.pdf", tokens_used=1200
    )
    version = attrs.evolve(version, cost_usd=0.0125)
    export = make_export(user.id, version.id, format=ExportFormat.TEXT, template="modern", size_bytes=2048)
    export = attrs.evolve(export, check={"readable": True, "score": 0.97})
    credit = make_credit(user.id, 10, reason="purchase", stripe_event_id="evt_123")

    async with uow_factory() as uow:
        await uow.users.add(user)
        await uow.resumes.add(resume)
        await uow.resumes.add(failed)
        await uow.job_descriptions.add(job)
        await uow.optimizations.add(optimization)
        await uow.versions.add(version)
        await uow.exports.add(export)
        await uow.credits.add(credit)
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.users.get(user.id) == user
        assert await uow.resumes.get(user.id, resume.id) == resume
        assert await uow.resumes.get(user.id, failed.id) == failed
        assert await uow.job_descriptions.get(user.id, job.id) == job
        assert await uow.optimizations.get(user.id, optimization.id) == optimization
        assert await uow.versions.get(user.id, version.id) == version
        assert await uow.exports.get(user.id, export.id) == export
        assert await uow.credits.list(user.id) == [credit]
        stored = await uow.optimizations.get(user.id, optimization.id)
    assert stored is not None
    assert isinstance(stored.status, OptimizationStatus)
    assert_utc(stored.created_at, stored.updated_at, stored.completed_at)


async def test_datetimes_come_back_as_the_same_instant_in_utc(uow_factory: UnitOfWorkFactory) -> None:
    paris = timezone(timedelta(hours=2))
    user = make_user(created_at=datetime(2025, 6, 1, 14, 0, tzinfo=paris), updated_at=at(0))
    async with uow_factory() as uow:
        await uow.users.add(user)
        await uow.commit()
    async with uow_factory() as uow:
        stored = await uow.users.get(user.id)
    assert stored is not None
    assert stored.created_at == datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
    assert_utc(stored.created_at, stored.updated_at)
    assert stored.email_verified_at is None


async def test_a_naive_datetime_is_refused(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        with pytest.raises(ValueError, match="naive"):
            await uow.users.add(make_user(created_at=datetime(2025, 1, 1)))


async def test_changing_a_returned_record_does_not_change_the_store(uow_factory: UnitOfWorkFactory) -> None:
    user = make_user(preferences={"tags": ["a"]})
    async with uow_factory() as uow:
        await uow.users.add(user)
        await uow.commit()
        fetched = await uow.users.get(user.id)
        assert fetched is not None
        fetched.preferences["tags"].append("b")
    async with uow_factory() as uow:
        stored = await uow.users.get(user.id)
    assert stored is not None
    assert stored.preferences == {"tags": ["a"]}


async def test_updates_replace_the_stored_record(uow_factory: UnitOfWorkFactory) -> None:
    owned = await seed(uow_factory)
    renamed_user = attrs.evolve(owned.user, name="Ada King", updated_at=at(3))
    parsed = attrs.evolve(owned.resume, parse_status=ParseStatus.PARSING, title="Renamed", updated_at=at(3))
    edited_job = attrs.evolve(owned.job, metadata={"skills": ["sql"]}, company="Babbage & Co")
    failed = attrs.evolve(
        owned.optimization,
        status=OptimizationStatus.FAILED,
        error_code="llm_unavailable",
        error_message="timed out",
        attempts=3,
    )
    async with uow_factory() as uow:
        await uow.users.update(renamed_user)
        await uow.resumes.update(parsed)
        await uow.job_descriptions.update(edited_job)
        await uow.optimizations.update(failed)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.users.get(owned.user.id) == renamed_user
        assert await uow.resumes.get(owned.user.id, owned.resume.id) == parsed
        assert await uow.job_descriptions.get(owned.user.id, owned.job.id) == edited_job
        assert await uow.optimizations.get(owned.user.id, owned.optimization.id) == failed


# Transactions


async def test_changes_not_committed_are_rolled_back(uow_factory: UnitOfWorkFactory) -> None:
    owned = await seed(uow_factory)
    newcomer = make_user()
    async with uow_factory() as uow:
        await uow.users.add(newcomer)
        await uow.resumes.update(attrs.evolve(owned.resume, title="Changed"))
        await uow.credits.add(make_credit(owned.user.id, -1))
    async with uow_factory() as uow:
        assert await uow.users.get(newcomer.id) is None
        assert await uow.resumes.get(owned.user.id, owned.resume.id) == owned.resume
        assert await uow.credits.balance(owned.user.id) == 5


async def test_an_exception_inside_the_block_rolls_back(uow_factory: UnitOfWorkFactory) -> None:
    user = make_user()

    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        async with uow_factory() as uow:
            await uow.users.add(user)
            raise Boom
    async with uow_factory() as uow:
        assert await uow.users.get(user.id) is None


async def test_work_after_the_last_commit_is_rolled_back(uow_factory: UnitOfWorkFactory) -> None:
    first, second = make_user(), make_user()
    async with uow_factory() as uow:
        await uow.users.add(first)
        await uow.commit()
        await uow.users.add(second)
    async with uow_factory() as uow:
        assert await uow.users.get(first.id) == first
        assert await uow.users.get(second.id) is None


async def test_rollback_discards_and_the_block_goes_on(uow_factory: UnitOfWorkFactory) -> None:
    discarded, kept = make_user(), make_user()
    async with uow_factory() as uow:
        await uow.users.add(discarded)
        await uow.rollback()
        assert await uow.users.get(discarded.id) is None
        await uow.users.add(kept)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.users.get(discarded.id) is None
        assert await uow.users.get(kept.id) == kept


async def test_a_committed_change_is_seen_by_later_units(uow_factory: UnitOfWorkFactory) -> None:
    user = make_user()
    async with uow_factory() as uow:
        await uow.users.add(user)
        await uow.commit()
    async with uow_factory() as other:
        assert await other.users.get_by_email(user.email) == user


async def test_repositories_refuse_work_outside_the_block(uow_factory: UnitOfWorkFactory) -> None:
    uow = uow_factory()
    with pytest.raises(RuntimeError):
        await uow.users.get(new_id())
    async with uow:
        pass
    with pytest.raises(RuntimeError):
        await uow.users.add(make_user())


# Tenancy


async def test_another_users_records_are_invisible(uow_factory: UnitOfWorkFactory) -> None:
    owner = await seed(uow_factory)
    intruder = await seed(uow_factory)
    stranger = intruder.user.id
    async with uow_factory() as uow:
        assert await uow.resumes.get(stranger, owner.resume.id) is None
        assert await uow.job_descriptions.get(stranger, owner.job.id) is None
        assert await uow.optimizations.get(stranger, owner.optimization.id) is None
        assert await uow.optimizations.get_by_idempotency_key(stranger, "key-1") == intruder.optimization
        assert await uow.versions.get(stranger, owner.version.id) is None
        assert await uow.exports.get(stranger, owner.export.id) is None
        assert await uow.resumes.list(stranger) == [intruder.resume.summary()]
        assert await uow.job_descriptions.list(stranger) == [intruder.job]
        assert await uow.optimizations.list(stranger) == [intruder.optimization]
        assert await uow.versions.list(stranger) == [intruder.version]
        assert await uow.versions.list(stranger, owner.optimization.id) == []
        assert await uow.exports.list(stranger, owner.version.id) == []
        assert await uow.credits.list(stranger) == [intruder.credit]
        assert await uow.credits.balance(stranger) == 5


async def test_updating_another_users_record_is_not_found_and_changes_nothing(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner = await seed(uow_factory)
    stranger = (await seed(uow_factory)).user.id
    async with uow_factory() as uow:
        with pytest.raises(NotFound):
            await uow.resumes.update(attrs.evolve(owner.resume, user_id=stranger, title="Stolen"))
        with pytest.raises(NotFound):
            await uow.job_descriptions.update(attrs.evolve(owner.job, user_id=stranger, title="Stolen"))
        with pytest.raises(NotFound):
            await uow.optimizations.update(
                attrs.evolve(owner.optimization, user_id=stranger, status=OptimizationStatus.FAILED)
            )
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.resumes.get(owner.user.id, owner.resume.id) == owner.resume
        assert await uow.job_descriptions.get(owner.user.id, owner.job.id) == owner.job
        assert await uow.optimizations.get(owner.user.id, owner.optimization.id) == owner.optimization
        assert await uow.resumes.list(stranger) != []
        assert all(r.title != "Stolen" for r in await uow.resumes.list(stranger))


async def test_updating_a_missing_record_is_not_found(uow_factory: UnitOfWorkFactory) -> None:
    owned = await seed(uow_factory)
    async with uow_factory() as uow:
        with pytest.raises(NotFound):
            await uow.users.update(make_user())
        with pytest.raises(NotFound):
            await uow.resumes.update(make_resume(owned.user.id))
        with pytest.raises(NotFound):
            await uow.job_descriptions.update(make_job(owned.user.id))
        with pytest.raises(NotFound):
            await uow.optimizations.update(make_optimization(owned.user.id, owned.resume.id, owned.job.id))


async def test_a_record_for_a_missing_owner_is_a_conflict(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        with pytest.raises(Conflict):
            await uow.resumes.add(make_resume(new_id()))
        with pytest.raises(Conflict):
            await uow.credits.add(make_credit(new_id(), 1))


# Soft delete and ordering


async def test_soft_deleted_resumes_and_jobs_are_invisible(uow_factory: UnitOfWorkFactory) -> None:
    owned = await seed(uow_factory)
    async with uow_factory() as uow:
        await uow.resumes.update(attrs.evolve(owned.resume, deleted_at=at(9)))
        await uow.job_descriptions.update(attrs.evolve(owned.job, deleted_at=at(9)))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.resumes.get(owned.user.id, owned.resume.id) is None
        assert await uow.job_descriptions.get(owned.user.id, owned.job.id) is None
        assert await uow.resumes.list(owned.user.id) == []
        assert await uow.job_descriptions.list(owned.user.id) == []
        with pytest.raises(NotFound):
            await uow.resumes.update(attrs.evolve(owned.resume, title="Back from the dead"))
        with pytest.raises(NotFound):
            await uow.job_descriptions.update(attrs.evolve(owned.job, title="Back from the dead"))
        assert await uow.optimizations.get(owned.user.id, owned.optimization.id) == owned.optimization


async def test_lists_are_newest_first(uow_factory: UnitOfWorkFactory) -> None:
    user = make_user()
    resumes = [make_resume(user.id, created_at=at(m), title=f"r{m}") for m in (5, 1, 9, 3)]
    jobs = [make_job(user.id, created_at=at(m)) for m in (2, 7)]
    credits = [make_credit(user.id, m, created_at=at(m)) for m in (4, 8, 6)]
    async with uow_factory() as uow:
        await uow.users.add(user)
        for resume in resumes:
            await uow.resumes.add(resume)
        for job in jobs:
            await uow.job_descriptions.add(job)
        for credit in credits:
            await uow.credits.add(credit)
        await uow.commit()
    async with uow_factory() as uow:
        assert [r.title for r in await uow.resumes.list(user.id)] == ["r9", "r5", "r3", "r1"]
        assert [j.created_at for j in await uow.job_descriptions.list(user.id)] == [at(7), at(2)]
        assert [c.delta for c in await uow.credits.list(user.id)] == [8, 6, 4]


async def test_resume_lists_hold_summaries_without_the_parsed_document(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = make_user()
    parsed = attrs.evolve(
        make_resume(user.id, title="Parsed"),
        parse_status=ParseStatus.COMPLETED,
        parsed_text="Ada Lovelace\nAnalyst",
        parsed_sections={"contact": {"name": "Ada Lovelace"}},
        last_score=71.5,
    )
    async with uow_factory() as uow:
        await uow.users.add(user)
        await uow.resumes.add(parsed)
        await uow.commit()
    async with uow_factory() as uow:
        (listed,) = await uow.resumes.list(user.id)
        assert listed == parsed.summary()
        assert not hasattr(listed, "parsed_sections") and not hasattr(listed, "storage_key")
        assert (await uow.resumes.get(user.id, parsed.id)) == parsed, "a single read still has everything"


async def test_versions_and_exports_are_listed_per_parent(uow_factory: UnitOfWorkFactory) -> None:
    owned = await seed(uow_factory)
    later = make_version(owned.user.id, owned.optimization.id, created_at=at(10))
    pdf = make_export(owned.user.id, later.id, created_at=at(11))
    docx = make_export(owned.user.id, later.id, format=ExportFormat.DOCX, created_at=at(12))
    async with uow_factory() as uow:
        await uow.versions.add(later)
        await uow.exports.add(pdf)
        await uow.exports.add(docx)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.versions.list(owned.user.id, owned.optimization.id) == [later, owned.version]
        assert await uow.versions.list(owned.user.id, new_id()) == []
        assert await uow.exports.list(owned.user.id, later.id) == [docx, pdf]
        assert await uow.exports.list(owned.user.id, owned.version.id) == [owned.export]


# Uniqueness


async def test_an_email_differing_only_in_case_is_a_conflict(uow_factory: UnitOfWorkFactory) -> None:
    first = make_user("Ada@Example.com")
    async with uow_factory() as uow:
        await uow.users.add(first)
        await uow.commit()
    second = make_user("ada@EXAMPLE.COM")
    async with uow_factory() as uow:
        with pytest.raises(Conflict):
            await uow.users.add(second)
        assert await uow.users.get_by_email("ADA@example.com") == first
        survivor = make_user("grace@example.com")
        await uow.users.add(survivor)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.users.get(survivor.id) == survivor
        assert await uow.users.get(second.id) is None


async def test_changing_email_to_a_taken_one_is_a_conflict(uow_factory: UnitOfWorkFactory) -> None:
    ada, grace = make_user("ada@example.com"), make_user("grace@example.com")
    async with uow_factory() as uow:
        await uow.users.add(ada)
        await uow.users.add(grace)
        await uow.commit()
    async with uow_factory() as uow:
        with pytest.raises(Conflict):
            await uow.users.update(attrs.evolve(grace, email="ADA@example.com"))
        await uow.users.update(attrs.evolve(grace, email="Grace.Hopper@example.com"))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.users.get_by_email("grace.hopper@example.com") is not None
        assert await uow.users.get_by_email("grace@example.com") is None


async def test_an_idempotency_key_is_unique_per_user(uow_factory: UnitOfWorkFactory) -> None:
    owner = await seed(uow_factory)
    other = await seed(uow_factory)
    again = make_optimization(owner.user.id, owner.resume.id, owner.job.id, idempotency_key="key-1")
    without_key = [make_optimization(owner.user.id, owner.resume.id, owner.job.id) for _ in range(2)]
    async with uow_factory() as uow:
        with pytest.raises(Conflict):
            await uow.optimizations.add(again)
        for optimization in without_key:
            await uow.optimizations.add(optimization)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.optimizations.get_by_idempotency_key(owner.user.id, "key-1") == owner.optimization
        assert await uow.optimizations.get_by_idempotency_key(other.user.id, "key-1") == other.optimization
        assert await uow.optimizations.get_by_idempotency_key(owner.user.id, "key-2") is None
        assert len(await uow.optimizations.list(owner.user.id)) == 3


async def test_a_stripe_event_is_recorded_once(uow_factory: UnitOfWorkFactory) -> None:
    owned = await seed(uow_factory)
    async with uow_factory() as uow:
        with pytest.raises(Conflict):
            await uow.credits.add(make_credit(owned.user.id, 5, stripe_event_id=owned.credit.stripe_event_id))
        await uow.credits.add(make_credit(owned.user.id, -2))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.credits.balance(owned.user.id) == 3


async def test_adding_a_record_twice_is_a_conflict(uow_factory: UnitOfWorkFactory) -> None:
    owned = await seed(uow_factory)
    async with uow_factory() as uow:
        with pytest.raises(Conflict):
            await uow.resumes.add(owned.resume)
        with pytest.raises(Conflict):
            await uow.users.add(attrs.evolve(owned.user, email="someone.else@example.com"))


async def test_racing_registrations_of_one_email_let_exactly_one_win(uow_factory: UnitOfWorkFactory) -> None:
    async def register(user: User) -> None:
        async with uow_factory() as uow:
            await uow.users.add(user)
            await asyncio.sleep(0.05)
            await uow.commit()

    racers = [make_user("race@example.com"), make_user("RACE@example.com")]
    outcomes = await asyncio.gather(*(register(user) for user in racers), return_exceptions=True)
    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["Conflict", "NoneType"]
    async with uow_factory() as uow:
        winner = await uow.users.get_by_email("Race@Example.com")
    assert winner in racers


async def test_racing_requests_with_one_idempotency_key_let_exactly_one_win(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owned = await seed(uow_factory)

    async def request(optimization: Optimization) -> None:
        async with uow_factory() as uow:
            await uow.optimizations.add(optimization)
            await asyncio.sleep(0.05)
            await uow.commit()

    racers = [
        make_optimization(owned.user.id, owned.resume.id, owned.job.id, idempotency_key="double-click")
        for _ in range(2)
    ]
    outcomes = await asyncio.gather(*(request(o) for o in racers), return_exceptions=True)
    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["Conflict", "NoneType"]
    async with uow_factory() as uow:
        assert await uow.optimizations.get_by_idempotency_key(owned.user.id, "double-click") in racers


# Deleting a user


async def test_deleting_a_user_deletes_everything_they_own(uow_factory: UnitOfWorkFactory) -> None:
    gone = await seed(uow_factory)
    kept = await seed(uow_factory)
    async with uow_factory() as uow:
        await uow.users.delete(gone.user.id)
        await uow.users.delete(new_id())
        await uow.commit()
    async with uow_factory() as uow:
        uid = gone.user.id
        assert await uow.users.get(uid) is None
        assert await uow.users.get_by_email(gone.user.email) is None
        assert await uow.resumes.list(uid) == []
        assert await uow.job_descriptions.list(uid) == []
        assert await uow.optimizations.list(uid) == []
        assert await uow.optimizations.count_active(uid) == 0
        assert await uow.versions.list(uid) == []
        assert await uow.exports.list(uid, gone.version.id) == []
        assert await uow.credits.list(uid) == []
        assert await uow.credits.balance(uid) == 0
        assert await uow.users.get(kept.user.id) == kept.user
        assert await uow.exports.list(kept.user.id, kept.version.id) == [kept.export]
        assert await uow.credits.balance(kept.user.id) == 5
        await uow.users.add(attrs.evolve(gone.user, id=new_id()))
        await uow.commit()


# Optimization queries


async def test_count_active_counts_the_users_unfinished_optimizations(uow_factory: UnitOfWorkFactory) -> None:
    owned = await seed(uow_factory)
    other = await seed(uow_factory)
    u = owned.user.id
    statuses = [OptimizationStatus.PROCESSING, OptimizationStatus.GENERATING]
    statuses += [OptimizationStatus.COMPLETED, OptimizationStatus.FAILED]
    async with uow_factory() as uow:
        for status in statuses:
            await uow.optimizations.add(make_optimization(u, owned.resume.id, owned.job.id, status=status))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.optimizations.count_active(u) == 3
        assert await uow.optimizations.count_active(other.user.id) == 1
        assert await uow.optimizations.count_active(new_id()) == 0


async def test_list_stale_finds_forgotten_work_of_every_user_oldest_first(
    uow_factory: UnitOfWorkFactory,
) -> None:
    a = await seed(uow_factory)
    b = await seed(uow_factory)

    def opt(owner: Owned, status: OptimizationStatus, minutes: int) -> Optimization:
        return make_optimization(
            owner.user.id, owner.resume.id, owner.job.id, status=status, updated_at=at(minutes)
        )

    old_queued = opt(a, OptimizationStatus.QUEUED, 10)
    old_processing = opt(b, OptimizationStatus.PROCESSING, 5)
    older_queued = opt(b, OptimizationStatus.QUEUED, 1)
    old_generating = opt(a, OptimizationStatus.GENERATING, 7)
    fresh = opt(a, OptimizationStatus.QUEUED, 50)
    finished = [opt(a, OptimizationStatus.COMPLETED, 2), opt(b, OptimizationStatus.FAILED, 2)]
    async with uow_factory() as uow:
        for optimization in [old_queued, old_processing, older_queued, old_generating, fresh, *finished]:
            await uow.optimizations.add(optimization)
        await uow.optimizations.update(attrs.evolve(a.optimization, updated_at=at(100)))
        await uow.optimizations.update(attrs.evolve(b.optimization, updated_at=at(100)))
        await uow.commit()
    async with uow_factory() as uow:
        cutoff = at(30)
        assert await uow.optimizations.list_stale(cutoff) == [
            older_queued,
            old_processing,
            old_generating,
            old_queued,
        ]
        assert await uow.optimizations.list_stale(cutoff, limit=2) == [older_queued, old_processing]
        assert await uow.optimizations.list_stale(at(10)) == [older_queued, old_processing, old_generating]
        in_other_zone = at(30).astimezone(timezone(timedelta(hours=-5)))
        assert len(await uow.optimizations.list_stale(in_other_zone)) == 4


# Credits


async def test_the_balance_is_the_sum_of_the_ledger(uow_factory: UnitOfWorkFactory) -> None:
    user = make_user()
    async with uow_factory() as uow:
        await uow.users.add(user)
        assert await uow.credits.balance(user.id) == 0
        for minute, delta in enumerate([10, -1, -1, 5, -3]):
            await uow.credits.add(make_credit(user.id, delta, created_at=at(minute)))
        assert await uow.credits.balance(user.id) == 10
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.credits.balance(user.id) == 10
        assert [entry.delta for entry in await uow.credits.list(user.id)] == [-3, 5, -1, -1, 10]

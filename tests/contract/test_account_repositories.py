"""The account repositories of the UnitOfWork contract (refresh tokens, audit log, idempotency records, and
``User.sessions_valid_after``), held against every adapter: memory, SQLite and (when configured) PostgreSQL.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import attrs
import pytest

from resumax_core.entities import AuditEvent, IdempotencyRecord, RefreshToken, User
from resumax_core.errors import Conflict
from resumax_core.ports.unit_of_work import UnitOfWorkFactory

T0 = datetime(2025, 3, 4, 5, 6, 7, 123456, tzinfo=UTC)
PARIS = timezone(timedelta(hours=2))


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def new_id() -> str:
    return str(uuid.uuid4())


def make_user(**changes: Any) -> User:
    user = User(
        id=new_id(),
        email=f"{uuid.uuid4().hex[:8]}@example.com",
        password_hash="$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA",
        name="Ada Lovelace",
        created_at=T0,
        updated_at=T0,
    )
    return attrs.evolve(user, **changes)


def make_token(user_id: str, family_id: str | None = None, **changes: Any) -> RefreshToken:
    token = RefreshToken(
        id=new_id(),
        user_id=user_id,
        family_id=family_id or new_id(),
        token_hash=uuid.uuid4().hex + uuid.uuid4().hex,
        created_at=T0,
        expires_at=at(60),
        family_expires_at=at(60 * 24),
    )
    return attrs.evolve(token, **changes)


def make_event(user_id: str | None, event: str = "login", **changes: Any) -> AuditEvent:
    return attrs.evolve(AuditEvent(id=new_id(), event=event, created_at=T0, user_id=user_id), **changes)


def make_record(user_id: str, key: str = "key-1", **changes: Any) -> IdempotencyRecord:
    record = IdempotencyRecord(
        user_id=user_id,
        scope="POST /optimizations",
        key=key,
        request_hash="sha256:abc",
        status_code=201,
        response={"id": "opt-1", "status": "queued", "scores": [71.5, None]},
        created_at=T0,
    )
    return attrs.evolve(record, **changes)


async def add_users(uow_factory: UnitOfWorkFactory, count: int = 1) -> list[User]:
    users = [make_user() for _ in range(count)]
    async with uow_factory() as uow:
        for user in users:
            await uow.users.add(user)
        await uow.commit()
    return users


async def add_tokens(uow_factory: UnitOfWorkFactory, *tokens: RefreshToken) -> None:
    async with uow_factory() as uow:
        for token in tokens:
            await uow.refresh_tokens.add(token)
        await uow.commit()


async def stored_token(uow_factory: UnitOfWorkFactory, token: RefreshToken) -> RefreshToken:
    async with uow_factory() as uow:
        found = await uow.refresh_tokens.get_by_hash(token.token_hash)
    assert found is not None
    return found


def assert_utc(*values: datetime | None) -> None:
    for value in values:
        assert value is not None
        assert value.utcoffset() == timedelta(0)


# Users


async def test_sessions_valid_after_comes_back_as_the_same_instant_in_utc(
    uow_factory: UnitOfWorkFactory,
) -> None:
    fresh = make_user()
    cut = make_user(sessions_valid_after=datetime(2025, 6, 1, 14, 0, tzinfo=PARIS))
    async with uow_factory() as uow:
        await uow.users.add(fresh)
        await uow.users.add(cut)
        await uow.commit()
    async with uow_factory() as uow:
        stored_fresh, stored_cut = await uow.users.get(fresh.id), await uow.users.get(cut.id)
        await uow.users.update(attrs.evolve(fresh, sessions_valid_after=at(5)))
        await uow.commit()
    assert stored_fresh is not None and stored_fresh.sessions_valid_after is None
    assert stored_cut is not None
    assert stored_cut.sessions_valid_after == datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
    assert_utc(stored_cut.sessions_valid_after)
    async with uow_factory() as uow:
        moved = await uow.users.get_by_email(fresh.email)
    assert moved is not None and moved.sessions_valid_after == at(5)
    assert_utc(moved.sessions_valid_after)


# Refresh tokens


async def test_a_token_comes_back_by_its_hash(uow_factory: UnitOfWorkFactory) -> None:
    (user,) = await add_users(uow_factory)
    token = make_token(user.id, created_at=T0.astimezone(PARIS))
    await add_tokens(uow_factory, token)
    async with uow_factory() as uow:
        found = await uow.refresh_tokens.get_by_hash(token.token_hash)
        assert await uow.refresh_tokens.get_by_hash("unknown") is None
    assert found == token
    assert found is not None
    assert_utc(found.created_at, found.expires_at, found.family_expires_at)
    assert found.used_at is None and found.revoked_at is None


async def test_a_token_with_a_taken_hash_or_a_missing_user_is_a_conflict(
    uow_factory: UnitOfWorkFactory,
) -> None:
    (user,) = await add_users(uow_factory)
    token = make_token(user.id)
    await add_tokens(uow_factory, token)
    async with uow_factory() as uow:
        with pytest.raises(Conflict):
            await uow.refresh_tokens.add(make_token(user.id, token_hash=token.token_hash))
        with pytest.raises(Conflict):
            await uow.refresh_tokens.add(make_token(new_id()))
        survivor = make_token(user.id)
        await uow.refresh_tokens.add(survivor)
        await uow.commit()
    assert await stored_token(uow_factory, survivor) == survivor


async def test_a_token_is_consumed_once(uow_factory: UnitOfWorkFactory) -> None:
    (user,) = await add_users(uow_factory)
    token = make_token(user.id)
    await add_tokens(uow_factory, token)
    now = at(10).astimezone(PARIS)
    async with uow_factory() as uow:
        consumed = await uow.refresh_tokens.consume(token.token_hash, now)
        assert consumed == attrs.evolve(token, used_at=at(10))
        assert consumed is not None
        assert_utc(consumed.used_at)
        assert await uow.refresh_tokens.consume(token.token_hash, at(11)) is None
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.refresh_tokens.consume(token.token_hash, at(12)) is None
        assert await uow.refresh_tokens.consume("unknown", at(12)) is None
    assert await stored_token(uow_factory, token) == attrs.evolve(token, used_at=at(10))


async def test_revoked_or_expired_tokens_are_not_consumed(uow_factory: UnitOfWorkFactory) -> None:
    (user,) = await add_users(uow_factory)
    now = at(30)
    unusable = [
        make_token(user.id, revoked_at=at(1)),
        make_token(user.id, expires_at=at(29)),
        make_token(user.id, expires_at=now),
        make_token(user.id, family_expires_at=at(29)),
        make_token(user.id, family_expires_at=now),
    ]
    usable = make_token(user.id, expires_at=at(31), family_expires_at=at(31))
    await add_tokens(uow_factory, *unusable, usable)
    async with uow_factory() as uow:
        for token in unusable:
            assert await uow.refresh_tokens.consume(token.token_hash, now) is None
        assert await uow.refresh_tokens.consume(usable.token_hash, now) is not None
        await uow.commit()
    for token in unusable:
        assert await stored_token(uow_factory, token) == token


async def test_a_consume_rolled_back_leaves_the_token_usable(uow_factory: UnitOfWorkFactory) -> None:
    (user,) = await add_users(uow_factory)
    token = make_token(user.id)
    await add_tokens(uow_factory, token)
    async with uow_factory() as uow:
        assert await uow.refresh_tokens.consume(token.token_hash, at(1)) is not None
        await uow.refresh_tokens.revoke_family(user.id, token.family_id, at(1))
    async with uow_factory() as uow:
        assert await uow.refresh_tokens.consume(token.token_hash, at(2)) is not None
        await uow.rollback()
        assert await uow.refresh_tokens.consume(token.token_hash, at(3)) == attrs.evolve(token, used_at=at(3))
        await uow.commit()


async def test_two_concurrent_consumes_of_one_token_let_exactly_one_win(
    uow_factory: UnitOfWorkFactory,
) -> None:
    (user,) = await add_users(uow_factory)
    token = make_token(user.id)
    await add_tokens(uow_factory, token)

    async def refresh(now: datetime) -> RefreshToken | None:
        async with uow_factory() as uow:
            consumed = await uow.refresh_tokens.consume(token.token_hash, now)
            await asyncio.sleep(0.05)
            await uow.commit()
            return consumed

    outcomes = await asyncio.gather(refresh(at(1)), refresh(at(2)))
    winners = [outcome for outcome in outcomes if outcome is not None]
    assert len(winners) == 1
    assert await stored_token(uow_factory, token) == winners[0]


async def test_a_consume_waiting_on_a_transaction_that_rolls_back_gets_the_token(
    uow_factory: UnitOfWorkFactory,
) -> None:
    (user,) = await add_users(uow_factory)
    token = make_token(user.id)
    await add_tokens(uow_factory, token)
    first_consumed = asyncio.Event()

    async def failing_refresh() -> None:
        async with uow_factory() as uow:
            assert await uow.refresh_tokens.consume(token.token_hash, at(1)) is not None
            first_consumed.set()
            await asyncio.sleep(0.05)

    async def refresh() -> RefreshToken | None:
        await first_consumed.wait()
        async with uow_factory() as uow:
            consumed = await uow.refresh_tokens.consume(token.token_hash, at(2))
            await uow.commit()
            return consumed

    _, consumed = await asyncio.gather(failing_refresh(), refresh())
    assert consumed == attrs.evolve(token, used_at=at(2))


@pytest.mark.parametrize("first", ["refresh", "revoke"])
async def test_a_revocation_racing_a_refresh_is_never_lost(
    uow_factory: UnitOfWorkFactory, first: str
) -> None:
    (user,) = await add_users(uow_factory)
    token = make_token(user.id)
    await add_tokens(uow_factory, token)
    first_done = asyncio.Event()

    async def run(step: str) -> object:
        if step != first:
            await first_done.wait()
        async with uow_factory() as uow:
            if step == "refresh":
                outcome: object = await uow.refresh_tokens.consume(token.token_hash, at(1))
            else:
                outcome = await uow.refresh_tokens.revoke_family(user.id, token.family_id, at(2))
            first_done.set()
            await asyncio.sleep(0.05)
            await uow.commit()
            return outcome

    consumed, revoked = await asyncio.gather(run("refresh"), run("revoke"))
    assert revoked == 1
    final = await stored_token(uow_factory, token)
    assert final.revoked_at == at(2)
    if first == "refresh":
        assert consumed == attrs.evolve(token, used_at=at(1))
        assert final.used_at == at(1)
    else:
        assert consumed is None
        assert final.used_at is None


async def test_revoke_family_touches_only_that_family_of_that_user(uow_factory: UnitOfWorkFactory) -> None:
    user, other = await add_users(uow_factory, 2)
    family, sibling_family = new_id(), new_id()
    used = make_token(user.id, family, used_at=at(1))
    current = make_token(user.id, family, created_at=at(1))
    sibling = make_token(user.id, sibling_family)
    same_family_id_other_user = make_token(other.id, family)
    await add_tokens(uow_factory, used, current, sibling, same_family_id_other_user)
    async with uow_factory() as uow:
        assert await uow.refresh_tokens.revoke_family(other.id, sibling_family, at(5)) == 0
        assert await uow.refresh_tokens.revoke_family(user.id, family, at(5).astimezone(PARIS)) == 2
        assert await uow.refresh_tokens.revoke_family(user.id, family, at(6)) == 0
        assert await uow.refresh_tokens.consume(current.token_hash, at(6)) is None
        await uow.commit()
    assert await stored_token(uow_factory, used) == attrs.evolve(used, revoked_at=at(5))
    assert await stored_token(uow_factory, current) == attrs.evolve(current, revoked_at=at(5))
    assert await stored_token(uow_factory, sibling) == sibling
    assert await stored_token(uow_factory, same_family_id_other_user) == same_family_id_other_user


async def test_revoke_all_spares_the_family_asked_for(uow_factory: UnitOfWorkFactory) -> None:
    user, other = await add_users(uow_factory, 2)
    kept_family = new_id()
    kept = make_token(user.id, kept_family)
    others = [make_token(user.id), make_token(user.id), make_token(user.id, used_at=at(1))]
    already_revoked = make_token(user.id, revoked_at=at(1))
    strangers = make_token(other.id)
    await add_tokens(uow_factory, kept, *others, already_revoked, strangers)
    async with uow_factory() as uow:
        assert await uow.refresh_tokens.revoke_all(user.id, at(5), except_family=kept_family) == 3
        await uow.commit()
    for token in others:
        assert (await stored_token(uow_factory, token)).revoked_at == at(5)
    assert await stored_token(uow_factory, already_revoked) == already_revoked
    assert await stored_token(uow_factory, kept) == kept
    async with uow_factory() as uow:
        assert await uow.refresh_tokens.revoke_all(user.id, at(6)) == 1
        assert await uow.refresh_tokens.revoke_all(user.id, at(7)) == 0
        await uow.commit()
    assert await stored_token(uow_factory, kept) == attrs.evolve(kept, revoked_at=at(6))
    assert await stored_token(uow_factory, strangers) == strangers


async def test_a_naive_now_is_refused(uow_factory: UnitOfWorkFactory) -> None:
    (user,) = await add_users(uow_factory)
    token = make_token(user.id)
    await add_tokens(uow_factory, token)
    naive = datetime(2025, 3, 4, 6, 0)
    async with uow_factory() as uow:
        with pytest.raises(ValueError, match="naive"):
            await uow.refresh_tokens.consume(token.token_hash, naive)
        with pytest.raises(ValueError, match="naive"):
            await uow.refresh_tokens.revoke_family(user.id, token.family_id, naive)
        with pytest.raises(ValueError, match="naive"):
            await uow.refresh_tokens.revoke_all(user.id, naive)
    assert await stored_token(uow_factory, token) == token


# Audit log


async def test_audit_events_are_listed_newest_first_per_user(uow_factory: UnitOfWorkFactory) -> None:
    user, other = await add_users(uow_factory, 2)
    events = [
        make_event(user.id, "login", created_at=at(3), details={"ip": "203.0.113.7", "agent": ["x", 1]}),
        make_event(user.id, "login_failed", created_at=at(1).astimezone(PARIS)),
        make_event(user.id, "password_changed", created_at=at(7)),
    ]
    strangers = make_event(other.id, created_at=at(9))
    anonymous = make_event(None, "login_failed", details={"email_hash": "ab12"})
    async with uow_factory() as uow:
        for event in [*events, strangers, anonymous]:
            await uow.audit_log.add(event)
        with pytest.raises(Conflict):
            await uow.audit_log.add(events[0])
        await uow.commit()
    async with uow_factory() as uow:
        listed = await uow.audit_log.list(user.id)
        assert listed == [events[2], events[0], events[1]]
        assert await uow.audit_log.list(user.id, limit=2) == [events[2], events[0]]
        assert await uow.audit_log.list(other.id) == [strangers]
        assert await uow.audit_log.list(new_id()) == []
    assert listed[1].details == {"ip": "203.0.113.7", "agent": ["x", 1]}
    assert_utc(*(event.created_at for event in listed))


async def test_audit_events_outlive_the_users_account(uow_factory: UnitOfWorkFactory) -> None:
    (user,) = await add_users(uow_factory)
    login = make_event(user.id, "login", created_at=at(1))
    deleted = make_event(user.id, "account_deleted", created_at=at(2))
    async with uow_factory() as uow:
        await uow.audit_log.add(login)
        await uow.commit()
    async with uow_factory() as uow:
        await uow.users.delete(user.id)
        await uow.audit_log.add(deleted)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.users.get(user.id) is None
        assert await uow.audit_log.list(user.id) == [deleted, login]


# Idempotency records


async def test_an_idempotency_record_comes_back_for_its_user_scope_and_key(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user, other = await add_users(uow_factory, 2)
    record = make_record(user.id, created_at=T0.astimezone(PARIS))
    async with uow_factory() as uow:
        await uow.idempotency.add(record)
        assert await uow.idempotency.get(user.id, record.scope, record.key) == record
        await uow.commit()
    async with uow_factory() as uow:
        found = await uow.idempotency.get(user.id, record.scope, record.key)
        assert await uow.idempotency.get(other.id, record.scope, record.key) is None
        assert await uow.idempotency.get(user.id, "POST /exports", record.key) is None
        assert await uow.idempotency.get(user.id, record.scope, "key-2") is None
    assert found == record
    assert found is not None
    assert found.response == {"id": "opt-1", "status": "queued", "scores": [71.5, None]}
    assert_utc(found.created_at)


async def test_a_key_is_unique_per_user_and_scope(uow_factory: UnitOfWorkFactory) -> None:
    user, other = await add_users(uow_factory, 2)
    first = make_record(user.id)
    async with uow_factory() as uow:
        await uow.idempotency.add(first)
        await uow.commit()
    async with uow_factory() as uow:
        with pytest.raises(Conflict):
            await uow.idempotency.add(make_record(user.id, request_hash="sha256:other", status_code=500))
        with pytest.raises(Conflict):
            await uow.idempotency.add(make_record(new_id()))
        await uow.idempotency.add(make_record(other.id))
        await uow.idempotency.add(make_record(user.id, scope="POST /exports"))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.idempotency.get(user.id, first.scope, first.key) == first
        assert await uow.idempotency.get(other.id, first.scope, first.key) == make_record(other.id)
        assert await uow.idempotency.get(user.id, "POST /exports", first.key) is not None


async def test_racing_requests_with_one_key_record_one_response_and_the_loser_sees_it(
    uow_factory: UnitOfWorkFactory,
) -> None:
    (user,) = await add_users(uow_factory)
    racers = [make_record(user.id, request_hash=f"sha256:{n}") for n in range(2)]

    async def request(record: IdempotencyRecord) -> IdempotencyRecord | None:
        """None for the request that recorded its response; the winner's record for the other one."""
        async with uow_factory() as uow:
            try:
                await uow.idempotency.add(record)
            except Conflict:
                return await uow.idempotency.get(user.id, record.scope, record.key)
            await asyncio.sleep(0.05)
            await uow.commit()
            return None

    outcomes = await asyncio.gather(*(request(record) for record in racers), return_exceptions=True)
    assert outcomes.count(None) == 1
    (replayed,) = [outcome for outcome in outcomes if outcome is not None]
    assert replayed in racers
    async with uow_factory() as uow:
        assert await uow.idempotency.get(user.id, "POST /optimizations", "key-1") == replayed


# Deleting a user


async def test_deleting_a_user_deletes_their_sessions_and_idempotency_records(
    uow_factory: UnitOfWorkFactory,
) -> None:
    gone, kept = await add_users(uow_factory, 2)
    gone_token, kept_token = make_token(gone.id), make_token(kept.id)
    await add_tokens(uow_factory, gone_token, kept_token)
    async with uow_factory() as uow:
        await uow.idempotency.add(make_record(gone.id))
        await uow.idempotency.add(make_record(kept.id))
        await uow.commit()
    async with uow_factory() as uow:
        await uow.users.delete(gone.id)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.refresh_tokens.get_by_hash(gone_token.token_hash) is None
        assert await uow.refresh_tokens.consume(gone_token.token_hash, at(1)) is None
        assert await uow.refresh_tokens.revoke_all(gone.id, at(1)) == 0
        assert await uow.idempotency.get(gone.id, "POST /optimizations", "key-1") is None
        assert await uow.refresh_tokens.get_by_hash(kept_token.token_hash) == kept_token
        assert await uow.idempotency.get(kept.id, "POST /optimizations", "key-1") == make_record(kept.id)
        await uow.users.add(attrs.evolve(gone, email="gone.again@example.com"))
        await uow.idempotency.add(make_record(gone.id))
        await uow.commit()

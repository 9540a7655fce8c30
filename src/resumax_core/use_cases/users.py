"""The signed-in user's profile, preferences, audit trail and account deletion."""

from __future__ import annotations

import json
from typing import Any

from attrs import evolve

from resumax_core import storage_keys
from resumax_core.entities import AuditEvent, User
from resumax_core.errors import InvalidInput, Unauthorized
from resumax_core.ports import BlobStore
from resumax_core.use_cases.accounts import AccountKit, clean_name

MAX_PREFERENCES_BYTES = 16 * 1024


def _checked_preferences(preferences: dict[str, Any]) -> dict[str, Any]:
    encoded = json.dumps(preferences, ensure_ascii=False)
    if len(encoded.encode()) > MAX_PREFERENCES_BYTES:
        raise InvalidInput("Preferences are too large (16 KB at most).", details={"field": "preferences"})
    return dict(preferences)


class GetProfile:
    def __init__(self, kit: AccountKit) -> None:
        self._kit = kit

    async def execute(self, user_id: str) -> User:
        async with self._kit.uow() as uow:
            user = await uow.users.get(user_id)
        if user is None:
            raise Unauthorized()
        return user


class UpdateProfile:
    """Change the name and preferences. Rules: the email, role and verification state cannot be set here;
    preferences are merged key by key (a key set to null is removed) and stay under 16 KB."""

    def __init__(self, kit: AccountKit) -> None:
        self._kit = kit

    async def execute(
        self, user_id: str, *, name: str | None = None, preferences: dict[str, Any] | None = None
    ) -> User:
        kit = self._kit
        async with kit.uow() as uow:
            user = await uow.users.get(user_id)
            if user is None:
                raise Unauthorized()
            merged = dict(user.preferences)
            for key, value in (preferences or {}).items():
                if value is None:
                    merged.pop(key, None)
                else:
                    merged[key] = value
            updated = evolve(
                user,
                name=clean_name(name) if name is not None else user.name,
                preferences=_checked_preferences(merged),
                updated_at=kit.clock.now(),
            )
            await uow.users.update(updated)
            await uow.commit()
        return updated


class DeleteAccount:
    """Delete the account, its records and its stored files.

    Rules: the password is asked again; files go first (so a failure leaves an account the user can delete
    again, never records pointing at missing files), then every record; the deletion itself is audited.
    """

    def __init__(self, kit: AccountKit, blobs: BlobStore) -> None:
        self._kit, self._blobs = kit, blobs

    async def execute(self, user_id: str, password: str) -> None:
        kit = self._kit
        async with kit.uow() as uow:
            user = await uow.users.get(user_id)
        if user is None:
            raise Unauthorized()
        stored = user.password_hash
        if not await kit.slow(lambda: kit.hasher.verify(stored, password)):
            raise InvalidInput("The password is incorrect.", details={"field": "password"})
        await self._blobs.delete_prefix(storage_keys.user_prefix(user_id))
        async with kit.uow() as uow:
            await uow.users.delete(user_id)
            await uow.audit_log.add(kit.audit("account_deleted", user_id))
            await uow.commit()


class ListAuditEvents:
    """The user's own security events, newest first."""

    def __init__(self, kit: AccountKit) -> None:
        self._kit = kit

    async def execute(self, user_id: str, limit: int = 50) -> list[AuditEvent]:
        async with self._kit.uow() as uow:
            return await uow.audit_log.list(user_id, min(max(limit, 1), 200))

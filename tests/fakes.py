"""Test doubles for ports whose real adapters are slow, random or remote."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from resumax_core.errors import LLMUnavailable
from resumax_core.ports import LanguageModel, Proposal, RewriteRequest


class FakeClock:
    """A clock that stands still until the test moves it."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


class FailingLanguageModel:
    """An engine that is always unavailable (a provider outage)."""

    calls = 0

    @property
    def name(self) -> str:
        return "failing"

    async def propose(self, request: RewriteRequest) -> Proposal:
        self.calls += 1
        raise LLMUnavailable("The model timed out.")


class ObservingLanguageModel:
    """Wraps an engine and runs a callback before each proposal (to look at state mid-run)."""

    def __init__(self, inner: LanguageModel, before) -> None:  # type: ignore[no-untyped-def]
        self._inner, self._before = inner, before

    @property
    def name(self) -> str:
        return self._inner.name

    async def propose(self, request: RewriteRequest) -> Proposal:
        await self._before(request)
        return await self._inner.propose(request)

"""Background task names and the dispatcher that routes a queued job to its use case.

Jobs carry ids only; the use case loads the records itself, scoped by the job's ``user_id``, so a job
naming another user's record fails its ownership check inside the worker. A job may also carry
``traceparent``, the W3C trace context of the request that queued it (added and read by the tracing
adapter); the dispatcher drops it, so use cases never see it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

from resumax_core.errors import InvalidInput

PARSE_RESUME = "parse_resume"
RUN_OPTIMIZATION = "run_optimization"
TRACE_CONTEXT_ARG = "traceparent"
"""An optional job arg for tracing only; never passed on to a use case."""

TaskFunction = Callable[[Mapping[str, str]], Awaitable[None]]


class TaskDispatcher:
    """Maps task names to use cases. Built empty, filled by the composition root after the use cases
    exist (the queue needs the dispatcher and the use cases need the queue)."""

    def __init__(self) -> None:
        self._routes: dict[str, TaskFunction] = {}

    def register(self, name: str, function: TaskFunction) -> None:
        self._routes[name] = function

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._routes)

    async def __call__(self, name: str, args: Mapping[str, str]) -> None:
        try:
            function = self._routes[name]
        except KeyError:
            raise InvalidInput(f"Unknown task {name!r}.") from None
        await function({key: value for key, value in args.items() if key != TRACE_CONTEXT_ARG})

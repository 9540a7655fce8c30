"""``LiteLLMLanguageModel``: the LanguageModel port over litellm (hosted or local models).

This is the only module of resuMAX that imports litellm (and openai, its exception base). It sets
``LITELLM_LOCAL_MODEL_COST_MAP=True`` before the import unless the environment says otherwise, so importing
never fetches the price list from the network, and turns off litellm's banners on stdout.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from attrs import define, field

# Must precede the import: otherwise litellm fetches its price list from the network when imported.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

import litellm
import openai
from litellm import exceptions as llm_errors

from resumax_adapters.llm.litellm_engine.mapping import section_result, summary_result
from resumax_adapters.llm.litellm_engine.messages import Prompt, build_prompt
from resumax_adapters.llm.litellm_engine.redaction import Redactor
from resumax_adapters.llm.litellm_engine.retry import (
    Backoff,
    Failure,
    FailureKind,
    parse_retry_after,
)
from resumax_adapters.llm.prompts import PROMPT_VERSION
from resumax_adapters.llm.schemas import InvalidReply, SectionReply, SummaryReply, parse_reply
from resumax_core.entities import Usage
from resumax_core.errors import InvalidInput, LLMUnavailable
from resumax_core.ports.language_model import Proposal, RewriteRequest

__all__ = ["DEFAULT_BUDGET_SECONDS", "LiteLLMLanguageModel"]

# Banners on stdout would corrupt the CLI's JSON output; errors reach callers as exceptions anyway.
litellm.suppress_debug_info = True

log = logging.getLogger(__name__)

DEFAULT_BUDGET_SECONDS = 240.0
"""Wall-clock bound of one ``propose`` (all attempts, waits and fallbacks): below the 300 s job timeout."""

_GRACE_SECONDS = 2.0
_MAX_OUTPUT_TOKENS_CEILING = 8192
_PLACEHOLDER_KEY = "no-key-required"
_KEYLESS_PROVIDERS = frozenset({"openai", "hosted_vllm", "lm_studio", "llamafile", "openai_like"})


@define
class _Run:
    """The state of one ``propose`` call (never shared between calls, so the engine is reentrant)."""

    deadline: float
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    attempts: list[str] = field(factory=list)

    def remaining(self) -> float:
        return self.deadline - asyncio.get_running_loop().time()


class LiteLLMLanguageModel:
    """Suggests changes with any model litellm can call; every change still passes the core's guard.

    Contracts:
    - ``name`` is the primary model; ``Proposal.usage.model`` is the model that answered.
    - ``propose`` asks the primary model, retrying transient failures (timeout, connection, 429, 5xx,
      invalid or cut-off JSON, refusal) up to ``max_retries`` times with exponential backoff and jitter,
      honouring ``Retry-After``; then each fallback model in order; then raises ``LLMUnavailable`` whose
      message and details name the models and what failed, never a key, a prompt or resume text.
    - Each call is bounded by ``timeout_seconds`` (default 60 s); the whole ``propose`` — attempts, waits
      and fallbacks — by ``budget_seconds`` (default 240 s, plus at most 2 s for a call that ignores its
      timeout), below the 300 s default job timeout, so a stuck model fails the section, not the worker.
    - The model must answer JSON matching ``resumax_adapters.llm.schemas``; JSON mode is requested when
      the provider supports it (and dropped for the call if the server rejects it).
    - With ``redact_contact`` (the default) the resume's name, email, phone and links are replaced by
      placeholders before anything is sent, and restored in the answer.
    - Tokens and cost of every attempt, failed ones included, are added to ``Proposal.usage``; the cost is
      litellm's price for a known model and 0 otherwise.
    - Holds no per-call state: safe for concurrent ``propose`` calls on one event loop. Call ``aclose``
      when done with the engine (it closes litellm's cached HTTP clients).

    ``sleep`` and ``backoff`` exist for tests; ``max_output_tokens`` caps each answer (doubled, up to
    8192, after an answer was cut off at the limit).
    """

    def __init__(
        self,
        *,
        model: str,
        fallbacks: Sequence[str] = (),
        api_base: str | None = None,
        api_key: str | None = None,
        timeout_seconds: float = 60,
        max_retries: int = 2,
        redact_contact: bool = True,
        temperature: float = 0.2,
        budget_seconds: float = DEFAULT_BUDGET_SECONDS,
        max_output_tokens: int = 2048,
        backoff: Backoff | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        models = tuple(dict.fromkeys(m.strip() for m in (model, *fallbacks) if m and m.strip()))
        if not model or not model.strip():
            raise InvalidInput(
                "The language model name is empty (set RESUMAX_LLM, e.g. openai/gpt-4.1-mini)."
            )
        if timeout_seconds <= 0 or budget_seconds <= 0:
            raise InvalidInput("LLM timeouts must be positive.")
        if timeout_seconds > budget_seconds:
            raise InvalidInput(
                f"The LLM call timeout ({timeout_seconds:g} s) exceeds the budget of one section "
                f"({budget_seconds:g} s)."
            )
        if max_retries < 0 or max_output_tokens <= 0:
            raise InvalidInput("max_retries must be >= 0 and max_output_tokens > 0.")
        self._models = models
        self._api_base = api_base or None
        self._api_key = api_key or None
        self._timeout = float(timeout_seconds)
        self._budget = float(budget_seconds)
        self._max_retries = max_retries
        self._redact = redact_contact
        self._temperature = temperature
        self._max_output_tokens = max_output_tokens
        self._backoff = backoff or Backoff()
        self._sleep = sleep
        self._providers = {m: self._provider(m) for m in models}
        self._json_mode = {m: _supports_json_mode(m, self._providers[m]) for m in models}

    def _provider(self, model: str) -> str:
        try:
            _, provider, _, _ = litellm.get_llm_provider(model, api_base=self._api_base)
        except (llm_errors.BadRequestError, ValueError):
            raise InvalidInput(
                f"Unknown language model {model!r}: name it provider/model, e.g. openai/gpt-4.1-mini, "
                "anthropic/claude-sonnet-4-5, ollama/llama3.1 or openai/<name> with an API base URL."
            ) from None
        return str(provider)

    @property
    def name(self) -> str:
        return self._models[0]

    @property
    def models(self) -> tuple[str, ...]:
        """The primary model followed by the fallbacks, in the order they are tried."""
        return self._models

    async def aclose(self) -> None:
        """Close the HTTP clients litellm cached for this process (call once, at shutdown)."""
        from litellm.llms.custom_httpx.async_client_cleanup import close_litellm_async_clients

        await close_litellm_async_clients()
        litellm.in_memory_llm_clients_cache.flush_cache()

    async def propose(self, request: RewriteRequest) -> Proposal:
        """Changes for one section or the summary (see the class contracts). Raises LLMUnavailable."""
        redactor = Redactor.for_contact(request.document.contact) if self._redact else Redactor.disabled()
        prompt = build_prompt(request, redactor)
        if prompt is None:
            return Proposal(usage=Usage(model=self.name))
        run = _Run(deadline=asyncio.get_running_loop().time() + self._budget)
        for model in self._models:
            reply = await self._ask(model, prompt, run)
            if reply is not None:
                return self._proposal(request, prompt, reply, model, run)
            if run.remaining() <= 0:
                break
        raise self._unavailable(run)

    def _proposal(
        self,
        request: RewriteRequest,
        prompt: Prompt,
        reply: SectionReply | SummaryReply,
        model: str,
        run: _Run,
    ) -> Proposal:
        usage = Usage(
            model=model,
            prompt_tokens=run.prompt_tokens,
            completion_tokens=run.completion_tokens,
            cost_usd=run.cost_usd,
        )
        if isinstance(reply, SummaryReply):
            return Proposal(changes=summary_result(request, prompt, reply), usage=usage)
        changes, tips = section_result(request, prompt, reply)
        return Proposal(changes=changes, tips=tips, usage=usage)

    def _unavailable(self, run: _Run) -> LLMUnavailable:
        out_of_time = run.remaining() <= 0
        last = run.attempts[-1] if run.attempts else "no attempt"
        message = (
            f"The language model gave no usable answer after {len(run.attempts)} attempt(s) with "
            f"{', '.join(self._models)}"
            + (f" within the {self._budget:g} s budget" if out_of_time else "")
            + f"; last: {last}."
        )
        return LLMUnavailable(
            message,
            details={
                "models": list(self._models),
                "attempts": list(run.attempts),
                "outOfTime": out_of_time,
                "promptVersion": PROMPT_VERSION,
            },
        )

    async def _ask(self, model: str, prompt: Prompt, run: _Run) -> SectionReply | SummaryReply | None:
        """The valid reply of ``model``, or None once its retries, the budget or a final error ran out."""
        json_mode = self._json_mode[model]
        max_tokens = self._max_output_tokens
        for attempt in range(self._max_retries + 1):
            remaining = run.remaining()
            if remaining <= 0:
                return None
            try:
                response = await self._complete(
                    model, prompt, json_mode, max_tokens, min(self._timeout, remaining)
                )
            except llm_errors.BadRequestError as exc:
                failure = _failure(exc)
                if json_mode and not isinstance(
                    exc, llm_errors.ContextWindowExceededError | llm_errors.ContentPolicyViolationError
                ):
                    json_mode = False
                    failure = Failure(FailureKind.INVALID_ANSWER, "JSON mode rejected; asking without it")
            except (openai.OpenAIError, TimeoutError) as exc:
                failure = _failure(exc)
            else:
                self._count(model, response, run)
                try:
                    return _read(response, prompt.schema)
                except InvalidReply as exc:
                    failure = Failure(FailureKind.INVALID_ANSWER, exc.problem)
                    if exc.problem == _CUT_OFF:
                        max_tokens = min(max_tokens * 2, _MAX_OUTPUT_TOKENS_CEILING)
            run.attempts.append(f"{model}: {failure.describe()}")
            log.warning(
                "LLM attempt %d of %s (%s) failed: %s", attempt + 1, model, prompt.task, failure.describe()
            )
            if not failure.transient or self._backoff.gives_up(failure) or attempt == self._max_retries:
                return None
            delay = self._backoff.delay(attempt, failure)
            if delay >= run.remaining():
                return None
            await self._sleep(delay)
        return None

    async def _complete(
        self, model: str, prompt: Prompt, json_mode: bool, max_tokens: int, timeout: float
    ) -> Any:
        arguments: dict[str, Any] = {
            "model": model,
            "messages": [dict(message) for message in prompt.messages],
            "temperature": self._temperature,
            "max_tokens": max_tokens,
            "timeout": timeout,
            # Retries are ours (they also cover invalid answers and honour the budget).
            "num_retries": 0,
            "max_retries": 0,
            "drop_params": True,
        }
        if self._api_base:
            arguments["api_base"] = self._api_base
        key = self._api_key or self._placeholder_key(model)
        if key:
            arguments["api_key"] = key
        if json_mode:
            arguments["response_format"] = {"type": "json_object"}
        # A hard stop in case a provider integration ignores the timeout argument.
        async with asyncio.timeout(timeout + _GRACE_SECONDS):
            return await litellm.acompletion(**arguments)

    def _placeholder_key(self, model: str) -> str | None:
        """OpenAI-compatible local servers need no key, but the client refuses to send none."""
        if (
            self._api_base
            and self._providers[model] in _KEYLESS_PROVIDERS
            and not os.environ.get("OPENAI_API_KEY")
        ):
            return _PLACEHOLDER_KEY
        return None

    def _count(self, model: str, response: Any, run: _Run) -> None:
        usage = getattr(response, "usage", None)
        run.prompt_tokens += int(getattr(usage, "prompt_tokens", 0) or 0)
        run.completion_tokens += int(getattr(usage, "completion_tokens", 0) or 0)
        run.cost_usd += _cost(model, response)


_CUT_OFF = "answer cut off at the token limit"


def _supports_json_mode(model: str, provider: str) -> bool:
    try:
        supported = litellm.get_supported_openai_params(model=model, custom_llm_provider=provider)
    except (llm_errors.BadRequestError, ValueError, KeyError):
        return False
    return supported is not None and "response_format" in supported


def _cost(model: str, response: Any) -> float:
    try:
        return float(litellm.completion_cost(completion_response=response, model=model) or 0.0)
    except Exception:  # noqa: BLE001  (pricing is best effort: an unpriced or odd model must cost 0, not fail)
        return 0.0


def _headers(exc: BaseException) -> Mapping[str, str] | None:
    headers = getattr(exc, "litellm_response_headers", None)
    if headers is None:
        headers = getattr(getattr(exc, "response", None), "headers", None)
    return headers if isinstance(headers, Mapping) else None


def _failure(exc: BaseException) -> Failure:
    """A safe description of a litellm/openai exception (the provider's message is never kept)."""
    if isinstance(exc, TimeoutError | openai.APITimeoutError):
        return Failure(FailureKind.TIMEOUT, "no answer in time")
    if isinstance(exc, openai.APIStatusError):
        status = int(getattr(exc, "status_code", 0) or 0)
        retry_after = parse_retry_after(_headers(exc))
        if status == 429:
            return Failure(FailureKind.RATE_LIMITED, "HTTP 429", retry_after)
        if status == 408:
            return Failure(FailureKind.TIMEOUT, "HTTP 408", retry_after)
        if status >= 500:
            return Failure(FailureKind.SERVER_ERROR, f"HTTP {status}", retry_after)
        return Failure(FailureKind.REJECTED, f"HTTP {status} {type(exc).__name__}")
    if isinstance(exc, openai.APIConnectionError):
        return Failure(FailureKind.CONNECTION, type(exc).__name__)
    return Failure(FailureKind.REJECTED, type(exc).__name__)


def _read(response: Any, schema: type[SectionReply] | type[SummaryReply]) -> SectionReply | SummaryReply:
    choices = getattr(response, "choices", None) or []
    if not choices:
        raise InvalidReply("no choices in the answer")
    choice = choices[0]
    message = getattr(choice, "message", None)
    if getattr(message, "refusal", None):
        raise InvalidReply("the model refused")
    finish = getattr(choice, "finish_reason", None)
    if finish == "length":
        raise InvalidReply(_CUT_OFF)
    if finish == "content_filter":
        raise InvalidReply("stopped by a content filter")
    return parse_reply(getattr(message, "content", None), schema)

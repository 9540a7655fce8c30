"""The litellm engine against a real OpenAI-compatible HTTP server on 127.0.0.1: mapping, faults, usage."""

from __future__ import annotations

import asyncio
import json
import time

import pytest
from attrs import evolve

from resumax_core.analysis.apply import change_fits
from resumax_core.analysis.guard import check_change
from resumax_core.entities import BlockKind, ChangeKind, SectionKind
from resumax_core.errors import LLMUnavailable
from resumax_core.ports.language_model import RewriteRequest, RewriteTask
from tests.llm.samples import request, resume
from tests.llm.server import (
    LITELLM_WARNINGS,
    FakeLLMServer,
    RecordingSleep,
    Reply,
    section_json,
    summary_json,
)

pytest.importorskip("litellm")
pytestmark = LITELLM_WARNINGS

EXPERIENCE_EDITS = section_json(
    edits=[
        {
            "block": 1,
            "after": "Managed the Kubernetes clusters",
            "reason": "Opened with an action verb.",
            "requirement": "Kubernetes and Terraform in production",
            "evidence": [
                "Responsible for managing the Kubernetes clusters",
                "text that is not on the resume",
            ],
        },
        {"block": 2, "after": "Cut cloud costs by 30% with Terraform", "reason": "Cut filler."},
        {
            "block": 0,
            "after": "Staff Engineer | Hooli | 2021 - Present",
            "reason": "entry lines are off-limits",
        },
        {"block": 99, "after": "out of range", "reason": "no such block"},
        {"block": 1, "after": "A second edit of block one", "reason": "duplicates are dropped"},
        {"block": 5, "after": "Built services on PostgreSQL", "reason": "loses the Python evidence"},
    ],
    tips=[
        {"block": 4, "message": "Say what the wiki pages changed for your team."},
        {"block": 5, "message": "Add 25% more numbers"},
    ],
)


def _section_request(kind: SectionKind = SectionKind.EXPERIENCE) -> RewriteRequest:
    return request(resume(), kind)


async def test_edits_become_changes_that_fit_and_pass_the_guard(server: FakeLLMServer, make_engine) -> None:
    server.script(EXPERIENCE_EDITS)
    engine = make_engine()
    req = _section_request()
    proposal = await engine.propose(req)

    assert engine.name == "openai/test-model"
    assert [c.id for c in proposal.changes] == ["l3-1-bullet", "l3-2-bullet"]
    first, second = proposal.changes
    assert (first.section_index, first.block_start, first.block_end) == (3, 1, 2)
    assert first.kind is ChangeKind.BULLET and first.section is SectionKind.EXPERIENCE
    assert first.before == "Responsible for managing the Kubernetes clusters"
    assert first.after == "Managed the Kubernetes clusters"
    assert [(b.kind, b.text) for b in first.after_blocks] == [(BlockKind.BULLET, first.after)]
    assert first.reason == "Opened with an action verb."
    assert first.requirement == "Kubernetes and Terraform in production"
    assert first.evidence == ("Responsible for managing the Kubernetes clusters",)
    assert second.requirement is None and second.evidence == (second.before,)
    for change in proposal.changes:
        assert change_fits(req.document, change)
        assert check_change(req.document, change, years_of_experience=req.years_of_experience) == []
    assert [t.text for t in proposal.tips] == ["Wrote internal wiki pages"]
    assert proposal.usage.model == "openai/test-model"


async def test_the_request_uses_json_mode_and_the_configured_sampling(
    server: FakeLLMServer, make_engine
) -> None:
    server.script(EXPERIENCE_EDITS)
    await make_engine(temperature=0.1).propose(_section_request())
    (sent,) = server.requests
    assert sent.model == "test-model"
    assert sent.body["response_format"] == {"type": "json_object"}
    assert sent.body["temperature"] == 0.1
    assert sent.body["max_tokens"] == 2048
    assert "TRUTHFULNESS RULES" in sent.system and "2026-11.1" in sent.system
    assert "[5] (bullet) Built Python services on PostgreSQL serving 2M requests a day" in sent.user


async def test_skills_and_summary_replies_map_like_the_offline_engine(
    server: FakeLLMServer, make_engine
) -> None:
    document = resume()
    server.script(
        section_json(
            [{"block": 0, "after": "Python, PostgreSQL, Java, Excel", "reason": "Job skills first."}]
        ),
        summary_json(
            "Backend Engineer skilled in Python and PostgreSQL.",
            requirement="strong python and postgresql",
            evidence=["Built Python services on PostgreSQL serving 2M requests a day"],
        ),
    )
    engine = make_engine()
    skills = await engine.propose(request(document, SectionKind.SKILLS))
    (change,) = skills.changes
    assert (change.id, change.kind, change.section) == ("l2-0-skills", ChangeKind.SKILLS, SectionKind.SKILLS)
    assert change_fits(document, change) and check_change(document, change) == []

    summary = await engine.propose(request(document, SectionKind.SUMMARY))
    (change,) = summary.changes
    assert change.id == "l1-0-summary" and change.kind is ChangeKind.SUMMARY and not change.new_section
    assert (change.block_start, change.block_end, change.before) == (0, 1, "I am a hard-working engineer.")
    assert change.requirement == "Strong Python and PostgreSQL"
    assert change.evidence == ("Built Python services on PostgreSQL serving 2M requests a day",)
    assert change_fits(document, change)


async def test_a_new_summary_is_inserted_when_the_resume_has_none(server: FakeLLMServer, make_engine) -> None:
    document = resume()
    document = evolve(
        document, sections=tuple(s for s in document.sections if s.kind is not SectionKind.SUMMARY)
    )
    server.script(summary_json("Backend Engineer skilled in Python and PostgreSQL."))
    req = evolve(request(document, None, index=1), task=RewriteTask.SUMMARY)
    (change,) = (await make_engine().propose(req)).changes
    assert change.id == "l1-new-summary" and change.new_section and change.heading == "Summary"
    assert change.before == "" and change_fits(document, change)


async def test_sections_an_engine_may_not_touch_make_no_call(server: FakeLLMServer, make_engine) -> None:
    document = resume()
    proposal = await make_engine().propose(request(document, SectionKind.EDUCATION))
    assert proposal.changes == () and server.requests == []


# --- faults ----------------------------------------------------------------------------------------------


async def test_a_slow_answer_times_out_and_the_retry_succeeds(server: FakeLLMServer, make_engine) -> None:
    server.script(Reply(EXPERIENCE_EDITS, delay=3), EXPERIENCE_EDITS)
    started = time.monotonic()
    proposal = await make_engine(timeout_seconds=0.5).propose(_section_request())
    assert len(proposal.changes) == 2
    assert len(server.requests) == 2
    assert time.monotonic() - started < 2.5


async def test_a_model_that_stays_slow_falls_back(server: FakeLLMServer, make_engine) -> None:
    server.responder = lambda r: Reply(EXPERIENCE_EDITS, delay=3 if r.model == "slow" else 0)
    engine = make_engine(model="openai/slow", fallbacks=["openai/quick"], timeout_seconds=0.3, max_retries=1)
    proposal = await engine.propose(_section_request())
    assert server.models_called() == ["slow", "slow", "quick"]
    assert proposal.usage.model == "openai/quick" and len(proposal.changes) == 2


async def test_429_honours_retry_after(server: FakeLLMServer, make_engine, sleep: RecordingSleep) -> None:
    server.script(Reply(status=429, headers={"Retry-After": "7"}), EXPERIENCE_EDITS)
    proposal = await make_engine().propose(_section_request())
    assert len(proposal.changes) == 2 and len(server.requests) == 2
    assert len(sleep.delays) == 1 and 7 <= sleep.delays[0] < 7.1


async def test_429_retry_after_is_waited_for_in_real_time(server: FakeLLMServer, make_engine) -> None:
    server.script(Reply(status=429, headers={"Retry-After": "1"}), EXPERIENCE_EDITS)
    await make_engine(sleep=asyncio.sleep).propose(_section_request())
    first, second = server.requests
    assert second.at - first.at >= 1.0


async def test_a_retry_after_beyond_the_limit_moves_to_the_fallback(
    server: FakeLLMServer, make_engine
) -> None:
    server.responder = lambda r: (
        Reply(status=429, headers={"Retry-After": "3600"}) if r.model == "busy" else Reply(EXPERIENCE_EDITS)
    )
    proposal = await make_engine(model="openai/busy", fallbacks=["openai/free"]).propose(_section_request())
    assert server.models_called() == ["busy", "free"] and len(proposal.changes) == 2


async def test_500_is_retried_with_growing_backoff(
    server: FakeLLMServer, make_engine, sleep: RecordingSleep
) -> None:
    server.script(Reply(status=500), Reply(status=503), EXPERIENCE_EDITS)
    proposal = await make_engine().propose(_section_request())
    assert len(proposal.changes) == 2 and len(server.requests) == 3
    assert len(sleep.delays) == 2 and all(0 < d <= 0.05 for d in sleep.delays)


async def test_a_cut_off_answer_is_asked_again_with_more_room(server: FakeLLMServer, make_engine) -> None:
    server.script(Reply(EXPERIENCE_EDITS[:40], finish_reason="length"), EXPERIENCE_EDITS)
    proposal = await make_engine().propose(_section_request())
    assert len(proposal.changes) == 2
    assert [r.body["max_tokens"] for r in server.requests] == [2048, 4096]


async def test_a_truncated_body_without_finish_reason_is_retried(server: FakeLLMServer, make_engine) -> None:
    server.script(EXPERIENCE_EDITS[: len(EXPERIENCE_EDITS) // 2], EXPERIENCE_EDITS)
    proposal = await make_engine().propose(_section_request())
    assert len(proposal.changes) == 2 and len(server.requests) == 2


async def test_invalid_json_then_valid_json(server: FakeLLMServer, make_engine) -> None:
    server.script(
        Reply("Sure! Here are the edits you asked for.", prompt_tokens=50, completion_tokens=10),
        Reply("```json\n" + EXPERIENCE_EDITS + "\n```", prompt_tokens=60, completion_tokens=30),
    )
    proposal = await make_engine().propose(_section_request())
    assert len(proposal.changes) == 2
    assert (proposal.usage.prompt_tokens, proposal.usage.completion_tokens) == (110, 40)


@pytest.mark.parametrize(
    "content",
    [
        '{"edits": [{"block": "first", "after": "x", "reason": "y"}]}',
        '{"edits": [{"after": "no block"}]}',
        '["a", "list"]',
        '{"edits": "not a list"}',
        "",
    ],
)
async def test_schema_invalid_answers_are_retried_then_unavailable(
    server: FakeLLMServer, make_engine, content: str
) -> None:
    server.responder = lambda r: Reply(content)
    with pytest.raises(LLMUnavailable) as raised:
        await make_engine(max_retries=1).propose(_section_request())
    assert len(server.requests) == 2
    assert "invalid answer" in raised.value.message
    assert raised.value.code == "llm_unavailable"


async def test_a_refusal_is_an_invalid_answer(server: FakeLLMServer, make_engine) -> None:
    refusal = {
        "id": "x",
        "object": "chat.completion",
        "created": 1,
        "model": "test-model",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": None, "refusal": "I can't help with that."},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 5, "completion_tokens": 5, "total_tokens": 10},
    }
    server.script(Reply(raw=json.dumps(refusal).encode()), EXPERIENCE_EDITS)
    proposal = await make_engine().propose(_section_request())
    assert len(proposal.changes) == 2 and len(server.requests) == 2


async def test_the_fallback_model_answers_when_the_primary_keeps_failing(
    server: FakeLLMServer, make_engine
) -> None:
    server.responder = lambda r: Reply(status=500) if r.model == "primary" else Reply(EXPERIENCE_EDITS)
    engine = make_engine(model="openai/primary", fallbacks=["openai/backup"])
    proposal = await engine.propose(_section_request())
    assert server.models_called() == ["primary", "primary", "primary", "backup"]
    assert engine.name == "openai/primary" and proposal.usage.model == "openai/backup"
    assert len(proposal.changes) == 2


async def test_a_final_error_skips_the_retries_of_that_model(server: FakeLLMServer, make_engine) -> None:
    server.responder = lambda r: Reply(status=401) if r.model == "primary" else Reply(EXPERIENCE_EDITS)
    engine = make_engine(model="openai/primary", fallbacks=["openai/backup"])
    await engine.propose(_section_request())
    assert server.models_called() == ["primary", "backup"]


async def test_unavailable_after_every_model_fails_names_no_secret(
    server: FakeLLMServer, make_engine
) -> None:
    server.responder = lambda r: Reply(status=502)
    engine = make_engine(
        model="openai/a", fallbacks=["openai/b"], api_key="sk-very-secret-key", max_retries=1
    )
    with pytest.raises(LLMUnavailable) as raised:
        await engine.propose(_section_request())
    error = raised.value
    assert server.models_called() == ["a", "a", "b", "b"]
    assert "openai/a, openai/b" in error.message and "HTTP 502" in error.message
    assert (
        error.details["attempts"]
        == ["openai/a: server error (HTTP 502)"] * 2 + ["openai/b: server error (HTTP 502)"] * 2
    )
    shown = json.dumps(error.to_dict()) + str(error) + repr(error.__cause__) + repr(error.__context__)
    assert "sk-very-secret-key" not in shown and "Kubernetes" not in shown


async def test_the_budget_bounds_one_propose(server: FakeLLMServer, make_engine) -> None:
    server.responder = lambda r: Reply(EXPERIENCE_EDITS, delay=5)
    engine = make_engine(timeout_seconds=0.4, budget_seconds=1.0, max_retries=5)
    started = time.monotonic()
    with pytest.raises(LLMUnavailable) as raised:
        await engine.propose(_section_request())
    assert time.monotonic() - started < 2.0
    assert raised.value.details["outOfTime"] is True and "budget" in raised.value.message


async def test_json_mode_rejected_by_the_server_is_dropped(server: FakeLLMServer, make_engine) -> None:
    server.responder = lambda r: Reply(status=400) if "response_format" in r.body else Reply(EXPERIENCE_EDITS)
    proposal = await make_engine().propose(_section_request())
    assert len(proposal.changes) == 2
    assert ["response_format" in r.body for r in server.requests] == [True, False]


async def test_an_unreachable_server_is_unavailable(make_engine) -> None:
    engine = make_engine(api_base="http://127.0.0.1:9/v1", max_retries=1)
    with pytest.raises(LLMUnavailable, match=r"connection error|server error"):
        await engine.propose(_section_request())


# --- usage ---------------------------------------------------------------------------------------------


async def test_tokens_are_recorded_and_unknown_models_cost_nothing(
    server: FakeLLMServer, make_engine
) -> None:
    server.script(Reply(EXPERIENCE_EDITS, prompt_tokens=1234, completion_tokens=56))
    usage = (await make_engine().propose(_section_request())).usage
    assert (usage.model, usage.prompt_tokens, usage.completion_tokens, usage.cost_usd) == (
        "openai/test-model",
        1234,
        56,
        0.0,
    )


async def test_a_known_model_is_priced(server: FakeLLMServer, make_engine) -> None:
    import litellm

    server.script(Reply(EXPERIENCE_EDITS, prompt_tokens=1000, completion_tokens=500))
    usage = (await make_engine(model="openai/gpt-4o-mini").propose(_section_request())).usage
    prompt_cost, completion_cost = litellm.cost_per_token(
        model="gpt-4o-mini", prompt_tokens=1000, completion_tokens=500
    )
    assert usage.cost_usd == pytest.approx(prompt_cost + completion_cost) and usage.cost_usd > 0


async def test_concurrent_proposals_share_one_engine(make_engine) -> None:
    with FakeLLMServer(lambda r: Reply(EXPERIENCE_EDITS, delay=0.5)) as slow:
        engine = make_engine(api_base=slow.base_url)
        started = time.monotonic()
        proposals = await asyncio.gather(*(engine.propose(_section_request()) for _ in range(6)))
        elapsed = time.monotonic() - started
    assert all(len(p.changes) == 2 for p in proposals)
    assert elapsed < 1.5


def test_misconfiguration_is_reported_at_construction() -> None:
    from resumax_adapters.llm.litellm_engine import LiteLLMLanguageModel
    from resumax_core.errors import InvalidInput

    with pytest.raises(InvalidInput, match="Unknown language model"):
        LiteLLMLanguageModel(model="not-a-provider-model")
    with pytest.raises(InvalidInput, match="exceeds"):
        LiteLLMLanguageModel(model="openai/x", timeout_seconds=300, budget_seconds=240)

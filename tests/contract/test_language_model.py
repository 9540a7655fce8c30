"""The LanguageModel contract, run over every engine: the offline rules and litellm (on a local server).

Whatever engine proposes, the core can rely on: a non-empty ``name``; changes that fit the span they
replace, with unique ids, a reason, and the section they were asked for; tips without numbers; and no
change at all for a section without blocks or outside the document. (Truthfulness is *not* part of the
contract: engines are untrusted and the core's guard checks every change.)
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest
from attrs import evolve

from resumax_adapters.llm.offline import OfflineLanguageModel
from resumax_core.analysis.apply import change_fits
from resumax_core.analysis.gap import analyze_gap
from resumax_core.entities import Section, SectionKind, Usage
from resumax_core.ports.language_model import LanguageModel, RewriteRequest, RewriteTask
from resumax_core.use_cases.tailoring import rewrite_requests
from tests.llm.samples import JOB, TODAY, request, resume
from tests.llm.server import LITELLM_WARNINGS, FakeLLMServer, polite_responder

pytestmark = LITELLM_WARNINGS

ENGINES = ["offline", "litellm"]


@pytest.fixture(params=ENGINES)
async def engine(request: pytest.FixtureRequest) -> AsyncIterator[LanguageModel]:
    if request.param == "offline":
        yield OfflineLanguageModel()
        return
    pytest.importorskip("litellm")
    from resumax_adapters.llm.litellm_engine import LiteLLMLanguageModel

    with FakeLLMServer(polite_responder) as server:
        model = LiteLLMLanguageModel(
            model="openai/contract-model", api_base=server.base_url, timeout_seconds=5
        )
        try:
            yield model
        finally:
            await model.aclose()


def _all_requests() -> list[RewriteRequest]:
    document = resume()
    return rewrite_requests(document, JOB, analyze_gap(document, JOB, today=TODAY))


def test_engine_name_is_not_empty(engine: LanguageModel) -> None:
    assert isinstance(engine.name, str) and engine.name.strip()


async def test_changes_fit_their_spans_with_unique_ids_and_reasons(engine: LanguageModel) -> None:
    requests = _all_requests()
    seen: set[str] = set()
    total = 0
    for req in requests:
        proposal = await engine.propose(req)
        assert isinstance(proposal.usage, Usage) and proposal.usage.model
        for change in proposal.changes:
            total += 1
            assert change.id not in seen, change.id
            seen.add(change.id)
            assert change_fits(req.document, change), change.id
            assert change.reason.strip(), change.id
            assert change.after_blocks and change.after.strip()
            if req.task is RewriteTask.SECTION:
                assert change.section_index == req.section_index and not change.new_section
                assert change.section is req.document.sections[req.section_index].kind
            else:
                assert change.section is SectionKind.SUMMARY
        for tip in proposal.tips:
            assert tip.message.strip() and not re.search(r"\d", tip.message)
    assert total > 0


async def test_a_section_without_blocks_gets_no_changes(engine: LanguageModel) -> None:
    document = resume()
    document = evolve(
        document, sections=(*document.sections, Section(SectionKind.EXPERIENCE, "More experience", ()))
    )
    proposal = await engine.propose(
        request(document, SectionKind.EXPERIENCE, index=len(document.sections) - 1)
    )
    assert proposal.changes == () and proposal.tips == ()


async def test_a_section_outside_the_document_gets_no_changes(engine: LanguageModel) -> None:
    document = resume()
    proposal = await engine.propose(request(document, SectionKind.SKILLS, index=len(document.sections) + 3))
    assert proposal.changes == ()

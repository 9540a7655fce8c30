"""resuMAX benchmark of the litellm path: prints figures, asserts nothing (``python benchmarks/llm.py``).

A local OpenAI-compatible server (the one the tests use) answers every call after a fixed delay, standing in
for a slow hosted model. One TailorResume round trip over a resume with five sections the model rewrites
(summary, skills, two experience sections, projects; contact and education are not sent) should take about
one delay, not five, because sections run in parallel. The first run includes litellm's lazy imports.
Needs the ``llm`` extra.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from resumax_core.entities import ParsedDocument

REPO = Path(__file__).resolve().parent.parent
# The fake server and the sample resume live with the tests; the benchmark reuses them.
sys.path.insert(0, str(REPO))
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")


async def _round_trip(base_url: str, runs: int) -> tuple[list[float], int, int]:
    from resumax_adapters.llm.litellm_engine import LiteLLMLanguageModel
    from resumax_core.use_cases.tailoring import TailorResume
    from tests.fakes import FakeClock
    from tests.llm.samples import JOB

    document = _five_section_resume()

    engine = LiteLLMLanguageModel(model="openai/bench-model", api_base=base_url, timeout_seconds=30)
    timings: list[float] = []
    changes = 0
    try:
        tailor = TailorResume(engine, FakeClock())
        for _ in range(runs):
            started = time.perf_counter()
            result = await tailor.execute(document, JOB)
            timings.append(time.perf_counter() - started)
            changes = len(result.changes)
    finally:
        await engine.aclose()
    return timings, changes, len(document.sections)


def _five_section_resume() -> ParsedDocument:
    from attrs import evolve

    from resumax_core.entities import Block, BlockKind, Section, SectionKind
    from tests.llm.samples import resume

    document = resume()
    earlier = Section(
        SectionKind.EXPERIENCE,
        "Earlier experience",
        (
            Block(BlockKind.ENTRY, "Developer | Initech | 2018 - 2021"),
            Block(BlockKind.BULLET, "Responsible for managing the Python build scripts"),
        ),
    )
    return evolve(document, sections=(*document.sections, earlier))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--delay", type=float, default=2.0, help="seconds the server waits per call")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    warnings.filterwarnings(
        "ignore", message=r"Items? .* on TypedDict class .*ReadOnly", category=UserWarning
    )

    from tests.llm.server import FakeLLMServer, Received, Reply, polite_responder

    def slow(received: Received) -> Reply:
        reply = polite_responder(received)
        reply.delay = args.delay
        return reply

    with FakeLLMServer(slow) as server:
        timings, changes, sections = asyncio.run(_round_trip(server.base_url, args.runs))
        calls = len(server.requests) // max(1, args.runs)
    print(f"resuMAX LLM benchmark — Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print(
        f"TailorResume via litellm, {sections} sections, {calls} model calls of {args.delay:g} s each: "
        f"median {statistics.median(timings):5.2f} s, first run {timings[0]:5.2f} s, {len(timings)} runs "
        f"(goal <= 5 s: sections run in parallel); {changes} changes kept"
    )


if __name__ == "__main__":
    main()

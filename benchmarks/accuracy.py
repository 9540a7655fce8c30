"""Parsing accuracy on the sample corpus, measured against the hand-written labels (``nox -s accuracy``).

Every resume in ``<corpus>/resumes`` (``../shared/corpus`` or ``RESUMAX_CORPUS_DIR``) is parsed with the
production parser and compared with ``tests/corpus/labels/resumes/<file>.json``:

- section accuracy: the labelled section kinds found in order (longest common subsequence over the
  labelled count; "exact" when the whole sequence matches);
- fact recall: each labelled fact read correctly: contact fields and links, every role's employer, title,
  location, start and end, every school's institution, degree, start and end, the number of roles, schools
  and bullets, every skill, certification and project, and the phrases the text must (not) hold.

A label's ``known_gaps`` names facts known to be read wrong today, with the reason; they count as misses
here (the figures stay honest) and the corpus test checks they are still wrong, so a fix updates the label.
Prints one row per file and the overall figures; ``main()`` is what ``nox -s accuracy`` calls.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
LABELS_DIR = REPO / "tests" / "corpus" / "labels" / "resumes"
GOAL = 0.95
_MISSING = "<missing>"


@dataclass(frozen=True)
class Fact:
    """One labelled fact: what the label says and what the parser read."""

    key: str
    expected: Any
    found: Any

    @property
    def ok(self) -> bool:
        return bool(self.expected == self.found)


@dataclass
class Comparison:
    """A parsed document against its label."""

    file: str
    expected_sections: list[str]
    found_sections: list[str]
    facts: list[Fact] = field(default_factory=list)
    known_gaps: dict[str, str] = field(default_factory=dict)

    @property
    def section_score(self) -> float:
        if not self.expected_sections:
            return 1.0
        return _lcs(self.expected_sections, self.found_sections) / len(self.expected_sections)

    @property
    def sections_exact(self) -> bool:
        return self.expected_sections == self.found_sections

    @property
    def wrong(self) -> list[Fact]:
        return [fact for fact in self.facts if not fact.ok]

    @property
    def recall(self) -> float:
        return (len(self.facts) - len(self.wrong)) / len(self.facts) if self.facts else 1.0


def compare(label: dict[str, Any], document: Any) -> Comparison:
    """Every fact of ``label`` checked against a ParsedDocument."""
    result = Comparison(
        file=label["file"],
        expected_sections=list(label["sections"]),
        found_sections=[section.kind.value for section in document.sections],
        known_gaps=dict(label.get("known_gaps", {})),
    )
    facts = result.facts
    for name, expected in label.get("contact", {}).items():
        found = getattr(document.contact, name)
        facts.append(Fact(f"contact.{name}", expected, list(found) if isinstance(found, tuple) else found))
    for group in ("experience", "education"):
        if group not in label:
            continue
        entries = getattr(document, group)
        facts.append(Fact(f"{group}.count", len(label[group]), len(entries)))
        for index, wanted in enumerate(label[group]):
            for name, expected in wanted.items():
                found = getattr(entries[index], name) if index < len(entries) else _MISSING
                facts.append(Fact(f"{group}[{index}].{name}", expected, found))
    for position, count in label.get("bullets", {}).items():
        index = int(position)
        found = len(document.experience[index].bullets) if index < len(document.experience) else _MISSING
        facts.append(Fact(f"bullets[{index}]", count, found))
    for group in ("skills", "certifications", "projects", "languages"):
        read = set(getattr(document, group))
        facts.extend(Fact(f"{group}: {item}", True, item in read) for item in label.get(group, ()))
    text = document.text
    lines = set(text.split("\n"))
    facts.extend(Fact(f"text: {phrase}", True, phrase in text) for phrase in label.get("text", ()))
    facts.extend(
        Fact(f"absent text: {phrase}", True, phrase not in lines) for phrase in label.get("absent_text", ())
    )
    return result


def _lcs(first: Sequence[str], second: Sequence[str]) -> int:
    lengths = [[0] * (len(second) + 1) for _ in range(len(first) + 1)]
    for i, a in enumerate(first):
        for j, b in enumerate(second):
            lengths[i + 1][j + 1] = lengths[i][j] + 1 if a == b else max(lengths[i][j + 1], lengths[i + 1][j])
    return lengths[-1][-1]


def load_labels() -> list[dict[str, Any]]:
    """Every resume label, sorted by file name."""
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(LABELS_DIR.glob("*.json"))]


def corpus_dir() -> Path:
    configured = os.environ.get("RESUMAX_CORPUS_DIR")
    return Path(configured) if configured else REPO.parent / "shared" / "corpus"


async def measure(corpus: Path) -> list[Comparison]:
    """Parse every labelled corpus resume with the production parser and compare it with its label."""
    from resumax_adapters.parsing.standard import StandardDocumentParser
    from resumax_core.ports.document_parser import EXTENSION_MEDIA_TYPES

    results = []
    async with StandardDocumentParser() as parser:
        for label in load_labels():
            path = corpus / "resumes" / label["file"]
            document = await parser.parse(path.read_bytes(), EXTENSION_MEDIA_TYPES[path.suffix])
            results.append(compare(label, document))
    return results


def missing_essentials(result: Comparison) -> list[str]:
    """Which of contact, experience and education a file's label has but the parse lost entirely."""
    lost = []
    if any(f.key in ("contact.name", "contact.email") and not f.ok for f in result.facts):
        lost.append("contact")
    for group in ("experience", "education"):
        count = next((f for f in result.facts if f.key == f"{group}.count"), None)
        if count is not None and count.expected and not count.found:
            lost.append(group)
    return lost


def report(results: list[Comparison]) -> str:
    """The table: one row per file, then the overall figures against the goal."""
    rows = [
        f"{'file':<46} {'sections':>9} {'facts':>9} {'recall':>7}  wrong (known gaps marked *)",
        "-" * 120,
    ]
    for result in results:
        wrong = ", ".join(("*" if fact.key in result.known_gaps else "") + fact.key for fact in result.wrong)
        right = len(result.facts) - len(result.wrong)
        sections = f"{result.section_score:.0%}" + ("" if result.sections_exact else "~")
        rows.append(
            f"{result.file:<46} {sections:>9} {right:>4}/{len(result.facts):<4} {result.recall:>7.1%}  "
            + (wrong[:200] or "-")
        )
    facts = sum(len(r.facts) for r in results)
    right = facts - sum(len(r.wrong) for r in results)
    sections = sum(r.section_score for r in results) / len(results)
    exact = sum(r.sections_exact for r in results)
    lost = {r.file: missing_essentials(r) for r in results if missing_essentials(r)}
    rows += [
        "-" * 120,
        f"section accuracy {sections:.1%} ({exact}/{len(results)} files exact)   "
        f"fact recall {right}/{facts} = {right / facts:.1%}   goal >= {GOAL:.0%}: "
        + ("met" if right / facts >= GOAL and sections >= GOAL else "NOT met"),
        "files missing contact, experience or education: " + (json.dumps(lost) if lost else "none"),
    ]
    return "\n".join(rows)


def main() -> None:
    """Measure and print the accuracy table (asserts nothing)."""
    corpus = corpus_dir()
    if not (corpus / "resumes").is_dir():
        print(f"no corpus at {corpus}; set RESUMAX_CORPUS_DIR")
        return
    print(report(asyncio.run(measure(corpus))))
    print(job_report(corpus))


def job_report(corpus: Path) -> str:
    """Job analysis against the labelled job descriptions: required-skill recall and precision per file."""
    from tests.corpus.test_corpus_jobs import evaluate_job_labels

    figures = evaluate_job_labels(corpus)
    lines = ["", "Job descriptions: required skills (recall / precision), all skills (recall / precision)"]
    for name, entry in figures["files"].items():
        lines.append(
            f"  {name:<45} {entry['required_recall']:6.1%} / {entry['required_precision']:6.1%}"
            f"   {entry['recall']:6.1%} / {entry['precision']:6.1%}"
        )
    lines.append(
        f"  {'overall':<45} {figures['required_recall']:6.1%} / {figures['required_precision']:6.1%}"
        f"   {figures['recall']:6.1%} / {figures['precision']:6.1%}   (goal >= 95% / >= 90% required)"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()

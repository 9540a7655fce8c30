"""The round-trip check: does an exported file read back as the version it came from?

It compares the sequence of section kinds and the words of every section (a word counts as kept when it
appears in the re-read text as often as in the original). The export passes when every section is found
and at least ``MIN_COVERAGE`` of the words are kept.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from attrs import frozen

from resumax_core.entities import ParsedDocument

MIN_COVERAGE = 0.98
_WORD = re.compile(r"[^\W_]+(?:[.'+#-][^\W_]+)*[+#]*", re.UNICODE)


@frozen
class RoundTripCheck:
    sections_expected: int
    sections_found: int
    words_expected: int
    words_found: int
    missing_sections: tuple[str, ...]
    missing_words: tuple[str, ...]

    @property
    def coverage(self) -> float:
        return 1.0 if self.words_expected == 0 else self.words_found / self.words_expected

    @property
    def passed(self) -> bool:
        return not self.missing_sections and self.coverage >= MIN_COVERAGE

    @property
    def label(self) -> str:
        """What a person reads, e.g. "ATS check: 6/6 sections, 100% of text"."""
        return (
            f"ATS check: {self.sections_found}/{self.sections_expected} sections, "
            f"{self.coverage * 100:.0f}% of text" + ("" if self.passed else " (FAILED)")
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "label": self.label,
            "sectionsExpected": self.sections_expected,
            "sectionsFound": self.sections_found,
            "textCoverage": round(self.coverage, 4),
            "missingSections": list(self.missing_sections),
            "missingWords": list(self.missing_words),
        }


def _words(text: str) -> Counter[str]:
    return Counter(word.casefold() for word in _WORD.findall(text))


def compare_documents(expected: ParsedDocument, actual: ParsedDocument) -> RoundTripCheck:
    """Compare an exported-and-reparsed document with the document that was exported."""
    wanted = [s.kind.value for s in expected.sections if s.blocks]
    found_kinds = Counter(s.kind.value for s in actual.sections if s.blocks)
    missing_sections: list[str] = []
    for kind in wanted:
        if found_kinds[kind] > 0:
            found_kinds[kind] -= 1
        else:
            missing_sections.append(kind)
    expected_words = _words(expected.text)
    actual_words = _words(actual.text)
    kept = sum(min(count, actual_words[word]) for word, count in expected_words.items())
    missing_words = sorted(word for word, count in expected_words.items() if actual_words[word] < count)
    return RoundTripCheck(
        sections_expected=len(wanted),
        sections_found=len(wanted) - len(missing_sections),
        words_expected=sum(expected_words.values()),
        words_found=kept,
        missing_sections=tuple(missing_sections),
        missing_words=tuple(missing_words[:20]),
    )

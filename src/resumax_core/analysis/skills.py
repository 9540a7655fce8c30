"""Find taxonomy skills in free text.

Business rules:
- Matching is whole-word: "Java" never matches inside "JavaScript", "Go" never inside "Google", "C" never in
  "C++", "C#" or "C-level", "R" never in "R&D", and "js" inside "Node.js" is Node.js, not JavaScript.
- The longest written form wins where forms overlap ("Spring Boot" over "Spring", "Hugging Face
  Transformers" over "Hugging Face").
- Case matters only for forms that are also English words ("Go" the language vs "go" the verb, "React" vs
  "react", "Excel" vs "excel at"); every other form matches in any case.
- Ambiguous one-letter or everyday forms ("R", "C", "Go") count only when their sentence names another
  skill or a programming context word, so "(Go Sooners!)" is not the Go language.
- Web addresses and e-mail addresses are not text: "github.com/jane/golang" names no skill.
- Multi-word forms match across hyphens and line breaks ("machine-learning", "machine\\nlearning") and in
  the plural ("data pipelines").

All patterns are compiled once, on first use, into two trie-shaped regular expressions (case-insensitive
and case-sensitive), so a text is scanned in two linear passes whatever the size of the taxonomy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

from attrs import frozen

from resumax_core.analysis.taxonomy import Term, normalize_term, taxonomy

__all__ = ["SkillMatch", "canonical_skill", "find_skills", "scan_skills", "sentence_spans", "skills_in"]

_SEPARATOR_PATTERN = r"[\s\-‐‑–]+"
_LEFT_BOUNDARY = r"(?<![\w.@])"
_RIGHT_BOUNDARY = r"(?![\w+#@]|\.\w|&\w|['’]\w\w)"
_CONTEXT_WORDS = re.compile(
    r"\b(?:programming|languages?|scripting|coding|code|developers?|software|statistical|statistics|"
    r"frameworks?|librar(?:y|ies)|stack|analysis|modell?ing|packages?|technologies|tools|EHR|EMR|"
    r"charting|analytics|experience with|proficien\w+)\b",
    re.IGNORECASE,
)
_LINK = re.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|dev|ai|co|app|me|"
    r"edu|gov|us|uk|de)/\S*",
    re.IGNORECASE,
)
_ABBREVIATIONS = frozenset(
    {"e.g", "i.e", "etc", "vs", "inc", "ltd", "co", "jr", "sr", "dr", "st", "no", "mr", "ms", "mrs", "approx"}
)


@frozen
class SkillMatch:
    """One occurrence of a skill: where it is, how it was written, and the sentence or line around it."""

    skill: str
    start: int
    end: int
    text: str
    sentence: str


@frozen
class _Matcher:
    folded: re.Pattern[str]
    exact: re.Pattern[str]
    folded_terms: dict[str, Term]
    exact_terms: dict[str, Term]


def _plural_forms(key: str) -> list[str]:
    if " " not in key or not key[-1].isalpha() or not key[-1].islower() or key.endswith("s"):
        return [key]
    if key.endswith(("ch", "sh", "x")):
        return [key, key + "es"]
    if key.endswith("y") and len(key) > 2 and key[-2] not in "aeiou":
        return [key, key[:-1] + "ies"]
    return [key, key + "s"]


def _trie_pattern(keys: Iterable[str]) -> str:
    root: dict[str, Any] = {}
    for key in keys:
        node = root
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(root)


def _node_pattern(node: dict[str, Any]) -> str:
    ends_here = "" in node
    alternatives = [
        (_SEPARATOR_PATTERN if char == " " else re.escape(char)) + _node_pattern(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not alternatives:
        return ""
    body = (
        alternatives[0] if len(alternatives) == 1 and not ends_here else "(?:" + "|".join(alternatives) + ")"
    )
    if ends_here:
        return ("(?:" + body + ")" if len(alternatives) == 1 else body) + "?"
    return body


@cache
def _matcher() -> _Matcher:
    folded_terms: dict[str, Term] = {}
    exact_terms: dict[str, Term] = {}
    for term in taxonomy().terms:
        if term.case_sensitive:
            key = normalize_term(term.text, case_sensitive=True)
            exact_terms.setdefault(key, term)
        else:
            key = normalize_term(term.text)
            for form in _plural_forms(key):
                folded_terms.setdefault(form, term)
    folded = re.compile(
        f"{_LEFT_BOUNDARY}(?:{_trie_pattern(sorted(folded_terms))}){_RIGHT_BOUNDARY}", re.IGNORECASE
    )
    exact = re.compile(f"{_LEFT_BOUNDARY}(?:{_trie_pattern(sorted(exact_terms))}){_RIGHT_BOUNDARY}")
    return _Matcher(folded, exact, folded_terms, exact_terms)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split text into lines, and lines into sentences and semicolon clauses: the unit of evidence."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        start = 0
        for cut in re.finditer(r"[.!?](?=\s+[A-Z0-9\"'“(])|;(?=\s)", line):
            if cut.group() == ".":
                word = re.search(r"([\w.]+)$", line[start : cut.start()])
                if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
                    continue
            _add_span(spans, line, offset, start, cut.end())
            start = cut.end()
        _add_span(spans, line, offset, start, len(line))
        offset += len(line) + 1
    return spans


def _add_span(spans: list[tuple[int, int]], line: str, offset: int, start: int, end: int) -> None:
    piece = line[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append((offset + start + lead, offset + start + lead + len(stripped)))


@lru_cache(maxsize=512)
def scan_skills(text: str, *, require_context: bool = True) -> tuple[SkillMatch, ...]:
    """Every skill occurrence in ``text``, in reading order, overlaps resolved longest-first.

    ``require_context=False`` also accepts ambiguous forms without a supporting sentence: the guard reads a
    resume that way, so a word the candidate wrote ("in Epic") always counts as theirs.
    """
    if not text:
        return ()
    matcher = _matcher()
    found: list[tuple[int, int, Term]] = []
    for match in matcher.folded.finditer(text):
        term = matcher.folded_terms.get(normalize_term(match.group()))
        if term is not None:
            found.append((match.start(), match.end(), term))
    for match in matcher.exact.finditer(text):
        term = matcher.exact_terms.get(normalize_term(match.group(), case_sensitive=True))
        if term is not None:
            found.append((match.start(), match.end(), term))
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    chosen: list[tuple[int, int, Term]] = []
    last_end = -1
    for start, end, term in found:
        if start >= last_end:
            chosen.append((start, end, term))
            last_end = end
    links = [m.span() for m in _LINK.finditer(text)]
    chosen = [item for item in chosen if not any(s <= item[0] < e for s, e in links)]
    spans = sentence_spans(text)
    located = [(start, end, term, _span_of(spans, start, end)) for start, end, term in chosen]
    results: list[SkillMatch] = []
    for start, end, term, span in located:
        if term.skill is None:
            continue
        sentence = text[span[0] : span[1]]
        if require_context and term.needs_context and not _has_context(term, span, located, sentence):
            continue
        results.append(SkillMatch(term.skill, start, end, text[start:end], sentence))
    return tuple(results)


def _span_of(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    first = next((s for s in spans if s[0] <= start < s[1]), (start, end))
    last = next((s for s in spans if s[0] < end <= s[1]), first)
    return (min(first[0], start), max(last[1], end))


def _has_context(
    term: Term, span: tuple[int, int], located: list[tuple[int, int, Term, tuple[int, int]]], sentence: str
) -> bool:
    for _start, _end, other, other_span in located:
        if other is term or other.skill is None or other.needs_context or other.skill == term.skill:
            continue
        if other_span == span and not taxonomy().is_soft(other.skill):
            return True
    return _CONTEXT_WORDS.search(sentence) is not None


def find_skills(text: str) -> dict[str, list[str]]:
    """Canonical skill -> the distinct sentences or lines of ``text`` naming it, in reading order."""
    result: dict[str, list[str]] = {}
    for match in scan_skills(text):
        sentences = result.setdefault(match.skill, [])
        if match.sentence not in sentences:
            sentences.append(match.sentence)
    return result


def skills_in(text: str) -> frozenset[str]:
    """The canonical skills named in ``text``."""
    return frozenset(match.skill for match in scan_skills(text))


def canonical_skill(name: str) -> str | None:
    """The canonical taxonomy name for a skill name or alias ("k8s" -> "Kubernetes"); None if unknown."""
    return taxonomy().canonical(name)

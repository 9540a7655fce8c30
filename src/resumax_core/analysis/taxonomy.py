"""The versioned skill taxonomy: canonical skills, their aliases, categories and parents.

Business rules:
- Every skill has one canonical name; aliases resolve to it ("k8s" -> "Kubernetes").
- Parents express "proving the child proves the parent": PostgreSQL proves SQL, React proves JavaScript.
  Ancestors are transitive; the reverse (SQL proves PostgreSQL) never holds.
- Soft skills are kept apart (category ``soft``) so scores can weigh them less; certifications (category
  ``certification``) are credentials, not skills.
- The data lives in ``taxonomy_data``; ``TAXONOMY_VERSION`` changes whenever it does, and is stamped on every
  job analysis so stored results say which taxonomy produced them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache

from attrs import frozen

from resumax_core.analysis.taxonomy_data import TAXONOMY_TEXT, TAXONOMY_VERSION

__all__ = ["CERTIFICATION", "SOFT", "STOP", "TAXONOMY_VERSION", "Skill", "Taxonomy", "Term", "taxonomy"]

SOFT = "soft"
CERTIFICATION = "certification"
STOP = "stop"

_SEPARATOR = re.compile(r"[\s\-‐‑–]+")


@frozen
class Term:
    """One written form of a skill. ``skill`` is None for stop phrases, which match but mean nothing."""

    text: str
    skill: str | None
    case_sensitive: bool = False
    needs_context: bool = False


@frozen
class Skill:
    name: str
    category: str
    aliases: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()

    @property
    def is_soft(self) -> bool:
        return self.category == SOFT

    @property
    def is_certification(self) -> bool:
        return self.category == CERTIFICATION


def normalize_term(text: str, *, case_sensitive: bool = False) -> str:
    """The lookup key of a term: separators (spaces, hyphens, line breaks) collapsed to one space."""
    collapsed = _SEPARATOR.sub(" ", text.strip())
    return collapsed if case_sensitive else collapsed.lower()


class Taxonomy:
    """The parsed taxonomy with lookups; build it once with ``taxonomy()``."""

    def __init__(self, skills: Mapping[str, Skill], terms: tuple[Term, ...], version: str) -> None:
        self.version = version
        self.skills: Mapping[str, Skill] = skills
        self.terms = terms
        self._exact: dict[str, str] = {}
        self._folded: dict[str, str] = {}
        for name in skills:
            self._folded.setdefault(normalize_term(name), name)
            self._exact.setdefault(normalize_term(name, case_sensitive=True), name)
        for term in terms:
            if term.skill is None:
                continue
            self._exact.setdefault(normalize_term(term.text, case_sensitive=True), term.skill)
            self._folded.setdefault(normalize_term(term.text), term.skill)
        self._ancestors: dict[str, frozenset[str]] = {}
        children: dict[str, set[str]] = {}
        for skill in skills.values():
            for parent in skill.parents:
                children.setdefault(parent, set()).add(skill.name)
        self._children = {name: frozenset(kids) for name, kids in children.items()}

    def __contains__(self, name: object) -> bool:
        return name in self.skills

    def __len__(self) -> int:
        return len(self.skills)

    def get(self, name: str) -> Skill | None:
        return self.skills.get(name)

    def canonical(self, name: str) -> str | None:
        """The canonical name for a skill name or alias (case-insensitive as a fallback); None if unknown."""
        if not name or not name.strip():
            return None
        exact = self._exact.get(normalize_term(name, case_sensitive=True))
        if exact is not None:
            return exact
        return self._folded.get(normalize_term(name))

    def ancestors(self, name: str) -> frozenset[str]:
        """Every skill that proving ``name`` also proves (parents, grandparents...), without ``name``."""
        cached = self._ancestors.get(name)
        if cached is not None:
            return cached
        seen: set[str] = set()
        stack = list(self.skills[name].parents) if name in self.skills else []
        while stack:
            parent = stack.pop()
            if parent in seen or parent == name:
                continue
            seen.add(parent)
            if parent in self.skills:
                stack.extend(self.skills[parent].parents)
        result = frozenset(seen)
        self._ancestors[name] = result
        return result

    def descendants(self, name: str) -> frozenset[str]:
        """Every skill whose proof proves ``name`` (children, grandchildren...)."""
        seen: set[str] = set()
        stack = list(self._children.get(name, ()))
        while stack:
            child = stack.pop()
            if child in seen:
                continue
            seen.add(child)
            stack.extend(self._children.get(child, ()))
        return frozenset(seen)

    def is_soft(self, name: str) -> bool:
        skill = self.skills.get(name)
        return skill is not None and skill.is_soft

    def is_certification(self, name: str) -> bool:
        skill = self.skills.get(name)
        return skill is not None and skill.is_certification

    def category(self, name: str) -> str | None:
        skill = self.skills.get(name)
        return skill.category if skill else None


@frozen
class _Marks:
    text: str
    case_sensitive: bool = False
    needs_context: bool = False
    label_only: bool = False


def _parse_term(raw: str) -> _Marks:
    text = raw.strip()
    case_sensitive = needs_context = label_only = False
    while text and text[-1] in "!?^":
        case_sensitive = case_sensitive or text[-1] == "!"
        needs_context = needs_context or text[-1] == "?"
        label_only = label_only or text[-1] == "^"
        text = text[:-1].rstrip()
    return _Marks(text, case_sensitive, needs_context, label_only)


def _split_list(field: str) -> list[str]:
    return [part.strip() for part in field.split(",") if part.strip()]


def parse_taxonomy(text: str, version: str) -> Taxonomy:
    """Parse the line format documented in ``taxonomy_data``. Raises ValueError on an unknown parent."""
    skills: dict[str, Skill] = {}
    terms: list[Term] = []
    category = "general"
    for line_number, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            category = line[1:-1].strip()
            continue
        if category == STOP:
            terms.append(Term(text=line, skill=None))
            continue
        fields = [field.strip() for field in line.split("|")]
        marks = _parse_term(fields[0])
        name = marks.text
        if not name:
            raise ValueError(f"taxonomy line {line_number}: empty canonical name")
        if name in skills:
            raise ValueError(f"taxonomy line {line_number}: duplicate skill {name!r}")
        alias_fields = _split_list(fields[1]) if len(fields) > 1 else []
        parents = tuple(_split_list(fields[2])) if len(fields) > 2 else ()
        aliases: list[str] = []
        if not marks.label_only:
            terms.append(Term(name, name, marks.case_sensitive, marks.needs_context))
        for raw_alias in alias_fields:
            alias = _parse_term(raw_alias)
            if alias.text and alias.text != name:
                aliases.append(alias.text)
                terms.append(Term(alias.text, name, alias.case_sensitive, alias.needs_context))
        skills[name] = Skill(name=name, category=category, aliases=tuple(aliases), parents=parents)
    _add_comma_names(skills, terms)
    for skill in skills.values():
        for parent in skill.parents:
            if parent not in skills:
                raise ValueError(f"skill {skill.name!r} has unknown parent {parent!r}")
    return Taxonomy(skills, tuple(terms), version)


def _add_comma_names(skills: Mapping[str, Skill], terms: list[Term]) -> None:
    """Canonical names with a comma ("Diversity, Equity & Inclusion") also match their written variants."""
    for name in skills:
        if "," in name and " & " in name:
            terms.append(Term(name.replace(" & ", " and "), name))
            terms.append(Term(name.replace(" & ", ", and "), name))


@cache
def taxonomy() -> Taxonomy:
    """The taxonomy of this release, parsed on first use."""
    return parse_taxonomy(TAXONOMY_TEXT, TAXONOMY_VERSION)


def expand_with_ancestors(names: Iterable[str]) -> frozenset[str]:
    """The skills named plus every skill they prove through parents."""
    tax = taxonomy()
    result: set[str] = set()
    for name in names:
        result.add(name)
        result |= tax.ancestors(name)
    return frozenset(result)

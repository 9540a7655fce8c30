"""Value objects of tailoring: the job analysis, the explainable score, and suggested changes."""

from __future__ import annotations

from typing import Any

from attrs import asdict, field, frozen

from resumax_core.entities.document import Block
from resumax_core.entities.enums import ChangeKind, SectionKind


def _lists(value: Any) -> Any:
    """Tuples become lists, recursively, so the dict is plain JSON."""
    if isinstance(value, dict):
        return {key: _lists(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_lists(item) for item in value]
    return value


@frozen
class Requirement:
    """One requirement line of a job description, the canonical skills it names, and whether it is
    required (``True``) or only preferred."""

    text: str
    required: bool
    skills: tuple[str, ...] = ()


@frozen
class JobAnalysis:
    """What a job description asks for. Skills are canonical taxonomy names (aliases resolved)."""

    title: str | None = None
    company: str | None = None
    location: str | None = None
    seniority: str | None = None
    workplace_type: str | None = None
    employment_type: str | None = None
    salary_range: str | None = None
    min_years: int | None = None
    required_skills: tuple[str, ...] = ()
    preferred_skills: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    education: tuple[str, ...] = ()
    certifications: tuple[str, ...] = ()
    taxonomy_version: str = ""

    def to_dict(self) -> dict[str, Any]:
        plain: dict[str, Any] = _lists(asdict(self))
        return plain

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> JobAnalysis:
        values = dict(data)
        values["requirements"] = tuple(
            Requirement(r["text"], bool(r["required"]), tuple(r.get("skills") or ()))
            for r in values.get("requirements") or ()
        )
        for key in ("required_skills", "preferred_skills", "keywords", "education", "certifications"):
            values[key] = tuple(values.get(key) or ())
        return cls(**values)


@frozen
class Match:
    """An item the job asks for that the resume proves, with the resume text that proves it."""

    item: str
    evidence: str


@frozen
class ScoreComponent:
    """One named part of the score: ``points`` = ``weight`` × ``ratio`` (0..1)."""

    name: str
    label: str
    weight: float
    ratio: float
    matched: tuple[Match, ...] = ()
    missing: tuple[str, ...] = ()
    note: str = ""

    @property
    def points(self) -> float:
        return round(self.weight * self.ratio, 1)


@frozen
class Score:
    """A 0–100 fit score that is the sum of its components' points."""

    total: float
    components: tuple[ScoreComponent, ...]

    def component(self, name: str) -> ScoreComponent | None:
        return next((c for c in self.components if c.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "components": [
                {
                    "name": c.name,
                    "label": c.label,
                    "weight": c.weight,
                    "ratio": round(c.ratio, 3),
                    "points": c.points,
                    "matched": [{"item": m.item, "evidence": m.evidence} for m in c.matched],
                    "missing": list(c.missing),
                    "note": c.note,
                }
                for c in self.components
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Score:
        return cls(
            total=float(data["total"]),
            components=tuple(
                ScoreComponent(
                    name=c["name"],
                    label=c["label"],
                    weight=float(c["weight"]),
                    ratio=float(c["ratio"]),
                    matched=tuple(Match(m["item"], m["evidence"]) for m in c.get("matched") or ()),
                    missing=tuple(c.get("missing") or ()),
                    note=c.get("note", ""),
                )
                for c in data["components"]
            ),
        )


@frozen
class Change:
    """One suggested edit the user can accept or reject on its own.

    It replaces blocks ``block_start:block_end`` of section ``section_index`` with ``after_blocks``; when
    ``new_section`` is True it instead inserts a new section of kind ``section`` at ``section_index``.
    ``before``/``after`` are the same edit as text, for people. ``requirement`` is the job requirement it
    serves and ``evidence`` the resume text it rests on.
    """

    id: str
    kind: ChangeKind
    section: SectionKind
    section_index: int
    block_start: int
    block_end: int
    before: str
    after: str
    after_blocks: tuple[Block, ...]
    reason: str
    requirement: str | None = None
    evidence: tuple[str, ...] = ()
    new_section: bool = False
    heading: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "section": self.section.value,
            "sectionIndex": self.section_index,
            "blockStart": self.block_start,
            "blockEnd": self.block_end,
            "before": self.before,
            "after": self.after,
            "afterBlocks": [{"kind": b.kind.value, "text": b.text} for b in self.after_blocks],
            "reason": self.reason,
            "requirement": self.requirement,
            "evidence": list(self.evidence),
            "newSection": self.new_section,
            "heading": self.heading,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Change:
        from resumax_core.entities.enums import BlockKind

        return cls(
            id=data["id"],
            kind=ChangeKind(data["kind"]),
            section=SectionKind(data["section"]),
            section_index=int(data["sectionIndex"]),
            block_start=int(data["blockStart"]),
            block_end=int(data["blockEnd"]),
            before=data["before"],
            after=data["after"],
            after_blocks=tuple(Block(BlockKind(b["kind"]), b["text"]) for b in data["afterBlocks"]),
            reason=data["reason"],
            requirement=data.get("requirement"),
            evidence=tuple(data.get("evidence") or ()),
            new_section=bool(data.get("newSection", False)),
            heading=data.get("heading"),
        )


@frozen
class Tip:
    """Advice the user must act on themselves, e.g. a bullet that states no measurable result.

    resuMAX never fills in a number or a fact for the user; it only points at where one would help.
    """

    section: SectionKind
    text: str
    message: str


@frozen
class Violation:
    """A fact a rewrite would add that the resume does not support.

    ``kind`` is one of: employer, title, institution, degree, date, metric, certification, skill.
    """

    kind: str
    text: str
    reason: str


@frozen
class RejectedChange:
    change: Change
    violations: tuple[Violation, ...]


@frozen
class Usage:
    """What generating suggestions cost: tokens and money (zero for the offline engine)."""

    model: str = "offline"
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            model=self.model if self.model == other.model else f"{self.model},{other.model}",
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            cost_usd=self.cost_usd + other.cost_usd,
        )


@frozen
class TailoringResult:
    """Everything one tailoring run produced; what the optimization stores and the CLI prints."""

    job: JobAnalysis
    score_before: Score
    score_after: Score
    changes: tuple[Change, ...]
    rejected: tuple[RejectedChange, ...]
    tips: tuple[Tip, ...]
    matched_skills: tuple[str, ...]
    missing_skills: tuple[str, ...]
    summary: str
    usage: Usage = field(factory=Usage)

    def to_dict(self) -> dict[str, Any]:
        return {
            "job": self.job.to_dict(),
            "scoreBefore": self.score_before.to_dict(),
            "scoreAfter": self.score_after.to_dict(),
            "changes": [c.to_dict() for c in self.changes],
            "rejected": [
                {
                    "change": r.change.to_dict(),
                    "violations": [
                        {"kind": v.kind, "text": v.text, "reason": v.reason} for v in r.violations
                    ],
                }
                for r in self.rejected
            ],
            "tips": [{"section": t.section.value, "text": t.text, "message": t.message} for t in self.tips],
            "matchedSkills": list(self.matched_skills),
            "missingSkills": list(self.missing_skills),
            "summary": self.summary,
            "usage": {
                "model": self.usage.model,
                "promptTokens": self.usage.prompt_tokens,
                "completionTokens": self.usage.completion_tokens,
                "costUsd": self.usage.cost_usd,
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TailoringResult:
        usage = data.get("usage") or {}
        return cls(
            job=JobAnalysis.from_dict(data["job"]),
            score_before=Score.from_dict(data["scoreBefore"]),
            score_after=Score.from_dict(data["scoreAfter"]),
            changes=tuple(Change.from_dict(c) for c in data["changes"]),
            rejected=tuple(
                RejectedChange(
                    Change.from_dict(r["change"]),
                    tuple(Violation(v["kind"], v["text"], v["reason"]) for v in r["violations"]),
                )
                for r in data.get("rejected") or ()
            ),
            tips=tuple(
                Tip(SectionKind(t["section"]), t["text"], t["message"]) for t in data.get("tips") or ()
            ),
            matched_skills=tuple(data.get("matchedSkills") or ()),
            missing_skills=tuple(data.get("missingSkills") or ()),
            summary=data.get("summary", ""),
            usage=Usage(
                model=usage.get("model", "offline"),
                prompt_tokens=int(usage.get("promptTokens", 0)),
                completion_tokens=int(usage.get("completionTokens", 0)),
                cost_usd=float(usage.get("costUsd", 0.0)),
            ),
        )

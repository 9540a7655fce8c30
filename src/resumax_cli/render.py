"""How the CLI shows results to a person, and the JSON shape of ``resumax optimize --json``."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from resumax_core.entities import Score
from resumax_core.use_cases.one_shot import OptimizedFile


def _score_json(score: Score) -> dict[str, Any]:
    return score.to_dict()


def optimization_json(optimized: OptimizedFile, output: Path) -> dict[str, Any]:
    """The documented ``resumax optimize --json`` shape."""
    result = optimized.result
    export = optimized.export
    return {
        "score": {"before": _score_json(result.score_before), "after": _score_json(optimized.score_after)},
        "matched_skills": list(result.matched_skills),
        "missing_skills": list(result.missing_skills),
        "changes": [
            {
                "id": change.id,
                "kind": change.kind.value,
                "section": change.section.value,
                "before": change.before,
                "after": change.after,
                "reason": change.reason,
                "requirement": change.requirement,
                "evidence": list(change.evidence),
                "applied": change.id in optimized.applied,
            }
            for change in result.changes
        ],
        "rejected": [
            {
                "id": rejected.change.id,
                "after": rejected.change.after,
                "violations": [
                    {"kind": v.kind, "text": v.text, "reason": v.reason} for v in rejected.violations
                ],
            }
            for rejected in result.rejected
        ],
        "tips": [
            {"section": tip.section.value, "text": tip.text, "message": tip.message} for tip in result.tips
        ],
        "summary": result.summary,
        "engine": result.usage.model,
        "output": str(output),
        "format": export.format.value if export else None,
        "template": export.template if export else None,
        "check": export.check.to_dict() if export else None,
    }


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(" ".join(text.split()), width=100, initial_indent=indent, subsequent_indent=indent)


def describe_optimization(payload: dict[str, Any]) -> str:
    before, after = payload["score"]["before"], payload["score"]["after"]
    lines = [f"Fit score: {before['total']:.0f} → {after['total']:.0f} / 100", ""]
    for old, new in zip(before["components"], after["components"], strict=True):
        lines.append(
            f"  {new['label']:<34} {old['points']:>5.1f} → {new['points']:>5.1f} of {new['weight']:.0f}"
        )
    lines.append("")
    lines.append("Matched skills: " + (", ".join(payload["matched_skills"]) or "none"))
    lines.append("Missing skills: " + (", ".join(payload["missing_skills"]) or "none"))
    changes = payload["changes"]
    lines.extend(["", f"Changes ({len(changes)}):"])
    for change in changes:
        lines.append(f"- [{change['section']}] {change['reason']}")
        lines.append(_wrap(change["before"], "    before: ") if change["before"] else "    before: (new)")
        lines.append(_wrap(change["after"], "    after:  "))
        if change["evidence"]:
            lines.append(_wrap("; ".join(change["evidence"]), "    evidence: "))
    if payload["rejected"]:
        lines.extend(["", f"Dropped as unsupported by the resume ({len(payload['rejected'])}):"])
        for rejected in payload["rejected"]:
            reasons = "; ".join(v["reason"] for v in rejected["violations"])
            lines.append(_wrap(f"{rejected['after']} — {reasons}", "- "))
    if payload["tips"]:
        lines.extend(["", f"Tips ({len(payload['tips'])}):"])
        for tip in payload["tips"]:
            lines.append(_wrap(tip["text"], "- "))
            lines.append(_wrap(tip["message"], "    tip: "))
    check = payload.get("check")
    lines.extend(["", f"Wrote {payload['output']}" + (f" ({check['label']})" if check else "")])
    return "\n".join(lines)


def describe_document(document: dict[str, Any]) -> str:
    contact = document["contact"]
    lines = [
        f"Name:     {contact.get('name') or '-'}",
        f"Email:    {contact.get('email') or '-'}",
        f"Phone:    {contact.get('phone') or '-'}",
        f"Location: {contact.get('location') or '-'}",
    ]
    if contact.get("links"):
        lines.append("Links:    " + ", ".join(contact["links"]))
    lines.extend(["", "Sections:"])
    for section in document["sections"]:
        heading = section["heading"] or "(top)"
        lines.append(f"  {section['kind']:<15} {heading}  [confidence {section['confidence']:.2f}]")
    if document["experience"]:
        lines.extend(["", "Experience:"])
        for entry in document["experience"]:
            dates = f"{entry.get('start') or '?'} – {entry.get('end') or '?'}"
            role = " at ".join(part for part in (entry.get("title"), entry.get("employer")) if part)
            lines.append(f"  {role or '(role)'}  ({dates}), {len(entry['bullets'])} bullets")
    if document["education"]:
        lines.extend(["", "Education:"])
        for entry in document["education"]:
            lines.append(
                "  "
                + ", ".join(p for p in (entry.get("degree"), entry.get("institution"), entry.get("end")) if p)
            )
    if document["skills"]:
        lines.extend(["", _wrap("Skills: " + ", ".join(document["skills"]), "")])
    for warning in document.get("warnings") or ():
        lines.append(f"warning: {warning}")
    return "\n".join(lines)


def describe_job(job: dict[str, Any]) -> str:
    lines = [
        f"{key.replace('_', ' ').capitalize() + ':':<18}{job[key]}"
        for key in (
            "title",
            "company",
            "location",
            "seniority",
            "workplace_type",
            "employment_type",
            "salary_range",
            "min_years",
        )
        if job.get(key) is not None
    ]
    lines.append(_wrap("Required skills:  " + (", ".join(job["required_skills"]) or "none found"), ""))
    lines.append(_wrap("Preferred skills: " + (", ".join(job["preferred_skills"]) or "none found"), ""))
    if job["keywords"]:
        lines.append(_wrap("Keywords:         " + ", ".join(job["keywords"]), ""))
    return "\n".join(lines)

"""Word-level differences between two versions of a resume, section by section, for people to review."""

from __future__ import annotations

import difflib
import re
from typing import Any

from resumax_core.entities import ParsedDocument, Section

_TOKEN = re.compile(r"\S+|\s+")


def diff_text(before: str, after: str) -> list[dict[str, str]]:
    """Operations turning ``before`` into ``after``: ``{"op": "equal"|"insert"|"delete", "text": ...}``.

    Concatenating the equal+delete texts gives ``before``; equal+insert gives ``after``.
    """
    a, b = _TOKEN.findall(before), _TOKEN.findall(after)
    ops: list[dict[str, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append({"op": "equal", "text": "".join(a[i1:i2])})
            continue
        if i2 > i1:
            ops.append({"op": "delete", "text": "".join(a[i1:i2])})
        if j2 > j1:
            ops.append({"op": "insert", "text": "".join(b[j1:j2])})
    return ops


def _key(section: Section) -> tuple[str, str]:
    return (section.kind.value, section.heading)


def diff_documents(before: ParsedDocument, after: ParsedDocument) -> list[dict[str, Any]]:
    """One entry per section of ``after`` that differs from ``before`` (added sections included)."""
    remaining = {i: _key(s) for i, s in enumerate(before.sections)}
    out: list[dict[str, Any]] = []
    for section in after.sections:
        match = next((i for i, key in remaining.items() if key == _key(section)), None)
        old_text = before.sections[match].text if match is not None else ""
        if match is not None:
            del remaining[match]
        if old_text == section.text:
            continue
        out.append(
            {
                "section": section.kind.value,
                "heading": section.heading,
                "before": old_text,
                "after": section.text,
                "ops": diff_text(old_text, section.text),
            }
        )
    return out

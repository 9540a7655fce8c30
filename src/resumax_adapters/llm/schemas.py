"""The JSON a language model must return, as pydantic models, and the parser that enforces them.

Contracts:
- ``SectionReply``: ``{"edits": [{"block", "after", "reason", "requirement", "evidence"}], "tips": [...]}``
  for one resume section; ``SummaryReply``: ``{"summary", "reason", "requirement", "evidence"}``.
- Unknown keys are ignored (models add them); missing or mistyped required keys, out-of-range sizes and
  anything that is not one JSON object are errors: ``parse_reply`` raises ``InvalidReply`` and the caller
  asks again.
- Validation is about shape only. Whether an edit is *true* is decided later by the core's guard.
"""

from __future__ import annotations

import json
import re
from typing import Annotated, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

__all__ = ["InvalidReply", "SectionEdit", "SectionReply", "SectionTip", "SummaryReply", "parse_reply"]

MAX_EDITS = 60
MAX_EVIDENCE = 8

_Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
_Short = Annotated[str, StringConstraints(strip_whitespace=True, max_length=600)]
_FENCE = re.compile(r"^\s*```(?:json|JSON)?\s*\n?(.*?)\n?\s*```\s*$", re.DOTALL)


class InvalidReply(ValueError):
    """The model's answer is not the JSON object the task asked for. ``problem`` is safe to log: it
    never quotes the answer (which may echo resume text)."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


class _Reply(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class SectionEdit(_Reply):
    """Replace block ``block`` (its number in the section as sent) with ``after``."""

    block: int = Field(ge=0, le=10_000)
    after: _Text
    reason: _Short = ""
    requirement: _Short | None = None
    evidence: list[_Text] = Field(default_factory=list, max_length=MAX_EVIDENCE)


class SectionTip(_Reply):
    """Advice about block ``block`` that only the candidate can act on."""

    block: int = Field(ge=0, le=10_000)
    message: _Short


class SectionReply(_Reply):
    edits: list[SectionEdit] = Field(default_factory=list, max_length=MAX_EDITS)
    tips: list[SectionTip] = Field(default_factory=list, max_length=MAX_EDITS)


class SummaryReply(_Reply):
    """A summary written from the resume's facts; an empty ``summary`` means "no suggestion"."""

    summary: _Text
    reason: _Short = ""
    requirement: _Short | None = None
    evidence: list[_Text] = Field(default_factory=list, max_length=MAX_EVIDENCE)


ReplyT = TypeVar("ReplyT", bound=_Reply)


def parse_reply(content: str | None, schema: type[ReplyT]) -> ReplyT:
    """The answer ``content`` validated against ``schema``.

    Accepts one JSON object, optionally wrapped in a Markdown code fence (local models often add one).
    Raises InvalidReply naming the problem (never the content) when the answer is empty, not JSON, not an
    object, or does not match the schema.
    """
    if content is None or not content.strip():
        raise InvalidReply("empty answer")
    text = content.strip()
    fenced = _FENCE.match(text)
    if fenced:
        text = fenced.group(1)
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise InvalidReply(f"not JSON ({type(exc).__name__})") from None
    if not isinstance(data, dict):
        raise InvalidReply(f"a JSON {type(data).__name__}, not an object")
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        fields = sorted({".".join(str(part) for part in error["loc"]) for error in exc.errors()})
        raise InvalidReply(f"schema mismatch at {', '.join(fields[:5]) or 'the top level'}") from None

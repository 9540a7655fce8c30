"""The versioned prompt library of the LLM engine, and how untrusted text is placed inside a prompt.

Templates are Markdown files of one directory per version (``v2026_11_1/``), filled with
``string.Template`` (``$name`` placeholders, so JSON braces need no escaping):

- ``system``: the truthfulness rules, the untrusted-data rule and the output rule, shared by every task;
- ``gap``: the gap analysis (skills proven with their evidence, skills missing, years proven);
- ``section_bullets``: rewrite the bullets of an experience or projects section;
- ``section_skills``: order a skills section by what the job asks for;
- ``summary``: write a summary from the resume's facts only.

Every piece of text that comes from a user or a job posting goes through ``delimit``: it is wrapped in a
data tag the system prompt declares untrusted, after ``neutralise`` has defused anything inside it that
could pass for one of those tags (or a chat-role marker) so that the data cannot close its own block.
A new wording is a new version directory and a new ``PROMPT_VERSION``; old versions stay for comparison.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from string import Template

__all__ = ["DATA_TAGS", "PROMPT_VERSION", "TEMPLATES", "delimit", "neutralise", "render"]

PROMPT_VERSION = "2026-11.1"
_DIRECTORY = "v2026_11_1"
TEMPLATES = ("system", "gap", "section_bullets", "section_skills", "summary")
DATA_TAGS = ("job_description", "gap_analysis", "resume", "resume_section")

_OPENERS = r"(?:<|&lt;|&#0*60;|&#x0*3c;|\uff1c|\ufe64|\u2039|\u3008|\u27e8)"
_NAMES = (
    r"(?:job[\s_-]*description|gap[\s_-]*analysis|resume[\s_-]*section|resume|system|user|assistant|"
    r"instructions?|prompt|im[\s_-]*(?:start|end)|end[\s_-]*of[\s_-]*text)"
)
_TAG_LIKE = re.compile(rf"{_OPENERS}(?=\s*/?\s*(?:\||{_NAMES}\b))", re.IGNORECASE)
_SAFE_OPENER = "‹"


@cache
def _template(name: str) -> Template:
    if name not in TEMPLATES:
        raise KeyError(f"no prompt template {name!r}")
    source = resources.files(__name__).joinpath(_DIRECTORY, f"{name}.md")
    return Template(source.read_text(encoding="utf-8").strip())


def render(name: str, **values: str) -> str:
    """Template ``name`` of the current version filled with ``values`` (and ``$version``).

    Values are inserted verbatim: pass untrusted text through ``delimit`` first. Raises KeyError for an
    unknown template or a missing value.
    """
    return _template(name).substitute(values, version=PROMPT_VERSION)


def neutralise(text: str) -> str:
    """``text`` with every opening of a data tag or chat-role marker look-alike (``</resume_section>``,
    ``&lt;job_description&gt;``, ``＜system＞``, ``<|im_start|>``) turned into an inert "‹", so data can
    never end its own block or open a new one. Everything else is unchanged."""
    return _TAG_LIKE.sub(_SAFE_OPENER, text)


def delimit(tag: str, text: str) -> str:
    """``text`` as untrusted data inside ``<tag>…</tag>`` (``tag`` must be one of ``DATA_TAGS``)."""
    if tag not in DATA_TAGS:
        raise ValueError(f"{tag!r} is not a declared data tag")
    return f"<{tag}>\n{neutralise(text)}\n</{tag}>"

"""Job description analysis: clean the text, find its sections, and read what the job asks for.

Business rules:
- Boilerplate never produces skills: benefits and perks, compensation, equal-opportunity statements,
  "About us" marketing, culture and values, career growth, interview and application steps, and example
  projects are dropped by ``sanitize_job_text`` before any skill is read.
- A skill named under a requirements heading (Requirements, Qualifications, Must have, Minimum, Basic,
  Who you are...) is *required*; one named under a preferred heading (Preferred, Nice to have, Bonus, Plus)
  or on a line that says "preferred"/"a plus"/"nice to have" is *preferred*. A skill named both ways is
  required.
- Skills named only in the responsibilities, the overview or a technology-stack list are preferred: they
  describe the work but are not stated as a condition. When a description has no requirements heading at
  all (a plain paragraph), everything outside preferred parts is required.
- Degree fields ("Master's in Statistics") are not skills: a degree line yields an education requirement,
  and credentials (CKA, PMP, RN...) yield certification requirements, not skills.
- The minimum years is the smallest "N+ years" stated as required (else anywhere in the kept text).
- Results are cached per text: the same description is analysed once per process.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise
from typing import Any

from attrs import frozen

from resumax_core.analysis.skills import scan_skills, sentence_spans
from resumax_core.analysis.taxonomy import TAXONOMY_VERSION, taxonomy
from resumax_core.entities import JobAnalysis, Requirement

__all__ = [
    "JobSection",
    "PartKind",
    "analyze_job",
    "analyze_job_cached",
    "job_sections",
    "job_text_from_json",
    "sanitize_job_text",
    "skill_alternatives",
]


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (word lists read better as one string)."""
    return frozenset(text.split())


class PartKind(StrEnum):
    """What a part of a job description is, which decides how its skills count."""

    INTRO = "intro"
    REQUIRED = "required"
    PREFERRED = "preferred"
    RESPONSIBILITIES = "responsibilities"
    STACK = "stack"
    BOILERPLATE = "boilerplate"
    OTHER = "other"


@frozen
class JobSection:
    heading: str
    kind: PartKind
    lines: tuple[str, ...]


_BULLET_GLYPHS = "•◦▪▫●○·‣⁃∙➢➤►▶→✓✔☐■□★*-–—"
_BULLET_LINE = re.compile(rf"^\s*(?:[{re.escape(_BULLET_GLYPHS)}]|\d{{1,2}}[.)])\s+")
_TAG = re.compile(r"<[^>]+>")
_BLOCK_TAG = re.compile(r"<\s*(?:br|/p|/div|/li|/h[1-6]|/tr|/ul|/ol)\s*/?\s*>", re.IGNORECASE)
_LI_TAG = re.compile(r"<\s*li[^>]*>", re.IGNORECASE)
_HEADING_TAG = re.compile(r"<\s*h[1-6][^>]*>(.*?)<\s*/\s*h[1-6]\s*>", re.IGNORECASE | re.DOTALL)
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?\s*$")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+(.+?)\s*#*\s*$")
_MD_EMPHASIS = re.compile(r"(\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|`)")

_BOILERPLATE_HEADING = re.compile(
    r"^(?:about (?!you\b|the role|this role|the position|the job|the opportunity)|who we are|"
    r"our (?:mission|story|"
    r"company|team|values|culture)|company|mission|values|culture|team culture|work culture|agency culture|"
    r"benefit|perk|what we offer|we offer|compensation|salary|pay\b|total rewards|equal|eeo|diversity|"
    r"inclusion|why (?:join|work)|life at|career|growth opportunit|professional development|"
    r"interview|application|apply|how to apply|to apply|portfolio guidelines|.*statement guidelines|"
    r"academic calendar|tenure|facilities|department strengths|work environment|work culture|team structure|"
    r"design philosophy|leadership principles|client portfolio|client diversity|industry expertise|"
    r".*examples|accommodation|legal|disclaimer|privacy|our commitment|commitment to|location|"
    r"working (?:here|with us)|perks|(?:key )?performance metrics|success metrics|key metrics|kpis)",
)
_PREFERRED_HEADING = re.compile(
    r"(?:preferred|nice[ -]to[ -]have|bonus|pluses|\bplus\b|desired|desirable|good to have|extra credit|"
    r"ideally|optional|would be great|advantageous)"
)
_REQUIRED_HEADING = re.compile(
    r"(?:requirement|qualification|must[ -]have|minimum|basic|required|what you (?:bring|need|have)|"
    r"who you are|you have|you bring|you are|you'll need|your (?:profile|background|skills|experience)|"
    r"skills (?:and|&) experience|experience (?:and|&) skills|looking for|competenc|essential|eligibility|"
    r"about you|ideal candidate|^skills$|^key skills$|^experience$|what it takes|you should have)"
)
_RESPONSIBILITY_HEADING = re.compile(
    r"(?:responsibilit|what you(?:'ll| will) do|duties|the role|role summary|position (?:overview|summary)|"
    r"job (?:summary|description|overview)|overview|summary|day[ -]to[ -]day|you will|you'll|your impact|"
    r"things you|expectations|client engagement|key projects|the opportunity|the job|the position|impact|"
    r"what you'll be doing|your role|in this role)"
)
_STACK_HEADING = re.compile(
    r"(?:stack|tools|technolog|expertise|speciali[sz]|methodolog|research areas|areas of interest|"
    r"testing experience|campaign types|metrics|platforms|technical skills|skills & tools|design skills)"
)
_ABOUT_ROLE = re.compile(r"^about (?:the role|this role|the position|the job|the opportunity)")
_METADATA_KEYS = re.compile(
    r"^(?:location|work location|job location|office|team|reports to|reporting to|department|division|"
    r"salary|salary range|pay|pay range|compensation|employment type|job type|type|schedule|hours|start date|"
    r"travel|remote|workplace|work model|level|seniority|experience level|contract|duration|company|"
    r"employer|posted|date|deadline|closing date|job id|req id|reference|title|position)$"
)
_EEO_LINE = re.compile(
    r"(?:equal (?:employment )?opportunit|affirmative action|without regard to|regardless of (?:race|"
    r"background|age|gender|sex|religion|color)|protected veteran|reasonable accommodation|e-verify|"
    r"we (?:welcome|encourage) applications|drug[- ]free workplace|background check)",
    re.IGNORECASE,
)
_APPLY_LINE = re.compile(
    r"^(?:apply (?:at|now|here|via|online)|to apply|how to apply|please (?:submit|send|apply)|"
    r"send your (?:cv|"
    r"resume))",
    re.IGNORECASE,
)
_BENEFIT_LINE = re.compile(
    r"(?:401\(?k\)?|health(?:,| and)? dental|dental|vision (?:coverage|insurance)|health insurance|"
    r"paid time off|\bPTO\b|parental leave|stock options|\bequity\b(?! and inclusion)|retirement plan|"
    r"tuition|wellness|free (?:lunch|meals|snacks)|relocation assistance|sign-on bonus|"
    r"competitive (?:salary|pay|compensation)|benefits package)",
    re.IGNORECASE,
)
_PREFERRED_CUE = re.compile(
    r"(?:\bpreferred\b|\bpreferably\b|\ba plus\b|\bis a plus\b|\bnice[ -]to[ -]have\b|\bbonus\b|\bideally\b|"
    r"\bdesirable\b|\badvantageous\b|\bappreciated\b|\bwould be great\b|\bnot required\b)",
    re.IGNORECASE,
)
_DEGREE = re.compile(
    r"(?:\bbachelor|\bmaster'?s?\b|\bmasters\b|\bph\.?\s?d\b|\bdoctora|\bmba\b|\bassociate'?s degree|"
    r"\b(?:b\.?s\.?|b\.?a\.?|m\.?s\.?|m\.?a\.?|b\.?sc|m\.?sc)\b(?= in| degree)|\bdegree\b|\bdiploma\b|"
    r"\bhigh school (?:diploma|degree|graduate|education|equivalent)|\bged\b)",
    re.IGNORECASE,
)
_CERT_WORD = re.compile(r"(?:certif|licens|credential)", re.IGNORECASE)
_YEARS = re.compile(
    r"(?<![\d.])(\d{1,2})\s*\+?\s*(?:(?:-|to|–)\s*(\d{1,2})\s*\+?\s*)?(?:years?|yrs?)\b(?!\s+old)"
    r"(?!\s+of\s+(?:service|age))",
    re.IGNORECASE,
)
_WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_WORD_YEARS = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten)\s*\+?\s*(?:or more\s+)?years?\s+(?:of\s+)?"
    r"(?:\w+\s+){0,4}experience",
    re.IGNORECASE,
)
_SALARY = re.compile(
    r"(?:[$€£]\s?\d[\d,]*(?:\.\d+)?\s?[kK]?(?:\s*(?:-|–|to)\s*[$€£]?\s?\d[\d,]*(?:\.\d+)?\s?[kK]?)?)"
)
_SALARY_PLAIN = re.compile(
    r"(?:salary|compensation|pay)\s*(?:range)?\s*:\s*([\d][\d,.\s\-–kK$€£]*\d[kK]?)", re.IGNORECASE
)
_WORKPLACE = (
    ("hybrid", re.compile(r"\bhybrid\b", re.IGNORECASE)),
    (
        "remote",
        re.compile(r"\b(?:fully remote|remote(?:-first| first)?|work from home|wfh)\b", re.IGNORECASE),
    ),
    ("on-site", re.compile(r"\b(?:on-?site|in[- ]office|in[- ]person)\b", re.IGNORECASE)),
)
_EMPLOYMENT = (
    ("internship", re.compile(r"\b(?:internship|intern)\b", re.IGNORECASE)),
    ("part-time", re.compile(r"\bpart[- ]time\b", re.IGNORECASE)),
    ("full-time", re.compile(r"\bfull[- ]time\b", re.IGNORECASE)),
    (
        "contract",
        re.compile(
            r"\b(?:contract(?:or)?|freelance|temporary|fixed[- ]term)\b(?! negotiation)", re.IGNORECASE
        ),
    ),
)
_LOCATION_LINE = re.compile(
    r"^(?P<loc>[A-Z][\w .'-]+,\s*(?:[A-Z]{2}|[A-Z][a-z]+(?: [A-Z][a-z]+)*))"
    r"\s*(?:[|(–-]\s*(?P<rest>[^)]*)\)?)?$"
)
_TITLE_FROM_SENTENCE = re.compile(
    r"(?:seeking|looking for|hiring|to hire|searching for)\s+(?:an?\s+)?"
    r"(?:(?:[a-z][\w-]*|[A-Z][a-z]+-[a-z]+)\s+){0,3}?"
    r"(?P<title>(?:[A-Z][\w/&+.-]*\s+){0,5}[A-Z][\w/&+.-]*)"
)
_TITLE_FROM_DEFINITION = re.compile(
    r"^(?:An?|The)\s+(?P<title>(?:[A-Z][\w/-]*\s+){0,5}[A-Z][\w/-]*)\s+(?:is|will)\b"
)
_ROLE_WORD = re.compile(
    r"\b(?:engineer|developer|manager|director|analyst|designer|scientist|consultant|architect|specialist|"
    r"coordinator|administrator|officer|intern|nurse|professor|teacher|accountant|executive|representative|"
    r"lead|head|associate|assistant|technician|electrician|writer|editor|researcher|lecturer|recruiter|"
    r"strategist|owner|advisor|agent|clerk|operator|programmer|president|vp|partner|mechanic|therapist)s?\b",
    re.IGNORECASE,
)
_KEYWORD_STOP = _words(
    "a an and are as at be by for from in into is of on or our the to we with you your will this that "
    "experience years year strong ability work team skills skill knowledge understanding including "
    "excellent proven demonstrated related field using across within role other new also must more "
    "working build building develop developing ensure help include includes such well plus preferred "
    "required requirements qualifications responsibilities candidates candidate job position company "
    "opportunity hands-on high quality best practices based level etc via per who what they their "
    "them it its can may all any each one two three multiple various key core"
)
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]{1,6}s?\b")
_CAPITALISED_PHRASE = re.compile(
    r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z0-9]+(?:\s+(?:[A-Z][a-z0-9]+|of|and|&)){1,3})"
)
_ACRONYM_STOP = _words(
    "I II III IV AA AM PM US USA UK EU CA NY TX WA OR IL MA CT PT ET EST CST PST HR VP CEO CTO CFO COO AE "
    "CSM SDR BDR ID FAQ OK ASAP TBD FTE PTO PHD MBA BS BA MS MSC BSC GPA IT"
)


def _normalise_characters(text: str) -> str:
    replacements = {
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00ad": "",
        "\u200b": "",
        "\ufeff": "",
        "\r\n": "\n",
        "\r": "\n",
        "\t": " ",
    }
    for old, new in replacements.items():
        text = text.replace(old, new)
    return text


def _strip_html(text: str) -> str:
    if not re.search(r"<\s*/?\s*[a-zA-Z][^>]*>", text) and "&" not in text:
        return text
    text = _HEADING_TAG.sub(lambda m: "\n" + _TAG.sub("", m.group(1)).strip() + ":\n", text)
    text = _LI_TAG.sub("\n- ", text)
    text = _BLOCK_TAG.sub("\n", text)
    text = re.sub(r"<\s*p[^>]*>", "\n", text, flags=re.IGNORECASE)
    text = _TAG.sub("", text)
    return html.unescape(text)


def _strip_markdown(line: str) -> str:
    heading = _MD_HEADING.match(line) or _MD_BOLD_LINE.match(line)
    if heading:
        inner = heading.group(1).strip().rstrip(":").strip()
        inner = _MD_EMPHASIS.sub("", inner)
        return inner + ":" if inner else ""
    line = _MD_LINK.sub(r"\1", line)
    return _MD_EMPHASIS.sub("", line)


def _normalise_bullet(line: str) -> str:
    match = _BULLET_LINE.match(line)
    if match:
        return "- " + line[match.end() :].strip()
    return line.strip()


def _is_bullet(line: str) -> bool:
    return line.startswith("- ")


def _continues(previous: str, line: str) -> bool:
    """A hard-wrapped paragraph line continues the previous one (the rm_* descriptions are wrapped)."""
    if not previous or not line or _is_bullet(line) or _heading_of(line) is not None:
        return False
    if len(previous) < 55 or previous[-1] in ".:!?":
        return False
    last_word = previous.rsplit(" ", 1)[-1].lower()
    return (
        line[0].islower()
        or previous[-1] in ",;(-/"
        or last_word
        in {
            "and",
            "or",
            "of",
            "the",
            "with",
            "to",
            "for",
            "in",
            "a",
            "an",
            "on",
            "as",
            "by",
            "via",
            "such",
        }
    )


def _clean_lines(text: str) -> list[str]:
    text = _strip_html(_normalise_characters(text))
    lines: list[str] = []
    for raw in text.split("\n"):
        line = _normalise_bullet(_strip_markdown(raw))
        line = re.sub(r" {2,}", " ", line).strip()
        if lines and line and _continues(lines[-1], line):
            lines[-1] = f"{lines[-1]} {line}"
            continue
        lines.append(line)
    collapsed: list[str] = []
    for line in lines:
        if line or (collapsed and collapsed[-1]):
            collapsed.append(line)
    while collapsed and not collapsed[-1]:
        collapsed.pop()
    return collapsed


def _classify_heading(heading: str) -> PartKind | None:
    """The kind of a section heading; None when the words are not a known section name."""
    key = heading.lower().strip().rstrip(":").strip()
    key = re.sub(r"\s+", " ", key)
    if _ABOUT_ROLE.match(key):
        return PartKind.OTHER
    if key.startswith("about you"):
        return PartKind.REQUIRED
    if _BOILERPLATE_HEADING.match(key):
        return PartKind.BOILERPLATE
    if _PREFERRED_HEADING.search(key):
        return PartKind.PREFERRED
    if _REQUIRED_HEADING.search(key):
        return PartKind.REQUIRED
    if _STACK_HEADING.search(key):
        return PartKind.STACK
    if _RESPONSIBILITY_HEADING.search(key):
        return PartKind.RESPONSIBILITIES
    return None


def _heading_of(line: str) -> tuple[str, PartKind, str] | None:
    """``(heading, kind, rest of line)`` when the line opens a section, else None."""
    if not line or _is_bullet(line) or len(line) > 400:
        return None
    labelled = re.match(r"^([A-Za-z][A-Za-z0-9 &/',()+.-]{1,70}?)\s*:\s*(.*)$", line)
    if labelled:
        head, rest = labelled.group(1).strip(), labelled.group(2).strip()
        if _METADATA_KEYS.match(head.lower()):
            return None
        kind = _classify_heading(head)
        if not rest:
            if len(head.split()) <= 6:
                return head, kind or PartKind.OTHER, ""
            return None
        strong = (PartKind.REQUIRED, PartKind.PREFERRED, PartKind.RESPONSIBILITIES, PartKind.BOILERPLATE)
        if kind in strong and len(head.split()) <= 4:
            return head, kind, rest
        return None
    if len(line) <= 60 and not line.endswith((".", ",", ";")):
        kind = _classify_heading(line)
        letters = [c for c in line if c.isalpha()]
        if kind is not None and len(line.split()) <= 6:
            return line, kind, ""
        if letters and all(c.isupper() for c in letters) and len(line.split()) <= 6:
            return line, PartKind.OTHER, ""
    return None


def job_sections(text: str) -> tuple[JobSection, ...]:
    """The cleaned description split into its sections, each classified. The first line is the title."""
    lines = _clean_lines(text)
    sections: list[JobSection] = []
    heading, kind, current = "", PartKind.INTRO, []
    for index, line in enumerate(lines):
        found = _heading_of(line) if index > 0 else None
        if found is None:
            current.append(line)
            continue
        sections.append(JobSection(heading, kind, tuple(current)))
        heading, kind, rest = found
        current = [rest] if rest else []
    sections.append(JobSection(heading, kind, tuple(current)))
    return tuple(_resolve_about_role(s) for s in sections if s.lines or s.heading)


def _resolve_about_role(section: JobSection) -> JobSection:
    if section.kind is not PartKind.OTHER or not _ABOUT_ROLE.match(section.heading.lower()):
        return section
    speaks_to_reader = any(re.search(r"\byou(?:'ll|r)?\b", line, re.IGNORECASE) for line in section.lines)
    kind = PartKind.RESPONSIBILITIES if speaks_to_reader else PartKind.BOILERPLATE
    return JobSection(section.heading, kind, section.lines)


def _is_boilerplate_line(line: str, kind: PartKind) -> bool:
    text = line[2:] if _is_bullet(line) else line
    if _EEO_LINE.search(text) or _APPLY_LINE.search(text):
        return True
    return kind not in (PartKind.REQUIRED, PartKind.PREFERRED) and _BENEFIT_LINE.search(text) is not None


def _is_metadata_line(line: str) -> bool:
    labelled = re.match(r"^([A-Za-z][A-Za-z /]{1,30}):\s*\S", line)
    return labelled is not None and _METADATA_KEYS.match(labelled.group(1).strip().lower()) is not None


def _kept_sections(text: str) -> list[JobSection]:
    kept: list[JobSection] = []
    for section in job_sections(text):
        if section.kind is PartKind.BOILERPLATE:
            continue
        lines = tuple(line for line in section.lines if not _is_boilerplate_line(line, section.kind))
        if lines or section.heading:
            kept.append(JobSection(section.heading, section.kind, lines))
    return kept


def sanitize_job_text(text: str) -> str:
    """The description without markup and boilerplate: plain lines, "- " bullets, one blank line at most.

    HTML tags and entities, markdown emphasis and links are removed; bullet glyphs become "- ";
    hard-wrapped paragraphs are re-joined; benefits, compensation, EEO statements, "About us" marketing,
    culture, career-growth, interview and how-to-apply sections (and such lines elsewhere) are dropped.
    """
    out: list[str] = []
    for section in _kept_sections(text):
        if section.heading:
            if out and out[-1]:
                out.append("")
            out.append(f"{section.heading}:")
        out.extend(section.lines)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def _items(section: JobSection) -> list[str]:
    """The requirement-sized pieces of a section: each bullet, or each sentence/clause of a paragraph."""
    items: list[str] = []
    for line in section.lines:
        if not line or _is_metadata_line(line):
            continue
        if _is_bullet(line):
            items.append(line[2:].strip())
            continue
        for start, end in sentence_spans(line):
            piece = line[start:end].strip().rstrip(";").strip()
            if piece:
                items.append(piece)
    return items


@frozen
class _Item:
    text: str
    kind: PartKind
    required: bool
    skills: tuple[str, ...]
    certifications: tuple[str, ...]
    is_degree: bool


def _read_items(text: str, header: _Header) -> list[_Item]:
    sections = _kept_sections(text)
    has_required_part = any(s.kind is PartKind.REQUIRED for s in sections)
    has_preferred_part = any(s.kind is PartKind.PREFERRED for s in sections)
    company_word = _company_word(header.company)
    header_lines = set(header.lines)
    tax = taxonomy()
    items: list[_Item] = []
    for section in sections:
        kind = section.kind
        for item_text in _items(section):
            if kind in (PartKind.INTRO, PartKind.OTHER) and _is_company_marketing(item_text, company_word):
                continue
            if _PERK_SENTENCE.search(item_text):
                continue
            if item_text in header_lines:
                if item_text != header.lines[0] or not header.title:
                    continue
                scanned = _WORKPLACE_IN_PARENS.sub(" ", header.title)
            else:
                scanned = item_text
            skip_before = _category_label_end(scanned) if kind is PartKind.STACK else 0
            skills: list[str] = []
            certs: list[str] = []
            for match in scan_skills(scanned):
                if match.start < skip_before or _names_a_team(scanned, match.end):
                    continue
                target = certs if tax.is_certification(match.skill) else skills
                if match.skill not in target:
                    target.append(match.skill)
            is_degree = _DEGREE.search(item_text) is not None and not certs
            if is_degree:
                skills = [s for s in skills if _skill_outside_degree_phrase(item_text, s)]
            preferred = kind is PartKind.PREFERRED or _PREFERRED_CUE.search(item_text) is not None
            if kind is PartKind.REQUIRED:
                required = not preferred
            elif kind is PartKind.PREFERRED:
                required = False
            else:
                required = not (has_required_part and has_preferred_part) and not preferred
            items.append(_Item(item_text, kind, required, tuple(skills), tuple(certs), is_degree))
    return items


_PERK_SENTENCE = re.compile(r"\b(?:this (?:role|position) offers|we offer)\b", re.IGNORECASE)
_TEAM_NAME_AFTER = re.compile(r"^(?:(?:,\s*(?:and\s+)?|\s+(?:and|&)\s+)[\w/ -]{1,25}?)*\s+teams?\b")


def _category_label_end(item: str) -> int:
    """In a stack list "Cloud: AWS, GCP" the label before the colon names a category, not an ask."""
    label = re.match(r"^([^:]{1,40}):\s", item)
    return label.end() if label and len(label.group(1).split()) <= 4 else 0


def _company_word(company: str | None) -> str | None:
    if not company:
        return None
    word = re.match(r"[A-Za-z][\w&-]*", company)
    return word.group() if word and len(word.group()) > 2 else None


def _is_company_marketing(sentence: str, company_word: str | None) -> bool:
    """A sentence about the employer rather than the role ("We're a company on the rise", "Crunch focuses on
    survey data"): it speaks of we/our/the company and never of you or the role."""
    if re.search(
        r"\b(?:you|your|you'll|you're|the role|this role|candidate|responsib)", sentence, re.IGNORECASE
    ):
        return False
    if re.search(r"\b(?:we|we're|we've|our|us)\b", sentence, re.IGNORECASE):
        return True
    if company_word is None:
        return False
    subject = rf"\b{re.escape(company_word)}(?:\.\w+)?(?:'s)?\s+"
    subject += r"(?:is|are|was|focuses|has|have|provides|offers|builds|"
    subject += r"helps|serves|accelerates|delivers|believes|values|hires)\b"
    return re.search(subject, sentence) is not None


def _names_a_team(text: str, end: int) -> bool:
    """In "working alongside data science and go-to-market teams" the skills name departments, not asks."""
    return _TEAM_NAME_AFTER.match(text[end : end + 80]) is not None


def _skill_outside_degree_phrase(item: str, skill: str) -> bool:
    """In "Master's in Statistics, or 3 years with SQL", Statistics is a field of study but SQL is a skill."""
    degree_part = re.search(
        r"(?:degree|bachelor'?s?|master'?s?|ph\.?\s?d\.?|doctorate|mba|b\.?s\.?|m\.?s\.?)[^;]*?"
        r"(?=\bor equivalent|\band\b \d|;|\d+\+? years|$)",
        item,
        re.IGNORECASE,
    )
    if degree_part is None:
        return True
    for match in scan_skills(item):
        if match.skill == skill and not (degree_part.start() <= match.start < degree_part.end()):
            return True
    return False


def _titlecase(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return text
    words = []
    for word in text.split():
        if re.fullmatch(r"[IVX]+", word) or len(word) <= 2:
            words.append(word)
        else:
            words.append(word.capitalize())
    return " ".join(words)


def _looks_like_company(line: str) -> bool:
    if not line or ":" in line or _is_bullet(line) or len(line.split()) > 6 or len(line) > 60:
        return False
    if _LOCATION_LINE.match(line) or "|" in line or re.search(r"\. [A-Z]|[!?]$", line):
        return False
    if re.match(r"^(?:join|we|our|come|apply|help)\b", line, re.IGNORECASE):
        return False
    if any(pattern.search(line) for _, pattern in _WORKPLACE):
        return False
    return line[0].isupper()


@frozen
class _Header:
    """What the first lines of a posting say: title, then "Company | City, ST | Remote | Full-time" lines."""

    title: str | None = None
    company: str | None = None
    location: str | None = None
    workplace: str | None = None
    employment: str | None = None
    lines: tuple[str, ...] = ()


_HEADER_SPLIT = re.compile(r"\s+[|—–-]\s+|\s*\|\s*|\s*·\s*")
_WORKPLACE_IN_PARENS = re.compile(r"\s*\((remote|hybrid|on-?site|in[- ]office)\)\s*", re.IGNORECASE)


def _employment_of(text: str) -> str | None:
    for value, pattern in _EMPLOYMENT:
        if pattern.search(text):
            return value
    return None


def _header(lines: list[str]) -> _Header:
    non_empty = [line for line in lines if line]
    if not non_empty:
        return _Header()
    title, company = _title_and_company(lines)
    workplace = _workplace_of(non_empty[0]) if _WORKPLACE_IN_PARENS.search(non_empty[0]) else None
    location = employment = None
    consumed = [non_empty[0]]
    for line in non_empty[1:4]:
        if _is_bullet(line) or _heading_of(line) is not None or _is_metadata_line(line) or len(line) > 80:
            break
        if re.search(r"[.!?]$", line) and not re.search(r"\.(?:io|com|ai|co)$", line):
            break
        parts = [p.strip() for p in _HEADER_SPLIT.split(line) if p.strip()]
        recognised = False
        for part in parts:
            bare = _WORKPLACE_IN_PARENS.sub(" ", part).strip()
            if _WORKPLACE_IN_PARENS.search(part) or (_workplace_of(part) and len(part.split()) <= 3):
                workplace = workplace or _workplace_of(part)
                recognised = True
            if location is None and _LOCATION_LINE.match(bare):
                location, recognised = bare, True
            elif _employment_of(part) and len(part.split()) <= 3:
                employment, recognised = employment or _employment_of(part), True
            elif (
                company is None and part == parts[0] and _looks_like_company(bare) and not _workplace_of(bare)
            ):
                company, recognised = bare, True
        if not recognised:
            break
        consumed.append(line)
    return _Header(title, company, location, workplace, employment, tuple(consumed))


def _title_and_company(lines: list[str]) -> tuple[str | None, str | None]:
    non_empty = [line for line in lines if line]
    if not non_empty:
        return None, None
    first = _WORKPLACE_IN_PARENS.sub(" ", non_empty[0]).strip().rstrip(":").strip()
    title: str | None = None
    company: str | None = None
    looks_like_title = (
        len(first) <= 90
        and len(first.split()) <= 12
        and not re.search(r"[.!?]\s|[.!?]$", first)
        and not re.match(r"^(?:we|our|about|join|at)\b", first, re.IGNORECASE)
    )
    if looks_like_title:
        second = non_empty[1] if len(non_empty) > 1 else ""
        parts = re.split(r"\s+[-–—|@]\s+|\s+at\s+", first, maxsplit=1)
        if _looks_like_company(second):
            title, company = first, second
        elif len(parts) == 2 and not _ROLE_WORD.search(parts[1]):
            title, company = parts[0], parts[1]
        else:
            title = first
    else:
        head = " ".join(non_empty[:3])
        match = _TITLE_FROM_SENTENCE.search(head) or _TITLE_FROM_DEFINITION.search(head)
        if match and _ROLE_WORD.search(match.group("title")):
            title = match.group("title").strip()
    return (_titlecase(title).strip() if title else None), (_titlecase(company).strip() if company else None)


def _company_from_text(sections: tuple[JobSection, ...], lines: list[str]) -> str | None:
    for section in sections:
        about = re.match(r"^about (?!the |this |us\b|you\b)(.+)$", section.heading, re.IGNORECASE)
        if about:
            return about.group(1).strip()
    for line in lines:
        match = re.search(r"^([A-Z][\w.&' -]{1,40}?) (?:is an? |provides )equal", line)
        if match:
            return match.group(1).strip()
    return None


def _metadata_values(lines: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in lines:
        labelled = re.match(r"^([A-Za-z][A-Za-z /]{1,30}):\s*(.+)$", line)
        if labelled:
            key = labelled.group(1).strip().lower()
            if _METADATA_KEYS.match(key):
                values.setdefault(key, labelled.group(2).strip())
    return values


def _location_and_workplace(lines: list[str], meta: Mapping[str, str]) -> tuple[str | None, str | None]:
    location: str | None = None
    header_workplace: str | None = None
    for key in ("location", "work location", "job location", "office"):
        if key in meta:
            location = meta[key]
            break
    if location is None:
        for line in [line for line in lines if line][1:4]:
            parts = [p.strip() for p in re.split(r"\s*\|\s*", line)]
            match = _LOCATION_LINE.match(parts[0])
            if match:
                location = match.group("loc").strip()
                header_workplace = _workplace_of(line)
                break
    if location is not None:
        header_workplace = header_workplace or _workplace_of(location)
        location = re.sub(r"\s*\((?:remote|hybrid|on-?site)\)\s*$", "", location, flags=re.IGNORECASE).strip()
    for key in ("remote", "workplace", "work model"):
        if key in meta and header_workplace is None:
            header_workplace = _workplace_of(meta[key])
    return location, header_workplace


def _workplace_of(text: str) -> str | None:
    for value, pattern in _WORKPLACE:
        if pattern.search(text):
            return value
    return None


_BODY_WORKPLACE = (
    ("hybrid", re.compile(r"\bhybrid (?:work|role|position|schedule|model|arrangement)", re.IGNORECASE)),
    (
        "remote",
        re.compile(
            r"\b(?:fully remote|remote (?:work|position|role|team|-?first|friendly|opportunity)|work(?:ing)? "
            r"remotely|100% remote)",
            re.IGNORECASE,
        ),
    ),
    (
        "on-site",
        re.compile(
            r"\b(?:on-?site (?:role|position|work)|in[- ]office (?:role|position)|"
            r"must work on-?site)",
            re.IGNORECASE,
        ),
    ),
)


def _workplace_in_body(text: str) -> str | None:
    for value, pattern in _BODY_WORKPLACE:
        if pattern.search(text):
            return value
    return None


def _employment_type(lines: list[str], meta: Mapping[str, str]) -> str | None:
    for key in ("employment type", "job type", "type", "contract"):
        if key in meta:
            for value, pattern in _EMPLOYMENT:
                if pattern.search(meta[key]):
                    return value
    for line in lines[:8]:
        for value, pattern in _EMPLOYMENT:
            if pattern.search(line) and value != "contract":
                return value
    body = "\n".join(lines)
    for value, pattern in _EMPLOYMENT[:3]:
        if pattern.search(body) and value != "internship":
            return value
    return None


def _salary(lines: list[str]) -> str | None:
    def clean(value: str) -> str:
        return re.sub(r"\s*(?:-|–|to)\s*", " - ", value.strip().rstrip(".,")).strip()

    candidates = [line for line in lines if re.search(r"salary|compensation|pay\b|base", line, re.IGNORECASE)]
    for line in [*candidates, *lines]:
        for match in _SALARY.finditer(line):
            value = match.group()
            if re.search(r"(?:-|–|to)", value) or line in candidates:
                return clean(value)
    for line in candidates:
        plain = _SALARY_PLAIN.search(line)
        if plain:
            return clean(plain.group(1))
    return None


def _years_in(text: str) -> list[int]:
    years = [int(m.group(1)) for m in _YEARS.finditer(text)]
    years += [_WORD_NUMBERS[m.group(1).lower()] for m in _WORD_YEARS.finditer(text)]
    return [y for y in years if 0 < y <= 30]


def _min_years(items: list[_Item]) -> int | None:
    def mentions_experience(text: str) -> bool:
        return (
            re.search(r"experience|years (?:of|in|building|as|working|with|professional)", text, re.I)
            is not None
        )

    required = [
        y
        for item in items
        if item.required and (item.kind is PartKind.REQUIRED or mentions_experience(item.text))
        for y in _years_in(item.text)
    ]
    if required:
        return min(required)
    anywhere = [
        y
        for item in items
        if item.kind is not PartKind.PREFERRED
        for y in _years_in(item.text)
        if mentions_experience(item.text)
    ]
    return min(anywhere) if anywhere else None


_SENIORITY_TITLE = (
    ("intern", re.compile(r"\bintern(?:ship)?\b", re.I)),
    ("executive", re.compile(r"\b(?:chief|vp|vice president|head of|c[eotfm]o)\b", re.I)),
    ("director", re.compile(r"\bdirector\b", re.I)),
    (
        "principal",
        re.compile(
            r"\b(?:principal|distinguished|staff (?=engineer|software|data|machine|ml|"
            r"research|product|designer|scientist|developer|architect|frontend|backend))",
            re.I,
        ),
    ),
    ("senior", re.compile(r"\b(?:senior|sr\.?|associate professor|full professor)\b", re.I)),
    ("lead", re.compile(r"\b(?:lead|team lead|tech lead)\b(?! generation)", re.I)),
    (
        "junior",
        re.compile(
            r"\b(?:junior|jr\.?|entry[- ]level|graduate|trainee|apprentice|assistant professor)\b", re.I
        ),
    ),
)
_NON_MANAGER = re.compile(
    r"\b(?:product|project|program|account|customer success|community|success|territory|case|content)"
    r"\s+manager",
    re.I,
)


def _seniority(title: str | None, text: str, min_years: int | None, meta: Mapping[str, str]) -> str | None:
    if title:
        for level, pattern in _SENIORITY_TITLE:
            if pattern.search(title):
                return level
        if re.search(r"\bmanager\b", title, re.I) and not _NON_MANAGER.search(title):
            return "manager"
        numeral = re.search(r"\b(I{1,3}|IV|V)\s*$|\b(?:level|l)\s?([1-7])\b", title)
        if numeral and numeral.group(1):
            return {"I": "junior", "II": "mid", "III": "mid", "IV": "senior", "V": "senior"}[numeral.group(1)]
    cue_text = " ".join([*meta.values(), text[:3000]])
    if re.search(r"\b(?:entry[- ]level|new grad(?:uate)?)\b", cue_text, re.I):
        return "junior"
    if re.search(r"\bmid[- ]level\b|\bintermediate\b", cue_text, re.I):
        return "mid"
    if re.search(r"\bsenior[- ]level\b", cue_text, re.I):
        return "senior"
    if min_years is not None:
        return "junior" if min_years <= 2 else "mid" if min_years <= 4 else "senior"
    return None


def _ordered_unique(values: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for value in values:
        seen.setdefault(value, None)
    return tuple(seen)


_GENERIC_WORDS = _words(
    """implement implementing manage managing support supporting contribute participate use using through
    ensure work works provide including include across within other about into such must well also able
    ability tools tool technical technology technologies solutions solution process processes team teams
    experience experienced strong excellent proven knowledge understanding skills skill related field
    degree years year role position company candidate candidates opportunity opportunities responsible
    responsibilities requirements qualifications preferred required plus bonus develop developing build
    building create creating design designing drive driving lead leading help helping maintain deliver
    various multiple including highly best practices practice level levels based new existing current
    clients client customers customer business businesses products product services service system
    systems projects project work-life environment environments""".replace("\n", " ")
)
_CAPITALISED_TERM = re.compile(
    r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z0-9]+(?:\s+(?:(?:of|and|&)\s+)?[A-Z][a-z0-9]+){1,3})"
)


def _keywords(items: list[_Item], exclude: Iterable[str]) -> tuple[str, ...]:
    """Important terms the taxonomy does not know, most salient first: acronyms ("LCP", "NPS") and
    capitalised phrases ("App Router"), then repeated two-word phrases ("survey data") and words the
    description keeps coming back to. Skill names, degree fields, the title and the company are left out."""
    excluded = {w.lower() for phrase in exclude for w in re.findall(r"[A-Za-z][A-Za-z+#-]*", phrase)}
    stop = _KEYWORD_STOP | _GENERIC_WORDS | excluded
    tax = taxonomy()
    scores: Counter[str] = Counter()
    first_seen: dict[str, int] = {}

    def add(term: str, weight: int) -> None:
        scores[term] += weight
        first_seen.setdefault(term, len(first_seen))

    for item in items:
        if item.is_degree:
            continue
        text = item.text
        for skill in scan_skills(text):
            text = text[: skill.start] + "|" + " " * (skill.end - skill.start - 1) + text[skill.end :]
        for match in _ACRONYM.finditer(text):
            term = match.group()
            if (
                term.rstrip("s") not in _ACRONYM_STOP
                and tax.canonical(term) is None
                and term.lower() not in stop
            ):
                add(term, 3)
        for phrase in _CAPITALISED_TERM.finditer(text):
            term = phrase.group(1)
            if tax.canonical(term) is None and not set(term.lower().split()) <= stop:
                add(term, 3)
        tokens = re.findall(r"[A-Za-z][A-Za-z-]*|[^\sA-Za-z]", text.lower())
        for left, right in pairwise(tokens):
            if (
                left.isalpha()
                and right.isalpha()
                and left not in stop
                and right not in stop
                and len(left) > 2
            ):
                add(f"{left} {right}", 2)
        for token in tokens:
            if len(token) > 4 and token.isalpha() and token not in stop:
                add(token, 1)
    ranked = sorted(
        (term for term, score in scores.items() if score >= 3),
        key=lambda term: (-scores[term], first_seen[term]),
    )
    result: list[str] = []
    for term in ranked:
        lowered = term.lower()
        if any(lowered in kept.lower().split() for kept in result):
            continue
        result.append(term)
        if len(result) == 12:
            break
    return tuple(result)


@lru_cache(maxsize=256)
def analyze_job(text: str) -> JobAnalysis:
    """Read a job description: title, company, location, workplace and employment type, salary, seniority,
    minimum years, requirements (required vs preferred), canonical skills, keywords, education and
    certification requirements. Pure and deterministic; cached per text."""
    lines = _clean_lines(text)
    sections = job_sections(text)
    header = _header(lines)
    items = _read_items(text, header)
    meta = _metadata_values(lines)
    title = header.title
    company = header.company or _company_from_text(sections, lines)
    meta_location, meta_workplace = _location_and_workplace(lines, meta)
    location = header.location or meta_location
    kept_text = sanitize_job_text(text)
    workplace = header.workplace or meta_workplace or _workplace_in_body(" ".join(lines))
    min_years = _min_years(items)
    required = _ordered_unique(skill for item in items if item.required for skill in item.skills)
    preferred = _ordered_unique(
        skill for item in items if not item.required for skill in item.skills if skill not in required
    )
    requirements = tuple(
        Requirement(text=item.text, required=item.required, skills=item.skills)
        for item in items
        if item.skills
        or item.certifications
        or item.is_degree
        or item.kind in (PartKind.REQUIRED, PartKind.PREFERRED)
    )
    education = _ordered_unique(
        item.text for item in sorted(items, key=lambda i: not i.required) if item.is_degree
    )
    certifications = _ordered_unique(
        [cert for item in items for cert in item.certifications]
        + [
            item.text
            for item in items
            if _CERT_WORD.search(item.text)
            and not item.certifications
            and not item.is_degree
            and item.kind in (PartKind.REQUIRED, PartKind.PREFERRED)
        ]
    )
    return JobAnalysis(
        title=title,
        company=company,
        location=location,
        seniority=_seniority(title, kept_text, min_years, meta),
        workplace_type=workplace,
        employment_type=header.employment or _employment_type(lines, meta),
        salary_range=_salary(lines),
        min_years=min_years,
        required_skills=required,
        preferred_skills=preferred,
        keywords=_keywords(items, [title or "", company or "", location or ""]),
        requirements=requirements,
        education=education,
        certifications=certifications,
        taxonomy_version=TAXONOMY_VERSION,
    )


analyze_job_cached = analyze_job


def skill_alternatives(text: str) -> tuple[tuple[str, ...], ...]:
    """Groups of skills a requirement offers as alternatives: "Kubernetes or ECS", "(AWS, GCP, or Azure)",
    "Visio, Lucidchart, or similar". Any one member satisfies the group."""
    matches = [m for m in scan_skills(text) if not taxonomy().is_certification(m.skill)]
    groups: list[tuple[str, ...]] = []
    chain = [matches[0]] if matches else []
    has_or = False
    for previous, current in pairwise(matches):
        gap = text[previous.end : current.start]
        if re.fullmatch(r"\s*(?:,|/)?\s*(?:(?:and/)?or\s+)?", gap) and gap.strip() not in ("/",):
            chain.append(current)
            has_or = has_or or re.search(r"\bor\b", gap) is not None
            continue
        _close_chain(text, chain, has_or, groups)
        chain, has_or = [current], False
    _close_chain(text, chain, has_or, groups)
    return tuple(groups)


def _close_chain(text: str, chain: list[Any], has_or: bool, groups: list[tuple[str, ...]]) -> None:
    if len(chain) < 2 and not (chain and has_or):
        if len(chain) == 1:
            return
        return
    tail = text[chain[-1].end : chain[-1].end + 30]
    if has_or or re.match(r",?\s*(?:or|and/or)\s+(?:similar|equivalent|related|other|comparable)", tail):
        skills = _ordered_unique(m.skill for m in chain)
        if len(skills) >= 2:
            groups.append(skills)


def job_text_from_json(data: Mapping[str, Any]) -> str:
    """Flatten a JSON Resume job (``jsonresume`` job schema) into description text ``analyze_job`` reads."""
    lines: list[str] = []
    title = str(data.get("title") or "").strip()
    company = str(data.get("company") or "").strip()
    if title:
        lines.append(title)
    if company:
        lines.append(company)
    location = data.get("location")
    place = ""
    if isinstance(location, Mapping):
        place = ", ".join(str(location[k]) for k in ("city", "region", "countryCode") if location.get(k))
        if location.get("city") and location.get("region") == location.get("city"):
            place = ", ".join(str(location[k]) for k in ("city", "countryCode") if location.get(k))
    elif isinstance(location, str):
        place = location
    if place:
        lines.append(f"Location: {place}")
    for key, label in (
        ("remote", "Workplace"),
        ("type", "Employment type"),
        ("experience", "Experience level"),
        ("salary", "Salary"),
    ):
        if data.get(key):
            lines.append(f"{label}: {data[key]}")
    if data.get("description"):
        lines += ["", "Job Summary:", str(data["description"]).strip()]
    for key, heading in (("responsibilities", "Responsibilities"), ("qualifications", "Qualifications")):
        values = data.get(key) or []
        if values:
            lines += ["", f"{heading}:"] + [f"- {value}" for value in values]
    skills = data.get("skills") or []
    if skills:
        lines += ["", "Skills:"]
        for skill in skills:
            if isinstance(skill, Mapping):
                keywords = ", ".join(str(k) for k in skill.get("keywords") or [])
                name = str(skill.get("name") or "").strip()
                lines.append(f"- {name}: {keywords}" if keywords else f"- {name}")
            else:
                lines.append(f"- {skill}")
    return "\n".join(lines)

"""Lines of text -> the sections of a resume, each a run of blocks (text, bullet, entry header).

How headings are found:

1. A short line whose words are a known heading ("Work Experience", "Technical Skills", "Core
   Competencies", "About Me" ...; see ``HEADINGS``) is a heading of that kind. When most such headings share
   a look (ALL CAPS, a size) a candidate with another look is content ("Technical Expertise" as a skill
   name among ALL-CAPS headings).
2. After the first known heading, a short line that looks exactly like the known headings (same size and
   weight, same capitalisation), or a word-processor "Heading N" style, is a heading of an unknown kind:
   an OTHER section ("Selected Honors", "Patents").
3. Everything above the first heading is the CONTACT section with heading "". Contact parts further down
   ("Contact", "Links", "Profiles") are folded into it: a document has at most one CONTACT section.

Within a section, wrapped lines are joined back into one block (a bullet with its continuation lines, a
paragraph); in experience, education and projects sections the role, school or project header lines
(the ones around a date, or standing alone above bullets) are ENTRY blocks.

``build_sections`` is pure and total: it never raises, and every non-blank line's words end up in exactly
one block or heading, in order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from attrs import frozen

from resumax_core.analysis.dates import find_date_range, find_dates, is_date_text
from resumax_core.analysis.text import clean_line, join_hyphenated
from resumax_core.entities.document import Block, Section, TextLine
from resumax_core.entities.enums import BlockKind, SectionKind


def _word_set(words: str, *phrases: str) -> frozenset[str]:
    """A set of the space-separated ``words`` plus whole ``phrases``."""
    return frozenset(words.split()) | frozenset(phrases)


_EXP = SectionKind.EXPERIENCE
_EDU = SectionKind.EDUCATION
_SKILLS = SectionKind.SKILLS
_SUMMARY = SectionKind.SUMMARY
_CERTS = SectionKind.CERTIFICATIONS
_PROJECTS = SectionKind.PROJECTS
_LANGUAGES = SectionKind.LANGUAGES
_CONTACT = SectionKind.CONTACT
_OTHER = SectionKind.OTHER


def _phrases(kind: SectionKind, *phrases: str) -> dict[str, SectionKind]:
    return dict.fromkeys(phrases, kind)


HEADINGS: dict[str, SectionKind] = {
    **_phrases(
        _EXP,
        "experience",
        "work experience",
        "professional experience",
        "employment",
        "employment history",
        "work history",
        "career history",
        "relevant experience",
        "relevant work experience",
        "professional background",
        "professional history",
        "career experience",
        "industry experience",
        "research experience",
        "teaching experience",
        "technical experience",
        "engineering experience",
        "internships",
        "internship experience",
        "internship",
        "positions held",
        "experience and employment",
        "employment experience",
        "work",
        "career",
        "professional employment",
    ),
    **_phrases(
        _EDU,
        "education",
        "education and training",
        "academic background",
        "academic qualifications",
        "educational background",
        "education history",
        "academics",
        "academic history",
        "education and certifications",
        "educational qualifications",
        "academic credentials",
        "schooling",
    ),
    **_phrases(
        _SKILLS,
        "skills",
        "technical skills",
        "key skills",
        "core skills",
        "core competencies",
        "competencies",
        "key competencies",
        "areas of expertise",
        "expertise",
        "skills and abilities",
        "skills and expertise",
        "skills and competencies",
        "technologies",
        "technical proficiencies",
        "proficiencies",
        "tools and technologies",
        "technologies and tools",
        "tech stack",
        "skill set",
        "skillset",
        "professional skills",
        "relevant skills",
        "soft skills",
        "hard skills",
        "computer skills",
        "it skills",
        "programming skills",
        "technical expertise",
        "technical competencies",
        "skills summary",
        "summary of skills",
        "abilities",
    ),
    **_phrases(
        _SUMMARY,
        "summary",
        "professional summary",
        "career summary",
        "executive summary",
        "profile",
        "professional profile",
        "career profile",
        "personal profile",
        "objective",
        "career objective",
        "professional objective",
        "job objective",
        "about me",
        "about",
        "overview",
        "professional overview",
        "introduction",
        "personal statement",
        "summary of qualifications",
        "qualifications summary",
        "qualifications",
        "highlights",
        "career highlights",
        "bio",
        "professional bio",
    ),
    **_phrases(
        _CERTS,
        "certifications",
        "certification",
        "certificates",
        "certifications and licenses",
        "licenses and certifications",
        "certifications and licences",
        "licences and certifications",
        "licenses",
        "licences",
        "credentials",
        "professional certifications",
        "courses and certifications",
        "certifications and training",
        "training and certifications",
        "accreditations",
        "certifications and courses",
    ),
    **_phrases(
        _PROJECTS,
        "projects",
        "personal projects",
        "academic projects",
        "key projects",
        "selected projects",
        "side projects",
        "open source",
        "open source projects",
        "open-source projects",
        "portfolio",
        "project experience",
        "notable projects",
        "relevant projects",
        "technical projects",
        "project highlights",
    ),
    **_phrases(
        _LANGUAGES,
        "languages",
        "language skills",
        "spoken languages",
        "language proficiency",
        "foreign languages",
        "language",
    ),
    **_phrases(
        _CONTACT,
        "contact",
        "contact information",
        "contact details",
        "contact info",
        "personal information",
        "personal details",
        "profiles",
        "social",
        "social profiles",
        "social media",
        "links",
        "online presence",
        "find me online",
    ),
    **_phrases(
        _OTHER,
        "awards",
        "honors",
        "honours",
        "awards and honors",
        "honors and awards",
        "awards and achievements",
        "achievements",
        "accomplishments",
        "key achievements",
        "publications",
        "presentations",
        "publications and presentations",
        "volunteer",
        "volunteering",
        "volunteer experience",
        "volunteer work",
        "community service",
        "community involvement",
        "interests",
        "hobbies",
        "hobbies and interests",
        "interests and hobbies",
        "references",
        "activities",
        "extracurricular activities",
        "leadership",
        "leadership and activities",
        "patents",
        "invited talks",
        "talks",
        "conferences",
        "courses",
        "coursework",
        "relevant coursework",
        "affiliations",
        "memberships",
        "professional memberships",
        "professional affiliations",
        "training",
        "professional development",
        "additional information",
        "additional",
        "miscellaneous",
        "research",
        "research interests",
        "teaching",
        "service",
        "grants",
        "fellowships",
        "scholarships",
        "military service",
    ),
}
"""Known headings (lower case, "&" written "and") and the section kind each starts."""

_MODIFIERS = _word_set(
    "selected relevant key professional technical core additional other recent academic personal my "
    "notable major main primary significant select",
)
_HEAD_NOUNS: dict[str, SectionKind] = {
    "experience": _EXP,
    "experiences": _EXP,
    "employment": _EXP,
    "education": _EDU,
    "skills": _SKILLS,
    "competencies": _SKILLS,
    "projects": _PROJECTS,
    "certifications": _CERTS,
    "certificates": _CERTS,
    "languages": _LANGUAGES,
    "summary": _SUMMARY,
    "profile": _SUMMARY,
    "objective": _SUMMARY,
    "awards": _OTHER,
    "honors": _OTHER,
    "publications": _OTHER,
    "achievements": _OTHER,
    "interests": _OTHER,
    "activities": _OTHER,
    "talks": _OTHER,
    "patents": _OTHER,
}
_ENTRY_SECTIONS = frozenset({_EXP, _EDU, _PROJECTS})
_SENTENCE_END = (".", "!", "?")
_CONNECTORS = _word_set(
    "and or of the to in for with a an by on at as from including into via using & per than that which "
    "while whose under over across between through about within without against toward towards upon among "
    "onto its their our his her is are was were be been has have had not also both such more most",
)
_VERB_START = re.compile(
    r"^(?:[A-Z][a-z]+ed|Led|Built|Ran|Won|Drove|Grew|Wrote|Taught|Oversaw|Made|Cut|Set|Took|Held|Sold|Spoke|"
    r"Brought|Began|Kept|Met|Saw|Went|Gave|Found|Leading|Managing|Developing|Building|Working|Designing|"
    r"Creating|Implementing|Collaborating|Responsible|Assisted|Helped|Meet|Compute|Prepare|Create|Develop|"
    r"Manage|Lead|Build|Design|Implement|Maintain|Monitor|Monitoring|Review|Support|Perform|Conduct|Provide|"
    r"Work|Coordinate|Ensure|Analyze|Analyse|Deliver|Drive|Own|Write|Participate|Collaborate)\b"
)
_PLAIN_WORD = re.compile(r"^[^\W\d_][^\W\d_'’-]*(?:[\s,;:!?)]|\.(?:\s|$)|$)")
_LABEL_VALUE = re.compile(r"^[A-Z][\w &/+.-]{0,40}:\s+\S")
_URL_ONLY = re.compile(
    r"^(?:https?://|www\.)\S+$|^[\w.-]+\.(?:com|org|net|io|me|dev|inc|xyz|ai|co)(?:/\S*)?$"
)
_DEGREE = re.compile(
    r"\b(?:bachelor|master|doctor|ph\.?\s?d|mba|m\.?\s?sc|b\.?\s?sc|b\.?\s?s\b|m\.?\s?s\b|b\.?\s?a\b|m\.?\s?a\b|"
    r"b\.?\s?eng|m\.?\s?eng|b\.?\s?tech|m\.?\s?tech|associate(?:'s)? degree|associate of|diploma|degree|"
    r"bs|ba|ms|ma|bsc|msc|beng|meng|btech|mtech|phd|md|jd|high school|ged)\b",
    re.IGNORECASE,
)
_INSTITUTION = re.compile(
    r"\b(?:university|universit[äa]t|college|institute|school|academy|polytechnic|conservatory|"
    r"[ée]cole|mit|ucla|caltech|uc\s+\w+|universidad|université)\b",
    re.IGNORECASE,
)


@frozen
class _Unit:
    """A block in the making: one or more lines joined, with the look of its first line."""

    text: str
    bullet: bool
    bold: bool
    size: float | None
    x: float


def heading_kind(text: str) -> tuple[SectionKind, float] | None:
    """The section kind a heading text names, with a confidence, or None when it names none.

    Exact known headings give 0.95; a known heading with a leading modifier ("Selected Projects") 0.85;
    a short heading ending in a known noun ("Research Experience") 0.75.
    """
    key = _heading_key(text)
    if not key or len(key) > 50:
        return None
    if key in HEADINGS:
        return HEADINGS[key], 0.95
    words = key.split()
    if len(words) > 5 or not all(word.isalpha() or word == "and" for word in words):
        return None
    stripped = [word for word in words if word not in _MODIFIERS]
    if stripped and stripped != words and " ".join(stripped) in HEADINGS:
        return HEADINGS[" ".join(stripped)], 0.85
    if len(words) <= 4 and words[-1] in _HEAD_NOUNS:
        return _HEAD_NOUNS[words[-1]], 0.75
    return None


def _heading_key(text: str) -> str:
    key = text.strip().rstrip(":：").strip().lower().replace("&", " and ")
    key = re.sub(r"[^\w\s'-]", " ", key)
    return " ".join(key.split())


def _is_caps(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def _looks_like_heading(line: TextLine, text: str) -> bool:
    if line.bullet or not text or len(text) > 60 or len(text.split()) > 6:
        return False
    if text[-1] in ".,;" or "@" in text or "|" in text or not text[0].isalpha() or not text[0].isupper():
        return False
    return not any(char.isdigit() for char in text) and not is_date_text(text)


def _body_size(lines: Sequence[tuple[TextLine, str]]) -> float | None:
    weights: Counter[float] = Counter()
    for line, text in lines:
        if line.size:
            weights[round(line.size, 1)] += len(text)
    return weights.most_common(1)[0][0] if weights else None


def _signature(line: TextLine, text: str) -> tuple[float | None, bool, bool]:
    return (round(line.size, 1) if line.size else None, line.bold, _is_caps(text))


def _same_look(a: tuple[float | None, bool, bool], b: tuple[float | None, bool, bool]) -> bool:
    if a[1] != b[1] or a[2] != b[2]:
        return False
    if a[0] is None or b[0] is None:
        return a[0] is None and b[0] is None
    return abs(a[0] - b[0]) <= 0.3


def _body_look(lines: Sequence[tuple[TextLine, str]]) -> tuple[float | None, bool, bool]:
    """The look of ordinary text: the most common size and weight, in mixed case."""
    looks: Counter[tuple[float | None, bool]] = Counter()
    for line, text in lines:
        looks[(round(line.size, 1) if line.size else None, line.bold)] += len(text)
    size, bold = looks.most_common(1)[0][0]
    return size, bold, False


def _find_headings(lines: Sequence[tuple[TextLine, str]]) -> dict[int, tuple[SectionKind, float]]:
    """Index of each heading line -> its kind and confidence."""
    body = _body_size(lines)
    known = _known_headings(lines, body)
    if not known:
        return _headings_by_size(lines, body)
    return {**_look_alike_headings(lines, known, body), **known}


def _known_headings(
    lines: Sequence[tuple[TextLine, str]], body: float | None
) -> dict[int, tuple[SectionKind, float]]:
    """Lines naming a known heading, less those whose look differs from what the other headings share."""
    known: dict[int, tuple[SectionKind, float]] = {}
    for index, (line, text) in enumerate(lines):
        if not _looks_like_heading(line, text):
            continue
        if body is not None and line.size is not None and line.size < body - 0.6:
            continue
        found = heading_kind(text)
        if found is not None:
            known[index] = found
    if body is not None:
        larger = [i for i in known if (lines[i][0].size or 0) >= 1.15 * body]
        if len(larger) >= 2:
            known = {i: found for i, found in known.items() if (lines[i][0].size or 0) >= 1.08 * body}
    looks = Counter(_signature(*lines[index]) for index in known)
    if looks:
        common_look, common_count = looks.most_common(1)[0]
        if common_count >= 3 and common_count >= 0.6 * len(known):
            # exact names survive a different look, except beside ALL-CAPS headings (a skill named
            # "Technical Expertise" under "SKILLS")
            known = {
                index: found
                for index, found in known.items()
                if _same_look(_signature(*lines[index]), common_look)
                or (found[1] >= 0.95 and not common_look[2])
            }
    return known


def _look_alike_headings(
    lines: Sequence[tuple[TextLine, str]],
    known: dict[int, tuple[SectionKind, float]],
    body: float | None,
) -> dict[int, tuple[SectionKind, float]]:
    """OTHER headings: short lines with the look of the known headings, or a "Heading N" style."""
    found: dict[int, tuple[SectionKind, float]] = {}
    first = min(known)
    body_look = _body_look(lines)
    heading_looks = {
        look for look in (_signature(*lines[index]) for index in known) if not _same_look(look, body_look)
    }
    contact_seen = next((i for i, (_, text) in enumerate(lines) if _EMAIL_OR_PHONE.search(text)), None)
    for index, (line, text) in enumerate(lines):
        if index in known or not _looks_like_heading(line, text):
            continue
        # above the first known heading only after the contact lines: the name is never a heading
        if index <= first and (contact_seen is None or index <= contact_seen or index < 2):
            continue
        style = (line.style or "").lower()
        styled = style.startswith("heading") and style[7:].strip()[:1] in ("1", "2", "3")
        look = _signature(line, text)
        same = any(_same_look(look, known_look) for known_look in heading_looks)
        if same and look[0] is None and (line.gap_before < 0.5 or not look[2] or len(text) < 4):
            same = False
        if same and body is not None and look[0] is not None and look[0] < body and not look[1]:
            same = False
        if same and _heads_an_entry(lines, index):
            same = False
        if styled or same:
            found[index] = (_OTHER, 0.6)
        elif not heading_looks and _plain_heading(lines, index, known):
            found[index] = (_OTHER, 0.5)
    return found


def _heads_an_entry(lines: Sequence[tuple[TextLine, str]], index: int) -> bool:
    """True when a bold or large short line is an entry's first line (an employer or school name above a
    dated line) rather than a heading."""
    text = lines[index][1]
    if _DEGREE.search(text) or _INSTITUTION.search(text):
        return True
    for line, following in lines[index + 1 : index + 3]:
        if line.bullet:
            return False
        if find_date_range(following) is not None or is_date_text(following):
            return True
    return False


_SMALL_WORDS = frozenset({"of", "to", "and", "the", "in", "for", "a", "an", "&", "on", "at", "with", "by"})


def _plain_heading(
    lines: Sequence[tuple[TextLine, str]], index: int, known: dict[int, tuple[SectionKind, float]]
) -> bool:
    """In plain text whose known headings look like body text but stand after a blank line: a short
    title-cased line after a blank line, with no dates in the next two lines (those make it an entry)."""
    line, text = lines[index]
    if line.size is not None or line.gap_before < 0.5 or len(text.split()) > 5:
        return False
    if not all(lines[i][0].gap_before >= 0.5 or i == 0 for i in known):
        return False
    if not all(word[0].isupper() or word in _SMALL_WORDS for word in text.split()):
        return False
    following = [t for _, t in lines[index + 1 : index + 3]]
    if (
        not following
        or any(_has_date(t) for t in following)
        or _DEGREE.search(text)
        or _INSTITUTION.search(text)
    ):
        return False
    return lines[index + 1][0].gap_before < 0.5


def _headings_by_size(
    lines: Sequence[tuple[TextLine, str]], body: float | None
) -> dict[int, tuple[SectionKind, float]]:
    """Without any known heading: lines clearly larger than the body, or "Heading N" styles, after the top."""
    headings: dict[int, tuple[SectionKind, float]] = {}
    for index, (line, text) in enumerate(lines):
        if index < 2 or not _looks_like_heading(line, text):
            continue
        larger = body is not None and line.size is not None and line.size >= 1.2 * body
        styled = (line.style or "").lower().startswith("heading")
        if larger or styled:
            headings[index] = (_OTHER, 0.5)
    return headings


def _continues(previous: _Unit, line: TextLine, text: str, tight: float) -> bool:
    """True when ``line`` is a wrapped continuation of ``previous`` (the same paragraph or bullet).

    ``tight`` is the document's usual gap between wrapped lines; laid-out lines (with a size) further apart
    start a new block. Lines without layout (DOCX paragraphs, text files) join only on clear signs: a
    lower-case start, a hyphenated or unfinished previous line.
    """
    if line.bullet or line.gap_before > 0.75:
        return False
    if previous.size is not None and line.size is not None and abs(previous.size - line.size) > 0.6:
        return False
    if (find_date_range(text) is not None and len(text) < 70) or is_date_text(text):
        return False
    if _URL_ONLY.match(text):
        return False
    first = text[0]
    if previous.text.endswith(("-", "\u2010")) and first.isalpha() and previous.text[-2:-1].isalpha():
        return True
    laid_out = line.size is not None
    if laid_out and line.gap_before > tight + 0.18 and not first.islower():
        return False
    if laid_out and previous.bullet and previous.x and line.x < previous.x - 2.5:
        return False
    if first.islower():
        return _PLAIN_WORD.match(text) is not None
    if " | " in previous.text or " | " in text:  # pieces of a laid-out row, not wrapped prose
        return False
    if _LABEL_VALUE.match(text) or previous.text.endswith((*_SENTENCE_END, ":")):
        return False
    last_word = previous.text.rsplit(" ", 1)[-1].lower()
    if previous.text.endswith((",", ";", "&", "/", "(", "–", "—")) or last_word in _CONNECTORS:
        return True
    if not laid_out or (line.bold != previous.bold and len(previous.text) < 50):
        return False
    if previous.bullet:
        return abs(line.x - previous.x) <= 2.5
    return abs(line.x - previous.x) <= 3.0 and len(previous.text) >= 40


def _tight_gap(lines: Sequence[tuple[TextLine, str]]) -> float:
    """The usual gap between wrapped lines: the median gap above laid-out lines starting in lower case."""
    wrapped = sorted(
        line.gap_before
        for line, text in lines
        if line.size is not None and text[0].islower() and line.gap_before < 2
    )
    if wrapped:
        return wrapped[len(wrapped) // 2]
    gaps = sorted(line.gap_before for line, _ in lines if line.size is not None and 0 < line.gap_before < 2)
    return gaps[len(gaps) // 4] if gaps else 0.3


def _units(lines: Sequence[tuple[TextLine, str]], tight: float) -> list[_Unit]:
    units: list[_Unit] = []
    for line, text in lines:
        if units and _continues(units[-1], line, text, tight):
            previous = units[-1]
            units[-1] = _Unit(
                text=join_hyphenated(previous.text, text),
                bullet=previous.bullet,
                bold=previous.bold,
                size=previous.size,
                x=previous.x,
            )
            continue
        units.append(
            _Unit(
                text=text,
                bullet=line.bullet,
                bold=line.bold,
                size=line.size,
                x=line.x,
            )
        )
    return units


def _ends_sentence(text: str) -> bool:
    if not text.endswith(_SENTENCE_END):
        return False
    last = text.rsplit(" ", 1)[-1].rstrip(".!?")
    # abbreviations (B.S., Inc., Jr.) do not end a sentence
    return not ("." in last or len(last) <= 3 or last in ("Corp", "Dept", "Assoc"))


def _header_like_text(text: str) -> bool:
    """Short, not a sentence, not starting with an action verb: the look of a role, school or project line."""
    if len(text) > 100 or _ends_sentence(text):
        return False
    return _VERB_START.match(text) is None and not text[:1].islower()


def _has_date(text: str) -> bool:
    return find_date_range(text) is not None or bool(find_dates(text))


def _entry_flags(units: Sequence[_Unit], kind: SectionKind, body_bold: bool) -> list[bool]:
    """Which units of an experience, education or projects section are entry header lines."""
    count = len(units)
    flags = [False] * count
    header = [
        not unit.bullet and _header_like_text(unit.text) and not _URL_ONLY.match(unit.text) for unit in units
    ]
    for index, unit in enumerate(units):
        if unit.bullet or len(unit.text) > 130:
            continue
        if _has_date(unit.text) and (header[index] or is_date_text(unit.text)):
            flags[index] = True
            up = index - 1
            while up >= 0 and index - up <= 3 and header[up] and not flags[up] and len(units[up].text) <= 90:
                flags[up] = True
                up -= 1
            down = index + 1
            while (
                down < count
                and down - index <= 3
                and header[down]
                and len(units[down].text) <= 60
                and not (_has_date(units[down].text) and down - index > 1)
            ):
                flags[down] = True
                down += 1
    limit = 90 if kind is _PROJECTS else 60
    index = 0
    while index < count:
        if flags[index] or not header[index] or len(units[index].text) > 90:
            index += 1
            continue
        unit = units[index]
        if (unit.bold and not body_bold) or (
            kind is _EDU and (_DEGREE.search(unit.text) or _INSTITUTION.search(unit.text))
        ):
            flags[index] = True
            index += 1
            continue
        end = index
        while end + 1 < count and header[end + 1] and not flags[end + 1] and len(units[end + 1].text) <= 90:
            end += 1
        following = units[end + 1] if end + 1 < count else None
        run = range(index, end + 1)
        if following is not None and end - index < 3 and all(len(units[i].text) <= limit for i in run):
            for position in run:
                flags[position] = True
        index = end + 1
    return flags


def _blocks(units: Sequence[_Unit], kind: SectionKind, body_bold: bool) -> tuple[Block, ...]:
    if kind in _ENTRY_SECTIONS:
        flags = _entry_flags(units, kind, body_bold)
    elif kind in (_CERTS, _OTHER):
        flags = [
            unit.bold
            and not body_bold
            and not unit.bullet
            and len(unit.text) <= 120
            and not is_date_text(unit.text)
            for unit in units
        ]
    else:
        flags = [False] * len(units)
    blocks: list[Block] = []
    for unit, entry in zip(units, flags, strict=True):
        if unit.bullet:
            blocks.append(Block(BlockKind.BULLET, unit.text))
        elif entry:
            blocks.append(Block(BlockKind.ENTRY, unit.text))
        else:
            blocks.append(Block(BlockKind.TEXT, unit.text))
    return tuple(blocks)


_EMAIL_OR_PHONE = re.compile(r"@|\+?\d[\d ().-]{7,}\d")


def _confidence(kind: SectionKind, base: float, blocks: Sequence[Block]) -> float:
    if not blocks:
        return round(base * 0.5, 3)
    text = "\n".join(block.text for block in blocks)
    score = base
    if kind is _EXP and find_date_range(text) is None and not find_dates(text):
        score *= 0.75
    elif (kind is _EDU and not (_DEGREE.search(text) or _INSTITUTION.search(text))) or (
        kind is _CONTACT and not _EMAIL_OR_PHONE.search(text)
    ):
        score *= 0.8
    return round(min(score, 1.0), 3)


def build_sections(lines: Sequence[TextLine]) -> tuple[Section, ...]:
    """The sections of a resume, in reading order.

    ``lines`` are in reading order; blank lines are ignored. Returns no sections for no text. The untitled
    top is a CONTACT section with heading ""; headings of unknown kind start OTHER sections.
    """
    cleaned = [(line, clean_line(line.text)) for line in lines]
    kept = [(line, text) for line, text in cleaned if text]
    if not kept:
        return ()
    headings = _find_headings(kept)
    tight = _tight_gap(kept)
    body_bold = sum(len(text) for line, text in kept if line.bold) > 0.5 * sum(len(text) for _, text in kept)
    starts = sorted(headings)
    sections: list[Section] = []
    first = starts[0] if starts else len(kept)
    if first > 0:
        units = _units(kept[:first], tight)
        blocks = _blocks(units, _CONTACT, body_bold)
        sections.append(Section(_CONTACT, "", blocks, _confidence(_CONTACT, 0.9, blocks)))
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(kept)
        kind, base = headings[start]
        heading = kept[start][1].rstrip(":：").strip()
        units = _units(kept[start + 1 : end], tight)
        blocks = _blocks(units, kind, body_bold)
        sections.append(Section(kind, heading, blocks, _confidence(kind, base, blocks)))
    return _one_contact(sections)


def _one_contact(sections: Sequence[Section]) -> tuple[Section, ...]:
    """The sections with every CONTACT section folded into the first one (a sidebar "Contact" or "Links"
    part is the same contact block as the untitled top), so a document has at most one."""
    contacts = [section for section in sections if section.kind is _CONTACT]
    if len(contacts) < 2:
        return tuple(sections)
    first = contacts[0]
    merged = Section(
        _CONTACT,
        first.heading,
        tuple(block for section in contacts for block in section.blocks),
        max(section.confidence for section in contacts),
    )
    return tuple(
        merged if section is first else section
        for section in sections
        if section.kind is not _CONTACT or section is first
    )

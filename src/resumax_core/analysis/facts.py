"""Sections -> the facts of a resume: contact, roles, schools, skills, certifications, languages, projects.

``extract_facts`` reads only ``Section``/``Block`` data (kinds and text), so it gives the same answer when
it is run again on sections a user edited. Every function here is pure and never raises on odd text;
a fact that cannot be read is None (or left out of a list), never guessed from outside the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from attrs import define, field

from resumax_core.analysis.dates import find_date_range, find_dates, is_date_text
from resumax_core.analysis.sections import build_sections, heading_kind
from resumax_core.entities.document import (
    Block,
    Contact,
    EducationEntry,
    ExperienceEntry,
    ParsedDocument,
    Section,
    TextLine,
)
from resumax_core.entities.enums import BlockKind, SectionKind


def _word_set(words: str, *phrases: str) -> frozenset[str]:
    """A set of the space-separated ``words`` plus whole ``phrases``."""
    return frozenset(words.split()) | frozenset(phrases)


EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
_PHONE_CANDIDATE = re.compile(r"(?<![\w/.])\+?\(?\d[\d ().\-‑–]{5,22}\d(?![\w/])")
_URL = re.compile(
    r"(?<![@\w.])(?:https?://[^\s|,;]+|www\.[^\s|,;]+|"
    r"(?:[a-z0-9-]+\.)+(?:com|org|net|io|dev|me|ai|co|app|xyz|tech|info|site|page|inc|us|uk|de|ca)(?:/[^\s|,;]*)?)",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s+[|•·●▪◦—–]\s+|\s*\|\s*|\t+|\s+/\s+|\s{3,}")
_DURATION = re.compile(
    r"\(?\b\d+\+?\s*(?:years?|yrs?|months?|mos?)\b(?:,?\s*\d+\s*(?:months?|mos?)\b)?\)?", re.IGNORECASE
)
_LABEL = re.compile(r"^\s*([A-Za-z][\w &/+.'()-]{0,40}?)\s*:\s+(\S.*)$")
_CONTACT_LABEL = re.compile(
    r"^(?:e-?mail|phone|tel(?:ephone)?|mobile|cell|location|address|linkedin|github|website|web|portfolio|"
    r"twitter|x)\s*:\s*",
    re.IGNORECASE,
)
_LEGAL_SUFFIX = re.compile(
    r"^(?:inc|llc|ltd|l\.?l\.?c|corp|co|gmbh|plc|s\.?a|l\.?p|ag|pty|pvt|limited)\.?$", re.I
)
_US_STATES = _word_set(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC "
    "ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR",
)
_STATE_NAMES = _word_set(
    "alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii "
    "idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan "
    "minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee "
    "texas utah vermont virginia washington wisconsin wyoming ontario quebec bavaria england scotland "
    "wales",
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "rhode island",
    "south carolina",
    "south dakota",
    "west virginia",
    "british columbia",
)
_COUNTRIES = _word_set(
    "usa us uk u.s. u.s.a. u.k. canada india germany france spain italy netherlands ireland australia "
    "singapore japan china brazil mexico türkiye turkey israel sweden norway denmark finland poland "
    "switzerland austria belgium portugal argentina chile colombia nigeria kenya egypt pakistan "
    "bangladesh indonesia vietnam philippines korea uae",
    "united states",
    "united kingdom",
    "south korea",
    "new zealand",
    "south africa",
    "hong kong",
    "united arab emirates",
    "czech republic",
)
_PLACE = r"[A-ZÀ-Þ][\w.'’-]*(?:\s+[A-ZÀ-Þ][\w.'’-]*){0,3}"
_CITY_REGION = re.compile(
    rf"(?<![\w])({_PLACE}),\s*([A-Za-zÀ-ÿ.]+(?:\s+[A-Za-zÀ-ÿ]+)?)(?:\s+\d{{5}}(?:-\d{{4}})?)?"
)
_CITY_REGION_ANYWHERE = re.compile(rf"(?<![\w])(?=({_PLACE}),\s*([A-Za-zÀ-ÿ.]+(?:\s+[A-Za-zÀ-ÿ]+)?))")
"""Every start of a "City, Region" candidate, overlapping ("Main St, Anywhere, USA" tries "Anywhere, USA")."""
_TITLE_WORDS = _word_set(
    "engineer engineers developer developers manager analyst scientist accountant intern internship "
    "director lead leader consultant designer specialist administrator architect officer president vp "
    "founder cofounder co-founder cto ceo cfo coo cio head assistant coordinator technician "
    "representative researcher professor lecturer teacher nurse programmer supervisor executive advisor "
    "adviser strategist editor writer marketer recruiter owner principal trainee apprentice fellow "
    "instructor tutor sde swe associate clerk auditor bookkeeper controller economist statistician "
    "physician pharmacist therapist attorney lawyer paralegal counsel agent broker cashier chef driver "
    "mechanic electrician operator planner producer scrum product",
)
_ORG_WORDS = _word_set(
    "inc inc. llc ltd ltd. corp corp. corporation company co co. group gmbh plc technologies technology "
    "solutions systems labs lab bank university college institute agency partners associates consulting "
    "services studio studios holdings ventures capital foundation hospital school",
)
_LEVEL_WORDS = _word_set(
    "beginner elementary intermediate advanced expert proficient proficiency fluent native basic "
    "conversational professional working limited full bilingual mother tongue a1 a2 b1 b2 c1 c2",
)
_DEGREE = re.compile(
    r"\b(?:bachelor|master|doctor|doctorate|ph\.?\s?d|mba|m\.?\s?sc|b\.?\s?sc|b\.?\s?s\.|m\.?\s?s\.|b\.?\s?a\.|"
    r"m\.?\s?a\.|b\.?\s?eng|m\.?\s?eng|b\.?\s?tech|m\.?\s?tech|associate(?:'s)?\s+(?:degree|of)|diploma|"
    r"bs|ba|ms|ma|bsc|msc|beng|meng|btech|mtech|phd|md|jd|high school|ged|certificate)(?![\w])",
    re.IGNORECASE,
)
_LEADING_DEGREE = re.compile(
    r"^(Ph\.?\s?D\.?|B\.?\s?S\.?c?\.?|M\.?\s?S\.?c?\.?|B\.?\s?A\.?|M\.?\s?A\.?|MBA|B\.?\s?Eng\.?|M\.?\s?Eng\.?|"
    r"B\.?\s?Tech\.?|M\.?\s?Tech\.?)\s+(?=[A-Z])"
)
_INSTITUTION = re.compile(
    r"\b(?:university|universit[äa]t|universidad|université|college|institute|school|academy|polytechnic|"
    r"conservatory|[ée]cole|mit|ucla|caltech|uc\s+[a-z]+|nyu|cmu)\b",
    re.IGNORECASE,
)
_STUDY_WORDS = _word_set(
    "science sciences engineering studies arts mathematics math economics business management design "
    "technology computing physics chemistry biology law medicine finance accounting marketing psychology "
    "statistics informatics administration communications nursing history literature education philosophy",
)
"""Words of a field of study: after a school and a comma they name the major, not the campus."""
_PROJECT_LABEL = re.compile(r"^\s*(?:[A-Za-z-]+\s+)?project\s*:\s*", re.IGNORECASE)
_SKILL_SPLIT = re.compile(r"\s*(?:[,;|•·●▪]|\s/\s|\t)\s*")


@define
class _Group:
    headers: list[str] = field(factory=list)
    body: list[str] = field(factory=list)


def _fields(text: str) -> list[str]:
    parts = [part.strip(" ,;:-–—|/•·") for part in _SEPARATORS.split(text)]
    return [part for part in parts if part]


def _title_words(text: str) -> set[str]:
    return {word.strip(".,()&").lower() for word in re.split(r"[\s/]+", text)}


def is_title(text: str) -> bool:
    """True when ``text`` names a job title ("Senior Web Developer", "Co-Founder & CTO")."""
    words = _title_words(text)
    return bool(words & _TITLE_WORDS) or any(part in _TITLE_WORDS for w in words for part in w.split("-"))


def _is_org(text: str) -> bool:
    return bool(_title_words(text) & _ORG_WORDS)


def is_location(text: str) -> bool:
    """True when ``text`` is a place: "San Francisco, CA", "Denver, Colorado", "Gotham, USA", "Remote"."""
    stripped = text.strip(" ,.;()")
    if stripped.lower() in ("remote", "hybrid", "on-site", "onsite") or stripped.lower() in _COUNTRIES:
        return True
    match = _CITY_REGION.fullmatch(stripped)
    return match is not None and _is_region(match.group(2).strip())


def _is_region(text: str) -> bool:
    region = text.strip(" .")
    lowered = region.lower()
    return region in _US_STATES or lowered in _STATE_NAMES or lowered in _COUNTRIES


def _region_of(match: re.Match[str]) -> str | None:
    region = match.group(2).strip()
    if _is_region(region):
        return region
    first = region.split()[0] if region.split() else ""
    return first if _is_region(first) else None


def _find_location(text: str) -> str | None:
    """The first "City, Region" in a longer text, without capitalised words glued before the city."""
    for match in _CITY_REGION_ANYWHERE.finditer(text):
        region = _region_of(match)
        if region is None:
            continue
        words = match.group(1).split()
        while len(words) > 1 and words[0].lower() in _TITLE_WORDS:
            words = words[1:]
        zip_code = re.match(r"\s+\d{5}(?:-\d{4})?", text[match.start(2) + len(region) :])
        return f"{' '.join(words)}, {region}" + (zip_code.group(0) if zip_code else "")
    return None


def _remove_span(text: str, span: tuple[int, int]) -> str:
    """``text`` without ``span`` (and brackets right around it), with a field separator in its place."""
    start, end = span
    before, after = text[:start].rstrip(), text[end:].lstrip()
    if before.endswith(("(", "[")) and after.startswith((")", "]")):
        before, after = before[:-1], after[1:]
    return (before + " | " + after).strip()


def _comma_parts(text: str) -> list[str]:
    parts = [part.strip() for part in text.split(",") if part.strip()]
    merged: list[str] = []
    for part in parts:
        if merged and _LEGAL_SUFFIX.match(part):
            merged[-1] = f"{merged[-1]}, {part}"
        else:
            merged.append(part)
    return merged


def _pull_location(parts: list[str]) -> tuple[list[str], str | None]:
    """Take a "City, Region" pair (or a lone place) out of comma-split parts."""
    for index in range(len(parts) - 1):
        if _is_region(parts[index + 1]) and re.fullmatch(_PLACE, parts[index]) and not is_title(parts[index]):
            location = f"{parts[index]}, {parts[index + 1]}"
            return parts[:index] + parts[index + 2 :], location
    for index, part in enumerate(parts):
        if is_location(part):
            return parts[:index] + parts[index + 1 :], part
    return parts, None


def _header_fields(headers: Sequence[str]) -> tuple[list[str], str | None, str | None, str | None]:
    """An entry's header lines as (fields, start, end, location); dates, durations and links removed."""
    start = end = location = None
    fields: list[str] = []
    for header in headers:
        text = _DURATION.sub(" ", header)
        found = find_date_range(text)
        if found is not None and start is None and end is None:
            start, end = found[0], found[1]
            text = _remove_span(text, found[2])
        elif start is None and end is None:
            dates = find_dates(text)
            if dates:
                end = dates[-1][0]
                text = _remove_span(text, dates[-1][1])
        for part in _fields(text):
            if _URL.fullmatch(part) or is_date_text(part):
                continue
            if location is None and is_location(part):
                location = part
                continue
            fields.append(part)
    return fields, start, end, location


def _read_role(headers: Sequence[str]) -> ExperienceEntry:
    fields, start, end, location = _header_fields(headers)
    if len(fields) == 1 and "," in fields[0]:
        parts, found = _pull_location(_comma_parts(fields[0]))
        location = location or found
        fields = parts
    title = next((part for part in fields if is_title(part)), None)
    employer = next((part for part in fields if part != title and _is_org(part)), None)
    employer = employer or next((part for part in fields if part != title), None)
    if title is None and len(fields) >= 2 and employer == fields[0]:
        title = fields[1]
    return ExperienceEntry(employer=employer, title=title, location=location, start=start, end=end)


def _read_school(headers: Sequence[str]) -> EducationEntry:
    fields, start, end, _ = _header_fields(headers)
    if len(fields) == 1 and "," in fields[0]:
        fields, _ = _pull_location(_comma_parts(fields[0]))
    fields = [part for field_text in fields for part in _split_school(field_text)]
    degree = institution = None
    rest: list[str] = []
    for part in fields:
        leading = _LEADING_DEGREE.match(part)
        if degree is None and leading and _INSTITUTION.search(part[leading.end() :]):
            degree, institution = leading.group(1).strip(), part[leading.end() :].strip()
        elif degree is None and _DEGREE.search(part) and not _INSTITUTION.search(part):
            degree = part
        elif institution is None and _INSTITUTION.search(part):
            institution = part
        elif not is_location(part):
            rest.append(part)
    if institution is None and rest:
        institution = rest.pop(0) if degree is not None or len(rest) > 1 else None
    if degree is not None and rest:
        degree = ", ".join([degree, *rest])
    elif degree is None and rest:
        degree = ", ".join(rest)
    return EducationEntry(institution=institution, degree=degree, start=start, end=end)


def _split_school(text: str) -> list[str]:
    """A school field with its major after a comma ("Boğaziçi University, Computer Engineering") as two."""
    if "," not in text or not _INSTITUTION.search(text) or _DEGREE.search(text):
        return [text]
    head, _, tail = text.partition(",")
    if _INSTITUTION.search(head) and _title_words(tail) & _STUDY_WORDS:
        return [head.strip(), tail.strip()]
    return [text]


def _has_range(text: str) -> bool:
    return find_date_range(text) is not None


def _groups(blocks: Sequence[Block]) -> list[_Group]:
    """Blocks grouped into entries: header lines (ENTRY) and the lines under them."""
    groups: list[_Group] = []
    for block in blocks:
        if block.kind is BlockKind.ENTRY:
            current = groups[-1] if groups else None
            date_only = is_date_text(block.text)
            if (
                current is not None
                and current.headers
                and date_only
                and not any(_has_range(h) or find_dates(h) for h in current.headers)
            ):
                current.headers.append(block.text)
                continue
            if current is None or current.body or _conflict(current.headers, block.text):
                groups.append(_Group())
            groups[-1].headers.append(block.text)
        else:
            if not groups:
                groups.append(_Group())
            groups[-1].body.append(block.text)
    return groups


def _conflict(headers: Sequence[str], text: str) -> bool:
    """True when a header line cannot belong to the same entry as ``headers`` (a second date range,
    a second school, a second degree)."""
    if not headers:
        return False
    if _has_range(text) and any(_has_range(h) for h in headers):
        return True
    if _INSTITUTION.search(text) and any(_INSTITUTION.search(h) for h in headers):
        return True
    return bool(
        _DEGREE.search(text)
        and not _INSTITUTION.search(text)
        and any(_DEGREE.search(h) and not _INSTITUTION.search(h) for h in headers)
    )


def _experience(sections: Sequence[Section]) -> tuple[ExperienceEntry, ...]:
    entries: list[ExperienceEntry] = []
    for section in sections:
        if section.kind is not SectionKind.EXPERIENCE:
            continue
        previous: ExperienceEntry | None = None
        for group in _groups(section.blocks):
            if not group.headers:
                continue
            entry = _read_role(group.headers)
            bullets = tuple(text for text in group.body if not _URL.fullmatch(text))
            if entry.employer is None and entry.title and previous is not None and previous.employer:
                entry = ExperienceEntry(
                    employer=previous.employer,
                    title=entry.title,
                    location=entry.location or previous.location,
                    start=entry.start,
                    end=entry.end,
                )
            entry = ExperienceEntry(
                employer=entry.employer,
                title=entry.title,
                location=entry.location,
                start=entry.start,
                end=entry.end,
                bullets=bullets,
            )
            entries.append(entry)
            previous = entry
    return tuple(entries)


def _education(sections: Sequence[Section]) -> tuple[EducationEntry, ...]:
    entries: list[EducationEntry] = []
    for section in sections:
        if section.kind is SectionKind.EDUCATION:
            for group in _groups(section.blocks):
                if group.headers:
                    entry = _read_school(group.headers)
                    if entry.institution or entry.degree:
                        entries.append(entry)
    return tuple(entries)


def _split_items(text: str) -> list[str]:
    """Top-level items of a list line (commas inside brackets do not split)."""
    items: list[str] = []
    depth = 0
    current: list[str] = []
    position = 0
    while position < len(text):
        char = text[position]
        depth += char in "([{"
        depth -= char in ")]}" and depth > 0
        if depth == 0:
            match = _SKILL_SPLIT.match(text, position)
            if match and match.end() > position and (char != " " or match.group(0).strip()):
                items.append("".join(current))
                current = []
                position = match.end()
                continue
        current.append(char)
        position += 1
    items.append("".join(current))
    return items


def _clean_item(item: str) -> str:
    item = item.strip(" .;:-–—*")
    item = re.sub(r"^(?:and|&|or)\s+", "", item, flags=re.IGNORECASE)
    return item.strip()


def _list_items(blocks: Sequence[Block]) -> list[str]:
    """Items of a skills-like list: labels ("Cloud & Tooling:") removed, split on separators, level words
    ("Expert", "Intermediate") dropped, lone category lines (not bullets) above a list dropped, duplicates
    removed."""
    texts = [block.text for block in blocks]
    has_lists = any(len(_split_items(text)) > 1 for text in texts)
    items: list[str] = []
    for index, text in enumerate(texts):
        label = _LABEL.match(text)
        if label and len(label.group(1).split()) <= 5:
            text = label.group(2)
        parts = [_clean_item(part) for part in _split_items(text)]
        parts = [part for part in parts if part and part.lower() not in _LEVEL_WORDS]
        if (
            has_lists
            and len(parts) == 1
            and len(parts[0].split()) <= 4
            and blocks[index].kind is not BlockKind.BULLET
        ):
            following = [t for t in texts[index + 1 : index + 3] if t.strip().lower() not in _LEVEL_WORDS]
            if following and len(_split_items(following[0])) > 1:
                continue
        items.extend(part for part in parts if len(part) <= 80)
    return _unique(items)


def _unique(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    result: list[str] = []
    for item in items:
        key = item.lower()
        if key not in seen:
            seen.add(key)
            result.append(item)
    return result


def _blocks_of(sections: Iterable[Section], kind: SectionKind) -> list[Block]:
    return [block for section in sections if section.kind is kind for block in section.blocks]


def _skills(sections: Sequence[Section]) -> tuple[str, ...]:
    return tuple(_list_items(_blocks_of(sections, SectionKind.SKILLS)))


def _languages(sections: Sequence[Section]) -> tuple[str, ...]:
    items = _list_items(_blocks_of(sections, SectionKind.LANGUAGES))
    cleaned = [
        re.sub(r"\s*[(\-–:]\s*(?:native|fluent|basic|intermediate|advanced|[abc][12]).*$", "", i, flags=re.I)
        for i in items
    ]
    return tuple(_unique(item for item in cleaned if item))


def _certifications(sections: Sequence[Section]) -> tuple[str, ...]:
    names: list[str] = []
    for section in sections:
        if section.kind is not SectionKind.CERTIFICATIONS:
            continue
        blocks = section.blocks
        if any(block.kind is BlockKind.BULLET for block in blocks):
            names.extend(block.text for block in blocks if block.kind is BlockKind.BULLET)
            continue
        if any(block.kind is BlockKind.ENTRY for block in blocks):
            names.extend(block.text for block in blocks if block.kind is BlockKind.ENTRY)
            continue
        if any(is_date_text(block.text) for block in blocks):
            group_start = True
            for block in blocks:
                if is_date_text(block.text):
                    group_start = True
                elif group_start:
                    names.append(block.text)
                    group_start = False
            continue
        for block in blocks:
            names.extend(part for part in _split_items(block.text) if part.strip())
    return tuple(_unique(_clean_item(name) for name in names if _clean_item(name)))


def _projects(sections: Sequence[Section]) -> tuple[str, ...]:
    names: list[str] = []
    for section in sections:
        if section.kind is not SectionKind.PROJECTS:
            continue
        for group in _groups(section.blocks):
            for header in group.headers:
                text = _DURATION.sub(" ", header)
                found = find_date_range(text)
                if found is not None:
                    text = _remove_span(text, found[2])
                dates = find_dates(text)
                for _, span in reversed(dates):
                    text = _remove_span(text, span)
                parts = [_PROJECT_LABEL.sub("", part) for part in _fields(text)]
                if parts and parts[0] and not _URL.fullmatch(parts[0]):
                    names.append(parts[0])
                    break
    return tuple(_unique(names))


def _find_phone(text: str) -> str | None:
    for match in _PHONE_CANDIDATE.finditer(text):
        candidate = match.group(0).strip(" .-–")
        if candidate.count("(") > candidate.count(")") and candidate.startswith("("):
            candidate = candidate[1:]
        elif candidate.count(")") > candidate.count("(") and candidate.endswith(")"):
            candidate = candidate[:-1]
        digits = sum(char.isdigit() for char in candidate)
        if not 10 <= digits <= 15 or find_date_range(candidate) is not None or is_date_text(candidate):
            continue
        if not re.search(r"[\s().\-‑]", candidate) and not candidate.startswith("+"):
            continue
        return candidate
    return None


def _name_candidate(text: str) -> str | None:
    for part in _fields(text):
        part = _CONTACT_LABEL.sub("", part).strip()
        words = part.split()
        if not 1 <= len(words) <= 4 or len(part) > 40:
            continue
        if any(char.isdigit() for char in part) or "@" in part or "," in part or _URL.search(part):
            continue
        if not all(re.fullmatch(r"[A-ZÀ-Þ][\w'’.-]*", word) for word in words):
            continue
        if is_title(part) or heading_kind(part) is not None or is_location(part):
            continue
        if len(words) == 1 and not part.isupper():
            continue
        return part
    return None


def _contact(sections: Sequence[Section]) -> Contact:
    contact_sections = [s for s in sections if s.kind is SectionKind.CONTACT]
    contact_texts = [block.text for section in contact_sections for block in section.blocks]
    all_texts = [block.text for section in sections for block in section.blocks]
    top = next(
        (s for s in contact_sections if s.heading == ""), contact_sections[0] if contact_sections else None
    )
    name = None
    if top is not None:
        for block in top.blocks[:8]:
            name = _name_candidate(block.text)
            if name:
                break
    email = _first(EMAIL.search(text) for text in contact_texts) or _first(EMAIL.search(t) for t in all_texts)
    phone = _first_value(_find_phone(text) for text in contact_texts)
    if phone is None:
        phone = _first_value(_find_phone(text) for text in all_texts[:15] if len(text) < 120)
    location = None
    for text in contact_texts:
        for part in _fields(_CONTACT_LABEL.sub("", text)):
            part = _URL.sub(" ", EMAIL.sub(" ", _CONTACT_LABEL.sub("", part))).strip()
            location = part if is_location(part) else _find_location(part)
            if location:
                break
        if location:
            break
    links: list[str] = []
    for text in contact_texts:
        without_emails = EMAIL.sub(" ", text)
        for match in _URL.finditer(without_emails):
            link = match.group(0).rstrip(".,;)")
            if link.lower() not in (existing.lower() for existing in links):
                links.append(link)
    return Contact(
        name=name,
        email=email.group(0) if email else None,
        phone=phone,
        location=location,
        links=tuple(links),
    )


def _first(matches: Iterable[re.Match[str] | None]) -> re.Match[str] | None:
    return next((match for match in matches if match is not None), None)


def _first_value(values: Iterable[str | None]) -> str | None:
    return next((value for value in values if value), None)


def extract_facts(
    sections: Sequence[Section], *, source_format: str, pages: int, warnings: Sequence[str] = ()
) -> ParsedDocument:
    """A ParsedDocument of ``sections`` with every fact read from their blocks.

    Contact comes from CONTACT sections (email and phone fall back to the first lines anywhere), roles and
    schools from ENTRY blocks of experience and education sections (the blocks under a role are its
    bullets; two roles at one employer stay two entries, the second inheriting the employer when it names
    none), skills and languages from their list lines, certifications and projects from their item names.
    """
    ordered = tuple(sections)
    return ParsedDocument(
        sections=ordered,
        contact=_contact(ordered),
        experience=_experience(ordered),
        education=_education(ordered),
        skills=_skills(ordered),
        certifications=_certifications(ordered),
        languages=_languages(ordered),
        projects=_projects(ordered),
        warnings=tuple(warnings),
        source_format=source_format,
        pages=pages,
    )


def build_document(
    lines: Sequence[TextLine], *, source_format: str, pages: int, warnings: Sequence[str] = ()
) -> ParsedDocument:
    """``build_sections`` then ``extract_facts``: the whole reading of a parser's lines."""
    return extract_facts(build_sections(lines), source_format=source_format, pages=pages, warnings=warnings)

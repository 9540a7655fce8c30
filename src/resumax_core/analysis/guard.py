"""The truthfulness guard: a suggested rewrite may not add a fact the resume does not support.

Business rules — a rewrite is rejected with one violation per unsupported addition when its ``after`` text
names, and neither the resume nor the ``before`` text already contains:
- a date: a year (1950–2099), a month name, a quarter ("Q3"), a numeric date ("03/2021") -> ``date``;
- a number: any other digit sequence (counts, percentages, money, "10x"), or a quantity word ("doubled",
  "thousands") -> ``metric``; a number counts as known only with the same currency, scale, percent or
  multiplier ("$2M" is not supported by "2 million rows"); a "N+ years" claim passes when N does not
  exceed the years the resume's dated roles prove;
- a taxonomy skill or tool not evidenced by the resume (a parent of an evidenced skill, such as SQL for
  PostgreSQL, is evidenced) -> ``skill``; a credential from the taxonomy or a "certified"/"licensed" claim
  -> ``certification``;
- a degree ("Master's", "MBA", "Ph.D.") -> ``degree``;
- a job title (a capitalised phrase ending in a role noun, or "as a senior engineer") -> ``title``;
- a capitalised multi-word name, or a name after "at"/"joined" -> ``institution`` when it reads like a school
  (University, College, School, Institute, Academy), otherwise ``employer``.
Rephrasing, reordering, removing words, and naming a skill the resume already proves all pass (a capitalised
run that only appears because words between its parts were removed is not a new name).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache

from resumax_core.analysis.dates import MONTHS
from resumax_core.analysis.gap import experience_years
from resumax_core.analysis.rewrite_rules import present_tense
from resumax_core.analysis.skills import scan_skills, sentence_spans
from resumax_core.analysis.taxonomy import taxonomy
from resumax_core.entities import Change, ParsedDocument, Violation

__all__ = ["VIOLATION_KINDS", "check_change", "check_rewrite"]


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (word lists read better as one string)."""
    return frozenset(text.split())


VIOLATION_KINDS = ("employer", "title", "institution", "degree", "date", "metric", "certification", "skill")


_MONTH = re.compile(
    r"\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b"
)
_YEAR = re.compile(r"(?<![\d.,])(?:19[5-9]\d|20\d\d)(?![\d.,]\d)")
_QUARTER = re.compile(r"\b[QH][1-4]\b")
_NUMERIC_DATE = re.compile(r"\b\d{1,2}/(?:19|20)\d\d\b|\b(?:19|20)\d\d-\d{2}\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_QUANTITY_WORDS = re.compile(
    r"\b(doubl(?:ed|ing|e)|tripl(?:ed|ing|e)|quadrupl(?:ed|ing|e)|halv(?:ed|ing)|twofold|two-fold|threefold|"
    r"tenfold|hundreds|thousands|millions|"
    r"billions|dozens|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"fifty|hundred|thousand|million|billion)\b",
    re.IGNORECASE,
)
_CERT_WORD = re.compile(
    r"\b(certified|certification|certificate|licensed|license|accredited|chartered)\b", re.I
)
_DEGREE = re.compile(
    r"\b(Bachelor(?:'s|s)?|Master(?:'s|s)?|MBA|Ph\.?\s?D\.?|Doctorate|Doctoral|B\.S\.|M\.S\.|B\.A\.|M\.A\.|"
    r"BSc|MSc|BEng|MEng|B\.Sc\.|M\.Sc\.|Associate(?:'s)? degree)(?![\w])|\b(degree|diploma)\b"
)
_ROLE_NOUN = (
    r"(?:Engineer|Developer|Manager|Director|Analyst|Designer|Scientist|Consultant|Architect|Specialist|"
    r"Coordinator|Administrator|Officer|Intern|Nurse|Professor|Teacher|Accountant|Executive|Representative|"
    r"Head|VP|President|Founder|Co-founder|CEO|CTO|CFO|COO|CIO|Owner|Technician|Electrician|Researcher|"
    r"Lecturer|Recruiter|Strategist|Advisor|Programmer|Supervisor|Principal|Partner)s?"
)
_TITLE = re.compile(rf"\b((?:[A-Z][\w&/+.-]*\s+){{0,4}}{_ROLE_NOUN})\b")
_AS_TITLE = re.compile(
    r"\bas (?:a|an|the)\s+((?:[\w-]+\s+){0,3}(?:engineer|developer|manager|director|analyst|designer|"
    r"scientist|consultant|architect|specialist|coordinator|administrator|officer|intern|nurse|professor|"
    r"teacher|accountant|executive|representative|lead|head|founder|owner|technician|researcher))\b",
    re.IGNORECASE,
)
_NAME_RUN = re.compile(
    r"(?:[A-Z][\w&'’.+-]*)(?:[ \t]+(?:(?:of|and|for|the|de|del|la|von|van|&)[ \t]+)*[A-Z][\w&'’.+-]*)+"
)
_AT_NAME = re.compile(r"\b(?:at|joined)[ \t]+([A-Z][\w&'’.-]+(?:[ \t]+[A-Z][\w&'’.-]+)*)")
_INSTITUTION = re.compile(r"\b(?:University|College|School|Institute|Academy|Polytechnic|Conservatory)\b")
_CORPORATE = re.compile(
    r"\b(?:Inc|LLC|Ltd|Corp|Corporation|Co|GmbH|PLC|Group|Labs|Technologies|Systems)\b\.?"
)
_CONNECTORS = _words("of and for the de del la von van &")
_COMMON_CAPITALISED = _words(
    """a an the this that these those our my we i in on at for with by as to from over under across into
    and or but each every all both new key main built led ran made wrote drove grew sold met kept set cut
    january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday"""
)


def _normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‐", "-").replace("–", "-").replace("—", "-")
    return re.sub(r"\s+", " ", text).strip().lower()


def _number_key(token: str) -> str:
    key = token.replace(",", "")
    if "." in key:
        key = key.rstrip("0").rstrip(".") or "0"
    return key


def _date_tokens(text: str) -> set[str]:
    tokens = {match.group() for match in _YEAR.finditer(text)}
    tokens |= {f"month:{MONTHS[m.group(1).lower()]}" for m in _MONTH.finditer(text)}
    tokens |= {m.group().upper() for m in _QUARTER.finditer(text)}
    for match in _NUMERIC_DATE.finditer(text):
        tokens |= set(re.findall(r"\d+", match.group()))
    return tokens


_SCALES = {
    "k": "e3",
    "thousand": "e3",
    "m": "e6",
    "mm": "e6",
    "mn": "e6",
    "million": "e6",
    "b": "e9",
    "bn": "e9",
    "billion": "e9",
}
_SCALE_AFTER = re.compile(r"\s*(k|mm|mn|m|bn|b|thousand|million|billion)\b", re.IGNORECASE)
_PERCENT_AFTER = re.compile(r"\s*(%|percent\b|per cent\b)", re.IGNORECASE)
_TIMES_AFTER = re.compile(r"\s*(x|×|times)\b", re.IGNORECASE)


def _quantity_key(text: str, match: re.Match[str]) -> str:
    """What a number states, not just its digits: "$2M" (money, millions) is not "2 million rows" or "2x".

    The key joins the currency sign before it, the number, its scale (k, M, bn, thousand, million...),
    and a percent or multiplier after it.
    """
    before = text[max(0, match.start() - 1) : match.start()]
    currency = before if before in "$€£" and before else ""
    rest = text[match.end() :]
    scale_match = _SCALE_AFTER.match(rest)
    scale = _SCALES[scale_match.group(1).lower()] if scale_match else ""
    tail = rest[scale_match.end() :] if scale_match else rest
    percent = "%" if _PERCENT_AFTER.match(tail) else ""
    times = "x" if not percent and _TIMES_AFTER.match(tail) else ""
    return f"{currency}{_number_key(match.group())}{scale}{percent}{times}"


def _numbers(text: str) -> set[str]:
    return {_quantity_key(text, m) for m in _NUMBER.finditer(text)}


@lru_cache(maxsize=64)
def _source_facts(source: str) -> tuple[str, frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    tax = taxonomy()
    evidenced: set[str] = set()
    for match in scan_skills(source, require_context=False):
        evidenced.add(match.skill)
        evidenced |= tax.ancestors(match.skill)
    words = frozenset(w.lower() for w in _QUANTITY_WORDS.findall(source))
    return (
        _normalise(source),
        frozenset(_date_tokens(source)),
        frozenset(_numbers(source)),
        frozenset(evidenced),
        words,
    )


_UNIT_WORD = re.compile(r"\s+([A-Za-z]+)")


def _number_phrase(text: str, start: int, end: int) -> str:
    """The number as written with its symbols ("$2M", "40%", "8+") and, for a bare count, its unit word."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    token = text[left:right].strip(" ,.;:()")
    if not re.search(r"[%$€£]", token):
        unit = _UNIT_WORD.match(text, right)
        if unit:
            token = f"{token} {unit.group(1)}"
    return token


def _phrase_at(text: str, start: int, words: int = 3) -> str:
    """The word at ``start`` and up to ``words`` more, stopping at punctuation."""
    tail = re.match(r"[^.,;:!?()\n]*", text[start:])
    return " ".join((tail.group() if tail else "").split()[: words + 1])


def _date_violations(after: str, known: frozenset[str]) -> list[Violation]:
    found: list[Violation] = []
    seen: set[str] = set()
    for pattern, key in (
        (_YEAR, lambda m: m.group()),
        (_MONTH, lambda m: f"month:{MONTHS[m.group(1).lower()]}"),
        (_QUARTER, lambda m: m.group().upper()),
    ):
        for match in pattern.finditer(after):
            token = key(match)
            if token in known or token in seen:
                continue
            seen.add(token)
            found.append(
                Violation(
                    "date", match.group(), f"adds the date “{match.group()}”, which the resume does not give"
                )
            )
    return found


def _metric_violations(
    after: str, known_numbers: frozenset[str], known_words: frozenset[str], allowed: Collection[str]
) -> list[Violation]:
    found: list[Violation] = []
    date_spans = [m.span() for p in (_YEAR, _NUMERIC_DATE, _QUARTER) for m in p.finditer(after)]
    seen: set[str] = set()
    for match in _NUMBER.finditer(after):
        if any(s <= match.start() < e for s, e in date_spans):
            continue
        key = _quantity_key(after, match)
        if key in known_numbers or _number_key(match.group()) in allowed or key in seen:
            continue
        seen.add(key)
        shown = _number_phrase(after, match.start(), match.end())
        found.append(
            Violation("metric", shown, f"adds the number “{shown}”, which the resume does not state")
        )
    for match in _QUANTITY_WORDS.finditer(after):
        word = match.group().lower()
        if word in known_words or word in seen:
            continue
        seen.add(word)
        found.append(
            Violation(
                "metric",
                match.group(),
                f"adds the quantity “{match.group()}”, which the resume does not state",
            )
        )
    return found


def _skill_violations(after: str, evidenced: frozenset[str]) -> list[Violation]:
    tax = taxonomy()
    found: list[Violation] = []
    seen: set[str] = set()
    for match in scan_skills(after):
        if match.skill in evidenced or match.skill in seen:
            continue
        seen.add(match.skill)
        if tax.is_certification(match.skill):
            found.append(
                Violation(
                    "certification",
                    match.text,
                    f"claims the credential {match.skill}, which the resume does not list",
                )
            )
        else:
            found.append(
                Violation("skill", match.text, f"adds {match.skill}, which nothing on the resume shows")
            )
    return found


def _present(phrase: str, source: str) -> bool:
    return _normalise(phrase) in source


def _word_violations(after: str, source: str) -> list[Violation]:
    found: list[Violation] = []
    for match in _CERT_WORD.finditer(after):
        if match.group().lower() not in source:
            shown = _phrase_at(after, match.start())
            found.append(
                Violation(
                    "certification", shown, f"claims a credential (“{shown}”) the resume does not mention"
                )
            )
    reported_until = -1
    for match in _DEGREE.finditer(after):
        if match.start() <= reported_until or _present(match.group(), source):
            continue
        shown = _phrase_at(after, match.start())
        reported_until = match.start() + len(shown) + 15
        found.append(Violation("degree", shown, f"adds the degree “{shown}”, which the resume does not list"))
    return found


def _strip_leading_word(phrase: str, at_sentence_start: bool) -> str:
    words = phrase.split()
    while words and (
        words[0].lower() in _COMMON_CAPITALISED or (at_sentence_start and present_tense(words[0]) is not None)
    ):
        words = words[1:]
        at_sentence_start = False
    while words and words[0].lower() in _CONNECTORS:
        words = words[1:]
    return " ".join(words)


def _sentence_starts(text: str) -> set[int]:
    starts = {0}
    for match in re.finditer(r"(?:[.!?;:]\s+|\n\s*|^\s*[-•]\s*)", text, re.MULTILINE):
        starts.add(match.end())
    return starts


def _covered_by_skills(phrase: str) -> bool:
    capitals = [m for m in re.finditer(r"[A-Z][\w&'’.+-]*", phrase)]
    spans = [(m.start, m.end) for m in scan_skills(phrase)]
    return bool(capitals) and all(any(s <= c.start() < e for s, e in spans) for c in capitals)


def _name_kind(phrase: str) -> str:
    if _INSTITUTION.search(phrase):
        return "institution"
    if _DEGREE.search(phrase):
        return "degree"
    if re.search(rf"{_ROLE_NOUN}$", phrase):
        return "title"
    return "employer"


def _name_violations(after: str, before: str, source: str, original_source: str) -> list[Violation]:
    found: list[Violation] = []
    seen: set[str] = set()
    before_words = _words_of(before)
    for start, end in sentence_spans(after):
        sentence = after[start:end].rstrip(".!?;:")
        found += _sentence_name_violations(sentence, source, original_source, seen, before_words)
    return found


def _words_of(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[\w&'’.+-]+", text)]


def _made_by_removing_words(phrase: str, before_words: Sequence[str]) -> bool:
    """True when the phrase's words occur in this order in ``before``: the rewrite only dropped words between
    them ("Responsible for successfully Worked" -> "Responsible for Worked"), it named nothing new."""
    wanted = _words_of(phrase)
    position = 0
    for word in before_words:
        if position < len(wanted) and word == wanted[position]:
            position += 1
    return bool(wanted) and position == len(wanted)


def _sentence_name_violations(
    after: str, source: str, original_source: str, seen: set[str], before_words: Sequence[str]
) -> list[Violation]:
    found: list[Violation] = []
    starts = _sentence_starts(after)

    def report(phrase: str, forced_kind: str | None = None) -> None:
        key = _normalise(phrase)
        if not phrase or key in seen or _present(phrase, source) or _covered_by_skills(phrase):
            return
        if _made_by_removing_words(phrase, before_words):
            return
        if _MONTH.fullmatch(phrase):
            return
        seen.add(key)
        kind = forced_kind or _name_kind(phrase)
        what = {"institution": "institution", "title": "job title", "degree": "degree"}.get(
            kind, "organisation"
        )
        found.append(
            Violation(kind, phrase, f"names the {what} “{phrase}”, which does not appear on the resume")
        )

    for match in _TITLE.finditer(after):
        phrase = _strip_leading_word(match.group(1), match.start() in starts)
        if (
            phrase
            and re.search(rf"{_ROLE_NOUN}$", phrase)
            and (len(phrase.split()) >= 2 or match.start() in starts)
        ):
            report(phrase)
    for match in _AS_TITLE.finditer(after):
        if not _present(match.group(1), source):
            report(match.group(1), "title")
    for match in _NAME_RUN.finditer(after):
        phrase = _strip_leading_word(match.group(), match.start() in starts)
        capitals = [w for w in phrase.split() if w[:1].isupper()]
        if len(capitals) >= 2 or (
            len(capitals) == 1 and _CORPORATE.search(phrase) and len(phrase.split()) >= 2
        ):
            report(phrase)
    for match in _AT_NAME.finditer(after):
        phrase = match.group(1)
        if phrase.lower() in _COMMON_CAPITALISED or _standalone_in(phrase, original_source):
            continue
        key = _normalise(phrase)
        if key not in seen and not _covered_by_skills(phrase):
            seen.add(key)
            kind = "institution" if _INSTITUTION.search(phrase) else "employer"
            found.append(
                Violation(
                    kind, phrase, f"places the work at “{phrase}”, which the resume never names as such"
                )
            )
    return found


def _standalone_in(name: str, text: str) -> bool:
    """True when ``name`` appears on its own, not only inside a longer name ("Google" in "Google Cloud")."""
    pattern = re.compile(rf"(?<![\w]){re.escape(name)}(?![\w])(?!\s+[A-Z])", re.IGNORECASE)
    return pattern.search(text) is not None


def check_rewrite(
    resume_text: str, before: str, after: str, *, allowed_numbers: Collection[str] = ()
) -> list[Violation]:
    """Violations of the facts rule by ``after`` (the rewrite of ``before``) against the resume's text.

    ``allowed_numbers`` are numbers the caller has proven elsewhere (e.g. years computed from dates).
    """
    source_text = f"{resume_text}\n{before}"
    source, dates, numbers, evidenced, words = _source_facts(source_text)
    violations: list[Violation] = []
    violations += _date_violations(after, dates)
    violations += _metric_violations(after, numbers, words, {_number_key(n) for n in allowed_numbers})
    violations += _skill_violations(after, evidenced)
    violations += _word_violations(after, source)
    violations += _name_violations(after, before, source, source_text)
    return _unique(violations)


def _unique(violations: Iterable[Violation]) -> list[Violation]:
    result: list[Violation] = []
    seen: set[tuple[str, str]] = set()
    for violation in violations:
        key = (violation.kind, violation.text.lower())
        if key not in seen:
            seen.add(key)
            result.append(violation)
    return result


def check_change(
    document: ParsedDocument, change: Change, *, years_of_experience: float | None = None
) -> list[Violation]:
    """Violations of one suggested change against the resume it edits.

    A "N+ years" claim is allowed when N does not exceed ``years_of_experience`` (computed by the caller with
    today's date) or, without it, the years the resume's dated roles prove up to the latest date written on
    the resume.
    """
    years = years_of_experience
    if years is None:
        years = experience_years(document.experience)
    after_texts = [change.after]
    joined = "\n".join(block.text for block in change.after_blocks)
    if joined and joined != change.after:
        after_texts.append(joined)
    violations: list[Violation] = []
    for after in after_texts:
        allowed = [
            m.group(1)
            for m in re.finditer(r"\b(\d{1,2})\+?\s*(?:years?|yrs)\b", after)
            if years is not None and int(m.group(1)) <= years
        ]
        violations += check_rewrite(document.text, change.before, after, allowed_numbers=allowed)
    return _unique(violations)

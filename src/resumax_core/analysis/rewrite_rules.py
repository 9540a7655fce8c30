"""Offline rewrite rules for resume bullets, as pure functions.

Business rules:
- A rule may replace a weak opening with a verb, drop first-person words and filler, and put the leading
  verb in the right tense. It never adds a number, name, date or skill: every word it introduces is a verb
  or "to"/"the".
- Weak openings become a strong verb only when the meaning is kept: "Responsible for managing X" ->
  "Managed X"; "Worked on the API" -> "Developed the API" only when the object is something one builds;
  otherwise a neutral verb ("Contributed to"). "Helped"/"Assisted" stay modest ("Supported",
  "Contributed to"), because the person helped rather than did it alone.
- Tense: ended roles take the past tense. The current role takes the present unless most of its bullets
  already open in the past (``prefers_present``), so a role written in the past stays there; in the
  present, bullets stating a measurable result still report something finished and stay in the past. Only
  the leading verb changes, and only when it is unambiguously a verb (a bullet opening "Design systems
  for..." is left alone).
- Relevance ordering is stable: items naming required job skills first, then preferred, otherwise the
  original order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

from attrs import frozen

from resumax_core.analysis.skills import scan_skills
from resumax_core.analysis.taxonomy import taxonomy
from resumax_core.entities import JobAnalysis

__all__ = [
    "BulletRewrite",
    "fix_tense",
    "has_measurable_result",
    "order_by_relevance",
    "past_tense",
    "present_tense",
    "relevance",
    "remove_filler",
    "remove_first_person",
    "rewrite_bullet",
    "strengthen_opening",
]


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (word lists read better as one string)."""
    return frozenset(text.split())


_IRREGULAR_PAST = {
    "lead": "led",
    "build": "built",
    "oversee": "oversaw",
    "write": "wrote",
    "run": "ran",
    "teach": "taught",
    "drive": "drove",
    "sell": "sold",
    "grow": "grew",
    "make": "made",
    "give": "gave",
    "take": "took",
    "bring": "brought",
    "buy": "bought",
    "think": "thought",
    "see": "saw",
    "speak": "spoke",
    "meet": "met",
    "keep": "kept",
    "choose": "chose",
    "rewrite": "rewrote",
    "draw": "drew",
    "set": "set",
    "cut": "cut",
    "rebuild": "rebuilt",
    "get": "got",
    "begin": "began",
    "spin": "spun",
    "hold": "held",
    "win": "won",
    "find": "found",
    "send": "sent",
    "spend": "spent",
    "understand": "understood",
    "undertake": "undertook",
    "put": "put",
    "forecast": "forecast",
    "overcome": "overcame",
    "withdraw": "withdrew",
    "shoot": "shot",
}
_DOUBLE_FINAL = _words(
    "plan run ship set cut map scan program debug drop stop get begin commit control transfer submit chat "
    "log "
    "tag plug swap spin wrap grab scrap prep admit refer occur"
)
_VERBS = _words("""
    achieve administer advise advocate align analyze answer architect arrange assemble assess assist audit
    automate balance boost build calculate chair champion clarify close coach code collaborate collect
    communicate compile complete conceive conduct configure consolidate construct consult contribute
    convert coordinate counsel create curate customize cut debug decrease define delegate deliver deploy
    design detect develop devise diagnose direct discover document draft drive edit educate eliminate
    empower enable engineer enhance ensure establish estimate evaluate examine execute expand expedite
    facilitate fix forecast formulate foster gather generate grow guide handle help hire identify implement
    improve increase influence initiate inspect install instruct integrate interview introduce investigate
    launch lead lecture maintain manage map market maximize measure mentor migrate minimize model moderate
    modernize monitor motivate negotiate onboard operate optimize orchestrate organize outline overhaul
    oversee own partner perform pilot pioneer plan prepare present prioritize process produce program
    promote propose prototype provide publish recommend reconcile recruit redesign reduce refactor refine
    reorganize repair report represent research resolve restructure review revamp run scale schedule
    secure sell serve simplify solve source spearhead standardize streamline strengthen structure
    supervise support survey sustain teach test track train transform translate troubleshoot tutor unify
    update upgrade validate verify win work write participate collaborate consult treat administer chart
    triage care greet ship
    """)
# Words that also read as nouns or adjectives at the start of a bullet ("Lead generation", "Design systems").
_AMBIGUOUS_BASE = _words(
    "lead design model program process report plan budget code document research test market schedule "
    "chart audit support monitor map review present ship set cut forecast work help answer care treat source "
    "own scale secure engineer architect champion pioneer partner pilot structure survey track update "
    "upgrade fix repair estimate outline prototype interview draft chair tutor triage process"
)
_OUTCOME_VERBS = _words(
    "improve increase reduce decrease optimize fix resolve grow expand boost maximize minimize enhance "
    "strengthen accelerate achieve win save lower raise cut eliminate solve"
)
_BUILD_OBJECTS = _words(
    "api apis app apps application applications service services microservice microservices website websites "
    "site sites feature features tool tools platform platforms system systems pipeline pipelines dashboard "
    "dashboards library libraries module modules component components backend frontend back-end front-end "
    "database databases script scripts plugin plugins integration integrations sdk cli bot bots prototype "
    "prototypes interface interfaces ui portal portals extension extensions engine engines framework "
    "frameworks infrastructure codebase game games model models"
)
_DETERMINERS = _words(
    "the a an our their its his her company's team's several multiple two three new internal external "
    "existing key core main various"
)


def _past_of(base: str) -> str:
    if base in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[base]
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        return base[:-1] + "ied"
    if base in _DOUBLE_FINAL:
        return base + base[-1] + "ed"
    return base + "ed"


def _gerund_of(base: str) -> str:
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")):
        return base[:-1] + "ing"
    if base in _DOUBLE_FINAL:
        return base + base[-1] + "ing"
    return base + "ing"


def _third_of(base: str) -> str:
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        return base + "es"
    if base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"


_BASE_OF_PAST = {_past_of(v): v for v in _VERBS}
_BASE_OF_GERUND = {_gerund_of(v): v for v in _VERBS}
_BASE_OF_THIRD = {_third_of(v): v for v in _VERBS}


@frozen
class BulletRewrite:
    """A rewritten bullet and the rules that changed it (empty when nothing changed)."""

    original: str
    text: str
    rules: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return self.text != self.original


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _tidy(text: str) -> str:
    text = re.sub(r"\s{2,}", " ", text)
    text = re.sub(r"\s+([,.;:!?)])", r"\1", text)
    text = re.sub(r"([(])\s+", r"\1", text)
    text = re.sub(r",\s*([.;:]|$)", r"\1", text)
    return text.strip()


def past_tense(word: str) -> str | None:
    """The past tense of a known verb in any form ("managing", "manages", "manage"), else None."""
    base = _base_form(word.lower())
    return _past_of(base) if base else None


def present_tense(word: str) -> str | None:
    """The base (present) form of a known verb in any form ("managed" -> "manage"), else None."""
    return _base_form(word.lower())


def _base_form(word: str) -> str | None:
    if word in _VERBS:
        return word
    for table in (_BASE_OF_PAST, _BASE_OF_GERUND, _BASE_OF_THIRD):
        if word in table:
            return table[word]
    return None


def _object_is_buildable(phrase: str) -> bool:
    head = re.split(
        r"\s+(?:for|to|with|in|on|that|which|using|by|from|across|at|of)\s+|[,;:(]", phrase, maxsplit=1
    )[0]
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", head.lower()) if w not in _DETERMINERS]
    return bool(words) and words[-1] in _BUILD_OBJECTS


def _from_gerund(rest: str, *, modest: bool) -> str | None:
    """ "managing X" -> "Managed X"; outcome verbs stay modest ("Contributed to improving X")."""
    match = re.match(r"([A-Za-z]+ing)\b(.*)$", rest, re.DOTALL)
    if not match:
        return None
    base = _BASE_OF_GERUND.get(match.group(1).lower())
    if base is None:
        return None
    if modest or base in _OUTCOME_VERBS:
        return f"Contributed to {rest}"
    return _capitalise(_past_of(base)) + _COORDINATED_GERUND.sub(_past_of_coordinated, match.group(2))


_COORDINATED_GERUND = re.compile(r"(,\s*(?:and\s+)?|\s+(?:and|or)\s+)([a-z]+ing)\b")


def _past_of_coordinated(match: re.Match[str]) -> str:
    """ "processing X and reconciling Y" -> "... and reconciled Y": keep the list parallel."""
    base = _BASE_OF_GERUND.get(match.group(2))
    return match.group(1) + (_past_of(base) if base else match.group(2))


_WEAK_OPENINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "responsible",
        re.compile(r"^(?:(?:I|We)\s+(?:was|were|am|are)\s+|was\s+|am\s+)?responsible\s+for\s+", re.I),
    ),
    (
        "duties",
        re.compile(
            r"^(?:(?:my|main|key)\s+)?(?:duties|responsibilities)\s+(?:included|include|were)\s*:?\s+", re.I
        ),
    ),
    ("tasked", re.compile(r"^(?:(?:I|We)\s+(?:was|were)\s+|was\s+)?tasked\s+with\s+", re.I)),
    (
        "involved",
        re.compile(r"^(?:(?:I|We)\s+(?:was|were)\s+|was\s+)?(?:actively\s+)?involved\s+in\s+", re.I),
    ),
    ("helped", re.compile(r"^(?:(?:I|We)\s+)?(?:helped|assisted)(?:\s+(?:with|in|to))?\s+", re.I)),
    ("worked", re.compile(r"^(?:(?:I|We)\s+)?worked\s+on\s+", re.I)),
)


def strengthen_opening(bullet: str) -> tuple[str, str | None]:
    """Replace a weak opening ("Responsible for", "Helped with", "Worked on", "Tasked with", "Involved in",
    "Assisted in/with", "Duties included") with a verb that keeps the meaning. Returns the text and the
    opening replaced (None when the bullet had no weak opening or no safe replacement)."""
    text = bullet.strip()
    for name, pattern in _WEAK_OPENINGS:
        match = pattern.match(text)
        if not match:
            continue
        opening, rest = match.group().strip(), text[match.end() :].strip()
        if not rest:
            return bullet, None
        replaced = _replace_opening(name, rest, match.group())
        if replaced is None:
            return bullet, None
        return _tidy(_capitalise(replaced)), opening
    return bullet, None


def _replace_opening(name: str, rest: str, opening: str) -> str | None:
    if name in ("responsible", "duties", "tasked"):
        gerund = _from_gerund(rest, modest=False)
        if gerund is not None:
            return gerund
        if re.match(r"(?:a|the|my|our)?\s*(?:team|staff|group|crew|department)\b", rest, re.I):
            return "Led " + re.sub(r"^(?:my|our)\s+", "the ", rest, flags=re.I)
        if re.match(r"[a-z]+ing\b", rest, re.I):
            return None
        return ("Owned " if name == "responsible" else "Handled ") + rest
    if name == "involved":
        return "Contributed to " + rest
    if name == "helped":
        words = rest.split()
        if re.match(r"[a-z]+ing\b", rest, re.I):
            return "Contributed to " + rest
        if words[0].lower() in _VERBS:
            return " ".join([f"Contributed to {_gerund_of(words[0].lower())}", *words[1:]])
        bare = re.search(r"\b(?:with|in|to)\s*$", opening, re.I) is None
        if bare and len(words) > 1 and words[1].lower() in _VERBS:
            return None
        return "Supported " + rest
    if name == "worked":
        leading = re.match(r"([A-Za-z]+ing)\b", rest)
        if leading and _BASE_OF_GERUND.get(leading.group(1).lower()):
            return _from_gerund(rest, modest=False)
        return ("Developed " if _object_is_buildable(rest) else "Contributed to ") + rest
    return None


_LEADING_FIRST_PERSON = re.compile(r"^(?:I|We)(?:'ve|\s+have|\s+had)?\s+(?=[a-z])", re.I)
_MY = re.compile(r"\b(?:my|our)\b(?=\s+\w)", re.I)


def remove_first_person(bullet: str) -> str:
    """Drop a leading "I"/"We" and turn "my"/"our" into "the": resumes are written without pronouns."""
    text = bullet.strip()
    match = _LEADING_FIRST_PERSON.match(text)
    if match:
        text = _capitalise(text[match.end() :])
    text = _MY.sub(lambda m: "The" if m.start() == 0 else "the", text)
    return _tidy(text)


_FILLER = (
    (re.compile(r"\bsuccessfully\s+", re.I), ""),
    (re.compile(r"\bvarious\s+", re.I), ""),
    (re.compile(r",?\s*\betc\.?(?=\W|$)", re.I), ""),
    (re.compile(r"\bin order to\b", re.I), "to"),
    (re.compile(r"\butiliz(?:ed|ing)\b", re.I), "used"),
    (re.compile(r"\butilize\b", re.I), "use"),
)


def remove_filler(bullet: str) -> str:
    """Remove filler ("successfully", "various", "etc.") and wordiness ("in order to" -> "to")."""
    text = bullet
    for pattern, replacement in _FILLER:
        text = pattern.sub(_case_keeping(replacement), text)
    return _capitalise(_tidy(text)) if text != bullet else bullet


def _case_keeping(replacement: str) -> Callable[[re.Match[str]], str]:
    def substitute(match: re.Match[str]) -> str:
        original = match.group()
        return _capitalise(replacement) if original[:1].isupper() and replacement else replacement

    return substitute


_YEAR = re.compile(r"^(?:19|20)\d\d$")
_NUMBER_WORDS = re.compile(
    r"\b(?:doubled|tripled|quadrupled|halved|twofold|two-fold|threefold|hundreds|thousands|millions|"
    r"billions|dozens|percent|per cent)\b",
    re.I,
)


def has_measurable_result(bullet: str) -> bool:
    """True when the bullet states a quantity: a number (not just a year), a percentage, money, "10x"."""
    if _NUMBER_WORDS.search(bullet) or re.search(r"[%$€£]", bullet):
        return True
    numbers = re.findall(r"\d[\d,.]*", bullet)
    return any(not _YEAR.match(number.strip(".,")) for number in numbers)


def _leading_tense(bullet: str) -> str | None:
    match = re.match(r"([A-Za-z]+)\b", remove_first_person(bullet.strip()))
    if not match:
        return None
    word = match.group(1).lower()
    if word in _BASE_OF_PAST and _past_of(_BASE_OF_PAST[word]) != _BASE_OF_PAST[word]:
        return "past"
    if word in _BASE_OF_THIRD or (word in _VERBS and word not in _AMBIGUOUS_BASE) or word in _BASE_OF_GERUND:
        return "present"
    return None


def prefers_present(bullets: Sequence[str]) -> bool:
    """Whether a current role reads in the present: unless most of its bullets open in the past tense."""
    tenses = [_leading_tense(bullet) for bullet in bullets]
    return tenses.count("past") <= tenses.count("present")


def fix_tense(bullet: str, *, current: bool) -> str:
    """Put the leading verb in the past for an ended role and the present for the current one; achievements
    with a measurable result stay in the past even in the current role."""
    match = re.match(r"([A-Za-z]+)(\b.*)$", bullet.strip(), re.DOTALL)
    if not match:
        return bullet
    word, rest = match.group(1), match.group(2)
    lowered = word.lower()
    if current:
        base = _BASE_OF_PAST.get(lowered)
        if base is None or has_measurable_result(bullet) or _past_of(base) == base:
            third = _BASE_OF_THIRD.get(lowered)
            return _capitalise(third) + rest if third else bullet
        return _capitalise(base) + rest
    if lowered in _BASE_OF_PAST:
        return bullet
    base = _BASE_OF_GERUND.get(lowered) or _BASE_OF_THIRD.get(lowered)
    if base is None and lowered in _VERBS and lowered not in _AMBIGUOUS_BASE:
        base = lowered
    if base is None:
        return bullet
    return _capitalise(_past_of(base)) + rest


def rewrite_bullet(bullet: str, *, current: bool | None = None) -> BulletRewrite:
    """Apply every rule in order: first person, filler, weak opening, tense (when ``current`` is known)."""
    rules: list[str] = []
    text = bullet.strip()
    without_pronoun = remove_first_person(text)
    if without_pronoun != text:
        rules.append("first person")
        text = without_pronoun
    tightened = remove_filler(text)
    if tightened != text:
        rules.append("filler")
        text = tightened
    strengthened, opening = strengthen_opening(text)
    if opening is not None:
        rules.append(f"weak opening: {opening}")
        text = strengthened
    if current is not None:
        tensed = fix_tense(text, current=current)
        if tensed != text:
            rules.append("tense")
            text = tensed
    if text == bullet.strip():
        return BulletRewrite(bullet, bullet, ())
    return BulletRewrite(bullet, text, tuple(rules))


def relevance(text: str, required: Collection[str], preferred: Collection[str] = ()) -> float:
    """How much a piece of resume text serves the job: 2 per required skill it proves, 1 per preferred."""
    tax = taxonomy()
    named: set[str] = set()
    for match in scan_skills(text):
        named.add(match.skill)
        named |= tax.ancestors(match.skill)
    score = 2.0 * len(named & set(required)) + 1.0 * len(named & set(preferred) - set(required))
    return score


def order_by_relevance(items: Sequence[str], job: JobAnalysis) -> list[str]:
    """Items sorted by relevance to the job, most relevant first; ties keep their original order."""
    scored = [
        (relevance(item, job.required_skills, job.preferred_skills), index, item)
        for index, item in enumerate(items)
    ]
    return [item for _, _, item in sorted(scored, key=lambda t: (-t[0], t[1]))]

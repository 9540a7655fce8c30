"""Text normalisation shared by every parser and by section detection.

All functions are pure, total (they never raise on any ``str``) and idempotent where that makes sense:
``clean_line(clean_line(s)) == clean_line(s)``.
"""

from __future__ import annotations

import re
import unicodedata

LIGATURES: dict[str, str] = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}

LOST_GLYPH = "\ufffd"
"""What parsers put where a PDF glyph had no Unicode mapping (usually a lost ﬁ/ﬂ ligature)."""

_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    ),
    None,
)
_SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

BULLET_GLYPHS = frozenset(
    "•●○◦▪▫■□►▸▹▶‣⁃∙⦁◆◇❖➢➤➔→✓✔✗❯›»·\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf0e0\uf0f0\uf02d\uf097"
)
"""Glyphs that mark a list item when they start a line (including Symbol/Wingdings private-use bullets)."""

_DASH_BULLETS = frozenset("-*–—+")


def clean_line(text: str) -> str:
    """One line of clean text: ligatures expanded, invisible and control characters removed, NFC,
    every run of whitespace collapsed to one space, no leading or trailing space."""
    if not text:
        return ""
    for glyph, letters in LIGATURES.items():
        if glyph in text:
            text = text.replace(glyph, letters)
    text = text.translate(_INVISIBLE)
    text = _CONTROL.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text).strip()


def clean_text(text: str) -> str:
    """Clean a multi-line text line by line (see ``clean_line``); blank lines are kept as empty lines."""
    return "\n".join(clean_line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


_SPACED_RUN = re.compile(r"(?<!\S)(?:[^\W\d_] ){2,}[^\W\d_](?!\S)")


def collapse_spaced_letters(text: str) -> str:
    """Join letter-spaced words: ``"J A R E D  R I C H A R D S"`` becomes ``"JARED RICHARDS"``.

    A run of three or more single letters separated by single spaces is one word; two or more spaces
    separate words. Text without such runs is returned unchanged.
    """
    if text.count(" ") < 2:
        return text
    parts = re.split(r" {2,}", text)
    joined = [_SPACED_RUN.sub(lambda m: m.group(0).replace(" ", ""), part) for part in parts]
    return " ".join(joined) if len(parts) > 1 else joined[0]


_SUFFIXES = (
    "ment",
    "ments",
    "tion",
    "tions",
    "sion",
    "sions",
    "ing",
    "ings",
    "ly",
    "ness",
    "able",
    "ible",
    "ity",
    "ities",
    "ed",
    "er",
    "ers",
    "est",
    "ance",
    "ence",
    "ant",
    "ent",
    "al",
    "als",
    "ous",
    "ive",
    "ize",
    "ise",
    "ized",
    "ised",
    "ure",
    "ures",
    "ty",
    "ies",
    "ic",
    "ical",
    "ism",
    "ist",
    "ists",
    "ology",
    "ogy",
    "phy",
    "ary",
    "ory",
    "ate",
    "ated",
    "ating",
    "eling",
    "elling",
    "ling",
    "lated",
    "lation",
    "tive",
    "ture",
    "nal",
    "ger",
    "gers",
    "cy",
    "sis",
    "es",
    "s",
)


def join_hyphenated(first: str, second: str) -> str:
    """Join two consecutive lines of one paragraph.

    A line ending in a letter followed by a hyphen is a word broken across lines: the hyphen is dropped
    when the rest looks like a word ending (``deploy-`` + ``ment`` -> ``deployment``) and kept for compounds
    (``full-`` + ``stack`` -> ``full-stack``, ``Scikit-`` + ``Learn`` -> ``Scikit-Learn``). Otherwise the
    lines are joined with one space.
    """
    first = first.rstrip()
    second = second.lstrip()
    if not first:
        return second
    if not second:
        return first
    if len(first) >= 2 and first[-1] in "-\u2010\u00ad" and first[-2].isalpha():
        head = first[:-1]
        tail_word = re.match(r"[^\W\d_]+", second)
        if tail_word is None or not second[0].islower():
            return head + "-" + second
        head_word = re.search(r"[^\W\d_]+$", head)
        head_len = len(head_word.group(0)) if head_word else 0
        fragment = tail_word.group(0).lower()
        if head_len > 2 and (fragment in _SUFFIXES or (len(fragment) <= 3 and fragment.endswith(_SUFFIXES))):
            return head + second
        return head + "-" + second
    return first + " " + second


def strip_bullet(text: str) -> tuple[bool, str]:
    """Split a leading bullet glyph from a line: ``"• Led a team"`` -> ``(True, "Led a team")``.

    Dashes, asterisks and plus signs count only when followed by a space (so ``-5%`` or ``*args`` stay).
    Numbered items (``1.``) are not bullets.
    """
    stripped = text.lstrip()
    if not stripped:
        return False, ""
    first = stripped[0]
    if first in BULLET_GLYPHS:
        rest = stripped[1:].lstrip()
        if first in "·›»→" and not stripped[1:2].isspace():
            return False, stripped
        return True, rest
    if first in _DASH_BULLETS and len(stripped) > 1 and stripped[1] in " \t":
        return True, stripped[2:].lstrip()
    if first == "o" and stripped.startswith("o ") and len(stripped) > 3 and stripped[2].isupper():
        return True, stripped[2:].lstrip()
    return False, stripped


_FL_STARTS = (
    "ow",
    "ex",
    "uen",
    "ux",
    "oor",
    "ight",
    "oat",
    "ag",
    "ash",
    "at ",
    "ee",
    "ip",
    "y",
    "u",
    "ower",
    "ies",
)
_FF_BEFORE = re.compile(r"(?:^|[^a-z])(?:o|e|su|a|di|sta|stu|blu|cli|cu|tari|bu|gra|sni)$", re.IGNORECASE)
_FF_AFTER = (
    "ort",
    "ect",
    "er",
    "ici",
    "ic",
    "ord",
    "orded",
    "ers",
    "ered",
    "erent",
    "erence",
    "ective",
    "ected",
    "ice",
)


def repair_lost_glyphs(text: str) -> str:
    """Guess ligatures lost by a PDF's text layer (``LOST_GLYPH``): ``"\\ufffdnancial"`` -> ``"financial"``.

    The missing glyph is nearly always ﬁ, ﬂ or ﬀ; the choice comes from the letters around it. Text
    without ``LOST_GLYPH`` is returned unchanged.
    """
    if LOST_GLYPH not in text:
        return text
    out: list[str] = []
    for index, char in enumerate(text):
        if char != LOST_GLYPH:
            out.append(char)
            continue
        before = "".join(out)
        after = text[index + 1 :]
        if not after[:1].isalpha():
            out.append("ff" if before[-1:].isalpha() else "")
            continue
        lowered = after.lower()
        if _FF_BEFORE.search(before) and lowered.startswith(_FF_AFTER):
            out.append("ff")
        elif lowered.startswith(_FL_STARTS) and not lowered.startswith(("at-", "ye", "ie")):
            out.append("fl")
        else:
            out.append("fi")
        if before[-1:].isupper() and after[:1].isupper():
            out[-1] = out[-1].upper()
    return "".join(out)


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters, digits, and inner ``+#.&'-``), for matching and counting."""
    return [w.strip(".'-").lower() for w in re.findall(r"[\w][\w+#.&'\-]*", text) if w.strip(".'-")]

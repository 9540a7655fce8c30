"""The list of common passwords the password policy refuses, shipped as package data.

``data/common_passwords.txt`` holds one password per line (lines starting with ``#`` are comments). It
is read with ``importlib.resources`` so it works from a wheel or a zip as well as from a checkout.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from resumax_core.use_cases.password_policy import normalize_for_comparison

_PACKAGE = "resumax_adapters.security"
_RESOURCE = "data/common_passwords.txt"


@cache
def load_common_passwords() -> frozenset[str]:
    """Every password on the shipped list, normalised for comparison (see ``normalize_for_comparison``).

    Read once per process. Raises ``FileNotFoundError`` if the package was built without its data file,
    which is a packaging bug worth failing loudly on: a policy with an empty blocklist would look fine.
    """
    text = files(_PACKAGE).joinpath(_RESOURCE).read_text(encoding="utf-8")
    entries = (line.strip() for line in text.splitlines())
    return frozenset(
        normalize_for_comparison(entry) for entry in entries if entry and not entry.startswith("#")
    )

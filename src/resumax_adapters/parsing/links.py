"""Profile links hidden behind icons and words ("LinkedIn", a GitHub logo): read from a file's hyperlinks.

Many templates show a profile as an icon or a bare handle and keep the address only in the hyperlink.
Addresses on well-known profile sites are added to the contact's links, written as resumes write them
(``linkedin.com/in/jane``); other addresses (employers' sites, DOIs) are left alone, since nothing tells a
personal site from an employer's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from resumax_core.entities import ParsedDocument

PROFILE_HOSTS = frozenset(
    {
        "linkedin.com",
        "github.com",
        "gitlab.com",
        "bitbucket.org",
        "stackoverflow.com",
        "x.com",
        "twitter.com",
        "medium.com",
        "behance.net",
        "dribbble.com",
        "kaggle.com",
        "orcid.org",
        "huggingface.co",
    }
)
_SCHEME = re.compile(r"^https?://(?:www\.)?", re.IGNORECASE)


def profile_link(uri: str) -> str | None:
    """``uri`` as a resume writes a profile link, or None when it is not a profile on a known site."""
    if not _SCHEME.match(uri):
        return None
    bare = _SCHEME.sub("", uri.strip()).rstrip("/")
    host, _, path = bare.partition("/")
    if host.lower() not in PROFILE_HOSTS or not path or len(bare) > 200:
        return None
    return f"{host.lower()}/{path}"


def with_profile_links(document: ParsedDocument, uris: Iterable[str]) -> ParsedDocument:
    """The document with the profile links among ``uris`` added to its contact, without duplicates."""
    links = list(document.contact.links)
    seen = {_key(link) for link in links}
    for uri in uris:
        link = profile_link(uri)
        if link is not None and _key(link) not in seen:
            seen.add(_key(link))
            links.append(link)
    if len(links) == len(document.contact.links):
        return document
    return attrs.evolve(document, contact=attrs.evolve(document.contact, links=tuple(links)))


def _key(link: str) -> str:
    return _SCHEME.sub("", link.strip()).rstrip("/").lower()

"""What the window's search box understands: port numbers exactly (``3306`` is not
33060), ranges (``8000-9000``), a protocol (``53/udp``, ``1-1024/tcp``), and words that
name a service, IANA's or the one the banner names (``ssh`` finds 2222 when it answers
as OpenSSH). Terms are separated by commas (ports also by spaces; words with spaces
between them are one phrase, ``domain name``); a door matches any of them. Also
the words that say how many doors are shown. Qt-free: the Doors view's filter and the
table's model both ask a :class:`SearchQuery`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from portwindow.engine.core.model import Protocol
from portwindow.engine.core.text import excerpt, printable
from portwindow.engine.present.identification import detected_service

__all__ = ["SearchQuery", "parse_search", "rows_in_spans", "search_haystack", "shown_text"]

_PORT_TERM = re.compile(r"(\d{1,5})(?:-(\d{1,5}))?(?:/(tcp|udp))?")
_MAX_PORT = 65535

Span = tuple[Protocol | None, int, int]  # (protocol or any, first port, last port)


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A parsed search: port spans and words (lower case); empty matches everything."""

    text: str
    spans: tuple[Span, ...] = ()
    words: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.spans or self.words)

    def matches_port(self, protocol: Protocol, port: int) -> bool:
        return any(
            (wanted is None or wanted is protocol) and first <= port <= last
            for wanted, first, last in self.spans
        )

    def matches_text(self, haystack: str) -> bool:
        """Whether a word is in ``haystack`` (already in lower case)."""
        return any(word in haystack for word in self.words)

    def matches(self, protocol: Protocol, port: int, haystack: str) -> bool:
        return self.matches_port(protocol, port) or self.matches_text(haystack)


def parse_search(text: str) -> SearchQuery:
    """The query of the search box's text (never an error: a term that is not a port is
    a word)."""
    spans: list[Span] = []
    words: list[str] = []
    for part in text.casefold().split(","):
        terms = part.split()
        matches = [_PORT_TERM.fullmatch(term) for term in terms]
        if not terms:
            continue
        if not all(matches):  # a phrase: "domain name"
            words.append(" ".join(terms))
            continue
        for match in matches:
            assert match is not None
            first = int(match[1])
            last = int(match[2]) if match[2] else first
            first, last = min(first, last), max(first, last)
            protocol = Protocol(match[3]) if match[3] else None
            if first <= _MAX_PORT:
                spans.append((protocol, first, min(last, _MAX_PORT)))
            else:
                spans.append((protocol, 1, 0))  # no such port: matches nothing
    return SearchQuery(text.strip(), tuple(spans), tuple(words))


def rows_in_spans(
    query: SearchQuery, protocol: Protocol, first_row: int, ports: Sequence[int]
) -> list[tuple[int, int]]:
    """The (start, stop) door rows of ascending ``ports`` (starting at ``first_row``)
    that the query's spans take in, found by bisection (a range of 65,535 costs two)."""
    found = []
    for wanted, first, last in query.spans:
        if wanted is not None and wanted is not protocol:
            continue
        start, stop = bisect_left(ports, first), bisect_right(ports, last)
        if start < stop:
            found.append((first_row + start, first_row + stop))
    return found


def search_haystack(name: str, description: str, banner: str = "") -> str:
    """What a word is looked for in: IANA's name and description, and the service and
    product the banner names, in lower case."""
    parts = [name, description]
    if banner:
        parts.extend(detected_service(banner, name))
    return "\n".join(part for part in parts if part).casefold()


def shown_text(shown: int, total: int, query: str = "", filtered: bool = False) -> str:
    """``9 of 65,535 shown``, ``nothing matches 8000-9000``; "" when nothing is hidden."""
    if query and not shown and total:
        return f"nothing matches {printable(excerpt(query))}"
    if not (query or filtered) or shown == total:
        return ""
    return f"{shown:,} of {total:,} shown"

"""The certificate a TLS port shows, read for its banner: subject and issuer (their CN and
O) and the end of its validity, by a minimal DER reader that refuses what it cannot
read rather than guess (``banners.py`` writes what it finds; nothing is verified).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

__all__ = ["MAX_FIELD", "Certificate", "parse_certificate"]

MAX_FIELD = 128  # characters of one certificate name, status line or Server header
_MAX_NAME_PARTS = 64


def _cut(text: str) -> str:
    return text if len(text) <= MAX_FIELD else text[: MAX_FIELD - 1] + "…"


@dataclass(frozen=True, slots=True)
class Certificate:
    """The parts of an X.509 certificate a banner shows; "" or None when absent."""

    subject_cn: str
    subject_o: str
    issuer_cn: str
    issuer_o: str
    not_after: datetime | None


class _DerError(ValueError):
    pass


_OID_CN = b"\x55\x04\x03"
_OID_O = b"\x55\x04\x0a"
_STRING_CODECS = {
    0x0C: "utf-8",  # UTF8String
    0x12: "ascii",  # NumericString
    0x13: "ascii",  # PrintableString
    0x14: "latin-1",  # TeletexString, in practice
    0x16: "ascii",  # IA5String
    0x1A: "ascii",  # VisibleString
    0x1C: "utf-32-be",  # UniversalString
    0x1E: "utf-16-be",  # BMPString
}


def _element(der: bytes, pos: int, end: int) -> tuple[int, int, int]:
    """The DER element at ``pos``: (tag, where its value starts, where it ends)."""
    if pos + 2 > end:
        raise _DerError("truncated")
    tag, length = der[pos], der[pos + 1]
    if tag & 0x1F == 0x1F:
        raise _DerError("high tag number")
    pos += 2
    if length & 0x80:
        size = length & 0x7F
        if not 1 <= size <= 4 or pos + size > end:
            raise _DerError("bad length")
        length = int.from_bytes(der[pos : pos + size], "big")
        pos += size
    if pos + length > end:
        raise _DerError("element runs past its parent")
    return tag, pos, pos + length


def _expect(der: bytes, pos: int, end: int, tag: int) -> tuple[int, int]:
    found, start, stop = _element(der, pos, end)
    if found != tag:
        raise _DerError(f"expected tag {tag:#x}, found {found:#x}")
    return start, stop


def _children(der: bytes, start: int, end: int, tag: int) -> Iterator[tuple[int, int]]:
    """(start, end) of the values of the elements from ``start`` to ``end``, each of
    ``tag``; at most _MAX_NAME_PARTS of them."""
    pos = start
    for _ in range(_MAX_NAME_PARTS):
        if pos >= end:
            return
        child_start, pos = _expect(der, pos, end, tag)
        yield child_start, pos


def _name(der: bytes, start: int, end: int) -> tuple[str, str]:
    """The first CN and O of a Name (SEQUENCE OF SET OF SEQUENCE {OID, value})."""
    found: dict[bytes, str] = {}
    for set_start, set_end in _children(der, start, end, 0x31):
        for pair_start, pair_end in _children(der, set_start, set_end, 0x30):
            oid_start, oid_end = _expect(der, pair_start, pair_end, 0x06)
            oid = der[oid_start:oid_end]
            if oid in (_OID_CN, _OID_O) and oid not in found:
                tag, value_start, value_end = _element(der, oid_end, pair_end)
                codec = _STRING_CODECS.get(tag, "utf-8")
                raw = der[value_start : min(value_end, value_start + 4 * MAX_FIELD)]
                found[oid] = _cut(raw.decode(codec, "backslashreplace"))
    return found.get(_OID_CN, ""), found.get(_OID_O, "")


_TIMES = {  # UTCTime, GeneralizedTime
    0x17: re.compile(rb"(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z"),
    0x18: re.compile(rb"(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z"),
}


def _time(der: bytes, pos: int, end: int) -> tuple[datetime | None, int]:
    tag, start, stop = _element(der, pos, end)
    pattern = _TIMES.get(tag)
    match = pattern.fullmatch(der[start:stop]) if pattern is not None else None
    if match is None:
        return None, stop
    year = int(match.group(1))
    if tag == 0x17:  # UTCTime: RFC 5280 reads YY below 50 as 20YY
        year += 2000 if year < 50 else 1900
    month, day, hour, minute = (int(match.group(i)) for i in range(2, 6))
    second = int(match.group(6) or 0)
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC), stop
    except ValueError:
        return None, stop


def parse_certificate(der: bytes) -> Certificate | None:
    """Subject and issuer (CN, O) and notAfter of a DER certificate; None if unreadable."""
    try:
        cert_start, cert_end = _expect(der, 0, len(der), 0x30)
        tbs_start, tbs_end = _expect(der, cert_start, cert_end, 0x30)
        pos = tbs_start
        tag, _, stop = _element(der, pos, tbs_end)
        if tag == 0xA0:  # [0] EXPLICIT version
            pos = stop
        _, pos = _expect(der, pos, tbs_end, 0x02)  # serialNumber
        _, pos = _expect(der, pos, tbs_end, 0x30)  # signature algorithm
        issuer_start, pos = _expect(der, pos, tbs_end, 0x30)
        issuer = _name(der, issuer_start, pos)
        validity_start, validity_end = _expect(der, pos, tbs_end, 0x30)
        _, after_start = _time(der, validity_start, validity_end)
        not_after, _ = _time(der, after_start, validity_end)
        subject_start, subject_end = _expect(der, validity_end, tbs_end, 0x30)
        subject = _name(der, subject_start, subject_end)
    except _DerError:
        return None
    return Certificate(subject[0], subject[1], issuer[0], issuer[1], not_after)

"""XML from outside, read without trusting it: defusedxml's parser, element by element.

nmap's and masscan's XML reports are the only XML portwindow reads. Refused, each with
one line naming the file and the line: any entity declaration (billion laughs, quadratic
blow-up, external entities), a document type with an internal subset or an external DTD
(nmap's own ``<!DOCTYPE nmaprun>`` has neither and is read), anything that is not
well-formed, and a file above :data:`MAX_XML_BYTES` (refused before a byte is parsed,
and again if it grows while being read). Elements are handed over as they end, and the
caller clears what it has read, so memory follows one host, not the file.
"""

from __future__ import annotations

import io
import os
import stat
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import BinaryIO

from defusedxml import DefusedXmlException, DTDForbidden
from defusedxml.ElementTree import DefusedXMLParser

from portwindow.engine.core.errors import InputError

MAX_XML_BYTES = 512 * 1024 * 1024
_CHUNK = 64 * 1024


class _StrictParser(DefusedXMLParser):
    """defusedxml's parser, also refusing a document type that is more than a name."""

    def __init__(self) -> None:
        super().__init__(forbid_dtd=False, forbid_entities=True, forbid_external=True)
        self.parser.StartDoctypeDeclHandler = self._refuse_declared_doctype

    def _refuse_declared_doctype(self, name, sysid, pubid, has_internal_subset) -> None:
        if sysid or pubid or has_internal_subset:
            raise DTDForbidden(name, sysid, pubid)

    @property
    def line(self) -> int:
        return self.parser.CurrentLineNumber


class _Bounded(io.RawIOBase):
    """A file read at most ``limit`` bytes far."""

    def __init__(self, raw: BinaryIO, limit: int, name: str) -> None:
        self._raw = raw
        self._left = limit
        self._name = name

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(_CHUNK if size < 0 else min(size, _CHUNK))
        self._left -= len(data)
        if self._left < 0:
            raise InputError(_too_big(self._name))
        return data


def _too_big(name: str) -> str:
    return f"{name}: larger than {MAX_XML_BYTES // (1024 * 1024)} MiB, too large an XML report"


def open_regular(path: str, name: str) -> BinaryIO:
    """``path`` opened for reading, refused (one line) unless it is a regular file."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - the caller closes it
    except OSError as error:
        raise InputError(f"cannot read {name}: {error.strerror or error}") from None
    info = os.fstat(handle.fileno())
    if not stat.S_ISREG(info.st_mode):
        handle.close()
        raise InputError(f"{name}: not a regular file")
    return handle


def elements(path: str, name: str) -> Iterator[tuple[str, ET.Element]]:
    """("start" | "end", element) for each element of the XML file, safely parsed."""
    with open_regular(path, name) as handle:
        if os.fstat(handle.fileno()).st_size > MAX_XML_BYTES:
            raise InputError(_too_big(name))
        parser = _StrictParser()
        source = _Bounded(handle, MAX_XML_BYTES, name)
        try:
            yield from ET.iterparse(source, events=("start", "end"), parser=parser)
        except DefusedXmlException as error:
            raise InputError(f"{name} line {parser.line}: {_refusal(error)}") from None
        except ET.ParseError as error:
            line, column = error.position
            reason = str(error).split(":")[0]
            raise InputError(
                f"{name} line {line}: not well-formed XML ({reason}, column {column})"
            ) from None
        except RecursionError:
            raise InputError(f"{name} line {parser.line}: XML nested too deeply") from None


def _refusal(error: DefusedXmlException) -> str:
    kind = type(error).__name__
    if kind == "DTDForbidden":
        return "an XML document type with declarations (entities) or an external DTD is not read"
    if kind == "EntitiesForbidden":
        return "XML entity declarations are not read (a scanner's report has none)"
    return "an XML reference to an external entity is not read"

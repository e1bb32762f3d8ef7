"""What the program behind a door says it is, beside what IANA registered for the port.

A banner (the first words a server sends) often names the program: ``SSH-2.0-OpenSSH_9.2p1``
is OpenSSH speaking ssh. :func:`read_banner` asks the engine's
:mod:`portwindow.engine.scan.enrich.identify` and compares its answer with the registry's name, so
that the door tooltip, the details panel and the table can say "answers as ssh (OpenSSH
9.2p1)" and warn when a door registered for http-alt has ssh behind it. Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from portwindow.engine.core.text import printable
from portwindow.engine.scan.enrich import identify as _identify

if TYPE_CHECKING:
    from portwindow.engine.scan.enrich.identify import Identification

__all__ = ["BannerReading", "detected_service", "read_banner"]

NOT_REGISTERED = "not registered with IANA"


@dataclass(frozen=True, slots=True)
class BannerReading:
    """A banner read against the registry: who answers, and whether that is a surprise."""

    registry_name: str  # IANA's name for the port, "" when unassigned
    identification: Identification | None
    disagrees: bool

    def answers_as(self) -> str:
        """``answers as ssh (OpenSSH 9.2p1)``; empty when the banner names nothing."""
        if self.identification is None:
            return ""
        return f"answers as {self.identification.label()}"

    def service_line(self) -> str:
        """``http-alt (IANA) — answers as ssh (OpenSSH 9.2p1)``; just the registry's side
        when the banner names nothing."""
        registered = f"{self.registry_name} (IANA)" if self.registry_name else NOT_REGISTERED
        answers = self.answers_as()
        return f"{registered} — {answers}" if answers else registered

    def warning(self) -> str:
        """One sentence when the program speaks another service than the registered one."""
        if not self.disagrees or self.identification is None:
            return ""
        return (
            f"This door is registered for {self.registry_name} but the program behind it "
            f"speaks {self.identification.service}."
        )


def read_banner(banner: str, registry_name: str) -> BannerReading:
    """Identify ``banner`` and compare it with ``registry_name`` (IANA's name, or "")."""
    identification = _identify.identify(banner) if banner else None
    disagrees = (
        identification is not None
        and bool(registry_name)
        and _identify.disagrees(identification, registry_name)
    )
    return BannerReading(registry_name, identification, disagrees)


def detected_service(banner: str, registry_name: str = "") -> tuple[str, str]:
    """(service, product and version) a banner names, ("", "") when it names nothing:
    ``("ssh", "OpenSSH 9.2p1")``; control characters escaped (the remote program chose
    them)."""
    if not banner:
        return "", ""
    identification = read_banner(banner, registry_name).identification
    if identification is None:
        return "", ""
    product = " ".join(p for p in (identification.product, identification.version) if p)
    service = identification.service or ("tls" if identification.tls else "")
    return printable(service), printable(product)


def detected_text(banner: str) -> str:
    """The table's Detected cell: ``ssh (OpenSSH 9.2p1)``, "" when the banner names nothing."""
    service, product = detected_service(banner)
    if service and product:
        return f"{service} ({product})"
    return service or product

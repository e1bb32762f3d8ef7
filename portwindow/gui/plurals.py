"""Every text of the window that depends on a count ("1 result", "2 results"), in one
place.

Qt picks a plural form from the catalogue of the language (English's has two forms,
Japanese's one). ``pyside6-lupdate`` marks a text as plural only in a ``tr()`` call
with a count, so they are methods of this QObject (context "Plurals"); ``%Ln`` is the
count with the language's digit grouping, ``%1`` what follows. Call them through
:data:`PLURALS`.
"""

from __future__ import annotations

from .qt import QtCore


class Plurals(QtCore.QObject):
    def copied(self, n: int) -> str:
        return self.tr("Copied %Ln result(s)", "", n)

    def exporting(self, n: int, path: str) -> str:
        return self.tr("Exporting %Ln result(s) to %1…", "", n).replace("%1", path)

    def exported(self, n: int, path: str) -> str:
        return self.tr("Exported %Ln result(s) to %1", "", n).replace("%1", path)

    def opened(self, n: int, path: str) -> str:
        return self.tr("Opened %Ln result(s) from %1", "", n).replace("%1", path)

    def scans(self, n: int) -> str:
        return self.tr("%Ln scan(s)", "", n)

    def hosts(self, n: int) -> str:
        return self.tr("%Ln host(s)", "", n)

    def hosts_shown(self, n: int, total: int) -> str:
        return self.tr("%1 of %Ln host(s)", "", total).replace("%1", f"{n:,}")

    def results(self, n: int) -> str:
        return self.tr("%Ln result(s)", "", n)

    def scans_saw_open(self, n: int, door: str) -> str:
        return self.tr("%Ln scan(s) saw %1 open.", "", n).replace("%1", door)

    def deleted_scans(self, n: int) -> str:
        return self.tr("Deleted %Ln scan(s) from the history", "", n)

    def delete_scans_question(self, n: int) -> str:
        return self.tr("Delete %Ln scan(s) from the history?", "", n)

    def exported_xml(self, n: int, path: str) -> str:
        return self.tr("Exported %Ln door(s) as nmap XML to %1", "", n).replace("%1", path)

    def open_doors(self, n: int) -> str:
        return self.tr("%Ln open door(s)", "", n)

    def open_doors_on(self, n: int, hosts: int) -> str:
        """``3 open doors on 2 hosts`` (the findings summary's headline)."""
        return self.tr("%Ln open door(s) on %1", "", n).replace("%1", self.hosts(hosts))

    def silent_hosts(self, n: int) -> str:
        return self.tr("%Ln silent host(s)", "", n)

    def doors_of_host(self, n: int, counts: str) -> str:
        """A host band's tooltip: ``65,535 doors: 3 open, 65,532 closed``."""
        return self.tr("%Ln door(s): %1", "", n).replace("%1", counts)

    def findings(self, n: int) -> str:
        return self.tr("%Ln finding(s)", "", n)

    def expected_doors_on(self, n: int, counts: str) -> str:
        """The printable report's audit line: ``Expected doors on 1 host: 1 unexpected…``."""
        return self.tr("Expected doors on %Ln host(s): %1", "", n).replace("%1", counts)

    def closed_not_pictured(self, n: int) -> str:
        return self.tr("%Ln closed door(s) not pictured.", "", n)


PLURALS = Plurals()

"""Fixtures of the unit tests of more than one layer: banner identification, stubbed or
the engine's own, for the texts that read banners (the engine's present layer) and the
window that shows them."""

from dataclasses import dataclass

import pytest


@dataclass(frozen=True, slots=True)
class StubIdentification:
    """Shaped as portwindow.engine.scan.enrich.identify.Identification."""

    service: str
    product: str
    version: str
    tls: bool

    def label(self) -> str:
        return f"{self.service} ({self.product} {self.version})"


class StubIdentify:
    """Stands in for portwindow.engine.scan.enrich.identify: knows SSH banners only, and finds a
    disagreement whenever the registry's name is not the identified service."""

    Identification = StubIdentification

    @staticmethod
    def identify(banner: str) -> StubIdentification | None:
        if not banner.startswith("SSH-2.0-"):
            return None
        product, _, version = banner.removeprefix("SSH-2.0-").split()[0].partition("_")
        return StubIdentification("ssh", product, version, tls=False)

    @staticmethod
    def disagrees(identification: StubIdentification | None, registry_name: str) -> bool:
        return identification is not None and identification.service != registry_name


@pytest.fixture
def stub_identify(monkeypatch):
    """Banner identification by StubIdentify, whether or not the engine has its own."""
    from portwindow.engine.present import identification

    monkeypatch.setattr(identification, "_identify", StubIdentify)
    return StubIdentify


@pytest.fixture
def real_identify(monkeypatch):
    """The engine's banner identification; skips the test until it exists."""
    module = pytest.importorskip("portwindow.engine.scan.enrich.identify")
    from portwindow.engine.present import identification

    monkeypatch.setattr(identification, "_identify", module)
    return module

"""Every test runs in a network namespace of its own and keeps its scan history in a
temporary file, never in the user's."""

import pytest

from portwindow.engine.audit.history import HISTORY_ENV
from tests.support.netns import in_private_netns


def pytest_configure(config):
    if not in_private_netns():
        pytest.exit(
            "the tests scan loopback, so they run in a network namespace of their own: "
            "make test, or tools/in-netns.sh .venv/bin/pytest ...",
            returncode=2,
        )


@pytest.fixture(autouse=True)
def private_history(tmp_path_factory, monkeypatch):
    path = tmp_path_factory.mktemp("history") / "history.sqlite3"
    monkeypatch.setenv(HISTORY_ENV, str(path))
    return path

"""Every test keeps its scan history in a temporary file, never in the user's."""

import pytest

from portwindow.engine.audit.history import HISTORY_ENV


@pytest.fixture(autouse=True)
def private_history(tmp_path_factory, monkeypatch):
    path = tmp_path_factory.mktemp("history") / "history.sqlite3"
    monkeypatch.setenv(HISTORY_ENV, str(path))
    return path

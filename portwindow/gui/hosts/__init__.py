"""The window's hosts: the host list beside the doors (``model.py``, ``proxy.py``,
``panel.py``), the openers of a door or a host (``openers.py``, ``launch.py``,
``opener_settings.py``), and who is behind a door of this machine (``behind.py``)."""

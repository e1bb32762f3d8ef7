"""The Qt face of portwindow: the main window, its doors and table views, and the glue
that runs the engine on a worker thread and feeds its batches to the views.

``MainWindow`` can be built once a QApplication exists (the automation contract).
"""


def __getattr__(name: str):
    if name == "MainWindow":
        from .mainwindow import MainWindow  # noqa: PLC0415 - Qt loads on first use

        return MainWindow
    raise AttributeError(name)

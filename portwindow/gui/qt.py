"""The one module that decides the Qt binding (PySide6) for the whole GUI.

Every GUI module imports Qt from here, never from PySide6 directly. PySide6 must be
imported before qasync, which picks its binding from what is already loaded (or from
QT_API), so this module sets QT_API and imports PySide6 first.
"""

import os

os.environ.setdefault("QT_API", "pyside6")

from PySide6 import QtCore, QtGui, QtSvg, QtWidgets
from PySide6.QtCore import Qt, Signal, Slot

BINDING = "PySide6"
QT_VERSION = QtCore.qVersion()

__all__ = ["BINDING", "QT_VERSION", "Qt", "QtCore", "QtGui", "QtSvg", "QtWidgets", "Signal", "Slot"]

"""The Doors view: every probed port drawn as a door, grouped per host.

:class:`DoorModel` holds the doors compactly (one byte of state per door),
:class:`DoorView` lays them out as a wrapping grid per host and paints only what is on
screen, and :class:`DoorDelegate` paints one door from the SVG pictures in
``resources/doors/``. The main window puts them together.
"""

from portwindow.gui.doors.delegate import DoorDelegate
from portwindow.gui.doors.model import DoorModel, DoorRole
from portwindow.gui.doors.view import DoorView

__all__ = ["DoorDelegate", "DoorModel", "DoorRole", "DoorView"]

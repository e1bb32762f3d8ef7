"""What the doors view tells a screen reader about itself, marked for translation."""

from portwindow.gui.i18n import QT_TRANSLATE_NOOP

NAME = QT_TRANSLATE_NOOP("DoorView", "Doors")
DESCRIPTION = QT_TRANSLATE_NOOP(
    "DoorView",
    "Every port as a door, grouped per host: open, closed, filtered, open or filtered (UDP), "
    "or not probed yet. Asterisk opens every host, slash collapses every host to its overview "
    "row",
)

"""Render the application icon (resources/icons/portwindow.svg) for the installers.

    .venv/bin/python packaging/render_icons.py      (make icons)

writes, all committed:

- ``packaging/linux/icons/hicolor/NxN/apps/<APP_ID>.png`` for N in :data:`HICOLOR_SIZES`
  (the .deb also ships the SVG itself as ``scalable/apps/<APP_ID>.svg``);
- ``packaging/windows/portwindow.ico``: 16-256 px, PNG-compressed entries (Windows Vista
  and later read those);
- ``packaging/macos/portwindow.icns``: 16-1024 px (with the @2x variants), PNG entries.

Qt's QSvgRenderer draws the SVG, so no other tool is needed. Run it again after changing
the SVG; ``tests/packaging/test_metadata.py`` fails while the PNGs are out of date.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from portwindow import APP_ID  # noqa: E402

SVG = ROOT / "resources" / "icons" / "portwindow.svg"
HICOLOR_DIR = ROOT / "packaging" / "linux" / "icons" / "hicolor"
ICO = ROOT / "packaging" / "windows" / "portwindow.ico"
ICNS = ROOT / "packaging" / "macos" / "portwindow.icns"

HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, and their pixel sizes (Apple's icns format).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),  # 16@2x
    (b"icp6", 64),
    (b"ic12", 64),  # 32@2x
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic13", 256),  # 128@2x
    (b"ic09", 512),
    (b"ic14", 512),  # 256@2x
    (b"ic10", 1024),  # 512@2x
)


def hicolor_png(size: int) -> Path:
    return HICOLOR_DIR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def _qt():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6 import QtCore, QtGui, QtSvg  # noqa: PLC0415

    if QtGui.QGuiApplication.instance() is None:
        _qt.app = QtGui.QGuiApplication([sys.argv[0]])  # kept alive on the function
    return QtCore, QtGui, QtSvg


def render(size: int, svg: Path = SVG):
    """The SVG drawn on a transparent ``size`` x ``size`` QImage."""
    _QtCore, QtGui, QtSvg = _qt()
    renderer = QtSvg.QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: not a valid SVG")
    image = QtGui.QImage(size, size, QtGui.QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QtGui.QPainter(image)
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QtGui.QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image) -> bytes:
    QtCore, _QtGui, _QtSvg = _qt()
    data = QtCore.QByteArray()
    buffer = QtCore.QBuffer(data)
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("could not encode PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding one PNG per size (ICONDIR, ICONDIRENTRYs, the images)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, images = [], []
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset))
        images.append(data)
        offset += len(data)
    return header + b"".join(entries) + b"".join(images)


def icns_bytes(elements: list[tuple[bytes, bytes]]) -> bytes:
    """A macOS .icns from (type, PNG data) elements."""
    body = b"".join(kind + struct.pack(">I", 8 + len(data)) + data for kind, data in elements)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    cache: dict[int, bytes] = {}

    def png(size: int) -> bytes:
        if size not in cache:
            cache[size] = png_bytes(render(size))
        return cache[size]

    for size in HICOLOR_SIZES:
        path = hicolor_png(size)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png(size))
        print(f"wrote {path.relative_to(ROOT)}")
    ICO.parent.mkdir(parents=True, exist_ok=True)
    ICO.write_bytes(ico_bytes({size: png(size) for size in ICO_SIZES}))
    print(f"wrote {ICO.relative_to(ROOT)}")
    ICNS.parent.mkdir(parents=True, exist_ok=True)
    ICNS.write_bytes(icns_bytes([(kind, png(size)) for kind, size in ICNS_TYPES]))
    print(f"wrote {ICNS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

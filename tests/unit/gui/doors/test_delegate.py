import pytest

from portwindow.engine.core.model import PortState, Protocol
from portwindow.gui import colors
from portwindow.gui.doors.delegate import (
    DEFAULT_DOOR_SIZE,
    MAX_DOOR_SIZE,
    MIN_DOOR_SIZE,
    DoorDelegate,
)
from portwindow.gui.doors.model import DoorModel
from portwindow.gui.doors.pictures import SVG_FILES, DoorPictures
from portwindow.gui.qt import QtCore, QtGui, QtSvg, QtWidgets
from portwindow.gui.resources import resource_path
from tests.unit.gui.doors.util import plan, result

STATES = [PortState.OPEN, PortState.CLOSED, PortState.FILTERED, PortState.OPEN_FILTERED, None]


def argb(image: QtGui.QImage) -> QtGui.QImage:
    return image.convertToFormat(QtGui.QImage.Format.Format_ARGB32)


def opaque_pixels(image: QtGui.QImage) -> int:
    bits = bytes(argb(image).constBits())
    return sum(1 for alpha in bits[3::4] if alpha)  # ARGB32 is BGRA in memory (little-endian)


def painted_pixels(image: QtGui.QImage, background: QtGui.QColor) -> int:
    image = argb(image)
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y) != background
    )


def has_colour(image: QtGui.QImage, wanted: str, tolerance: int = 12) -> bool:
    target = QtGui.QColor(wanted)
    image = argb(image)
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - target.red()) <= tolerance
                and abs(pixel.green() - target.green()) <= tolerance
                and abs(pixel.blue() - target.blue()) <= tolerance
            ):
                return True
    return False


@pytest.mark.parametrize("state", STATES)
def test_every_svg_is_valid(qapp, state):
    renderer = QtSvg.QSvgRenderer(str(resource_path(SVG_FILES[state])))
    assert renderer.isValid()
    assert renderer.viewBox() == QtCore.QRect(0, 0, 48, 64)


def test_every_state_has_its_own_picture():
    assert set(SVG_FILES) == {*PortState, None}
    assert len(set(SVG_FILES.values())) == len(SVG_FILES)
    assert SVG_FILES[PortState.OPEN_FILTERED] == "doors/door-open-filtered.svg"


def test_the_app_icon_is_valid(qapp):
    assert QtSvg.QSvgRenderer(str(resource_path("icons/portwindow.svg"))).isValid()


@pytest.mark.parametrize("dpr", [1.0, 2.0])
@pytest.mark.parametrize("palette_name", ["light_palette", "dark_palette"])
@pytest.mark.parametrize("state", STATES)
def test_pictures_render_at_the_device_resolution(request, state, palette_name, dpr):
    palette = request.getfixturevalue(palette_name)
    ink = palette.color(QtGui.QPalette.ColorRole.Text)
    pixmap = DoorPictures().pixmap(state, 40, dpr, ink)
    assert pixmap.devicePixelRatio() == dpr
    assert (pixmap.width(), pixmap.height()) == (round(30 * dpr), round(40 * dpr))
    image = pixmap.toImage()
    assert opaque_pixels(image) > 0.05 * image.width() * image.height()
    assert has_colour(image, ink.name(), tolerance=4)  # the frame takes the ink


def test_pictures_are_cached_per_state_size_ratio_and_ink(qapp):
    pictures = DoorPictures(limit=3)
    black, white = QtGui.QColor("black"), QtGui.QColor("white")
    first = pictures.pixmap(PortState.OPEN, 40, 1.0, black)
    assert pictures.pixmap(PortState.OPEN, 40, 1.0, black).cacheKey() == first.cacheKey()
    assert pictures.pixmap(PortState.OPEN, 40, 1.0, white).cacheKey() != first.cacheKey()
    pictures.pixmap(PortState.OPEN, 48, 1.0, black)
    pictures.pixmap(PortState.OPEN, 48, 2.0, black)  # over the limit: the oldest goes
    assert pictures.pixmap(PortState.OPEN, 40, 1.0, black).cacheKey() != first.cacheKey()


def test_door_size_is_clamped_and_sets_the_size_hint(qapp):
    delegate = DoorDelegate()
    option = QtWidgets.QStyleOptionViewItem()
    assert delegate.door_size() == DEFAULT_DOOR_SIZE
    small = delegate.sizeHint(option, QtCore.QModelIndex())
    assert delegate.set_door_size(10) == MIN_DOOR_SIZE
    assert delegate.set_door_size(1000) == MAX_DOOR_SIZE
    big = delegate.sizeHint(option, QtCore.QModelIndex())
    assert big.height() > small.height() + 40
    assert big.width() >= 72  # the door is 3/4 as wide as it is tall


def paint_door(delegate, model, port, palette, dpr=1.0, selected=False, protocol=Protocol.TCP):
    index = model.door_index("127.0.0.1", protocol, port)
    option = QtWidgets.QStyleOptionViewItem()
    option.palette = palette
    size = delegate.sizeHint(option, index)
    option.rect = QtCore.QRect(QtCore.QPoint(0, 0), size)
    option.state = QtWidgets.QStyle.StateFlag.State_Enabled
    if selected:
        option.state |= QtWidgets.QStyle.StateFlag.State_Selected
    image = QtGui.QImage(size * dpr, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(dpr)
    image.fill(palette.color(QtGui.QPalette.ColorRole.Base))
    painter = QtGui.QPainter(image)
    delegate.paint(painter, option, index)
    painter.end()
    return image


@pytest.fixture
def model(qapp):
    model = DoorModel()
    model.set_plan([*plan([22, 23, 24, 25, 8080]), (Protocol.UDP, 23), (Protocol.UDP, 69)])
    model.add_results(
        [
            result(22, PortState.OPEN),
            result(23, PortState.CLOSED),
            result(24, PortState.FILTERED),
            result(8080, PortState.OPEN, banner="SSH-2.0-OpenSSH_9.2p1"),
            result(23, PortState.CLOSED, protocol=Protocol.UDP),
            result(69, PortState.OPEN_FILTERED, protocol=Protocol.UDP),
        ]
    )
    return model


@pytest.mark.parametrize("dpr", [1.0, 2.0])
@pytest.mark.parametrize("palette_name", ["light_palette", "dark_palette"])
def test_the_delegate_paints_each_state_in_its_colour(request, model, palette_name, dpr):
    palette = request.getfixturevalue(palette_name)
    delegate = DoorDelegate()
    open_door = paint_door(delegate, model, 22, palette, dpr)
    assert has_colour(open_door, colors.OPEN_GREEN)
    assert not has_colour(open_door, colors.FILTERED_AMBER)
    assert has_colour(paint_door(delegate, model, 23, palette, dpr), colors.CLOSED_GREY)
    assert has_colour(paint_door(delegate, model, 24, palette, dpr), colors.FILTERED_AMBER)
    open_filtered = paint_door(delegate, model, 69, palette, dpr, protocol=Protocol.UDP)
    assert has_colour(open_filtered, "#7a67b3")
    assert not has_colour(open_filtered, colors.FILTERED_AMBER)
    assert not has_colour(open_filtered, colors.OPEN_GREEN)
    base = palette.color(QtGui.QPalette.ColorRole.Base)
    closed = painted_pixels(paint_door(delegate, model, 23, palette, dpr), base)
    unprobed = paint_door(delegate, model, 25, palette, dpr)
    assert not has_colour(unprobed, colors.OPEN_GREEN)
    assert 0 < painted_pixels(unprobed, base) < closed * 0.7  # an outline only


def test_selection_is_highlighted(model, light_palette):
    delegate = DoorDelegate()
    plain = paint_door(delegate, model, 23, light_palette)
    selected = paint_door(delegate, model, 23, light_palette, selected=True)
    corner = QtCore.QPoint(3, plain.height() - 4)  # inside the cell, away from door and label
    assert plain.pixelColor(corner) == light_palette.color(QtGui.QPalette.ColorRole.Base)
    assert selected.pixelColor(corner) != plain.pixelColor(corner)


def test_the_port_number_is_written_under_the_door(model, light_palette):
    delegate = DoorDelegate()
    image = argb(paint_door(delegate, model, 23, light_palette))
    label_top = 3 + delegate.door_size() + 1
    dark = [
        (x, y)
        for y in range(label_top, image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).lightness() < 100
    ]
    assert dark  # text pixels in the label band


def differing_pixels(a: QtGui.QImage, b: QtGui.QImage, area: QtCore.QRect) -> int:
    a, b = argb(a), argb(b)
    return sum(
        1
        for y in range(area.top(), area.bottom() + 1)
        for x in range(area.left(), area.right() + 1)
        if a.pixelColor(x, y) != b.pixelColor(x, y)
    )


@pytest.mark.parametrize("size", [MIN_DOOR_SIZE, DEFAULT_DOOR_SIZE, MAX_DOOR_SIZE])
@pytest.mark.parametrize("palette_name", ["light_palette", "dark_palette"])
def test_a_udp_door_carries_a_tag_at_its_top_left(request, model, palette_name, size):
    palette = request.getfixturevalue(palette_name)
    delegate = DoorDelegate()
    delegate.set_door_size(size)
    tcp = paint_door(delegate, model, 23, palette)
    udp = paint_door(delegate, model, 23, palette, protocol=Protocol.UDP)
    width, door_top = tcp.width(), 3
    top_left = QtCore.QRect(0, 0, width // 2, door_top + size // 3)
    bottom = QtCore.QRect(0, door_top + size // 2, width, tcp.height() - door_top - size // 2)
    # The tag is the letters UDP: many pixels change, in the top left corner only.
    assert differing_pixels(tcp, udp, top_left) > size
    assert differing_pixels(tcp, udp, bottom) == 0
    # Paper-coloured letters on ink: both the text and the base colour are in the tag.
    tag = argb(udp).copy(top_left)
    assert has_colour(tag, palette.color(QtGui.QPalette.ColorRole.Text).name(), tolerance=8)
    assert has_colour(tag, palette.color(QtGui.QPalette.ColorRole.Base).name(), tolerance=8)


@pytest.mark.parametrize("palette_name", ["light_palette", "dark_palette"])
def test_a_door_whose_program_disagrees_carries_a_red_mark(
    request, model, palette_name, stub_identify
):
    from portwindow.gui import colors

    palette = request.getfixturevalue(palette_name)
    model.add_results([result(8080, PortState.OPEN, banner="SSH-2.0-OpenSSH_9.2p1")])
    delegate = DoorDelegate()
    warned = paint_door(delegate, model, 8080, palette)
    plain = paint_door(delegate, model, 22, palette)
    red = colors.warning_color(colors.theme_of(palette)).name()
    assert has_colour(warned, red, tolerance=6)
    assert not has_colour(plain, red, tolerance=30)
    top_right = QtCore.QRect(warned.width() // 2, 0, warned.width() // 2, 16)
    assert has_colour(argb(warned).copy(top_right), red, tolerance=6)

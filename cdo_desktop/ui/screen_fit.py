"""Windows and dialogs sized to the screen they open on: on a 1280×720 screen nothing is cut off."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room for the window's own frame and title bar, which the window manager adds outside.
FRAME_ROOM = 40


def available(widget: QWidget) -> QRect:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to the size the widget would like, but never larger than the screen allows."""
    room = available(widget)
    widget.resize(min(width, room.width() - 8), min(height, room.height() - FRAME_ROOM))


def restore_fitting(
    widget: QWidget, geometry: QByteArray | bytes | None, width: int, height: int
) -> None:
    """A remembered size and place where they still fit the screen; otherwise a fitting size."""
    if geometry is not None and widget.restoreGeometry(geometry):
        room = available(widget)
        frame = widget.frameGeometry()
        if frame.width() <= room.width() and frame.height() <= room.height() + 1:
            if not room.contains(frame.topLeft()):
                widget.move(room.topLeft())
            return
    fit_to_screen(widget, width, height)
    room = available(widget)
    widget.move(room.topLeft())

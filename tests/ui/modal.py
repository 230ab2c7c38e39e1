"""Answering a modal dialog from a test, without guessing how long the work before it takes."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

# Long enough for the slowest CI machine to reach the dialog; short enough to fail, not hang.
PATIENCE_SECONDS = 60.0

W = TypeVar("W", bound=QWidget)


def when_shown(kind: type[W], act: Callable[[W], None]) -> None:
    """Call `act(dialog)` once a visible window of `kind` is up.

    A fixed delay fires too early on a slow machine (while a progress dialog processes events),
    finds nothing and leaves the modal dialog waiting for ever; polling cannot miss it. If it
    never shows, whatever modal dialog is up is closed so that the test fails instead of hanging.
    """
    deadline = time.monotonic() + PATIENCE_SECONDS

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible():
                act(widget)
                return
        if time.monotonic() < deadline:
            QTimer.singleShot(20, look)
            return
        stuck = QApplication.activeModalWidget()
        if isinstance(stuck, QDialog):
            stuck.reject()

    QTimer.singleShot(0, look)

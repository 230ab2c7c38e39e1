"""The window's commands, kept outside the window (as qutebrowser keeps its commands): each
module makes its menu's actions and does what they say; the window only assembles them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QIcon, QKeySequence


def make_action(
    parent: QObject,
    text: str,
    slot: Callable[..., object],
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    icon: str = "",
) -> QAction:
    action = QAction(QIcon.fromTheme(icon) if icon else QIcon(), text, parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    return action

"""The line under a form or a table that tells why an input was refused."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from cdo_desktop.core.words import capitalized


class MessageLine(QLabel):
    """A line under a table for refused input: seen, but never in the way like a dialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("QLabel { color: #a61c00; padding: 2px 4px; }")
        self.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)

    def show_message(self, text: str) -> None:
        # Messages come from core and storage in lower case (the CLI puts them after
        # «ошибка: »); on their own they are sentences.
        self.setText(capitalized(text))
        self.show()
        self._timer.start(15_000)

    def clear_message(self) -> None:
        """The next successful edit or undo: the refusal no longer describes the table."""
        self._timer.stop()
        self.hide()

"""A cell editor for several words of a list (an indicator's levels «ФП, РП»): each word picked
from the list is added to the text, or taken out if it was there; the text may also be typed."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

_SEPARATORS = re.compile(r"[\n,;/]+")


class SeveralChoice(QComboBox):
    """An editable combo box whose list adds and takes away words instead of replacing the text."""

    def __init__(self, words: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItems(words)
        self.words = words
        self._before = ""
        self.activated.connect(self._toggle)
        line = self.lineEdit()
        if line is not None:
            line.textEdited.connect(lambda _text: self.remember_text())

    def remember_text(self) -> None:
        """The text the next word picked is added to (picking a word replaces the text first)."""
        self._before = self.currentText()

    def chosen(self) -> list[str]:
        """The list's words in the text, in the list's order (a typed word not in the list is
        kept at the end, for the model to refuse by name)."""
        typed = [part.strip() for part in _SEPARATORS.split(self._before) if part.strip()]
        listed = {word.casefold(): word for word in self.words}
        known = {listed[part.casefold()] for part in typed if part.casefold() in listed}
        others = [part for part in typed if part.casefold() not in listed]
        return [word for word in self.words if word in known] + others

    def showPopup(self) -> None:
        self.mark_chosen()
        super().showPopup()

    def mark_chosen(self) -> None:
        """Check marks in the list at the words the text has now."""
        self.remember_text()
        chosen = set(self.chosen())
        for position, word in enumerate(self.words):
            state = Qt.CheckState.Checked if word in chosen else Qt.CheckState.Unchecked
            self.setItemData(position, state, Qt.ItemDataRole.CheckStateRole)
        self.setEditText(self._before)  # a mark on the current word would put it in the text

    def _toggle(self, position: int) -> None:
        word = self.words[position]
        chosen = self.chosen()
        chosen = [w for w in chosen if w != word] if word in chosen else [*chosen, word]
        last = len(self.words)  # typed words not in the list stay after the listed ones
        ordered = sorted(chosen, key=lambda w: self.words.index(w) if w in self.words else last)
        self.setEditText(", ".join(ordered))
        self.remember_text()

"""Small standard dialogs in Russian; one place, so tests can answer them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QWidget

from cdo_desktop.core.words import capitalized


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Yes/No, «Нет» by default: destructive actions are never one Enter away."""
    box = QMessageBox(QMessageBox.Icon.Question, title, capitalized(text), parent=parent)
    yes = box.addButton("Да", QMessageBox.ButtonRole.YesRole)
    no = box.addButton("Нет", QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(no)
    box.exec()
    return box.clickedButton() is yes


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    # A message from core or storage starts in lower case; alone in a box it is a sentence.
    QMessageBox.critical(parent, title, capitalized(text))


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, capitalized(text))


def choose(parent: QWidget | None, title: str, text: str, options: list[str]) -> int:
    """One of several answers (their index); the first is the default and the safe one."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, capitalized(text), parent=parent)
    buttons = [box.addButton(option, QMessageBox.ButtonRole.AcceptRole) for option in options]
    box.setDefaultButton(buttons[0])
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else 0


def problem_label(parent: QWidget) -> QLabel:
    """The red line under a form that says why «ОК» did not go through."""
    label = QLabel(parent)
    label.setStyleSheet("color: #a61c00;")
    label.setWordWrap(True)
    return label


def ok_cancel(parent: QDialog, ok_text: str, on_ok: Callable[[], object]) -> QDialogButtonBox:
    """«ok_text» and «Отмена» in Russian; «Отмена» rejects the dialog."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert ok is not None and cancel is not None
    ok.setText(ok_text)
    cancel.setText("Отмена")
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(parent.reject)
    return buttons

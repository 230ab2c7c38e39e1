"""Undo and redo as change lists: every edit of the window is applied by the store.

A table, the passport or the people state an intent as core changes; `push_changes` has the
store apply them (old values checked) and puts a command on the undo stack that holds the
inverse the store answered. Undo applies that inverse through the same check, so an undo never
overwrites what another copy of the program wrote since, and never removes a row by position:
an addition is undone by removing exactly the row it added, by id. When the check fails the
user is asked; nothing is undone or skipped silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from cdo_desktop.core.changes import (
    Change,
    ChangeConflict,
)
from cdo_desktop.core.errors import CdoError
from cdo_desktop.storage.faults import ServerError
from cdo_desktop.storage.store import Store
from cdo_desktop.ui import dialogs


class ChangeTarget(Protocol):
    """What a command changes: a table model or the passport panel."""

    def change_store(self) -> Store: ...

    def reload(self) -> None:
        """Read again from the store what this target shows."""

    def reload_after(self, changes: Sequence[Change]) -> None:
        """Read again what `changes` touched (all of it, unless the target knows better)."""

    def resolve(self, conflict: ChangeConflict) -> bool:
        """Ask whose values to keep; True: write ours over theirs."""

    def after_refusal(self) -> None:
        """Their values were kept: show what is stored now (called once the command returned)."""


def ask_whose_values(parent: QWidget, what_changed: str) -> bool:
    """Another copy changed what is being written (`what_changed` says what): ask whose values
    to keep; True: write ours over theirs."""
    choice = dialogs.choose(
        parent,
        "Данные изменены другим пользователем",
        f"{what_changed}\n\nЧьи значения оставить?",
        ["Оставить их значения", "Записать мои"],
    )
    return choice == 1


def apply_asking(target: ChangeTarget, changes: Sequence[Change]) -> list[Change] | None:
    """Apply; on a conflict ask the user. The inverse, or None when their values were kept."""
    store = target.change_store()
    try:
        return store.apply(list(changes))
    except ChangeConflict as conflict:
        if not target.resolve(conflict):
            return None
    return store.apply(store.forced(changes))


class ChangeCommand(QUndoCommand):
    """A change list already applied once; undo and redo apply the inverse and back."""

    def __init__(
        self,
        target: ChangeTarget,
        changes: list[Change],
        undo: list[Change],
        text: str,
        stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(text)
        self.target = target
        self.redo_changes = changes
        self.undo_changes = undo
        self.stack = stack
        self._first_redo = True
        self._not_written = False  # the last undo or redo did not reach the server

    def redo(self) -> None:
        if self._first_redo or self._not_written:
            self._first_redo = self._not_written = False
            return
        inverse = self._apply(self.redo_changes, undoing=False)
        if inverse is not None:
            self.undo_changes = inverse

    def undo(self) -> None:
        if self._not_written:
            self._not_written = False
            return
        inverse = self._apply(self.undo_changes, undoing=True)
        if inverse is not None:
            self.redo_changes = inverse

    def _apply(self, changes: list[Change], *, undoing: bool) -> list[Change] | None:
        try:
            inverse = self._apply_offering_retry(changes, undoing)
        except ChangeConflict:
            raise
        except ServerError:
            if self.stack is not None:
                # Given up: nothing was written, so the step goes back where it was on the
                # stack (without writing) and may be undone or redone later.
                self._not_written = True
                QTimer.singleShot(0, self.stack.redo if undoing else self.stack.undo)
                return None
            inverse = None
        except CdoError as error:
            # The store refused the step as a whole (say, an undone «Добавить год» while another
            # copy has typed values into that year): told, nothing written, the step dropped.
            parent = self.target if isinstance(self.target, QWidget) else None
            dialogs.show_error(parent, f"Не удалось: {self.text()}", str(error))
            inverse = None
        if inverse is None:
            # Their values stay: this step cannot be undone or redone any more. The stack drops
            # it, and the target shows what is stored (after this command has returned).
            self.setObsolete(True)
            QTimer.singleShot(0, self.target.after_refusal)
            return None
        self.target.reload_after(changes)
        return inverse

    def _apply_offering_retry(self, changes: list[Change], undoing: bool) -> list[Change] | None:
        """Apply; when the server does not take it (a lost connection) the user may write it
        again, as with any edit; ServerError when the user gave it up."""
        from cdo_desktop.ui.unsaved_edit import write_again  # it builds on this module

        parent = self.target if isinstance(self.target, QWidget) else None
        while True:
            try:
                return apply_asking(self.target, changes)
            except ServerError as error:
                step = f"{'отмена' if undoing else 'повтор'} действия «{self.text()}»"
                if not write_again(parent, step, error):
                    raise


def push_changes(
    target: ChangeTarget,
    stack: QUndoStack,
    changes: list[Change],
    text: str,
    *,
    ask: bool = True,
) -> bool:
    """Apply `changes` and make them one undo step; False when nothing was written.

    With `ask` a conflict is put to the user (their values or ours); without it ChangeConflict
    goes to the caller (a table model lets its view ask).
    """
    if not changes:
        return True
    if ask:
        inverse = apply_asking(target, changes)
        if inverse is None:
            target.after_refusal()
            return False
    else:
        inverse = target.change_store().apply(changes)
    target.reload_after(changes)
    stack.push(ChangeCommand(target, changes, inverse, text, stack))
    return True

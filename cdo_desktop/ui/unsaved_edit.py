"""An edit the server did not take (the connection was lost, it was too slow): the user is told
that it was not saved, with the values typed, and may write it again — nothing typed is lost
until the user says so."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from cdo_desktop.core.changes import ChangeConflict, SetValue
from cdo_desktop.core.numbers import format_number
from cdo_desktop.storage.faults import NoRightError, ServerError
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.change_command import ChangeTarget, push_changes

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack

    from cdo_desktop.core.changes import Change
    from cdo_desktop.ui.grid_model import EditableGridModel, UnsavedEdit

TITLE = "Изменение не сохранено"
KEEP, RETRY = "Отказаться от изменения", "Повторить"


def offer_retry(parent: QWidget, model: EditableGridModel, unsaved: UnsavedEdit) -> bool:
    """Ask until the edit is written (True) or the user gives it up (False: the window shows
    what is stored). A conflict met on the way goes to the usual question."""
    reason = unsaved.reason
    if not unsaved.retry_helps:  # no right to change this project: asking again is no use
        dialogs.show_error(parent, TITLE, f"{reason}\n\n{typed_values(model, unsaved)}")
        model.stale_data_found.emit()
        return False
    while True:
        choice = dialogs.choose(
            parent,
            TITLE,
            f"{reason}\n\n{typed_values(model, unsaved)}\n\nЗаписать снова?",
            [KEEP, RETRY],
        )
        if choice != 1:
            model.stale_data_found.emit()
            return False
        try:
            push_changes(model, model.undo_stack, unsaved.changes, unsaved.description, ask=False)
        except ChangeConflict as conflict:
            view_resolve = getattr(parent, "resolve_conflict", None)
            error = model.conflict_error(conflict, unsaved.changes, unsaved.description)
            if view_resolve is not None:
                view_resolve(error)
            return False
        except ServerError as error:
            reason = str(error)
            continue
        return True


def typed_values(model: EditableGridModel, unsaved: UnsavedEdit) -> str:
    """The values the user typed, cell by cell (at most six), as the window shows them."""
    lines = []
    for change in unsaved.changes:
        if isinstance(change, SetValue):
            index = model.index_of_where(change.where)
            name = model.cell_name(index) if index.isValid() else unsaved.description
            lines.append(f"• {name}: {_shown(change.new)}")
    if not lines:
        return f"Не записано: {unsaved.description}."
    more = f"\n… и ещё {len(lines) - 6}" if len(lines) > 6 else ""
    return "Не записано:\n" + "\n".join(lines[:6]) + more


def _shown(value: object) -> str:
    if isinstance(value, Decimal) or value is None:
        return format_number(value) or "пусто"
    if isinstance(value, bool):
        return "да" if value else "нет"
    return f"«{value}»"


def push_keeping(
    parent: QWidget, target: ChangeTarget, stack: QUndoStack, changes: list[Change], text: str
) -> bool:
    """`push_changes` for a form (the passport): when the server does not take the changes,
    the user is told, while the form still shows what was typed, and may write them again;
    given up, the form shows what is stored. False when nothing was written."""
    while True:
        try:
            return push_changes(target, stack, changes, text)
        except NoRightError as error:
            dialogs.show_error(parent, TITLE, f"{error}\n\nНе записано: {text}.")
            target.reload()
            return False
        except ServerError as error:
            choice = dialogs.choose(
                parent,
                TITLE,
                f"{error}\n\nНе записано: {text}.\n\nЗаписать снова?",
                [KEEP, RETRY],
            )
            if choice != 1:
                target.reload()
                return False


def write_again(parent: QWidget | None, step: str, error: ServerError) -> bool:
    """An undo or a redo the server did not take: told; True when the user wants it written
    again (given up, the step stays on the stack as it was, to be tried later)."""
    if isinstance(error, NoRightError):
        dialogs.show_error(parent, TITLE, f"{error}\n\nНе записано: {step}.")
        return False
    choice = dialogs.choose(
        parent, TITLE, f"{error}\n\nНе записано: {step}.\n\nЗаписать снова?", [KEEP, RETRY]
    )
    return choice == 1

"""The project's years changed from the window: «Добавить год», and a shorter period that
removes the values of the years falling out only after the user said yes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cdo_desktop.core.period import period_changes, removal_question, removed_values
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.change_command import push_changes

if TYPE_CHECKING:
    from cdo_desktop.ui.passport_panel import PassportPanel

ADD_YEAR = "Добавить год"


def change_years(passport: PassportPanel, first: int, last: int) -> bool:
    """Set the project's years, as one undo step; the values of years that fall out go with
    them after asking. False when nothing changed (the form shows the stored years again)."""
    if getattr(passport, "_asking_years", False):
        return False  # the spin box lost its focus to the question itself
    project = passport.editor.store.load(passport.editor.project_id)
    changes = period_changes(project, first, last)
    if not changes:
        passport.show_project()
        return False
    removals = removed_values(changes)
    if removals:
        passport._asking_years = True  # type: ignore[attr-defined]
        try:
            agreed = dialogs.confirm(passport, "Сокращение периода", removal_question(removals))
        finally:
            passport._asking_years = False  # type: ignore[attr-defined]
        if not agreed:
            passport.show_project()
            return False
    text = "удаление значений вне периода" if removals else "изменение лет реализации"
    return push_changes(passport, passport.undo_stack, changes, text)


def add_year(passport: PassportPanel) -> bool:
    """The project extended by one year (a decree prolonged it): a new last year."""
    project = passport.project
    return change_years(passport, project.first_year, project.last_year + 1)

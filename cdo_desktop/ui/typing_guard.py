"""A refresh from the database never throws away what the user is typing.

The passport's fields are refreshed around the text being typed (it is put back after the
fresh values are shown, and stored as usual when the user finishes); a table whose cell editor
is open, or the participants list while a name is being edited, is not refreshed until the
editor closes (the watch tries again), because rebuilding a model closes its editors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QAbstractItemView, QSpinBox

if TYPE_CHECKING:
    from cdo_desktop.ui.passport_panel import PassportPanel
    from cdo_desktop.ui.project_tabs import ProjectTabs

EDITING = QAbstractItemView.State.EditingState


def editor_open(tabs: ProjectTabs) -> bool:
    """Whether a cell editor of a table, or of the passport's participants, is open now."""
    from cdo_desktop.ui.project_tabs import PASSPORT

    views: list[QAbstractItemView] = [panel.view for panel in tabs.built_tables().values()]
    passport = tabs.built(PASSPORT)
    if passport is not None:
        views.append(cast("PassportPanel", passport).participants)
    return any(view.state() == EDITING for view in views)


class PassportTyping:
    """What is typed in the passport and not stored yet: each field whose text differs from
    the project's value (read before the project is refreshed), with its cursor."""

    def __init__(self, passport: PassportPanel) -> None:
        project = passport.project
        self.lines = {
            field: (edit.text(), edit.cursorPosition())
            for field, edit in passport.line_edits.items()
            if edit.text() != (passport.value(field) or "")
        }
        goal = passport.goal.toPlainText()
        self.goal = (goal, passport.goal.textCursor().position()) if goal != project.goal else None
        self.years: list[tuple[QSpinBox, int]] = [
            (box, box.value())
            for box, year in (
                (passport.first_year, project.first_year),
                (passport.last_year, project.last_year),
            )
            if box.value() != year
        ]

    def fields(self) -> set[str]:
        """The project's fields under typed text: a refresh leaves them as they were when the
        typing began, so that committing it checks that value against the stored one (and the
        user is asked, both values shown, if another copy changed it meanwhile)."""
        fields = {"federal_project" if f.startswith("federal_") else f for f in self.lines}
        return fields | ({"goal"} if self.goal is not None else set())

    def __bool__(self) -> bool:
        return bool(self.lines or self.goal or self.years)

    def put_back(self, passport: PassportPanel) -> None:
        """After `show_project()`: the typed texts where they were, the cursor in its place."""
        for field, (text, position) in self.lines.items():
            edit = passport.line_edits[field]
            edit.setText(text)
            edit.setCursorPosition(position)
        if self.goal is not None:
            text, position = self.goal
            passport.goal.setPlainText(text)
            cursor = passport.goal.textCursor()
            cursor.setPosition(min(position, len(text)))
            passport.goal.setTextCursor(cursor)
        for box, value in self.years:
            box.blockSignals(True)
            box.setValue(value)
            box.blockSignals(False)

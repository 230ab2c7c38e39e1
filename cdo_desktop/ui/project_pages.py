"""Each project opened in the window keeps its tabs and its undo history while the program runs.

Switching to another project and back restores what could be undone there: the undo steps
hold the very tables they were made in, so those are kept (hidden) with them. A project that is
gone (deleted here or in another copy, or made again under its code) takes its history along;
another database, or a restored backup, starts every history afresh. An undo that meets a
change made meanwhile elsewhere is asked about as always (ui/change_command.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoGroup, QUndoStack

from cdo_desktop.ui.project_tabs import ProjectTabs

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from cdo_desktop.core.model import Project
    from cdo_desktop.workspace import Workspace


class ProjectPages(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        # The window's undo and redo follow the open project's stack.
        self.group = QUndoGroup(self)
        self._no_project = QUndoStack(self)  # active when no project is open: nothing to undo
        self.group.addStack(self._no_project)
        self._pages: dict[int, ProjectTabs] = {}

    @property
    def active_stack(self) -> QUndoStack:
        return self.group.activeStack() or self._no_project

    def kept(self, project_id: int) -> ProjectTabs | None:
        return self._pages.get(project_id)

    def make(self, project: Project, workspace: Workspace) -> ProjectTabs:
        """Tabs of a project opened for the first time (since its last drop), with a fresh
        undo history."""
        assert project.id is not None
        self.drop(project.id)
        stack = QUndoStack(self)
        self.group.addStack(stack)
        tabs = ProjectTabs(project, workspace, stack, self.window)
        self._pages[project.id] = tabs
        return tabs

    def activate(self, tabs: ProjectTabs | None) -> None:
        self.group.setActiveStack(tabs.undo_stack if tabs is not None else self._no_project)

    def put_away(self, widget: object) -> None:
        """The page the window no longer shows: kept hidden when it is a project's, else gone."""
        if isinstance(widget, ProjectTabs) and self._pages.get(widget.project_id) is widget:
            widget.setParent(self.window)  # owned by the window, hidden, out of its layout
            widget.hide()
        elif isinstance(widget, QObject):
            widget.deleteLater()

    def drop(self, project_id: int) -> None:
        """Forget a project's tabs and undo history (the project is gone or made anew)."""
        tabs = self._pages.pop(project_id, None)
        if tabs is None:
            return
        self.group.removeStack(tabs.undo_stack)
        tabs.undo_stack.deleteLater()
        if self.window.centralWidget() is not tabs:
            tabs.deleteLater()

    def keep_only(self, project_ids: Iterable[int]) -> None:
        """Drop the projects the database no longer has."""
        alive = set(project_ids)
        for project_id in [p for p in self._pages if p not in alive]:
            self.drop(project_id)

    def drop_all(self) -> None:
        self.keep_only(())

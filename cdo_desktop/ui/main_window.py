"""The main window (a first, minimal one: the project list; the full window comes next)."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QMainWindow

from cdo_desktop.workspace import Workspace


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.setWindowTitle(f"Проекты — {workspace.path}")
        projects = QListWidget(self)
        for summary in workspace.projects.summaries():
            projects.addItem(
                f"{summary.code} — {summary.name} ({summary.first_year}–{summary.last_year})"
            )
        self.setCentralWidget(projects)
        self.resize(800, 500)

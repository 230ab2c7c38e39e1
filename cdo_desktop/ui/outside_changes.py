"""Another copy of the program (a colleague, a share) may change the same file: look for its
commits every two seconds and show them.

SQLite's `PRAGMA data_version`, read over the store's connection, changes when another
connection commits. What the window shows was read at some version: the watch notes the
version *before* each read of the project (`mark_read`), so a commit that comes before the
first look (or during the read itself) is shown too; before that fix the first look only took
the version as its starting point and a change made in those first seconds was never shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from cdo_desktop.ui.typing_guard import editor_open

if TYPE_CHECKING:
    from cdo_desktop.ui.main_window import MainWindow

INTERVAL_MS = 2000


class OutsideChangesWatch(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.look)
        # (reading connection, its data_version) when what is shown was read; None: not known.
        self._seen: tuple[int, int] | None = None
        # Another copy's change waits for an open cell editor to close.
        self._waiting = False

    def start(self) -> None:
        self.timer.start()

    def mark_read(self) -> None:
        """Called just before the window reads what it shows from the database."""
        self._waiting = False
        try:
            self._seen = self.window.workspace.data_version()
        except Exception:
            # The file cannot be read now: the next look starts from whatever it finds.
            self._seen = None

    def look(self) -> None:
        window = self.window
        # Not while a dialog waits for an answer (about a conflict, say): reloading the project
        # under it would pull the data, and the undo step it belongs to, away.
        if window.tabs is None or QApplication.activeModalWidget() is not None:
            return
        try:
            version = window.workspace.data_version()
        except Exception:
            return
        seen = self._seen
        if seen is None or seen[0] != version[0]:
            # Not known, or another connection (a restored backup): nothing to compare with.
            self._seen = version
            return
        if seen[1] == version[1] and not self._waiting:
            return
        if editor_open(window.tabs):
            # Rebuilding a table closes its editor and loses what is typed there: the change
            # is shown once the editor is closed (its value is then checked against the stored
            # one as it is written).
            self._waiting = True
            return
        window.refresh_from_database()

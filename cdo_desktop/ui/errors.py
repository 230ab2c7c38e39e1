"""What the window says when an action fails where no dialog expected it to: in Russian, with
the window showing again what the database holds. The details go to stderr for a bug report."""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from cdo_desktop.storage.integrity import as_told
from cdo_desktop.ui import dialogs

if TYPE_CHECKING:
    from cdo_desktop.ui.main_window import MainWindow

Handler = Callable[[type[BaseException], BaseException, TracebackType | None], None]

TITLE = "Действие не выполнено"
REPEAT_QUIET = 30.0  # seconds in which the same report is not shown again
AFTERWORD = (
    "\n\nВ базу каждое изменение записывается целиком или не записывается совсем; "
    "окно показывает то, что в ней сейчас."
)


def error_handler(window: MainWindow) -> Handler:
    """A sys.excepthook for the window's lifetime (an exception in a Qt slot ends up there).

    One report at a time, and the same one not again for a while: an error that comes back
    with every repaint must not bury the window under dialogs. Nothing is shown once the window
    is closing (the details still go to stderr).
    """
    state = {"open": False, "last": "", "at": 0.0}

    def handle(kind: type[BaseException], error: BaseException, trace: TracebackType | None):  # type: ignore[no-untyped-def]
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        traceback.print_exception(kind, error, trace)
        told = as_told(error, window.workspace.path)
        text = (
            str(told)
            if told is not None
            else f"Внутренняя ошибка программы ({kind.__name__}: {error})."
        ) + AFTERWORD
        at = state["at"]
        assert isinstance(at, float | int)
        repeated = text == state["last"] and time.monotonic() - float(at) < REPEAT_QUIET
        if state["open"] or repeated or not window.isVisible() or QApplication.closingDown():
            return
        state.update(open=True, last=text, at=time.monotonic())
        reread = told is not None  # the database's fault: show what it holds now

        def tell() -> None:
            # After the failed slot has returned: a dialog opened inside it would run the event
            # loop in the middle of Qt's own handling.
            try:
                if not window.isVisible():
                    return
                dialogs.show_error(window, TITLE, text)
                if reread and QApplication.activeModalWidget() is None:
                    try:
                        window.refresh_from_database("Показаны данные, какие они в базе сейчас.")
                    except Exception:  # the database cannot be read now either: told already
                        traceback.print_exc()
            finally:
                state.update(open=False, at=time.monotonic())

        QTimer.singleShot(0, tell)

    return handle

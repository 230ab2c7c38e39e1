"""The Qt binding installed keeps Python's reference counts right (PySide6 6.12.0 did not)."""

import sys

from PySide6.QtWidgets import QWidget


def test_calls_returning_nothing_do_not_drop_references_to_none(qtbot):
    # On Python 3.11 None has a reference count; a binding that drops one per call brings the
    # program down after a few thousand repaints (seen with PySide6 6.12.0).
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(500):
        widget.update()
    assert sys.getrefcount(None) - before > -50

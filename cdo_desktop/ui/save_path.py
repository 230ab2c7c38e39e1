"""Where to save a file: the save dialog from a suggested path, the ending added when left out."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


def ask_save_path(
    parent: QWidget | None, title: str, suggested: Path, suffix: str, file_filter: str
) -> Path | None:
    """The path chosen in the save dialog, with `suffix` («.pdf», «.xlsx») added when the name
    lacks it; None when the dialog is cancelled."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    if not chosen:
        return None
    return Path(chosen if chosen.lower().endswith(suffix) else chosen + suffix)

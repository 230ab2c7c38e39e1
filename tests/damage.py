"""Damaging a database file as a failing disk would, for the tests of what happens next."""

from __future__ import annotations

from pathlib import Path

PAGE = 4096


def damage(path: Path) -> None:
    """Overwrite pages 2–5: a table's pages, past the header, so the file still opens."""
    data = bytearray(path.read_bytes())
    for offset in range(2 * PAGE, min(len(data), 6 * PAGE)):
        data[offset] = 0x5A
    path.write_bytes(bytes(data))


def damaged_with_a_backup(path: Path) -> None:
    """A demo database with a sound backup, then damaged: what recovery starts from."""
    from cdo_desktop.workspace import open_workspace

    store = open_workspace(path)
    store.backup("manual")
    store.close()
    damage(path)

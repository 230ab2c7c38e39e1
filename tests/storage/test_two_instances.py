"""Two copies of the program on one file: they wait for each other and lose no edit."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from decimal import Decimal

from cdo_desktop.core.model import RowKind
from cdo_desktop.storage import history
from cdo_desktop.workspace import open_workspace

EDITOR_SCRIPT = textwrap.dedent("""
    import sys
    from decimal import Decimal
    from cdo_desktop.core.model import RowKind
    from cdo_desktop.storage.editing import ProjectEditor
    from cdo_desktop.workspace import open_workspace

    path, field, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = open_workspace(path, daily_backup=False)
    project_id = store.store.find("E4").id
    rows = store.store.load_rows(project_id, RowKind.RESULT)
    editor = ProjectEditor(store.store, project_id, source="процесс " + field)
    for step in range(count):
        row = rows[step % len(rows)]
        year = 2019 + (step // len(rows)) % 6
        editor.set_plan_fact_values([(row.id, year, field, Decimal(1000 + step))])
    store.close()
""")


def test_two_processes_editing_at_once_lose_no_edit(db_path, tmp_path):
    open_workspace(db_path).close()
    script = tmp_path / "editor.py"
    script.write_text(EDITOR_SCRIPT, encoding="utf-8")
    count = 24  # every result × every year, once per process
    processes = [
        subprocess.Popen(
            [sys.executable, str(script), str(db_path), field, str(count)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for field in ("plan", "fact")
    ]
    for process in processes:
        _, errors = process.communicate(timeout=120)
        assert process.returncode == 0, errors
    store = open_workspace(db_path)
    try:
        rows = store.store.load_rows(store.store.find("E4").id, RowKind.RESULT)
        for step in range(count):
            value = rows[step % 4].value(2019 + (step // 4) % 6)
            assert value.plan == Decimal(1000 + step)
            assert value.fact == Decimal(1000 + step)
        sources = {entry.source for entry in history.entries(store.database)}
        assert {"процесс plan", "процесс fact"} <= sources
        recorded = [e for e in history.entries(store.database) if e.source.startswith("процесс")]
        assert len(recorded) == 2 * count
    finally:
        store.close()

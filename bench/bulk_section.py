"""The bulk section of bench/run.py: all projects written, dumped to JSON and loaded back.

Writing projects to an empty database through the store against sqlite3's executemany of the
same rows (also used by the Excel section); `dump` against SELECT * and json.dumps; reading the
JSON document against json.loads; `cdo-desktop load` as a process, start-up included.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from measuring import Line, child_env, count, in_turns, median

from cdo_desktop.core.model import Project, RowKind


def empty_database(path: Path) -> Path:
    from cdo_desktop.workspace import open_workspace

    path.unlink(missing_ok=True)
    open_workspace(path, with_demo=False, daily_backup=False).close()
    return path


def raw_rows(projects: list[Project]) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    """The rows the program stores for `projects`, ids given here: what sqlite3 alone inserts."""
    tables: dict[str, list[tuple]] = {  # type: ignore[type-arg]
        name: []
        for name in (
            "project",
            "person",
            "participant",
            "plan_fact_row",
            "plan_fact_value",
            "financing_line",
            "budget_source",
            "financing_amount",
        )
    }
    ids = dict.fromkeys(tables, 0)

    def new_id(table: str) -> int:
        ids[table] += 1
        return ids[table]

    def text(value: object) -> str | None:
        return None if value is None else f"{value:f}"

    for project in projects:
        pid = new_id("project")
        tables["project"].append(
            (pid, project.code, project.name, project.region, project.national_project, None,
             None, project.goal, project.customer, project.first_year, project.last_year, "",
             project.due_workday)
        )  # fmt: skip
        for order, person in enumerate(project.persons):
            tables["person"].append(
                (new_id("person"), pid, order, person.role, person.name, person.position,
                 person.contacts)
            )  # fmt: skip
        for order, name in enumerate(project.participants):
            tables["participant"].append((new_id("participant"), pid, order, name))
        for kind in RowKind:
            for order, row in enumerate(project.rows(kind)):
                rid = new_id("plan_fact_row")
                tables["plan_fact_row"].append(
                    (rid, pid, kind.value, order, row.number, row.name, row.unit,
                     int(row.cumulative), row.direction.value, text(row.base_value),
                     row.base_year, row.characteristic, row.periodicity.value)
                )  # fmt: skip
                tables["plan_fact_value"] += [
                    (new_id("plan_fact_value"), rid, year, text(pair.plan), text(pair.fact))
                    for year, pair in row.values.items()
                    if not pair.is_empty()
                ]
        for order, line in enumerate(project.financing):
            lid = new_id("financing_line")
            tables["financing_line"].append((lid, pid, order, line.number, line.name, line.result))
            source_ids: dict[str, int] = {}
            for order_, source in enumerate(line.sources):
                sid = source_ids[source.name] = new_id("budget_source")
                parent = source_ids.get(source.parent) if source.parent else None
                tables["budget_source"].append((sid, lid, order_, source.name, parent))
                tables["financing_amount"] += [
                    (new_id("financing_amount"), sid, year, text(amount))
                    for year, amount in source.values.items()
                    if amount is not None
                ]
    return tables


def raw_insert(path: Path, tables: dict[str, list[tuple]]) -> None:  # type: ignore[type-arg]
    """sqlite3 alone: executemany per table, one transaction, the program's pragmas."""
    from cdo_desktop.storage.dialect import SQLITE_PRAGMAS as PRAGMAS

    connection = sqlite3.connect(path, isolation_level=None)
    for name, value in PRAGMAS.items():
        connection.execute(f"PRAGMA {name} = {value!r}" if isinstance(value, str) else
                           f"PRAGMA {name} = {value}")  # fmt: skip
    connection.execute("BEGIN IMMEDIATE")
    for table, rows in tables.items():
        if rows:
            # Columns named: later schemas add columns after these (their defaults fill them).
            names = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            columns = ", ".join(names[: len(rows[0])])
            marks = ", ".join("?" * len(rows[0]))
            connection.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
    connection.execute("COMMIT")
    connection.close()


def program_insert(path: Path, projects: list[Project], source: str = "замер") -> None:
    """The program: the store replacing all projects of a database with `projects`."""
    from cdo_desktop.workspace import open_workspace

    workspace = open_workspace(path, with_demo=False, daily_backup=False)
    try:
        workspace.store.replace(projects, source=source)
    finally:
        workspace.close()


def bulk_write(
    folder: Path, what: str, projects: list[Project], runs: int
) -> tuple[Line, list[float]]:
    tables = raw_rows(projects)
    total = sum(map(len, tables.values()))
    base_file, our_file = folder / "raw.sqlite", folder / "ours.sqlite"
    base, ours = [], []
    for _ in range(runs):
        empty_database(base_file)
        start = time.perf_counter()
        raw_insert(base_file, tables)
        base.append(time.perf_counter() - start)
        empty_database(our_file)
        start = time.perf_counter()
        program_insert(our_file, projects)
        ours.append(time.perf_counter() - start)
    line = Line(
        f"{what}: write to an empty database ({count(total)} rows)",
        "sqlite3 executemany, 1 transaction",
        median(base),
        median(ours),
        "≤ 2 ×",
        median(ours) <= 2 * median(base),
    )
    return line, ours


def dump_load(folder: Path, database: Path, runs: int) -> list[Line]:
    from cdo_desktop.exchange.json_format import parse_document_text, to_document, write_document
    from cdo_desktop.workspace import open_workspace

    text_holder: list[str] = []

    def bare_dump() -> None:
        connection = sqlite3.connect(database)
        document = {
            table: connection.execute(f"SELECT * FROM {table}").fetchall()
            for table in ("project", "plan_fact_row", "plan_fact_value", "financing_line",
                          "budget_source", "financing_amount", "person", "participant")
        }  # fmt: skip
        json.dumps(document, ensure_ascii=False)
        connection.close()

    def our_dump() -> None:
        workspace = open_workspace(database, with_demo=False, daily_backup=False)
        try:
            text_holder[:] = [write_document(to_document(workspace.store.load_all()))]
        finally:
            workspace.close()

    base, ours = in_turns(runs, bare_dump, our_dump)
    lines = [
        Line(
            "dump: all projects to JSON text",
            "sqlite3 SELECT * + json.dumps",
            median(base),
            median(ours),
            "—",
            None,
        )
    ]
    text = text_holder[0]
    base, ours = in_turns(runs, lambda: json.loads(text), lambda: parse_document_text(text))
    lines.append(
        Line("load: read the JSON document", "json.loads", median(base), median(ours), "—", None)
    )
    projects = parse_document_text(text)
    line, _ = bulk_write(folder, "load", projects, runs)
    lines.append(line)
    (folder / "dump.json").write_text(text, encoding="utf-8")
    target = empty_database(folder / "cli.sqlite")
    start = time.perf_counter()
    command = ["-m", "cdo_desktop", "--db", str(target), "load", str(folder / "dump.json")]
    subprocess.run(
        [sys.executable, *command],
        check=True,
        capture_output=True,
        env=child_env(folder),
    )
    lines.append(
        Line(
            "`cdo-desktop load` as a process, start-up included (1 run)",
            "—",
            None,
            time.perf_counter() - start,
            "—",
            None,
        )
    )
    return lines

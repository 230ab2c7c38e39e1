"""The store on a PostgreSQL server against the same work on a SQLite file.

    CDO_BENCH_PG=postgresql://superuser@127.0.0.1:PORT/postgres python bench/server_bench.py

(or `bench/run.py --only server`; CDO_TEST_PG serves too). A database and an ordinary
official's login role are made for the run (the role is no owner, so the server's row-level
security is on the path measured) and dropped at the end.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]

import generate  # noqa: E402

from cdo_desktop.core.changes import SetValue, Where  # noqa: E402
from cdo_desktop.core.history import Section  # noqa: E402
from cdo_desktop.core.model import Project  # noqa: E402

PROJECTS, ROWS, YEARS = 15, 300, 12


def server_address() -> str | None:
    return os.environ.get("CDO_BENCH_PG") or os.environ.get("CDO_TEST_PG")


class BenchServer:
    """A database and an official's role on the cluster, for one run."""

    def __init__(self, admin_url: str) -> None:
        import psycopg

        from cdo_desktop.storage.server import init_server

        tag = uuid.uuid4().hex[:8]
        self.admin_url, self.name, self.role = admin_url, f"cdo_bench_{tag}", f"cdo_bench_{tag}"
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {self.name}")
        init_server(self._url(self.name))
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f"CREATE ROLE {self.role} LOGIN PASSWORD 'bench'")
            connection.execute(f"GRANT cdo_user TO {self.role}")
        parts = urlsplit(admin_url)
        self.url = urlunsplit(
            parts._replace(
                netloc=f"{self.role}:bench@{parts.hostname}:{parts.port}", path=f"/{self.name}"
            )
        )

    def _url(self, database: str) -> str:
        return urlunsplit(urlsplit(self.admin_url)._replace(path=f"/{database}"))

    def empty(self) -> None:
        import psycopg

        with psycopg.connect(self._url(self.name), autocommit=True) as connection:
            connection.execute("DELETE FROM project")
            connection.execute("DELETE FROM change_log")
            connection.execute("DELETE FROM project_grant")

    def drop(self) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
            connection.execute(f"DROP ROLE IF EXISTS {self.role}")


def timed(action: Callable[[], object], runs: int) -> float:
    spent = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        spent.append(time.perf_counter() - start)
    spent.sort()
    return spent[len(spent) // 2]


def measure(runs: int = 5) -> list[tuple[str, float, float, str, bool]]:
    """(what, SQLite seconds, server seconds, target, met) for each measurement."""
    from cdo_desktop.exchange.json_format import parse_document_text, to_document, write_document
    from cdo_desktop.storage.database import open_store
    from cdo_desktop.storage.server import open_server_store

    admin = server_address()
    if not admin:
        raise SystemExit("CDO_BENCH_PG (or CDO_TEST_PG) is not set: no server to measure")
    projects = generate.projects(PROJECTS, ROWS, YEARS)
    document = write_document(to_document(projects))
    server = BenchServer(admin)
    folder = Path(tempfile.mkdtemp(prefix="cdo-server-bench-"))
    lines = []
    try:
        counter = iter(range(10**6))

        def load_file() -> None:
            store = open_store(folder / f"load{next(counter)}.sqlite")
            store.replace(parse_document_text(document))
            store.close()

        def load_server() -> None:
            server.empty()
            store = open_server_store(server.url)
            store.replace(parse_document_text(document))
            store.close()

        base, ours = timed(load_file, max(1, runs - 2)), timed(load_server, max(1, runs - 2))
        lines.append(
            (
                f"load of the bench document ({PROJECTS} × {ROWS})",
                base,
                ours,
                "≤ 3 ×",
                ours <= 3 * base,
            )
        )
        file_store = open_store(folder / "load0.sqlite")
        server_store = open_server_store(server.url)
        try:
            pairs = [(file_store, "file"), (server_store, "server")]
            opened = {}
            for store, name in pairs:
                ids = [summary.id for summary in store.summaries()]
                opened[name] = timed(lambda s=store, i=ids: s.load(i[len(i) // 2]), runs)
            base, ours = opened["file"], opened["server"]
            lines.append(
                (
                    f"open a project ({PROJECTS} projects × {ROWS} rows)",
                    base,
                    ours,
                    "≤ 3 ×, < 0.2 s",
                    ours <= 3 * base and ours < 0.2,
                )
            )
            edits = {}
            for store, name in pairs:
                project = store.load(store.summaries()[0].id)
                edits[name] = timed(lambda s=store, p=project: edit_and_undo(s, p), runs * 4) / 2
            base, ours = edits["file"], edits["server"]
            lines.append(("one cell edit round trip", base, ours, "< 50 ms", ours < 0.05))
        finally:
            file_store.close()
            server_store.close()
    finally:
        server.drop()
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
    return lines


def edit_and_undo(store, project: Project) -> None:  # type: ignore[no-untyped-def]
    row = project.indicators[0]
    year = project.first_year
    where = Where(project.id, Section.INDICATORS, row.id, "plan", year)
    current = row.value(year).plan  # the edit and its undo leave it as it was
    undo = store.apply([SetValue(where, current, (current or Decimal(0)) + 1)])
    store.apply(undo)


def main() -> int:
    for what, base, ours, target, met in measure():
        print(
            f"{what}: SQLite file {base * 1000:.1f} ms, server {ours * 1000:.1f} ms "
            f"({ours / base:.1f} ×), target {target}: {'met' if met else 'NOT met'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

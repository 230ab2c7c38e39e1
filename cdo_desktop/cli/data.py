"""`projects`, `dump` and `load`: the database as a list, and as the JSON exchange document."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cdo_desktop.cli.common import (
    EXIT_OK,
    projects_from,
    read_text_file,
    say,
    tabbed,
    workspace_from,
    write_to_stdout,
)

if TYPE_CHECKING:
    from cdo_desktop.core.model import Project
    from cdo_desktop.storage.store import Store


def register(subcommands: Any, shared: argparse.ArgumentParser) -> None:
    projects = subcommands.add_parser(
        "projects", parents=[shared], help="список проектов в базе (код, название, годы)"
    )
    projects.set_defaults(run=list_projects)

    dump = subcommands.add_parser(
        "dump", parents=[shared], help="выгрузить проекты в документ JSON (cdo-desktop/1)"
    )
    dump.add_argument("--project", metavar="КОД", help="только этот проект (код или название)")
    dump.add_argument("-o", "--output", metavar="ФАЙЛ", help="записать в файл, а не на экран")
    dump.set_defaults(run=dump_projects)

    load = subcommands.add_parser(
        "load",
        parents=[shared],
        help="загрузить документ JSON: проект с тем же кодом заменяется целиком",
    )
    load.add_argument("file", metavar="ФАЙЛ.json", help="документ обмена cdo-desktop/1")
    load.set_defaults(run=load_projects)


def list_projects(args: argparse.Namespace) -> int:
    workspace = workspace_from(args)
    try:
        summaries = workspace.store.summaries()
    finally:
        workspace.close()
    if not summaries:
        say("В базе нет проектов.")
    for summary in summaries:
        say(tabbed(summary.code, summary.name, f"{summary.first_year}–{summary.last_year}"))
    return EXIT_OK


def dump_projects(args: argparse.Namespace) -> int:
    from cdo_desktop.exchange.json_format import to_document, write_document
    from cdo_desktop.files import write_file_atomically

    projects = projects_from(args)
    text = write_document(to_document(projects))
    if args.output:

        def write(path: Path) -> None:
            path.write_text(text, encoding="utf-8")

        write_file_atomically(args.output, write)
    else:
        write_to_stdout(text.encode("utf-8"))
    return EXIT_OK


def load_projects(args: argparse.Namespace) -> int:
    from cdo_desktop.exchange.json_format import parse_document_text

    # The document is read and checked whole before the database is opened: a bad file never
    # gets as far as a transaction.
    projects = parse_document_text(read_text_file(args.file), file=args.file)
    workspace = workspace_from(args)
    try:
        workspace.backup_before("load", [project.code for project in projects])
        outside = _values_outside_new_periods(workspace.store, projects)
        workspace.store.replace(projects, source=f"загрузка файла {args.file}")
    finally:
        workspace.close()
    names = ", ".join(f"{project.code} «{project.name}»" for project in projects)
    say(f"Загружено проектов: {len(projects)}" + (f" ({names})" if names else ""))
    if outside:
        say(f"Удалено значений вне периода: {outside}")
    return EXIT_OK


def _values_outside_new_periods(store: Store, projects: list[Project]) -> int:
    """How many stored values fall outside the years of the documents replacing their projects
    (`load` replaces a project whole, so they go; the user is told how many)."""
    from cdo_desktop.core.model import code_key
    from cdo_desktop.core.period import values_outside

    stored = {code_key(summary.code): summary.id for summary in store.summaries()}
    count = 0
    for project in projects:
        project_id = stored.get(code_key(project.code))
        if project_id is not None:
            count += len(values_outside(store.load(project_id), project.years))
    return count

"""`history`: who changed what and when, from the database's change history."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from cdo_desktop.cli.common import EXIT_OK, workspace_from
from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.history import HistoryEntry
from cdo_desktop.storage import history


def register(subcommands: Any, shared: argparse.ArgumentParser) -> None:
    command = subcommands.add_parser(
        "history", parents=[shared], help="история изменений: когда, кто, что, было → стало"
    )
    command.add_argument("--project", metavar="CODE", help="только этот проект (код или название)")
    command.add_argument(
        "--since", metavar="DATE", help="начиная с даты: ГГГГ-ММ-ДД или ДД.ММ.ГГГГ"
    )
    command.set_defaults(run=print_history)


def parse_date(text: str) -> str:
    """An ISO date from `2026-11-26` or `26.11.2026`; a Russian message otherwise."""
    cleaned = text.strip()
    for parse in (
        date.fromisoformat,
        lambda t: date(*reversed([int(part) for part in t.split(".")])),
    ):
        try:
            return parse(cleaned).isoformat()
        except (ValueError, TypeError):
            continue
    raise CdoError(f"«{text}» — не дата; укажите ГГГГ-ММ-ДД или ДД.ММ.ГГГГ", place="--since")


def format_entry(entry: HistoryEntry) -> str:
    when = entry.at.replace("T", " ")
    project = entry.project_code or "вся база"
    return (
        f"{when}\t{entry.user}\t{project}\t{entry.change.where()}\t"
        f"{entry.change.what()}\t{entry.source}"
    )


def print_history(args: argparse.Namespace) -> int:
    since = parse_date(args.since) if args.since else None
    workspace = workspace_from(args)
    try:
        code = workspace.projects.find(args.project).code if args.project else None
        found = history.entries(workspace.database, project_code=code, since=since)
    finally:
        workspace.close()
    if not found:
        print("Изменений не найдено.")
    for entry in reversed(found):  # oldest first, as a log reads
        print(format_entry(entry))
    return EXIT_OK

"""`history`, `check`, `backup`, `restore`: the figures' record, their soundness, their copies."""

from __future__ import annotations

import argparse
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from cdo_desktop import paths
from cdo_desktop.cli.common import (
    EXIT_OK,
    EXIT_USER_ERROR,
    say,
    tabbed,
    workspace_from,
)
from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.history import HistoryEntry
from cdo_desktop.core.rules import Level, check_project


def register(subcommands: Any, shared: argparse.ArgumentParser) -> None:
    command = subcommands.add_parser(
        "history", parents=[shared], help="история изменений: когда, кто, что, было → стало"
    )
    command.add_argument("--project", metavar="КОД", help="только этот проект (код или название)")
    command.add_argument(
        "--since", metavar="ДАТА", help="начиная с даты: ГГГГ-ММ-ДД или ДД.ММ.ГГГГ"
    )
    command.set_defaults(run=print_history)

    check = subcommands.add_parser(
        "check",
        parents=[shared],
        help="проверка данных; код завершения 1, если найдены ошибки",
    )
    check.add_argument("--project", metavar="КОД", help="только этот проект (код или название)")
    check.add_argument(
        "--as-of",
        metavar="ДАТА",
        help="на какую дату проверять сроки фактов: ГГГГ-ММ-ДД или ДД.ММ.ГГГГ "
        "(по умолчанию сегодня)",
    )
    check.set_defaults(run=check_projects)

    backup = subcommands.add_parser(
        "backup",
        parents=[shared],
        help="резервная копия базы данных в файл или, без него, в папку копий этой базы",
    )
    backup.add_argument(
        "output", metavar="ФАЙЛ.sqlite", nargs="?", help="куда записать копию (необязательно)"
    )
    backup.set_defaults(run=backup_database)

    restore = subcommands.add_parser(
        "restore",
        parents=[shared],
        help="восстановить базу из резервной копии (текущая база сначала копируется; "
        "повреждённая сохраняется рядом)",
    )
    restore.add_argument("file", metavar="ФАЙЛ.sqlite", help="резервная копия")
    restore.add_argument(
        "--project",
        metavar="КОД",
        help="восстановить только этот проект (с его историей); остальные не меняются",
    )
    restore.set_defaults(run=restore_database)


def parse_date(text: str, place: str = "--since") -> str:
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
    raise CdoError(f"«{text}» — не дата; укажите ГГГГ-ММ-ДД или ДД.ММ.ГГГГ", place=place)


def format_entry(entry: HistoryEntry) -> str:
    project = entry.project_code or "вся база"
    return tabbed(
        entry.when(), entry.user, project, entry.change.where(), entry.change.what(), entry.source
    )


def print_history(args: argparse.Namespace) -> int:
    from cdo_desktop.storage import history

    since = parse_date(args.since) if args.since else None
    workspace = workspace_from(args)
    try:
        code = workspace.store.find(args.project).code if args.project else None
        found = history.entries(workspace.database, project_code=code, since=since)
    finally:
        workspace.close()
    if not found:
        say("Изменений не найдено.")
    for entry in reversed(found):  # oldest first, as a log reads
        say(format_entry(entry))
    return EXIT_OK


def check_projects(args: argparse.Namespace) -> int:
    as_of = date.fromisoformat(parse_date(args.as_of, "--as-of")) if args.as_of else date.today()
    from cdo_desktop.cli.monitoring import calendar_and_projects

    calendar, projects = calendar_and_projects(args)
    errors = warnings = 0
    for project in projects:
        problems = check_project(project, as_of, calendar)
        say(
            f"{project.code} «{project.name}»: "
            + ("проблем не найдено" if not problems else f"найдено проблем: {len(problems)}")
        )
        for problem in problems:
            say(f"  {problem}")
        errors += sum(problem.level is Level.ERROR for problem in problems)
        warnings += sum(problem.level is Level.WARNING for problem in problems)
    say(f"Ошибок: {errors}, предупреждений: {warnings}")
    return EXIT_USER_ERROR if errors else EXIT_OK


def backup_database(args: argparse.Namespace) -> int:
    from cdo_desktop.files import write_file_atomically
    from cdo_desktop.storage import backups
    from cdo_desktop.storage.safe_copy import (
        StillLocked,
        copy_database,
        disk_problem,
        integrity_problem,
    )

    def verified_copy(connection: sqlite3.Connection, path: Path) -> None:
        try:
            copy_database(connection, path)
            problem = integrity_problem(path)
        except (sqlite3.Error, StillLocked) as error:
            raise CdoError(
                f"не удалось сделать резервную копию: {disk_problem(error)}", place=args.output
            ) from None
        if problem is not None:
            raise CdoError(f"копия не прошла проверку ({problem})", place=args.output)

    workspace = workspace_from(args)
    try:
        if args.output is None:
            written = workspace.backup("manual")
        elif workspace.store.on_server:
            # A server's snapshot: every project with its history in a new SQLite file.
            from cdo_desktop.workspace import snapshot

            def write_snapshot(path: Path) -> None:
                snapshot(workspace.store, path)

            write_file_atomically(args.output, write_snapshot)
            written = Path(args.output)
        else:
            backups.refuse_same_file(
                workspace.path, Path(args.output), "копию нельзя записать поверх самой базы"
            )
            connection = workspace.database.connection()

            def copy(path: Path) -> None:
                try:
                    verified_copy(connection, path)
                except sqlite3.Error as error:
                    # SQLite's complaint is about the copy being written (the database is only
                    # read): a full disk is the copy's, not the database's.
                    if "locked" in str(error) or "busy" in str(error):
                        raise
                    raise CdoError(copy_problem(error), place=args.output) from None

            write_file_atomically(args.output, copy)
            written = Path(args.output)
    finally:
        workspace.close()
    say(f"Резервная копия записана: {written}")
    return EXIT_OK


def copy_problem(error: sqlite3.Error) -> str:
    text = str(error)
    if "full" in text:
        return "не удалось записать файл: на диске нет места"
    if "readonly" in text or "unable to open" in text:
        return "не удалось записать файл: нет права записи"
    return f"не удалось записать копию: {text}"


def restore_projects_from(args: argparse.Namespace) -> int:
    """One project from a backup (its editors may), or on a server the whole database (for
    cdo_admin): the current state is saved first, then the copy laid over in one transaction."""
    from cdo_desktop.storage import access
    from cdo_desktop.storage.copying import restore_projects

    workspace = workspace_from(args)
    try:
        store = workspace.store
        if not args.project and store.on_server and not access.is_admin(store.database):
            raise CdoError(
                "восстановить всю базу на сервере могут только члены роли cdo_admin; "
                "для одного проекта укажите --project"
            )
        saved = workspace.backup("restore")
        codes = restore_projects(Path(args.file), store, [args.project] if args.project else None)
    finally:
        workspace.close()
    say(
        f"Восстановлено из {args.file} проектов: {len(codes)} ({', '.join(codes)}). "
        f"Прежнее состояние сохранено: {saved}"
    )
    return EXIT_OK


def restore_database(args: argparse.Namespace) -> int:
    from cdo_desktop.cli.common import server_url
    from cdo_desktop.storage import backups

    if args.project or server_url(args):
        return restore_projects_from(args)

    # Not through a workspace: the database may be damaged (what a restore is for), and its
    # opening would refuse it. restore_backup checks the copy before the database is touched.
    database_path = Path(args.db) if args.db else paths.default_database_path()
    backups.refuse_same_file(
        database_path, Path(args.file), "восстановить базу из неё самой нельзя"
    )
    saved = backups.restore_backup(None, database_path, Path(args.file))
    told = f"База восстановлена из {args.file}."
    if saved is not None:
        told += f" Прежнее состояние сохранено: {saved}"
    say(told)
    return EXIT_OK

"""The `cdo-desktop` command: subcommands for scripts and acceptance checks; none opens the window.

Exit status: 0 success, 1 a user error (one Russian message on stderr naming the place),
2 a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from cdo_desktop import __version__
from cdo_desktop.cli.common import (
    EXIT_USER_ERROR,
    Command,
    RussianArgumentParser,
    report_error,
    silence_closed_output,
    told_error,
)
from cdo_desktop.core.errors import CdoError


def build_parser() -> argparse.ArgumentParser:
    # --db and --no-demo are accepted before or after the subcommand: the parent parser gives
    # them to both levels, SUPPRESS keeps the subcommand's absent value from hiding the main one.
    shared = RussianArgumentParser(add_help=False)
    common = shared.add_argument_group("общие параметры (до или после подкоманды)")
    common.add_argument(
        "--db",
        metavar="ФАЙЛ",
        default=argparse.SUPPRESS,
        help="файл базы данных или сервер postgresql://пользователь@сервер:порт/база "
        "(по умолчанию $CDO_DB или папка данных пользователя)",
    )
    common.add_argument(
        "--no-demo",
        action="store_true",
        default=argparse.SUPPRESS,
        help="новую базу создать пустой, без демонстрационного проекта",
    )
    parser = RussianArgumentParser(
        prog="cdo-desktop",
        description="Региональный проект «Цифровая образовательная среда»: ведение и отчётность. "
        "Без подкоманды открывается окно программы.",
        parents=[shared],
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"cdo-desktop {__version__}",
        help="показать версию программы и выйти",
    )
    subcommands = parser.add_subparsers(
        dest="command", title="подкоманды", metavar="КОМАНДА", parser_class=RussianArgumentParser
    )
    # Each module adds its subcommands; listed by hand so a frozen build has them all. They
    # are imported here, and they import the storage, exchange and report code inside their
    # commands: the window's start (bench/: cold start) does not wait for what it does not use.
    from cdo_desktop.cli import (
        control_points,
        data,
        excel,
        monitoring,
        overview,
        server,
        summary,
        trust,
        versions,
    )

    for module in (
        data,
        excel,
        summary,
        trust,
        server,
        versions,
        overview,
        control_points,
        monitoring,
    ):
        module.register(subcommands, shared)
    return parser


def window_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments when they only open the window (nothing, --db PATH, --no-demo), read
    without building every subcommand's parser; None for anything else, which the whole
    parser reads, help and errors included."""
    quick = _QuietParser(add_help=False, allow_abbrev=False)
    quick.add_argument("--db")
    quick.add_argument("--no-demo", action="store_true")
    try:
        args, rest = quick.parse_known_args(list(argv))
    except _NotForTheWindow:
        return None
    return None if rest else args


class _NotForTheWindow(Exception):
    pass


class _QuietParser(argparse.ArgumentParser):
    """Says nothing on an error (the whole parser will, in Russian): just gives up."""

    def error(self, message: str) -> NoReturn:
        raise _NotForTheWindow(message)


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A Windows console may not have a Cyrillic code page; never die on printing.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    window = window_arguments(sys.argv[1:] if argv is None else argv)
    if window is not None:
        return open_window(window)
    parser = build_parser()
    args = parser.parse_args(argv)
    args.db = getattr(args, "db", None)
    args.no_demo = getattr(args, "no_demo", False)
    command: Command | None = getattr(args, "run", None)
    if command is None:
        return open_window(args)
    try:
        return command(args)
    except CdoError as error:
        report_error(error)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        # `dump | head`: the reader has all it wanted. Quiet, as other Unix tools are.
        silence_closed_output()
        return EXIT_USER_ERROR
    except Exception as error:
        told = told_error(error, args)
        if told is None:
            raise  # a bug: the traceback is what a bug report needs
        report_error(told)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        report_error("прервано пользователем")
        return EXIT_USER_ERROR


def open_window(args: argparse.Namespace) -> int:
    """No subcommand: the window. The database file's damage check starts first, in a thread,
    so that it runs while Qt and the window load; then Qt is loaded (never for subcommands)."""
    from cdo_desktop import paths
    from cdo_desktop.cli.common import server_url
    from cdo_desktop.storage.integrity import IntegrityCheck

    url = server_url(args)
    if url is not None:
        from cdo_desktop.app import run_gui

        return run_gui(url, not args.no_demo)
    database = Path(args.db) if args.db else paths.default_database_path()
    started_check = IntegrityCheck.of_existing(database)
    from cdo_desktop.app import remembered_server, run_gui

    if not args.db and not os.environ.get(paths.DATABASE_ENV):
        # Neither --db nor $CDO_DB: the server the window was on when it was last closed.
        url = remembered_server()
        if url:
            if started_check is not None:
                started_check.finish()
            return run_gui(url, not args.no_demo)
    return run_gui(database, not args.no_demo, started_check)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

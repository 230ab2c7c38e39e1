"""What every subcommand shares: Russian argparse, the workspace from --db, safe output files."""

from __future__ import annotations

import argparse
import errno
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from cdo_desktop.core.errors import CdoError, DocumentError
from cdo_desktop.core.model import Project
from cdo_desktop.core.text import terminal_safe

if TYPE_CHECKING:
    from cdo_desktop.workspace import Workspace

EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_USAGE = 2

Command = Callable[[argparse.Namespace], int]

_ARGPARSE_MESSAGES = [
    (r"the following arguments are required: (.*)", r"не указаны обязательные аргументы: \1"),
    (r"unrecognized arguments: (.*)", r"неизвестные аргументы: \1"),
    (
        r"argument (.*?): invalid choice: (.*?) \(choose from (.*)\)",
        r"аргумент \1: недопустимое значение \2 (возможны: \3)",
    ),
    (r"argument (.*?): expected one argument", r"аргументу \1 нужно значение"),
    (r"argument (.*?): invalid int value: (.*)", r"аргумент \1: не целое число: \2"),
    (r"argument (.*?): (.*)", r"аргумент \1: \2"),
]


class RussianFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "Использование: " if prefix is None else prefix)


class RussianArgumentParser(argparse.ArgumentParser):
    """argparse speaking Russian in its help and its usage errors (exit status 2)."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", RussianFormatter)
        add_help = kwargs.pop("add_help", True)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "аргументы"
        self._optionals.title = "параметры"
        if add_help:
            self.add_argument(
                "-h",
                "--help",
                action="help",
                default=argparse.SUPPRESS,
                help="показать эту справку и выйти",
            )

    def error(self, message: str) -> NoReturn:
        for pattern, replacement in _ARGPARSE_MESSAGES:
            if re.fullmatch(pattern, message):
                message = re.sub(pattern, replacement, message)
                break
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: ошибка: {message}\n")


def report_error(error: CdoError | str) -> None:
    print(f"cdo-desktop: ошибка: {terminal_safe(str(error), keep='')}", file=sys.stderr)


def say(text: str = "") -> None:
    """A line for the terminal. Names and values come from files and other people: their
    control characters are shown escaped, never sent raw (an escape sequence in a project's
    name must not clear the screen or hide a line of a --dry-run)."""
    print(terminal_safe(text))


def tabbed(*fields: object) -> str:
    """Fields separated by tabs, a tab or line end inside one escaped (one record a line)."""
    return "\t".join(terminal_safe(str(field), keep="") for field in fields)


def told_error(error: Exception, args: argparse.Namespace) -> CdoError | None:
    """An error no command caught, told in one Russian line: SQLite's or peewee's about the
    database file, the server's about the server, the system's about a file being written;
    None for anything else (a bug)."""
    from cdo_desktop.storage.integrity import as_told

    url = server_url(args)
    if url is not None:
        from cdo_desktop.storage.server import server_error

        told = server_error(error, url)
        if told is not None:
            return told
    return as_told(error, database_path(args))


def server_url(args: argparse.Namespace) -> str | None:
    """The server --db (or $CDO_DB) names, if it names one."""
    from cdo_desktop.workspace import server_url as named

    return named(getattr(args, "db", None) or None)


def ask_password_on_terminal() -> str | None:
    """The server's password typed at the terminal (never echoed, never kept); None when
    there is no terminal to ask at."""
    if not sys.stdin.isatty():
        return None
    import getpass

    try:
        return getpass.getpass("Пароль для подключения к серверу: ")
    except (EOFError, KeyboardInterrupt):
        return None


def database_path(args: argparse.Namespace) -> Path:
    """The file --db names, or the default one (as the workspace opens it)."""
    from cdo_desktop import paths

    return Path(args.db) if getattr(args, "db", None) else paths.default_database_path()


def write_to_stdout(data: bytes) -> None:
    """All of `data` to stdout, or a CdoError: a file on a full disk takes part of a large
    write and says so only at the next one (BufferedWriter returns the short count)."""
    sys.stdout.flush()
    output = sys.stdout.buffer
    remaining = memoryview(data)
    try:
        while remaining:
            written = output.write(remaining)
            if not written:  # nothing taken and no error: never loop forever on it
                raise OSError(errno.EIO, "nothing written")
            remaining = remaining[written:]
        output.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        from cdo_desktop.files import write_problem

        raise CdoError(write_problem(error), place="стандартный вывод") from None


def silence_closed_output() -> None:
    """The reader of stdout has gone (`dump | head`): what is still buffered goes nowhere,
    instead of a second BrokenPipeError when Python flushes stdout at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout is not a real file (a test's capture)
        pass


def workspace_from(args: argparse.Namespace) -> Workspace:
    # Imported here: the storage (and peewee) is not loaded before the window's start needs it.
    from cdo_desktop.workspace import open_workspace

    url = server_url(args)
    if url is not None:
        return open_workspace(url, ask_password=ask_password_on_terminal)
    return open_workspace(Path(args.db) if args.db else None, with_demo=not args.no_demo)


def projects_from(args: argparse.Namespace) -> list[Project]:
    """The project named by --project (code or name), or every project of the database."""
    workspace = workspace_from(args)
    try:
        if args.project:
            return [workspace.store.load(workspace.store.find(args.project).id)]
        return workspace.store.load_all()
    finally:
        workspace.close()


def read_text_file(path: str) -> str:
    """A UTF-8 text file, with a Russian message when it cannot be read."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DocumentError("файл не найден", file=path) from None
    except IsADirectoryError:
        raise DocumentError("это папка, а не файл", file=path) from None
    except PermissionError:
        raise DocumentError("нет права чтения файла", file=path) from None
    except UnicodeDecodeError as error:
        raise DocumentError(
            f"файл не в кодировке UTF-8 (байт {error.start + 1})", file=path
        ) from None
    except OSError as error:
        raise DocumentError(f"не удалось прочитать файл: {error.strerror}", file=path) from None

"""The server's faults in one Russian line each, and getting over a lost connection.

Kept apart from `server.py` so the store can tell them without importing the server module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import peewee
from peewee import Database

from cdo_desktop.core.changes import ChangeConflict
from cdo_desktop.core.errors import CdoError, DatabaseFileError

ASK_ADMIN = "обратитесь к администратору"


class ServerError(DatabaseFileError):
    """The server cannot be used now: unreachable, refused, lost, too slow."""


class NoRightError(ServerError):
    """The server refused a change the role has no right to (trying again will not help)."""


def shown(url: str) -> str:
    """The address as told to the user: never with its password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[-1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}@{host}" if user else host))


# What the server or libpq says (in English, whatever the server's locale for these), in Russian.
_FAULTS: list[tuple[str, str]] = [
    (r"password authentication failed", "неверное имя пользователя или пароль"),
    (r"no password supplied", "сервер требует пароль, а он не указан"),
    (r"role \S+ does not exist", "на сервере нет такой роли (пользователя); " + ASK_ADMIN),
    (r"database \S+ does not exist", "на сервере нет такой базы данных; " + ASK_ADMIN),
    (r"connection refused", "сервер не принимает подключения (он не запущен или адрес неверен)"),
    (r"timeout expired|timed out", "сервер не отвечает (истекло время ожидания подключения)"),
    (
        r"could not translate host name|name or service not known|nodename nor servname",
        "адрес сервера не найден",
    ),
    (r"no pg_hba\.conf entry", "сервер не разрешает подключение с этого компьютера; " + ASK_ADMIN),
    (
        r"canceling statement due to statement timeout",
        "сервер прервал слишком долгую операцию (время ожидания истекло); изменение не "
        "сохранено, повторите его",
    ),
    (
        r"server closed the connection|terminating connection|connection is (closed|lost)"
        r"|consuming input failed|the connection is closed|connection .* lost|ssl syscall",
        "соединение с сервером потеряно; изменение не сохранено, повторите его",
    ),
    (r"row-level security|permission denied", "нет права на изменение: " + ASK_ADMIN),
]
_NO_RIGHT = _FAULTS[-1][0]


def _psycopg_error(error: BaseException) -> BaseException | None:
    """The driver's error inside peewee's wrapper (or the error itself)."""
    seen: BaseException | None = error
    while seen is not None:
        if type(seen).__module__.startswith("psycopg"):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def server_error(error: BaseException, url: str) -> CdoError | None:
    """The error told in one Russian line naming the server; None when it is not the server's
    (a bug, whose traceback is wanted)."""
    if isinstance(error, CdoError):
        return error
    driver = _psycopg_error(error)
    if driver is None and not isinstance(error, peewee.PeeweeException):
        return None
    text = str(driver or error)
    for pattern, russian in _FAULTS:
        if re.search(pattern, text, re.IGNORECASE):
            kind = NoRightError if pattern == _NO_RIGHT else ServerError
            return kind(russian, place=f"сервер {shown(url)}")
    first_line = text.strip().splitlines()[0] if text.strip() else type(error).__name__
    return ServerError(f"ошибка сервера: {first_line}", place=f"сервер {shown(url)}")


@contextmanager
def told_faults(database: Database) -> Iterator[None]:
    """Around a store's operation on a server: a fault of the server becomes its ServerError,
    and a lost connection is dropped, so the next operation connects again (a retry works)."""
    try:
        yield
    except (ChangeConflict, CdoError):
        raise
    except Exception as error:
        if database.in_transaction():
            raise  # the transaction is undone first; the outermost operation tells it
        told = server_error(error, str(getattr(database, "database", "")))
        if told is None:
            raise
        forget_lost_connection(database)
        raise told from None


def execute_on_server(database: Database, text: str, parameters: Sequence[object]) -> Any:
    """One statement on the server, its fault told in Russian. A read outside a transaction
    that finds the connection lost (the server restarted, the network dropped while the window
    sat idle) is read once more over a new connection: reading twice changes nothing, and the
    user is not told of a fault that one more try got over."""
    with told_faults(database):
        try:
            return database.execute_sql(text, tuple(parameters))
        except Exception:
            reading = text.lstrip()[:6].upper() == "SELECT"
            if database.in_transaction() or not reading or not forget_lost_connection(database):
                raise
        return database.execute_sql(text, tuple(parameters))


def forget_lost_connection(database: Database) -> bool:
    """Drop a connection the server has lost (the next statement connects again): True if it
    was lost."""
    state = getattr(database, "_state", None)  # peewee's per-thread connection state
    connection = getattr(state, "conn", None)
    if state is None or connection is None or not getattr(connection, "broken", False):
        return False
    try:
        state.transactions.clear()
        database.close()
    except Exception:  # the connection is gone already: only peewee's state is left to reset
        state.reset()
    return True

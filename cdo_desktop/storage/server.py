"""The ministry's server: a PostgreSQL database holding the same schema as a file.

`init_server` (an administrator's command) creates or upgrades the schema from the peewee
tables; `open_server_store` never changes a schema — a server whose schema is not the program's
own version is refused with a message naming both versions. The server's faults (refused,
wrong password, lost connection, statement timeout) become one Russian line each.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from peewee import Database, PostgresqlDatabase

from cdo_desktop.storage import access
from cdo_desktop.storage.faults import ASK_ADMIN, ServerError, server_error, shown
from cdo_desktop.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from cdo_desktop.storage.store import Store
from cdo_desktop.storage.tables import ALL_TABLES

__all__ = ["ASK_ADMIN", "ServerError", "init_server", "open_server_store", "server_error", "shown"]

SCHEMES = ("postgresql://", "postgres://")
# A statement that runs longer is stopped by the server (a lock held by a hung session must
# not freeze every window); seconds to connect before the server counts as unreachable.
STATEMENT_TIMEOUT_MS = 30_000
CONNECT_TIMEOUT_S = 10


def with_postgres_driver() -> None:
    """Give peewee the psycopg 3 driver it was loaded without (see storage/__init__.py)."""
    import peewee

    module: Any = peewee  # its driver globals are set at its import, or here
    if module.psycopg is not None:
        return
    import psycopg
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    module.psycopg = psycopg
    module.TransactionStatus = TransactionStatus
    module.Json_pg3, module.Jsonb_pg3 = Json, Jsonb
    adapter = peewee.Psycopg3Adapter
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN


def is_server_url(location: object) -> bool:
    return isinstance(location, str) and location.lower().startswith(SCHEMES)


def connect_server(url: str, *, password: str | None = None) -> PostgresqlDatabase:
    """A peewee database object over psycopg 3 for `url`, connected (ServerError if not).

    The password comes from the URL, libpq's password file (~/.pgpass, %APPDATA%/postgresql/
    pgpass.conf) or `password`; the program never stores one.
    """
    options: dict[str, Any] = {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "options": f"-c statement_timeout={STATEMENT_TIMEOUT_MS}",
        "application_name": "cdo-desktop",
    }
    if password is not None:
        options["password"] = password
    with_postgres_driver()
    database = PostgresqlDatabase(
        url
        if url.lower().startswith("postgresql://")
        else "postgresql://" + url.split("://", 1)[1],
        prefer_psycopg3=True,
        autoconnect=True,
        **options,
    )
    try:
        database.connect()
    except Exception as error:
        told = server_error(error, url)
        if told is None:
            raise
        raise told from None
    return database


# ---------------------------------------------------------------------- the schema


def stored_version(database: Database) -> int | None:
    """The schema version the server keeps in `meta`; None when it has no schema of ours."""
    if "meta" not in database.get_tables():
        return None
    row = database.execute_sql("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else None


def _refuse(version: int | None, url: str) -> None:
    if version is None:
        raise ServerError(
            "на сервере нет базы данных программы: её создаёт команда «cdo-desktop init-server»; "
            + ASK_ADMIN,
            place=f"сервер {shown(url)}",
        )
    if version != SCHEMA_VERSION:
        age = "более новой" if version > SCHEMA_VERSION else "более старой"
        raise ServerError(
            f"схема базы данных на сервере {age} версии ({version}), эта программа работает "
            f"с версией {SCHEMA_VERSION}; {ASK_ADMIN}",
            place=f"сервер {shown(url)}",
        )


def open_server_store(url: str, *, ask_password: Callable[[], str | None] | None = None) -> Store:
    """A store over the server at `url`; its schema must be this program's version exactly."""
    try:
        database = connect_server(url)
    except ServerError as error:
        if ask_password is None or "пароль" not in error.problem:
            raise
        password = ask_password()
        if password is None:
            raise
        database = connect_server(url, password=password)
    try:
        _refuse(stored_version(database), url)
    except BaseException as error:
        database.close()
        told = server_error(error, url) if isinstance(error, Exception) else None
        if told is None:
            raise
        raise told from None
    return Store(database)


def init_server(url: str, *, password: str | None = None) -> str:
    """Create the schema on an empty server database, or check and complete an existing one
    (roles, policies); what was done, in Russian. A newer schema is left alone."""
    database = connect_server(url, password=password)
    try:
        version = stored_version(database)
        if version is not None and version > SCHEMA_VERSION:
            _refuse(version, url)
        with database.atomic():
            if version is None:
                with database.bind_ctx(ALL_TABLES):
                    database.create_tables(ALL_TABLES)
                database.execute_sql(
                    "INSERT INTO meta (key, value) VALUES ('database_id', %s), "
                    "('schema_version', %s)",
                    (uuid.uuid4().hex, str(SCHEMA_VERSION)),
                )
                done = f"схема базы данных создана (версия {SCHEMA_VERSION})"
            elif version < 4:
                # Server schemas start at version 4: there is no older one to upgrade.
                _refuse(version, url)
                done = ""
            elif version < SCHEMA_VERSION:
                # Later migrations are written to run on both engines (m005 onwards).
                for migration in MIGRATIONS[version:]:
                    migration.upgrade(database)
                database.execute_sql(
                    "UPDATE meta SET value = %s WHERE key = 'schema_version'",
                    (str(SCHEMA_VERSION),),
                )
                done = f"схема базы данных обновлена до версии {SCHEMA_VERSION}"
            else:
                done = f"схема базы данных уже версии {SCHEMA_VERSION}"
            access.secure(database)
        return done
    except Exception as error:
        told = server_error(error, url)
        if told is None:
            raise
        raise told from None
    finally:
        database.close()

"""The ministry's server: a PostgreSQL database holding the same schema as a file.

`init_server` (an administrator's command) creates or upgrades the schema from the peewee
tables; `open_server_store` never changes a schema — a server whose schema is not the program's
own version is refused with a message naming both versions. The server's faults (refused,
wrong password, lost connection, statement timeout) become one Russian line each.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import Any

from peewee import Database, PostgresqlDatabase

from cdo_desktop.core.history import Change, Section
from cdo_desktop.storage import access, dialect, history, server_watch
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
        raise ServerError(
            f"схема базы данных на сервере версии {version}, программе нужна версия "
            f"{SCHEMA_VERSION} — {ASK_ADMIN}",
            place=f"сервер {shown(url)}",
        )


def upgrade_schema(database: Database, version: int) -> None:
    """The migrations after `version`, in the caller's transaction, then a check that the
    schema is now the one the program's tables describe (a migration that does not build it
    on PostgreSQL undoes the whole upgrade rather than leave a server half made)."""
    # A migration that moves data must reach every project's rows: the row-level security
    # forced on the owner's tables is lifted for this transaction (secure() forces it again
    # before the commit, so no other session ever sees the tables unforced).
    for (table,) in database.execute_sql(
        "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
        "AND tableowner = current_user"
    ).fetchall():
        database.execute_sql(f'ALTER TABLE "{table}" NO FORCE ROW LEVEL SECURITY')
    target = _ServerMigrationTarget(database)
    for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
        migration.upgrade(target)
        database.execute_sql(
            "UPDATE meta SET value = %s WHERE key = 'schema_version'", (str(number),)
        )
    # In the history as on a file: who upgraded, when, from which version.
    history.record(
        database,
        "",
        [Change(Section.PROJECT, "schema", str(version), str(SCHEMA_VERSION))],
        "обновление схемы базы данных",
    )
    present = access.schema_columns(database)
    for model in ALL_TABLES:
        table = model._meta.table_name
        if table not in present:
            missing = f"нет таблицы «{table}»"
        else:
            absent = sorted(set(model._meta.columns) - present[table])
            missing = f"в таблице «{table}» нет столбца «{absent[0]}»" if absent else ""
        if missing:
            raise ServerError(
                f"обновление схемы не выполнено: после него {missing}; схема оставлена "
                f"версии {version}"
            )


class _ServerMigrationTarget:
    """What a migration calls (`execute_sql`) over a server: its SQL, written for SQLite and
    PostgreSQL alike, with the two differences told here — `?` placeholders, and a table's
    `id INTEGER PRIMARY KEY`, which numbers new rows itself only on SQLite."""

    _OWN_ID = re.compile(r"\bid\s+INTEGER\s+PRIMARY\s+KEY\b", re.IGNORECASE)

    def __init__(self, database: Database) -> None:
        self.database = database

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        sql = self._OWN_ID.sub("id SERIAL PRIMARY KEY", sql)
        return self.database.execute_sql(dialect.sql(sql, self.database), params)


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
    """Create the schema on an empty server database, or upgrade an older one, in one
    transaction; either way roles and policies are (re)applied to every table. What was done,
    in Russian. A newer schema is left alone."""
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
            elif version < SCHEMA_VERSION:
                upgrade_schema(database, version)
                done = f"схема базы данных обновлена с версии {version} до версии {SCHEMA_VERSION}"
            else:
                done = f"схема базы данных уже версии {SCHEMA_VERSION}"
            access.secure(database)
            server_watch.install(database)
        return done
    except Exception as error:
        told = server_error(error, url)
        if told is None:
            raise
        raise told from None
    finally:
        database.close()

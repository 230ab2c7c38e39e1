"""Schema 4: the database's own identity, and no reserved words as column names.

`meta` holds `database_id`, a random id written once when the database is made or upgraded:
its backups repeat it, so a backup is known to belong to this database and no other.
`change_log.user` becomes `author`: USER is reserved in PostgreSQL, where the ministry's server
keeps the same schema.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peewee import Database

STATEMENTS = [
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "ALTER TABLE change_log RENAME COLUMN user TO author",
]


def upgrade(database: Database) -> None:
    for statement in STATEMENTS:
        database.execute_sql(statement)
    database.execute_sql(
        "INSERT INTO meta (key, value) VALUES ('database_id', ?)", (uuid.uuid4().hex,)
    )

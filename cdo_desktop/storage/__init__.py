"""Storage of projects: one store per open database (SQLite file or PostgreSQL server).

peewee imports the PostgreSQL driver (psycopg, some 90 ms) whenever it is installed, and a file
database never needs it: the driver is hidden while peewee loads, and storage/server.py hands it
to peewee when a server is opened (`with_postgres_driver`).
"""

from __future__ import annotations

import sys


def _peewee_without_postgres_driver() -> None:
    if "peewee" in sys.modules or "psycopg" in sys.modules:
        return
    hidden = [name for name in ("psycopg", "psycopg2") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # `import` then raises ImportError
    try:
        import peewee  # noqa: F401
    finally:
        for name in hidden:
            del sys.modules[name]


_peewee_without_postgres_driver()

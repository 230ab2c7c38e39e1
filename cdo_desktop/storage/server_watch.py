"""Others' changes on the server, as they are committed: LISTEN/NOTIFY.

Every change writes the history in its own transaction, so a statement trigger on `change_log`
notifies `cdo_changes` — and the server delivers a notification only when (and if) that
transaction commits, naming the backend that sent it. An open window listens on a connection
of its own and counts the notifications of every backend but its store's: its own edits are
not "another user's change". Polling a number instead (the history's max(id), a project's
updated_at) misses a change whose transaction took its number before another's and committed
after it, and cannot tell one's own commits from others'.
"""

from __future__ import annotations

import time
from typing import Any

from peewee import Database

CHANNEL = "cdo_changes"
# After the server could not be reached, listening is tried again after this long: connecting
# blocks the window (up to the connect timeout), so not at every look.
RETRY_SECONDS = 15.0

INSTALL = [
    f"""
CREATE OR REPLACE FUNCTION cdo_changes_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('{CHANNEL}', '');
    RETURN NULL;
END
$$""",
    "DROP TRIGGER IF EXISTS cdo_changes_notify ON change_log",
    "CREATE TRIGGER cdo_changes_notify AFTER INSERT ON change_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION cdo_changes_notify()",
]


def install(database: Database) -> None:
    """The trigger (init-server; idempotent)."""
    for statement in INSTALL:
        database.execute_sql(statement)


class ChangesListener:
    """Counts the changes others commit on the server at `url` (`password` as the store's)."""

    def __init__(self, url: str, password: str | None = None) -> None:
        self.url = url
        self.password = password
        self._connection: Any = None
        # Changes seen from others; bumped too when listening starts again after a lost
        # connection (what was committed meanwhile was not heard: the window reads again).
        self.count = 0
        self._retry_at = 0.0

    def others_changes(self, own_backend: int | None) -> int:
        """The count after taking in what has arrived; never raises, and blocks (connecting)
        at most once every RETRY_SECONDS while the server cannot be reached."""
        if self._connection is None and time.monotonic() < self._retry_at:
            return self.count
        try:
            connection = self._listening()
            connection.pgconn.consume_input()
            while (notice := connection.pgconn.notifies()) is not None:
                if notice.be_pid != own_backend:
                    self.count += 1
        except Exception:
            # The server cannot be reached now: listen again in a while. A lost connection
            # counts as a change (what is committed until listening again is not heard), and
            # so does listening again.
            if self._connection is not None:
                self.count += 1
            self.close()
            self._retry_at = time.monotonic() + RETRY_SECONDS
        return self.count

    def _listening(self) -> Any:
        if self._connection is None:
            import psycopg

            options: dict[str, Any] = {"autocommit": True, "connect_timeout": 3}
            if self.password is not None:
                options["password"] = self.password
            url = "postgresql://" + self.url.split("://", 1)[1]  # postgres:// too
            self._connection = psycopg.connect(url, **options)
            self._connection.execute(f"LISTEN {CHANNEL}")
            self.count += 1
        return self._connection

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.close()
            except Exception:  # already gone
                pass

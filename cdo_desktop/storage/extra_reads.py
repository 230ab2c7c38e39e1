"""Reads of every project at once, written as statements and an answer from their rows, so
that the statements can run at the same time, each on a connection of its own.

The overview's later columns (issues 19, 20) sum a few hundred thousand values inside the
database and answer a few thousand rows. Such a statement spends its time in SQLite, where the
sqlite3 module lets other threads run: started beside the store's own read on a second core,
it costs the window nothing. A statement answering many rows would not gain (each row takes
the interpreter back), so the reads here are sums, and their answers are computed at the end.
"""

from __future__ import annotations

import gc
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from cdo_desktop.core.overview import Value
from cdo_desktop.storage.side_reading import side_opener

Statement = tuple[str, tuple[object, ...]]
Rows = list[tuple[Any, ...]]
Answer = dict[int, dict[str, Value]]


class Executes(Protocol):
    """A store (or anything) that runs SQL written with `?` placeholders."""

    def execute(self, text: str, parameters: Any = ()) -> Any: ...


@dataclass(frozen=True)
class ExtraRead:
    """A read for later columns: the statements it runs as of a date, and its answer from
    their rows in the same order, {project id: {column key: value}}."""

    statements: Callable[[date], Sequence[Statement]]
    answer: Callable[[Sequence[Rows], date], Answer]


def run_read(store: Executes, read: ExtraRead, as_of: date) -> Answer:
    """The read on `store`, its statements one after the other."""
    rows = [list(store.execute(text, parameters)) for text, parameters in read.statements(as_of)]
    return read.answer(rows, as_of)


class Beside:
    """Statements run beside the store's own reads in `threads` threads, each thread on a
    read-only connection of its own, opened at its first statement and closed at the end (a
    file on a network share is opened twice, not once a statement); where there can be none
    (side_reading), run in place at once. `fetch` answers a function that waits for the rows."""

    def __init__(self, store: Executes, threads: int = 2) -> None:
        self.store = store
        self.opener = side_opener(store)
        self.pool = ThreadPoolExecutor(max_workers=threads) if self.opener is not None else None
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def __enter__(self) -> Beside:
        return self

    def __exit__(self, *exception: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        for connection in self._opened:
            connection.close()

    def fetch(self, statement: Statement) -> Callable[[], Rows]:
        if self.pool is None:
            rows = list(self.store.execute(*statement))
            return lambda: rows
        return self.pool.submit(self._fetch_here, statement).result

    def start(self, read: ExtraRead, as_of: date) -> Callable[[], Answer]:
        """Every statement of `read` started; the function answers once they are done."""
        waits = [self.fetch(statement) for statement in read.statements(as_of)]
        return lambda: read.answer([wait() for wait in waits], as_of)

    def _fetch_here(self, statement: Statement) -> Rows:
        """In a worker thread: the statement on that thread's connection."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            assert self.opener is not None
            connection = self._local.connection = self.opener()
            with self._lock:
                self._opened.append(connection)
        return connection.execute(*statement).fetchall()


@contextmanager
def collection_paused() -> Iterator[None]:
    """The cyclic garbage collector off: a bulk read makes some 200 000 objects, none of them
    in a cycle, and each full collection on the way would walk them all (0,1 s of 0,9 s)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

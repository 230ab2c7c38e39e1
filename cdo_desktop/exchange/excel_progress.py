"""Progress and cancelling of long Excel reads and writes, without any UI."""

from __future__ import annotations

import time
from collections.abc import Callable

from cdo_desktop.core.errors import CdoError

Progress = Callable[[int, int], bool]
"""Called with (done, total) now and then; returning False asks the operation to stop."""


class Cancelled(CdoError):
    """The user stopped an import or an export; nothing was written."""

    def __init__(self) -> None:
        super().__init__("операция отменена пользователем; ничего не записано")


class Ticker:
    """Calls a progress callback at most every `interval` seconds, and raises on a cancel.

    Callers tick on every row; asking the clock is cheap next to a GUI update, so rows are
    counted and the clock is read only every `every` ticks.
    """

    def __init__(
        self, progress: Progress | None, total: int, *, interval: float = 0.1, every: int = 256
    ) -> None:
        self.progress = progress
        self.total = max(total, 1)
        self.interval = interval
        self.every = every
        self._count = 0
        self._last = 0.0

    def tick(self, done: int) -> None:
        if self.progress is None:
            return
        self._count += 1
        if self._count % self.every:
            return
        now = time.monotonic()
        if now - self._last >= self.interval:
            self._last = now
            self.report(done)

    def report(self, done: int) -> None:
        """Tell the callback now (at the start and the end of a stage)."""
        if self.progress is not None and not self.progress(min(done, self.total), self.total):
            raise Cancelled()

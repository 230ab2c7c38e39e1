"""One of several processes editing a project at once (tests/storage/test_concurrency.py).

    python -m tests.storage.concurrency_worker LOCATION INDEX SAME|OWN SECONDS

Edits the plan of E4's indicator № cINDEX (OWN) or № c0 (SAME) for 2021 for SECONDS,
each edit from the value it last read; prints one JSON line: edits stored, conflicts met, and
edits refused because the file stayed locked longer than the busy timeout (on a loaded machine
SQLite's waiting is not fair; the program tells the user «база данных занята», nothing written).
"""

from __future__ import annotations

import json
import sys
import time
from decimal import Decimal

from peewee import OperationalError

from cdo_desktop.core.changes import ChangeConflict, SetValue, Where
from cdo_desktop.core.history import Section
from tests.conftest import open_store_at

YEAR = 2021


def main(location: str, index: int, same: bool, seconds: float) -> None:
    store = open_store_at(location)
    stored = conflicts = busy = 0
    written: list[str] = []
    project_id = store.find("E4").id
    number = "c0" if same else f"c{index}"
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            project = store.load(project_id)
            row = next(r for r in project.indicators if r.number == number)
            old = row.value(YEAR).plan
            new = Decimal(index * 1_000_000 + stored + 1)
            where = Where(project_id, Section.INDICATORS, row.id, "plan", YEAR)
            try:
                store.apply([SetValue(where, old, new)])
            except ChangeConflict:
                conflicts += 1
                continue
            except OperationalError as error:
                if "locked" not in str(error):
                    raise
                busy += 1
                continue
            stored += 1
            written.append(str(new))
    finally:
        store.close()
    print(json.dumps({"stored": stored, "conflicts": conflicts, "busy": busy, "written": written}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3] == "SAME", float(sys.argv[4]))

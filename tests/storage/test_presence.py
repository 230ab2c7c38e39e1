"""Presence records: who has a database open, for the message that says so."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta

from cdo_desktop.storage import presence


def test_a_record_is_left_while_open_and_removed_on_close(db_path):
    handle = presence.register(db_path)
    assert handle.record is not None and handle.record.is_file()
    data = json.loads(handle.record.read_text(encoding="utf-8"))
    assert data["pid"] == os.getpid() and data["host"] == presence.this_host()
    assert presence.holders(db_path) == [], "this process is not its own holder"
    [me] = presence.holders(db_path, except_self=False)
    assert me.user == presence.os_user()
    handle.close()
    handle.close()  # twice is harmless (it runs at exit)
    assert not presence.folder_of(db_path).exists()


def test_a_killed_copys_record_on_this_computer_is_ignored_and_removed(db_path):
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    folder = presence.folder_of(db_path)
    folder.mkdir()
    stale = folder / f"{presence.this_host()}-{finished.pid}.json"
    stale.write_text(
        json.dumps(
            {
                "user": "ivanov",
                "host": presence.this_host(),
                "pid": finished.pid,
                "since": "2026-11-27T09:14:00",
            }
        ),
        encoding="utf-8",
    )
    (folder / "half-written.json").write_text("{", encoding="utf-8")
    assert presence.holders(db_path) == []
    assert not stale.exists()
    assert "другой программой" in presence.held_by(db_path)


def test_another_computers_record_is_quoted(db_path):
    folder = presence.folder_of(db_path)
    folder.mkdir()
    since = datetime.now().replace(hour=9, minute=14, second=0, microsecond=0)
    (folder / "WS-12-4242.json").write_text(
        json.dumps({"user": "ivanov", "host": "WS-12", "pid": 4242, "since": since.isoformat()}),
        encoding="utf-8",
    )
    assert presence.held_by(db_path) == "База открыта: ivanov на WS-12 с 09:14"
    yesterday = since - timedelta(days=1)
    (folder / "WS-12-4242.json").write_text(
        json.dumps(
            {"user": "ivanov", "host": "WS-12", "pid": 4242, "since": yesterday.isoformat()}
        ),
        encoding="utf-8",
    )
    assert presence.held_by(db_path).endswith(f"с {yesterday:%d.%m.%Y} 09:14")


def test_a_folder_that_cannot_be_written_only_means_no_record(tmp_path):
    blocker = tmp_path / "db.sqlite.presence"
    blocker.write_text("a file where the folder would be", encoding="utf-8")
    handle = presence.register(tmp_path / "db.sqlite")
    assert handle.record is None
    handle.close()
    assert presence.holders(tmp_path / "db.sqlite") == []

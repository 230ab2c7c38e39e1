"""The benchmarks still run: the data generator, and bench/run.py on small data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402


def test_generator_makes_valid_projects_of_the_asked_size():
    from cdo_desktop.core.rules import Level, check_project
    from cdo_desktop.exchange.json_format import parse_document_text, to_document, write_document

    projects = generate.projects(count=2, rows=30, years=12)
    assert [len(p.indicators) + len(p.results) for p in projects] == [30, 30]
    assert all(len(p.years) == 12 for p in projects)
    assert generate.projects(count=2, rows=30) == projects  # the same every time
    # What `dump` writes of them `load` reads back, every value.
    read = parse_document_text(write_document(to_document(projects)))
    assert [p.code for p in read] == [p.code for p in projects]
    assert generate.value_count(read) == generate.value_count(projects) > 2 * 30 * 12
    assert not [x for p in projects for x in check_project(p) if x.level is Level.ERROR]


def test_quick_run_prints_the_table(tmp_path):
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--runs", "1"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "| What | Baseline |" in done.stdout
    for what in ("cold start", "open another project", "Excel export", "Excel import", "dump"):
        assert what in done.stdout

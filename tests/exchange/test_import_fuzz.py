"""300 damaged workbooks: each one imports or fails with a Russian message, fast, leaving the
database as it was; none raises a traceback or hangs."""

from __future__ import annotations

import io
import random
import shutil
import signal
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from cdo_desktop.cli import main

CASES = 300
TIME_BOUND = 20  # seconds for one workbook; a hang fails the test instead of the whole run

STRANGE_VALUES = [
    "десять",
    "=1/0",
    "=SUM(A1:A9)",
    "+7",
    "-",
    "–",
    "—",
    "",
    " ",
    "1e309",
    "NaN",
    "inf",
    "-0",
    "0,0,0",
    "12 345,678 9",
    "١٢٣",
    "\u00a0",
    "37 955,2",
    "13 264,90",
    "x" * 5000,
    "\u202e123",
    "None",
    "null",
    "TRUE",
    10**30,
    -1,
    0,
    3.14159,
    True,
    False,
    "2019",
    "Показатель/единица измерения",
    "№ п/п",
    "план",
    "факт",
]


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """Flip bytes inside one member of the zip, keeping the zip itself readable."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    victim = rng.choice(names)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            content = bytearray(source.read(name))
            if name == victim and content:
                for _ in range(rng.randint(1, 12)):
                    content[rng.randrange(len(content))] = rng.randrange(256)
            target.writestr(name, bytes(content))
    return out.getvalue()


def strange_cells(path: Path, rng: random.Random) -> None:
    workbook = openpyxl.load_workbook(path)
    for _ in range(rng.randint(1, 6)):
        sheet = rng.choice(workbook.worksheets)
        row = rng.randint(1, max(sheet.max_row, 1) + 2)
        column = rng.randint(1, max(sheet.max_column, 1) + 2)
        cell = sheet.cell(row=row, column=column)
        if not isinstance(cell, openpyxl.cell.cell.MergedCell):
            cell.value = rng.choice(STRANGE_VALUES)
    workbook.save(path)


def remove_sheets(path: Path, rng: random.Random) -> None:
    workbook = openpyxl.load_workbook(path)
    for sheet in rng.sample(workbook.worksheets, rng.randint(1, len(workbook.worksheets) - 1)):
        workbook.remove(sheet)
    workbook.save(path)


def huge_xml(data: bytes, rng: random.Random) -> bytes:
    """Blow up one sheet's XML: a billion-laughs entity or a flood of cells."""
    source = zipfile.ZipFile(io.BytesIO(data))
    sheets = [n for n in source.namelist() if n.startswith("xl/worksheets/")]
    victim = rng.choice(sheets)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            if name == victim:
                if rng.random() < 0.5:
                    bomb = (
                        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                        + "".join(
                            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">'
                            if i
                            else '<!ENTITY lol0 "&lol;&lol;">'
                            for i in range(9)
                        )
                        + ']><worksheet xmlns="http://schemas.openxmlformats.org/'
                        'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" '
                        't="inlineStr"><is><t>&lol8;</t></is></c></row></sheetData>'
                        "</worksheet>"
                    )
                    content = bomb.encode()
                else:
                    row = b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>'
                    flood = b"".join(row % (i, i) for i in range(1, 40_000))
                    content = content.replace(b"<sheetData>", b"<sheetData>" + flood, 1)
            target.writestr(name, content)
    return out.getvalue()


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    database = folder / "base.sqlite"
    assert main(["export", str(folder / "base.xlsx"), "--db", str(database)]) == 0
    return folder


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang


@pytest.mark.skipif(sys.platform == "win32", reason="the time bound uses SIGALRM")
def test_damaged_workbooks_import_or_fail_cleanly(base, tmp_path, capsys):
    rng = random.Random(20261126)
    original = (base / "base.xlsx").read_bytes()
    pristine = base / "base.sqlite"
    database = tmp_path / "work.sqlite"
    shutil.copy(pristine, database)
    outcomes = {"imported": 0, "refused": 0}
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for case in range(CASES):
            path = tmp_path / f"case-{case}.xlsx"
            kind = case % 4
            if kind == 0:
                path.write_bytes(mutate_bytes(original, rng))
            elif kind == 1:
                path.write_bytes(original)
                strange_cells(path, rng)
            elif kind == 2:
                path.write_bytes(original)
                remove_sheets(path, rng)
            else:
                path.write_bytes(huge_xml(original, rng))
            before = database.read_bytes()
            signal.alarm(TIME_BOUND)
            try:
                code = main(["import", str(path), "--db", str(database)])
            except Hang:
                pytest.fail(f"case {case} (kind {kind}) took longer than {TIME_BOUND} s")
            finally:
                signal.alarm(0)
            captured = capsys.readouterr()
            assert "Traceback" not in captured.err, f"case {case}: {captured.err}"
            if code == 0:
                outcomes["imported"] += 1
                shutil.copy(pristine, database)  # the next case starts from the same data
            else:
                assert code == 1, f"case {case}: exit {code}"
                assert captured.err.startswith("cdo-desktop: ошибка: "), captured.err
                assert database.read_bytes() == before, f"case {case} changed the database"
                outcomes["refused"] += 1
            path.unlink()
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert outcomes["refused"] > 50 and sum(outcomes.values()) == CASES

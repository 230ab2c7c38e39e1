"""The sheet reader gives the cells openpyxl's own parser gives, for every kind of cell."""

from __future__ import annotations

import zipfile
from datetime import datetime

import pytest
from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl import load_workbook
from openpyxl.worksheet._reader import WorkSheetParser

from cdo_desktop.exchange.excel_export import export_projects
from cdo_desktop.exchange.excel_import import plan_import
from cdo_desktop.exchange.excel_source import FORMULA_WITHOUT_VALUE, Workbook
from tests.exchange.libreoffice import convert, needs_libreoffice
from tests.exchange.test_excel_import import not_totals, rewrite
from tests.exchange.test_excel_seed import LAYOUTS


def openpyxl_cells(path) -> dict[str, dict]:
    """Every cell with a value, by sheet and coordinate, as openpyxl's parser reads it."""
    book = load_workbook(path, read_only=True, data_only=True)
    found = {}
    for sheet in book.worksheets:
        with sheet._get_source() as source:
            parser = WorkSheetParser(
                source,
                sheet._shared_strings,
                data_only=True,
                epoch=book.epoch,
                date_formats=book._date_formats,
                timedelta_formats=book._timedelta_formats,
            )
            for index, cells in parser.parse():
                for cell in cells:
                    if cell["value"] is not None:
                        found[(sheet.title, index, cell["column"])] = cell
    book.close()
    return found


def our_cells(path) -> dict[str, dict]:
    found = {}
    with Workbook(path) as book:
        for title, rows in book.sheets():
            for index, row in rows:
                for column, cell in row.items():
                    found[(title, index, column)] = cell
    return found


def comparable(cell):
    value = cell["value"]
    kind = cell["data_type"]
    if kind == "d":
        value = "date"  # openpyxl converts; the reader only needs to know it is a date
    return (value, kind, cell["style_id"])


def assert_same_cells(path):
    theirs, ours = openpyxl_cells(path), our_cells(path)
    assert ours.keys() == theirs.keys()
    for key in theirs:
        assert comparable(ours[key]) == comparable(theirs[key]), key


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_the_seed_layouts_read_as_openpyxl_reads_them(tmp_path, layout):
    LAYOUTS[layout](tmp_path / "book.xlsx")
    assert_same_cells(tmp_path / "book.xlsx")


def test_an_export_reads_as_openpyxl_reads_it(tmp_path, workspace):
    [path] = export_projects(workspace.store.load_all(), tmp_path / "e4.xlsx")
    assert_same_cells(path)


def test_every_kind_of_cell(tmp_path):
    book = OpenpyxlWorkbook()
    sheet = book.active
    sheet.append(["текст", 1, 2.5, True, datetime(2020, 1, 2), "=1+2", "#N/A"])
    book.save(tmp_path / "kinds.xlsx")
    sheet_data = (
        "<sheetData>"
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>7</v></c>'
        '<c r="C1"><v>1.5E3</v></c><c r="D1" t="b"><v>0</v></c>'
        '<c r="E1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="F1"><f>1+2</f></c>'
        '<c r="G1"><f>1+2</f><v>3</v></c><c r="H1" t="e"><v>#DIV/0!</v></c>'
        '<c r="I1" t="inlineStr"><is><r><t>бо</t></r><r><t xml:space="preserve">лд </t></r>'
        '<rPh sb="0" eb="1"><t>чтение</t></rPh></is></c>'
        '<c r="J1" t="d"><v>2020-01-02T00:00:00</v></c><c r="K1"><v></v></c><c r="L1" s="0"/></row>'
        "<row><c><v>1</v></c><c><v>2</v></c></row>"
        '<row r="5"><c r="C5" t="inlineStr"><is><t></t></is></c></row>'
        "</sheetData>"
    )

    def replace_data(xml: str) -> str:
        start, end = xml.index("<sheetData>"), xml.index("</sheetData>") + len("</sheetData>")
        return xml[:start] + sheet_data + xml[end:]

    rewrite(tmp_path / "kinds.xlsx", "xl/worksheets/sheet1.xml", replace_data)
    rewrite(
        tmp_path / "kinds.xlsx",
        "[Content_Types].xml",
        lambda xml: xml.replace(
            "</Types>",
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        ),
    )
    add_shared_strings(tmp_path / "kinds.xlsx", ["общая строка"])
    ours = our_cells(tmp_path / "kinds.xlsx")
    theirs = openpyxl_cells(tmp_path / "kinds.xlsx")
    # The one difference on purpose: a formula whose value was never stored is marked.
    assert ours.pop(("Sheet", 1, 6)) == {
        "column": 6,
        "value": "=1+2",
        "data_type": FORMULA_WITHOUT_VALUE,
        "style_id": 0,
        "formula": True,
    }
    # A formula's stored result is marked too: it is read at the decimals the cell shows.
    assert ours[("Sheet", 1, 7)]["formula"] and not ours[("Sheet", 1, 2)]["formula"]
    assert {key: comparable(cell) for key, cell in ours.items()} == {
        key: comparable(cell) for key, cell in theirs.items()
    }
    assert ours[("Sheet", 1, 9)]["value"] == "болд "
    assert ours[("Sheet", 2, 2)]["value"] == 2


def add_shared_strings(path, strings):
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    items = "".join(f"<si><t>{text}</t></si>" for text in strings)
    parts["xl/sharedStrings.xml"] = (
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{items}</sst>'
    ).encode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    parts["xl/_rels/workbook.xml.rels"] = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


@needs_libreoffice
def test_a_workbook_saved_again_by_libreoffice_changes_nothing(tmp_path, workspace):
    """LibreOffice writes shared strings, its own styles and number formats, a dimension."""
    [path] = export_projects(workspace.store.load_all(), tmp_path / "e4.xlsx")
    out = tmp_path / "lo"
    result = convert(path, "xlsx:Calc MS Excel 2007 XML", out, tmp_path / "lo-profile")
    resaved = out / "e4.xlsx"
    assert resaved.exists(), result.stdout + result.stderr
    assert_same_cells(resaved)
    plan = plan_import(resaved, workspace.store)
    assert not_totals(plan.problems) == [] and plan.changes == []

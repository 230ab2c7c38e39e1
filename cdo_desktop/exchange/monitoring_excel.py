"""Monitoring tables in Excel: exported one sheet per reporting date (so that the export imports
back), and read from tables officials type.

A monitoring table names its date in a caption or title («по состоянию на 01.10.2026», «на
30.09.2026») and has columns such as «Фактическое значение», «Прогноз на конец года», «Причины
отклонения», «Подтверждающий документ»; a budget execution table has «Источник» and «Кассовое
исполнение». Rows are found by their number (and name) among the project's indicators, results
and financing lines. A monitoring table adds monitoring values only: it never edits annual
values, rows or units; «План…» and «% исполнения» columns are not data; an empty cell says
nothing. A date that is not a period's end, two different dates in one table, a word where a
number belongs, a row the project does not have: refused with the sheet and cell named.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from cdo_desktop.core.diff import diff_project, name_key, number_key
from cdo_desktop.core.errors import DocumentError
from cdo_desktop.core.model import PERIODICITY_WORDS, MonitoringValue, PlanFactRow, Project, RowKind
from cdo_desktop.core.monitoring_dates import (
    ReportingDateError,
    as_of_words,
    find_reporting_date,
)
from cdo_desktop.core.monitoring_status import execution_percent, standing
from cdo_desktop.core.numbers import NumberFormatError, format_percent, parse_number
from cdo_desktop.exchange import import_plan
from cdo_desktop.exchange.excel.furniture import is_numbering_row
from cdo_desktop.exchange.excel_layout import decimals_of, number_format

ROW_HEADERS = [
    "№ п/п",
    "Наименование",
    "Единица измерения",
    "Периодичность",
    "Плановое значение на год",
    "Фактическое значение",
    "Прогноз на конец года",
    "% исполнения",
    "Причины отклонения",
    "Подтверждающий документ",
]
EXECUTION_HEADERS = [
    "№ п/п",
    "Наименование",
    "Источник",
    "Объём на год, тыс. рублей",
    "Кассовое исполнение, тыс. рублей",
    "% исполнения",
]
SECTION_TITLES = {RowKind.INDICATOR: "Показатели", RowKind.RESULT: "Результаты"}
# Header words → what a column holds (first match wins; plan and percent are not data).
_COLUMN_WORDS = [
    ("percent", ("% ", "%исп", "процент исп", "% исполнения")),
    ("plan", ("план",)),
    ("forecast", ("прогноз",)),
    ("executed", ("кассов", "исполнен")),
    ("fact", ("факт",)),
    ("reason", ("причин",)),
    ("document", ("документ",)),
    ("source", ("источник",)),
    ("number", ("№",)),
    ("name", ("наименование", "показател", "результат", "мероприят")),
]


def _column_of(text: str) -> str | None:
    words = " ".join(text.split()).casefold()
    if words.startswith("%") or "% исп" in words:
        return "percent"
    for kind, keys in _COLUMN_WORDS:
        if any(key in words for key in keys):
            return kind
    return None


# ----------------------------------------------------------------------------- export


def export_monitoring(project: Project, dates: list[date], path: str | Path) -> None:
    """One sheet of rows and one of budget execution per reporting date."""
    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    for as_of in dates:
        _rows_sheet(book, project, as_of)
        if project.financing:
            _execution_sheet(book, project, as_of)
    book.save(path)


def _caption(sheet: Any, text: str, width: int) -> None:
    sheet.cell(1, 1, text).font = Font(bold=True, size=12)
    for column, letter_width in enumerate([8, 60, 14, 14, 16, 16, 16, 12, 40, 30][:width], 1):
        sheet.column_dimensions[get_column_letter(column)].width = letter_width


def _header(sheet: Any, row: int, titles: list[str]) -> None:
    for column, title in enumerate(titles, start=1):
        cell = sheet.cell(row, column, title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")


def _rows_sheet(book: Workbook, project: Project, as_of: date) -> None:
    sheet = book.create_sheet(f"Мониторинг {as_of:%d.%m.%Y}")
    _caption(
        sheet,
        f"Мониторинг реализации регионального проекта «{project.name}» {as_of_words(as_of)}",
        len(ROW_HEADERS),
    )
    _header(sheet, 3, ROW_HEADERS)
    line = 4
    for kind, title in SECTION_TITLES.items():
        sheet.cell(line, 1, title).font = Font(bold=True)
        line += 1
        for row in project.rows(kind):
            stand = standing(row, as_of)
            values = [
                row.number,
                row.name,
                row.unit,
                PERIODICITY_WORDS[row.periodicity],
                stand.plan,
                stand.entry.fact,
                stand.entry.forecast,
                format_percent(stand.percent) if stand.percent is not None else None,
                stand.entry.reason or None,
                stand.entry.document or None,
            ]
            _put_line(sheet, line, values)
            line += 1


def _execution_sheet(book: Workbook, project: Project, as_of: date) -> None:
    sheet = book.create_sheet(f"Исполнение {as_of:%d.%m.%Y}")
    _caption(sheet, f"Кассовое исполнение бюджета проекта «{project.name}» {as_of_words(as_of)}", 6)
    _header(sheet, 3, EXECUTION_HEADERS)
    line = 4
    for financing in project.financing:
        for source in financing.sources:
            amount = source.values.get(as_of.year)
            executed = source.execution.get(as_of)
            percent = execution_percent(executed, amount)
            values = [
                financing.number,
                financing.name,
                source.name,
                amount,
                executed,
                format_percent(percent) if percent is not None else None,
            ]
            _put_line(sheet, line, values)
            line += 1


def _put_line(sheet: Any, line: int, values: Sequence[object]) -> None:
    """The values across the line; a number shown with exactly its digits."""
    for column, value in enumerate(values, start=1):
        if isinstance(value, Decimal):
            cell = sheet.cell(line, column, float(value))
            cell.number_format = number_format(decimals_of(value))
        else:
            sheet.cell(line, column, value)


# ----------------------------------------------------------------------------- import


@dataclass
class MonitoringWorkbook:
    """What the workbook's monitoring tables say, laid over a project (`project`)."""

    project: Project
    tables: list[tuple[str, date]] = field(default_factory=list)  # (sheet, reporting date)

    def changes(self, stored: Project) -> list[Any]:
        return diff_project(stored, self.project)


def _where(sheet: str, column: int, row: int) -> str:
    return f"лист «{sheet}», ячейка {get_column_letter(column)}{row}"


def _number(value: object, sheet: str, column: int, row: int) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    try:
        return parse_number(str(value))
    except NumberFormatError as error:
        raise DocumentError(
            f"«{str(value).strip()}» — {error.reason}", location=_where(sheet, column, row)
        ) from None


def is_monitoring_workbook(path: str | Path) -> bool:
    """Whether the workbook's tables are monitoring tables (a dated caption and a fact,
    forecast or execution column), not passport tables. A file openpyxl cannot read is not:
    the passport import tells what is wrong with it."""
    try:
        # The file is ours to close: openpyxl leaves it open when it fails halfway.
        with open(path, "rb") as stream:
            book = load_workbook(stream, read_only=True, data_only=True)
            try:
                return any(_is_monitoring_sheet(sheet) for sheet in book.worksheets)
            finally:
                book.close()
    except Exception:  # not a workbook, or a damaged one: not ours to tell
        return False


def _is_monitoring_sheet(sheet: Any) -> bool:
    rows = list(sheet.iter_rows(max_row=12, values_only=True))
    texts = [str(v) for row in rows for v in row if isinstance(v, str)]
    columns = {_column_of(text) for text in texts}
    return any(_dated(text) for text in texts) and bool(columns & {"fact", "forecast", "executed"})


def _dated(text: str) -> bool:
    try:
        return find_reporting_date(text) is not None
    except ReportingDateError:
        return True  # a date that is not a period's end: the reader refuses it, naming the cell


def read_monitoring_workbook(path: str | Path, stored: Project) -> MonitoringWorkbook:
    """The stored project with the workbook's monitoring values laid over it; DocumentError
    (naming file, sheet and cell) for anything that cannot be read as a person reads it."""
    result = MonitoringWorkbook(copy.deepcopy(stored))
    try:
        with open(path, "rb") as stream:
            book = load_workbook(stream, read_only=True, data_only=True)
            try:
                sheets = [
                    (sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)])
                    for sheet in book.worksheets
                ]
            finally:
                book.close()
    except Exception as error:  # openpyxl's and the XML parser's faults alike
        raise DocumentError(
            f"книга не читается (повреждена или не в формате .xlsx): {error}", file=str(path)
        ) from None
    for title, rows in sheets:
        try:
            _read_sheet(title, rows, result)
        except DocumentError as error:
            raise error.in_file(str(path)) from None
    if not result.tables:
        raise DocumentError(
            "в книге не найдено таблиц мониторинга: ожидались «по состоянию на ДД.ММ.ГГГГ» в "
            "заголовке и столбец «Фактическое значение» (или «Кассовое исполнение»)",
            file=str(path),
        )
    return result


def _read_sheet(title: str, rows: list[list[object]], result: MonitoringWorkbook) -> None:
    as_of: date | None = None
    for index, row in enumerate(rows):  # the date may stand above the table or below it
        for column, value in enumerate(row, start=1):
            if not isinstance(value, str):
                continue
            try:
                found = find_reporting_date(value)
            except ReportingDateError as error:
                location = _where(title, column, index + 1)
                raise DocumentError(error.problem, location=location) from None
            if found is not None and as_of is not None and found != as_of:
                raise DocumentError(
                    f"в одной таблице две отчётные даты: {as_of:%d.%m.%Y} и {found:%d.%m.%Y}",
                    location=_where(title, column, index + 1),
                )
            as_of = found or as_of
    header_row = -1
    columns: dict[str, int] = {}
    for index, row in enumerate(rows):
        kinds: dict[str, int] = {}
        for column, value in enumerate(row, start=1):
            if isinstance(value, str) and (kind := _column_of(value)) is not None:
                kinds.setdefault(kind, column)
        if "number" in kinds and kinds.keys() & {"fact", "forecast", "executed"}:
            header_row, columns = index, kinds
            break
    if header_row < 0:
        return  # not a monitoring table: a sheet of notes, say
    if as_of is None:
        raise DocumentError(
            "у таблицы мониторинга нет отчётной даты: ожидалось «по состоянию на ДД.ММ.ГГГГ» "
            "в заголовке",
            location=f"лист «{title}»",
        )
    project = result.project
    if as_of.year not in project.years:
        raise DocumentError(
            f"отчётная дата {as_of:%d.%m.%Y} вне лет проекта {project.first_year}–"
            f"{project.last_year}",
            location=f"лист «{title}»",
        )
    result.tables.append((title, as_of))
    if "executed" in columns and "fact" not in columns:
        _read_execution(title, rows, header_row, columns, as_of, project)
    else:
        _read_rows(title, rows, header_row, columns, as_of, project)


def _cell(row: list[object], column: int | None) -> object:
    return row[column - 1] if column is not None and column - 1 < len(row) else None


def _read_rows(
    title: str,
    rows: list[list[object]],
    header: int,
    columns: dict[str, int],
    as_of: date,
    project: Project,
) -> None:
    kind: RowKind | None = None
    for index in range(header + 1, len(rows)):
        row = rows[index]
        number = _cell(row, columns.get("number"))
        name = _cell(row, columns.get("name"))
        text = str(number or "").strip()
        section = next(
            (k for k, t in SECTION_TITLES.items() if text.casefold() == t.casefold()), None
        )
        if section is not None:
            kind = section
            continue
        if not any(ch.isdigit() for ch in text) or _numbering(row):
            continue  # a caption, a footnote, the row of column numbers under the header
        target = _find_row(project, kind, text, str(name or ""))
        if target is None:
            raise DocumentError(
                f"строки № {text} нет среди "
                + ("показателей и результатов" if kind is None else SECTION_TITLES[kind].lower())
                + " проекта: таблица мониторинга не добавляет строк",
                location=_where(title, columns["number"], index + 1),
            )
        entry = copy.copy(target.monitoring.get(as_of) or MonitoringValue())
        for field_name in ("fact", "forecast"):
            column = columns.get(field_name)
            value = _number(_cell(row, column), title, column or 0, index + 1)
            if value is not None:
                setattr(entry, field_name, value)
        for field_name in ("reason", "document"):
            words = str(_cell(row, columns.get(field_name)) or "").strip()
            if words:
                setattr(entry, field_name, words)
        if not entry.is_empty():
            target.monitoring[as_of] = entry


def _numbering(row: list[object]) -> bool:
    filled = list(row)
    while filled and filled[-1] is None:
        filled.pop()
    return is_numbering_row(filled)


def _find_row(project: Project, kind: RowKind | None, number: str, name: str) -> PlanFactRow | None:
    kinds = [kind] if kind is not None else list(RowKind)
    candidates = [
        row
        for k in kinds
        for row in project.rows(k)
        if number_key(row.number) == number_key(number)
    ]
    if len(candidates) > 1 and name:
        named = [row for row in candidates if name_key(row.name) == name_key(name)]
        candidates = named or candidates[:1]
    return candidates[0] if candidates else None


def _read_execution(
    title: str,
    rows: list[list[object]],
    header: int,
    columns: dict[str, int],
    as_of: date,
    project: Project,
) -> None:
    for index in range(header + 1, len(rows)):
        row = rows[index]
        number = str(_cell(row, columns.get("number")) or "").strip()
        source_name = str(_cell(row, columns.get("source")) or "").strip()
        if not any(ch.isdigit() for ch in number) or _numbering(row):
            continue
        line = next(
            (f for f in project.financing if number_key(f.number) == number_key(number)), None
        )
        if line is None:
            raise DocumentError(
                f"строки финансирования № {number} нет в проекте",
                location=_where(title, columns["number"], index + 1),
            )
        source = next(
            (s for s in line.sources if name_key(s.name) == name_key(source_name)),
            line.sources[0] if len(line.sources) == 1 and not source_name else None,
        )
        if source is None:
            raise DocumentError(
                f"источника «{source_name}» нет в строке финансирования № {number}",
                location=_where(title, columns.get("source", 1), index + 1),
            )
        column = columns["executed"]
        value = _number(_cell(row, column), title, column, index + 1)
        if value is not None:
            source.execution[as_of] = value


def describe_changes(stored: Project, changes: list[Any]) -> list[str]:
    """«Показатель № 3, по состоянию на 01.10.2024, факт: – → 59,92», a line per change."""
    from cdo_desktop.core.changes import SetValue
    from cdo_desktop.core.history import (
        FIELD_WORDS,
        ROW_SECTIONS,
        SECTION_WORDS,
        Section,
        shown,
        value_text,
    )

    numbers: dict[tuple[Section, object], str] = {
        (section, row.id): row.number
        for kind, section in ROW_SECTIONS.items()
        for row in stored.rows(kind)
    }
    for line in stored.financing:
        for source in line.sources:
            numbers[(Section.SOURCES, source.id)] = f"{line.number}, {source.name}"
    told = []
    for change in changes:
        assert isinstance(change, SetValue)
        where = change.where
        assert where.as_of is not None  # a monitoring table changes monitoring values only
        numeric = where.field in ("fact", "forecast", "executed")
        told.append(
            f"{SECTION_WORDS[where.section]} № {numbers.get((where.section, where.item), '')}, "
            f"{as_of_words(where.as_of)}, {FIELD_WORDS.get(where.field, where.field)}: "
            f"{shown(value_text(change.old), number=numeric)} → "
            f"{shown(value_text(change.new), number=numeric)}"
        )
    return told


def monitoring_import_plan(
    path: str | Path, stored: Project, stamp: str | None
) -> import_plan.ImportPlan:
    """The workbook as an import plan over the stored project (`stamp` its «updated at»): the
    passport import's preview shows it and `Workspace.apply_import` writes it (a backup first,
    the stale check, one transaction). Its rows are never removed and its period never
    changes: a monitoring table adds monitoring values only."""
    from cdo_desktop.core.changes import SetValue
    from cdo_desktop.core.history import FIELD_WORDS
    from cdo_desktop.core.history import Section as Told
    from cdo_desktop.exchange.import_incoming import Incoming

    read = read_monitoring_workbook(path, stored)
    edits = read.changes(stored)
    titles: dict[tuple[Told, object], tuple[import_plan.Section, str]] = {
        (told, row.id): (
            import_plan.ROW_SECTIONS[kind],
            import_plan.row_title(row.number, row.name),
        )
        for kind, told in ((RowKind.INDICATOR, Told.INDICATORS), (RowKind.RESULT, Told.RESULTS))
        for row in stored.rows(kind)
    }
    for line in stored.financing:
        for source in line.sources:
            line_title = import_plan.row_title(line.number, line.name)
            titles[(Told.SOURCES, source.id)] = (
                import_plan.Section.FINANCING,
                f"{line_title} / {source.name}",
            )
    listed = []
    for change in edits:
        assert isinstance(change, SetValue)
        where, as_of = change.where, change.where.as_of
        assert as_of is not None  # a monitoring table changes monitoring values only
        section, item = titles[(where.section, where.item)]
        listed.append(
            import_plan.Change(
                import_plan.Action.CHANGE,
                section,
                item,
                f"{where.field}:{as_of.isoformat()}",
                f"{as_of_words(as_of)}, {FIELD_WORDS.get(where.field, where.field)}",
                change.old,
                change.new,
            )
        )
    return import_plan.ImportPlan(
        file=str(path),
        incoming=Incoming(),
        existing=stored,
        existing_stamp=stamp,
        project=read.project,
        changes=listed,
        problems=[],
        remove_missing=False,
        edits=edits,
    )

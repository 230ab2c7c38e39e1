"""One sheet read row by row: tables found by their headers, each row handed to the reader of
its table's kind; rows outside tables are passport labels, participants and captions."""

from __future__ import annotations

from cdo_desktop.core.model import RowKind
from cdo_desktop.exchange.excel.cells import BookReader, cell_name, clip, where
from cdo_desktop.exchange.excel.financing import FinancingRows
from cdo_desktop.exchange.excel.furniture import (
    amount_unit,
    has_signature_marks,
    is_footnote_text,
    is_municipal_breakdown,
    is_numbering_row,
    is_signature,
)
from cdo_desktop.exchange.excel.kinds import TableKind
from cdo_desktop.exchange.excel.passport import PassportRows
from cdo_desktop.exchange.excel.passport_rows import add_tasks, is_breakdown, take_breakdown
from cdo_desktop.exchange.excel.persons import PersonRows
from cdo_desktop.exchange.excel.plan_fact import PlanFactRows
from cdo_desktop.exchange.excel.points import PointRows, PointTable
from cdo_desktop.exchange.excel.tables import Table
from cdo_desktop.exchange.excel_layout import (
    Header,
    header_of,
    name_carries_unit,
    normalize,
    passport_field,
    plan_or_fact,
    year_of,
)
from cdo_desktop.exchange.excel_source import FORMULA_WITHOUT_VALUE, Row
from cdo_desktop.exchange.import_plan import Severity
from cdo_desktop.exchange.json_format import MAX_YEAR, MIN_YEAR

_NUMBER_FIRST = frozenset("№NnН⊓")
_NAME_FIRST = frozenset("ПпРрНн")
_PERFORMER = ("исполнитель", "ответственный исполнитель", "тел.", "телефон")


class SheetReader(PlanFactRows, FinancingRows, PersonRows, PassportRows, PointRows):
    """Reads one sheet row by row: tables by their headers, passport rows by their labels."""

    def __init__(self, reader: BookReader, title: str) -> None:
        self.reader = reader
        self.title = title
        self.pending: tuple[int, Row] | None = None
        self.table: Table | None = None
        self.caption = ""  # the last text seen outside a table: a table's title
        self.above: list[str] = []  # texts since the last table: captions, banners, units
        self.participants_column: int | None = None
        self.last_row = 0
        self._name_header = ""  # the open table's name header («Наименование муниципального …»)
        # Tables side by side (indicators left, results right): from their header row on, each
        # band of columns is a sheet of its own, read by its own reader.
        self.bands: list[tuple[int, SheetReader]] = []

    # -- dispatch

    def feed(self, index: int, row: Row) -> None:
        if self.bands:
            self._feed_bands(index, row)
            return
        gap = index > self.last_row + 1
        self.last_row = index
        if self.pending is not None:
            header_index, header = self.pending
            self.pending = None
            if self._open(header_index, header, index, row):
                return
        if self._open_points(index, row):
            return
        header_kind = self._header_kind(row)
        if header_kind is not None:
            self._close()
            self.participants_column = None
            if header_kind == "table":
                starts = _table_starts(row)
                if len(starts) > 1:
                    self._split(starts, index, row)
                    return
                self.pending = (index, row)
            elif header_kind == "persons":
                self._open_persons(index, row)
            else:
                self.reader.problem(
                    "похоже на список ответственных (есть столбец «ФИО»), но нет столбца «Роль» "
                    "(«Роль в проекте»): список не загружен",
                    f"лист «{self.title}», строка {index}",
                    Severity.WARNING,
                )
            return
        if self.table is not None and self._take(index, row):
            return
        self._other(index, row, gap)

    def _split(self, starts: list[int], index: int, row: Row) -> None:
        for start in starts:
            band = SheetReader(self.reader, self.title)
            band.caption, band.above = self.caption, list(self.above)
            self.bands.append((start, band))
        self._feed_bands(index, row)

    def _feed_bands(self, index: int, row: Row) -> None:
        """Each band its own columns of the row: from its start to the next band's."""
        bands = self.bands
        for number, (start, band) in enumerate(bands):
            end = bands[number + 1][0] if number + 1 < len(bands) else None
            part = {c: cell for c, cell in row.items() if c >= start and (end is None or c < end)}
            if part:
                band.feed(index, part)

    def finish(self) -> None:
        for _, band in self.bands:
            band.finish()
        if self.pending is not None:
            header_index, header = self.pending
            self.pending = None
            self._open(header_index, header, None, None)
        self._close()

    @staticmethod
    def _header_kind(row: Row) -> str | None:
        """ "table" for «№ п/п» with a name header to its right (in a row that is no passport
        label's), "persons" for «Роль» with «ФИО»; None for every other row.

        This runs on every row of a 50,000-row table: cheap tests on the first letter go first,
        and a name is looked at only once a «№» stands to its left.
        """
        number_column = name_column = 0
        role = person = False
        for column, cell in row.items():
            value = cell["value"]
            if value.__class__ is not str:
                continue
            first = value.lstrip()[:1]
            if (
                first in _NUMBER_FIRST
                and len(value) <= 16
                and not number_column
                and header_of(value) is Header.NUMBER
            ):
                number_column = column
            elif first in "Рр" and len(value) <= 40 and normalize(value).startswith("роль"):
                role = True
            elif first in "ФфF" and len(value) <= 40 and header_of(value) is Header.PERSON:
                person = True
            elif first in _NAME_FIRST and number_column and not name_column and len(value) < 200:
                if header_of(value) is Header.NAME:
                    name_column = column
        if number_column and name_column:
            label = row[min(row)]["value"]
            if not (isinstance(label, str) and passport_field(label) is not None):
                return "table"
            return None
        if role and person:
            return "persons"
        if person:
            # «ФИО | Должность» is a table of people; «ФИО, должность» alone is a passport label.
            found = {header_of(c["value"]) for c in row.values() if isinstance(c["value"], str)}
            if Header.POSITION in found or Header.CONTACTS in found:
                return "people without roles"
        return None

    # -- opening and closing tables

    def _open(
        self, header_index: int, header: Row, next_index: int | None, below: Row | None
    ) -> bool:
        """Make a table of a header row and the row under it; True when that row was the
        second header row («план»/«факт») and is used up."""
        reader = self.reader
        columns: dict[Header, int] = {}
        name_header = ""
        year_cells: list[tuple[int, int]] = []
        for column in sorted(header):
            cell = header[column]
            if cell["data_type"] == FORMULA_WITHOUT_VALUE:
                reader.no_cached_value(self.title, header_index, cell)  # a year, most likely
                continue
            value = cell["value"]
            year = year_of(value)
            if year is not None:
                year_cells.append((column, year))
                continue
            if not isinstance(value, str):
                continue
            found = header_of(value)
            if found is not None and found not in columns:
                columns[found] = column
                if found is Header.NAME:
                    name_header = value
        if not year_cells and below is not None and next_index is not None:
            merged = _header_with_row_below(header, below, columns)
            if merged is not None:
                # Years under a merged band («Период реализации», «Период, год»): the two rows
                # are one header, and «план»/«факт» may follow in a third.
                self.pending = (header_index, merged)
                return True
        parts: dict[int, str] = {}
        # «план»/«факт» under the years only: a line named «Факт» in the name column is data.
        first_year_column = min((column for column, _ in year_cells), default=None)
        if below is not None and first_year_column is not None:
            for column, cell in below.items():
                if column < first_year_column or column in columns.values():
                    continue
                part = plan_or_fact(cell["value"])
                if part is not None:
                    parts[column] = part
        consumed = bool(parts)
        header_key = normalize(name_header)
        # The caption above (or, under another table, the last texts since it began), the sheet.
        caption = self.caption or " ".join(self.above[-2:])
        context = normalize(f"{caption} {self.title}")
        texts = " ".join(c["value"] for c in header.values() if isinstance(c["value"], str))
        kind: TableKind | None
        if parts:
            kind = _plan_fact_kind(header_key, context)
        elif "финанс" in header_key or "источник" in header_key or amount_unit(header_key):
            kind = TableKind.FINANCING
        elif Header.TOTAL in columns or Header.RESULT_NUMBER in columns:
            kind = TableKind.FINANCING
        elif "финанс" in context:
            kind = TableKind.FINANCING
        else:
            kind = _plan_fact_kind(header_key, context)
        location = where(self.title, columns.get(Header.NAME, min(header)), header_index)
        if kind is None:
            reader.problem(
                f"не понятно, показатели это или результаты: заголовок «{clip(name_header)}»; "
                "назовите столбец «Показатель…» или «Результат…»",
                location,
            )
            return consumed
        if not year_cells:
            reader.problem(
                "таблица без годов в заголовке пропущена", location, severity=Severity.WARNING
            )
            return consumed
        values = self._value_columns(header_index, year_cells, parts, kind, columns)
        table = Table(kind=kind, header_row=header_index, columns=columns, values=values)
        if kind is TableKind.FINANCING:
            # The unit of amounts: the header's own words first, then a caption or banner.
            table.unit = amount_unit(texts) or amount_unit(" ".join([*self.above, self.title]))
            table.covered = frozenset(year for _, year, _ in values)
            table.result_from_number = (
                Header.RESULT_NUMBER not in columns and header_key.startswith("результат")
            )
        else:
            table.name_has_unit = Header.UNIT not in columns and name_carries_unit(name_header)
            table.covered = frozenset((year, part) for _, year, part in values)
        table.caption = caption
        table.okei_unit = "океи" in normalize(texts)
        self._name_header = name_header
        self.table = table
        self.caption = ""
        self.above = []
        return consumed

    def _value_columns(
        self,
        header_index: int,
        year_cells: list[tuple[int, int]],
        parts: dict[int, str],
        kind: TableKind,
        columns: dict[Header, int],
    ) -> list[tuple[int, int, str]]:
        """Columns of values: each year's «план»/«факт» under it (or its one amount column)."""
        reader = self.reader
        # A year typed into both cells of an unmerged header is one year, not a year twice.
        groups: list[tuple[int, int, int]] = []  # (first column, last column, year)
        for column, year in year_cells:
            if groups and groups[-1][2] == year and groups[-1][1] == column - 1 and parts:
                groups[-1] = (groups[-1][0], column, year)
            else:
                groups.append((column, column, year))
        seen: dict[int, int] = {}
        stops = sorted([first for first, _, _ in groups] + list(columns.values()))
        values: list[tuple[int, int, str]] = []
        # A year that cannot be used is reported and its columns left out; the rest of the
        # table is still read, so every other mistake is found in the same pass.
        for first, last, year in groups:
            location = where(self.title, first, header_index)
            if not MIN_YEAR <= year <= MAX_YEAR:
                reader.problem(
                    f"год {year} вне допустимых пределов {MIN_YEAR}–{MAX_YEAR}", location
                )
                continue
            if year in seen:
                reader.problem(
                    f"год {year} указан дважды "
                    f"(уже в ячейке {cell_name(seen[year], header_index)})",
                    location,
                    value=year,
                )
                continue
            seen[year] = first
            reader.year_cells.append((year, location))
            reader.incoming.table_years.add(year)
            if kind is TableKind.FINANCING:
                values.append((first, year, "amount"))
                continue
            end = next((stop for stop in stops if stop > first), None)
            span = [c for c in sorted(parts) if c >= first and (end is None or c < end)]
            if not span and last > first:
                span = [c for c in sorted(parts) if first <= c <= last]
            found: dict[str, int] = {}
            for column in span:
                part = parts[column]
                if part in found:
                    reader.problem(
                        f"под годом {year} два столбца «{'план' if part == 'plan' else 'факт'}»",
                        where(self.title, column, header_index + 1),
                    )
                found.setdefault(part, column)
            if not found:
                if parts:
                    reader.problem(
                        f"под годом {year} нет «план» и «факт»: значения прочитаны как план",
                        location,
                        Severity.WARNING,
                    )
                found = {"plan": first}
            values.extend((column, year, part) for part, column in found.items())
        if not parts and kind is not TableKind.FINANCING:
            reader.problem(
                "под годами нет «план» и «факт»: значения прочитаны как план",
                where(self.title, year_cells[0][0], header_index),
                Severity.WARNING,
            )
        return values

    def _open_persons(self, index: int, row: Row) -> None:
        columns: dict[Header, int] = {}
        with_position = False
        for column in sorted(row):
            value = row[column]["value"]
            if isinstance(value, str):
                kind = header_of(value)
                if kind is not None and kind not in columns:
                    columns[kind] = column
                    with_position |= kind is Header.PERSON and "должност" in normalize(value)
        self.table = Table(kind=TableKind.PERSONS, header_row=index, columns=columns, values=[])
        self.table.person_has_position = with_position
        self.caption = ""
        self.above = []

    def _close(self) -> None:
        table = self.table
        if table is None:
            return
        self.table = None
        if isinstance(table, PointTable):
            self._close_points(table)
            return
        incoming = self.reader.incoming
        if table.kind is TableKind.FINANCING:
            self._end_line(table)
            if self._breakdown(table, [item.line.name for item in table.lines]):
                return
            self._check_financing_totals(table)
            incoming.financing = (incoming.financing or []) + table.lines
        elif table.kind is TableKind.PERSONS:
            incoming.persons = (incoming.persons or []) + table.persons
        else:
            if is_breakdown(table, [item.row.name for item in table.rows], self._name_header):
                take_breakdown(self.reader, self.title, table)
                return
            self._check_plan_fact_totals(table)
            add_tasks(incoming, table.tasks)
            if table.row_types:
                told = "; ".join(
                    f"«{kind}» — {', '.join(numbers)}" for kind, numbers in table.row_types.items()
                )
                self.reader.note(
                    "«Тип показателя» не загружается — ожидался «основной» или "
                    f"«дополнительный»: {told}",
                    where(self.title, table.columns[Header.INDICATOR_TYPE], table.header_row),
                )
            kind = RowKind.INDICATOR if table.kind is TableKind.INDICATORS else RowKind.RESULT
            if kind is RowKind.INDICATOR:
                incoming.indicators = (incoming.indicators or []) + table.rows
            else:
                incoming.results = (incoming.results or []) + table.rows

    # -- table rows

    def _breakdown(self, table: Table, names: list[str]) -> bool:
        """Refuse a table of municipalities: they are not the project's own rows."""
        if not is_municipal_breakdown(names):
            return False
        self.reader.problem(
            f"таблица {table.kind.title} — разбивка по муниципальным образованиям, а не строки "
            "проекта; такие таблицы пока не загружаются: удалите её из книги или загрузите "
            "итоговую таблицу проекта",
            f"лист «{self.title}», строка {table.header_row}",
        )
        return True

    def _take(self, index: int, row: Row) -> bool:
        """Read a row of the open table; False when it is no data row (a caption, a label)."""
        table = self.table
        assert table is not None
        first = row[min(row)]["value"]
        if isinstance(first, str) and is_footnote_text(first):
            return True  # a footnote below the table: a note for the reader, not data
        # Only a row that starts with 1 can be a numbering row: data rows pay one comparison.
        if (
            (first == 1 or first == "1")
            and table.kind is not TableKind.PERSONS
            and is_numbering_row([row[column]["value"] for column in sorted(row)])
        ):
            self.reader.note(
                "строка с номерами столбцов (1, 2, 3 …) пропущена",
                f"лист «{self.title}», строка {index}",
            )
            return True
        if self._is_signature_row(table, row):
            self._close()
            return True
        if isinstance(table, PointTable):
            return self._point_table_row(table, index, row)
        if table.kind is TableKind.FINANCING:
            return self._financing_row(table, index, row)
        if table.kind is TableKind.PERSONS:
            return self._person_row(table, index, row)
        return self._plan_fact_row(table, index, row)

    @staticmethod
    def _is_signature_row(table: Table, row: Row) -> bool:
        """«Исполнитель: …, тел. …», «Министр ____ А.В. Иванов» under a table: it ends there."""
        texts: list[str] = []
        has_figure = False
        for column in sorted(row):
            value = row[column]["value"]
            if isinstance(value, str):
                texts.append(value)
            elif isinstance(value, int | float):
                has_figure = True
        if not texts:
            return False
        if has_figure:
            # A row with a figure is data, whatever its name says; but «Исполнитель: …» with
            # a telephone typed as a number and no row number is the signature block.
            number = row.get(table.columns.get(Header.NUMBER, -1))
            return (
                table.kind is not TableKind.PERSONS
                and (number is None or number["value"] in (None, ""))
                and normalize(texts[0]).startswith(_PERFORMER)
            )
        if any(has_signature_marks(text) for text in texts):
            return True
        return table.kind is not TableKind.PERSONS and is_signature(texts[0])


def _table_starts(row: Row) -> list[int]:
    """The «№» columns of a header row that have a name header to their right before the next
    «№»: one per table standing side by side."""
    starts: list[int] = []
    candidate: int | None = None
    for column in sorted(row):
        value = row[column]["value"]
        if not isinstance(value, str):
            continue
        found = header_of(value)
        if found is Header.NUMBER:
            candidate = column
        elif found is Header.NAME and candidate is not None:
            starts.append(candidate)
            candidate = None
    return starts


# Words under «Базовое значение» in a two-row header: its value and its date (or year).
_BASE_PARTS = {"значение": Header.BASE_VALUE, "дата": Header.BASE_YEAR, "год": Header.BASE_YEAR}


def _header_with_row_below(header: Row, below: Row, columns: dict[Header, int]) -> Row | None:
    """The header and the row under it as one header, when the years stand in that row; None
    when they do not."""
    if not any(year_of(cell["value"]) is not None for cell in below.values()):
        return None
    merged = dict(header)
    base = columns.get(Header.BASE_VALUE)
    for column, cell in below.items():
        value = cell["value"]
        if year_of(value) is not None:
            merged[column] = cell
        elif isinstance(value, str) and base is not None and column >= base:
            part = _BASE_PARTS.get(normalize(value))
            if part is Header.BASE_YEAR:
                merged[column] = {**cell, "value": "Базовый год"}
        elif isinstance(value, str) and column not in header and header_of(value) is not None:
            merged[column] = cell
    return merged


def _plan_fact_kind(header: str, context: str) -> TableKind | None:
    for text in (header, context):
        has_indicator, has_result = "показател" in text, "результат" in text
        if has_indicator and not has_result:
            return TableKind.INDICATORS
        if has_result and not has_indicator:
            return TableKind.RESULTS
    return None

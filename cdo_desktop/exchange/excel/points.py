"""Tables of control points and of risks: found by their headers, read row by row.

A control-point table has «№ п/п», a name («Наименование результата, мероприятия, контрольной
точки») and a planned date («Срок», «Плановый срок», «Дата окончания»); the actual date, the
responsible, the document («Вид документа и характеристика результата»), the level of control
and the kind are optional. A result's number stands in a group row above its points («Результат
1. …», or «1» with the result's name and no dates) or in a column of its own («№ результата»);
failing both, a point's number «1.2» names its result «1». Dates are Excel dates or texts
«31.03.2024», «20.12.2024 г.»; «-» is «not done». An impossible date is refused with its cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from openpyxl.utils.datetime import from_excel

from cdo_desktop.core.control_points import DateTextError, parse_date, parse_optional_date
from cdo_desktop.core.model import (
    LEVEL_WORDS,
    ControlPoint,
    Level,
    PointKind,
    Risk,
    RiskStatus,
    RowKind,
)
from cdo_desktop.exchange.excel.cells import where
from cdo_desktop.exchange.excel.kinds import TableKind
from cdo_desktop.exchange.excel.tables import Table
from cdo_desktop.exchange.excel_layout import Header, header_of, normalize
from cdo_desktop.exchange.excel_source import Cell, Row
from cdo_desktop.exchange.import_incoming import IncomingPoint, IncomingRisk

if TYPE_CHECKING:
    from cdo_desktop.exchange.excel.cells import BookReader

_NUMBER_FIRST = frozenset("№NnН⊓")
_RESULT_GROUP = re.compile(r"^результат\s*(?:№\s*)?([0-9][0-9.]*?)\.?(?:\s|$|[«\"])", re.I)
_POINT_NUMBER = re.compile(r"^([0-9]+(?:\.[0-9]+)*)\.([0-9]+)\.?$")


@dataclass
class PointTable(Table):
    """A table of control points or of risks: its columns by field, what is read so far."""

    fields: dict[str, int] = field(default_factory=dict)
    result: str | None = None  # the result of the last group row
    points: list[IncomingPoint] = field(default_factory=list)
    found_risks: list[IncomingRisk] = field(default_factory=list)


def _point_field(text: str) -> str | None:
    """Which field of a control point a header cell names."""
    words = normalize(text)
    if "фактическ" in words or words.startswith("факт"):
        return "done"
    if "уровень контрол" in words:
        return "control_level"
    if "документ" in words or "характеристик" in words:
        return "document"
    if "ответствен" in words or "исполнител" in words:
        return "responsible"
    if "срок" in words or "дата" in words:
        return None if "начал" in words else "due"  # «Срок начала» is not the point's date
    if words in ("вид", "тип", "вид контрольной точки", "тип контрольной точки"):
        return "kind"
    if "результат" in words and ("№" in words or "номер" in words):
        return "result"
    if "контрольн" in words or "мероприят" in words or words.startswith("наименование"):
        return "name"
    return None


def _risk_field(text: str) -> str | None:
    words = normalize(text)
    if "вероятност" in words:
        return "probability"
    if "влияни" in words or "последств" in words or "значимост" in words:
        return "impact"
    if "мер" in words.split() or words.startswith("меры") or "реагирован" in words:
        return "mitigation"
    if "владел" in words or "ответствен" in words:
        return "owner"
    if "статус" in words or "состояни" in words:
        return "status"
    if "угрож" in words or "угроза" in words or "показател" in words or "результат" in words:
        return "target"
    if "риск" in words:
        return "description"
    return None


def header_of_points(row: Row) -> tuple[TableKind, dict[str, int]] | None:
    """The kind and columns of a control-point or risk table whose header `row` is; None for
    any other row (cheap for data rows: nothing is looked at before a «№» cell)."""
    number = 0
    for column, cell in row.items():
        value = cell["value"]
        if (
            value.__class__ is str
            and value.lstrip()[:1] in _NUMBER_FIRST
            and len(value) <= 16
            and header_of(value) is Header.NUMBER
        ):
            number = column
            break
    if not number:
        return None
    texts = {
        column: cell["value"]
        for column, cell in sorted(row.items())
        if isinstance(cell["value"], str) and column != number and len(cell["value"]) < 200
    }
    risks = {_risk_field(text): column for column, text in reversed(texts.items())}
    risks.pop(None, None)
    if "description" in risks and ({"probability", "impact", "mitigation"} & set(risks)):
        return TableKind.RISKS, {"number": number, **risks}  # type: ignore[dict-item]
    points = {_point_field(text): column for column, text in reversed(texts.items())}
    points.pop(None, None)
    if "name" in points and "due" in points:
        return TableKind.CONTROL_POINTS, {"number": number, **points}  # type: ignore[dict-item]
    return None


class PointRows:
    """The control-point and risk reader of SheetReader."""

    reader: BookReader
    title: str
    table: Table | None
    caption: str
    above: list[str]

    def _open_points(self, index: int, row: Row) -> bool:
        found = header_of_points(row)
        if found is None:
            return False
        kind, fields = found
        self._close()  # type: ignore[attr-defined]
        self.table = PointTable(kind=kind, header_row=index, columns={}, values=[], fields=fields)
        self.caption = ""
        self.above = []
        return True

    def _point_table_row(self, table: PointTable, index: int, row: Row) -> bool:
        if table.kind is TableKind.RISKS:
            return self._risk_row(table, index, row)
        return self._point_row(table, index, row)

    def _close_points(self, table: PointTable) -> None:
        incoming = self.reader.incoming
        if table.kind is TableKind.RISKS:
            incoming.risks = (incoming.risks or []) + table.found_risks
        else:
            incoming.control_points = (incoming.control_points or []) + table.points

    # -- cells

    def _text(self, table: PointTable, index: int, row: Row, name: str) -> str:
        column = table.fields.get(name)
        if column is None:
            return ""
        return self.reader.text(self.title, index, row.get(column)).strip()

    def _date(self, table: PointTable, index: int, row: Row, name: str) -> date | str | None:
        """The date in the cell; None when empty or «-»; "" when refused (told)."""
        column = table.fields.get(name)
        cell: Cell | None = row.get(column) if column is not None else None
        if cell is None or cell["value"] in (None, ""):
            return None
        value = cell["value"]
        try:
            if cell["data_type"] == "d" and isinstance(value, int | float):
                moment = from_excel(value)
                return moment.date() if isinstance(moment, datetime) else moment
            if isinstance(value, datetime):
                return value.date()
            text = str(value)
            if cell["data_type"] == "d" and re.match(r"^\d{4}-\d{2}-\d{2}", text):
                return date.fromisoformat(text[:10])
            return parse_date(text) if name == "due" else parse_optional_date(text)
        except DateTextError as error:
            self.reader.problem(error.reason, where(self.title, cell["column"], index), value=value)
        except (ValueError, OverflowError, TypeError):
            self.reader.problem(
                f"«{value}» не является датой",
                where(self.title, cell["column"], index),
                value=value,
            )
        return ""

    # -- control points

    def _point_row(self, table: PointTable, index: int, row: Row) -> bool:
        number = self._text(table, index, row, "number")
        name = self._text(table, index, row, "name")
        due = self._date(table, index, row, "due")
        done = self._date(table, index, row, "done")
        if not number and not name:
            return False
        group = _RESULT_GROUP.match(name) or _RESULT_GROUP.match(number)
        if group is not None or (due is None and done is None and "." not in number.rstrip(".")):
            # A result's row above its points: «Результат 1. …», or «1» and the result's name.
            table.result = group.group(1).rstrip(".") if group else number.rstrip(".")
            return True
        location = where(self.title, table.fields["number"], index)
        result = self._text(table, index, row, "result").rstrip(".") or table.result
        if not result:
            by_number = _POINT_NUMBER.match(number)
            result = by_number.group(1) if by_number else None
        if not result:
            self.reader.problem(
                "не понятно, к какому результату относится контрольная точка: нет строки "
                "«Результат N» над ней, столбца «№ результата» и номера вида «1.2»",
                location,
            )
            return True
        if due is None:
            self.reader.problem(
                "не указан плановый срок", where(self.title, table.fields["due"], index)
            )
            return True
        if due == "" or done == "":
            return True  # the date was refused, with its cell
        assert isinstance(due, date) and (done is None or isinstance(done, date))
        kind_text = self._text(table, index, row, "kind").casefold()
        kind = PointKind.ACTIVITY if kind_text.startswith("мероприят") else PointKind.CHECKPOINT
        if kind is PointKind.CHECKPOINT and kind_text and not kind_text.startswith("контрольн"):
            self.reader.problem(
                f"вид «{kind_text}»: ожидалось «контрольная точка» или «мероприятие»",
                where(self.title, table.fields["kind"], index),
            )
            return True
        point = ControlPoint(
            number=number,
            name=name,
            due=due,
            kind=kind,
            done=done,
            responsible=self._text(table, index, row, "responsible"),
            document=self._text(table, index, row, "document"),
            control_level=self._text(table, index, row, "control_level"),
        )
        table.points.append(IncomingPoint(result, point, location, frozenset(table.fields)))
        return True

    # -- risks

    def _risk_row(self, table: PointTable, index: int, row: Row) -> bool:
        number = self._text(table, index, row, "number")
        description = self._text(table, index, row, "description")
        if not number and not description:
            return False
        location = where(self.title, table.fields["number"], index)
        if not description:
            self.reader.problem(
                "не указано описание риска", where(self.title, table.fields["description"], index)
            )
            return True
        levels = {}
        for name in ("probability", "impact"):
            text = self._text(table, index, row, name).casefold()
            level = _level(text)
            if text and level is None:
                self.reader.problem(
                    f"«{text}»: ожидалось «низкая», «средняя» или «высокая»",
                    where(self.title, table.fields[name], index),
                )
                return True
            levels[name] = level or Level.MEDIUM
        status_text = self._text(table, index, row, "status").casefold()
        status = RiskStatus.CLOSED if status_text.startswith("закры") else RiskStatus.OPEN
        if status_text and not status_text.startswith(("закры", "откры")):
            self.reader.problem(
                f"статус «{status_text}»: ожидалось «открыт» или «закрыт»",
                where(self.title, table.fields["status"], index),
            )
            return True
        target_text = self._text(table, index, row, "target")
        target_kind, target_number = _target(target_text)
        if target_text and target_kind is None:
            self.reader.problem(
                f"«{target_text}»: ожидалось «Показатель N» или «Результат N»",
                where(self.title, table.fields["target"], index),
            )
            return True
        risk = Risk(
            number=number,
            description=description,
            target_kind=target_kind,
            target_number=target_number,
            probability=levels["probability"],
            impact=levels["impact"],
            mitigation=self._text(table, index, row, "mitigation"),
            owner=self._text(table, index, row, "owner"),
            status=status,
        )
        given = set(table.fields)
        if "target" in given:
            given |= {"target_kind", "target_number"}
        table.found_risks.append(IncomingRisk(risk, location, frozenset(given)))
        return True


# «выс», «сре», «низ»: a level is known by its word's first three letters.
_LEVELS = {word[:3]: level for level, word in LEVEL_WORDS.items()}
_TARGET = re.compile(r"^(показател\w*|результат\w*)\s*(?:№\s*)?([0-9][0-9.]*)?", re.I)


def _level(text: str) -> Level | None:
    return _LEVELS.get(text[:3]) if text else None


def _target(text: str) -> tuple[RowKind | None, str]:
    """«Результат 1.2», «показатель 3» → what the risk threatens; else nothing."""
    found = _TARGET.match(text)
    if found is None:
        return None, ""
    kind = RowKind.INDICATOR if found.group(1).casefold().startswith("показ") else RowKind.RESULT
    return kind, (found.group(2) or "").rstrip(".")

"""Rows outside tables: passport labels and values, participants, captions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cdo_desktop.core.model import Person
from cdo_desktop.core.project_names import unquoted
from cdo_desktop.exchange.excel.cells import clip, where
from cdo_desktop.exchange.excel.furniture import has_signature_marks
from cdo_desktop.exchange.excel.passport_rows import municipality_names
from cdo_desktop.exchange.excel_layout import (
    PERSON_FIELDS,
    Field,
    Header,
    header_of,
    passport_field,
    split_inline_label,
    years_of,
)
from cdo_desktop.exchange.excel_source import Row
from cdo_desktop.exchange.import_plan import Severity
from cdo_desktop.exchange.json_format import MAX_YEAR, MIN_YEAR

if TYPE_CHECKING:
    from cdo_desktop.exchange.excel.cells import BookReader
    from cdo_desktop.exchange.excel.tables import Table

_BULLETS = "-–—•·▪●"


class PassportRows:
    """The passport reader of SheetReader."""

    reader: BookReader
    title: str
    table: Table | None
    caption: str
    above: list[str]
    participants_column: int | None

    def _other(self, index: int, row: Row, gap: bool) -> None:
        reader = self.reader
        columns = sorted(row)
        first_column = columns[0]
        texts = [reader.text(self.title, index, row[column]) for column in columns]
        head = texts[0]
        if self.participants_column is not None and not gap and self.table is None:
            participant = None
            if first_column > self.participants_column:
                participant = head
            elif head.lstrip()[:1] in _BULLETS and head.strip() not in _BULLETS:
                participant = head.lstrip()[1:].strip()
            if participant is not None:
                if participant.strip():
                    assert reader.incoming.participants is not None
                    reader.incoming.participants.append(participant)
                return
        self.participants_column = None
        if not isinstance(row[first_column]["value"], str):
            return
        if any(has_signature_marks(text) for text in texts):
            return  # «Министр ____ А.В. Иванов»: a signature, not a passport label
        field_name = passport_field(head)
        values = texts[1:]
        if field_name is None:
            inline = split_inline_label(head)
            if inline is None:
                if self.table is None:
                    self.caption = head
                # A banner under the table before (an open table ends only at the next header)
                # still says what the next table's amounts are in.
                self.above = [*self.above[-9:], head]
                return
            field_name, value = inline
            values = [value, *values]
        self._passport(field_name, values, index, first_column)

    def _passport(self, name: Field, values: list[str], index: int, column: int) -> None:
        reader, incoming = self.reader, self.reader.incoming
        value = values[0] if values else ""
        location = where(self.title, column, index)
        if name in reader.seen_fields:
            reader.problem(
                f"поле «{clip(value)}» уже указано ({reader.seen_fields[name]}); "
                "берётся последнее значение",
                location,
                Severity.WARNING,
            )
        reader.seen_fields[name] = location
        if name is Field.CODE:
            incoming.code = value.strip() or None
        elif name is Field.NAME:
            incoming.name = unquoted(value)  # «"Цифровая образовательная среда"» is its words
        elif name is Field.SHORT_NAME:
            incoming.short_name = unquoted(value) or None
        elif name in (Field.REGION, Field.GOAL, Field.CUSTOMER):
            incoming.texts[name.value] = value
        elif name is Field.NATIONAL_PROJECT:
            incoming.national_project = value or None
            incoming.national_project_given = True
        elif name is Field.FEDERAL_CODE:
            reader.federal_code = value
        elif name is Field.FEDERAL_NAME:
            reader.federal_name = value
        elif name is Field.YEARS:
            self._years(value, location)
        elif name in PERSON_FIELDS:
            if header_of(value) is Header.PERSON and len(values) > 1:
                # «Куратор | ФИО, должность | Иванов И.И., министр»: the middle cell is a label.
                values = values[1:]
                value = values[0]
            if not value.strip():
                return
            person_name, position = value, values[1] if len(values) > 1 else None
            if position is None and "," in value:
                person_name, _, position = value.partition(",")
                person_name, position = person_name.strip(), position.strip()
            person = Person(role=PERSON_FIELDS[name].value, name=person_name)
            if position is not None:
                person.position = position
            incoming.passport_persons.append((person, position is not None))
        elif name is Field.PARTICIPANTS:
            incoming.participants = [v for v in values[:1] if v.strip()]
            self.participants_column = column
        elif name is Field.MUNICIPALITIES:
            incoming.municipalities = municipality_names(value)

    def _years(self, value: str, location: str) -> None:
        found = years_of(value)
        if found is None:
            self.reader.problem(
                f"срок реализации «{clip(value)}» не понятен: ожидалось «2019–2024»", location
            )
            return
        first, last = found
        if not (MIN_YEAR <= first <= last <= MAX_YEAR):
            self.reader.problem(
                f"срок реализации {first}–{last}: ожидались годы {MIN_YEAR}–{MAX_YEAR}, "
                "первый не позже последнего",
                location,
            )
            return
        self.reader.incoming.years = found

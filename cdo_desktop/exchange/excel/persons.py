"""Rows of a table of people: «Роль» | «ФИО» | «Должность» | «Контакты»."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cdo_desktop.core.model import Person
from cdo_desktop.exchange.excel.cells import where
from cdo_desktop.exchange.excel.passport_rows import read_supervisor_and_share
from cdo_desktop.exchange.excel_layout import Header
from cdo_desktop.exchange.excel_source import Row

if TYPE_CHECKING:
    from cdo_desktop.exchange.excel.cells import BookReader
    from cdo_desktop.exchange.excel.tables import Table


class PersonRows:
    """The persons reader of SheetReader."""

    reader: BookReader
    title: str

    def _person_row(self, table: Table, index: int, row: Row) -> bool:
        reader, sheet, columns = self.reader, self.title, table.columns

        def text(header: Header) -> str:
            column = columns.get(header)
            return reader.text(sheet, index, row.get(column)) if column is not None else ""

        role, name = text(Header.ROLE), text(Header.PERSON)
        position = text(Header.POSITION)
        if table.person_has_position and Header.POSITION not in columns and "," in name:
            name, _, position = (part.strip() for part in name.partition(","))
        if not role.strip() and not name.strip():
            return False
        if not name.strip():
            reader.problem(
                "не указаны фамилия и инициалы", where(sheet, columns[Header.PERSON], index)
            )
            return True
        if not role.strip():
            reader.problem("не указана роль", where(sheet, columns[Header.ROLE], index))
            return True
        person = Person(role=role, name=name, position=position, contacts=text(Header.CONTACTS))
        read_supervisor_and_share(reader, sheet, table, index, row, person)
        table.persons.append(person)
        return True

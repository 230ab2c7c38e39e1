"""The changes an import plan lists, how rows are paired, and what every builder part shares."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from cdo_desktop.core.diff import squeeze
from cdo_desktop.core.model import RowKind
from cdo_desktop.core.numbers import format_number
from cdo_desktop.exchange.import_incoming import Problem

Value = Decimal | str | bool | int | date | None


class Action(StrEnum):
    ADD = "add"
    CHANGE = "change"
    REMOVE = "remove"


class Section(StrEnum):
    """The part of a project a change belongs to, in the order a preview lists them."""

    PROJECT = "project"
    PERSONS = "persons"
    PARTICIPANTS = "participants"
    INDICATORS = "indicators"
    RESULTS = "results"
    FINANCING = "financing"
    CONTROL_POINTS = "control_points"
    RISKS = "risks"


SECTION_TITLES = {
    Section.PROJECT: "Паспорт проекта",
    Section.PERSONS: "Ответственные",
    Section.PARTICIPANTS: "Участники",
    Section.INDICATORS: "Показатели",
    Section.RESULTS: "Результаты",
    Section.FINANCING: "Финансирование",
    Section.CONTROL_POINTS: "Контрольные точки",
    Section.RISKS: "Риски",
}
ROW_SECTIONS = {RowKind.INDICATOR: Section.INDICATORS, RowKind.RESULT: Section.RESULTS}
ACTION_MARKS = {Action.ADD: "+", Action.CHANGE: "~", Action.REMOVE: "-"}  # as `--dry-run` prints


def shown(value: Value) -> str:
    """A value as the preview prints it: Russian numbers, «text», да/нет, – for none."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return f"«{value}»"


@dataclass(frozen=True)
class Change:
    """One thing an import adds, changes or removes.

    `item` names the row as people do («2. Доля …», «куратор Д.А. Курдюмов»; empty for the
    project's own fields); `field` says what changed for programs («plan:2021», «name»,
    «amount:все источники:2020»), `label` the same for people («план 2021»).
    """

    action: Action
    section: Section
    item: str = ""
    field: str = ""
    label: str = ""
    old: Value = None
    new: Value = None

    def describe(self) -> str:
        if self.action is Action.CHANGE and self.label:
            return f"{self.label}: {shown(self.old)} → {shown(self.new)}"
        return self.item or self.label


def _same_text(old: str, new: str) -> bool:
    """Spaces people do not see are no change."""
    return squeeze(old) == squeeze(new)


def _kept(old: Decimal | None, new: Decimal | None) -> Decimal | None:
    """The new value, but the old digits when they are the same number (13264,90 and 13264,9)."""
    if old is not None and new is not None and old == new:
        return old
    return new


def row_title(number: str, name: str) -> str:
    return f"{number}. {name}" if number.strip() else name


T = TypeVar("T")

FIELD_LABELS = {
    "number": "номер",
    "name": "наименование",
    "unit": "единица измерения",
    "cumulative": "нарастающим итогом",
    "direction": "направление",
    "base_value": "базовое значение",
    "base_year": "базовый год",
    "characteristic": "характеристика",
    "result": "номер результата",
    "parent": "входит в",
    "role": "роль",
    "position": "должность",
    "contacts": "контакты",
    "code": "код",
    "region": "субъект Российской Федерации",
    "national_project": "национальный проект",
    "federal_project": "федеральный проект",
    "goal": "цель",
    "customer": "функциональный заказчик",
    "years": "срок реализации",
    "order": "порядок строк",
    # The 2025–2030 passport.
    "task": "задача",
    "level": "уровень показателя",
    "indicator_kind": "тип показателя",
    "okei": "код ОКЕИ",
    "data_source": "информационная система",
    "result_type": "тип результата",
    "linked_indicators": "связь с показателями",
    "supervisor": "непосредственный руководитель",
    "share": "занятость в проекте, %",
}
VALUE_LABELS = {"plan": "план", "fact": "факт"}


class BuilderBase:
    """What the parts of the plan builder share: the list of changes and the row order."""

    remove_missing: bool
    changes: list[Change]
    problems: list[Problem]

    def change(
        self,
        action: Action,
        section: Section,
        item: str = "",
        *,
        field: str = "",
        label: str = "",
        old: Value = None,
        new: Value = None,
    ) -> None:
        label = label or FIELD_LABELS.get(field, field)
        self.changes.append(Change(action, section, item, field, label, old, new))

    def _finish(
        self, section: Section, result: list[T], found: list[int | None], kept: list[tuple[int, T]]
    ) -> list[T]:
        """The rows in the file's order, each kept row (one the file lacks) right after the
        row that preceded it in the database; a change when the database's order moves."""
        matched = sorted(index for index in found if index is not None)
        head: list[tuple[int, T]] = []
        after: dict[int, list[tuple[int, T]]] = defaultdict(list)
        for index, item in kept:
            position = bisect_left(matched, index)
            if position == 0:
                head.append((index, item))
            else:
                after[matched[position - 1]].append((index, item))
        final = [item for _, item in head]
        order = [index for index, _ in head]
        for item, old_index in zip(result, found, strict=True):
            final.append(item)
            if old_index is not None:
                order.append(old_index)
                for index, kept_item in after.get(old_index, []):
                    final.append(kept_item)
                    order.append(index)
        if order != sorted(order):
            self.change(Action.CHANGE, section, field="order", old="как в базе", new="как в файле")
        return final

    # -- indicators and results

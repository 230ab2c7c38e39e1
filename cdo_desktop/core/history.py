"""Change history as data: what changed in a project, value by value, and how to say it.

A `Change` here is how the history tells a change to a person (section, row, year, field, было,
стало as texts); the changes the store applies are core.changes, and the store words each one
it applies as one of these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from cdo_desktop.core.model import RowKind
from cdo_desktop.core.numbers import format_number


class Section(StrEnum):
    PROJECT = "project"  # the project as a whole: created, deleted, schema migrated
    PASSPORT = "passport"
    PARTICIPANTS = "participants"
    PERSONS = "persons"
    INDICATORS = "indicators"
    RESULTS = "results"
    FINANCING = "financing"
    SOURCES = "sources"  # budget sources of a financing line (told as «Финансирование»)
    TASKS = "tasks"
    MUNICIPALITIES = "municipalities"  # the project's list of municipalities
    MUNICIPAL = "municipal"  # a row's values by municipality (told as its indicator)
    VERSIONS = "versions"  # fixed versions of the passport (core/versions.py)
    REQUEST = "request"  # the change request draft of the passport
    CONTROL_POINTS = "control_points"  # of a result: Where.parent is the result's row id
    RISKS = "risks"
    # The working-day calendar: the database's, no project's (core/work_calendar.py).
    CALENDAR = "calendar"


SECTION_WORDS = {
    Section.PROJECT: "Проект",
    Section.PASSPORT: "Паспорт",
    Section.PARTICIPANTS: "Участники",
    Section.PERSONS: "Ответственные",
    Section.INDICATORS: "Показатель",
    Section.RESULTS: "Результат",
    Section.FINANCING: "Финансирование",
    Section.SOURCES: "Финансирование",
    Section.TASKS: "Задача",
    Section.MUNICIPALITIES: "Муниципалитеты",
    Section.MUNICIPAL: "Показатель",
    Section.VERSIONS: "Паспорт",
    Section.REQUEST: "Запрос на изменение",
    Section.CONTROL_POINTS: "Контрольная точка",
    Section.RISKS: "Риск",
    Section.CALENDAR: "Производственный календарь",
}
ROW_SECTIONS = {RowKind.INDICATOR: Section.INDICATORS, RowKind.RESULT: Section.RESULTS}

FIELD_WORDS = {
    "plan": "план",
    "fact": "факт",
    "amount": "сумма",
    "row": "строка",
    "name": "наименование",
    "number": "№",
    "unit": "ед. изм.",
    "cumulative": "нарастающим итогом",
    "direction": "направление",
    "characteristic": "характеристика",
    "base": "базовое значение",
    "base_value": "базовое значение",
    "base_year": "базовый год",
    "result_number": "результат",
    "result": "результат",
    "region": "субъект РФ",
    "national_project": "национальный проект",
    "federal_project": "федеральный проект",
    "goal": "цель",
    "customer": "функциональный заказчик",
    "years": "годы",
    "participant": "участник",
    "person": "ответственный",
    "role": "роль",
    "position": "должность",
    "contacts": "контакты",
    "code": "код",
    "project": "проект",
    "schema": "версия схемы",
    "restore": "восстановление",
    "order": "место в списке",
    "source": "источник",
    "task": "задача",
    "level": "уровень",
    "indicator_kind": "тип показателя",
    "okei": "код ОКЕИ",
    "data_source": "информационная система",
    "result_type": "тип результата",
    "linked_indicators": "связь с показателями",
    "supervisor": "непосредственный руководитель",
    "share": "занятость в проекте, %",
    "municipality": "муниципалитет",
    "version": "версия",
    "from_version": "от версии",
    "basis": "основание",
    "justification": "обоснование",
    "sent": "отправлен",
    "point": "контрольная точка",
    "risk": "риск",
    "kind": "вид",
    "due": "плановый срок",
    "done": "фактический срок",
    "responsible": "ответственный",
    "document": "документ",
    "control_level": "уровень контроля",
    "description": "описание",
    "target_kind": "угроза для",
    "target_number": "угроза для №",
    "probability": "вероятность",
    "impact": "влияние",
    "mitigation": "меры",
    "owner": "владелец",
    "status": "статус",
    "forecast": "прогноз",
    "reason": "причины отклонения",
    "executed": "кассовое исполнение",
    "periodicity": "периодичность",
    "due_workday": "срок отчёта (рабочий день)",
    "working": "день",
}
# A field named differently in one section: a person's name is their «ФИО».
SECTION_FIELD_WORDS = {(Section.PERSONS, "name"): "ФИО"}
# Fields whose values are amounts, read with thousands apart («1 234,5»); every other value
# (a year, a number «1.2», a code, an order) is shown as it was typed.
NUMBER_FIELDS = frozenset({"plan", "fact", "amount", "base", "base_value", "forecast", "executed"})
# A row's direction is kept as its code («up»); people read the passport's word.
DIRECTION_WORDS = {"up": "рост", "down": "снижение"}
# The source of a project made with «Файл» → «Новый проект…» (the window passes it to the
# store's create/replace), as the history tells it.
NEW_PROJECT_SOURCE = "«Новый проект…» в окне программы"


@dataclass(frozen=True)
class Change:
    """One value of a project from `old` to `new` (texts; None is «нет значения»).

    `row_number` and `row_name` name the row (an indicator, a line, a person); `year` and `field`
    the cell; `detail` a budget source.
    """

    section: Section
    field: str
    old: str | None = None
    new: str | None = None
    row_number: str = ""
    row_name: str = ""
    year: int | None = None
    detail: str = ""

    def where(self) -> str:
        """«Показатель № 3, 2021, план» — the place in words."""
        parts = [SECTION_WORDS[self.section]]
        if self.row_number:
            parts[0] += f" № {self.row_number}"
        elif self.row_name:
            parts[0] += f" «{self.row_name}»"
        if self.detail:
            parts.append(self.detail)
        if self.year is not None:
            parts.append(str(self.year))
        if self.field != "project":
            parts.append(self.field_words())
        return ", ".join(parts)

    def field_words(self) -> str:
        return SECTION_FIELD_WORDS.get(
            (self.section, self.field), FIELD_WORDS.get(self.field, self.field)
        )

    def old_shown(self) -> str:
        return self._shown(self.old)

    def new_shown(self) -> str:
        return self._shown(self.new)

    def _shown(self, text: str | None) -> str:
        if self.field == "direction" and text in DIRECTION_WORDS:
            return DIRECTION_WORDS[text]
        return shown(text, number=self.field in NUMBER_FIELDS)

    def what(self) -> str:
        return f"{self.old_shown()} → {self.new_shown()}"


HISTORY_COLUMNS = ["Когда", "Пользователь", "Проект", "Что", "Было", "Стало", "Источник"]


@dataclass(frozen=True)
class HistoryEntry:
    """A change as it was recorded: when, by whom, in which project, from what source."""

    at: str
    user: str
    project_code: str
    change: Change
    source: str
    id: int | None = None

    def when(self) -> str:
        """«27.11.2026 14:05», as people write a moment."""
        return moment_text(self.at)

    def columns(self) -> list[str]:
        """The entry as the history table and its Excel copy show it (HISTORY_COLUMNS)."""
        return [
            self.when(),
            self.user,
            self.project_code or "вся база",
            self.change.where(),
            self.change.old_shown(),
            self.change.new_shown(),
            self.source,
        ]


def moment_text(stamp: str) -> str:
    """An ISO moment (`2026-11-27T14:05:33`) as «27.11.2026 14:05»; anything else as it is."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return f"{moment:%d.%m.%Y %H:%M}"


def value_text(value: Decimal | bool | int | str | date | None) -> str | None:
    """How a value is kept in the history: exact digits, да/нет, a date as people write it, text."""
    if value is None:
        return None
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


def shown(text: str | None, *, number: bool = True) -> str:
    """A kept value for reading: amounts the Russian way (when `number`), «–» for none."""
    if text is None or text == "":
        return "–"
    if not number:
        return text
    try:
        return format_number(Decimal(text))
    except ArithmeticError:
        return text

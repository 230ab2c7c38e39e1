"""The words of the ministry's tables: sheet names, headers, passport labels, number formats.

Export writes these words and import recognises them (and the variants officials type), so the
two sides cannot drift apart.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from enum import StrEnum

from cdo_desktop.core.model import Direction, Role

# Sheets of an exported workbook. Import does not rely on them: tables are found by their headers.
SHEET_PASSPORT = "Паспорт"
SHEET_INDICATORS = "Показатели"
SHEET_RESULTS = "Результаты"
SHEET_FINANCING = "Финансирование"
SHEET_PERSONS = "Ответственные"

# Headers as exported.
HEADER_NUMBER = "№ п/п"
HEADER_INDICATOR = "Показатель"
HEADER_RESULT = "Результат"
HEADER_UNIT = "Единица измерения"
HEADER_CUMULATIVE = "Нарастающим итогом"
HEADER_PLAN = "план"
HEADER_FACT = "факт"
HEADER_BASE_VALUE = "Базовое значение"
HEADER_BASE_YEAR = "Базовый год"
HEADER_DIRECTION = "Направление"
HEADER_CHARACTERISTIC = "Характеристика"
HEADER_FINANCING_NAME = "Результат / источник финансирования, тыс. рублей"
HEADER_RESULT_NUMBER = "№ результата"
HEADER_TOTAL = "Всего"
TOTAL_ROW = "Итого"
HEADER_ROLE = "Роль"
HEADER_PERSON = "ФИО"
HEADER_POSITION = "Должность"
HEADER_CONTACTS = "Контакты"

YES = "да"
DIRECTION_WORDS = {Direction.UP: "рост", Direction.DOWN: "снижение"}


class Field(StrEnum):
    """Passport fields, each a label/value row of the «Паспорт» sheet."""

    CODE = "code"
    NAME = "name"
    REGION = "region"
    NATIONAL_PROJECT = "national_project"
    FEDERAL_CODE = "federal_project_code"
    FEDERAL_NAME = "federal_project_name"
    GOAL = "goal"
    CUSTOMER = "customer"
    YEARS = "years"
    CURATOR = "curator"
    LEADER = "leader"
    ADMINISTRATOR = "administrator"
    PARTICIPANTS = "participants"
    # «Краткое наименование регионального проекта» of «Электронный бюджет»: read for matching
    # the file to its project, not stored (the project has no field for it).
    SHORT_NAME = "short_name"
    # The 2025–2030 passport: the project's municipalities, one a line of the value cell.
    MUNICIPALITIES = "municipalities"


# The label each field is exported with; import also takes the variants in _LABEL_VARIANTS.
PASSPORT_LABELS: dict[Field, str] = {
    Field.CODE: "Код проекта",
    Field.NAME: "Наименование регионального проекта",
    Field.REGION: "Субъект Российской Федерации",
    Field.NATIONAL_PROJECT: "Национальный проект",
    Field.FEDERAL_CODE: "Код федерального проекта",
    Field.FEDERAL_NAME: "Федеральный проект",
    Field.GOAL: "Цель регионального проекта",
    Field.CUSTOMER: "Функциональный заказчик",
    Field.YEARS: "Срок реализации",
    Field.CURATOR: "Куратор регионального проекта",
    Field.LEADER: "Руководитель регионального проекта",
    Field.ADMINISTRATOR: "Администратор регионального проекта",
    Field.PARTICIPANTS: "Участники регионального проекта",
    Field.MUNICIPALITIES: "Муниципальные образования проекта",
}

# Passport rows that name a person: label | name | position.
PERSON_FIELDS = {
    Field.CURATOR: Role.CURATOR,
    Field.LEADER: Role.LEADER,
    Field.ADMINISTRATOR: Role.ADMINISTRATOR,
}

_LABEL_VARIANTS: dict[Field, tuple[str, ...]] = {
    Field.CODE: ("код",),
    Field.NAME: ("наименование", "название", "проект", "региональный проект"),
    Field.REGION: ("регион", "субъект рф", "субъект"),
    Field.NATIONAL_PROJECT: ("национальный проект",),
    Field.FEDERAL_CODE: ("код федерального проекта",),
    Field.FEDERAL_NAME: ("федеральный проект", "наименование федерального проекта"),
    Field.GOAL: ("цель",),
    Field.CUSTOMER: ("функциональный заказчик", "заказчик"),
    Field.YEARS: (
        "срок реализации",
        "сроки реализации",
        "годы реализации",
        "период реализации",
        "срок начала и окончания",
        "сроки начала и окончания",
    ),
    Field.CURATOR: ("куратор",),
    Field.LEADER: ("руководитель",),
    Field.ADMINISTRATOR: ("администратор",),
    Field.PARTICIPANTS: ("участники",),
    Field.SHORT_NAME: ("краткое наименование",),
}
_SUFFIXES = ("", " проекта", " регионального проекта")


def _label_index() -> dict[str, Field]:
    index: dict[str, Field] = {}
    for field, label in PASSPORT_LABELS.items():
        index[normalize(label)] = field
    for field, variants in _LABEL_VARIANTS.items():
        for variant in variants:
            for suffix in _SUFFIXES:
                index.setdefault(normalize(variant + suffix), field)
    return index


_SPACES = re.compile(r"[\s\u00a0\u202f\u2007\u2009]+")


def normalize(text: str) -> str:
    """Text as a header or label is compared: case, ё, spaces and a closing colon do not count."""
    return _SPACES.sub(" ", text.replace("ё", "е").replace("Ё", "Е")).strip(" :*").casefold()


_LABELS = _label_index()


def passport_field(text: str) -> Field | None:
    return _LABELS.get(normalize(text))


# Where label and value share a cell: «Цель проекта: создание …», «заказчик – министерство …».
_INLINE_LABEL = re.compile(r"^\s*([^:–—]{2,60}?)\s*(?::|\s[–—-]\s)\s*(.+)$", re.DOTALL)


def split_inline_label(text: str) -> tuple[Field, str] | None:
    match = _INLINE_LABEL.match(text)
    if match is None:
        return None
    field = passport_field(match.group(1))
    return (field, match.group(2).strip()) if field is not None else None


# ------------------------------------------------------------------------------- headers


class Header(StrEnum):
    """What a header cell says its column holds."""

    NUMBER = "number"
    NAME = "name"
    UNIT = "unit"
    CUMULATIVE = "cumulative"
    BASE_VALUE = "base_value"
    BASE_YEAR = "base_year"
    DIRECTION = "direction"
    CHARACTERISTIC = "characteristic"
    RESULT_NUMBER = "result_number"
    TOTAL = "total"
    ROLE = "role"
    PERSON = "person"
    POSITION = "position"
    CONTACTS = "contacts"
    # «Тип показателя» of «Электронный бюджет» («основной», «дополнительный»): the kind.
    INDICATOR_TYPE = "indicator_type"
    # The 2025–2030 passport (exchange/excel/passport_rows.py).
    LEVEL = "level"
    OKEI = "okei"
    DATA_SOURCE = "data_source"
    BREAKDOWN = "breakdown"
    TASK = "task"
    RESULT_TYPE = "result_type"
    LINKED_INDICATORS = "linked_indicators"
    SUPERVISOR = "supervisor"
    SHARE = "share"


_NUMBER_HEADER = re.compile(r"^(№|n[º°o]?\.?|no\.?|⊓/⊓)\s*(п\s*/\s*п|п\.\s*п\.?|⊓\s*/\s*⊓)?\.?$")
_EXACT_HEADERS = {
    "№ результата": Header.RESULT_NUMBER,
    "номер результата": Header.RESULT_NUMBER,
    "результат №": Header.RESULT_NUMBER,
    "базовое значение": Header.BASE_VALUE,
    "базовый год": Header.BASE_YEAR,
    "направление": Header.DIRECTION,
    "желаемая динамика": Header.DIRECTION,
    "характеристика": Header.CHARACTERISTIC,
    "характеристика результата": Header.CHARACTERISTIC,
    "всего": Header.TOTAL,
    "итого": Header.TOTAL,
    "всего за период": Header.TOTAL,
    "роль": Header.ROLE,
    "фио": Header.PERSON,
    "ф.и.о.": Header.PERSON,
    "ф. и. о.": Header.PERSON,
    "фамилия, имя, отчество": Header.PERSON,
    "фамилия и инициалы": Header.PERSON,
    "должность": Header.POSITION,
    "контакты": Header.CONTACTS,
    "тип показателя": Header.INDICATOR_TYPE,
    "тип": Header.INDICATOR_TYPE,
    "контактные данные": Header.CONTACTS,
}
_NAME_STARTS = ("показател", "результат", "наименование")


def header_of(text: str) -> Header | None:
    """The column a header cell names, or None when it names none we know."""
    key = normalize(text)
    if not key:
        return None
    exact = _EXACT_HEADERS.get(key)
    if exact is not None:
        return exact
    if _NUMBER_HEADER.match(key):
        return Header.NUMBER
    passport = passport_header(key)
    if passport is not None:
        return passport
    if key.startswith(_NAME_STARTS):
        return Header.NAME
    # People's tables: «Роль в проекте», «Ф.И.О. (полностью)», «Должность, место работы».
    if key.startswith("роль"):
        return Header.ROLE
    if key.startswith(("фио", "ф.и.о", "ф. и. о", "фамилия")):
        return Header.PERSON
    if key.startswith("должность"):
        return Header.POSITION
    if key.startswith(("контакт", "телефон")):
        return Header.CONTACTS
    if (key.startswith("единиц") or key.startswith("ед.")) and "изм" in key:
        return Header.UNIT
    if "нарастающ" in key:
        return Header.CUMULATIVE
    return None


# Headers of the 2025–2030 passport's tables, by how they start (after normalize()).
PASSPORT_HEADERS = (
    ("уровень показател", Header.LEVEL),
    ("код океи", Header.OKEI),
    ("код по океи", Header.OKEI),
    ("информационная система", Header.DATA_SOURCE),
    ("источник данных", Header.DATA_SOURCE),
    ("декомпозиция", Header.BREAKDOWN),
    ("базовое значение", Header.BASE_VALUE),
    ("признак возрастания", Header.DIRECTION),
    ("задача", Header.TASK),
    ("тип результата", Header.RESULT_TYPE),
    ("связь с показател", Header.LINKED_INDICATORS),
    ("непосредственный руководитель", Header.SUPERVISOR),
    ("занятость в проекте", Header.SHARE),
    ("доля рабочего времени", Header.SHARE),
)
HEADER_LEVEL = "Уровень показателя"
HEADER_KIND = "Тип показателя"
HEADER_OKEI = "Код ОКЕИ"
HEADER_DATA_SOURCE = "Информационная система (источник данных)"
HEADER_BREAKDOWN = "Декомпозиция на муниципальные образования"
HEADER_RESULT_TYPE = "Тип результата"
HEADER_LINKED = "Связь с показателями"
HEADER_SUPERVISOR = "Непосредственный руководитель"
HEADER_SHARE = "Занятость в проекте, %"
HEADER_MUNICIPALITY = "Наименование муниципального образования"
TASK_LABEL = "Задача"
NO_TASK_LABEL = "Вне задач"  # rows below a task's that belong to none
BREAKDOWN_CAPTION = "декомпозиция на муниципальные образования"
SHEET_MUNICIPALITIES = "Муниципалитеты"
TOTAL_REGION = "Итого по области"


def passport_header(key: str) -> Header | None:
    """A header of the 2025–2030 passport, from its normalized text."""
    return next((header for start, header in PASSPORT_HEADERS if key.startswith(start)), None)


def name_carries_unit(header: str) -> bool:
    """«Показатель/единица измерения»: each name ends with its unit after the last comma."""
    key = normalize(header)
    return "единиц" in key or "ед. изм" in key or "ед.изм" in key


_YEAR_TEXT = re.compile(r"^(\d{4})\s*(г\.?|год)?$")


def year_of(value: object) -> int | None:
    """A year header: 2019 as a number or as text («2019», «2019 год»)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1000 <= value <= 9999 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and 1000 <= value <= 9999 else None
    if isinstance(value, str):
        match = _YEAR_TEXT.match(normalize(value))
        return int(match.group(1)) if match else None
    return None


_DATE_YEAR = re.compile(r"(?<!\d)\d{1,2}[./]\d{1,2}[./](\d{4})(?!\d)")
_DASHES = frozenset({"", "-", "–", "—", "−"})


def base_year_of(value: object) -> tuple[bool, int | None]:
    """A «Базовый год» (or «дата» of «Базовое значение») cell: (understood, year).

    A dash or nothing is no year; a date (31.12.2017, typed or a date cell) is its year."""
    if value is None:
        return True, None
    if isinstance(value, date):
        return True, value.year
    if isinstance(value, str):
        text = value.strip()
        if text in _DASHES:
            return True, None
        match = _DATE_YEAR.search(text)
        if match is not None:
            return True, int(match.group(1))
    year = year_of(value)
    return year is not None, year


def split_dated_value(text: str) -> tuple[str, int] | None:
    """«5,2 (31.12.2017)», «5,2 на 31.12.2017»: the value's text and the year of its date."""
    match = _DATE_YEAR.search(text)
    if match is None:
        return None
    rest = (text[: match.start()] + text[match.end() :]).strip()
    rest = re.sub(r"(\(\s*\)|\bна\b|\bот\b|[;,]$)", " ", rest).strip(" ;,")
    return rest, int(match.group(1))


def plan_or_fact(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    key = normalize(value)
    if key.startswith("план"):
        return "plan"
    if key.startswith("факт"):
        return "fact"
    return None


# Two years standing alone: «2019–2024», or the years of two dates «01.01.2019 – 31.12.2024».
_YEARS_TEXT = re.compile(r"(?<!\d)(\d{4})(?!\d).*?(?<!\d)(\d{4})(?!\d)", re.DOTALL)


def years_of(text: str) -> tuple[int, int] | None:
    """«2019–2024», «2019 - 2024 годы», «01.01.2019 – 31.12.2024»."""
    match = _YEARS_TEXT.search(text)
    return (int(match.group(1)), int(match.group(2))) if match else None


def years_text(first: int, last: int) -> str:
    return f"{first}–{last}"


_TRUE_WORDS = {"да", "+", "✓", "✔", "v", "x", "х", "1", "yes", "true", "истина"}
_FALSE_WORDS = {"нет", "-", "–", "—", "0", "no", "false", "ложь"}


def flag_of(value: object) -> bool | None:
    """«да»/«нет» and what else people put in a yes/no column; None when it is not one of them."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return None if value not in (0, 1) else bool(value)
    key = normalize(str(value))
    if key == "" or key in _FALSE_WORDS:
        return False
    if key in _TRUE_WORDS:
        return True
    return None


_DIRECTIONS = {
    "рост": Direction.UP,
    "увеличение": Direction.UP,
    "больше": Direction.UP,
    "↑": Direction.UP,
    "up": Direction.UP,
    "снижение": Direction.DOWN,
    "уменьшение": Direction.DOWN,
    "меньше": Direction.DOWN,
    "↓": Direction.DOWN,
    "down": Direction.DOWN,
    # «Признак возрастания/убывания» of the 2025–2030 passports.
    "возрастание": Direction.UP,
    "возрастающий": Direction.UP,
    "убывание": Direction.DOWN,
    "убывающий": Direction.DOWN,
}


def direction_of(text: str) -> Direction | None:
    return _DIRECTIONS.get(normalize(text))


# ---------------------------------------------------------------------------- names and units

_CUMULATIVE_MARK = re.compile(r"\s*\(\s*нарастающим\s+итогом\s*\)\s*\**\s*$", re.IGNORECASE)
_MAX_UNIT = 40


def split_cumulative(name: str) -> tuple[str, bool]:
    """«…, процент (нарастающим итогом)» → («…, процент», True)."""
    match = _CUMULATIVE_MARK.search(name)
    if match is None:
        return name, False
    return name[: match.start()], True


def split_unit(name: str) -> tuple[str, str]:
    """«Доля …, процент» → («Доля …», «процент»): the unit follows the last comma.

    A comma inside parentheses is not the unit's, and a long tail is text, not a unit.
    """
    head, comma, tail = name.rpartition(",")
    unit = tail.strip()
    if not comma or not head.strip() or not unit or len(unit) > _MAX_UNIT:
        return name, ""
    if unit.count(")") > unit.count("("):
        return name, ""
    return head.rstrip(), unit


FINANCING_UNITS = ("тыс. рублей", "тыс. руб.", "тыс.рублей", "тыс.руб.", "тыс. руб")


def strip_financing_unit(name: str) -> str:
    """«…, тыс. рублей» → «…»: the unit of every amount, said once per line by the ministry."""
    head, unit = split_unit(name)
    return head if normalize(unit) in {normalize(u) for u in FINANCING_UNITS} else name


# -------------------------------------------------------------------------------- numbers


def number_format(decimals: int) -> str:
    """Thousands grouped and exactly `decimals` digits after the comma; Excel shows them in the
    reader's locale, so a Russian Excel prints 37 955,2."""
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


INTEGER_FORMAT = "0"  # years: 2019, not 2 019
DATE_FORMAT = "DD.MM.YYYY"  # a day, shown as the ministry writes it


def decimals_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_DECIMALS = re.compile(r"\.(0+)")


def format_digits(code: str) -> tuple[int, bool]:
    """Digits after the decimal point that a number format always shows, and whether it is a
    percent format (whose cell holds 0.3828 for 38,28 %)."""
    section = _QUOTED.sub("", code.split(";", 1)[0])
    if "E" in section.upper() and "0E" in section.upper():
        return 0, False
    match = _DECIMALS.search(section)
    return (len(match.group(1)) if match else 0), "%" in section


# Text Excel must not take for a formula (or, on editing, for a number or a function).
FORMULA_STARTS = ("=", "+", "-", "@")

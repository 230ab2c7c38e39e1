"""Table furniture: the rows and marks people put around and inside a table that are not data.

Totals («Итого», «Всего по области»), a row of column numbers (1, 2, 3 … 12), footnote marks
(«¹», «*»), label rows («в том числе:», «из них:»), sub-row numbers («1.1» under line 1),
signature blocks, the unit of amounts («млн рублей») and a breakdown by municipalities. Each rule
is a small function of text or values, so the readers of every table kind apply the same ones.
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import Enum

from cdo_desktop.exchange.excel_layout import normalize

# ------------------------------------------------------------------------------ totals


_TOTAL = re.compile(r"^(итого|всего)(\s*[:.]|\s+(по|за|на)\b|$)")


# The note under «Замечания» for each total row skipped.
TOTAL_ROW_NOTE = "строка итогов не загружается: итоги сверяются с суммой строк"


def is_total_label(text: str) -> bool:
    """«Итого», «Всего», «Итого по проекту», «ВСЕГО по области:» — not «Всего создано …»."""
    if text.lstrip()[:1] not in ("И", "и", "В", "в"):
        return False  # asked of every row's number and name: most answer at the first letter
    return _TOTAL.match(normalize(text)) is not None


def same_amount(given: Decimal | None, computed: Decimal | None) -> bool:
    """Totals Excel computed carry float noise (1064843.4000000001): a millionth is none."""
    if given is None or computed is None:
        return (given or 0) == (computed or 0)
    return abs(given - computed) < Decimal("0.000001")


# ------------------------------------------------------------------------------ numbering


def _small_integer(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().rstrip(".").isdigit():
        return int(value.strip().rstrip("."))
    return None


def is_numbering_row(values: list[object]) -> bool:
    """A row of column numbers under a header: 1, 2, 3 … in column order, nothing else."""
    numbers = [_small_integer(value) for value in values]
    if len(numbers) < 3 or any(number is None for number in numbers):
        return False
    return numbers == list(range(1, len(numbers) + 1))


# ------------------------------------------------------------------------------ marks

_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_MARKS = re.compile(rf"[{_SUPERSCRIPTS}]+|(?<=\S)\*+(?=[\s,.;:)]|$)|\s+\*+$")
FOOTNOTE_STARTS = ("*", *_SUPERSCRIPTS)


def strip_marks(text: str) -> tuple[str, bool]:
    """The text without footnote marks after a word («процент¹», «Доля*, процент»), and
    whether there were any."""
    stripped = _MARKS.sub("", text)
    return (stripped, True) if stripped != text else (text, False)


def is_footnote_text(text: str) -> bool:
    """A footnote below a table: «* Полный перечень…», «¹ Нарастающим итогом», «Примечание: …»."""
    head = text.lstrip()
    return head.startswith(FOOTNOTE_STARTS) or normalize(head).startswith(
        ("примечание", "примечания", "сноска", "справочно")
    )


# ------------------------------------------------------------------------------ label rows


_LABEL_LEVELS = {
    "в том числе": 1,
    "в т.ч.": 1,
    "в т. ч.": 1,
    "в т.ч": 1,
    "из них": 2,
    "из которых": 2,
}


def structure_label(text: str) -> int | None:
    """«в том числе:» (1: what follows are the line's sources) or «из них:» (2: parts of the
    source above); None for every other text."""
    return _LABEL_LEVELS.get(normalize(text).rstrip(":").strip())


_SUB_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)\.(\d+)\.?$")


def sub_number_depth(number: str, line_number: str) -> int:
    """How deep «1.1» or «1.2.1» sits under line «1» (1, 2 …); 0 when it is not under it."""
    key = number.strip()
    base = line_number.strip().rstrip(".")
    if not base or not key.startswith(base + "."):
        return 0
    if _SUB_NUMBER.match(key) is None:
        return 0
    return key.rstrip(".").count(".") - base.count(".")


# ------------------------------------------------------------------------------ signatures

_SIGNATURE_STARTS = (
    "исполнитель",
    "ответственный исполнитель",
    "подпись",
    "м.п",
    "мп",
    "тел.",
    "телефон",
    "составил",
    "согласовано",
    "утверждаю",
    "министр",
    "заместитель министра",
    "начальник",
    "глава",
    "дата формирования",
    "дата составления",
)
_SIGNATURE_MARKS = re.compile(r"_{3,}|\(подпись\)|\(ф\.?\s*и\.?\s*о\.?\)|тел\.\s*[\d(+]", re.I)


def is_signature(text: str) -> bool:
    """«Исполнитель: Иванова И.И., тел. 8 (8332) …», «Министр ____ А.В. Иванов», «М.П.»."""
    key = normalize(text)
    for start in _SIGNATURE_STARTS:
        if key.startswith(start) and key[len(start) : len(start) + 1] in ("", " ", ":", ".", ","):
            return True
    return has_signature_marks(text)


def has_signature_marks(text: str) -> bool:
    """A line to sign on («____»), «(подпись)», a telephone: never a label or a value."""
    return _SIGNATURE_MARKS.search(text) is not None


# ------------------------------------------------------------------------------ units


class AmountUnit(Enum):
    """The unit a financing table states its amounts in; the value converts to тыс. рублей."""

    THOUSANDS = Decimal(1)
    MILLIONS = Decimal(1000)
    RUBLES = Decimal("0.001")

    @property
    def words(self) -> str:
        return {
            AmountUnit.THOUSANDS: "тыс. рублей",
            AmountUnit.MILLIONS: "млн рублей",
            AmountUnit.RUBLES: "рублей",
        }[self]


_MILLIONS = re.compile(r"(млн\.?|миллион\w*)\s*руб", re.I)
_THOUSANDS = re.compile(r"(тыс\.?|тысяч\w*)\s*руб", re.I)
_RUBLES = re.compile(r"(?<![\w.])руб(\.|лей|ля|ль)?(?!\w)", re.I)


def amount_unit(text: str) -> AmountUnit | None:
    """The unit a caption, header or line name states: «млн рублей», «тыс. руб.», «рублей»."""
    key = normalize(text)
    if _MILLIONS.search(key):
        return AmountUnit.MILLIONS
    if _THOUSANDS.search(key):
        return AmountUnit.THOUSANDS
    if _RUBLES.search(key):
        return AmountUnit.RUBLES
    return None


def in_thousands(value: Decimal, unit: AmountUnit) -> Decimal:
    """The amount in тыс. рублей, exactly: 37 955,2 млн → 37 955 200; 1 500 рублей → 1,5."""
    if unit is AmountUnit.THOUSANDS:
        return value
    return tidy(value * unit.value)


_UNIT_TAIL = re.compile(
    r",\s*(млн\.?|миллион\w*|тыс\.?|тысяч\w*)?\s*руб(\.|лей|ля|ль)?\s*$", re.IGNORECASE
)


def name_unit(name: str) -> AmountUnit | None:
    """The unit a line's name ends with («…, млн рублей»), or None."""
    match = _UNIT_TAIL.search(name)
    return amount_unit(match.group()) if match else None


def strip_amount_unit(name: str) -> str:
    """«…, млн рублей» → «…»: the unit of a line's amounts, not part of its name."""
    match = _UNIT_TAIL.search(name)
    return name[: match.start()].rstrip() if match and name[: match.start()].strip() else name


def tidy(value: Decimal) -> Decimal:
    """Without trailing zeros after the point, never in exponent form (50, not 5E+1)."""
    if value.as_tuple().exponent >= 0:  # type: ignore[operator]
        return value
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal.as_tuple().exponent > 0 else normal  # type: ignore[operator]


# ------------------------------------------------------------------------------ municipalities

_MUNICIPAL = re.compile(
    r"^(г\.|г\s|город\s|пгт\.?\s|мо\s|муниципальное образование)"
    r"|(район|муниципальный округ|городской округ|муниципальный район)$",
    re.IGNORECASE,
)
_MAX_MUNICIPAL_NAME = 80


def is_municipality(name: str) -> bool:
    """«г. Киров», «Слободской район», «Оричевский муниципальный округ»."""
    key = normalize(strip_marks(name)[0]).rstrip(".")
    return 0 < len(key) <= _MAX_MUNICIPAL_NAME and _MUNICIPAL.search(key) is not None


def is_municipal_breakdown(names: list[str]) -> bool:
    """Rows that are municipalities, not the project's own: most of at least two rows."""
    found = sum(1 for name in names if is_municipality(name))
    return found >= 2 and found * 2 >= len(names)

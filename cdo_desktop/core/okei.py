"""Common units of the passports with their ОКЕИ codes, and which of them add up.

Codes from ОК 015-94 «Общероссийский классификатор единиц измерения» (ОКЕИ), section 1
(international units) and section 2 (national units); only the units the regional projects'
passports use are listed. A unit not listed is kept as typed, without a code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OkeiUnit:
    code: str
    name: str  # the classifier's own name
    short: str  # its national abbreviation
    additive: bool  # municipalities' values add up to the region's (not so for shares)


OKEI_UNITS = (
    OkeiUnit("744", "процент", "%", additive=False),
    OkeiUnit("746", "промилле", "‰", additive=False),
    OkeiUnit("642", "единица", "ед", additive=True),
    OkeiUnit("796", "штука", "шт", additive=True),
    OkeiUnit("798", "тысяча штук", "тыс. шт", additive=True),
    OkeiUnit("792", "человек", "чел", additive=True),
    OkeiUnit("793", "тысяча человек", "тыс. чел", additive=True),
    OkeiUnit("383", "рубль", "руб", additive=True),
    OkeiUnit("384", "тысяча рублей", "тыс. руб", additive=True),
    OkeiUnit("385", "миллион рублей", "млн руб", additive=True),
    OkeiUnit("055", "квадратный метр", "м2", additive=True),
    OkeiUnit("876", "условная единица", "усл. ед", additive=False),
)
BY_CODE = {unit.code: unit for unit in OKEI_UNITS}

# How passports write the units besides the classifier's name and abbreviation.
_SPELLINGS = {
    "процентов": "744",
    "проц": "744",
    "единиц": "642",
    "ед. изм": "642",
    "штук": "796",
    "чел": "792",
    "человека": "792",
    "тыс. человек": "793",
    "тысяч человек": "793",
    "тыс. рублей": "384",
    "тысяч рублей": "384",
    "рублей": "383",
    "млн рублей": "385",
    "миллионов рублей": "385",
}


def _key(text: str) -> str:
    return " ".join(text.replace(".", ". ").split()).replace(" .", ".").rstrip(".").casefold()


_BY_SPELLING = {
    **{_key(unit.name): unit.code for unit in OKEI_UNITS},
    **{_key(unit.short): unit.code for unit in OKEI_UNITS},
    **{_key(spelling): code for spelling, code in _SPELLINGS.items()},
}


def okei_code(unit: str) -> str | None:
    """The ОКЕИ code of a unit as a passport writes it («тыс. рублей» → 384); None if unknown."""
    return _BY_SPELLING.get(_key(unit))


def unit_of(code: str | None, unit: str) -> OkeiUnit | None:
    """The listed unit of a row: by its code where it has one, else by the unit's words."""
    found = BY_CODE.get(code or "")
    if found is None:
        found = BY_CODE.get(okei_code(unit) or "")
    return found


def is_additive(code: str | None, unit: str) -> bool:
    """Whether municipalities' values of this unit add up to the region's."""
    found = unit_of(code, unit)
    return found is not None and found.additive

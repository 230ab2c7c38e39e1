"""Reporting dates: a month's last day, and «по состоянию на 01.10.2024» as officials write it.

A monitoring value is kept at the last day of its period (30.09.2024); a report names the
morning after («по состоянию на 01.10.2024»). Both forms are read; machine output (JSON, `due`)
writes the period's last day.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.model import Periodicity

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_RUSSIAN = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
# «по состоянию на 01.10.2024», «на 30.09.2026», «по состоянию на 01.10.2024 г.»
_WORDS = re.compile(
    r"(?:по\s+состоянию\s+)?на\s+(\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{1,2}-\d{1,2})", re.IGNORECASE
)


class ReportingDateError(CdoError):
    """A date that is no reporting date (not a month's last day nor the next month's first)."""


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def is_month_end(day: date) -> bool:
    return (day + timedelta(days=1)).day == 1


def parse_day(text: str) -> date | None:
    """A day written as ГГГГ-ММ-ДД or ДД.ММ.ГГГГ; None when it is neither or no such day."""
    text = text.strip()
    match = _ISO.match(text)
    parts: tuple[str, str, str] | None = None
    if match:
        parts = (match[1], match[2], match[3])
    else:
        match = _RUSSIAN.match(text)
        if match:
            parts = (match[3], match[2], match[1])
    if parts is None:
        return None
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def reporting_date(day: date) -> date | None:
    """The reporting date a day names: a month's last day as it is, the first day of a month as
    the day before («по состоянию на 01.10.2024» is 30.09.2024); None for any other day."""
    if is_month_end(day):
        return day
    if day.day == 1:
        return day - timedelta(days=1)
    return None


def parse_reporting_date(text: str) -> date:
    """A reporting date from «30.09.2024», «2024-10-01», «по состоянию на 01.10.2024»…"""
    stripped = text.strip()
    found = _WORDS.search(stripped)
    day = parse_day(found[1] if found else stripped)
    if day is None:
        raise ReportingDateError(f"не дата: «{stripped}» (нужно ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)")
    as_of = reporting_date(day)
    if as_of is None:
        raise ReportingDateError(
            f"{day:%d.%m.%Y} — не отчётная дата: нужен последний день месяца "
            "или первый день следующего"
        )
    return as_of


def find_reporting_date(text: str) -> date | None:
    """The reporting date named in a caption («… по состоянию на 01.10.2026»), if any."""
    found = _WORDS.search(text)
    return parse_reporting_date(found[0]) if found else None


def as_of_words(as_of: date) -> str:
    """«по состоянию на 01.10.2024» for the reporting date 30.09.2024, as reports print it."""
    return f"по состоянию на {as_of + timedelta(days=1):%d.%m.%Y}"


def day_text(day: date) -> str:
    return f"{day:%d.%m.%Y}"


def period_ends(periodicity: Periodicity, year: int) -> list[date]:
    """The reporting dates at which a row of this periodicity owes a monitoring value in a
    year (a «год» row owes the annual fact instead: none here)."""
    if periodicity is Periodicity.MONTH:
        return [month_end(year, month) for month in range(1, 13)]
    if periodicity is Periodicity.QUARTER:
        return [month_end(year, month) for month in (3, 6, 9, 12)]
    return []


def year_month_ends(years: range) -> list[date]:
    """Every reporting date of a project's years."""
    return [month_end(year, month) for year in years for month in range(1, 13)]

"""The `--as-of ДАТА` every dated command shares: one form, one check, one message.

ДАТА is written ГГГГ-ММ-ДД or ДД.ММ.ГГГГ in every command (issue 19 spells both); a date that is
neither, or no such day («31.02.2024»), is a data error like any other: exit 1 with one Russian
line naming the option, not argparse's usage text.
"""

from __future__ import annotations

import argparse
from datetime import date

from cdo_desktop.core.errors import CdoError

DATE_FORMS = "ГГГГ-ММ-ДД или ДД.ММ.ГГГГ"


def day_from_option(text: str, option: str = "--as-of") -> date:
    """The day `text` names, or a CdoError in Russian naming the option."""
    from cdo_desktop.core.monitoring_dates import parse_day

    parsed = parse_day(text)
    if parsed is None:
        raise CdoError(
            f"{option}: «{text}» — не дата или такой даты не бывает (нужно {DATE_FORMS})"
        )
    return parsed


def add_as_of(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--as-of",
        metavar="ДАТА",
        help=f"дата ({DATE_FORMS}), на которую {what} (по умолчанию сегодня)",
    )


def as_of_or_today(args: argparse.Namespace) -> date:
    """The day of `--as-of`, today when it is not given."""
    text = getattr(args, "as_of", None)
    return day_from_option(text) if text is not None else date.today()

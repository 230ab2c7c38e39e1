"""Fact against plan: the seed's cases and the edges."""

from decimal import Decimal

import pytest

from cdo_desktop.core.model import Direction
from cdo_desktop.core.status import Status, fact_status


def d(text):
    return None if text is None else Decimal(text)


@pytest.mark.parametrize(
    ("plan", "fact", "direction", "status", "percent"),
    [
        ("20", "0", Direction.UP, Status.NOT_ACHIEVED, "0"),  # result 3, 2019
        ("0.5", "6.0", Direction.UP, Status.ACHIEVED, "1200"),  # result 4, 2020
        ("0", "0", Direction.UP, Status.ACHIEVED, None),  # plan 0, fact 0
        ("40", "41.1", Direction.UP, Status.ACHIEVED, "102.75"),
        ("15", "16", Direction.UP, Status.ACHIEVED, None),
        ("10", "12", Direction.DOWN, Status.NOT_ACHIEVED, "120"),
        ("10", "8", Direction.DOWN, Status.ACHIEVED, "80"),
        ("38.28", None, Direction.UP, Status.NO_FACT, None),
        (None, "5", Direction.UP, Status.NO_PLAN, None),
        (None, None, Direction.UP, Status.EMPTY, None),
    ],
)
def test_fact_status(plan, fact, direction, status, percent):
    result = fact_status(d(plan), d(fact), direction)
    assert result.status is status
    if percent is not None:
        assert result.percent == Decimal(percent)
    elif status is not Status.ACHIEVED:
        assert result.percent is None


def test_description_says_it_in_words_with_percent():
    assert fact_status(d("0.5"), d("6.0")).describe(d("0.5"), d("6.0")) == (
        "Достигнуто: 1200 % плана (план 0,5, факт 6,0)"
    )
    assert fact_status(d("20"), d("0")).describe() == "Не достигнуто: 0 % плана"

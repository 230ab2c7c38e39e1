"""Control points' statuses around their dates, dates as people write them, what is open."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cdo_desktop.core.control_points import (
    DateTextError,
    PointStatus,
    date_text,
    open_risks,
    overdue_points,
    parse_date,
    parse_optional_date,
    point_status,
    points_at,
    status_word,
)
from cdo_desktop.core.model import ControlPoint, PlanFactRow, Project, Risk, RiskStatus

DAYS = st.dates(min_value=date(2018, 1, 1), max_value=date(2031, 12, 31))


def point(due: date, done: date | None = None, number: str = "1.1") -> ControlPoint:
    return ControlPoint(number=number, name="Точка", due=due, done=done)


@given(due=DAYS, done=st.none() | DAYS, as_of=DAYS)
def test_status_follows_the_definition(due, done, as_of):
    status = point_status(point(due, done), as_of)
    done_by_then = done is not None and done <= as_of
    if done_by_then:
        assert status is (PointStatus.DONE if done <= due else PointStatus.DONE_LATE)
    elif due < as_of:
        assert status is PointStatus.OVERDUE
    else:
        assert status is PointStatus.IN_WORK


@given(due=DAYS, done=DAYS)
def test_a_point_done_later_was_not_done_before(due, done):
    the_day_before = done - timedelta(days=1)
    assert point_status(point(due, done), the_day_before) in (
        PointStatus.OVERDUE,
        PointStatus.IN_WORK,
    )
    assert point_status(point(due, done), done) in (PointStatus.DONE, PointStatus.DONE_LATE)


def test_statuses_around_the_planned_date():
    due = date(2024, 3, 31)
    assert status_word(point(due), date(2024, 3, 31)) == "в работе"  # due on D: still in work
    assert status_word(point(due), date(2024, 4, 1)) == "просрочена"
    assert status_word(point(due, date(2024, 3, 31)), date(2024, 5, 1)) == "выполнена"
    assert (
        status_word(point(due, date(2024, 4, 1)), date(2024, 5, 1))
        == "выполнена с нарушением срока"
    )
    assert status_word(point(due, date(2024, 4, 1)), date(2024, 3, 31)) == "в работе"


def test_overdue_first_and_open_risks():
    result = PlanFactRow(
        "1",
        "Результат",
        control_points=[
            point(date(2024, 12, 1), date(2024, 5, 1), "1.1"),
            point(date(2024, 1, 1), None, "1.2"),
            point(date(2025, 1, 1), None, "1.3"),
        ],
    )
    project = Project(
        "E1",
        "Проект",
        results=[result],
        risks=[Risk("1", "Срыв сроков"), Risk("2", "Нет", status=RiskStatus.CLOSED)],
    )
    as_of = date(2024, 6, 1)
    assert [entry.point.number for entry in points_at(project, as_of)] == ["1.2", "1.3", "1.1"]
    assert [entry.point.number for entry in overdue_points(project, as_of)] == ["1.2"]
    assert [risk.number for risk in open_risks(project)] == ["1"]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("31.03.2024", date(2024, 3, 31)),
        ("20.12.2024 г.", date(2024, 12, 20)),
        ("1.2.2024", date(2024, 2, 1)),
        (" 20.12.2024г ", date(2024, 12, 20)),
    ],
)
def test_dates_as_written(text, day):
    assert parse_date(text) == day
    assert date_text(day) == f"{day:%d.%m.%Y}"


@pytest.mark.parametrize("text", ["31.02.2024", "весна 2024", "2024-03-31", "32.01.2024"])
def test_impossible_or_foreign_dates_are_refused(text):
    with pytest.raises(DateTextError) as error:
        parse_date(text)
    assert "дат" in error.value.reason


def test_a_dash_is_not_done():
    assert parse_optional_date("-") is None
    assert parse_optional_date("–") is None
    assert parse_optional_date("") is None
    assert date_text(None) == "–"

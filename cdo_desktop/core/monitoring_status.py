"""How a row stands at a reporting date: % of the year's plan, and one of four statuses.

The percent is the annual table's (core/status.py: fact ÷ plan × 100, none for a zero plan).
«достигнуто» when the fact meets the year's plan by the row's direction; otherwise «прогноз:
будет достигнуто» when the forecast meets it, «риск недостижения» when the forecast falls short
or is missing; «не внесено» when the value is due (its period has ended) and has no fact; a row
with no fact at that date and nothing due has no status («–»). A cumulative row's fact is the
level reached, another row's the value for the year so far: the rule is the same for both.
See docs/monitoring.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from cdo_desktop.core.model import Direction, MonitoringValue, PlanFactRow
from cdo_desktop.core.status import fact_status


class MonitoringStatus(StrEnum):
    ACHIEVED = "achieved"
    FORECAST_ACHIEVED = "forecast_achieved"
    AT_RISK = "at_risk"
    NOT_ENTERED = "not_entered"
    NONE = "none"


MONITORING_STATUS_WORDS = {
    MonitoringStatus.ACHIEVED: "достигнуто",
    MonitoringStatus.FORECAST_ACHIEVED: "прогноз: будет достигнуто",
    MonitoringStatus.AT_RISK: "риск недостижения",
    MonitoringStatus.NOT_ENTERED: "не внесено",
    MonitoringStatus.NONE: "–",
}


@dataclass(frozen=True)
class MonitoringStanding:
    plan: Decimal | None
    entry: MonitoringValue
    status: MonitoringStatus
    percent: Decimal | None

    @property
    def words(self) -> str:
        return MONITORING_STATUS_WORDS[self.status]


def meets(value: Decimal, plan: Decimal, direction: Direction) -> bool:
    return value >= plan if direction is Direction.UP else value <= plan


def monitoring_status(
    plan: Decimal | None,
    entry: MonitoringValue | None,
    direction: Direction = Direction.UP,
    *,
    due: bool = False,
) -> MonitoringStatus:
    """The status of one entry against the year's plan (`due`: its period has ended)."""
    fact = entry.fact if entry is not None else None
    if fact is None:
        return MonitoringStatus.NOT_ENTERED if due else MonitoringStatus.NONE
    if plan is None:
        return MonitoringStatus.NONE
    if meets(fact, plan, direction):
        return MonitoringStatus.ACHIEVED
    forecast = entry.forecast if entry is not None else None
    if forecast is not None and meets(forecast, plan, direction):
        return MonitoringStatus.FORECAST_ACHIEVED
    return MonitoringStatus.AT_RISK


def standing(row: PlanFactRow, as_of: date, *, due: bool = False) -> MonitoringStanding:
    """The row at a reporting date: year's plan, entry, status and % of plan."""
    plan = row.value(as_of.year).plan
    entry = row.monitoring.get(as_of) or MonitoringValue()
    percent = fact_status(plan, entry.fact, row.direction).percent
    return MonitoringStanding(
        plan, entry, monitoring_status(plan, entry, row.direction, due=due), percent
    )


def execution_percent(executed: Decimal | None, amount: Decimal | None) -> Decimal | None:
    """Executed as a percent of the year's amount; none for a zero or missing amount."""
    if executed is None or amount is None or amount == 0:
        return None
    return executed / amount * 100

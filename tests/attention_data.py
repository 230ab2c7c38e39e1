"""The overview's three projects (tests/overview_data.py) with what issues 19 and 20 count:
E1 has a monthly indicator with September 2024 missing, two control points overdue of three,
two risks open of three; the others have none."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from cdo_desktop.core.model import (
    ControlPoint,
    MonitoringValue,
    Periodicity,
    Project,
    Risk,
    RiskStatus,
    RowKind,
)
from cdo_desktop.core.monitoring_dates import month_end
from tests.overview_data import three_projects

AS_OF = date(2024, 10, 3)  # September's values were due 02.10.2024


def attention_projects() -> list[Project]:
    projects = three_projects()
    current = projects[0]
    for row in current.indicators + current.results:
        row.values[2024].fact = row.values[2024].fact or Decimal(1)
    monthly = current.indicators[0]
    monthly.periodicity = Periodicity.MONTH
    for month in range(1, 9):
        monthly.monitoring[month_end(2024, month)] = MonitoringValue(Decimal(50 + month))
    current.results[0].control_points = [
        ControlPoint(
            "1.1", "Закуплено оборудование", date(2024, 3, 31), responsible="Б.Б. Лидеров"
        ),
        ControlPoint("1.2", "Проведён ремонт", date(2024, 6, 30)),
        ControlPoint("1.3", "Открыты центры", date(2024, 9, 1), done=date(2024, 9, 1)),
    ]
    current.risks = [
        Risk(
            "1",
            "Срыв поставки оборудования",
            RowKind.RESULT,
            "1",
            mitigation="Резервный поставщик",
            owner="Б.Б. Лидеров",
        ),
        Risk("2", "Нехватка учителей", RowKind.INDICATOR, "2"),
        Risk("3", "Рост цен", status=RiskStatus.CLOSED),
    ]
    return projects

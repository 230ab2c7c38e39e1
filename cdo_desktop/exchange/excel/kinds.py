"""The kinds of table a workbook holds."""

from __future__ import annotations

from enum import StrEnum


class TableKind(StrEnum):
    INDICATORS = "indicators"
    RESULTS = "results"
    FINANCING = "financing"
    PERSONS = "persons"
    CONTROL_POINTS = "control_points"
    RISKS = "risks"

    @property
    def title(self) -> str:  # type: ignore[override]  # a table kind's words, not str.title
        return {
            TableKind.INDICATORS: "показателей",
            TableKind.RESULTS: "результатов",
            TableKind.FINANCING: "финансирования",
            TableKind.PERSONS: "ответственных",
            TableKind.CONTROL_POINTS: "контрольных точек",
            TableKind.RISKS: "рисков",
        }[self]

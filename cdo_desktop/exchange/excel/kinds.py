"""The kinds of table a workbook holds."""

from __future__ import annotations

from enum import StrEnum


class TableKind(StrEnum):
    INDICATORS = "indicators"
    RESULTS = "results"
    FINANCING = "financing"
    PERSONS = "persons"

    @property
    def title(self) -> str:  # type: ignore[override]  # a table kind's words, not str.title
        return {
            TableKind.INDICATORS: "показателей",
            TableKind.RESULTS: "результатов",
            TableKind.FINANCING: "финансирования",
            TableKind.PERSONS: "ответственных",
        }[self]

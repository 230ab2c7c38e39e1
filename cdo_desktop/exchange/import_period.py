"""Which years a project spans after an import: the period never shrinks without a yes.

A file's «Срок реализации» shorter than the project's would take away every figure outside it.
Without the user's confirmation (`drop_outside_period`: the tick box of the preview,
`--drop-outside-period` of the command line) the period becomes the union of the two and nothing
goes. A file whose period does not overlap the project's at all is another regional project
(2025–2030 beside 2019–2024), never merged into this one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cdo_desktop.core.model import Project
from cdo_desktop.exchange.import_incoming import Problem, Severity

# The command-line option and the tick box that confirm a shorter period.
DROP_OPTION = "--drop-outside-period"


@dataclass
class Period:
    years: tuple[int, int]
    outside: int = 0  # the project's values outside the file's period
    problems: list[Problem] = field(default_factory=list)


def values_outside(project: Project, first: int, last: int) -> int:
    """How many dated values of the project lie outside first–last: plan and fact values of
    indicators and results, financing amounts of every source."""
    count = 0
    for row in (*project.indicators, *project.results):
        for year, pair in row.values.items():
            if not first <= year <= last:
                count += (pair.plan is not None) + (pair.fact is not None)
    for line in project.financing:
        for source in line.sources:
            count += sum(
                1
                for year, value in source.values.items()
                if value is not None and not first <= year <= last
            )
    return count


def settle_period(project: Project, file_years: tuple[int, int], *, drop: bool) -> Period:
    """The project's period after importing a file that states `file_years`."""
    first, last = project.first_year, project.last_year
    new_first, new_last = file_years
    if new_last < first or new_first > last:
        return Period(
            (first, last),
            problems=[
                Problem(
                    f"срок реализации в файле {new_first}–{new_last} не пересекается со сроком "
                    f"проекта «{project.code}» {first}–{last}: это другой региональный проект, а "
                    f"не продолжение этого; файл не загружается в проект «{project.code}»; "
                    f"загрузите его новым проектом (в командной строке: --new-project КОД)"
                )
            ],
        )
    outside = values_outside(project, new_first, new_last)
    if drop:
        return Period(file_years, outside)
    union = (min(first, new_first), max(last, new_last))
    period = Period(union, outside)
    if union != file_years:
        kept = (
            f"значения вне срока файла ({outside}) сохраняются"
            if outside
            else "ничего не удаляется"
        )
        period.problems.append(
            Problem(
                f"срок реализации в файле {new_first}–{new_last} короче срока проекта "
                f"{first}–{last}: срок проекта становится {union[0]}–{union[1]}, {kept}; "
                f"сократить срок можно, подтвердив удаление (флажок в окне просмотра, "
                f"{DROP_OPTION} в командной строке)",
                severity=Severity.WARNING,
            )
        )
    return period

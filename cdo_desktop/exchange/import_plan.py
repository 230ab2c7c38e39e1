"""What an import will do to a project, as data: the project after it, typed changes, problems.

A reader (the Excel one today) says what a file holds as `Incoming`; `build_plan` lays it over the
project in the database and lists every change value by value. The preview dialog, `--dry-run`
and the change history all read that one list; `apply_plan` writes the project in one
transaction. Nothing here knows Qt, openpyxl or SQL. The parts live beside it: `import_incoming`
(what a file holds), `import_changes` (changes and row matching), `import_people`,
`import_financing`, `import_period` (the period rules), `import_preview` (the plan as text).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from cdo_desktop.core.changes import Change as CoreChange
from cdo_desktop.core.diff import diff_project, match_rows, squeeze
from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.model import FederalProject, PlanFact, PlanFactRow, Project, RowKind
from cdo_desktop.exchange.import_changes import (
    ACTION_MARKS,
    FIELD_LABELS,
    ROW_SECTIONS,
    SECTION_TITLES,
    VALUE_LABELS,
    Action,
    Change,
    Section,
    Value,
    _kept,
    _same_text,
    row_title,
    shown,
)
from cdo_desktop.exchange.import_financing import FinancingBuilder
from cdo_desktop.exchange.import_incoming import (
    Incoming,
    IncomingLine,
    IncomingRow,
    Problem,
    Severity,
)
from cdo_desktop.exchange.import_lines import preview_lines
from cdo_desktop.exchange.import_passport import lay_passport, merge_row_fields
from cdo_desktop.exchange.import_people import PeopleBuilder
from cdo_desktop.exchange.import_period import settle_period
from cdo_desktop.exchange.import_points import lay_points_and_risks

if TYPE_CHECKING:
    from cdo_desktop.storage.store import Store

# Everything callers imported from here before the split.
__all__ = [
    "ACTION_MARKS",
    "FIELD_LABELS",
    "ROW_SECTIONS",
    "SECTION_TITLES",
    "VALUE_LABELS",
    "Action",
    "Change",
    "ImportPlan",
    "Incoming",
    "IncomingLine",
    "IncomingRow",
    "Problem",
    "Section",
    "Severity",
    "StaleProjectError",
    "Value",
    "apply_plan",
    "build_plan",
    "describe_plan",
    "match_rows",
    "row_title",
    "shown",
    "squeeze",
]

# ---------------------------------------------------------------------------- the plan


@dataclass
class ImportPlan:
    """The project as it will be after the import, and the way there."""

    file: str
    incoming: Incoming
    existing: Project | None  # None: the import creates a project
    existing_stamp: str | None
    project: Project
    changes: list[Change]
    problems: list[Problem]
    remove_missing: bool = True
    keep_code: bool = False
    drop_outside_period: bool = False
    # Values of the project outside the file's period: they go only with drop_outside_period.
    outside_period: int = 0
    # What the store applies: the one diff (core.diff) from the stored project to `project`,
    # made with the preview. Each change checks its old value, so a preview gone stale is
    # refused, not applied over someone else's work.
    edits: list[CoreChange] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)

    def counts(self) -> dict[Action, int]:
        """How many rows are added, changed, removed (a row with five changed values is one)."""
        touched: dict[Action, set[tuple[Section, str]]] = {action: set() for action in Action}
        for change in self.changes:
            touched[change.action].add((change.section, change.item))
        changed_items = touched[Action.CHANGE] - touched[Action.ADD] - touched[Action.REMOVE]
        return {
            Action.ADD: len(touched[Action.ADD]),
            Action.CHANGE: len(changed_items),
            Action.REMOVE: len(touched[Action.REMOVE]),
        }

    def rebuilt(
        self, *, remove_missing: bool | None = None, drop_outside_period: bool | None = None
    ) -> ImportPlan:
        """The same file over the same project, keeping or removing rows the file lacks and
        values outside the file's period."""
        return build_plan(
            self.incoming,
            self.existing,
            file=self.file,
            existing_stamp=self.existing_stamp,
            keep_code=self.keep_code,
            remove_missing=self.remove_missing if remove_missing is None else remove_missing,
            drop_outside_period=(
                self.drop_outside_period if drop_outside_period is None else drop_outside_period
            ),
        )


def build_plan(
    incoming: Incoming,
    existing: Project | None,
    *,
    file: str,
    existing_stamp: str | None = None,
    keep_code: bool = False,
    remove_missing: bool = True,
    drop_outside_period: bool = False,
) -> ImportPlan:
    """Lay what a file holds over the project in the database (None: a new project).

    `keep_code` is for a target the user chose (`--project`): the file's code does not rename it.
    `remove_missing` removes rows of a table the file has but whose rows it lacks; tables the file
    does not have at all are never touched. The project's period never shrinks unless
    `drop_outside_period` (see import_period).
    """
    builder = _Builder(incoming, existing, keep_code=keep_code, remove_missing=remove_missing)
    builder.drop_outside_period = drop_outside_period
    project = builder.build()
    edits = diff_project(existing, project) if existing is not None else []
    # The preview tells the one diff the store will apply; a new project is told whole.
    changes = preview_lines(existing, project, edits) if existing is not None else builder.changes
    return ImportPlan(
        file=file,
        incoming=incoming,
        existing=existing,
        existing_stamp=existing_stamp,
        project=project,
        changes=changes,
        problems=[*incoming.problems, *builder.problems],
        remove_missing=remove_missing,
        keep_code=keep_code,
        drop_outside_period=drop_outside_period,
        outside_period=builder.outside_period,
        edits=edits,
    )


class StaleProjectError(CdoError):
    """The project changed in the database after the preview was made."""


def apply_plan(store: Store, plan: ImportPlan) -> int | None:
    """Write the planned project in one transaction, in place (rows keep their ids); its id.

    What is written is `plan.edits`, the changes the preview was made from; a value changed
    since by someone else is a conflict (ChangeConflict), and nothing is written.
    """
    if plan.has_errors:
        first = plan.errors[0]
        raise first.as_error(plan.file)
    if plan.existing is not None and not plan.changes and not plan.edits:
        return plan.existing.id
    source = f"импорт из Excel: {Path(plan.file).name}"  # how the change history names it
    with store.database.atomic():
        if plan.existing is None or plan.existing.id is None:
            return store.create(plan.project, source)
        stamp = plan.existing_stamp
        if stamp is not None and store.updated_at(plan.existing.id) != stamp:
            raise StaleProjectError(
                f"проект «{plan.existing.code}» изменился после предварительного просмотра; "
                "повторите импорт"
            )
        if plan.edits:
            store.apply(plan.edits, source)
        return plan.existing.id


# ---------------------------------------------------------------------------- building


class _Builder(PeopleBuilder, FinancingBuilder):
    def __init__(
        self, incoming: Incoming, existing: Project | None, *, keep_code: bool, remove_missing: bool
    ) -> None:
        self.incoming = incoming
        self.existing = existing
        self.keep_code = keep_code
        self.remove_missing = remove_missing
        self.changes: list[Change] = []
        self.problems: list[Problem] = []
        self.drop_outside_period = False
        self.outside_period = 0

    # -- the project itself

    def build(self) -> Project:
        incoming, old = self.incoming, self.existing
        if old is None:
            project = self._new_project()
        else:
            project = replace(
                old,
                persons=list(old.persons),
                participants=list(old.participants),
                indicators=list(old.indicators),
                results=list(old.results),
                financing=list(old.financing),
            )
            self._passport(project, old)
        first, last = self._years(project)
        project.first_year, project.last_year = first, last
        years = range(first, last + 1)
        if old is not None and (old.first_year, old.last_year) != (first, last):
            self.change(
                Action.CHANGE,
                Section.PROJECT,
                field="years",
                old=f"{old.first_year}–{old.last_year}",
                new=f"{first}–{last}",
            )
        self._persons(project)
        self._participants(project)
        for kind in RowKind:
            rows = incoming.rows(kind)
            if rows is not None or (old is not None and years != old.years):
                merged = self._rows(kind, old.rows(kind) if old else [], rows, years)
                if kind is RowKind.INDICATOR:
                    project.indicators = merged
                else:
                    project.results = merged
        if incoming.financing is not None or (old is not None and years != old.years):
            project.financing = self._financing(
                old.financing if old else [], incoming.financing, years
            )
        lay_passport(incoming, project, self.problems)
        lay_points_and_risks(self, project)
        return project

    def _new_project(self) -> Project:
        incoming = self.incoming
        code = (incoming.code or "").strip()
        name = incoming.name or ""
        if not code:
            self.problems.append(
                Problem(
                    "в файле не указан код проекта («Код проекта» на листе «Паспорт»), и проект "
                    "с таким названием в базе не найден: укажите проект (--project) или код"
                )
            )
        if not name.strip():
            self.problems.append(
                Problem(
                    "у нового проекта нет названия: добавьте строку «Наименование регионального "
                    "проекта» на лист «Паспорт»"
                )
            )
        federal = incoming.federal_project if incoming.federal_project_given else None
        project = Project(
            code=code,
            name=name,
            region=incoming.texts.get("region", ""),
            national_project=incoming.national_project,
            federal_project=federal,
            goal=incoming.texts.get("goal", ""),
            customer=incoming.texts.get("customer", ""),
        )
        self.change(Action.ADD, Section.PROJECT, f"{code} «{name}»")
        return project

    def _passport(self, project: Project, old: Project) -> None:
        incoming = self.incoming
        if incoming.code is not None and incoming.code.strip() != old.code:
            if self.keep_code:
                self.problems.append(
                    Problem(
                        f"код в файле «{incoming.code.strip()}» не совпадает с кодом выбранного "
                        f"проекта «{old.code}»: данные загружаются в «{old.code}»",
                        severity=Severity.WARNING,
                    )
                )
            else:
                project.code = incoming.code.strip()
                self.change(
                    Action.CHANGE, Section.PROJECT, field="code", old=old.code, new=project.code
                )
        if incoming.name is not None and not _same_text(old.name, incoming.name):
            if incoming.name.strip():
                project.name = incoming.name
                self.change(
                    Action.CHANGE, Section.PROJECT, field="name", old=old.name, new=incoming.name
                )
        for key, text in incoming.texts.items():
            before = getattr(old, key)
            if not _same_text(before, text):
                setattr(project, key, text)
                self.change(Action.CHANGE, Section.PROJECT, field=key, old=before, new=text)
        if incoming.national_project_given:
            before_np, after_np = old.national_project, incoming.national_project
            if (before_np or "") != (after_np or "") and not _same_text(
                before_np or "", after_np or ""
            ):
                project.national_project = after_np
                self.change(
                    Action.CHANGE,
                    Section.PROJECT,
                    field="national_project",
                    old=before_np,
                    new=after_np,
                )
        if incoming.federal_project_given:
            before_fp, after_fp = old.federal_project, incoming.federal_project
            if _federal_text(before_fp) != _federal_text(after_fp):
                project.federal_project = after_fp
                self.change(
                    Action.CHANGE,
                    Section.PROJECT,
                    field="federal_project",
                    old=_federal_text(before_fp) or None,
                    new=_federal_text(after_fp) or None,
                )

    def _years(self, project: Project) -> tuple[int, int]:
        incoming, old = self.incoming, self.existing
        if incoming.years is not None:
            if old is None:
                return incoming.years
            period = settle_period(old, incoming.years, drop=self.drop_outside_period)
            self.outside_period = period.outside
            self.problems.extend(period.problems)
            return period.years
        seen = set(incoming.table_years)
        if old is not None:
            seen.update((old.first_year, old.last_year))
        if not seen:
            return project.first_year, project.last_year
        return min(seen), max(seen)

    # -- people

    def _rows(
        self,
        kind: RowKind,
        olds: list[PlanFactRow],
        incoming: list[IncomingRow] | None,
        years: range,
    ) -> list[PlanFactRow]:
        section = ROW_SECTIONS[kind]
        if incoming is None:
            # The file has no such table; only years that left the project take values away.
            return [self._row_values(section, old, old, years) for old in olds]
        found, left = match_rows(
            olds,
            incoming,
            lambda row: (row.number, row.name),
            lambda item: (item.row.number, item.row.name),
        )
        result: list[PlanFactRow] = []
        for item, old_index in zip(incoming, found, strict=True):
            new = item.row
            if old_index is None:
                if new.id is not None or any(y not in years for y in new.values):
                    values = {y: v for y, v in new.values.items() if y in years}
                    new = replace(new, values=values, id=None)
                result.append(new)
                self.changes.append(Change(Action.ADD, section, row_title(new.number, new.name)))
                continue
            old = olds[old_index]
            merged = replace(old, values=dict(old.values))
            title = row_title(old.number, old.name)
            for key in ("number", "name"):
                before, after = getattr(old, key), getattr(new, key)
                if not _same_text(before, after):
                    setattr(merged, key, after)
                    self.change(Action.CHANGE, section, title, field=key, old=before, new=after)
            for key in ("unit", "cumulative", "direction", "characteristic"):
                if key not in item.given:
                    continue
                before, after = getattr(old, key), getattr(new, key)
                if isinstance(before, str) and isinstance(after, str):
                    if _same_text(before, after):
                        continue
                elif before == after:
                    continue
                setattr(merged, key, after)
                shown_before = before.value if key == "direction" else before
                shown_after = after.value if key == "direction" else after
                self.change(
                    Action.CHANGE, section, title, field=key, old=shown_before, new=shown_after
                )
            merge_row_fields(item, merged)
            if "base" in item.given:
                if old.base_value != new.base_value:
                    merged.base_value = new.base_value
                    self.change(
                        Action.CHANGE,
                        section,
                        title,
                        field="base_value",
                        old=old.base_value,
                        new=new.base_value,
                    )
                if old.base_year != new.base_year:
                    merged.base_year = new.base_year
                    self.change(
                        Action.CHANGE,
                        section,
                        title,
                        field="base_year",
                        old=old.base_year,
                        new=new.base_year,
                    )
            for year, part in item.covered:
                value = getattr(new.value(year), part)
                pair = merged.values.get(year) or PlanFact()
                merged.values[year] = replace(pair, **{part: _kept(getattr(pair, part), value)})
            result.append(self._row_values(section, old, merged, years, title))
        kept: list[tuple[int, PlanFactRow]] = []
        for index in left:
            old = olds[index]
            if self.remove_missing:
                self.change(Action.REMOVE, section, row_title(old.number, old.name))
            else:
                kept.append((index, self._row_values(section, old, old, years)))
        return self._finish(section, result, found, kept)

    def _row_values(
        self,
        section: Section,
        old: PlanFactRow,
        merged: PlanFactRow,
        years: range,
        title: str | None = None,
    ) -> PlanFactRow:
        """The merged row with values only in the project's years; each changed value listed."""
        values = {
            year: pair
            for year, pair in sorted(merged.values.items())
            if year in years and not pair.is_empty()
        }
        title = title or row_title(old.number, old.name)
        for year in sorted(set(old.values) | set(merged.values)):
            before, after = old.value(year), values.get(year) or PlanFact()
            for part in ("plan", "fact"):
                was, now = getattr(before, part), getattr(after, part)
                if was != now:
                    self.change(
                        Action.CHANGE,
                        section,
                        title,
                        field=f"{part}:{year}",
                        label=f"{VALUE_LABELS[part]} {year}",
                        old=was,
                        new=now,
                    )
        return replace(merged, values=values)

    # -- financing


def _federal_text(value: FederalProject | None) -> str:
    if value is None:
        return ""
    return f"{value.code} «{value.name}»" if value.name else value.code


def describe_plan(plan: ImportPlan) -> list[str]:
    """The plan as lines of text: what `--dry-run` prints and the log of an import keeps."""
    from cdo_desktop.exchange.import_preview import plan_lines  # it reads ImportPlan

    return plan_lines(plan)

"""The plan builder's part for financing: lines, their sources, amounts by year."""

from __future__ import annotations

from dataclasses import replace

from cdo_desktop.core.diff import match_rows
from cdo_desktop.core.diff import name_key as _name_key
from cdo_desktop.core.model import ALL_SOURCES, BudgetSource, FinancingLine
from cdo_desktop.exchange.import_changes import (
    Action,
    BuilderBase,
    Section,
    _kept,
    _same_text,
    row_title,
    shown,
)
from cdo_desktop.exchange.import_incoming import IncomingLine, Problem, Severity


class FinancingBuilder(BuilderBase):
    def _financing(
        self, olds: list[FinancingLine], incoming: list[IncomingLine] | None, years: range
    ) -> list[FinancingLine]:
        section = Section.FINANCING
        if incoming is None:
            return [self._line_amounts(old, old, years) for old in olds]
        found, left = match_rows(
            olds,
            incoming,
            lambda line: (line.number, line.name),
            lambda item: (item.line.number, item.line.name),
        )
        result: list[FinancingLine] = []
        for item, old_index in zip(incoming, found, strict=True):
            new = item.line
            if old_index is None:
                sources = [
                    replace(s, values={y: v for y, v in s.values.items() if y in years}, id=None)
                    for s in new.sources
                ]
                result.append(replace(new, sources=sources, id=None))
                self.change(Action.ADD, section, row_title(new.number, new.name))
                continue
            old = olds[old_index]
            title = row_title(old.number, old.name)
            merged = replace(old, sources=[replace(s, values=dict(s.values)) for s in old.sources])
            for key in ("number", "name"):
                before, after = getattr(old, key), getattr(new, key)
                if not _same_text(before, after):
                    setattr(merged, key, after)
                    self.change(Action.CHANGE, section, title, field=key, old=before, new=after)
            if item.result_given and (old.result or "") != (new.result or ""):
                merged.result = new.result
                self.change(
                    Action.CHANGE, section, title, field="result", old=old.result, new=new.result
                )
            if item.has_sources:
                merged.sources = self._sources(title, old, new, item.covered)
            else:
                self._line_totals(title, merged, new, item)
            result.append(self._line_amounts(old, merged, years, title))
        kept: list[tuple[int, FinancingLine]] = []
        for index in left:
            old = olds[index]
            if self.remove_missing:
                self.change(Action.REMOVE, section, row_title(old.number, old.name))
            else:
                kept.append((index, self._line_amounts(old, old, years)))
        return self._finish(section, result, found, kept)

    def _sources(
        self, title: str, old: FinancingLine, new: FinancingLine, covered: frozenset[int]
    ) -> list[BudgetSource]:
        found, left = match_rows(
            old.sources, new.sources, lambda s: ("", s.name), lambda s: ("", s.name)
        )
        sources: list[BudgetSource] = []
        for source, old_index in zip(new.sources, found, strict=True):
            if old_index is None:
                sources.append(replace(source, id=None))
                self.change(Action.ADD, Section.FINANCING, f"{title} / {source.name}")
                continue
            before = old.sources[old_index]
            merged = replace(before, values=dict(before.values))
            if not _same_text(before.name, source.name):
                merged.name = source.name
                self.change(
                    Action.CHANGE,
                    Section.FINANCING,
                    title,
                    field=f"source:{before.name}",
                    label=f"источник «{before.name}»",
                    old=before.name,
                    new=source.name,
                )
            if (before.parent or "") != (source.parent or ""):
                merged.parent = source.parent
                self.change(
                    Action.CHANGE,
                    Section.FINANCING,
                    title,
                    field=f"parent:{before.name}",
                    label=f"«{before.name}» входит в",
                    old=before.parent,
                    new=source.parent,
                )
            for year in covered:
                merged.values[year] = _kept(before.values.get(year), source.values.get(year))
            sources.append(merged)
        kept: list[tuple[int, BudgetSource]] = []
        for index in left:
            gone = old.sources[index]
            if self.remove_missing:
                self.change(Action.REMOVE, Section.FINANCING, f"{title} / {gone.name}")
            else:
                kept.append((index, gone))
        return self._finish(Section.FINANCING, sources, found, kept)

    def _line_totals(
        self, title: str, merged: FinancingLine, new: FinancingLine, item: IncomingLine
    ) -> None:
        """A file row with the line's amounts alone: they go to its one source, if it has one."""
        if len(merged.sources) > 1:
            for year in sorted(item.covered):
                given, held = new.total(year), merged.total(year)
                if given != held:
                    self.problems.append(
                        Problem(
                            f"строка «{title}»: в базе суммы разбиты по источникам, а в файле "
                            f"дан только итог; за {year} год итог {shown(given)} не равен сумме "
                            f"по источникам {shown(held)} — суммы оставлены прежними",
                            item.location,
                            Severity.WARNING,
                        )
                    )
            return
        if not merged.sources:
            merged.sources = [BudgetSource(ALL_SOURCES)]
        source = merged.sources[0]
        for year in item.covered:
            source.values[year] = _kept(source.values.get(year), new.total(year))

    def _line_amounts(
        self,
        old: FinancingLine,
        merged: FinancingLine,
        years: range,
        title: str | None = None,
    ) -> FinancingLine:
        """The merged line with amounts only in the project's years; each changed amount listed.

        Sources are paired by name; an added or removed source is its own change.
        """
        title = title or row_title(old.number, old.name)
        # A copy: `merged` may be `old` itself, whose amounts the comparison below needs whole
        # (filtering them in place hid every amount a shortened period removed).
        merged = replace(
            merged,
            sources=[
                replace(
                    source,
                    values={
                        y: v
                        for y, v in sorted(source.values.items())
                        if y in years and v is not None
                    },
                )
                for source in merged.sources
            ],
        )
        single = len(merged.sources) <= 1 and len(old.sources) <= 1
        befores = {_name_key(source.name): source for source in old.sources}
        for after in merged.sources:
            before = befores.get(_name_key(after.name))
            if before is None:
                if old.sources:
                    continue
                before = BudgetSource(after.name)
            for year in sorted(set(before.values) | set(after.values)):
                was, now = before.values.get(year), after.values.get(year)
                if was != now:
                    self.change(
                        Action.CHANGE,
                        Section.FINANCING,
                        title,
                        field=f"amount:{before.name}:{year}",
                        label=str(year) if single else f"{year}, {before.name}",
                        old=was,
                        new=now,
                    )
        return merged

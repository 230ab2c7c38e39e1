"""The store never keeps a value outside its project's years."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cdo_desktop.core.changes import SetValue, Where
from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.history import Section
from cdo_desktop.core.period import period_changes


def test_shortening_the_years_over_stored_values_is_refused(workspace):
    store = workspace.store
    [summary] = store.summaries()
    project = store.load(summary.id)
    shorten = SetValue(Where(project.id, Section.PASSPORT, field="last_year"), 2024, 2023)
    with pytest.raises(CdoError, match="вне лет проекта"):
        store.apply([shorten])
    assert store.load(summary.id) == project  # nothing written


def test_a_value_typed_outside_the_years_is_refused(workspace):
    store = workspace.store
    [summary] = store.summaries()
    project = store.load(summary.id)
    row = project.indicators[0]
    where = Where(project.id, Section.INDICATORS, row.id, "plan", 2030)
    with pytest.raises(CdoError, match="1 значение вне лет проекта"):
        store.apply([SetValue(where, None, Decimal(1))])
    assert store.load(summary.id) == project


def test_period_changes_remove_and_undo_brings_everything_back(workspace):
    store = workspace.store
    [summary] = store.summaries()
    project = store.load(summary.id)
    undo = store.apply(period_changes(project, 2020, 2023))
    shorter = store.load(summary.id)
    assert (shorter.first_year, shorter.last_year) == (2020, 2023)
    assert all(set(row.values) <= set(range(2020, 2024)) for row in shorter.indicators)
    store.apply(undo)
    assert store.load(summary.id) == project

"""Budget sources of a financing line edited as change lists: add, rename, delete, reorder.

Sources are stored as one ordered list per line; an «из них» sub-source names its parent. A
source travels with its sub-sources: deleting one deletes them too (each as its own removal, so
the history tells every one and an undo brings them back), moving one moves them with it past
the neighbouring source of the same level.
"""

from __future__ import annotations

from dataclasses import replace

from cdo_desktop.core.changes import AddItem, Change, MoveItem, RemoveItem, SetValue, Where
from cdo_desktop.core.history import Section
from cdo_desktop.core.model import ALL_SOURCES, BudgetSource, FinancingLine


def _where(project: int, line: FinancingLine, source: BudgetSource | None = None) -> Where:
    item = source.id if source is not None else None
    return Where(project, Section.SOURCES, item, parent=line.id)


def only_placeholder(line: FinancingLine) -> bool:
    """The line says only its totals: its one source is «все источники»."""
    return len(line.sources) == 1 and line.sources[0].name == ALL_SOURCES


def family(line: FinancingLine, source: BudgetSource) -> list[BudgetSource]:
    """The source and every source «из них» of it, at any depth, in the line's order."""
    names = {source.name}
    members = [source]
    grew = True
    while grew:
        grew = False
        for candidate in line.sources:
            if candidate.parent in names and candidate not in members:
                members.append(candidate)
                names.add(candidate.name)
                grew = True
    return [candidate for candidate in line.sources if candidate in members]


def name_problem(line: FinancingLine, name: str, renamed: BudgetSource | None = None) -> str:
    """Why `name` cannot be a source of the line ("" when it can): a sub-source finds its
    parent by name, so two sources of one line never share one."""
    if not name.strip():
        return "наименование источника не может быть пустым"
    taken = any(
        source.name.casefold() == name.strip().casefold()
        for source in line.sources
        if source is not renamed
    )
    return f"источник «{name.strip()}» в строке № {line.number} уже есть" if taken else ""


def add_source(
    project: int, line: FinancingLine, name: str, parent: BudgetSource | None = None
) -> list[Change]:
    """A new source of the line (an «из них» of `parent` when given), placed after the last
    source of its level.

    A line that has only «все источники» gets its first real source by renaming that one: its
    amounts were the line's totals and stay the line's totals, now said to be of this source
    (adding a source beside it would count them twice in the line's total).
    """
    if parent is None and only_placeholder(line):
        placeholder = line.sources[0]
        return [rename_source(project, line, placeholder, name)]
    if parent is None:
        position = len(line.sources)
    else:
        last = family(line, parent)[-1]
        position = line.sources.index(last) + 1
    source = BudgetSource(name.strip(), parent=parent.name if parent is not None else None)
    return [AddItem(_where(project, line), source, position)]


def rename_source(project: int, line: FinancingLine, source: BudgetSource, name: str) -> SetValue:
    where = replace(_where(project, line, source), field="name")
    return SetValue(where, source.name, name.strip())


def remove_source(project: int, line: FinancingLine, source: BudgetSource) -> list[Change]:
    """The source and its sub-sources removed, the deepest first (a parent's removal would
    take its children along unrecorded)."""
    order = list(line.sources)
    members = family(line, source)
    depth = {member.name: _depth(line, member) for member in members}
    changes: list[Change] = []
    for member in sorted(members, key=lambda m: (-depth[m.name], -order.index(m))):
        position = order.index(member)
        changes.append(RemoveItem(_where(project, line, member), member, position))
        order.pop(position)
    return changes


def move_source(
    project: int, line: FinancingLine, source: BudgetSource, delta: int
) -> list[Change]:
    """The source with its sub-sources moved past its previous (delta -1) or next (+1)
    sibling with theirs; [] when it is already first or last of its level."""
    siblings = [s for s in line.sources if s.parent == source.parent]
    place = siblings.index(source)
    if not 0 <= place + delta < len(siblings):
        return []
    neighbour = siblings[place + delta]
    moving, other = family(line, source), family(line, neighbour)
    rest = [s for s in line.sources if s not in moving]
    anchor = rest.index(other[0]) if delta < 0 else rest.index(other[-1]) + 1
    wanted = rest[:anchor] + moving + rest[anchor:]
    current = list(line.sources)
    changes: list[Change] = []
    for target, member in enumerate(wanted):
        position = current.index(member)
        if position != target:
            changes.append(MoveItem(_where(project, line, member), position, target))
            current.insert(target, current.pop(position))
    return changes


def _depth(line: FinancingLine, source: BudgetSource) -> int:
    by_name = {s.name: s for s in line.sources}
    depth, parent = 0, source.parent
    while parent is not None and parent in by_name and depth < len(line.sources):
        depth += 1
        parent = by_name[parent].parent
    return depth

"""Which project a file goes to: every rule in one place.

- `--new-project КОД` (or the code the window asked for): a new project under that code,
  refused when a project has it;
- `--project` (code or name): that project, whatever the file says; a name two projects share
  is refused with both codes;
- the file's code: the project with that code (its period is checked when the plan is built:
  a file whose period does not overlap is another project, see import_period);
- the file's full or short name, quotes ignored, among the projects whose period overlaps the
  file's: a 2025–2030 passport beside a 2019–2024 project of the same name is a new project;
- else the project open in the window (a file that names no project), else a new project, whose
  code is the file's or the one proposed from its name («ЦОС», «ЦОС2»…).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cdo_desktop.core.errors import CdoError, ProjectNotFoundError
from cdo_desktop.core.model import ProjectSummary, code_key
from cdo_desktop.core.project_names import name_key, proposed_code
from cdo_desktop.exchange.import_incoming import Incoming

# The command-line option that starts a new project from a file.
NEW_PROJECT_OPTION = "--new-project"

# Asked for a new project's code: (proposed code, project name) → the code, None to cancel.
AskCode = Callable[[str, str], str | None]


class ImportCancelled(CdoError):
    """The user closed the dialog that asked for the new project's code."""


@dataclass
class Target:
    project_id: int | None  # None: a new project
    keep_code: bool = False  # the user chose the project: the file's code does not rename it
    new_code: str | None = None  # a new project's code (the file's, given or proposed)


def choose_target(
    incoming: Incoming,
    projects: Any,
    *,
    project: str | None = None,
    new_project: str | None = None,
    fallback_id: int | None = None,
    ask_code: AskCode | None = None,
) -> Target:
    """The project the file goes to (see the module's rules); CdoError when it is not clear."""
    summaries: list[ProjectSummary] = projects.summaries()
    if new_project is not None:
        return Target(None, new_code=_free_code(new_project, summaries))
    if project:
        return Target(_by_code_or_name(project, summaries).id, keep_code=True)
    if incoming.code:
        found = _by_code(incoming.code, summaries)
        if found is not None:
            incoming.code = found.code  # «Е4» typed in Cyrillic is the project E4
            return Target(found.id)
    named = _by_name(incoming, summaries)
    if named is not None:
        return Target(named.id)
    if not incoming.code and not incoming.name and not incoming.short_name:
        if fallback_id is not None:
            return Target(fallback_id, keep_code=True)
    code = (incoming.code or "").strip()
    if code or not (incoming.name or "").strip():
        return Target(None, new_code=code or None)
    proposal = proposed_code(incoming.name or "", (s.code for s in summaries))
    if ask_code is not None:
        answer = ask_code(proposal, incoming.name or "")
        if answer is None:
            raise ImportCancelled("импорт отменён: код нового проекта не указан")
        proposal = _free_code(answer, summaries)
    return Target(None, new_code=proposal)


def _free_code(code: str, summaries: list[ProjectSummary]) -> str:
    code = code.strip()
    if not code:
        raise CdoError("код нового проекта пуст: укажите код, например «ЦОС»")
    taken = _by_code(code, summaries)
    if taken is not None:
        raise CdoError(
            f"проект с кодом «{taken.code}» уже есть («{taken.name}», "
            f"{taken.first_year}–{taken.last_year}): выберите для нового проекта другой код"
        )
    return code


def _by_code(code: str, summaries: list[ProjectSummary]) -> ProjectSummary | None:
    key = code_key(code)
    return next((s for s in summaries if code_key(s.code) == key), None)


def _by_code_or_name(text: str, summaries: list[ProjectSummary]) -> ProjectSummary:
    found = _by_code(text, summaries)
    if found is not None:
        return found
    key = name_key(text)
    named = [s for s in summaries if name_key(s.name) == key]
    if len(named) > 1:
        codes = ", ".join(f"«{s.code}» ({s.first_year}–{s.last_year})" for s in named)
        raise CdoError(
            f"название «{text.strip()}» носят несколько проектов: {codes}; укажите код проекта"
        )
    if not named:
        raise ProjectNotFoundError(text)
    return named[0]


def _by_name(incoming: Incoming, summaries: list[ProjectSummary]) -> ProjectSummary | None:
    """The project named by the file's full or short name among those whose period overlaps."""
    keys = {name_key(text) for text in (incoming.name, incoming.short_name) if text}
    keys.discard("")
    if not keys:
        return None
    span = _file_years(incoming)
    named = [
        s
        for s in summaries
        if name_key(s.name) in keys
        and (span is None or (s.first_year <= span[1] and span[0] <= s.last_year))
    ]
    if len(named) > 1:
        codes = ", ".join(f"«{s.code}»" for s in named)
        raise CdoError(
            f"название проекта в файле подходит к нескольким проектам: {codes}; укажите проект "
            "(--project КОД)"
        )
    return named[0] if named else None


def _file_years(incoming: Incoming) -> tuple[int, int] | None:
    if incoming.years is not None:
        return incoming.years
    if incoming.table_years:
        return min(incoming.table_years), max(incoming.table_years)
    return None

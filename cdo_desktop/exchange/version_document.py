"""A passport version as a document of the one exchange format (`cdo-desktop/1`).

The store keeps a version's text and never reads it; what a version holds is what the exchange
format holds of the planned side (core.versions.passport_side), so a field the format learns is
kept by versions fixed from then on, with no change here.
"""

from __future__ import annotations

from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.model import Project
from cdo_desktop.core.versions import passport_side
from cdo_desktop.exchange.json_format import parse_document_text, to_document, write_document


def version_text(project: Project) -> str:
    """The document a version of `project` keeps: its planned side."""
    return write_document(to_document([passport_side(project)]))


def version_project(text: str, number: int) -> Project:
    """The planned side a version kept (a Project without ids); a Russian error naming the
    version when its document cannot be read."""
    return _read(text, f"версия паспорта {number}")


def as_kept(project: Project) -> Project:
    """The planned side of `project` as a version would keep it, read back through the same
    document: compared with a version, it differs only where the passport does (nothing the
    format cannot hold — a value outside the project's years, say — shows as a change)."""
    return _read(version_text(project), "текущий паспорт")


def _read(text: str, name: str) -> Project:
    projects = parse_document_text(text, file=name)
    if len(projects) != 1:
        raise CdoError(f"{name}: в документе не один проект")
    return passport_side(projects[0])

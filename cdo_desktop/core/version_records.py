"""The records of passport versions and of a change request draft (plain values: the change
vocabulary carries them, so they depend on nothing of the program's)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PassportVersion:
    """A fixed version of a project's passport: its number (from 1 per project), when and by
    whom it was fixed, on what basis, and the version document (the planned side, as text)."""

    number: int
    basis: str
    document: str
    at: str = ""
    author: str = ""
    id: int | None = None


@dataclass(frozen=True)
class RequestDraft:
    """The change request being drafted: from which version, one basis for all changes, and
    a justification per change (keyed by `change_key`)."""

    from_version: int
    basis: str = ""
    justifications: dict[str, str] = field(default_factory=dict)

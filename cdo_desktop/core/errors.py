"""Errors a user can cause and fix: each carries where it happened and says it in Russian."""

from __future__ import annotations


class CdoError(Exception):
    """Base of the program's user-facing errors; `str()` is the whole Russian message."""

    def __init__(self, problem: str, *, place: str | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.place = place

    def __str__(self) -> str:
        return f"{self.place}: {self.problem}" if self.place else self.problem


class DocumentError(CdoError):
    """A file being read (JSON, Excel) is not what it must be; `place` names file and position."""

    def __init__(
        self,
        problem: str,
        *,
        file: str | None = None,
        location: str | None = None,
        value: object = None,
    ) -> None:
        self.file = file
        self.location = location
        self.value = value
        parts = [part for part in (file and f"Файл «{file}»", location) if part]
        super().__init__(problem, place=", ".join(parts) or None)

    def in_file(self, file: str) -> DocumentError:
        """The same error, told with the name of the file it came from."""
        return DocumentError(self.problem, file=file, location=self.location, value=self.value)


class DatabaseFileError(CdoError):
    """The database file cannot be used: damaged, foreign, of a newer program, unwritable."""


class ProjectNotFoundError(CdoError):
    """No project with the code or name the user gave."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(f"проект «{code}» не найден в базе данных")

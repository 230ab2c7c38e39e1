"""The change request («запрос на изменение паспорта») as data: what the PDF and the workbook
print, made once from a comparison and the draft's justifications."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from cdo_desktop.core import history as told
from cdo_desktop.core.history import moment_text
from cdo_desktop.core.model import Project, Role
from cdo_desktop.core.version_records import PassportVersion, RequestDraft
from cdo_desktop.core.versions import change_columns, justification

REQUEST_COLUMNS = ["№ п/п", "Раздел", "Строка", "Поле", "Год", "Было", "Стало", "Обоснование"]
SIGNERS = (
    (Role.LEADER, "Руководитель регионального проекта"),
    (Role.CURATOR, "Куратор регионального проекта"),
)
NO_JUSTIFICATION = "не указано"


@dataclass(frozen=True)
class Signature:
    """A signature line: who signs (their role in words), their position and name."""

    title: str
    position: str
    name: str


@dataclass(frozen=True)
class ChangeRequest:
    """A request to change the passport of `project` from version `base` to what it is now."""

    project: Project
    base: PassportVersion
    changes: list[tuple[told.Change, str]]  # each change with its justification
    printed_on: date = field(default_factory=date.today)

    def title(self) -> str:
        return f"Запрос на изменение паспорта регионального проекта «{self.project.name}»"

    def subtitle(self) -> str:
        basis = f", основание: {self.base.basis}" if self.base.basis else ""
        return (
            f"Проект {self.project.code}. Изменения относительно версии паспорта "
            f"№ {self.base.number} от {moment_text(self.base.at)[:10]}{basis}"
        )

    def rows(self) -> list[list[str]]:
        """The table of changes, one row a change, as REQUEST_COLUMNS."""
        return [
            [str(index), *change_columns(change), text or NO_JUSTIFICATION]
            for index, (change, text) in enumerate(self.changes, start=1)
        ]

    def signatures(self) -> list[Signature]:
        """The leader's and the curator's lines, with what the passport says of them."""
        lines = []
        for role, title in SIGNERS:
            person = self.project.person(role)
            lines.append(
                Signature(title, person.position if person else "", person.name if person else "")
            )
        return lines


def make_request(
    project: Project,
    base: PassportVersion,
    changes: list[told.Change],
    draft: RequestDraft | None,
    reason: str = "",
    printed_on: date | None = None,
) -> ChangeRequest:
    """The request of `changes` (from version `base` to `project`): each change's own
    justification from the draft, else the draft's common basis, else `reason`."""
    lines = [
        (change, (justification(draft, change) if draft else "") or reason.strip())
        for change in changes
    ]
    return ChangeRequest(project, base, lines, printed_on or date.today())

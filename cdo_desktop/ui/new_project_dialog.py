"""«Новый проект…»: code, name, region and years; the code must be new to the database."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from cdo_desktop.core.model import Project
from cdo_desktop.core.text import TextValueError, check_cell_text
from cdo_desktop.ui import dialogs


class NewProjectDialog(QDialog):
    def __init__(self, existing_codes: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Новый проект")
        self.existing = {code.casefold() for code in existing_codes}
        self.code = QLineEdit(self)
        self.code.setObjectName("new_project_code")
        self.code.setPlaceholderText("например, E1")
        self.name = QLineEdit(self)
        self.name.setObjectName("new_project_name")
        self.name.setMinimumWidth(380)
        self.region = QLineEdit("Кировская область", self)
        self.first_year = QSpinBox(self)
        self.last_year = QSpinBox(self)
        for box, value in (
            (self.first_year, date.today().year),
            (self.last_year, date.today().year + 5),
        ):
            box.setRange(2000, 2100)
            box.setValue(value)
        self.problem = dialogs.problem_label(self)
        form = QFormLayout(self)
        form.addRow("Код проекта", self.code)
        form.addRow("Наименование", self.name)
        form.addRow("Субъект РФ", self.region)
        form.addRow("Первый год", self.first_year)
        form.addRow("Последний год", self.last_year)
        form.addRow(self.problem)
        form.addRow(dialogs.ok_cancel(self, "Создать", self.accept))

    def check(self) -> str:
        """What stops the project from being created, in words; empty when nothing does."""
        code = self.code.text().strip()
        if not code:
            return "Укажите код проекта."
        if code.casefold() in self.existing:
            return f"Проект с кодом «{code}» уже есть в базе данных."
        if not self.name.text().strip():
            return "Укажите наименование проекта."
        if self.first_year.value() > self.last_year.value():
            return "Первый год не может быть позже последнего."
        for label, edit in (
            ("Код", self.code),
            ("Наименование", self.name),
            ("Субъект", self.region),
        ):
            try:
                check_cell_text(edit.text())
            except TextValueError as error:
                return f"{label}: {error.reason}."
        return ""

    def accept(self) -> None:
        problem = self.check()
        if problem:
            self.problem.setText(problem)
            return
        super().accept()

    def project(self) -> Project:
        return Project(
            code=self.code.text().strip(),
            name=self.name.text().strip(),
            region=self.region.text().strip(),
            national_project="Образование",
            first_year=self.first_year.value(),
            last_year=self.last_year.value(),
        )

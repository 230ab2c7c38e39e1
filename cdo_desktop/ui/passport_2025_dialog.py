"""«Паспорт 2025–2030»: the project's tasks and municipalities, a row's passport fields and an
indicator's values by municipality — each edit a change list applied by the store, one step on
the window's undo stack."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cdo_desktop.core.changes import (
    AddItem,
    Change,
    ChangeConflict,
    RemoveItem,
    SetValue,
    Value,
    Where,
)
from cdo_desktop.core.history import Section
from cdo_desktop.core.model import MunicipalValues, PlanFactRow, Project, Task
from cdo_desktop.core.numbers import NumberFormatError, format_number, parse_number
from cdo_desktop.core.okei import OKEI_UNITS, is_additive
from cdo_desktop.core.passport import KIND_WORDS, LEVEL_CODES, joined, row_field
from cdo_desktop.core.passport_rules import municipal_sum_differs
from cdo_desktop.storage.store import Store
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.change_command import ask_whose_values, push_changes

NO_TASK = "— без задачи —"
NO_CODE = "— нет —"
_PARTS = (("plan", "план"), ("fact", "факт"))


class Passport2025Dialog(QDialog):
    """Three pages over one project: «Задачи», «Муниципалитеты», «Строки паспорта»."""

    def __init__(
        self,
        store: Store,
        project_id: int,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Паспорт 2025–2030")
        self.store, self.project_id, self.undo_stack = store, project_id, undo_stack
        self.on_change = on_change
        self.project: Project = store.load(project_id)
        self._filling = False
        pages = QTabWidget(self)
        pages.addTab(self._tasks_page(), "Задачи")
        pages.addTab(self._municipalities_page(), "Муниципалитеты")
        pages.addTab(self._rows_page(), "Строки паспорта")
        self.pages = pages
        QVBoxLayout(self).addWidget(pages)
        self.resize(900, 560)
        self._fill()

    # ---------------------------------------------------------------- the change target

    def change_store(self) -> Store:
        return self.store

    def reload(self) -> None:
        self.project = self.store.load(self.project_id)
        self._fill()
        if self.on_change is not None:
            self.on_change()

    def reload_after(self, changes: Sequence[Change]) -> None:
        self.reload()

    def after_refusal(self) -> None:
        self.reload()

    def resolve(self, conflict: ChangeConflict) -> bool:
        return ask_whose_values(self, str(conflict))

    def _push(self, changes: list[Change], text: str) -> None:
        if not push_changes(self, self.undo_stack, changes, text):
            self._fill()

    def _where(self, section: Section, item: int | str | None = None, **place: object) -> Where:
        return Where(self.project_id, section, item, **place)  # type: ignore[arg-type]

    # ---------------------------------------------------------------- pages

    def _tasks_page(self) -> QWidget:
        page = QWidget(self)
        self.tasks_table = QTableWidget(0, 2, page)
        self.tasks_table.setHorizontalHeaderLabels(["№", "Наименование задачи"])
        self.tasks_table.horizontalHeader().setStretchLastSection(True)
        self.tasks_table.itemChanged.connect(self._task_edited)
        add, remove = QPushButton("Добавить задачу", page), QPushButton("Удалить задачу…", page)
        add.clicked.connect(self.add_task)
        remove.clicked.connect(self.remove_task)
        _stack(page, self.tasks_table, [add, remove])
        return page

    def _municipalities_page(self) -> QWidget:
        page = QWidget(self)
        self.municipalities_list = QListWidget(page)
        self.municipalities_list.itemChanged.connect(self._municipality_edited)
        self.new_municipality = QLineEdit(page)
        self.new_municipality.setPlaceholderText("Новый муниципалитет")
        add = QPushButton("Добавить", page)
        remove = QPushButton("Удалить…", page)
        add.clicked.connect(lambda: self.add_municipality(self.new_municipality.text()))
        remove.clicked.connect(self.remove_municipality)
        _stack(page, self.municipalities_list, [self.new_municipality, add, remove])
        return page

    def _rows_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        self.row_box = QComboBox(page)
        self.row_box.currentIndexChanged.connect(lambda _index: self._fill_row())
        column.addWidget(self.row_box)
        form = QFormLayout()
        self.task_box = QComboBox(page)
        self.task_box.activated.connect(lambda _i: self._set("task", self.task_box.currentData()))
        self.level_boxes = {code: QCheckBox(code, page) for code in LEVEL_CODES}
        levels = QHBoxLayout()
        for box in self.level_boxes.values():
            box.clicked.connect(lambda _checked: self._set("level", self._levels()))
            levels.addWidget(box)
        self.kind_box = QComboBox(page)
        for kind, words in (("", "—"), *KIND_WORDS.items()):
            self.kind_box.addItem(words, kind)
        self.kind_box.activated.connect(
            lambda _i: self._set("indicator_kind", self.kind_box.currentData())
        )
        self.okei_box = QComboBox(page)
        self.okei_box.addItem(NO_CODE, None)
        for unit in OKEI_UNITS:
            self.okei_box.addItem(f"{unit.code} — {unit.name}", unit.code)
        self.okei_box.activated.connect(lambda _i: self._set("okei", self.okei_box.currentData()))
        self.source_edit = QLineEdit(page)
        self.source_edit.editingFinished.connect(
            lambda: self._set("data_source", self.source_edit.text().strip())
        )
        self.type_edit = QLineEdit(page)
        self.type_edit.editingFinished.connect(
            lambda: self._set("result_type", self.type_edit.text().strip())
        )
        self.links_edit = QLineEdit(page)
        self.links_edit.setPlaceholderText("номера показателей через запятую: 1, 2")
        self.links_edit.editingFinished.connect(
            lambda: self._set("linked_indicators", joined(_numbers(self.links_edit.text())))
        )
        self.indicator_fields: list[QWidget] = [self.kind_box, self.okei_box, self.source_edit]
        self.result_fields: list[QWidget] = [self.type_edit, self.links_edit]
        form.addRow("Задача:", self.task_box)
        form.addRow("Уровень показателя:", levels)
        self.level_row = [*self.level_boxes.values()]
        form.addRow("Тип показателя:", self.kind_box)
        form.addRow("Единица по ОКЕИ:", self.okei_box)
        form.addRow("Информационная система:", self.source_edit)
        form.addRow("Тип результата:", self.type_edit)
        form.addRow("Связь с показателями:", self.links_edit)
        column.addLayout(form)
        self.breakdown = QTableWidget(0, 0, page)
        self.breakdown.itemChanged.connect(self._value_edited)
        column.addWidget(QLabel("Значения по муниципалитетам:", page))
        column.addWidget(self.breakdown, 1)
        self.check_label = QLabel(page)
        self.check_label.setWordWrap(True)
        column.addWidget(self.check_label)
        split = QPushButton("Разбить по муниципалитетам проекта", page)
        split.clicked.connect(self.break_down)
        drop = QPushButton("Убрать муниципалитет из разбивки…", page)
        drop.clicked.connect(self.remove_entry)
        buttons = QHBoxLayout()
        buttons.addWidget(split)
        buttons.addWidget(drop)
        buttons.addStretch(1)
        column.addLayout(buttons)
        return page

    # ---------------------------------------------------------------- showing

    def rows(self) -> list[tuple[Section, PlanFactRow]]:
        project = self.project
        return [(Section.INDICATORS, row) for row in project.indicators] + [
            (Section.RESULTS, row) for row in project.results
        ]

    def current_row(self) -> tuple[Section, PlanFactRow] | None:
        rows, index = self.rows(), self.row_box.currentIndex()
        return rows[index] if 0 <= index < len(rows) else None

    def _fill(self) -> None:
        self._filling = True
        try:
            tasks = self.tasks_table
            tasks.setRowCount(len(self.project.tasks))
            for index, task in enumerate(self.project.tasks):
                tasks.setItem(index, 0, QTableWidgetItem(task.number))
                tasks.setItem(index, 1, QTableWidgetItem(task.name))
            self.municipalities_list.clear()
            for name in self.project.municipalities:
                item = QListWidgetItem(name, self.municipalities_list)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            current = max(self.row_box.currentIndex(), 0)
            self.row_box.clear()
            for section, row in self.rows():
                words = "Показатель" if section is Section.INDICATORS else "Результат"
                self.row_box.addItem(f"{words} {row.number}. {row.name}"[:120])
            self.row_box.setCurrentIndex(min(current, self.row_box.count() - 1))
        finally:
            self._filling = False
        self._fill_row()

    def _fill_row(self) -> None:
        if self._filling:
            return
        found = self.current_row()
        self._filling = True
        try:
            self.task_box.clear()
            self.task_box.addItem(NO_TASK, None)
            for task in self.project.tasks:
                self.task_box.addItem(f"{task.number}. {task.name}"[:100], task.number)
            if found is None:
                self.breakdown.setRowCount(0)
                return
            section, row = found
            indicator = section is Section.INDICATORS
            for widget in [*self.indicator_fields, *self.level_row, self.breakdown]:
                widget.setEnabled(indicator)
            for widget in self.result_fields:
                widget.setEnabled(not indicator)
            self.task_box.setCurrentIndex(max(self.task_box.findData(row.task), 0))
            for code, box in self.level_boxes.items():
                box.setChecked(code in row.level)
            self.kind_box.setCurrentIndex(max(self.kind_box.findData(row.indicator_kind), 0))
            if row.okei is not None and self.okei_box.findData(row.okei) < 0:
                self.okei_box.addItem(row.okei, row.okei)
            self.okei_box.setCurrentIndex(max(self.okei_box.findData(row.okei), 0))
            self.source_edit.setText(row.data_source)
            self.type_edit.setText(row.result_type)
            self.links_edit.setText(", ".join(row.linked_indicators))
            self._fill_breakdown(row)
        finally:
            self._filling = False

    def _fill_breakdown(self, row: PlanFactRow) -> None:
        years = list(self.project.years)
        table = self.breakdown
        table.setColumnCount(2 * len(years))
        table.setHorizontalHeaderLabels(
            [f"{year} {words}" for year in years for _, words in _PARTS]
        )
        table.setRowCount(len(row.municipalities) + (1 if row.municipalities else 0))
        names = [entry.name for entry in row.municipalities]
        table.setVerticalHeaderLabels([*names, "Область"] if names else [])
        for line, entry in enumerate(row.municipalities):
            for column, (year, part) in enumerate((y, p) for y in years for p, _ in _PARTS):
                value = getattr(entry.values.get(year), part, None)
                table.setItem(line, column, QTableWidgetItem(_shown(value)))
        if row.municipalities:
            for column, (year, part) in enumerate((y, p) for y in years for p, _ in _PARTS):
                item = QTableWidgetItem(_shown(getattr(row.value(year), part)))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                table.setItem(len(row.municipalities), column, item)
        self.check_label.setText(self._check_text(row))

    def _check_text(self, row: PlanFactRow) -> str:
        if not row.municipalities:
            return "Показатель не разбит по муниципалитетам."
        single = Project(
            self.project.code,
            self.project.name,
            first_year=self.project.first_year,
            last_year=self.project.last_year,
            indicators=[row],
        )
        problems = list(municipal_sum_differs(single, date.today()))
        if problems:
            return "\n".join(f"{p.year}: {p.message}" for p in problems)
        if not is_additive(row.okei, row.unit):
            return "Единица не складывается (проценты, доли): сумма с областью не сравнивается."
        return "Сумма по муниципалитетам равна значению области."

    # ---------------------------------------------------------------- editing

    def _set(self, field: str, value: Value) -> None:
        if self._filling:
            return
        found = self.current_row()
        if found is None:
            return
        section, row = found
        old = row_field(row, field)
        if value == old or (value in ("", None) and old in ("", None)):
            return
        self._push([SetValue(self._where(section, row.id, field=field), old, value)], field)

    def _levels(self) -> str:
        return joined([code for code, box in self.level_boxes.items() if box.isChecked()])

    def _task_edited(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        task = self.project.tasks[item.row()]
        field = "number" if item.column() == 0 else "name"
        new, old = item.text().strip(), getattr(task, field)
        if not new:
            self._fill()
            return
        if new != old:
            self._push(
                [SetValue(self._where(Section.TASKS, task.id, field=field), old, new)], field
            )

    def add_task(self) -> None:
        position = len(self.project.tasks)
        task = Task(str(position + 1), "Новая задача")
        self._push([AddItem(self._where(Section.TASKS), task, position)], "задача")

    def remove_task(self) -> None:
        index = self.tasks_table.currentRow()
        if not 0 <= index < len(self.project.tasks):
            return
        task = self.project.tasks[index]
        if dialogs.confirm(self, "Удалить задачу", f"Удалить задачу {task.number} «{task.name}»?"):
            where = self._where(Section.TASKS, task.id)
            self._push([RemoveItem(where, task, index)], "задача")

    def _municipality_edited(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        index = self.municipalities_list.row(item)
        old, new = self.project.municipalities[index], item.text().strip()
        if not new or new == old or new in self.project.municipalities:
            self._fill()
            return
        self._push(
            [
                RemoveItem(self._where(Section.MUNICIPALITIES, old), old, index),
                AddItem(self._where(Section.MUNICIPALITIES), new, index),
            ],
            "муниципалитет",
        )

    def add_municipality(self, name: str) -> None:
        name = name.strip()
        if not name or name in self.project.municipalities:
            return
        position = len(self.project.municipalities)
        self.new_municipality.clear()
        self._push([AddItem(self._where(Section.MUNICIPALITIES), name, position)], "муниципалитет")

    def remove_municipality(self) -> None:
        index = self.municipalities_list.currentRow()
        if not 0 <= index < len(self.project.municipalities):
            return
        name = self.project.municipalities[index]
        if dialogs.confirm(self, "Удалить муниципалитет", f"Удалить «{name}» из списка проекта?"):
            where = self._where(Section.MUNICIPALITIES, name)
            self._push([RemoveItem(where, name, index)], "муниципалитет")

    def break_down(self) -> None:
        """A line for each of the project's municipalities the indicator has none for."""
        found = self.current_row()
        if found is None or found[0] is not Section.INDICATORS:
            return
        row = found[1]
        have = {entry.name for entry in row.municipalities}
        missing = [name for name in self.project.municipalities if name not in have]
        where = self._where(Section.MUNICIPAL, parent=row.id)
        changes: list[Change] = [
            AddItem(where, MunicipalValues(name), len(have) + offset)
            for offset, name in enumerate(missing)
        ]
        self._push(changes, "разбивка по муниципалитетам")

    def remove_entry(self) -> None:
        found = self.current_row()
        line = self.breakdown.currentRow()
        if found is None or not 0 <= line < len(found[1].municipalities):
            return
        row = found[1]
        entry = row.municipalities[line]
        if dialogs.confirm(
            self, "Убрать муниципалитет", f"Убрать «{entry.name}» и его значения из разбивки?"
        ):
            where = self._where(Section.MUNICIPAL, entry.id, parent=row.id)
            self._push([RemoveItem(where, entry, line)], "разбивка по муниципалитетам")

    def _value_edited(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        found = self.current_row()
        if found is None or item.row() >= len(found[1].municipalities):
            return
        row = found[1]
        entry = row.municipalities[item.row()]
        years = list(self.project.years)
        year, (part, _) = years[item.column() // 2], _PARTS[item.column() % 2]
        try:
            new = parse_number(item.text())
        except NumberFormatError:
            dialogs.show_error(self, "Не число", f"«{item.text()}» — не число")
            self._fill_row()
            return
        old = getattr(entry.values.get(year), part, None)
        if new != old:
            where = self._where(Section.MUNICIPAL, entry.id, field=part, year=year, parent=row.id)
            self._push([SetValue(where, old, new)], f"{entry.name}, {year}")


def _stack(page: QWidget, main: QWidget, buttons: list[QWidget]) -> None:
    column = QVBoxLayout(page)
    column.addWidget(main, 1)
    line = QHBoxLayout()
    for button in buttons:
        line.addWidget(button)
    line.addStretch(1)
    column.addLayout(line)


def _numbers(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def _shown(value: Decimal | None) -> str:
    return "" if value is None else format_number(value)

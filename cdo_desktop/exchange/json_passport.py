"""The 2025–2030 passport's fields of `cdo-desktop/1` (docs/exchange-format.md): written only
when not empty or default, so older documents dump exactly as before; read and checked with the
document's own reader, each fault named by its JSON path."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from cdo_desktop.core.errors import DocumentError
from cdo_desktop.core.model import MunicipalValues, Person, PlanFact, PlanFactRow, Project, Task
from cdo_desktop.core.passport import ADDITIONAL, LEVEL_CODES, MAIN, LevelError, parse_levels

if TYPE_CHECKING:
    from cdo_desktop.exchange.json_format import _Reader

_OKEI = re.compile(r"\d{3,4}")


# ----------------------------------------------------------------------------- writing


def project_fields(project: Project) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if project.tasks:
        data["tasks"] = [{"number": task.number, "name": task.name} for task in project.tasks]
    if project.municipalities:
        data["municipalities"] = list(project.municipalities)
    return data


def person_fields(person: Person) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if person.supervisor:
        data["supervisor"] = person.supervisor
    if person.share is not None:
        data["share"] = person.share
    return data


def row_fields(row: PlanFactRow, years: range, *, result: bool) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if row.task is not None:
        data["task"] = row.task
    if result:
        if row.result_type:
            data["type"] = row.result_type
        if row.linked_indicators:
            data["indicators"] = list(row.linked_indicators)
        return data
    if row.level:
        data["level"] = list(row.level)
    if row.indicator_kind:
        data["kind"] = row.indicator_kind
    if row.okei is not None:
        data["okei"] = row.okei
    if row.data_source:
        data["data_source"] = row.data_source
    if row.municipalities:
        data["municipalities"] = [
            {
                "name": entry.name,
                "values": {
                    str(year): {
                        "plan": entry.values.get(year, PlanFact()).plan,
                        "fact": entry.values.get(year, PlanFact()).fact,
                    }
                    for year in years
                },
            }
            for entry in row.municipalities
        ]
    return data


# ----------------------------------------------------------------------------- reading


def read_project_fields(reader: _Reader, data: dict[str, Any], path: str, project: Project) -> None:
    """The passport's fields of one project's document into `project` (already read)."""
    seen: dict[str, str] = {}
    for index, item in enumerate(reader.list(data.get("tasks", []), f"{path}.tasks")):
        task_path = f"{path}.tasks[{index}]"
        task_map = reader.mapping(item, task_path)
        task = Task(
            number=reader.text(task_map, "number", task_path, non_empty=True).strip(),
            name=reader.text(task_map, "name", task_path, non_empty=True),
        )
        if task.number in seen:
            raise DocumentError(
                f"задача № {task.number} уже встречалась в {seen[task.number]}",
                location=f"{task_path}.number",
            )
        seen[task.number] = task_path
        project.tasks.append(task)
    names_path = f"{path}.municipalities"
    for index, item in enumerate(reader.list(data.get("municipalities", []), names_path)):
        name = reader._string(item, f"{names_path}[{index}]")
        if not name.strip():
            raise DocumentError("значение не может быть пустым", location=f"{names_path}[{index}]")
        if name in project.municipalities:
            raise DocumentError(
                f"муниципалитет «{name}» указан дважды", location=f"{names_path}[{index}]"
            )
        project.municipalities.append(name)
    for key, rows in (("indicators", project.indicators), ("results", project.results)):
        items = data.get(key, [])
        for index, (item, row) in enumerate(zip(items, rows, strict=True)):
            _row(reader, item, f"{path}.{key}[{index}]", row, project, result=key == "results")
    for index, (item, person) in enumerate(
        zip(data.get("persons", []), project.persons, strict=True)
    ):
        _person(reader, item, f"{path}.persons[{index}]", person)


def _person(reader: _Reader, data: dict[str, Any], path: str, person: Person) -> None:
    person.supervisor = reader.text(data, "supervisor", path, default="")
    share = reader.number(data.get("share"), f"{path}.share")
    if share is not None and not 0 <= share <= 100:
        raise DocumentError(
            "доля рабочего времени в проекте — процент от 0 до 100", location=f"{path}.share"
        )
    person.share = share


def _row(
    reader: _Reader,
    data: dict[str, Any],
    path: str,
    row: PlanFactRow,
    project: Project,
    *,
    result: bool,
) -> None:
    row.task = reader.optional_text(data, "task", path)
    if row.task is not None and row.task not in {task.number for task in project.tasks}:
        raise DocumentError(
            f"задачи № {row.task} нет в списке задач проекта («tasks»)", location=f"{path}.task"
        )
    if result:
        row.result_type = reader.text(data, "type", path, default="")
        indicators = {indicator.number for indicator in project.indicators}
        links_path = f"{path}.indicators"
        for index, item in enumerate(reader.list(data.get("indicators", []), links_path)):
            number = reader._string(item, f"{links_path}[{index}]")
            if number not in indicators:
                raise DocumentError(
                    f"показателя № {number} в проекте нет", location=f"{links_path}[{index}]"
                )
            row.linked_indicators.append(number)
        return
    codes = []
    for index, item in enumerate(reader.list(data.get("level", []), f"{path}.level")):
        code = reader._string(item, f"{path}.level[{index}]")
        try:
            codes += parse_levels(code) if code in LEVEL_CODES else _one_level(code)
        except LevelError as error:
            raise DocumentError(str(error), location=f"{path}.level[{index}]") from None
    row.level = [code for code in LEVEL_CODES if code in codes]
    kind = reader.text(data, "kind", path, default="")
    if kind not in ("", MAIN, ADDITIONAL):
        raise DocumentError(
            f"тип показателя «{kind}»: ожидался «{MAIN}» или «{ADDITIONAL}»",
            location=f"{path}.kind",
        )
    row.indicator_kind = kind
    row.okei = reader.optional_text(data, "okei", path)
    if row.okei is not None and not _OKEI.fullmatch(row.okei):
        raise DocumentError(
            f"код ОКЕИ «{row.okei}»: ожидались три или четыре цифры", location=f"{path}.okei"
        )
    row.data_source = reader.text(data, "data_source", path, default="")
    row.municipalities = _breakdown(reader, data, path, project)


def _one_level(code: str) -> list[str]:
    found = parse_levels(code)
    if len(found) != 1:
        raise LevelError(f"«{code}»: ожидался один уровень из {', '.join(LEVEL_CODES)}")
    return found


def _breakdown(
    reader: _Reader, data: dict[str, Any], path: str, project: Project
) -> list[MunicipalValues]:
    entries: list[MunicipalValues] = []
    list_path = f"{path}.municipalities"
    for index, item in enumerate(reader.list(data.get("municipalities", []), list_path)):
        entry_path = f"{list_path}[{index}]"
        entry_map = reader.mapping(item, entry_path)
        name = reader.text(entry_map, "name", entry_path, non_empty=True)
        if name not in project.municipalities:
            raise DocumentError(
                f"муниципалитета «{name}» нет в списке муниципалитетов проекта "
                "(«municipalities» проекта)",
                location=f"{entry_path}.name",
            )
        if any(entry.name == name for entry in entries):
            raise DocumentError(
                f"муниципалитет «{name}» указан дважды", location=f"{entry_path}.name"
            )
        entries.append(
            MunicipalValues(name, reader.plan_fact_values(entry_map, entry_path, project.years))
        )
    return entries

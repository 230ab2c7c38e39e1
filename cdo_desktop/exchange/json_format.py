"""The JSON exchange document `cdo-desktop/1`: projects to text and back, exact to the digit.

The format is a public contract (docs/exchange-format.md): keys keep their meaning, new keys may
be added. Numbers are written with their exact decimal digits, so Python's float never touches them.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from cdo_desktop.core.errors import DocumentError
from cdo_desktop.core.model import (
    ALL_SOURCES,
    BudgetSource,
    Direction,
    FederalProject,
    FinancingLine,
    Person,
    PlanFact,
    PlanFactRow,
    Project,
    code_key,
)
from cdo_desktop.core.numbers import NumberFormatError, check_magnitude
from cdo_desktop.core.text import TextValueError, check_cell_text
from cdo_desktop.exchange import json_passport
from cdo_desktop.exchange.json_limits import LongNumber, integer, nesting_error, shown_number
from cdo_desktop.exchange.json_limits import null_or_number as _shown
from cdo_desktop.exchange.json_monitoring import add_monitoring, read_monitoring
from cdo_desktop.exchange.json_points import read_points_and_risks, with_points_and_risks
from cdo_desktop.exchange.json_text import write_document as write_document

FORMAT = "cdo-desktop/1"
MIN_YEAR, MAX_YEAR = 1990, 2100


# ----------------------------------------------------------------------------- writing


def to_document(projects: Iterable[Project]) -> dict[str, Any]:
    """The exchange document of the projects, as plain dicts with Decimal numbers."""
    written = [
        add_monitoring(with_points_and_risks(project, _project_to_dict(project)), project)
        for project in projects
    ]
    return {"format": FORMAT, "projects": written}


def _project_to_dict(project: Project) -> dict[str, Any]:
    years = project.years
    federal = project.federal_project
    return {
        "code": project.code,
        "name": project.name,
        "region": project.region,
        "national_project": project.national_project,
        "federal_project": {"code": federal.code, "name": federal.name} if federal else None,
        "goal": project.goal,
        "customer": project.customer,
        "years": [project.first_year, project.last_year],
        "persons": [
            {
                "role": person.role,
                "name": person.name,
                "position": person.position,
                "contacts": person.contacts,
                **json_passport.person_fields(person),
            }
            for person in project.persons
        ],
        "participants": list(project.participants),
        "indicators": [
            _row_to_dict(row, years, with_characteristic=False) for row in project.indicators
        ],
        "results": [_row_to_dict(row, years, with_characteristic=True) for row in project.results],
        "financing": [_line_to_dict(line, years) for line in project.financing],
        **json_passport.project_fields(project),
    }


def _row_to_dict(row: PlanFactRow, years: range, *, with_characteristic: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": row.number,
        "name": row.name,
        "unit": row.unit,
        "cumulative": row.cumulative,
        "direction": row.direction.value,
        "base": (
            {"value": row.base_value, "year": row.base_year} if row.base_value is not None else None
        ),
        "values": {
            str(year): {"plan": row.value(year).plan, "fact": row.value(year).fact}
            for year in years
        },
    }
    if with_characteristic:
        data["characteristic"] = row.characteristic
    data.update(json_passport.row_fields(row, years, result=with_characteristic))
    return data


def _line_to_dict(line: FinancingLine, years: range) -> dict[str, Any]:
    return {
        "number": line.number,
        "name": line.name,
        "result": line.result,
        "values": {str(year): line.total(year) for year in years},
        "sources": [
            {
                "name": source.name,
                "parent": source.parent,
                "values": {str(year): source.values.get(year) for year in years},
            }
            for source in line.sources
        ],
    }


# ----------------------------------------------------------------------------- reading

PLAN_FACT_KEYS = frozenset({"plan", "fact"})


class NotANumber:
    """NaN, Infinity or -Infinity in a document: kept where it stands, so the field that holds
    it refuses it with its JSON path (json.loads does not say where it found one)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return self.name


class RepeatedKeys(dict):  # type: ignore[type-arg]
    """An object with a field written twice, which json.loads would settle silently by keeping
    the last; its place refuses it with the JSON path."""

    repeated = ""


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) == len(pairs):
        return data
    seen: set[str] = set()
    marked = RepeatedKeys(data)
    marked.repeated = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
    return marked


def parse_document_text(text: str, *, file: str | None = None) -> list[Project]:
    """Projects of a document's text; any problem is a DocumentError naming the JSON path."""
    try:
        document = json.loads(
            text,
            parse_float=Decimal,
            parse_int=integer,
            parse_constant=NotANumber,
            object_pairs_hook=_object,
        )
    except RecursionError:
        raise nesting_error(text, file) from None
    except json.JSONDecodeError as error:
        raise DocumentError(
            f"это не JSON: {_json_reason(error.msg)}",
            file=file,
            location=f"строка {error.lineno}, столбец {error.colno}",
        ) from None
    except DocumentError as error:
        raise error.in_file(file) if file else error from None
    try:
        return read_document(document)
    except DocumentError as error:
        raise error.in_file(file) if file else error from None
    except RecursionError:  # nested just short of the parser's limit, past the reader's
        raise nesting_error(text, file) from None


def _json_reason(message: str) -> str:
    reasons = {
        "Expecting value": "ожидалось значение",
        "Expecting property name enclosed in double quotes": "ожидалось имя поля в кавычках",
        "Expecting ',' delimiter": "пропущена запятая",
        "Expecting ':' delimiter": "пропущено двоеточие",
        "Unterminated string starting at": "незакрытая строка",
        "Extra data": "лишние данные после конца документа",
        "Invalid control character at": "недопустимый символ в строке",
    }
    return reasons.get(message, "синтаксическая ошибка")


def read_document(document: Any) -> list[Project]:
    """Projects of an already parsed document, checked field by field."""
    reader = _Reader()
    root = reader.mapping(document, "$")
    if "format" not in root:
        raise DocumentError("нет поля «format»: это не документ обмена cdo-desktop", location="$")
    if root["format"] != FORMAT:
        raise DocumentError(
            f"неизвестный формат {json.dumps(root['format'], ensure_ascii=False, default=str)}, "
            f"ожидался «{FORMAT}»",
            location="$.format",
            value=root["format"],
        )
    projects_data = reader.list(reader.required(root, "projects", "$"), "$.projects")
    projects = []
    seen_codes: dict[str, str] = {}
    for index, item in enumerate(projects_data):
        path = f"$.projects[{index}]"
        project = read_points_and_risks(reader, item, path, reader.project(item, path))
        json_passport.read_project_fields(reader, item, path, project)
        read_monitoring(reader, project, item, path)
        key = code_key(project.code)  # «Е4» in Cyrillic is the same code as «E4»
        if key in seen_codes:
            raise DocumentError(
                f"код проекта «{project.code}» уже встречался в {seen_codes[key]}",
                location=f"{path}.code",
            )
        seen_codes[key] = path
        projects.append(project)
    return projects


class _Reader:
    """Checks each field's type and reports the JSON path of the first one that is wrong."""

    # -- primitives

    def mapping(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self._type_error(path, "объект {…}", value)
        if isinstance(value, RepeatedKeys):
            raise DocumentError(
                f"поле «{value.repeated}» записано дважды: неясно, какое значение верное",
                location=path,
            )
        return value

    def list(self, value: Any, path: str) -> list[Any]:
        if not isinstance(value, list):
            raise self._type_error(path, "список […]", value)
        return value

    def required(self, data: dict[str, Any], key: str, path: str) -> Any:
        if key not in data:
            raise DocumentError(f"нет обязательного поля «{key}»", location=path)
        return data[key]

    def text(
        self,
        data: dict[str, Any],
        key: str,
        path: str,
        *,
        default: str | None = None,
        non_empty: bool = False,
    ) -> str:
        if key not in data and default is not None:
            return default
        value = self.required(data, key, path)
        if not isinstance(value, str):
            raise self._type_error(f"{path}.{key}", "строка", value)
        if non_empty and not value.strip():
            raise DocumentError("значение не может быть пустым", location=f"{path}.{key}")
        return self._cell_text(value, f"{path}.{key}")

    def optional_text(self, data: dict[str, Any], key: str, path: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self._type_error(f"{path}.{key}", "строка или null", value)
        return self._cell_text(value, f"{path}.{key}")

    @staticmethod
    def _cell_text(value: str, path: str) -> str:
        """Text a workbook cell can hold as it is, so an export never cuts or drops any."""
        try:
            return check_cell_text(value)
        except TextValueError as error:
            raise DocumentError(error.reason, location=path) from None

    def boolean(self, data: dict[str, Any], key: str, path: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            raise self._type_error(f"{path}.{key}", "true или false", value)
        return value

    def number(self, value: Any, path: str) -> Decimal | None:
        if value is None:
            return None
        if isinstance(value, NotANumber):
            raise DocumentError(
                f"значение {value} не является числом", location=path, value=str(value)
            )
        if isinstance(value, LongNumber):
            value = Decimal(value.digits)  # too long for int(), not for Decimal: judged below
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            raise self._type_error(path, "число или null", value)
        number = value if type(value) is Decimal else Decimal(value)
        try:
            # The one limit of every number the program takes in (core.numbers).
            return check_magnitude(number)
        except NumberFormatError as error:
            raise DocumentError(
                f"число {shown_number(value)} {error.reason}", location=path, value=value
            ) from None

    def year(self, value: Any, path: str) -> int:
        if isinstance(value, LongNumber):
            raise DocumentError(
                f"год {value} вне допустимых пределов {MIN_YEAR}–{MAX_YEAR}", location=path
            )
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._type_error(path, "год (целое число)", value)
        if not MIN_YEAR <= value <= MAX_YEAR:
            raise DocumentError(
                f"год {value} вне допустимых пределов {MIN_YEAR}–{MAX_YEAR}",
                location=path,
                value=value,
            )
        return value

    def year_key(self, key: str, path: str, years: range) -> int:
        if not (key.isascii() and key.isdigit()):
            raise DocumentError(
                f"«{shown_number(key)}» не является годом", location=path, value=key
            )
        year = int(key) if len(key) <= 4 else 0  # int() refuses over 4300 digits; 0 is no year
        if year not in years:
            raise DocumentError(
                f"год {shown_number(key)} вне лет проекта {years.start}–{years.stop - 1}",
                location=f"{path}.{shown_number(key)}",
                value=year,
            )
        return year

    @staticmethod
    def _type_error(path: str, expected: str, value: Any) -> DocumentError:
        shown = json.dumps(value, ensure_ascii=False, default=str)
        if len(shown) > 60:
            shown = shown[:57] + "…"
        return DocumentError(
            f"ожидалось: {expected}, а записано {shown}", location=path, value=value
        )

    # -- the document's parts

    def project(self, value: Any, path: str) -> Project:
        data = self.mapping(value, path)
        years_data = self.list(self.required(data, "years", path), f"{path}.years")
        if len(years_data) != 2:
            raise DocumentError("ожидались два года: [первый, последний]", location=f"{path}.years")
        first = self.year(years_data[0], f"{path}.years[0]")
        last = self.year(years_data[1], f"{path}.years[1]")
        if first > last:
            raise DocumentError(
                f"первый год {first} позже последнего {last}", location=f"{path}.years"
            )
        years = range(first, last + 1)
        federal_data = data.get("federal_project")
        federal = None
        if federal_data is not None:
            federal_path = f"{path}.federal_project"
            federal_map = self.mapping(federal_data, federal_path)
            federal = FederalProject(
                code=self.text(federal_map, "code", federal_path),
                name=self.text(federal_map, "name", federal_path),
            )
        participants = [
            self._string(item, f"{path}.participants[{index}]")
            for index, item in enumerate(
                self.list(data.get("participants", []), f"{path}.participants")
            )
        ]
        return Project(
            code=self.text(data, "code", path, non_empty=True).strip(),
            name=self.text(data, "name", path, non_empty=True),
            region=self.text(data, "region", path, default=""),
            national_project=self.optional_text(data, "national_project", path),
            federal_project=federal,
            goal=self.text(data, "goal", path, default=""),
            customer=self.text(data, "customer", path, default=""),
            first_year=first,
            last_year=last,
            persons=[
                self.person(item, f"{path}.persons[{index}]")
                for index, item in enumerate(self.list(data.get("persons", []), f"{path}.persons"))
            ],
            participants=participants,
            indicators=self.rows(data, "indicators", path, years),
            results=self.rows(data, "results", path, years),
            financing=[
                self.financing_line(item, f"{path}.financing[{index}]", years)
                for index, item in enumerate(
                    self.list(data.get("financing", []), f"{path}.financing")
                )
            ],
        )

    def _string(self, value: Any, path: str) -> str:
        if not isinstance(value, str):
            raise self._type_error(path, "строка", value)
        return self._cell_text(value, path)

    def person(self, value: Any, path: str) -> Person:
        data = self.mapping(value, path)
        return Person(
            role=self.text(data, "role", path, non_empty=True),
            name=self.text(data, "name", path, non_empty=True),
            position=self.text(data, "position", path, default=""),
            contacts=self.text(data, "contacts", path, default=""),
        )

    def rows(
        self, data: dict[str, Any], key: str, path: str, years: range
    ) -> builtins.list[PlanFactRow]:
        items = self.list(data.get(key, []), f"{path}.{key}")
        return [self.row(item, f"{path}.{key}[{index}]", years) for index, item in enumerate(items)]

    def row(self, value: Any, path: str, years: range) -> PlanFactRow:
        data = self.mapping(value, path)
        direction_text = self.text(data, "direction", path, default=Direction.UP.value)
        try:
            direction = Direction(direction_text)
        except ValueError:
            raise DocumentError(
                f"направление «{direction_text}»: ожидалось «up» или «down»",
                location=f"{path}.direction",
                value=direction_text,
            ) from None
        base_value: Decimal | None = None
        base_year: int | None = None
        base = data.get("base")
        if base is not None:
            base_map = self.mapping(base, f"{path}.base")
            base_value = self.number(
                self.required(base_map, "value", f"{path}.base"), f"{path}.base.value"
            )
            base_year = self.year(
                self.required(base_map, "year", f"{path}.base"), f"{path}.base.year"
            )
        values = self.plan_fact_values(data, path, years)
        return PlanFactRow(
            number=self.text(data, "number", path),
            name=self.text(data, "name", path, non_empty=True),
            unit=self.text(data, "unit", path, default=""),
            cumulative=self.boolean(data, "cumulative", path, False),
            direction=direction,
            base_value=base_value,
            base_year=base_year,
            characteristic=self.text(data, "characteristic", path, default=""),
            values=values,
        )

    def plan_fact_values(
        self, data: dict[str, Any], path: str, years: range
    ) -> dict[int, PlanFact]:
        """`values` of `data`: a year's plan and fact, the empty years left out."""
        values_path = f"{path}.values"
        values: dict[int, PlanFact] = {}
        for key, item in self.mapping(data.get("values", {}), values_path).items():
            year = self.year_key(key, values_path, years)
            item_path = f"{values_path}.{key}"
            pair = self.mapping(item, item_path)
            for unknown in pair.keys() - PLAN_FACT_KEYS:
                raise DocumentError(
                    f"неизвестное поле «{unknown}»: ожидались «plan» и «fact»", location=item_path
                )
            plan_fact = PlanFact(
                plan=self.number(pair.get("plan"), f"{item_path}.plan"),
                fact=self.number(pair.get("fact"), f"{item_path}.fact"),
            )
            if not plan_fact.is_empty():
                values[year] = plan_fact
        return values

    def amounts(self, value: Any, path: str, years: range) -> dict[int, Decimal | None]:
        amounts: dict[int, Decimal | None] = {}
        for key, item in self.mapping(value, path).items():
            year = self.year_key(key, path, years)
            amount = self.number(item, f"{path}.{key}")
            if amount is not None:
                amounts[year] = amount
        return amounts

    def financing_line(self, value: Any, path: str, years: range) -> FinancingLine:
        data = self.mapping(value, path)
        line = FinancingLine(
            number=self.text(data, "number", path),
            name=self.text(data, "name", path, non_empty=True),
            result=self.optional_text(data, "result", path),
        )
        totals = self.amounts(data["values"], f"{path}.values", years) if "values" in data else None
        sources_data = data.get("sources")
        if sources_data is None or sources_data == []:
            if totals is None:
                raise DocumentError("нет ни «values», ни «sources»", location=path)
            line.sources = [BudgetSource(name=ALL_SOURCES, values=totals)]
            return line
        for index, item in enumerate(self.list(sources_data, f"{path}.sources")):
            source_path = f"{path}.sources[{index}]"
            source_map = self.mapping(item, source_path)
            source = BudgetSource(
                name=self.text(source_map, "name", source_path, non_empty=True),
                parent=self.optional_text(source_map, "parent", source_path),
                values=self.amounts(source_map.get("values", {}), f"{source_path}.values", years),
            )
            if any(existing.name == source.name for existing in line.sources):
                raise DocumentError(
                    f"источник «{source.name}» указан дважды", location=f"{source_path}.name"
                )
            line.sources.append(source)
        self._check_source_tree(line, path)
        if totals is not None:
            for year in years:
                computed = line.total(year)
                given = totals.get(year)
                if computed != given:
                    raise DocumentError(
                        f"итог {_shown(given)} не равен сумме по источникам {_shown(computed)}",
                        location=f"{path}.values.{year}",
                        value=given,
                    )
        return line

    def _check_source_tree(self, line: FinancingLine, path: str) -> None:
        names = {source.name for source in line.sources}
        parents = {source.name: source.parent for source in line.sources}
        for index, source in enumerate(line.sources):
            if source.parent is not None and source.parent not in names:
                raise DocumentError(
                    f"родительский источник «{source.parent}» не найден",
                    location=f"{path}.sources[{index}].parent",
                )
            seen = {source.name}
            parent = source.parent
            while parent is not None:
                if parent in seen:
                    raise DocumentError(
                        "источники ссылаются друг на друга по кругу",
                        location=f"{path}.sources[{index}].parent",
                    )
                seen.add(parent)
                parent = parents[parent]

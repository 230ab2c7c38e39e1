"""The peewee tables; their columns must match what the migrations build (a test checks it)."""

from __future__ import annotations

from decimal import Decimal

from peewee import (
    SQL,
    AutoField,
    CharField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)


class DecimalTextField(TextField):
    """An exact decimal kept as its text: 38,28 stays 38.28 and 13 264,90 keeps its last zero.

    SQLite's own NUMERIC would turn it into a float; text keeps every digit.
    """

    def db_value(self, value: Decimal | None) -> str | None:
        return None if value is None else f"{value:f}"

    def python_value(self, value: str | None) -> Decimal | None:
        return None if value is None else Decimal(value)


class BaseTable(Model):
    """Bound to no database: a store binds the tables it uses to its own database object
    (`database.bind_ctx`), so two open databases never share one binding."""

    class Meta:
        database = None
        legacy_table_names = False


class ProjectTable(BaseTable):
    code = CharField(unique=True)
    name = TextField()
    region = TextField(default="")
    national_project = TextField(null=True)
    federal_project_code = TextField(null=True)
    federal_project_name = TextField(null=True)
    goal = TextField(default="")
    customer = TextField(default="")
    first_year = IntegerField()
    last_year = IntegerField()
    updated_at = TextField(null=True)
    due_workday = IntegerField(default=2)

    class Meta:
        table_name = "project"


class PersonTable(BaseTable):
    project = ForeignKeyField(ProjectTable, on_delete="CASCADE", column_name="project_id")
    sort_order = IntegerField()
    role = TextField()
    name = TextField()
    position = TextField(default="")
    contacts = TextField(default="")
    supervisor = TextField(default="")
    share = DecimalTextField(null=True)

    class Meta:
        table_name = "person"


class ParticipantTable(BaseTable):
    project = ForeignKeyField(ProjectTable, on_delete="CASCADE", column_name="project_id")
    sort_order = IntegerField()
    name = TextField()

    class Meta:
        table_name = "participant"


class PlanFactRowTable(BaseTable):
    """Indicators and results alike; `kind` tells them apart."""

    project = ForeignKeyField(ProjectTable, on_delete="CASCADE", column_name="project_id")
    kind = TextField()
    sort_order = IntegerField()
    number = TextField()
    name = TextField()
    unit = TextField(default="")
    # 0 or 1 on every engine (SQLite has no booleans): the same SQL reads and writes it anywhere.
    cumulative = IntegerField(default=0)
    direction = TextField(default="up")
    base_value = DecimalTextField(null=True)
    base_year = IntegerField(null=True)
    characteristic = TextField(default="")
    periodicity = TextField(default="year")
    # The 2025–2030 passport (schema 7); lists kept as one text joined by «; ».
    task = TextField(null=True)
    level = TextField(default="")
    indicator_kind = TextField(default="")
    okei = TextField(null=True)
    data_source = TextField(default="")
    result_type = TextField(default="")
    linked_indicators = TextField(default="")

    class Meta:
        table_name = "plan_fact_row"


class PlanFactValueTable(BaseTable):
    row = ForeignKeyField(PlanFactRowTable, on_delete="CASCADE", column_name="row_id")
    year = IntegerField()
    plan = DecimalTextField(null=True)
    fact = DecimalTextField(null=True)

    class Meta:
        table_name = "plan_fact_value"
        indexes = ((("row", "year"), True),)


class FinancingLineTable(BaseTable):
    project = ForeignKeyField(ProjectTable, on_delete="CASCADE", column_name="project_id")
    sort_order = IntegerField()
    number = TextField()
    name = TextField()
    result_number = TextField(null=True)

    class Meta:
        table_name = "financing_line"


class BudgetSourceTable(BaseTable):
    line = ForeignKeyField(FinancingLineTable, on_delete="CASCADE", column_name="line_id")
    sort_order = IntegerField()
    name = TextField()
    parent = ForeignKeyField("self", null=True, on_delete="CASCADE", column_name="parent_id")

    class Meta:
        table_name = "budget_source"


class FinancingAmountTable(BaseTable):
    source = ForeignKeyField(BudgetSourceTable, on_delete="CASCADE", column_name="source_id")
    year = IntegerField()
    amount = DecimalTextField()

    class Meta:
        table_name = "financing_amount"
        indexes = ((("source", "year"), True),)


ALL_TABLES: list[type[BaseTable]] = [
    ProjectTable,
    PersonTable,
    ParticipantTable,
    PlanFactRowTable,
    PlanFactValueTable,
    FinancingLineTable,
    BudgetSourceTable,
    FinancingAmountTable,
]


class ChangeLogTable(BaseTable):
    """The change history (see core/history.py); written in the transaction of the change."""

    id = AutoField()

    at = TextField()
    author = TextField()
    project_code = TextField()
    section = TextField()
    row_number = TextField(default="")
    row_name = TextField(default="")
    year = IntegerField(null=True)
    field = TextField()
    detail = TextField(default="")
    old = TextField(null=True)
    new = TextField(null=True)
    source = TextField()

    class Meta:
        table_name = "change_log"


ALL_TABLES.append(ChangeLogTable)


class MetaTable(BaseTable):
    """Facts about the database itself: `database_id`, which its backups repeat."""

    key = TextField(primary_key=True)
    value = TextField()

    class Meta:
        table_name = "meta"


ALL_TABLES.append(MetaTable)


class ProjectTaskTable(BaseTable):
    """A task of a project («Задача: …»), which rows name by its number (schema 7)."""

    project = ForeignKeyField(ProjectTable, on_delete="CASCADE", column_name="project_id")
    sort_order = IntegerField()
    number = TextField()
    name = TextField()

    class Meta:
        table_name = "project_task"


class MunicipalityTable(BaseTable):
    """The project's list of municipalities, in its order (schema 7)."""

    project = ForeignKeyField(ProjectTable, on_delete="CASCADE", column_name="project_id")
    sort_order = IntegerField()
    name = TextField()

    class Meta:
        table_name = "municipality"


class MunicipalRowTable(BaseTable):
    """One municipality of a row broken down by municipalities (schema 7)."""

    row = ForeignKeyField(PlanFactRowTable, on_delete="CASCADE", column_name="row_id")
    sort_order = IntegerField()
    name = TextField()

    class Meta:
        table_name = "municipal_row"


class MunicipalValueTable(BaseTable):
    entry = ForeignKeyField(MunicipalRowTable, on_delete="CASCADE", column_name="entry_id")
    year = IntegerField()
    plan = DecimalTextField(null=True)
    fact = DecimalTextField(null=True)

    class Meta:
        table_name = "municipal_value"
        indexes = ((("entry", "year"), True),)


ALL_TABLES += [ProjectTaskTable, MunicipalityTable, MunicipalRowTable, MunicipalValueTable]


class PassportVersionTable(BaseTable):
    """A fixed version of a project's passport (storage/versions.py)."""

    project = ForeignKeyField(ProjectTable, on_delete="CASCADE", column_name="project_id")
    number = IntegerField()
    at = TextField()
    author = TextField()
    basis = TextField(default="")
    document = TextField()

    class Meta:
        table_name = "passport_version"
        indexes = ((("project", "number"), True),)


class ChangeRequestTable(BaseTable):
    """A change request drafted from a version of the passport, or sent."""

    project = ForeignKeyField(ProjectTable, on_delete="CASCADE", column_name="project_id")
    from_version = IntegerField()
    basis = TextField(default="")
    sent = IntegerField(default=0)

    class Meta:
        table_name = "change_request"


class ChangeJustificationTable(BaseTable):
    """The justification of one change of a request, by the change's stable description."""

    request = ForeignKeyField(ChangeRequestTable, on_delete="CASCADE", column_name="request_id")
    change_key = TextField()
    justification = TextField()

    class Meta:
        table_name = "change_justification"
        indexes = ((("request", "change_key"), True),)


ALL_TABLES += [PassportVersionTable, ChangeRequestTable, ChangeJustificationTable]


class ControlPointTable(BaseTable):
    """A control point of a result (migration m006); dates as ISO text."""

    result = ForeignKeyField(PlanFactRowTable, on_delete="CASCADE", column_name="result_id")
    sort_order = IntegerField()
    number = TextField()
    name = TextField()
    kind = TextField(default="checkpoint")
    due = TextField()
    done = TextField(null=True)
    responsible = TextField(default="")
    document = TextField(default="")
    control_level = TextField(default="")

    class Meta:
        table_name = "control_point"


class RiskTable(BaseTable):
    """A risk of a project (migration m006)."""

    project = ForeignKeyField(ProjectTable, on_delete="CASCADE", column_name="project_id")
    sort_order = IntegerField()
    number = TextField()
    description = TextField()
    target_kind = TextField(null=True)
    target_number = TextField(default="")
    probability = TextField(default="medium")
    impact = TextField(default="medium")
    mitigation = TextField(default="")
    owner = TextField(default="")
    status = TextField(default="open")

    class Meta:
        table_name = "risk"


ALL_TABLES += [ControlPointTable, RiskTable]


class MonitoringValueTable(BaseTable):
    """A row's monitoring entry at a reporting date (`as_of`, ISO); an empty one is not kept."""

    row = ForeignKeyField(PlanFactRowTable, on_delete="CASCADE", column_name="row_id")
    as_of = TextField()
    fact = DecimalTextField(null=True)
    forecast = DecimalTextField(null=True)
    reason = TextField(default="")
    document = TextField(default="")

    class Meta:
        table_name = "monitoring_value"
        indexes = ((("row", "as_of"), True),)


class BudgetExecutionTable(BaseTable):
    """Cash execution of a budget source so far in the year, at a reporting date."""

    source = ForeignKeyField(BudgetSourceTable, on_delete="CASCADE", column_name="source_id")
    as_of = TextField()
    executed = DecimalTextField()

    class Meta:
        table_name = "budget_execution"
        indexes = ((("source", "as_of"), True),)


class CalendarDayTable(BaseTable):
    """The user's edit of the working-day calendar: a day made a holiday or a working day."""

    day = TextField(primary_key=True)
    working = IntegerField()

    class Meta:
        table_name = "calendar_day"


ALL_TABLES += [MonitoringValueTable, BudgetExecutionTable, CalendarDayTable]


def _defaults_in_the_schema(tables: list[type[BaseTable]]) -> None:
    """Each column's default in the schema itself, not only in peewee: a row inserted by plain
    SQL that does not name a later column gets it on a server too (on a file the migrations'
    ALTER TABLE … DEFAULT gives it; `init-server` builds the server's tables from these)."""
    for table in tables:
        for column in table._meta.sorted_fields:
            default = column.default
            if default is None or callable(default) or column.constraints:
                continue
            literal = str(int(default)) if isinstance(default, int) else _quoted(str(default))
            column.constraints = [SQL(f"DEFAULT {literal}")]


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


_defaults_in_the_schema(ALL_TABLES)

"""Who may change which project on the server, enforced by the server itself.

Every connected role reads every project; a role writes only to the projects granted to it in
`project_grant` (by project code), members of `cdo_admin` everywhere. Row-level security
policies say so on every table, forced for the tables' owner too, so raw SQL on a role's own
connection is held to the same rule as the program. A role that creates a project becomes its
editor (a trigger grants it). Officials' roles get the table privileges through `cdo_user`.
"""

from __future__ import annotations

from peewee import Database

from cdo_desktop.core.errors import CdoError

ADMIN_ROLE = "cdo_admin"
USER_ROLE = "cdo_user"
FILE_ONLY = "права доступа есть только на сервере"

# How a row of these tables finds its project's id, when the catalog would not say it best
# (everything else is found by `project_links`: a later migration's table needs no entry here).
_PROJECT_OF = {
    "project": "id",
}
# Tables with policies of their own (_other_policies): the history, the database's facts, grants.
_OWN_POLICIES = ("change_log", "meta", "project_grant")

_ROLES = f"""
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{USER_ROLE}') THEN
        CREATE ROLE {USER_ROLE} NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{ADMIN_ROLE}') THEN
        CREATE ROLE {ADMIN_ROLE} NOLOGIN;
    END IF;
END
$$
"""

# Plain SQL functions (no SECURITY DEFINER, no SET): the planner inlines them into the
# policies, which a bulk load checks once per row. What they read every role may read; the
# tables are named with their schema so that no temporary table of a role can stand in.
_FUNCTIONS = [
    f"""
CREATE OR REPLACE FUNCTION cdo_is_admin() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT pg_catalog.pg_has_role(session_user, '{ADMIN_ROLE}', 'MEMBER')
$$""",
    """
CREATE OR REPLACE FUNCTION cdo_may_edit_code(code text) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT public.cdo_is_admin() OR EXISTS (
        SELECT 1 FROM public.project_grant g
        WHERE g.role_name = session_user AND g.project_code = code)
$$""",
    """
CREATE OR REPLACE FUNCTION cdo_may_edit(project integer) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT project IS NULL OR public.cdo_is_admin() OR EXISTS (
        SELECT 1 FROM public.project_grant g WHERE g.role_name = session_user
        AND g.project_code = (SELECT p.code FROM public.project p WHERE p.id = project))
$$""",
    # The creator of a project becomes its editor; a renamed code keeps its editors.
    """
CREATE OR REPLACE FUNCTION cdo_project_granted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO project_grant (role_name, project_code) VALUES (session_user, NEW.code)
        ON CONFLICT DO NOTHING;
    ELSIF NEW.code <> OLD.code THEN
        UPDATE project_grant SET project_code = NEW.code WHERE project_code = OLD.code;
    END IF;
    RETURN NEW;
END
$$""",
]


def _policies(table: str, project_of: str, *, by_code: bool = False) -> list[str]:
    may = f"cdo_may_edit_code({project_of})" if by_code else f"cdo_may_edit({project_of})"
    # A new project may be created by anyone (its code is unique; the trigger makes its
    # creator the editor); everything else needs the grant.
    insert_check = "true" if table == "project" else may
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS cdo_read ON {table}",
        f"DROP POLICY IF EXISTS cdo_insert ON {table}",
        f"DROP POLICY IF EXISTS cdo_update ON {table}",
        f"DROP POLICY IF EXISTS cdo_delete ON {table}",
        f"CREATE POLICY cdo_read ON {table} FOR SELECT USING (true)",
        f"CREATE POLICY cdo_insert ON {table} FOR INSERT WITH CHECK ({insert_check})",
        f"CREATE POLICY cdo_update ON {table} FOR UPDATE USING ({may}) WITH CHECK ({may})",
        f"CREATE POLICY cdo_delete ON {table} FOR DELETE USING ({may})",
    ]


_ADMIN_OR_OWNER = (
    "cdo_is_admin() OR current_user = "
    "(SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'project_grant'::regclass)"
)


def _other_policies() -> list[str]:
    statements: list[str] = []
    for table in ("change_log", "meta", "project_grant", "calendar_day"):
        statements += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS cdo_read ON {table}",
            f"DROP POLICY IF EXISTS cdo_write ON {table}",
            f"DROP POLICY IF EXISTS cdo_insert ON {table}",
            f"CREATE POLICY cdo_read ON {table} FOR SELECT USING (true)",
        ]
    # The history is only ever added to, and only about a project one may edit (a deleted
    # project's last entry is written while it still exists).
    statements += [
        "CREATE POLICY cdo_insert ON change_log FOR INSERT "
        "WITH CHECK (cdo_is_admin() OR cdo_may_edit_code(project_code))",
        "CREATE POLICY cdo_write ON meta FOR ALL USING (cdo_is_admin()) "
        "WITH CHECK (cdo_is_admin())",
        # The working-day calendar is the ministry's: only cdo_admin edits it.
        "CREATE POLICY cdo_write ON calendar_day FOR ALL USING (cdo_is_admin()) "
        "WITH CHECK (cdo_is_admin())",
        # The trigger that makes a creator the editor runs as the tables' owner.
        # (current_user, not session_user: SET ROLE cannot reach the owner's role.)
        f"CREATE POLICY cdo_write ON project_grant FOR ALL USING ({_ADMIN_OR_OWNER}) "
        f"WITH CHECK ({_ADMIN_OR_OWNER})",
    ]
    return statements


def secure(database: Database) -> None:
    """Roles, privileges, the grants table and the policies; idempotent (init-server)."""
    statements = [
        _ROLES,
        "CREATE TABLE IF NOT EXISTS project_grant (role_name TEXT NOT NULL, "
        "project_code TEXT NOT NULL, PRIMARY KEY (role_name, project_code))",
        *_FUNCTIONS,
        "DROP TRIGGER IF EXISTS cdo_project_granted ON project",
        "CREATE TRIGGER cdo_project_granted AFTER INSERT OR UPDATE OF code ON project "
        "FOR EACH ROW EXECUTE FUNCTION cdo_project_granted()",
    ]
    for statement in statements:
        database.execute_sql(statement)
    statements = []
    for table, (how, project_of) in sorted(project_links(database).items()):
        if how == "admin":
            statements += _admin_only_policies(table)
        else:
            statements += _policies(table, project_of, by_code=how == "code")
    statements += _other_policies()
    statements += [
        f"GRANT USAGE ON SCHEMA public TO {USER_ROLE}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {USER_ROLE}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {USER_ROLE}",
        f"GRANT {USER_ROLE} TO {ADMIN_ROLE}",
    ]
    for statement in statements:
        database.execute_sql(statement)


def project_links(database: Database) -> dict[str, tuple[str, str]]:
    """Every table of the schema but those with policies of their own, and how its row names
    its project: ("id", SQL giving the project's id), ("code", the column holding its code) or
    ("admin", "") when nothing does (read by all, written by cdo_admin only).

    Read from the catalog on every `init-server`, so a table a later migration adds is covered
    without an entry anywhere: a `project_id` column, else a chain of foreign keys to a table
    that has one (each hop a lookup by key), else a `project_code` column.
    """
    tables = sorted(
        str(name)
        for (name,) in database.execute_sql(
            "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema()"
        ).fetchall()
    )
    columns: dict[str, set[str]] = {table: set() for table in tables} | schema_columns(database)
    foreign: dict[str, list[tuple[str, str, str]]] = {}
    for table, column, parent, key in database.execute_sql(
        "SELECT child.relname, a.attname, parent.relname, pa.attname "
        "FROM pg_catalog.pg_constraint c "
        "JOIN pg_catalog.pg_class child ON child.oid = c.conrelid "
        "JOIN pg_catalog.pg_class parent ON parent.oid = c.confrelid "
        "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
        "JOIN pg_catalog.pg_attribute pa ON pa.attrelid = c.confrelid "
        "AND pa.attnum = c.confkey[1] "
        "WHERE c.contype = 'f' AND cardinality(c.conkey) = 1 "
        "AND child.relnamespace = current_schema()::regnamespace "
        "ORDER BY 1, 2"
    ).fetchall():
        foreign.setdefault(str(table), []).append((str(column), str(parent), str(key)))
    links: dict[str, tuple[str, str]] = {}
    for table in tables:
        if table in _OWN_POLICIES:
            continue
        chain = _PROJECT_OF.get(table) or _project_chain(table, columns, foreign)
        if chain is not None:
            links[table] = ("id", chain)
        elif "project_code" in columns[table]:
            links[table] = ("code", "project_code")
        else:
            links[table] = ("admin", "")
    return links


def _project_chain(
    table: str,
    columns: dict[str, set[str]],
    foreign: dict[str, list[tuple[str, str, str]]],
    seen: frozenset[str] = frozenset(),
) -> str | None:
    """SQL giving the project id of a row of `table` (its columns named bare); None if no
    project is reached. Lookups by key nested rather than a join: a bulk load checks the
    policy once per row, and a join planned from a fresh table's statistics scans a table."""
    hops = _hops(table, columns, foreign, seen | {table})
    if hops is None:
        return None
    steps, last = hops
    if not steps:
        return last
    expression = steps[0][0]
    for number, (_column, parent, key) in enumerate(steps):
        wanted = steps[number + 1][0] if number + 1 < len(steps) else last
        if parent == "project" and key == wanted == "id":
            continue  # the project's own id: no lookup needed
        alias = f"l{number}"
        expression = (
            f"(SELECT {alias}.{wanted} FROM {parent} {alias} WHERE {alias}.{key} = {expression})"
        )
    return expression


def _hops(
    table: str,
    columns: dict[str, set[str]],
    foreign: dict[str, list[tuple[str, str, str]]],
    seen: frozenset[str],
) -> tuple[list[tuple[str, str, str]], str] | None:
    """The foreign keys (column, parent, parent's key) from `table` to a table that names its
    project, and that table's column naming it; None when there is no such path."""
    if table == "project":
        return [], "id"
    if "project_id" in columns.get(table, set()):
        return [], "project_id"
    for column, parent, key in foreign.get(table, []):
        if parent in seen:
            continue
        above = _hops(parent, columns, foreign, seen | {parent})
        if above is not None:
            return [(column, parent, key), *above[0]], above[1]
    return None


def _admin_only_policies(table: str) -> list[str]:
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
        *(
            f"DROP POLICY IF EXISTS {name} ON {table}"
            for name in ("cdo_read", "cdo_insert", "cdo_update", "cdo_delete", "cdo_write")
        ),
        f"CREATE POLICY cdo_read ON {table} FOR SELECT USING (true)",
        f"CREATE POLICY cdo_write ON {table} FOR ALL USING (cdo_is_admin()) "
        "WITH CHECK (cdo_is_admin())",
    ]


def _require_server(database: Database) -> None:
    from cdo_desktop.storage.dialect import is_sqlite

    if is_sqlite(database):
        raise CdoError(FILE_ONLY)


def grant(database: Database, role: str, code: str) -> None:
    _require_server(database)
    _require_role(database, role)
    with database.atomic():
        database.execute_sql(
            "INSERT INTO project_grant (role_name, project_code) VALUES (%s, %s) "
            "ON CONFLICT DO NOTHING",
            (role, code),
        )


def revoke(database: Database, role: str, code: str) -> None:
    _require_server(database)
    _require_admin(database)
    with database.atomic():
        database.execute_sql(
            "DELETE FROM project_grant WHERE role_name = %s AND project_code = %s", (role, code)
        )


def grants(database: Database) -> list[tuple[str, str]]:
    _require_server(database)
    cursor = database.execute_sql(
        "SELECT role_name, project_code FROM project_grant ORDER BY role_name, project_code"
    )
    return [(str(role), str(code)) for role, code in cursor.fetchall()]


def _require_role(database: Database, role: str) -> None:
    found = database.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
    if not found:
        raise CdoError(f"на сервере нет роли «{role}»")
    _require_admin(database)


def _require_admin(database: Database) -> None:
    if not is_admin(database):
        raise CdoError(f"давать и отбирать права могут только члены роли {ADMIN_ROLE}")


def own_grants(database: Database) -> set[str]:
    """The project codes the connected role may edit by a grant of its own."""
    cursor = database.execute_sql(
        "SELECT project_code FROM project_grant WHERE role_name = session_user"
    )
    return {str(row[0]) for row in cursor.fetchall()}


def forget_creator(database: Database, codes: set[str]) -> None:
    """Take back the grants the creator trigger gave the connected role for `codes` (a copy
    creates projects without making the copying role their editor). Only an administrator's
    copy can: others keep them, which the policies allow no one to remove but cdo_admin."""
    for code in sorted(codes):
        database.execute_sql(
            "DELETE FROM project_grant WHERE role_name = session_user AND project_code = %s",
            (code,),
        )


def verdict(role: str, code: str, allow: bool) -> str:
    """What a grant or a revoke says, on the command line and in the window alike."""
    return f"Роль {role}: проект {code} — изменение {'разрешено' if allow else 'запрещено'}"


def official_roles(database: Database) -> list[str]:
    """The login roles of the server that work with the program (members of cdo_user)."""
    _require_server(database)
    cursor = database.execute_sql(
        "SELECT r.rolname FROM pg_catalog.pg_roles r WHERE r.rolcanlogin "
        f"AND pg_catalog.pg_has_role(r.oid, '{USER_ROLE}', 'MEMBER') ORDER BY 1"
    )
    return [str(row[0]) for row in cursor.fetchall()]


def schema_columns(database: Database) -> dict[str, set[str]]:
    """The columns of each table of the server's schema, as the server has them now."""
    present: dict[str, set[str]] = {}
    for table, column in database.execute_sql(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema()"
    ).fetchall():
        present.setdefault(str(table), set()).add(str(column))
    return present


def is_admin(database: Database) -> bool:
    row = database.execute_sql("SELECT cdo_is_admin()").fetchone()
    return bool(row and row[0])

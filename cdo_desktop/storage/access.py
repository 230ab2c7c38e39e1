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

# Tables whose rows belong to a project, and how a row finds its project's id.
_PROJECT_OF = {
    "project": "id",
    "person": "project_id",
    "participant": "project_id",
    "plan_fact_row": "project_id",
    "financing_line": "project_id",
    "plan_fact_value": "(SELECT r.project_id FROM plan_fact_row r WHERE r.id = row_id)",
    "budget_source": "(SELECT l.project_id FROM financing_line l WHERE l.id = line_id)",
    # Two lookups by primary key rather than a join: checked once per row of a bulk load,
    # where a join plan made from a fresh table's statistics scans a whole table each time.
    "financing_amount": (
        "(SELECT l.project_id FROM financing_line l WHERE l.id = "
        "(SELECT s.line_id FROM budget_source s WHERE s.id = source_id))"
    ),
    "monitoring_value": "(SELECT r.project_id FROM plan_fact_row r WHERE r.id = row_id)",
    "budget_execution": (
        "(SELECT l.project_id FROM financing_line l WHERE l.id = "
        "(SELECT s.line_id FROM budget_source s WHERE s.id = source_id))"
    ),
}

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


def _policies(table: str, project_of: str) -> list[str]:
    may = f"cdo_may_edit({project_of})"
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
    for table, project_of in _PROJECT_OF.items():
        statements += _policies(table, project_of)
    statements += _other_policies()
    statements += [
        f"GRANT USAGE ON SCHEMA public TO {USER_ROLE}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {USER_ROLE}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {USER_ROLE}",
        f"GRANT {USER_ROLE} TO {ADMIN_ROLE}",
    ]
    for statement in statements:
        database.execute_sql(statement)


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
    admin = database.execute_sql("SELECT cdo_is_admin()").fetchone()
    if not admin or not admin[0]:
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


def is_admin(database: Database) -> bool:
    row = database.execute_sql("SELECT cdo_is_admin()").fetchone()
    return bool(row and row[0])

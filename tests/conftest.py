"""Test set-up: headless Qt, and a user profile of the test's own so nothing real is touched."""

import os

# Before anything imports Qt: tests run without a display, here and in CI.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from pathlib import Path

import pytest

from cdo_desktop.workspace import Workspace, open_workspace


@pytest.fixture(autouse=True)
def isolated_profile(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point the user data folder, settings and $CDO_DB away from the real user's."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("APPDATA", str(home / "appdata"))
    monkeypatch.delenv("CDO_DB", raising=False)
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.sqlite"


@pytest.fixture
def workspace(db_path: Path):
    """A fresh database holding the demo project."""
    opened: Workspace = open_workspace(db_path)
    yield opened
    opened.close()


# ---------------------------------------------------------------------- the server engine

# A superuser's address on a private PostgreSQL cluster (.ci/run starts one); without it the
# server half of the tests skips.
PG_ENV = "CDO_TEST_PG"
ENGINES = ["sqlite", "postgresql"]


class Servers:
    """Fresh databases on the test cluster, each with the program's schema; login roles that
    are members of cdo_user and own no table (as officials' roles are)."""

    def __init__(self, admin_url: str) -> None:
        import uuid

        self.admin_url = admin_url
        self.tag = uuid.uuid4().hex[:8]
        self.databases: list[str] = []
        self.roles: list[str] = []

    def _admin(self):
        import psycopg

        return psycopg.connect(self.admin_url, autocommit=True)

    def url(self, database: str, role: str | None = None, password: str = "secret") -> str:
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(self.admin_url)
        netloc = (
            parts.netloc if role is None else f"{role}:{password}@{parts.hostname}:{parts.port}"
        )
        return urlunsplit(parts._replace(netloc=netloc, path=f"/{database}"))

    def new_database(self) -> str:
        """The name of a new database holding the program's schema (made by init-server)."""
        from cdo_desktop.storage.server import init_server

        name = f"cdo_test_{self.tag}_{len(self.databases)}"
        with self._admin() as connection:
            connection.execute(f"CREATE DATABASE {name}")
        self.databases.append(name)
        init_server(self.url(name))
        return name

    def role(self, name: str, *, admin: bool = False, password: str = "secret") -> str:
        """A login role of the cluster (named for this run), member of cdo_user."""
        role = f"{name}_{self.tag}"
        if role in self.roles:
            return role
        with self._admin() as connection:
            connection.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
            connection.execute(f"GRANT cdo_user TO {role}")
            if admin:
                connection.execute(f"GRANT cdo_admin TO {role}")
        self.roles.append(role)
        return role

    def official(self, database: str) -> str:
        """The address of `database` for an ordinary official's role (not an owner, not an
        administrator: it edits the projects it creates)."""
        if not any(role.startswith("official_") for role in self.roles):
            self.role("official")
        return self.url(database, f"official_{self.tag}")

    def drop_all(self) -> None:
        with self._admin() as connection:
            for name in self.databases:
                connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            for role in self.roles:
                connection.execute(f"DROP ROLE IF EXISTS {role}")


@pytest.fixture(scope="session")
def servers():
    admin_url = os.environ.get(PG_ENV)
    if not admin_url:
        pytest.skip(f"{PG_ENV} is not set: no PostgreSQL cluster for the server tests")
    made = Servers(admin_url)
    yield made
    # CI's cluster goes away with its folder: dropping hundreds of databases first only costs
    # minutes (.ci/run says so); a cluster that stays is left as it was found.
    if not os.environ.get("CDO_TEST_PG_DISPOSABLE"):
        made.drop_all()


@pytest.fixture(params=ENGINES)
def new_location(request, tmp_path):
    """Makes a fresh empty database on the test's engine (a SQLite file, or a server database
    with the program's schema, seen through an official's role); its --db text."""
    made = 0

    def new() -> str:
        nonlocal made
        made += 1
        if request.param == "sqlite":
            return str(tmp_path / f"db{made}.sqlite")
        servers = request.getfixturevalue("servers")
        return servers.official(servers.new_database())

    return new


def open_demo_store(location: str):
    """A store over `location` holding the demo project (created on a file, loaded on a
    server, where nothing is created on opening)."""
    from cdo_desktop.storage.database import open_store
    from cdo_desktop.storage.server import is_server_url, open_server_store
    from cdo_desktop.workspace import demo_projects

    if is_server_url(location):
        store = open_server_store(location)
        if not store.summaries():
            store.replace(demo_projects())
        return store
    return open_store(Path(location), fill_new=lambda store: store.replace(demo_projects()))


def open_store_at(location: str):
    """A store over an existing database (a file or a server), as the program opens it."""
    from cdo_desktop.storage.database import open_store
    from cdo_desktop.storage.server import is_server_url, open_server_store

    if is_server_url(location):
        return open_server_store(location)
    return open_store(Path(location))

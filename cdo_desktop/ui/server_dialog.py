"""«Файл» → «Подключиться к серверу…»: the ministry's server's address, and connecting to it.

The address (server, port, database, user) is remembered; the password never is: it comes from
PostgreSQL's password file or is typed here, once per start, and kept only in this process.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote, unquote, urlsplit

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QInputDialog,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from cdo_desktop.core.errors import CdoError
from cdo_desktop.ui import dialogs
from cdo_desktop.workspace import Workspace, open_workspace

ADDRESS_KEY = "server/address"
AT_START_KEY = "server/open_at_start"
DEFAULT_PORT = 5432
# Typed passwords by address, for this run only: asked once per start, never written anywhere.
_typed_passwords: dict[str, str] = {}


def server_address(host: str, port: int, database: str, user: str) -> str:
    """postgresql://user@host:port/database, each part quoted as a URL needs."""
    who = f"{quote(user, safe='')}@" if user else ""
    return f"postgresql://{who}{host}:{port}/{quote(database, safe='')}"


def remembered_address(settings: QSettings | None = None) -> str:
    value = (settings or QSettings()).value(ADDRESS_KEY, "")
    return value if isinstance(value, str) else ""


def remember_address(address: str, settings: QSettings | None = None) -> None:
    (settings or QSettings()).setValue(ADDRESS_KEY, address)


class ServerDialog(QDialog):
    """The server's address and, if it is not in the password file, the password."""

    def __init__(self, parent: QWidget | None = None, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Подключиться к серверу")
        self.settings = settings
        self.host = QLineEdit(self)
        self.host.setObjectName("server_host")
        self.host.setPlaceholderText("например, db.minobr.local")
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit("cdo", self)
        self.database.setObjectName("server_database")
        self.user = QLineEdit(self)
        self.user.setObjectName("server_user")
        self.password = QLineEdit(self)
        self.password.setObjectName("server_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("не нужен, если он в файле паролей PostgreSQL")
        self.problem = dialogs.problem_label(self)
        form = QFormLayout(self)
        form.addRow("Сервер", self.host)
        form.addRow("Порт", self.port)
        form.addRow("База данных", self.database)
        form.addRow("Пользователь", self.user)
        form.addRow("Пароль", self.password)
        form.addRow(self.problem)
        form.addRow(dialogs.ok_cancel(self, "Подключиться", self._accept_if_complete))
        self._fill(remembered_address(settings))

    def _fill(self, address: str) -> None:
        if not address:
            return
        parts = urlsplit(address)
        self.host.setText(parts.hostname or "")
        self.port.setValue(parts.port or DEFAULT_PORT)
        self.database.setText(unquote(parts.path.lstrip("/")))
        self.user.setText(unquote(parts.username or ""))

    def address(self) -> str:
        return server_address(
            self.host.text().strip(),
            self.port.value(),
            self.database.text().strip(),
            self.user.text().strip(),
        )

    def _accept_if_complete(self) -> None:
        missing = [
            label
            for label, field in (
                ("сервер", self.host),
                ("база данных", self.database),
                ("пользователь", self.user),
            )
            if not field.text().strip()
        ]
        if missing:
            self.problem.setText("Укажите: " + ", ".join(missing) + ".")
            return
        remember_address(self.address(), self.settings)
        if self.password.text():
            _typed_passwords[self.address()] = self.password.text()
        self.accept()


def connect(address: str, ask_password: Callable[[], str | None] | None = None) -> Workspace:
    """The workspace over the server at `address` (CdoError, one Russian line, if not): the
    password typed in this run, else the password file, else `ask_password` — asked once per
    start: a password that worked is kept for this run (in memory only), a wrong one is not."""
    typed = _typed_passwords.get(address)
    asked: list[str] = []

    def password() -> str | None:
        if typed is not None:
            return typed
        answer = ask_password() if ask_password else None
        if answer is not None:
            asked.append(answer)
        return answer

    try:
        workspace = open_workspace(address, ask_password=password)
    except CdoError as error:
        if "пароль" in error.problem:
            _typed_passwords.pop(address, None)
        raise
    if asked:
        _typed_passwords[address] = asked[-1]
    return workspace


def ask_password_dialog(parent: QWidget | None, address: str) -> Callable[[], str | None]:
    """Asks for the password of `address` in a small dialog (None if cancelled)."""

    def ask() -> str | None:
        parts = urlsplit(address)
        text, accepted = QInputDialog.getText(
            parent,
            "Пароль для подключения к серверу",
            f"Пароль пользователя {unquote(parts.username or '')} на сервере "
            f"{parts.hostname}:{parts.port or DEFAULT_PORT}:",
            QLineEdit.EchoMode.Password,
        )
        return text if accepted and text else None

    return ask


def open_at_start(settings: QSettings | None = None) -> str:
    """The server the window opens at start when no database is named: the one it was on when
    it was last connected, unless a file was opened since ("" for none)."""
    chosen = settings or QSettings()
    value = chosen.value(AT_START_KEY, False, type=bool)
    return remembered_address(chosen) if value else ""


def remember_at_start(address: str | None, settings: QSettings | None = None) -> None:
    """The server to open at the next start (its address without a password), or none."""
    chosen = settings or QSettings()
    if address:
        from cdo_desktop.storage.faults import shown

        remember_address(shown(address), chosen)
    chosen.setValue(AT_START_KEY, bool(address))


def connect_with_dialog(
    parent: QWidget | None, settings: QSettings | None = None
) -> tuple[Workspace | None, str | None]:
    """Ask for the address and connect: (workspace, None), or (None, the Russian reason) —
    the window then tells it and offers to open a file instead — or (None, None) if cancelled.
    """
    dialog = ServerDialog(parent, settings)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None, None
    try:
        return connect(dialog.address(), ask_password_dialog(parent, dialog.address())), None
    except CdoError as error:
        return None, str(error)

"""Every remembered setting of the window, declared once over QSettings."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings


class WindowSettings:
    """What the window remembers between runs: geometry, splitters, the last tab and project."""

    GEOMETRY = "window/geometry"
    STATE = "window/state"
    LAST_TAB = "window/last_tab"
    LAST_PROJECT = "window/last_project"
    SPLITTER = "window/splitter/{}"
    LAST_FOLDER = "files/last_folder"
    CHECKS_OPEN = "window/checks_open"
    HIDDEN_COLUMNS = "tables/{}/hidden_columns"
    SHOWN_COLUMNS = "tables/{}/shown_columns"

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings()

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes(self.GEOMETRY)

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._settings.setValue(self.GEOMETRY, value)

    @property
    def state(self) -> QByteArray | None:
        return self._bytes(self.STATE)

    @state.setter
    def state(self, value: QByteArray) -> None:
        self._settings.setValue(self.STATE, value)

    def splitter(self, name: str) -> QByteArray | None:
        return self._bytes(self.SPLITTER.format(name))

    def set_splitter(self, name: str, value: QByteArray) -> None:
        self._settings.setValue(self.SPLITTER.format(name), value)

    @property
    def last_tab(self) -> int:
        value = str(self._settings.value(self.LAST_TAB, 0))
        return int(value) if value.isdigit() else 0

    @last_tab.setter
    def last_tab(self, value: int) -> None:
        self._settings.setValue(self.LAST_TAB, value)

    def last_project(self, database: str) -> str | None:
        """The project last open in this database (codes are per database)."""
        value = self._settings.value(f"{self.LAST_PROJECT}/{_key(database)}")
        return str(value) if value else None

    def set_last_project(self, database: str, code: str) -> None:
        self._settings.setValue(f"{self.LAST_PROJECT}/{_key(database)}", code)

    @property
    def checks_open(self) -> bool:
        """«Проверка данных» was open: made at start, for the saved state to put it back."""
        return str(self._settings.value(self.CHECKS_OPEN, "false")).lower() == "true"

    @checks_open.setter
    def checks_open(self, value: bool) -> None:
        self._settings.setValue(self.CHECKS_OPEN, "true" if value else "false")

    @property
    def last_folder(self) -> str:
        return str(self._settings.value(self.LAST_FOLDER, "") or "")

    @last_folder.setter
    def last_folder(self, value: str) -> None:
        self._settings.setValue(self.LAST_FOLDER, value)

    def hidden_columns(self, table: str) -> set[str]:
        """The optional columns of a table the user hid (row field names)."""
        value = str(self._settings.value(self.HIDDEN_COLUMNS.format(table), "") or "")
        return {key for key in value.split(",") if key}

    def set_hidden_columns(self, table: str, keys: set[str]) -> None:
        # One comma-joined string: INI files keep lists in a form that differs between platforms.
        self._settings.setValue(self.HIDDEN_COLUMNS.format(table), ",".join(sorted(keys)))

    def shown_columns(self, table: str) -> set[str]:
        """The optional columns hidden by default that the user chose to see."""
        value = str(self._settings.value(self.SHOWN_COLUMNS.format(table), "") or "")
        return {key for key in value.split(",") if key}

    def set_shown_columns(self, table: str, keys: set[str]) -> None:
        self._settings.setValue(self.SHOWN_COLUMNS.format(table), ",".join(sorted(keys)))

    def sync(self) -> None:
        self._settings.sync()


def _key(path: str) -> str:
    # QSettings keys may not hold slashes as data; a path becomes one flat key.
    return path.replace("\\", "|").replace("/", "|")

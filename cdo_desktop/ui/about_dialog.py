"""«Справка» → «О программе»: the version, where the data is, and the licences of what ships."""

from __future__ import annotations

import html
import os
import platform
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cdo_desktop import __version__, paths
from cdo_desktop.storage import backups
from cdo_desktop.ui.locations import database_status_text  # noqa: F401 - shown in the dialog
from cdo_desktop.ui.screen_fit import fit_to_screen

QT_SOURCE_URL = "https://download.qt.io/official_releases/qt/"
PYSIDE_SOURCE_URL = "https://download.qt.io/official_releases/QtForPython/"
QT_THIRD_PARTY_URL = "https://doc.qt.io/qt-6/licenses-used-in-qt.html"


@dataclass(frozen=True)
class Component:
    """A library the program is built from, as named in the licences table."""

    name: str
    version: str
    licence: str
    licence_file: str
    url: str


def _installed_version(distribution: str) -> str:
    # The built program carries the packages' metadata for this (see packaging/cdo_desktop.spec).
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "—"


def components() -> list[Component]:
    return [
        Component("Qt", qVersion(), "LGPL-3.0", "LGPL-3.0.txt", "https://www.qt.io/"),
        Component(
            "PySide6 (Qt for Python), shiboken6",
            PySide6.__version__,
            "LGPL-3.0",
            "LGPL-3.0.txt",
            "https://doc.qt.io/qtforpython-6/",
        ),
        Component(
            "pyqtgraph",
            _installed_version("pyqtgraph"),
            "MIT",
            "pyqtgraph-MIT.txt",
            "https://www.pyqtgraph.org/",
        ),
        Component(
            "NumPy",
            _installed_version("numpy"),
            "BSD-3-Clause",
            "numpy-BSD-3-Clause.txt",
            "https://numpy.org/",
        ),
        Component(
            "peewee",
            _installed_version("peewee"),
            "MIT",
            "peewee-MIT.txt",
            "https://github.com/coleifer/peewee",
        ),
        Component(
            "openpyxl",
            _installed_version("openpyxl"),
            "MIT",
            "openpyxl-MIT.txt",
            "https://foss.heptapod.net/openpyxl/openpyxl",
        ),
        Component(
            "et_xmlfile",
            _installed_version("et_xmlfile"),
            "MIT",
            "et_xmlfile-MIT.txt",
            "https://foss.heptapod.net/openpyxl/et_xmlfile",
        ),
        Component(
            "defusedxml",
            _installed_version("defusedxml"),
            "PSF-2.0",
            "defusedxml-PSF-2.0.txt",
            "https://github.com/tiran/defusedxml",
        ),
        Component(
            "Python",
            platform.python_version(),
            "PSF-2.0",
            "Python-PSF-2.0.txt",
            "https://www.python.org/",
        ),
    ]


def licenses_dir() -> Path:
    return paths.resources_dir() / "licenses"


def data_location_text(database: Path) -> str:
    """Where the database is kept and why, in the words of the dialog."""
    if paths.is_portable(database):
        return (
            f"переносной режим: папка «{paths.PORTABLE_FOLDER}» рядом с программой. "
            "База данных и резервные копии хранятся в ней, а не в профиле пользователя"
        )
    chosen = os.environ.get(paths.DATABASE_ENV)
    if chosen and Path(chosen).expanduser() == database:
        return f"файл задан переменной окружения {paths.DATABASE_ENV}"
    if database == paths.user_data_dir() / paths.DATABASE_FILE:
        return "папка данных пользователя (в его профиле)"
    return "файл выбран при запуске (--db) или через «Файл» → «Открыть базу…»"


def _link(url: str, text: str | None = None) -> str:
    return f'<a href="{html.escape(url)}">{html.escape(text or url)}</a>'


def licences_html() -> str:
    folder = licenses_dir()

    def text_link(file: str, label: str) -> str:
        return _link(QUrl.fromLocalFile(str(folder / file)).toString(), label)

    rows = "".join(
        f"<tr><td>{html.escape(c.name)}</td><td>{html.escape(c.version)}</td>"
        f"<td>{text_link(c.licence_file, c.licence)}</td><td>{_link(c.url)}</td></tr>"
        for c in components()
    )
    qt = html.escape(qVersion())
    pyside = html.escape(PySide6.__version__)
    return (
        "<p>Программа построена на свободных библиотеках. Их авторам — благодарность; "
        "ниже названы их версии и лицензии (ссылка открывает текст лицензии).</p>"
        '<table cellspacing="0" cellpadding="3" border="1" style="border-collapse: collapse">'
        "<tr><th>Компонент</th><th>Версия</th><th>Лицензия</th><th>Сайт</th></tr>"
        f"{rows}</table>"
        "<h4>Qt и PySide6: GNU LGPL 3.0</h4>"
        f"<p>Qt {qt} и PySide6 {pyside} (© The Qt Company Ltd. и другие авторы) "
        "используются по лицензии GNU Lesser General Public License версии 3 "
        f"({text_link('LGPL-3.0.txt', 'текст LGPL-3.0')} и "
        f"{text_link('GPL-3.0.txt', 'текст GNU GPL 3.0')}, на который она ссылается).</p>"
        "<ul>"
        "<li>Программа подключает Qt и PySide6 динамически: их библиотеки лежат в папке "
        "программы отдельными файлами (в сборке для Windows — <code>_internal\\PySide6\\</code>) "
        "и не изменены. Их можно заменить своей совместимой сборкой той же версии Qt.</li>"
        "<li>Условия использования программы не запрещают изменять эти библиотеки и "
        "исследовать программу, чтобы отладить такие изменения.</li>"
        f"<li>Исходный код Qt {qt}: {_link(QT_SOURCE_URL)}; PySide6 и shiboken6 {pyside}: "
        f"{_link(PYSIDE_SOURCE_URL)}.</li>"
        "<li>Qt содержит сторонние компоненты под разрешительными лицензиями (FreeType, "
        f"HarfBuzz, libpng, libjpeg, zlib, PCRE2 и другие): {_link(QT_THIRD_PARTY_URL)}.</li>"
        "</ul>"
        "<p>Исполняемые файлы собранной программы созданы PyInstaller; его загрузчик "
        "распространяется по GNU GPL 2.0 с исключением, разрешающим включать его в любые "
        "программы. Тексты всех лицензий лежат в папке "
        f"{_link(QUrl.fromLocalFile(str(folder)).toString(), str(folder))}.</p>"
    )


class AboutDialog(QDialog):
    """Version, database path, data location, licences; «Открыть папку данных», «Закрыть»."""

    def __init__(self, database: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.setWindowTitle("О программе")
        fit_to_screen(self, 760, 640)

        icon = QLabel(self)
        icon.setPixmap(QIcon(str(paths.resources_dir() / "icons" / "app.svg")).pixmap(64, 64))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(
            "<h2>ЦОС: региональный проект</h2>"
            f"<p>cdo_desktop, версия {html.escape(__version__)}</p>"
            "<p>Ведение и отчётность регионального проекта национального проекта «Образование»: "
            "паспорт, показатели, результаты, финансирование, ответственные.</p>",
            self,
        )
        title.setObjectName("about_title")
        title.setWordWrap(True)
        heading = QHBoxLayout()
        heading.addWidget(icon)
        heading.addWidget(title, 1)

        self.database_label = self._selectable(str(database), "about_database")
        self.location_label = self._selectable(data_location_text(database), "about_location")
        self.backups_label = self._selectable(str(backups.folder_of(database)), "about_backups")
        self.open_folder_button = QPushButton("Открыть папку данных", self)
        self.open_folder_button.setObjectName("about_open_folder")
        self.open_folder_button.clicked.connect(self.open_data_folder)
        data = QFormLayout()
        data.addRow("База данных:", self.database_label)
        data.addRow("Где хранятся данные:", self.location_label)
        data.addRow("Резервные копии:", self.backups_label)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.open_folder_button)
        folder_row.addStretch(1)
        data.addRow("", folder_row)

        self.licences = QTextBrowser(self)
        self.licences.setObjectName("about_licences")
        self.licences.setOpenExternalLinks(True)
        self.licences.setHtml(licences_html())

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addLayout(data)
        layout.addWidget(QLabel("<b>Лицензии</b>", self))
        layout.addWidget(self.licences, 1)
        layout.addWidget(buttons)

    def _selectable(self, text: str, name: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.database.parent)))


def show_about(parent: QWidget | None, database: Path) -> None:
    AboutDialog(database, parent).exec()

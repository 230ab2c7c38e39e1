"""What «Экспорт в Excel» and «Сохранить в PDF» wrote, told in the status bar with «Открыть
файл» and «Открыть папку»: the user sees where the file went and gets to it in one click."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStatusBar, QWidget

from cdo_desktop.core.words import counted

SHOWN_MS = 120_000


class WrittenNotice(QWidget):
    """«Записан файл «E4.xlsx»  [Открыть файл] [Открыть папку]» at the left of the status bar."""

    def __init__(self, status_bar: QStatusBar) -> None:
        super().__init__(status_bar)
        self.setObjectName("written_notice")
        self.paths: list[Path] = []
        self.label = QLabel(self)
        self.open_file_button = QPushButton("Открыть файл", self)
        self.open_file_button.setFlat(True)
        self.open_file_button.clicked.connect(self.open_file)
        self.open_folder_button = QPushButton("Открыть папку", self)
        self.open_folder_button.setFlat(True)
        self.open_folder_button.clicked.connect(self.open_folder)
        for button in (self.open_file_button, self.open_folder_button):
            # Read as links: a click opens, nothing else happens.
            button.setStyleSheet(
                "QPushButton { color: #0b57d0; text-decoration: underline; border: none;"
                " padding: 0 4px; }"
            )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.open_file_button)
        layout.addWidget(self.open_folder_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        status_bar.insertPermanentWidget(0, self)
        self.hide()

    def show_written(self, paths: list[Path]) -> None:
        """Tell what was written (one file, or one workbook per project in one folder)."""
        if not paths:
            return
        self.paths = [Path(path) for path in paths]
        first = self.paths[0]
        if len(self.paths) == 1:
            self.label.setText(f"Записан файл «{first.name}»")
        else:
            self.label.setText(f"Записано {counted(len(self.paths), 'файл', 'файла', 'файлов')}")
        self.label.setToolTip("\n".join(str(path) for path in self.paths))
        self.open_file_button.setVisible(len(self.paths) == 1)
        self.show()
        self._timer.start(SHOWN_MS)

    def open_file(self) -> bool:
        return bool(self.paths) and QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.paths[0])))

    def open_folder(self) -> bool:
        return bool(self.paths) and QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(self.paths[0].parent))
        )

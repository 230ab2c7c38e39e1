"""«Печать сводки…» and «Сохранить в PDF…»: the summary sheet previewed, printed or saved."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.model import Project
from cdo_desktop.reports.printing import (
    default_page_layout,
    paint_summary,
    printable_width,
    save_pdf,
)
from cdo_desktop.reports.summary import (
    SECTION_TITLES,
    Section,
    SummaryOptions,
    build_summary,
    default_report_year,
    report_year_title,
)
from cdo_desktop.ui.save_path import ask_save_path
from cdo_desktop.ui.screen_fit import fit_to_screen

PDF_FILTER = "Документ PDF (*.pdf)"


def open_summary_preview(parent: QWidget | None, project: Project) -> list[Path]:
    """«Файл → Печать сводки…»: the preview with the report year and sections; modal. The
    PDF files saved from it (the window tells where they went)."""
    dialog = SummaryPreviewDialog(project, parent)
    dialog.exec()
    dialog.deleteLater()
    return dialog.written


def ask_pdf_path(parent: QWidget | None, suggested_name: str) -> Path | None:
    """Where to save a PDF, asked in the save dialog; «.pdf» added when left out."""
    return ask_save_path(
        parent, "Сохранить сводку в PDF", Path.home() / suggested_name, ".pdf", PDF_FILTER
    )


def save_summary_pdf(
    parent: QWidget | None,
    project: Project,
    options: SummaryOptions | None = None,
    layout: QPageLayout | None = None,
    *,
    path: str | Path | None = None,
) -> Path | None:
    """«Сохранить в PDF…»: ask where (unless `path` is given) and write the sheet there.

    Returns the file written, or None when the user cancelled or writing failed (told in a
    message box).
    """
    options = options or SummaryOptions(year=default_report_year(project))
    if path is None:
        path = ask_pdf_path(parent, f"Сводка {project.code} {options.year}.pdf")
        if path is None:
            return None
    target = Path(path)
    try:
        document = build_summary(project, options, width=printable_width(layout))
        save_pdf(document, target, layout)
    except (CdoError, OSError) as error:
        text = str(error) if isinstance(error, CdoError) else error.strerror or str(error)
        QMessageBox.critical(parent, "Не удалось сохранить PDF", f"{target}:\n{text}")
        return None
    return target


class SummaryPreviewDialog(QPrintPreviewDialog):
    """Qt's print preview with the summary's own choices: report year and sections.

    Any change redraws the preview; Qt's toolbar prints to an installed printer, and
    «Сохранить в PDF…» writes the sheet as shown.
    """

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(default_page_layout())
        printer.setDocName(f"Сводка {project.code}")
        super().__init__(printer, parent)
        # The dialog does not own the printer it was given: kept alive here.
        self._printer = printer
        self.written: list[Path] = []
        self.project = project
        self.pages_painted = 0
        self.setWindowTitle(f"Печать сводки — {project.name}")
        fit_to_screen(self, 1150, 820)
        self._init_options()
        self._connect_signals()

    def _init_options(self) -> None:
        panel = QWidget(self)
        column = QVBoxLayout(panel)
        column.addWidget(QLabel("Отчётный год:", panel))
        self.year_box = QComboBox(panel)
        for year in self.project.years:
            self.year_box.addItem(str(year), year)
        self.year_box.setCurrentIndex(self.project.years.index(default_report_year(self.project)))
        column.addWidget(self.year_box)
        sections = QGroupBox("Разделы", panel)
        boxes = QVBoxLayout(sections)
        self.section_boxes: dict[Section, QCheckBox] = {}
        for section in Section:
            box = QCheckBox(SECTION_TITLES[section], sections)
            box.setChecked(True)
            self.section_boxes[section] = box
            boxes.addWidget(box)
        column.addWidget(sections)
        self._update_year_title()
        column.addStretch(1)
        self.save_button = QPushButton("Сохранить в PDF…", panel)
        column.addWidget(self.save_button)
        dock = QDockWidget("Сводка", self)
        dock.setObjectName("summary_options")
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        dock.setWidget(panel)
        window = self.findChild(QMainWindow)
        if window is not None:
            window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        else:  # pragma: no cover - Qt 6 builds the preview dialog around a QMainWindow
            layout = self.layout()
            assert layout is not None
            layout.addWidget(panel)
        self.options_panel = panel

    def _connect_signals(self) -> None:
        self.paintRequested.connect(self._paint)
        self.year_box.currentIndexChanged.connect(self._update_year_title)
        self.year_box.currentIndexChanged.connect(self.refresh)
        for box in self.section_boxes.values():
            box.toggled.connect(self.refresh)
        self.save_button.clicked.connect(lambda: self.save_pdf())

    # ------------------------------------------------------------------ state

    def options(self) -> SummaryOptions:
        sections = frozenset(
            section for section, box in self.section_boxes.items() if box.isChecked()
        )
        return SummaryOptions(year=int(self.year_box.currentData()), sections=sections)

    def preview_widget(self) -> QPrintPreviewWidget:
        widget = self.findChild(QPrintPreviewWidget)
        assert widget is not None
        return widget

    def refresh(self) -> None:
        """Redraw the preview with the options as they are now."""
        self.preview_widget().updatePreview()

    def _update_year_title(self) -> None:
        self.section_boxes[Section.REPORT_YEAR].setText(
            report_year_title(int(self.year_box.currentData()))
        )

    # ------------------------------------------------------------------ actions

    def _paint(self, printer: QPrinter) -> None:
        # Built for the page the printer has now: the user may turn it in the toolbar.
        document = build_summary(
            self.project, self.options(), width=printable_width(printer.pageLayout())
        )
        try:
            self.pages_painted = paint_summary(document, printer)
        except CdoError as error:
            QMessageBox.critical(self, "Не удалось напечатать сводку", str(error))

    def save_pdf(self, *, path: str | Path | None = None) -> Path | None:
        written = save_summary_pdf(
            self, self.project, self.options(), self._printer.pageLayout(), path=path
        )
        if written is not None:
            self.written.append(written)
        return written

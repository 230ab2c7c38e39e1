"""«Печать сводки по всем проектам…»: the consolidated document previewed, printed or saved,
through the summary's own printing (reports/printing.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QComboBox, QLabel, QToolBar, QWidget

from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.overview import Overview, overview_title
from cdo_desktop.reports.overview import build_overview_document
from cdo_desktop.reports.printing import (
    default_page_layout,
    paint_summary,
    printable_width,
    save_pdf,
)
from cdo_desktop.ui import dialogs
from cdo_desktop.ui.screen_fit import fit_to_screen
from cdo_desktop.ui.summary_dialog import ask_pdf_path

# The overview of a year, read anew from the database.
OverviewOfYear = Callable[[int], Overview]


class OverviewPreviewDialog(QPrintPreviewDialog):
    """Qt's print preview with a year chooser and «Сохранить в PDF…» in its toolbar."""

    def __init__(
        self,
        overview_of: OverviewOfYear,
        years: list[int],
        year: int,
        parent: QWidget | None = None,
    ) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(default_page_layout())
        printer.setDocName("Сводка по всем проектам")
        super().__init__(printer, parent)
        self._printer = printer  # the dialog does not own the printer it was given
        self._overview_of = overview_of
        self.overview = overview_of(year)
        self.pages_painted = 0
        self.setWindowTitle("Печать сводки по всем проектам")
        fit_to_screen(self, 1150, 820)
        self.year_box = QComboBox(self)
        for each in years:
            self.year_box.addItem(str(each), each)
        self.year_box.setCurrentIndex(max(0, self.year_box.findData(year)))
        toolbar = self.findChild(QToolBar)
        if toolbar is not None:  # Qt 6 builds its preview with one toolbar
            toolbar.addSeparator()
            toolbar.addWidget(QLabel(" Год: ", self))
            toolbar.addWidget(self.year_box)
            toolbar.addSeparator()
            self.save_action = toolbar.addAction("Сохранить в PDF…", lambda: self.save_pdf())
        self.paintRequested.connect(self._paint)
        self.year_box.currentIndexChanged.connect(self._year_changed)

    def _year_changed(self) -> None:
        self.overview = self._overview_of(int(self.year_box.currentData()))
        preview = self.findChild(QPrintPreviewWidget)
        if preview is not None:
            preview.updatePreview()

    def _paint(self, printer: QPrinter) -> None:
        document = build_overview_document(
            self.overview, width=printable_width(printer.pageLayout())
        )
        try:
            self.pages_painted = paint_summary(document, printer)
        except CdoError as error:
            dialogs.show_error(self, "Не удалось напечатать сводку", str(error))

    def save_pdf(self, *, path: str | Path | None = None) -> Path | None:
        """Ask where (unless `path` is given) and write the document as previewed."""
        if path is None:
            path = ask_pdf_path(self, f"{overview_title(self.overview.year)}.pdf")
            if path is None:
                return None
        layout = self._printer.pageLayout()
        try:
            document = build_overview_document(self.overview, width=printable_width(layout))
            save_pdf(document, path, layout)
        except CdoError as error:
            dialogs.show_error(self, "Не удалось сохранить PDF", str(error))
            return None
        return Path(path)

"""The monitoring report from the window: print preview (and the printer from there), or saved
as PDF or xlsx — the same document as `cdo-desktop report`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from cdo_desktop.core.errors import CdoError
from cdo_desktop.core.model import Project
from cdo_desktop.core.monitoring_dates import as_of_words, day_text
from cdo_desktop.files import write_file_atomically
from cdo_desktop.reports.monitoring_report import build_monitoring_report
from cdo_desktop.reports.monitoring_report_xlsx import write_monitoring_xlsx
from cdo_desktop.reports.printing import (
    default_page_layout,
    paint_summary,
    printable_width,
    save_pdf,
)
from cdo_desktop.ui.save_path import ask_save_path

FILTERS = "Документ PDF (*.pdf);;Книга Excel (*.xlsx)"


def preview_report(parent: QWidget | None, project: Project, as_of: date) -> None:
    """Print preview of the report; its toolbar prints."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(default_page_layout())
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Отчёт {as_of_words(as_of)}")

    def paint(device: QPrinter) -> None:
        document = build_monitoring_report(
            project, as_of, width=printable_width(device.pageLayout())
        )
        try:
            paint_summary(document, device)
        except CdoError as error:
            QMessageBox.critical(dialog, "Не удалось напечатать отчёт", str(error))

    dialog.paintRequested.connect(paint)
    dialog.exec()
    dialog.deleteLater()


def save_report(
    parent: QWidget | None, project: Project, as_of: date, *, path: str | None = None
) -> Path | None:
    """Ask where (unless `path`), then write the report as PDF or xlsx by the file's ending."""
    if path is None:
        suggested = Path.home() / f"Отчёт {project.code} на {day_text(as_of)}.pdf"
        path, chosen_filter = QFileDialog.getSaveFileName(
            parent, "Сохранить отчёт", str(suggested), FILTERS
        )
        if not path:
            return None
        if not path.lower().endswith((".pdf", ".xlsx")):
            path += ".xlsx" if "xlsx" in chosen_filter else ".pdf"
    target = Path(path)
    try:
        if target.suffix.lower() == ".xlsx":
            today = date.today()
            write_file_atomically(
                target, lambda file: write_monitoring_xlsx(project, as_of, file, today)
            )
        else:
            save_pdf(build_monitoring_report(project, as_of, width=printable_width()), target)
    except (CdoError, OSError) as error:
        text = str(error) if isinstance(error, CdoError) else error.strerror or str(error)
        QMessageBox.critical(parent, "Не удалось сохранить отчёт", f"{target}:\n{text}")
        return None
    return target


def export_table(
    parent: QWidget | None, project: Project, as_of: date, *, path: str | Path | None = None
) -> Path | None:
    """The monitoring table at `as_of` (rows and budget execution) as a workbook that imports
    back."""
    from cdo_desktop.exchange.monitoring_excel import export_monitoring

    if path is None:
        path = ask_save_path(
            parent,
            "Таблица мониторинга в Excel",
            Path.home() / f"Мониторинг {project.code} на {day_text(as_of)}.xlsx",
            ".xlsx",
            "Книга Excel (*.xlsx)",
        )
        if path is None:
            return None
    target = Path(path)
    try:
        write_file_atomically(target, lambda file: export_monitoring(project, [as_of], file))
    except OSError as error:
        QMessageBox.critical(
            parent, "Не удалось сохранить таблицу", f"{target}:\n{error.strerror or error}"
        )
        return None
    return target

"""After «Экспорт в Excel» and «Сохранить в PDF» the status bar says what was written, with
«Открыть файл» and «Открыть папку»."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog


def answer_save(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(path), "")))


def opened_urls(monkeypatch):
    urls: list[QUrl] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: urls.append(url) or True)
    )
    return urls


def test_export_tells_the_file_and_opens_it_or_its_folder(
    window, tmp_path, monkeypatch, always_yes
):
    answer_save(monkeypatch, tmp_path / "выгрузка.xlsx")
    urls = opened_urls(monkeypatch)
    notice = window.file_commands.written_notice
    assert not notice.isVisible()
    window.export_action.trigger()
    assert (tmp_path / "выгрузка.xlsx").exists()
    assert notice.isVisible()
    assert notice.label.text() == "Записан файл «выгрузка.xlsx»"
    assert notice.label.toolTip() == str(tmp_path / "выгрузка.xlsx")
    assert notice.open_file_button.isVisible()
    notice.open_file_button.click()
    notice.open_folder_button.click()
    assert [url.toLocalFile() for url in urls] == [
        str(tmp_path / "выгрузка.xlsx"),
        str(tmp_path),
    ]


def test_pdf_tells_the_file_written(window, tmp_path, monkeypatch, always_yes):
    answer_save(monkeypatch, tmp_path / "сводка.pdf")
    urls = opened_urls(monkeypatch)
    window.pdf_action.trigger()
    notice = window.file_commands.written_notice
    assert (tmp_path / "сводка.pdf").exists()
    assert notice.isVisible() and notice.label.text() == "Записан файл «сводка.pdf»"
    notice.open_file_button.click()
    assert urls[0].toLocalFile() == str(tmp_path / "сводка.pdf")


def test_a_cancelled_export_tells_nothing(window, monkeypatch, always_yes):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: ("", "")))
    window.export_action.trigger()
    assert not window.file_commands.written_notice.isVisible()


def test_several_files_offer_their_folder(window, tmp_path, monkeypatch):
    urls = opened_urls(monkeypatch)
    notice = window.file_commands.written_notice
    notice.show_written([tmp_path / "a.xlsx", tmp_path / "b.xlsx"])
    assert notice.label.text() == "Записано 2 файла"
    assert not notice.open_file_button.isVisible()
    notice.open_folder_button.click()
    assert [url.toLocalFile() for url in urls] == [str(tmp_path)]

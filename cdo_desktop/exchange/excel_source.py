"""A workbook file as sheets of cell rows: checked before it is opened, then streamed.

Everything that can go wrong with the file itself (not xlsx, an old .xls, a password, a damaged
or truncated archive, an XML or zip bomb, too large a file) becomes one DocumentError in Russian
naming the file and, where there is one, the sheet. openpyxl parses through defusedxml, so XML
entities are refused before they expand; the size limits stop a huge file before it is parsed.
"""

from __future__ import annotations

import warnings
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

from defusedxml.common import DefusedXmlException, DTDForbidden
from openpyxl import load_workbook
from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
from openpyxl.utils import column_index_from_string
from openpyxl.utils.exceptions import InvalidFileException

from cdo_desktop.core.errors import DocumentError
from cdo_desktop.exchange.excel_layout import format_digits
from cdo_desktop.exchange.excel_progress import Progress, Ticker

# Limits that stop a file before it can exhaust memory or time. A 50,000-row project is about
# 6 MB on disk and 45 MB of sheet XML, so these leave room for ten times that.
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
# Shared strings are the one part openpyxl holds in memory whole.
MAX_SHARED_STRINGS_BYTES = 128 * 1024 * 1024

# The data_type a cell gets when it holds a formula whose value Excel never stored.
FORMULA_WITHOUT_VALUE = "formula"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"

Cell = dict[str, Any]
"""openpyxl's own parsed cell: 'column', 'value', 'data_type' ('n', 's', 'b', 'd', 'e' or
FORMULA_WITHOUT_VALUE), 'style_id', and 'formula' (True when the value is a formula's stored
result). Kept as it comes to spare an object per cell."""
Row = dict[int, Cell]


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} МБ"


def check_file(path: Path) -> None:
    """Refuse, with the reason, a file that is not an xlsx workbook we may safely open."""
    name = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise DocumentError("это папка, а не файл", file=name)
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise DocumentError("файл не найден", file=name) from None
    except PermissionError:
        raise DocumentError("нет права чтения файла", file=name) from None
    except OSError as error:
        raise DocumentError(f"не удалось прочитать файл: {error.strerror}", file=name) from None
    if size == 0:
        raise DocumentError("файл пустой", file=name)
    if size > MAX_FILE_BYTES:
        raise DocumentError(
            f"файл слишком большой: {_megabytes(size)}, допускается не более "
            f"{_megabytes(MAX_FILE_BYTES)}",
            file=name,
        )
    if head.startswith(_OLE_MAGIC):
        raise DocumentError(_ole_problem(path), file=name)
    if not head.startswith(_ZIP_MAGIC):
        raise DocumentError(_foreign_problem(head), file=name)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError):
        raise DocumentError(
            "файл повреждён или обрезан: его нельзя прочитать как книгу Excel", file=name
        ) from None
    names = {member.filename for member in members}
    if "xl/workbook.bin" in names:
        raise DocumentError(
            "это двоичная книга Excel (.xlsb); сохраните её в формате .xlsx", file=name
        )
    if "mimetype" in names and "content.xml" in names:
        raise DocumentError(
            "это таблица OpenDocument (.ods); сохраните её в формате Excel (.xlsx)", file=name
        )
    if "word/document.xml" in names:
        raise DocumentError("это документ Word, а не книга Excel", file=name)
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise DocumentError("это архив, но не книга Excel (.xlsx)", file=name)
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise DocumentError(
            f"книга распаковывается в {_megabytes(unpacked)}, допускается не более "
            f"{_megabytes(MAX_UNPACKED_BYTES)} (слишком большая или «zip-бомба»)",
            file=name,
        )
    strings = sum(m.file_size for m in members if m.filename.endswith("sharedStrings.xml"))
    if strings > MAX_SHARED_STRINGS_BYTES:
        raise DocumentError(
            f"таблица строк книги занимает {_megabytes(strings)}, допускается не более "
            f"{_megabytes(MAX_SHARED_STRINGS_BYTES)}",
            file=name,
        )


def _ole_problem(path: Path) -> str:
    # An encrypted xlsx and an old .xls are both OLE compound files; their stream names
    # (UTF-16 in the directory) tell which. The file is small enough to scan (see the limit).
    data = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "книга защищена паролем; снимите пароль в Excel («Файл» → «Сведения») и сохраните"
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return "это книга Excel старого формата (.xls); сохраните её в формате .xlsx"
    return "это документ Microsoft Office старого формата, а не книга Excel (.xlsx)"


def _foreign_problem(head: bytes) -> str:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<?xml", b"<html", b"<!doc", b"<table")):
        return "это не книга Excel (.xlsx): файл в формате XML или HTML"
    return "это не книга Excel (.xlsx)"


_KNOWN = (
    DefusedXmlException,
    ParseError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    MemoryError,
)


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
# expat joins a namespace and a name with this separator: "…/main}c", as ElementTree spells it.
_ROW, _CELL, _VALUE, _FORMULA = (f"{_MAIN}}}{name}" for name in ("row", "c", "v", "f"))
_INLINE, _TEXT, _PHONETIC = (f"{_MAIN}}}{name}" for name in ("is", "t", "rPh"))
_CHUNK = 256 * 1024
_DIGITS = "0123456789"


def _forbid(*_: object) -> None:
    # Sheets never declare a DTD or entities; a file that does is hostile (an XML bomb).
    raise DTDForbidden(None, None, None)


class _CellReader:
    """Cells of a sheet's XML, as openpyxl's read-only mode reads them with data_only, but
    with pyexpat callbacks instead of an element tree per cell: three times the speed, which
    is what lets an import of 50,000 rows stay near bare openpyxl's own reading time.

    Each cell becomes {'column', 'value', 'data_type', 'style_id'} like openpyxl's parser
    gives; a formula without a stored value gets FORMULA_WITHOUT_VALUE and its formula text.
    """

    def __init__(self, shared_strings: list[Any], date_styles: set[int]) -> None:
        self.shared = shared_strings
        self.date_styles = date_styles
        self.rows: list[tuple[int, Row]] = []
        self.row_index = 0
        self.cells: Row = {}
        self.column = 0
        self.kind = "n"
        self.style = 0
        self.text: list[str] | None = None  # the characters being collected, when collecting
        self.value: str | None = None
        self.formula: str | None = None
        self.inline: list[str] | None = None
        self.phonetic = False
        self.columns: dict[str, int] = {}
        parser = expat.ParserCreate(namespace_separator="}")
        parser.buffer_text = True
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.characters
        parser.StartDoctypeDeclHandler = _forbid
        parser.EntityDeclHandler = _forbid
        parser.ExternalEntityRefHandler = _forbid  # type: ignore[assignment]
        self.parser = parser

    def feed(self, data: bytes, final: bool = False) -> list[tuple[int, Row]]:
        """Parse a chunk; the rows it completed."""
        self.parser.Parse(data, final)
        rows, self.rows = self.rows, []
        return rows

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == _CELL:
            reference = attributes.get("r")
            if reference:
                letters = reference.rstrip(_DIGITS)
                column = self.columns.get(letters)
                if column is None:
                    column = self.columns[letters] = column_index_from_string(letters)
                self.column = column
            else:
                self.column += 1
            self.kind = attributes.get("t", "n")
            style = attributes.get("s")
            self.style = int(style) if style else 0
            self.value = self.formula = None
            self.inline = None
        elif name == _VALUE:
            self.text = []
        elif name == _ROW:
            index = attributes.get("r")
            self.row_index = int(float(index)) if index else self.row_index + 1
            self.column = 0
            self.cells = {}
        elif name == _FORMULA:
            self.text = []
        elif name == _INLINE:
            self.inline = []
        elif name == _TEXT and self.inline is not None and not self.phonetic:
            self.text = []
        elif name == _PHONETIC:
            self.phonetic = True  # a reading aid, not part of the text (as openpyxl has it)

    def characters(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def end(self, name: str) -> None:
        if name == _CELL:
            self.cell()
        elif name == _VALUE:
            self.value = "".join(self.text or ())
            self.text = None
        elif name == _ROW:
            if self.cells:
                self.rows.append((self.row_index, self.cells))
        elif name == _FORMULA:
            self.formula = "".join(self.text or ())
            self.text = None
        elif name == _TEXT and self.text is not None and self.inline is not None:
            self.inline.append("".join(self.text))
            self.text = None
        elif name == _PHONETIC:
            self.phonetic = False

    def cell(self) -> None:
        kind, text = self.kind, self.value
        value: Any
        if kind == "inlineStr":
            if self.inline is None:
                return
            value, kind = "".join(self.inline), "s"
        elif not text:
            if self.formula is None:
                return
            value, kind = "=" + self.formula, FORMULA_WITHOUT_VALUE
        elif kind == "n":
            value = float(text) if ("." in text or "E" in text or "e" in text) else int(text)
            if self.style in self.date_styles:
                kind = "d"
        elif kind == "s":
            value = self.shared[int(text)]
        elif kind == "str":
            value, kind = text, "s"
        elif kind == "b":
            value = bool(int(text))
        else:  # "e" an error such as #DIV/0!, "d" an ISO date
            value = text
        self.cells[self.column] = {
            "column": self.column,
            "value": value,
            "data_type": kind,
            "style_id": self.style,
            "formula": self.formula is not None,
        }


@dataclass(frozen=True)
class CellStyle:
    """What import needs from a cell's style: shown decimals, percent, indent of a name, and
    whether the format is «Общий» (General), which shows as many digits as fit."""

    decimals: int
    percent: bool
    indent: int
    general: bool = False


class Workbook:
    """An open workbook read row by row; use as a context manager."""

    def __init__(self, path: Path, progress: Progress | None = None) -> None:
        self.path = path
        self.name = str(path)
        self.progress = progress
        check_file(path)
        self._handle = path.open("rb")
        try:
            with warnings.catch_warnings():
                # openpyxl warns about parts it drops (validation, extensions); values stay.
                warnings.simplefilter("ignore")
                self._book = load_workbook(
                    self._handle, read_only=True, data_only=True, keep_links=False
                )
        except BaseException as error:
            self._handle.close()
            if isinstance(error, Exception):
                raise self._problem(error, None) from None
            raise
        self._styles: dict[int, CellStyle] = {}
        sheets = self._book.worksheets
        self.sheet_names = [sheet.title for sheet in sheets]
        self._sizes = [self._sheet_size(sheet) for sheet in sheets]

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._book.close()
        self._handle.close()

    def _sheet_size(self, sheet: Any) -> int:
        try:
            return int(self._book._archive.getinfo(sheet._worksheet_path).file_size)
        except (AttributeError, KeyError):
            return 0

    def _problem(self, error: Exception, sheet: str | None) -> DocumentError:
        where = f"лист «{sheet}»" if sheet else None
        if isinstance(error, DocumentError):
            return error
        # openpyxl wraps what went wrong inside a workbook part in a ValueError of its own.
        cause: BaseException | None = error
        while cause is not None and not isinstance(cause, _KNOWN):
            cause = cause.__cause__ or cause.__context__
        if isinstance(cause, Exception):
            error = cause
        if isinstance(error, DefusedXmlException):
            reason = (
                "книга содержит запрещённые конструкции XML (объявления сущностей или DTD) — "
                "так устроены «XML-бомбы»; файл не читается"
            )
        elif isinstance(error, ParseError):
            reason = f"файл повреждён: ошибка разметки XML ({error})"
        elif isinstance(error, zipfile.BadZipFile | zlib.error | EOFError):
            reason = "файл повреждён или обрезан: архив книги не читается"
        elif isinstance(error, InvalidFileException | KeyError):
            reason = "это не книга Excel (.xlsx): в архиве нет нужных частей"
        elif isinstance(error, MemoryError):
            reason = "книга слишком велика: не хватило памяти"
        else:
            reason = f"книга не читается: {error.__class__.__name__}: {error}"
        return DocumentError(reason, file=self.name, location=where)

    def style(self, style_id: int) -> CellStyle:
        """The style of a cell, looked up once per style (a workbook has a handful)."""
        known = self._styles.get(style_id)
        if known is not None:
            return known
        decimals, percent, indent, general = 0, False, 0, True
        try:
            array = self._book._cell_styles[style_id]
            format_id = array.numFmtId
            if format_id < BUILTIN_FORMATS_MAX_SIZE:
                code = BUILTIN_FORMATS.get(format_id, "General")
            else:
                code = self._book._number_formats[format_id - BUILTIN_FORMATS_MAX_SIZE]
            decimals, percent = format_digits(code)
            general = code.strip().casefold() == "general"
            indent = int(self._book._alignments[array.alignmentId].indent or 0)
        except (IndexError, AttributeError, TypeError, ValueError):
            pass  # a style we cannot read is no style: the value is taken as stored
        known = CellStyle(decimals, percent, indent, general)
        self._styles[style_id] = known
        return known

    def sheets(self) -> Iterator[tuple[str, Iterator[tuple[int, Row]]]]:
        """Each sheet's title and its rows (index, {column: cell}), empty cells left out.

        Rows are parsed straight from the sheet XML: the dimension the file declares is not
        trusted (it is often wrong), and no cell object is made for cells without a value.
        """
        ticker = Ticker(self.progress, sum(self._sizes))
        ticker.report(0)
        before = 0
        for sheet, size in zip(self._book.worksheets, self._sizes, strict=True):
            yield sheet.title, self._rows(sheet, ticker, before)
            before += size
        ticker.report(before)

    def _rows(self, sheet: Any, ticker: Ticker, before: int) -> Iterator[tuple[int, Row]]:
        book = self._book
        reader = _CellReader(sheet._shared_strings, set(book._date_formats))
        done = before
        try:
            with sheet._get_source() as source:
                while True:
                    chunk = source.read(_CHUNK)
                    rows = reader.feed(chunk, final=not chunk)
                    done += len(chunk)
                    ticker.report(done)
                    yield from rows
                    if not chunk:
                        break
        except expat.ExpatError as error:
            raise DocumentError(
                f"файл повреждён: ошибка разметки XML в строке {error.lineno}, "
                f"столбце {error.offset + 1} части листа",
                file=self.name,
                location=f"лист «{sheet.title}»",
            ) from None
        except (IndexError, ValueError) as error:
            raise DocumentError(
                f"файл повреждён: неверное значение в разметке листа ({error})",
                file=self.name,
                location=f"лист «{sheet.title}»",
            ) from None
        except (
            DefusedXmlException,
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            KeyError,
            MemoryError,
        ) as error:
            raise self._problem(error, sheet.title) from None

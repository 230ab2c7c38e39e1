"""The summary on paper: laid out page by page and painted the same way on preview, printer, PDF.

Every block and every table row is a small QTextDocument of its own, laid out once: its
height is known before it is placed, a row never splits, a table's header is painted again at
the top of each page, and the cost grows with the number of rows, not faster (one big table
in a QTextDocument costs seconds). Sizes are in points: the stylesheet gives fonts in px and
the painter is scaled from points to the device, so the same layout serves a 1200 dpi PDF
and a preview on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextTable,
)
from PySide6.QtWidgets import QGraphicsItem

from cdo_desktop import paths
from cdo_desktop.charts.plan_fact_chart import PlanFactChart
from cdo_desktop.core.errors import CdoError
from cdo_desktop.files import write_file_atomically
from cdo_desktop.reports.summary_model import Block, ChartSpec, SummaryDocument, Table

# Left a little wider for a binder; the ministry's sheets are A4 across.
PAGE_MARGINS_MM = QMarginsF(15, 12, 12, 10)
FOOTER_HEIGHT = 16.0  # points kept at the bottom of every page for the footer
GRID_LINE = 0.5  # width of the table rules, in points
# Fonts the sheet is set in, the first one installed: DejaVu Sans on Linux, the system font
# elsewhere (each has Cyrillic, and the PDF embeds what it uses).
PREFERRED_FAMILIES = ("DejaVu Sans", "Segoe UI", "Arial", "Liberation Sans")
BASE_FONT_SIZE = 9  # px of the layout = points on paper
# Charts are drawn as a window of this many pixels per point of paper (their 9 pt text then
# prints at about 7 pt), then rendered CHART_SCALE times sharper: about 240 dpi on paper.
CHART_PIXELS_PER_POINT = 1.7
CHART_SCALE = 2.0


def default_page_layout() -> QPageLayout:
    """A4 landscape with the sheet's margins."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Landscape,
        PAGE_MARGINS_MM,
        QPageLayout.Unit.Millimeter,
    )


def printable_width(layout: QPageLayout | None = None) -> float:
    """Width in points that tables are built for on this page (see build_summary)."""
    return (layout or default_page_layout()).paintRect(QPageLayout.Unit.Point).width()


@cache
def stylesheet() -> str:
    return (paths.resources_dir() / "templates" / "summary.css").read_text(encoding="utf-8")


@cache
def _family() -> str:
    installed = set(QFontDatabase.families())
    for family in PREFERRED_FAMILIES:
        if family in installed:
            return family
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()


def report_font(pixel_size: int = BASE_FONT_SIZE) -> QFont:
    font = QFont(_family())
    font.setPixelSize(pixel_size)
    return font


# ---------------------------------------------------------------------- charts


class ChartImages:
    """The program's own chart, drawn for each chart of the sheet at print resolution."""

    def __init__(self) -> None:
        # One chart widget per size, redrawn for every row: a new widget per chart costs twice
        # the time, and a shown chart keeps the size it was first rendered at.
        self._charts: dict[tuple[int, int], PlanFactChart] = {}
        self._ready: dict[str, QImage] = {}

    def prepare(self, specs: list[ChartSpec]) -> None:
        """Draw the first chart of each size now, before painting starts.

        A chart widget's first drawing shows it off screen and runs the event loop; inside
        the print preview's painting that re-enters the preview and crashes Qt.
        """
        sizes = set()
        for spec in specs:
            if self._size(spec) not in sizes:
                sizes.add(self._size(spec))
                self._ready[spec.key] = self.image(spec)

    @staticmethod
    def _size(spec: ChartSpec) -> tuple[int, int]:
        return (
            round(spec.width * CHART_PIXELS_PER_POINT),
            round(spec.height * CHART_PIXELS_PER_POINT),
        )

    def image(self, spec: ChartSpec) -> QImage:
        ready = self._ready.pop(spec.key, None)
        if ready is not None:
            return ready
        size = self._size(spec)
        chart = self._charts.get(size)
        if chart is None:
            chart = self._charts[size] = PlanFactChart()
            legend = chart.getPlotItem().legend
            if legend is not None:
                # The legend keeps its size on screen whatever the zoom, and so would stay
                # small while the exporter scales the rest of the chart up for print.
                legend.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, False)
        if spec.row is not None:
            chart.show_row(spec.row, spec.years)
        else:
            chart.show_financing(list(spec.financing), spec.years)
        # The sheet prints the name above the chart as text that can be searched for. The title
        # is emptied before it is hidden: a hidden long title still holds the chart wide.
        plot = chart.getPlotItem()
        plot.setTitle("")
        plot.setTitle(None)
        return chart.render_image(size[0], size[1], CHART_SCALE)

    def close(self) -> None:
        for chart in self._charts.values():
            chart.close()
            chart.deleteLater()
        self._charts.clear()


# ---------------------------------------------------------------------- layout


def _text_document(html: str, width: float) -> QTextDocument:
    document = QTextDocument()
    # Design metrics: glyph advances independent of the screen, so the layout in points holds
    # on a 1200 dpi page as it does on the preview.
    document.setUseDesignMetrics(True)
    document.setDocumentMargin(0)
    document.setDefaultFont(report_font())
    document.setDefaultStyleSheet(stylesheet())
    document.setHtml(html)
    document.setTextWidth(width)
    return document


def _grid_document(html: str, width: float, *, top_rule: bool) -> QTextDocument:
    """A table's header or one of its rows, ruled GRID_LINE thin (CSS knows only whole px).

    Each cell draws its right and bottom rule, the first column its left one and a header its
    top one: stacked one under another, rows then share every rule instead of doubling it.
    """
    document = _text_document(html, width)
    for frame in document.rootFrame().childFrames():
        if not isinstance(frame, QTextTable):
            continue
        table_format = frame.format()
        # Collapsed borders draw the rule between two cells twice as heavy.
        table_format.setBorderCollapse(False)
        frame.setFormat(table_format)
        for row in range(frame.rows()):
            for column in range(frame.columns()):
                cell = frame.cellAt(row, column)
                if (cell.row(), cell.column()) != (row, column):
                    continue  # covered by a spanning cell, ruled with it
                cell_format = cell.format().toTableCellFormat()
                cell_format.setRightBorder(GRID_LINE)
                cell_format.setBottomBorder(GRID_LINE)
                cell_format.setLeftBorder(GRID_LINE if column == 0 else 0)
                cell_format.setTopBorder(GRID_LINE if row == 0 and top_rule else 0)
                cell.setFormat(cell_format)
    return document


def _placeholder() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    return image


@dataclass
class Placed:
    """A laid-out piece on a page: its top in points from the top of the printable area.

    Its charts are drawn only when the page is painted, and dropped after: a sheet of 300
    charts at print resolution would otherwise hold half a gigabyte of images at once.
    """

    top: float
    document: QTextDocument
    charts: tuple[ChartSpec, ...] = ()
    # A document taller than a page is painted in slices, one a page: from `start` (in the
    # document), `span` points of it. None: the whole document.
    start: float = 0.0
    span: float | None = None

    @property
    def height(self) -> float:
        return self.document.size().height() if self.span is None else self.span


@dataclass
class Page:
    pieces: list[Placed]


# A table of this many rows or fewer is kept on one page when it fits one; a longer table
# breaks with at least this many rows on either side of the break.
SMALL_TABLE_ROWS = 6
MIN_ROWS_AT_BREAK = 2
# The least of a block or row taller than a page worth starting at the foot of a page: about
# three lines of text.
MIN_SLICE = 40.0


class _Measured:
    """An item of the sheet with its documents laid out: one, or a header and one per row."""

    def __init__(self, item: Block | Table, width: float) -> None:
        self.item = item
        self.header: QTextDocument | None = None
        self.rows: list[QTextDocument] = []
        if isinstance(item, Block):
            self.block = _text_document(item.html, width)
            # The <img> has its size in the HTML: a placeholder lays it out as well as the chart.
            blank = _placeholder()
            for spec in item.charts:
                self.block.addResource(
                    QTextDocument.ResourceType.ImageResource, QUrl(spec.key), blank
                )
        else:
            self.header = _grid_document(item.header_html(), width, top_rule=True)
            self.rows = [
                _grid_document(item.row_html(index), width, top_rule=False)
                for index in range(len(item.rows))
            ]

    @property
    def keep_with_next(self) -> bool:
        return self.item.keep_with_next

    def height(self) -> float:
        if self.header is None:
            return self.block.size().height()
        return self.header.size().height() + sum(row.size().height() for row in self.rows)

    def start_height(self, page_height: float) -> float:
        """What must fit on a page for the item to start there."""
        if self.header is None:
            whole = self.block.size().height()
            # A block taller than a page goes on in slices: it starts where a few lines fit.
            return whole if whole <= page_height else MIN_SLICE
        if self.header.size().height() + self.rows[0].size().height() > page_height:
            return self.header.size().height() + MIN_SLICE
        whole = self.height()
        if len(self.rows) <= SMALL_TABLE_ROWS and whole <= page_height:
            return whole
        first = self.rows[:MIN_ROWS_AT_BREAK]
        return self.header.size().height() + sum(row.size().height() for row in first)


def _line_intervals(document: QTextDocument) -> list[tuple[float, float]]:
    """Top and bottom of every line of text (and inline image) in the document, in points.

    The blocks run through table cells too, and their rectangles are in the document's own
    coordinates."""
    layout = document.documentLayout()
    intervals = []
    block = document.begin()
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        lines = block.layout()
        for number in range(lines.lineCount()):
            line = lines.lineAt(number)
            intervals.append((top + line.y(), top + line.y() + line.height()))
        block = block.next()
    return intervals


def slices(document: QTextDocument, first_room: float, room: float) -> list[tuple[float, float]]:
    """(start, span) pieces of a document too tall for one page: the first at most
    `first_room` high, the others `room`; each ends under a whole line wherever one does."""
    total = document.size().height()
    intervals = _line_intervals(document)
    pieces = []
    # A page with (almost) no room left (a header as tall as the page) still takes a slice:
    # going on is better than never ending.
    room = max(room, MIN_SLICE)
    start, limit = 0.0, max(first_room, MIN_SLICE)
    while total - start > limit:
        end = start + limit
        # The lowest line bottom above the page's end that cuts through no other line.
        candidates = [
            bottom
            for _, bottom in intervals
            if start < bottom <= end
            and not any(top < bottom - 0.01 and bottom + 0.01 < low for top, low in intervals)
        ]
        cut = max(candidates, default=end)
        pieces.append((start, cut - start))
        start, limit = cut, room
    pieces.append((start, total - start))
    return pieces


def lay_out(document: SummaryDocument, width: float, height: float) -> list[Page]:
    """Pages of `width` × `height` points, filled in order; see the module's docstring."""
    measured = [_Measured(item, width) for item in document.items]
    pages = [Page([])]
    y = 0.0

    def new_page() -> None:
        nonlocal y
        if pages[-1].pieces:
            pages.append(Page([]))
        y = 0.0

    def start_height(index: int) -> float:
        # What is kept with what follows it (a heading, the financing table with its chart)
        # starts on a page only if the whole chain up to the start of the last item fits too;
        # a chain longer than a page is not kept together.
        total = 0.0
        chain = index
        while chain < len(measured):
            item = measured[chain]
            if not item.keep_with_next or chain == len(measured) - 1:
                total += item.start_height(height)
                break
            total += item.height() + item.item.space_after
            chain += 1
        own = measured[index].start_height(height)
        return total if total <= height else own

    def place(document: QTextDocument, top: float) -> None:
        pages[-1].pieces.append(Placed(top, document))

    def new_page_under(header: QTextDocument | None) -> None:
        """A new page, a table's header at its top when it goes on there."""
        nonlocal y
        new_page()
        if header is not None:
            place(header, 0.0)
            y = header.size().height()

    def place_in_slices(
        document: QTextDocument,
        charts: tuple[ChartSpec, ...] = (),
        header: QTextDocument | None = None,
    ) -> None:
        """A document taller than a page, slice by slice from here on, none lost; each page
        after the first starts with the table's header, if it is a table's row."""
        nonlocal y
        room = height - (header.size().height() if header is not None else 0.0)
        for number, (start, span) in enumerate(slices(document, height - y, room)):
            if number > 0:
                new_page_under(header)
            pages[-1].pieces.append(Placed(y, document, charts, start=start, span=span))
            y += span

    for index, item in enumerate(measured):
        if isinstance(item.item, Block) and item.item.page_break_before:
            new_page()
        if y > 0 and y + start_height(index) > height:
            new_page()
        if item.header is None:
            assert isinstance(item.item, Block)
            block_height = item.block.size().height()
            if block_height > height:  # a goal of several pages, say
                place_in_slices(item.block, item.item.charts)
            else:
                pages[-1].pieces.append(Placed(y, item.block, item.item.charts))
                y += block_height
            y += item.item.space_after
            continue
        header_height = item.header.size().height()
        place(item.header, y)
        y += header_height
        on_page = 0
        for number, row in enumerate(item.rows):
            row_height = row.size().height()
            if header_height + row_height > height:
                # One row taller than a page under its header: in slices, the header on each.
                if on_page > 0 and y + MIN_SLICE > height:
                    new_page_under(item.header)
                place_in_slices(row, header=item.header)
                on_page = 1
                continue
            if y + row_height > height and on_page > 0:
                carried: list[QTextDocument] = []
                left = len(item.rows) - number
                if left < MIN_ROWS_AT_BREAK and on_page > MIN_ROWS_AT_BREAK:
                    # Not one row alone on the next page: the row before it goes along.
                    carried = [pages[-1].pieces.pop().document]
                new_page_under(item.header)
                on_page = 0
                for piece in carried:
                    place(piece, y)
                    y += piece.size().height()
                    on_page += 1
            place(row, y)
            y += row_height
            on_page += 1
        y += item.item.space_after
    return pages


# ---------------------------------------------------------------------- painting


def paint_summary(document: SummaryDocument, device: QPagedPaintDevice) -> int:
    """Lay the sheet out for the device's page and paint it; the number of pages printed.

    The one routine behind the print preview (a QPrinter from paintRequested), a printer and
    a PDF (QPdfWriter or a QPrinter in PDF mode).
    """
    area = device.pageLayout().paintRect(QPageLayout.Unit.Point)
    pages = lay_out(document, area.width(), area.height() - FOOTER_HEIGHT)
    charts = ChartImages()
    try:
        charts.prepare(document.charts())
        painter = QPainter()
        if not painter.begin(device):
            raise CdoError("не удалось начать печать: устройство или файл недоступны")
        ended = False
        try:
            for number, page in enumerate(pages, start=1):
                if number > 1 and not device.newPage():
                    raise CdoError(_UNFINISHED)
                painter.save()
                # Points to device pixels: 600 dpi for a PDF, the printer's or the screen's.
                painter.scale(device.logicalDpiX() / 72, device.logicalDpiY() / 72)
                for piece in page.pieces:
                    _paint_piece(painter, piece, charts)
                _paint_footer(painter, document, number, len(pages), area.width(), area.height())
                painter.restore()
            # The writer's result: a PDF engine that could not write its file says so here.
            ended = painter.end()
        finally:
            if painter.isActive():
                painter.end()
    finally:
        charts.close()
    if not ended:
        raise CdoError(_UNFINISHED)
    return len(pages)


_UNFINISHED = "печать не завершена: файл или принтер недоступны (нет места на диске?)"


def _paint_piece(painter: QPainter, piece: Placed, charts: ChartImages) -> None:
    resource = QTextDocument.ResourceType.ImageResource
    for spec in piece.charts:
        piece.document.addResource(resource, QUrl(spec.key), charts.image(spec))
    painter.save()
    painter.translate(QPointF(0, piece.top - piece.start))
    if piece.span is None:
        piece.document.drawContents(painter)
    else:
        # Clipped to the slice: the picture is exact; the lines just past either edge still
        # reach the PDF's text layer, unseen (Qt culls lines with a line's slack).
        width = piece.document.size().width()
        piece.document.drawContents(painter, QRectF(0, piece.start, width, piece.span))
    painter.restore()
    blank = _placeholder()
    for spec in piece.charts:
        piece.document.addResource(resource, QUrl(spec.key), blank)


def _paint_footer(
    painter: QPainter,
    document: SummaryDocument,
    number: int,
    count: int,
    width: float,
    height: float,
) -> None:
    top = height - FOOTER_HEIGHT + 5
    painter.setPen(QPen(QColor("#7f7f7f"), 0.5))
    painter.drawLine(QPointF(0, top), QPointF(width, top))
    painter.setFont(report_font(7))
    painter.setPen(QColor("#404040"))
    box = QRectF(0, top + 2, width, FOOTER_HEIGHT - 7)
    right = f"Дата печати: {document.printed_on:%d.%m.%Y}    Стр. {number} из {count}"
    painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, right)
    left_box = QRectF(box.left(), box.top(), width * 0.7, box.height())
    footer = painter.fontMetrics().elidedText(
        document.footer, Qt.TextElideMode.ElideRight, round(left_box.width())
    )
    painter.drawText(left_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, footer)


def save_pdf(document: SummaryDocument, path: str | Path, layout: QPageLayout | None = None) -> int:
    """The sheet as a PDF file at `path`, whole or not at all (a failed write leaves the old
    file as it was, and nothing beside it); its page count."""
    pages = 0

    def write(temporary: Path) -> None:
        nonlocal pages
        pages = write_pdf(document, temporary, layout)

    write_file_atomically(path, write, check=check_pdf)
    return pages


def check_pdf(path: Path) -> None:
    """A PDF ends with «%%EOF» (and a line end or two): a file cut short by a full disk does
    not, even when Qt did not notice."""
    with open(path, "rb") as file:
        file.seek(0, 2)
        size = file.tell()
        file.seek(max(0, size - 32))
        tail = file.read()
    if size == 0 or not tail.rstrip().endswith(b"%%EOF"):
        raise CdoError("файл PDF записан не полностью (нет места на диске?); прежний файл оставлен")


def write_pdf(
    document: SummaryDocument, path: str | Path, layout: QPageLayout | None = None
) -> int:
    """The sheet as a PDF file (A4 landscape unless `layout` says otherwise); its page count.

    Writes `path` directly: use save_pdf for a file the user keeps."""
    writer = QPdfWriter(str(path))
    # Text and rules are vectors at any resolution; 600 dpi places them finely enough and
    # keeps the numbers in the file shorter than the default 1200.
    writer.setResolution(600)
    writer.setPageLayout(layout or default_page_layout())
    writer.setTitle(document.title)
    writer.setCreator("cdo_desktop")
    return paint_summary(document, writer)

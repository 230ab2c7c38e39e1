"""The summary's tables as HTML: cells with their widths, estimated from the printed text."""

from __future__ import annotations

from collections.abc import Sequence

# Font sizes of the stylesheet (resources/templates/summary.css), in points; the width of a
# column of numbers is estimated from them.
TABLE_FONT = 8.0
CELL_PADDING = 3.0


def text_width(text: str, size: float = TABLE_FONT) -> float:
    """How wide a short text of digits, marks or a word prints, in points (DejaVu Sans, a bit
    generously: a column a little too wide looks better than a number broken in two)."""
    narrow = sum(1 for char in text if char in " ,./")
    wide = sum(1 for char in text if char in "✓✗…?%мшщюжф")
    return size * (0.66 * (len(text) - narrow - wide) + 0.36 * narrow + 0.9 * wide)


def column_percents(
    width: float, fixed: Sequence[float], numbers: Sequence[float], *, name_share: float = 0.3
) -> tuple[list[float], float]:
    """Percent widths of the fixed columns, the number columns, and the name column between.

    Number columns get what their widest text needs (they do not wrap a `230 435,8`), the name
    the rest; on a narrow page numbers give way first so the name keeps `name_share` at least.
    """
    pad = 2 * CELL_PADDING + 2
    needed = [max(value, 18.0) + pad for value in numbers]
    fixed_points = [value + pad for value in fixed]
    room = width * (1 - name_share) - sum(fixed_points)
    if sum(needed) > room > 0:
        needed = [value * room / sum(needed) for value in needed]
    name = width - sum(fixed_points) - sum(needed)
    percents = [100 * value / width for value in (*fixed_points, *needed)]
    return percents, 100 * name / width


def cell(content: str, percent: float, css: str = "", *, span: str = "") -> str:
    class_attr = f' class="{css}"' if css else ""
    # A cell spanning columns gives no width: Qt would give it all to the first column.
    width = f' width="{percent:.3f}%"' if "colspan" not in span else ""
    return f"<td{width}{class_attr}{span}>{content}</td>"


def table_opening(css: str) -> str:
    return f'<table class="{css}" width="100%" cellspacing="0" cellpadding="{CELL_PADDING:g}">'

"""The change request printed: a formal sheet laid out and painted by reports/printing.py, the
same way as the summary (title, a table of changes whose header repeats on every page, the
leader's and the curator's signature lines)."""

from __future__ import annotations

import html

from cdo_desktop.core.change_request import REQUEST_COLUMNS, ChangeRequest
from cdo_desktop.core.words import counted
from cdo_desktop.reports.summary_model import Block, Item, SummaryDocument, Table
from cdo_desktop.reports.table_html import cell, table_opening

# Column widths in percent (REQUEST_COLUMNS): the values and the justification get the room.
_WIDTHS = [4.0, 12.0, 9.0, 10.0, 5.0, 19.0, 19.0, 22.0]
_CENTERED = {0, 4}


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def build_request(request: ChangeRequest) -> SummaryDocument:
    """The request as a printable document (A4 landscape, as the summary prints)."""
    items: list[Item] = [
        Block(
            _kicker(request) + f'<p class="title">{_e(request.title())}</p>',
            keep_with_next=True,
            space_after=4.0,
        ),
        Block(f'<p class="goal">{_e(request.subtitle())}</p>', space_after=8.0),
    ]
    rows = request.rows()
    if rows:
        items.append(
            Block(
                f'<p class="label">Изменения паспорта: '
                f"{counted(len(rows), 'изменение', 'изменения', 'изменений')}</p>",
                keep_with_next=True,
                space_after=2.0,
            )
        )
        items.append(_table(rows))
    else:
        items.append(
            Block(
                '<p class="note">Паспорт не изменился со времени этой версии.</p>', space_after=10.0
            )
        )
    items.append(_signatures(request))
    return SummaryDocument(
        title=request.title(),
        footer=request.title(),
        printed_on=request.printed_on,
        items=tuple(items),
    )


def _kicker(request: ChangeRequest) -> str:
    region = request.project.region
    return f'<p class="kicker">{_e(region)}</p>' if region else ""


def _table(rows: list[list[str]]) -> Table:
    header = (
        "<tr>"
        + "".join(
            cell(_e(title), width, "head")
            for title, width in zip(REQUEST_COLUMNS, _WIDTHS, strict=True)
        )
        + "</tr>",
    )
    body = []
    for index, row in enumerate(rows):
        stripe = ' class="odd"' if index % 2 else ""
        body.append(
            f"<tr{stripe}>"
            + "".join(
                cell(_e(text), width, "number" if column in _CENTERED else "")
                for column, (text, width) in enumerate(zip(row, _WIDTHS, strict=True))
            )
            + "</tr>"
        )
    return Table(table_opening("grid"), header, tuple(body), space_after=18.0)


def _signatures(request: ChangeRequest) -> Block:
    lines = []
    for signature in request.signatures():
        position = f"<br/>{_e(signature.position)}" if signature.position else ""
        lines.append(
            "<tr>"
            f'<td width="45%"><p class="goal"><b>{_e(signature.title)}</b>{position}</p></td>'
            '<td width="25%" valign="bottom"><p class="goal">_________________________</p>'
            '<p class="legend">(подпись)</p></td>'
            f'<td width="30%" valign="bottom"><p class="goal">{_e(signature.name) or "—"}</p>'
            '<p class="legend">(расшифровка подписи)</p></td>'
            "</tr>"
        )
    return Block(
        '<table width="100%" cellspacing="0" cellpadding="6">'
        + "".join(lines)
        + "</table>"
        + f'<p class="goal">Дата: {request.printed_on:%d.%m.%Y}</p>',
        space_after=0.0,
    )

"""`overview`: the consolidated document of all projects, as a PDF or an xlsx workbook."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from cdo_desktop.cli.common import EXIT_OK, say, workspace_from
from cdo_desktop.cli.dates import add_as_of, as_of_or_today
from cdo_desktop.core.errors import CdoError


def register(subcommands: Any, shared: argparse.ArgumentParser) -> None:
    overview = subcommands.add_parser(
        "overview",
        parents=[shared],
        help="сводка по всем проектам базы — в файл PDF или xlsx",
        description="Записать сводку по всем проектам: то же, что «Файл → Печать сводки по всем "
        "проектам…». PDF: таблица проектов с итогами, затем по каждому проекту его "
        "недостигнутые показатели и результаты и строки без факта; xlsx: лист «Все проекты».",
    )
    overview.add_argument(
        "output", metavar="ФАЙЛ.pdf|ФАЙЛ.xlsx", help="файл PDF или xlsx, в который записать сводку"
    )
    overview.add_argument(
        "--year",
        type=int,
        metavar="ГОД",
        help="год сводки (по умолчанию последний год, за который внесён факт в каком-либо проекте)",
    )
    add_as_of(overview, "считаются просроченные значения и контрольные точки")
    overview.set_defaults(run=write_overview)


def write_overview(args: argparse.Namespace) -> int:
    from cdo_desktop.core.overview import build_overview, overview_title, overview_years
    from cdo_desktop.storage.overview_reading import read_overview_sources

    # Everything a user can get wrong is checked before the database or Qt is touched.
    output = Path(args.output)
    kind = output.suffix.lower()
    if kind not in (".pdf", ".xlsx"):
        raise CdoError(
            f"{args.output}: сводку можно записать в файл .pdf или .xlsx, а не «{output.suffix}»"
        )
    as_of = as_of_or_today(args)
    workspace = workspace_from(args)
    try:
        year, sources = read_overview_sources(workspace.store, args.year, as_of)
    finally:
        workspace.close()
    if not sources:
        raise CdoError("в базе данных нет проектов")
    years = overview_years(sources)
    if year not in years:
        raise CdoError(
            f"год {year} не входит в годы ни одного проекта базы ({years[0]}–{years[-1]})"
        )
    overview = build_overview(sources, year, as_of)
    if kind == ".xlsx":
        from cdo_desktop.exchange.overview_excel import write_overview_workbook

        write_overview_workbook(overview, output)
    else:
        from cdo_desktop.cli.summary import use_offscreen_qt_without_display

        use_offscreen_qt_without_display()
        from cdo_desktop.app import create_application
        from cdo_desktop.reports.overview import build_overview_document
        from cdo_desktop.reports.printing import printable_width, save_pdf

        create_application()
        save_pdf(build_overview_document(overview, width=printable_width()), output)
    say(f"{overview_title(year)}: {args.output}")
    return EXIT_OK

"""`control-points`: every control point with its status at a date, one tab-separated line each."""

from __future__ import annotations

import argparse
from typing import Any

from cdo_desktop.cli.common import EXIT_OK, projects_from, tabbed
from cdo_desktop.cli.dates import add_as_of, as_of_or_today


def register(subcommands: Any, shared: argparse.ArgumentParser) -> None:
    command = subcommands.add_parser(
        "control-points",
        parents=[shared],
        help="контрольные точки результатов и их статус на дату",
        description="Вывести контрольные точки, по одной в строке, через табуляцию: код проекта, "
        "номер результата, номер точки, наименование, плановый срок, фактический срок "
        "(или «–»), статус на дату.",
    )
    command.add_argument("--project", metavar="КОД", help="только этот проект (код или название)")
    add_as_of(command, "определяется статус")
    command.add_argument(
        "--overdue", action="store_true", help="только просроченные контрольные точки"
    )
    command.set_defaults(run=list_control_points)


def list_control_points(args: argparse.Namespace) -> int:
    from cdo_desktop.core.control_points import (
        PointStatus,
        date_text,
        point_status,
        status_word,
    )

    as_of = as_of_or_today(args)
    for project in projects_from(args):
        for result in project.results:
            for point in result.control_points:
                if args.overdue and point_status(point, as_of) is not PointStatus.OVERDUE:
                    continue
                print(
                    tabbed(
                        project.code,
                        result.number,
                        point.number,
                        point.name,
                        date_text(point.due),
                        date_text(point.done),
                        status_word(point, as_of),
                    )
                )
    return EXIT_OK

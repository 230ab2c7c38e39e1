"""`snapshot`, `versions`, `diff`, `change-request`: passport versions and the change request.

Without --project they work on the database's only project; with several, exit 1 naming them.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cdo_desktop.cli.common import EXIT_OK, say, tabbed, workspace_from
from cdo_desktop.cli.summary import chosen_project
from cdo_desktop.core.errors import CdoError

if TYPE_CHECKING:
    from cdo_desktop.core import history as told

SNAPSHOT_SOURCE = "командная строка: snapshot"
_PROJECT_HELP = "проект (код или название); можно не указывать, если проект в базе один"


def register(subcommands: Any, shared: argparse.ArgumentParser) -> None:
    snapshot = subcommands.add_parser(
        "snapshot",
        parents=[shared],
        help="зафиксировать версию паспорта проекта",
        description="Зафиксировать паспорт проекта как он есть (без фактических значений): "
        "новая версия с датой, автором и основанием.",
    )
    snapshot.add_argument("--project", metavar="КОД", help=_PROJECT_HELP)
    snapshot.add_argument("--basis", metavar="ТЕКСТ", default="", help="основание версии")
    snapshot.set_defaults(run=take_snapshot)

    versions = subcommands.add_parser(
        "versions",
        parents=[shared],
        help="версии паспорта проекта",
        description="Версии паспорта, по строке на версию через табуляцию: номер, дата и "
        "время (ДД.ММ.ГГГГ ЧЧ:ММ), автор, основание.",
    )
    versions.add_argument("--project", metavar="КОД", help=_PROJECT_HELP)
    versions.set_defaults(run=list_versions)

    diff = subcommands.add_parser(
        "diff",
        parents=[shared],
        help="изменения паспорта между версиями или от версии до текущего",
        description="Изменения паспорта, по строке на значение через табуляцию: раздел, "
        "номер строки, поле, год (или «–»), было, стало. Без --to — до текущего паспорта.",
    )
    diff.add_argument("--from", dest="from_version", type=int, required=True, metavar="N")
    diff.add_argument("--to", dest="to_version", type=int, metavar="M")
    diff.add_argument("--project", metavar="КОД", help=_PROJECT_HELP)
    diff.set_defaults(run=show_diff)

    request = subcommands.add_parser(
        "change-request",
        parents=[shared],
        help="запрос на изменение паспорта — в PDF или Excel",
        description="Запрос на изменение паспорта от версии N до текущего паспорта, с "
        "обоснованиями из черновика запроса (или --reason для изменений без обоснования).",
    )
    request.add_argument("output", metavar="ФАЙЛ.pdf|ФАЙЛ.xlsx", help="файл запроса")
    request.add_argument("--from", dest="from_version", type=int, required=True, metavar="N")
    request.add_argument("--project", metavar="КОД", help=_PROJECT_HELP)
    request.add_argument(
        "--reason", metavar="ТЕКСТ", default="", help="обоснование изменений, у которых его нет"
    )
    request.set_defaults(run=write_change_request)


def take_snapshot(args: argparse.Namespace) -> int:
    from cdo_desktop.exchange.version_document import version_text
    from cdo_desktop.storage.versions import next_version

    workspace = workspace_from(args)
    try:
        store = workspace.store
        summary = chosen_project(store, args)
        project = store.load(summary.id)
        change = next_version(store, summary.id, version_text(project), args.basis.strip())
        store.apply([change], SNAPSHOT_SOURCE)
    finally:
        workspace.close()
    say(f"Версия {change.item.number} зафиксирована")  # type: ignore[union-attr]
    return EXIT_OK


def list_versions(args: argparse.Namespace) -> int:
    from cdo_desktop.core.history import moment_text
    from cdo_desktop.storage import versions

    workspace = workspace_from(args)
    try:
        summary = chosen_project(workspace.store, args)
        found = versions.list_versions(workspace.store, summary.id)
    finally:
        workspace.close()
    for version in found:
        say(tabbed(version.number, moment_text(version.at), version.author, version.basis))
    return EXIT_OK


def _compared(args: argparse.Namespace, to_version: int | None) -> tuple[Any, ...]:
    """(project now, the version `--from`, the changes from it, the draft) of the project."""
    from cdo_desktop.core.versions import compare
    from cdo_desktop.exchange.version_document import as_kept, version_project
    from cdo_desktop.storage import versions

    workspace = workspace_from(args)
    try:
        store = workspace.store
        summary = chosen_project(store, args)
        base = versions.read_version(store, summary.id, args.from_version)
        now = store.load(summary.id)
        if to_version is None:
            target = as_kept(now)
        else:
            version = versions.read_version(store, summary.id, to_version)
            target = version_project(version.document, version.number)
        changes = compare(version_project(base.document, base.number), target)
        draft = versions.read_draft(store, summary.id)
    finally:
        workspace.close()
    return now, base, changes, draft


def show_diff(args: argparse.Namespace) -> int:
    from cdo_desktop.core.versions import change_columns

    changes: list[told.Change] = _compared(args, args.to_version)[2]
    for change in changes:
        say(tabbed(*change_columns(change)))
    return EXIT_OK


def write_change_request(args: argparse.Namespace) -> int:
    from cdo_desktop.core.change_request import make_request

    suffix = Path(args.output).suffix.casefold()
    if suffix not in (".pdf", ".xlsx"):
        raise CdoError("запрос записывается в файл .pdf или .xlsx", place=args.output)
    now, base, changes, draft = _compared(args, None)
    request = make_request(now, base, changes, draft, args.reason)
    if suffix == ".xlsx":
        from cdo_desktop.exchange.change_request_excel import save_request_workbook

        save_request_workbook(request, args.output)
        say(f"Запрос на изменение паспорта {now.code}: {args.output}")
        return EXIT_OK
    from cdo_desktop.cli.summary import use_offscreen_qt_without_display

    use_offscreen_qt_without_display()
    from cdo_desktop.app import create_application
    from cdo_desktop.reports.change_request import build_request
    from cdo_desktop.reports.printing import save_pdf

    create_application()
    pages = save_pdf(build_request(request), args.output)
    say(f"Запрос на изменение паспорта {now.code}: {args.output} (страниц: {pages})")
    return EXIT_OK

"""`init-server`, `grant`, `revoke`, `grants` and `copy`: the ministry's server from a terminal."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from cdo_desktop.cli.common import EXIT_OK, say, server_url, tabbed, workspace_from
from cdo_desktop.core.errors import CdoError


def register(subcommands: Any, shared: argparse.ArgumentParser) -> None:
    init = subcommands.add_parser(
        "init-server",
        parents=[shared],
        help="создать или обновить схему базы данных на сервере (для администратора)",
    )
    init.set_defaults(run=init_server_schema)

    grant = subcommands.add_parser(
        "grant", parents=[shared], help="разрешить роли сервера изменять проект"
    )
    grant.add_argument("role", metavar="РОЛЬ", help="роль (пользователь) PostgreSQL")
    grant.add_argument("code", metavar="КОД", help="код проекта")
    grant.set_defaults(run=grant_access)

    revoke = subcommands.add_parser(
        "revoke", parents=[shared], help="запретить роли сервера изменять проект"
    )
    revoke.add_argument("role", metavar="РОЛЬ", help="роль (пользователь) PostgreSQL")
    revoke.add_argument("code", metavar="КОД", help="код проекта")
    revoke.set_defaults(run=revoke_access)

    grants = subcommands.add_parser(
        "grants", parents=[shared], help="кому какие проекты разрешено изменять"
    )
    grants.set_defaults(run=list_grants)

    copy = subcommands.add_parser(
        "copy",
        parents=[shared],
        help="скопировать все проекты с историей в другую базу (файл или сервер)",
    )
    copy.add_argument(
        "--to",
        required=True,
        metavar="БАЗА",
        help="куда: файл базы данных или postgresql://пользователь@сервер:порт/база",
    )
    copy.add_argument(
        "--replace", action="store_true", help="заменить проекты с теми же кодами в базе назначения"
    )
    copy.set_defaults(run=copy_database)


def init_server_schema(args: argparse.Namespace) -> int:
    from cdo_desktop.cli.common import ask_password_on_terminal
    from cdo_desktop.storage.server import ServerError, init_server

    url = server_url(args)
    if url is None:
        raise CdoError("команда init-server работает только с сервером: --db postgresql://…")
    try:
        done = init_server(url)
    except ServerError as error:
        password = ask_password_on_terminal() if "пароль" in error.problem else None
        if password is None:
            raise
        done = init_server(url, password=password)
    say(f"Сервер {url_shown(url)}: {done}.")
    return EXIT_OK


def url_shown(url: str) -> str:
    from cdo_desktop.storage.server import shown

    return shown(url)


def _change_access(args: argparse.Namespace, allow: bool) -> int:
    from cdo_desktop.storage import access

    workspace = workspace_from(args)
    try:
        store = workspace.store
        if not store.on_server:
            raise CdoError(access.FILE_ONLY)
        code = store.find(args.code).code
        if allow:
            access.grant(store.database, args.role, code)
        else:
            access.revoke(store.database, args.role, code)
    finally:
        workspace.close()
    say(access.verdict(args.role, code, allow))
    return EXIT_OK


def grant_access(args: argparse.Namespace) -> int:
    return _change_access(args, allow=True)


def revoke_access(args: argparse.Namespace) -> int:
    return _change_access(args, allow=False)


def list_grants(args: argparse.Namespace) -> int:
    from cdo_desktop.storage import access

    workspace = workspace_from(args)
    try:
        if not workspace.store.on_server:
            raise CdoError(access.FILE_ONLY)
        found = access.grants(workspace.store.database)
    finally:
        workspace.close()
    for role, code in found:
        say(tabbed(role, code))
    return EXIT_OK


def copy_database(args: argparse.Namespace) -> int:
    from cdo_desktop.cli.common import ask_password_on_terminal
    from cdo_desktop.storage.backups import refuse_same_file
    from cdo_desktop.storage.copying import copy_projects
    from cdo_desktop.storage.database import open_store
    from cdo_desktop.storage.server import is_server_url, open_server_store, server_error

    source = workspace_from(args)
    try:
        if not is_server_url(args.to) and not source.store.on_server:
            refuse_same_file(source.path, Path(args.to), "базу нельзя скопировать в неё же")
        if is_server_url(args.to):
            target = open_server_store(args.to, ask_password=ask_password_on_terminal)
        else:
            # A target file that does not exist is created empty: no demo project in a copy.
            target = open_store(Path(args.to))
        try:
            notes: list[str] = []
            codes = copy_projects(source.store, target, replace=args.replace, notes=notes)
        except Exception as error:
            told = server_error(error, args.to) if target.on_server else None
            if told is None:
                raise
            raise told from None
        finally:
            target.close()
    finally:
        source.close()
    say(f"Скопировано проектов: {len(codes)}" + (f" ({', '.join(codes)})" if codes else ""))
    for note in notes:
        say(note)
    return EXIT_OK

"""Entry point of the built program: both executables run the `cdo-desktop` command.

`cdo-desktop` (a console program) runs the subcommands and, without one, opens the window;
`cdo-desktop-gui` (on Windows a windowed program, no console) is the one for shortcuts.
`cdo-desktop --bundle-check` tells whether the bundle holds what the program needs.
"""

from __future__ import annotations

import os
import sys

BUNDLE_CHECK = "--bundle-check"


def _give_windowed_program_streams() -> None:
    # A windowed Windows program has no console: sys.stdout and sys.stderr are None, and
    # argparse's help or a usage error would fail on them. Their text goes nowhere instead.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))


def bundle_check() -> int:
    """Print what the running program finds: Qt's Russian, plugins, resources, data folder.

    Exit status 0 when all that the program needs is there, 1 otherwise.
    """
    from cdo_desktop.cli.summary import use_offscreen_qt_without_display

    use_offscreen_qt_without_display()
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, qVersion

    from cdo_desktop import __version__, paths
    from cdo_desktop.app import create_application

    app = create_application()
    translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    plugins = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
    # app.install_russian is what ran: Qt's own «Cancel» comes out in Russian only if it worked.
    cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    checks = {
        "qtbase_ru": cancel == "Отмена",
        "platform": bool(app.platformName()),
        "imageformats/svg": any(
            name.startswith(("qsvg", "libqsvg"))
            for name in _listing(os.path.join(plugins, "imageformats"))
        ),
        "resources": (paths.resources_dir() / "icons" / "app.svg").is_file()
        and (paths.resources_dir() / "templates" / "summary.css").is_file()
        and (paths.resources_dir() / "licenses" / "LGPL-3.0.txt").is_file(),
        "demo": paths.demo_data_file().is_file(),
        "calendar": _calendar_years() > 0,
    }
    portable = paths.portable_data_dir()
    lines = [
        f"cdo_desktop {__version__}, Qt {qVersion()}, "
        f"{'собранная программа' if getattr(sys, 'frozen', False) else 'запуск из Python'}",
        f"переводы Qt: {translations}",
        f"«Cancel» по-русски: {cancel} — {'да' if checks['qtbase_ru'] else 'НЕТ'}",
        f"модули Qt (plugins): {plugins}",
        f"платформа Qt: {app.platformName()}",
        f"значки SVG: {'да' if checks['imageformats/svg'] else 'НЕТ'}",
        f"ресурсы: {paths.resources_dir()} — {'да' if checks['resources'] else 'НЕТ'}",
        f"демонстрационный проект: {paths.demo_data_file()} — {'да' if checks['demo'] else 'НЕТ'}",
        f"производственный календарь: лет {_calendar_years()} — "
        f"{'да' if checks['calendar'] else 'НЕТ'}",
        f"Python в режиме UTF-8: {'да' if sys.flags.utf8_mode else 'нет'}",
        f"переносной режим: {f'да, папка {portable}' if portable else 'нет'}",
        f"база данных по умолчанию: {paths.default_database_path()}",
    ]
    print("\n".join(lines))
    failed = [name for name, ok in checks.items() if not ok]
    if failed:
        print(f"не хватает: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def _calendar_years() -> int:
    """How many years the shipped working-day calendar holds (0: it is not in the bundle)."""
    try:
        from cdo_desktop.core.work_calendar import shipped_calendar

        return len(shipped_calendar().years)
    except (OSError, ValueError, ModuleNotFoundError):
        return 0


def _listing(folder: str) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def main() -> int:
    _give_windowed_program_streams()
    if sys.argv[1:] == [BUNDLE_CHECK]:
        return bundle_check()
    from cdo_desktop.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())

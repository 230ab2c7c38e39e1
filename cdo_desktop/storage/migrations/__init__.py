"""Schema versions, one module each; the database's `user_version` is the last one applied.

A migration's SQL is frozen when it is written: it must build the same tables whatever the
peewee models later become. Listed by hand (not discovered) so a frozen build carries them all.
"""

from __future__ import annotations

from types import ModuleType

from cdo_desktop.storage.migrations import (
    m001_initial,
    m002_project_updated_at,
    m003_change_history,
    m004_portable_meta,
    m005_monitoring,
    m006_control_points,
    m007_passport_2025,
    m008_versions,
)

MIGRATIONS: list[ModuleType] = [
    m001_initial,
    m002_project_updated_at,
    m003_change_history,
    m004_portable_meta,
    m005_monitoring,
    m006_control_points,
    m007_passport_2025,
    m008_versions,
]
SCHEMA_VERSION = len(MIGRATIONS)

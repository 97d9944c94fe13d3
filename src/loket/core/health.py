"""Readiness checks: can this process serve requests now?

A process is ready when the database answers, every migration the code ships with is applied,
and the cache (the database cache, or Redis with ``LOKET_CACHE_URL``) stores and returns a value.
Each check returns ``None`` when it passed, or a short reason: the exception's class or a count,
never its message, because the probe is public and a driver's message may name hosts and users.

The migrations this code ships with are read from disk once per process (the code does not change
under a running process); each check then reads ``django_migrations`` (two short queries).

What this module must never do: write anything but its own short-lived cache key, or hang: the
database and Redis connections have their own timeouts.
"""

from __future__ import annotations

import secrets
from functools import lru_cache

from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

MigrationKey = tuple[str, str]


def database_problem(alias: str = DEFAULT_DB_ALIAS) -> str | None:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - reported as the probe's answer, never swallowed silently
        return error.__class__.__name__
    return None


@lru_cache(maxsize=1)
def shipped_migrations() -> tuple[frozenset[MigrationKey], dict[MigrationKey, tuple[MigrationKey, ...]]]:
    """The migrations of this code (read from disk): the plain ones, and the squashed ones with what they replace."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    squashed = {
        key: tuple((app, name) for app, name in migration.replaces)
        for key, migration in loader.disk_migrations.items()
        if migration.replaces
    }
    replaced = {key for replaces in squashed.values() for key in replaces}
    plain = frozenset(key for key in loader.disk_migrations if key not in squashed and key not in replaced)
    return plain, squashed


def unapplied_migrations(alias: str = DEFAULT_DB_ALIAS) -> list[MigrationKey]:
    """The migrations of this code that the database has not applied, in name order."""
    applied = set(MigrationRecorder(connections[alias]).applied_migrations())
    plain, squashed = shipped_migrations()
    missing = [key for key in plain if key not in applied]
    for key, replaces in squashed.items():
        # Django's rule: a squashed migration is applied when it or everything it replaces is; a
        # database part-way through the replaced ones still needs the rest of them.
        if key in applied or all(replaced in applied for replaced in replaces):
            continue
        started = any(replaced in applied for replaced in replaces)
        missing.extend([replaced for replaced in replaces if replaced not in applied] if started else [key])
    return sorted(missing)


def migrations_problem(alias: str = DEFAULT_DB_ALIAS) -> str | None:
    try:
        missing = unapplied_migrations(alias)
    except Exception as error:  # noqa: BLE001 - reported as the probe's answer
        return error.__class__.__name__
    if missing:
        return f"{len(missing)} unapplied"
    return None


def cache_problem(alias: str = "default") -> str | None:
    key = f"loket:health:{secrets.token_hex(8)}"
    value = secrets.token_hex(8)
    try:
        cache = caches[alias]
        cache.set(key, value, timeout=30)
        answered = cache.get(key)
        cache.delete(key)
    except Exception as error:  # noqa: BLE001 - reported as the probe's answer
        return error.__class__.__name__
    if answered != value:
        return "not stored"
    return None


def readiness_problems() -> dict[str, str]:
    """What keeps this process from serving, by check (empty: ready)."""
    problems: dict[str, str] = {}
    if problem := database_problem():
        problems["database"] = problem
    elif problem := migrations_problem():
        problems["migrations"] = problem
    if problem := cache_problem():
        problems["cache"] = problem
    return problems

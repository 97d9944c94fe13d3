"""Reads that may go to a read replica, and only those.

``LOKET_REPLICA_DATABASE_URL`` adds a database alias ``replica`` (a streaming-replication standby
of the primary). Nothing goes there by default: a page whose reads are heavy and may be a few
seconds behind (the manager's dashboard) asks for it explicitly::

    with reading_from_replica():
        figures = dashboard_figures(...)       # ORM reads inside go to the replica

    rows = Model.objects.using(read_alias())   # or name the alias yourself

``ReplicaRouter`` (``DATABASE_ROUTERS``) sends the ORM's reads inside the context to the replica;
writes, ``select_for_update()`` and everything outside the context go to ``default``. Without a
configured replica the context changes nothing, so the same code runs on one database.

What this module must never do: send a write, a locking read or a migration to the replica. It
keeps its switch in a context variable, so a thread or task never sees another's choice.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model

REPLICA_DB_ALIAS = "replica"

_reading_from_replica: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "loket_reading_from_replica", default=False
)


def replica_configured() -> bool:
    """Whether this process has a ``replica`` database alias."""
    return REPLICA_DB_ALIAS in connections.settings


def read_alias() -> str:
    """The alias reads should use here: ``"replica"`` inside ``reading_from_replica()`` when configured."""
    if _reading_from_replica.get() and replica_configured():
        return REPLICA_DB_ALIAS
    return DEFAULT_DB_ALIAS


@contextmanager
def reading_from_replica() -> Iterator[str]:
    """Send the ORM's reads in this block to the replica (when there is one); yields the alias used.

    Only for reads that may lag the primary by a few seconds: a row written just before, in this
    request or another, may not be there yet.
    """
    token = _reading_from_replica.set(True)
    try:
        yield read_alias()
    finally:
        _reading_from_replica.reset(token)


class ReplicaRouter:
    """Reads inside ``reading_from_replica()`` go to the replica; everything else to ``default``."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        alias = read_alias()
        return alias if alias == REPLICA_DB_ALIAS else None

    def db_for_write(self, model: type[Model], **hints: Any) -> str | None:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        # The replica holds the same rows as the primary: an object read from one may be related
        # to an object read from the other.
        same_data = {DEFAULT_DB_ALIAS, REPLICA_DB_ALIAS}
        if obj1._state.db in same_data and obj2._state.db in same_data:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool | None:
        # A standby gets its schema from the primary's replication, never from ``migrate``.
        if db == REPLICA_DB_ALIAS:
            return False
        return None

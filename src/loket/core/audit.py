"""Writing the audit trail. Called by service functions inside their transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models

from loket.core.models import AuditEntry

Actor = AbstractBaseUser | AnonymousUser | str | None


def actor_label(actor: Actor) -> str:
    if actor is None:
        return "system"
    if isinstance(actor, str):
        return actor
    if not actor.is_authenticated:
        return "citizen"
    return actor.get_username()


def audit_log(
    *,
    actor: Actor,
    action: str,
    obj: models.Model,
    organisation_id: int | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor_id=actor.pk if isinstance(actor, AbstractBaseUser) else None,
        actor_label=actor_label(actor),
        organisation_id=organisation_id,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        changes=changes or {},
    )


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields whose value changed, as ``{field: [old, new]}`` (JSON-safe via str)."""
    return {key: [_json_safe(old.get(key)), _json_safe(value)] for key, value in new.items() if old.get(key) != value}


def _json_safe(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    return str(value)

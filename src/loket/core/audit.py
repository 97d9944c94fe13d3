"""Writing the audit trail. Called by service functions (and, for reads, selectors) inside their transaction.

Every read and change of personal data is written here with who, when, which record, what
changed and from where (``source``: the screen or API endpoint, set per request by
``AuditSourceMiddleware``; ``"system"`` for jobs and commands). ``person`` names the citizen whose
data it was, so the data-protection officer can find everything done with one person's data.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse

from loket.core.models import AuditEntry

Actor = AbstractBaseUser | AnonymousUser | str | None

_source: contextvars.ContextVar[str] = contextvars.ContextVar("loket_audit_source", default="system")


def actor_label(actor: Actor) -> str:
    if actor is None:
        return "system"
    if isinstance(actor, str):
        return actor
    if not actor.is_authenticated:
        return "citizen"
    return actor.get_username()


def current_source() -> str:
    return _source.get()


def audit_log(
    *,
    actor: Actor,
    action: str,
    obj: models.Model,
    organisation_id: int | None = None,
    changes: dict[str, Any] | None = None,
    person_id: int | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor_id=actor.pk if isinstance(actor, AbstractBaseUser) else None,
        actor_label=actor_label(actor),
        organisation_id=organisation_id,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        changes=changes or {},
        source=current_source(),
        person_id=person_id,
    )


def audit_read(
    *,
    actor: Actor,
    obj: models.Model,
    person_id: int | None,
    organisation_id: int | None = None,
    fields: list[str] | None = None,
) -> AuditEntry:
    """Record that ``actor`` read personal data of ``obj`` (``fields``: which, when not all).

    Runs in a transaction of its own when the caller has none, so a read is never shown without
    its entry: if the entry cannot be written, the read fails.
    """
    with transaction.atomic():
        return audit_log(
            actor=actor,
            action=f"{obj._meta.model_name}.read",
            obj=obj,
            organisation_id=organisation_id,
            changes={"fields": fields} if fields else None,
            person_id=person_id,
        )


class AuditSourceMiddleware:
    """Names the screen or endpoint of each request for the audit trail: 'web:<url name>', 'api:<url name>'."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _source.set(f"web:{request.path[:150]}")
        try:
            return self.get_response(request)
        finally:
            _source.reset(token)

    def process_view(self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any) -> None:
        match = request.resolver_match
        kind = "api" if request.path.startswith("/api/") else "web"
        if match is not None and match.url_name:
            _source.set(f"{kind}:{match.url_name}")


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

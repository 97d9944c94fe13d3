"""Domain errors: a stable code for machines, a translated message for people.

Services raise these; views show ``message`` next to the field named in ``field``, the API
returns ``{"code": ..., "message": ..., "field": ...}``. Never raise a bare ValueError to a user.
"""

from __future__ import annotations

from django.utils.functional import Promise


class DomainError(Exception):
    code = "invalid"
    status = 400

    def __init__(self, message: str | Promise, *, code: str | None = None, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field
        if code:
            self.code = code

    def as_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "message": str(self.message), "field": self.field}


class NotFound(DomainError):
    code = "not_found"
    status = 404


class PermissionDenied(DomainError):
    """The actor may not do this, or the object belongs to another organisation."""

    code = "permission_denied"
    status = 403


class Conflict(DomainError):
    code = "conflict"
    status = 409

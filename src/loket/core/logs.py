"""Logs as one JSON object a line (``LOKET_LOG_FORMAT=json``), each naming the request it belongs to.

Every request gets a request id: the ``X-Request-ID`` header a proxy or client sent (when it is
a plain token of at most 128 characters), otherwise a new random one. ``RequestIdMiddleware``
keeps it in a context variable for the log lines written while the request runs and returns it
in the response's ``X-Request-ID`` header, so a citizen's complaint, the proxy's log and ours
meet on one value. gunicorn's access lines take it from that response header.

A JSON line holds ``time`` (UTC, ISO 8601, milliseconds), ``level``, ``logger``, ``message``,
``request_id`` (null outside a request), ``process``, then any ``extra`` fields of the call and
``exc_info`` with the traceback.

What this module must never do: import Django models (settings and gunicorn's master load it), or
put a request's body, cookies or headers other than the request id in a log line.
"""

from __future__ import annotations

import contextvars
import datetime
import logging
import re
import secrets
from collections.abc import Callable, Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

REQUEST_ID_HEADER = "X-Request-ID"
REQUEST_ID_META = "HTTP_X_REQUEST_ID"
# What we accept from outside: enough for UUIDs, W3C trace ids and most proxies' ids, nothing
# that could break a log line or a header.
_ACCEPTED_REQUEST_ID = re.compile(r"[A-Za-z0-9._:+=@/-]{1,128}")

_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("loket_request_id", default=None)


def current_request_id() -> str | None:
    """The id of the request this code runs for, or ``None`` (a job, a command)."""
    return _request_id.get()


def new_request_id() -> str:
    return secrets.token_hex(16)


def accepted_request_id(value: str | None) -> str | None:
    """``value`` if it is a request id we take over from a proxy or client, else ``None``."""
    if value and _ACCEPTED_REQUEST_ID.fullmatch(value):
        return value
    return None


class RequestIdMiddleware:
    """Gives each request its id (taken over or made), for the logs and the response header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = accepted_request_id(request.META.get(REQUEST_ID_META)) or new_request_id()
        request.META[REQUEST_ID_META] = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Puts the current request id on every record (``None`` outside a request).

    Django logs a 4xx or 5xx answer ("Not Found: /x") after the middleware has returned, with the
    request in the record: the id is then the one the middleware left in the request.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            request = getattr(record, "request", None)
            meta = getattr(request, "META", None)
            from_request = meta.get(REQUEST_ID_META) if isinstance(meta, Mapping) else None
            record.request_id = current_request_id() or from_request
        return True


class GunicornAccessFilter(logging.Filter):
    """Turns gunicorn's access-log atoms into fields: method, path, status, duration, request id.

    gunicorn logs each request after the response is sent, outside the request's context, with
    the atoms of its access-log format as the record's arguments; the request id is the
    response's ``X-Request-ID`` header.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        atoms = record.args
        if isinstance(atoms, Mapping):
            request_id = atoms.get("{x-request-id}o")
            record.request_id = request_id if request_id not in (None, "-") else None
            record.method = atoms.get("m")
            record.path = atoms.get("U")
            record.status = _int_or_none(atoms.get("s"))
            record.duration_ms = _int_or_none(atoms.get("M"))
            record.remote_addr = atoms.get("h")
        return True


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class JsonFormatter(BaseJsonFormatter):
    """python-json-logger with Loket's fixed fields first; configured in ``settings.LOGGING``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, "request", "request_id", "server_time"])
        super().__init__(*args, **kwargs)

    def add_fields(self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]) -> None:
        log_data["time"] = (
            datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z")
        )
        log_data["level"] = record.levelname
        log_data["logger"] = record.name
        log_data["message"] = getattr(record, "message", "")  # set by ``format`` just before
        log_data["request_id"] = getattr(record, "request_id", None)
        log_data["process"] = record.process
        super().add_fields(log_data, record, message_dict)

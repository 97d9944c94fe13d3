"""503 Service Unavailable, with ``Retry-After``, while the database cannot be reached.

When PostgreSQL restarts, fails over or cannot be reached, every query raises Django's
``OperationalError`` (``InterfaceError`` on a connection that broke under it). That is a moment of
unavailability, not a fault of the request: the client should come back shortly, and a load
balancer should not take the process for broken. So this middleware answers 503 with
``Retry-After`` instead of Django's 500:

- the API (``/api/``) in its error format: ``{"code": "unavailable", "message": ..., "field": null}``,
  the message in the request's language;
- every other path with a plain page in the request's language and the two others (like
  ``500.html``), written here: no template, no session and no database is needed to answer.

Nothing has to be restarted afterwards: the persistent connections are health-checked at the
start of each request (``CONN_HEALTH_CHECKS``), so the first request after the database is back
opens a new one. ``tests/faults/test_database_restart.py`` restarts PostgreSQL under traffic.

Two paths lead here. A view raises (a DRF view too: its exception handler re-raises what it does
not know): ``process_exception``. Or another middleware raises, typically the session or the user
read for a signed-in request: Django turns that into a 500 inside the middleware chain, before
this middleware sees it, so the ``got_request_exception`` signal (sent with the request) notes
the cause on the request and this middleware replaces that 500 with the 503. Keep this
middleware outside ``SessionMiddleware`` in ``MIDDLEWARE``, so a session that cannot be saved is
covered too.

The messages are written out in Dutch, French and English here rather than through gettext: this
answer must not depend on anything that can fail, and the catalogues are translated elsewhere.

What it must never do: hide the error (each one is logged at ERROR, with its traceback when it
comes from a view; Django has logged it already when it comes from a middleware), turn any other
exception into a 503 (a bug stays a 500), or touch the database itself.
"""

from __future__ import annotations

import html
import logging
import sys
from collections.abc import Callable
from typing import Any

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.templatetags.static import static
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
# A restart takes seconds, a fail-over tens of seconds: ask clients to wait about that long.
RETRY_AFTER_SECONDS = 30
CODE = "unavailable"
_CAUSE_ATTRIBUTE = "_loket_database_unavailable"

TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Even niet bereikbaar",
        "message": "Deze dienst is even niet bereikbaar. Probeer het over een minuut opnieuw.",
        "form": "Verstuurde u een formulier? Kijk dan eerst of het is aangekomen (bijvoorbeeld een bevestiging "
        "in uw mailbox) voor u het opnieuw verstuurt.",
    },
    "fr": {
        "title": "Momentanément indisponible",
        "message": "Ce service est momentanément indisponible. Veuillez réessayer dans une minute.",
        "form": "Vous envoyiez un formulaire ? Vérifiez d'abord s'il est bien arrivé (par exemple une confirmation "
        "dans votre boîte mail) avant de le renvoyer.",
    },
    "en": {
        "title": "Briefly unavailable",
        "message": "This service is briefly unavailable. Please try again in a minute.",
        "form": "Were you sending a form? First check whether it arrived (a confirmation in your mailbox, for "
        "instance) before you send it again.",
    },
}


def _language() -> str:
    language = (get_language() or "nl").split("-")[0]
    return language if language in TEXTS else "nl"


def _stylesheet() -> str:
    try:
        return f'<link rel="stylesheet" href="{html.escape(static("css/error.css"))}">'
    except ValueError:  # no manifest entry (collectstatic not run): the page works without its style
        return ""


def _page(language: str) -> str:
    order = [language, *(other for other in TEXTS if other != language)]
    sections = "\n".join(
        f'<h1 lang="{lang}">{html.escape(TEXTS[lang]["title"])}</h1>\n'
        f'<p lang="{lang}">{html.escape(TEXTS[lang]["message"])}</p>\n'
        f'<p lang="{lang}">{html.escape(TEXTS[lang]["form"])}</p>'
        for lang in order
    )
    return (
        f'<!doctype html>\n<html lang="{language}">\n<head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(TEXTS[language]['title'])}</title>\n{_stylesheet()}\n</head>\n"
        f"<body>\n<main>\n{sections}\n</main>\n</body>\n</html>\n"
    )


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 for ``request``: JSON in the API's error format under ``/api/``, a plain page elsewhere."""
    language = _language()
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"code": CODE, "message": TEXTS[language]["message"], "field": None}, status=503)
    else:
        response = HttpResponse(_page(language), status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Answers 503 with ``Retry-After`` when the database is unreachable (see the module's docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, _CAUSE_ATTRIBUTE, None) is not None:
            # Django logged the error with its traceback ("Internal Server Error") before this point.
            logger.error(
                "Database unavailable during %s %s (%s): answered 503 instead of 500",
                request.method,
                request.path,
                type(getattr(request, _CAUSE_ATTRIBUTE)).__name__,
            )
            return unavailable_response(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        logger.error(
            "Database unavailable during %s %s: answered 503",
            request.method,
            request.path,
            exc_info=(type(exception), exception, exception.__traceback__),
        )
        return unavailable_response(request)


def _note_database_error(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """Sent by Django for an exception it turns into a 500, inside the ``except`` block that caught it."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DATABASE_ERRORS):
        setattr(request, _CAUSE_ATTRIBUTE, error)


got_request_exception.connect(_note_database_error, dispatch_uid="loket.core.unavailable")

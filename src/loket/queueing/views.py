"""Placeholder: the kiosk and ticket pages are being written (see issue 4)."""

from django.http import Http404, HttpRequest, HttpResponse


def kiosk(request: HttpRequest, location_slug: str) -> HttpResponse:
    raise Http404


def kiosk_take(request: HttpRequest, location_slug: str) -> HttpResponse:
    raise Http404


def ticket_page(request: HttpRequest, key: str) -> HttpResponse:
    raise Http404


def ticket_status(request: HttpRequest, key: str) -> HttpResponse:
    raise Http404

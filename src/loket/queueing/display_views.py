"""Placeholder: the display screen is being written (see issue 4)."""

from django.http import Http404, HttpRequest, HttpResponse


def display(request: HttpRequest, key: str) -> HttpResponse:
    raise Http404


def display_calls(request: HttpRequest, key: str) -> HttpResponse:
    raise Http404

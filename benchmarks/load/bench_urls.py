"""Loket's URLs and ``/bench/ping/``: a JSON view that does nothing (no database, no template).

What it measures is the framework's floor on this machine: gunicorn, Django's request handling
and Loket's whole middleware stack, and nothing else.
"""

from django.http import HttpRequest, JsonResponse
from django.urls import path

from loket.urls import urlpatterns as loket_urlpatterns


def ping(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/ping/", ping, name="bench-ping"), *loket_urlpatterns]

"""``loket.core.unavailable``: a lost database is a 503 with Retry-After; any other error stays a 500."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client

from loket.catalog import api as catalog_api
from loket.catalog import views as catalog_views
from loket.core.unavailable import RETRY_AFTER_SECONDS

pytestmark = pytest.mark.django_db


def _raising(error: Exception) -> Any:
    def view(*args: Any, **kwargs: Any) -> Any:
        raise error

    return view


@pytest.fixture
def client() -> Client:
    return Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="fr")


def test_a_lost_database_in_the_api_is_a_503_in_its_error_format(
    client: Client, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(catalog_api.ServiceListApi, "get", _raising(OperationalError("server closed the connection")))
    with caplog.at_level(logging.ERROR, logger="loket.core.unavailable"):
        response = client.get("/api/v1/services/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert body["code"] == "unavailable" and body["field"] is None
    assert "Réessayez" in body["message"] or "réessayer" in body["message"]  # the request's language
    [record] = [r for r in caplog.records if r.name == "loket.core.unavailable"]
    assert record.exc_info is not None  # logged with its traceback, not swallowed


def test_a_broken_connection_on_a_page_is_a_plain_503_page_in_three_languages(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(catalog_views.selectors, "life_event_cards", _raising(InterfaceError("connection closed")))
    response = client.get("/fr/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert '<html lang="fr">' in page
    assert page.index("Momentanément indisponible") < page.index("Even niet bereikbaar")  # theirs first
    assert "Briefly unavailable" in page


def test_any_other_error_stays_a_server_error(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalog_api.ServiceListApi, "get", _raising(ValueError("a bug")))
    response = client.get("/api/v1/services/")
    assert response.status_code == 500
    assert "Retry-After" not in response

"""The API's per-address limits count the connecting address, not one the client claims."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

pytestmark = pytest.mark.django_db


def test_a_forged_x_forwarded_for_does_not_give_a_fresh_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(AnonRateThrottle.THROTTLE_RATES, "anon", "1/hour")
    cache.clear()
    client = APIClient()
    assert client.get("/api/v1/services/").status_code == 200
    assert client.get("/api/v1/services/").status_code == 429
    forged = client.get("/api/v1/services/", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert forged.status_code == 429
    assert forged.json()["code"] == "throttled"

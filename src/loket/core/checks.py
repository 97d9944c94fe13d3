"""System checks of the operations settings (``loket check``): caught at start, not at the first scrape."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register

from loket.core.metrics import allowed_networks


@register()
def check_metrics_access(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    messages: list[CheckMessage] = []
    try:
        allowed_networks(tuple(settings.LOKET_METRICS_ALLOWED_IPS))
    except ValueError as error:
        messages.append(
            Error(
                f"LOKET_METRICS_ALLOWED_IPS holds something that is not an address or network: {error}",
                hint="Comma-separated addresses or networks, e.g. 10.0.5.7,10.0.6.0/24.",
                id="loket.E101",
            )
        )
    token = settings.LOKET_METRICS_TOKEN
    if token and len(token) < 32:
        messages.append(
            Warning(
                "LOKET_METRICS_TOKEN is shorter than 32 characters.",
                hint="Make one with: python -c 'import secrets; print(secrets.token_urlsafe(32))'",
                id="loket.W101",
            )
        )
    return messages

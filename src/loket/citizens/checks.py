"""``manage.py check --deploy``: a production Loket has keys of its own for personal data."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def personal_data_keys_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if settings.LOKET_PERSONAL_DATA_KEYS:
        return []
    return [
        checks.Warning(
            "LOKET_PERSONAL_DATA_KEYS is not set: national register numbers are encrypted with a key "
            "derived from SECRET_KEY, so rotating the secret key loses them.",
            hint="Set LOKET_PERSONAL_DATA_KEYS to one or more Fernet keys (newest first); see docs/operations.md.",
            id="loket.W001",
        )
    ]

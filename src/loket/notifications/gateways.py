"""SMS gateways: how an SMS leaves Loket.

A gateway is any class with ``send(*, to, text, message_id)`` that returns once the provider has
accepted the message and raises otherwise; ``LOKET_SMS_GATEWAY`` names the one to use (a dotted
path, instantiated without arguments). A provider's gateway should pass ``message_id`` on as its
client reference, so that a resend after a crash can be recognised by the provider.

The default ``FileSmsGateway`` sends nothing: it appends one JSON line per SMS to
``LOKET_SMS_DIR/sms.jsonl`` and logs it, which is what a demo, a test and a municipality without
an SMS contract need. A gateway must never retry on its own: the outbox does that.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsGateway(Protocol):
    def send(self, *, to: str, text: str, message_id: str) -> None: ...


class PermanentDeliveryError(Exception):
    """The provider refused the message for good (e.g. an invalid number): retrying cannot help."""


class FileSmsGateway:
    """Writes each SMS as a JSON line under ``LOKET_SMS_DIR`` and to the log."""

    def __init__(self, directory: Path | str | None = None) -> None:
        self.directory = Path(directory or settings.LOKET_SMS_DIR)

    @property
    def path(self) -> Path:
        return self.directory / "sms.jsonl"

    def send(self, *, to: str, text: str, message_id: str) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        line = json.dumps(
            {"to": to, "text": text, "message_id": message_id, "at": timezone.now().isoformat()}, ensure_ascii=False
        )
        with self.path.open("a", encoding="utf-8") as file:
            file.write(line + "\n")
        logger.info("SMS to %s (%s): %s", to, message_id, text)


def sms_gateway() -> SmsGateway:
    gateway: SmsGateway = import_string(settings.LOKET_SMS_GATEWAY)()
    return gateway

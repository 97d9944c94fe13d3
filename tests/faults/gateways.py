"""An SMS gateway for the fault tests that can be down, and that keeps what it was given when up."""

from __future__ import annotations

import threading
from typing import ClassVar


class SwitchableSmsGateway:
    """``LOKET_SMS_GATEWAY = "tests.faults.gateways.SwitchableSmsGateway"``; state is per class (one test at a time)."""

    up: ClassVar[bool] = True
    calls: ClassVar[int] = 0
    sent: ClassVar[list[tuple[str, str, str]]] = []  # (to, message_id, text)
    _lock: ClassVar[threading.Lock] = threading.Lock()

    @classmethod
    def reset(cls, *, up: bool) -> None:
        with cls._lock:
            cls.up, cls.calls, cls.sent = up, 0, []

    def send(self, *, to: str, text: str, message_id: str) -> None:
        cls = type(self)
        with cls._lock:
            cls.calls += 1
            if not cls.up:
                raise ConnectionError("SMS gateway unreachable (the test has it down)")
            cls.sent.append((to, message_id, text))

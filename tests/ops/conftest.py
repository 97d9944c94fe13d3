"""Fixtures of the operations tests: real Redis (a database of its own) and a real SMTP server on loopback."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import redis

from tests.notifications.conftest import smtp_server  # noqa: F401 -- the real SMTP server on loopback
from tests.ops.support import REDIS_URL


@pytest.fixture
def redis_db() -> Iterator[redis.Redis]:
    """The operations tests' Redis database, empty before and after the test."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("LOKET_REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis is not reachable at {REDIS_URL}")
        pytest.skip(f"needs Redis at {REDIS_URL}")
    client.flushdb()
    yield client
    client.flushdb()
    client.close()

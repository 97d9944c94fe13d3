"""Shared test set-up.

The suite runs on SQLite by default and on PostgreSQL when ``LOKET_TEST_DATABASE_URL`` is set
(CI always sets it). Tests marked ``postgres`` skip elsewhere, and with
``LOKET_REQUIRE_POSTGRES=1`` (CI) a skip of such a test is turned into a failure.

Staff who see personal data must give a TOTP code (``loket.organisations.otp``); tests that log
staff in with ``client.force_login`` do not, unless marked ``otp``: for every other test the
code step is switched off (the session age and idle limits still hold).
"""

from __future__ import annotations

import os

import pytest


def _on_postgres() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _on_postgres():
        return
    if os.environ.get("LOKET_REQUIRE_POSTGRES") == "1":
        raise pytest.UsageError("LOKET_REQUIRE_POSTGRES=1, but LOKET_TEST_DATABASE_URL is not a PostgreSQL server")
    skip = pytest.mark.skip(reason="needs PostgreSQL: set LOKET_TEST_DATABASE_URL")
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _staff_otp_only_when_marked(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("otp"):
        return
    settings = request.getfixturevalue("settings")
    settings.LOKET_STAFF_OTP_REQUIRED = False

"""Request ids and JSON log lines (``LOKET_LOG_FORMAT``), as a process configured by the settings writes them."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from tests.ops.support import loket_env, run_python

# A process of its own, set up from the settings alone: three requests and a line outside any request.
LOGGING_PROCESS = """
import logging
from django.test import Client
client = Client(HTTP_HOST="localhost")
client.get("/health/live/nothing-here/", HTTP_X_REQUEST_ID="proxy-id-123")
client.get("/health/live/nothing-either/")
logging.getLogger("loket.ops").info("outside a request", extra={"count": 3})
try:
    1 / 0
except ZeroDivisionError:
    logging.getLogger("loket.ops").exception("it went wrong")
"""


def test_a_request_gets_a_new_request_id_in_its_response(client: Client) -> None:
    first = client.get("/health/live/")["X-Request-ID"]
    second = client.get("/health/live/")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


def test_the_request_id_of_the_proxy_is_kept(client: Client) -> None:
    response = client.get("/health/live/", HTTP_X_REQUEST_ID="f3b2c1d0-9e8f-4a7b-8c6d-5e4f3a2b1c0d")
    assert response["X-Request-ID"] == "f3b2c1d0-9e8f-4a7b-8c6d-5e4f3a2b1c0d"


@pytest.mark.parametrize("offered", ["two words", "x" * 129, "line\r\nbreak", "<script>"])
def test_a_request_id_that_is_not_a_plain_token_is_replaced(client: Client, offered: str) -> None:
    response = client.get("/health/live/", HTTP_X_REQUEST_ID=offered)
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_json_logs_are_one_object_a_line_with_time_level_logger_message_and_request_id() -> None:
    result = run_python(LOGGING_PROCESS, loket_env(LOKET_LOG_FORMAT="json"))
    assert result.returncode == 0, result.stderr

    lines = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]  # each line parses

    for line in lines:
        assert {"time", "level", "logger", "message", "request_id"} <= line.keys()
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", line["time"])
    not_found = [line for line in lines if line["logger"] == "django.request"]
    assert [(line["level"], line["message"]) for line in not_found] == [
        ("WARNING", "Not Found: /health/live/nothing-here/"),
        ("WARNING", "Not Found: /health/live/nothing-either/"),
    ]
    assert not_found[0]["request_id"] == "proxy-id-123"
    assert re.fullmatch(r"[0-9a-f]{32}", not_found[1]["request_id"])
    outside, failure = (line for line in lines if line["logger"] == "loket.ops")
    assert (outside["message"], outside["request_id"], outside["count"]) == ("outside a request", None, 3)
    assert failure["level"] == "ERROR"
    assert "ZeroDivisionError" in failure["exc_info"]


def test_text_logs_are_the_default() -> None:
    result = run_python(LOGGING_PROCESS, loket_env())
    assert result.returncode == 0, result.stderr
    assert "WARNING django.request: Not Found: /health/live/nothing-here/" in result.stderr
    assert not result.stderr.lstrip().startswith("{")

"""The proof of work of public forms: a solved challenge passes once; anything else is refused
with the stable code; without JavaScript a signed stamp passes after a few seconds.

Challenges are solved with the altcha library's own solver; time moves by passing ``now``.
"""

from __future__ import annotations

import base64
import datetime
import json

import altcha
import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape

from loket.core.challenge import (
    DEFAULT_MAX_AGE,
    DEFAULT_NO_SCRIPT_MIN_SECONDS,
    FormChallenge,
    challenge_check,
    challenge_form_stamp,
    challenge_new,
    challenge_stamp_verify,
    challenge_verify,
)
from loket.core.errors import DomainError

pytestmark = pytest.mark.django_db

SECOND = datetime.timedelta(seconds=1)


@pytest.fixture(autouse=True)
def _easy_challenges(settings) -> None:  # noqa: ANN001
    # Small enough for Python's solver to be quick, large enough to be a real search.
    settings.LOKET_CHALLENGE_MAX_NUMBER = 2_000


@pytest.fixture
def now() -> datetime.datetime:
    return timezone.now()


def solved(challenge: FormChallenge, *, number: int | None = None, signature: str | None = None) -> str:
    solution = altcha.solve_challenge_v1(challenge.challenge, challenge.salt, "SHA-256", challenge.maxnumber)
    assert solution is not None
    payload = altcha.PayloadV1(
        "SHA-256",
        challenge.challenge,
        solution.number if number is None else number,
        challenge.salt,
        challenge.signature if signature is None else signature,
    )
    return payload.to_base64()


def refused(**kwargs: object) -> DomainError:
    with pytest.raises(DomainError) as caught:
        if "stamp" in kwargs and "payload" in kwargs:
            challenge_check(**kwargs)  # type: ignore[arg-type]
        elif "stamp" in kwargs:
            challenge_stamp_verify(**kwargs)  # type: ignore[arg-type]
        else:
            challenge_verify(**kwargs)  # type: ignore[arg-type]
    assert caught.value.code == "challenge_failed"
    assert str(caught.value.message)
    return caught.value


def test_challenge_is_sha256_with_an_expiry_and_the_configured_difficulty(now: datetime.datetime) -> None:
    challenge = challenge_new(now=now)
    assert challenge.algorithm == "SHA-256"
    assert challenge.maxnumber == 2_000
    assert f"expires={int((now + DEFAULT_MAX_AGE * SECOND).timestamp())}" in challenge.salt
    assert json.loads(challenge.json) == {
        "algorithm": "SHA-256",
        "challenge": challenge.challenge,
        "maxnumber": 2_000,
        "salt": challenge.salt,
        "signature": challenge.signature,
    }


def test_correct_solution_is_accepted(now: datetime.datetime) -> None:
    challenge_verify(payload=solved(challenge_new(now=now)), now=now + 2 * SECOND)


def test_correct_solution_is_refused_the_second_time(now: datetime.datetime) -> None:
    payload = solved(challenge_new(now=now))
    challenge_verify(payload=payload, now=now + 2 * SECOND)
    refused(payload=payload, now=now + 3 * SECOND)


def test_tampered_signature_is_refused(now: datetime.datetime) -> None:
    challenge = challenge_new(now=now)
    forged = challenge.signature[:-1] + ("0" if challenge.signature[-1] != "0" else "1")
    refused(payload=solved(challenge, signature=forged), now=now)


def test_challenge_signed_with_the_raw_secret_key_is_refused(now: datetime.datetime) -> None:
    made = altcha.create_challenge_v1(
        algorithm="SHA-256",
        max_number=2_000,
        salt_length=12,
        hmac_key=settings.SECRET_KEY,
        salt="",
        number=None,
        expires=now + 60 * SECOND,
        params=None,
    )
    challenge = FormChallenge(made.algorithm, made.challenge, made.max_number, made.salt, made.signature, "")
    refused(payload=solved(challenge), now=now)


def test_wrong_number_is_refused(now: datetime.datetime) -> None:
    challenge = challenge_new(now=now)
    right = altcha.solve_challenge_v1(challenge.challenge, challenge.salt, "SHA-256", challenge.maxnumber)
    assert right is not None
    refused(payload=solved(challenge, number=right.number + 1), now=now)


def test_salt_with_a_later_expiry_is_refused(now: datetime.datetime) -> None:
    challenge = challenge_new(now=now)
    later = int((now + 10 * DEFAULT_MAX_AGE * SECOND).timestamp())
    salt = challenge.salt.split("?")[0] + f"?expires={later}&"
    # A bot that re-solves for its own salt still lacks our key to sign it.
    solution = altcha.solve_challenge_v1(challenge.challenge, challenge.salt, "SHA-256", challenge.maxnumber)
    assert solution is not None
    own_challenge = altcha.hash_hex("SHA-256", f"{salt}{solution.number}".encode())
    payload = altcha.PayloadV1("SHA-256", own_challenge, solution.number, salt, challenge.signature).to_base64()
    refused(payload=payload, now=now)


def test_expired_challenge_is_refused(now: datetime.datetime) -> None:
    payload = solved(challenge_new(now=now))
    error = refused(payload=payload, now=now + (DEFAULT_MAX_AGE + 1) * SECOND)
    with translation.override("en"):
        assert "long time" in str(error.message)


@pytest.mark.parametrize(
    "garbage",
    [
        "not base64 at all!",
        base64.b64encode(b"not json").decode(),
        base64.b64encode(b"5").decode(),
        base64.b64encode(b"[1, 2]").decode(),
        base64.b64encode(json.dumps({"algorithm": "SHA-256", "number": 1}).encode()).decode(),
        "A" * 5_000,
    ],
    ids=["not-base64", "not-json", "a-number", "a-list", "fields-missing", "huge"],
)
def test_garbage_payload_is_refused(garbage: str, now: datetime.datetime) -> None:
    refused(payload=garbage, now=now)


def test_payload_with_another_algorithm_is_refused(now: datetime.datetime) -> None:
    challenge = challenge_new(now=now)
    data = json.loads(base64.b64decode(solved(challenge)))
    data["algorithm"] = "SHA-1"
    refused(payload=base64.b64encode(json.dumps(data).encode()).decode(), now=now)


def test_missing_payload_is_refused(now: datetime.datetime) -> None:
    refused(payload="", now=now)


def test_stamp_is_accepted_after_the_minimum_wait(now: datetime.datetime) -> None:
    challenge_stamp_verify(stamp=challenge_form_stamp(now=now), now=now + DEFAULT_NO_SCRIPT_MIN_SECONDS * SECOND)


def test_stamp_is_refused_when_the_form_was_sent_too_quickly(now: datetime.datetime) -> None:
    error = refused(stamp=challenge_form_stamp(now=now), now=now + 2 * SECOND)
    with translation.override("en"):
        assert "wait a few seconds" in str(error.message)


def test_stamp_is_refused_when_the_form_was_shown_too_long_ago(now: datetime.datetime) -> None:
    refused(stamp=challenge_form_stamp(now=now), now=now + (DEFAULT_MAX_AGE + 1) * SECOND)


def test_stamp_from_the_future_is_refused(now: datetime.datetime) -> None:
    refused(stamp=challenge_form_stamp(now=now + 60 * SECOND), now=now)


def test_forged_stamp_is_refused(now: datetime.datetime) -> None:
    stamp = challenge_form_stamp(now=now)
    value, signature = stamp.rsplit(":", 1)
    earlier = challenge_form_stamp(now=now - 60 * SECOND).rsplit(":", 1)[0]
    refused(stamp=f"{earlier}:{signature}", now=now + 10 * SECOND)
    refused(stamp=f"{value}:{'A' * len(signature)}", now=now + 10 * SECOND)


def test_stamp_is_refused_the_second_time(now: datetime.datetime) -> None:
    stamp = challenge_form_stamp(now=now)
    challenge_stamp_verify(stamp=stamp, now=now + 10 * SECOND)
    refused(stamp=stamp, now=now + 11 * SECOND)


def test_minimum_wait_is_configurable(settings, now: datetime.datetime) -> None:  # noqa: ANN001
    settings.LOKET_CHALLENGE_NO_SCRIPT_MIN_SECONDS = 30
    refused(stamp=challenge_form_stamp(now=now), now=now + 10 * SECOND)


def test_check_takes_the_proof_of_work_path_when_there_is_a_payload(now: datetime.datetime) -> None:
    challenge = challenge_new(now=now)
    assert challenge_check(payload=solved(challenge), stamp=challenge.stamp, now=now + SECOND) == "proof_of_work"


def test_check_takes_the_no_script_path_without_a_payload(now: datetime.datetime) -> None:
    challenge = challenge_new(now=now)
    assert challenge_check(payload="", stamp=challenge.stamp, now=now + 10 * SECOND) == "no_script"


def test_check_refuses_a_bad_payload_even_with_a_good_stamp(now: datetime.datetime) -> None:
    challenge = challenge_new(now=now)
    refused(payload="garbage", stamp=challenge.stamp, now=now + 10 * SECOND)


def test_check_refuses_a_form_with_neither(now: datetime.datetime) -> None:
    refused(payload="", stamp="", now=now)


def test_include_renders_the_fields_the_script_and_the_live_region(now: datetime.datetime) -> None:
    challenge = challenge_new(now=now)
    html = render_to_string("core/_challenge.html", {"challenge": challenge})
    assert 'name="altcha" value=""' in html
    assert f'name="challenge_stamp" value="{challenge.stamp}"' in html
    assert f'data-challenge="{escape(challenge.json)}"' in html
    assert 'aria-live="polite"' in html
    assert '<script src="/static/js/proof-of-work.js" defer></script>' in html


def test_used_solution_stays_refused_while_the_cache_fills_with_rate_limit_counters(now: datetime.datetime) -> None:
    from django.core.cache import cache

    payload = solved(challenge_new(now=now))
    challenge_verify(payload=payload, now=now)
    for client in range(400):  # django-ratelimit's counters are "rl:..." keys, above ours
        cache.set(f"rl:{client:040x}", 1, timeout=300)
    refused(payload=payload, now=now + SECOND)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_same_solution_sent_by_ten_clients_at_once_is_accepted_exactly_once(now: datetime.datetime) -> None:
    import threading

    from django.db import connection

    payload = solved(challenge_new(now=now))
    barrier = threading.Barrier(10)
    outcomes: list[str] = []

    def client() -> None:
        try:
            barrier.wait()
            challenge_verify(payload=payload, now=now)
            outcomes.append("accepted")
        except DomainError as error:
            outcomes.append(error.code)
        finally:
            connection.close()  # each thread has its own connection, like another process

    threads = [threading.Thread(target=client) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["accepted"] + ["challenge_failed"] * 9

"""A privacy-friendly proof of work for public forms (the booking form first).

What it protects against: bots that submit a public form by the thousand, such as a script that
grabs every free appointment slot to resell it. Each submission must carry either

- a *proof of work* (the ``proof_of_work`` path): the browser searches for the number behind an
  ALTCHA challenge (SHA-256 of salt + number) and sends it back; this costs a normal phone a
  fraction of a second once, and costs a bot the same CPU for every single submission; or
- a signed *form stamp* (the ``no_script`` path): a citizen without JavaScript (or whose browser
  lacks WebCrypto) can still send the form, but only some seconds after it was shown and before
  it grows stale. The caller must apply a stricter rate limit on this path, because waiting
  costs a bot nothing but time.

Both are accepted once: a used challenge or stamp is remembered in Django's cache (the database
cache shared by every process) with ``cache.add``, so two processes cannot both accept it.

Why proof of work: no cookie, no third party (the challenge is made and checked here, the solver
is our own ``static/js/proof-of-work.js``), and no personal data: nothing about the citizen is
stored or sent anywhere, so there is nothing to consent to and nothing to retain.

What it cannot do: it makes abuse cost money, it does not make it impossible. A determined bot
with a few CPUs pays cents for thousands of solutions. It proves nothing about who is a person;
the booking rules (one appointment per person, the online quota, rate limits per client) are
what keep slots fair. Nor does it replace CSRF protection or the form's own validation.

This module must never read the raw SECRET_KEY as an HMAC key, never store anything about the
citizen, and never block the no-JavaScript path outright.

Use in a view::

    from loket.core import challenge

    if request.method == "POST":
        try:
            path = challenge.challenge_check(
                payload=request.POST.get(challenge.PAYLOAD_FIELD, ""),
                stamp=request.POST.get(challenge.STAMP_FIELD, ""),
            )
        except DomainError as error:
            ...  # show error.message above the form, render it again with a new challenge
        if path == "no_script":
            ...  # the stricter rate limit
    context["challenge"] = challenge.challenge_new()  # new on every render, also after an error

and in the form's template, once: ``{% include "core/_challenge.html" with challenge=challenge %}``.

It uses the ALTCHA v1 protocol of the ``altcha`` library (``create_challenge_v1`` and
``verify_solution_v1``): a plain SHA-256 search that WebCrypto can do in every browser.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
import secrets
from dataclasses import asdict, dataclass
from typing import Literal

import altcha
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from loket.core.errors import DomainError

PAYLOAD_FIELD = "altcha"  # the form field holding the solved challenge (the ALTCHA widget's name)
STAMP_FIELD = "challenge_stamp"  # the form field holding the signed "form shown at" stamp
CODE = "challenge_failed"

# The secret number is uniform in 0..max, so the average search is half of it. Measured in
# headless Chromium (WebCrypto in a Web Worker, on a shared server core): the worst case at
# 50,000 took about 0.55 s from navigation, and 1.2 s with the CPU throttled 4x like a modest
# phone; the average is half that.
DEFAULT_MAX_NUMBER = 50_000
DEFAULT_MAX_AGE = 30 * 60  # seconds a form may stay open: booking can take a while
DEFAULT_NO_SCRIPT_MIN_SECONDS = 5

ALGORITHM: Literal["SHA-256"] = "SHA-256"
_KEY_SALT = "loket.core.challenge"
_STAMP_SALT = "loket.core.challenge.stamp"
_MAX_PAYLOAD_LENGTH = 2_000  # a real payload is about 400 characters

MESSAGE_FAILED = _("We could not check that this form was sent by a person. Please send it again.")
MESSAGE_TOO_QUICK = _("This form was sent very quickly. Please wait a few seconds and send it again.")
MESSAGE_EXPIRED = _("This form was open for a long time. Please check it and send it again.")

PassedPath = Literal["proof_of_work", "no_script"]


@dataclass(frozen=True)
class FormChallenge:
    """What a form embeds: the ALTCHA challenge and the no-script stamp."""

    algorithm: str
    challenge: str
    maxnumber: int
    salt: str
    signature: str
    stamp: str

    @property
    def json(self) -> str:
        """The challenge as the solver reads it (without the stamp, which it does not need)."""
        data = asdict(self)
        del data["stamp"]
        return json.dumps(data, separators=(",", ":"))


def _hmac_key() -> str:
    # Derived from SECRET_KEY, never SECRET_KEY itself: a leak of this key forges challenges only.
    return salted_hmac(_KEY_SALT, "altcha-hmac-key", algorithm="sha256").hexdigest()


def _max_number() -> int:
    return int(getattr(settings, "LOKET_CHALLENGE_MAX_NUMBER", DEFAULT_MAX_NUMBER))


def _max_age() -> int:
    return int(getattr(settings, "LOKET_CHALLENGE_MAX_AGE", DEFAULT_MAX_AGE))


def _no_script_min_seconds() -> int:
    return int(getattr(settings, "LOKET_CHALLENGE_NO_SCRIPT_MIN_SECONDS", DEFAULT_NO_SCRIPT_MIN_SECONDS))


def _failed(message: str | Promise = MESSAGE_FAILED) -> DomainError:
    return DomainError(message, code=CODE)


def _accept_once(key: str, *, expires_at: float, now: datetime.datetime) -> None:
    """Remember ``key`` until ``expires_at``; refuse it if another request already did."""
    timeout = max(1, int(expires_at - now.timestamp()) + 1)
    if not cache.add(key, True, timeout=timeout):
        raise _failed()


def challenge_new(*, now: datetime.datetime | None = None) -> FormChallenge:
    """A new challenge and stamp for one rendering of a form."""
    now = now or timezone.now()
    made = altcha.create_challenge_v1(
        algorithm=ALGORITHM,
        max_number=_max_number(),
        salt_length=12,
        hmac_key=_hmac_key(),
        salt="",
        number=None,
        expires=now + datetime.timedelta(seconds=_max_age()),
        params=None,
    )
    return FormChallenge(
        algorithm=made.algorithm,
        challenge=made.challenge,
        maxnumber=made.max_number,
        salt=made.salt,
        signature=made.signature,
        stamp=challenge_form_stamp(now=now),
    )


def _decode_payload(payload: str) -> altcha.PayloadV1:
    if not payload or len(payload) > _MAX_PAYLOAD_LENGTH:
        raise _failed()
    try:
        data = json.loads(base64.b64decode(payload, validate=True))
    except (binascii.Error, ValueError):
        raise _failed() from None
    if not isinstance(data, dict):
        raise _failed()
    strings = ("algorithm", "challenge", "salt", "signature")
    if not all(isinstance(data.get(name), str) for name in strings):
        raise _failed()
    number = data.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or number < 0:
        raise _failed()
    if data["algorithm"] != ALGORITHM:  # we issue SHA-256 only; refuse anything else outright
        raise _failed()
    return altcha.PayloadV1(ALGORITHM, data["challenge"], number, data["salt"], data["signature"])


def challenge_verify(*, payload: str, now: datetime.datetime | None = None) -> None:
    """Accept a solved challenge once, or raise ``DomainError`` (code ``challenge_failed``)."""
    now = now or timezone.now()
    solution = _decode_payload(payload)
    # The library would check the expiry against its own clock; we check it against ``now``.
    expires = altcha.extract_params_v1(solution.to_dict()).get("expires")
    try:
        expires_at = float(expires[0]) if expires else None
    except ValueError:
        expires_at = None
    if expires_at is None:
        raise _failed()
    ok, _error = altcha.verify_solution_v1(solution, _hmac_key(), check_expires=False)
    if not ok:
        raise _failed()
    # Only a correctly signed salt is trusted for its expiry, hence after the signature check.
    if expires_at < now.timestamp():
        raise _failed(MESSAGE_EXPIRED)
    _accept_once(f"loket:challenge:pow:{solution.challenge}", expires_at=expires_at, now=now)


def challenge_form_stamp(*, now: datetime.datetime | None = None) -> str:
    """A signed "form shown at" time, with a nonce so that it can be accepted once."""
    now = now or timezone.now()
    shown_at = int(now.timestamp())
    return signing.Signer(salt=_STAMP_SALT).sign_object({"t": shown_at, "n": secrets.token_hex(12)})


def challenge_stamp_verify(*, stamp: str, now: datetime.datetime | None = None) -> None:
    """Accept a stamp once if the form was shown long enough ago and not too long ago."""
    now = now or timezone.now()
    if not stamp or len(stamp) > _MAX_PAYLOAD_LENGTH:
        raise _failed()
    try:
        data = signing.Signer(salt=_STAMP_SALT).unsign_object(stamp)
    except (signing.BadSignature, ValueError):
        raise _failed() from None
    if not isinstance(data, dict) or not isinstance(data.get("t"), int) or not isinstance(data.get("n"), str):
        raise _failed()
    shown_at: int = data["t"]
    elapsed = now.timestamp() - shown_at
    if elapsed < _no_script_min_seconds():  # also a stamp from the future (clocks of two servers)
        raise _failed(MESSAGE_TOO_QUICK)
    if elapsed > _max_age():
        raise _failed(MESSAGE_EXPIRED)
    _accept_once(f"loket:challenge:stamp:{data['n']}", expires_at=shown_at + _max_age(), now=now)


def challenge_check(*, payload: str, stamp: str, now: datetime.datetime | None = None) -> PassedPath:
    """Check a posted form: the proof of work when there is one, else the no-script stamp.

    Returns the path that passed; the caller applies its stricter rate limit to ``"no_script"``.
    A payload that is present but wrong is refused, not retried as no-script: a browser that ran
    the solver and sent garbage is not a citizen without JavaScript.
    """
    if payload:
        challenge_verify(payload=payload, now=now)
        return "proof_of_work"
    challenge_stamp_verify(stamp=stamp, now=now)
    return "no_script"

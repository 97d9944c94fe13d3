"""Encryption of the national register number, and the keyed hash that lets staff find a person by it.

Written on ``cryptography``'s Fernet (AES-128-CBC with HMAC-SHA256, a timestamp and a version
byte): a well-kept primitive, so what is here is only the choice of keys. ``MultiFernet``
decrypts with any key of ``LOKET_PERSONAL_DATA_KEYS`` and encrypts with the first, so a key is
rotated by putting a new one first (``loket`` re-encrypts nothing by itself; see
docs/operations.md). Without that setting the keys derive from ``SECRET_KEY``, which suits a demo
and tests; ``check --deploy`` warns about it (``loket.citizens.checks``).

The lookup hash is an HMAC of the normalised number under its own key, derived from the first
encryption key: equal numbers give equal hashes, so a unique constraint holds and a search by
number needs no decryption, while the database alone reveals no number.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


def _derived_key(secret: str, purpose: str) -> bytes:
    digest = hashlib.sha256(f"loket.citizens.{purpose}:{secret}".encode()).digest()
    return base64.urlsafe_b64encode(digest)


@cache
def _keys() -> tuple[bytes, ...]:
    configured = tuple(key.encode() for key in getattr(settings, "LOKET_PERSONAL_DATA_KEYS", ()) if key)
    return configured or (_derived_key(settings.SECRET_KEY, "fernet"),)


def keys_configured() -> bool:
    return bool(getattr(settings, "LOKET_PERSONAL_DATA_KEYS", ()))


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in _keys()])


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode("ascii")


def decrypt(token: str) -> str:
    """The plain value; ``InvalidToken`` (an error, never swallowed) when no key opens it."""
    return _fernet().decrypt(token.encode("ascii")).decode()


def lookup_hash(value: str) -> str:
    key = hashlib.sha256(b"loket.citizens.lookup:" + _keys()[0]).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def clear_key_cache() -> None:
    """For tests that change ``LOKET_PERSONAL_DATA_KEYS``."""
    _keys.cache_clear()


__all__ = ["InvalidToken", "clear_key_cache", "decrypt", "encrypt", "keys_configured", "lookup_hash"]

"""Encryption of the national register number, and the keyed hash that lets staff find a person by it.

Written on ``cryptography``'s Fernet (AES-128-CBC with HMAC-SHA256, a timestamp and a version
byte): a well-kept primitive, so what is here is only the choice of keys. ``MultiFernet``
decrypts with any key of ``LOKET_PERSONAL_DATA_KEYS`` and encrypts with the first, so a key is
rotated by putting a new one first. Without that setting the keys derive from ``SECRET_KEY`` and
then from each of ``SECRET_KEY_FALLBACKS``, so rotating the secret key the Django way keeps every
stored number readable. (Loket re-encrypts nothing by itself; see docs/operations.md.)

The lookup hash is an HMAC of the normalised number under its own key, derived from an
encryption key: equal numbers give equal hashes, so a unique constraint holds and a search by
number needs no decryption, while the database alone reveals no number. New hashes use the
current key; a search tries the hash under every key (``lookup_hashes``), so a person stored
before a rotation is still found.
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
    if configured:
        return configured
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", ())]
    return tuple(_derived_key(secret, "fernet") for secret in secrets)


def keys_configured() -> bool:
    return bool(getattr(settings, "LOKET_PERSONAL_DATA_KEYS", ()))


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in _keys()])


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode("ascii")


def decrypt(token: str) -> str:
    """The plain value; ``InvalidToken`` (an error, never swallowed) when no key opens it."""
    return _fernet().decrypt(token.encode("ascii")).decode()


def _lookup_hash(value: str, key: bytes) -> str:
    mac_key = hashlib.sha256(b"loket.citizens.lookup:" + key).digest()
    return hmac.new(mac_key, value.encode(), hashlib.sha256).hexdigest()


def lookup_hash(value: str) -> str:
    """The hash to store for ``value`` (under the current key)."""
    return _lookup_hash(value, _keys()[0])


def lookup_hashes(value: str) -> list[str]:
    """The hashes ``value`` may be stored under: the current key's first, then the older keys'."""
    return [_lookup_hash(value, key) for key in _keys()]


def clear_key_cache() -> None:
    """For tests that change ``LOKET_PERSONAL_DATA_KEYS``."""
    _keys.cache_clear()


__all__ = ["InvalidToken", "clear_key_cache", "decrypt", "encrypt", "keys_configured", "lookup_hash", "lookup_hashes"]

"""Phone numbers as Loket stores them: E.164 (``+32470123456``), from however a person writes them.

One rule for the whole project (bookings, tickets, the citizen record, the outbox), kept here
because every app needs it and it depends on nothing.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from loket.core.errors import DomainError

E164 = re.compile(r"^\+[1-9]\d{6,14}$")


def clean_phone(phone: str, *, mobile: bool = True) -> str:
    """The number in E.164, or a ``DomainError`` on the field ``phone``.

    Belgian numbers may be written the local way: ``0470 12 34 56`` (a mobile, ten digits) or,
    where a landline will do (``mobile=False``: the citizen record), ``015 20 11 22`` (nine).
    """
    number = re.sub(r"[\s./()-]", "", phone)
    if number.startswith("00"):
        number = "+" + number[2:]
    elif number.startswith("0") and (len(number) == 10 or (not mobile and len(number) == 9)):
        number = "+32" + number[1:]
    if not E164.match(number):
        if mobile:
            message = _("This mobile phone number is not valid: write it with its country code, e.g. +32 470 12 34 56.")
        else:
            message = _("This phone number is not valid: write it with its country code, e.g. +32 15 20 11 22.")
        raise DomainError(message, code="invalid", field="phone")
    return number

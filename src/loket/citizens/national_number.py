"""The Belgian national register number (rijksregisternummer / numéro de registre national).

Eleven digits: birth date YYMMDD, a serial (odd for men, even for women), and a check number:
97 minus the first nine digits modulo 97; for people born in 2000 or later the nine digits are
prefixed with a 2 before taking the modulo. Plain functions, no Django.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s.\-]")


def normalise(value: str) -> str:
    """The digits only: '85.07.30-033.28' -> '85073003328'."""
    return _SEPARATORS.sub("", value or "")


def is_valid(value: str) -> bool:
    digits = normalise(value)
    if len(digits) != 11 or not digits.isdigit():
        return False
    body, check = int(digits[:9]), int(digits[9:])
    return check in (97 - body % 97, 97 - int("2" + digits[:9]) % 97)


def masked(digits: str) -> str:
    """What staff who may not see the number are shown: the birth date part only is hidden too.

    '85073003328' -> '••.••.••-•••.28': the last two digits let a clerk check a number the
    citizen reads out, without the record revealing it.
    """
    return f"••.••.••-•••.{digits[-2:]}" if len(digits) == 11 else "•" * len(digits)


def formatted(digits: str) -> str:
    """'85073003328' -> '85.07.30-033.28'."""
    if len(digits) != 11:
        return digits
    return f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}-{digits[6:9]}.{digits[9:]}"

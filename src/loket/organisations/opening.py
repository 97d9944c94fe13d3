"""When a location is open, per kind of desk: weekly hours, exceptions and Belgian public holidays.

STUB: interface fixed; the real rules come with the organisations work.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from loket.organisations.models import Location


@dataclass(frozen=True)
class OpeningPeriod:
    opens: datetime.time
    closes: datetime.time


@dataclass(frozen=True)
class DayOpening:
    day: datetime.date
    periods: tuple[OpeningPeriod, ...]
    closed_reason: str  # e.g. the public holiday's name in the current language; "" when open or simply shut


def opening_on(*, location: Location, day: datetime.date, desk_kind: str) -> DayOpening:
    """The opening periods of ``location``'s ``desk_kind`` desks on ``day`` (local time)."""
    periods = tuple(
        OpeningPeriod(h.opens, h.closes)
        for h in location.opening_hours.all()
        if h.weekday == day.weekday() and h.desk_kind == desk_kind
    )
    return DayOpening(day=day, periods=periods, closed_reason="")


def next_opening(
    *, location: Location, after: datetime.datetime, desk_kind: str, days: int = 14
) -> datetime.datetime | None:
    """The next moment (aware, Europe/Brussels) at or after ``after`` when such a desk opens."""
    return None

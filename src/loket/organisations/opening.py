"""When a location is open, per kind of desk: weekly hours, exceptions and Belgian public holidays.

Database glue around ``opening_engine`` (where the rules live): it reads a Location's weekly hours
and exceptions, prefetched when the caller used ``selectors.locations_public`` and queried once
otherwise, names the holidays in the active language, and asks the engine. Reads only: nothing
here writes.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import translation

from loket.core.i18n import translated
from loket.organisations.models import Location, OpeningException
from loket.organisations.opening_engine import (
    DayOpening,
    ExceptionRule,
    OpeningPeriod,
    OpeningRules,
    WeeklyPeriod,
    next_opening_moment,
    opening_for_day,
    public_holidays,
)

__all__ = ["DayOpening", "OpeningPeriod", "location_rules", "next_opening", "opening_days", "opening_on"]


def local_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def location_rules(
    *, location: Location, start: datetime.date, end: datetime.date, language: str | None = None
) -> OpeningRules:
    """The engine's view of ``location`` for the dates ``start`` up to and including ``end``."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    weekly = tuple(
        WeeklyPeriod(weekday=h.weekday, desk_kind=h.desk_kind, opens=h.opens, closes=h.closes)
        for h in location.opening_hours.all()
    )
    exceptions = tuple(
        ExceptionRule(
            day=e.date,
            kind="extra" if e.kind == "extra" else "closed",
            desk_kind=e.desk_kind,
            opens=e.opens,
            closes=e.closes,
            # a closed door needs a reason, even when it was written in another language
            reason=translated(e, "reason", language).text,
        )
        for e in _exceptions_between(location, start, end)
    )
    holidays = public_holidays(
        years=range(start.year, end.year + 1),
        language=language,
        region=location.extra_holiday_region,
        closed=location.closed_on_public_holidays,
    )
    return OpeningRules(weekly=weekly, exceptions=exceptions, holidays=holidays)


def opening_on(*, location: Location, day: datetime.date, desk_kind: str) -> DayOpening:
    """The opening periods of ``location``'s ``desk_kind`` desks on ``day`` (local time)."""
    rules = location_rules(location=location, start=day, end=day)
    return opening_for_day(rules, day, desk_kind)


def opening_days(*, location: Location, start: datetime.date, days: int, desk_kind: str) -> list[DayOpening]:
    """``days`` consecutive days from ``start``, each with its actual periods (exceptions applied)."""
    end = start + datetime.timedelta(days=max(days - 1, 0))
    rules = location_rules(location=location, start=start, end=end)
    return [opening_for_day(rules, start + datetime.timedelta(days=i), desk_kind) for i in range(days)]


def next_opening(
    *, location: Location, after: datetime.datetime, desk_kind: str, days: int = 14
) -> datetime.datetime | None:
    """The next moment (aware, Europe/Brussels) at or after ``after`` when such a desk is open.

    ``after`` itself when a desk is open then; ``None`` when none opens within ``days`` days.
    """
    tz = local_tz()
    start = after.astimezone(tz).date()
    rules = location_rules(location=location, start=start, end=start + datetime.timedelta(days=days))
    return next_opening_moment(rules, after=after, desk_kind=desk_kind, days=days, tz=tz)


def _exceptions_between(location: Location, start: datetime.date, end: datetime.date) -> list[OpeningException]:
    prefetched = getattr(location, "_prefetched_objects_cache", {})
    window_from = getattr(location, "exceptions_from", None)  # set by selectors.locations_public
    window_until = getattr(location, "exceptions_until", None)
    covered = window_from is not None and window_until is not None and window_from <= start and end <= window_until
    if "opening_exceptions" in prefetched and covered:
        return [e for e in location.opening_exceptions.all() if start <= e.date <= end]
    # Not through ``location.opening_exceptions``: once prefetched, that manager's queryset keeps the
    # prefetch's date filter, and a date outside it would come back empty.
    return list(OpeningException.objects.filter(location_id=location.pk, date__gte=start, date__lte=end))

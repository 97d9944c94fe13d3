"""The opening-hours rules as a plain engine: weekly hours, exceptions and holidays in, periods out.

No database and no Django here: ``opening.py`` turns a Location into :class:`OpeningRules` and
this module answers "when is this kind of desk open on this date?". Keeping it plain makes the
rules cheap to property-test and reusable by the availability engine later.

The rules, in the order they apply to one date and one kind of desk:

1. the weekly periods of that weekday for that kind of desk;
2. a public holiday (when the location closes on them) removes them all, with the holiday's name
   as the reason;
3. a closure for the whole location or for that kind of desk removes them: all day when it has
   no hours, only the span between its hours when it has some;
4. an extra opening for the whole location or for that kind of desk adds its span. Extra openings
   come last on purpose: they are the most specific decision a manager takes ("open on this
   holiday Sunday for the elections") and must win over the general rules;
5. overlapping or touching periods merge, so callers never see two periods that overlap.

Belgian public holidays come from the maintained ``holidays`` library; the Flemish Community's
11 July and the Brussels-Capital Region's 8 May are not in its public calendar (they are holidays
for the community's or region's own services only) and are added here when a location asks.
This module must never read the clock: "today" is always passed in.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import holidays as holidays_lib

ExceptionKindCode = Literal["closed", "extra"]
RegionCode = Literal["", "vl", "bru"]

ALL_DESKS = ""  # an exception with this desk kind applies to every kind of desk at the location

# The ``holidays`` library's language codes for Loket's languages.
_HOLIDAY_LANGUAGES = {"nl": "nl", "fr": "fr", "en": "en_US"}

# Regional holidays the library does not put in Belgium's public calendar, in Loket's languages.
_REGIONAL_HOLIDAYS: dict[str, tuple[int, int, dict[str, str]]] = {
    "vl": (
        7,
        11,
        {
            "nl": "Feest van de Vlaamse Gemeenschap",
            "fr": "Fête de la Communauté flamande",
            "en": "Flemish Community Day",
        },
    ),
    "bru": (
        5,
        8,
        {
            "nl": "Feest van het Brussels Hoofdstedelijk Gewest (Irisfeest)",
            "fr": "Fête de la Région de Bruxelles-Capitale (fête de l'Iris)",
            "en": "Brussels-Capital Region Day (Iris Day)",
        },
    ),
}


@dataclass(frozen=True, order=True)
class OpeningPeriod:
    """One span of a day when a desk is open, in local time; ``opens`` is before ``closes``."""

    opens: datetime.time
    closes: datetime.time


@dataclass(frozen=True)
class DayOpening:
    """What a citizen needs to know about one date: the periods, or why it is closed."""

    day: datetime.date
    periods: tuple[OpeningPeriod, ...]
    closed_reason: str  # e.g. the public holiday's name in the current language; "" when open or simply shut

    @property
    def is_open(self) -> bool:
        return bool(self.periods)


@dataclass(frozen=True)
class WeeklyPeriod:
    """A row of the weekly schedule: ``weekday`` 0 is Monday."""

    weekday: int
    desk_kind: str
    opens: datetime.time
    closes: datetime.time


@dataclass(frozen=True)
class ExceptionRule:
    """A closure or an extra opening on one date, for one kind of desk or (``""``) all of them."""

    day: datetime.date
    kind: ExceptionKindCode
    desk_kind: str = ALL_DESKS
    opens: datetime.time | None = None
    closes: datetime.time | None = None
    reason: str = ""

    def applies_to(self, desk_kind: str) -> bool:
        return self.desk_kind in (ALL_DESKS, desk_kind)

    @property
    def is_whole_day(self) -> bool:
        return self.opens is None or self.closes is None


@dataclass(frozen=True)
class OpeningRules:
    """Everything the engine needs about one location."""

    weekly: tuple[WeeklyPeriod, ...] = ()
    exceptions: tuple[ExceptionRule, ...] = ()
    holidays: Mapping[datetime.date, str] = field(default_factory=dict)


def opening_for_day(rules: OpeningRules, day: datetime.date, desk_kind: str) -> DayOpening:
    """The periods ``desk_kind`` desks are open on ``day``, applying the rules of the module doc."""
    periods = [
        OpeningPeriod(w.opens, w.closes)
        for w in rules.weekly
        if w.weekday == day.weekday() and w.desk_kind == desk_kind
    ]
    reason = ""
    if day in rules.holidays:
        periods = []
        reason = rules.holidays[day]
    todays = [e for e in rules.exceptions if e.day == day and e.applies_to(desk_kind)]
    for closure in (e for e in todays if e.kind == "closed"):
        if closure.opens is None or closure.closes is None:
            periods = []
            reason = closure.reason or reason
        elif closure.opens is not None and closure.closes is not None:
            periods = _subtract(periods, OpeningPeriod(closure.opens, closure.closes))
    for extra in (e for e in todays if e.kind == "extra"):
        if extra.opens is not None and extra.closes is not None and extra.opens < extra.closes:
            periods.append(OpeningPeriod(extra.opens, extra.closes))
    merged = _merge(p for p in periods if p.opens < p.closes)
    return DayOpening(day=day, periods=merged, closed_reason="" if merged else reason)


def next_opening_moment(
    rules: OpeningRules,
    *,
    after: datetime.datetime,
    desk_kind: str,
    days: int,
    tz: datetime.tzinfo,
) -> datetime.datetime | None:
    """The first moment at or after ``after`` (aware) when a ``desk_kind`` desk is open, in ``tz``.

    When a desk is open at ``after`` itself, that is ``after``; ``None`` when nothing opens within
    ``days`` days.
    """
    local = after.astimezone(tz)
    for offset in range(days + 1):
        day = local.date() + datetime.timedelta(days=offset)
        for period in opening_for_day(rules, day, desk_kind).periods:
            opens = datetime.datetime.combine(day, period.opens, tzinfo=tz)
            closes = datetime.datetime.combine(day, period.closes, tzinfo=tz)
            if closes <= local:
                continue
            return local if opens <= local else opens
    return None


def public_holidays(
    *, years: Iterable[int], language: str, region: str = "", closed: bool = True
) -> dict[datetime.date, str]:
    """Belgian public holidays in ``years`` named in ``language`` (nl/fr/en), plus the region's own.

    ``closed=False`` (a location that opens on public holidays) gives no holidays at all.
    """
    if not closed:
        return {}
    result: dict[datetime.date, str] = {}
    for year in years:
        result.update(_holidays_of_year(year, language, region))
    return result


@functools.lru_cache(maxsize=64)
def _holidays_of_year(year: int, language: str, region: str) -> dict[datetime.date, str]:
    lang = language if language in _HOLIDAY_LANGUAGES else "nl"
    names: dict[datetime.date, str] = dict(holidays_lib.Belgium(years=year, language=_HOLIDAY_LANGUAGES[lang]).items())
    if region in _REGIONAL_HOLIDAYS:
        month, day, labels = _REGIONAL_HOLIDAYS[region]
        names.setdefault(datetime.date(year, month, day), labels[lang])
    return names


def _subtract(periods: list[OpeningPeriod], cut: OpeningPeriod) -> list[OpeningPeriod]:
    """``periods`` minus the span ``cut`` (a partial closure)."""
    result: list[OpeningPeriod] = []
    for period in periods:
        if cut.closes <= period.opens or cut.opens >= period.closes:
            result.append(period)
            continue
        if period.opens < cut.opens:
            result.append(OpeningPeriod(period.opens, cut.opens))
        if cut.closes < period.closes:
            result.append(OpeningPeriod(cut.closes, period.closes))
    return result


def _merge(periods: Iterable[OpeningPeriod]) -> tuple[OpeningPeriod, ...]:
    """Sorted periods with overlapping and touching ones joined."""
    merged: list[OpeningPeriod] = []
    for period in sorted(periods):
        if merged and period.opens <= merged[-1].closes:
            last = merged[-1]
            merged[-1] = OpeningPeriod(last.opens, max(last.closes, period.closes))
        else:
            merged.append(period)
    return tuple(merged)

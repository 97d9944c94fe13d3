"""Plain helpers of the dashboard's figures: periods, percentiles, distributions and rates.

No database here: ``selectors`` reads the stored events and hands plain numbers to these
functions, so the arithmetic (in particular the percentiles of the SQLite path, which must agree
with PostgreSQL's ``percentile_cont``) is tested without Django. Nothing here may ever write.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Period:
    """The local dates ``[start, end)``: half-open, so consecutive periods never share a day."""

    start: datetime.date
    end: datetime.date

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError("A period ends after it starts.")

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def previous(self) -> Period:
        """The period of the same length just before this one (the dashboard's comparison)."""
        return Period(self.start - datetime.timedelta(days=self.days), self.start)

    def bounds(self, tz: ZoneInfo) -> tuple[datetime.datetime, datetime.datetime]:
        """Local midnight of ``start`` and of ``end``, as aware datetimes: ``[from, until)``."""
        return (
            datetime.datetime.combine(self.start, datetime.time(), tzinfo=tz),
            datetime.datetime.combine(self.end, datetime.time(), tzinfo=tz),
        )


@dataclass(frozen=True)
class Distribution:
    """Durations in seconds: how many, their mean, median and 90th percentile (``None`` when empty)."""

    count: int
    mean: float | None
    median: float | None
    p90: float | None


EMPTY = Distribution(0, None, None, None)


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """The ``fraction`` percentile of sorted ``values`` with linear interpolation between the two
    nearest ranks: what PostgreSQL's ``percentile_cont(fraction)`` gives."""
    if not values:
        return None
    position = fraction * (len(values) - 1)
    lower = math.floor(position)
    upper = min(lower + 1, len(values) - 1)
    return float(values[lower] + (values[upper] - values[lower]) * (position - lower))


def distribution(values: Iterable[float]) -> Distribution:
    ordered = sorted(values)
    if not ordered:
        return EMPTY
    return Distribution(
        count=len(ordered),
        mean=math.fsum(ordered) / len(ordered),
        median=percentile(ordered, 0.5),
        p90=percentile(ordered, 0.9),
    )


def rate(part: int, whole: int) -> float | None:
    """``part / whole``, or ``None`` when there is nothing to divide (never a made-up 0 %)."""
    return part / whole if whole else None


def change(current: float | None, previous: float | None) -> float | None:
    """Relative change from ``previous`` to ``current`` (0.1 is 10 % more); ``None`` when undefined."""
    if current is None or previous is None or previous == 0:
        return None
    return (current - previous) / previous


def argmax(counts: Sequence[int]) -> int | None:
    """The index of the largest count (the first of equals); ``None`` when all are zero."""
    if not counts or max(counts) == 0:
        return None
    return max(range(len(counts)), key=lambda index: (counts[index], -index))

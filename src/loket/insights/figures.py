"""Plain helpers of the dashboard's figures: periods, percentiles, distributions and rates.

No database here: ``selectors`` reads the stored events and hands plain numbers to these
functions, so the arithmetic (in particular the percentiles of the SQLite path, which must agree
with PostgreSQL's ``percentile_cont``) is tested without Django. Nothing here may ever write.
"""

from __future__ import annotations

import bisect
import datetime
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
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


# --- Histograms (the daily roll-up's durations) -------------------------------------------------
#
# The roll-up keeps durations as counts per bucket (and the sum of the seconds in each bucket), so
# a year of a region is a few thousand rows instead of millions of events. Buckets are 5 s wide
# up to 2 minutes, then 5 % wider each (5 % of the value at most), up to 8 hours; the last one is
# open. A percentile read from them is within one bucket of the exact one, and exact where the
# ranks it needs are alone in their bucket (small counts): see ``Histogram.percentile``.


def _bucket_edges() -> tuple[int, ...]:
    edges = list(range(0, 120, 5))
    edge = 120
    while edge < 8 * 3600:
        edges.append(edge)
        edge = max(edge + 5, round(edge * 1.05))
    edges.append(8 * 3600)
    return tuple(edges)


BUCKET_EDGES: tuple[int, ...] = _bucket_edges()  # lower edges in seconds; bucket i is [edge i, edge i+1)
LAST_BUCKET = len(BUCKET_EDGES) - 1


def bucket_of(seconds: float) -> int:
    """The bucket a duration falls in (a negative duration counts as 0 s)."""
    return max(0, bisect.bisect_right(BUCKET_EDGES, seconds) - 1)


def bucket_bounds(bucket: int) -> tuple[float, float]:
    """``[lower, upper)`` of a bucket; the last one is open (``upper`` is infinite)."""
    lower = float(BUCKET_EDGES[bucket])
    return lower, float(BUCKET_EDGES[bucket + 1]) if bucket < LAST_BUCKET else math.inf


@dataclass
class Histogram:
    """Durations as ``{bucket: [count, sum of seconds]}``: added to, merged, read as a distribution."""

    buckets: dict[int, list[float]] = field(default_factory=dict)

    def add(self, seconds: float, *, count: int = 1, total: float | None = None) -> None:
        """One duration (or ``count`` of them summing to ``total``, as a roll-up row holds)."""
        self.add_bucket(bucket_of(seconds), count, seconds * count if total is None else total)

    def add_bucket(self, bucket: int, count: int, total: float) -> None:
        slot = self.buckets.setdefault(bucket, [0, 0.0])
        slot[0] += count
        slot[1] += total

    def merge(self, other: Histogram) -> None:
        for bucket, (count, total) in other.buckets.items():
            self.add_bucket(bucket, int(count), total)

    def rows(self) -> Iterator[tuple[int, int, float]]:
        """``(bucket, count, seconds)`` in bucket order, empty buckets left out."""
        for bucket in sorted(self.buckets):
            count, total = self.buckets[bucket]
            if count:
                yield bucket, int(count), total

    @property
    def count(self) -> int:
        return int(sum(count for count, _total in self.buckets.values()))

    def _at_rank(self, rank: int) -> float:
        """The estimated value of the ``rank``-th smallest duration (0-based)."""
        before = 0
        for bucket, count, total in self.rows():
            if rank < before + count:
                if count == 1:
                    return total  # alone in its bucket: its own value, exactly
                lower, upper = bucket_bounds(bucket)
                if math.isinf(upper):
                    return total / count
                return lower + (upper - lower) * (rank - before + 0.5) / count
            before += count
        raise IndexError(rank)

    def percentile(self, fraction: float) -> float | None:
        """As ``percentile_cont``: the ranks either side of ``fraction x (n - 1)``, interpolated.
        Each rank's value is estimated inside its bucket (evenly spread), so the answer is within
        the buckets of those two ranks; where both are alone in their bucket, it is exact."""
        n = self.count
        if not n:
            return None
        position = fraction * (n - 1)
        lower = math.floor(position)
        upper = min(lower + 1, n - 1)
        low, high = self._at_rank(lower), self._at_rank(upper)
        return low + (high - low) * (position - lower)

    def distribution(self) -> Distribution:
        n = self.count
        if not n:
            return EMPTY
        total = math.fsum(total for _count, total in self.buckets.values())
        return Distribution(count=n, mean=total / n, median=self.percentile(0.5), p90=self.percentile(0.9))


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

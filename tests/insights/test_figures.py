"""The dashboard's arithmetic, without a database: periods, percentiles as percentile_cont, the
roll-up's histograms, rates."""

from __future__ import annotations

import datetime
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loket.insights.figures import (
    BUCKET_EDGES,
    EMPTY,
    Histogram,
    Period,
    argmax,
    bucket_bounds,
    bucket_of,
    change,
    distribution,
    percentile,
    rate,
)


def test_percentile_interpolates_between_ranks_as_percentile_cont() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.9) == pytest.approx(3.7)
    assert percentile([60.0, 120.0, 300.0], 0.9) == pytest.approx(264.0)
    assert percentile([7.0], 0.9) == 7.0
    assert percentile([], 0.5) is None


def test_distribution_of_nothing_is_empty_not_zero() -> None:
    assert distribution([]) == EMPTY
    figure = distribution([300.0, 60.0, 120.0])
    assert (figure.count, figure.mean, figure.median) == (3, 160.0, 120.0)


def test_previous_period_has_the_same_length_and_ends_where_this_one_starts() -> None:
    period = Period(datetime.date(2026, 3, 1), datetime.date(2026, 4, 1))
    assert period.previous() == Period(datetime.date(2026, 1, 29), datetime.date(2026, 3, 1))
    assert period.previous().days == period.days == 31


def test_a_period_must_end_after_it_starts() -> None:
    with pytest.raises(ValueError):
        Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 1))


def test_rates_and_changes_are_undefined_rather_than_zero_without_a_base() -> None:
    assert rate(1, 4) == 0.25
    assert rate(0, 0) is None
    assert change(110, 100) == pytest.approx(0.1)
    assert change(5, 0) is None
    assert argmax([3, 9, 9, 1]) == 1
    assert argmax([0, 0]) is None


@given(st.lists(st.floats(min_value=0, max_value=40_000, allow_nan=False), min_size=1, max_size=300))
def test_a_histogram_percentile_lies_within_the_buckets_of_the_ranks_it_needs(values: list[float]) -> None:
    histogram = Histogram()
    for value in values:
        histogram.add(value)
    ordered = sorted(values)
    for fraction in (0.5, 0.9):
        position = fraction * (len(ordered) - 1)
        below, above = ordered[math.floor(position)], ordered[math.ceil(position)]
        low, high = bucket_bounds(bucket_of(below))[0], bucket_bounds(bucket_of(above))[1]
        estimate = histogram.percentile(fraction)
        assert estimate is not None
        assert low - 1e-6 <= estimate <= (high if math.isfinite(high) else max(values)) + 1e-6
    assert histogram.distribution().mean == pytest.approx(math.fsum(values) / len(values))


@given(st.sets(st.integers(min_value=0, max_value=len(BUCKET_EDGES) - 1), min_size=1, max_size=60))
def test_a_histogram_of_values_alone_in_their_buckets_is_exact(buckets: set[int]) -> None:
    values = [bucket_bounds(bucket)[0] + 1.5 for bucket in buckets]
    histogram = Histogram()
    for value in values:
        histogram.add(value)
    assert histogram.distribution() == pytest.approx(distribution(values))


def test_buckets_are_five_seconds_or_five_percent_wide() -> None:
    for bucket in range(len(BUCKET_EDGES) - 1):
        lower, upper = bucket_bounds(bucket)
        assert upper - lower <= max(5, 0.05 * lower + 1)  # 5 %, rounded to whole seconds
        assert bucket_of(lower) == bucket and bucket_of(upper - 0.001) == bucket
    assert bucket_of(-3) == 0 and bucket_of(10 * 3600) == len(BUCKET_EDGES) - 1

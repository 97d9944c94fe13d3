"""The dashboard's arithmetic, without a database: periods, percentiles as percentile_cont, rates."""

from __future__ import annotations

import datetime

import pytest

from loket.insights.figures import EMPTY, Period, argmax, change, distribution, percentile, rate


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

"""The hourly forecast recovers a known pattern, trend and holiday effects; the error measures are right."""

from __future__ import annotations

import datetime

import numpy as np
import pytest

from loket.organisations.opening_engine import public_holidays
from loket.planning import forecast

FIRST = datetime.date(2023, 1, 2)  # a Monday
DAYS = 7 * 70  # to mid-May 2024: Christmas, krokus, Easter, summer, autumn breaks and public holidays


def weekly_profile() -> np.ndarray:
    """Mechelen-like: weekdays 8-17, Monday busiest then fewer each day, peak 10-12; Saturday morning."""
    profile = np.zeros((7, 24))
    hours = np.array([1.0, 2.0, 3.0, 3.0, 2.0, 2.0, 1.5, 1.0, 0.5])  # 8:00 to 16:00
    for weekday, scale in enumerate([1.5, 1.3, 1.2, 1.1, 1.0]):
        profile[weekday, 8:17] = scale * hours
    profile[5, 9:12] = 1.0
    return profile / profile.sum()


def synthetic(*, noise: bool, seed: int = 7) -> tuple[forecast.HourlyHistory, np.ndarray]:
    """History with level 1000 + 5 a week, closed on public holidays, x1.4 in school holidays."""
    profile = weekly_profile()
    days = [FIRST + datetime.timedelta(days=i) for i in range(DAYS)]
    public = set(public_holidays(years={2023, 2024}, language="en", region="vl"))
    school = forecast.school_holiday_dates({2023, 2024})
    truth = np.array(
        [
            (1000 + 5 * i / 7) * (0.0 if d in public else 1.0) * (1.4 if d in school else 1.0) * profile[d.weekday()]
            for i, d in enumerate(days)
        ]
    )
    counts = np.random.default_rng(seed).poisson(truth).astype(float) if noise else truth
    return forecast.HourlyHistory(FIRST, counts), truth


# --- school holidays ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        # Published Flemish school calendars (onderwijs.vlaanderen.be), first and last day.
        (
            2023,
            [("2023-02-20", "2023-02-26"), ("2023-04-03", "2023-04-16"), ("2023-07-01", "2023-08-31"),
             ("2023-10-30", "2023-11-05"), ("2023-12-25", "2024-01-07")],
        ),
        (
            2024,
            [("2024-02-12", "2024-02-18"), ("2024-04-01", "2024-04-14"), ("2024-07-01", "2024-08-31"),
             ("2024-10-28", "2024-11-03"), ("2024-12-23", "2025-01-05")],
        ),
        (
            2025,
            [("2025-03-03", "2025-03-09"), ("2025-04-07", "2025-04-20"), ("2025-07-01", "2025-08-31"),
             ("2025-10-27", "2025-11-02"), ("2025-12-22", "2026-01-04")],
        ),
    ],
)  # fmt: skip
def test_flemish_school_holidays_follow_the_published_calendar(year: int, expected: list[tuple[str, str]]) -> None:
    periods = forecast.flemish_school_holidays(year)
    got = [(start.isoformat(), (end - datetime.timedelta(days=1)).isoformat()) for start, end, _ in periods]
    assert got == expected


def test_autumn_break_moves_a_week_when_all_saints_is_a_sunday() -> None:
    start, end, name = forecast.flemish_school_holidays(2026)[3]
    assert (name, start, end) == ("herfstvakantie", datetime.date(2026, 11, 2), datetime.date(2026, 11, 9))


def test_school_holiday_dates_include_the_january_end_of_christmas() -> None:
    dates = forecast.school_holiday_dates({2024})
    assert datetime.date(2024, 1, 5) in dates
    assert datetime.date(2024, 12, 31) in dates
    assert datetime.date(2025, 1, 2) not in dates  # not a year asked for


def test_easter_sunday() -> None:
    assert [forecast.easter_sunday(y) for y in (2023, 2024, 2025, 2038)] == [
        datetime.date(2023, 4, 9),
        datetime.date(2024, 3, 31),
        datetime.date(2025, 4, 20),
        datetime.date(2038, 4, 25),
    ]


# --- the model ------------------------------------------------------------------------------------


def test_fit_recovers_profile_trend_and_holiday_factors_exactly_without_noise() -> None:
    history, _ = synthetic(noise=False)
    model = forecast.fit(history, damping=1.0)
    np.testing.assert_allclose(model.profile, weekly_profile(), atol=1e-9)
    assert model.level_intercept == pytest.approx(1000, rel=1e-6)
    assert model.weekly_trend == pytest.approx(5, rel=1e-6)
    assert model.holiday_factor == pytest.approx(0.0, abs=1e-9)
    assert model.school_holiday_factor == pytest.approx(1.4, rel=1e-6)


def test_fit_recovers_the_pattern_from_noisy_counts() -> None:
    history, _ = synthetic(noise=True)
    model = forecast.fit(history, damping=1.0)
    assert np.abs(model.profile - weekly_profile()).max() < 0.002  # peak cells are about 0.03
    assert model.level_intercept == pytest.approx(1000, rel=0.03)
    assert model.weekly_trend == pytest.approx(5, abs=1.5)
    assert model.school_holiday_factor == pytest.approx(1.4, rel=0.03)
    assert model.holiday_factor == 0.0
    assert int(np.argmax(model.profile.sum(axis=1))) == 0  # Monday the busiest
    assert int(np.argmax(model.profile[0])) in (10, 11)  # peak 10-12


def test_forecast_continues_trend_and_applies_holidays_ahead() -> None:
    history, _ = synthetic(noise=False)
    # The history ends on 12 May 2024; forecast the week of Whit Monday (20 May 2024).
    start = datetime.date(2024, 5, 20)
    predicted = forecast.forecast(history, days=7, first_day=start, damping=1.0)
    weeks = (start - FIRST).days / 7
    expected_monday = 0.0  # Whit Monday: closed
    expected_tuesday = (1000 + 5 * (weeks + 1 / 7)) * weekly_profile()[1]
    np.testing.assert_allclose(predicted.counts[0], expected_monday, atol=1e-6)
    np.testing.assert_allclose(predicted.counts[1], expected_tuesday, rtol=1e-6)


def test_damping_slows_the_trend_ahead() -> None:
    history, _ = synthetic(noise=False)
    model = forecast.fit(history, damping=0.5)
    ahead = history.last_day + datetime.timedelta(days=7 * 20)
    # Damped at 0.5 a week, 20 weeks ahead add at most one week's slope: 5 x (0.5 + 0.25 + ...) < 5.
    assert model.weekly_level(ahead) < model.weekly_level(history.last_day) + 5 + 1e-9


def test_from_pairs_sums_per_local_hour_and_refuses_naive_times() -> None:
    brussels = forecast.BRUSSELS
    pairs = [
        (datetime.datetime(2024, 3, 4, 9, 15, tzinfo=brussels), 1),
        (datetime.datetime(2024, 3, 4, 9, 45, tzinfo=brussels), 2),
        (datetime.datetime(2024, 3, 4, 9, 30, tzinfo=datetime.UTC), 4),  # 10:30 in Brussels
    ]
    history = forecast.HourlyHistory.from_pairs(pairs, last_day=datetime.date(2024, 3, 5))
    assert history.days == 2
    assert history.counts[0, 9] == 3
    assert history.counts[0, 10] == 4
    with pytest.raises(ValueError, match="aware"):
        forecast.HourlyHistory.from_pairs([(datetime.datetime(2024, 3, 4, 9), 1)])


def test_from_dense_pads_the_last_day() -> None:
    history = forecast.HourlyHistory.from_dense(FIRST, list(range(30)))
    assert history.counts.shape == (2, 24)
    assert history.counts[1, 5] == 29 and history.counts[1, 6] == 0


# --- the error ------------------------------------------------------------------------------------


def test_error_measures_on_a_hand_example() -> None:
    # Hours: actual 10, 0, 20, 5; forecast 12, 5, 15, 5.
    # MAPE over nonzero actuals: (2/10 + 5/20 + 0/5) / 3 = 0.15.
    # WAPE: (2 + 5 + 5 + 0) / (10 + 0 + 20 + 5) = 12 / 35.
    # Day totals (two days of two hours): actual 10, 25; forecast 17, 20: (7/10 + 5/25) / 2 = 0.45.
    measures = forecast.error_measures([[10, 0], [20, 5]], [[12, 5], [15, 5]])
    assert measures.mape == pytest.approx(0.15)
    assert measures.wape == pytest.approx(12 / 35)
    assert measures.daily_mape == pytest.approx(0.45)
    assert (measures.hours, measures.nonzero_hours) == (4, 3)


def test_backtest_forecasts_each_fold_from_its_past_only() -> None:
    history, _ = synthetic(noise=True)
    result = forecast.backtest(history, folds=3, horizon_days=7, damping=0.9)
    assert len(result.folds) == 3
    cutoff = history.days - 7
    model = forecast.fit(history.head(cutoff), damping=0.9)
    last = forecast.predict(model, first_day=history.day(cutoff), days=7).counts
    expected = forecast.error_measures(history.counts[cutoff:], last)
    assert result.folds[-1] == expected
    assert 0 < result.wape < 0.25  # Poisson noise on about 170 a weekday


def test_backtest_of_a_noiseless_history_is_exact() -> None:
    history, _ = synthetic(noise=False)
    result = forecast.backtest(history, folds=2, damping=1.0)
    assert result.mape == pytest.approx(0.0, abs=1e-9)
    assert result.wape == pytest.approx(0.0, abs=1e-9)


# --- several series ---------------------------------------------------------------------------------


def test_each_series_is_forecast_from_its_own_history() -> None:
    quick, _ = synthetic(noise=True, seed=1)
    busy, _ = synthetic(noise=True, seed=2)
    busy = forecast.HourlyHistory(busy.first_day, busy.counts * 2)  # a queue with twice the walk-ins
    got = forecast.forecast_each({"quick": quick, "theme": busy}, days=7)
    assert got["theme"].total == pytest.approx(2 * got["quick"].total, rel=0.05)
    assert got["quick"].forecast.first_day == quick.last_day + datetime.timedelta(days=1)
    # Each on its own: the same as forecasting it alone.
    alone = forecast.forecast(quick, days=7)
    np.testing.assert_allclose(got["quick"].forecast.counts, alone.counts)


def test_a_series_without_history_is_forecast_as_zero_beside_a_busy_one() -> None:
    busy, _ = synthetic(noise=False)
    empty = forecast.HourlyHistory(busy.first_day, np.zeros_like(busy.counts))
    got = forecast.forecast_each({"passport": busy, "new service": empty}, days=7)
    assert got["passport"].total > 0
    assert got["new service"].model is None
    assert got["new service"].forecast.counts.shape == (7, 24)
    assert not got["new service"].forecast.counts.any()


def test_leading_empty_weeks_are_left_out_so_a_new_queue_is_forecast_at_its_level() -> None:
    history, _ = synthetic(noise=False)  # level 1000 + 5 a week
    late = history.counts.copy()
    late[: 7 * 60] = 0  # the queue existed only in the last 10 weeks
    opened = forecast.HourlyHistory(history.first_day, late)
    trimmed = opened.without_leading_empty_weeks()
    assert trimmed.first_day == history.first_day + datetime.timedelta(weeks=60)
    assert trimmed.last_day == history.last_day
    got = forecast.forecast_each({"annex": opened}, days=7, damping=1.0)["annex"]
    truth = forecast.forecast(history, days=7, damping=1.0).counts.sum()
    assert got.total == pytest.approx(truth, rel=0.01)
    assert got.history_first_day == trimmed.first_day
    # Read as quiet weeks, the zeros would pull the level and the trend far off.
    naive = forecast.forecast(opened, days=7, damping=1.0).counts.sum()
    assert abs(naive - truth) > 0.3 * truth


def test_without_leading_empty_weeks_keeps_two_weeks_and_whole_weeks() -> None:
    counts = np.zeros((10 * 7, 24))
    counts[-3, 10] = 4  # a first ticket three days before the end
    history = forecast.HourlyHistory(FIRST, counts)
    kept = history.without_leading_empty_weeks()
    assert kept.days == 14  # at least two weeks stay
    assert (kept.first_day - FIRST).days % 7 == 0
    counts[10, 9] = 1  # a ticket in the second week: only the first week goes
    assert forecast.HourlyHistory(FIRST, counts).without_leading_empty_weeks().first_day == FIRST + datetime.timedelta(
        weeks=1
    )


def test_total_forecast_adds_up_the_series_hour_by_hour() -> None:
    a = forecast.Forecast(FIRST, np.full((7, 24), 1.0))
    b = forecast.Forecast(FIRST, np.full((7, 24), 2.5))
    total = forecast.total_forecast([a, b], first_day=FIRST, days=7)
    np.testing.assert_allclose(total.counts, 3.5)
    with pytest.raises(ValueError, match="same days"):
        forecast.total_forecast([a, forecast.Forecast(FIRST, np.zeros((6, 24)))], first_day=FIRST, days=7)


def test_backtest_each_measures_every_series_and_their_sum() -> None:
    quick, _ = synthetic(noise=True, seed=3)
    theme, _ = synthetic(noise=True, seed=4)
    empty = forecast.HourlyHistory(FIRST, np.zeros_like(quick.counts))
    result = forecast.backtest_each({"quick": quick, "theme": theme, "none": empty}, folds=2, horizon_days=7)
    assert result.series["quick"] == forecast.backtest(quick, folds=2, horizon_days=7)  # as on its own
    assert np.isnan(result.series["none"].mape)  # nothing happened, nothing to be a percentage of
    # The total: the sum of the series' forecasts against the sum of what happened, fold by fold.
    cutoff = quick.days - 7
    predicted = sum(
        forecast.predict(forecast.fit(h.head(cutoff)), first_day=h.day(cutoff), days=7).counts for h in (quick, theme)
    )
    actual = quick.counts[cutoff:] + theme.counts[cutoff:]
    assert result.total.folds[-1] == forecast.error_measures(actual, predicted)
    assert result.total.wape < max(result.series["quick"].wape, result.series["theme"].wape)  # noise averages out


def test_backtest_each_refuses_series_of_different_days() -> None:
    history, _ = synthetic(noise=False)
    with pytest.raises(ValueError, match="same days"):
        forecast.backtest_each({"a": history, "b": history.head(history.days - 7)})

"""Planning engines: staffing for a week, a simulated day x 200, and the forecast's backtest error.

No database: the engines are plain modules (``loket.planning.erlang``, ``simulation``,
``forecast``). Four measurements:

1. ``plan_week`` over 168 hourly intervals (a week), for a Mechelen-sized contact centre (about
   250 calls a weekday, AHT 4 min, 80 % in 20 s, occupancy at most 85 %, shrinkage 30 %) and for a
   regional one 50 times as large (hundreds of agents at the peak). Target: < 100 ms.
2. ``simulate`` of the demo day at the Huis van de Mechelaar (``simulation.mechelen_day``: 117
   walk-ins at 2 quick desks, 240 appointments at 10 theme desks, 16 % late, 7 % no-show) x 200
   replications. Target: < 10 s.
3. ``backtest`` of the hourly forecast on SYNTHETIC histories modelled on the seed facts (no real
   data was available): calls about 250 a weekday, Monday the busiest then fewer each day, peak
   10-12, closed at weekends and on public holidays, a little quieter in school holidays; counter
   visitors about 350 a day in Mechelen's walk-in hours, Saturday morning and Thursday late
   afternoon busy, up to 1.5 times as many in school holidays. Each day also gets a random
   day-level factor (sd 8 %) on top of the Poisson counts, since real days vary more than
   Poisson. 100 weeks of history; the last 8 weeks are forecast one week at a time from what came
   before. Reported beside a naive forecast (the same hour a week earlier).
4. ``backtest_each`` per queue and per service, as the planning page forecasts them: the walk-ins
   of each queue (the quick counter, the reception, a few at a theme counter; about 117 a day in
   all, Mechelen's third without an appointment) and the bookings of each appointment service by
   the hour they are made (online at any hour, most in the morning and the evening; a rare service
   with about 3 a week), each series with its own pattern, fitted on its own history; the location
   total as the sum of its queues' forecasts, beside a forecast of the total on its own.

Run from the repository root: ``.venv/bin/python benchmarks/planning/run.py`` (rewrites the
figures in README.md between the markers; ``--no-readme`` only prints).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.settings")

from loket.organisations.opening_engine import public_holidays  # noqa: E402
from loket.planning import erlang, forecast, simulation  # noqa: E402

SEED = 20261201
README = Path(__file__).with_name("README.md")
FIRST_DAY = datetime.date(2025, 1, 6)  # a Monday; 100 weeks to 29 November 2026
WEEKS = 100


def calls_profile() -> np.ndarray:
    """Share of a week's calls per weekday x hour: Monday busiest, fewer each day; peak 10-12."""
    profile = np.zeros((7, 24))
    hours = {8: 0.6, 9: 1.0, 10: 1.5, 11: 1.5, 12: 0.9, 13: 1.0, 14: 0.9, 15: 0.7, 16: 0.4}
    for weekday, scale in enumerate([1.3, 1.1, 1.0, 0.9, 0.8]):
        for hour, weight in hours.items():
            profile[weekday, hour] = scale * weight
    return profile / profile.sum()


def visitors_profile() -> np.ndarray:
    """Mechelen's walk-in hours: Mon, Tue, Fri 8-13; Wed 12-16; Thu 8-13 and 14:30-19; Sat 9-12."""
    profile = np.zeros((7, 24))
    morning = {8: 0.8, 9: 1.2, 10: 1.3, 11: 1.1, 12: 0.8}
    for weekday in (0, 1, 4):
        for hour, weight in morning.items():
            profile[weekday, hour] = weight
    for hour in (12, 13, 14, 15):
        profile[2, hour] = 1.0
    for hour, weight in {**morning, 14: 0.6, 15: 1.1, 16: 1.4, 17: 1.6, 18: 1.3}.items():
        profile[3, hour] = weight
    for hour in (9, 10, 11):
        profile[5, hour] = 2.2  # Saturday morning: the busiest
    return profile / profile.sum()


def bookings_profile(*, weekend: float = 0.6) -> np.ndarray:
    """Bookings by the hour they are made: online at any hour, most in the morning and the evening."""
    hours = np.array(
        [0.1, 0.05, 0.03, 0.03, 0.05, 0.1, 0.3, 0.6, 1.0, 1.3, 1.4, 1.3, 1.0, 1.0, 1.1, 1.0, 0.9, 0.8, 0.9, 1.1, 1.2,
         1.0, 0.6, 0.3]
    )  # fmt: skip
    profile = np.array([hours * (weekend if weekday >= 5 else 1.0) for weekday in range(7)])
    return profile / profile.sum()


def theme_walk_in_profile() -> np.ndarray:
    """A few walk-ins at a theme counter: weekday mornings only."""
    profile = np.zeros((7, 24))
    profile[:5, 9:12] = 1.0
    return profile / profile.sum()


def expected_counts(
    profile: np.ndarray, *, weekly: float, school_factor: float, holiday_factor: float = 0.0
) -> np.ndarray:
    """What the generator expects each hour, before the day's noise and Poisson's: the best any forecast can do."""
    days = WEEKS * 7
    dates = [FIRST_DAY + datetime.timedelta(days=i) for i in range(days)]
    public = set(public_holidays(years={d.year for d in dates}, language="en", region="vl"))
    school = forecast.school_holiday_dates({d.year for d in dates})
    expected = np.zeros((days, 24))
    for i, day in enumerate(dates):
        level = weekly * (1 + 0.001 * i / 7)  # a slow rise: +0.1 % a week
        factor = holiday_factor if day in public else (school_factor if day in school else 1.0)
        expected[i] = level * factor * profile[day.weekday()]
    return expected


def synthetic_history(
    profile: np.ndarray,
    *,
    weekly: float,
    school_factor: float,
    rng: np.random.Generator,
    holiday_factor: float = 0.0,
) -> forecast.HourlyHistory:
    expected = expected_counts(profile, weekly=weekly, school_factor=school_factor, holiday_factor=holiday_factor)
    counts = np.zeros_like(expected)
    for i in range(expected.shape[0]):
        noise = rng.normal(1.0, 0.08)
        counts[i] = rng.poisson(np.maximum(expected[i] * noise, 0))
    return forecast.HourlyHistory(FIRST_DAY, counts)


def _three(measures: forecast.ErrorMeasures) -> str:
    return f"{measures.mape:.1%} / {measures.wape:.1%} / {measures.daily_mape:.1%}"


def series_lines(
    label: str,
    histories: dict[str, tuple[forecast.HourlyHistory, np.ndarray]],
    *,
    weekly: dict[str, float],
    total: str = "",
) -> list[str]:
    """One row per series (and for their sum, when ``total`` names it): the forecast's error beside the
    naive forecast's and the noise floor's (the generator's own expectation against what it drew)."""
    series = {key: history for key, (history, _expected) in histories.items()}
    began = time.perf_counter()
    result = forecast.backtest_each(series, folds=8, horizon_days=7)
    elapsed = (time.perf_counter() - began) * 1000 / 8
    cut = WEEKS * 7 - 8 * 7
    rows = []
    for key, (history, expected) in histories.items():
        got = result.series[key].overall
        floor = forecast.error_measures(history.counts[cut:], expected[cut:])
        rows.append(
            f"| {label}: {key} (about {weekly[key]:,.0f} a week) | {got.mape:.1%} | {got.wape:.1%} "
            f"| {got.daily_mape:.1%} | {_three(naive_backtest(history, 8))} | {_three(floor)} |"
        )
    if total:
        summed = forecast.HourlyHistory(FIRST_DAY, np.sum([h.counts for h in series.values()], axis=0))
        expected = np.sum([e for _h, e in histories.values()], axis=0)
        floor = forecast.error_measures(summed.counts[cut:], expected[cut:])
        direct = forecast.backtest(summed, folds=8, horizon_days=7).overall
        bottom_up = result.total.overall
        rows.append(
            f"| {total}, as the sum of the queues' forecasts | {bottom_up.mape:.1%} | {bottom_up.wape:.1%} "
            f"| {bottom_up.daily_mape:.1%} | {_three(naive_backtest(summed, 8))} | {_three(floor)} |"
        )
        rows.append(
            f"| {total}, forecast as one series (for comparison) | {direct.mape:.1%} | {direct.wape:.1%} "
            f"| {direct.daily_mape:.1%} | | |"
        )
    rows.append(f"| ({len(histories)} series: fit and forecast {elapsed:.0f} ms a fold for them all) | | | | | |")
    return rows


def naive_backtest(history: forecast.HourlyHistory, folds: int) -> forecast.ErrorMeasures:
    cut = history.days - folds * 7
    return forecast.error_measures(history.counts[cut:], history.counts[cut - 7 : history.days - 7])


def time_it(function: Callable[[], object], runs: int) -> tuple[float, float]:
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        function()
        timings.append((time.perf_counter() - began) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(0.95 * (len(timings) - 1))]


def machine() -> str:
    model = "unknown CPU"
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        found = re.search(r"Model name:\s*(.+)", lscpu)
        model = found.group(1).strip() if found else model
    except OSError:
        pass
    return f"{os.cpu_count()} cores (nproc), {model}, Python {platform.python_version()}, numpy {np.__version__}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-readme", action="store_true", help="print only; leave README.md alone")
    args = parser.parse_args()
    rng = np.random.default_rng(SEED)
    lines: list[str] = [f"Measured on {datetime.datetime.now(tz=datetime.UTC).date()} on {machine()}; seed {SEED}.", ""]

    # 1. Staffing for a week of hourly intervals.
    calls = synthetic_history(calls_profile(), weekly=1250, school_factor=0.9, rng=rng)
    week = forecast.forecast(calls, days=7).counts.ravel().tolist()
    lines += [
        "| staffing, 168 hourly intervals | calls in the week | peak agents (staff) | p50 ms | p95 ms | runs |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, scale in (("Mechelen-sized contact centre", 1), ("regional contact centre (x50)", 50)):
        arrivals = [a * scale for a in week]

        def plan(arrivals: list[float] = arrivals) -> erlang.WeekPlan:
            return erlang.plan_week(
                arrivals,
                handle_seconds=240,
                target_level=0.8,
                target_seconds=20,
                max_occupancy=0.85,
                shrinkage=0.3,
            )

        result = plan()
        p50, p95 = time_it(plan, 50)
        peak_agents = max(r.agents for r in result.intervals)
        lines.append(
            f"| {label} | {result.calls:,.0f} | {peak_agents} ({result.peak_staff}) | {p50:.2f} | {p95:.2f} | 50 |"
        )

    # 2. One simulated day x 200 replications.
    config = simulation.mechelen_day()
    timings = []
    for run in range(3):
        began = time.perf_counter()
        day = simulation.simulate(config, 200, SEED + run)
        timings.append(time.perf_counter() - began)
    lines += [
        "",
        "| simulation, demo day x 200 replications | best s | worst s | walk-ins: mean / p90 wait (min) "
        "| appointments: mean / p90 wait (min) | runs |",
        "|---|---:|---:|---:|---:|---:|",
        f"| 117 walk-ins, 2 quick desks; 240 appointments, 10 theme desks | {min(timings):.2f} | {max(timings):.2f} "
        f"| {day.walk_ins.mean_minutes:.1f} / {day.walk_ins.p90_minutes:.1f} "
        f"| {day.appointments.mean_minutes:.1f} / {day.appointments.p90_minutes:.1f} | 3 |",
    ]

    # 3. The forecast's backtest on synthetic histories.
    visitors = synthetic_history(visitors_profile(), weekly=6 * 350, school_factor=1.5, rng=rng)
    lines += [
        "",
        "| backtest (SYNTHETIC history, last 8 weeks, 1 week ahead) | hourly MAPE | hourly WAPE | daily MAPE "
        "| naive (same hour last week): hourly MAPE / WAPE / daily MAPE | fit+forecast ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, history in (("calls, about 250 a weekday", calls), ("counter visitors, about 350 a day", visitors)):
        began = time.perf_counter()
        result = forecast.backtest(history, folds=8, horizon_days=7)
        elapsed = (time.perf_counter() - began) * 1000 / 8
        naive = naive_backtest(history, 8)
        lines.append(
            f"| {label} | {result.mape:.1%} | {result.wape:.1%} | {result.overall.daily_mape:.1%} "
            f"| {naive.mape:.1%} / {naive.wape:.1%} / {naive.daily_mape:.1%} | {elapsed:.0f} |"
        )

    # 4. Per queue and per service, each series on its own history.
    queues = {"quick counter": 82 * 6, "reception": 35 * 6, "theme counter": 10 * 5}
    shapes = {
        "quick counter": (visitors_profile(), 1.5),
        "reception": (visitors_profile(), 1.2),
        "theme counter": (theme_walk_in_profile(), 1.0),
    }
    queue_histories = {
        name: (
            synthetic_history(profile, weekly=queues[name], school_factor=school, rng=rng),
            expected_counts(profile, weekly=queues[name], school_factor=school),
        )
        for name, (profile, school) in shapes.items()
    }
    services = {"identity card and passport": 500, "driving licence": 200, "foreigners": 150, "civil status": 60}
    services["building permit"] = 3
    service_histories = {}
    for name, weekly in services.items():
        school = 1.3 if name == "identity card and passport" else 1.0
        service_histories[name] = (
            synthetic_history(bookings_profile(), weekly=weekly, school_factor=school, holiday_factor=0.6, rng=rng),
            expected_counts(bookings_profile(), weekly=weekly, school_factor=school, holiday_factor=0.6),
        )
    lines += [
        "",
        "| backtest per queue and per service (SYNTHETIC, last 8 weeks, 1 week ahead) | hourly MAPE | hourly WAPE "
        "| daily MAPE | naive (same hour last week): hourly MAPE / WAPE / daily MAPE "
        "| noise floor: hourly MAPE / WAPE / daily MAPE |",
        "|---|---:|---:|---:|---:|---:|",
        *series_lines("walk-ins", queue_histories, weekly=queues, total="walk-ins, location total"),
        *series_lines("bookings", service_histories, weekly=services),
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_readme:
        readme = README.read_text()
        begin, end = "<!-- planning:begin -->", "<!-- planning:end -->"
        head, rest = readme.split(begin)
        _old, tail = rest.split(end)
        README.write_text(f"{head}{begin}\n{text}\n{end}{tail}")


if __name__ == "__main__":
    main()

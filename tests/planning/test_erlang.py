"""Erlang C and M/M/c against an independent exact computation and a published worked example."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loket.planning import erlang


def exact_erlang_c(agents: int, traffic: Fraction) -> Fraction:
    """The textbook formula with factorials and powers, in exact rational arithmetic (small N only)."""
    top = traffic**agents / math.factorial(agents) * Fraction(agents) / (agents - traffic)
    bottom = sum(traffic**k / math.factorial(k) for k in range(agents)) + top
    return top / bottom


def exact_service_level(agents: int, traffic: Fraction, aht: float, target: float) -> float:
    c = float(exact_erlang_c(agents, traffic))
    return 1 - c * math.exp(-(agents - float(traffic)) * target / aht)


# The worked example of callcentrehelper.com, "Erlang C Formula - Made Simple With an Easy Worked
# Example" (https://www.callcentrehelper.com/erlang-c-formula-example-121281.htm): 100 calls in 30
# minutes, AHT 180 s, target 80 % in 20 s. Traffic 10 Erlang; 11 agents: P(wait) 68.2 %, SL 39 %,
# ASA 122.8 s; 14 agents are needed: SL 88.8 %, occupancy 71 %; with 30 % shrinkage, 20 staff.
# Every figure below is also recomputed exactly by ``exact_erlang_c``.
EXAMPLE = {"arrivals": 100, "interval_seconds": 1800, "handle_seconds": 180, "target_level": 0.8, "target_seconds": 20}


def test_published_example_traffic_is_ten_erlang() -> None:
    assert erlang.offered_traffic(100, 1800, 180) == pytest.approx(10.0)


@pytest.mark.parametrize(
    ("agents", "p_wait", "level", "asa"),
    [
        (11, 0.6821, 0.3896, 122.8),
        (12, 0.4494, 0.6402, 40.4),
        (13, 0.2853, 0.7956, 17.1),
        (14, 0.1741, 0.8884, 7.8),
        (15, 0.1020, 0.9415, 3.7),
    ],
)
def test_published_example_figures_per_number_of_agents(agents: int, p_wait: float, level: float, asa: float) -> None:
    exact = float(exact_erlang_c(agents, Fraction(10)))
    assert exact == pytest.approx(p_wait, abs=5e-5)
    assert erlang.erlang_c(agents, 10.0) == pytest.approx(exact, rel=1e-12)
    assert erlang.service_level(agents, 10.0, 180, 20) == pytest.approx(level, abs=5e-5)
    assert erlang.average_speed_of_answer(agents, 10.0, 180) == pytest.approx(asa, abs=0.05)


def test_published_example_needs_fourteen_agents_and_twenty_staff_with_shrinkage() -> None:
    result = erlang.agents_needed(**EXAMPLE, shrinkage=0.3)
    assert result.agents == 14
    assert result.staff == 20  # 14 / 0.7 = 20.000000000000004 must not round up to 21
    assert result.service_level == pytest.approx(exact_service_level(14, Fraction(10), 180, 20), rel=1e-12)
    assert result.occupancy == pytest.approx(10 / 14)
    assert result.probability_wait == pytest.approx(0.1741, abs=5e-5)
    assert result.average_speed_of_answer_seconds == pytest.approx(7.84, abs=0.005)


def test_occupancy_cap_adds_agents_beyond_the_service_level() -> None:
    result = erlang.agents_needed(**EXAMPLE, max_occupancy=0.7)
    assert result.agents == 15  # 10 / 14 = 0.714 > 0.7
    assert result.occupancy <= 0.7


def test_occupancy_cap_exactly_met_is_allowed() -> None:
    # 8.5 Erlang at a cap of 0.85 is exactly 10 agents; float rounding must not make it 11.
    result = erlang.agents_needed(85, 3600, 360, 0.01, 0, max_occupancy=0.85)
    assert result.agents == 10


@pytest.mark.parametrize("agents", [3, 7, 20, 40])
def test_erlang_c_matches_exact_rational_formula(agents: int) -> None:
    for traffic in (Fraction(1, 2), Fraction(agents, 2), Fraction(agents * 9, 10), Fraction(agents - 1)):
        assert erlang.erlang_c(agents, float(traffic)) == pytest.approx(
            float(exact_erlang_c(agents, traffic)), rel=1e-10
        )


def test_erlang_b_recurrence_matches_exact_formula() -> None:
    traffic = Fraction(37, 4)
    for agents in (1, 5, 12):
        exact = (
            traffic**agents / math.factorial(agents) / sum(traffic**k / math.factorial(k) for k in range(agents + 1))
        )
        assert erlang.erlang_b(agents, float(traffic)) == pytest.approx(float(exact), rel=1e-12)


def test_hundreds_of_agents_stay_finite() -> None:
    # A = 450 Erlang: 450 ** 450 and 450! overflow a float; the recurrence does not.
    result = erlang.agents_needed(9000, 1800, 90, 0.8, 20, max_occupancy=0.95)
    assert 450 < result.agents < 500
    for value in (result.service_level, result.probability_wait, result.average_speed_of_answer_seconds):
        assert math.isfinite(value)
    assert result.service_level >= 0.8
    assert 0 < erlang.erlang_c(600, 450.0) < 1e-6
    assert erlang.erlang_c(451, 450.0) == pytest.approx(float(exact_erlang_c(451, Fraction(450))), rel=1e-9)


def test_too_few_agents_never_answer_in_time() -> None:
    result = erlang.roster_result(10, 100, 1800, 180, 20)
    assert result.probability_wait == 1.0
    assert result.service_level == 0.0
    assert result.average_speed_of_answer_seconds == math.inf


def test_no_calls_need_no_agents() -> None:
    result = erlang.agents_needed(0, 1800, 180, 0.8, 20, shrinkage=0.3)
    assert (result.agents, result.staff, result.service_level) == (0, 0, 1.0)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"arrivals": -1}, "arrivals"),
        ({"interval_seconds": 0}, "interval"),
        ({"handle_seconds": -5}, "handle"),
        ({"target_level": 1.0}, "target level"),
        ({"target_level": 0}, "target level"),
        ({"target_seconds": -1}, "target seconds"),
        ({"max_occupancy": 0}, "occupancy"),
        ({"max_occupancy": 1.2}, "occupancy"),
        ({"shrinkage": 1.0}, "shrinkage"),
    ],
)
def test_bad_input_is_refused(changes: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        erlang.agents_needed(**{**EXAMPLE, **changes})  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(
    arrivals=st.floats(min_value=0.1, max_value=3000),
    handle=st.floats(min_value=10, max_value=900),
    target_seconds=st.floats(min_value=0, max_value=120),
)
def test_more_agents_never_lower_the_service_level(arrivals: float, handle: float, target_seconds: float) -> None:
    traffic = erlang.offered_traffic(arrivals, 1800, handle)
    previous = -1.0
    for agents in range(max(1, math.floor(traffic) - 2), math.floor(traffic) + 30):
        level = erlang.service_level(agents, traffic, handle, target_seconds)
        assert 0.0 <= level <= 1.0
        assert level >= previous - 1e-12
        previous = level


@settings(max_examples=150, deadline=None)
@given(
    arrivals=st.floats(min_value=0.1, max_value=3000),
    handle=st.floats(min_value=10, max_value=900),
    level=st.floats(min_value=0.05, max_value=0.99),
    target_seconds=st.floats(min_value=0, max_value=120),
    cap=st.one_of(st.none(), st.floats(min_value=0.3, max_value=1.0)),
    shrinkage=st.floats(min_value=0, max_value=0.6),
)
def test_agents_needed_is_the_minimum_meeting_both_targets(
    arrivals: float, handle: float, level: float, target_seconds: float, cap: float | None, shrinkage: float
) -> None:
    result = erlang.agents_needed(arrivals, 1800, handle, level, target_seconds, max_occupancy=cap, shrinkage=shrinkage)
    traffic = result.traffic_erlangs
    assert result.service_level >= level - 1e-9
    if cap is not None:
        assert result.occupancy <= cap + 1e-9
    fewer = result.agents - 1
    if fewer > 0:
        misses_level = erlang.service_level(fewer, traffic, handle, target_seconds) < level - 1e-9
        misses_cap = cap is not None and traffic / fewer > cap + 1e-9
        assert misses_level or misses_cap
    assert result.staff == math.ceil(result.agents / (1 - shrinkage) - 1e-9)  # float noise is not a person
    assert result.staff * (1 - shrinkage) >= result.agents - 1e-9


@settings(max_examples=100, deadline=None)
@given(agents=st.integers(min_value=0, max_value=400), shrinkage=st.floats(min_value=0, max_value=0.9))
def test_rostered_staff_cover_the_agents_with_no_spare_person(agents: int, shrinkage: float) -> None:
    staff = erlang.rostered_staff(agents, shrinkage)
    assert staff * (1 - shrinkage) >= agents - 1e-6
    assert staff == 0 or (staff - 1) * (1 - shrinkage) < agents


def test_roster_result_agrees_with_agents_needed() -> None:
    needed = erlang.agents_needed(**EXAMPLE)
    achieved = erlang.roster_result(needed.agents, 100, 1800, 180, 20)
    assert achieved == needed


def test_week_plan_sums_the_intervals() -> None:
    arrivals = [0, 10, 50, 100, 30] * 2
    plan = erlang.plan_week(arrivals, interval_seconds=1800, handle_seconds=180, target_level=0.8, target_seconds=20)
    assert [r.agents for r in plan.intervals] == [erlang.agents_needed(a, 1800, 180, 0.8, 20).agents for a in arrivals]
    assert plan.agent_hours == pytest.approx(sum(r.agents for r in plan.intervals) / 2)
    assert plan.peak_staff == 14
    assert plan.service_level >= 0.8


# --- the walk-in counters (M/M/c) -----------------------------------------------------------------


def test_counter_mean_wait_and_percentile_follow_mmc() -> None:
    # 30 visitors an hour, 5 minutes each: A = 2.5; 4 desks.
    result = erlang.counter_result(4, 30, 3600, 300, percentile=0.9, target_wait_seconds=600)
    c = float(exact_erlang_c(4, Fraction(5, 2)))
    rate = (4 - 2.5) / 300  # c mu - lambda, per second
    assert result.probability_wait == pytest.approx(c, rel=1e-12)
    assert result.mean_wait_seconds == pytest.approx(c / rate, rel=1e-12)
    assert result.percentile_wait_seconds == pytest.approx(math.log(c / 0.1) / rate, rel=1e-12)
    assert erlang.wait_exceeds_probability(4, 2.5, 300, result.percentile_wait_seconds) == pytest.approx(0.1)
    assert result.share_within_target == pytest.approx(1 - c * math.exp(-rate * 600), rel=1e-12)


def test_desks_needed_for_a_mean_wait_is_the_minimum() -> None:
    result = erlang.desks_needed(30, 3600, 300, target_mean_wait_seconds=60)
    assert result.mean_wait_seconds <= 60
    assert erlang.counter_result(result.desks - 1, 30, 3600, 300).mean_wait_seconds > 60


def test_desks_needed_for_a_percentile_is_the_minimum() -> None:
    result = erlang.desks_needed(60, 3600, 300, target_wait_seconds=300, target_share=0.9)
    assert result.share_within_target >= 0.9
    fewer = erlang.counter_result(result.desks - 1, 60, 3600, 300, target_wait_seconds=300)
    assert fewer.share_within_target < 0.9


def test_desks_needed_wants_exactly_one_target() -> None:
    with pytest.raises(ValueError, match="either"):
        erlang.desks_needed(30, 3600, 300)
    with pytest.raises(ValueError, match="either"):
        erlang.desks_needed(30, 3600, 300, target_mean_wait_seconds=60, target_wait_seconds=300)


def test_counter_week_plan_totals() -> None:
    plan = erlang.plan_counters_week([0, 12, 30, 30, 8], service_seconds=300, target_wait_seconds=600, target_share=0.9)
    assert plan.intervals[0].desks == 0
    assert plan.desk_hours == sum(r.desks for r in plan.intervals)
    assert plan.visitors == 80

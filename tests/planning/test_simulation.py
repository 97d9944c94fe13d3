"""The day simulation: deterministic with a seed, and in agreement with M/M/c where both apply."""

from __future__ import annotations

import math

import pytest

from loket.planning import erlang, simulation


def mmc_config(*, desks: int, per_hour: float, mean_minutes: float, hours: int) -> simulation.DayConfig:
    return simulation.DayConfig(
        desks=tuple(simulation.Desk(f"d{i}", frozenset({"x"})) for i in range(desks)),
        service_times={"x": simulation.ServiceTime("exponential", median_minutes=mean_minutes)},
        walk_ins_per_hour={"x": [per_hour] * hours},
        no_show=0.0,
        late_share=0.0,
        warmup_minutes=600,  # the first 10 hours start empty: leave them out of the steady state
        target_wait_minutes=5.0,
    )


def test_simulated_mmc_matches_the_formulas() -> None:
    # 3 desks, 24 walk-ins an hour, 5 minutes each: A = 2, utilisation 2/3; Erlang C gives
    # P(wait) = 0.444, mean wait 2.22 min, P(wait <= 5 min) = 1 - 0.444 exp(-1) = 0.837.
    # 20 days of 200 hours, about 91,000 counted walk-ins: the mean wait's 95 % interval is about
    # +-0.13 min (the replications' spread); the tolerance is 8 % of the mean and 0.015 on shares.
    config = mmc_config(desks=3, per_hour=24, mean_minutes=5, hours=200)
    result = simulation.simulate(config, replications=20, seed=20261201)
    traffic = 2.0
    assert result.walk_ins.count > 85_000
    assert result.walk_ins.mean_minutes == pytest.approx(erlang.average_speed_of_answer(3, traffic, 5), rel=0.08)
    assert result.walk_ins.probability_wait == pytest.approx(erlang.erlang_c(3, traffic), abs=0.015)
    within = 1 - erlang.wait_exceeds_probability(3, traffic, 5, 5)
    assert result.walk_ins.share_within_target == pytest.approx(within, abs=0.015)
    p90 = erlang.wait_percentile(3, traffic, 5, 0.9)
    assert result.walk_ins.p90_minutes == pytest.approx(p90, rel=0.08)
    assert all(u == pytest.approx(2 / 3, abs=0.03) or math.isnan(u) for u in result.desk_utilisation.values())


def test_same_seed_same_result_and_other_seed_differs() -> None:
    config = simulation.mechelen_day()
    first = simulation.simulate(config, replications=5, seed=3)
    assert simulation.simulate(config, replications=5, seed=3) == first
    assert simulation.simulate(config, replications=5, seed=4) != first


def test_progress_is_called_after_each_replication() -> None:
    calls: list[tuple[int, int]] = []
    simulation.simulate(simulation.mechelen_day(), replications=4, seed=1, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_no_shows_and_appointment_counts() -> None:
    # 10 desks x 24 slots = 240 appointments; 7 % do not come.
    result = simulation.simulate(simulation.mechelen_day(), replications=50, seed=11)
    assert result.no_shows == pytest.approx(240 * 0.07, rel=0.15)
    assert result.appointments.count / 50 == pytest.approx(240 * 0.93, rel=0.02)
    assert result.walk_ins.count / 50 == pytest.approx(117, rel=0.05)
    assert result.not_served == 0


def test_appointments_go_before_walk_ins_at_a_shared_desk() -> None:
    # One desk with both skills kept busy by walk-ins (about one a minute, 10 minutes each) and
    # one appointment at minute 15: it is called as soon as the service in progress ends, before
    # the walk-ins who have been waiting longer.
    config = simulation.DayConfig(
        desks=(simulation.Desk("d", frozenset({"a", "w"})),),
        service_times={
            "a": simulation.ServiceTime("empirical", samples=(10.0,)),
            "w": simulation.ServiceTime("empirical", samples=(10.0,)),
        },
        walk_ins_per_hour={"w": [60.0]},  # about one a minute for an hour
        appointments=(simulation.Appointment(minute=15.0, skill="a"),),
        no_show=0.0,
        late_share=0.0,
        early_max_minutes=0.0,
    )
    result = simulation.simulate(config, replications=1, seed=5)
    assert result.appointments.count == 1
    assert result.appointments.max_minutes < 10


def test_a_closed_desk_leaves_its_line_not_served() -> None:
    config = simulation.DayConfig(
        desks=(simulation.Desk("d", frozenset({"x"}), closes=30.0),),
        service_times={"x": simulation.ServiceTime("empirical", samples=(20.0,))},
        walk_ins_per_hour={"x": [30.0]},
        no_show=0.0,
        late_share=0.0,
    )
    result = simulation.simulate(config, replications=3, seed=2)
    assert result.not_served > 0
    assert result.walk_ins.count <= 3 * 2


def test_bad_config_is_refused() -> None:
    with pytest.raises(ValueError, match="service time for"):
        simulation.DayConfig(desks=(), service_times={}, walk_ins_per_hour={"x": [1.0]})
    with pytest.raises(ValueError, match="exceed"):
        simulation.DayConfig(desks=(), service_times={}, no_show=0.6, late_share=0.5)
    with pytest.raises(ValueError, match="replication"):
        simulation.simulate(simulation.mechelen_day(), replications=0, seed=1)

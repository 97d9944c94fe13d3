"""Staffing by queueing formulas: Erlang C for the contact centre, M/M/c for walk-in counters.

Plain numbers in, frozen dataclasses out: no Django, no database, no clock. The planning command
and (later) the manager's staffing page call these functions; the simulation
(``simulation.py``) is checked against them where both apply.

Both models are the same queue: Poisson arrivals, exponential service, ``N`` identical servers,
first come first served, nobody hangs up or walks away. The contact centre speaks of agents, the
offered traffic ``A = arrivals x handle time / interval`` in Erlangs, the service level (share
answered within ``T`` seconds) and the average speed of answer; the counters speak of desks, the
mean wait and a percentile of the wait. Nobody abandoning makes the figures a little pessimistic
when the line is long, which is the safe side for a staffing plan.

Numerical stability: Erlang C is never computed from factorials or powers of ``A`` (they overflow
a float past about 170 agents). Erlang B follows the recurrence
``B(0) = 1, B(n) = A B(n-1) / (n + A B(n-1))``, whose terms stay in (0, 1], and
``C = N B / (N - A (1 - B))``. The search for the smallest ``N`` extends the recurrence one agent
at a time, so finding 500 agents costs 500 steps, not 500 x 500.

When ``N <= A`` the queue grows without bound: the probability of waiting is 1, the service level
0 and the waits infinite (``math.inf``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# Occupancy caps compare A/N with a float; a hair of tolerance keeps 8.5/10 <= 0.85 true.
_EPS = 1e-9


@dataclass(frozen=True)
class StaffingResult:
    """What ``agents`` agents achieve in one interval of the contact centre."""

    agents: int  # agents on the phone (the Erlang ``N``)
    staff: int  # staff to roster: agents / (1 - shrinkage), rounded up
    traffic_erlangs: float  # offered traffic A
    service_level: float  # share of calls answered within the target seconds
    occupancy: float  # A / N: share of the agents' time spent on calls
    probability_wait: float  # Erlang C: share of calls that wait at all
    average_speed_of_answer_seconds: float  # mean wait over all calls (those answered at once count 0)


@dataclass(frozen=True)
class CounterResult:
    """What ``desks`` open desks achieve in one interval at the walk-in counters (M/M/c)."""

    desks: int
    traffic_erlangs: float  # arrivals x service time / interval: the desks busy on average
    utilisation: float  # A / desks
    probability_wait: float  # share of visitors who wait at all
    mean_wait_seconds: float  # over all visitors
    percentile: float  # the percentile reported, e.g. 0.9
    percentile_wait_seconds: float  # that share of visitors waits at most this long
    share_within_target: float  # share served within the target seconds (1.0 when no target)


@dataclass(frozen=True)
class WeekPlan:
    """Agents (or desks) per interval of a week, and the totals a roster is built from."""

    interval_seconds: int
    intervals: tuple[StaffingResult, ...]
    staff_hours: float  # sum over intervals of rostered staff x interval length
    agent_hours: float  # the same for the agents on the phone
    peak_staff: int
    calls: float
    service_level: float  # over the week, weighted by calls


@dataclass(frozen=True)
class CounterWeekPlan:
    interval_seconds: int
    intervals: tuple[CounterResult, ...]
    desk_hours: float
    peak_desks: int
    visitors: float
    mean_wait_seconds: float  # over the week, weighted by visitors


# --- the formulas ---------------------------------------------------------------------------------


def offered_traffic(arrivals: float, interval_seconds: float, handle_seconds: float) -> float:
    """Offered traffic in Erlangs: the number of servers busy on average."""
    _check_volume(arrivals, interval_seconds, handle_seconds)
    return arrivals * handle_seconds / interval_seconds


def erlang_b(agents: int, traffic: float) -> float:
    """Erlang B (blocking probability of ``agents`` servers offered ``traffic`` Erlangs), by recurrence."""
    if agents < 0 or traffic < 0:
        raise ValueError("agents and traffic must not be negative")
    b = 1.0
    for n in range(1, agents + 1):
        b = traffic * b / (n + traffic * b)
    return b


def _c_from_b(agents: int, traffic: float, b: float) -> float:
    if agents <= traffic:
        return 1.0
    return agents * b / (agents - traffic * (1.0 - b))


def erlang_c(agents: int, traffic: float) -> float:
    """Erlang C: the probability that a call waits (1.0 when ``agents <= traffic``)."""
    if traffic == 0:
        return 0.0
    return _c_from_b(agents, traffic, erlang_b(agents, traffic))


def probability_wait(agents: int, traffic: float) -> float:
    return erlang_c(agents, traffic)


def _service_level_from_c(agents: int, traffic: float, c: float, handle_seconds: float, target_seconds: float) -> float:
    if traffic == 0:
        return 1.0
    if agents <= traffic:
        return 0.0
    return max(0.0, 1.0 - c * math.exp(-(agents - traffic) * target_seconds / handle_seconds))


def service_level(agents: int, traffic: float, handle_seconds: float, target_seconds: float) -> float:
    """Share of calls answered within ``target_seconds``: ``1 - C exp(-(N - A) T / AHT)``."""
    return _service_level_from_c(agents, traffic, erlang_c(agents, traffic), handle_seconds, target_seconds)


def _asa_from_c(agents: int, traffic: float, c: float, handle_seconds: float) -> float:
    if traffic == 0:
        return 0.0
    if agents <= traffic:
        return math.inf
    return c * handle_seconds / (agents - traffic)


def average_speed_of_answer(agents: int, traffic: float, handle_seconds: float) -> float:
    """Mean wait over all calls in seconds: ``C AHT / (N - A)``."""
    return _asa_from_c(agents, traffic, erlang_c(agents, traffic), handle_seconds)


def occupancy(agents: int, traffic: float) -> float:
    """``A / N``, at most 1 (past that the agents are simply always busy)."""
    if agents == 0:
        return 0.0 if traffic == 0 else 1.0
    return min(1.0, traffic / agents)


def wait_exceeds_probability(servers: int, traffic: float, service_seconds: float, wait_seconds: float) -> float:
    """M/M/c: ``P(W > t) = C exp(-(c mu - lambda) t)``, with ``c mu - lambda = (c - A) / S``."""
    if traffic == 0:
        return 0.0
    if servers <= traffic:
        return 1.0
    return erlang_c(servers, traffic) * math.exp(-(servers - traffic) * wait_seconds / service_seconds)


def wait_percentile(servers: int, traffic: float, service_seconds: float, percentile: float) -> float:
    """The wait that a share ``percentile`` of visitors does not exceed (0 when enough wait not at all)."""
    if not 0 < percentile < 1:
        raise ValueError("percentile must lie strictly between 0 and 1")
    if traffic == 0:
        return 0.0
    if servers <= traffic:
        return math.inf
    c = erlang_c(servers, traffic)
    return _percentile_from_c(servers, traffic, c, service_seconds, percentile)


def _percentile_from_c(servers: int, traffic: float, c: float, service_seconds: float, percentile: float) -> float:
    if servers <= traffic:
        return math.inf
    if c <= 1 - percentile:
        return 0.0
    return math.log(c / (1 - percentile)) * service_seconds / (servers - traffic)


# --- the contact centre ---------------------------------------------------------------------------


def _staffing(
    agents: int, traffic: float, c: float, handle_seconds: float, target_seconds: float, shrinkage: float
) -> StaffingResult:
    return StaffingResult(
        agents=agents,
        staff=rostered_staff(agents, shrinkage),
        traffic_erlangs=traffic,
        service_level=_service_level_from_c(agents, traffic, c, handle_seconds, target_seconds),
        occupancy=occupancy(agents, traffic),
        probability_wait=c if traffic > 0 else 0.0,
        average_speed_of_answer_seconds=_asa_from_c(agents, traffic, c, handle_seconds),
    )


def rostered_staff(agents: int, shrinkage: float) -> int:
    """Staff to roster so that ``agents`` are on the phone: ``agents / (1 - shrinkage)`` rounded up."""
    _check_shrinkage(shrinkage)
    # Round 14 / 0.7 = 20.000000000000004 to 20, not 21.
    return math.ceil(agents / (1.0 - shrinkage) - _EPS)


def agents_needed(
    arrivals: float,
    interval_seconds: float,
    handle_seconds: float,
    target_level: float,
    target_seconds: float,
    max_occupancy: float | None = None,
    shrinkage: float = 0.0,
) -> StaffingResult:
    """The fewest agents that answer ``target_level`` of the calls within ``target_seconds``.

    ``arrivals`` calls in ``interval_seconds`` (e.g. 100 in 1800), ``handle_seconds`` the average
    handle time (talk plus wrap-up). With ``max_occupancy`` (e.g. 0.85) the agents are also never
    busier than that on average. ``staff`` adds the ``shrinkage`` (breaks, training, absence).
    No calls need no agents.
    """
    _check_volume(arrivals, interval_seconds, handle_seconds)
    _check_target(target_level, target_seconds)
    _check_shrinkage(shrinkage)
    if max_occupancy is not None and not 0 < max_occupancy <= 1:
        raise ValueError("the maximum occupancy must lie in (0, 1]")
    traffic = arrivals * handle_seconds / interval_seconds
    if traffic == 0:
        return _staffing(0, 0.0, 0.0, handle_seconds, target_seconds, shrinkage)
    start = math.floor(traffic) + 1  # the fewest agents for which the line does not grow forever
    if max_occupancy is not None:
        start = max(start, math.ceil(traffic / max_occupancy - _EPS))
    b = erlang_b(start, traffic)
    agents = start
    while True:
        c = _c_from_b(agents, traffic, b)
        if _service_level_from_c(agents, traffic, c, handle_seconds, target_seconds) >= target_level - _EPS:
            return _staffing(agents, traffic, c, handle_seconds, target_seconds, shrinkage)
        agents += 1
        b = traffic * b / (agents + traffic * b)


def roster_result(
    agents: int,
    arrivals: float,
    interval_seconds: float,
    handle_seconds: float,
    target_seconds: float,
    shrinkage: float = 0.0,
) -> StaffingResult:
    """What ``agents`` agents on the phone achieve for this interval's calls."""
    if agents < 0:
        raise ValueError("the number of agents must not be negative")
    traffic = offered_traffic(arrivals, interval_seconds, handle_seconds)
    if target_seconds < 0:
        raise ValueError("the target seconds must not be negative")
    c = erlang_c(agents, traffic)
    return _staffing(agents, traffic, c, handle_seconds, target_seconds, shrinkage)


def plan_week(
    arrivals_per_interval: Sequence[float],
    *,
    interval_seconds: int = 3600,
    handle_seconds: float,
    target_level: float,
    target_seconds: float,
    max_occupancy: float | None = None,
    shrinkage: float = 0.0,
) -> WeekPlan:
    """Agents needed for each interval of a week (or any run of intervals), and the totals."""
    intervals = tuple(
        agents_needed(
            arrivals,
            interval_seconds,
            handle_seconds,
            target_level,
            target_seconds,
            max_occupancy=max_occupancy,
            shrinkage=shrinkage,
        )
        for arrivals in arrivals_per_interval
    )
    hours = interval_seconds / 3600
    calls = float(sum(arrivals_per_interval))
    answered = sum(a * r.service_level for a, r in zip(arrivals_per_interval, intervals, strict=True))
    return WeekPlan(
        interval_seconds=interval_seconds,
        intervals=intervals,
        staff_hours=sum(r.staff for r in intervals) * hours,
        agent_hours=sum(r.agents for r in intervals) * hours,
        peak_staff=max((r.staff for r in intervals), default=0),
        calls=calls,
        service_level=answered / calls if calls else 1.0,
    )


# --- the walk-in counters -------------------------------------------------------------------------


def _counter(
    desks: int,
    traffic: float,
    c: float,
    service_seconds: float,
    percentile: float,
    target_wait_seconds: float | None,
) -> CounterResult:
    if traffic == 0:
        c = 0.0
    within = 1.0
    if target_wait_seconds is not None:
        within = _service_level_from_c(desks, traffic, c, service_seconds, target_wait_seconds)
    return CounterResult(
        desks=desks,
        traffic_erlangs=traffic,
        utilisation=occupancy(desks, traffic),
        probability_wait=c,
        mean_wait_seconds=_asa_from_c(desks, traffic, c, service_seconds),
        percentile=percentile,
        percentile_wait_seconds=0.0
        if traffic == 0
        else _percentile_from_c(desks, traffic, c, service_seconds, percentile),
        share_within_target=within,
    )


def desks_needed(
    arrivals: float,
    interval_seconds: float,
    service_seconds: float,
    *,
    target_mean_wait_seconds: float | None = None,
    target_wait_seconds: float | None = None,
    target_share: float = 0.9,
    max_utilisation: float | None = None,
) -> CounterResult:
    """The fewest open desks for ``arrivals`` visitors in ``interval_seconds`` (M/M/c).

    Give one target: ``target_mean_wait_seconds`` (the mean wait over all visitors at most that), or
    ``target_wait_seconds`` with ``target_share`` (e.g. 90 % wait at most 600 s: the 90th
    percentile of the wait). ``max_utilisation`` caps how busy the desks are on average.
    """
    _check_volume(arrivals, interval_seconds, service_seconds)
    if (target_mean_wait_seconds is None) == (target_wait_seconds is None):
        raise ValueError("give either a target mean wait or a target wait with its share, not both")
    if target_mean_wait_seconds is not None and target_mean_wait_seconds < 0:
        raise ValueError("the target mean wait must not be negative")
    if target_wait_seconds is not None:
        _check_target(target_share, target_wait_seconds)
    if max_utilisation is not None and not 0 < max_utilisation <= 1:
        raise ValueError("the maximum utilisation must lie in (0, 1]")
    if not 0 < target_share < 1:
        raise ValueError("the share must lie strictly between 0 and 1")
    traffic = arrivals * service_seconds / interval_seconds
    if traffic == 0:
        return _counter(0, 0.0, 0.0, service_seconds, target_share, target_wait_seconds)
    start = math.floor(traffic) + 1
    if max_utilisation is not None:
        start = max(start, math.ceil(traffic / max_utilisation - _EPS))
    b = erlang_b(start, traffic)
    desks = start
    while True:
        c = _c_from_b(desks, traffic, b)
        if target_mean_wait_seconds is not None:
            met = _asa_from_c(desks, traffic, c, service_seconds) <= target_mean_wait_seconds + _EPS
        else:
            assert target_wait_seconds is not None
            met = _service_level_from_c(desks, traffic, c, service_seconds, target_wait_seconds) >= target_share - _EPS
        if met:
            return _counter(desks, traffic, c, service_seconds, target_share, target_wait_seconds)
        desks += 1
        b = traffic * b / (desks + traffic * b)


def counter_result(
    desks: int,
    arrivals: float,
    interval_seconds: float,
    service_seconds: float,
    *,
    percentile: float = 0.9,
    target_wait_seconds: float | None = None,
) -> CounterResult:
    """What ``desks`` open desks achieve for this interval's walk-ins."""
    if desks < 0:
        raise ValueError("the number of desks must not be negative")
    if not 0 < percentile < 1:
        raise ValueError("the percentile must lie strictly between 0 and 1")
    traffic = offered_traffic(arrivals, interval_seconds, service_seconds)
    return _counter(desks, traffic, erlang_c(desks, traffic), service_seconds, percentile, target_wait_seconds)


def plan_counters_week(
    arrivals_per_interval: Sequence[float],
    *,
    interval_seconds: int = 3600,
    service_seconds: float,
    target_mean_wait_seconds: float | None = None,
    target_wait_seconds: float | None = None,
    target_share: float = 0.9,
    max_utilisation: float | None = None,
) -> CounterWeekPlan:
    """Open desks needed for each interval of a week at the walk-in counters, and the totals."""
    intervals = tuple(
        desks_needed(
            arrivals,
            interval_seconds,
            service_seconds,
            target_mean_wait_seconds=target_mean_wait_seconds,
            target_wait_seconds=target_wait_seconds,
            target_share=target_share,
            max_utilisation=max_utilisation,
        )
        for arrivals in arrivals_per_interval
    )
    visitors = float(sum(arrivals_per_interval))
    waited = sum(a * r.mean_wait_seconds for a, r in zip(arrivals_per_interval, intervals, strict=True) if a)
    return CounterWeekPlan(
        interval_seconds=interval_seconds,
        intervals=intervals,
        desk_hours=sum(r.desks for r in intervals) * interval_seconds / 3600,
        peak_desks=max((r.desks for r in intervals), default=0),
        visitors=visitors,
        mean_wait_seconds=waited / visitors if visitors else 0.0,
    )


# --- input checks ---------------------------------------------------------------------------------


def _check_volume(arrivals: float, interval_seconds: float, handle_seconds: float) -> None:
    if not math.isfinite(arrivals) or arrivals < 0:
        raise ValueError("the number of arrivals must not be negative")
    if not math.isfinite(interval_seconds) or interval_seconds <= 0:
        raise ValueError("the interval must be longer than 0 seconds")
    if not math.isfinite(handle_seconds) or handle_seconds <= 0:
        raise ValueError("the handle (service) time must be longer than 0 seconds")


def _check_target(level: float, seconds: float) -> None:
    if not 0 < level < 1:
        raise ValueError("the target level must lie strictly between 0 and 1 (e.g. 0.8)")
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError("the target seconds must not be negative")


def _check_shrinkage(shrinkage: float) -> None:
    if not 0 <= shrinkage < 1:
        raise ValueError("the shrinkage must lie in [0, 1) (e.g. 0.3)")

"""A discrete-event simulation of one day at the counters: appointments and walk-ins, desks with skills.

Plain data in, plain data out: no Django, no database, no clock, no global random state. The
same ``seed`` gives the same result on every machine (each replication has its own
``random.Random`` seeded from ``numpy.random.SeedSequence(seed).spawn``). Times are minutes from
the start of the day (0 is opening, e.g. 8:00).

What happens, event by event (a ``heapq`` of (time, sequence, event)):

- walk-ins arrive per skill as a Poisson process whose rate is constant within each hour
  (``walk_ins_per_hour[skill][h]`` for hour ``h`` from the start);
- each appointment's citizen either does not come (``no_show``), comes late (``late_share``, by
  an exponential delay with mean ``late_mean_minutes``) or comes on time to a few minutes early;
  an appointment is ready at the later of its time and its citizen's arrival, and its wait runs
  from then (waiting for one's own appointment time is not the office's delay);
- a free desk takes, among the skills it has, the ready appointment with the earliest time
  first, else the walk-in who has waited longest (one line per skill, first come first served);
  an arriving citizen goes to the first idle desk in ``desks`` order that has the skill;
- service times are drawn per skill from an empirical sample (minutes, e.g. from the history),
  a log-normal (median and spread) or an exponential (for checks against the formulas);
- a desk opens at ``opens`` and closes at ``closes``; it finishes the citizen it is serving.
  Whoever is still waiting when no desk with their skill will open again is not served.

Reported for walk-ins and appointments separately: the mean, median and 90th percentile of the
wait, the share that waited at all, the share within the target, pooled over all replications,
and the mean wait's spread between replications (a 95 % interval half-width).
"""

from __future__ import annotations

import heapq
import math
import random
import statistics
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

ServiceKind = Literal["lognormal", "empirical", "exponential"]


@dataclass(frozen=True)
class ServiceTime:
    """How long a service takes, in minutes."""

    kind: ServiceKind = "lognormal"
    median_minutes: float = 5.0  # lognormal: the median; exponential: the mean
    sigma: float = 0.5  # lognormal: the standard deviation of the log
    samples: tuple[float, ...] = ()  # empirical: observed durations, drawn with replacement

    def __post_init__(self) -> None:
        if self.kind == "empirical" and (not self.samples or min(self.samples) < 0):
            raise ValueError("an empirical service time needs a sample of durations, none negative")
        if self.kind != "empirical" and self.median_minutes <= 0:
            raise ValueError("the service time must be longer than 0 minutes")
        if self.sigma < 0:
            raise ValueError("sigma must not be negative")

    def draw(self, rng: random.Random) -> float:
        if self.kind == "empirical":
            return rng.choice(self.samples)
        if self.kind == "exponential":
            return rng.expovariate(1.0 / self.median_minutes)
        return rng.lognormvariate(math.log(self.median_minutes), self.sigma)

    @property
    def mean_minutes(self) -> float:
        if self.kind == "empirical":
            return statistics.fmean(self.samples)
        if self.kind == "exponential":
            return self.median_minutes
        return self.median_minutes * math.exp(self.sigma**2 / 2)


@dataclass(frozen=True)
class Desk:
    name: str
    skills: frozenset[str]
    opens: float = 0.0  # minutes from the start of the day
    closes: float = math.inf


@dataclass(frozen=True)
class Appointment:
    minute: float  # its time, in minutes from the start of the day
    skill: str


@dataclass(frozen=True)
class DayConfig:
    desks: tuple[Desk, ...]
    service_times: Mapping[str, ServiceTime]  # per skill
    walk_ins_per_hour: Mapping[str, Sequence[float]] = field(default_factory=dict)  # per skill, hour by hour
    appointments: tuple[Appointment, ...] = ()
    no_show: float = 0.07  # Mechelen 2018: 7 % no-show without notice
    late_share: float = 0.16  # Mechelen 2018: 16 % not on time
    late_mean_minutes: float = 6.0
    early_max_minutes: float = 5.0  # those on time arrive up to this many minutes early
    target_wait_minutes: float = 10.0
    warmup_minutes: float = 0.0  # citizens who arrive before this are served but not counted

    def __post_init__(self) -> None:
        for name, share in (("no_show", self.no_show), ("late_share", self.late_share)):
            if not 0 <= share <= 1:
                raise ValueError(f"{name} must lie in [0, 1]")
        if self.no_show + self.late_share > 1:
            raise ValueError("no-shows and late arrivals together cannot exceed 1")
        skills = set(self.walk_ins_per_hour) | {a.skill for a in self.appointments}
        missing = skills - set(self.service_times)
        if missing:
            raise ValueError(f"no service time for: {', '.join(sorted(missing))}")
        if any(rate < 0 for rates in self.walk_ins_per_hour.values() for rate in rates):
            raise ValueError("walk-in rates must not be negative")


@dataclass(frozen=True)
class WaitSummary:
    count: int  # citizens served (and counted)
    mean_minutes: float
    median_minutes: float
    p90_minutes: float
    max_minutes: float
    probability_wait: float  # share who waited more than a second
    share_within_target: float
    mean_halfwidth_minutes: float  # 95 % interval half-width of the mean, between replications


@dataclass(frozen=True)
class SimulationResult:
    replications: int
    seed: int
    walk_ins: WaitSummary
    appointments: WaitSummary
    no_shows: float  # per day, averaged
    not_served: float  # per day, averaged: still waiting when no desk with their skill opens again
    desk_utilisation: Mapping[str, float]  # busy share of each desk's opening time (capped at closing)
    target_wait_minutes: float


# --- one day --------------------------------------------------------------------------------------

_ARRIVE, _READY, _FREE, _OPEN = 0, 1, 2, 3


@dataclass
class _Day:
    walk_in_waits: list[float]
    appointment_waits: list[float]
    no_shows: int
    not_served: int
    busy: list[float]


def _run_day(config: DayConfig, rng: random.Random) -> _Day:
    events: list[tuple[float, int, int, int, str]] = []  # (time, seq, kind, index, skill)
    seq = 0

    def push(time: float, kind: int, index: int, skill: str) -> None:
        nonlocal seq
        heapq.heappush(events, (time, seq, kind, index, skill))
        seq += 1

    # Walk-ins: piecewise-constant Poisson, hour by hour (memoryless, so restarting each hour is exact).
    for skill, rates in config.walk_ins_per_hour.items():
        for hour, rate in enumerate(rates):
            if rate <= 0:
                continue
            t = hour * 60.0
            end = t + 60.0
            per_minute = rate / 60.0
            while True:
                t += rng.expovariate(per_minute)
                if t >= end:
                    break
                push(t, _ARRIVE, -1, skill)
    no_shows = 0
    scheduled: list[float] = []
    for appointment in config.appointments:
        draw = rng.random()
        if draw < config.no_show:
            no_shows += 1
            continue
        if draw < config.no_show + config.late_share:
            arrival = appointment.minute + rng.expovariate(1.0 / config.late_mean_minutes)
        else:
            arrival = appointment.minute - rng.uniform(0.0, config.early_max_minutes)
        scheduled.append(appointment.minute)
        push(max(arrival, appointment.minute), _READY, len(scheduled) - 1, appointment.skill)
        # The counted wait starts when ready; arrival time only decides when that is.
    for index, desk in enumerate(config.desks):
        push(desk.opens, _OPEN, index, "")

    desks = config.desks
    idle = [False] * len(desks)
    busy = [0.0] * len(desks)
    walk_in_lines: dict[str, deque[float]] = {}
    appointment_lines: dict[str, list[tuple[float, int, float]]] = {}  # (scheduled, seq, ready at)
    walk_in_waits: list[float] = []
    appointment_waits: list[float] = []
    warmup = config.warmup_minutes
    services = config.service_times

    def start(desk_index: int, now: float, skill: str) -> None:
        duration = services[skill].draw(rng)
        desk = desks[desk_index]
        busy[desk_index] += max(0.0, min(now + duration, desk.closes) - now)
        idle[desk_index] = False
        push(now + duration, _FREE, desk_index, "")

    def take_next(desk_index: int, now: float) -> None:
        desk = desks[desk_index]
        if now >= desk.closes:
            idle[desk_index] = False  # closed: out of the hall
            return
        best_appointment: tuple[float, int, float, str] | None = None
        for skill in desk.skills:
            line = appointment_lines.get(skill)
            if line and (best_appointment is None or line[0][:2] < best_appointment[:2]):
                best_appointment = (*line[0], skill)
        if best_appointment is not None:
            _when, _seq, ready_at, skill = best_appointment
            heapq.heappop(appointment_lines[skill])
            if ready_at >= warmup:
                appointment_waits.append(now - ready_at)
            start(desk_index, now, skill)
            return
        oldest: tuple[float, str] | None = None
        for skill in desk.skills:
            queue = walk_in_lines.get(skill)
            if queue and (oldest is None or queue[0] < oldest[0]):
                oldest = (queue[0], skill)
        if oldest is not None:
            arrived, skill = oldest
            walk_in_lines[skill].popleft()
            if arrived >= warmup:
                walk_in_waits.append(now - arrived)
            start(desk_index, now, skill)
            return
        idle[desk_index] = True

    def idle_desk_for(skill: str, now: float) -> int | None:
        for index, desk in enumerate(desks):
            if idle[index] and skill in desk.skills and desk.opens <= now < desk.closes:
                return index
        return None

    while events:
        now, _seq, kind, index, skill = heapq.heappop(events)
        if kind == _ARRIVE:
            walk_in_lines.setdefault(skill, deque()).append(now)
            desk_index = idle_desk_for(skill, now)
            if desk_index is not None:
                take_next(desk_index, now)
        elif kind == _READY:
            heapq.heappush(appointment_lines.setdefault(skill, []), (scheduled[index], index, now))
            desk_index = idle_desk_for(skill, now)
            if desk_index is not None:
                take_next(desk_index, now)
        else:  # a desk opens or becomes free
            take_next(index, now)

    not_served = sum(len(q) for q in walk_in_lines.values()) + sum(len(q) for q in appointment_lines.values())
    return _Day(walk_in_waits, appointment_waits, no_shows, not_served, busy)


# --- many days ------------------------------------------------------------------------------------


def _summary(waits: list[float], per_day_means: list[float], target: float) -> WaitSummary:
    if not waits:
        return WaitSummary(0, math.nan, math.nan, math.nan, math.nan, math.nan, math.nan, math.nan)
    values = np.asarray(waits)
    halfwidth = math.nan
    if len(per_day_means) > 1:
        halfwidth = 1.96 * statistics.stdev(per_day_means) / math.sqrt(len(per_day_means))
    return WaitSummary(
        count=int(values.size),
        mean_minutes=float(values.mean()),
        median_minutes=float(np.median(values)),
        p90_minutes=float(np.quantile(values, 0.9)),
        max_minutes=float(values.max()),
        probability_wait=float(np.mean(values > 1 / 60)),
        share_within_target=float(np.mean(values <= target)),
        mean_halfwidth_minutes=halfwidth,
    )


def simulate(
    config: DayConfig,
    replications: int,
    seed: int,
    progress: Callable[[int, int], None] | None = None,
) -> SimulationResult:
    """Simulate ``replications`` independent days; ``progress(done, total)`` after each one."""
    if replications < 1:
        raise ValueError("at least one replication")
    seeds = np.random.SeedSequence(seed).generate_state(replications, dtype=np.uint64)
    walk_in_waits: list[float] = []
    appointment_waits: list[float] = []
    walk_in_means: list[float] = []
    appointment_means: list[float] = []
    no_shows = not_served = 0
    busy = [0.0] * len(config.desks)
    for done, day_seed in enumerate(seeds, start=1):
        day = _run_day(config, random.Random(int(day_seed)))  # noqa: S311 (a simulation, not a secret)
        walk_in_waits.extend(day.walk_in_waits)
        appointment_waits.extend(day.appointment_waits)
        if day.walk_in_waits:
            walk_in_means.append(statistics.fmean(day.walk_in_waits))
        if day.appointment_waits:
            appointment_means.append(statistics.fmean(day.appointment_waits))
        no_shows += day.no_shows
        not_served += day.not_served
        for index, minutes in enumerate(day.busy):
            busy[index] += minutes
        if progress is not None:
            progress(done, replications)
    utilisation: dict[str, float] = {}
    for index, desk in enumerate(config.desks):
        horizon = desk.closes - desk.opens
        utilisation[desk.name] = busy[index] / (horizon * replications) if math.isfinite(horizon) else math.nan
    target = config.target_wait_minutes
    return SimulationResult(
        replications=replications,
        seed=seed,
        walk_ins=_summary(walk_in_waits, walk_in_means, target),
        appointments=_summary(appointment_waits, appointment_means, target),
        no_shows=no_shows / replications,
        not_served=not_served / replications,
        desk_utilisation=utilisation,
        target_wait_minutes=target,
    )


def appointments_every(
    skill: str, *, start_minute: float, end_minute: float, every_minutes: float, per_slot: int = 1
) -> tuple[Appointment, ...]:
    """A regular appointment book: ``per_slot`` appointments every ``every_minutes`` in [start, end)."""
    if every_minutes <= 0:
        raise ValueError("the slot length must be longer than 0 minutes")
    slots = max(0, math.ceil((end_minute - start_minute) / every_minutes))
    return tuple(
        Appointment(minute=start_minute + i * every_minutes, skill=skill) for i in range(slots) for _ in range(per_slot)
    )


def mechelen_day(
    *,
    walk_ins: float = 117.0,
    quick_desks: int = 2,
    quick_minutes: float = 3.0,
    theme_desks: int = 10,
    slot_minutes: float = 20.0,
    theme_minutes: float = 14.0,
    hours: int = 8,
    no_show: float = 0.07,
    late: float = 0.16,
    target_minutes: float = 10.0,
) -> DayConfig:
    """A day at the Huis van de Mechelaar: about 350 visitors, 1/3 walk-ins at the quick counter
    (busiest in the morning), 2/3 by appointment at the theme counters (one per desk per slot)."""
    if walk_ins < 0 or quick_desks < 0 or theme_desks < 0 or hours < 1:
        raise ValueError("walk-ins and desks must not be negative, and the day at least an hour long")
    # Mornings are busiest (seed facts): hour weights 8:00, 9:00, ... falling after noon.
    weights = [1.0, 1.6, 1.6, 1.3, 1.0, 0.8, 0.8, 0.9][:hours] + [0.8] * max(0, hours - 8)
    rates = [walk_ins * w / sum(weights) for w in weights]
    appointments = appointments_every(
        "theme", start_minute=0.0, end_minute=hours * 60.0, every_minutes=slot_minutes, per_slot=theme_desks
    )
    close = hours * 60.0
    desks = tuple(Desk(f"quick-{i + 1}", frozenset({"quick"}), closes=close + 60) for i in range(quick_desks))
    desks += tuple(Desk(f"theme-{i + 1}", frozenset({"theme"}), closes=close + 60) for i in range(theme_desks))
    return DayConfig(
        desks=desks,
        service_times={
            "quick": ServiceTime("lognormal", median_minutes=quick_minutes, sigma=0.5),
            "theme": ServiceTime("lognormal", median_minutes=theme_minutes, sigma=0.4),
        },
        walk_ins_per_hour={"quick": rates},
        appointments=appointments,
        no_show=no_show,
        late_share=late,
        target_wait_minutes=target_minutes,
    )

"""Appointment capacity advice: how many slots a week per service keep the digital waiting time under a target.

Plain numbers in, plain numbers out (no database, no Django): ``planning.selectors.capacity_advice``
reads the history and the capacity template and calls this module.

The model is a fluid queue of bookings, deliberately simple so that a manager can follow it:

* ``d``: appointments asked for a week (the forecast of the history, ``demand_forecast``);
* ``c``: slots a week for the service (``weekly_slots``: a session's minutes x desks divided by
  the service's duration, a shared session split among its services by their demand);
* ``b``: the backlog, the appointments already booked ahead.

With five working days a week, the slots of one working day are ``c / 5``, and someone booking
now finds the first free slot after the backlog: **waiting days ~ b / (c / 5)**. A week later the
backlog is ``max(0, b + d - c)``. The advice is the smallest whole ``c`` with

* ``c >= d`` (the backlog does not grow: the waiting time stays where it is once reached), and
* after ``weeks_to_reach`` weeks ``H``: ``5 * max(0, b + H (d - c)) / c <= target``, that is
  ``c >= (5 b + 5 H d) / (target + 5 H)``.

It ignores that people choose later dates on purpose and that demand varies within the week, so
the measured digital waiting time (the booking engine's) is shown beside it. This module must
never read the database or know about models.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

WORKING_DAYS_A_WEEK = 5
DEFAULT_WEEKS_TO_REACH = 4


@dataclass(frozen=True)
class Session:
    """One row of the weekly template: its desk minutes (length x desks) and the services it serves."""

    minutes: float
    services: tuple[Hashable, ...]


@dataclass(frozen=True)
class CapacityAdvice:
    demand_per_week: float  # d: appointments expected in a week
    slots_per_week: float  # c now
    backlog: float  # b: booked ahead now
    waiting_days_now: float | None  # b / (c / 5); None: no slots at all
    waiting_days_later: float | None  # after ``weeks_to_reach`` weeks with the slots of now
    slots_needed: int  # the smallest whole c meeting the target
    waiting_days_with_advice: float | None  # after ``weeks_to_reach`` weeks with ``slots_needed``
    weeks_to_reach: int
    target_working_days: float

    @property
    def change(self) -> int:
        """Slots a week to add (positive) or that could go (negative)."""
        return self.slots_needed - math.floor(self.slots_per_week + 1e-9)

    @property
    def enough(self) -> bool:
        return self.slots_needed <= self.slots_per_week + 1e-9


def demand_forecast(weekly_counts: Sequence[float], weeks_ahead: int = 0) -> float:
    """The appointments of the week after the history (plus ``weeks_ahead`` weeks), never below 0.

    A straight line through the weekly counts (least squares), oldest week first: its value one
    week after the last (``weeks_ahead`` more weeks further). One week of history: that week.
    """
    if weeks_ahead < 0:
        raise ValueError("weeks ahead must not be negative")
    if any(c < 0 or not math.isfinite(c) for c in weekly_counts):
        raise ValueError("weekly counts must be finite and not negative")
    n = len(weekly_counts)
    if n == 0:
        return 0.0
    if n == 1:
        return float(weekly_counts[0])
    mean_x = (n - 1) / 2
    mean_y = sum(weekly_counts) / n
    sxx = sum((x - mean_x) ** 2 for x in range(n))
    slope = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(weekly_counts)) / sxx
    return max(0.0, mean_y + slope * (n - mean_x + weeks_ahead))


def weekly_slots(
    sessions: Sequence[Session], *, durations: Mapping[Hashable, float], demand: Mapping[Hashable, float]
) -> dict[Hashable, float]:
    """Slots a week per service: each session's minutes shared among its services by demand minutes.

    A service with no demand shares equally when no service of the session has any; otherwise it
    gets no share of that session (the minutes go where the bookings are).
    """
    slots: dict[Hashable, float] = {}
    for session in sessions:
        if session.minutes < 0:
            raise ValueError("a session's minutes must not be negative")
        served = [k for k in session.services if k in durations]
        if not served:
            continue
        weights = [demand.get(k, 0.0) * durations[k] for k in served]
        total = sum(weights)
        shares = [w / total for w in weights] if total > 0 else [1 / len(served)] * len(served)
        for key, share in zip(served, shares, strict=True):
            if durations[key] <= 0:
                raise ValueError("a service's duration must be longer than 0")
            slots[key] = slots.get(key, 0.0) + session.minutes * share / durations[key]
    return slots


def waiting_days(backlog: float, slots_per_week: float) -> float | None:
    """Working days to work through ``backlog`` at ``slots_per_week``; None when there are no slots."""
    if slots_per_week <= 0:
        return None if backlog > 0 else 0.0
    return backlog / (slots_per_week / WORKING_DAYS_A_WEEK)


def backlog_after(backlog: float, demand_per_week: float, slots_per_week: float, weeks: int) -> float:
    return max(0.0, backlog + weeks * (demand_per_week - slots_per_week))


def advise(
    *,
    demand_per_week: float,
    slots_per_week: float,
    backlog: float,
    target_working_days: float,
    weeks_to_reach: int = DEFAULT_WEEKS_TO_REACH,
) -> CapacityAdvice:
    """The slots a week that bring the waiting time under ``target_working_days`` within ``weeks_to_reach``."""
    if min(demand_per_week, slots_per_week, backlog) < 0:
        raise ValueError("demand, slots and backlog must not be negative")
    if target_working_days < 0:
        raise ValueError("the target must not be negative")
    if weeks_to_reach < 1:
        raise ValueError("weeks to reach the target must be at least 1")
    d, b, h, t = demand_per_week, backlog, weeks_to_reach, target_working_days
    w = WORKING_DAYS_A_WEEK
    exact = max(d, (w * b + w * h * d) / (t + w * h)) if (d > 0 or b > 0) else 0.0
    needed = math.ceil(exact - 1e-9)
    return CapacityAdvice(
        demand_per_week=d,
        slots_per_week=slots_per_week,
        backlog=b,
        waiting_days_now=waiting_days(b, slots_per_week),
        waiting_days_later=waiting_days(backlog_after(b, d, slots_per_week, h), slots_per_week),
        slots_needed=needed,
        waiting_days_with_advice=waiting_days(backlog_after(b, d, needed, h), needed),
        weeks_to_reach=h,
        target_working_days=t,
    )

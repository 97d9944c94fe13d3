"""How long until it is your turn: the wait estimate of the walk-in queue, plain Python over plain data.

The estimate a citizen sees at the kiosk, on the ticket page and at reception is meant to be
explained in one sentence: *the people before you (and the appointments due), shared over the
desks that are open for this queue, times the recent average service time; plus, when every desk
is busy, half a service for the one at the desk to finish.* No database and no clock here: the
selectors pass the figures in.

The "service time" here is how long a ticket takes a desk, from its call to its finish (the walk
to the desk included: the desk is not free meanwhile), averaged over the queue's most recent
tickets (``RECENT_SERVICES``) of the last ``RECENT_HOURS`` hours; with fewer than ``MIN_SAMPLES``
of them, the services' own durations from the catalogue stand in (the start of a day). The
accuracy on a simulated morning is reported in ``benchmarks/queue``.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

RECENT_SERVICES = 20
RECENT_HOURS = 3
MIN_SAMPLES = 3
DEFAULT_SERVICE_MINUTES = 5.0


@dataclass(frozen=True, kw_only=True)
class QueueLoad:
    """What the estimate of one place in one queue depends on."""

    ahead: int  # tickets called before this one, in policy order
    appointments_due: int  # booked, not yet checked in, due before this one would be called
    open_desks: int  # open, not paused, serving this queue
    busy_desks: int  # of those, with a citizen called or at the desk
    recent_service_minutes: Sequence[float]  # most recent first
    catalogue_minutes: Sequence[float]  # the queue's services' usual durations


def mean_service_minutes(load: QueueLoad) -> float:
    """The recent average service time, or the catalogue's when too few services were measured."""
    recent = list(load.recent_service_minutes[:RECENT_SERVICES])
    if len(recent) >= MIN_SAMPLES:
        return statistics.fmean(recent)
    if load.catalogue_minutes:
        return statistics.fmean(load.catalogue_minutes)
    return DEFAULT_SERVICE_MINUTES


def estimated_wait_minutes(load: QueueLoad) -> int | None:
    """Whole minutes until this place is called, rounded up; ``None`` while no desk is open for it."""
    if load.ahead < 0 or load.appointments_due < 0 or load.busy_desks > load.open_desks:
        raise ValueError("counts must be non-negative and busy desks at most the open ones")
    if load.open_desks == 0:
        return None
    service = mean_service_minutes(load)
    wait = (load.ahead + load.appointments_due) * service / load.open_desks
    if load.busy_desks == load.open_desks:
        wait += service / 2
    return math.ceil(wait - 1e-9)

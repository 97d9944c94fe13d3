"""The dashboard's daily roll-up: the same figures as the events, read from a few rows (issue 6)."""

from __future__ import annotations

import datetime
import random
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from loket.appointments.availability import TIMEZONE
from loket.appointments.models import AppointmentStatus, VisitSuggestion
from loket.contacts.models import Contact, ContactChannel, Outcome
from loket.insights import rollup
from loket.insights.figures import Distribution, Period
from loket.insights.models import Grain, LocationHour, RollUp, WaitBucket
from loket.insights.selectors import Figures, insights_figures, rolled_up_runs
from loket.queueing.models import TicketStatus
from tests.insights.test_selectors import Town, at

pytestmark = pytest.mark.django_db

NOVEMBER = Period(datetime.date(2026, 11, 1), datetime.date(2026, 12, 1))
AFTER = datetime.datetime(2026, 12, 1, 2, 0, tzinfo=TIMEZONE)  # the night after November


def seconds(n: float) -> datetime.timedelta:
    return datetime.timedelta(seconds=n)


def busy_month(town: Town, days: Period = NOVEMBER, *, seed: int = 6) -> None:
    """A month of mornings: walk-ins with waits from seconds to an hour, appointments on time,
    late or not come, phone calls and e-mails; drawn with a fixed seed."""
    draw = random.Random(seed)
    day = days.start
    while day < days.end:
        if day.weekday() < 6:
            for _ in range(draw.randint(3, 9)):
                issued = at(draw.randint(8, 12), draw.randint(0, 59), day=day)
                called = issued + seconds(draw.expovariate(1 / 420))
                started = called + seconds(draw.randint(5, 60))
                status = draw.choice([TicketStatus.DONE] * 9 + [TicketStatus.NO_SHOW])
                if status == TicketStatus.DONE:
                    town.ticket(issued, called, started, started + seconds(draw.uniform(60, 900)))
                else:
                    town.ticket(issued, called, status=status)
            for _ in range(draw.randint(1, 4)):
                start = at(draw.randint(9, 15), draw.choice([0, 15, 30, 45]), day=day)
                kind = draw.random()
                if kind < 0.08:
                    town.appointment(start, AppointmentStatus.NO_SHOW)
                    continue
                late = kind < 0.25
                arrived = start + seconds(draw.randint(360, 900) if late else -draw.randint(0, 600))
                appointment = town.appointment(start, late=late, arrived_at=arrived)
                if draw.random() < 0.3:
                    suggestion = VisitSuggestion.objects.create(
                        appointment=appointment, service=town.bags, accepted=draw.random() < 0.4
                    )
                    booked = start - datetime.timedelta(days=1)
                    VisitSuggestion.objects.filter(pk=suggestion.pk).update(created_at=booked)
                called = max(arrived, start) + seconds(draw.expovariate(1 / 200))
                town.ticket(
                    arrived,
                    called,
                    called + seconds(20),
                    called + seconds(draw.uniform(300, 1200)),
                    appointment=appointment,
                )
            for _ in range(draw.randint(2, 8)):
                Contact.objects.create(
                    organisation=town.organisation,
                    registered_by=town.organisation,
                    channel=draw.choice([ContactChannel.PHONE] * 3 + [ContactChannel.EMAIL]),
                    started_at=at(draw.randint(8, 16), draw.randint(0, 59), day=day),
                    outcome=draw.choice([Outcome.ANSWERED] * 3 + [Outcome.REQUEST]),
                )
        day += datetime.timedelta(days=1)


def close_enough(rolled: Distribution, exact: Distribution) -> None:
    """Counts and means exactly; the percentiles within about a bucket (5 s, or 5 % of the value)."""
    assert rolled.count == exact.count
    if not exact.count:
        assert rolled == exact
        return
    assert rolled.mean == pytest.approx(exact.mean)
    for name in ("median", "p90"):
        value, truth = getattr(rolled, name), getattr(exact, name)
        assert abs(value - truth) <= 2 * max(5.0, 0.05 * truth), (name, value, truth)


def same_figures(rolled: Figures, exact: Figures) -> None:
    for part in ("visitors", "heat_map", "appointments", "calls", "first_contact", "overdue", "suggestions"):
        assert getattr(rolled, part) == getattr(exact, part), part
    close_enough(rolled.waiting.walk_in, exact.waiting.walk_in)
    close_enough(rolled.waiting.appointment, exact.waiting.appointment)
    assert [q.queue_id for q in rolled.waiting.queues] == [q.queue_id for q in exact.waiting.queues]
    for mine, theirs in zip(rolled.waiting.queues, exact.waiting.queues, strict=True):
        close_enough(mine.walk_in, theirs.walk_in)
        close_enough(mine.appointment, theirs.appointment)
    close_enough(rolled.service_times.overall, exact.service_times.overall)
    assert {s.service_id for s in rolled.service_times.services} == {s.service_id for s in exact.service_times.services}
    exact_services = {s.service_id: s.time for s in exact.service_times.services}
    for row in rolled.service_times.services:
        close_enough(row.time, exact_services[row.service_id])


@pytest.fixture
def town() -> Town:
    return Town()


def figures(town: Town, period: Period, **kwargs: Any) -> Figures:
    return insights_figures(organisation=town.organisation, period=period, **kwargs)


def test_the_rolled_up_month_gives_the_figures_of_its_events(town: Town) -> None:
    busy_month(town)
    periods = [NOVEMBER, Period(datetime.date(2026, 11, 9), datetime.date(2026, 11, 16))]
    exact = [figures(town, period) for period in periods]
    assert exact[0].visitors.visitors > 150 and exact[0].calls.calls > 50  # the month is not empty
    assert exact[0].suggestions.offered > 5
    run = rollup.rollup_days(start=NOVEMBER.start, end=NOVEMBER.end, now=AFTER)
    assert (run.days, run.months) == (30, 1)
    for period, truth in zip(periods, exact, strict=True):
        same_figures(figures(town, period), truth)


def test_a_whole_month_is_read_from_its_month_rows(town: Town) -> None:
    busy_month(town)
    exact = figures(town, NOVEMBER)
    rollup.rollup_days(start=NOVEMBER.start, end=NOVEMBER.end, now=AFTER)
    # Take away the day histograms: the month still has all its waits, from its own rows.
    WaitBucket.objects.filter(grain=Grain.DAY).delete()
    assert figures(town, NOVEMBER).waiting.walk_in.count == exact.waiting.walk_in.count
    # A week inside the month has no month row to read: its waits were in the day rows.
    assert figures(town, Period(datetime.date(2026, 11, 9), datetime.date(2026, 11, 16))).waiting.walk_in.count == 0


def test_days_not_rolled_up_are_read_from_their_events_beside_the_rolled_up_ones(town: Town) -> None:
    busy_month(town)
    exact = figures(town, NOVEMBER)
    rollup.rollup_days(start=datetime.date(2026, 11, 10), end=datetime.date(2026, 11, 20), now=AFTER)
    rolled, raw = rolled_up_runs(NOVEMBER)
    assert rolled == [(datetime.date(2026, 11, 10), datetime.date(2026, 11, 20))]
    assert raw == [(NOVEMBER.start, datetime.date(2026, 11, 10)), (datetime.date(2026, 11, 20), NOVEMBER.end)]
    same_figures(figures(town, NOVEMBER), exact)


def test_a_day_rolled_up_again_takes_in_what_changed_since(town: Town) -> None:
    day = datetime.date(2026, 11, 3)
    appointment = town.appointment(at(10, day=day), AppointmentStatus.BOOKED)
    town.ticket(at(9, day=day), at(9, 5, day=day), at(9, 6, day=day), at(9, 10, day=day))
    rollup.rollup_day(day=day, now=AFTER)
    week = Period(datetime.date(2026, 11, 2), datetime.date(2026, 11, 9))
    assert figures(town, week).appointments.no_show == 0
    appointment.status = AppointmentStatus.NO_SHOW  # recorded by the sweep after its end
    appointment.save()
    assert figures(town, week).appointments.no_show == 0  # the roll-up still holds the old count
    rollup.rollup_day(day=day, now=AFTER)
    assert figures(town, week).appointments.no_show == 1
    assert LocationHour.objects.filter(day=day).count() == 2  # rewritten, not added to


def test_today_is_never_rolled_up(town: Town) -> None:
    with pytest.raises(ValueError, match="not over yet"):
        rollup.rollup_day(day=AFTER.date(), now=AFTER)
    run = rollup.rollup_days(start=datetime.date(2026, 11, 29), end=datetime.date(2026, 12, 3), now=AFTER)
    assert run.days == 2
    assert not RollUp.objects.filter(start__gte=AFTER.date()).exists()


def test_the_sweep_rolls_up_the_last_week_once_a_night(town: Town) -> None:
    town.ticket(at(9, day=datetime.date(2026, 11, 30)), at(9, 3, day=datetime.date(2026, 11, 30)))
    before_one = datetime.datetime(2026, 12, 1, 0, 30, tzinfo=TIMEZONE)
    assert rollup.rollup_if_due(now=before_one) is None
    run = rollup.rollup_if_due(now=AFTER)
    assert run is not None and run.days == rollup.RECOMPUTE_DAYS
    assert rollup.rollup_if_due(now=AFTER + datetime.timedelta(hours=3)) is None  # done for tonight
    assert set(RollUp.objects.filter(grain=Grain.DAY).values_list("start", flat=True)) == {
        datetime.date(2026, 11, 24) + datetime.timedelta(days=n) for n in range(7)
    }
    assert rollup.rollup_if_due(now=AFTER + datetime.timedelta(days=1)) is not None  # the next night


def test_loket_rollup_recomputes_from_the_first_ticket(town: Town) -> None:
    town.ticket(at(9, day=datetime.date(2026, 11, 27)), at(9, 3, day=datetime.date(2026, 11, 27)))
    out = StringIO()
    call_command("rollup", "--until", "2026-11-30", stdout=out)
    assert "3 days" in out.getvalue()
    assert list(RollUp.objects.values_list("start", flat=True).order_by("start")) == [
        datetime.date(2026, 11, 27),
        datetime.date(2026, 11, 28),
        datetime.date(2026, 11, 29),
    ]


def test_loket_rollup_refuses_a_date_it_cannot_read() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Not a date"):
        call_command("rollup", "--since", "30/11/2026")
    assert not RollUp.objects.exists()


def test_the_roll_up_keeps_a_walk_in_who_left_out_of_the_visitors(town: Town) -> None:
    day = datetime.date(2026, 11, 4)
    town.ticket(at(9, day=day), at(9, 10, day=day), status=TicketStatus.NO_SHOW)
    town.ticket(at(9, day=day), at(9, 2, day=day), at(9, 3, day=day), at(9, 9, day=day))
    rollup.rollup_day(day=day, now=AFTER)
    rolled = figures(town, Period(day, day + datetime.timedelta(days=1)))
    assert rolled.visitors.visitors == 1
    assert rolled.waiting.walk_in.count == 2  # both waited, one was served
    assert rolled.waiting.walk_in.mean == pytest.approx(360)
    # Each wait alone in its bucket: the percentile is as exact as from the events.
    assert rolled.waiting.walk_in.p90 == pytest.approx(120 + 0.9 * 480)

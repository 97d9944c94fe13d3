"""The demo's year of history reads back, through the dashboard's selectors, as the seed facts (issue 6).

One test on purpose: loading a year of history takes about 20 seconds on SQLite, so it is loaded
once and every figure is checked against ``reference/seed-facts.md`` within 10 %. The service
score (8.5 / 10) comes from the surveys of ``feedback`` and is checked there, not here.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.test import override_settings
from django.utils import timezone

from loket.appointments.models import Appointment
from loket.contacts.models import Contact
from loket.demo import load_demo
from loket.demo.history import load_history
from loket.insights.figures import Period
from loket.insights.selectors import insights_figures
from loket.organisations.models import Organisation
from loket.queueing.models import Ticket

pytestmark = pytest.mark.django_db

MONDAY, THURSDAY, SATURDAY = 0, 3, 5


@pytest.fixture(autouse=True)
def fast_password_hashing() -> Iterator[None]:
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


def within(value: float | None, target: float, tolerance: float = 0.10) -> bool:
    return value is not None and abs(value - target) <= tolerance * target


def test_the_demo_year_reads_back_as_the_seed_facts_within_ten_percent() -> None:
    assert load_demo() is True
    today = timezone.localdate()
    load_history(today=today)
    figures = insights_figures(
        organisation=Organisation.objects.get(slug="mechelen"),
        period=Period(today - datetime.timedelta(days=365), today),
    )

    visitors = figures.visitors
    assert within(visitors.per_day, 350), visitors.per_day
    assert within(visitors.appointment_share, 2 / 3), visitors.appointment_share
    busiest_day = max(count for _day, count in visitors.by_day)
    assert 500 <= busiest_day <= 700, busiest_day  # "up to 600 in holiday periods"
    july = [count for day, count in visitors.by_day if day.month == 7]
    november = [count for day, count in visitors.by_day if day.month == 11]
    assert sum(july) / len(july) > 1.4 * sum(november) / len(november)

    appointments = figures.appointments
    assert within(appointments.late_rate, 0.16), appointments.late_rate
    assert within(appointments.no_show_rate, 0.07), appointments.no_show_rate
    assert within(figures.waiting.appointment.mean, 112), figures.waiting.appointment.mean  # 1 min 52 s
    assert figures.waiting.walk_in.mean is not None and 120 <= figures.waiting.walk_in.mean <= 420

    calls = figures.calls
    assert within(calls.per_day, 250), calls.per_day
    assert calls.busiest_weekday == MONDAY
    weekdays = calls.by_weekday[:5]
    assert list(weekdays) == sorted(weekdays, reverse=True), weekdays  # fewer each day of the week
    assert calls.peak_hour in (10, 11)
    morning_and_early_afternoon = sum(calls.by_hour[8:15])
    assert morning_and_early_afternoon > 0.8 * calls.calls

    # Visitors: Saturday morning and Thursday late afternoon are the busiest.
    heat = figures.heat_map
    assert heat.total == visitors.visitors
    busiest = max(((day, hour) for day in range(7) for hour in range(24)), key=lambda cell: heat.cell(*cell))
    assert busiest[0] == SATURDAY and 9 <= busiest[1] < 12, busiest
    late_afternoon = {day: sum(heat.cell(day, hour) for hour in (16, 17, 18)) for day in range(7)}
    assert max(late_afternoon, key=late_afternoon.__getitem__) == THURSDAY
    assert heat.cell(6, 10) == 0  # closed on Sundays

    # No fake personal data in the history; a second load writes nothing.
    past = today - datetime.timedelta(days=30)
    assert not Appointment.objects.filter(start__date__lt=past).exclude(name="").exists()
    assert not Contact.objects.filter(started_at__date__lt=past, person__isnull=False).exists()
    tickets = Ticket.objects.count()
    assert "already present" in load_history(today=today)
    assert Ticket.objects.count() == tickets

"""The manager's planning page: who sees it, the table beside the forecast, the CSV, bad input, no history."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from loket.planning import views
from tests.factories import LocationFactory
from tests.planning.helpers import NOW, Hall, add_appointments, add_session, make_hall

pytestmark = pytest.mark.django_db

WEEK = {
    "week": "2026-W07",
    "plan_for": "calls",
    "call_level": "80",
    "call_seconds": "20",
    "call_handle_seconds": "180",
    "counter_level": "90",
    "counter_minutes": "10",
    "counter_service_minutes": "6",
    "max_occupancy": "85",
    "shrinkage": "0",
    "target_days": "10",
}


@pytest.fixture(autouse=True)
def _now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "_clock", lambda: NOW.astimezone(datetime.UTC))


@pytest.fixture
def hall() -> Hall:
    with translation.override("en"):
        return make_hall()


def url(**query: str) -> str:
    from urllib.parse import urlencode

    with translation.override("en"):
        return reverse("planning-week") + ("?" + urlencode(query) if query else "")


def get(client: Client, user: Any, **query: str) -> Any:
    client.force_login(user)
    return client.get(url(**query))


def test_manager_sees_the_forecast_beside_the_agents(client: Client, hall: Hall) -> None:
    response = get(client, hall.manager, location=hall.location.slug, **WEEK)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Calls forecast and agents needed each hour, 9 February to 15 February 2026" in html
    assert '<th scope="row">10:00</th><td class="num forecast">6.' in html  # Monday at 10: about six
    assert response.context["plan"].days[0].hours[10].forecast == pytest.approx(6, abs=0.5)
    assert "calls are expected this week." in html
    assert "The busiest hour needs" in html
    assert "On a public holiday" in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_first_visit_plans_next_week_for_the_first_location(client: Client, hall: Hall) -> None:
    response = get(client, hall.manager)
    assert response.status_code == 200
    assert response.context["form"].cleaned_data["week"].isoformat() == "2026-02-09"
    assert response.context["plan"].forecast_total == pytest.approx(40, rel=0.1)


def test_counters_plan_desks_from_the_tickets(client: Client, hall: Hall) -> None:
    response = get(client, hall.manager, location=hall.location.slug, **{**WEEK, "plan_for": "counters"})
    plan = response.context["plan"]
    assert plan.plan_for == "counters"
    assert plan.days[0].hours[9].forecast == pytest.approx(12, rel=0.1)
    assert plan.days[0].hours[9].needed >= 2
    assert "visitors are expected at the counters" in response.content.decode()


def test_clerk_without_a_manager_role_is_refused(client: Client, hall: Hall) -> None:
    assert get(client, hall.clerk).status_code == 403


def test_anonymous_goes_to_the_login_page(client: Client, hall: Hall) -> None:
    response = client.get(url())
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_another_organisations_location_is_not_found(client: Client, hall: Hall) -> None:
    assert get(client, hall.manager, location=hall.other_location.slug, **WEEK).status_code == 404
    assert get(client, hall.outsider, location=hall.location.slug, **WEEK).status_code == 404


def test_csv_has_every_hour_of_the_week(client: Client, hall: Hall) -> None:
    response = get(client, hall.manager, location=hall.location.slug, format="csv", **WEEK)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"planning-{hall.location.slug}-2026-W07-calls.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Date", "Hour", "Calls forecast", "Agents needed"]
    assert len(rows) == 1 + 7 * 24
    monday_10 = rows[1 + 10]
    assert monday_10[:2] == ["2026-02-09", "10:00"]
    assert float(monday_10[2]) == pytest.approx(6, abs=0.5)
    assert int(monday_10[3]) >= 1
    assert rows[1 + 5 * 24 + 10][2] == "0.00"  # Saturday: nothing


@pytest.mark.parametrize(
    ("field", "value"),
    [("week", "2026-10"), ("week", "2026-W60"), ("call_level", "100"), ("shrinkage", "-1"), ("plan_for", "mail")],
)
def test_bad_input_is_shown_next_to_its_field_and_nothing_is_computed(
    client: Client, hall: Hall, field: str, value: str
) -> None:
    response = get(client, hall.manager, location=hall.location.slug, **{**WEEK, field: value})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert "plan" not in response.context
    assert "capacity" not in response.context


def test_bad_input_with_csv_shows_the_page_not_a_file(client: Client, hall: Hall) -> None:
    response = get(client, hall.manager, location=hall.location.slug, format="csv", **{**WEEK, "week": "x"})
    assert response["Content-Type"].startswith("text/html")


def test_no_history_is_said_in_plain_words(client: Client) -> None:
    with translation.override("en"):
        hall = make_hall(history=False)
    response = get(client, hall.manager, location=hall.location.slug, **WEEK)
    assert response.status_code == 200
    assert "There are no calls recorded for this location yet" in response.content.decode()
    assert "plan" not in response.context


def test_manager_without_locations_is_told_so(client: Client, hall: Hall) -> None:
    from loket.organisations.models import Role
    from tests.factories import OrganisationFactory, staff_member

    lonely = staff_member(OrganisationFactory(), Role.MANAGER)
    response = get(client, lonely)
    assert response.status_code == 200
    assert "You manage no location yet" in response.content.decode()


def test_manager_of_two_organisations_chooses_among_both(client: Client, hall: Hall) -> None:
    from loket.organisations.models import Membership, Role

    Membership.objects.create(user=hall.manager, organisation=hall.other_location.organisation, role=Role.ADMIN)
    LocationFactory(organisation=hall.other_location.organisation)
    response = get(client, hall.manager, location=hall.other_location.slug, **WEEK)
    assert response.status_code == 200
    slugs = [value for value, _label in response.context["form"].fields["location"].choices]
    assert hall.location.slug in slugs
    assert hall.other_location.slug in slugs


def test_capacity_advice_per_service_below_the_plan(client: Client, hall: Hall) -> None:
    add_session(hall, [hall.passport], hours=2)  # 120 minutes: 8 passport slots a week
    add_appointments(hall, hall.passport, per_week=8, ahead=4)
    response = get(client, hall.manager, location=hall.location.slug, **WEEK)
    rows = {row.slug: row for row in response.context["capacity"].rows}
    advice = rows["passport"].advice
    assert advice.slots_per_week == pytest.approx(8)
    assert advice.demand_per_week == pytest.approx(8)  # eight every week, from the first on
    assert advice.slots_needed == 8
    html = response.content.decode()
    assert "Appointment slots per service and week" in html
    assert "Enough" in html


def test_dutch_page_is_translated_markup(client: Client, hall: Hall) -> None:
    client.force_login(hall.manager)
    with translation.override("nl"):
        response = client.get(reverse("planning-week"))
    assert response.status_code == 200
    assert '<html lang="nl">' in response.content.decode()


# --- per queue and per service -----------------------------------------------------------------------


@pytest.fixture
def two_queues(hall: Hall) -> Hall:
    """Beside the quick counter, a theme counter with twice its walk-ins; and passport bookings."""
    from loket.queueing.models import QueueKind
    from tests.planning.helpers import add_bookings, add_tickets

    add_tickets(
        hall.location,
        slug="theme",
        kind=QueueKind.THEME,
        prefix="T",
        names={"en": "Theme counter", "nl": "Themaloket"},
        per_hour=((9, 24), (15, 8)),
    )
    add_session(hall, [hall.passport, hall.civil])
    add_bookings(hall, hall.passport, per_hour=((10, 2), (20, 1)))
    return hall


COUNTERS = {**WEEK, "plan_for": "counters"}


def test_counters_show_each_queue_as_a_chart_and_a_table_beside_the_total(client: Client, two_queues: Hall) -> None:
    response = get(client, two_queues.manager, location=two_queues.location.slug, **COUNTERS)
    assert response.status_code == 200
    rows = {row["slug"]: row for row in response.context["queue_rows"]}
    assert rows["theme"]["week"] == pytest.approx(2 * rows["quick"]["week"], rel=0.02)
    total = response.context["queue_total"]
    assert total["week"] == pytest.approx(rows["quick"]["week"] + rows["theme"]["week"])
    assert total["week"] == pytest.approx(response.context["plan"].forecast_total)
    html = response.content.decode()
    assert 'role="img" aria-labelledby="queues-chart-title"' in html
    assert '<title id="queues-chart-title">Visitors expected per queue, 9 February to 15 February 2026</title>' in html
    assert '<caption id="queues-caption">Visitors expected per queue and day, and the desks they need' in html
    assert '<th scope="row">All queues</th>' in html
    assert "Every queue has desks of its own" in html
    assert "Checked-in appointments are not counted here" in html


def test_the_manager_picks_one_queue_and_the_hourly_plan_is_that_queues(client: Client, two_queues: Hall) -> None:
    response = get(client, two_queues.manager, location=two_queues.location.slug, **COUNTERS, queue="theme")
    plan = response.context["plan"]
    assert plan.queue.slug == "theme"
    assert plan.days[0].hours[9].forecast == pytest.approx(24, rel=0.05)
    html = response.content.decode()
    assert "Visitors and desks at Theme counter" in html
    assert "Visitors forecast and desks needed each hour at Theme counter, 9 February to 15 February 2026" in html
    assert "About 164 visitors are expected at Theme counter this week." in html
    assert 'class="chosen"' in html
    choices = [value for value, _label in response.context["form"].fields["queue"].choices]
    assert choices == ["", "quick", "theme"]
    download = get(
        client, two_queues.manager, location=two_queues.location.slug, format="csv", **COUNTERS, queue="theme"
    )
    assert f"planning-{two_queues.location.slug}-2026-W07-counters-theme.csv" in download["Content-Disposition"]


def test_a_queue_of_another_location_is_shown_next_to_the_field(client: Client, two_queues: Hall) -> None:
    response = get(client, two_queues.manager, location=two_queues.location.slug, **COUNTERS, queue="elsewhere")
    assert response.status_code == 200
    assert 'id="id_queue_error"' in response.content.decode()
    assert "plan" not in response.context


def test_a_queue_without_walk_ins_is_said_in_words(client: Client, two_queues: Hall) -> None:
    from loket.queueing.models import Queue

    Queue.objects.create(location=two_queues.location, slug="desk-r", name_en="Reception", kind="reception", prefix="R")
    response = get(client, two_queues.manager, location=two_queues.location.slug, **COUNTERS, queue="desk-r")
    assert "No tickets have been taken at Reception yet" in response.content.decode()
    assert "plan" not in response.context


def test_bookings_per_service_are_a_chart_and_a_table(client: Client, two_queues: Hall) -> None:
    response = get(client, two_queues.manager, location=two_queues.location.slug, **WEEK)
    rows = {row.slug: row for row in response.context["demand"].rows}
    assert rows["passport"].week_total == pytest.approx(15, rel=0.05)
    assert rows["civil"].week_total == 0  # bookable, never booked: nothing borrowed from passports
    html = response.content.decode()
    assert (
        '<title id="demand-chart-title">Bookings expected per service, 9 February to 15 February 2026</title>' in html
    )
    assert '<caption id="demand-caption">Bookings expected per service and day' in html
    assert "(not booked yet)" in html
    assert "queue_rows" not in response.context  # calls: no counters per queue


def test_the_page_reads_as_many_queries_for_two_queues_as_for_five(client: Client, two_queues: Hall) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.planning.helpers import add_tickets

    client.force_login(two_queues.manager)
    address = url(location=two_queues.location.slug, **COUNTERS)
    with CaptureQueriesContext(connection) as two:
        client.get(address)
    for n in range(3):
        add_tickets(two_queues.location, slug=f"extra-{n}", prefix=f"X{n}", per_hour=((10, 3),))
    with CaptureQueriesContext(connection) as five:
        response = client.get(address)
    assert len(response.context["queue_rows"]) == 5
    assert len(five) == len(two)


def test_a_queue_gone_since_the_form_was_drawn_is_shown_next_to_the_field(
    client: Client, two_queues: Hall, monkeypatch: pytest.MonkeyPatch
) -> None:
    from loket.planning import selectors

    monkeypatch.setattr(selectors, "location_queues", lambda location: [selectors.QueueChoice("gone", "Gone")])
    response = get(client, two_queues.manager, location=two_queues.location.slug, **COUNTERS, queue="gone")
    html = response.content.decode()
    assert '<p class="error-text" id="id_queue_error">' in html
    assert 'aria-describedby="id_queue_error id_queue_helptext"' in html
    assert "plan" not in response.context

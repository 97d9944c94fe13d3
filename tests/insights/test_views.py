"""The manager's dashboard page: who sees it, the figures in words and tables, the CSVs, bad dates."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from loket.appointments.availability import TIMEZONE
from loket.appointments.models import AppointmentStatus, CapacitySession, VisitSuggestion
from loket.citizens.models import Person
from loket.contacts.models import Contact, ContactChannel, Outcome, Request, RequestStatus
from loket.feedback.models import SurveyAnswer, SurveyChannel, SurveyKind
from loket.feedback.selectors import survey_summary
from loket.insights import views
from loket.insights.selectors import insights_dashboard
from loket.organisations.models import Role
from tests.factories import DepartmentFactory, DeskFactory, LocationFactory, staff_member
from tests.insights.test_selectors import Town

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 30)  # a Monday
NOW = datetime.datetime.combine(TODAY, datetime.time(12), tzinfo=TIMEZONE)
FIRST_DAY = TODAY - datetime.timedelta(weeks=9)
# The default period: the last 30 days, up to yesterday; and the 30 before.
START, END = TODAY - datetime.timedelta(days=30), TODAY


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TIMEZONE)


def build_history(town: Town, *, first: datetime.date = FIRST_DAY, until: datetime.date = TODAY) -> None:
    """On each weekday: six walk-ins, two appointments (one late on Tuesdays), a no-show, four calls,
    three survey answers and a combined-visit suggestion; and two overdue requests."""
    m = datetime.timedelta(minutes=1)
    person = Person.objects.create(name="An Peeters")
    day = first
    while day < until:
        if day.weekday() < 5:
            for i in range(6):
                issued = at(day, 9 + i % 3, 10 * i % 60)
                wait = (2 + i * 2) * m
                town.ticket(issued, issued + wait, issued + wait + m, issued + wait + (6 + i) * m)
            for i, hour in enumerate((10, 14)):
                late = day.weekday() == 1 and i == 1
                appointment = town.appointment(at(day, hour), late=late, arrived_at=at(day, hour, 10 if late else 0))
                town.ticket(
                    at(day, hour, 10 if late else 0), at(day, hour, 12), at(day, hour, 13), at(day, hour, 28),
                    appointment=appointment,
                )  # fmt: skip
                if i == 0:
                    suggestion = VisitSuggestion.objects.create(
                        appointment=appointment, service=town.bags, accepted=day.weekday() % 2 == 0
                    )
                    VisitSuggestion.objects.filter(pk=suggestion.pk).update(created_at=at(day, 8))
            town.appointment(at(day, 11), AppointmentStatus.NO_SHOW)
            Contact.objects.bulk_create(
                Contact(
                    organisation=town.organisation,
                    registered_by=town.organisation,
                    channel=ContactChannel.PHONE,
                    started_at=at(day, hour, 5 * i),
                    outcome=Outcome.ANSWERED if i % 2 == 0 else Outcome.REQUEST,
                )
                for i, hour in enumerate((10, 10, 11, 14 if day.weekday() else 10))
            )
            SurveyAnswer.objects.bulk_create(
                SurveyAnswer(
                    organisation=town.organisation,
                    location=town.location,
                    kind=SurveyKind.VISIT,
                    channel=SurveyChannel.TABLET,
                    language="nl",
                    score=score,
                    answered_at=at(day, 16),
                )
                for score in (7, 9, 10 if day.weekday() else 8)
            )
        day += datetime.timedelta(days=1)
    permits = DepartmentFactory(organisation=town.organisation, name_en="Permits", name_nl="Vergunningen")
    for due in (TODAY - datetime.timedelta(days=3), TODAY - datetime.timedelta(days=20)):
        Request.objects.create(
            organisation=town.organisation,
            department=permits,
            origin="contact",
            person=person,
            subject="Terrace",
            status=RequestStatus.IN_PROGRESS,
            due_on=due,
            created_at=at(FIRST_DAY, 9),
        )
    session = CapacitySession.objects.create(
        location=town.location, weekday=2, starts=datetime.time(9), ends=datetime.time(12)
    )
    session.desks.set([DeskFactory(location=town.location)])
    session.services.set([town.passport])


@pytest.fixture(autouse=True)
def _now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "_clock", lambda: NOW.astimezone(datetime.UTC))


@pytest.fixture
def town() -> Town:
    with translation.override("en"):
        town = Town()
        build_history(town)
    return town


@pytest.fixture
def manager(town: Town) -> Any:
    return staff_member(town.organisation, Role.MANAGER, username="manager")


def url(**query: str) -> str:
    with translation.override("en"):
        return reverse("insights-dashboard") + ("?" + urlencode(query) if query else "")


def get(client: Client, user: Any, **query: str) -> Any:
    client.force_login(user)
    return client.get(url(**query))


def read_csv(response: Any) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def board(town: Town, manager: Any, start: datetime.date = START, end: datetime.date = END) -> Any:
    return insights_dashboard(user=manager, organisation=town.organisation, start=start, end=end)


def test_manager_sees_the_last_30_days_compared_with_the_30_before(client: Client, town: Town, manager: Any) -> None:
    response = get(client, manager)
    assert response.status_code == 200
    html = response.content.decode()
    assert "From 31 October 2026 to 29 November 2026, compared with 1 October 2026 to 30 October 2026." in html
    expected = board(town, manager)
    assert expected.current.visitors.per_day == 8  # six walk-ins and two appointments a weekday
    for heading in ("At a glance", "Visitors a day", "Visits by weekday and hour", "Waiting time at the counter",
                    "Time at the desk per service", "Waiting time for an appointment", "Late and no-show",
                    "Calls per weekday", "Calls per hour", "Resolved at first contact",
                    "Requests overdue per department", "Satisfaction", "Combined visits"):  # fmt: skip
        assert f">{heading}</h2>" in html
    assert html.count('role="img"') >= 10
    assert "<caption" in html and 'scope="row"' in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_visitors_a_day_is_the_selectors_figure_and_the_change_is_in_words(
    client: Client, town: Town, manager: Any
) -> None:
    response = get(client, manager)
    expected = board(town, manager)
    summary = next(f for f in response.context["figures"] if f.name == "summary")
    label, value, change = summary.highlights[0]
    assert label == "Visitors a day"
    assert value == f"{expected.current.visitors.per_day:.1f}"
    assert change.words in ("about the same",) or change.words.endswith(("more", "less"))


def test_each_figure_downloads_as_csv_with_the_filters(client: Client, town: Town, manager: Any) -> None:
    client.force_login(manager)
    for name in views.FIGURE_NAMES:
        response = client.get(url(organisation=town.organisation.slug, period="30", figure=name, format="csv"))
        assert response.status_code == 200, name
        assert response["Content-Type"].startswith("text/csv")
        assert response["Content-Disposition"].endswith(f'-2026-10-31-2026-11-29-{name.replace("_", "-")}.csv"')
        assert len(read_csv(response)) >= 2, name


def test_calls_per_weekday_csv_matches_the_selector(client: Client, town: Town, manager: Any) -> None:
    response = get(client, manager, organisation=town.organisation.slug, period="30", figure="calls_weekday",
                   format="csv")  # fmt: skip
    rows = read_csv(response)
    expected = board(town, manager)
    assert rows[0] == ["Weekday", "This period", "Previous period", "Change"]
    assert [int(row[1]) for row in rows[1:]] == list(expected.current.calls.by_weekday)
    assert [int(row[2]) for row in rows[1:]] == list(expected.previous.calls.by_weekday)


def test_waiting_csv_has_the_selectors_mean_median_and_90th_percentile(
    client: Client, town: Town, manager: Any
) -> None:
    rows = read_csv(get(client, manager, period="30", organisation=town.organisation.slug, figure="waiting",
                        format="csv"))  # fmt: skip
    walk_in = board(town, manager).current.waiting.walk_in
    [every] = [row for row in rows if row[0] == "Every queue, walk-in"]
    assert int(every[1]) == walk_in.count
    assert float(every[2]) == pytest.approx(walk_in.mean / 60, abs=0.01)
    assert float(every[3]) == pytest.approx(walk_in.median / 60, abs=0.01)
    assert float(every[4]) == pytest.approx(walk_in.p90 / 60, abs=0.01)


def test_heat_map_and_satisfaction_csvs_match_the_selectors(client: Client, town: Town, manager: Any) -> None:
    heat = board(town, manager).current.heat_map
    rows = read_csv(get(client, manager, period="30", organisation=town.organisation.slug, figure="heat_map",
                        format="csv"))  # fmt: skip
    hours = [int(column[:2]) for column in rows[0][1:]]
    for row in rows[1:]:
        weekday = int(row[0]) - 1
        assert [int(n) for n in row[1:]] == [heat.cell(weekday, hour) for hour in hours]
    assert sum(int(n) for row in rows[1:] for n in row[1:]) == heat.total
    rows = read_csv(get(client, manager, period="30", organisation=town.organisation.slug, figure="satisfaction",
                        format="csv"))  # fmt: skip
    summary = survey_summary(organisation_ids=[town.organisation.pk], start=START, end=END)
    assert [int(row[1]) for row in rows[1:]] == list(summary.distribution)


def test_summary_csv_has_the_late_and_no_show_rates(client: Client, town: Town, manager: Any) -> None:
    rows = read_csv(get(client, manager, period="30", organisation=town.organisation.slug, figure="summary",
                        format="csv"))  # fmt: skip
    rates = board(town, manager).current.appointments
    by_label = {row[0]: row for row in rows}
    assert float(by_label["Late for their appointment"][1]) == pytest.approx(rates.late_rate * 100, abs=0.05)
    assert float(by_label["Did not show up for their appointment"][1]) == pytest.approx(
        rates.no_show_rate * 100, abs=0.05
    )


def test_one_location_and_a_custom_period(client: Client, town: Town, manager: Any) -> None:
    annex = LocationFactory(organisation=town.organisation, slug="annex")
    response = get(client, manager, organisation=town.organisation.slug, location=annex.slug, period="custom",
                   date_from="2026-11-02", date_to="2026-11-08")  # fmt: skip
    assert response.status_code == 200
    assert response.context["first_day"] == datetime.date(2026, 11, 2)
    visitors = next(f for f in response.context["figures"] if f.name == "visitors")
    assert visitors.empty  # the annex served nobody
    response = get(client, manager, organisation=town.organisation.slug, location=town.location.slug,
                   period="custom", date_from="2026-11-02", date_to="2026-11-08")  # fmt: skip
    table = next(f for f in response.context["figures"] if f.name == "visitors").table
    assert [row.header.raw for row in table.rows] == [f"2026-11-0{d}" for d in range(2, 7)]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"date_from": "2026-11-10", "date_to": "2026-11-02"}, "date_to"),
        ({"date_from": "", "date_to": "2026-11-02"}, "date_from"),
        ({"date_from": "tomorrow", "date_to": "2026-11-02"}, "date_from"),
        ({"date_from": "2026-11-02", "date_to": "2026-12-31"}, "date_to"),
    ],
)
def test_bad_dates_give_a_message_next_to_the_field_and_no_figures(
    client: Client, town: Town, manager: Any, query: dict[str, str], field: str
) -> None:
    response = get(client, manager, organisation=town.organisation.slug, period="custom", **query)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert f'aria-describedby="id_{field}_error id_{field}_helptext"' in html
    assert "figures" not in response.context
    assert 'role="img"' not in html


@pytest.mark.parametrize("role", [Role.CLERK, Role.RECEPTION, Role.CONTACT_CENTRE, Role.BACK_OFFICE])
def test_staff_who_are_no_manager_get_403(client: Client, town: Town, role: str) -> None:
    assert get(client, staff_member(town.organisation, role)).status_code == 403


def test_anonymous_goes_to_the_login_page(client: Client) -> None:
    response = client.get(url())
    assert response.status_code == 302 and "login" in response["Location"]


def test_another_organisation_or_its_location_is_404(client: Client, town: Town, manager: Any) -> None:
    other = LocationFactory()
    assert get(client, manager, organisation=other.organisation.slug, period="30").status_code == 404
    query = {"organisation": town.organisation.slug, "location": other.slug, "period": "30"}
    assert get(client, manager, **query).status_code == 404
    outsider = staff_member(other.organisation, Role.MANAGER)
    assert get(client, outsider, organisation=town.organisation.slug, period="30").status_code == 404


def test_an_unknown_figure_is_404(client: Client, town: Town, manager: Any) -> None:
    assert get(client, manager, period="30", figure="nope", format="csv").status_code == 404


def test_the_page_makes_the_same_number_of_queries_whatever_the_data(
    client: Client, town: Town, manager: Any, django_assert_max_num_queries: Any
) -> None:
    client.force_login(manager)
    client.get(url(period="30"))  # warm the session and the caches
    with django_assert_max_num_queries(60) as few:
        client.get(url(period="30"))
    build_history(town, first=TODAY - datetime.timedelta(days=20))  # twice the data in the period
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url(period="30"))
    assert response.status_code == 200


def test_the_page_in_dutch_and_french(client: Client, town: Town, manager: Any) -> None:
    client.force_login(manager)
    for lang in ("nl", "fr"):
        with translation.override(lang):
            response = client.get(reverse("insights-dashboard"))
        assert response.status_code == 200
        assert f'lang="{lang}"' in response.content.decode()


def test_a_name_that_looks_like_a_formula_downloads_as_text(client: Client, town: Town, manager: Any) -> None:
    town.quick.name = '=HYPERLINK("https://example.com","Quick")'
    town.quick.save()
    rows = read_csv(get(client, manager, period="30", organisation=town.organisation.slug, figure="waiting",
                        format="csv"))  # fmt: skip
    names = [row[0] for row in rows]
    assert any(name.startswith("'=HYPERLINK(") for name in names), names
    assert not any(name.startswith("=") for name in names)

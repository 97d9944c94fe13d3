"""The public locations API: address, organisation, accessibility and the real opening hours."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from loket.organisations.models import DeskKind, ExceptionKind, OpeningException
from tests.factories import LocationFactory, OpeningHoursFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
T = datetime.time
MONDAY = datetime.date(2026, 4, 27)  # the week of Labour Day (Friday 1 May)


@pytest.fixture
def town_hall():
    location = LocationFactory(
        slug="huis-van-de-mechelaar",
        accessibility_nl="Toegankelijk met een rolstoel; ringleiding aan de balie.",
        accessibility_fr="",
        public_transport_nl="Bus 1 en 2, halte Grote Markt.",
        extra_holiday_region="vl",
    )
    for weekday in range(5):
        OpeningHoursFactory(location=location, desk_kind=DeskKind.QUICK, weekday=weekday, opens=T(8), closes=T(13))
    OpeningHoursFactory(location=location, desk_kind=DeskKind.QUICK, weekday=3, opens=T(14, 30), closes=T(19))
    OpeningHoursFactory(location=location, desk_kind=DeskKind.THEME, weekday=1, opens=T(9), closes=T(16))
    OpeningException.objects.create(
        location=location, date=MONDAY, kind=ExceptionKind.CLOSED, desk_kind=DeskKind.QUICK, reason_nl="Opleiding"
    )
    OpeningException.objects.create(
        location=location, date=MONDAY + datetime.timedelta(days=5), kind=ExceptionKind.EXTRA, opens=T(9), closes=T(12)
    )
    return location


def get_locations(client, **params):
    return client.get(reverse("api-locations"), {"start": MONDAY.isoformat(), **params})


def test_a_location_has_its_address_organisation_and_accessibility(client, town_hall) -> None:
    body = get_locations(client, lang="nl").json()
    assert body["count"] == 1
    location = body["results"][0]
    assert location["slug"] == "huis-van-de-mechelaar"
    assert location["organisation"]["slug"] == town_hall.organisation.slug
    assert location["address"] == {
        "street": "Grote Markt 21",
        "postcode": "2800",
        "city": "Mechelen",
        "text": "Grote Markt 21, 2800 Mechelen",
    }
    assert location["accessibility"].startswith("Toegankelijk met een rolstoel")
    assert location["regional_holiday"] == "vl"


def test_a_missing_translation_falls_back_and_says_so(client, town_hall) -> None:
    location = get_locations(client, lang="fr").json()["results"][0]
    assert location["accessibility"].startswith("Toegankelijk")
    assert location["fallback_languages"]["accessibility"] == "nl"
    assert location["name"] == town_hall.name_fr
    assert "name" not in location["fallback_languages"]


def test_the_weekly_hours_per_kind_of_desk(client, town_hall) -> None:
    hours = {d["desk_kind"]: d for d in get_locations(client, lang="en").json()["results"][0]["opening_hours"]}
    assert set(hours) >= {"quick", "theme"}
    thursday = next(day for day in hours["quick"]["weekly"] if day["weekday"] == 3)
    assert thursday["weekday_label"] == "Thursday"
    assert thursday["periods"] == [{"opens": "08:00", "closes": "13:00"}, {"opens": "14:30", "closes": "19:00"}]
    assert [day["weekday"] for day in hours["theme"]["weekly"]] == [1]
    assert hours["quick"]["desk_kind_label"] == "Quick counter"


def test_the_next_seven_days_apply_closures_holidays_and_extra_openings(client, town_hall) -> None:
    quick = next(
        d for d in get_locations(client, lang="fr").json()["results"][0]["opening_hours"] if d["desk_kind"] == "quick"
    )
    days = {day["date"]: day for day in quick["next_days"]}
    assert len(days) == 7
    monday, tuesday, friday, saturday, sunday = (
        days["2026-04-27"],
        days["2026-04-28"],
        days["2026-05-01"],
        days["2026-05-02"],
        days["2026-05-03"],
    )
    assert (monday["is_open"], monday["closed_reason"]) == (False, "Opleiding")
    assert tuesday["periods"] == [{"opens": "08:00", "closes": "13:00"}]
    assert (friday["is_open"], friday["closed_reason"]) == (False, "Fête du Travail")
    assert saturday["periods"] == [{"opens": "09:00", "closes": "12:00"}]
    assert (sunday["is_open"], sunday["periods"], sunday["closed_reason"]) == (False, [], "")


def test_filter_by_organisation(client, town_hall) -> None:
    other = LocationFactory(organisation=OrganisationFactory(slug="brussel-fiscaliteit"))
    slugs = [loc["slug"] for loc in get_locations(client, organisation="brussel-fiscaliteit").json()["results"]]
    assert slugs == [other.slug]


def test_one_location_by_slug_and_a_404_for_an_unknown_one(client, town_hall) -> None:
    response = client.get(reverse("api-location-detail", kwargs={"slug": town_hall.slug}), {"lang": "en"})
    assert response.status_code == 200
    assert response.json()["slug"] == town_hall.slug
    missing = client.get(reverse("api-location-detail", kwargs={"slug": "nowhere"}))
    assert missing.status_code == 404
    assert missing.json()["code"] == "location_not_found"


def test_bad_parameters_are_a_400_naming_the_parameter(client, town_hall) -> None:
    for params, field in [
        ({"lang": "de"}, "lang"),
        ({"start": "yesterday"}, "start"),
        ({"start": "2099-01-01"}, "start"),
    ]:
        response = client.get(reverse("api-locations"), params)
        assert response.status_code == 400
        assert response.json()["field"] == field


def test_the_list_costs_the_same_queries_for_one_or_many_locations(client, town_hall) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert get_locations(client).status_code == 200
        return len(captured)

    one = queries()
    for _ in range(10):
        OpeningHoursFactory(location=LocationFactory())
    assert queries() == one


def test_the_schema_documents_the_locations_endpoints(client) -> None:
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    assert "/api/v1/locations/" in schema["paths"]
    assert "/api/v1/locations/{slug}/" in schema["paths"]

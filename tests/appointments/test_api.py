"""The appointments API: free times, booking, and the citizen's or staff's own appointment."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from loket.appointments.availability import TIMEZONE
from loket.appointments.models import Appointment, AppointmentStatus, BookingChannel, BookingRule, CapacitySession
from loket.appointments.services import appointment_book
from loket.notifications.models import OutboxMessage
from loket.organisations.models import Role
from tests.appointments.test_booking import Office, make_office
from tests.factories import DeskFactory, LocationFactory, OrganisationFactory, staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def api() -> APIClient:
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


def as_staff(client: APIClient, user: Any) -> APIClient:
    """Authenticated as ``user``: with a token when ``rest_framework.authtoken`` is installed, else the session."""
    if apps.is_installed("rest_framework.authtoken"):
        from rest_framework.authtoken.models import Token

        token = Token.objects.create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    else:
        client.force_login(user)
    return client


def availability(client: APIClient, office: Office, **params: Any) -> Any:
    query = {
        "services": office.service.slug,
        "location": office.location.slug,
        "from": office.day.isoformat(),
        "to": (office.day + datetime.timedelta(days=1)).isoformat(),
        **params,
    }
    return client.get(reverse("api-availability"), {k: v for k, v in query.items() if v is not None})


def booking_body(office: Office, start: datetime.datetime | None = None, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "services": [office.service.slug],
        "location": office.location.slug,
        "start": (start or office.at(10)).isoformat(),
        "name": "An Peeters",
        "email": "an.peeters@example.be",
        "phone": "",
        "language": "nl",
    }
    body.update(overrides)
    return body


def post_booking(client: APIClient, office: Office, start: datetime.datetime | None = None, **overrides: Any) -> Any:
    return client.post(reverse("api-appointments"), booking_body(office, start, **overrides), format="json")


def booked(client: APIClient, office: Office, start: datetime.datetime | None = None, **overrides: Any) -> Any:
    response = post_booking(client, office, start, **overrides)
    assert response.status_code == 201, response.json()
    return response.json()


def detail_url(reference: str, action: str = "") -> str:
    name = f"api-appointment-{action}" if action else "api-appointment-detail"
    return reverse(name, kwargs={"reference": reference})


def horizon(office: Office, days: int) -> None:
    BookingRule.objects.filter(service=office.service).update(horizon_days=days)
    BookingRule.objects.update_or_create(service=office.other, defaults={"horizon_days": days})


def next_october_clock_change() -> datetime.date:
    """The last Sunday of October (clocks go from 03:00 CEST back to 02:00 CET) after tomorrow."""
    year = timezone.now().astimezone(TIMEZONE).year
    while True:
        day = datetime.date(year, 10, 31)
        day -= datetime.timedelta(days=(day.weekday() - 6) % 7)
        if day > timezone.now().astimezone(TIMEZONE).date() + datetime.timedelta(days=1):
            return day
        year += 1


# --- Availability --------------------------------------------------------------------------------


def test_availability_lists_every_free_slot_in_brussels_time_with_its_offset(api: APIClient) -> None:
    office = make_office()
    response = availability(api, office)
    assert response.status_code == 200
    slots = response.json()["slots"]
    assert slots[0] == {
        "start": office.at(9).isoformat(),
        "end": office.at(9, 15).isoformat(),
        "location": office.location.slug,
    }
    assert slots[0]["start"].endswith("+01:00")  # December: CET
    assert [slot["start"] for slot in slots][-1] == office.at(11, 45).isoformat()
    assert len(slots) == 12  # 09:00-12:00 every 15 minutes


def test_availability_offsets_follow_the_october_clock_change(api: APIClient) -> None:
    office = make_office()
    horizon(office, 400)
    sunday = next_october_clock_change()
    saturday, monday = sunday - datetime.timedelta(days=1), sunday + datetime.timedelta(days=1)
    response = availability(api, office, **{"from": saturday.isoformat(), "to": monday.isoformat()})
    starts = [slot["start"] for slot in response.json()["slots"]]
    assert starts[0] == f"{saturday.isoformat()}T09:00:00+02:00"
    assert f"{sunday.isoformat()}T09:00:00+01:00" in starts
    assert all(start.endswith("+02:00") for start in starts if start.startswith(saturday.isoformat()))
    assert all(start.endswith("+01:00") for start in starts if start.startswith(sunday.isoformat()))


def test_availability_to_date_is_excluded(api: APIClient) -> None:
    office = make_office()
    response = availability(api, office, to=(office.day + datetime.timedelta(days=2)).isoformat())
    days = {slot["start"][:10] for slot in response.json()["slots"]}
    assert days == {office.day.isoformat(), (office.day + datetime.timedelta(days=1)).isoformat()}


def test_availability_for_several_services_gives_slots_long_enough_for_the_whole_visit(api: APIClient) -> None:
    office = make_office()
    response = availability(api, office, services=f"{office.service.slug},{office.other.slug}")
    slots = response.json()["slots"]
    assert slots[0]["start"] == office.at(9).isoformat()
    assert slots[0]["end"] == office.at(9, 45).isoformat()  # 15 + 30 minutes in one visit
    assert slots[-1]["start"] == office.at(11, 15).isoformat()  # still ends by 12:00


def test_availability_without_location_covers_every_location_offering_the_visit(api: APIClient) -> None:
    office = make_office()
    second = _second_location(office)
    response = availability(api, office, location=None)
    assert {slot["location"] for slot in response.json()["slots"]} == {office.location.slug, second.slug}


def test_availability_over_more_than_62_days_is_a_400_on_to(api: APIClient) -> None:
    office = make_office()
    response = availability(api, office, to=(office.day + datetime.timedelta(days=63)).isoformat())
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_parameter"
    assert response.json()["field"] == "to"


def test_availability_with_to_before_from_is_a_400_on_to(api: APIClient) -> None:
    office = make_office()
    response = availability(api, office, to=office.day.isoformat())
    assert response.status_code == 400
    assert response.json()["field"] == "to"


def test_availability_of_an_unknown_service_is_a_400_on_services(api: APIClient) -> None:
    office = make_office()
    response = availability(api, office, services=f"{office.service.slug},no-such-service")
    assert response.status_code == 400
    assert response.json() == {
        "code": "unknown_service",
        "message": "This service does not exist.",
        "field": "services",
    }


def test_availability_at_an_unknown_location_is_a_400_on_location(api: APIClient) -> None:
    office = make_office()
    response = availability(api, office, location="nowhere")
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_location"
    assert response.json()["field"] == "location"


def test_availability_at_a_location_without_the_service_is_a_400_not_bookable(api: APIClient) -> None:
    office = make_office()
    response = availability(api, office, location=LocationFactory().slug)
    assert response.status_code == 400
    assert response.json()["code"] == "not_bookable"
    assert response.json()["field"] == "location"


def test_anonymous_callers_see_only_the_online_quota(api: APIClient) -> None:
    office = make_office(online_desks=0)
    assert availability(api, office).json()["slots"] == []


def test_staff_of_the_organisation_see_the_staff_channel(api: APIClient) -> None:
    office = make_office(online_desks=0)
    as_staff(api, staff_member(office.location.organisation, Role.RECEPTION))
    assert len(availability(api, office).json()["slots"]) == 12


def test_staff_of_another_organisation_see_only_the_online_channel(api: APIClient) -> None:
    office = make_office(online_desks=0)
    as_staff(api, staff_member(OrganisationFactory(), Role.RECEPTION))
    assert availability(api, office).json()["slots"] == []


def _second_location(office: Office) -> Any:
    location = LocationFactory(organisation=office.location.organisation, closed_on_public_holidays=False)
    desk = DeskFactory(location=location)
    for weekday in range(7):
        session = CapacitySession.objects.create(
            location=location, weekday=weekday, starts=datetime.time(9), ends=datetime.time(12)
        )
        session.desks.set([desk])
        session.services.set([office.service, office.other])
    return location


def test_availability_costs_the_same_queries_for_many_bookings_and_locations(api: APIClient) -> None:
    office = make_office(desks=2)
    availability(api, office, location=None)  # the throttle's cache row exists from here on

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = availability(
                api, office, location=None, to=(office.day + datetime.timedelta(days=14)).isoformat()
            )
        assert response.status_code == 200
        return len(captured)

    few = queries()
    _second_location(office)
    for hour in (9, 10, 11):
        appointment_book(
            actor="citizen",
            channel=BookingChannel.ONLINE,
            services=[office.service.slug],
            location=office.location,
            start=office.at(hour),
            name="Jan",
            email=f"jan{hour}@example.be",
            language="nl",
        )
    assert queries() == few
    assert few <= 25  # the anonymous throttle's cache takes 6 of them


# --- Booking -------------------------------------------------------------------------------------


def test_booking_returns_201_with_its_reference_times_status_and_manage_url(api: APIClient) -> None:
    office = make_office()
    response = post_booking(api, office, office.at(10))
    assert response.status_code == 201
    body = response.json()
    appointment = Appointment.objects.get()
    assert body["reference"] == appointment.reference
    assert body["status"] == "booked"
    assert body["start"] == office.at(10).isoformat()
    assert body["end"] == office.at(10, 15).isoformat()
    assert body["location"] == office.location.slug
    assert body["services"] == [office.service.slug]
    assert body["documents"] == 0
    assert body["manage_secret"] == appointment.manage_secret
    assert body["manage_url"].startswith("http")
    assert appointment.reference in body["manage_url"]
    assert body["manage_url"].endswith(f"{appointment.manage_secret}/")
    assert appointment.channel == BookingChannel.ONLINE


def test_booking_writes_the_confirmation_to_the_outbox(api: APIClient) -> None:
    office = make_office()
    body = booked(api, office, language="fr")
    message = OutboxMessage.objects.get(idempotency_key=f"appointment:{body['reference']}:confirmation")
    assert message.recipient == "an.peeters@example.be"
    assert message.language == "fr"
    assert body["reference"] in message.body_text


def test_booking_without_language_confirms_in_the_requests_language(api: APIClient) -> None:
    office = make_office()
    body = booking_body(office)
    del body["language"]
    response = api.post(reverse("api-appointments"), body, format="json", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 201
    assert Appointment.objects.get().language == "fr"


def test_booking_a_combined_visit_takes_one_slot_for_all_services(api: APIClient) -> None:
    office = make_office()
    body = booked(api, office, office.at(9), services=[office.service.slug, office.other.slug])
    assert body["end"] == office.at(9, 45).isoformat()
    assert body["services"] == [office.service.slug, office.other.slug]


def test_booking_a_taken_slot_is_a_409_with_the_next_free_slots(api: APIClient) -> None:
    office = make_office()
    booked(api, office, office.at(10))
    response = post_booking(api, office, office.at(10), email="jan@example.be")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "slot_taken"
    assert body["field"] == "start"
    assert body["message"]
    assert body["alternatives"][0] == {
        "start": office.at(10, 30).isoformat(),  # 10:00 + 15 min + 5 min buffer, on the grid
        "end": office.at(10, 45).isoformat(),
        "location": office.location.slug,
    }
    assert Appointment.objects.count() == 1


def test_a_bad_email_is_a_400_on_email(api: APIClient) -> None:
    office = make_office()
    response = post_booking(api, office, email="an.peeters@")
    assert response.status_code == 400
    assert response.json() == {"code": "invalid", "message": "This e-mail address is not valid.", "field": "email"}
    assert Appointment.objects.count() == 0


def test_errors_come_in_the_requests_language(api: APIClient) -> None:
    office = make_office()
    body = booking_body(office, email="an.peeters@")
    response = api.post(reverse("api-appointments"), body, format="json", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.json()["message"] == "Dit e-mailadres klopt niet."


def test_a_missing_name_is_a_400_on_name(api: APIClient) -> None:
    office = make_office()
    body = booking_body(office)
    del body["name"]
    response = api.post(reverse("api-appointments"), body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "required"
    assert response.json()["field"] == "name"


def test_an_unknown_service_is_a_400_on_services(api: APIClient) -> None:
    office = make_office()
    response = post_booking(api, office, services=["no-such-service"])
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_service"
    assert response.json()["field"] == "services"


def test_an_unknown_location_is_a_400_on_location(api: APIClient) -> None:
    office = make_office()
    response = post_booking(api, office, location="nowhere")
    assert response.status_code == 400
    assert response.json()["field"] == "location"


def test_a_start_without_offset_is_a_400_on_start(api: APIClient) -> None:
    office = make_office()
    response = post_booking(api, office, start=office.at(10).replace(tzinfo=None))
    assert response.status_code == 400
    assert response.json()["code"] == "naive"
    assert response.json()["field"] == "start"
    assert Appointment.objects.count() == 0


def test_malformed_json_is_a_400_in_the_error_format(api: APIClient) -> None:
    response = api.post(reverse("api-appointments"), "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    assert response.json()["field"] is None


def test_a_form_encoded_booking_is_refused_as_unsupported(api: APIClient) -> None:
    office = make_office()
    response = api.post(reverse("api-appointments"), booking_body(office), format="multipart")
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"
    assert Appointment.objects.count() == 0


def test_a_session_write_without_csrf_token_is_refused() -> None:
    office = make_office()
    client = APIClient(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(staff_member(office.location.organisation, Role.RECEPTION))
    response = post_booking(client, office, channel="reception")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert response.json()["message"].startswith("CSRF Failed")
    assert Appointment.objects.count() == 0


def test_more_coming_appointments_than_the_contact_limit_is_a_400(api: APIClient) -> None:
    office = make_office()
    BookingRule.objects.filter(service=office.service).update(max_active_per_contact=1)
    booked(api, office, office.at(10))
    response = post_booking(api, office, office.at(11))
    assert response.status_code == 400
    assert response.json()["code"] == "too_many_appointments"
    assert response.json()["field"] == "email"


@override_settings(LOKET_BOOKING_RATE="2/h")
def test_anonymous_bookings_are_throttled_per_client(api: APIClient) -> None:
    office = make_office()
    booked(api, office, office.at(9), email="a@example.be")
    booked(api, office, office.at(10), email="b@example.be")
    response = post_booking(api, office, office.at(11), email="c@example.be")
    assert response.status_code == 429
    assert response.json()["code"] == "throttled"
    assert int(response["Retry-After"]) > 0
    assert Appointment.objects.count() == 2


@override_settings(LOKET_BOOKING_RATE="2/h")
def test_staff_bookings_are_not_throttled_per_client(api: APIClient) -> None:
    office = make_office()
    as_staff(api, staff_member(office.location.organisation, Role.RECEPTION))
    for hour, email in ((9, "a@example.be"), (10, "b@example.be"), (11, "c@example.be")):
        booked(api, office, office.at(hour), email=email, channel="reception")
    assert Appointment.objects.count() == 3


def test_anonymous_callers_cannot_book_on_a_staff_channel(api: APIClient) -> None:
    office = make_office()
    response = post_booking(api, office, channel="phone")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert Appointment.objects.count() == 0


def test_staff_of_the_organisation_can_book_on_the_staff_channel(api: APIClient) -> None:
    office = make_office(online_desks=0)
    as_staff(api, staff_member(office.location.organisation, Role.RECEPTION))
    body = booked(api, office, office.at(10), channel="reception")
    assert Appointment.objects.get(reference=body["reference"]).channel == BookingChannel.RECEPTION


def test_staff_of_another_organisation_cannot_book_on_the_staff_channel(api: APIClient) -> None:
    office = make_office()
    as_staff(api, staff_member(OrganisationFactory(), Role.RECEPTION))
    response = post_booking(api, office, channel="reception")
    assert response.status_code == 403
    assert Appointment.objects.count() == 0


# --- One appointment -----------------------------------------------------------------------------


def test_the_manage_secret_opens_the_appointment(api: APIClient) -> None:
    office = make_office()
    mine = booked(api, office, office.at(10))
    response = api.get(detail_url(mine["reference"]), HTTP_X_MANAGE_SECRET=mine["manage_secret"])
    assert response.status_code == 200
    assert response.json() == {
        "reference": mine["reference"],
        "status": "booked",
        "start": office.at(10).isoformat(),
        "end": office.at(10, 15).isoformat(),
        "location": office.location.slug,
        "services": [office.service.slug],
        "name": "An Peeters",
        "documents": 0,
    }


def test_a_wrong_secret_is_the_same_404_as_an_unknown_reference(api: APIClient) -> None:
    office = make_office()
    mine = booked(api, office, office.at(10))
    wrong = api.get(detail_url(mine["reference"]), HTTP_X_MANAGE_SECRET="x" * 43)
    unknown = api.get(detail_url("ZZZZZZZZ"), HTTP_X_MANAGE_SECRET="x" * 43)
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()
    assert wrong.json()["code"] == "not_found"


def test_no_secret_is_a_404(api: APIClient) -> None:
    office = make_office()
    mine = booked(api, office, office.at(10))
    assert api.get(detail_url(mine["reference"])).status_code == 404


def test_a_citizen_cannot_open_another_appointment_with_their_own_secret(api: APIClient) -> None:
    office = make_office()
    mine = booked(api, office, office.at(10))
    theirs = booked(api, office, office.at(11), email="jan@example.be")
    response = api.get(detail_url(theirs["reference"]), HTTP_X_MANAGE_SECRET=mine["manage_secret"])
    assert response.status_code == 404


def test_staff_of_the_organisation_open_it_without_secret(api: APIClient) -> None:
    office = make_office()
    mine = booked(api, office, office.at(10))
    as_staff(api, staff_member(office.location.organisation, Role.RECEPTION))
    response = api.get(detail_url(mine["reference"].lower()))
    assert response.status_code == 200
    assert response.json()["reference"] == mine["reference"]


def test_staff_of_another_organisation_get_a_404(api: APIClient) -> None:
    office = make_office()
    mine = booked(api, office, office.at(10))
    as_staff(api, staff_member(OrganisationFactory(), Role.RECEPTION))
    response = api.get(detail_url(mine["reference"]))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_cancel_with_the_secret_cancels_and_tells_the_citizen(api: APIClient) -> None:
    office = make_office()
    mine = booked(api, office, office.at(10))
    response = api.post(detail_url(mine["reference"], "cancel"), HTTP_X_MANAGE_SECRET=mine["manage_secret"])
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert response.json()["services"] == [office.service.slug]
    assert Appointment.objects.get().status == AppointmentStatus.CANCELLED
    assert OutboxMessage.objects.filter(idempotency_key=f"appointment:{mine['reference']}:cancellation").exists()


def test_cancel_with_a_wrong_secret_is_a_404_and_changes_nothing(api: APIClient) -> None:
    office = make_office()
    mine = booked(api, office, office.at(10))
    theirs = booked(api, office, office.at(11), email="jan@example.be")
    response = api.post(detail_url(theirs["reference"], "cancel"), HTTP_X_MANAGE_SECRET=mine["manage_secret"])
    assert response.status_code == 404
    assert Appointment.objects.filter(status=AppointmentStatus.BOOKED).count() == 2


def test_cancelling_twice_is_a_400_not_cancellable(api: APIClient) -> None:
    office = make_office()
    mine = booked(api, office, office.at(10))
    api.post(detail_url(mine["reference"], "cancel"), HTTP_X_MANAGE_SECRET=mine["manage_secret"])
    response = api.post(detail_url(mine["reference"], "cancel"), HTTP_X_MANAGE_SECRET=mine["manage_secret"])
    assert response.status_code == 400
    assert response.json()["code"] == "not_cancellable"


def test_staff_of_the_organisation_cancel_without_secret(api: APIClient) -> None:
    office = make_office()
    mine = booked(api, office, office.at(10))
    as_staff(api, staff_member(office.location.organisation, Role.RECEPTION))
    assert api.post(detail_url(mine["reference"], "cancel")).json()["status"] == "cancelled"


def test_reschedule_with_the_secret_moves_it(api: APIClient) -> None:
    office = make_office()
    mine = booked(api, office, office.at(10))
    response = api.post(
        detail_url(mine["reference"], "reschedule"),
        {"start": office.at(11).isoformat()},
        format="json",
        HTTP_X_MANAGE_SECRET=mine["manage_secret"],
    )
    assert response.status_code == 200
    assert response.json()["start"] == office.at(11).isoformat()
    assert response.json()["end"] == office.at(11, 15).isoformat()
    assert Appointment.objects.get().start == office.at(11)


def test_reschedule_to_a_taken_time_is_a_409_and_keeps_the_old_time(api: APIClient) -> None:
    office = make_office()
    mine = booked(api, office, office.at(10))
    booked(api, office, office.at(11), email="jan@example.be")
    response = api.post(
        detail_url(mine["reference"], "reschedule"),
        {"start": office.at(11).isoformat()},
        format="json",
        HTTP_X_MANAGE_SECRET=mine["manage_secret"],
    )
    assert response.status_code == 409
    assert response.json()["code"] == "slot_taken"
    assert response.json()["alternatives"][0]["start"] == office.at(11, 30).isoformat()
    assert Appointment.objects.get(reference=mine["reference"]).start == office.at(10)


def test_reschedule_with_a_wrong_secret_is_a_404(api: APIClient) -> None:
    office = make_office()
    mine = booked(api, office, office.at(10))
    response = api.post(
        detail_url(mine["reference"], "reschedule"),
        {"start": office.at(11).isoformat()},
        format="json",
        HTTP_X_MANAGE_SECRET="wrong",
    )
    assert response.status_code == 404
    assert Appointment.objects.get().start == office.at(10)


@pytest.mark.skipif(
    not apps.is_installed("rest_framework.authtoken"), reason="rest_framework.authtoken is not in INSTALLED_APPS"
)
def test_a_staff_token_opens_the_organisations_appointment(api: APIClient) -> None:
    from rest_framework.authtoken.models import Token

    office = make_office()
    mine = booked(api, office, office.at(10))
    token = Token.objects.create(user=staff_member(office.location.organisation, Role.RECEPTION))
    response = api.get(detail_url(mine["reference"]), HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200


@pytest.mark.skipif(
    not apps.is_installed("rest_framework.authtoken"), reason="rest_framework.authtoken is not in INSTALLED_APPS"
)
def test_an_unknown_token_is_a_401_in_the_error_format(api: APIClient) -> None:
    response = api.get(detail_url("ZZZZZZZZ"), HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
    assert response["WWW-Authenticate"] == "Token"


# --- Schema --------------------------------------------------------------------------------------


def test_the_schema_documents_the_appointments_endpoints(api: APIClient) -> None:
    schema = api.get("/api/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    availability_get = paths["/api/v1/availability/"]["get"]
    assert {p["name"] for p in availability_get["parameters"]} >= {"services", "location", "from", "to"}
    book = paths["/api/v1/appointments/"]["post"]
    assert {"201", "400", "403", "409", "429"} <= set(book["responses"])
    conflict = book["responses"]["409"]["content"]["application/json"]["schema"]["$ref"]
    assert "alternatives" in schema["components"]["schemas"][conflict.rsplit("/", 1)[-1]]["properties"]
    for route in ("", "cancel/", "reschedule/"):
        operation = paths[f"/api/v1/appointments/{{reference}}/{route}"]["get" if not route else "post"]
        header = next(p for p in operation["parameters"] if p["name"] == "X-Manage-Secret")
        assert header["in"] == "header"
        assert "404" in operation["responses"]
        assert {"cookieAuth", "tokenAuth"} <= {name for item in operation["security"] for name in item}


def test_the_schema_generates_without_warnings(tmp_path: Path) -> None:
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "schema.yaml"))
    assert "/api/v1/appointments/{reference}/reschedule/" in (tmp_path / "schema.yaml").read_text()

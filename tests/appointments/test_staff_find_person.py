"""Booking on behalf: finding the person in the organisation's earlier appointments, and the
confirmation by e-mail or SMS."""

from __future__ import annotations

import datetime
import re
from urllib.parse import unquote_plus, urlencode

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from loket.appointments.models import Appointment, AppointmentStatus
from loket.appointments.staff_selectors import PERSON_SEARCH_LIMIT, person_by_reference
from loket.appointments.staff_services import person_search_log
from loket.core.errors import NotFound, PermissionDenied
from loket.core.models import AuditEntry
from loket.notifications.models import OutboxMessage
from loket.organisations.models import Role
from tests.appointments.test_staff_views import NOW, Office, clock, login, make_appointment, make_office, office
from tests.factories import staff_member

pytestmark = pytest.mark.django_db
__all__ = ["clock", "office"]  # fixtures


def came_before(
    office: Office,
    days_ago: int,
    *,
    name: str = "An Peeters",
    email: str = "an@example.be",
    phone: str = "",
    language: str = "nl",
    status: str = AppointmentStatus.CHECKED_IN,
) -> Appointment:
    appointment = make_appointment(
        office, office.at(NOW.date() - datetime.timedelta(days=days_ago), 9), name=name, email=email, status=status
    )
    Appointment.objects.filter(pk=appointment.pk).update(phone=phone, language=language)
    appointment.refresh_from_db()
    return appointment


def book_url() -> str:
    with translation.override("en"):
        return reverse("appointments-staff-book")


def the_choice(client: Client, office: Office) -> dict[str, str]:
    """What was chosen before the details step: ``office.service`` at its first free staff time."""
    choice = {"services": office.service.slug, "location": office.location.slug}
    start = client.get(book_url(), choice).context["slots"][0]
    return {**choice, "start": start.isoformat()}


def details_url(client: Client, office: Office, **extra: str) -> str:
    """The details step of booking ``office.service`` at its first free staff time, in English."""
    return book_url() + "?" + urlencode({**the_choice(client, office), **extra})


def search(client: Client, office: Office, find: str, **headers: str):  # noqa: ANN201
    """The search box, as the page sends it: a POST with the choice in hidden fields."""
    return client.post(book_url(), {**the_choice(client, office), "step": "find", "find": find}, headers=headers)


def choose(client: Client, office: Office, reference: str):  # noqa: ANN201
    """The "Use these details" button: a POST with only the reference of the appointment the details came from."""
    return client.post(book_url(), {**the_choice(client, office), "step": "person", "person": reference})


def urls_in(page: str) -> list[str]:
    """Every address the page links, sends a form or an HTMX request to, decoded as a server would log it."""
    found = re.findall(r'\b(?:href|action|src|hx-get|hx-post|hx-push-url)="([^"]*)"', page)
    return [unquote_plus(url.replace("&amp;", "&")) for url in found]


def assert_no_personal_data_in_urls(response, *personal: str) -> None:  # noqa: ANN001
    assert not response.has_header("Location")
    page = response.content.decode()
    urls = urls_in(page)
    assert any("/staff/appointments/book/" in url for url in urls)
    for url in [*urls, response.request["PATH_INFO"] + "?" + response.request.get("QUERY_STRING", "")]:
        for value in personal:
            assert value.casefold() not in url.casefold(), (value, url)
    assert 'method="get"' not in page.split('id="find-heading"', 1)[-1].split("</section>", 1)[0]


# --- Finding ------------------------------------------------------------------------------------


def test_the_search_finds_a_person_by_e_mail_address_as_typed(client: Client, office, clock) -> None:
    came_before(office, 30, name="An Peeters", email="an@example.be", phone="+32470123456", language="fr")
    came_before(office, 20, name="Bert Claes", email="bert@example.be")
    login(client, office)

    response = search(client, office, "  An@Example.BE ")

    assert response.status_code == 200
    [person] = [person for person, _phone in response.context["people"]]
    assert (person.name, person.email, person.phone, person.language) == (
        "An Peeters",
        "an@example.be",
        "+32470123456",
        "fr",
    )
    assert person.last_appointment == NOW.date() - datetime.timedelta(days=30)
    page = response.content.decode()
    assert "+32 470 12 34 56" in page
    assert "Found in earlier appointments at your organisation" in page


def test_the_search_finds_a_person_by_a_mobile_number_typed_the_local_way(client: Client, office, clock) -> None:
    came_before(office, 30, name="Maria Janssens", email="", phone="+32470123456")
    came_before(office, 20, name="Other Person", email="", phone="+32470999999")
    login(client, office)

    response = search(client, office, "0470 12 34 56")

    assert [person.name for person, _phone in response.context["people"]] == ["Maria Janssens"]


def test_the_search_finds_people_by_part_of_their_name_most_recent_first(client: Client, office, clock) -> None:
    came_before(office, 40, name="Jan Peeters", email="jan@example.be")
    came_before(office, 10, name="An Peeters", email="an@example.be")
    came_before(office, 5, name="Bert Claes", email="bert@example.be")
    login(client, office)

    names = [person.name for person, _phone in search(client, office, "peet").context["people"]]
    assert names == ["An Peeters", "Jan Peeters"]
    names = [person.name for person, _phone in search(client, office, "peeters jan").context["people"]]
    assert names == ["Jan Peeters"]


def test_one_person_is_listed_once_with_their_newest_details(client: Client, office, clock) -> None:
    came_before(office, 60, name="Maria Janssen", email="maria@example.be", language="nl")
    came_before(office, 30, name="Maria Janssens", email="maria@example.be", phone="+32470123456", language="fr")
    came_before(office, 90, name="Maria J.", email="old-address@example.be", phone="+32470123456")
    login(client, office)

    [person] = [person for person, _phone in search(client, office, "maria").context["people"]]
    assert (person.name, person.language) == ("Maria Janssens", "fr")
    assert person.last_appointment == NOW.date() - datetime.timedelta(days=30)


def test_the_search_lists_at_most_ten_people(client: Client, office, clock) -> None:
    for n in range(PERSON_SEARCH_LIMIT + 3):
        came_before(office, n + 1, name=f"Person Peeters {n}", email=f"p{n}@example.be")
    login(client, office)

    people = search(client, office, "peeters").context["people"]
    assert len(people) == PERSON_SEARCH_LIMIT
    assert people[0][0].name == "Person Peeters 0"  # the most recent


def test_the_search_never_returns_another_organisations_people(client: Client, office, clock) -> None:
    other = make_office()
    came_before(other, 10, name="An Peeters", email="an@example.be", phone="+32470123456")
    login(client, office)

    for find in ("an@example.be", "0470 12 34 56", "peeters"):
        response = search(client, office, find)
        assert response.context["people"] == []
        assert "an@example.be" not in response.content.decode().replace('value="an@example.be"', "")


def test_the_search_flags_a_person_who_missed_appointments_before(client: Client, office, clock) -> None:
    for days_ago in (10, 20):
        came_before(office, days_ago, email="often.away@example.be", status=AppointmentStatus.NO_SHOW)
    login(client, office)

    response = search(client, office, "often.away@example.be")

    [person] = [person for person, _phone in response.context["people"]]
    assert person.missed_before == 2
    assert "Missed 2 appointments before" in response.content.decode()


def test_a_search_too_short_to_read_says_so_next_to_the_box_and_searches_nothing(client: Client, office, clock) -> None:
    came_before(office, 10, name="An Peeters")
    login(client, office)

    for find in ("an", "0470 12", ""):
        response = search(client, office, find)
        assert response.status_code == 200  # HTMX swaps only successful answers
        assert response.context["find_error"]
        assert 'aria-invalid="true"' in response.content.decode()
        assert "people" not in response.context
    assert not AuditEntry.objects.filter(action="appointments.person_search").exists()


# --- Personal data: audit and access -----------------------------------------------------------


def test_every_search_writes_one_audit_entry_with_what_was_searched_and_not_what_was_found(
    client: Client, office, clock
) -> None:
    came_before(office, 10, name="An Peeters", email="an@example.be", phone="+32470123456")
    agent = staff_member(office.location.organisation, Role.CONTACT_CENTRE, username="agent.contact")
    client.force_login(agent)

    search(client, office, "0470 12 34 56")
    search(client, office, "peeters")

    entries = list(AuditEntry.objects.filter(action="appointments.person_search").order_by("pk"))
    assert len(entries) == 2
    assert [entry.changes for entry in entries] == [
        {"kind": "phone", "query": "+32470123456"},
        {"kind": "name", "query": "peeters"},
    ]
    for entry in entries:
        assert entry.actor_id == agent.pk
        assert entry.actor_label == "agent.contact"
        assert entry.organisation_id == office.location.organisation_id
        assert "an@example.be" not in str(entry.changes)
        assert "An Peeters" not in str(entry.changes)


def test_a_catalogue_editor_cannot_search(client: Client, office, clock) -> None:
    came_before(office, 10)
    choice = the_choice(login(client, office), office)
    client.force_login(staff_member(office.location.organisation, Role.CATALOGUE_EDITOR))

    assert client.post(book_url(), {**choice, "step": "find", "find": "an@example.be"}).status_code == 403
    assert not AuditEntry.objects.filter(action="appointments.person_search").exists()


def test_the_audit_service_refuses_staff_of_another_organisation(office) -> None:
    other = make_office()
    outsider = staff_member(other.location.organisation, Role.RECEPTION)
    with pytest.raises(PermissionDenied):
        person_search_log(actor=outsider, organisation_id=office.location.organisation_id, query="an@example.be")
    assert not AuditEntry.objects.exists()


def test_the_searchs_query_count_does_not_grow_with_the_number_of_people(client: Client, office, clock) -> None:
    login(client, office)

    def queries_for(count: int, name: str, first_day: int) -> int:
        for n in range(first_day, first_day + count):
            came_before(office, n, name=f"{name} {n}", email=f"{name}{n}@example.be", phone=f"+3247000{n:04d}")
            came_before(office, n + 30, name=f"{name} {n}", email=f"{name}{n}@example.be", status="no_show")
        data = {**the_choice(client, office), "step": "find", "find": name}
        with CaptureQueriesContext(connection) as queries:
            response = client.post(book_url(), data)
        assert len(response.context["people"]) == count
        return len(queries)

    assert queries_for(1, "Alpha", first_day=1) == queries_for(8, "Bravo", first_day=100)


# --- Choosing a person fills in the form ---------------------------------------------------------


def test_choosing_a_person_fills_in_the_details_form(client: Client, office, clock) -> None:
    came_before(office, 10, name="Maria Janssens", email="", phone="+32470123456", language="fr")
    login(client, office)
    [(person, _phone)] = search(client, office, "maria").context["people"]

    response = choose(client, office, person.reference)

    form = response.context["form"]
    assert not form.is_bound
    assert {key: form.initial[key] for key in ("name", "phone", "language", "message_channel")} == {
        "name": "Maria Janssens",
        "phone": "+32 470 12 34 56",
        "language": "fr",
        "message_channel": "sms",
    }
    page = response.content.decode()
    assert 'value="Maria Janssens"' in page
    assert 'id="person-find"' not in page  # the search is done
    assert AuditEntry.objects.filter(action="appointments.person_search").count() == 1  # choosing is not a search


# --- Confirmation by e-mail or SMS ---------------------------------------------------------------


def book(client: Client, office: Office, **details: str):  # noqa: ANN201
    url = details_url(client, office)
    start = client.get(url).context["start"]
    data = {
        "services": office.service.slug,
        "location": office.location.slug,
        "start": start.isoformat(),
        "name": "Maria Janssens",
        "email": "maria@example.be",
        "phone": "0470 12 34 56",
        "language": "nl",
        "channel": "reception",
        "step": "book",  # the value of the "Book the appointment" button
        **details,
    }
    return client.post(url.split("?")[0], data)


def test_the_sms_choice_sends_the_confirmation_by_sms_even_with_an_e_mail_address(client: Client, office) -> None:
    login(client, office)

    response = book(client, office, message_channel="sms")

    appointment = Appointment.objects.get()
    assert response.status_code == 302
    assert appointment.message_channel == "sms"
    message = OutboxMessage.objects.get(idempotency_key=f"appointment:{appointment.reference}:confirmation")
    assert (message.channel, message.recipient) == ("sms", "+32470123456")
    page = client.get(response["Location"]).content.decode()
    assert "We sent the confirmation by SMS to +32 470 12 34 56." in page


def test_without_a_choice_the_confirmation_goes_by_e_mail_when_there_is_an_address(client: Client, office) -> None:
    login(client, office)

    response = book(client, office, message_channel="")

    appointment = Appointment.objects.get()
    message = OutboxMessage.objects.get(idempotency_key=f"appointment:{appointment.reference}:confirmation")
    assert (message.channel, message.recipient) == ("email", "maria@example.be")
    page = client.get(response["Location"]).content.decode()
    assert "We sent the confirmation by e-mail to maria@example.be." in page


def test_sms_without_a_mobile_number_is_shown_next_to_the_phone_field_and_books_nothing(client: Client, office) -> None:
    login(client, office)

    response = book(client, office, message_channel="sms", phone="")

    assert response.status_code == 400
    assert response.context["form"].errors["phone"] == ["Give a mobile phone number for an SMS."]
    page = response.content.decode()
    assert 'href="#id_phone"' in page  # the error summary leads to the field
    assert not Appointment.objects.exists()


def test_an_unknown_message_channel_is_shown_next_to_the_choice(client: Client, office) -> None:
    login(client, office)

    response = book(client, office, message_channel="pigeon")

    assert response.status_code == 400
    assert response.context["form"].errors["message_channel"] == ["Choose e-mail or SMS."]
    page = response.content.decode()
    assert 'id="id_message_channel-error"' in page
    assert 'href="#id_message_channel_0"' in page
    assert not Appointment.objects.exists()


# --- Nothing personal in a URL; only a POST searches --------------------------------------------

PERSONAL = ("an@example.be", "An Peeters", "Peeters", "0470", "470123456", "+32 470")


def test_a_get_never_searches_fills_in_nothing_and_writes_no_audit_entry(client: Client, office, clock) -> None:
    came_before(office, 10, name="An Peeters", email="an@example.be", phone="+32470123456")
    login(client, office)

    # An old link, a prefetch or a crawler with what used to be in the query string.
    url = details_url(
        client, office, find="an@example.be", name="An Peeters", email="an@example.be", phone="0470123456"
    )
    response = client.get(url)

    assert response.status_code == 200
    assert not response.context["searched"]
    assert "people" not in response.context
    assert "name" not in response.context["form"].initial
    assert "email" not in response.context["form"].initial
    page = response.content.decode()
    assert "an@example.be" not in page
    assert "An Peeters" not in page
    assert not AuditEntry.objects.filter(action="appointments.person_search").exists()


def test_the_search_is_a_post_with_a_csrf_token_answered_in_place(client: Client, office, clock) -> None:
    login(client, office)
    section = client.get(details_url(client, office)).content.decode().split('id="find-heading"', 1)[1]
    find_form = section.split("</form>", 1)[0]

    assert 'method="post"' in find_form
    assert 'name="csrfmiddlewaretoken"' in find_form
    assert 'hx-post="' in find_form
    assert "hx-get" not in find_form
    assert "hx-push-url" not in find_form  # the address bar keeps the choice only
    assert 'name="step" value="find"' in find_form


def test_a_search_without_the_csrf_token_is_refused_and_not_audited(office, clock) -> None:
    came_before(office, 10)
    client = Client(enforce_csrf_checks=True)
    login(client, office)

    response = client.post(book_url(), {**the_choice(client, office), "step": "find", "find": "an@example.be"})

    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action="appointments.person_search").exists()


def test_one_post_search_writes_exactly_one_audit_entry_and_no_personal_data_in_any_url(
    client: Client, office, clock
) -> None:
    came_before(office, 10, name="An Peeters", email="an@example.be", phone="+32470123456")
    login(client, office)

    response = search(client, office, "an@example.be")

    assert response.status_code == 200  # the page again, not a redirect with the query in it
    assert [person.name for person, _phone in response.context["people"]] == ["An Peeters"]
    assert AuditEntry.objects.filter(action="appointments.person_search").count() == 1
    assert_no_personal_data_in_urls(response, *PERSONAL)
    assert 'value="an@example.be"' in response.content.decode()  # what was typed stays in the box

    # As HTMX sends it: the same answer, from which the page takes the results.
    htmx = search(client, office, "0470 12 34 56", HX_Request="true")
    assert htmx.status_code == 200
    assert 'id="person-results-content"' in htmx.content.decode()
    assert AuditEntry.objects.filter(action="appointments.person_search").count() == 2
    assert_no_personal_data_in_urls(htmx, *PERSONAL)


def test_a_search_never_books_even_with_the_details_filled_in(client: Client, office, clock) -> None:
    login(client, office)
    details = {"name": "Maria Janssens", "email": "maria@example.be", "language": "nl", "channel": "reception"}

    response = client.post(book_url(), {**the_choice(client, office), **details, "step": "find", "find": "maria"})

    assert response.status_code == 200
    assert not Appointment.objects.exists()


def test_use_these_details_carries_only_the_reference_of_the_newest_appointment(client: Client, office, clock) -> None:
    came_before(office, 60, name="An Peeters", email="an@example.be", language="nl")
    newest = came_before(office, 10, name="An Peeters", email="an@example.be", phone="+32470123456", language="fr")
    login(client, office)

    response = search(client, office, "peeters")

    [(person, _phone)] = response.context["people"]
    assert person.reference == newest.reference
    people_form = response.content.decode().split('class="people-form"', 1)[1].split("</form>", 1)[0]
    assert f'name="person" value="{newest.reference}"' in people_form
    assert 'name="step" value="person"' in people_form
    assert 'name="csrfmiddlewaretoken"' in people_form
    for value in ("an@example.be", "+32470123456", "+32 470 12 34 56"):
        assert f'value="{value}"' not in people_form  # no hidden copy of the details to send back


def test_choosing_a_person_fills_in_from_their_appointment_with_nothing_personal_in_a_url(
    client: Client, office, clock
) -> None:
    chosen = came_before(office, 10, name="An Peeters", email="an@example.be", phone="+32470123456", language="fr")
    login(client, office)

    response = choose(client, office, chosen.reference.lower())  # as read out, in any case

    assert response.status_code == 200
    assert response.context["person_chosen"]
    assert {key: response.context["form"].initial[key] for key in ("name", "email", "phone", "language")} == {
        "name": "An Peeters",
        "email": "an@example.be",
        "phone": "+32 470 12 34 56",
        "language": "fr",
    }
    assert response.context["form"].initial["message_channel"] == "email"
    assert_no_personal_data_in_urls(response, *PERSONAL)
    assert not AuditEntry.objects.filter(action="appointments.person_search").exists()

    # Booking from there is the booking as before; where it leads names only the new appointment.
    form = response.context["form"]
    booked = client.post(
        book_url(), {**the_choice(client, office), **form.initial, "channel": "reception", "step": "book"}
    )
    appointment = Appointment.objects.get(status=AppointmentStatus.BOOKED)
    assert booked.status_code == 302
    assert booked["Location"] == reverse("appointments-staff-booked", kwargs={"reference": appointment.reference})
    assert (appointment.name, appointment.phone, appointment.language) == ("An Peeters", "+32470123456", "fr")


def test_choosing_another_organisations_or_an_unknown_appointment_fills_in_nothing(
    client: Client, office, clock
) -> None:
    other = make_office()
    theirs = came_before(other, 10, name="Maria Janssens", email="maria@example.be", phone="+32470123456")
    login(client, office)

    for reference in (theirs.reference, "NOSUCHREF", ""):
        response = choose(client, office, reference)

        assert response.status_code == 400
        assert not response.context["person_chosen"]
        assert not {"name", "email", "phone"} & set(response.context["form"].initial)
        page = response.content.decode()
        assert "There is no earlier appointment with this reference at your organisation." in page
        assert "Nothing was filled in." in page
        assert "Maria" not in page
        assert "maria@example.be" not in page
        assert 'id="person-find"' in page  # the search box is there to try again
    assert not Appointment.objects.filter(status=AppointmentStatus.BOOKED).exists()


def test_the_person_is_read_only_for_staff_with_an_appointment_role_there(office, clock) -> None:
    chosen = came_before(office, 10)
    organisation_id = office.location.organisation_id
    editor = staff_member(office.location.organisation, Role.CATALOGUE_EDITOR)
    outsider = staff_member(make_office().location.organisation, Role.RECEPTION)
    clerk = staff_member(office.location.organisation, Role.RECEPTION)

    for user in (editor, outsider):
        with pytest.raises(NotFound):
            person_by_reference(user=user, organisation_id=organisation_id, reference=chosen.reference)
    found = person_by_reference(user=clerk, organisation_id=organisation_id, reference=chosen.reference)
    assert (found.reference, found.email) == (chosen.reference, "an@example.be")


def test_a_catalogue_editor_cannot_choose_a_person(client: Client, office, clock) -> None:
    chosen = came_before(office, 10)
    choice = the_choice(login(client, office), office)
    client.force_login(staff_member(office.location.organisation, Role.CATALOGUE_EDITOR))

    response = client.post(book_url(), {**choice, "step": "person", "person": chosen.reference})

    assert response.status_code == 403
    assert "an@example.be" not in response.content.decode()

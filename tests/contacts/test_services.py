"""Contacts and requests: who may log and hand over, due dates, statuses, messages to the citizen."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from loket.citizens.models import Person, PersonOrganisation, PreferredChannel
from loket.citizens.services import PersonDetails
from loket.contacts import services
from loket.contacts.models import (
    Contact,
    MessageDirection,
    Request,
    RequestAttachment,
    RequestEvent,
    RequestEventKind,
    RequestMessage,
    RequestOrigin,
    RequestStatus,
)
from loket.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from loket.core.models import AuditEntry
from loket.notifications.models import OutboxMessage
from tests.contacts.helpers import FRIDAY, NOW, World

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"


def later(minutes: int) -> datetime.datetime:
    return NOW + datetime.timedelta(minutes=minutes)


# --- Working days ---------------------------------------------------------------------------


def test_due_date_skips_the_weekend() -> None:
    assert services.working_days_after(FRIDAY, 1) == datetime.date(2026, 12, 21)


def test_due_date_skips_christmas_and_the_weekend() -> None:
    # Mon 21, Tue 22, Wed 23, Thu 24, (Fri 25 Christmas, weekend), Mon 28.
    assert services.working_days_after(FRIDAY, 5) == datetime.date(2026, 12, 28)


def test_due_date_skips_easter_monday_and_ascension() -> None:
    # 2027: Easter Monday 29 March; from Friday 26 March, one working day is Tuesday 30 March.
    assert services.working_days_after(datetime.date(2027, 3, 26), 1) == datetime.date(2027, 3, 30)
    # Ascension Thursday 6 May 2027: Wednesday 5 May plus one is Friday 7 May.
    assert services.working_days_after(datetime.date(2027, 5, 5), 1) == datetime.date(2027, 5, 7)


def test_request_is_due_after_the_services_handling_days(world: World) -> None:
    request = world.request()
    assert request.due_on == datetime.date(2026, 12, 28)


def test_request_without_handling_days_uses_the_default(world: World, settings) -> None:  # noqa: ANN001
    settings.LOKET_REQUEST_DEFAULT_HANDLING_DAYS = 2
    request = world.request(department=world.population, service=world.extract)
    assert request.due_on == datetime.date(2026, 12, 22)


# --- Contacts -----------------------------------------------------------------------------------


def test_reception_logs_a_call_with_two_fields(world: World) -> None:
    contact = services.contact_log(actor=world.reception, channel="phone", outcome="answered", now=NOW)
    assert contact.organisation == world.city
    assert contact.registered_by == world.city
    assert contact.agent == world.reception
    assert AuditEntry.objects.filter(action="contacts.contact_log", object_id=str(contact.pk)).count() == 1


def test_contact_centre_registers_for_an_organisation_it_serves(world: World) -> None:
    contact = world.contact(actor=world.agent, organisation=world.city, services=["omgevingsvergunning"])
    assert contact.organisation == world.city
    assert contact.registered_by == world.centre
    assert list(contact.services.all()) == [world.permit]


def test_contact_centre_cannot_register_for_an_organisation_it_does_not_serve(world: World) -> None:
    with pytest.raises(PermissionDenied):
        world.contact(actor=world.agent, organisation=world.neighbour)
    assert not Contact.objects.exists()


def test_contact_centre_agent_serving_several_must_choose(world: World) -> None:
    with pytest.raises(DomainError) as caught:
        world.contact(actor=world.agent)
    assert caught.value.field == "organisation"


def test_staff_of_one_organisation_cannot_log_for_another(world: World) -> None:
    with pytest.raises(PermissionDenied):
        world.contact(actor=world.outsider, organisation=world.city)


def test_a_back_office_member_does_not_log_contacts(world: World) -> None:
    with pytest.raises(PermissionDenied):
        world.contact(actor=world.clerk)


def test_contact_about_another_organisations_service_is_refused(world: World) -> None:
    with pytest.raises(DomainError) as caught:
        world.contact(services=["bonheiden-permit"])
    assert caught.value.field == "services"
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"channel": "pigeon"}, "channel"),
        ({"outcome": "maybe"}, "outcome"),
        ({"outcome": "referred"}, "referred_to"),
        ({"summary": "x" * 501}, "summary"),
        ({"duration_seconds": -1}, "duration_seconds"),
        ({"started_at": NOW + datetime.timedelta(hours=2)}, "started_at"),
        ({"language": "de"}, "language"),
    ],
)
def test_bad_contact_input_changes_nothing(world: World, changes: dict[str, object], field: str) -> None:
    with pytest.raises(DomainError) as caught:
        world.contact(**changes)
    assert caught.value.field == field
    assert not Contact.objects.exists()
    assert not AuditEntry.objects.filter(action="contacts.contact_log").exists()


def test_quick_entry_makes_a_person_known_to_both_organisations(world: World) -> None:
    contact = world.contact(
        actor=world.agent,
        organisation=world.city,
        new_person=PersonDetails(name="Sofie Maes", phone="0470 99 88 77", preferred_channel=PreferredChannel.SMS),
    )
    assert contact.person is not None and contact.person.phone == "+32470998877"
    known = set(PersonOrganisation.objects.filter(person=contact.person).values_list("organisation_id", flat=True))
    assert known == {world.centre.pk, world.city.pk}


def test_bad_quick_entry_leaves_neither_person_nor_contact(world: World) -> None:
    with pytest.raises(DomainError) as caught:
        world.contact(new_person=PersonDetails(name="Sofie Maes", email="not-an-address"))
    assert caught.value.field == "email"
    assert not Contact.objects.exists()
    assert not Person.objects.filter(name="Sofie Maes").exists()


def test_a_person_unknown_to_the_agents_organisation_cannot_be_linked(world: World) -> None:
    stranger = Person.objects.create(name="Elsewhere", email="e@example.be")
    PersonOrganisation.objects.create(person=stranger, organisation=world.neighbour)
    with pytest.raises(NotFound):
        world.contact(person=stranger)


# --- Requests: created -----------------------------------------------------------------------------


def test_hand_over_writes_the_request_its_event_and_one_message(world: World) -> None:
    request = world.request()
    assert request.status == RequestStatus.NEW
    assert request.reference.startswith("AV-")
    assert list(request.events.values_list("kind", flat=True)) == [RequestEventKind.CREATED]
    message = OutboxMessage.objects.get()
    assert message.recipient == "jan.peeters@example.be"
    assert message.language == "nl"
    assert request.reference in message.body_text
    assert "28 december 2026" in message.body_text
    assert "/nl/mijn-loket/" in message.body_text
    # No more than needed: neither the subject nor the citizen's name travels in the e-mail.
    assert "Verbouwing" not in message.body_text and "Jan" not in message.body_text
    assert AuditEntry.objects.filter(action="contacts.request_create", person_id=world.person.pk).count() == 1


def test_the_message_is_in_the_citizens_language(world: World) -> None:
    world.person.language = "fr"
    world.person.save()
    world.request()
    message = OutboxMessage.objects.get()
    assert message.language == "fr"
    assert "/fr/mijn-loket/" in message.body_text
    assert "décembre" in message.body_text


def test_by_sms_when_the_citizen_prefers_it(world: World) -> None:
    world.person.preferred_channel = PreferredChannel.SMS
    world.person.save()
    world.request()
    message = OutboxMessage.objects.get()
    assert message.channel == "sms"
    assert message.recipient == "+32470123456"


def test_by_post_no_outbox_message_but_a_note_for_staff(world: World) -> None:
    world.person.preferred_channel = PreferredChannel.POST
    world.person.save()
    request = world.request()
    assert not OutboxMessage.objects.exists()
    note = request.events.get(kind=RequestEventKind.NOTE)
    assert request.reference in note.text


def test_the_contact_centre_hands_over_to_a_served_organisation(world: World) -> None:
    person = world.contact(
        actor=world.agent, organisation=world.city, new_person=PersonDetails(name="Sofie", email="sofie@example.be")
    ).person
    contact = Contact.objects.get()
    request = world.request(actor=world.agent, person=person, contact=contact)
    assert request.organisation == world.city
    assert request.contact == contact


def test_a_department_of_another_organisation_is_refused(world: World) -> None:
    with pytest.raises(DomainError) as caught:
        world.request(department=world.neighbour_dept)
    assert caught.value.field == "department"
    assert not Request.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_staff_of_another_organisation_cannot_hand_over(world: World) -> None:
    with pytest.raises(PermissionDenied):
        world.request(actor=world.outsider)
    assert not Request.objects.exists()


def test_an_empty_subject_changes_nothing(world: World) -> None:
    with pytest.raises(DomainError) as caught:
        world.request(subject="  ")
    assert caught.value.field == "subject"
    assert not Request.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_hand_over_with_a_new_person_names_them_on_the_contact(world: World) -> None:
    contact = world.contact()
    request = world.request(
        person=None, contact=contact, new_person=PersonDetails(name="Lotte", email="lotte@example.be")
    )
    contact.refresh_from_db()
    assert contact.person == request.person
    assert request.person.name == "Lotte"


def test_the_public_form_finds_the_person_by_email(world: World) -> None:
    request = services.request_submit_web_form(
        service=world.permit,
        name="Someone Else",
        email="JAN.PEETERS@example.be",
        description="Mag ik een veranda bouwen?",
        language="fr",
        now=NOW,
    )
    assert request.person == world.person
    assert request.origin == RequestOrigin.WEB_FORM
    assert request.department == world.building
    world.person.refresh_from_db()
    assert world.person.name == "Jan Peeters"
    assert OutboxMessage.objects.count() == 1


def test_the_public_form_needs_a_service_with_a_department(world: World) -> None:
    world.permit.department = None
    world.permit.save()
    with pytest.raises(DomainError) as caught:
        services.request_submit_web_form(
            service=world.permit, name="A", email="a@example.be", description="?", language="nl", now=NOW
        )
    assert caught.value.field == "service"
    assert not Person.objects.filter(email="a@example.be").exists()


def test_the_citizen_cannot_hand_over_as_staff(world: World) -> None:
    with pytest.raises(PermissionDenied):
        world.request(actor="citizen", origin=RequestOrigin.CONTACT)


# --- Requests: worked ---------------------------------------------------------------------------------


def test_each_status_change_sends_exactly_one_message(world: World) -> None:
    request = world.request()
    OutboxMessage.objects.all().delete()
    services.request_change_status(actor=world.clerk, request=request, status="in_progress", now=later(1))
    services.request_change_status(
        actor=world.clerk, request=request, status="waiting", reason="Stuur een plan.", now=later(2)
    )
    assert OutboxMessage.objects.count() == 2
    last = OutboxMessage.objects.order_by("pk").last()
    assert last is not None and "Stuur een plan" not in last.body_text  # the reason is read in Mijn loket
    request.refresh_from_db()
    assert request.status == RequestStatus.WAITING
    assert request.status_reason == "Stuur een plan."


def test_done_sets_closed_at(world: World) -> None:
    request = world.request()
    services.request_change_status(actor=world.clerk, request=request, status="done", now=later(5))
    request.refresh_from_db()
    assert request.closed_at == later(5)


@pytest.mark.parametrize("status", ["rejected", "waiting"])
def test_rejecting_or_waiting_needs_a_reason(world: World, status: str) -> None:
    request = world.request()
    with pytest.raises(DomainError) as caught:
        services.request_change_status(actor=world.clerk, request=request, status=status, now=later(1))
    assert caught.value.field == "reason"
    request.refresh_from_db()
    assert request.status == RequestStatus.NEW
    assert OutboxMessage.objects.count() == 1  # only the "received"


def test_nothing_goes_back_to_new(world: World) -> None:
    request = world.request()
    services.request_change_status(actor=world.clerk, request=request, status="in_progress", now=later(1))
    with pytest.raises(Conflict):
        services.request_change_status(actor=world.clerk, request=request, status="new", now=later(2))


def test_only_a_manager_reopens_a_closed_request(world: World) -> None:
    request = world.request()
    services.request_change_status(actor=world.clerk, request=request, status="rejected", reason="Niet nodig.")
    with pytest.raises(PermissionDenied):
        services.request_change_status(actor=world.clerk, request=request, status="in_progress", reason="Toch.")
    services.request_change_status(actor=world.manager, request=request, status="in_progress", reason="Toch wel.")
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_PROGRESS
    assert request.closed_at is None


def test_another_department_cannot_change_the_status(world: World) -> None:
    request = world.request()
    with pytest.raises(PermissionDenied):
        services.request_change_status(actor=world.other_clerk, request=request, status="in_progress")
    with pytest.raises(PermissionDenied):
        services.request_change_status(actor=world.outsider, request=request, status="in_progress")
    with pytest.raises(PermissionDenied):
        services.request_change_status(actor=world.agent, request=request, status="in_progress")
    request.refresh_from_db()
    assert request.status == RequestStatus.NEW


def test_assign_to_a_department_member_but_not_to_an_outsider(world: World) -> None:
    request = world.request()
    services.request_assign(actor=world.manager, request=request, assignee=world.clerk)
    request.refresh_from_db()
    assert request.assignee == world.clerk
    with pytest.raises(DomainError):
        services.request_assign(actor=world.manager, request=request, assignee=world.other_clerk)
    assert request.events.filter(kind=RequestEventKind.ASSIGNED).count() == 1
    assert OutboxMessage.objects.count() == 1  # an assignment tells the citizen nothing


def test_a_note_stays_internal(world: World) -> None:
    request = world.request()
    services.request_note(actor=world.clerk, request=request, text="Buurman belde ook al.")
    assert request.events.filter(kind=RequestEventKind.NOTE).count() == 1
    assert OutboxMessage.objects.count() == 1


def test_a_message_to_the_citizen_with_a_file_sends_one_notice(world: World) -> None:
    request = world.request()
    pdf = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
    sent = services.request_message_to_citizen(
        actor=world.clerk, request=request, body="Hierbij het formulier.", files=[pdf], now=later(3)
    )
    assert sent.route == "email"
    attachment = RequestAttachment.objects.get()
    assert attachment.message == sent.message and attachment.content_type == "application/pdf"
    assert not attachment.internal
    assert "plan.pdf" not in attachment.file.name  # stored under a random name
    notices = OutboxMessage.objects.filter(idempotency_key__contains=":message:")
    assert notices.count() == 1
    assert "Hierbij" not in notices.get().body_text


def test_a_file_that_is_not_a_document_changes_nothing(world: World) -> None:
    request = world.request()
    fake = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(DomainError) as caught:
        services.request_message_to_citizen(actor=world.clerk, request=request, body="Zie bijlage.", files=[fake])
    assert caught.value.field == "files"
    assert not RequestMessage.objects.exists()
    assert OutboxMessage.objects.count() == 1


def test_the_citizen_answers_on_their_own_request(world: World) -> None:
    world.building.email = "bouwen@mechelen.be"
    world.building.save()
    request = world.request()
    message = services.request_message_from_citizen(person=world.person, request=request, body="Hier is het plan.")
    assert message.direction == MessageDirection.FROM_CITIZEN
    assert request.events.filter(kind=RequestEventKind.MESSAGE_IN).count() == 1
    assert OutboxMessage.objects.filter(recipient="bouwen@mechelen.be").count() == 1


def test_another_person_cannot_answer_on_the_request(world: World) -> None:
    request = world.request()
    other = Person.objects.create(name="Iemand", email="iemand@example.be")
    with pytest.raises(NotFound):
        services.request_message_from_citizen(person=other, request=request, body="Hallo")
    assert not RequestMessage.objects.exists()
    assert not RequestEvent.objects.filter(kind=RequestEventKind.MESSAGE_IN).exists()


def test_every_write_is_audited_with_the_person(world: World) -> None:
    request = world.request()
    services.request_change_status(actor=world.clerk, request=request, status="in_progress")
    services.request_assign(actor=world.clerk, request=request, assignee=world.clerk)
    services.request_note(actor=world.clerk, request=request, text="Nota")
    services.request_message_to_citizen(actor=world.clerk, request=request, body="Bericht")
    actions = set(AuditEntry.objects.filter(person_id=world.person.pk).values_list("action", flat=True))
    assert {
        "contacts.request_create",
        "contacts.request_change_status",
        "contacts.request_assign",
        "contacts.request_note",
        "contacts.request_message_to_citizen",
    } <= actions

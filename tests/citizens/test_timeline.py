"""The person's timeline for staff: only what their organisations hold, newest first, audited."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from loket.appointments.models import Appointment, BookingChannel
from loket.appointments.services import new_reference
from loket.citizens.models import PersonOrganisation
from loket.citizens.timeline import person_timeline
from loket.core.errors import NotFound
from loket.core.models import AuditEntry
from loket.queueing.models import Queue, QueueKind, Ticket
from tests.contacts.helpers import NOW, World, make_world
from tests.factories import LocationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: None) -> World:
    with translation.override("en"):
        return make_world()


def appointment_at(location, start: datetime.datetime, **kwargs: object) -> Appointment:  # noqa: ANN001
    return Appointment.objects.create(
        reference=new_reference(),
        location=location,
        start=start,
        end=start + datetime.timedelta(minutes=15),
        channel=BookingChannel.ONLINE,
        name="Jan",
        language="nl",
        **kwargs,
    )


@pytest.fixture(autouse=True)
def english() -> object:
    with translation.override("en"):
        yield


def test_the_timeline_gathers_appointments_tickets_contacts_and_requests_newest_first(world: World) -> None:
    town_hall = LocationFactory(organisation=world.city)
    visit = appointment_at(town_hall, NOW - datetime.timedelta(days=3), email="JAN.PEETERS@example.be")
    queue = Queue.objects.create(location=town_hall, slug="q", name="Q", kind=QueueKind.THEME, prefix="A")
    Ticket.objects.create(
        queue=queue,
        numbered_in=queue,
        day=visit.start.date(),
        number=1,
        code="A001",
        appointment=visit,
        issued_at=visit.start - datetime.timedelta(minutes=5),
    )
    world.contact(person=world.person, started_at=NOW - datetime.timedelta(days=1), summary="Vraag over bouwen")
    world.request()
    entries = person_timeline(user=world.reception, person=world.person)
    assert [entry.kind for entry in entries] == ["request", "contact", "appointment", "ticket"]
    assert entries[2].url and visit.reference in entries[2].url
    assert AuditEntry.objects.filter(action="person.read", person_id=world.person.pk).exists()


def test_another_organisations_appointments_and_contacts_stay_out(world: World) -> None:
    PersonOrganisation.objects.create(person=world.person, organisation=world.neighbour)
    elsewhere = LocationFactory(organisation=world.neighbour)
    appointment_at(elsewhere, NOW, email=world.person.email)
    world.contact(actor=world.outsider, person=world.person)
    mine = person_timeline(user=world.reception, person=world.person)
    assert mine == []
    theirs = person_timeline(user=world.outsider, person=world.person)
    assert [entry.kind for entry in theirs] == ["appointment", "contact"]


def test_a_request_of_another_department_shows_no_subject(world: World) -> None:
    world.request(subject="Geheim onderwerp")
    [entry] = person_timeline(user=world.other_clerk, person=world.person)
    assert "Geheim" not in entry.title and entry.url is None
    [own] = person_timeline(user=world.clerk, person=world.person)
    assert "Geheim" in own.title and own.url


def test_a_person_unknown_to_the_organisation_has_no_timeline(world: World) -> None:
    with pytest.raises(NotFound):
        person_timeline(user=world.outsider, person=world.person)


def test_the_timeline_is_bounded(world: World) -> None:
    for day in range(60):
        world.contact(person=world.person, started_at=NOW - datetime.timedelta(hours=day))
    entries = person_timeline(user=world.reception, person=world.person)
    assert len(entries) == 50

"""A municipality with a citizen's whole trail (contacts, requests, appointments, tickets), for the
retention, erasure and data-protection tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from loket.appointments.models import Appointment, AppointmentDocument, AppointmentStatus, BookingChannel
from loket.catalog.models import Service
from loket.citizens import crypto
from loket.citizens.models import Consent, ConsentPurpose, ConsentSource, Person, PersonOrganisation, SignInLink
from loket.contacts.models import (
    Contact,
    ContactChannel,
    Outcome,
    Request,
    RequestAttachment,
    RequestEvent,
    RequestEventKind,
    RequestMessage,
    RequestStatus,
)
from loket.organisations.models import Department, Location, Organisation
from loket.queueing.models import Queue, QueueKind, Ticket, TicketEvent, TicketSource, TicketStatus
from tests.factories import DepartmentFactory, LocationFactory, ServiceFactory

NATIONAL_NUMBER = "85073003328"


@dataclass
class Town:
    organisation: Organisation
    location: Location
    department: Department
    service: Service
    queue: Queue


def make_town() -> Town:
    location = LocationFactory()
    organisation = location.organisation
    queue = Queue.objects.create(
        location=location, slug="quick", name_en="Quick", name_nl="Snel", kind=QueueKind.QUICK, prefix="S"
    )
    return Town(
        organisation=organisation,
        location=location,
        department=DepartmentFactory(organisation=organisation),
        service=ServiceFactory(organisation=organisation),
        queue=queue,
    )


def make_person(town: Town, *, name: str = "Jan Peeters", national_number: str = "", **fields: Any) -> Person:
    fields.setdefault("email", "jan.peeters@example.be")
    fields.setdefault("phone", "+32470123456")
    person = Person.objects.create(
        name=name,
        street="Grote Markt 1",
        postcode="2800",
        city="Mechelen",
        date_of_birth=datetime.date(1985, 7, 30),
        **fields,
    )
    if national_number:
        person.national_number_token = crypto.encrypt(national_number)
        person.national_number_hash = crypto.lookup_hash(national_number)
        person.save()
    PersonOrganisation.objects.create(person=person, organisation=town.organisation)
    return person


def make_contact(
    town: Town, *, at: datetime.datetime, person: Person | None = None, outcome: str = Outcome.ANSWERED
) -> Contact:
    contact = Contact.objects.create(
        organisation=town.organisation,
        registered_by=town.organisation,
        channel=ContactChannel.PHONE,
        started_at=at,
        duration_seconds=180,
        summary="Asked about a new identity card for Jan",
        outcome=outcome,
        referred_to="OCMW" if outcome == Outcome.REFERRED else "",
        person=person,
    )
    contact.services.set([town.service])
    return contact


def make_request(
    town: Town, *, person: Person, created: datetime.datetime, closed: datetime.datetime | None = None
) -> Request:
    request = Request.objects.create(
        organisation=town.organisation,
        department=town.department,
        service=town.service,
        origin="contact",
        person=person,
        subject="Building permit",
        description="Jan asks about the extension at Grote Markt 1",
        status=RequestStatus.DONE if closed else RequestStatus.IN_PROGRESS,
        status_reason="Permit granted to Jan Peeters" if closed else "",
        due_on=created.date() + datetime.timedelta(days=20),
        created_at=created,
        closed_at=closed,
    )
    RequestEvent.objects.create(request=request, at=created, kind=RequestEventKind.NOTE, text="Called Jan at home")
    message = RequestMessage.objects.create(
        request=request, direction="from_citizen", body="My phone is 0470 12 34 56", sent_at=created
    )
    attachment = RequestAttachment(
        request=request,
        message=message,
        filename="plan.pdf",
        content_type="application/pdf",
        size=4,
        uploaded_at=created,
    )
    attachment.file.save("plan.pdf", ContentFile(b"%PDF"), save=False)
    attachment.save()
    return request


def make_appointment(
    town: Town, *, start: datetime.datetime, status: str = AppointmentStatus.CHECKED_IN, **fields: Any
) -> Appointment:
    fields.setdefault("email", "jan.peeters@example.be")
    fields.setdefault("phone", "+32470123456")
    appointment = Appointment.objects.create(
        reference=f"A{Appointment.objects.count() + 1:07d}",
        location=town.location,
        start=start,
        end=start + datetime.timedelta(minutes=15),
        status=status,
        channel=BookingChannel.ONLINE,
        name="Jan Peeters",
        language="nl",
        remark="I use a wheelchair",
        **fields,
    )
    document = AppointmentDocument(
        appointment=appointment, original_name="id-jan.pdf", content_type="application/pdf", size=4
    )
    document.file.save("id.pdf", ContentFile(b"%PDF"), save=False)
    document.save()
    return appointment


def make_ticket(town: Town, *, day: datetime.date, number: int, phone: str = "+32470123456") -> Ticket:
    issued = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    ticket = Ticket.objects.create(
        queue=town.queue,
        numbered_in=town.queue,
        day=day,
        number=number,
        code=f"S{number:03d}",
        source=TicketSource.KIOSK,
        status=TicketStatus.DONE,
        issued_at=issued,
        phone=phone,
        note="Transferred: needs a translator",
    )
    TicketEvent.objects.create(
        ticket=ticket, queue=town.queue, kind="transferred", at=issued, actor_label="system", note="for Jan"
    )
    return ticket


def give_consent(person: Person, *, at: datetime.datetime) -> Consent:
    return Consent.objects.create(
        person=person, purpose=ConsentPurpose.SURVEYS, given_at=at, source=ConsentSource.COUNTER, text_version="2026-12"
    )


def make_sign_in_link(email: str) -> SignInLink:
    return SignInLink.objects.create(
        email=email, secret_hash=f"{SignInLink.objects.count():064d}", expires_at=timezone.now(), language="nl"
    )

"""The contacts test city (``tests.contacts.helpers``) with a town hall, a queue and survey set-up."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from loket.appointments.models import Appointment, AppointmentStatus, BookingChannel
from loket.citizens.models import ConsentPurpose, ConsentSource, Person
from loket.citizens.services import consent_give, consent_withdraw
from loket.contacts.models import Contact, Request, RequestStatus
from loket.feedback.models import SurveyInvitation, SurveyQuestion, SurveyTablet
from loket.notifications.models import OutboxMessage
from loket.organisations.models import Location
from loket.queueing.models import Queue, QueueKind, Ticket, TicketSource, TicketStatus
from tests.contacts.helpers import NOW, World, make_world
from tests.factories import LocationFactory

SECRET_IN_LINK = re.compile(r"/(nl|fr|en)/survey/([A-Za-z0-9_-]{22})/")


@dataclass
class SurveyWorld:
    base: World
    hall: Location  # the city's town hall
    neighbour_hall: Location
    queue: Queue
    question: SurveyQuestion
    tablet: SurveyTablet

    def __getattr__(self, name: str) -> Any:  # world.city, world.person, ... as in the contacts tests
        return getattr(self.base, name)

    def consent(self, person: Person | None = None, *, at: datetime.datetime = NOW) -> None:
        consent_give(
            actor=self.base.reception,
            person=person or self.base.person,
            purpose=ConsentPurpose.SURVEYS,
            source=ConsentSource.COUNTER,
            organisation=self.base.city,
            now=at - datetime.timedelta(days=30),
        )

    def withdraw(self, person: Person | None = None) -> None:
        consent_withdraw(
            actor=self.base.reception,
            person=person or self.base.person,
            purpose=ConsentPurpose.SURVEYS,
            source=ConsentSource.COUNTER,
            organisation=self.base.city,
            now=NOW - datetime.timedelta(days=1),
        )

    def call(self, *, at: datetime.datetime = NOW, person: Person | None = None, **kwargs: Any) -> Contact:
        return self.base.contact(person=person or self.base.person, started_at=at, now=at, **kwargs)

    def closed_request(self, *, at: datetime.datetime = NOW, status: str = RequestStatus.DONE) -> Request:
        request = self.base.request(now=at - datetime.timedelta(days=3))
        Request.objects.filter(pk=request.pk).update(status=status, closed_at=at)
        request.refresh_from_db()
        return request

    def appointment(
        self, *, at: datetime.datetime = NOW, status: str = AppointmentStatus.CHECKED_IN, email: str = ""
    ) -> Appointment:
        return Appointment.objects.create(
            reference=f"A{Appointment.objects.count() + 1:07d}",
            location=self.hall,
            start=at,
            end=at + datetime.timedelta(minutes=15),
            status=status,
            channel=BookingChannel.ONLINE,
            name="Jan Peeters",
            email=email or self.base.person.email,
            language="nl",
            arrived_at=at if status == AppointmentStatus.CHECKED_IN else None,
        )

    def ticket(self, *, at: datetime.datetime = NOW, status: str = TicketStatus.DONE, **kwargs: Any) -> Ticket:
        number = Ticket.objects.count() + 1
        return Ticket.objects.create(
            queue=self.queue,
            numbered_in=self.queue,
            day=at.date(),
            number=number,
            code=f"S{number:03d}",
            source=TicketSource.KIOSK,
            status=status,
            issued_at=at,
            **kwargs,
        )


def make_survey_world() -> SurveyWorld:
    base = make_world()
    hall = LocationFactory(organisation=base.city, slug="stadhuis", name_en="Town hall", name_nl="Stadhuis")
    neighbour_hall = LocationFactory(organisation=base.neighbour, slug="gemeentehuis-bonheiden")
    queue = Queue.objects.create(location=hall, slug="quick", name_en="Quick", kind=QueueKind.QUICK, prefix="S")
    question = SurveyQuestion.objects.create(
        organisation=base.city,
        text_nl="Vond je snel wat je zocht?",
        text_fr="Avez-vous trouvé rapidement ce que vous cherchiez ?",
        text_en="Did you quickly find what you were looking for?",
    )
    tablet = SurveyTablet.objects.create(location=hall, name="Exit ground floor")
    return SurveyWorld(
        base=base, hall=hall, neighbour_hall=neighbour_hall, queue=queue, question=question, tablet=tablet
    )


def survey_messages() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(idempotency_key__startswith="survey:").order_by("pk"))


def secret_of(message: OutboxMessage) -> str:
    """The secret in the link of an invitation message."""
    match = SECRET_IN_LINK.search(message.body_text)
    assert match, message.body_text
    return match.group(2)


def invitations() -> list[SurveyInvitation]:
    return list(SurveyInvitation.objects.order_by("pk"))

"""A small town hall with a walk-in queue, for the queue's tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from loket.appointments.availability import TIMEZONE
from loket.catalog.models import Service, StaffSkill
from loket.organisations.models import Desk, DeskKind, Location, Role
from loket.queueing.models import CounterSession, Queue, QueueKind, Ticket
from loket.queueing.services import counter_open, ticket_issue
from tests.factories import DeskFactory, LocationFactory, OpeningHoursFactory, ServiceFactory, staff_member

MONDAY = datetime.date(2026, 12, 7)


def at(hour: int, minute: int = 0, day: datetime.date = MONDAY) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TIMEZONE)


@dataclass
class Hall:
    location: Location
    pickup: Service  # quick counter: hand over a passport
    bags: Service  # quick counter: waste bags
    civil: Service  # theme counter: civil status
    quick: Queue
    theme: Queue
    reception: Queue
    desks: list[Desk]
    receptionist: Any
    clerks: list[Any] = field(default_factory=list)

    def issue(self, queue: Queue | None = None, service: Service | None = None, **kwargs: Any) -> Ticket:
        queue = queue or self.quick
        if service is None and queue.kind != QueueKind.RECEPTION:
            service = self.pickup if queue == self.quick else self.civil
        kwargs.setdefault("now", at(9))
        return ticket_issue(actor=kwargs.pop("actor", "kiosk"), queue=queue, service=service, **kwargs)

    def open_desk(self, index: int, services: list[Service], now: datetime.datetime | None = None) -> CounterSession:
        return counter_open(actor=self.clerks[index], desk=self.desks[index], services=services, now=now or at(8, 30))


def make_hall(*, desks: int = 3) -> Hall:
    """Open Monday to Saturday 8:00-17:00 at every kind of desk, three queues, ``desks`` clerks skilled for all."""
    location = LocationFactory(closed_on_public_holidays=False)
    organisation = location.organisation
    for weekday in range(6):
        for kind in (DeskKind.QUICK, DeskKind.THEME, DeskKind.RECEPTION):
            OpeningHoursFactory(
                location=location, desk_kind=kind, weekday=weekday, opens=datetime.time(8), closes=datetime.time(17)
            )
    pickup = ServiceFactory(organisation=organisation, slug="pickup", duration_minutes=4, title_en="Collect a passport")
    bags = ServiceFactory(organisation=organisation, slug="bags", duration_minutes=3, title_en="Buy waste bags")
    civil = ServiceFactory(organisation=organisation, slug="civil", duration_minutes=20, title_en="Civil status")
    quick = Queue.objects.create(
        location=location, slug="quick", name_en="Quick counter", name_nl="Snelloket", kind=QueueKind.QUICK, prefix="S"
    )
    quick.services.set([pickup, bags])
    theme = Queue.objects.create(
        location=location,
        slug="civil",
        name_en="Civil status",
        name_nl="Burgerlijke stand",
        kind=QueueKind.THEME,
        prefix="B",
    )
    theme.services.set([civil])
    reception = Queue.objects.create(
        location=location,
        slug="reception",
        name_en="Reception",
        name_nl="Onthaal",
        kind=QueueKind.RECEPTION,
        prefix="O",
    )
    reception.services.set([pickup, bags, civil])
    desk_rows = [DeskFactory(location=location, name=f"Loket {n + 1}") for n in range(desks)]
    clerks = []
    for _ in range(desks):
        clerk = staff_member(organisation, Role.CLERK)
        for service in (pickup, bags, civil):
            StaffSkill.objects.create(user=clerk, service=service)
        clerks.append(clerk)
    return Hall(
        location=location,
        pickup=pickup,
        bags=bags,
        civil=civil,
        quick=quick,
        theme=theme,
        reception=reception,
        desks=desk_rows,
        receptionist=staff_member(organisation, Role.RECEPTION),
        clerks=clerks,
    )

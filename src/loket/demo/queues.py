"""The demo's walk-in queue: queues per location, display screens, and a morning that is under way.

Data, then a loader step (``load_queues``) that writes straight through the ORM like the rest of
``loader``: no audit entries, no messages. Mechelen's front office as the seed facts describe it:
one reception that answers or steers everyone, a quick counter for products under 4 minutes
without appointment, theme counters by appointment only (their queues take checked-in
appointments, not walk-ins). The Social House has one reception queue.

So that the kiosk, the ticket pages, reception and the display screens look alive on the day of
loading, the step opens the quick counter and reception with the demo clerks and writes the
morning so far: tickets served since opening (issued, called, started, finished, with service
times like a quick counter's, 2-6 minutes) and a line still waiting, one of them at a desk now.
When the demo is loaded while the hall is closed (an evening, a Sunday), the location gets an
extra opening for the rest of the day, labelled as a demo opening, so the queue can be tried at
any hour; the sweep closes that line after it like any other.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth.models import User

from loket.appointments.availability import TIMEZONE
from loket.catalog.models import Service
from loket.demo.schema import Text
from loket.organisations.models import Desk, DeskKind, ExceptionKind, Location, OpeningException
from loket.organisations.opening import next_opening, opening_on
from loket.queueing.models import (
    CounterSession,
    CounterStatus,
    DisplayScreen,
    Pictogram,
    Queue,
    QueueKind,
    Ticket,
    TicketEvent,
    TicketEventKind,
    TicketSource,
    TicketStatus,
)

SEED = 20261201


@dataclass(frozen=True)
class QueueData:
    location: str
    slug: str
    name: Text
    kind: str
    prefix: str
    pictogram: str
    services: tuple[str, ...]
    walk_in: bool = True


QUEUES: tuple[QueueData, ...] = (
    QueueData(
        location="huis-van-de-mechelaar",
        slug="snelloket",
        name=Text(nl="Snelloket", fr="Guichet rapide", en="Quick counter"),
        kind=QueueKind.QUICK,
        prefix="S",
        pictogram=Pictogram.PASSPORT,
        services=(
            "pick-up-identity-documents",
            "waste-bags",
            "smoke-detector",
            "extract-population-register",
            "certificate-of-residence",
            "certificate-of-good-conduct",
            "copy-civil-status-certificate",
            "legalisation-of-signature",
            "international-driving-licence",
            "taxi-cheques",
        ),
    ),
    QueueData(
        location="huis-van-de-mechelaar",
        slug="onthaal",
        name=Text(nl="Onthaal: een vraag", fr="Accueil : une question", en="Reception: a question"),
        kind=QueueKind.RECEPTION,
        prefix="O",
        pictogram=Pictogram.QUESTION,
        services=("change-of-address", "report-street-problem", "bulky-waste-pickup"),
    ),
    QueueData(
        location="huis-van-de-mechelaar",
        slug="bevolking",
        name=Text(nl="Bevolking", fr="Population", en="Population"),
        kind=QueueKind.THEME,
        prefix="B",
        pictogram=Pictogram.PASSPORT,
        services=("identity-card", "kids-id", "passport", "driving-licence", "provisional-driving-licence"),
        walk_in=False,
    ),
    QueueData(
        location="huis-van-de-mechelaar",
        slug="burgerlijke-stand",
        name=Text(nl="Burgerlijke stand", fr="État civil", en="Civil status"),
        kind=QueueKind.THEME,
        prefix="C",
        pictogram=Pictogram.FAMILY,
        services=("birth-declaration", "recognition-of-child", "marriage", "legal-cohabitation", "death-declaration"),
        walk_in=False,
    ),
    QueueData(
        location="huis-van-de-mechelaar",
        slug="vreemdelingen",
        name=Text(nl="Vreemdelingen", fr="Étrangers", en="Foreigners"),
        kind=QueueKind.THEME,
        prefix="V",
        pictogram=Pictogram.GLOBE,
        services=("residence-card-foreigners", "registration-eu-citizen", "registration-foreigners"),
        walk_in=False,
    ),
    QueueData(
        location="sociaal-huis-mechelen",
        slug="onthaal",
        name=Text(nl="Onthaal", fr="Accueil", en="Reception"),
        kind=QueueKind.RECEPTION,
        prefix="A",
        pictogram=Pictogram.QUESTION,
        services=(),
    ),
)

DEMO_OPENING = Text(
    nl="Demo: vandaag langer open, om de wachtrij uit te proberen",
    fr="Démo : ouvert plus tard aujourd'hui, pour essayer la file d'attente",
    en="Demo: open late today, to try the queue",
)

# Who opens which desk for the morning, serving which queue's services they are skilled for.
OPEN_DESKS = (("loket-snel", "Snelloket 1", "snelloket"), ("onthaal", "Onthaal 1", "onthaal"))
SERVED = 24  # tickets served this morning at the quick counter and reception
WAITING = 7  # still in line, one of them called to a desk


def load_queues(*, now: datetime.datetime, services: dict[str, Service], users: dict[str, User]) -> str:
    """Queues, display screens and (at the Huis van de Mechelaar) the morning so far; a line of what was loaded."""
    locations = {location.slug: location for location in Location.objects.filter(slug__in={q.location for q in QUEUES})}
    queues: dict[tuple[str, str], Queue] = {}
    for position, data in enumerate(QUEUES):
        location = locations.get(data.location)
        if location is None:
            continue
        queue = Queue.objects.create(
            location=location,
            slug=data.slug,
            kind=data.kind,
            prefix=data.prefix,
            pictogram=data.pictogram,
            walk_in=data.walk_in,
            position=position,
            **data.name.fields("name"),
        )
        queue.services.set([services[slug] for slug in data.services if slug in services])
        queues[(data.location, data.slug)] = queue
    for location in locations.values():
        DisplayScreen.objects.create(location=location, name="Wachtzaal")
    hall = locations.get("huis-van-de-mechelaar")
    if hall is None:
        return f"  {len(queues)} queues, {len(locations)} display screens"
    opened = _open_for_the_demo(hall, now)
    tickets = _morning(hall, now, queues, users)
    extra = " (with a demo opening until midnight)" if opened else ""
    return f"  {len(queues)} queues, {len(locations)} display screens, {tickets} tickets this morning{extra}"


def _open_for_the_demo(hall: Location, now: datetime.datetime) -> bool:
    """Open reception and the quick counter for the rest of today if they are closed now."""
    if next_opening(location=hall, after=now, desk_kind=DeskKind.QUICK, days=0) == now:
        return False
    local = now.astimezone(TIMEZONE)
    opens = (local - datetime.timedelta(hours=2)).time() if local.hour >= 2 else datetime.time(0)
    for kind in (DeskKind.QUICK, DeskKind.RECEPTION):
        OpeningException.objects.create(
            location=hall,
            date=local.date(),
            kind=ExceptionKind.EXTRA,
            desk_kind=kind,
            opens=opens.replace(second=0, microsecond=0),
            closes=datetime.time(23, 59),
            **DEMO_OPENING.fields("reason"),
        )
    return True


def _morning(
    hall: Location, now: datetime.datetime, queues: dict[tuple[str, str], Queue], users: dict[str, User]
) -> int:
    rng = random.Random(SEED)  # noqa: S311 -- demo data, not a secret
    desks = {desk.name: desk for desk in Desk.objects.filter(location=hall)}
    day = now.astimezone(TIMEZONE).date()
    numbers: dict[int, int] = {}
    sessions = []
    for username, desk_name, queue_slug in OPEN_DESKS:
        clerk, desk, queue = users.get(username), desks.get(desk_name), queues.get((hall.slug, queue_slug))
        if clerk is None or desk is None or queue is None:
            continue
        session = CounterSession.objects.create(
            desk=desk, clerk=clerk, status=CounterStatus.OPEN, opened_at=now - datetime.timedelta(hours=2)
        )
        skills = set(clerk.skills.values_list("service_id", flat=True))
        served = [s for s in queue.services.all() if s.pk in skills or queue.kind == QueueKind.RECEPTION]
        session.services.set(served)
        sessions.append((session, queue, served))
    if not sessions:
        return 0
    written = 0
    # Served since opening (at most two hours ago), one after another at each desk, every 2-6 minutes.
    begin = max(now - datetime.timedelta(hours=2), _opened_today(hall, now))
    clock = {session.pk: begin for session, _queue, _served in sessions}
    for index in range(SERVED):
        session, queue, served = sessions[index % len(sessions)]
        issued = clock[session.pk] - datetime.timedelta(minutes=rng.uniform(1, 8))
        called = clock[session.pk]
        started = called + datetime.timedelta(seconds=rng.uniform(20, 60))
        finished = started + datetime.timedelta(minutes=rng.uniform(2, 6))
        clock[session.pk] = finished + datetime.timedelta(minutes=rng.uniform(0, 3))
        if clock[session.pk] >= now - datetime.timedelta(minutes=10):
            break
        ticket = _ticket(queue, day, numbers, rng.choice(served) if served else None, issued, TicketStatus.DONE, rng)
        if ticket.service is not None:
            ticket.delivered_services.set([ticket.service])
        actor = session.clerk
        _events(
            ticket,
            queue,
            [
                (TicketEventKind.ISSUED, issued, None, None),
                (TicketEventKind.CALLED, called, session.desk, actor),
                (TicketEventKind.STARTED, started, session.desk, actor),
                (TicketEventKind.FINISHED, finished, session.desk, actor),
            ],
        )
        written += 1
    # Still in line; the first one is called to reception's desk now.
    for index in range(WAITING):
        session, queue, served = sessions[0] if index % 3 else sessions[-1]
        issued = now - datetime.timedelta(minutes=2 + 3 * (WAITING - index))
        status = TicketStatus.CALLED if index == 0 else TicketStatus.WAITING
        ticket = _ticket(queue, day, numbers, rng.choice(served) if served else None, issued, status, rng)
        events: list[tuple[str, datetime.datetime, Desk | None, User | None]] = [
            (TicketEventKind.ISSUED, issued, None, None)
        ]
        if status == TicketStatus.CALLED:
            ticket.desk = session.desk
            ticket.called_at = now - datetime.timedelta(seconds=40)
            ticket.save(update_fields=["desk", "called_at"])
            events.append((TicketEventKind.CALLED, ticket.called_at, session.desk, session.clerk))
        _events(ticket, queue, events)
        written += 1
    return written


def _opened_today(hall: Location, now: datetime.datetime) -> datetime.datetime:
    """When the quick counter opened in the period that holds ``now`` (``now`` if it is closed)."""
    local = now.astimezone(TIMEZONE)
    for period in opening_on(location=hall, day=local.date(), desk_kind=DeskKind.QUICK).periods:
        opens = datetime.datetime.combine(local.date(), period.opens, tzinfo=TIMEZONE)
        closes = datetime.datetime.combine(local.date(), period.closes, tzinfo=TIMEZONE)
        if opens <= local < closes:
            return opens
    return now


def _ticket(
    queue: Queue,
    day: datetime.date,
    numbers: dict[int, int],
    service: Service | None,
    issued: datetime.datetime,
    status: str,
    rng: random.Random,
) -> Ticket:
    numbers[queue.pk] = numbers.get(queue.pk, 0) + 1
    number = numbers[queue.pk]
    return Ticket.objects.create(
        queue=queue,
        numbered_in=queue,
        day=day,
        number=number,
        code=f"{queue.prefix}{number:03d}",
        service=service,
        source=TicketSource.KIOSK,
        status=status,
        language=rng.choices(("nl", "fr", "en"), weights=(80, 12, 8))[0],
        issued_at=issued,
    )


def _events(
    ticket: Ticket, queue: Queue, events: list[tuple[str, datetime.datetime, Desk | None, User | None]]
) -> None:
    TicketEvent.objects.bulk_create(
        TicketEvent(
            ticket=ticket,
            kind=kind,
            at=at,
            queue=queue,
            desk=desk,
            actor=actor,
            actor_label=actor.get_username() if actor else "kiosk",
        )
        for kind, at, desk, actor in events
    )

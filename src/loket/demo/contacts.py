"""The demo's citizen record, contacts and back-office requests.

Data, then a loader step (``load_contacts``) that writes straight through the ORM like the rest of
``loader``: no audit entries, no messages sent. What it shows:

- a handful of people of Mechelen and Brussels, in Dutch, French and English, with their
  preferred channel, some with consents (prefill, surveys; one withdrawn) and one with a national
  register number (stored encrypted like any other);
- the contact centre's last working days: calls and e-mails for the city and the social house
  (the city's KlantenContactCenter answers for the OCMW since November 2019, so the city is
  ``contact_centre_for`` the OCMW), most answered at once, some booked or handed over;
- requests in every state (new, in progress, waiting for the citizen, done, rejected), one of
  them overdue, with their history and the messages exchanged with the citizen;
- the standard handling time (working days) of the services that reach the back office.

The e-mail addresses use the reserved ``.example`` domain, so nothing can reach a real person.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth.models import User

from loket.appointments.availability import TIMEZONE
from loket.catalog.models import Service
from loket.citizens import crypto
from loket.citizens.models import Consent, ConsentPurpose, ConsentSource, Person, PersonOrganisation
from loket.citizens.services import CONSENT_TEXT_VERSION
from loket.contacts.models import (
    Contact,
    ContactChannel,
    MessageDirection,
    Outcome,
    Request,
    RequestEvent,
    RequestEventKind,
    RequestMessage,
    RequestOrigin,
    RequestStatus,
)
from loket.organisations.models import Department, Organisation
from loket.organisations.opening_engine import public_holidays

# Working days a request about this service may take in the back office (its due date).
HANDLING_DAYS = {
    "building-permit": 75,
    "environmental-permit": 75,
    "renovation-premium": 40,
    "rent-subsidy": 40,
    "energy-loan": 30,
    "change-of-address": 10,
    "moving-abroad": 10,
    "certificate-of-good-conduct": 2,
    "extract-population-register": 2,
    "certificate-of-residence": 2,
    "resident-parking-permit": 10,
    "public-domain-occupation": 15,
    "terrace-permit": 20,
    "event-permit": 30,
    "noise-permit": 15,
    "bulky-waste-pickup": 5,
    "report-street-problem": 10,
    "heating-allowance": 30,
    "social-integration-income": 30,
    "medical-card": 10,
    "rent-guarantee": 20,
    "childcare-application": 20,
    "copy-civil-status-certificate": 5,
}


@dataclass(frozen=True)
class PersonData:
    key: str
    name: str
    email: str
    phone: str
    language: str
    channel: str
    street: str
    postcode: str
    city: str
    born: datetime.date | None = None
    national_number: str = ""
    consents: tuple[str, ...] = ()
    withdrawn: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ("mechelen",)


def _national_number(born: datetime.date, serial: int) -> str:
    """A national register number with valid check digits (born + serial), as Belgium computes it."""
    body = f"{born:%y%m%d}{serial:03d}"
    base = int(("2" if born.year >= 2000 else "") + body)
    return f"{body}{97 - base % 97:02d}"


PEOPLE: tuple[PersonData, ...] = (
    PersonData(
        "an",
        "An Verlinden",
        "an.verlinden@mail.example",
        "+32470112233",
        "nl",
        "email",
        "Bruul 42",
        "2800",
        "Mechelen",
        born=datetime.date(1982, 3, 14),
        national_number=_national_number(datetime.date(1982, 3, 14), 146),
        consents=(ConsentPurpose.PREFILL, ConsentPurpose.SURVEYS),
    ),
    PersonData(
        "mohamed",
        "Mohamed El Amrani",
        "m.elamrani@mail.example",
        "+32485223344",
        "fr",
        "sms",
        "Hanswijkstraat 7",
        "2800",
        "Mechelen",
        consents=(ConsentPurpose.PREFILL,),
        withdrawn=(ConsentPurpose.SURVEYS,),
    ),
    PersonData(
        "jef",
        "Jef Van den Broeck",
        "",
        "+3215201122",
        "nl",
        "post",
        "Leuvensesteenweg 311",
        "2812",
        "Muizen",
        born=datetime.date(1946, 11, 2),
        organisations=("mechelen", "ocmw-mechelen"),
    ),
    PersonData(
        "julie",
        "Julie Dubois",
        "julie.dubois@mail.example",
        "+32476334455",
        "fr",
        "email",
        "Rue Haute 120",
        "1000",
        "Bruxelles",
        consents=(ConsentPurpose.RELATED_SERVICES,),
    ),
    PersonData(
        "ahmet",
        "Ahmet Yılmaz",
        "ahmet.yilmaz@mail.example",
        "+32468445566",
        "nl",
        "sms",
        "Adegemstraat 18",
        "2800",
        "Mechelen",
        consents=(ConsentPurpose.SURVEYS,),
        organisations=("mechelen", "ocmw-mechelen"),
    ),
    PersonData(
        "maria",
        "Maria Kowalska",
        "maria.kowalska@mail.example",
        "+32492556677",
        "en",
        "email",
        "Nekkerspoelstraat 250",
        "2800",
        "Mechelen",
        consents=(ConsentPurpose.PREFILL, ConsentPurpose.RELATED_SERVICES, ConsentPurpose.SURVEYS),
    ),
    PersonData(
        "lotte",
        "Lotte Janssens",
        "lotte.janssens@mail.example",
        "",
        "nl",
        "email",
        "Kanunnik De Deckerstraat 20",
        "2800",
        "Mechelen",
    ),
    PersonData(
        "nadia",
        "Nadia Benali",
        "nadia.benali@mail.example",
        "+32477667788",
        "fr",
        "email",
        "Ninoofsesteenweg 55",
        "2800",
        "Mechelen",
        organisations=("ocmw-mechelen",),
    ),
)


@dataclass(frozen=True)
class MessageData:
    days_after: int  # working days after the request was made
    to_citizen: bool
    body: str


@dataclass(frozen=True)
class RequestData:
    person: str
    organisation: str
    department: str
    service: str
    subject: str
    description: str
    age_days: int  # working days ago that it was handed over
    status: str
    reason: str = ""
    assignee: str = ""
    origin: str = RequestOrigin.CONTACT
    messages: tuple[MessageData, ...] = ()


REQUESTS: tuple[RequestData, ...] = (
    RequestData(
        "an",
        "mechelen",
        "omgeving",
        "building-permit",
        "Veranda achteraan: is een vergunning nodig?",
        "Wil een veranda van 18 m² bouwen achter de woning (rijwoning, tuin 9 m diep). Vraagt of dit "
        "vrijgesteld is of een omgevingsvergunning nodig heeft, en welke plannen ze moet indienen.",
        4,
        RequestStatus.IN_PROGRESS,
        assignee="backoffice-omgeving",
        messages=(
            MessageData(
                2,
                True,
                "Dag mevrouw Verlinden, een veranda van 18 m² achteraan is vrijgesteld als ze niet hoger is "
                "dan 3 m en op minstens 1 m van de perceelsgrens staat. Kunt u een schets sturen met de "
                "afstanden tot de buren? Dan bevestigen we het.",
            ),
            MessageData(3, False, "Dag, in bijlage de schets. De afstand tot de linkerbuur is 1,20 m. Groeten, An"),
        ),
    ),
    RequestData(
        "maria",
        "mechelen",
        "energiehuis",
        "renovation-premium",
        "Renovation premium for roof insulation",
        "Had the roof insulated in October (about 70 m²). Asks how to apply for the Mijn VerbouwPremie and "
        "the city's top-up, and which invoices are needed.",
        9,
        RequestStatus.WAITING,
        reason="We need the contractor's final invoice with the R-value of the insulation on it.",
        assignee="backoffice",
        origin=RequestOrigin.COUNTER,
        messages=(
            MessageData(
                3,
                True,
                "Hello Ms Kowalska, to add the city's top-up we need the contractor's final invoice that shows "
                "the R-value of the insulation (at least 4.5). Could you upload it here?",
            ),
        ),
    ),
    RequestData(
        "lotte",
        "mechelen",
        "burgerzaken",
        "change-of-address",
        "Adreswijziging: wanneer komt de wijkagent?",
        "Verhuisd op 3 november naar de Kanunnik De Deckerstraat. Aangifte online gedaan, maar nog geen "
        "bezoek van de wijkagent gehad.",
        1,
        RequestStatus.NEW,
    ),
    RequestData(
        "mohamed",
        "mechelen",
        "mobiliteit",
        "resident-parking-permit",
        "Carte de riverain pour une deuxième voiture",
        "Demande une deuxième carte de riverain pour la voiture de sa femme, immatriculée à la même adresse.",
        12,
        RequestStatus.REJECTED,
        reason="In zone Centrum krijgt elk gezin één bewonerskaart; voor een tweede wagen kunt u een "
        "abonnement nemen in de buurtparking Kathedraal.",
        assignee="backoffice",
    ),
    RequestData(
        "an",
        "mechelen",
        "burgerzaken",
        "certificate-of-good-conduct",
        "Uittreksel strafregister model 2 (werken met kinderen)",
        "Heeft een uittreksel model 2 nodig voor vrijwilligerswerk in de jeugdbeweging.",
        6,
        RequestStatus.DONE,
        reason="Het uittreksel staat in uw eBox en in Mijn Burgerprofiel.",
        assignee="backoffice",
    ),
    RequestData(
        "ahmet",
        "mechelen",
        "netheid",
        "bulky-waste-pickup",
        "Grofvuil niet opgehaald",
        "Grofvuil (kast en matras) stond dinsdag buiten op afspraak, maar werd niet opgehaald.",
        8,
        RequestStatus.DONE,
        reason="De ophaling gebeurde donderdag alsnog.",
        messages=(
            MessageData(
                1,
                True,
                "Dag meneer Yılmaz, excuses: de ophaalwagen was defect. We komen donderdag tussen 7 en 12 uur.",
            ),
        ),
    ),
    RequestData(
        "nadia",
        "ocmw-mechelen",
        "sociale-dienst",
        "heating-allowance",
        "Allocation de chauffage (mazout)",
        "A fait livrer 1 000 litres de mazout le 20 novembre. Demande l'allocation de chauffage; revenus: "
        "allocation de chômage.",
        5,
        RequestStatus.IN_PROGRESS,
        assignee="ocmw-maatschappelijk-werker",
    ),
    RequestData(
        "jef",
        "mechelen",
        "meldingen",
        "report-street-problem",
        "Losliggende stoeptegels Leuvensesteenweg",
        "Meldt losliggende stoeptegels voor huisnummer 305-311; zijn buurvrouw is er gevallen. Belde met "
        "de vaste lijn; wil een brief met het antwoord.",
        14,
        RequestStatus.NEW,
    ),
)


@dataclass(frozen=True)
class CallData:
    organisation: str
    service: str
    channel: str
    outcome: str
    summary: str
    language: str = "nl"
    person: str = ""
    referred_to: str = ""


CALLS: tuple[CallData, ...] = (
    CallData("mechelen", "passport", ContactChannel.PHONE, Outcome.APPOINTMENT, "Paspoort voor reis in januari"),
    CallData("mechelen", "waste-bags", ContactChannel.PHONE, Outcome.ANSWERED, "Waar restafvalzakken kopen?"),
    CallData("mechelen", "identity-card", ContactChannel.PHONE, Outcome.ANSWERED, "Pincode eID kwijt", person="lotte"),
    CallData(
        "mechelen",
        "bulky-waste-pickup",
        ContactChannel.PHONE,
        Outcome.REQUEST,
        "Grofvuil niet opgehaald",
        person="ahmet",
    ),
    CallData("mechelen", "driving-licence", ContactChannel.PHONE, Outcome.APPOINTMENT, "Rijbewijs vernieuwen"),
    CallData(
        "mechelen",
        "building-permit",
        ContactChannel.PHONE,
        Outcome.REQUEST,
        "Veranda: vergunning nodig?",
        person="an",
    ),
    CallData(
        "mechelen",
        "resident-parking-permit",
        ContactChannel.EMAIL,
        Outcome.REQUEST,
        "Deuxième carte de riverain",
        language="fr",
        person="mohamed",
    ),
    CallData(
        "ocmw-mechelen",
        "heating-allowance",
        ContactChannel.PHONE,
        Outcome.REQUEST,
        "Allocation de chauffage",
        language="fr",
        person="nadia",
    ),
    CallData(
        "mechelen",
        "change-of-address",
        ContactChannel.CHAT,
        Outcome.ANSWERED,
        "How long does the police check take?",
        language="en",
    ),
    CallData(
        "mechelen",
        "social-rental-housing-registration",
        ContactChannel.PHONE,
        Outcome.REFERRED,
        "Inschrijven sociale woning",
        referred_to="Woonmaatschappij Mechelen",
    ),
    CallData("ocmw-mechelen", "home-care", ContactChannel.PHONE, Outcome.APPOINTMENT, "Gezinszorg voor moeder"),
    CallData("mechelen", "report-street-problem", ContactChannel.LETTER, Outcome.REQUEST, "Stoeptegels", person="jef"),
    CallData("mechelen", "taxi-cheques", ContactChannel.PHONE, Outcome.TICKET, "Taxicheques ophalen"),
    CallData(
        "mechelen", "certificate-of-residence", ContactChannel.PHONE, Outcome.ANSWERED, "Attest gezinssamenstelling"
    ),
)


def _working_days(start: datetime.date, count: int, *, backwards: bool = False) -> datetime.date:
    """``count`` working days (no weekend, no Belgian public holiday) after, or before, ``start``."""
    holidays = public_holidays(years=range(start.year - 1, start.year + 2), language="en")
    step = datetime.timedelta(days=-1 if backwards else 1)
    day = start
    while count > 0:
        day += step
        if day.weekday() < 5 and day not in holidays:
            count -= 1
    return day


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TIMEZONE)


def load_contacts(*, now: datetime.datetime, services: dict[str, Service], users: dict[str, User]) -> str:
    """Write the people, consents, contacts and requests; return a line for the loader's progress."""
    rng = random.Random(20261201)  # noqa: S311 -- demo data, not security
    today = now.astimezone(TIMEZONE).date()
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=["mechelen", "ocmw-mechelen"])}
    organisations["mechelen"].contact_centre_for.add(organisations["ocmw-mechelen"])
    for slug, days in HANDLING_DAYS.items():
        if slug in services:
            Service.objects.filter(pk=services[slug].pk).update(handling_days=days)

    people = _load_people(now, organisations)
    contacts = _load_calls(now, today, rng, services, users, organisations, people)
    requests = _load_requests(now, today, services, users, organisations, people, contacts)
    by_status = {status: sum(1 for r in requests if r.status == status) for status in RequestStatus.values}
    states = ", ".join(f"{count} {status}" for status, count in by_status.items())
    total = Contact.objects.filter(registered_by=organisations["mechelen"]).count()
    return f"  {len(people)} people, {total} contacts, {len(requests)} requests ({states})"


def _load_people(now: datetime.datetime, organisations: dict[str, Organisation]) -> dict[str, Person]:
    people: dict[str, Person] = {}
    for data in PEOPLE:
        person = Person(
            name=data.name,
            email=data.email,
            phone=data.phone,
            language=data.language,
            preferred_channel=data.channel,
            street=data.street,
            postcode=data.postcode,
            city=data.city,
            date_of_birth=data.born,
        )
        if data.national_number:
            person.national_number_token = crypto.encrypt(data.national_number)
            person.national_number_hash = crypto.lookup_hash(data.national_number)
        person.save()
        for slug in data.organisations:
            PersonOrganisation.objects.create(person=person, organisation=organisations[slug])
        given = now - datetime.timedelta(days=40)
        for purpose in (*data.consents, *data.withdrawn):
            Consent.objects.create(
                person=person,
                purpose=purpose,
                given_at=given,
                source=ConsentSource.COUNTER,
                text_version=CONSENT_TEXT_VERSION,
                withdrawn_at=now - datetime.timedelta(days=6) if purpose in data.withdrawn else None,
                withdrawn_source=ConsentSource.MIJN_LOKET if purpose in data.withdrawn else "",
            )
        people[data.key] = person
    return people


def _load_calls(
    now: datetime.datetime,
    today: datetime.date,
    rng: random.Random,
    services: dict[str, Service],
    users: dict[str, User],
    organisations: dict[str, Organisation],
    people: dict[str, Person],
) -> dict[str, Contact]:
    """The calls of the last five working days, most in the morning (the 10-12 peak); by person key."""
    agent = users["kcc"]
    linked: dict[str, Contact] = {}
    days = [_working_days(today, back, backwards=True) for back in range(5, 0, -1)]
    for index, day in enumerate(days):
        for call in CALLS:
            if call.person and index != len(days) - 1 and call.outcome == Outcome.REQUEST:
                continue  # the calls that led to a request happened once, on the last day
            hour = rng.choice((8, 9, 10, 10, 11, 11, 12, 13, 14, 15))
            started = _at(day, hour, rng.randrange(0, 60))
            if started > now:
                continue
            contact = Contact.objects.create(
                organisation=organisations[call.organisation],
                registered_by=organisations["mechelen"],
                channel=call.channel,
                started_at=started,
                duration_seconds=rng.randrange(60, 480),
                agent=agent,
                summary=call.summary,
                outcome=call.outcome,
                referred_to=call.referred_to,
                language=call.language,
                person=people.get(call.person),
            )
            if call.service in services:
                contact.services.add(services[call.service])
            if call.person and call.outcome == Outcome.REQUEST:
                linked[f"{call.person}:{call.service}"] = contact
    return linked


def _load_requests(
    now: datetime.datetime,
    today: datetime.date,
    services: dict[str, Service],
    users: dict[str, User],
    organisations: dict[str, Organisation],
    people: dict[str, Person],
    contacts: dict[str, Contact],
) -> list[Request]:
    departments = {(d.organisation.slug, d.slug): d for d in Department.objects.select_related("organisation").all()}
    written = []
    for data in REQUESTS:
        service = services[data.service]
        created_day = _working_days(today, data.age_days, backwards=True)
        created = _at(created_day, 10, 15)
        handling = HANDLING_DAYS.get(data.service, 20)
        person = people[data.person]
        closed = data.status in (RequestStatus.DONE, RequestStatus.REJECTED)
        request = Request.objects.create(
            organisation=organisations[data.organisation],
            department=departments[(data.organisation, data.department)],
            service=service,
            origin=data.origin,
            contact=contacts.get(f"{data.person}:{data.service}"),
            person=person,
            subject=data.subject,
            description=data.description,
            status=data.status,
            status_reason=data.reason,
            assignee=users.get(data.assignee),
            language=person.language,
            # One of them is overdue: the street report has waited 14 working days for 10.
            due_on=_working_days(created_day, handling),
            created_at=created,
            closed_at=_at(_working_days(created_day, min(data.age_days - 1, 3)), 14) if closed else None,
        )
        RequestEvent.objects.create(
            request=request, at=created, kind=RequestEventKind.CREATED, to_status=RequestStatus.NEW
        )
        if data.assignee:
            RequestEvent.objects.create(
                request=request,
                at=created + datetime.timedelta(hours=2),
                kind=RequestEventKind.ASSIGNED,
                actor=users[data.assignee],
                text=users[data.assignee].get_full_name(),
            )
        for message in data.messages:
            sent = _at(_working_days(created_day, message.days_after), 11 if message.to_citizen else 19, 5)
            RequestMessage.objects.create(
                request=request,
                direction=MessageDirection.TO_CITIZEN if message.to_citizen else MessageDirection.FROM_CITIZEN,
                body=message.body,
                sent_at=sent,
                author=users.get(data.assignee) if message.to_citizen else None,
            )
            RequestEvent.objects.create(
                request=request,
                at=sent,
                kind=RequestEventKind.MESSAGE_OUT if message.to_citizen else RequestEventKind.MESSAGE_IN,
                actor=users.get(data.assignee) if message.to_citizen else None,
            )
        if data.status != RequestStatus.NEW:
            # Taken up the same day; then, unless still in progress, its present status.
            steps: list[tuple[str, str, datetime.datetime, str]] = [
                (RequestStatus.NEW, RequestStatus.IN_PROGRESS, created + datetime.timedelta(hours=3), "")
            ]
            if data.status != RequestStatus.IN_PROGRESS:
                final_at = request.closed_at or _at(_working_days(created_day, 3), 11)
                steps.append((RequestStatus.IN_PROGRESS, data.status, final_at, data.reason))
            for before, after, at, reason in steps:
                RequestEvent.objects.create(
                    request=request,
                    at=at,
                    kind=RequestEventKind.STATUS,
                    actor=users.get(data.assignee),
                    from_status=before,
                    to_status=after,
                    text=reason,
                )
        written.append(request)
    return written

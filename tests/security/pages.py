"""Every page of Loket on the demo data, found by walking the URL patterns: for the header, CSRF and browser tests.

``demo_world()`` loads the demo data set and adds the few things it has none of (a content report,
a document, a survey invitation, a sign-in link, an erasure request, a waiting-list entry), each
through its service function or with a known secret. ``pages(world)`` then gives, for every URL
pattern outside the API and the admin, one address with real arguments and who opens it: nobody,
a citizen signed in to Mijn loket, or a demo staff member with the right role. A URL pattern that
this module cannot fill in fails ``test_every_url_pattern_is_walked``, so a new page is never
left out of the security tests silently.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from loket.appointments.booking_selectors import appointment_services
from loket.appointments.models import Appointment, AppointmentStatus, WaitingListEntry
from loket.appointments.services import appointment_documents_add
from loket.catalog.models import ContentReport, Service, ServiceStatus
from loket.catalog.services import content_report_create
from loket.citizens.models import ConsentSource, ErasureRequest, Person, SignInLink
from loket.citizens.services import erasure_request_create
from loket.citizens.session import SESSION_KEY
from loket.contacts.models import Contact, Request, RequestAttachment
from loket.contacts.services import request_message_to_citizen
from loket.demo import load_demo
from loket.feedback.models import SurveyChannel, SurveyInvitation, SurveyKind, SurveyTablet, secret_hash
from loket.organisations.models import Location
from loket.queueing.models import DisplayScreen, Queue, Ticket

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ADMIN = "admin"  # the demo's administrator: every role in every demo organisation


@dataclass
class World:
    """The demo data and the secrets of what was added to it."""

    appointment: Appointment
    appointment_secret: str
    document_id: int
    request: Request
    attachment_id: int
    person: Person  # signed in to Mijn loket: the person of ``request``
    contact: Contact
    ticket: Ticket
    screen: DisplayScreen
    tablet: SurveyTablet
    kiosk_location: Location
    service: Service
    life_event_slug: str
    report: ContentReport
    survey_secret: str
    sign_in_secret: str
    erasure: ErasureRequest
    waiting_entry_id: int
    waiting_secret: str


@dataclass(frozen=True)
class Page:
    name: str  # the URL name
    url: str
    who: str  # "" for anybody, "citizen" for Mijn loket, else a demo staff username


def demo_world() -> World:
    assert load_demo() is True
    now = timezone.now()
    admin = _user(ADMIN)
    appointment = (
        Appointment.objects.filter(status=AppointmentStatus.BOOKED, start__gt=now + datetime.timedelta(days=2))
        .exclude(email="")
        .order_by("start")
        .first()
    )
    assert appointment is not None
    appointment_documents_add(
        actor="citizen",
        appointment=appointment,
        files=[SimpleUploadedFile("proof.pdf", PDF, content_type="application/pdf")],
    )
    request = Request.objects.filter(person__isnull=False, person__email__gt="").order_by("pk").first()
    assert request is not None
    request_message_to_citizen(
        actor=admin,
        request=request,
        body="Zie bijlage.",
        files=[SimpleUploadedFile("antwoord.pdf", PDF, content_type="application/pdf")],
    )
    attachment = RequestAttachment.objects.filter(request=request).latest("pk")
    person = request.person
    assert person is not None
    service = Service.objects.filter(status=ServiceStatus.PUBLISHED, life_events__isnull=False).order_by("pk").first()
    assert service is not None
    report = content_report_create(service=service, message="Het adres klopt niet.", email="", language="nl")
    survey_secret = secrets.token_urlsafe(16)
    SurveyInvitation.objects.create(
        organisation=service.organisation,
        kind=SurveyKind.CALL,
        channel=SurveyChannel.EMAIL,
        language="nl",
        secret_hash=secret_hash(survey_secret),
        created_at=now,
        expires_at=now + datetime.timedelta(days=14),
    )
    sign_in_secret = secrets.token_urlsafe(32)
    SignInLink.objects.create(
        email=person.email,
        secret_hash=hashlib.sha256(sign_in_secret.encode()).hexdigest(),  # as citizens.portal stores it
        expires_at=now + datetime.timedelta(minutes=30),
        language="nl",
    )
    erasure = erasure_request_create(actor="citizen", person=person, source=ConsentSource.MIJN_LOKET)
    ticket = Ticket.objects.order_by("pk").first()
    assert ticket is not None
    queue = Queue.objects.select_related("location").order_by("pk").first()
    assert queue is not None
    # Straight in: waiting_list_join takes nobody while there are free times, as in the demo.
    entry = WaitingListEntry.objects.create(
        location=appointment.location,
        service=_first_service_of(appointment),
        name="An Peeters",
        email="an.peeters@mail.example",
        language="nl",
    )
    return World(
        appointment=appointment,
        appointment_secret=appointment.manage_secret,
        document_id=appointment.documents.get().pk,
        request=request,
        attachment_id=attachment.pk,
        person=person,
        contact=Contact.objects.order_by("pk").first() or _missing("contact"),
        ticket=ticket,
        screen=DisplayScreen.objects.order_by("pk").first() or _missing("display screen"),
        tablet=SurveyTablet.objects.select_related("location").order_by("pk").first() or _missing("tablet"),
        kiosk_location=queue.location,
        service=service,
        life_event_slug=service.life_events.order_by("pk").values_list("slug", flat=True)[0],
        report=report,
        survey_secret=survey_secret,
        sign_in_secret=sign_in_secret,
        erasure=erasure,
        waiting_entry_id=entry.pk,
        waiting_secret=entry.manage_secret,
    )


def _missing(what: str) -> Any:
    raise AssertionError(f"the demo data has no {what}")


def _first_service_of(appointment: Appointment) -> Service:
    return appointment_services(appointment)[0]


def _user(username: str) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


# Who opens each staff page: the demo member whose role it is for (the administrator elsewhere).
STAFF_OF = {
    "catalog-staff": "redactie",
    "appointments-staff": "onthaal",
    "queue-staff-desk": "loket",
    "queue-staff-reception": "onthaal",
    "contacts-": "kcc",
    "contacts-request": ADMIN,  # the demo's requests belong to several departments
    "contacts-overdue": "manager",
    "people-": "backoffice",
    "privacy-": "dpo",
    "insights-": "manager",
    "planning-": "manager",
}
PUBLIC_STAFF_PAGES = {"staff-login", "staff-otp-verify", "staff-otp-setup"}


def who_opens(name: str) -> str:
    if name.startswith("portal-") and name not in {"portal-sign-in", "portal-sign-in-sent", "portal-sign-in-confirm"}:
        return "citizen"
    if name in PUBLIC_STAFF_PAGES or not _is_staff_name(name):
        return ""
    matches = [prefix for prefix in STAFF_OF if name.startswith(prefix)]
    return STAFF_OF[max(matches, key=len)] if matches else ADMIN


def _is_staff_name(name: str) -> bool:
    staff_prefixes = ("staff-", "catalog-staff", "appointments-staff", "queue-staff", "contacts-", "people-")
    return name.startswith((*staff_prefixes, "privacy-", "insights-", "planning-"))


def arguments(world: World, name: str) -> dict[str, Any] | None:
    """The URL arguments of ``name`` in ``world``; ``None`` for a name this module does not know."""
    a = world.appointment
    by_name: dict[str, dict[str, Any]] = {
        "catalog-staff-service-edit": {"slug": world.service.slug},
        "catalog-staff-service-readability": {"slug": world.service.slug},
        "catalog-staff-service-reviewed": {"slug": world.service.slug},
        "catalog-staff-service-publish": {"slug": world.service.slug},
        "catalog-staff-service-unpublish": {"slug": world.service.slug},
        "catalog-staff-report-resolve": {"report_id": world.report.pk},
        "catalog-staff-report-dismiss": {"report_id": world.report.pk},
        "appointments-staff-document": {"reference": a.reference, "document_id": world.document_id},
        "appointments-staff-check-in": {"reference": a.reference},
        "queue-staff-issue": {"location_slug": world.kiosk_location.slug},
        "contacts-service-sheet": {"slug": world.service.slug},
        "contacts-request-file": {"pk": world.request.pk, "file_pk": world.attachment_id},
        "people-detail": {"pk": world.person.pk},
        "people-edit": {"pk": world.person.pk},
        "people-consent": {"pk": world.person.pk},
        "privacy-erasure-handle": {"pk": world.erasure.pk},
        "portal-sign-in-confirm": {"secret": world.sign_in_secret},
        "portal-request": {"reference": world.request.reference},
        "portal-attachment": {"reference": world.request.reference, "attachment_id": world.attachment_id},
        "survey-tablet": {"location_slug": world.tablet.location.slug, "key": world.tablet.key},
        "survey-answer": {"secret": world.survey_secret},
        "waiting-list-entry": {"entry_id": world.waiting_entry_id, "secret": world.waiting_secret},
        "ticket-page": {"key": world.ticket.public_key},
        "ticket-status": {"key": world.ticket.public_key},
        "display-screen": {"key": world.screen.public_key},
        "display-calls": {"key": world.screen.public_key},
        "service-detail": {"slug": world.service.slug},
        "service-report": {"slug": world.service.slug},
        "service-report-thanks": {"slug": world.service.slug},
        "life-event-detail": {"slug": world.life_event_slug},
    }
    if name in by_name:
        return by_name[name]
    if name.startswith("appointment-"):
        if name == "appointment-book":
            return {}
        return {"reference": a.reference, "secret": world.appointment_secret}
    if name.startswith("appointments-staff-") and name not in {"appointments-staff-day", "appointments-staff-book"}:
        return {"reference": a.reference}
    if name.startswith(("queue-kiosk", "kiosk-")):
        return {"location_slug": world.kiosk_location.slug}
    if name.startswith("queue-staff-") and name not in {
        "queue-staff-desk",
        "queue-staff-reception",
        "queue-staff-reception-states",
    }:
        return {"pk": world.ticket.pk} if "desk" not in name else {}
    if name.startswith("contacts-request-") or name == "contacts-request":
        return {"pk": world.request.pk}
    if name in {"contacts-contact", "contacts-handover", "contacts-contact-appointment"}:
        return {"pk": world.contact.pk}
    return None


def url_patterns() -> Iterator[tuple[str, str]]:
    """(route, name) of every URL pattern outside the API, the API schema and documents, and the admin."""

    def walk(patterns: list[Any], prefix: str) -> Iterator[tuple[str, str]]:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if pattern.namespace != "admin":  # Django's own, tested by Django
                    yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                yield route, pattern.name or ""

    for route, name in walk(get_resolver().url_patterns, ""):
        if route.lstrip("^").startswith("api/"):  # token-authenticated, DRF's checks (tests of the apps' APIs)
            continue
        yield route, name


def pages(world: World, lang: str = "nl") -> list[Page]:
    found = []
    with translation.override(lang):
        for _route, name in url_patterns():
            kwargs = arguments(world, name)
            if kwargs is None and name not in {"set_language", "health"}:
                kwargs = {}
            found.append(Page(name=name, url=reverse(name, kwargs=kwargs or None), who=who_opens(name)))
    return found


def sign_in_citizen(client: Client, person: Person) -> None:
    """Mijn loket's session for ``person``, as ``citizens.session.citizen_sign_in`` leaves it."""
    now = timezone.now().isoformat()
    session = client.session
    session[SESSION_KEY] = {
        "person": person.pk,
        "email": person.email.lower(),
        "method": "link",
        "signed_in_at": now,
        "seen_at": now,
    }
    session.save()


def client_for(who: str, world: World, **kwargs: Any) -> Client:
    client = Client(**kwargs)
    if who == "citizen":
        sign_in_citizen(client, world.person)
    elif who:
        client.force_login(_user(who))
    return client

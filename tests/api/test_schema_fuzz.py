"""Property-based fuzzing of the whole REST API from its own OpenAPI schema (schemathesis).

The schema is the one the project serves at ``/api/schema/``. Every operation in it gets
generated requests, valid ones and invalid ones, sent in process to the project's WSGI
application on the demo data set. Real slugs, references, ticket keys, queues and free times of
the demo are mixed into what is generated, so that requests get past the lookups to the code
behind them; and they come from every kind of caller: staff (a token, and a session with its CSRF
token), a citizen signed in to Mijn loket, an anonymous caller and one with a wrong token.

Every answer must be no server error, have a documented status code and content type and a body
that matches the schema; invalid input must be refused, and an operation that needs staff must
not answer without them. The run is repeatable (Hypothesis derandomised, no example database) and
bounded; it counts the requests it made and proves there were at least ``MIN_REQUESTS``.
"""

from __future__ import annotations

import datetime
import itertools
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from rest_framework.throttling import AnonRateThrottle
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from loket.appointments import booking_selectors
from loket.appointments.models import Appointment, AppointmentStatus
from loket.appointments.selectors import availability_free_slots
from loket.catalog.models import LifeEvent, Service, ServiceStatus
from loket.catalog.services import content_report_create
from loket.citizens.models import Person
from loket.citizens.session import SESSION_KEY
from loket.contacts.models import Request
from loket.demo import load_demo
from loket.organisations.models import Location
from loket.queueing.models import Queue, Ticket

pytestmark = pytest.mark.django_db

MIN_REQUESTS = 1_000
# Examples per operation and caller, valid and invalid: most of the API is for staff. An operation
# where nothing can be made invalid (its only parameter a path's text) gets no invalid ones.
EXAMPLES = {
    "staff": {GenerationMode.POSITIVE: 20, GenerationMode.NEGATIVE: 10},
    "citizen": {GenerationMode.POSITIVE: 4, GenerationMode.NEGATIVE: 2},
    "anonymous": {GenerationMode.POSITIVE: 6, GenerationMode.NEGATIVE: 3},
    "stranger": {GenerationMode.POSITIVE: 3, GenerationMode.NEGATIVE: 1},
}
# Every check of schemathesis that judges one answer, except `positive_data_acceptance`: a request
# that matches the schema may still name a service that does not exist, and that is a 400 here.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
    ignored_auth,
]
CONTACT_ORGANISATION = "mechelen"
# What an attacker puts in a path besides what Hypothesis makes up (it never makes a NUL there).
HOSTILE_PATH_VALUES = ["\x00", "AB\x00CD", "' OR '1'='1", "\u202egnp.exe", "x" * 2000]


@dataclass(frozen=True)
class Caller:
    """Who sends a request: the headers and cookies it carries."""

    name: str
    headers: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)


@dataclass
class World:
    """The demo data set as the fuzzer uses it: callers, and real values to mix into requests."""

    callers: list[Caller]
    # By the operation's path, or the part of it before its parameter ("/api/v1/locations/"): real values.
    path_values: dict[str, list[str]]
    secrets: dict[str, str]  # manage secret of an appointment, by reference
    bookings: list[dict[str, Any]]  # free times: {"services", "location", "start"}
    moves: dict[str, list[str]]  # free times to move an appointment to, by reference
    queues: dict[str, list[tuple[str, list[str]]]]  # by location: (queue, its services)
    contact_services: list[str]  # services of CONTACT_ORGANISATION
    life_events: list[str]


@pytest.fixture
def world(settings: Any) -> World:
    # The throttles count in the cache: without one they never trip, so the run is not all 429s.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    settings.LOKET_BOOKING_RATE = "1000000/h"
    assert load_demo() is True
    admin = get_user_model().objects.get(username="admin")  # superuser: every organisation's staff
    person = Request.objects.filter(person__isnull=False).values_list("person", flat=True).first()
    citizen = Person.objects.get(pk=person)
    csrf = _get_new_csrf_string()
    staff = Caller(
        "staff",
        headers={"Authorization": f"Token {Token.objects.create(user=admin).key}", "X-CSRFToken": csrf},
        cookies={"sessionid": _session(admin, citizen), "csrftoken": csrf},
    )
    callers = [
        staff,
        Caller(
            "citizen", headers={"X-CSRFToken": csrf}, cookies={"sessionid": _session(None, citizen), "csrftoken": csrf}
        ),
        Caller("anonymous"),
        Caller("stranger", headers={"Authorization": "Token " + "0" * 40}),
    ]

    published = list(Service.objects.filter(status=ServiceStatus.PUBLISHED).order_by("slug"))
    drafts = list(Service.objects.filter(status=ServiceStatus.DRAFT).order_by("slug").values_list("slug", flat=True))
    reports = [
        str(content_report_create(service=service, message="De prijs klopt niet.", email="", language="nl").pk)
        for service in published[:6]
    ]
    appointments = list(
        Appointment.objects.filter(status=AppointmentStatus.BOOKED, start__gt=timezone.now()).order_by("start")[:6]
    )
    queues: dict[str, list[tuple[str, list[str]]]] = {}
    for queue in Queue.objects.filter(active=True).select_related("location").prefetch_related("services"):
        queues.setdefault(queue.location.slug, []).append((queue.slug, [s.slug for s in queue.services.all()]))
    locations = sorted(queues) + list(Location.objects.exclude(slug__in=queues).values_list("slug", flat=True)[:2])
    services = [s.slug for s in published[:5]] + drafts[:2]
    citizen_requests = list(Request.objects.filter(person=citizen).values_list("reference", flat=True)[:3])
    path_values = {
        # Different appointments to read, cancel and move: one cancelled cannot be moved any more.
        "/api/v1/appointments/{reference}/": [a.reference for a in appointments],
        "/api/v1/appointments/{reference}/cancel/": [a.reference for a in appointments[:2]],
        "/api/v1/appointments/{reference}/reschedule/": [a.reference for a in appointments[2:]],
        "/api/v1/requests/": list(Request.objects.values_list("reference", flat=True)[:3]) + citizen_requests[:1],
        "/api/v1/me/requests/": citizen_requests
        + list(Request.objects.exclude(person=citizen).values_list("reference", flat=True)[:1]),
        "/api/v1/services/": services,
        "/api/v1/staff/services/": services,
        "/api/v1/locations/": locations,
        "/api/v1/tickets/": list(Ticket.objects.values_list("public_key", flat=True)[:4]),
        "/api/v1/staff/reports/{report_id}/resolve/": reports[:3],
        "/api/v1/staff/reports/{report_id}/dismiss/": reports[3:],
    }
    return World(
        callers=callers,
        path_values=path_values,
        secrets={a.reference: a.manage_secret for a in appointments},
        bookings=_free_bookings(published),
        moves={a.reference: _free_moves(a) for a in appointments},
        queues=queues,
        contact_services=list(
            Service.objects.filter(organisation__slug=CONTACT_ORGANISATION).values_list("slug", flat=True)[:4]
        ),
        life_events=list(LifeEvent.objects.values_list("slug", flat=True)[:3]),
    )


def _session(user: Any, person: Person) -> str:
    """The key of a session with ``user`` logged in (if any) and ``person`` signed in to Mijn loket."""
    client = Client()
    if user is not None:
        client.force_login(user)
    session = client.session
    now = timezone.now().isoformat()
    session[SESSION_KEY] = {
        "person": person.pk,
        "email": person.email,
        "method": "link",
        "signed_in_at": now,
        "seen_at": now,
    }
    session.save()
    assert session.session_key is not None
    return session.session_key


def _free_bookings(published: list[Service]) -> list[dict[str, Any]]:
    """A few free times of the demo (a service, a location, a start), for bookings that can succeed."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    found: list[dict[str, Any]] = []
    for service in published:
        locations = booking_selectors.bookable_locations(services=[service])
        if not locations:
            continue
        slots = availability_free_slots(
            services=[service], locations=locations[:1], start=tomorrow, end=tomorrow + datetime.timedelta(days=7)
        )
        found += [
            {"services": [service.slug], "location": slot.location, "start": slot.start.isoformat()}
            for slot in slots[:: max(1, len(slots) // 3)][:3]
        ]
        if len(found) >= 12:
            break
    assert found, "the demo has free times to book"
    return found


def _free_moves(appointment: Appointment) -> list[str]:
    """A few free times for the same visit at the same location, on the online channel (free for staff too)."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    slots = availability_free_slots(
        services=booking_selectors.appointment_services(appointment),
        locations=[appointment.location],
        start=tomorrow,
        end=tomorrow + datetime.timedelta(days=14),
        exclude_appointment=appointment.pk,
    )
    return [slot.start.isoformat() for slot in slots[:: max(1, len(slots) // 4)][:4]] or [appointment.start.isoformat()]


@pytest.fixture(autouse=True)
def quiet_client_errors() -> Iterator[None]:
    # Thousands of 4xx are the point of the run; a 5xx is still logged (and fails the check).
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


@pytest.fixture
def app() -> Iterator[WSGIHandler]:
    """The project's WSGI application, in process, inside the test's transaction.

    Django closes the database connection at the start and the end of every request; the test
    client switches that off (the test's transaction lives on the connection), and so does this.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _strategy(operation: Any, mode: GenerationMode, caller: Caller, world: World) -> st.SearchStrategy[Any]:
    """Requests for ``operation`` from ``caller``: half name a real object of the demo, a quarter a hostile one."""

    def with_path(name: str, value: str) -> st.SearchStrategy[Any]:
        headers = dict(caller.headers)
        if caller.name == "anonymous" and value in world.secrets:
            headers["X-Manage-Secret"] = world.secrets[value]  # the citizen's own appointment
        return operation.as_strategy(
            generation_mode=mode, headers=headers, cookies=caller.cookies, path_parameters={name: value}
        )

    generated = operation.as_strategy(generation_mode=mode, headers=caller.headers, cookies=caller.cookies)
    names = [parameter.name for parameter in operation.path_parameters]
    if not names:
        return generated
    values = world.path_values.get(operation.path) or world.path_values.get(operation.path.split("{")[0], [])
    assert values, f"the demo has real values for {operation.label}"
    real = st.sampled_from([with_path(name, value) for name in names for value in values])
    hostile = st.sampled_from([with_path(name, value) for name in names for value in HOSTILE_PATH_VALUES])
    return st.one_of(
        generated,
        real.flatmap(lambda chosen: chosen),
        real.flatmap(lambda chosen: chosen),
        hostile.flatmap(lambda chosen: chosen),
    )


def _realistic(case: Any, data: st.DataObject, world: World) -> None:
    """Mix real values of the demo into some of what was generated, so requests reach the code behind the lookups.

    Only valid requests, and only with values that fit the schema (a slug for a slug, a date for
    a date), so they stay valid: schemathesis judges a request by what it generated.
    """
    # Hypothesis tries the simplest choice first: 0 here, a realistic request.
    if not case.meta.generation.mode.is_positive or data.draw(st.integers(0, 2), label="as generated") == 2:
        return
    today = timezone.localdate()
    near = st.integers(-3, 20).map(lambda days: (today + datetime.timedelta(days=days)).isoformat())
    query = case.query if isinstance(case.query, dict) else {}
    body = case.body if isinstance(case.body, dict) else {}
    booking = data.draw(st.sampled_from(world.bookings), label="booking")
    if "services" in query:
        query["services"] = booking["services"][0]
        if "location" in query:
            query["location"] = booking["location"]
    for name in ("start", "from"):
        if name in query:
            query[name] = data.draw(near, label=name)
    if "to" in query and "from" in query:
        query["to"] = (datetime.date.fromisoformat(query["from"]) + datetime.timedelta(days=7)).isoformat()
    if "life_event" in query:
        query["life_event"] = data.draw(st.sampled_from(world.life_events), label="life_event")
    if {"services", "location", "start"} <= set(body):  # a booking
        body.update(booking, email="an.peeters@example.be", phone="")
    elif "start" in body and (case.path_parameters or {}).get("reference") in world.moves:  # a move
        body["start"] = data.draw(st.sampled_from(world.moves[case.path_parameters["reference"]]), label="move")
        body.pop("location", None)
    location = (case.path_parameters or {}).get("slug")
    if "queue" in body and location in world.queues:  # a ticket
        queue, services = data.draw(st.sampled_from(world.queues[location]), label="queue")
        body.update(queue=queue, phone="")
        if services:
            body["service"] = data.draw(st.sampled_from(services), label="service")
        else:
            body.pop("service", None)  # reception: a general question
    if "channel" in body and "outcome" in body:  # a contact
        body["organisation"] = CONTACT_ORGANISATION
        if isinstance(body.get("services"), list):
            body["services"] = data.draw(
                st.lists(st.sampled_from(world.contact_services), max_size=2), label="services"
            )


def _fuzz(
    operation: Any, caller: Caller, mode: GenerationMode, world: World, statuses: Counter[Any]
) -> Callable[[], None]:
    """A Hypothesis test sending ``operation`` generated requests from ``caller``, counted in ``statuses``."""

    @given(case=_strategy(operation, mode, caller, world), data=st.data())
    @settings(
        max_examples=EXAMPLES[caller.name][mode],
        derandomize=True,  # the same requests on every run, in CI too
        database=None,
        deadline=None,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    def fuzz(case: Any, data: st.DataObject) -> None:
        _realistic(case, data, world)
        response = case.call()
        statuses[(operation.label, response.status_code)] += 1
        case.validate_response(response, checks=CHECKS)

    return fuzz


def test_every_operation_answers_generated_requests_as_its_schema_says(app: WSGIHandler, world: World) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 26, "every operation of the API is in its schema"
    statuses: Counter[tuple[str, int]] = Counter()
    failures: list[str] = []
    began = time.monotonic()
    for operation, caller in itertools.product(operations, world.callers):
        for mode in EXAMPLES[caller.name]:
            try:
                _fuzz(operation, caller, mode, world, statuses)()
            except Unsatisfiable:
                pass  # no invalid request exists for this operation (every text is a valid path parameter)
            except (Exception, BaseExceptionGroup) as error:  # one operation's failure must not hide another's
                failures.append(f"{operation.label} ({caller.name}, {mode.value}):\n{error}")
    sent = sum(statuses.values())
    print(f"\n{sent} requests in {time.monotonic() - began:.0f} s:")  # noqa: T201  (shown with -s)
    for (label, status), count in sorted(statuses.items()):
        print(f"  {label}: {status} x{count}")  # noqa: T201
    assert not failures, "\n\n".join(failures)
    assert sent >= MIN_REQUESTS
    assert {label for label, _status in statuses} == {operation.label for operation in operations}


def test_a_flood_of_anonymous_requests_is_answered_with_a_documented_429(
    app: WSGIHandler, monkeypatch: pytest.MonkeyPatch
) -> None:
    # DRF reads its rates once, at import; one request an hour lets the schema itself through.
    monkeypatch.setitem(AnonRateThrottle.THROTTLE_RATES, "anon", "1/hour")
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    statuses: Counter[tuple[str, int]] = Counter()
    for operation in operations:
        _flood(operation, statuses)()
    anonymous_welcome = {
        operation.label
        for operation in operations
        if {} in schema.raw_schema["paths"][operation.path][operation.method.lower()].get("security", [{}])
    }
    assert {label for label, status in statuses if status == 429} == anonymous_welcome
    assert len(anonymous_welcome) >= 16, "the public operations, and those that answer an anonymous caller"


def _flood(operation: Any, statuses: Counter[Any]) -> Callable[[], None]:
    @given(case=operation.as_strategy())
    @settings(max_examples=3, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    def flood(case: Any) -> None:
        response = case.call()
        statuses[(operation.label, response.status_code)] += 1
        case.validate_response(response, checks=CHECKS)

    return flood

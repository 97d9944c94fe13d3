"""The citizen's appointment pages: book, see, move, cancel, add documents, the waiting list.

Checking in at the kiosk gives a queue ticket, so that page lives in ``loket.queueing.views``.

The booking flow is a series of GET steps whose choices ride in the query string (services ->
location -> day -> time -> details), so every step is a plain link that works without JavaScript
and can be bookmarked; HTMX only swaps the step in place. Only the final step POSTs. Cancel and
move happen only on POST after a confirmation page, never on GET: e-mail scanners follow links.

A citizen's own appointment is reached through its reference and manage secret in the path; a
wrong pair is "not found", whatever is wrong. Views stay thin: reads through the selectors, writes
through ``services``; a ``DomainError`` is shown next to its field.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from loket.appointments import booking_selectors as reads
from loket.appointments import messages
from loket.appointments.availability import TIMEZONE, Slot
from loket.appointments.forms import BookingDetailsForm, ContactForm, DocumentsForm
from loket.appointments.models import Appointment, AppointmentStatus, BookingChannel, WaitingStatus
from loket.appointments.selectors import (
    availability_earliest,
    availability_free_slots,
    availability_month,
    service_rules,
)
from loket.appointments.services import (
    SlotTaken,
    appointment_book,
    appointment_cancel,
    appointment_documents_add,
    appointment_reschedule,
    resolve_services,
    waiting_list_accept,
    waiting_list_join,
    waiting_list_leave,
)
from loket.catalog.models import Service
from loket.citizens.selectors import prefill_for
from loket.citizens.session import citizen_from_session
from loket.core.challenge import PAYLOAD_FIELD, STAMP_FIELD, challenge_check, challenge_new
from loket.core.errors import DomainError, NotFound
from loket.core.i18n import current_language, translated
from loket.notifications.ics import AppointmentEvent, appointment_ics
from loket.organisations.models import Location

MAX_SERVICES = 4


# --- The booking flow's state ------------------------------------------------------------------


@dataclass
class Choice:
    """What the citizen chose so far, read from the query string (or the final form)."""

    services: list[Service]
    offered: list[str]
    suggested: bool
    location: Location | None
    day: datetime.date | None
    month: datetime.date | None
    start: datetime.datetime | None

    def query(self, **changes: Any) -> str:
        """The query string of this choice with ``changes`` (``None`` drops a key)."""
        values: dict[str, Any] = {
            "services": ",".join(service.slug for service in self.services),
            "offered": ",".join(self.offered),
            "suggested": "1" if self.suggested else None,
            "location": self.location.slug if self.location else None,
            "date": self.day.isoformat() if self.day else None,
            "start": self.start.isoformat() if self.start else None,
        }
        values.update(changes)
        return "?" + urlencode({key: value for key, value in values.items() if value})


def _slugs(value: str) -> list[str]:
    return [slug for slug in (part.strip() for part in value.split(",")) if slug][: MAX_SERVICES + 8]


def _read_choice(data: QueryDict) -> Choice:
    """The choice in ``data``; anything unknown or malformed is dropped (the step is asked again)."""
    try:
        slugs = _slugs(data.get("services", "")) + [slug for slug in data.getlist("add") if slug][:MAX_SERVICES]
        services = resolve_services(list(dict.fromkeys(slugs)))
    except DomainError:
        services = []
    services = [service for service in services if reads.is_bookable(service=service)][:MAX_SERVICES]
    location = None
    if services and data.get("location"):
        location = next(
            (loc for loc in reads.bookable_locations(services=services) if loc.slug == data["location"]), None
        )
    try:
        day = parse_date(str(data.get("date", "") or "")) if location else None
    except ValueError:
        day = None
    month = None
    month_text = str(data.get("month", "") or "")
    if len(month_text) == 7:
        try:
            month = parse_date(f"{month_text}-01")
        except ValueError:
            month = None
    start = None
    start_text = str(data.get("start", "") or "")
    if day and start_text:
        try:
            start = parse_datetime(start_text)
        except ValueError:
            start = None
        if start is not None and (timezone.is_naive(start) or start.astimezone(TIMEZONE).date() != day):
            start = None
    return Choice(
        services=services,
        offered=_slugs(data.get("offered", "")),
        suggested=data.get("suggested") == "1",
        location=location,
        day=day,
        month=month,
        start=start,
    )


@dataclass(frozen=True)
class LocationOption:
    location: Location
    name: Any
    first_free: datetime.datetime | None
    query: str


def _horizon_days(services: Sequence[Service]) -> int:
    """How far ahead the visit can be booked: the shortest horizon of its services (as the engine)."""
    return min(rule.horizon_days for rule in service_rules(services=services))


def _month_bounds(choice: Choice, first_free: datetime.datetime | None) -> datetime.date:
    today = timezone.localdate()
    if choice.month:
        month = choice.month
    elif choice.day:
        month = choice.day.replace(day=1)
    elif first_free:
        month = first_free.astimezone(TIMEZONE).date().replace(day=1)
    else:
        month = today.replace(day=1)
    earliest = today.replace(day=1)
    latest = today + datetime.timedelta(days=_horizon_days(choice.services))
    return min(max(month, earliest), latest.replace(day=1))


def _times_of_day(choice: Choice, slots: Sequence[Slot]) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = {"morning": [], "afternoon": [], "evening": []}
    seen = set()
    for slot in slots:
        local = slot.start.astimezone(TIMEZONE)
        if local in seen:
            continue
        seen.add(local)
        group = "morning" if local.hour < 12 else "afternoon" if local.hour < 17 else "evening"
        groups[group].append({"time": local, "query": choice.query(start=slot.start.isoformat())})
    return {name: times for name, times in groups.items() if times}


def _steps(current: str) -> list[dict[str, Any]]:
    names = [
        ("services", pgettext("booking step", "What")),
        ("location", pgettext("booking step", "Where")),
        ("day", pgettext("booking step", "Day and time")),
        ("details", pgettext("booking step", "Your details")),
    ]
    index = [key for key, _label in names].index(current)
    return [
        {"key": key, "label": label, "current": key == current, "done": position < index}
        for position, (key, label) in enumerate(names)
    ]


def _visit_summary(choice: Choice, lang: str) -> dict[str, Any]:
    duration = sum(service.duration_minutes for service in choice.services)
    bring: list[str] = []
    for service in choice.services:
        for line in translated(service, "documents", lang).text.splitlines():
            if line.strip() and line.strip() not in bring:
                bring.append(line.strip())
    return {
        "services": [translated(service, "title", lang) for service in choice.services],
        "duration": duration,
        "location_name": translated(choice.location, "name", lang) if choice.location else None,
        "start": choice.start.astimezone(TIMEZONE) if choice.start else None,
        "what_to_bring": bring,
        "costs": [
            (translated(service, "title", lang), service.cost_amount, translated(service, "cost", lang))
            for service in choice.services
            if service.cost_amount or translated(service, "cost", lang).text
        ],
    }


@never_cache  # personal data or a secret link: no shared or browser cache keeps it
@require_http_methods(["GET", "POST"])
def book(request: HttpRequest) -> HttpResponse:
    """Every step of booking, chosen by what the query string (or the posted form) already holds."""
    lang = current_language()
    data = request.POST if request.method == "POST" else request.GET
    choice = _read_choice(data)
    context: dict[str, Any] = {
        "choice": choice,
        "summary": _visit_summary(choice, lang),
        "day_query": choice.query(start=None),
    }

    if not choice.services:
        context.update(steps=_steps("services"), step="pick", bookable=_bookable_cards(lang))
        return render(request, "appointments/book.html", context)

    suggestions = reads.suggestions_for(services=choice.services)
    if suggestions and not choice.suggested and len(choice.services) < MAX_SERVICES:
        context.update(
            steps=_steps("services"),
            step="services",
            suggestions=[(service, translated(service, "title", lang)) for service in suggestions],
            offered_query=",".join(service.slug for service in suggestions),
        )
        return render(request, "appointments/book.html", context)

    if choice.location is None:
        locations = reads.bookable_locations(services=choice.services)
        if len(locations) == 1:
            return HttpResponseRedirect(reverse("appointment-book") + choice.query(location=locations[0].slug))
        options = [
            LocationOption(
                location=location,
                name=translated(location, "name", lang),
                first_free=_first_free(choice.services, location),
                query=choice.query(location=location.slug),
            )
            for location in locations
        ]
        context.update(steps=_steps("location"), step="location", options=options)
        return render(request, "appointments/book.html", context)

    if choice.start is None:
        context.update(steps=_steps("day"), step="day", **_day_step(choice, lang, request))
        return render(request, "appointments/book.html", context)

    return _details_step(request, choice, context, lang)


def _bookable_cards(lang: str) -> list[tuple[Service, Any]]:
    services = sorted(reads.bookable_services(), key=lambda service: translated(service, "title", lang).text.casefold())
    return [(service, translated(service, "title", lang)) for service in services]


def _first_free(services: Sequence[Service], location: Location) -> datetime.datetime | None:
    slot = availability_earliest(services=services, locations=[location])
    return slot.start.astimezone(TIMEZONE) if slot else None


def _day_step(
    choice: Choice, lang: str, request: HttpRequest, *, exclude_appointment: int | None = None
) -> dict[str, Any]:
    """The month calendar (a table) and, once a day is chosen, its free times."""
    assert choice.location is not None
    first_free = None if (choice.month or choice.day) else _first_free(choice.services, choice.location)
    month = _month_bounds(choice, first_free)
    days = availability_month(
        services=choice.services,
        location=choice.location,
        year=month.year,
        month=month.month,
        exclude_appointment=exclude_appointment,
    )
    weeks: list[list[Any]] = []
    week: list[Any] = [None] * month.weekday()
    for day in days:
        week.append(
            {"day": day.day, "free": day.free_starts, "query": choice.query(date=day.day.isoformat(), start=None)}
        )
        if len(week) == 7:
            weeks.append(week)
            week = []
    if week:
        weeks.append(week + [None] * (7 - len(week)))
    previous = (month - datetime.timedelta(days=1)).replace(day=1)
    following = (month + datetime.timedelta(days=32)).replace(day=1)
    today = timezone.localdate()
    any_free = any(day.free_starts for day in days)
    times = {}
    if choice.day:
        slots = availability_free_slots(
            services=choice.services,
            locations=[choice.location],
            start=choice.day,
            end=choice.day + datetime.timedelta(days=1),
            exclude_appointment=exclude_appointment,
        )
        times = _times_of_day(choice, slots)
    horizon_end = today + datetime.timedelta(days=_horizon_days(choice.services))
    nothing_at_all = (
        not any_free
        and first_free is None
        and not choice.month
        and _first_free(choice.services, choice.location) is None
    )
    return {
        "month": month,
        "weeks": weeks,
        "weekdays": [datetime.date(2024, 1, 1) + datetime.timedelta(days=offset) for offset in range(7)],
        "previous_query": choice.query(month=previous.strftime("%Y-%m"), date=None, start=None)
        if previous >= today.replace(day=1)
        else None,
        "next_query": choice.query(month=following.strftime("%Y-%m"), date=None, start=None)
        if following <= horizon_end
        else None,
        "any_free": any_free,
        "times": times,
        "nothing_free": nothing_at_all,
        "waiting_form": ContactForm(initial={"language": lang})
        if nothing_at_all and len(choice.services) == 1
        else None,
    }


def _prefill(request: HttpRequest) -> dict[str, str]:
    """Only-once: a citizen signed in to Mijn loket who agreed to reuse their details is not asked again.

    The e-mail is the one they proved by signing in (so the appointment shows in Mijn loket);
    without the prefill consent in force, nothing is filled in.
    """
    citizen = citizen_from_session(request)
    if citizen is None:
        return {}
    known = prefill_for(person=citizen.person)
    if not known:
        return {}
    values = {"name": known.get("name", ""), "email": citizen.email, "phone": known.get("phone", "")}
    return {key: value for key, value in values.items() if value}


def _details_step(request: HttpRequest, choice: Choice, context: dict[str, Any], lang: str) -> HttpResponse:
    assert choice.location is not None and choice.start is not None
    context.update(steps=_steps("details"), step="details", challenge=challenge_new())
    if request.method == "GET":
        context["form"] = BookingDetailsForm(initial={"language": lang, **_prefill(request)})
        return render(request, "appointments/book.html", context)

    form = BookingDetailsForm(request.POST, request.FILES)
    context["form"] = form
    if not form.is_valid():
        return render(request, "appointments/book.html", context, status=400)
    try:
        path = challenge_check(payload=request.POST.get(PAYLOAD_FIELD, ""), stamp=request.POST.get(STAMP_FIELD, ""))
        rate = settings.LOKET_BOOKING_RATE if path == "proof_of_work" else settings.LOKET_BOOKING_RATE_NO_SCRIPT
        if is_ratelimited(request, group="appointments.book", key="ip", rate=rate, increment=True):
            raise DomainError(
                _("Too many bookings from this connection. Please try again later, or call us."), code="rate_limited"
            )
        booked = appointment_book(
            actor="citizen",
            channel=BookingChannel.ONLINE,
            services=choice.services,
            location=choice.location,
            start=choice.start,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            phone=form.cleaned_data["phone"],
            language=form.cleaned_data["language"],
            remark=form.cleaned_data["remark"],
            offered=[slug for slug in choice.offered],
            documents=form.cleaned_data["documents"],
        )
    except SlotTaken as taken:
        context["alternatives"] = [
            {
                "time": slot.start.astimezone(TIMEZONE),
                "query": choice.query(
                    date=slot.start.astimezone(TIMEZONE).date().isoformat(), start=slot.start.isoformat()
                ),
            }
            for slot in taken.alternatives
        ]
        context["taken"] = True
        context["challenge"] = challenge_new()
        return render(request, "appointments/book.html", context, status=409)
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, str(error.message))
        context["challenge"] = challenge_new()
        return render(request, "appointments/book.html", context, status=400)
    appointment = booked.appointment
    url = _manage_path(appointment, booked.manage_secret, language=lang)
    return HttpResponseRedirect(url + "?booked=1")


def _manage_path(
    appointment: Appointment, secret: str, *, language: str | None = None, name: str = "appointment-manage"
) -> str:
    with translation.override(language or current_language()):
        return reverse(name, kwargs={"reference": appointment.reference, "secret": secret})


# --- The citizen's own appointment -------------------------------------------------------------


def _own(reference: str, secret: str) -> Appointment:
    try:
        return reads.appointment_for_citizen(reference=reference, secret=secret)
    except NotFound as error:
        raise Http404(str(error)) from error


def _qr_svg(reference: str) -> str:
    return segno.make(reference, error="m").svg_inline(border=2, omitsize=True)


@never_cache  # personal data or a secret link: no shared or browser cache keeps it
@require_GET
def manage(request: HttpRequest, reference: str, secret: str) -> HttpResponse:
    appointment = _own(reference, secret)
    view = reads.appointment_view(appointment=appointment, lang=current_language())
    return render(
        request,
        "appointments/manage.html",
        {
            "view": view,
            "secret": secret,
            "booked": request.GET.get("booked") == "1",
            "moved": request.GET.get("moved") == "1",
            "documents_form": DocumentsForm(),
            "qr": _qr_svg(appointment.reference) if view.can_change else "",
            "sent_to": appointment.email or appointment.phone,
        },
    )


@never_cache  # personal data or a secret link: no shared or browser cache keeps it
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, reference: str, secret: str) -> HttpResponse:
    """GET asks "are you sure?"; only the POST of that page cancels."""
    appointment = _own(reference, secret)
    view = reads.appointment_view(appointment=appointment, lang=current_language())
    error = None
    if request.method == "POST":
        try:
            appointment_cancel(actor="citizen", appointment=appointment)
        except DomainError as exc:
            error = str(exc.message)
        else:
            rebook = ",".join(service.slug for service in reads.appointment_services(appointment))
            return render(request, "appointments/cancelled.html", {"view": view, "rebook": rebook})
    return render(
        request,
        "appointments/cancel.html",
        {"view": view, "secret": secret, "error": error},
        status=400 if error else 200,
    )


@never_cache  # personal data or a secret link: no shared or browser cache keeps it
@require_http_methods(["GET", "POST"])
def move(request: HttpRequest, reference: str, secret: str) -> HttpResponse:
    """Choose a new day and time (GET steps), then confirm (POST): the old time is kept until then."""
    lang = current_language()
    appointment = _own(reference, secret)
    view = reads.appointment_view(appointment=appointment, lang=lang)
    if not view.can_change:
        return render(request, "appointments/cancel.html", {"view": view, "secret": secret, "closed": True}, status=400)
    data = request.POST if request.method == "POST" else request.GET
    services = reads.appointment_services(appointment)
    query = data.copy()
    query["services"] = ",".join(service.slug for service in services)
    query["location"] = appointment.location.slug
    query["suggested"] = "1"
    choice = _read_choice(query)
    choice.location = appointment.location
    context: dict[str, Any] = {
        "view": view,
        "secret": secret,
        "choice": choice,
        "summary": _visit_summary(choice, lang),
        "mode": "move",
    }
    if choice.start is None:
        context.update(**_day_step(choice, lang, request, exclude_appointment=appointment.pk))
        context["waiting_form"] = None
        return render(request, "appointments/move.html", context)
    if request.method == "POST":
        try:
            appointment_reschedule(actor="citizen", appointment=appointment, start=choice.start)
        except SlotTaken as taken:
            context["taken"] = True
            context["alternatives"] = [
                {
                    "time": slot.start.astimezone(TIMEZONE),
                    "query": choice.query(
                        date=slot.start.astimezone(TIMEZONE).date().isoformat(), start=slot.start.isoformat()
                    ),
                }
                for slot in taken.alternatives
            ]
            return render(request, "appointments/move.html", context, status=409)
        except DomainError as exc:
            context["error"] = str(exc.message)
            return render(request, "appointments/move.html", context, status=400)
        return HttpResponseRedirect(_manage_path(appointment, secret) + "?moved=1")
    context["confirm"] = True
    return render(request, "appointments/move.html", context)


@never_cache  # personal data or a secret link: no shared or browser cache keeps it
@require_POST
def add_documents(request: HttpRequest, reference: str, secret: str) -> HttpResponse:
    appointment = _own(reference, secret)
    form = DocumentsForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            appointment_documents_add(actor="citizen", appointment=appointment, files=form.cleaned_data["documents"])
        except DomainError as exc:
            form.add_error("documents", str(exc.message))
        else:
            return HttpResponseRedirect(_manage_path(appointment, secret) + "#documents")
    view = reads.appointment_view(
        appointment=reads.appointment_for_citizen(reference=reference, secret=secret), lang=current_language()
    )
    return render(
        request,
        "appointments/manage.html",
        {"view": view, "secret": secret, "documents_form": form, "qr": "", "sent_to": ""},
        status=400,
    )


@never_cache  # personal data or a secret link: no shared or browser cache keeps it
@require_GET
def calendar_file(request: HttpRequest, reference: str, secret: str) -> HttpResponse:
    """The appointment as an .ics file, for "Add to my calendar"."""
    appointment = _own(reference, secret)
    lang = current_language()
    view = reads.appointment_view(appointment=appointment, lang=lang)
    what = ", ".join(title.text for title in view.services)
    event = AppointmentEvent(
        reference=appointment.reference,
        start=appointment.start,
        end=appointment.end,
        summary=f"{what} - {view.location_name.text}",
        location_name=view.location_name.text,
        address=appointment.location.address,
        language=lang,
        what_to_bring=view.what_to_bring,
        manage_url=messages.public_url(_manage_path(appointment, secret)),
        sequence=appointment.sequence,
        cancelled=appointment.status == AppointmentStatus.CANCELLED,
    )
    response = HttpResponse(appointment_ics(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{appointment.reference}.ics"'
    return response


# --- Waiting list ------------------------------------------------------------------------------


@require_POST
def waiting_list_join_view(request: HttpRequest) -> HttpResponse:
    lang = current_language()
    choice = _read_choice(request.POST)
    if len(choice.services) != 1 or choice.location is None:
        raise Http404(_("This service cannot be booked here."))
    form = ContactForm(request.POST)
    context: dict[str, Any] = {"choice": choice, "summary": _visit_summary(choice, lang), "form": form}
    if form.is_valid():
        if is_ratelimited(
            request, group="appointments.waiting", key="ip", rate=settings.LOKET_BOOKING_RATE, increment=True
        ):
            form.add_error(None, _("Too many requests from this connection. Please try again later, or call us."))
        else:
            try:
                entry = waiting_list_join(
                    service=choice.services[0],
                    location=choice.location,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    phone=form.cleaned_data["phone"],
                    language=form.cleaned_data["language"],
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                with translation.override(lang):
                    path = reverse("waiting-list-entry", kwargs={"entry_id": entry.pk, "secret": entry.manage_secret})
                return HttpResponseRedirect(path + "?joined=1")
    return render(request, "appointments/waiting_join.html", context, status=400)


@never_cache  # personal data or a secret link: no shared or browser cache keeps it
@require_http_methods(["GET", "POST"])
def waiting_list_entry(request: HttpRequest, entry_id: int, secret: str) -> HttpResponse:
    """The citizen's waiting-list page: where they stand, the place offered (take it or leave it)."""
    try:
        entry = reads.waiting_entry_for_citizen(entry_id=entry_id, secret=secret)
    except NotFound as error:
        raise Http404(str(error)) from error
    lang = current_language()
    error_text = None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "accept":
                booked = waiting_list_accept(entry=entry)
                return HttpResponseRedirect(_manage_path(booked.appointment, booked.manage_secret) + "?booked=1")
            if request.POST.get("action") == "leave":
                waiting_list_leave(entry=entry)
                return HttpResponseRedirect(request.path + "?left=1")
            raise Http404
        except DomainError as exc:
            error_text = str(exc.message)
        entry = reads.waiting_entry_for_citizen(entry_id=entry_id, secret=secret)
    held = entry.offered if entry.status == WaitingStatus.OFFERED else None
    return render(
        request,
        "appointments/waiting_entry.html",
        {
            "entry": entry,
            "service_title": translated(entry.service, "title", lang),
            "location_name": translated(entry.location, "name", lang),
            "held": held,
            "held_start": held.start.astimezone(TIMEZONE) if held else None,
            "held_until": held.hold_expires_at.astimezone(TIMEZONE) if held and held.hold_expires_at else None,
            "joined": request.GET.get("joined") == "1",
            "left": request.GET.get("left") == "1",
            "error": error_text,
        },
        status=400 if error_text else 200,
    )

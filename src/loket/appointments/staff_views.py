"""Staff pages of appointments: the day at a location, booking for someone, one appointment.

For reception ("onthaal"), counter clerks, contact-centre agents, managers and administrators
(``staff_selectors.APPOINTMENT_ROLES``; anyone else gets 403). Views stay thin: reads through
``staff_selectors`` / ``booking_selectors`` (scoped to the staff member's organisations, so
another organisation's appointment, location or document is a 404), writes through ``services``
(which check the organisation again and audit). Every change is a POST that redirects; cancelling
asks for confirmation first. Booking on behalf is a few GET steps whose choices ride in the query
string (services and location -> free times -> details), and one POST. On the details step the
agent can find the person in the organisation's earlier appointments (a POST, audited by
``staff_services.person_search_log``); choosing one is a POST of the reference of the appointment
the details came from, read again on the server to fill in the form. Neither puts what was typed
or found in a URL (``_details_step``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages as flash
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from loket.appointments import booking_selectors, messages, staff_selectors
from loket.appointments.availability import TIMEZONE
from loket.appointments.models import Appointment, AppointmentStatus, BookingChannel
from loket.appointments.services import (
    SlotTaken,
    appointment_book,
    appointment_cancel,
    appointment_reschedule,
)
from loket.appointments.staff_forms import StaffBookingForm
from loket.appointments.staff_services import person_search_log
from loket.catalog.models import Service
from loket.core.errors import DomainError, NotFound, PermissionDenied
from loket.core.i18n import LANGUAGE_CODES, current_language, translated
from loket.organisations.models import Location, Role
from loket.organisations.selectors import user_roles

# One visit combines at most this many services (as on the citizen's pages).
MAX_SERVICES = 3


View = Callable[..., HttpResponseBase]


def appointment_staff_required(view: View) -> View:
    """Logged in (else to the login page) and working with appointments in an organisation (else 403);
    the answer is never cached."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not staff_selectors.appointment_organisation_ids(user=request.user):
            raise DjangoPermissionDenied
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)  # personal data: no shared or browser cache keeps these pages
        return response

    return wrapper


def _today() -> datetime.date:
    return timezone.now().astimezone(TIMEZONE).date()


def _appointment_or_404(request: HttpRequest, reference: str) -> Appointment:
    try:
        appointment = booking_selectors.appointment_for_staff(user=request.user, reference=reference)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    # A member of the organisation without an appointment role sees no appointment either.
    if appointment.location.organisation_id not in staff_selectors.appointment_organisation_ids(user=request.user):
        raise Http404(_("There is no appointment with this reference in your organisation."))
    return appointment


def _back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(default)


def _detail_url(appointment: Appointment) -> str:
    return reverse("appointments-staff-detail", kwargs={"reference": appointment.reference})


def _titles(services: list[Service], lang: str) -> list[Any]:
    return [translated(service, "title", lang) for service in services]


# --- The day view ------------------------------------------------------------------------------


@require_GET
@appointment_staff_required
def day(request: HttpRequest) -> HttpResponse:
    """Who comes when at one location on one day; by desk, with the check-in button (posted to the queue)."""
    lang = current_language()
    locations = staff_selectors.staff_locations(user=request.user)
    if not locations:
        return render(request, "appointments/staff/day.html", {"locations": [], "rows": []})
    slug = request.GET.get("location", "")
    location = next((loc for loc in locations if loc.slug == slug), None)
    if slug and location is None:
        raise Http404(_("This location is not one of your organisation's."))
    location = location or locations[0]
    the_day = parse_date(request.GET.get("date", "") or "") if request.GET.get("date") else None
    date_error = bool(request.GET.get("date")) and the_day is None
    the_day = the_day or _today()
    desks = staff_selectors.location_desks(location=location)
    desk_id = next((desk.pk for desk in desks if str(desk.pk) == request.GET.get("desk", "")), None)
    the_list = staff_selectors.day_rows(user=request.user, location=location, day=the_day, desk=desk_id)

    def link(to: datetime.date) -> str:
        query = {"location": location.slug, "date": to.isoformat()}
        if desk_id:
            query["desk"] = str(desk_id)
        return "?" + urlencode(query)

    return render(
        request,
        "appointments/staff/day.html",
        {
            "locations": [(loc, translated(loc, "name", lang)) for loc in locations],
            "location": location,
            "location_name": translated(location, "name", lang),
            "day": the_day,
            "is_today": the_day == _today(),
            "date_error": date_error,
            "desks": desks,
            "desk_id": desk_id,
            "rows": [(row, _titles(row.services, lang)) for row in the_list.rows],
            "counts": the_list.counts,
            "previous_query": link(the_day - datetime.timedelta(days=1)),
            "next_query": link(the_day + datetime.timedelta(days=1)),
            "today_query": link(_today()),
            "here": request.get_full_path(),
        },
    )


# --- One appointment: cancel, move ------------------------------------------------------------
# Checking in gives a queue ticket, so that POST lives in ``loket.queueing.staff_views.check_in``
# (same URL name, ``appointments-staff-check-in``): this app must not import the queue.


@require_GET
@appointment_staff_required
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    appointment = _appointment_or_404(request, reference)
    return render(request, "appointments/staff/detail.html", _detail_context(request, appointment))


def _detail_context(request: HttpRequest, appointment: Appointment) -> dict[str, Any]:
    lang = current_language()
    services = booking_selectors.appointment_services(appointment)
    flags = booking_selectors.repeated_no_shows(appointments=[appointment])
    now = timezone.now()
    return {
        "appointment": appointment,
        "services": _titles(services, lang),
        "location_name": translated(appointment.location, "name", lang),
        "start": timezone.localtime(appointment.start, TIMEZONE),
        "end": timezone.localtime(appointment.end, TIMEZONE),
        "parts": [
            (part, timezone.localtime(part.start, TIMEZONE), _titles(list(part.services.all()), lang))
            for part in appointment.parts.all()
        ],
        "documents": list(appointment.documents.all()),
        "state_label": staff_selectors.state_label(appointment),
        "missed_before": flags.get(appointment.pk, 0),
        "can_check_in": staff_selectors.can_check_in(appointment, now),
        "can_change": appointment.status == AppointmentStatus.BOOKED and appointment.start > now,
        "can_cancel": appointment.status == AppointmentStatus.BOOKED and appointment.end > now,
        "day_query": "?"
        + urlencode(
            {"location": appointment.location.slug, "date": timezone.localtime(appointment.start, TIMEZONE).date()}
        ),
    }


@require_http_methods(["GET", "POST"])
@appointment_staff_required
def cancel(request: HttpRequest, reference: str) -> HttpResponse:
    """GET asks for confirmation; only the POST cancels (a link, a prefetch or a crawler never does)."""
    appointment = _appointment_or_404(request, reference)
    if request.method == "POST":
        try:
            appointment_cancel(actor=request.user, appointment=appointment)
        except PermissionDenied as exc:
            raise DjangoPermissionDenied(str(exc)) from exc
        except DomainError as exc:
            flash.error(request, str(exc.message))
        else:
            flash.success(request, _("The appointment is cancelled. The person gets a message."))
        return HttpResponseRedirect(_detail_url(appointment))
    return render(request, "appointments/staff/cancel.html", _detail_context(request, appointment))


@require_http_methods(["GET", "POST"])
@appointment_staff_required
def move(request: HttpRequest, reference: str) -> HttpResponse:
    """The next free times on the staff channel (or those of a chosen day); POST moves to one."""
    appointment = _appointment_or_404(request, reference)
    context = _detail_context(request, appointment)
    services = booking_selectors.appointment_services(appointment)
    data = request.POST if request.method == "POST" else request.GET
    the_day, date_error = _read_day(data)
    status = 200
    if request.method == "POST":
        start = _read_start(request.POST.get("start", ""))
        if start is None:
            context["start_error"] = _("Choose one of the free times.")
            status = 400
        else:
            try:
                appointment_reschedule(actor=request.user, appointment=appointment, start=start)
            except SlotTaken as taken:
                context["alternatives"] = [slot.start.astimezone(TIMEZONE) for slot in taken.alternatives]
                context["start_error"] = str(taken.message)
                status = 409
            except PermissionDenied as exc:
                raise DjangoPermissionDenied(str(exc)) from exc
            except DomainError as exc:
                context["start_error"] = str(exc.message)
                status = 400
            else:
                flash.success(request, _("The appointment is moved. The person gets the new time."))
                return HttpResponseRedirect(_detail_url(appointment))
    slots = []
    if context["can_change"] and not date_error:
        slots = staff_selectors.next_free_slots(
            services=services,
            location=appointment.location,
            channel=BookingChannel.RECEPTION,
            day=the_day,
            exclude_appointment=appointment.pk,
        )
    context.update(
        slots=[slot.start.astimezone(TIMEZONE) for slot in slots], day=the_day, date_error=date_error, today=_today()
    )
    return render(request, "appointments/staff/move.html", context, status=status)


def _read_day(data: QueryDict) -> tuple[datetime.date | None, str]:
    raw = (data.get("date") or "").strip()
    if not raw:
        return None, ""
    try:
        value = parse_date(raw)
    except ValueError:
        value = None
    if value is None:
        return None, _("Write the date as day/month/year, e.g. 15/12/2026.")
    if value < _today():
        return None, _("This date has passed. Choose today or a later day.")
    return value, ""


def _read_start(raw: str) -> datetime.datetime | None:
    try:
        start = parse_datetime(raw)
    except ValueError:
        return None
    if start is None or timezone.is_naive(start):
        return None
    return start


# --- Documents ---------------------------------------------------------------------------------


@require_GET
@appointment_staff_required
def document(request: HttpRequest, reference: str, document_id: int) -> FileResponse:
    """A document the citizen uploaded, as a download; only for staff of the appointment's organisation."""
    try:
        found = staff_selectors.document_for_staff(user=request.user, reference=reference, document_id=document_id)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    try:
        handle = found.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("This file is no longer there.")) from exc
    response = FileResponse(handle, as_attachment=True, filename=found.original_name, content_type=found.content_type)
    response["Cache-Control"] = "private, no-store"
    return response


# --- Book for someone --------------------------------------------------------------------------


def _default_channel(request: HttpRequest, location: Location | None) -> str:
    """Contact-centre agents book on the phone; everyone else at the desk."""
    if location is None:
        return BookingChannel.RECEPTION
    roles = user_roles(user=request.user, organisation=location.organisation_id)
    if Role.CONTACT_CENTRE in roles and Role.RECEPTION not in roles and not request.user.is_superuser:
        return BookingChannel.PHONE
    return BookingChannel.RECEPTION


@require_http_methods(["GET", "POST"])
@appointment_staff_required
def book(request: HttpRequest) -> HttpResponse:
    """Choose services and location, then one of the next free times, then who comes; book on a staff channel."""
    lang = current_language()
    data = request.POST if request.method == "POST" else request.GET
    bookable = sorted(
        staff_selectors.staff_bookable_services(user=request.user),
        key=lambda service: translated(service, "title", lang).text.casefold(),
    )
    locations = staff_selectors.staff_locations(user=request.user)
    errors: dict[str, str] = {}

    by_slug = {service.slug: service for service in bookable}
    slugs = [slug for slug in data.getlist("services") if slug][:MAX_SERVICES]
    services: list[Service] = []
    for slug in slugs:
        if slug not in by_slug:
            errors["services"] = _("Choose a service from the list.")
        elif by_slug[slug] in services:
            errors["services"] = _("Each service can be chosen only once.")
        else:
            services.append(by_slug[slug])
    asked = "services" in data or "location" in data
    if asked and not slugs:
        errors["services"] = _("Choose at least one service.")

    location_slug = data.get("location", "")
    if not location_slug and services:
        # Services chosen elsewhere (the agent's screen): start at the first place that offers them all.
        possible = staff_selectors.staff_bookable_locations(user=request.user, services=services)
        location_slug = possible[0].slug if possible else ""
    location = next((loc for loc in locations if loc.slug == location_slug), None)
    if location_slug and location is None:
        errors["location"] = _("Choose a location from the list.")
    if services and location is not None and "services" not in errors:
        possible = staff_selectors.staff_bookable_locations(user=request.user, services=services)
        if location not in possible:
            if possible:
                errors["location"] = _("This cannot be booked here. It can at: %(places)s.") % {
                    "places": ", ".join(translated(loc, "name", lang).text for loc in possible)
                }
            else:
                errors["location"] = _("These services cannot be booked together at one location.")
    the_day, date_error = _read_day(data)
    if date_error:
        errors["date"] = date_error
    start = _read_start(data.get("start", "")) if data.get("start") else None
    if data.get("start") and start is None:
        errors["start"] = _("Choose one of the free times.")

    choice_ready = bool(services) and location is not None and not errors
    context: dict[str, Any] = {
        "bookable": [(service, translated(service, "title", lang)) for service in bookable],
        "locations": [(loc, translated(loc, "name", lang)) for loc in locations],
        "chosen_slugs": [service.slug for service in services] or slugs,
        "service_selects": range(MAX_SERVICES),
        "location": location,
        "location_slug": location.slug if location else (locations[0].slug if locations else ""),
        "day": the_day,
        "today": _today(),
        "errors": errors,
        "services": services,
        "titles": _titles(services, lang),
        "location_name": translated(location, "name", lang) if location else None,
        "duration": sum(service.duration_minutes for service in services),
        "return_to": _return_to(request, data),
    }
    status = 400 if errors else 200
    if not choice_ready or start is None:
        if choice_ready and location is not None:
            slots = staff_selectors.next_free_slots(
                services=services, location=location, channel=BookingChannel.RECEPTION, day=the_day
            )
            context["slots"] = [slot.start.astimezone(TIMEZONE) for slot in slots]
            context["show_slots"] = True
        return render(request, "appointments/staff/book.html", context, status=status)

    assert location is not None and start is not None
    change_query = _choice_query(services, location, the_day)
    context.update(
        step="details",
        start=start.astimezone(TIMEZONE),
        change_query=change_query,
        details_query=change_query + "&" + urlencode({"start": start.isoformat()}),
    )
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if request.method == "GET" or step in (STEP_FIND, STEP_PERSON):
        return _details_step(request, context, location, step)

    form = StaffBookingForm(request.POST)
    context["form"] = form
    if not form.is_valid():
        return render(request, "appointments/staff/book.html", context, status=400)
    try:
        booked = appointment_book(
            actor=request.user,
            channel=form.cleaned_data["channel"],
            services=services,
            location=location,
            start=start,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            phone=form.cleaned_data["phone"],
            language=form.cleaned_data["language"],
            remark=form.cleaned_data["remark"],
            message_channel=form.cleaned_data["message_channel"],
        )
    except SlotTaken as taken:
        context["taken"] = str(taken.message)
        context["alternatives"] = [slot.start.astimezone(TIMEZONE) for slot in taken.alternatives]
        return render(request, "appointments/staff/book.html", context, status=409)
    except PermissionDenied as exc:
        raise DjangoPermissionDenied(str(exc)) from exc
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        return render(request, "appointments/staff/book.html", context, status=400)
    booked_url = reverse("appointments-staff-booked", kwargs={"reference": booked.appointment.reference})
    if context.get("return_to"):
        booked_url += "?" + urlencode({"return_to": context["return_to"]})
    return HttpResponseRedirect(booked_url)


# The POSTs of the details step besides booking, told apart by the value of ``step``: a search
# (``find``) and choosing a person from the results (``person``, with only the reference of the
# appointment their details came from). Anything else is the booking itself.
STEP_FIND = "find"
STEP_PERSON = "person"


def _details_step(request: HttpRequest, context: dict[str, Any], location: Location, step: str) -> HttpResponse:
    """The details form, empty or filled from a chosen person, with the search box and its results.

    A GET never searches and never fills in anything from the query string: what the agent typed
    and the person's details travel only in POST bodies, never in a URL (access logs, browser
    history, the Referer header), and only a POST writes the search's audit entry.
    """
    chosen: dict[str, str] = {}
    status = 200
    context.update(find="", searched=False)
    if step == STEP_FIND:
        context.update(_find_person(request, location))
    elif step == STEP_PERSON:
        try:
            chosen = _chosen_person(request, location)
        except NotFound as exc:
            context["person_error"] = str(exc)
            status = 400
    form = StaffBookingForm(
        initial={"language": current_language(), "channel": _default_channel(request, location), **chosen}
    )
    if not chosen:
        # The cursor starts in the search box; once a person is chosen, in their filled-in details.
        form.fields["name"].widget.attrs.pop("autofocus", None)
    context.update(form=form, person_chosen=bool(chosen))
    return render(request, "appointments/staff/book.html", context, status=status)


def _chosen_person(request: HttpRequest, location: Location) -> dict[str, str]:
    """The form's initial values from the appointment ``person`` names, read again at the organisation
    booked for (``NotFound`` for an unknown reference or another organisation's)."""
    person = staff_selectors.person_by_reference(
        user=request.user, organisation_id=location.organisation_id, reference=request.POST.get("person", "")
    )
    values = {
        "name": person.name,
        "email": person.email,
        # The number as it is read out, so the agent can check it with the person; the service reads it back.
        "phone": format_phone(person.phone),
        "language": person.language if person.language in LANGUAGE_CODES else "",
        # As the booking service would choose: by e-mail when there is an address.
        "message_channel": "email" if person.email else "sms",
    }
    return {key: value for key, value in values.items() if value}


def _find_person(request: HttpRequest, location: Location) -> dict[str, Any]:
    """The search of the details step (a POST): look the person up and audit the search.

    Always 200, also for a search the selector cannot read: HTMX swaps only successful answers,
    and the message belongs next to the box.
    """
    raw = request.POST.get("find", "").strip()
    context: dict[str, Any] = {"find": raw, "searched": False}
    try:
        query = staff_selectors.person_query(raw)
    except DomainError as exc:
        context["find_error"] = str(exc.message)
        return context
    organisation_id = location.organisation_id
    try:
        person_search_log(actor=request.user, organisation_id=organisation_id, query=query)
        people = staff_selectors.person_search(user=request.user, organisation_id=organisation_id, query=query)
    except (PermissionDenied, NotFound) as exc:
        raise DjangoPermissionDenied(str(exc)) from exc
    context.update(
        searched=True,
        find_kind=query.kind,
        people=[(person, format_phone(person.phone)) for person in people],
    )
    return context


def format_phone(phone: str) -> str:
    """A Belgian mobile number in E.164 as it is read out: ``+32 470 12 34 56``; others as they are."""
    if phone.startswith("+32") and len(phone) == 12 and phone[3:].isdigit():
        digits = phone[3:]
        return f"+32 {digits[:3]} {digits[3:5]} {digits[5:7]} {digits[7:]}"
    return phone


def _choice_query(services: list[Service], location: Location, the_day: datetime.date | None) -> str:
    query: list[tuple[str, str]] = [("services", service.slug) for service in services]
    query.append(("location", location.slug))
    if the_day:
        query.append(("date", the_day.isoformat()))
    return "?" + urlencode(query)


def _return_to(request: HttpRequest, data: Any) -> str:
    """Where the booking was started from (the agent's contact), to go back to with the reference.

    Only a path on this site: anything else is dropped, so the page can never post elsewhere.
    """
    target = str(data.get("return_to", ""))
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return ""


@require_GET
@appointment_staff_required
def booked(request: HttpRequest, reference: str) -> HttpResponse:
    """What to hand over or read out: reference, when, where, what to bring, in the person's language."""
    appointment = _appointment_or_404(request, reference)
    citizen = appointment.language if appointment.language in LANGUAGE_CODES else LANGUAGE_CODES[0]
    services = booking_selectors.appointment_services(appointment)
    bring: list[Any] = []
    for service in services:
        documents = translated(service, "documents", citizen)
        for line in documents.text.splitlines():
            if line.strip() and line.strip() not in [item[0] for item in bring]:
                bring.append((line.strip(), documents))
    context = _detail_context(request, appointment)
    context.update(
        citizen_lang=citizen,
        citizen_services=_titles(services, citizen),
        citizen_location=translated(appointment.location, "name", citizen),
        citizen_organisation=translated(appointment.location.organisation, "name", citizen),
        what_to_bring=bring,
        manage_url=messages.manage_url(appointment),
        return_to=_return_to(request, request.GET),
        **_sent_by(appointment),
    )
    return render(request, "appointments/staff/booked.html", context)


def _sent_by(appointment: Appointment) -> dict[str, str]:
    """Where the confirmation went, decided as ``messages`` decides it: SMS when asked and possible,
    else e-mail when there is an address, else SMS."""
    if appointment.email and not (appointment.message_channel == "sms" and appointment.phone):
        return {"sent_by": "email", "sent_to": appointment.email}
    if appointment.phone:
        return {"sent_by": "sms", "sent_to": format_phone(appointment.phone)}
    return {"sent_by": "", "sent_to": ""}

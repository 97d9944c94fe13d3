"""Mijn loket, the citizen's own page: sign in by e-mail link or OpenID Connect, then appointments,
requests, details, consents, a copy of all one's data, and asking to be forgotten.

Every page but the sign-in ones needs a citizen session (``citizen_required``); a page reached
without one, or after it expired, leads to the sign-in page. What a citizen may see is decided by
the selectors, always from the signed-in person (and the address they proved): a reference, id or
link of someone else's request, message or attachment is "not found", never "forbidden", so it
tells nothing. Appointments are changed on their existing manage pages (their secret link).

Everything works without JavaScript; every change is a POST (never a GET: e-mail scanners and
link previews follow GET links). Views stay thin: reads through selectors, writes through service
functions, a ``DomainError`` shown next to its field.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from loket.appointments.availability import TIMEZONE
from loket.appointments.models import Appointment
from loket.citizens import oidc, portal
from loket.citizens.export import masked_national_number, person_data, readable
from loket.citizens.models import ConsentPurpose, ConsentSource, ErasureStatus
from loket.citizens.portal_forms import ConsentForm, DetailsForm, ReplyForm, SignInForm, add_domain_error
from loket.citizens.selectors import consent_history, consents_in_force
from loket.citizens.services import (
    CONSENT_TEXT_VERSION,
    PersonDetails,
    consent_give,
    consent_withdraw,
    erasure_request_create,
    person_update,
)
from loket.contacts.models import (
    MessageDirection,
    Request,
    RequestEventKind,
    RequestMessage,
    RequestStatus,
)
from loket.contacts.selectors import citizen_request, citizen_requests
from loket.contacts.services import request_message_from_citizen, request_messages_mark_read
from loket.core.errors import DomainError, NotFound
from loket.core.i18n import current_language, translated

CitizenView = Callable[..., HttpResponseBase]
# What a downloaded attachment may call itself; anything else is sent as plain bytes.
SAFE_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png"})


def citizen_required(view: CitizenView) -> Callable[..., HttpResponseBase]:
    """Calls ``view(request, citizen, ...)`` for a signed-in citizen; else leads to the sign-in page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        citizen = portal.citizen_from_session(request)
        if citizen is None:
            return HttpResponseRedirect(reverse("portal-sign-in"))
        return view(request, citizen, *args, **kwargs)

    return never_cache(wrapper)


# --- Signing in and out ------------------------------------------------------------------------


def _sign_in_page(
    request: HttpRequest, form: SignInForm, *, expired: bool = False, oidc_error: str = "", status: int = 200
) -> HttpResponse:
    provider = oidc.provider()
    return render(
        request,
        "citizens/portal/sign_in.html",
        {
            "form": form,
            "expired": expired,
            "minutes": settings.LOKET_SIGN_IN_LINK_MINUTES,
            "oidc_provider": provider.name if provider else "",
            "oidc_error": oidc_error,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    """Ask for a link: the same answer for every address (see ``portal.sign_in_link_send``)."""
    if portal.citizen_from_session(request) is not None:
        return HttpResponseRedirect(reverse("portal-home"))
    expired = bool(request.session.pop(portal.SESSION_EXPIRED_KEY, False))
    form = SignInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if is_ratelimited(
            request, group="citizens.sign_in", key="ip", rate=settings.LOKET_SIGN_IN_RATE, increment=True
        ):
            form.add_error("email", _("Too many links were asked from this connection. Please try again in an hour."))
        else:
            try:
                portal.sign_in_link_send(email=form.cleaned_data["email"], language=current_language())
            except DomainError as error:
                add_domain_error(form, error)
            else:
                return HttpResponseRedirect(reverse("portal-sign-in-sent"))
    return _sign_in_page(request, form, expired=expired, status=400 if form.errors else 200)


@never_cache
@require_POST
def oidc_start(request: HttpRequest) -> HttpResponse:
    """The button's POST: off to the provider (a GET starts nothing; link previews follow GETs)."""
    provider = oidc.provider()
    if provider is None:
        raise Http404(_("This way of signing in is not available."))
    if portal.citizen_from_session(request) is not None:
        return HttpResponseRedirect(reverse("portal-home"))
    if is_ratelimited(request, group="citizens.oidc_start", key="ip", rate=settings.LOKET_SIGN_IN_RATE, increment=True):
        message = _("Too many sign-ins were started from this connection. Please try again in an hour.")
        return _sign_in_page(request, SignInForm(), oidc_error=message, status=429)
    try:
        return oidc.authorization_redirect(request, provider, language=current_language())
    except oidc.OIDCSignInFailed as error:
        return _sign_in_page(request, SignInForm(), oidc_error=str(error.message), status=502)


@never_cache
@require_GET
def oidc_callback(request: HttpRequest) -> HttpResponse:
    """Where the provider sends the citizen back: signed in only on a validated ID token (``oidc``)."""
    provider = oidc.provider()
    if provider is None:
        raise Http404(_("This way of signing in is not available."))
    # One callback address (under the default language) for the provider; the page is the citizen's.
    language = str(request.session.pop(oidc.LANGUAGE_KEY, ""))
    language = language if language in dict(settings.LANGUAGES) else current_language()
    with translation.override(language):
        try:
            claims = oidc.verified_claims(request, provider)
        except oidc.OIDCSignInFailed as error:
            return _sign_in_page(request, SignInForm(), oidc_error=str(error.message), status=error.status)
        portal.oidc_sign_in(request, claims=claims)
        messages.success(request, _("You are signed in."))
        return HttpResponseRedirect(reverse("portal-home"))


@never_cache
@require_GET
def sign_in_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "citizens/portal/sign_in_sent.html", {"minutes": settings.LOKET_SIGN_IN_LINK_MINUTES})


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_confirm(request: HttpRequest, secret: str) -> HttpResponse:
    """GET shows a button (scanners open links and must not use them up); only its POST signs in."""
    if request.method == "POST":
        try:
            person = portal.sign_in_link_use(secret=secret)
        except portal.SignInLinkInvalid:
            pass
        else:
            portal.citizen_sign_in(request, person=person, email=person.email, method="email_link")
            messages.success(request, _("You are signed in."))
            return HttpResponseRedirect(reverse("portal-home"))
        valid = False
    else:
        valid = portal.sign_in_link_valid(secret=secret)
    response = render(
        request,
        "citizens/portal/sign_in_confirm.html",
        {"valid": valid, "secret": secret, "form": SignInForm()},
        status=200 if valid else 404,
    )
    # The secret is in this page's address: no other site may see it as a referrer. Not
    # "no-referrer": with it, browsers send "Origin: null" on the form's POST and CSRF refuses it.
    response["Referrer-Policy"] = "same-origin"
    return response


@never_cache
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    portal.citizen_sign_out(request)
    messages.success(request, _("You are signed out. Close the browser if others use this computer."))
    return HttpResponseRedirect(reverse("portal-sign-in"))


# --- Overview and appointments -----------------------------------------------------------------


@dataclass(frozen=True)
class AppointmentRow:
    appointment: Appointment
    services: list[Any]
    location_name: Any
    start: Any
    end: Any
    upcoming: bool
    manage_url: str


def _appointment_rows(citizen: portal.Citizen) -> list[AppointmentRow]:
    lang = current_language()
    now = timezone.now()
    rows = []
    for appointment in portal.citizen_appointments(citizen=citizen):
        services: list[Any] = []
        for part in sorted(appointment.parts.all(), key=lambda part: part.start):
            services.extend(
                title
                for service in part.services.all()
                if (title := translated(service, "title", lang)) not in services
            )
        rows.append(
            AppointmentRow(
                appointment=appointment,
                services=services,
                location_name=translated(appointment.location, "name", lang),
                start=timezone.localtime(appointment.start, TIMEZONE),
                end=timezone.localtime(appointment.end, TIMEZONE),
                upcoming=portal.is_upcoming(appointment, now),
                # The appointment's own manage page, as in its confirmation e-mail (messages.manage_url).
                manage_url=reverse(
                    "appointment-manage",
                    kwargs={"reference": appointment.reference, "secret": appointment.manage_secret},
                ),
            )
        )
    return rows


def _unread_by_request(citizen: portal.Citizen) -> dict[int, int]:
    """How many of our messages the citizen has not opened yet, per request (one query)."""
    rows = (
        RequestMessage.objects.filter(
            request__person=citizen.person,
            request__anonymised_at__isnull=True,
            direction=MessageDirection.TO_CITIZEN,
            read_at__isnull=True,
        )
        .values("request_id")
        .annotate(count=Count("pk"))
    )
    return {row["request_id"]: row["count"] for row in rows}


@require_GET
@citizen_required
def home(request: HttpRequest, citizen: portal.Citizen) -> HttpResponse:
    rows = _appointment_rows(citizen)
    upcoming = sorted((row for row in rows if row.upcoming), key=lambda row: row.start)
    requests = citizen_requests(person=citizen.person)
    unread = _unread_by_request(citizen)
    return render(
        request,
        "citizens/portal/home.html",
        {
            "citizen": citizen,
            "upcoming": upcoming[:3],
            "upcoming_count": len(upcoming),
            "open_requests": [_request_row(item, unread) for item in requests if item.is_open],
            "unread": sum(unread.values()),
        },
    )


@require_GET
@citizen_required
def appointments(request: HttpRequest, citizen: portal.Citizen) -> HttpResponse:
    rows = _appointment_rows(citizen)
    return render(
        request,
        "citizens/portal/appointments.html",
        {
            "citizen": citizen,
            "upcoming": sorted((row for row in rows if row.upcoming), key=lambda row: row.start),
            "past": [row for row in rows if not row.upcoming],
        },
    )


# --- Requests ------------------------------------------------------------------------------------


def status_words(status: str) -> str:
    """What a status means for the citizen, in a sentence."""
    words: dict[str, str] = {
        RequestStatus.NEW: _("We have received your request. Someone will start on it soon."),
        RequestStatus.IN_PROGRESS: _("We are working on your request."),
        RequestStatus.WAITING: _("We need something from you. Please read our message and answer it."),
        RequestStatus.DONE: _("Your request is done."),
        RequestStatus.REJECTED: _("We could not do what you asked. The reason is below."),
    }
    return words.get(status, "")


def event_words(kind: str, to_status: str) -> str:
    """One line of the history, in plain words."""
    if kind == RequestEventKind.CREATED:
        return _("We received your request.")
    if kind == RequestEventKind.MESSAGE_OUT:
        return _("We sent you a message.")
    if kind == RequestEventKind.MESSAGE_IN:
        return _("You sent us a message.")
    if kind == RequestEventKind.STATUS:
        texts: dict[str, str] = {
            RequestStatus.NEW: _("Your request is waiting to be picked up."),
            RequestStatus.IN_PROGRESS: _("We started working on your request."),
            RequestStatus.WAITING: _("We asked you for something."),
            RequestStatus.DONE: _("We finished your request."),
            RequestStatus.REJECTED: _("We turned down your request."),
        }
        return texts.get(to_status, _("The status changed."))
    return ""


@dataclass(frozen=True)
class RequestRow:
    request: Request
    department: Any
    service: Any
    status_words: str
    unread: int


def _request_row(item: Request, unread: dict[int, int]) -> RequestRow:
    lang = current_language()
    return RequestRow(
        request=item,
        department=translated(item.department, "name", lang),
        service=translated(item.service, "title", lang) if item.service else None,
        status_words=status_words(item.status),
        unread=unread.get(item.pk, 0),
    )


@require_GET
@citizen_required
def requests_list(request: HttpRequest, citizen: portal.Citizen) -> HttpResponse:
    unread = _unread_by_request(citizen)
    rows = [_request_row(item, unread) for item in citizen_requests(person=citizen.person)]
    return render(
        request,
        "citizens/portal/requests.html",
        {
            "citizen": citizen,
            "open_rows": [row for row in rows if row.request.is_open],
            "closed_rows": [row for row in rows if not row.request.is_open],
        },
    )


def _own_request(citizen: portal.Citizen, reference: str) -> Request:
    try:
        return citizen_request(person=citizen.person, reference=reference)
    except NotFound as error:
        raise Http404(_("No such request.")) from error


@require_http_methods(["GET", "POST"])
@citizen_required
def request_detail(request: HttpRequest, citizen: portal.Citizen, reference: str) -> HttpResponse:
    """The request's status and history, the messages, and a reply form (with one optional document)."""
    item = _own_request(citizen, reference)
    form = ReplyForm(request.POST or None, request.FILES or None) if request.method == "POST" else ReplyForm()
    if request.method == "POST" and form.is_valid():
        files = [form.cleaned_data["attachment"]] if form.cleaned_data.get("attachment") else []
        try:
            request_message_from_citizen(
                person=citizen.person, request=item, body=form.cleaned_data["body"], files=files
            )
        except DomainError as error:
            add_domain_error(form, error, fields={"files": "attachment", "file": "attachment", "message": "body"})
        else:
            messages.success(request, _("Your message has been sent. We will answer you here and by e-mail."))
            return HttpResponseRedirect(reverse("portal-request", kwargs={"reference": item.reference}) + "#messages")
    lang = current_language()
    history = [
        {"event": event, "words": event_words(event.kind, event.to_status)}
        for event in item.events.all()
        if event_words(event.kind, event.to_status)
    ]
    attachments_by_message: dict[int | None, list[Any]] = {}
    for attachment in item.attachments.all():
        if not attachment.internal:
            attachments_by_message.setdefault(attachment.message_id, []).append(attachment)
    thread = [
        {"message": message, "attachments": attachments_by_message.get(message.pk, [])}
        for message in item.messages.all()
    ]
    if request.method == "GET":
        # Shown as "new" on this page (the prefetched rows keep their old read_at), read from now on.
        request_messages_mark_read(person=citizen.person, request=item)
    return render(
        request,
        "citizens/portal/request_detail.html",
        {
            "citizen": citizen,
            "item": item,
            "row": _request_row(item, {}),
            "department": translated(item.department, "name", lang),
            "organisation": translated(item.organisation, "name", lang),
            "history": history,
            "thread": thread,
            "loose_attachments": attachments_by_message.get(None, []),
            "form": form,
            "can_reply": item.is_open,
        },
        status=400 if form.errors else 200,
    )


@require_GET
@citizen_required
def attachment_download(
    request: HttpRequest, citizen: portal.Citizen, reference: str, attachment_id: int
) -> FileResponse:
    """A document of the citizen's own request (never an internal one): else "not found"."""
    item = _own_request(citizen, reference)
    attachment = next((a for a in item.attachments.all() if a.pk == attachment_id and not a.internal), None)
    if attachment is None:
        raise Http404(_("No such document."))
    content_type = attachment.content_type if attachment.content_type in SAFE_TYPES else "application/octet-stream"
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.filename, content_type=content_type
    )


# --- Details, consents ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@citizen_required
def details(request: HttpRequest, citizen: portal.Citizen) -> HttpResponse:
    """The citizen's own record (not the sign-in address, not the national number)."""
    person = citizen.person
    initial = {
        "name": person.name,
        "date_of_birth": person.date_of_birth,
        "phone": person.phone,
        "street": person.street,
        "postcode": person.postcode,
        "city": person.city,
        "language": person.language,
        "preferred_channel": person.preferred_channel,
    }
    form = DetailsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person_update(
                actor="citizen",
                person=person,
                organisation=None,
                details=PersonDetails(
                    name=data["name"],
                    email=person.email,
                    phone=data["phone"],
                    date_of_birth=data["date_of_birth"],
                    street=data["street"],
                    postcode=data["postcode"],
                    city=data["city"],
                    language=data["language"],
                    preferred_channel=data["preferred_channel"],
                ),
            )
        except DomainError as error:
            add_domain_error(form, error, fields={"email": "preferred_channel"})
        else:
            messages.success(request, _("Your details have been saved."))
            return HttpResponseRedirect(reverse("portal-details"))
    return render(
        request,
        "citizens/portal/details.html",
        {"citizen": citizen, "form": form, "national_number": masked_national_number(person)},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@citizen_required
def consents(request: HttpRequest, citizen: portal.Citizen) -> HttpResponse:
    """Each purpose in plain words, yes or no, with when; give or withdraw with one button."""
    person = citizen.person
    if request.method == "POST":
        form = ConsentForm(request.POST)
        if not form.is_valid():
            return HttpResponse(_("This choice is not known."), status=400, content_type="text/plain; charset=utf-8")
        purpose = form.cleaned_data["purpose"]
        label = ConsentPurpose(purpose).label
        if form.cleaned_data["action"] == "give":
            consent_give(actor="citizen", person=person, purpose=purpose, source=ConsentSource.MIJN_LOKET)
            messages.success(request, _("Thank you. You said yes to: %(purpose)s") % {"purpose": label})
        else:
            consent_withdraw(actor="citizen", person=person, purpose=purpose, source=ConsentSource.MIJN_LOKET)
            messages.success(request, _("You said no to: %(purpose)s") % {"purpose": label})
        return HttpResponseRedirect(reverse("portal-consents") + f"#purpose-{purpose}")
    in_force = consents_in_force(person=person)
    purposes = [
        {"value": value, "label": label, "consent": in_force.get(value), "explanation": purpose_explanation(value)}
        for value, label in ConsentPurpose.choices
    ]
    return render(
        request,
        "citizens/portal/consents.html",
        {
            "citizen": citizen,
            "purposes": purposes,
            "history": consent_history(person=person),
            "text_version": CONSENT_TEXT_VERSION,
        },
    )


def purpose_explanation(purpose: str) -> str:
    texts: dict[str, str] = {
        ConsentPurpose.PREFILL: _(
            "When you fill in a form on this site, we put in your name, address and contact details for you. "
            "Without your yes, you type them each time."
        ),
        ConsentPurpose.RELATED_SERVICES: _(
            "After a visit or a request, we may tell you about other services that may help you, such as an "
            "allowance you can ask for."
        ),
        ConsentPurpose.SURVEYS: _("After a visit, a call or a request, we may ask you a few short questions."),
    }
    return texts.get(purpose, "")


# --- My data, erasure ------------------------------------------------------------------------------


@require_GET
@citizen_required
def my_data(request: HttpRequest, citizen: portal.Citizen) -> HttpResponse:
    data = person_data(person=citizen.person, email=citizen.email, lang=current_language())
    return render(request, "citizens/portal/my_data.html", {"citizen": citizen, "data": readable(data)})


@require_GET
@citizen_required
def my_data_json(request: HttpRequest, citizen: portal.Citizen) -> HttpResponse:
    data = person_data(person=citizen.person, email=citizen.email, lang=current_language())
    day = timezone.localdate().isoformat()
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="mijn-loket-{day}.json"'
    return response


@require_http_methods(["GET", "POST"])
@citizen_required
def erasure(request: HttpRequest, citizen: portal.Citizen) -> HttpResponse:
    """What erasure means and what the law keeps; the POST asks for it (the DPO handles it)."""
    person = citizen.person
    if request.method == "POST":
        erasure_request_create(actor="citizen", person=person, source=ConsentSource.MIJN_LOKET)
        messages.success(request, _("We have received your request to erase your data."))
        return HttpResponseRedirect(reverse("portal-erasure"))
    requests = list(person.erasure_requests.order_by("-requested_at"))
    return render(
        request,
        "citizens/portal/erasure.html",
        {
            "citizen": citizen,
            "open_request": next((e for e in requests if e.status == ErasureStatus.OPEN), None),
            "past_requests": [e for e in requests if e.status != ErasureStatus.OPEN],
            "request_years": max(1, settings.LOKET_RETENTION_DAYS["requests"] // 365),
        },
    )

"""The queue's public pages: the hall's kiosk (take a ticket, check in), and the citizen's ticket page.

The kiosk is a touch screen without login. Every button is a plain POST form, so it works without
JavaScript; the ticket it gives is shown for a short while and the screen then goes back to its
start (a script, with "more time"; a ``<noscript>`` refresh otherwise), so the next citizen never
sees the previous one's ticket. The ticket's language is the kiosk page's language.

The ticket page is reached only through the ticket's 128-bit key (from the QR code or the text
message); a wrong key is "not found". It updates itself: HTMX polls the status fragment, which
answers "no change" (204) while nothing shown has changed, so a screen reader is not told the same
thing again every few seconds.

Views stay thin: reads through ``kiosk_selectors`` / ``selectors``, writes through ``services``; a
``DomainError`` is shown next to what caused it. Staff-only data (assisted, notes) never reaches
these templates.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import segno
from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from loket.appointments.availability import TIMEZONE
from loket.appointments.forms import ReferenceForm
from loket.appointments.models import Appointment
from loket.core.errors import DomainError
from loket.core.i18n import LANGUAGE_CODES, current_language, translated
from loket.organisations.models import Location
from loket.queueing import messages
from loket.queueing.forms import KioskTicketForm
from loket.queueing.kiosk_selectors import (
    KioskBoard,
    kiosk_board,
    kiosk_location,
    ticket_view,
)
from loket.queueing.models import Ticket
from loket.queueing.selectors import ticket_by_key
from loket.queueing.services import ticket_check_in, ticket_issue

# Seconds a ticket stays on the kiosk before the screen goes back to its start.
KIOSK_RETURN_SECONDS = 30
# Seconds between two updates of the ticket page (HTMX), and without JavaScript (a refresh).
TICKET_POLL_SECONDS = 5
TICKET_REFRESH_SECONDS = 30
# Tickets per minute from one address: a real kiosk gives far fewer; this stops a script at home.
KIOSK_RATE = "30/m"

# A service's error names its field; on the kiosk form the service is the button pressed.
FORM_FIELDS = {"service": "choice", "phone": "phone"}


@functools.cache
def pictogram_sprite() -> SafeString:
    """The kiosk's pictograms (``static/queueing/pictograms.svg``), put in the page once as symbols."""
    path = finders.find("queueing/pictograms.svg")
    if not path:
        return mark_safe("")  # noqa: S308 (empty)
    text = Path(str(path)).read_text(encoding="utf-8")
    return mark_safe(text[text.index("<svg") :])  # noqa: S308 (our own static file, no user input)


def _qr_svg(url: str) -> SafeString:
    return mark_safe(segno.make(url, error="m").svg_inline(border=2, omitsize=True))  # noqa: S308 (segno's SVG)


def _location(slug: str) -> Location:
    location = kiosk_location(slug=slug)
    if location is None:
        raise Http404
    return location


def _ticket(key: str) -> Ticket:
    ticket = ticket_by_key(key=key)
    if ticket is None:
        raise Http404
    return ticket


def _languages(name: str, **kwargs: Any) -> list[dict[str, Any]]:
    """This page in each language: the kiosk's own language buttons (plain links)."""
    here = current_language()
    links = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            url = reverse(name, kwargs=kwargs)
        links.append({"code": code, "name": get_language_info(code)["name_local"], "url": url, "current": code == here})
    return links


def _kiosk_context(board: KioskBoard, form: KioskTicketForm, *, text_mode: bool) -> dict[str, Any]:
    slug = board.location.slug
    return {
        "board": board,
        "form": form,
        "text_mode": text_mode,
        "open_queues": [queue for queue in board.queues if queue.open_now],
        "kiosk_languages": _languages("queue-kiosk", location_slug=slug),
        "sprite": pictogram_sprite(),
        "kiosk_url": reverse("queue-kiosk", kwargs={"location_slug": slug}),
    }


def _ticket_screen(ticket: Ticket, lang: str, location: Location) -> dict[str, Any]:
    """What the kiosk shows once it gave a ticket, and where it goes back to."""
    return {
        "view": ticket_view(ticket=ticket, lang=lang),
        "qr": _qr_svg(messages.ticket_url(ticket)),
        "ticket_path": reverse("ticket-page", kwargs={"key": ticket.public_key}),
        "kiosk_url": reverse("queue-kiosk", kwargs={"location_slug": location.slug}),
        "location_name": translated(location, "name", lang),
        "return_seconds": KIOSK_RETURN_SECONDS,
    }


@require_GET
def kiosk(request: HttpRequest, location_slug: str) -> HttpResponse:
    """The start page: a button per service of each open queue, the wait, and "I have an appointment"."""
    location = _location(location_slug)
    board = kiosk_board(location=location, lang=current_language())
    text_mode = request.GET.get("text") == "1" and board.open_now
    form = KioskTicketForm(options=board.options)
    return render(request, "queueing/kiosk.html", _kiosk_context(board, form, text_mode=text_mode))


@never_cache  # the answer holds the ticket's secret address
@require_POST
def kiosk_take(request: HttpRequest, location_slug: str) -> HttpResponse:
    """Take a ticket for the button pressed, in the page's language; show it, or say what is wrong."""
    location = _location(location_slug)
    lang = current_language()
    now = timezone.now()
    board = kiosk_board(location=location, lang=lang, now=now)
    form = KioskTicketForm(request.POST, options=board.options)
    if form.is_valid():
        if is_ratelimited(request, group="queueing.kiosk", key="ip", rate=KIOSK_RATE, increment=True):
            form.add_error(None, _("Please wait a moment and try again."))
        else:
            option = form.option()
            try:
                ticket = ticket_issue(
                    actor="kiosk",
                    queue=option.queue,
                    service=option.service,
                    language=lang,
                    phone=form.cleaned_data["phone"],
                    now=now,
                )
            except DomainError as error:
                form.add_error(FORM_FIELDS.get(error.field or ""), str(error.message))
            else:
                return render(request, "queueing/kiosk_ticket.html", _ticket_screen(ticket, lang, location))
    text_mode = request.POST.get("text") == "1" or bool(request.POST.get("phone"))
    context = _kiosk_context(board, form, text_mode=text_mode and board.open_now)
    return render(request, "queueing/kiosk.html", context, status=400)


@never_cache  # the answer holds the ticket's secret address
@require_http_methods(["GET", "POST"])
def kiosk_check_in(request: HttpRequest, location_slug: str) -> HttpResponse:
    """Check in with the reference (typed, or scanned from the confirmation's QR code), and get a ticket.

    Says nothing about the person: only the ticket's number and that we call at the appointment's
    time. A location that runs no walk-in queue checks in without a ticket, as before the queue.
    """
    location = _location(location_slug)
    lang = current_language()
    form = ReferenceForm(request.POST or None)
    context: dict[str, Any] = {
        "location_name": translated(location, "name", lang),
        "form": form,
        "location": location,
        "kiosk_languages": _languages("kiosk-check-in", location_slug=location.slug),
        "kiosk_url": reverse("queue-kiosk", kwargs={"location_slug": location.slug}),
        "return_seconds": KIOSK_RETURN_SECONDS,
    }
    if request.method == "POST" and form.is_valid():
        if is_ratelimited(request, group="appointments.kiosk", key="ip", rate="120/m", increment=True):
            form.add_error(None, _("Please wait a moment and try again."))
        else:
            appointment = Appointment.objects.filter(
                reference=form.cleaned_data["reference"], location=location
            ).first()
            if appointment is None:
                form.add_error(
                    "reference", _("We do not know this reference here. Check it, or go to the reception desk.")
                )
            else:
                try:
                    ticket = ticket_check_in(actor="kiosk", appointment=appointment)
                except DomainError as exc:
                    form.add_error("reference", str(exc.message))
                else:
                    if ticket is not None:  # None: a location without a queue, the desk fetches them
                        context.update(_ticket_screen(ticket, lang, location))
                    appointment.refresh_from_db()
                    context.update(checked=appointment, start=appointment.start.astimezone(TIMEZONE))
                    return render(request, "queueing/kiosk_check_in.html", context)
    # A refused reference (empty, too long, unknown) is a 400 like every refused form.
    return render(request, "queueing/kiosk_check_in.html", context, status=400 if request.method == "POST" else 200)


def _ticket_context(ticket: Ticket) -> dict[str, Any]:
    view = ticket_view(ticket=ticket, lang=current_language())
    return {
        "view": view,
        "status_url": reverse("ticket-status", kwargs={"key": ticket.public_key}),
        "page_url": reverse("ticket-page", kwargs={"key": ticket.public_key}),
        "poll_seconds": TICKET_POLL_SECONDS,
        "refresh_seconds": TICKET_REFRESH_SECONDS,
    }


@never_cache  # a secret address: no shared or browser cache keeps it
@require_GET
def ticket_page(request: HttpRequest, key: str) -> HttpResponse:
    """The citizen's ticket on their phone: number, place, wait, and "it is your turn" when called."""
    ticket = _ticket(key)
    context = _ticket_context(ticket)
    context["kiosk_languages"] = _languages("ticket-page", key=key)
    return render(request, "queueing/ticket_page.html", context)


@never_cache
@require_GET
def ticket_status(request: HttpRequest, key: str) -> HttpResponse:
    """The ticket page's live part, polled by HTMX; "no change" (204) when what it shows is the same."""
    ticket = _ticket(key)
    context = _ticket_context(ticket)
    if request.headers.get("HX-Request") and request.GET.get("seen") == context["view"].version:
        return HttpResponse(status=204)
    return render(request, "queueing/_ticket_status.html", context)

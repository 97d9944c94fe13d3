"""Staff pages of the walk-in queue: a clerk's desk screen, reception's overview, check-in at the desk.

For staff with a queue role (``QUEUE_ROLES``; anyone else gets 403; the check-in also for anyone
working with appointments). Views stay thin: reads through ``selectors`` / ``staff_selectors``
(scoped to the staff member's organisations, so another organisation's location, desk or ticket
is a 404), writes through ``services`` (which check permission again, record the event and
audit). Every change is a POST that redirects (PRG), so a reload never calls, finishes or
transfers twice; a refused action changes nothing and shows the service's message. HTMX only
refreshes the numbers (the queues at reception, the count waiting for a desk); every action is
a plain form.

The staff check-in of an appointment lives here, not in ``appointments``: checking in gives a
queue ticket (``services.ticket_check_in``), and ``appointments`` must not import the queue. Its
URL name ``appointments-staff-check-in`` is kept, so the appointment pages post to it unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loket.appointments import booking_selectors
from loket.appointments import staff_selectors as appointment_staff_selectors
from loket.appointments.models import Appointment
from loket.core.errors import DomainError, NotFound, PermissionDenied
from loket.core.i18n import current_language
from loket.organisations.models import Location
from loket.queueing import selectors, staff_selectors
from loket.queueing.models import CounterSession, CounterStatus, Queue, Ticket
from loket.queueing.services import (
    clerk_services,
    counter_close,
    counter_open,
    counter_pause,
    ticket_call_next,
    ticket_check_in,
    ticket_finish,
    ticket_issue,
    ticket_no_show,
    ticket_recall,
    ticket_return,
    ticket_set_assisted,
    ticket_start,
    ticket_transfer,
)
from loket.queueing.staff_forms import FinishForm, IssueForm, OpenDeskForm, TransferForm

View = Callable[..., HttpResponseBase]
# The ticket reception just gave, shown once, big, on the next page (a reload shows it no more).
ISSUED_KEY = "queueing:issued"


def _staff_required(organisation_ids: Callable[..., set[int]]) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                if request.headers.get("HX-Request"):
                    # A refresh by HTMX after the login ran out: stop polling (htmx's 286) rather than
                    # put the login page inside the table; the next click goes to the login page.
                    return HttpResponse(status=286)
                return redirect_to_login(request.get_full_path())
            if not organisation_ids(user=request.user):
                raise DjangoPermissionDenied
            response = view(request, *args, **kwargs)
            add_never_cache_headers(response)  # live and personal: no cache keeps these pages
            return response

        return wrapper

    return decorator


queue_staff_required = _staff_required(staff_selectors.queue_organisation_ids)
appointment_staff_required = _staff_required(appointment_staff_selectors.appointment_organisation_ids)


def _back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(default)


def _ticket_or_404(request: HttpRequest, pk: int) -> Ticket:
    try:
        return staff_selectors.ticket_for_staff(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


def _location_or_404(request: HttpRequest, slug: str) -> Location:
    try:
        return staff_selectors.queue_location(user=request.user, slug=slug)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


def _desk_url() -> str:
    return reverse("queue-staff-desk")


def _reception_url(location: Location) -> str:
    return reverse("queue-staff-reception") + "?" + urlencode({"location": location.slug})


def _run(request: HttpRequest, action: Callable[[], Any]) -> tuple[bool, Any]:
    """Run one service call: ``(True, its result)``, or ``(False, None)`` with the refusal shown as an
    error message (a 403 for a permission). The service's transaction means a refusal changed nothing."""
    try:
        return True, action()
    except PermissionDenied as exc:
        raise DjangoPermissionDenied(str(exc)) from exc
    except DomainError as exc:
        flash.error(request, str(exc.message))
        return False, None


# --- The clerk's desk ----------------------------------------------------------------------------


@require_GET
@queue_staff_required
def desk(request: HttpRequest) -> HttpResponse:
    """The clerk's screen for the whole day: open a desk, then call, serve, transfer, pause, close."""
    session = selectors.open_session_of(user=request.user)
    if session is None:
        return _open_desk_page(request)
    return render(request, "queueing/staff/desk.html", _desk_context(request, session))


def _desk_context(request: HttpRequest, session: CounterSession) -> dict[str, Any]:
    screen = staff_selectors.desk_screen(session=session)
    location = session.desk.location
    current = screen.work.current
    context: dict[str, Any] = {
        "session": session,
        "screen": screen,
        "current": current,
        "location": location,
        "paused": session.status == CounterStatus.PAUSED,
        "services_today": sorted((str(s.title) for s in session.services.all()), key=str.casefold),
        "no_show_recalls": settings.LOKET_QUEUE_NO_SHOW_RECALLS,
        "here": request.get_full_path(),
    }
    if current is not None:
        services = staff_selectors.location_services(location=location)
        targets = staff_selectors.transfer_targets(location=location)
        context.update(
            recalls_to_go=max(0, settings.LOKET_QUEUE_NO_SHOW_RECALLS - current.recalls),
            finish_form=FinishForm(
                services=services, initial={"services": [current.service_id] if current.service_id else []}
            ),
            transfer_form=TransferForm(
                queues=targets.queues,
                desks=[d for d in targets.desks if d.pk != session.desk_id],
                services=services,
            ),
        )
    return context


@require_GET
@queue_staff_required
def desk_waiting(request: HttpRequest) -> HttpResponse:
    """The count waiting for the clerk's desk, for HTMX to refresh (the page itself works without)."""
    session = selectors.open_session_of(user=request.user)
    count = selectors.desk_work(session=session).waiting_for_me if session is not None else 0
    return render(request, "queueing/staff/_waiting_count.html", {"waiting": count})


def _open_desk_page(
    request: HttpRequest, *, location: Location | None = None, form: OpenDeskForm | None = None, status: int = 200
) -> HttpResponse:
    locations = staff_selectors.queue_locations(user=request.user)
    if location is None and locations:
        slug = request.GET.get("location", "")
        location = next((loc for loc in locations if loc.slug == slug), None)
        if slug and location is None:
            raise Http404(_("This location is not one of your organisation's."))
        location = location or locations[0]
    context: dict[str, Any] = {"locations": locations, "location": location}
    if location is not None:
        choices = staff_selectors.desk_choices(location=location)
        skills = list(clerk_services(clerk=request.user, location=location))  # type: ignore[arg-type]
        offered = staff_selectors.location_services(location=location) if request.user.is_superuser else skills
        if form is None:
            free = [c.desk.pk for c in choices if not c.taken_by]
            form = OpenDeskForm(
                desks=[c.desk for c in choices],
                services=offered,
                initial={"desk": free[0] if free else None, "services": [s.pk for s in skills]},
            )
        context.update(form=form, desk_choices=choices, offered=offered)
    return render(request, "queueing/staff/open_desk.html", context, status=status)


@require_POST
@queue_staff_required
def desk_open(request: HttpRequest) -> HttpResponse:
    location = _location_or_404(request, request.POST.get("location", ""))
    choices = staff_selectors.desk_choices(location=location)
    skills = list(clerk_services(clerk=request.user, location=location))  # type: ignore[arg-type]
    offered = staff_selectors.location_services(location=location) if request.user.is_superuser else skills
    form = OpenDeskForm(request.POST, desks=[c.desk for c in choices], services=offered)
    if not form.is_valid():
        return _open_desk_page(request, location=location, form=form, status=400)
    try:
        counter_open(actor=request.user, desk=form.cleaned_data["desk"], services=list(form.cleaned_data["services"]))
    except PermissionDenied as exc:
        raise DjangoPermissionDenied(str(exc)) from exc
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        return _open_desk_page(request, location=location, form=form, status=400)
    return HttpResponseRedirect(_desk_url())


def _my_session(request: HttpRequest) -> CounterSession | None:
    session = selectors.open_session_of(user=request.user)
    if session is None:
        flash.error(request, _("Your desk is not open. Open a desk first."))
    return session


@require_POST
@queue_staff_required
def desk_call(request: HttpRequest) -> HttpResponse:
    session = _my_session(request)
    if session is not None:
        ok, ticket = _run(request, lambda: ticket_call_next(actor=request.user, session=session))
        if ok and ticket is None:
            flash.info(request, _("Nobody is waiting for your desk right now."))
    return HttpResponseRedirect(_desk_url())


@require_POST
@queue_staff_required
def desk_pause(request: HttpRequest) -> HttpResponse:
    session = _my_session(request)
    paused = request.POST.get("paused") == "1"
    if session is not None:
        _run(request, lambda: counter_pause(actor=request.user, session=session, paused=paused))
    return HttpResponseRedirect(_desk_url())


@require_POST
@queue_staff_required
def desk_close(request: HttpRequest) -> HttpResponse:
    session = _my_session(request)
    if session is not None and _run(request, lambda: counter_close(actor=request.user, session=session))[0]:
        flash.success(request, _("%(desk)s is closed.") % {"desk": session.desk.name})
    return HttpResponseRedirect(_desk_url())


# --- One ticket ----------------------------------------------------------------------------------


@require_POST
@queue_staff_required
def ticket_recall_view(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket_or_404(request, pk)
    _run(request, lambda: ticket_recall(actor=request.user, ticket=ticket))
    return _back(request, _desk_url())


@require_POST
@queue_staff_required
def ticket_start_view(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket_or_404(request, pk)
    _run(request, lambda: ticket_start(actor=request.user, ticket=ticket))
    return _back(request, _desk_url())


@require_POST
@queue_staff_required
def ticket_finish_view(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket_or_404(request, pk)
    form = FinishForm(request.POST, services=staff_selectors.location_services(location=ticket.queue.location))
    if not form.is_valid():
        flash.error(request, " ".join(str(e) for e in form.errors.get("services", [])))
        return _back(request, _desk_url())
    services = list(form.cleaned_data["services"])
    if _run(request, lambda: ticket_finish(actor=request.user, ticket=ticket, services=services))[0]:
        flash.success(request, _("%(code)s is served.") % {"code": ticket.code})
    return _back(request, _desk_url())


@require_POST
@queue_staff_required
def ticket_no_show_view(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket_or_404(request, pk)
    if _run(request, lambda: ticket_no_show(actor=request.user, ticket=ticket))[0]:
        flash.success(
            request,
            _('%(code)s is marked "did not come". Reception can put the ticket back in line today.')
            % {"code": ticket.code},
        )
    return _back(request, _desk_url())


@require_POST
@queue_staff_required
def ticket_return_view(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket_or_404(request, pk)
    ok, returned = _run(request, lambda: ticket_return(actor=request.user, ticket=ticket))
    if ok:
        if returned.target_desk_id:
            done = _("%(code)s is back in line, first for your desk.")
        else:
            done = _("%(code)s is back in line at its old place.")
        flash.success(request, done % {"code": ticket.code})
    return _back(request, _reception_url(ticket.queue.location))


@require_POST
@queue_staff_required
def ticket_assisted_view(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket_or_404(request, pk)
    assisted = request.POST.get("assisted") == "1"
    if _run(request, lambda: ticket_set_assisted(actor=request.user, ticket=ticket, assisted=assisted))[0]:
        done = _("%(code)s is marked as needing help.") if assisted else _("%(code)s no longer has the help mark.")
        flash.success(request, done % {"code": ticket.code})
    return _back(request, _reception_url(ticket.queue.location))


@require_http_methods(["GET", "POST"])
@queue_staff_required
def ticket_transfer_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the transfer form on its own page; POST: send the ticket on, then back to ``next``."""
    ticket = _ticket_or_404(request, pk)
    location = ticket.queue.location
    targets = staff_selectors.transfer_targets(location=location)
    services = staff_selectors.location_services(location=location)
    desks = [d for d in targets.desks if d.pk != ticket.desk_id]
    data = request.POST if request.method == "POST" else None
    form = TransferForm(data, queues=targets.queues, desks=desks, services=services)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                ticket_transfer(
                    actor=request.user,
                    ticket=ticket,
                    queue=form.cleaned_data["queue"],
                    desk=form.cleaned_data["desk"],
                    service=form.cleaned_data["service_obj"],
                    note=form.cleaned_data["note"],
                )
            except PermissionDenied as exc:
                raise DjangoPermissionDenied(str(exc)) from exc
            except DomainError as exc:
                field = {"queue": "to", "desk": "to"}.get(exc.field or "", exc.field)
                form.add_error(field if field in form.fields else None, str(exc.message))
            else:
                target = form.cleaned_data["desk"] or form.cleaned_data["queue"]
                name = target.name if target is not None else ""
                flash.success(request, _("%(code)s is sent to %(target)s.") % {"code": ticket.code, "target": name})
                default = _desk_url() if ticket.desk_id else _reception_url(location)
                return _back(request, default)
        status = 400
    back = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    return render(
        request,
        "queueing/staff/transfer.html",
        {"ticket": ticket, "form": form, "next": back or _reception_url(location)},
        status=status,
    )


# --- Reception -----------------------------------------------------------------------------------


def _reception_location(request: HttpRequest) -> tuple[list[Location], Location | None]:
    locations = staff_selectors.queue_locations(user=request.user)
    slug = request.GET.get("location", "")
    location = next((loc for loc in locations if loc.slug == slug), None)
    if slug and location is None:
        raise Http404(_("This location is not one of your organisation's."))
    return locations, location or (locations[0] if locations else None)


@require_GET
@queue_staff_required
def reception(request: HttpRequest) -> HttpResponse:
    """All queues of a location at a glance, the line in calling order, today's no-shows, "give a ticket"."""
    locations, location = _reception_location(request)
    if location is None:
        return render(request, "queueing/staff/reception.html", {"locations": []})
    return _reception_page(request, locations, location)


def _reception_page(
    request: HttpRequest,
    locations: list[Location],
    location: Location,
    *,
    form: IssueForm | None = None,
    status: int = 200,
) -> HttpResponse:
    now = timezone.now()
    queues = staff_selectors.issue_queues(location=location)
    targets = staff_selectors.transfer_targets(location=location)
    services = staff_selectors.location_services(location=location)
    issued = None
    issued_pk = request.session.pop(ISSUED_KEY, None) if request.method == "GET" else None
    if isinstance(issued_pk, int):
        issued = staff_selectors.issued_ticket(location=location, pk=issued_pk)
    if form is None:
        form = IssueForm(queues=queues, initial={"language": current_language()})
    here = _reception_url(location)
    waiting = selectors.waiting_tickets(location=location, now=now)
    return render(
        request,
        "queueing/staff/reception.html",
        {
            "locations": locations,
            "location": location,
            "states": selectors.queue_states(location=location, now=now),
            "now": now,
            "waiting": [(ticket, int((now - ticket.issued_at).total_seconds() // 60)) for ticket in waiting],
            "no_shows": staff_selectors.no_shows_today(location=location, now=now),
            "form": form,
            "issued": issued,
            "transfer_form": TransferForm(queues=targets.queues, desks=targets.desks, services=services),
            "here": here,
            "states_url": reverse("queue-staff-reception-states") + "?" + urlencode({"location": location.slug}),
        },
        status=status,
    )


@require_GET
@queue_staff_required
def reception_states(request: HttpRequest) -> HttpResponse:
    """The queues at a glance alone, for HTMX to refresh every few seconds."""
    _locations, location = _reception_location(request)
    if location is None:
        raise Http404
    now = timezone.now()
    return render(
        request,
        "queueing/staff/_queue_states.html",
        {
            "location": location,
            "states": selectors.queue_states(location=location, now=now),
            "now": now,
            "here": _reception_url(location),
            "states_url": request.get_full_path(),
        },
    )


@require_POST
@queue_staff_required
def reception_issue(request: HttpRequest, location_slug: str) -> HttpResponse:
    location = _location_or_404(request, location_slug)
    queues = staff_selectors.issue_queues(location=location)
    form = IssueForm(request.POST, queues=queues)
    locations = staff_selectors.queue_locations(user=request.user)
    if not form.is_valid() or "queue" not in form.cleaned_data:
        return _reception_page(request, locations, location, form=form, status=400)
    queue: Queue = form.cleaned_data["queue"]
    try:
        ticket = ticket_issue(
            actor=request.user,
            queue=queue,
            service=form.cleaned_data["service"],
            language=form.cleaned_data["language"],
            phone=form.cleaned_data["phone"],
            assisted=form.cleaned_data["assisted"],
            note=form.cleaned_data["note"],
        )
    except PermissionDenied as exc:
        raise DjangoPermissionDenied(str(exc)) from exc
    except DomainError as exc:
        field = {"service": "what"}.get(exc.field or "", exc.field)
        form.add_error(field if field in form.fields else None, str(exc.message))
        return _reception_page(request, locations, location, form=form, status=400)
    request.session[ISSUED_KEY] = ticket.pk
    return HttpResponseRedirect(_reception_url(location))


# --- Check-in of an appointment at the desk ------------------------------------------------------


def _appointment_or_404(request: HttpRequest, reference: str) -> Appointment:
    try:
        appointment = booking_selectors.appointment_for_staff(user=request.user, reference=reference)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    if appointment.location.organisation_id not in appointment_staff_selectors.appointment_organisation_ids(
        user=request.user
    ):
        raise Http404(_("There is no appointment with this reference in your organisation."))
    return appointment


@require_POST
@appointment_staff_required
def check_in(request: HttpRequest, reference: str) -> HttpResponse:
    """The person of the appointment has arrived: checked in, with a ticket to wait for their desk.

    A location without a walk-in queue checks in without a ticket (the desk calls them by name).
    """
    appointment = _appointment_or_404(request, reference)
    detail = reverse("appointments-staff-detail", kwargs={"reference": appointment.reference})
    try:
        ticket = ticket_check_in(actor=request.user, appointment=appointment)
        appointment.refresh_from_db()
    except PermissionDenied as exc:
        raise DjangoPermissionDenied(str(exc)) from exc
    except DomainError as exc:
        flash.error(request, f"{appointment.reference}: {exc.message}")
        return _back(request, detail)
    names = {"name": appointment.name, "reference": appointment.reference}
    if ticket is not None:
        names["code"] = ticket.code
        if appointment.arrived_late:
            done = _("%(name)s (%(reference)s) is checked in, late. Give them ticket number %(code)s.")
        else:
            done = _("%(name)s (%(reference)s) is checked in, on time. Give them ticket number %(code)s.")
    elif appointment.arrived_late:
        done = _("%(name)s (%(reference)s) is checked in, late.")
    else:
        done = _("%(name)s (%(reference)s) is checked in, on time.")
    flash.success(request, done % names)
    return _back(request, detail)

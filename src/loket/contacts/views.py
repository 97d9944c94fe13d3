"""Pages of contacts and requests: the agent's screen, hand-over, the work lists, one request; the public form.

Views stay thin: reads through ``selectors`` (scoped, so another organisation's contact or request
is a 404), writes through ``services`` (which check the organisation again, audit and write the
citizen's message). Every change is a POST that redirects; a refused one shows the page again with
the message next to its field and changes nothing.

The agent's screen is built for a phone call: the first field has the focus, the tab order is the
order of the call (channel, outcome, what was asked, who), and Alt+letter shortcuts do the rest
(shown on the screen, ``static/contacts/shortcuts.js``): save, save and book an appointment, save
and hand over a request, search the catalogue, find a person. The
catalogue search and the service sheet sit beside the form (HTMX swaps them in; without
JavaScript they are links that reload the page). Finding a person is a POST (what is typed to find
someone never goes into a URL) and an audited read (``citizens.selectors.people_search``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from loket.catalog.models import Service, ServiceStatus
from loket.catalog.selectors import service_get_published, service_search, service_sheet
from loket.citizens.models import Person, PreferredChannel
from loket.citizens.selectors import people_search, person_for_staff
from loket.citizens.services import PersonDetails
from loket.contacts import selectors, services
from loket.contacts.forms import (
    AssignForm,
    ContactForm,
    HandOverForm,
    MessageForm,
    NoteForm,
    PublicRequestForm,
    StatusForm,
)
from loket.contacts.models import ContactChannel, Outcome, Request, RequestOrigin
from loket.core.errors import DomainError, NotFound, PermissionDenied
from loket.core.i18n import current_language, translated
from loket.organisations.selectors import CONTACT_ROLES, staff_organisation_ids

View = Callable[..., HttpResponseBase]

# Which form field shows a service's error about a person entered on the spot.
PERSON_FIELDS = {"name": "person_name", "email": "person_email", "phone": "person_phone", "person": "person_name"}
SENT_KEY = "contacts:sent-request"
CATALOGUE_RESULTS = 8


def _guard(allowed: Callable[[Any], bool]) -> Callable[[View], View]:
    """Logged in (else the login page) and allowed (else 403); never cached (personal data)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user):
                raise DjangoPermissionDenied
            response = view(request, *args, **kwargs)
            add_never_cache_headers(response)
            return response

        return wrapper

    return decorator


contact_staff_required = _guard(lambda user: bool(staff_organisation_ids(user=user, roles=CONTACT_ROLES)))
request_staff_required = _guard(lambda user: not selectors.request_scope(user=user).empty)
manager_required = _guard(lambda user: selectors.is_manager_anywhere(user=user))


def _error_to_form(form: Any, error: DomainError, mapping: dict[str, str] | None = None) -> None:
    name = (mapping or {}).get(error.field or "", error.field)
    form.add_error(name if name in form.fields else None, str(error.message))


def _service_title(service: Service, lang: str) -> str:
    return translated(service, "title", lang).text


# --- The agent's screen ------------------------------------------------------------------------


def _catalogue_hits(user: Any, query: str, lang: str) -> list[tuple[Service, str]]:
    """The public catalogue search, narrowed to the organisations the agent answers for."""
    if len(query.strip()) < 2:
        return []
    allowed = set(services.contact_organisations(user=user))
    hits = [hit.service for hit in service_search(query=query, lang=lang, limit=40)]
    return [(s, _service_title(s, lang)) for s in hits if s.organisation_id in allowed][:CATALOGUE_RESULTS]


def _sheet_for(user: Any, slug: str, lang: str) -> Any:
    if not slug:
        return None
    try:
        service = service_get_published(slug=slug)
    except NotFound:
        return None
    if service.organisation_id not in services.contact_organisations(user=user):
        return None
    return service_sheet(service=service, lang=lang, with_opening_hours=False)


def _agent_context(request: HttpRequest, form: ContactForm, **extra: Any) -> dict[str, Any]:
    lang = current_language()
    data = request.POST if request.method == "POST" else request.GET
    query = data.get("q", "")
    chosen = [slug for slug in data.getlist("services") if slug][:3]
    slug = request.GET.get("service", "") or (chosen[0] if chosen else "")
    context = {
        "form": form,
        "query": query,
        "hits": _catalogue_hits(request.user, query, lang),
        "sheet": _sheet_for(request.user, slug, lang),
        "recent": selectors.contacts_recent(user=request.user, mine=True, limit=10),
        "person_query": request.POST.get("person_q", ""),
        "people": None,
        "chosen_person": None,
        "shortcuts": True,
    }
    context.update(extra)
    return context


def _organisation_choices(request: HttpRequest) -> list[tuple[str, str]]:
    return [(str(o.pk), o.name) for o in selectors.contact_organisation_choices(user=request.user)]


def _quick_person(form: ContactForm | HandOverForm, language: str) -> PersonDetails | None:
    name = form.cleaned_data.get("person_name", "").strip()
    if not name:
        return None
    email = form.cleaned_data.get("person_email", "").strip()
    phone = form.cleaned_data.get("person_phone", "").strip()
    channel = PreferredChannel.EMAIL if email else (PreferredChannel.SMS if phone else PreferredChannel.POST)
    return PersonDetails(name=name, email=email, phone=phone, language=language, preferred_channel=channel)


def _chosen_person(request: HttpRequest) -> Person | None:
    value = request.POST.get("person", "")
    if not value.isdigit():
        return None
    try:
        return person_for_staff(user=request.user, pk=int(value))
    except NotFound:
        return None


@require_http_methods(["GET", "POST"])
@contact_staff_required
def agent(request: HttpRequest) -> HttpResponse:
    """Log a contact while on the phone (or at the counter); then book or hand over in one keystroke."""
    organisations = _organisation_choices(request)
    lang = current_language()
    if request.method == "GET":
        form = ContactForm(initial={"language": lang}, organisations=organisations)
        return render(request, "contacts/agent.html", _agent_context(request, form))

    if "find" in request.POST:  # find a person; nothing is saved, nothing is checked yet
        people = people_search(user=request.user, query=request.POST.get("person_q", ""))
        form = ContactForm(initial=request.POST.dict(), organisations=organisations)
        return render(request, "contacts/agent.html", _agent_context(request, form, people=people))
    form = ContactForm(request.POST, organisations=organisations)
    then = request.POST.get("then", "save")
    person = _chosen_person(request)
    context_extra: dict[str, Any] = {"chosen_person": person}
    if request.POST.get("person") and person is None:
        form.add_error(None, _("This person is not known to your organisation."))
    if form.is_valid():
        outcome = form.cleaned_data["outcome"] or {"book": Outcome.APPOINTMENT, "request": Outcome.REQUEST}.get(
            then, ""
        )
        if not outcome:
            form.add_error("outcome", _("Choose how the contact ended."))
    if form.is_valid():
        organisation_id = form.cleaned_data.get("organisation") or (organisations[0][0] if organisations else "")
        organisation = next(
            (o for o in selectors.contact_organisation_choices(user=request.user) if str(o.pk) == organisation_id), None
        )
        minutes = form.cleaned_data.get("duration_minutes")
        try:
            contact = services.contact_log(
                actor=request.user,
                organisation=organisation,
                channel=form.cleaned_data["channel"],
                outcome=outcome,
                summary=form.cleaned_data["summary"],
                services=[slug for slug in request.POST.getlist("services") if slug][:3],
                person=person,
                new_person=None if person else _quick_person(form, form.cleaned_data["language"]),
                direction=form.cleaned_data["direction"],
                language=form.cleaned_data["language"],
                referred_to=form.cleaned_data["referred_to"],
                duration_seconds=minutes * 60 if minutes is not None else None,
            )
        except PermissionDenied as exc:
            form.add_error("organisation" if "organisation" in form.fields else None, str(exc.message))
        except DomainError as exc:
            _error_to_form(form, exc, PERSON_FIELDS)
        else:
            flash.success(request, _("The contact is saved."))
            if then == "request":
                return HttpResponseRedirect(reverse("contacts-handover", kwargs={"pk": contact.pk}))
            if then == "book":
                return HttpResponseRedirect(_book_url(contact))
            return HttpResponseRedirect(reverse("contacts-agent"))
    return render(request, "contacts/agent.html", _agent_context(request, form, **context_extra), status=400)


@require_GET
@contact_staff_required
def catalogue(request: HttpRequest) -> HttpResponse:
    """The catalogue search beside the agent's form (its results only, for HTMX)."""
    lang = current_language()
    query = request.GET.get("q", "")
    return render(
        request,
        "contacts/_catalogue_results.html",
        {"query": query, "hits": _catalogue_hits(request.user, query, lang)},
    )


@require_GET
@contact_staff_required
def sheet(request: HttpRequest, slug: str) -> HttpResponse:
    """One service's sheet (what to bring, cost, handling time) for the side panel."""
    found = _sheet_for(request.user, slug, current_language())
    if found is None:
        raise Http404(_("This service is not in your catalogue."))
    return render(request, "contacts/_sheet.html", {"sheet": found})


# --- One contact, and handing it over ------------------------------------------------------------


def _contact_or_404(request: HttpRequest, pk: int) -> Any:
    try:
        return selectors.contact_for_staff(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(_("There is no such contact in your organisation.")) from exc


@require_GET
@contact_staff_required
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _contact_or_404(request, pk)
    return render(request, "contacts/contact_detail.html", {"contact": contact, "book_url": _book_url(contact)})


def _book_url(contact: Any) -> str:
    """Book on behalf with the contact's services chosen; the booked page comes back here to link it."""
    back = reverse("contacts-contact-appointment", kwargs={"pk": contact.pk})
    query = urlencode([*(("services", s.slug) for s in contact.services.all()), ("return_to", back)])
    return reverse("appointments-staff-book") + f"?{query}"


@require_POST
@contact_staff_required
def contact_appointment(request: HttpRequest, pk: int) -> HttpResponse:
    """Back from booking on behalf: the contact names the appointment just booked."""
    contact = _contact_or_404(request, pk)
    appointment = selectors.contact_appointment_candidate(contact=contact, reference=request.POST.get("reference", ""))
    if appointment is None:
        flash.error(request, _("There is no such appointment in this organisation."))
    else:
        try:
            services.contact_link_appointment(actor=request.user, contact=contact, appointment=appointment)
        except DomainError as exc:
            flash.error(request, str(exc.message))
        else:
            flash.success(request, _("The appointment is noted with the contact."))
    return HttpResponseRedirect(reverse("contacts-contact", kwargs={"pk": contact.pk}))


@require_http_methods(["GET", "POST"])
@contact_staff_required
def handover(request: HttpRequest, pk: int) -> HttpResponse:
    """Hand a request to a department of the organisation the contact was about."""
    contact = _contact_or_404(request, pk)
    lang = current_language()
    departments = selectors.departments_of(organisation=contact.organisation)
    offered = list(
        Service.objects.filter(organisation=contact.organisation, status=ServiceStatus.PUBLISHED).order_by("slug")
    )
    service_choices = sorted(((s.slug, _service_title(s, lang)) for s in offered), key=lambda c: c[1].casefold())
    first = next(iter(contact.services.all()), None)
    form_kwargs = {
        "departments": [(str(d.pk), d.name) for d in departments],
        "services": service_choices,
        "needs_person": contact.person is None,
    }
    if request.method == "GET":
        initial = {
            "subject": (contact.summary or (_service_title(first, lang) if first else ""))[:200],
            "service": first.slug if first else "",
            "department": str(first.department_id) if first and first.department_id else "",
        }
        form = HandOverForm(initial=initial, **form_kwargs)  # type: ignore[arg-type]
        return render(request, "contacts/handover.html", {"contact": contact, "form": form})

    form = HandOverForm(request.POST, **form_kwargs)  # type: ignore[arg-type]
    if form.is_valid():
        department = next(d for d in departments if str(d.pk) == form.cleaned_data["department"])
        service = next((s for s in offered if s.slug == form.cleaned_data["service"]), None)
        new_person = _quick_person(form, contact.language) if contact.person is None else None
        origin = RequestOrigin.COUNTER if contact.channel == ContactChannel.COUNTER else RequestOrigin.CONTACT
        try:
            handed = services.request_create(
                actor=request.user,
                organisation=contact.organisation,
                department=department,
                person=contact.person,
                new_person=new_person,
                subject=form.cleaned_data["subject"],
                description=form.cleaned_data["description"],
                service=service,
                origin=origin,
                contact=contact,
            )
        except PermissionDenied as exc:
            raise DjangoPermissionDenied(str(exc.message)) from exc
        except DomainError as exc:
            _error_to_form(form, exc, PERSON_FIELDS)
        else:
            flash.success(
                request,
                _("Handed over to %(department)s. Reference %(reference)s, answer by %(date)s.")
                % {
                    "department": department.name,
                    "reference": handed.reference,
                    "date": date_format(handed.due_on, "j F Y"),
                },
            )
            return HttpResponseRedirect(reverse("contacts-contact", kwargs={"pk": contact.pk}))
    return render(request, "contacts/handover.html", {"contact": contact, "form": form}, status=400)


# --- The back office --------------------------------------------------------------------------------


@require_GET
@request_staff_required
def work_list(request: HttpRequest) -> HttpResponse:
    """A department's requests: new, mine, overdue, all open; with the count of each."""
    departments = selectors.departments_for_staff(user=request.user)
    if not departments:
        return render(request, "contacts/work_list.html", {"departments": [], "work": None})
    wanted = request.GET.get("department", "")
    department = next((d for d in departments if str(d.pk) == wanted), None)
    if wanted and department is None:
        raise Http404(_("This department is not one of yours."))
    department = department or departments[0]
    tab = request.GET.get("tab", "new")
    work = selectors.department_work_list(user=request.user, department=department, tab=tab)
    tabs = [
        ("new", _("New")),
        ("mine", _("Mine")),
        ("overdue", _("Overdue")),
        ("open", _("All open")),
    ]
    return render(
        request,
        "contacts/work_list.html",
        {
            "departments": departments,
            "department": department,
            "work": work,
            "tabs": [(key, label, work.counts.get(key, 0)) for key, label in tabs],
            "today": timezone.localdate(),
            "is_manager": selectors.is_manager_anywhere(user=request.user),
        },
    )


@require_GET
@manager_required
def overdue(request: HttpRequest) -> HttpResponse:
    """For managers: every overdue request across the departments of their organisations."""
    groups = selectors.requests_overdue_for_manager(user=request.user)
    return render(
        request,
        "contacts/overdue.html",
        {"groups": groups, "total": sum(len(g.requests) for g in groups), "today": timezone.localdate()},
    )


def _request_or_404(request: HttpRequest, pk: int) -> Request:
    try:
        return selectors.request_for_staff(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(_("There is no such request in your departments.")) from exc


def _member_choices(req: Request) -> list[tuple[str, str]]:
    return [
        (str(u.pk), u.get_full_name() or u.get_username())  # type: ignore[attr-defined]
        for u in selectors.department_members(department=req.department)
    ]


def _allowed_statuses(request: HttpRequest, req: Request) -> list[str]:
    allowed = set(services.TRANSITIONS[req.status])
    if not req.is_open and not services.is_manager(user=request.user, organisation_id=req.organisation_id):  # type: ignore[arg-type]
        allowed = set()
    return [value for value in services.TRANSITIONS if value in allowed]


def _detail(request: HttpRequest, req: Request, status: int = 200, **forms: Any) -> HttpResponse:
    allowed = _allowed_statuses(request, req)
    context = {
        "req": req,
        "today": timezone.localdate(),
        "status_form": forms.get("status_form") or StatusForm(allowed=allowed),
        "assign_form": forms.get("assign_form")
        or AssignForm(members=_member_choices(req), initial={"assignee": req.assignee_id or ""}),
        "note_form": forms.get("note_form") or NoteForm(),
        "message_form": forms.get("message_form") or MessageForm(),
        "can_change_status": bool(allowed),
        "is_mine": req.assignee_id == request.user.pk,
        "max_mb": settings.LOKET_DOCUMENT_MAX_BYTES // 2**20,
        "citizen_attachments": [a for a in req.attachments.all() if a.message_id is None and not a.internal],
    }
    return render(request, "contacts/request_detail.html", context, status=status)


def _detail_url(req: Request) -> str:
    return reverse("contacts-request", kwargs={"pk": req.pk})


@require_GET
@request_staff_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _request_or_404(request, pk))


@require_POST
@request_staff_required
def request_status(request: HttpRequest, pk: int) -> HttpResponse:
    req = _request_or_404(request, pk)
    form = StatusForm(request.POST, allowed=_allowed_statuses(request, req))
    if form.is_valid():
        try:
            services.request_change_status(
                actor=request.user, request=req, status=form.cleaned_data["status"], reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            _error_to_form(form, exc)
        else:
            flash.success(request, _("The status is changed. The citizen is told."))
            return HttpResponseRedirect(_detail_url(req))
    return _detail(request, req, 400, status_form=form)


@require_POST
@request_staff_required
def request_assign(request: HttpRequest, pk: int) -> HttpResponse:
    req = _request_or_404(request, pk)
    members = _member_choices(req)
    form = AssignForm(request.POST, members=members)
    if form.is_valid():
        chosen = form.cleaned_data["assignee"]
        assignee = get_user_model().objects.filter(pk=int(chosen)).first() if chosen else None
        try:
            services.request_assign(actor=request.user, request=req, assignee=assignee)
        except DomainError as exc:
            _error_to_form(form, exc)
        else:
            flash.success(request, _("The request is assigned."))
            return HttpResponseRedirect(_detail_url(req))
    return _detail(request, req, 400, assign_form=form)


@require_POST
@request_staff_required
def request_note(request: HttpRequest, pk: int) -> HttpResponse:
    req = _request_or_404(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.request_note(actor=request.user, request=req, text=form.cleaned_data["text"])
        except DomainError as exc:
            _error_to_form(form, exc)
        else:
            flash.success(request, _("The note is saved."))
            return HttpResponseRedirect(_detail_url(req) + "#history")
    return _detail(request, req, 400, note_form=form)


@require_POST
@request_staff_required
def request_message(request: HttpRequest, pk: int) -> HttpResponse:
    req = _request_or_404(request, pk)
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            sent = services.request_message_to_citizen(
                actor=request.user, request=req, body=form.cleaned_data["body"], files=form.cleaned_data["attachments"]
            )
        except DomainError as exc:
            _error_to_form(form, exc, {"files": "attachments"})
        else:
            told = {
                "email": _("The message is sent. The citizen gets an e-mail that it is there."),
                "sms": _("The message is sent. The citizen gets a text message that it is there."),
                "letter": _("The message is saved. The citizen asked for letters: send one (see the history)."),
                "call": _("The message is saved. The citizen asked to be phoned: call them (see the history)."),
            }
            flash.success(
                request, told.get(sent.route, _("The message is saved. We have no way to reach the citizen."))
            )
            return HttpResponseRedirect(_detail_url(req) + "#messages")
    return _detail(request, req, 400, message_form=form)


@require_GET
@request_staff_required
def request_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    try:
        attachment = selectors.request_attachment_for_staff(user=request.user, request_pk=pk, pk=file_pk)
    except NotFound as exc:
        raise Http404(_("There is no such file.")) from exc
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.filename,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- The public form ------------------------------------------------------------------------------


def _public_services(lang: str) -> list[Service]:
    rows = Service.objects.filter(status=ServiceStatus.PUBLISHED, department__isnull=False).select_related(
        "organisation", "department"
    )
    return sorted(rows, key=lambda s: _service_title(s, lang).casefold())


@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest) -> HttpResponse:
    """A citizen asks for something in writing; it goes to the service's department."""
    lang = current_language()
    offered = _public_services(lang)
    choices = [(s.slug, f"{_service_title(s, lang)} ({s.organisation.name})") for s in offered]
    if request.method == "GET":
        form = PublicRequestForm(initial={"service": request.GET.get("service", "")}, services=choices)
        return render(request, "contacts/request_new.html", {"form": form})
    form = PublicRequestForm(request.POST, services=choices)
    if form.is_valid():
        if is_ratelimited(
            request, group="contacts.request_new", key="ip", rate=settings.LOKET_BOOKING_RATE, increment=True
        ):
            form.add_error(None, _("Too many requests from this connection. Please try again later, or call us."))
        else:
            service = next(s for s in offered if s.slug == form.cleaned_data["service"])
            try:
                created = services.request_submit_web_form(
                    service=service,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    description=form.cleaned_data["description"],
                    language=lang,
                )
            except DomainError as exc:
                _error_to_form(form, exc)
            else:
                request.session[SENT_KEY] = {
                    "reference": created.reference,
                    "due_on": created.due_on.isoformat(),
                    "department": created.department.name,
                }
                return HttpResponseRedirect(reverse("request-sent"))
    return render(request, "contacts/request_new.html", {"form": form}, status=400)


@require_GET
def request_sent(request: HttpRequest) -> HttpResponse:
    """The reference to keep, once (a reload sends the citizen back to the form)."""
    sent = request.session.pop(SENT_KEY, None)
    if not sent:
        return HttpResponseRedirect(reverse("request-new"))
    due = datetime.date.fromisoformat(sent["due_on"])
    try:
        portal: str | None = reverse("portal-home")
    except NoReverseMatch:  # the portal's pages are not mounted (yet)
        portal = None
    response = render(request, "contacts/request_sent.html", {"sent": sent, "due": due, "portal_url": portal})
    add_never_cache_headers(response)
    return response

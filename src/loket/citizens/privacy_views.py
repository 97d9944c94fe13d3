"""The data-protection officer's pages, under ``/<lang>/staff/privacy/``.

The audit trail (search, paginated; every search is itself written to the trail), the erasure
requests (list and the form that erases or refuses), and the retention periods with the counts
of the job's last run. Only holders of ``PRIVACY_ROLES`` open these pages (others get 403); what
they see is scoped by ``privacy_selectors``. Views stay thin: the one writer is
``erasure.erasure_request_handle``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied as HttpPermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from loket.citizens import national_number, privacy_selectors, retention
from loket.citizens.erasure import KEEPABLE, erasure_preview, erasure_request_handle
from loket.citizens.models import ErasureStatus
from loket.core.audit import audit_log, audit_read
from loket.core.errors import DomainError

View = Callable[..., HttpResponse]
PAGE_SIZE = 50

# What each kind of record is called on these pages.
KIND_LABELS: dict[str, Any] = {
    "contacts": gettext_lazy("Contacts (calls, e-mails, visits)"),
    "appointments": gettext_lazy("Appointments"),
    "appointment_documents": gettext_lazy("Documents uploaded for appointments"),
    "appointments_upcoming": gettext_lazy("Appointments still to come"),
    "waiting_list": gettext_lazy("Waiting-list entries"),
    "tickets": gettext_lazy("Queue tickets"),
    "requests": gettext_lazy("Requests to the back office"),
    "requests_open": gettext_lazy("of which still open"),
    "request_attachments": gettext_lazy("Attachments of requests"),
    "people": gettext_lazy("People"),
    "sign_in_links": gettext_lazy("Sign-in links of Mijn loket"),
    "consents": gettext_lazy("Consents in force"),
    "consents_withdrawn": gettext_lazy("Consents withdrawn"),
}
# When each retention period starts counting.
PERIOD_START: dict[str, Any] = {
    "contacts": gettext_lazy("after the contact"),
    "appointments": gettext_lazy("after the date of the appointment"),
    "tickets": gettext_lazy("after the day of the ticket"),
    "requests": gettext_lazy("after the request was closed"),
    "sign_in_links": gettext_lazy("after the link was sent"),
    "people": gettext_lazy("after the person's last contact, request or consent"),
}


def privacy_required(view: View) -> View:
    """Logged in (else to the login page) and data-protection officer of an organisation (else 403)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not privacy_selectors.privacy_organisation_ids(user=request.user):
            raise HttpPermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


class AuditSearchForm(forms.Form):
    person = forms.IntegerField(
        label=gettext_lazy("Person number"),
        required=False,
        min_value=1,
        help_text=gettext_lazy("As in the address of the person's record."),
    )
    national_number = forms.CharField(
        label=gettext_lazy("National register number"),
        required=False,
        max_length=20,
        help_text=gettext_lazy("11 digits, e.g. 85.07.30-033.28."),
    )
    actor = forms.CharField(
        label=gettext_lazy("Who"),
        required=False,
        max_length=150,
        help_text=gettext_lazy("A user name, or 'citizen' or 'system'."),
    )
    action = forms.CharField(
        label=gettext_lazy("What was done"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("The start is enough, e.g. 'person.' or 'person.read'."),
    )
    object = forms.CharField(
        label=gettext_lazy("Record"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Kind and number, e.g. 'citizens.person:12', or only the kind."),
    )
    date_from = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=gettext_lazy("Until (included)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_national_number(self) -> str:
        value = national_number.normalise(self.cleaned_data["national_number"])
        if value and not national_number.is_valid(value):
            raise forms.ValidationError(_("This national register number is not valid: it must have 11 digits."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("This date is before the first date."))
        return data

    def filters(self) -> privacy_selectors.AuditFilters:
        data = self.cleaned_data
        return privacy_selectors.AuditFilters(
            person_id=data.get("person"),
            national_number=data.get("national_number") or "",
            actor=data.get("actor") or "",
            action=data.get("action") or "",
            object=data.get("object") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


@require_GET
@privacy_required
def privacy_home(request: HttpRequest) -> HttpResponse:
    open_count = (
        privacy_selectors.erasure_requests_for_officer(user=request.user).filter(status=ErasureStatus.OPEN).count()
    )
    return render(request, "citizens/privacy/home.html", {"open_count": open_count})


@require_GET
@privacy_required
def audit_search(request: HttpRequest) -> HttpResponse:
    officer = request.user
    if not isinstance(officer, AbstractBaseUser):  # privacy_required let only a signed-in user through
        raise HttpPermissionDenied
    form = AuditSearchForm(request.GET or None)
    page = None
    searched = False
    if not request.GET or form.is_valid():
        filters = form.filters() if request.GET else privacy_selectors.AuditFilters()
        entries = privacy_selectors.audit_entries_for_officer(user=request.user, filters=filters)
        with transaction.atomic():
            page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
            page.object_list = list(page.object_list)  # read before the search's own entry is written
            # The search is itself a read of personal data: on the record, with what was asked.
            audit_log(
                actor=officer,
                action="audit.search",
                obj=officer,
                organisation_id=min(privacy_selectors.privacy_organisation_ids(user=officer)),
                changes={"filters": filters.for_the_record(), "page": page.number, "found": page.paginator.count},
                person_id=filters.person_id,
            )
        searched = True
    query = {key: value for key, value in request.GET.items() if key != "page" and value}
    return render(
        request,
        "citizens/privacy/audit.html",
        {"form": form, "page": page, "searched": searched, "query": urlencode(query)},
        status=400 if form.errors else 200,
    )


@require_GET
@privacy_required
def erasure_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(privacy_selectors.erasure_requests_for_officer(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "citizens/privacy/erasures.html", {"page": page})


class ErasureDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            ("erase", gettext_lazy("Erase the personal data now")),
            ("refuse", gettext_lazy("Refuse the request")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose to erase or to refuse.")},
    )
    keep = forms.MultipleChoiceField(
        label=gettext_lazy("Keep, because the law requires it"),
        required=False,
        choices=[(kind, KIND_LABELS[kind]) for kind in KEEPABLE],
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Needed to refuse, or to keep something: name the law. The person can be told."),
    )


@require_http_methods(["GET", "POST"])
@privacy_required
def erasure_handle(request: HttpRequest, pk: int) -> HttpResponse:
    erasure = privacy_selectors.erasure_request_for_officer(user=request.user, pk=pk)
    if erasure is None:
        raise Http404
    form = ErasureDecisionForm(request.POST or None)
    if request.method == "POST" and erasure.status == ErasureStatus.OPEN and form.is_valid():
        try:
            erasure_request_handle(
                actor=request.user,
                erasure=erasure,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
                keep=form.cleaned_data["keep"],
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            if form.cleaned_data["decision"] == "erase":
                messages.success(request, _("The personal data was erased. What went is recorded on the request."))
            else:
                messages.success(request, _("The request was refused. The reason is recorded on the request."))
            return HttpResponseRedirect(reverse("privacy-erasure-handle", args=[erasure.pk]))
    person = erasure.person
    if not person.erased_at:
        audit_read(actor=request.user, obj=person, person_id=person.pk, fields=["name", "email"])
    preview = erasure_preview(person=person) if erasure.status == ErasureStatus.OPEN else {}
    erased = erasure.erased or {}
    return render(
        request,
        "citizens/privacy/erasure_handle.html",
        {
            "erasure": erasure,
            "person": person,
            "form": form,
            "preview": [(KIND_LABELS.get(kind, kind), count) for kind, count in preview.items()],
            "erased_counts": [(KIND_LABELS.get(k, k), n) for k, n in (erased.get("counts") or {}).items()],
            "kept_counts": [(KIND_LABELS.get(k, k), n) for k, n in (erased.get("kept") or {}).items()],
        },
        status=400 if form.errors else 200,
    )


@require_GET
@privacy_required
def retention_overview(request: HttpRequest) -> HttpResponse:
    last = retention.last_run()
    counts = (last.changes.get("counts") or {}) if last else {}
    periods = [
        (KIND_LABELS.get(kind, kind), days, PERIOD_START.get(kind, ""))
        for kind, days in settings.LOKET_RETENTION_DAYS.items()
    ]
    return render(
        request,
        "citizens/privacy/retention.html",
        {
            "periods": periods,
            "last": last,
            "last_counts": [(KIND_LABELS.get(kind, kind), count) for kind, count in counts.items()],
        },
    )

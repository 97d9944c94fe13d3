"""The catalogue editor's pages: work list, service list, the service form and its actions.

Thin views: reads go through ``staff_selectors`` (scoped to the editor's organisations, so a
service or report of another organisation is a 404), writes through ``services`` (which check the
permission again and audit). Every action is a POST that redirects (post/redirect/get), with a
message in the editor's language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Field
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loket.catalog import services, staff_selectors
from loket.catalog.models import SERVICE_TEXT_FIELDS, ChannelKind, ContentReport, Service
from loket.catalog.readability import text_readability
from loket.catalog.staff_forms import LANGUAGES, ServiceEditForm, channel_field_name, text_field_name
from loket.core.errors import DomainError, NotFound, PermissionDenied
from loket.organisations.access import catalogue_editor_required

# The hardest sheets first; the rest one click away, so the work list stays a list of work.
WORK_LIST_HARD_TO_READ_SHOWN = 20


def _service_or_404(request: HttpRequest, slug: str) -> Service:
    try:
        return staff_selectors.service_get_for_editor(user=request.user, slug=slug)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


def _report_or_404(request: HttpRequest, report_id: int) -> ContentReport:
    try:
        return staff_selectors.report_get_for_editor(user=request.user, report_id=report_id)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


def _back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(default)


@require_GET
@catalogue_editor_required
def worklist(request: HttpRequest) -> HttpResponse:
    work = staff_selectors.editor_work_list(user=request.user)
    show_all = request.GET.get("readability") == "all"
    hard_to_read = work.poorly_readable if show_all else work.poorly_readable[:WORK_LIST_HARD_TO_READ_SHOWN]
    return render(request, "catalog/staff/worklist.html", {"work": work, "hard_to_read": hard_to_read})


@require_GET
@catalogue_editor_required
def service_list(request: HttpRequest) -> HttpResponse:
    services_ = list(staff_selectors.services_for_editor(user=request.user))
    return render(request, "catalog/staff/service_list.html", {"services": services_})


@require_http_methods(["GET", "POST"])
@catalogue_editor_required
def service_edit(request: HttpRequest, slug: str) -> HttpResponse:
    service = _service_or_404(request, slug)
    departments = list(staff_selectors.departments_for_service(service=service))
    score_url = reverse("catalog-staff-service-readability", kwargs={"slug": service.slug})
    status = 200
    if request.method == "POST":
        form = ServiceEditForm(request.POST, service=service, departments=departments, readability_url=score_url)
        if form.is_valid():
            data, kinds = form.service_data()
            try:
                services.service_update(
                    actor=request.user, service=service, data=data, if_unchanged_since=form.cleaned_data["loaded_at"]
                )
            except PermissionDenied as exc:
                raise DjangoPermissionDenied(str(exc)) from exc
            except DomainError as exc:
                form.add_domain_error(exc.field, str(exc.message), kinds)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect("catalog-staff-service-edit", slug=service.slug)
        form.mark_errors()
        status = 400
    else:
        form = ServiceEditForm(
            initial=ServiceEditForm.initial_for(service),
            service=service,
            departments=departments,
            readability_url=score_url,
        )
    return render(request, "catalog/staff/service_edit.html", _edit_context(service, form), status=status)


@require_POST
@catalogue_editor_required
def service_text_readability(request: HttpRequest, slug: str) -> HttpResponse:
    """The readability note of one text as the editor types it (htmx), without saving anything."""
    _service_or_404(request, slug)  # only for a service the editor may edit
    for name in SERVICE_TEXT_FIELDS:
        for lang, _language in LANGUAGES:
            key = text_field_name(name, lang)
            if key in request.POST:
                score = text_readability(request.POST[key][:20_000], lang, field=name)
                context = {"score": score, "id": f"read-{name}-{lang}"}
                return render(request, "catalog/staff/_readability.html", context)
    return HttpResponse(status=400)


def _edit_context(service: Service, form: ServiceEditForm) -> dict[str, object]:
    """The form grouped as the template shows it: per text field, the three languages with scores."""
    texts = []
    for name in SERVICE_TEXT_FIELDS:
        model_field = cast(Field, Service._meta.get_field(name))
        languages = []
        for lang, language_name in LANGUAGES:
            bound = form[text_field_name(name, lang)]
            value = bound.value() or ""
            languages.append(
                {
                    "lang": lang,
                    "name": language_name,
                    "field": bound,
                    "score": text_readability(value, lang, field=name),
                }
            )
        texts.append(
            {"name": name, "label": model_field.verbose_name, "help": model_field.help_text, "languages": languages}
        )
    channels = []
    for kind, label in ChannelKind.choices:
        parts = {
            "offered": form[channel_field_name(kind, "offered")],
            "url": form[channel_field_name(kind, "url")] if kind == ChannelKind.ONLINE else None,
            "phone": form[channel_field_name(kind, "phone")] if kind == ChannelKind.PHONE else None,
        }
        instructions = [form[channel_field_name(kind, f"instructions_{lang}")] for lang, _n in LANGUAGES]
        has_errors = any(bound.errors for bound in [*parts.values(), *instructions] if bound is not None)
        offered = bool(form[channel_field_name(kind, "offered")].value())
        # Channels not offered stay folded: six channels with three texts each make a very long page.
        channels.append(
            {
                "kind": kind,
                "label": label,
                **parts,
                "instructions": instructions,
                "is_offered": offered,
                "open": offered or has_errors,
            }
        )
    return {
        "service": service,
        "form": form,
        "texts": texts,
        "channels": channels,
        "reports": list(staff_selectors.reports_for_editor_service(service=service)),
        "overdue": service.is_overdue_for_review(),
    }


@require_POST
@catalogue_editor_required
def service_mark_reviewed(request: HttpRequest, slug: str) -> HttpResponse:
    service = _service_or_404(request, slug)
    return _act(
        request,
        lambda: services.service_mark_reviewed(actor=request.user, service=service),
        service,
        _("Marked as reviewed today."),
    )


@require_POST
@catalogue_editor_required
def service_publish(request: HttpRequest, slug: str) -> HttpResponse:
    service = _service_or_404(request, slug)
    return _act(
        request,
        lambda: services.service_publish(actor=request.user, service=service),
        service,
        _("Published: citizens can now find this service."),
    )


@require_POST
@catalogue_editor_required
def service_unpublish(request: HttpRequest, slug: str) -> HttpResponse:
    service = _service_or_404(request, slug)
    return _act(
        request,
        lambda: services.service_unpublish(actor=request.user, service=service),
        service,
        _("Unpublished: citizens no longer see this service."),
    )


@require_POST
@catalogue_editor_required
def report_resolve(request: HttpRequest, report_id: int) -> HttpResponse:
    report = _report_or_404(request, report_id)
    return _act(
        request,
        lambda: services.content_report_resolve(actor=request.user, report=report),
        None,
        _("Report marked as resolved."),
    )


@require_POST
@catalogue_editor_required
def report_dismiss(request: HttpRequest, report_id: int) -> HttpResponse:
    report = _report_or_404(request, report_id)
    return _act(
        request,
        lambda: services.content_report_dismiss(actor=request.user, report=report),
        None,
        _("Report dismissed."),
    )


def _act(request: HttpRequest, action: Callable[[], object], service: Service | None, done: str) -> HttpResponse:
    default = (
        reverse("catalog-staff-service-edit", kwargs={"slug": service.slug})
        if service
        else reverse("catalog-staff-worklist")
    )
    try:
        action()
    except PermissionDenied as exc:
        raise DjangoPermissionDenied(str(exc)) from exc
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, done)
    return _back(request, default)

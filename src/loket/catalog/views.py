"""The citizen's pages of the catalogue: home, search results, service sheet, life event.

Views stay thin: they read through ``selectors``, write through ``services`` and only decide
which template and status to answer with. No login anywhere here; nothing here may show a
draft service or anything of staff.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from loket.catalog import selectors
from loket.catalog.forms import ContentReportForm, SearchForm
from loket.catalog.services import content_report_create
from loket.core.errors import DomainError, NotFound
from loket.core.i18n import current_language


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    lang = current_language()
    life_events = [event for event in selectors.life_event_cards(lang=lang) if event.service_slugs]
    most_asked = [selectors.service_card(service=s, lang=lang) for s in selectors.service_list_most_asked()]
    return render(
        request,
        "catalog/home.html",
        {"search_form": SearchForm(), "life_events": life_events, "most_asked": most_asked},
    )


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    lang = current_language()
    form = SearchForm(request.GET)
    query, life_event_slug = "", ""
    if form.is_valid():
        query, life_event_slug = form.cleaned_data["q"], form.cleaned_data["life_event"]
    life_event = selectors.life_event_find(slug=life_event_slug) if life_event_slug else None
    hits = selectors.service_search(query=query, lang=lang, life_event=life_event.slug if life_event else None)
    results = [selectors.service_card(service=hit.service, lang=lang, score=hit.score) for hit in hits]
    searched = bool(query or life_event)
    life_events = [] if results or not searched else selectors.life_event_cards(lang=lang)
    return render(
        request,
        "catalog/search_results.html",
        {
            "search_form": form,
            "query": query,
            "searched": searched,
            "life_event": selectors.life_event_card(event=life_event, lang=lang) if life_event else None,
            "results": results,
            "life_events": [event for event in life_events if event.service_slugs],
        },
    )


def _service_page(request: HttpRequest, slug: str, form: ContentReportForm, status: int = 200) -> HttpResponse:
    try:
        service = selectors.service_get_published(slug=slug)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    sheet = selectors.service_sheet(service=service, lang=current_language())
    return render(request, "catalog/service_detail.html", {"sheet": sheet, "report_form": form}, status=status)


@require_GET
def service_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _service_page(request, slug, ContentReportForm())


@require_http_methods(["GET", "POST"])
def service_report(request: HttpRequest, slug: str) -> HttpResponse:
    """ "Something wrong on this page?": saved for the editor, or the page again with the errors."""
    if request.method == "GET":  # e.g. after switching language on a page with errors
        return HttpResponseRedirect(reverse("service-detail", kwargs={"slug": slug}) + "#report")
    try:
        service = selectors.service_get_published(slug=slug)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    form = ContentReportForm(request.POST)
    if form.is_valid():
        try:
            content_report_create(
                service=service,
                message=form.cleaned_data["message"],
                email=form.cleaned_data["email"],
                language=current_language(),
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        else:
            return redirect("service-report-thanks", slug=slug)
    return _service_page(request, slug, form, status=400)


@require_GET
def service_report_thanks(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        service = selectors.service_get_published(slug=slug)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    card = selectors.service_card(service=service, lang=current_language())
    return render(request, "catalog/report_thanks.html", {"service": card})


@require_GET
def life_event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    lang = current_language()
    try:
        event, services = selectors.life_event_get(slug=slug, lang=lang)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    return render(
        request,
        "catalog/life_event_detail.html",
        {
            "life_event": selectors.life_event_card(event=event, lang=lang, service_slugs=(s.slug for s in services)),
            "services": [selectors.service_card(service=s, lang=lang) for s in services],
        },
    )

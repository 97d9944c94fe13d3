"""The survey pages: the citizen's form behind the link they received, and the tablet at the exit.

The citizen's page is reached only through the 128-bit secret of their invitation; an unknown,
used or expired link gets one plain message ("this link no longer works", 404), whichever it is,
so the page tells a guesser nothing. Answering redirects to a thanks page without the secret.

The tablet page is reached through the tablet's own secret address (location slug and key, like
a display screen); it is anonymous. Each time it shows the form it starts a new anonymous
invitation whose secret rides in the form, so a double tap is still one answer. After an answer
it thanks the person and goes back to an empty form after ``TABLET_RETURN_SECONDS`` (a script;
a ``<noscript>`` refresh otherwise), so the next person never sees the previous one's answer.

Views stay thin: reads through ``selectors``, writes through ``services``; a ``DomainError`` is
shown next to the field it names.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from loket.core.errors import DomainError
from loket.core.i18n import LANGUAGE_CODES, current_language, translated
from loket.feedback import selectors, services
from loket.feedback.forms import SurveyForm, TabletSurveyForm
from loket.feedback.models import SurveyChannel, SurveyInvitation, SurveyKind, SurveyTablet

TABLET_RETURN_SECONDS = 10
# Left half-filled for this long, the tablet's form starts again: nobody reads another's comment.
TABLET_IDLE_SECONDS = 120


def _add_error(form: SurveyForm, error: DomainError) -> None:
    name = error.field if error.field in form.fields else None
    form.add_error(name, str(error.message))


def _question(invitation: SurveyInvitation, lang: str) -> Any:
    if invitation.question is None:
        return None
    text = translated(invitation.question, "text", lang)
    return text if text else None


def _intro(invitation: SurveyInvitation, lang: str) -> str:
    organisation = translated(invitation.organisation, "name", lang).text
    texts = {
        SurveyKind.VISIT: _("Tell us how your visit to %(organisation)s went."),
        SurveyKind.CALL: _("Tell us how your call to %(organisation)s went."),
        SurveyKind.REQUEST: _("Tell us how %(organisation)s handled your request."),
    }
    return texts[SurveyKind(invitation.kind)] % {"organisation": organisation}


def _link_invalid(request: HttpRequest) -> HttpResponse:
    response = render(request, "feedback/link_invalid.html", status=404)
    add_never_cache_headers(response)
    return response


@never_cache  # a secret address: no shared or browser cache keeps it
@require_http_methods(["GET", "POST"])
def survey_answer(request: HttpRequest, secret: str) -> HttpResponse:
    """The citizen's survey behind their link: the form, and their answer."""
    lang = current_language()
    invitation = selectors.invitation_for_secret(secret=secret)
    if invitation is None:
        return _link_invalid(request)
    question = _question(invitation, lang)
    form = SurveyForm(request.POST or None, question=question.text if question else "")
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.survey_answer(
                    secret=secret,
                    score=form.cleaned_data["score"],
                    question_answer=form.cleaned_data.get("question_answer", ""),
                    comment=form.cleaned_data["comment"],
                )
            except services.SurveyLinkInvalid:
                return _link_invalid(request)
            except DomainError as error:
                _add_error(form, error)
            else:
                return HttpResponseRedirect(reverse("survey-thanks"))
    context = {"form": form, "question": question, "intro": _intro(invitation, lang), "invitation": invitation}
    return render(request, "feedback/survey.html", context, status=status)


@require_GET
def survey_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "feedback/thanks.html")


# --- The tablet at the exit ----------------------------------------------------------------------


def _tablet(location_slug: str, key: str) -> SurveyTablet:
    tablet = selectors.tablet_for_key(location_slug=location_slug, key=key)
    if tablet is None:
        raise Http404
    return tablet


def _tablet_languages(tablet: SurveyTablet) -> list[dict[str, Any]]:
    """The tablet's page in each language: big plain links."""
    here = current_language()
    links = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            url = reverse("survey-tablet", kwargs={"location_slug": tablet.location.slug, "key": tablet.key})
        links.append({"code": code, "name": get_language_info(code)["name_local"], "url": url, "current": code == here})
    return links


def _tablet_form_page(
    request: HttpRequest,
    tablet: SurveyTablet,
    *,
    form: TabletSurveyForm | None = None,
    question: Any = None,
    notice: str = "",
    status: int = 200,
) -> HttpResponse:
    lang = current_language()
    if form is None:
        started = services.survey_tablet_start(location=tablet.location, language=lang)
        question = _question(started.invitation, lang)
        form = TabletSurveyForm(initial={"secret": started.secret}, question=question.text if question else "")
    context = {
        "tablet": tablet,
        "form": form,
        "question": question,
        "notice": notice,
        "location_name": translated(tablet.location, "name", lang),
        "tablet_languages": _tablet_languages(tablet),
        "idle_seconds": TABLET_IDLE_SECONDS,
    }
    return render(request, "feedback/tablet.html", context, status=status)


@never_cache  # each page holds a fresh invitation's secret
@require_http_methods(["GET", "POST"])
def survey_tablet(request: HttpRequest, location_slug: str, key: str) -> HttpResponse:
    """The anonymous survey on the tablet at the exit: the form, the answer, the thanks."""
    tablet = _tablet(location_slug, key)
    if request.method == "GET":
        return _tablet_form_page(request, tablet)
    secret = request.POST.get("secret", "")
    invitation = selectors.invitation_by_secret(secret=secret)
    ours = (
        invitation is not None
        and invitation.channel == SurveyChannel.TABLET
        and invitation.location_id == tablet.location_id
    )
    if not ours or invitation is None:
        return _tablet_form_page(request, tablet, notice=_("Something went wrong. Please give your score again."))
    if invitation.answered_at is not None:  # a second tap on "Send": the first one counted
        return _tablet_thanks(request, tablet)
    lang = current_language()
    question = _question(invitation, lang)
    form = TabletSurveyForm(request.POST, question=question.text if question else "")
    if form.is_valid():
        try:
            services.survey_answer(
                secret=secret,
                score=form.cleaned_data["score"],
                question_answer=form.cleaned_data.get("question_answer", ""),
                comment=form.cleaned_data["comment"],
            )
        except services.SurveyLinkInvalid:  # left so long that it expired: start again
            return _tablet_form_page(request, tablet, notice=_("This form had expired. Please give your score again."))
        except DomainError as error:
            _add_error(form, error)
        else:
            return _tablet_thanks(request, tablet)
    return _tablet_form_page(request, tablet, form=form, question=question, status=400)


def _tablet_thanks(request: HttpRequest, tablet: SurveyTablet) -> HttpResponse:
    context = {
        "tablet": tablet,
        "location_name": translated(tablet.location, "name", current_language()),
        "return_url": reverse("survey-tablet", kwargs={"location_slug": tablet.location.slug, "key": tablet.key}),
        "return_seconds": TABLET_RETURN_SECONDS,
    }
    return render(request, "feedback/tablet_thanks.html", context)

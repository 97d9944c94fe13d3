"""The survey invitation a citizen receives by e-mail or SMS, in their language.

``render`` words the message in the invitation's language; ``services`` decides whether one goes
at all and writes it to the outbox in the invitation's transaction. What it carries, on purpose:
the organisation's name, what it is about in one word (visit, call, request), the link and its
last day. Never a request's subject, a reference or anything else the citizen told us: an e-mail
or SMS travels and lingers where Loket cannot protect it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext

from loket.appointments.messages import public_url
from loket.core.i18n import translated
from loket.feedback.models import SurveyInvitation, SurveyKind


@dataclass(frozen=True)
class Text:
    """One invitation in one language: the e-mail (subject and body) and the SMS."""

    subject: str
    body: str
    sms: str


def survey_url(secret: str, language: str) -> str:
    """The survey's absolute address in ``language``: ``/<lang>/survey/<secret>/``."""
    with translation.override(language):
        path = reverse("survey-answer", kwargs={"secret": secret})
    return public_url(path)


def _about(kind: str) -> str:
    return {
        SurveyKind.VISIT: gettext("your visit"),
        SurveyKind.CALL: gettext("your call"),
        SurveyKind.REQUEST: gettext("your request"),
    }[SurveyKind(kind)]


def render(invitation: SurveyInvitation, secret: str) -> Text:
    """The invitation's text, in its language."""
    language = invitation.language
    with translation.override(language):
        organisation = translated(invitation.organisation, "name", language).text
        values = {
            "organisation": organisation,
            "about": _about(invitation.kind),
            "url": survey_url(secret, language),
            "date": date_format(localtime(invitation.expires_at), "j F Y"),
        }
        subject = gettext("How did we do? A short survey from %(organisation)s") % values
        lines = [
            gettext("Thank you for %(about)s to %(organisation)s.") % values,
            gettext("How did we do? Give us a score from 0 to 10. It takes one minute.") % values,
            "",
            gettext("Answer here: %(url)s") % values,
            gettext("The link works once, until %(date)s.") % values,
            "",
            gettext(
                "You get this message because you said we may ask your opinion. "
                "You can change that in Mijn loket, or ask us at the counter."
            ),
        ]
        sms = gettext("%(organisation)s: how did we do? Give us a score from 0 to 10: %(url)s") % values
    return Text(subject=subject, body="\n".join(lines) + "\n", sms=sms)

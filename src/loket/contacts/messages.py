"""The texts Loket sends a citizen about their request: received, status changed, a new message.

Each function renders one message in the request's language (``Request.language``) and writes it
to the outbox through ``notifications.services.message_enqueue``, so it must be called inside the
transaction of the change it reports. ``services`` decides whether a message goes at all and by
which route (e-mail or SMS, see ``services.citizen_route``); this module only words it.

What a message carries, on purpose: the reference, the status, the due date and the link to
Mijn loket. Never the subject, the description, a reason or the body of a staff message: those
can hold personal (even sensitive) data, and an e-mail or SMS travels and lingers where Loket
cannot protect it. The citizen reads them in Mijn loket after signing in.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from loket.appointments.messages import public_url
from loket.contacts.models import Request, RequestStatus
from loket.notifications.models import Channel
from loket.notifications.services import message_enqueue


@dataclass(frozen=True)
class Route:
    """How a message reaches the citizen: ``email`` or ``sms`` (outbox), ``letter`` or ``call``
    (staff must write or phone: no outbox message), or ``none`` (no way to reach them)."""

    kind: str
    recipient: str = ""


@dataclass(frozen=True)
class Text:
    """One message in the citizen's language: the e-mail (subject and lines) and the SMS."""

    subject: str
    lines: list[str]
    sms: str

    @property
    def body(self) -> str:
        return "\n".join(self.lines) + "\n"


def portal_url(language: str) -> str:
    """The citizen's Mijn loket in ``language``, absolute (``LOKET_PUBLIC_URL``)."""
    with translation.override(language):
        try:
            path = reverse("portal-home")
        except NoReverseMatch:  # the portal's pages are not mounted (yet): its address is fixed
            path = f"/{language}/mijn-loket/"
    return public_url(path)


def _due(request: Request) -> str:
    return date_format(request.due_on, "j F Y")


def received_text(request: Request) -> Text:
    """'We received your request': the reference and the due date, in the active language."""
    link = portal_url(request.language)
    first = gettext("We received your request. Your reference is %(reference)s.") % {"reference": request.reference}
    due = gettext("We will answer by %(date)s at the latest.") % {"date": _due(request)}
    follow = gettext("Follow your request and read our messages in Mijn loket: %(url)s") % {"url": link}
    return Text(
        subject=gettext("We received your request %(reference)s") % {"reference": request.reference},
        lines=[first, due, "", follow, "", gettext("Please keep your reference if you contact us about it.")],
        sms=f"{first} {due} {follow}",
    )


def status_text(request: Request, status: str) -> Text:
    """The request has a new status; what it means for the citizen, without the reason itself."""
    link = portal_url(request.language)
    label = str(RequestStatus(status).label)
    first = gettext("Your request %(reference)s has a new status: %(status)s.") % {
        "reference": request.reference,
        "status": label,
    }
    if status == RequestStatus.WAITING:
        what = gettext("We need something from you before we can go on. Read what in Mijn loket: %(url)s")
    elif status == RequestStatus.DONE:
        what = gettext("Your request is done. Read the details in Mijn loket: %(url)s")
    elif status == RequestStatus.REJECTED:
        what = gettext("Read why, and what you can do, in Mijn loket: %(url)s")
    else:
        what = gettext("Follow your request in Mijn loket: %(url)s")
    what = what % {"url": link}
    return Text(
        subject=gettext("Your request %(reference)s: %(status)s") % {"reference": request.reference, "status": label},
        lines=[first, "", what],
        sms=f"{first} {what}",
    )


def message_text(request: Request) -> Text:
    """A staff member wrote to the citizen: where to read it (not the message itself)."""
    link = portal_url(request.language)
    first = gettext("You have a new message about your request %(reference)s.") % {"reference": request.reference}
    read = gettext("Read it and answer in Mijn loket: %(url)s") % {"url": link}
    return Text(
        subject=gettext("New message about your request %(reference)s") % {"reference": request.reference},
        lines=[first, "", read],
        sms=f"{first} {read}",
    )


def render(request: Request, kind: str, status: str = "") -> Text:
    """The text of ``kind`` ("received", "status", "message") in the request's language."""
    with translation.override(request.language):
        if kind == "received":
            return received_text(request)
        if kind == "status":
            return status_text(request, status)
        return message_text(request)


def enqueue(request: Request, route: Route, text: Text, *, key: str) -> None:
    """Write ``text`` to the outbox by ``route`` (``email`` or ``sms``) with idempotency ``key``."""
    if route.kind == "email":
        message_enqueue(
            channel=Channel.EMAIL,
            recipient=route.recipient,
            language=request.language,
            subject=text.subject,
            body_text=text.body,
            idempotency_key=key,
            organisation=request.organisation,
        )
    elif route.kind == "sms":
        message_enqueue(
            channel=Channel.SMS,
            recipient=route.recipient,
            language=request.language,
            body_text=text.sms,
            idempotency_key=key,
            organisation=request.organisation,
        )
    else:  # pragma: no cover - the services only enqueue e-mail and SMS
        raise ValueError(f"no outbox route {route.kind!r}")


def department_reply_notice(request: Request, *, key: str) -> None:
    """Tell the department's shared mailbox that the citizen answered (reference only, in the site's language)."""
    department = request.department
    if not department.email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("The citizen answered on request %(reference)s") % {"reference": request.reference}
        body = gettext("A new message from the citizen waits in the work list of %(department)s.") % {
            "department": department.name
        }
    message_enqueue(
        channel=Channel.EMAIL,
        recipient=department.email,
        language=settings.LANGUAGE_CODE,
        subject=subject,
        body_text=body + "\n",
        idempotency_key=key,
        organisation=request.organisation,
    )

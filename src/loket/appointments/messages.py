"""The texts Loket sends about an appointment: confirmation, change, cancellation, reminder, offer.

Each function renders one message in the citizen's language and writes it to the outbox through
``notifications.services.message_enqueue``, so it must be called inside the transaction of the
change it reports (the outbox refuses otherwise). An e-mail carries the iCalendar invitation
(the same UID for the life of the appointment, SEQUENCE from ``Appointment.sequence``) and a QR
code of the reference for the kiosk; an SMS carries the essentials and the manage link.

Nothing here decides anything: the service functions do, then call these.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext

from loket.appointments.availability import TIMEZONE
from loket.appointments.models import Appointment, WaitingListEntry
from loket.catalog.models import Service
from loket.notifications.ics import AppointmentEvent, event_attachment
from loket.notifications.models import Channel
from loket.notifications.services import message_enqueue

DEFAULT_PUBLIC_URL = "http://localhost:8000/"


def public_url(path: str) -> str:
    """An absolute address on this Loket (``LOKET_PUBLIC_URL``) for a path from ``reverse``."""
    base = (getattr(settings, "LOKET_PUBLIC_URL", "") or DEFAULT_PUBLIC_URL).rstrip("/")
    return base + path


def manage_url(appointment: Appointment) -> str:
    """The citizen's link to see, move or cancel the appointment, in the citizen's language."""
    with translation.override(appointment.language):
        path = reverse(
            "appointment-manage", kwargs={"reference": appointment.reference, "secret": appointment.manage_secret}
        )
    return public_url(path)


def waiting_url(entry: WaitingListEntry) -> str:
    with translation.override(entry.language):
        path = reverse("waiting-list-entry", kwargs={"entry_id": entry.pk, "secret": entry.manage_secret})
    return public_url(path)


def when_text(appointment: Appointment) -> str:
    """'dinsdag 8 december 2026 om 10:15' in the active language."""
    local = timezone.localtime(appointment.start, TIMEZONE)
    return gettext("%(day)s at %(time)s") % {"day": date_format(local, "l j F Y"), "time": f"{local:%H:%M}"}


def services_of(appointment: Appointment) -> list[Service]:
    """The appointment's services in the order of the visit."""
    services: list[Service] = []
    for part in appointment.parts.order_by("start").prefetch_related("services"):
        services.extend(service for service in part.services.all() if service not in services)
    return services


def what_to_bring(services: Sequence[Service]) -> list[str]:
    lines: list[str] = []
    for service in services:
        for line in (service.documents or "").splitlines():
            if line.strip() and line.strip() not in lines:
                lines.append(line.strip())
    return lines


def qr_attachment(reference: str) -> dict[str, Any]:
    """A PNG of the reference as a QR code: shown at the kiosk's scanner, it checks the citizen in."""
    buffer = io.BytesIO()
    segno.make(reference, error="m").save(buffer, kind="png", scale=8, border=4)
    return {"filename": f"{reference}-qr.png", "mimetype": "image/png", "content": buffer.getvalue()}


def _send(
    appointment: Appointment,
    *,
    kind: str,
    subject: str,
    lines: list[str],
    sms: str,
    event: AppointmentEvent | None,
    qr: bool = False,
) -> None:
    location = appointment.location
    key = f"appointment:{appointment.reference}:{kind}"
    by_sms = appointment.message_channel == "sms" and appointment.phone
    if appointment.email and not by_sms:
        attachments = [event_attachment(event)] if event else []
        if qr:
            attachments.append(qr_attachment(appointment.reference))
        message_enqueue(
            channel=Channel.EMAIL,
            recipient=appointment.email,
            language=appointment.language,
            subject=subject,
            body_text="\n".join(lines) + "\n",
            attachments=attachments,
            idempotency_key=key,
            organisation=location.organisation,
        )
    else:
        message_enqueue(
            channel=Channel.SMS,
            recipient=appointment.phone,
            language=appointment.language,
            body_text=sms,
            idempotency_key=key,
            organisation=location.organisation,
        )


def _event(appointment: Appointment, services: Sequence[Service], *, cancelled: bool = False) -> AppointmentEvent:
    location = appointment.location
    what = ", ".join(service.title for service in services)
    return AppointmentEvent(
        reference=appointment.reference,
        start=appointment.start,
        end=appointment.end,
        summary=f"{what} - {location.name}",
        location_name=location.name,
        address=location.address,
        language=appointment.language,
        what_to_bring=what_to_bring(services),
        manage_url="" if cancelled else manage_url(appointment),
        sequence=appointment.sequence,
        cancelled=cancelled,
        attendee_email=appointment.email,
    )


def _visit_lines(appointment: Appointment, services: Sequence[Service]) -> list[str]:
    location = appointment.location
    lines = [
        gettext("What: %(what)s") % {"what": ", ".join(service.title for service in services)},
        gettext("When: %(when)s") % {"when": when_text(appointment)},
        gettext("Where: %(name)s, %(address)s") % {"name": location.name, "address": location.address},
    ]
    desk = next((part.desk for part in appointment.parts.select_related("desk").order_by("start")), None)
    if desk is not None:
        # The kind of desk, not its number: the queue may call the citizen to another desk of that kind.
        kind = desk.get_kind_display() + (f" ({desk.theme})" if desk.theme else "")
        lines.append(gettext("Desk: %(kind)s") % {"kind": kind})
    costs = [(service.title, amount) for service in services if (amount := service.cost_amount)]
    if costs:
        lines.append(
            gettext("Cost: %(costs)s")
            % {"costs": ", ".join(f"{title} € {number_format(amount, 2)}" for title, amount in costs)}
        )
    return lines


def send_confirmation(appointment: Appointment, services: Sequence[Service], *, kind: str = "confirmation") -> None:
    """The booking's confirmation (``kind="confirmation"``) or, after a move, the new time (``"moved:N"``)."""
    with translation.override(appointment.language):
        what = ", ".join(service.title for service in services)
        moved = kind != "confirmation"
        if moved:
            subject = gettext("Appointment moved: %(what)s") % {"what": what}
            first = gettext("Your appointment %(reference)s has been moved. This is the new time.") % {
                "reference": appointment.reference
            }
        else:
            subject = gettext("Appointment confirmed: %(what)s") % {"what": what}
            first = gettext("Your appointment is confirmed. Your reference is %(reference)s.") % {
                "reference": appointment.reference
            }
        lines = [first, "", *_visit_lines(appointment, services)]
        bring = what_to_bring(services)
        if bring:
            lines += ["", gettext("What to bring:"), *(f"- {item}" for item in bring)]
        link = manage_url(appointment)
        lines += [
            "",
            gettext("When you arrive, scan the QR code in this e-mail at the kiosk or give your reference."),
            gettext("View, move or cancel your appointment: %(url)s") % {"url": link},
        ]
        sms = gettext("%(first)s %(when)s, %(where)s. Change or cancel: %(url)s") % {
            "first": first,
            "when": when_text(appointment),
            "where": appointment.location.name,
            "url": link,
        }
        _send(
            appointment,
            kind=kind,
            subject=subject,
            lines=lines,
            sms=sms,
            event=_event(appointment, services),
            qr=True,
        )


def send_cancellation(appointment: Appointment, services: Sequence[Service]) -> None:
    with translation.override(appointment.language):
        what = ", ".join(service.title for service in services)
        first = gettext("Your appointment %(reference)s has been cancelled.") % {"reference": appointment.reference}
        lines = [first, "", *_visit_lines(appointment, services)]
        sms = gettext("%(first)s %(when)s, %(where)s.") % {
            "first": first,
            "when": when_text(appointment),
            "where": appointment.location.name,
        }
        _send(
            appointment,
            kind="cancellation",
            subject=gettext("Appointment cancelled: %(what)s") % {"what": what},
            lines=lines,
            sms=sms,
            event=_event(appointment, services, cancelled=True),
        )


def send_reminder(appointment: Appointment, services: Sequence[Service]) -> None:
    """The reminder before the visit, with the link to cancel so the place can go to someone else."""
    with translation.override(appointment.language):
        what = ", ".join(service.title for service in services)
        link = manage_url(appointment)
        first = gettext("A reminder of your appointment %(reference)s.") % {"reference": appointment.reference}
        lines = [first, "", *_visit_lines(appointment, services)]
        bring = what_to_bring(services)
        if bring:
            lines += ["", gettext("What to bring:"), *(f"- {item}" for item in bring)]
        lines += [
            "",
            gettext("Can you not come? Please cancel, so that someone else can have this time: %(url)s")
            % {"url": link},
        ]
        sms = gettext("%(first)s %(when)s, %(where)s. Cannot come? Cancel: %(url)s") % {
            "first": first,
            "when": when_text(appointment),
            "where": appointment.location.name,
            "url": link,
        }
        _send(
            appointment,
            kind=f"reminder:{appointment.sequence}",
            subject=gettext("Reminder: %(what)s, %(when)s") % {"what": what, "when": when_text(appointment)},
            lines=lines,
            sms=sms,
            event=None,
        )


def send_waiting_list_offer(entry: WaitingListEntry, held: Appointment) -> None:
    """A place came free: offered to ``entry``, held until ``held.hold_expires_at``."""
    assert held.hold_expires_at is not None
    with translation.override(entry.language):
        until = timezone.localtime(held.hold_expires_at, TIMEZONE)
        link = waiting_url(entry)
        service = entry.service
        first = gettext("Good news: a place is free for %(what)s.") % {"what": service.title}
        keep = gettext("We keep it for you until %(until)s. Accept or refuse it here: %(url)s") % {
            "until": f"{date_format(until, 'l j F')} {until:%H:%M}",
            "url": link,
        }
        lines = [first, "", *_visit_lines(held, [service]), "", keep]
        key = f"waiting:{entry.pk}:offer:{held.reference}"
        if entry.email:
            message_enqueue(
                channel=Channel.EMAIL,
                recipient=entry.email,
                language=entry.language,
                subject=gettext("A place is free: %(what)s") % {"what": service.title},
                body_text="\n".join(lines) + "\n",
                idempotency_key=key,
                organisation=held.location.organisation,
            )
        else:
            message_enqueue(
                channel=Channel.SMS,
                recipient=entry.phone,
                language=entry.language,
                body_text=f"{first} {when_text(held)}, {held.location.name}. {keep}",
                idempotency_key=key,
                organisation=held.location.organisation,
            )

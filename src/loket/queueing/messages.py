"""What the queue tells a citizen outside the screens: the text message when their turn is near.

Written to the notifications outbox in the caller's transaction, in the ticket's language, once
per ticket (an idempotency key and ``Ticket.near_sms_sent``). Also the small texts the services
put in their messages (a day's name).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from loket.appointments.availability import TIMEZONE
from loket.appointments.messages import public_url
from loket.notifications.models import Channel
from loket.notifications.services import message_enqueue
from loket.queueing.models import Ticket, TicketStatus


def day_name(day: datetime.date) -> str:
    """'maandag 7 december' in the active language."""
    return date_format(day, "l j F")


def closed_message(*, opens: datetime.datetime | None, now: datetime.datetime) -> str:
    """'Closed now. We open again ...': when a closed queue opens again (``opens``), in the active language."""
    if opens is None:
        return gettext("Closed. There are no opening hours in the next two weeks.")
    local = opens.astimezone(TIMEZONE)
    if local.date() == now.astimezone(TIMEZONE).date():
        return gettext("Closed now. We open again today at %(time)s.") % {"time": f"{local:%H:%M}"}
    return gettext("Closed now. We open again on %(day)s at %(time)s.") % {
        "day": day_name(local.date()),
        "time": f"{local:%H:%M}",
    }


def ticket_url(ticket: Ticket) -> str:
    """The citizen's live page of the ticket (position, estimated wait, "your turn")."""
    with translation.override(ticket.language):
        path = reverse("ticket-page", kwargs={"key": ticket.public_key})
    return public_url(path)


def send_turn_near(*, queue_id: int, now: datetime.datetime) -> int:
    """Text every ticket of the queue that has a phone number and is now near its turn; how many.

    "Near" is ``LOKET_QUEUE_SMS_POSITION`` or fewer people before it, in the order the desks call
    (``services.ranked_waiting``). Runs in the transaction of the call that moved the line.
    """
    from loket.queueing.services import ranked_waiting  # the policy lives with the writes

    limit = settings.LOKET_QUEUE_SMS_POSITION
    waiting = Ticket.objects.filter(queue_id=queue_id, status=TicketStatus.WAITING)
    if not waiting.filter(near_sms_sent=False).exclude(phone="").exists():
        return 0  # the usual case: nobody in this line asked for a text message
    line = ranked_waiting(waiting, now=now)
    front = list(line.values_list("pk", "phone", "near_sms_sent")[: limit + 1])
    ahead_of = {pk: ahead for ahead, (pk, phone, texted) in enumerate(front) if phone and not texted}
    if not ahead_of:
        return 0
    sent = 0
    for ticket in Ticket.objects.filter(pk__in=ahead_of).select_related("queue__location__organisation"):
        ahead = ahead_of[ticket.pk]
        with translation.override(ticket.language):
            if ahead == 0:
                body = gettext("Your number %(code)s is next. Please come to the waiting room.") % {"code": ticket.code}
            else:
                body = ngettext(
                    "Your number %(code)s is nearly up: %(count)d person before you. "
                    "Please come back to the waiting room.",
                    "Your number %(code)s is nearly up: %(count)d people before you. "
                    "Please come back to the waiting room.",
                    ahead,
                ) % {"code": ticket.code, "count": ahead}
            body = f"{body} {ticket_url(ticket)}"
        message_enqueue(
            channel=Channel.SMS,
            recipient=ticket.phone,
            language=ticket.language,
            body_text=body,
            idempotency_key=f"queueing:ticket:{ticket.pk}:near",
            organisation=ticket.queue.location.organisation,
        )
        Ticket.objects.filter(pk=ticket.pk).update(near_sms_sent=True)
        sent += 1
    return sent

"""Reads for the display screen in a waiting room: the screen behind a key and its latest calls.

The screen polls every second, for days, from every waiting room of a region, so each read is
one SQL query: ``screen_calls`` takes the latest call of each ticket with a ``NOT EXISTS`` on a
later call instead of reading a batch of events and de-duplicating in Python (which can come
back short when one ticket is recalled many times), filters on the event's own queue and time so
the ``(queue, kind, at)`` index serves it, and reads the screen's queue choice in a subquery.

It also decides how a call is written and said (``ScreenCall`` with ``desk_shown`` and
``spoken``): the spoken phrase is translated in the *ticket's* language, not the page's, so a
French-speaking citizen hears French on a Dutch screen. What this module must never do: show a
call of another location, or of another day.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext

from loket.appointments.availability import TIMEZONE
from loket.queueing.models import DisplayScreen, Queue, TicketEvent, TicketEventKind
from loket.queueing.services import local_day

# The newest call and six before it: what a waiting room can read from across the room.
SCREEN_CALLS = 7
CALL_KINDS = (TicketEventKind.CALLED, TicketEventKind.RECALLED)

__all__ = ["SCREEN_CALLS", "ScreenCall", "desk_shown", "display_screen_by_key", "screen_calls", "spoken_call"]


@dataclass(frozen=True)
class ScreenCall:
    """One call as the screen shows and says it."""

    event_id: int  # a recall is a new event, so a new id: the screen chimes and speaks again
    code: str  # "S012"
    desk: str  # the desk's name, "Loket 4"
    desk_shown: str  # what the screen writes under "Desk": "4" (see ``desk_shown``)
    language: str  # the ticket's language
    spoken: str  # "Numéro S 12, guichet 4", in the ticket's language
    at: datetime.datetime


@lru_cache(maxsize=1)
def _desk_words() -> frozenset[str]:
    """ "Desk" in every language of the site (loket, guichet, desk), lower case."""
    words = {"desk"}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            words.add(translation.gettext("Desk").lower())
    return frozenset(words)


def _desk_number(name: str) -> str | None:
    """ "4" for "Loket 4" or "Guichet 4": a desk named by the word "desk" in some language and a number."""
    parts = name.split()
    if len(parts) == 2 and parts[0].lower() in _desk_words() and any(c.isdigit() for c in parts[1]):
        return parts[1]
    return None


def desk_shown(name: str) -> str:
    """What the screen writes under the heading "Loket · Guichet · Desk".

    A desk named "Loket 4" shows "4": the heading already says "desk" in every language, and a
    French speaker should not have to read the Dutch word. A desk with its own name ("Onthaal",
    "Bureau 2B") keeps it.
    """
    return _desk_number(name) or name


def _spoken_code(code: str) -> str:
    """ "S 12" for "S012": speech engines read "S012" as a word or digit by digit; "S 12" they say well."""
    match = re.fullmatch(r"([^\d]*)0*(\d+)", code)
    if not match:
        return code
    letters = " ".join(match.group(1))
    return f"{letters} {match.group(2)}".strip()


def spoken_call(*, code: str, desk: str, language: str) -> str:
    """The announcement of a call, in ``language`` (the ticket's): "Nummer S 12, loket 4"."""
    number = _desk_number(desk)
    with translation.override(language):
        if number is not None:
            return gettext("Number %(code)s, desk %(desk)s") % {"code": _spoken_code(code), "desk": number}
        return gettext("Number %(code)s, %(desk)s") % {"code": _spoken_code(code), "desk": desk}


def display_screen_by_key(*, key: str) -> DisplayScreen | None:
    """The screen whose address holds ``key`` (128 random bits), or ``None``."""
    return DisplayScreen.objects.select_related("location").filter(public_key=key).first()


def screen_calls(
    *, screen: DisplayScreen, now: datetime.datetime | None = None, limit: int = SCREEN_CALLS
) -> list[ScreenCall]:
    """Today's latest call (or recall) of each ticket of the screen's queues, newest first; one query."""
    now = now or timezone.now()
    midnight = datetime.datetime.combine(local_day(now), datetime.time.min, tzinfo=TIMEZONE)
    chosen = DisplayScreen.queues.through.objects.filter(displayscreen_id=screen.pk)
    later_call = TicketEvent.objects.filter(ticket_id=OuterRef("ticket_id"), kind__in=CALL_KINDS).filter(
        Q(at__gt=OuterRef("at")) | Q(at=OuterRef("at"), pk__gt=OuterRef("pk"))
    )
    rows = (
        TicketEvent.objects.filter(
            Q(queue_id__in=chosen.values("queue_id")) | ~Exists(chosen),
            queue_id__in=Queue.objects.filter(location_id=screen.location_id).values("pk"),
            kind__in=CALL_KINDS,
            at__gte=midnight,
        )
        .filter(~Exists(later_call))
        .order_by("-at", "-pk")
        .values_list("pk", "ticket__code", "desk__name", "ticket__language", "at")[:limit]
    )
    return [
        ScreenCall(
            event_id=pk,
            code=code,
            desk=desk or "",
            desk_shown=desk_shown(desk or ""),
            language=language,
            spoken=spoken_call(code=code, desk=desk or "", language=language),
            at=at,
        )
        for pk, code, desk, language, at in rows
    ]

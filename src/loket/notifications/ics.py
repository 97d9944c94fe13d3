"""iCalendar (RFC 5545) invitations for appointments, built with the ``icalendar`` library.

Plain data in (``AppointmentEvent``), text out; no database. The appointments app fills the
dataclass and passes ``event_attachment(...)`` to ``services.message_enqueue``.

What calendars need to keep one entry per appointment, and what this module guarantees:

- UID ``<reference>@<domain>`` never changes for an appointment, so a reschedule or a cancellation
  updates the entry the citizen already has instead of adding a second one;
- SEQUENCE grows with every change (the caller counts reschedules), METHOD is REQUEST for a new or
  moved appointment and CANCEL (with STATUS:CANCELLED) for a cancelled one (RFC 5546, iTIP);
- DTSTART/DTEND carry TZID=Europe/Brussels with a VTIMEZONE, so the local hour stays right on both
  sides of a daylight-saving change. The VTIMEZONE is the EU rule written as two RRULEs (last Sunday
  of March and October, in force since 1996) rather than a list of every transition: a few lines,
  and valid past 2038.

This module never reads the clock unless no DTSTAMP is given, and never sends anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

BRUSSELS = ZoneInfo("Europe/Brussels")
PRODID = "-//Loket//Appointments//EN"


@dataclass(frozen=True, kw_only=True)
class AppointmentEvent:
    """One appointment as a calendar sees it. Times must be timezone-aware."""

    reference: str  # the booking's public reference: makes the UID
    start: dt.datetime
    end: dt.datetime
    summary: str  # already in the citizen's language, e.g. "Identity card - Mechelen town hall"
    location_name: str
    address: str
    language: str = "nl"
    what_to_bring: Sequence[str] = ()
    manage_url: str = ""
    sequence: int = 0  # 0 when booked, +1 on every reschedule or cancellation
    cancelled: bool = False
    organizer_email: str = ""
    organizer_name: str = ""
    attendee_email: str = ""
    stamp: dt.datetime | None = None  # DTSTAMP; now when not given


def message_domain() -> str:
    """The domain of Message-IDs and UIDs: ``LOKET_MESSAGE_DOMAIN``, else the public URL's host."""
    if settings.LOKET_MESSAGE_DOMAIN:
        return str(settings.LOKET_MESSAGE_DOMAIN)
    return urlsplit(settings.LOKET_PUBLIC_URL).hostname or "loket.localhost"


def appointment_uid(reference: str, *, domain: str | None = None) -> str:
    return f"{reference}@{domain or message_domain()}"


def _brussels_timezone() -> icalendar.Timezone:
    timezone = icalendar.Timezone()
    timezone.add("tzid", "Europe/Brussels")
    daylight = icalendar.TimezoneDaylight()
    daylight.add("tzname", "CEST")
    daylight.add("dtstart", dt.datetime(1970, 3, 29, 2, 0))  # noqa: DTZ001 - VTIMEZONE onsets are local times
    daylight.add("tzoffsetfrom", dt.timedelta(hours=1))
    daylight.add("tzoffsetto", dt.timedelta(hours=2))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    standard = icalendar.TimezoneStandard()
    standard.add("tzname", "CET")
    standard.add("dtstart", dt.datetime(1970, 10, 25, 3, 0))  # noqa: DTZ001
    standard.add("tzoffsetfrom", dt.timedelta(hours=2))
    standard.add("tzoffsetto", dt.timedelta(hours=1))
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    timezone.add_component(daylight)
    timezone.add_component(standard)
    return timezone


def _description(event: AppointmentEvent) -> str:
    parts: list[str] = []
    if event.what_to_bring:
        parts.append(gettext("What to bring:"))
        parts.extend(f"- {item}" for item in event.what_to_bring)
    if event.manage_url:
        if parts:
            parts.append("")
        parts.append(gettext("View, move or cancel your appointment: %(url)s") % {"url": event.manage_url})
    return "\n".join(parts)


def appointment_ics(event: AppointmentEvent, *, domain: str | None = None) -> str:
    """The VCALENDAR text (CRLF line endings) of one appointment."""
    if event.start.tzinfo is None or event.end.tzinfo is None:
        raise ValueError("appointment times must be timezone-aware")
    method = "CANCEL" if event.cancelled else "REQUEST"
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add_component(_brussels_timezone())

    vevent = icalendar.Event()
    vevent.add("uid", appointment_uid(event.reference, domain=domain))
    vevent.add("dtstamp", (event.stamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC))
    vevent.add("dtstart", event.start.astimezone(BRUSSELS))
    vevent.add("dtend", event.end.astimezone(BRUSSELS))
    vevent.add("sequence", event.sequence)
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    vevent.add("summary", event.summary)
    vevent.add("location", ", ".join(part for part in (event.location_name, event.address) if part))
    with translation.override(event.language):
        description = _description(event)
    if description:
        vevent.add("description", description)
    if event.manage_url:
        vevent.add("url", event.manage_url)
    if event.organizer_email:
        organizer = icalendar.vCalAddress(f"mailto:{event.organizer_email}")
        if event.organizer_name:
            organizer.params["cn"] = icalendar.vText(event.organizer_name)
        vevent.add("organizer", organizer)
    if event.attendee_email:
        attendee = icalendar.vCalAddress(f"mailto:{event.attendee_email}")
        attendee.params["role"] = icalendar.vText("REQ-PARTICIPANT")
        attendee.params["rsvp"] = icalendar.vText("FALSE")
        vevent.add("attendee", attendee)
    vevent.add("transp", "OPAQUE")
    calendar.add_component(vevent)
    return calendar.to_ical().decode("utf-8")


def event_attachment(event: AppointmentEvent, *, domain: str | None = None) -> dict[str, Any]:
    """The appointment as an attachment for ``message_enqueue`` (``text/calendar`` with its METHOD)."""
    return {
        "filename": f"{event.reference}.ics",
        "mimetype": "text/calendar",
        "params": {"method": "CANCEL" if event.cancelled else "REQUEST"},
        "content": appointment_ics(event, domain=domain),
    }

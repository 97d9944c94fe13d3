"""iCalendar invitations, parsed back with the icalendar library (no database)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from loket.notifications.ics import AppointmentEvent, appointment_ics, event_attachment

BRUSSELS = ZoneInfo("Europe/Brussels")
STAMP = dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC)


def event(start: dt.datetime, **changes: object) -> AppointmentEvent:
    values: dict[str, object] = {
        "reference": "K7Q2ZP",
        "start": start,
        "end": start + dt.timedelta(minutes=30),
        "summary": "Passport",
        "location_name": "Town hall",
        "address": "Grote Markt 21, 2800 Mechelen",
        "language": "en",
        "what_to_bring": ["a passport photo"],
        "manage_url": "https://loket.test/a/secret",
        "organizer_email": "loket@loket.test",
        "organizer_name": "Loket Mechelen",
        "attendee_email": "an.peeters@example.be",
        "stamp": STAMP,
    }
    values.update(changes)
    return AppointmentEvent(**values)  # type: ignore[arg-type]


def parse(text: str) -> tuple[icalendar.Calendar, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    [vevent] = calendar.walk("VEVENT")
    return calendar, vevent


@pytest.mark.parametrize(
    ("day", "offset"),
    [(dt.date(2027, 3, 26), 1), (dt.date(2027, 3, 29), 2), (dt.date(2027, 11, 2), 1)],
    ids=["winter-before-dst", "summer-after-dst", "winter-again"],
)
def test_local_hour_stays_right_across_daylight_saving_changes(day: dt.date, offset: int) -> None:
    start = dt.datetime.combine(day, dt.time(10, 0), tzinfo=BRUSSELS)
    text = appointment_ics(event(start), domain="loket.test")
    assert "DTSTART;TZID=Europe/Brussels:" in text
    calendar, vevent = parse(text)
    [timezone] = calendar.walk("VTIMEZONE")
    assert str(timezone["TZID"]) == "Europe/Brussels"
    begins = vevent.decoded("DTSTART")
    assert begins.tzinfo.key == "Europe/Brussels"
    assert (begins.hour, begins.minute) == (10, 0)
    assert begins.utcoffset() == dt.timedelta(hours=offset)
    assert vevent.decoded("DTEND") - begins == dt.timedelta(minutes=30)
    # The embedded VTIMEZONE gives the same UTC instant as the tz database.
    assert timezone.to_tz().utcoffset(begins.replace(tzinfo=None)) == dt.timedelta(hours=offset)


def test_a_utc_time_is_written_in_brussels_time() -> None:
    start = dt.datetime(2027, 6, 1, 7, 30, tzinfo=dt.UTC)
    _, vevent = parse(appointment_ics(event(start), domain="loket.test"))
    assert vevent.decoded("DTSTART").hour == 9


def test_invitation_has_uid_location_description_and_itip_fields() -> None:
    start = dt.datetime(2027, 5, 3, 9, 0, tzinfo=BRUSSELS)
    calendar, vevent = parse(appointment_ics(event(start), domain="loket.test"))
    assert calendar["METHOD"] == "REQUEST"
    assert calendar["VERSION"] == "2.0"
    assert str(vevent["UID"]) == "K7Q2ZP@loket.test"
    assert vevent.decoded("DTSTAMP") == STAMP
    assert vevent["SEQUENCE"] == 0
    assert vevent["STATUS"] == "CONFIRMED"
    assert str(vevent["SUMMARY"]) == "Passport"
    assert str(vevent["LOCATION"]) == "Town hall, Grote Markt 21, 2800 Mechelen"
    description = str(vevent["DESCRIPTION"])
    assert "What to bring:\n- a passport photo" in description
    assert "https://loket.test/a/secret" in description
    assert str(vevent["ORGANIZER"]) == "mailto:loket@loket.test"
    assert str(vevent["ATTENDEE"]) == "mailto:an.peeters@example.be"


def test_reschedule_keeps_the_uid_and_raises_the_sequence() -> None:
    first = event(dt.datetime(2027, 5, 3, 9, 0, tzinfo=BRUSSELS))
    moved = event(dt.datetime(2027, 5, 4, 14, 0, tzinfo=BRUSSELS), sequence=1)
    _, before = parse(appointment_ics(first, domain="loket.test"))
    _, after = parse(appointment_ics(moved, domain="loket.test"))
    assert before["UID"] == after["UID"]
    assert (before["SEQUENCE"], after["SEQUENCE"]) == (0, 1)
    assert after.decoded("DTSTART").hour == 14


def test_cancellation_is_method_cancel_with_status_cancelled() -> None:
    cancelled = event(dt.datetime(2027, 5, 3, 9, 0, tzinfo=BRUSSELS), sequence=2, cancelled=True)
    calendar, vevent = parse(appointment_ics(cancelled, domain="loket.test"))
    assert calendar["METHOD"] == "CANCEL"
    assert (vevent["STATUS"], vevent["SEQUENCE"]) == ("CANCELLED", 2)
    attachment = event_attachment(cancelled, domain="loket.test")
    assert attachment["params"] == {"method": "CANCEL"}
    assert attachment["filename"] == "K7Q2ZP.ics"


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        appointment_ics(event(dt.datetime(2027, 5, 3, 9, 0)), domain="loket.test")

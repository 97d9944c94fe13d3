"""Opening hours read from the database: weekly rows, exceptions, holidays and the regional days."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from loket.organisations.models import DeskKind, ExceptionKind, OpeningException
from loket.organisations.opening import OpeningPeriod, next_opening, opening_days, opening_on
from loket.organisations.selectors import locations_public
from tests.factories import LocationFactory, OpeningHoursFactory

pytestmark = pytest.mark.django_db
T = datetime.time
BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture
def town_hall():
    location = LocationFactory()
    for weekday in range(5):
        OpeningHoursFactory(location=location, desk_kind=DeskKind.QUICK, weekday=weekday, opens=T(8), closes=T(13))
    OpeningHoursFactory(location=location, desk_kind=DeskKind.QUICK, weekday=3, opens=T(14, 30), closes=T(19))
    return location


def test_weekly_hours_of_the_desk_kind(town_hall) -> None:
    thursday = datetime.date(2026, 3, 5)
    assert opening_on(location=town_hall, day=thursday, desk_kind=DeskKind.QUICK).periods == (
        OpeningPeriod(T(8), T(13)),
        OpeningPeriod(T(14, 30), T(19)),
    )
    assert opening_on(location=town_hall, day=thursday, desk_kind=DeskKind.THEME).periods == ()


def test_a_public_holiday_is_named_in_the_active_language(town_hall) -> None:
    with translation.override("fr"):
        day = opening_on(location=town_hall, day=datetime.date(2026, 5, 1), desk_kind=DeskKind.QUICK)
    assert day.periods == ()
    assert day.closed_reason == "Fête du Travail"


def test_a_location_open_on_public_holidays_keeps_its_hours(town_hall) -> None:
    town_hall.closed_on_public_holidays = False
    town_hall.save()
    assert opening_on(location=town_hall, day=datetime.date(2026, 5, 1), desk_kind=DeskKind.QUICK).periods


def test_the_flemish_holiday_closes_a_flemish_location_only(town_hall) -> None:
    july_11 = datetime.date(2030, 7, 11)  # a Thursday
    assert opening_on(location=town_hall, day=july_11, desk_kind=DeskKind.QUICK).periods
    town_hall.extra_holiday_region = "vl"
    town_hall.save()
    with translation.override("nl"):
        day = opening_on(location=town_hall, day=july_11, desk_kind=DeskKind.QUICK)
    assert day.periods == ()
    assert day.closed_reason == "Feest van de Vlaamse Gemeenschap"


def test_the_brussels_holiday_closes_a_brussels_location(town_hall) -> None:
    town_hall.extra_holiday_region = "bru"
    town_hall.save()
    assert opening_on(location=town_hall, day=datetime.date(2026, 5, 8), desk_kind=DeskKind.QUICK).periods == ()


def test_a_closure_gives_its_reason_falling_back_to_another_language(town_hall) -> None:
    monday = datetime.date(2026, 3, 2)
    OpeningException.objects.create(
        location=town_hall, date=monday, kind=ExceptionKind.CLOSED, reason_nl="Opleiding personeel"
    )
    with translation.override("en"):
        day = opening_on(location=town_hall, day=monday, desk_kind=DeskKind.QUICK)
    assert day.periods == ()
    assert day.closed_reason == "Opleiding personeel"


def test_an_extra_opening_for_one_desk_kind(town_hall) -> None:
    saturday = datetime.date(2026, 3, 7)
    OpeningException.objects.create(
        location=town_hall, date=saturday, kind=ExceptionKind.EXTRA, desk_kind=DeskKind.QUICK, opens=T(9), closes=T(12)
    )
    assert opening_on(location=town_hall, day=saturday, desk_kind=DeskKind.QUICK).periods == (
        OpeningPeriod(T(9), T(12)),
    )
    assert opening_on(location=town_hall, day=saturday, desk_kind=DeskKind.THEME).periods == ()


def test_next_opening_is_aware_and_in_brussels_time(town_hall) -> None:
    friday_evening = datetime.datetime(2026, 3, 6, 17, 0, tzinfo=BRUSSELS)
    moment = next_opening(location=town_hall, after=friday_evening, desk_kind=DeskKind.QUICK)
    assert moment == datetime.datetime(2026, 3, 9, 8, 0, tzinfo=BRUSSELS)
    assert moment.utcoffset() == datetime.timedelta(hours=1)


def test_next_opening_is_none_for_a_desk_that_never_opens(town_hall) -> None:
    after = datetime.datetime(2026, 3, 6, 17, 0, tzinfo=BRUSSELS)
    assert next_opening(location=town_hall, after=after, desk_kind=DeskKind.PHONE) is None


def test_locations_public_answers_a_week_of_opening_hours_without_further_queries(
    town_hall, django_assert_num_queries
) -> None:
    today = datetime.date(2026, 3, 2)
    OpeningException.objects.create(location=town_hall, date=today, kind=ExceptionKind.CLOSED, reason_nl="Dicht")
    for _ in range(3):
        other = LocationFactory()
        OpeningHoursFactory(location=other)
    with django_assert_num_queries(3):
        locations = list(locations_public(today=today))
        weeks = {
            location.slug: opening_days(location=location, start=today, days=7, desk_kind=DeskKind.QUICK)
            for location in locations
        }
    assert weeks[town_hall.slug][0].periods == ()
    assert weeks[town_hall.slug][0].closed_reason == "Dicht"
    assert weeks[town_hall.slug][1].periods == (OpeningPeriod(T(8), T(13)),)


def test_a_date_outside_the_prefetched_window_still_sees_its_exceptions(town_hall) -> None:
    today = datetime.date(2026, 3, 2)
    later = datetime.date(2026, 6, 1)
    OpeningException.objects.create(location=town_hall, date=later, kind=ExceptionKind.CLOSED, reason_nl="Verbouwing")
    location = locations_public(today=today, days=7).get(pk=town_hall.pk)
    assert opening_on(location=location, day=later, desk_kind=DeskKind.QUICK).periods == ()

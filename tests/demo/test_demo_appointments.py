"""The demo's appointment capacity and bookings: coherent with the catalogue, never double-booked,
shaped like the figures of the Huis van de Mechelaar, with free places left to book (issue 3)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from loket.appointments.availability import TIMEZONE
from loket.appointments.models import (
    Appointment,
    AppointmentPart,
    AppointmentStatus,
    BookingChannel,
    BookingRule,
    CapacityException,
    CapacityExceptionKind,
    CapacitySession,
)
from loket.appointments.selectors import availability_earliest
from loket.catalog.models import ChannelKind, Service
from loket.demo import load_demo
from loket.demo.appointments import DESK_GROUPS, FUTURE_DAYS, PAST_DAYS
from loket.demo.catalogue import SERVICES
from loket.demo.organisations import ORGANISATIONS
from loket.organisations.models import Desk, DeskKind, Location


@pytest.fixture(autouse=True)
def fast_password_hashing() -> Iterator[None]:
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture
def demo() -> None:
    assert load_demo() is True


def _local(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(TIMEZONE)


# --- The data, without a database ------------------------------------------------------------


def test_every_desk_group_names_theme_desks_and_bookable_services_of_its_location() -> None:
    by_slug = {service.slug: service for service in SERVICES}
    locations = {
        location.slug: (organisation.slug, location)
        for organisation in ORGANISATIONS
        for location in organisation.locations
    }
    for group in DESK_GROUPS:
        organisation, location = locations[group.location]
        theme_desks = {desk.name for desk in location.desks if desk.kind == "theme"}
        assert set(group.desks) <= theme_desks, group
        for slug, weight in group.services:
            service = by_slug[slug]
            assert weight > 0
            assert service.organisation == organisation, (group.location, slug)
            assert "appointment" in {channel.kind for channel in service.channels}, slug


# --- The loaded database ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
def test_every_location_with_theme_desks_has_sessions_for_appointment_services_only() -> None:
    for location in Location.objects.filter(desks__kind=DeskKind.THEME).distinct():
        weekly = CapacitySession.objects.filter(location=location)
        extra = CapacityException.objects.filter(location=location, kind=CapacityExceptionKind.EXTRA)
        assert weekly.exists() or extra.exists(), location.slug
        theme_desks = set(location.desks.filter(kind=DeskKind.THEME).values_list("pk", flat=True))
        for session in [*weekly, *extra]:
            assert set(session.desks.values_list("pk", flat=True)) <= theme_desks, session
            slugs = set(session.services.values_list("slug", flat=True))
            assert slugs, session
            bookable = set(
                Service.objects.filter(slug__in=slugs, channels__kind=ChannelKind.APPOINTMENT).values_list(
                    "slug", flat=True
                )
            )
            assert slugs == bookable, session
            desks = session.desks.count()
            # Groups of desks keep one desk for people who book at reception or by phone.
            assert session.online_desks == (desks - 1 if desks > 1 else None), session
    huis = Location.objects.get(slug="huis-van-de-mechelaar")
    weekdays = set(CapacitySession.objects.filter(location=huis).values_list("weekday", flat=True))
    assert weekdays == {0, 1, 2, 3, 4, 5}
    assert CapacitySession.objects.filter(location=huis, weekday=3, ends=datetime.time(19)).exists()
    assert BookingRule.objects.filter(service__slug="building-permit", buffer_minutes__gt=0).exists()
    assert BookingRule.objects.get(service__slug="marriage").minimum_notice_minutes >= 24 * 60
    today = timezone.localdate()
    closures = CapacityException.objects.filter(
        location=huis, kind=CapacityExceptionKind.CLOSED, date__gt=today, starts__isnull=False
    )
    assert closures.filter(date__lte=today + datetime.timedelta(days=FUTURE_DAYS)).exists()
    assert CapacityException.objects.filter(location=huis, kind=CapacityExceptionKind.EXTRA, date__week_day=7).exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
def test_active_parts_never_overlap_on_a_desk_and_lie_inside_a_session() -> None:
    sessions: dict[tuple[int, int], list[tuple[datetime.time, datetime.time]]] = defaultdict(list)
    for session in CapacitySession.objects.prefetch_related("desks"):
        for desk in session.desks.all():
            sessions[(desk.pk, session.weekday)].append((session.starts, session.ends))
    extras: dict[tuple[int, datetime.date], list[tuple[datetime.time, datetime.time]]] = defaultdict(list)
    closed: dict[tuple[int, datetime.date], list[tuple[datetime.time | None, datetime.time | None]]] = defaultdict(list)
    for exception in CapacityException.objects.prefetch_related("desks"):
        if exception.kind == CapacityExceptionKind.EXTRA:
            for desk in exception.desks.all():
                extras[(desk.pk, exception.date)].append((exception.starts, exception.ends))  # type: ignore[arg-type]
        else:
            closed[(exception.location_id, exception.date)].append((exception.starts, exception.ends))
    parts = AppointmentPart.objects.filter(active=True).select_related("desk").order_by("desk", "start")
    assert parts.count() > 1000
    previous: dict[int, datetime.datetime] = {}
    for part in parts:
        assert part.start >= previous.get(part.desk_id, part.start), f"overlap on {part.desk} at {part.start}"
        previous[part.desk_id] = part.busy_until
        start, end = _local(part.start), _local(part.end)
        assert start.date() == end.date()
        spans = sessions[(part.desk_id, start.weekday())]
        inside_extra = any(a <= start.time() and end.time() <= b for a, b in extras[(part.desk_id, start.date())])
        assert inside_extra or any(a <= start.time() and end.time() <= b for a, b in spans), part
        if not inside_extra:
            for a, b in closed[(part.desk.location_id, start.date())]:
                assert a is not None and b is not None, f"booked on a closed day: {part}"
                assert end.time() <= a or b <= start.time(), f"booked in a closure: {part}"


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
def test_past_appointments_are_kept_as_in_mechelen_and_the_channels_are_mixed() -> None:
    now = timezone.now()
    past = Appointment.objects.filter(end__lt=now - datetime.timedelta(hours=1)).exclude(
        status=AppointmentStatus.CANCELLED
    )
    total = past.count()
    assert total > 500
    assert set(past.values_list("status", flat=True)) == {AppointmentStatus.CHECKED_IN, AppointmentStatus.NO_SHOW}
    late = past.filter(status=AppointmentStatus.CHECKED_IN, arrived_late=True).count() / total
    no_show = past.filter(status=AppointmentStatus.NO_SHOW).count() / total
    assert 0.12 <= late <= 0.20, late
    assert 0.04 <= no_show <= 0.10, no_show
    checked_in = past.filter(status=AppointmentStatus.CHECKED_IN)
    assert not checked_in.filter(arrived_at__isnull=True).exists()
    assert Appointment.objects.filter(start__gt=now, status=AppointmentStatus.CANCELLED).exists()
    assert not Appointment.objects.filter(start__gt=now, status__in=("checked_in", "no_show")).exists()
    everything = Appointment.objects.count()
    online = Appointment.objects.filter(channel=BookingChannel.ONLINE).count() / everything
    assert 0.52 <= online <= 0.68, online
    assert set(Appointment.objects.values_list("channel", flat=True)) == {"online", "reception", "phone"}
    assert Appointment.objects.filter(language="nl").count() / everything > 0.5
    assert {"fr", "en"} <= set(Appointment.objects.values_list("language", flat=True))
    assert Appointment.objects.exclude(remark="").exists()
    assert not Appointment.objects.filter(email="", phone="").exists()
    assert not Appointment.objects.filter(reminder_due_at__isnull=False).exists()
    assert all(
        email.endswith(".example") for email in Appointment.objects.exclude(email="").values_list("email", flat=True)
    )
    combined = [part for part in AppointmentPart.objects.prefetch_related("services") if part.services.count() > 1]
    assert combined
    first = (timezone.localdate() - datetime.timedelta(days=PAST_DAYS), timezone.localdate())
    assert _local(Appointment.objects.order_by("start").first().start).date() >= first[0]  # type: ignore[union-attr]


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
def test_the_next_days_are_full_later_days_free_and_common_services_can_still_be_booked() -> None:
    huis = Location.objects.get(slug="huis-van-de-mechelaar")
    today = timezone.localdate()
    per_day: dict[datetime.date, int] = defaultdict(int)
    for start in Appointment.objects.filter(location=huis).exclude(status="cancelled").values_list("start", flat=True):
        per_day[_local(start).date()] += 1
    weekdays = [day for day in sorted(per_day) if day > today and day.weekday() < 5]
    assert all(per_day[day] >= 70 for day in weekdays[:3]), {day: per_day[day] for day in weekdays[:3]}
    late = [per_day[day] for day in weekdays if (day - today).days > FUTURE_DAYS - 10]
    assert late and max(late) < min(per_day[day] for day in weekdays[:3])
    assert max(per_day) <= today + datetime.timedelta(days=FUTURE_DAYS)
    common = {
        "huis-van-de-mechelaar": ("identity-card", "passport", "driving-licence", "birth-declaration"),
        "sociaal-huis-mechelen": ("social-integration-income",),
        "brussels-fiscality-city-center": ("property-tax-reduction",),
    }
    for slug, services in common.items():
        location = Location.objects.get(slug=slug)
        for service in Service.objects.filter(slug__in=services):
            slot = availability_earliest(services=[service], locations=[location])
            assert slot is not None, (slug, service.slug)
            assert slot.start.date() <= today + datetime.timedelta(days=FUTURE_DAYS + 7)
        for channel in (BookingChannel.ONLINE, BookingChannel.PHONE):
            assert availability_earliest(
                services=list(Service.objects.filter(slug=services[0])), locations=[location], channel=channel
            )


@pytest.mark.django_db
def test_loading_twice_changes_no_appointment_data() -> None:
    assert load_demo() is True
    models = (CapacitySession, CapacityException, BookingRule, Appointment, AppointmentPart, Desk)
    first = {model.__name__: model.objects.count() for model in models}
    starts = list(Appointment.objects.order_by("pk").values_list("reference", "start", "status"))
    assert load_demo() is False
    assert {model.__name__: model.objects.count() for model in models} == first
    assert list(Appointment.objects.order_by("pk").values_list("reference", "start", "status")) == starts


@pytest.mark.django_db
@pytest.mark.postgres
@pytest.mark.usefixtures("demo")
def test_on_postgresql_the_exclusion_constraint_guards_the_demo_bookings() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT contype FROM pg_constraint WHERE conname = 'appointment_part_desk_no_overlap'")
        assert cursor.fetchone() == ("x",)
    # Loading succeeded, so no two active parts of the demo overlap on a desk.
    assert AppointmentPart.objects.filter(active=True).count() > 1000

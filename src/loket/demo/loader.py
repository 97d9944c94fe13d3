"""Loads the demo data set into the database: a fixture loader, not a service function.

The data modules of this package hold fixed, reviewed data; this module writes it straight
through the ORM, everything in one ``transaction.atomic()``, so a failure leaves nothing half
loaded. It deliberately bypasses the apps' ``services.py`` functions: there is no acting user,
no permission to check and no audit entry to write for data that ships with the code (Loket's
rule that services are the only writers applies to what people do, not to fixtures).

It must never change or delete existing data: when any demo organisation is already present it
does nothing. Relative dates (review dates, monthly consultation days, the weeks of appointments
written by ``bookings``) are computed from the day of loading, so the demo always has some sheets
overdue for review, upcoming consultation days and a calendar with both full and free days.
"""

from __future__ import annotations

import datetime
from typing import Protocol

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from loket.catalog.models import SERVICE_TEXT_FIELDS, LifeEvent, Service, ServiceChannel, StaffSkill
from loket.demo.bookings import load_appointments
from loket.demo.catalogue import RELATED, SERVICES
from loket.demo.contacts import load_contacts
from loket.demo.life_events import LIFE_EVENTS
from loket.demo.organisations import ORGANISATIONS
from loket.demo.queues import load_queues
from loket.demo.schema import LocationData, MonthlyDay
from loket.demo.staff import DEFAULT_EDITOR, DEMO_PASSWORD, DEMO_TOTP_KEY_HEX, EDITORS, STAFF, staff_email
from loket.demo.surveys import load_surveys
from loket.organisations.models import (
    Department,
    Desk,
    Location,
    Membership,
    OpeningException,
    OpeningHours,
    Organisation,
)
from loket.organisations.otp import totp_device_for

REVIEW_INTERVAL_DAYS = 365


class Progress(Protocol):
    """What ``load_demo`` needs of its progress stream (a file, or a command's ``stdout``)."""

    def write(self, text: str, /) -> object: ...


def demo_present() -> bool:
    """Whether any organisation of the demo data set is already in the database."""
    return Organisation.objects.filter(slug__in=[o.slug for o in ORGANISATIONS]).exists()


def load_demo(progress: Progress | None = None) -> bool:
    """Load the whole demo data set; ``False`` (and no change at all) when it is already present."""
    with transaction.atomic():
        if demo_present():
            return False
        today = timezone.localdate()
        _say(progress, "Loading the demo data set...")
        organisations, departments = _load_organisations(today, progress)
        users = _load_staff(organisations, departments, progress)
        services = _load_services(today, organisations, departments, users, progress)
        _load_life_events(services, progress)
        _load_skills(users, services)
        _say(progress, load_appointments(today=today, now=timezone.now(), services=services))
        _say(progress, load_queues(now=timezone.now(), services=services, users=users))
        _say(progress, load_contacts(now=timezone.now(), services=services, users=users))
        _say(progress, load_surveys())
    return True


def _say(progress: Progress | None, text: str) -> None:
    if progress is not None:
        progress.write(text + "\n")


# --- Organisations, locations, desks, departments --------------------------------------------


def _load_organisations(
    today: datetime.date, progress: Progress | None
) -> tuple[dict[str, Organisation], dict[tuple[str, str], Department]]:
    organisations: dict[str, Organisation] = {}
    departments: dict[tuple[str, str], Department] = {}
    locations = desks = 0
    for data in ORGANISATIONS:
        organisation = Organisation.objects.create(
            slug=data.slug,
            kind=data.kind,
            website=data.website,
            phone=data.phone,
            email=data.email,
            **data.name.fields("name"),
        )
        organisations[data.slug] = organisation
        for dept in data.departments:
            departments[(data.slug, dept.slug)] = Department.objects.create(
                organisation=organisation, slug=dept.slug, email=dept.email, **dept.name.fields("name")
            )
        for location_data in data.locations:
            desks += _load_location(organisation, location_data, today)
            locations += 1
    _say(
        progress,
        f"  {len(organisations)} organisations, {len(departments)} departments, {locations} locations, {desks} desks",
    )
    return organisations, departments


def _load_location(organisation: Organisation, data: LocationData, today: datetime.date) -> int:
    location = Location.objects.create(
        organisation=organisation,
        slug=data.slug,
        street=data.street,
        postcode=data.postcode,
        city=data.city,
        extra_holiday_region=data.extra_holiday_region,
        **data.name.fields("name"),
        **data.public_transport.fields("public_transport"),
        **data.accessibility.fields("accessibility"),
    )
    OpeningHours.objects.bulk_create(
        OpeningHours(location=location, desk_kind=h.desk_kind, weekday=day, opens=h.opens, closes=h.closes)
        for h in data.hours
        for day in h.weekdays
    )
    exceptions = [
        OpeningException(
            location=location,
            date=e.date,
            kind=e.kind,
            desk_kind=e.desk_kind,
            opens=e.opens,
            closes=e.closes,
            **e.reason.fields("reason"),
        )
        for e in data.exceptions
    ]
    exceptions += [
        OpeningException(
            location=location,
            date=day,
            kind="extra",
            desk_kind=monthly.desk_kind,
            opens=monthly.opens,
            closes=monthly.closes,
            **monthly.reason.fields("reason"),
        )
        for monthly in data.monthly_days
        for day in _monthly_dates(monthly, today)
    ]
    OpeningException.objects.bulk_create(exceptions)
    Desk.objects.bulk_create(Desk(location=location, name=d.name, kind=d.kind, theme=d.theme) for d in data.desks)
    return len(data.desks)


def _monthly_dates(monthly: MonthlyDay, today: datetime.date) -> list[datetime.date]:
    """The next ``monthly.months`` dates of the n-th weekday of the month, from ``today`` on."""
    dates: list[datetime.date] = []
    year, month = today.year, today.month
    while len(dates) < monthly.months:
        first = datetime.date(year, month, 1)
        day = first + datetime.timedelta(days=(monthly.weekday - first.weekday()) % 7 + 7 * (monthly.nth - 1))
        if day.month == month and day >= today:
            dates.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return dates


# --- Staff -----------------------------------------------------------------------------------


def _load_staff(
    organisations: dict[str, Organisation],
    departments: dict[tuple[str, str], Department],
    progress: Progress | None,
) -> dict[str, User]:
    user_model = get_user_model()
    # Every demo account has the same, published password, so one hash serves them all: hashing
    # it once per account would only make ``loket demo`` and the tests slower, and protect nothing.
    password = make_password(DEMO_PASSWORD)
    users: dict[str, User] = {}
    for data in STAFF:
        user = user_model.objects.filter(username=data.username).first()
        if user is not None:
            # Never take over an account someone made before loading the demo: its password stays.
            _say(progress, f"  user {data.username!r} already exists: its password was left unchanged")
        else:
            user = user_model.objects.create(
                username=data.username,
                first_name=data.first_name,
                last_name=data.last_name,
                email=staff_email(data),
                password=password,
                is_staff=data.is_superuser,  # only the administrator uses the Django admin
                is_superuser=data.is_superuser,
            )
        users[data.username] = user
        totp_device_for(user, key_hex=DEMO_TOTP_KEY_HEX)
        Membership.objects.bulk_create(
            Membership(
                user=user,
                organisation=organisations[m.organisation],
                role=m.role,
                department=departments[(m.organisation, m.department)] if m.department else None,
            )
            for m in data.memberships
        )
    _say(progress, f"  {len(users)} staff accounts, one for every role")
    return users


# --- Catalogue -------------------------------------------------------------------------------


def _load_services(
    today: datetime.date,
    organisations: dict[str, Organisation],
    departments: dict[tuple[str, str], Department],
    users: dict[str, User],
    progress: Progress | None,
) -> dict[str, Service]:
    services: dict[str, Service] = {}
    channels: list[ServiceChannel] = []
    for data in SERVICES:
        texts: dict[str, str] = {}
        for name in SERVICE_TEXT_FIELDS:
            texts.update(getattr(data, name).fields(name))
        service = Service.objects.create(
            organisation=organisations[data.organisation],
            slug=data.slug,
            status=data.status,
            cost_amount=data.cost_amount,
            duration_minutes=data.duration_minutes,
            department=departments[(data.organisation, data.department)],
            editor=users[EDITORS.get(data.organisation, DEFAULT_EDITOR)],
            last_reviewed=(
                None if data.reviewed_days_ago is None else today - datetime.timedelta(days=data.reviewed_days_ago)
            ),
            review_interval_days=REVIEW_INTERVAL_DAYS,
            **texts,
        )
        services[data.slug] = service
        channels += [
            ServiceChannel(
                service=service,
                kind=channel.kind,
                url=channel.url,
                phone=channel.phone,
                order=order,
                **channel.instructions.fields("instructions"),
            )
            for order, channel in enumerate(data.channels)
        ]
    ServiceChannel.objects.bulk_create(channels)
    for one, other in RELATED:
        services[one].related.add(services[other])
    published = sum(1 for s in SERVICES if s.status == "published")
    _say(
        progress,
        f"  {len(services)} services ({published} published, {len(services) - published} drafts), "
        f"{len(channels)} channels, {len(RELATED)} 'often together' pairs",
    )
    return services


def _load_life_events(services: dict[str, Service], progress: Progress | None) -> None:
    for data in LIFE_EVENTS:
        event = LifeEvent.objects.create(
            slug=data.slug, order=data.order, **data.title.fields("title"), **data.description.fields("description")
        )
        for slug in data.services:
            services[slug].life_events.add(event)
    _say(progress, f"  {len(LIFE_EVENTS)} life events")


def _load_skills(users: dict[str, User], services: dict[str, Service]) -> None:
    StaffSkill.objects.bulk_create(
        StaffSkill(user=users[data.username], service=services[slug]) for data in STAFF for slug in data.skills
    )

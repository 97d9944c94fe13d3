"""Reads for the booking screens: what can be booked where, suggestions, one appointment, a day's list.

Availability itself (free slots, calendars, waiting times) is in ``selectors``; this module holds the
other reads of the citizen's and staff's pages. A citizen reaches an appointment only through its
reference *and* its manage secret (``appointment_for_citizen``); staff only through their
organisations (``appointment_for_staff``, ``day_list``). Nothing here writes.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from loket.appointments.availability import TIMEZONE
from loket.appointments.models import (
    Appointment,
    AppointmentPart,
    AppointmentStatus,
    CapacitySession,
    WaitingListEntry,
)
from loket.catalog.models import Service, ServiceStatus
from loket.core.errors import NotFound
from loket.core.i18n import Translated, translated
from loket.organisations.models import Location
from loket.organisations.selectors import APPOINTMENT_ROLES, User, staff_organisation_ids


def bookable_services() -> QuerySet[Service]:
    """Published services that at least one location takes appointments for."""
    return Service.objects.filter(
        status=ServiceStatus.PUBLISHED, pk__in=CapacitySession.objects.values("services")
    ).distinct()


def is_bookable(*, service: Service) -> bool:
    return CapacitySession.objects.filter(services=service).exists()


def bookable_locations(*, services: Sequence[Service]) -> list[Location]:
    """The locations where every one of ``services`` can be booked, by name."""
    if not services:
        return []
    query = Location.objects.select_related("organisation")
    for service in services:
        query = query.filter(pk__in=CapacitySession.objects.filter(services=service).values("location"))
    return list(query.order_by("name"))


def suggestions_for(*, services: Sequence[Service]) -> list[Service]:
    """Related services that can be added to this visit: bookable at a location where the rest is."""
    chosen = {service.pk for service in services}
    locations = [location.pk for location in bookable_locations(services=services)]
    if not locations:
        return []
    related = (
        Service.objects.filter(status=ServiceStatus.PUBLISHED, related__in=list(chosen))
        .exclude(pk__in=chosen)
        .filter(pk__in=CapacitySession.objects.filter(location__in=locations).values("services"))
        .distinct()
    )
    return sorted(related, key=lambda service: service.title.casefold())


def appointment_for_citizen(*, reference: str, secret: str) -> Appointment:
    """The appointment whose reference and manage secret these are; ``NotFound`` for any mismatch.

    A wrong secret and an unknown reference give the same answer, so a link cannot be used to
    learn which references exist.
    """
    appointment = (
        Appointment.objects.select_related("location__organisation")
        .prefetch_related(
            Prefetch("parts", queryset=AppointmentPart.objects.order_by("start").prefetch_related("services", "desk")),
            "documents",
        )
        .filter(reference=reference.upper())
        .first()
    )
    if appointment is None or not appointment.manage_secret_matches(secret):
        raise NotFound(_not_found())
    return appointment


def waiting_entry_for_citizen(*, entry_id: int, secret: str) -> WaitingListEntry:
    entry = (
        WaitingListEntry.objects.select_related("service", "location", "offered__location").filter(pk=entry_id).first()
    )
    if entry is None or not entry.manage_secret_matches(secret):
        raise NotFound(_not_found())
    return entry


def _not_found() -> str:
    from django.utils.translation import gettext

    return gettext("We cannot find this appointment. Check the link in your confirmation, or call us.")


def appointment_services(appointment: Appointment) -> list[Service]:
    """The services of the visit in order (uses the prefetched parts when there are)."""
    services: list[Service] = []
    for part in appointment.parts.all():
        services.extend(service for service in part.services.all() if service not in services)
    return services


@dataclass(frozen=True)
class AppointmentView:
    """One appointment as the citizen's page shows it."""

    appointment: Appointment
    services: list[Translated]
    location_name: Translated
    start: datetime.datetime  # local time
    end: datetime.datetime
    what_to_bring: list[str]
    can_change: bool
    can_add_documents: bool
    documents: list[str]


def appointment_view(*, appointment: Appointment, lang: str, now: datetime.datetime | None = None) -> AppointmentView:
    now = now or timezone.now()
    services = appointment_services(appointment)
    bring: list[str] = []
    for service in services:
        for line in translated(service, "documents", lang).text.splitlines():
            if line.strip() and line.strip() not in bring:
                bring.append(line.strip())
    open_ = appointment.status == AppointmentStatus.BOOKED and appointment.start > now
    documents = [document.original_name for document in appointment.documents.all()]
    return AppointmentView(
        appointment=appointment,
        services=[translated(service, "title", lang) for service in services],
        location_name=translated(appointment.location, "name", lang),
        start=timezone.localtime(appointment.start, TIMEZONE),
        end=timezone.localtime(appointment.end, TIMEZONE),
        what_to_bring=bring,
        can_change=open_,
        can_add_documents=open_ and len(documents) < settings.LOKET_DOCUMENT_MAX_COUNT,
        documents=documents,
    )


# --- Staff -------------------------------------------------------------------------------------


def appointment_for_staff(*, user: User, reference: str) -> Appointment:
    """One appointment of the staff member's organisations; ``NotFound`` for anything else."""
    appointment = (
        Appointment.objects.filter(
            reference=reference.upper(),
            location__organisation_id__in=staff_organisation_ids(user=user, roles=APPOINTMENT_ROLES),
        )
        .select_related("location__organisation")
        .prefetch_related(
            Prefetch("parts", queryset=AppointmentPart.objects.order_by("start").prefetch_related("services", "desk")),
            "documents",
        )
        .first()
    )
    if appointment is None:
        from django.utils.translation import gettext

        raise NotFound(gettext("There is no appointment with this reference in your organisation."))
    return appointment


def day_list(*, user: User, location: Location, day: datetime.date) -> list[Appointment]:
    """Every appointment at ``location`` on local date ``day`` (not cancelled), by start; staff only."""
    if location.organisation_id not in staff_organisation_ids(user=user, roles=APPOINTMENT_ROLES):
        from django.utils.translation import gettext

        raise NotFound(gettext("This location is not one of your organisation's."))
    since = datetime.datetime.combine(day, datetime.time(), tzinfo=TIMEZONE)
    until = since + datetime.timedelta(days=1)
    return list(
        Appointment.objects.filter(location=location, start__gte=since, start__lt=until)
        .exclude(status__in=(AppointmentStatus.CANCELLED, AppointmentStatus.EXPIRED))
        .prefetch_related(
            Prefetch("parts", queryset=AppointmentPart.objects.order_by("start").prefetch_related("services", "desk")),
            "documents",
        )
        .order_by("start", "reference")
    )


def repeated_no_shows(*, appointments: Sequence[Appointment], now: datetime.datetime | None = None) -> dict[int, int]:
    """For each appointment whose person missed ``LOKET_NO_SHOW_FLAG_COUNT`` or more appointments in
    the last ``LOKET_NO_SHOW_FLAG_DAYS`` days (same e-mail or phone) *at the same organisation*: how many.

    Only the appointment's own organisation counts: staff never learn anything of another
    organisation's dealings with a person. Three queries, whatever the number of appointments.
    """
    now = now or timezone.now()
    emails = {a.email for a in appointments if a.email}
    phones = {a.phone for a in appointments if a.phone}
    if not emails and not phones:
        return {}
    organisation_of = dict(
        Location.objects.filter(pk__in={a.location_id for a in appointments}).values_list("pk", "organisation_id")
    )
    since = now - datetime.timedelta(days=settings.LOKET_NO_SHOW_FLAG_DAYS)
    missed = Appointment.objects.filter(
        status=AppointmentStatus.NO_SHOW,
        start__gte=since,
        location__organisation_id__in=set(organisation_of.values()),
    ).filter(Q(email__in=emails) | Q(phone__in=phones))
    by_email = {
        (organisation, email): count
        for organisation, email, count in missed.exclude(email="")
        .values_list("location__organisation_id", "email")
        .annotate(n=Count("pk"))
        .values_list("location__organisation_id", "email", "n")
    }
    by_phone = {
        (organisation, phone): count
        for organisation, phone, count in missed.exclude(phone="")
        .values_list("location__organisation_id", "phone")
        .annotate(n=Count("pk"))
        .values_list("location__organisation_id", "phone", "n")
    }
    flags = {}
    for appointment in appointments:
        organisation = organisation_of[appointment.location_id]
        count = max(
            by_email.get((organisation, appointment.email), 0) if appointment.email else 0,
            by_phone.get((organisation, appointment.phone), 0) if appointment.phone else 0,
        )
        if count >= settings.LOKET_NO_SHOW_FLAG_COUNT:
            flags[appointment.pk] = count
    return flags

"""Appointment capacity (weekly sessions, exceptions, booking rules) and the appointments themselves.

Capacity is described per location: a ``CapacitySession`` is a row of the weekly template (which
desks serve which services from-to on a weekday, and how many of them online bookings may hold at
once); a ``CapacityException`` adds an extra session or closes (part of) one date. Belgian public
holidays are not stored: the selectors take them from ``organisations.opening_engine``. A service
without a ``BookingRule`` is booked with the defaults below.

An ``Appointment`` is one visit; each ``AppointmentPart`` holds one desk for ``[start,
busy_until)`` (the appointment's time at that desk plus its buffer). ``AppointmentPart.active`` is a
denormalised copy of "the appointment still holds its place": on PostgreSQL an exclusion
constraint, added by migration 0002 and not part of the model state (SQLite has no such thing),
refuses two active parts on one desk whose holdings overlap. That constraint is what keeps a desk
from being booked twice, whatever the concurrency; see ``services`` for the online quota.

The manage secret is never stored: only its SHA-256, compared in constant time. This module holds
no business logic: every write goes through ``services``.
"""

from __future__ import annotations

import hashlib
import hmac

from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.catalog.models import Service
from loket.organisations.models import Desk, Location, Weekday

DEFAULT_SLOT_STEP_MINUTES = 15
DEFAULT_MINIMUM_NOTICE_MINUTES = 60
DEFAULT_HORIZON_DAYS = 60
DEFAULT_BUFFER_MINUTES = 0


class CapacitySession(models.Model):
    """One row of a location's weekly appointment template."""

    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        on_delete=models.CASCADE,
        related_name="capacity_sessions",
        help_text=_("Location where appointments take place in this session."),
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices, help_text=_("Day of the week."))
    starts = models.TimeField(_("starts"), help_text=_("First possible appointment time, local time."))
    ends = models.TimeField(_("ends"), help_text=_("Every appointment ends by this time, local time."))
    desks = models.ManyToManyField(
        Desk, verbose_name=_("desks"), related_name="capacity_sessions", help_text=_("Desks that receive appointments.")
    )
    services = models.ManyToManyField(
        Service,
        verbose_name=_("services"),
        related_name="capacity_sessions",
        help_text=_("Services that can be booked in this session."),
    )
    online_desks = models.PositiveSmallIntegerField(
        _("desks for online bookings"),
        null=True,
        blank=True,
        help_text=_("At most this many desks may be held by online bookings at once; empty means no limit."),
    )

    class Meta:
        verbose_name = _("capacity session")
        verbose_name_plural = _("capacity sessions")
        ordering = ["location", "weekday", "starts"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts__lt=models.F("ends")), name="capacity_session_starts_before_ends"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.location}: {self.get_weekday_display()} {self.starts:%H:%M}-{self.ends:%H:%M}"


class CapacityExceptionKind(models.TextChoices):
    CLOSED = "closed", _("Closed")
    EXTRA = "extra", _("Extra session")


class CapacityException(models.Model):
    """A closure (all day or from-to) or an extra session on one date."""

    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        on_delete=models.CASCADE,
        related_name="capacity_exceptions",
        help_text=_("Location this exception applies to."),
    )
    date = models.DateField(_("date"), help_text=_("Date of the exception."))
    kind = models.CharField(
        _("kind"), max_length=10, choices=CapacityExceptionKind.choices, help_text=_("Closed or extra session.")
    )
    starts = models.TimeField(
        _("starts"), null=True, blank=True, help_text=_("From, local time; empty closes the whole day.")
    )
    ends = models.TimeField(_("ends"), null=True, blank=True, help_text=_("Until, local time."))
    desks = models.ManyToManyField(
        Desk,
        verbose_name=_("desks"),
        blank=True,
        related_name="capacity_exceptions",
        help_text=_("For an extra session: the desks that receive appointments."),
    )
    services = models.ManyToManyField(
        Service,
        verbose_name=_("services"),
        blank=True,
        related_name="capacity_exceptions",
        help_text=_("For an extra session: the services that can be booked."),
    )
    online_desks = models.PositiveSmallIntegerField(
        _("desks for online bookings"),
        null=True,
        blank=True,
        help_text=_("For an extra session: at most this many desks held by online bookings at once."),
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True, help_text=_("Why, for staff."))

    class Meta:
        verbose_name = _("capacity exception")
        verbose_name_plural = _("capacity exceptions")
        ordering = ["location", "date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="closed", starts__isnull=True, ends__isnull=True)
                | models.Q(starts__isnull=False, ends__isnull=False, starts__lt=models.F("ends")),
                name="capacity_exception_hours",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.location} {self.date} {self.get_kind_display()}"


class BookingRule(models.Model):
    """How one service is booked; a service without a rule uses the defaults of this module."""

    service = models.OneToOneField(
        Service,
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="booking_rule",
        help_text=_("Service these rules apply to."),
    )
    minimum_notice_minutes = models.PositiveIntegerField(
        _("minimum notice"),
        default=DEFAULT_MINIMUM_NOTICE_MINUTES,
        help_text=_("Minutes between booking and the appointment, at least."),
    )
    horizon_days = models.PositiveSmallIntegerField(
        _("booking horizon"), default=DEFAULT_HORIZON_DAYS, help_text=_("How many days ahead one can book.")
    )
    slot_step_minutes = models.PositiveSmallIntegerField(
        _("slot step"), default=DEFAULT_SLOT_STEP_MINUTES, help_text=_("Appointments start every this many minutes.")
    )
    buffer_minutes = models.PositiveSmallIntegerField(
        _("buffer"),
        default=DEFAULT_BUFFER_MINUTES,
        help_text=_("Minutes the desk stays busy after the appointment (paperwork)."),
    )

    class Meta:
        verbose_name = _("booking rule")
        verbose_name_plural = _("booking rules")
        constraints = [models.CheckConstraint(condition=models.Q(slot_step_minutes__gt=0), name="booking_rule_step")]

    def __str__(self) -> str:
        return str(self.service)


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")
    CHECKED_IN = "checked_in", _("Checked in")
    NO_SHOW = "no_show", _("No-show")


class BookingChannel(models.TextChoices):
    ONLINE = "online", _("Online")
    RECEPTION = "reception", _("Reception")
    PHONE = "phone", _("Phone")
    COUNTER = "counter", _("Counter")


def manage_secret_hash(secret: str) -> str:
    """The stored form of a manage secret (SHA-256 is enough: the secret has 256 random bits)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class Appointment(models.Model):
    """One visit by one person at one location, for one or more services."""

    reference = models.CharField(
        _("reference"),
        max_length=8,
        unique=True,
        help_text=_("Short code the citizen quotes at the kiosk, reception or on the phone."),
    )
    manage_secret_hash = models.CharField(
        _("manage secret hash"),
        max_length=64,
        help_text=_("SHA-256 of the secret in the citizen's manage link; the secret itself is never stored."),
    )
    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        on_delete=models.PROTECT,
        related_name="appointments",
        help_text=_("Where the visit takes place."),
    )
    start = models.DateTimeField(_("start"), help_text=_("When the visit starts."))
    end = models.DateTimeField(_("end"), help_text=_("When the visit ends (all its services)."))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.BOOKED,
        help_text=_("Where the appointment stands."),
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=BookingChannel.choices, help_text=_("How it was booked.")
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("Name of the person who comes."))
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Where the confirmation is sent."))
    phone = models.CharField(
        _("mobile phone"), max_length=20, blank=True, help_text=_("For an SMS confirmation, with country code.")
    )
    language = models.CharField(
        _("language"), max_length=2, help_text=_("Language of the messages to the citizen (nl, fr or en).")
    )
    remark = models.TextField(_("remark"), blank=True, help_text=_("What the citizen wants the desk to know."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, help_text=_("When it was booked."))

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["start"]
        indexes = [models.Index(fields=["location", "start"], name="appointment_location_start")]

    def __str__(self) -> str:
        return self.reference

    def manage_secret_matches(self, secret: str) -> bool:
        """Whether ``secret`` is this appointment's manage secret (constant-time comparison)."""
        return hmac.compare_digest(manage_secret_hash(secret), self.manage_secret_hash)


class AppointmentPart(models.Model):
    """The time one desk is held for an appointment: ``[start, busy_until)`` while ``active``."""

    appointment = models.ForeignKey(
        Appointment,
        verbose_name=_("appointment"),
        on_delete=models.CASCADE,
        related_name="parts",
        help_text=_("The visit this part belongs to."),
    )
    desk = models.ForeignKey(
        Desk,
        verbose_name=_("desk"),
        on_delete=models.PROTECT,
        related_name="appointment_parts",
        help_text=_("Desk that serves this part."),
    )
    services = models.ManyToManyField(
        Service,
        verbose_name=_("services"),
        related_name="appointment_parts",
        help_text=_("Services served at this desk, in order."),
    )
    start = models.DateTimeField(_("start"), help_text=_("When the citizen comes to this desk."))
    end = models.DateTimeField(_("end"), help_text=_("When the citizen leaves this desk."))
    busy_until = models.DateTimeField(
        _("busy until"), help_text=_("End plus the buffer: the desk is held until this time.")
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Holds its desk; false once the appointment is cancelled.")
    )

    class Meta:
        verbose_name = _("appointment part")
        verbose_name_plural = _("appointment parts")
        ordering = ["start"]
        indexes = [models.Index(fields=["desk", "start"], name="appointment_part_desk_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end"), end__lte=models.F("busy_until")),
                name="appointment_part_times_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.appointment}: {self.desk} {self.start:%Y-%m-%d %H:%M}"

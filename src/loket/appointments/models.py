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
``AppointmentPart.online`` copies "booked online" from its appointment (the channel never changes
after booking): every availability search reads it for thousands of parts, and a lookup of the
appointment per part was half the cost of the read (``benchmarks/availability``).

The manage secret (the citizen's link to see, move or cancel) is never stored: it is an HMAC of
the reference and a random ``manage_nonce`` under the server's secret key (``manage_secret``), so
a copy of the database alone opens no appointment, while every later message (a reminder, a
reschedule by staff) can still carry the link. This module holds no business logic: every write
goes through ``services``.
"""

from __future__ import annotations

import base64
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from loket.catalog.models import Service
from loket.organisations.models import Desk, Location, Weekday

DEFAULT_SLOT_STEP_MINUTES = 15
DEFAULT_MINIMUM_NOTICE_MINUTES = 60
DEFAULT_HORIZON_DAYS = 60
DEFAULT_BUFFER_MINUTES = 0
DEFAULT_MAX_ACTIVE_PER_CONTACT = 2
MANAGE_SALT = "loket.appointments.manage"


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
    max_active_per_contact = models.PositiveSmallIntegerField(
        _("appointments per person"),
        default=DEFAULT_MAX_ACTIVE_PER_CONTACT,
        help_text=_(
            "How many coming appointments for this service one e-mail address or phone number may hold "
            "when booking online (staff may book more)."
        ),
    )

    class Meta:
        verbose_name = _("booking rule")
        verbose_name_plural = _("booking rules")
        constraints = [models.CheckConstraint(condition=models.Q(slot_step_minutes__gt=0), name="booking_rule_step")]

    def __str__(self) -> str:
        return str(self.service)


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    HELD = "held", _("Held for the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Offer expired")
    CHECKED_IN = "checked_in", _("Checked in")
    NO_SHOW = "no_show", _("No-show")


# The statuses in which an appointment holds its desks (its parts are active).
HOLDING_STATUSES = (AppointmentStatus.BOOKED, AppointmentStatus.HELD, AppointmentStatus.CHECKED_IN)


class BookingChannel(models.TextChoices):
    ONLINE = "online", _("Online")
    RECEPTION = "reception", _("Reception")
    PHONE = "phone", _("Phone")
    COUNTER = "counter", _("Counter")


def new_manage_nonce() -> str:
    return secrets.token_hex(16)


def manage_secret_for(reference: str, nonce: str, *, key: str | None = None) -> str:
    """The secret of a manage link: 256 bits of HMAC-SHA256 over the reference and nonce, URL-safe."""
    digest = salted_hmac(MANAGE_SALT, f"{reference}:{nonce}", secret=key, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def manage_secret_valid(reference: str, nonce: str, secret: str) -> bool:
    """Whether ``secret`` is the link's secret under the current key or an old one still accepted
    (``SECRET_KEY_FALLBACKS``); compared in constant time."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(hmac.compare_digest(manage_secret_for(reference, nonce, key=key), secret) for key in keys)


class Appointment(models.Model):
    """One visit by one person at one location, for one or more services."""

    reference = models.CharField(
        _("reference"),
        max_length=8,
        unique=True,
        help_text=_("Short code the citizen quotes at the kiosk, reception or on the phone."),
    )
    manage_nonce = models.CharField(
        _("manage nonce"),
        max_length=32,
        default=new_manage_nonce,
        help_text=_(
            "Random value from which, with the server's secret key, the citizen's manage link is derived; "
            "the link itself is never stored."
        ),
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
    message_channel = models.CharField(
        _("messages by"),
        max_length=10,
        blank=True,
        choices=[("email", _("E-mail")), ("sms", _("SMS"))],
        help_text=_("How the citizen wants our messages; empty: by e-mail when there is an address, else by SMS."),
    )
    remark = models.TextField(_("remark"), blank=True, help_text=_("What the citizen wants the desk to know."))
    sequence = models.PositiveIntegerField(
        _("sequence"),
        default=0,
        help_text=_("How often it was moved or cancelled: the SEQUENCE of its calendar invitation."),
    )
    arrived_at = models.DateTimeField(
        _("arrived at"), null=True, blank=True, help_text=_("When the citizen checked in.")
    )
    arrived_late = models.BooleanField(
        _("arrived late"), default=False, help_text=_("Checked in after the start plus the grace period.")
    )
    reminder_due_at = models.DateTimeField(
        _("reminder due at"),
        null=True,
        blank=True,
        help_text=_("When the reminder is to be sent; empty once sent, or when none is needed."),
    )
    hold_expires_at = models.DateTimeField(
        _("offer expires at"),
        null=True,
        blank=True,
        help_text=_("For a place held for the waiting list: until when the citizen may accept it."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, help_text=_("When it was booked."))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, help_text=_("Last change."))

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["start"]
        indexes = [
            models.Index(fields=["location", "start"], name="appointment_location_start"),
            # The sweeps: reminders due, no-shows to record, offers that ran out.
            models.Index(fields=["status", "reminder_due_at"], name="appointment_reminder_due"),
            models.Index(fields=["status", "end"], name="appointment_status_end"),
            # Per-person limits and the repeated no-show flag look people up by contact.
            models.Index(fields=["email", "start"], name="appointment_email_start"),
            models.Index(fields=["phone", "start"], name="appointment_phone_start"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def manage_secret(self) -> str:
        """The secret of this appointment's manage link (derived, never stored)."""
        return manage_secret_for(self.reference, self.manage_nonce)

    def manage_secret_matches(self, secret: str) -> bool:
        """Whether ``secret`` opens this appointment (constant time; old keys in SECRET_KEY_FALLBACKS too)."""
        return manage_secret_valid(self.reference, self.manage_nonce, secret)


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
    online = models.BooleanField(
        _("booked online"),
        default=False,
        help_text=_("A copy of the appointment's channel being online: counts against a session's online quota."),
    )

    class Meta:
        verbose_name = _("appointment part")
        verbose_name_plural = _("appointment parts")
        ordering = ["start"]
        indexes = [
            # Every availability search reads the active parts of some desks by start, and only
            # these columns: with all of them in a partial index PostgreSQL answers from the index
            # alone (an index-only scan, the table not read). Key columns rather than INCLUDE,
            # which SQLite does not have.
            models.Index(
                fields=["desk", "start", "busy_until", "online"],
                condition=models.Q(active=True),
                name="appointment_part_active_held",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end"), end__lte=models.F("busy_until")),
                name="appointment_part_times_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.appointment}: {self.desk} {self.start:%Y-%m-%d %H:%M}"


class VisitSuggestion(models.Model):
    """A related service offered while booking ("many people also arrange ..."), and whether it was taken.

    Written with the booking, so the dashboard can tell how often combining visits is accepted.
    """

    appointment = models.ForeignKey(
        Appointment,
        verbose_name=_("appointment"),
        on_delete=models.CASCADE,
        related_name="suggestions",
        help_text=_("The visit during whose booking the service was offered."),
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("service offered"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The related service that was offered."),
    )
    accepted = models.BooleanField(_("accepted"), help_text=_("Whether it was added to the visit."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, help_text=_("When it was offered."))

    class Meta:
        verbose_name = _("visit suggestion")
        verbose_name_plural = _("visit suggestions")
        constraints = [
            models.UniqueConstraint(fields=["appointment", "service"], name="visit_suggestion_once_per_visit"),
        ]

    def __str__(self) -> str:
        return f"{self.appointment}: {self.service} ({'accepted' if self.accepted else 'not taken'})"


def _document_path(instance: AppointmentDocument, filename: str) -> str:
    # A random name: the citizen's file name (possibly personal) stays in ``original_name`` only.
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(instance.content_type, "bin")
    return f"appointments/{instance.appointment.reference}/{secrets.token_hex(16)}.{extension}"


class AppointmentDocument(models.Model):
    """A document the citizen uploaded beforehand, so that the appointment is prepared and shorter.

    Stored under MEDIA_ROOT, which Loket never serves as static files: staff download it through a
    view that checks their organisation.
    """

    appointment = models.ForeignKey(
        Appointment,
        verbose_name=_("appointment"),
        on_delete=models.CASCADE,
        related_name="documents",
        help_text=_("The appointment the document is for."),
    )
    file = models.FileField(_("file"), upload_to=_document_path, help_text=_("The uploaded file."))
    original_name = models.CharField(
        _("file name"), max_length=200, help_text=_("The name of the file on the citizen's device.")
    )
    content_type = models.CharField(
        _("type"), max_length=50, help_text=_("PDF, JPEG or PNG, as read from the file itself.")
    )
    size = models.PositiveIntegerField(_("size"), help_text=_("In bytes."))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True, help_text=_("When it was uploaded."))

    class Meta:
        verbose_name = _("appointment document")
        verbose_name_plural = _("appointment documents")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return f"{self.appointment}: {self.original_name}"


class WaitingStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    OFFERED = "offered", _("Place offered")
    BOOKED = "booked", _("Booked")
    EXPIRED = "expired", _("Offer not taken")
    CANCELLED = "cancelled", _("Left the waiting list")


class WaitingListEntry(models.Model):
    """A citizen waiting for a place for one service at one location, when nothing was free.

    A freed place is held for the first in line (an appointment in status ``held``) and offered by
    e-mail or SMS; not accepted in time, it goes to the next.
    """

    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        on_delete=models.CASCADE,
        related_name="waiting_list",
        help_text=_("Where the citizen wants to come."),
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="waiting_list",
        help_text=_("The service the citizen waits for."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=WaitingStatus.choices,
        default=WaitingStatus.WAITING,
        help_text=_("Where the entry stands."),
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("Name of the person who waits."))
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Where the offer is sent."))
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True, help_text=_("For an SMS offer."))
    language = models.CharField(_("language"), max_length=2, help_text=_("Language of the messages (nl, fr, en)."))
    manage_nonce = models.CharField(
        _("manage nonce"),
        max_length=32,
        default=new_manage_nonce,
        help_text=_("From which the link to leave the waiting list is derived."),
    )
    offered = models.ForeignKey(
        Appointment,
        verbose_name=_("place offered"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The place held for this person, while an offer runs."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, help_text=_("When the person joined."))

    class Meta:
        verbose_name = _("waiting-list entry")
        verbose_name_plural = _("waiting-list entries")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["location", "service", "status", "created_at"], name="waiting_list_line")]

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}: {self.get_status_display()}"

    @property
    def manage_secret(self) -> str:
        return manage_secret_for(f"waiting:{self.pk}", self.manage_nonce)

    def manage_secret_matches(self, secret: str) -> bool:
        return manage_secret_valid(f"waiting:{self.pk}", self.manage_nonce, secret)

"""The walk-in queue: queues per location, tickets and their events, open desks and display screens.

A ``Queue`` is a line at one location (the quick counter, a theme, reception) with the services
it serves. A ``Ticket`` is one citizen's place in it, numbered per queue and day ("S012"). Every
change of a ticket is a ``TicketEvent`` with its time and actor, so waiting and service time are
computed from events, never typed in. A ``CounterSession`` is a clerk working at a desk with the
services they serve today; "call next" picks from what that session may serve (see
``docs/queue-policy.md``). A ``DisplayScreen`` is a TV in a waiting room, reached without login
through a secret in its address.

Two rules the database keeps, whatever the concurrency: a ticket number is given once per queue
and day (unique constraint), and a desk holds at most one called or serving ticket at a time
(partial unique constraint), so two clerks can never be given the same citizen (``services``
takes tickets with ``SELECT ... FOR UPDATE SKIP LOCKED``). This module holds no business logic.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from loket.appointments.models import Appointment
from loket.catalog.models import Service
from loket.organisations.models import Desk, DeskKind, Location


def new_public_key() -> str:
    """128 random bits, URL-safe: the address of a ticket page or a display screen."""
    return secrets.token_urlsafe(16)


class QueueKind(models.TextChoices):
    QUICK = "quick", _("Quick counter")
    THEME = "theme", _("Theme counter")
    RECEPTION = "reception", _("Reception")


class Pictogram(models.TextChoices):
    """The pictograms a kiosk button can show (drawn in ``static/queueing/pictograms.svg``)."""

    PASSPORT = "passport", _("Passport or identity card")
    CAR = "car", _("Driving licence")
    HOUSE = "house", _("Building and housing")
    FAMILY = "family", _("Family and civil status")
    GLOBE = "globe", _("Foreigners")
    BAG = "bag", _("Waste bags and sales")
    QUESTION = "question", _("Question")


class Queue(models.Model):
    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        on_delete=models.CASCADE,
        related_name="queues",
        help_text=_("Location where this queue waits."),
    )
    slug = models.SlugField(_("slug"), help_text=_("Identifier, unique within the location."))
    name = models.CharField(_("name"), max_length=100, help_text=_("As shown at the kiosk, per language."))
    kind = models.CharField(_("kind"), max_length=20, choices=QueueKind.choices, help_text=_("Kind of queue."))
    prefix = models.CharField(
        _("prefix"),
        max_length=2,
        help_text=_("Letter(s) before the ticket number, e.g. 'S' for S012; unique within the location."),
    )
    pictogram = models.CharField(
        _("pictogram"),
        max_length=20,
        choices=Pictogram.choices,
        default=Pictogram.QUESTION,
        help_text=_("Shown on the kiosk button."),
    )
    services = models.ManyToManyField(
        Service, verbose_name=_("services"), related_name="queues", blank=True, help_text=_("Services it serves.")
    )
    walk_in = models.BooleanField(
        _("walk-in"),
        default=True,
        help_text=_("The kiosk gives tickets for it; off for counters by appointment only (checked-in appointments)."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0, help_text=_("Order on the kiosk."))
    active = models.BooleanField(_("active"), default=True, help_text=_("Inactive queues issue no tickets."))

    class Meta:
        verbose_name = _("queue")
        verbose_name_plural = _("queues")
        ordering = ["location", "position", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["location", "slug"], name="queue_slug_per_location"),
            models.UniqueConstraint(fields=["location", "prefix"], name="queue_prefix_per_location"),
        ]

    def __str__(self) -> str:
        return f"{self.location}: {self.name}"

    @property
    def desk_kind(self) -> str:
        """The kind of desk whose opening hours this queue keeps."""
        kinds: dict[str, str] = {QueueKind.QUICK: DeskKind.QUICK, QueueKind.THEME: DeskKind.THEME}
        return kinds.get(self.kind, DeskKind.RECEPTION)


class TicketStatus(models.TextChoices):
    WAITING = "waiting", pgettext_lazy("ticket status", "Waiting")
    CALLED = "called", _("Called")
    SERVING = "serving", _("Being served")
    DONE = "done", _("Served")
    NO_SHOW = "no_show", _("Did not come")
    NOT_SERVED = "not_served", _("Not served")


OPEN_STATUSES = (TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.SERVING)
AT_DESK_STATUSES = (TicketStatus.CALLED, TicketStatus.SERVING)


class ClosedReason(models.TextChoices):
    CLOSING_TIME = "closing_time", _("Not served before closing time.")
    NOT_FINISHED = "not_finished", _("Not finished at the desk before closing time.")


class TicketSource(models.TextChoices):
    KIOSK = "kiosk", _("Kiosk")
    RECEPTION = "reception", _("Reception")
    APPOINTMENT = "appointment", _("Appointment check-in")


class Ticket(models.Model):
    queue = models.ForeignKey(
        Queue,
        verbose_name=_("queue"),
        on_delete=models.PROTECT,
        related_name="tickets",
        help_text=_("Queue it waits in now (a transfer changes it)."),
    )
    numbered_in = models.ForeignKey(
        Queue,
        verbose_name=_("numbered in"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Queue that gave the number (a transferred ticket keeps its number)."),
    )
    day = models.DateField(_("day"), help_text=_("Local date it was issued: numbers restart every day."))
    number = models.PositiveIntegerField(_("number"), help_text=_("Number within the queue and day."))
    code = models.CharField(
        _("code"), max_length=8, help_text=_("Prefix and number as called, e.g. S012; kept through a transfer.")
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
        help_text=_("What the citizen came for; empty for a general question at reception."),
    )
    source = models.CharField(
        _("source"), max_length=20, choices=TicketSource.choices, help_text=_("Where the ticket was taken.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=TicketStatus.choices, default=TicketStatus.WAITING, help_text=_("Status.")
    )
    language = models.CharField(
        _("language"), max_length=2, default="nl", help_text=_("Language to call and write to the citizen in.")
    )
    appointment = models.OneToOneField(
        Appointment,
        verbose_name=_("appointment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ticket",
        help_text=_("The checked-in appointment this ticket is for."),
    )
    due_at = models.DateTimeField(
        _("due at"), null=True, blank=True, help_text=_("For an appointment: its time, when it is called first.")
    )
    assisted = models.BooleanField(
        _("assisted"), default=False, help_text=_("Needs help: called before other walk-ins. Shown to staff only.")
    )
    issued_at = models.DateTimeField(_("issued at"), help_text=_("When the ticket was taken; its place in line."))
    called_at = models.DateTimeField(_("called at"), null=True, blank=True, help_text=_("Last call."))
    desk = models.ForeignKey(
        Desk,
        verbose_name=_("desk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
        help_text=_("Desk that called or serves it."),
    )
    target_desk = models.ForeignKey(
        Desk,
        verbose_name=_("for desk"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Transferred to this desk: only it calls the ticket."),
    )
    recalls = models.PositiveSmallIntegerField(_("recalls"), default=0, help_text=_("Calls after the first."))
    phone = models.CharField(
        _("mobile phone"), max_length=20, blank=True, help_text=_("For a text message when the turn is near.")
    )
    near_sms_sent = models.BooleanField(_("text message sent"), default=False, help_text=_("The turn-near SMS."))
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=_("For staff, e.g. why transferred."))
    delivered_services = models.ManyToManyField(
        Service,
        verbose_name=_("services delivered"),
        related_name="+",
        blank=True,
        help_text=_("What was actually done at the desk."),
    )
    closed_reason = models.CharField(
        _("reason"),
        max_length=20,
        choices=ClosedReason.choices,
        blank=True,
        help_text=_("Why it was closed without being served."),
    )
    public_key = models.CharField(
        _("address key"),
        max_length=32,
        unique=True,
        default=new_public_key,
        help_text=_("Secret in the address of the ticket page (128 random bits)."),
    )

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["issued_at"]
        constraints = [
            models.UniqueConstraint(fields=["numbered_in", "day", "number"], name="ticket_number_per_queue_day"),
            models.UniqueConstraint(
                fields=["desk"],
                condition=models.Q(status__in=["called", "serving"]),
                name="ticket_one_at_a_desk",
            ),
        ]
        indexes = [
            # "Call next" and the screens read the waiting tickets of a location's queues.
            models.Index(fields=["queue", "issued_at"], condition=models.Q(status="waiting"), name="ticket_waiting"),
            models.Index(fields=["day", "status"], name="ticket_day_status"),
            # The dashboard's waits and visits per queue and day (``insights.selectors``).
            models.Index(fields=["numbered_in", "day"], name="ticket_numbered_in_day"),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.day})"


class TicketEventKind(models.TextChoices):
    ISSUED = "issued", _("Issued")
    CALLED = "called", _("Called")
    RECALLED = "recalled", _("Called again")
    STARTED = "started", _("Service started")
    FINISHED = "finished", _("Served")
    TRANSFERRED = "transferred", _("Transferred")
    NO_SHOW = "no_show", _("Did not come")
    RETURNED = "returned", _("Came back after all")
    ASSISTED = "assisted", _("Marked as needing help")
    CLOSED = "closed", _("Closed without service")


class TicketEvent(models.Model):
    """One thing that happened to a ticket; the dashboard computes waiting and service time from these."""

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("ticket"), on_delete=models.CASCADE, related_name="events", help_text=_("The ticket.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TicketEventKind.choices, help_text=_("What happened."))
    at = models.DateTimeField(_("at"), help_text=_("When."))
    queue = models.ForeignKey(
        Queue,
        verbose_name=_("queue"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Queue the ticket was in at that moment (for a transfer: the new one)."),
    )
    desk = models.ForeignKey(
        Desk,
        verbose_name=_("desk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Desk involved, if any."),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Staff member; empty for the kiosk or the system."),
    )
    actor_label = models.CharField(_("by (label)"), max_length=150, help_text=_("Who, as text: 'kiosk', 'system'."))
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=_("Transfer note or reason."))

    class Meta:
        verbose_name = _("ticket event")
        verbose_name_plural = _("ticket events")
        ordering = ["at", "pk"]
        indexes = [
            models.Index(fields=["queue", "kind", "at"], name="ticket_event_queue_kind_at"),
            # A ticket's first call and last start, read per ticket by the dashboard.
            models.Index(fields=["ticket", "kind", "at"], name="ticket_event_ticket_kind_at"),
        ]

    def __str__(self) -> str:
        return f"{self.ticket}: {self.kind} {self.at:%H:%M:%S}"


class CounterStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PAUSED = "paused", _("Paused")
    CLOSED = "closed", _("Closed")


class CounterSession(models.Model):
    """A clerk at a desk, from opening to closing, with the services they serve today."""

    desk = models.ForeignKey(
        Desk, verbose_name=_("desk"), on_delete=models.PROTECT, related_name="sessions", help_text=_("The desk.")
    )
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("clerk"),
        on_delete=models.PROTECT,
        related_name="counter_sessions",
        help_text=_("Who works at the desk."),
    )
    services = models.ManyToManyField(
        Service, verbose_name=_("services"), related_name="+", help_text=_("Served today, from the clerk's skills.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CounterStatus.choices, default=CounterStatus.OPEN, help_text=_("Status.")
    )
    opened_at = models.DateTimeField(_("opened at"), help_text=_("When the desk was opened."))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, help_text=_("When it was closed."))

    class Meta:
        verbose_name = _("open desk")
        verbose_name_plural = _("open desks")
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["desk"], condition=~models.Q(status="closed"), name="counter_session_one_per_desk"
            ),
            models.UniqueConstraint(
                fields=["clerk"], condition=~models.Q(status="closed"), name="counter_session_one_per_clerk"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.desk} ({self.clerk})"


class DisplayScreen(models.Model):
    """A screen in a waiting room showing the calls of some (or all) queues of its location."""

    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        on_delete=models.CASCADE,
        related_name="display_screens",
        help_text=_("Waiting room it hangs in."),
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("Which screen, e.g. 'Waiting room ground floor'."))
    queues = models.ManyToManyField(
        Queue,
        verbose_name=_("queues"),
        related_name="display_screens",
        blank=True,
        help_text=_("Queues it shows; none means all queues of the location."),
    )
    speak = models.BooleanField(
        _("spoken announcement"), default=True, help_text=_("Read each call aloud in the ticket's language.")
    )
    public_key = models.CharField(
        _("address key"),
        max_length=32,
        unique=True,
        default=new_public_key,
        help_text=_("Secret in the screen's address (128 random bits); change it to lock an old screen out."),
    )

    class Meta:
        verbose_name = _("display screen")
        verbose_name_plural = _("display screens")
        ordering = ["location", "name"]

    def __str__(self) -> str:
        return f"{self.location}: {self.name}"

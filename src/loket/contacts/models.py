"""Contact moments on every channel, and the requests they hand to the back office.

A ``Contact`` is one conversation: a call, an e-mail, a chat, a visit at the counter, a letter, a
web form or a home visit. It belongs to the organisation it was about (``organisation``) and is
registered by the organisation whose agent handled it (``registered_by``): the same one, or a
regional contact centre that serves it (``Organisation.contact_centre_for``). Each sees it; no
other organisation does.

A ``Request`` ("aanvraag") is work for a back-office department, with a due date from the
service's standard handling time, a status and a history (``RequestEvent``: every status change,
assignment, internal note and message, with who and when), messages to and from the citizen
(``RequestMessage``) and attachments. The citizen hears of every status change and message in
their language by their channel, through the notifications outbox (``services``). Its
``reference`` is random (not a counter), so it says nothing about how many requests there are; a
citizen sees a request only when signed in to Mijn loket as its person. This module holds no
business logic.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from loket.catalog.models import Service
from loket.citizens.models import Language, Person
from loket.organisations.models import Department, Organisation

# Crockford's base 32 without I, L, O, U: nothing to misread on the phone.
_REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_request_reference() -> str:
    """'AV-7K3M-Q9XD': 40 random bits; unique constraint, retried by the service on a clash."""
    code = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
    return f"AV-{code[:4]}-{code[4:]}"


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    CHAT = "chat", _("Chat")
    COUNTER = "counter", _("Counter")
    LETTER = "letter", _("Letter")
    WEB_FORM = "web_form", _("Web form")
    HOME_VISIT = "home_visit", _("Home visit")


class Direction(models.TextChoices):
    INBOUND = "in", _("Citizen contacted us")
    OUTBOUND = "out", _("We contacted the citizen")


class Outcome(models.TextChoices):
    ANSWERED = "answered", _("Answered at once")
    APPOINTMENT = "appointment", _("Appointment booked")
    TICKET = "ticket", _("Ticket issued")
    REQUEST = "request", _("Handed to the back office")
    REFERRED = "referred", _("Referred to another organisation")


class Contact(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="contacts",
        help_text=_("Organisation the contact was about."),
    )
    registered_by = models.ForeignKey(
        Organisation,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="registered_contacts",
        help_text=_("Organisation whose agent handled it (a contact centre may serve several)."),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=ContactChannel.choices, help_text=_("How."))
    direction = models.CharField(
        _("direction"), max_length=3, choices=Direction.choices, default=Direction.INBOUND, help_text=_("Who began.")
    )
    started_at = models.DateTimeField(_("started"), db_index=True, help_text=_("When it began."))
    duration_seconds = models.PositiveIntegerField(
        _("duration (seconds)"), null=True, blank=True, help_text=_("How long it took.")
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Staff member who handled it."),
    )
    services = models.ManyToManyField(
        Service, verbose_name=_("services"), related_name="contacts", blank=True, help_text=_("What it was about.")
    )
    summary = models.CharField(_("summary"), max_length=500, blank=True, help_text=_("A line on what was asked."))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, help_text=_("How it ended."))
    referred_to = models.CharField(
        _("referred to"), max_length=200, blank=True, help_text=_("Organisation the citizen was sent to.")
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.NL, help_text=_("Language spoken.")
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
        help_text=_("The citizen, when known."),
    )
    appointment = models.ForeignKey(
        "appointments.Appointment",
        verbose_name=_("appointment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Appointment booked during the contact."),
    )
    anonymised_at = models.DateTimeField(
        _("anonymised"), null=True, blank=True, help_text=_("When the retention job removed its personal data.")
    )

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["organisation", "started_at"], name="contact_org_started"),
            models.Index(fields=["registered_by", "started_at"], name="contact_registered_started"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.started_at:%Y-%m-%d %H:%M}"


class RequestOrigin(models.TextChoices):
    CONTACT = "contact", _("Contact (phone, e-mail, chat)")
    COUNTER = "counter", _("Counter visit")
    WEB_FORM = "web_form", _("Web form")


class RequestStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING = "waiting", _("Waiting for you")  # waiting for the citizen; the citizen reads it
    DONE = "done", pgettext_lazy("request status", "Done")
    REJECTED = "rejected", _("Rejected")


OPEN_STATUSES: frozenset[str] = frozenset({RequestStatus.NEW, RequestStatus.IN_PROGRESS, RequestStatus.WAITING})
CLOSED_STATUSES: frozenset[str] = frozenset({RequestStatus.DONE, RequestStatus.REJECTED})


class Request(models.Model):
    reference = models.CharField(
        _("reference"), max_length=14, unique=True, default=new_request_reference, help_text=_("e.g. AV-7K3M-Q9XD.")
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="requests",
        help_text=_("Organisation that handles it."),
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="requests",
        help_text=_("Back-office department that handles it."),
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
        help_text=_("Service it is about."),
    )
    origin = models.CharField(_("origin"), max_length=20, choices=RequestOrigin.choices, help_text=_("Where it began."))
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
        help_text=_("Contact it was handed over from."),
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="requests", help_text=_("Who asked.")
    )
    subject = models.CharField(_("subject"), max_length=200, help_text=_("What it is about, in a line."))
    description = models.TextField(_("description"), blank=True, help_text=_("What the citizen asked."))
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.NEW, help_text=_("Status.")
    )
    status_reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why it has this status (shown to the citizen).")
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who works on it."),
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.NL, help_text=_("For messages.")
    )
    due_on = models.DateField(_("due"), help_text=_("When it should be done (from the service's handling time)."))
    created_at = models.DateTimeField(_("created"), help_text=_("When it was handed over."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True, help_text=_("Last change."))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, help_text=_("When it was done or rejected."))
    anonymised_at = models.DateTimeField(
        _("anonymised"), null=True, blank=True, help_text=_("When the retention job removed its personal data.")
    )

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["department", "status", "due_on"], name="request_department_status_due"),
            models.Index(fields=["organisation", "status", "due_on"], name="request_org_status_due"),
            models.Index(fields=["assignee", "status"], name="request_assignee_status"),
            models.Index(fields=["closed_at"], name="request_closed"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class RequestEventKind(models.TextChoices):
    CREATED = "created", _("Handed over")
    STATUS = "status", _("Status changed")
    ASSIGNED = "assigned", _("Assigned")
    NOTE = "note", _("Internal note")
    MESSAGE_OUT = "message_out", _("Message to the citizen")
    MESSAGE_IN = "message_in", _("Message from the citizen")
    ATTACHMENT = "attachment", _("Attachment added")


# What the citizen sees in their history: never the internal notes or assignments.
CITIZEN_EVENT_KINDS: frozenset[str] = frozenset(
    {RequestEventKind.CREATED, RequestEventKind.STATUS, RequestEventKind.MESSAGE_OUT, RequestEventKind.MESSAGE_IN}
)


class RequestEvent(models.Model):
    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="events", verbose_name=_("request"))
    at = models.DateTimeField(_("at"), help_text=_("When it happened."))
    kind = models.CharField(_("kind"), max_length=20, choices=RequestEventKind.choices, help_text=_("What happened."))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Staff member; empty for the citizen or the system."),
    )
    from_status = models.CharField(_("from"), max_length=20, choices=RequestStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=RequestStatus.choices, blank=True)
    text = models.TextField(_("text"), blank=True, help_text=_("Reason, note or message."))

    class Meta:
        verbose_name = _("request event")
        verbose_name_plural = _("request events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"


class MessageDirection(models.TextChoices):
    TO_CITIZEN = "to_citizen", _("To the citizen")
    FROM_CITIZEN = "from_citizen", _("From the citizen")


class RequestMessage(models.Model):
    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="messages", verbose_name=_("request"))
    direction = models.CharField(_("direction"), max_length=20, choices=MessageDirection.choices)
    body = models.TextField(_("message"), help_text=_("The message."))
    sent_at = models.DateTimeField(_("sent"), help_text=_("When it was written."))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Staff member who wrote it; empty when the citizen did."),
    )
    read_at = models.DateTimeField(_("read"), null=True, blank=True, help_text=_("When the other side first read it."))

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["sent_at", "pk"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.direction} {self.sent_at:%Y-%m-%d %H:%M}"


def attachment_path(instance: RequestAttachment, filename: str) -> str:
    """A random name under the request's folder: an upload's own name is never a path."""
    return f"requests/{instance.request_id}/{secrets.token_hex(16)}"


class RequestAttachment(models.Model):
    request = models.ForeignKey(
        Request, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("request")
    )
    message = models.ForeignKey(
        RequestMessage,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("message"),
    )
    file = models.FileField(_("file"), upload_to=attachment_path, help_text=_("The document."))
    filename = models.CharField(_("file name"), max_length=200, help_text=_("Name as uploaded."))
    content_type = models.CharField(_("type"), max_length=100, help_text=_("e.g. application/pdf."))
    size = models.PositiveIntegerField(_("size (bytes)"), help_text=_("Size in bytes."))
    internal = models.BooleanField(_("internal"), default=False, help_text=_("Only staff see it."))
    uploaded_at = models.DateTimeField(_("uploaded"), help_text=_("When."))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Staff member; empty when the citizen did."),
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.filename

"""The outbox: every e-mail and SMS Loket sends is first a row here.

A service that must tell a citizen something (a booking's confirmation, a reminder) writes an
``OutboxMessage`` in its own transaction through ``services.message_enqueue``; a worker delivers
it later. So the message exists exactly when the change that caused it was committed, and a crash
or a mail-server outage only delays it. This module holds the data; it never sends anything.

The message is stored fully rendered (subject, bodies, attachments, in the citizen's language): a
retry two days later sends the same bytes even if a template or a translation changed meanwhile.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutboxMessage(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outbox_messages",
        help_text=_("The organisation on whose behalf the message is sent; empty for messages of Loket itself."),
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, help_text=_("How the message is delivered.")
    )
    recipient = models.CharField(
        _("recipient"), max_length=254, help_text=_("E-mail address or mobile phone number (E.164) of the recipient.")
    )
    language = models.CharField(
        _("language"), max_length=8, help_text=_("Language the message is written in (nl, fr or en).")
    )
    subject = models.CharField(_("subject"), max_length=255, blank=True, help_text=_("Subject of an e-mail."))
    body_text = models.TextField(_("text"), help_text=_("Plain-text body (the whole text of an SMS)."))
    body_html = models.TextField(_("HTML"), blank=True, help_text=_("Optional HTML alternative of an e-mail."))
    attachments = models.JSONField(
        _("attachments"),
        default=list,
        blank=True,
        help_text=_("Files sent with an e-mail: filename, content type and content (text, or base64 for binary)."),
    )
    idempotency_key = models.CharField(
        _("idempotency key"),
        max_length=200,
        unique=True,
        help_text=_("Names the message (e.g. 'appointment:ABC123:confirmation'): enqueuing it twice keeps one."),
    )
    message_id = models.CharField(
        _("Message-ID"),
        max_length=255,
        help_text=_("Stable e-mail Message-ID derived from the key: a resent copy carries the same one."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MessageStatus.choices,
        default=MessageStatus.PENDING,
        help_text=_("Where the message is in its delivery."),
    )
    attempts = models.PositiveIntegerField(
        _("attempts"), default=0, help_text=_("How many times a worker has tried to deliver the message.")
    )
    next_attempt_at = models.DateTimeField(
        _("next attempt at"), default=timezone.now, help_text=_("The earliest time a worker tries (again).")
    )
    locked_until = models.DateTimeField(
        _("locked until"),
        null=True,
        blank=True,
        help_text=_("While sending: the end of the worker's lease. After it, another worker may take the message."),
    )
    last_error = models.TextField(_("last error"), blank=True, help_text=_("The error of the last failed attempt."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, help_text=_("When it was enqueued."))
    sent_at = models.DateTimeField(
        _("sent at"), null=True, blank=True, help_text=_("When the mail server or SMS gateway accepted it.")
    )

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["-created_at"]
        indexes = [
            # The worker's query: due pending messages and expired leases, oldest first.
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx"),
            models.Index(fields=["organisation", "-created_at"], name="outbox_org_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.idempotency_key} ({self.get_status_display()})"

"""The outbox's writes: enqueue a message in the caller's transaction, deliver due messages.

Why an outbox. A booking and its confirmation must not part ways: if the e-mail were sent from
the booking's request, a crash after the commit loses it, and a send before the commit may
confirm a booking that then rolls back. So ``message_enqueue`` only writes a row, in the caller's
transaction (it refuses to run outside one), and asks for delivery with ``transaction.on_commit``.
A rolled-back booking leaves no row and sends nothing; a committed one always has its row.

Who delivers. Two paths call the same code, and either alone is enough:

- the on-commit hook enqueues the ``outbox_deliver`` task (django-tasks), which ``loket worker``
  runs within a second or so; a failed attempt enqueues the next one for its back-off time;
- ``loket outbox`` sweeps every due message in a loop (``outbox_deliver_due``). It is the safety
  net for a task that was lost: the task queue was unreachable at commit time, or a worker was
  killed while the task ran (django-tasks does not rerun a task that was running).

How a message is claimed. A worker takes one message at a time in a short transaction: status
``sending``, ``attempts + 1`` and a lease (``locked_until = now + LOKET_OUTBOX_LEASE``), then sends
outside any transaction, then marks it ``sent``. On PostgreSQL the claim reads with
``SELECT ... FOR UPDATE SKIP LOCKED``, so concurrent workers never wait for, nor take, the same
row. SQLite has no row locks; there Loket's connections begin every transaction IMMEDIATE (see
settings), so the claim's read and write hold the database's write lock together and two claims
cannot interleave. A message whose lease ran out while ``sending`` (its worker was killed or hung)
is due again. The lease (5 minutes) is far longer than one SMTP conversation (``EMAIL_TIMEOUT``),
and marking ``sent`` or a failure only applies while the worker still holds its own lease.

Retries. A failed attempt puts the message back to ``pending`` with exponential back-off and
jitter (``LOKET_OUTBOX_BACKOFF``: about 1 minute, doubling, at most 30 minutes) until
``LOKET_OUTBOX_RETRY_PERIOD`` (48 hours) after it was enqueued; then it is ``failed`` with its
last error kept and logged as an error. A refusal that retrying cannot cure (a 5xx answer to the
recipient or the message, ``PermanentDeliveryError`` from an SMS gateway) fails it at once. Once
one attempt on a channel fails for a transient reason, the rest of that run leaves the channel
alone: during an outage a sweep costs one connection attempt, not one per message.

Exactly once, honestly. Everything before the hand-over is exactly once: the row is written once
(unique idempotency key), claimed by one worker at a time, and a message marked ``sent`` is never
sent again. SMTP itself leaves one narrow window: the server has accepted the message (``250``)
and the worker dies (or loses the database) before it marks the row ``sent``. After the lease,
the message is sent again. That copy carries the same ``Message-ID`` header (derived from the
idempotency key), which lets mail systems and clients that deduplicate drop it. No protocol can
close this window without the receiving server's help; it is milliseconds wide per message.

What this module must never do: send inside a database transaction, swallow an error, or let an
error in one message stop the delivery of the others.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import logging
import re
import secrets
import smtplib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from email import encoders
from email.mime.base import MIMEBase
from email.mime.text import MIMEText
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.core.audit import Actor, audit_log
from loket.core.errors import DomainError, PermissionDenied
from loket.core.phone import E164
from loket.notifications.gateways import PermanentDeliveryError, sms_gateway
from loket.notifications.ics import message_domain
from loket.notifications.models import Channel, MessageStatus, OutboxMessage
from loket.organisations.models import Organisation
from loket.organisations.selectors import staff_organisation_ids

logger = logging.getLogger(__name__)

MAX_ERROR_LENGTH = 2000


# --- Enqueue --------------------------------------------------------------------------------


def message_id_for(idempotency_key: str) -> str:
    """The Message-ID of a message: the same key always gives the same one."""
    digest = hashlib.sha256(idempotency_key.encode("utf-8")).hexdigest()[:40]
    return f"<{digest}.outbox@{message_domain()}>"


def _normalise_recipient(channel: str, recipient: str) -> str:
    recipient = recipient.strip()
    if channel == Channel.EMAIL:
        try:
            validate_email(recipient)
        except ValidationError as error:
            raise DomainError(
                _("This e-mail address is not valid."), code="invalid_recipient", field="email"
            ) from error
        return recipient
    number = re.sub(r"[\s./()-]", "", recipient)
    if number.startswith("00"):
        number = "+" + number[2:]
    if not E164.match(number):
        raise DomainError(
            _("This mobile phone number is not valid: write it with its country code, e.g. +32 470 12 34 56."),
            code="invalid_recipient",
            field="phone",
        )
    return number


def _stored_attachment(attachment: Mapping[str, Any]) -> dict[str, Any]:
    content = attachment["content"]
    stored: dict[str, Any] = {
        "filename": str(attachment["filename"]),
        "mimetype": str(attachment.get("mimetype") or "application/octet-stream"),
        "params": dict(attachment.get("params") or {}),
    }
    if isinstance(content, bytes):
        stored.update(content=base64.b64encode(content).decode("ascii"), encoding="base64")
    else:
        stored.update(content=str(content), encoding="text")
    return stored


def message_enqueue(
    *,
    channel: str,
    recipient: str,
    language: str,
    body_text: str,
    idempotency_key: str,
    subject: str = "",
    body_html: str = "",
    attachments: Iterable[Mapping[str, Any]] = (),
    organisation: Organisation | None = None,
    not_before: dt.datetime | None = None,
) -> OutboxMessage:
    """Write a message to the outbox in the caller's transaction; deliver it once that commits.

    ``attachments``: mappings with ``filename``, ``mimetype``, ``content`` (str, or bytes for
    binary files) and optional ``params`` for the content type (``ics.event_attachment`` makes
    one). ``not_before`` delays delivery (e.g. a reminder). Enqueuing an ``idempotency_key`` that
    exists returns the existing message unchanged and schedules nothing.
    """
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError(
            "message_enqueue must run inside the transaction of the change it reports"
        )
    if channel not in Channel.values:
        raise ValueError(f"unknown channel {channel!r}")
    if channel == Channel.EMAIL and not subject:
        raise ValueError("an e-mail needs a subject")
    if not_before is not None and timezone.is_naive(not_before):
        raise ValueError("not_before must be timezone-aware")
    message, created = OutboxMessage.objects.get_or_create(
        idempotency_key=idempotency_key,
        defaults={
            "organisation": organisation,
            "channel": channel,
            "recipient": _normalise_recipient(channel, recipient),
            "language": language,
            # A header holds one line: a title pasted with a line break (admin, a catalogue import)
            # would make every e-mail that names it fail to send.
            "subject": " ".join(subject.split()),
            "body_text": body_text,
            "body_html": body_html,
            "attachments": [_stored_attachment(a) for a in attachments],
            "message_id": message_id_for(idempotency_key),
            "next_attempt_at": not_before or timezone.now(),
        },
    )
    if created:
        transaction.on_commit(partial(_schedule_delivery, message.pk, not_before), robust=True)
    return message


def _schedule_delivery(message_pk: int, run_after: dt.datetime | None = None) -> None:
    from loket.notifications.tasks import outbox_deliver

    task = outbox_deliver.using(run_after=run_after) if run_after else outbox_deliver
    task.enqueue(message_pk)


def message_retry_now(*, message: OutboxMessage, actor: Actor) -> OutboxMessage:
    """Staff's "try again now" for a failed or waiting message (e.g. after fixing the mail server).

    A failed message gets a new retry period from now on.
    """
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().get(pk=message.pk)
        staff = isinstance(actor, AbstractBaseUser) and not getattr(actor, "is_superuser", False)
        if staff and message.organisation_id not in staff_organisation_ids(user=actor):  # type: ignore[arg-type]
            raise PermissionDenied(_("This message belongs to another organisation."))
        if message.status not in (MessageStatus.PENDING, MessageStatus.FAILED):
            raise DomainError(_("Only a waiting or failed message can be retried."), code="not_retryable")
        old_status = message.status
        now = timezone.now()
        message.status = MessageStatus.PENDING
        message.next_attempt_at = now
        if old_status == MessageStatus.FAILED:
            message.created_at = now
        message.save(update_fields=["status", "next_attempt_at", "created_at"])
        audit_log(
            actor=actor,
            action="notifications.message_retry_now",
            obj=message,
            organisation_id=message.organisation_id,
            changes={"status": [old_status, MessageStatus.PENDING]},
        )
        transaction.on_commit(partial(_schedule_delivery, message.pk), robust=True)
    return message


# --- Deliver --------------------------------------------------------------------------------


@dataclass
class DeliveryReport:
    sent: list[int] = field(default_factory=list)
    retrying: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)

    @property
    def attempted(self) -> int:
        return len(self.sent) + len(self.retrying) + len(self.failed)


def _due(now: dt.datetime) -> Q:
    return Q(status=MessageStatus.PENDING, next_attempt_at__lte=now) | Q(
        status=MessageStatus.SENDING, locked_until__lte=now
    )


def outbox_claim_next(
    *, now: dt.datetime, pk: int | None = None, exclude_channels: Iterable[str] = ()
) -> OutboxMessage | None:
    """Take the oldest due message (or message ``pk`` if it is due) for this worker, with a lease."""
    with transaction.atomic():
        candidates = OutboxMessage.objects.filter(_due(now)).exclude(channel__in=list(exclude_channels))
        if pk is not None:
            candidates = candidates.filter(pk=pk)
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        message = candidates.order_by("next_attempt_at", "pk").first()
        if message is None:
            return None
        lease = now + dt.timedelta(seconds=settings.LOKET_OUTBOX_LEASE)
        OutboxMessage.objects.filter(pk=message.pk).update(
            status=MessageStatus.SENDING, locked_until=lease, attempts=F("attempts") + 1
        )
    message.status = MessageStatus.SENDING
    message.locked_until = lease
    message.attempts += 1
    return message


def outbox_deliver_due(*, limit: int | None = None, now: dt.datetime | None = None) -> DeliveryReport:
    """Deliver up to ``limit`` due messages, one claim at a time; what happened to each.

    ``now`` fixes the clock (tests move time instead of sleeping); by default every claim reads it.
    """
    limit = settings.LOKET_OUTBOX_BATCH if limit is None else limit
    clock: Callable[[], dt.datetime] = (lambda: now) if now is not None else timezone.now
    report = DeliveryReport()
    down: set[str] = set()
    while report.attempted < limit:
        message = outbox_claim_next(now=clock(), exclude_channels=down)
        if message is None:
            break
        if not _deliver_claimed(message, clock=clock, report=report):
            down.add(message.channel)
    return report


def outbox_deliver_message(*, message_pk: int, now: dt.datetime | None = None) -> DeliveryReport:
    """Deliver one message if it is due (the task's entry point); otherwise do nothing."""
    clock: Callable[[], dt.datetime] = (lambda: now) if now is not None else timezone.now
    report = DeliveryReport()
    message = outbox_claim_next(now=clock(), pk=message_pk)
    if message is not None:
        _deliver_claimed(message, clock=clock, report=report)
    return report


def _deliver_claimed(message: OutboxMessage, *, clock: Callable[[], dt.datetime], report: DeliveryReport) -> bool:
    """Send a claimed message and record the outcome; False when the channel seems down."""
    try:
        _send(message)
    except Exception as error:  # every failure is recorded on the message and logged, never lost
        permanent = _is_permanent(error)
        _record_failure(message, error, now=clock(), permanent=permanent, report=report)
        return permanent
    _record_sent(message, now=clock(), report=report)
    return True


def _own_lease(message: OutboxMessage) -> Any:
    return OutboxMessage.objects.filter(pk=message.pk, status=MessageStatus.SENDING, locked_until=message.locked_until)


def _record_sent(message: OutboxMessage, *, now: dt.datetime, report: DeliveryReport) -> None:
    updated = _own_lease(message).update(status=MessageStatus.SENT, sent_at=now, locked_until=None, last_error="")
    if not updated:
        # Only possible when this worker outlived its lease: another worker may have sent it too.
        logger.warning("Outbox message %s was sent after its lease had expired", message.pk)
    logger.info("Outbox message %s sent (%s, attempt %s)", message.pk, message.channel, message.attempts)
    report.sent.append(message.pk)


def backoff_delay(attempts: int) -> dt.timedelta:
    """The wait after the ``attempts``-th failed attempt: doubling from the minimum, capped, +-20 % jitter."""
    low, high = settings.LOKET_OUTBOX_BACKOFF
    base = min(high, low * 2 ** max(0, attempts - 1))
    jittered = base * secrets.SystemRandom().uniform(0.8, 1.2)  # spreads the retries of an outage
    return dt.timedelta(seconds=max(low, min(high, jittered)))


def _record_failure(
    message: OutboxMessage, error: Exception, *, now: dt.datetime, permanent: bool, report: DeliveryReport
) -> None:
    text = f"{type(error).__name__}: {error}"[:MAX_ERROR_LENGTH]
    deadline = message.created_at + dt.timedelta(seconds=settings.LOKET_OUTBOX_RETRY_PERIOD)
    if permanent or now >= deadline:
        _own_lease(message).update(status=MessageStatus.FAILED, locked_until=None, last_error=text)
        logger.error(
            "Outbox message %s (%s to %s) failed for good after %s attempt(s): %s",
            message.pk,
            message.channel,
            message.idempotency_key,
            message.attempts,
            text,
        )
        report.failed.append(message.pk)
        return
    next_attempt = min(now + backoff_delay(message.attempts), deadline)
    _own_lease(message).update(
        status=MessageStatus.PENDING, locked_until=None, last_error=text, next_attempt_at=next_attempt
    )
    logger.warning(
        "Outbox message %s: attempt %s failed, next at %s: %s",
        message.pk,
        message.attempts,
        next_attempt.isoformat(),
        text,
    )
    message.next_attempt_at = next_attempt
    report.retrying.append(message.pk)


def _is_permanent(error: Exception) -> bool:
    if isinstance(error, PermanentDeliveryError):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return bool(error.recipients) and all(code >= 500 for code, _text in error.recipients.values())
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return False  # Loket's own configuration: fixable, so keep the message
    if isinstance(error, smtplib.SMTPSenderRefused | smtplib.SMTPDataError):
        return error.smtp_code >= 500
    return False


# --- Sending --------------------------------------------------------------------------------


def _send(message: OutboxMessage) -> None:
    if message.channel == Channel.SMS:
        sms_gateway().send(to=message.recipient, text=message.body_text, message_id=message.message_id)
        return
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
        headers={
            "Message-ID": message.message_id,
            "Auto-Submitted": "auto-generated",  # RFC 3834: no out-of-office replies to this
            "Content-Language": message.language,
        },
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for attachment in message.attachments:
        email.attach(_mime_part(attachment))
    email.send(fail_silently=False)


def _mime_part(attachment: Mapping[str, Any]) -> MIMEBase:
    maintype, subtype = attachment["mimetype"].split("/", 1)
    part: MIMEBase
    if attachment.get("encoding") == "base64":
        part = MIMEBase(maintype, subtype)
        part.set_payload(base64.b64decode(attachment["content"]))
        encoders.encode_base64(part)
    elif maintype == "text":
        part = MIMEText(attachment["content"], subtype, "utf-8")
    else:
        part = MIMEBase(maintype, subtype)
        part.set_payload(attachment["content"].encode("utf-8"))
        encoders.encode_base64(part)
    for name, value in attachment.get("params", {}).items():
        part.set_param(name, value)
    part.add_header("Content-Disposition", "attachment", filename=attachment["filename"])
    return part

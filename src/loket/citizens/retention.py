"""Retention: personal data past its period is anonymised or deleted; the figures stay.

``retention_run`` is the daily job (``loket retention``, or ``loket sweep`` once a day through
``retention_run_if_due``). For each kind of data in ``LOKET_RETENTION_DAYS`` it takes what is
due in batches of ``BATCH_SIZE``; each batch is one transaction that clears the personal data
and writes one audit entry (actor "system") naming the records and the counts. A record once
done is no longer due, so the job is idempotent and a crash loses at most the batch under way.

What stays is what the statistics read: a contact's channel, outcome, duration, services and
times; an appointment's times, status, channel, services and location; a ticket's queue, times
and status; a request's service, department, status, subject and dates. What goes:

- contacts ``days`` after they began: summary and "referred to" cleared, person unlinked;
- appointments ``days`` after their start: name, e-mail, phone and remark cleared, uploaded
  documents deleted (files and rows); waiting-list entries ``days`` after they were made: name,
  e-mail and phone cleared;
- tickets ``days`` after their day: phone and notes (the ticket's and its events') cleared;
- requests ``days`` after they were closed: description, reason, the texts of their history and
  the bodies of their messages cleared, attachments deleted. A request must name a person
  (``PROTECT``): it keeps pointing to the person, who is erased in turn once nothing else holds
  them;
- people with no activity for ``days`` and nothing not yet anonymised that links to them:
  erased (name, contact details, address, date of birth and national register number cleared,
  consents in force withdrawn); the row stays for the figures and the record of erasure;
- sign-in links ``days`` after they were sent: deleted;
- messages of the outbox ``days`` after they were written, once sent or given up: recipient,
  subject, text and attachments cleared (channel, status and times stay; one still to be sent is
  never touched).

The audit trail itself is never deleted here. The per-record anonymisers (``contacts_anonymise``
and friends) take a list of keys and are what ``erasure`` uses for one person at once. Files are
deleted from storage only after the transaction commits, so a rollback never leaves a row whose
file is gone. This module must never touch a record that is not yet due.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.files.storage import Storage
from django.db import connection, models, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from loket.appointments.models import Appointment, AppointmentDocument, WaitingListEntry
from loket.citizens.models import Consent, Person, SignInLink
from loket.contacts.models import Contact, Request, RequestAttachment, RequestEvent, RequestMessage
from loket.core.audit import current_source
from loket.core.models import AuditEntry
from loket.notifications.models import MessageStatus, OutboxMessage
from loket.queueing.models import Ticket, TicketEvent

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
RUN_ACTION = "retention.run"
# Which setting of LOKET_RETENTION_DAYS each kind follows (waiting-list entries go with appointments).
KIND_SETTING = {
    "contacts": "contacts",
    "appointments": "appointments",
    "waiting_list": "appointments",
    "tickets": "tickets",
    "requests": "requests",
    "people": "people",
    "sign_in_links": "sign_in_links",
    "outbox": "outbox",
}
# People last: by then the contacts and requests that held them are done.
KINDS: tuple[str, ...] = (
    "contacts",
    "appointments",
    "waiting_list",
    "tickets",
    "requests",
    "sign_in_links",
    "outbox",
    "people",
)

Counts = dict[str, int]


# --- The per-record anonymisers (also used by ``erasure``) ------------------------------------


def _delete_files_on_commit(storage: Storage, names: Iterable[str]) -> None:
    names = [name for name in names if name]

    def delete() -> None:
        for name in names:
            try:
                storage.delete(name)
            except OSError:  # a file already gone is what we wanted; anything else is logged
                logger.exception("retention: could not delete %s", name)

    if names:
        transaction.on_commit(delete)


def contacts_anonymise(ids: Sequence[int], *, now: datetime.datetime) -> Counts:
    """Clear what a contact says about the person, unlink them; channel, outcome and times stay."""
    done = Contact.objects.filter(pk__in=ids, anonymised_at__isnull=True).update(
        summary="", referred_to="", person=None, anonymised_at=now
    )
    return {"contacts": done}


def appointments_anonymise(ids: Sequence[int], *, now: datetime.datetime) -> Counts:
    """Clear name, contact details and remark; delete the uploaded documents (files after commit)."""
    documents = AppointmentDocument.objects.filter(appointment_id__in=ids)
    names = list(documents.values_list("file", flat=True))
    removed, _detail = documents.delete()
    _delete_files_on_commit(AppointmentDocument._meta.get_field("file").storage, names)  # type: ignore[union-attr]
    done = Appointment.objects.filter(pk__in=ids).update(name="", email="", phone="", remark="")
    return {"appointments": done, "appointment_documents": removed}


def waiting_list_anonymise(ids: Sequence[int], *, now: datetime.datetime) -> Counts:
    done = WaitingListEntry.objects.filter(pk__in=ids).update(name="", email="", phone="")
    return {"waiting_list": done}


def tickets_anonymise(ids: Sequence[int], *, now: datetime.datetime) -> Counts:
    """Clear the phone number and the notes of the ticket and of its history."""
    done = Ticket.objects.filter(pk__in=ids).update(phone="", note="")
    TicketEvent.objects.filter(ticket_id__in=ids).exclude(note="").update(note="")
    return {"tickets": done}


def requests_anonymise(ids: Sequence[int], *, now: datetime.datetime) -> Counts:
    """Clear the request's texts, its history's texts and its messages; delete its attachments."""
    attachments = RequestAttachment.objects.filter(request_id__in=ids)
    names = list(attachments.values_list("file", flat=True))
    removed, _detail = attachments.delete()
    _delete_files_on_commit(RequestAttachment._meta.get_field("file").storage, names)  # type: ignore[union-attr]
    RequestEvent.objects.filter(request_id__in=ids).exclude(text="").update(text="")
    RequestMessage.objects.filter(request_id__in=ids).update(body="")
    done = Request.objects.filter(pk__in=ids, anonymised_at__isnull=True).update(
        description="", status_reason="", anonymised_at=now
    )
    return {"requests": done, "request_attachments": removed}


# The fields of a person cleared on erasure (language and preferred channel stay: figures).
PERSON_ERASED_FIELDS: dict[str, Any] = {
    "name": "",
    "email": "",
    "phone": "",
    "street": "",
    "postcode": "",
    "city": "",
    "date_of_birth": None,
    "national_number_token": "",
    "national_number_hash": "",
}


def people_erase(ids: Sequence[int], *, now: datetime.datetime) -> Counts:
    """Erase the people's personal data, withdraw their consents in force, drop their sign-in links."""
    emails = [
        email.lower() for email in Person.objects.filter(pk__in=ids).exclude(email="").values_list("email", flat=True)
    ]
    links = 0
    if emails:
        links, _detail = SignInLink.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=emails).delete()
    Consent.objects.filter(person_id__in=ids, withdrawn_at__isnull=True).update(withdrawn_at=now)
    done = Person.objects.filter(pk__in=ids, erased_at__isnull=True).update(**PERSON_ERASED_FIELDS, erased_at=now)
    return {"people": done, "sign_in_links": links, "audit_values": audit_values_erase(ids)}


ERASED_VALUE = "[erased]"
# Keys of an entry's changes that name what happened, never the person's data: kept as they are.
AUDIT_SAFE_KEYS = frozenset({"fields", "method", "purpose", "source", "text_version", "status", "channel", "outcome"})


def audit_values_erase(person_ids: Sequence[int]) -> int:
    """Blank the values the audit trail recorded of these people's data; keep who did what, when, to which field.

    The trail outlives the data it is about (it proves who read and changed what), so it must not
    keep a copy of what was erased: the old and new values of each change become ``[erased]``.
    Returns the number of entries changed.
    """
    changed = []
    entries = AuditEntry.objects.filter(person_id__in=list(person_ids)).exclude(changes={}).only("pk", "changes")
    for entry in entries.iterator(chunk_size=500):
        if not isinstance(entry.changes, dict):
            continue
        scrubbed = {key: value if key in AUDIT_SAFE_KEYS else ERASED_VALUE for key, value in entry.changes.items()}
        if scrubbed != entry.changes:
            entry.changes = scrubbed
            changed.append(entry)
    AuditEntry.objects.bulk_update(changed, ["changes"], batch_size=500)
    return len(changed)


def outbox_anonymise(ids: Sequence[int], *, now: datetime.datetime) -> Counts:
    """Clear what a delivered (or given-up) message said and to whom; channel, status and times stay."""
    done = OutboxMessage.objects.filter(pk__in=ids).update(
        recipient="", subject="", body_text="", body_html="", attachments=[], last_error=""
    )
    return {"outbox": done}


def sign_in_links_delete(ids: Sequence[int], *, now: datetime.datetime) -> Counts:
    removed, _detail = SignInLink.objects.filter(pk__in=ids).delete()
    return {"sign_in_links": removed}


# --- What is due -------------------------------------------------------------------------------


def _has_text(*fields: str) -> Q:
    condition = Q()
    for field in fields:
        condition |= ~Q(**{field: ""})
    return condition


def contacts_due(cutoff: datetime.datetime) -> QuerySet[Contact]:
    return Contact.objects.filter(started_at__lt=cutoff, anonymised_at__isnull=True)


def appointments_due(cutoff: datetime.datetime) -> QuerySet[Appointment]:
    documents = AppointmentDocument.objects.filter(appointment_id=OuterRef("pk"))
    return Appointment.objects.filter(start__lt=cutoff).filter(
        _has_text("name", "email", "phone", "remark") | Exists(documents)
    )


def waiting_list_due(cutoff: datetime.datetime) -> QuerySet[WaitingListEntry]:
    return WaitingListEntry.objects.filter(created_at__lt=cutoff).filter(_has_text("name", "email", "phone"))


def tickets_due(cutoff: datetime.datetime) -> QuerySet[Ticket]:
    day = timezone.localdate(cutoff)
    noted_events = TicketEvent.objects.filter(ticket_id=OuterRef("pk")).exclude(note="")
    return Ticket.objects.filter(day__lt=day).filter(_has_text("phone", "note") | Exists(noted_events))


def requests_due(cutoff: datetime.datetime) -> QuerySet[Request]:
    return Request.objects.filter(closed_at__lt=cutoff, anonymised_at__isnull=True)


def outbox_due(cutoff: datetime.datetime) -> QuerySet[OutboxMessage]:
    """Messages done with (sent, or given up) before ``cutoff`` that still hold their text; never one still to send."""
    return OutboxMessage.objects.filter(
        status__in=[MessageStatus.SENT, MessageStatus.FAILED], created_at__lt=cutoff
    ).exclude(body_text="", recipient="")


def sign_in_links_due(cutoff: datetime.datetime) -> QuerySet[SignInLink]:
    return SignInLink.objects.filter(created_at__lt=cutoff)


def people_due(cutoff: datetime.datetime) -> QuerySet[Person]:
    """No activity since ``cutoff`` and nothing not yet anonymised that names them."""
    recent_contact = Contact.objects.filter(person_id=OuterRef("pk")).filter(
        Q(started_at__gte=cutoff) | Q(anonymised_at__isnull=True)
    )
    held_by_request = Request.objects.filter(person_id=OuterRef("pk")).filter(
        Q(anonymised_at__isnull=True) | Q(updated_at__gte=cutoff)
    )
    recent_consent = Consent.objects.filter(person_id=OuterRef("pk")).filter(
        Q(given_at__gte=cutoff) | Q(withdrawn_at__gte=cutoff)
    )
    return Person.objects.filter(erased_at__isnull=True, created_at__lt=cutoff, updated_at__lt=cutoff).exclude(
        Exists(recent_contact) | Exists(held_by_request) | Exists(recent_consent)
    )


DueFinder = Callable[[datetime.datetime], QuerySet[Any]]
Anonymiser = Callable[..., Counts]
STEPS: dict[str, tuple[DueFinder, Anonymiser]] = {
    "contacts": (contacts_due, contacts_anonymise),
    "appointments": (appointments_due, appointments_anonymise),
    "waiting_list": (waiting_list_due, waiting_list_anonymise),
    "tickets": (tickets_due, tickets_anonymise),
    "requests": (requests_due, requests_anonymise),
    "sign_in_links": (sign_in_links_due, sign_in_links_delete),
    "outbox": (outbox_due, outbox_anonymise),
    "people": (people_due, people_erase),
}


# --- The job -----------------------------------------------------------------------------------


def cutoff_for(kind: str, now: datetime.datetime) -> datetime.datetime:
    return now - datetime.timedelta(days=settings.LOKET_RETENTION_DAYS[KIND_SETTING[kind]])


def _audit_batch(
    *, kind: str, model: type[models.Model], run: str, cutoff: datetime.datetime, ids: list[int], counts: Counts
) -> None:
    AuditEntry.objects.create(
        actor=None,
        actor_label="system",
        action=f"retention.{kind}",
        object_type=model._meta.label_lower,
        object_id=run,
        changes={"run": run, "cutoff": cutoff.isoformat(), "counts": counts, "ids": ids},
        source=current_source(),
    )


def add_counts(total: Counts, counts: Counts) -> None:
    for key, value in counts.items():
        total[key] = total.get(key, 0) + value


def retention_kind(
    kind: str, *, now: datetime.datetime, run: str, dry_run: bool = False, batch_size: int = BATCH_SIZE
) -> Counts:
    """Do (or, ``dry_run``, count) what is due of one kind; the counts per kind of record."""
    due_finder, anonymise = STEPS[kind]
    cutoff = cutoff_for(kind, now)
    if dry_run:
        return {kind: due_finder(cutoff).count()}
    total: Counts = {kind: 0}
    last_pk = 0
    while True:
        with transaction.atomic():
            due = due_finder(cutoff).filter(pk__gt=last_pk).order_by("pk")
            if connection.features.has_select_for_update_skip_locked:
                # Two jobs at once each take other rows: neither waits, nothing is done twice.
                due = due.select_for_update(skip_locked=True)
            ids = list(due.values_list("pk", flat=True)[:batch_size])
            if not ids:
                break
            counts = anonymise(ids, now=now)
            _audit_batch(kind=kind, model=due.model, run=run, cutoff=cutoff, ids=ids, counts=counts)
        add_counts(total, counts)
        last_pk = ids[-1]  # never the same rows twice, even if one could not be changed
    return total


def retention_run(
    *, now: datetime.datetime | None = None, dry_run: bool = False, batch_size: int = BATCH_SIZE
) -> Counts:
    """The daily job: every kind, in order; the counts of what was (or would be) anonymised or deleted."""
    now = now or timezone.now()
    run = uuid.uuid4().hex
    total: Counts = {}
    for kind in KINDS:
        add_counts(total, retention_kind(kind, now=now, run=run, dry_run=dry_run, batch_size=batch_size))
    if not dry_run:
        AuditEntry.objects.create(
            actor=None,
            actor_label="system",
            action=RUN_ACTION,
            object_type="retention",
            object_id=run,
            changes={"run": run, "now": now.isoformat(), "counts": total, "days": dict(settings.LOKET_RETENTION_DAYS)},
            source=current_source(),
        )
    return total


def last_run() -> AuditEntry | None:
    """The audit entry of the last retention run (its ``changes`` hold the counts), if any."""
    return AuditEntry.objects.filter(action=RUN_ACTION).order_by("-at", "-pk").first()


def retention_run_if_due(
    *, now: datetime.datetime | None = None, every: datetime.timedelta = datetime.timedelta(hours=23)
) -> Counts | None:
    """For ``loket sweep`` (every minute): run when the last run is older than ``every``; else ``None``."""
    now = now or timezone.now()
    previous = last_run()
    if previous is not None and now - previous.at < every:
        return None
    return retention_run(now=now)

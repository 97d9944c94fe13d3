"""The retention job: personal data past its period goes, the figures stay (time travel with ``now=``)."""

from __future__ import annotations

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from loket.appointments.models import Appointment, AppointmentDocument, AppointmentStatus, WaitingListEntry
from loket.citizens.models import Consent, Person, SignInLink
from loket.citizens.retention import last_run, retention_run, retention_run_if_due
from loket.contacts.models import Contact, Outcome, Request, RequestAttachment, RequestEvent, RequestMessage
from loket.core.models import AuditEntry
from loket.queueing.models import Ticket, TicketEvent
from tests.citizens.privacy_helpers import (
    Town,
    give_consent,
    make_appointment,
    make_contact,
    make_person,
    make_request,
    make_sign_in_link,
    make_ticket,
    make_town,
)

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path: Path) -> Path:  # noqa: ANN001
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def town() -> Town:
    return make_town()


def test_a_contact_past_its_period_loses_its_summary_and_person_but_keeps_its_figures(town: Town, settings) -> None:  # noqa: ANN001
    now = timezone.now()
    person = make_person(town)
    old = make_contact(
        town, at=now - (settings.LOKET_RETENTION_DAYS["contacts"] + 1) * DAY, person=person, outcome=Outcome.REFERRED
    )
    recent = make_contact(town, at=now - 10 * DAY, person=person)

    counts = retention_run(now=now)

    assert counts["contacts"] == 1
    old.refresh_from_db()
    assert (old.summary, old.referred_to, old.person_id) == ("", "", None)
    assert old.anonymised_at == now
    assert (old.channel, old.outcome, old.duration_seconds) == ("phone", Outcome.REFERRED, 180)
    assert list(old.services.all()) == [town.service]
    recent.refresh_from_db()
    assert recent.summary and recent.person_id == person.pk


def test_an_appointment_a_year_after_its_date_loses_name_contact_remark_and_documents(town: Town) -> None:
    now = timezone.now()
    old = make_appointment(town, start=now - 400 * DAY)
    coming = make_appointment(town, start=now + 3 * DAY, status=AppointmentStatus.BOOKED)

    counts = retention_run(now=now)

    assert counts["appointments"] == 1 and counts["appointment_documents"] == 1
    old.refresh_from_db()
    assert (old.name, old.email, old.phone, old.remark) == ("", "", "", "")
    assert (old.status, old.start, old.location_id) == (AppointmentStatus.CHECKED_IN, now - 400 * DAY, town.location.pk)
    assert not AppointmentDocument.objects.filter(appointment=old).exists()
    coming.refresh_from_db()
    assert coming.name == "Jan Peeters" and coming.documents.count() == 1


def test_document_files_are_deleted_from_storage_once_the_batch_commits(
    town: Town,
    media: Path,
    django_capture_on_commit_callbacks,  # noqa: ANN001
) -> None:
    now = timezone.now()
    old = make_appointment(town, start=now - 400 * DAY)
    old_file = media / AppointmentDocument.objects.get(appointment=old).file.name
    request = make_request(town, person=make_person(town), created=now - 6 * 365 * DAY, closed=now - 5 * 366 * DAY)
    attachment_file = media / RequestAttachment.objects.get(request=request).file.name
    assert old_file.exists() and attachment_file.exists()

    with django_capture_on_commit_callbacks(execute=True):
        retention_run(now=now)

    assert not old_file.exists()
    assert not attachment_file.exists()


def test_a_waiting_list_entry_past_the_appointments_period_loses_its_contact_details(town: Town) -> None:
    entry = WaitingListEntry.objects.create(
        location=town.location,
        service=town.service,
        name="Jan",
        email="jan@example.be",
        phone="+32470123456",
        language="nl",
    )
    retention_run(now=timezone.now() + 400 * DAY)
    entry.refresh_from_db()
    assert (entry.name, entry.email, entry.phone) == ("", "", "")


def test_a_ticket_past_its_period_loses_phone_and_notes(town: Town, settings) -> None:  # noqa: ANN001
    today = timezone.localdate()
    old = make_ticket(town, day=today - (settings.LOKET_RETENTION_DAYS["tickets"] + 1) * DAY, number=1)
    recent = make_ticket(town, day=today - 2 * DAY, number=2)

    counts = retention_run()

    assert counts["tickets"] == 1
    old.refresh_from_db()
    assert (old.phone, old.note) == ("", "")
    assert not TicketEvent.objects.filter(ticket=old).exclude(note="").exists()
    recent.refresh_from_db()
    assert recent.phone and recent.note


def test_a_request_five_years_after_closure_loses_its_texts_messages_and_attachments(town: Town) -> None:
    now = timezone.now()
    person = make_person(town)
    old = make_request(town, person=person, created=now - 6 * 365 * DAY, closed=now - 5 * 366 * DAY)
    still_open = make_request(town, person=person, created=now - 6 * 365 * DAY)

    counts = retention_run(now=now)

    assert counts["requests"] == 1 and counts["request_attachments"] == 1
    old.refresh_from_db()
    assert (old.description, old.status_reason) == ("", "")
    assert old.anonymised_at == now
    assert old.subject == "Building permit" and old.status == "done" and old.person_id == person.pk
    assert set(RequestEvent.objects.filter(request=old).values_list("text", flat=True)) == {""}
    assert set(RequestMessage.objects.filter(request=old).values_list("body", flat=True)) == {""}
    assert not RequestAttachment.objects.filter(request=old).exists()
    still_open.refresh_from_db()
    assert still_open.description and still_open.anonymised_at is None
    # The open request still holds the person: not erased.
    person.refresh_from_db()
    assert person.erased_at is None


def test_a_person_without_activity_for_the_period_and_nothing_left_is_erased(town: Town) -> None:
    person = make_person(town, national_number="85073003328")
    give_consent(person, at=timezone.now())
    make_contact(town, at=timezone.now(), person=person)
    request = make_request(town, person=person, created=timezone.now(), closed=timezone.now())
    make_sign_in_link(person.email)
    later = timezone.now() + 6 * 365 * DAY

    counts = retention_run(now=later)

    assert counts["people"] == 1
    person.refresh_from_db()
    assert person.erased_at == later
    assert (person.name, person.email, person.phone, person.street, person.postcode, person.city) == ("",) * 6
    assert person.date_of_birth is None
    assert (person.national_number_token, person.national_number_hash) == ("", "")
    assert not Consent.objects.filter(person=person, withdrawn_at__isnull=True).exists()
    assert not SignInLink.objects.exists()
    request.refresh_from_db()
    assert request.person_id == person.pk and request.anonymised_at == later  # points to an erased person


def test_a_person_with_recent_activity_or_something_retained_is_kept(town: Town) -> None:
    now = timezone.now()
    later = now + 6 * 365 * DAY
    with_open_request = make_person(town, name="Open", email="open@example.be")
    make_request(town, person=with_open_request, created=now)
    with_recent_contact = make_person(town, name="Recent", email="recent@example.be")
    recent = make_contact(town, at=later - 10 * DAY, person=with_recent_contact)
    with_recent_consent = make_person(town, name="Consent", email="consent@example.be")
    give_consent(with_recent_consent, at=later - 10 * DAY)

    counts = retention_run(now=later)

    assert counts["people"] == 0
    assert not Person.objects.filter(erased_at__isnull=False).exists()
    recent.refresh_from_db()
    assert recent.person_id == with_recent_contact.pk


def test_sign_in_links_are_deleted_after_their_period(settings) -> None:  # noqa: ANN001
    make_sign_in_link("a@example.be")
    assert retention_run()["sign_in_links"] == 0
    assert (
        retention_run(now=timezone.now() + (settings.LOKET_RETENTION_DAYS["sign_in_links"] + 1) * DAY)["sign_in_links"]
        == 1
    )
    assert not SignInLink.objects.exists()


def _figures() -> dict[str, list[tuple[object, ...]]]:
    return {
        "contacts": list(
            Contact.objects.annotate(day=TruncDate("started_at"))
            .values_list("day", "channel", "outcome")
            .annotate(n=Count("pk"))
            .order_by("day", "channel", "outcome")
        ),
        "contact_services": list(Contact.services.through.objects.values_list("service_id").annotate(n=Count("pk"))),
        "appointments": list(
            Appointment.objects.annotate(day=TruncDate("start"))
            .values_list("day", "status", "channel", "location_id")
            .annotate(n=Count("pk"))
            .order_by("day", "status")
        ),
        "tickets": list(
            Ticket.objects.values_list("day", "status", "queue_id").annotate(n=Count("pk")).order_by("day", "status")
        ),
        "requests": list(
            Request.objects.values_list("status", "department_id", "service_id")
            .annotate(n=Count("pk"))
            .order_by("status")
        ),
        "people": [(Person.objects.count(),)],
    }


def test_the_figures_per_day_outcome_and_status_are_the_same_before_and_after_the_purge(town: Town) -> None:
    now = timezone.now()
    today = timezone.localdate()
    person = make_person(town)
    for n, outcome in enumerate([Outcome.ANSWERED, Outcome.REQUEST, Outcome.REFERRED, Outcome.ANSWERED]):
        make_contact(town, at=now - (800 + n) * DAY, person=person, outcome=outcome)
        make_contact(town, at=now - n * DAY, outcome=outcome)
    for n, status in enumerate([AppointmentStatus.CHECKED_IN, AppointmentStatus.NO_SHOW, AppointmentStatus.CANCELLED]):
        make_appointment(town, start=now - (400 + n) * DAY, status=status)
        make_appointment(town, start=now - n * DAY, status=status)
    for n in range(3):
        make_ticket(town, day=today - (100 + n) * DAY, number=n + 1)
        make_ticket(town, day=today - n * DAY, number=n + 1)
    make_request(town, person=person, created=now - 2000 * DAY, closed=now - 1900 * DAY)
    make_request(town, person=person, created=now - 20 * DAY)
    before = _figures()

    counts = retention_run(now=now)

    assert (
        counts["contacts"] == 4 and counts["appointments"] == 3 and counts["tickets"] == 3 and counts["requests"] == 1
    )
    assert _figures() == before


def test_the_job_works_in_batches_each_audited_with_its_counts(town: Town) -> None:
    now = timezone.now()
    for n in range(5):
        make_contact(town, at=now - (800 + n) * DAY)

    counts = retention_run(now=now, batch_size=2)

    assert counts["contacts"] == 5
    batches = list(AuditEntry.objects.filter(action="retention.contacts").order_by("pk"))
    assert [entry.changes["counts"]["contacts"] for entry in batches] == [2, 2, 1]
    assert all(entry.actor_label == "system" and entry.actor_id is None for entry in batches)
    assert sum(len(entry.changes["ids"]) for entry in batches) == 5
    run = last_run()
    assert run is not None and run.changes["counts"]["contacts"] == 5


def test_the_job_is_idempotent(town: Town) -> None:
    now = timezone.now()
    make_contact(town, at=now - 800 * DAY, person=make_person(town))
    make_appointment(town, start=now - 400 * DAY)
    assert retention_run(now=now)["contacts"] == 1
    again = retention_run(now=now)
    assert all(count == 0 for count in again.values())
    assert (
        not AuditEntry.objects.filter(action__startswith="retention.", object_id=last_run().object_id)
        .exclude(  # type: ignore[union-attr]
            action="retention.run"
        )
        .exists()
    )


def test_a_dry_run_counts_and_changes_nothing(town: Town) -> None:
    now = timezone.now()
    contact = make_contact(town, at=now - 800 * DAY)
    counts = retention_run(now=now, dry_run=True)
    assert counts["contacts"] == 1
    contact.refresh_from_db()
    assert contact.summary and contact.anonymised_at is None
    assert not AuditEntry.objects.filter(action__startswith="retention.").exists()


def test_audit_entries_are_kept(town: Town) -> None:
    before = AuditEntry.objects.create(
        actor_label="x", action="person.read", object_type="citizens.person", object_id="1"
    )
    retention_run(now=timezone.now() + 20 * 365 * DAY)
    assert AuditEntry.objects.filter(pk=before.pk).exists()


def test_the_command_with_time_travel_and_dry_run(town: Town) -> None:
    make_contact(town, at=timezone.now())
    later = (timezone.localdate() + 3 * 365 * DAY).isoformat()
    out = StringIO()
    call_command("retention", "--dry-run", "--now", later, stdout=out)
    assert "contacts 1" in out.getvalue() and "due" in out.getvalue()
    assert Contact.objects.get().anonymised_at is None
    call_command("retention", "--now", later, stdout=out)
    assert Contact.objects.get().anonymised_at is not None


def test_the_sweep_runs_retention_once_a_day(town: Town) -> None:
    assert retention_run_if_due() is not None
    assert retention_run_if_due() is None
    assert retention_run_if_due(now=timezone.now() + DAY) is not None


def test_a_sent_message_past_its_period_loses_its_text_and_recipient_but_one_still_to_send_is_kept(
    town: Town,
    settings,  # noqa: ANN001
) -> None:
    from django.db import transaction

    from loket.notifications.models import MessageStatus, OutboxMessage
    from loket.notifications.services import message_enqueue

    now = timezone.now()
    with transaction.atomic():
        for key in ("old-sent", "old-pending", "recent-sent"):
            message_enqueue(
                channel="email",
                recipient="griet.vanhool@example.be",
                language="nl",
                subject="Uw afspraak",
                body_text="Dag Griet, tot dinsdag.",
                idempotency_key=key,
            )
    period = settings.LOKET_RETENTION_DAYS["outbox"]
    OutboxMessage.objects.filter(idempotency_key__startswith="old").update(created_at=now - (period + 1) * DAY)
    OutboxMessage.objects.exclude(idempotency_key="old-pending").update(status=MessageStatus.SENT, sent_at=now)

    counts = retention_run(now=now)

    assert counts["outbox"] == 1
    old = OutboxMessage.objects.get(idempotency_key="old-sent")
    assert old.recipient == old.body_text == old.subject == "" and old.status == MessageStatus.SENT
    assert OutboxMessage.objects.get(idempotency_key="old-pending").body_text == "Dag Griet, tot dinsdag."
    assert OutboxMessage.objects.get(idempotency_key="recent-sent").recipient == "griet.vanhool@example.be"
    assert OutboxMessage.objects.filter(status=MessageStatus.SENT).count() == 2  # the figures stay

"""Erasure requests: the data-protection officer erases a person's data across apps, or refuses."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from loket.appointments.models import Appointment, AppointmentStatus
from loket.citizens.erasure import erasure_preview, erasure_request_handle
from loket.citizens.models import Consent, ConsentSource, ErasureRequest, ErasureStatus, SignInLink
from loket.citizens.services import erasure_request_create
from loket.contacts.models import Contact, Request
from loket.core.errors import Conflict, DomainError, PermissionDenied
from loket.core.models import AuditEntry
from loket.organisations.models import Role
from loket.queueing.models import Ticket
from tests.citizens.privacy_helpers import (
    NATIONAL_NUMBER,
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
from tests.factories import staff_member

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path: Path) -> Path:  # noqa: ANN001
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def town() -> Town:
    return make_town()


@pytest.fixture
def dpo(town: Town):  # noqa: ANN201
    return staff_member(town.organisation, Role.DATA_PROTECTION, username="dpo")


def _citizen_with_a_trail(town: Town):  # noqa: ANN202
    now = timezone.now()
    person = make_person(town, national_number=NATIONAL_NUMBER)
    give_consent(person, at=now)
    make_contact(town, at=now - 3 * DAY, person=person)
    make_request(town, person=person, created=now - 30 * DAY, closed=now - 2 * DAY)
    make_appointment(town, start=now - 10 * DAY)
    upcoming = make_appointment(town, start=now + 10 * DAY, status=AppointmentStatus.BOOKED)
    make_ticket(town, day=timezone.localdate() - DAY, number=1)
    make_sign_in_link(person.email)
    erasure = erasure_request_create(actor="citizen", person=person, source=ConsentSource.MIJN_LOKET)
    return person, erasure, upcoming


def test_the_officer_erases_the_persons_data_across_apps_and_records_what_went(town: Town, dpo) -> None:  # noqa: ANN001
    person, erasure, upcoming = _citizen_with_a_trail(town)
    stranger_contact = make_contact(town, at=timezone.now())

    done = erasure_request_handle(actor=dpo, erasure=erasure, decision="erase", reason="")

    assert done.status == ErasureStatus.DONE and done.handled_by == dpo and done.handled_at
    counts = done.erased["counts"]
    assert counts["people"] == 1 and counts["contacts"] == 1 and counts["requests"] == 1
    assert counts["appointments"] == 1 and counts["appointment_documents"] == 1 and counts["tickets"] == 1
    assert counts["request_attachments"] == 1 and counts["sign_in_links"] == 1 and counts["consents_withdrawn"] == 1
    assert done.erased["kept"] == {"appointments_upcoming": 1}
    person.refresh_from_db()
    assert person.erased_at and person.name == "" and person.email == "" and person.national_number_hash == ""
    assert not Contact.objects.filter(person=person).exists()
    assert Request.objects.get(person=person).description == ""
    assert Appointment.objects.exclude(pk=upcoming.pk).get().name == ""
    assert Ticket.objects.get().phone == ""
    assert not SignInLink.objects.exists()
    assert not Consent.objects.filter(person=person, withdrawn_at__isnull=True).exists()
    stranger_contact.refresh_from_db()
    assert stranger_contact.summary  # someone else's contact is untouched
    entry = AuditEntry.objects.get(action="erasure.erase")
    assert entry.actor == dpo and entry.person_id == person.pk and entry.organisation_id == town.organisation.pk
    assert entry.changes["erased"]["counts"]["people"] == 1


def test_what_the_law_requires_is_kept_with_the_reason(town: Town, dpo) -> None:  # noqa: ANN001
    person, erasure, _upcoming = _citizen_with_a_trail(town)
    done = erasure_request_handle(
        actor=dpo, erasure=erasure, decision="erase", reason="Archives Act: permits kept 10 years", keep=["requests"]
    )
    assert done.erased["kept"]["requests"] == 1
    assert done.reason == "Archives Act: permits kept 10 years"
    assert Request.objects.get(person=person).description  # kept
    person.refresh_from_db()
    assert person.erased_at is not None


def test_keeping_something_needs_a_reason(town: Town, dpo) -> None:  # noqa: ANN001
    _person, erasure, _upcoming = _citizen_with_a_trail(town)
    with pytest.raises(DomainError) as error:
        erasure_request_handle(actor=dpo, erasure=erasure, decision="erase", reason=" ", keep=["requests"])
    assert error.value.field == "reason"


def test_a_refusal_needs_a_reason_and_erases_nothing(town: Town, dpo) -> None:  # noqa: ANN001
    person, erasure, _upcoming = _citizen_with_a_trail(town)
    with pytest.raises(DomainError) as error:
        erasure_request_handle(actor=dpo, erasure=erasure, decision="refuse", reason="")
    assert error.value.code == "required"
    erasure.refresh_from_db()
    assert erasure.status == ErasureStatus.OPEN

    refused = erasure_request_handle(actor=dpo, erasure=erasure, decision="refuse", reason="Open tax case")
    assert refused.status == ErasureStatus.REFUSED and refused.reason == "Open tax case"
    person.refresh_from_db()
    assert person.erased_at is None and person.name == "Jan Peeters"
    assert AuditEntry.objects.filter(action="erasure.refuse", person_id=person.pk).exists()


def test_only_the_officer_of_an_organisation_that_knows_the_person_may_handle_it(town: Town) -> None:
    _person, erasure, _upcoming = _citizen_with_a_trail(town)
    clerk = staff_member(town.organisation, Role.CLERK, Role.MANAGER)
    elsewhere = staff_member(make_town().organisation, Role.DATA_PROTECTION)
    for actor in (clerk, elsewhere, "citizen", None):
        with pytest.raises(PermissionDenied):
            erasure_request_handle(actor=actor, erasure=erasure, decision="erase", reason="")
    erasure.refresh_from_db()
    assert erasure.status == ErasureStatus.OPEN


def test_a_request_is_handled_once(town: Town, dpo) -> None:  # noqa: ANN001
    _person, erasure, _upcoming = _citizen_with_a_trail(town)
    erasure_request_handle(actor=dpo, erasure=erasure, decision="erase", reason="")
    with pytest.raises(Conflict):
        erasure_request_handle(actor=dpo, erasure=erasure, decision="refuse", reason="changed my mind")
    assert ErasureRequest.objects.get().status == ErasureStatus.DONE


def test_an_unknown_decision_or_kind_to_keep_changes_nothing(town: Town, dpo) -> None:  # noqa: ANN001
    person, erasure, _upcoming = _citizen_with_a_trail(town)
    with pytest.raises(DomainError):
        erasure_request_handle(actor=dpo, erasure=erasure, decision="forget", reason="")
    with pytest.raises(DomainError):
        erasure_request_handle(actor=dpo, erasure=erasure, decision="erase", reason="x", keep=["audit"])
    person.refresh_from_db()
    assert person.erased_at is None


def test_the_preview_counts_what_would_be_erased_and_changes_nothing(town: Town) -> None:
    person, _erasure, _upcoming = _citizen_with_a_trail(town)
    preview = erasure_preview(person=person)
    assert preview["contacts"] == 1 and preview["requests"] == 1 and preview["appointments"] == 1
    assert preview["appointments_upcoming"] == 1 and preview["tickets"] == 1 and preview["consents"] == 1
    person.refresh_from_db()
    assert person.erased_at is None


def test_the_audit_trail_keeps_who_did_what_but_no_copy_of_the_erased_data(town: Town, dpo) -> None:  # noqa: ANN001
    from loket.citizens.services import PersonDetails, person_update

    person, erasure, _upcoming = _citizen_with_a_trail(town)
    person_update(
        actor=dpo,
        person=person,
        organisation=town.organisation,
        details=PersonDetails(name="Griet Van Hool", email="griet.vanhool@example.be", language="nl"),
    )
    before = AuditEntry.objects.filter(person_id=person.pk).count()
    assert "griet.vanhool@example.be" in str(list(AuditEntry.objects.values_list("changes", flat=True)))

    erasure_request_handle(actor=dpo, erasure=erasure, decision="erase", reason="")

    trail = list(AuditEntry.objects.filter(person_id=person.pk).values_list("action", "changes"))
    assert len(trail) == before + 1  # nothing deleted, the erasure itself added
    assert "griet" not in str(trail).lower() and "Van Hool" not in str(trail)
    update = next(changes for action, changes in trail if action == "person.update")
    assert update["name"] == "[erased]" and update["email"] == "[erased]"


def test_erasure_unlinks_the_persons_survey_invitations_and_keeps_the_answers(town: Town, dpo) -> None:  # noqa: ANN001
    from loket.citizens.models import ConsentPurpose
    from loket.citizens.services import consent_give
    from loket.feedback.models import SurveyAnswer, SurveyInvitation
    from loket.feedback.services import survey_answer, survey_invite
    from tests.feedback.helpers import secret_of, survey_messages

    person, erasure, _upcoming = _citizen_with_a_trail(town)
    consent_give(actor="citizen", person=person, purpose=ConsentPurpose.SURVEYS, source=ConsentSource.MIJN_LOKET)
    contact = make_contact(town, at=timezone.now() - DAY, person=person)
    result = survey_invite(organisation=town.organisation, about=contact, person=person, language="nl")
    assert result.invitation is not None
    survey_answer(secret=secret_of(survey_messages()[-1]), score=9, comment="Vlot geholpen")

    done = erasure_request_handle(actor=dpo, erasure=erasure, decision="erase", reason="")

    assert done.erased["counts"]["survey_invitations"] == 1
    assert not SurveyInvitation.objects.filter(person=person).exists()
    assert SurveyAnswer.objects.get().score == 9  # the figure stays, linked to nobody

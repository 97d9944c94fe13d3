"""Surveys: who is asked, how and when; one answer per invitation; the daily sweep."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from loket.appointments.models import AppointmentStatus
from loket.citizens.models import Person, PersonOrganisation, PreferredChannel
from loket.contacts.models import ContactChannel, RequestStatus
from loket.core.errors import DomainError, PermissionDenied
from loket.core.models import AuditEntry
from loket.feedback import services
from loket.feedback.models import SurveyAnswer, SurveyChannel, SurveyInvitation, SurveyKind, secret_hash
from loket.feedback.services import SkipReason, SurveyLinkInvalid
from loket.queueing.models import TicketStatus
from tests.contacts.helpers import NOW
from tests.feedback.helpers import SurveyWorld, invitations, secret_of, survey_messages

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def invite(world: SurveyWorld, about, *, person: Person | None = None, language: str = "nl", now=NOW):  # type: ignore[no-untyped-def]
    return services.survey_invite(
        organisation=world.city, about=about, person=person or world.person, language=language, now=now
    )


def invited_secret(world: SurveyWorld) -> str:
    world.consent()
    assert invite(world, world.call()).sent
    return secret_of(survey_messages()[-1])


# --- Consent ---------------------------------------------------------------------------------


def test_nobody_is_invited_without_the_surveys_consent(world: SurveyWorld) -> None:
    result = invite(world, world.call())
    assert (result.invitation, result.reason) == (None, SkipReason.NO_CONSENT)
    assert invitations() == [] and survey_messages() == []


def test_nobody_is_invited_once_the_consent_is_withdrawn(world: SurveyWorld) -> None:
    world.consent()
    world.withdraw()
    result = invite(world, world.call())
    assert result.reason == SkipReason.NO_CONSENT
    assert invitations() == [] and survey_messages() == []


def test_an_erased_person_is_not_invited(world: SurveyWorld) -> None:
    world.consent()
    Person.objects.filter(pk=world.person.pk).update(erased_at=NOW - DAY)
    assert invite(world, world.call()).reason == SkipReason.ERASED


def test_no_person_no_invitation(world: SurveyWorld) -> None:
    result = services.survey_invite(organisation=world.city, about=world.ticket(), person=None, language="nl", now=NOW)
    assert result.reason == SkipReason.NO_PERSON


# --- What a survey is about -------------------------------------------------------------------


def test_a_call_gives_an_invitation_about_the_call(world: SurveyWorld) -> None:
    world.consent()
    call = world.call()
    invitation = invite(world, call).invitation
    assert invitation is not None
    assert (invitation.kind, invitation.contact, invitation.person, invitation.organisation) == (
        SurveyKind.CALL,
        call,
        world.person,
        world.city,
    )
    assert invitation.question == world.question  # the organisation's active question when invited
    assert invitation.expires_at == NOW + datetime.timedelta(days=services.VALID_DAYS_DEFAULT)


def test_a_counter_contact_is_a_visit_and_an_email_contact_gets_no_survey(world: SurveyWorld) -> None:
    world.consent()
    assert invite(world, world.call(channel=ContactChannel.EMAIL)).reason == SkipReason.NOT_ELIGIBLE
    invitation = invite(world, world.call(channel=ContactChannel.COUNTER)).invitation
    assert invitation is not None and invitation.kind == SurveyKind.VISIT


def test_an_open_request_gets_no_survey_a_closed_one_does(world: SurveyWorld) -> None:
    world.consent()
    assert invite(world, world.request(now=NOW - DAY)).reason == SkipReason.NOT_ELIGIBLE
    invitation = invite(world, world.closed_request(status=RequestStatus.REJECTED)).invitation
    assert invitation is not None and invitation.kind == SurveyKind.REQUEST


def test_a_visit_counts_once_served(world: SurveyWorld) -> None:
    world.consent()
    assert invite(world, world.ticket(status=TicketStatus.WAITING)).reason == SkipReason.NOT_ELIGIBLE
    assert invite(world, world.appointment(status=AppointmentStatus.NO_SHOW)).reason == SkipReason.NOT_ELIGIBLE
    appointment = world.appointment()
    ticket = world.ticket(appointment=appointment)
    invitation = invite(world, ticket).invitation
    assert invitation is not None
    assert (invitation.kind, invitation.location, invitation.appointment, invitation.ticket) == (
        SurveyKind.VISIT,
        world.hall,
        appointment,
        ticket,
    )


def test_another_organisations_call_is_refused(world: SurveyWorld) -> None:
    world.consent()
    with pytest.raises(PermissionDenied):
        services.survey_invite(
            organisation=world.neighbour, about=world.call(), person=world.person, language="nl", now=NOW
        )


# --- Once per visit, call or request; once per person per period ---------------------------------


def test_the_same_call_is_never_surveyed_twice(world: SurveyWorld) -> None:
    world.consent()
    call = world.call()
    assert invite(world, call).sent
    assert invite(world, call, now=NOW + 200 * DAY).reason == SkipReason.ALREADY_INVITED
    assert len(invitations()) == 1 and len(survey_messages()) == 1


def test_a_person_is_invited_at_most_once_in_the_period(world: SurveyWorld) -> None:
    world.consent()
    assert invite(world, world.call()).sent
    assert invite(world, world.closed_request(at=NOW + 89 * DAY), now=NOW + 89 * DAY).reason == SkipReason.TOO_SOON
    assert invite(world, world.call(at=NOW + 91 * DAY), now=NOW + 91 * DAY).sent
    assert len(survey_messages()) == 2


def test_the_period_follows_the_setting(world: SurveyWorld, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LOKET_SURVEY_MIN_DAYS = 7
    world.consent()
    assert invite(world, world.call()).sent
    assert invite(world, world.call(at=NOW + 6 * DAY), now=NOW + 6 * DAY).reason == SkipReason.TOO_SOON
    assert invite(world, world.call(at=NOW + 8 * DAY), now=NOW + 8 * DAY).sent


# --- Channel and language ---------------------------------------------------------------------


def test_the_invitation_goes_by_email_in_the_persons_language_with_a_link(world: SurveyWorld) -> None:
    world.consent()
    invitation = invite(world, world.call(), language="fr").invitation
    assert invitation is not None and invitation.channel == SurveyChannel.EMAIL
    [message] = survey_messages()
    assert (message.channel, message.recipient, message.language) == ("email", world.person.email, "fr")
    assert message.idempotency_key == f"survey:contact:{invitation.contact_id}"
    assert "/fr/survey/" in message.body_text and message.subject
    # No request subject, reference or other detail in the message: only who asks and the link.
    assert "Verbouwing" not in message.body_text


def test_the_invitation_goes_by_sms_to_a_mobile_when_preferred(world: SurveyWorld) -> None:
    Person.objects.filter(pk=world.person.pk).update(preferred_channel=PreferredChannel.SMS, language="en")
    world.person.refresh_from_db()
    world.consent()
    invitation = invite(world, world.call(), language="en").invitation
    assert invitation is not None and invitation.channel == SurveyChannel.SMS
    [message] = survey_messages()
    assert (message.channel, message.recipient, message.language) == ("sms", "+32470123456", "en")
    assert "/en/survey/" in message.body_text and len(message.body_text) < 320


def test_a_landline_only_person_who_prefers_sms_gets_an_email(world: SurveyWorld) -> None:
    Person.objects.filter(pk=world.person.pk).update(preferred_channel=PreferredChannel.SMS, phone="+3215123456")
    world.person.refresh_from_db()
    world.consent()
    assert invite(world, world.call()).invitation.channel == SurveyChannel.EMAIL  # type: ignore[union-attr]


@pytest.mark.parametrize("preferred", [PreferredChannel.POST, PreferredChannel.PHONE])
def test_someone_who_prefers_letters_or_calls_is_not_emailed(world: SurveyWorld, preferred: str) -> None:
    Person.objects.filter(pk=world.person.pk).update(preferred_channel=preferred)
    world.person.refresh_from_db()
    world.consent()
    assert invite(world, world.call()).reason == SkipReason.NO_CHANNEL
    assert invitations() == []


def test_only_the_hash_of_the_secret_is_stored(world: SurveyWorld) -> None:
    secret = invited_secret(world)
    [invitation] = invitations()
    assert len(secret) == 22  # 128 bits, URL-safe
    assert invitation.secret_hash == secret_hash(secret) and secret not in invitation.secret_hash


def test_an_invitation_is_audited_with_the_person(world: SurveyWorld) -> None:
    invited_secret(world)
    entry = AuditEntry.objects.get(action="survey_invitation.create")
    assert (entry.person_id, entry.actor_label, entry.organisation_id) == (world.person.pk, "system", world.city.pk)


# --- Answering ----------------------------------------------------------------------------------


def test_an_answer_is_stored_once_with_the_question_as_asked(world: SurveyWorld) -> None:
    secret = invited_secret(world)
    answer = services.survey_answer(
        secret=secret, score="9", question_answer="Ja, meteen.", comment="Vriendelijk onthaal.", now=NOW + DAY
    )
    assert (answer.score, answer.kind, answer.organisation, answer.language) == (9, SurveyKind.CALL, world.city, "nl")
    assert (answer.question, answer.question_text) == (world.question, "Vond je snel wat je zocht?")
    assert (answer.question_answer, answer.comment) == ("Ja, meteen.", "Vriendelijk onthaal.")
    assert SurveyInvitation.objects.get().answered_at == NOW + DAY


def test_a_second_answer_is_a_clear_error_and_changes_nothing(world: SurveyWorld) -> None:
    secret = invited_secret(world)
    services.survey_answer(secret=secret, score=8, now=NOW + DAY)
    with pytest.raises(SurveyLinkInvalid) as raised:
        services.survey_answer(secret=secret, score=2, now=NOW + DAY)
    assert raised.value.code == "answered" and raised.value.status == 404
    assert list(SurveyAnswer.objects.values_list("score", flat=True)) == [8]


def test_an_expired_link_cannot_be_answered(world: SurveyWorld) -> None:
    secret = invited_secret(world)
    with pytest.raises(SurveyLinkInvalid) as raised:
        services.survey_answer(secret=secret, score=8, now=NOW + 15 * DAY)
    assert raised.value.code == "expired"
    assert not SurveyAnswer.objects.exists()


def test_an_unknown_link_cannot_be_answered(world: SurveyWorld) -> None:
    with pytest.raises(SurveyLinkInvalid) as raised:
        services.survey_answer(secret="x" * 22, score=8, now=NOW)
    assert raised.value.code == "unknown"


@pytest.mark.parametrize("score", [None, "", "11", -1, 11, "abc", "7.5", 7.5, True, "٣"])
def test_a_bad_score_is_refused_with_a_message_and_changes_nothing(world: SurveyWorld, score: object) -> None:
    secret = invited_secret(world)
    with pytest.raises(DomainError) as raised:
        services.survey_answer(secret=secret, score=score, now=NOW + DAY)
    with translation.override("en"):  # the message is lazy: read it in English
        assert raised.value.field == "score" and "0 to 10" in str(raised.value.message)
    assert not SurveyAnswer.objects.exists()
    assert SurveyInvitation.objects.get().answered_at is None


@pytest.mark.parametrize(("field", "limit"), [("comment", 2000), ("question_answer", 1000)])
def test_too_long_a_text_is_refused_and_changes_nothing(world: SurveyWorld, field: str, limit: int) -> None:
    secret = invited_secret(world)
    with pytest.raises(DomainError) as raised:
        services.survey_answer(secret=secret, score=5, now=NOW + DAY, **{field: "a" * (limit + 1)})
    assert raised.value.field == field and str(limit) in str(raised.value.message)
    assert not SurveyAnswer.objects.exists()


def test_the_answer_names_nobody_and_its_audit_entry_neither(world: SurveyWorld) -> None:
    secret = invited_secret(world)
    answer = services.survey_answer(secret=secret, score=10, now=NOW + DAY)
    names = {f.name for f in SurveyAnswer._meta.get_fields()}
    assert "person" not in names
    entry = AuditEntry.objects.get(action="survey_invitation.answer")
    assert entry.person_id is None and "score" not in entry.changes
    assert answer.invitation is not None


# --- The tablet -----------------------------------------------------------------------------------


def test_the_tablet_starts_an_anonymous_invitation_for_its_location(world: SurveyWorld) -> None:
    started = services.survey_tablet_start(location=world.hall, language="fr", now=NOW)
    invitation = started.invitation
    assert (invitation.person, invitation.channel, invitation.kind) == (None, SurveyChannel.TABLET, SurveyKind.VISIT)
    assert (invitation.location, invitation.organisation, invitation.language) == (world.hall, world.city, "fr")
    answer = services.survey_answer(secret=started.secret, score=7, now=NOW + datetime.timedelta(minutes=1))
    assert (answer.channel, answer.location, answer.question_text) == (
        SurveyChannel.TABLET,
        world.hall,
        "Avez-vous trouvé rapidement ce que vous cherchiez ?",
    )
    assert survey_messages() == []


# --- The daily sweep ------------------------------------------------------------------------------


def _second_person(world: SurveyWorld, **fields: object) -> Person:
    person = Person.objects.create(name="Marie Claes", email="marie@example.be", language="fr", **fields)
    PersonOrganisation.objects.create(person=person, organisation=world.city)
    return person


def test_the_sweep_invites_for_yesterdays_visits_calls_and_closed_requests(world: SurveyWorld) -> None:
    yesterday = NOW - DAY
    world.consent()
    marie = _second_person(world)
    world.consent(marie)
    nobody = _second_person(world)  # no consent
    nobody.email = "nobody@example.be"
    nobody.save()
    world.appointment(at=yesterday)  # Jan's visit (by his e-mail address)
    world.call(at=yesterday, person=marie)
    world.call(at=yesterday, person=nobody)
    world.call(at=NOW - 3 * DAY, person=marie)  # not yesterday
    world.closed_request(at=yesterday)  # Jan again: already invited for his visit

    counts = services.surveys_invite_due(now=NOW)

    assert counts == {"invited": 2, SkipReason.TOO_SOON: 1}
    kinds = {(i.person.email, i.kind) for i in invitations()}  # type: ignore[union-attr]
    assert kinds == {(world.person.email, SurveyKind.VISIT), ("marie@example.be", SurveyKind.CALL)}
    assert {m.language for m in survey_messages()} == {"nl", "fr"}


def test_the_sweep_is_idempotent(world: SurveyWorld) -> None:
    world.consent()
    world.call(at=NOW - DAY)
    assert services.surveys_invite_due(now=NOW) == {"invited": 1}
    assert services.surveys_invite_due(now=NOW) == {}
    assert services.surveys_invite_due(now=NOW + datetime.timedelta(hours=5)) == {}
    assert len(invitations()) == 1 and len(survey_messages()) == 1


def test_the_sweep_runs_once_a_day_from_ten(world: SurveyWorld) -> None:
    world.consent()
    world.call(at=NOW - DAY)
    early = NOW.replace(hour=7)
    assert services.surveys_invite_if_due(now=early) is None  # nobody gets a survey before breakfast
    assert services.surveys_invite_if_due(now=NOW) == {"invited": 1, "tidied": 0}
    assert services.surveys_invite_if_due(now=NOW + datetime.timedelta(hours=3)) is None
    assert services.surveys_invite_if_due(now=NOW + DAY) == {"tidied": 0}


def test_tidying_removes_old_invitations_and_keeps_the_answers(world: SurveyWorld) -> None:
    secret = invited_secret(world)
    services.survey_answer(secret=secret, score=6, now=NOW + DAY)
    services.survey_tablet_start(location=world.hall, language="nl", now=NOW)  # never answered
    assert services.surveys_tidy(now=NOW + datetime.timedelta(hours=6)) == 0  # all still needed
    assert services.surveys_tidy(now=NOW + DAY) == 1  # the tablet's, expired
    assert services.surveys_tidy(now=NOW + 91 * DAY) == 1  # Jan's: past the period
    answer = SurveyAnswer.objects.get()
    assert (answer.invitation, answer.score) == (None, 6)

"""Writes of the surveys: invite after a visit, a call or a closed request; start one at a tablet; answer.

Who is asked (``survey_invite``):

- only a person with the surveys consent in force (``citizens.selectors.has_consent``), whose
  record is not erased;
- only after something that happened: a served ticket, a checked-in appointment (whose ticket,
  if it had one, was served), a call or a visit logged as a contact, a closed request;
- at most once per visit, call or request (unique keys on the invitation), and at most once per
  person in ``LOKET_SURVEY_MIN_DAYS`` (90 by default): the person's row is locked while this is
  checked, so two sweeps, or a sweep and a desk, cannot both invite them;
- by their preferred channel: e-mail, or SMS to a mobile number. Someone who prefers a letter or
  a phone call is not asked by e-mail behind their back: they can answer at the exit tablet.

Each invitation goes to the outbox in the invitation's own transaction with an idempotency key
named after what it is about (``survey:contact:42``), in the person's language, with the link
``/<lang>/survey/<secret>/``. When nobody is invited the result says why (``SkipReason``).

The tablet at the exit (``survey_tablet_start``) makes an anonymous invitation per person who
steps up: the form carries its secret, so a double tap or a resubmitted form is still one answer.

Answering (``survey_answer``) works once, before the invitation expires: the invitation's row is
locked, and the one-to-one key of ``SurveyAnswer`` refuses a second answer even where the lock
cannot help. Bad input raises a ``DomainError`` with the field and changes nothing.

``loket sweep`` calls ``surveys_invite_if_due`` (once a day, from 10:00 Brussels time, so nobody
gets a text at midnight): it invites for yesterday's visits, calls and closed requests
(``surveys_invite_due``, idempotent) and tidies old invitations (``surveys_tidy``).

What this module must never do: invite without the consent in force, put anything the citizen
told us in a message, or store the secret of a link.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.appointments.availability import TIMEZONE
from loket.appointments.models import Appointment, AppointmentStatus
from loket.citizens.models import Consent, ConsentPurpose, Person, PreferredChannel
from loket.citizens.selectors import has_consent
from loket.contacts.models import CLOSED_STATUSES, Contact, ContactChannel, Request
from loket.contacts.services import is_mobile
from loket.core.audit import audit_log, current_source
from loket.core.errors import DomainError, NotFound, PermissionDenied
from loket.core.i18n import LANGUAGE_CODES, translated
from loket.core.models import AuditEntry
from loket.feedback import messages
from loket.feedback.models import (
    MAX_COMMENT_LENGTH,
    MAX_QUESTION_ANSWER_LENGTH,
    SurveyAnswer,
    SurveyChannel,
    SurveyInvitation,
    SurveyKind,
    SurveyQuestion,
    new_secret,
    secret_hash,
)
from loket.notifications.models import Channel
from loket.notifications.services import message_enqueue
from loket.organisations.models import Location, Organisation
from loket.queueing.models import Ticket, TicketStatus

# How long an e-mailed or texted link works, and a tablet's form (the page renews itself sooner).
VALID_DAYS_DEFAULT = 14
TABLET_VALID = datetime.timedelta(hours=12)
# The daily sweep waits for this local hour: an invitation is no message to get at night.
SWEEP_HOUR = 10
SWEEP_ACTION = "survey.sweep"

CALL_CHANNELS: frozenset[str] = frozenset({ContactChannel.PHONE})
VISIT_CHANNELS: frozenset[str] = frozenset({ContactChannel.COUNTER, ContactChannel.HOME_VISIT})

About = Appointment | Ticket | Contact | Request


class SkipReason(models.TextChoices):
    NO_PERSON = "no_person", _("No known person to ask")
    ERASED = "erased", _("The person's record was erased")
    NO_CONSENT = "no_consent", _("No consent for surveys")
    NOT_ELIGIBLE = "not_eligible", _("Not served or not closed")
    ALREADY_INVITED = "already_invited", _("Already invited for this")
    TOO_SOON = "too_soon", _("Invited too recently")
    NO_CHANNEL = "no_channel", _("No e-mail address or mobile number to use")


@dataclass(frozen=True)
class SurveyInviteResult:
    """The invitation sent, or ``None`` and why not."""

    invitation: SurveyInvitation | None
    reason: SkipReason | None = None

    @property
    def sent(self) -> bool:
        return self.invitation is not None


@dataclass(frozen=True)
class TabletSurvey:
    """A fresh anonymous invitation and its secret, for the form on the tablet."""

    invitation: SurveyInvitation
    secret: str


class SurveyLinkInvalid(NotFound):
    """Unknown, used or expired: the citizen is told one plain thing, whichever it is."""


def min_days() -> int:
    return int(getattr(settings, "LOKET_SURVEY_MIN_DAYS", 90))


def valid_days() -> int:
    return int(getattr(settings, "LOKET_SURVEY_VALID_DAYS", VALID_DAYS_DEFAULT))


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


# --- What a survey is about --------------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    kind: str
    organisation_id: int
    eligible: bool
    key: str  # names the visit, call or request: the outbox idempotency key
    location_id: int | None = None
    appointment: Appointment | None = None
    ticket: Ticket | None = None
    contact: Contact | None = None
    request: Request | None = None


def _target(about: About) -> _Target:
    if isinstance(about, Appointment):
        ticket = Ticket.objects.filter(appointment=about).select_related("queue").first()
        served = about.status == AppointmentStatus.CHECKED_IN and (ticket is None or ticket.status == TicketStatus.DONE)
        return _Target(
            kind=SurveyKind.VISIT,
            organisation_id=about.location.organisation_id,
            eligible=served,
            key=f"appointment:{about.pk}",
            location_id=about.location_id,
            appointment=about,
            ticket=ticket,
        )
    if isinstance(about, Ticket):
        location = about.queue.location
        return _Target(
            kind=SurveyKind.VISIT,
            organisation_id=location.organisation_id,
            eligible=about.status == TicketStatus.DONE,
            key=f"ticket:{about.pk}",
            location_id=location.pk,
            appointment=about.appointment,
            ticket=about,
        )
    if isinstance(about, Contact):
        kind = SurveyKind.VISIT if about.channel in VISIT_CHANNELS else SurveyKind.CALL
        return _Target(
            kind=kind,
            organisation_id=about.organisation_id,
            # A written contact (e-mail, chat, letter) got its answer in writing: no survey for each one.
            eligible=about.channel in CALL_CHANNELS | VISIT_CHANNELS,
            key=f"contact:{about.pk}",
            contact=about,
        )
    if isinstance(about, Request):
        return _Target(
            kind=SurveyKind.REQUEST,
            organisation_id=about.organisation_id,
            eligible=about.status in CLOSED_STATUSES,
            key=f"request:{about.pk}",
            request=about,
        )
    raise TypeError(f"a survey is about an appointment, a ticket, a contact or a request, not {type(about)!r}")


def _already_invited(target: _Target) -> bool:
    condition = models.Q()
    for name in ("appointment", "ticket", "contact", "request"):
        obj = getattr(target, name)
        if obj is not None:
            condition |= models.Q(**{name: obj})
    return bool(condition) and SurveyInvitation.objects.filter(condition).exists()


def survey_route(person: Person) -> tuple[str, str] | None:
    """``(channel, recipient)`` by the person's preferred channel, or ``None`` (see the module docstring)."""
    if person.preferred_channel in (PreferredChannel.POST, PreferredChannel.PHONE):
        return None
    if person.preferred_channel == PreferredChannel.SMS and is_mobile(person.phone):
        return SurveyChannel.SMS, person.phone
    if person.email:
        return SurveyChannel.EMAIL, person.email
    if is_mobile(person.phone):
        return SurveyChannel.SMS, person.phone
    return None


def active_question(organisation_id: int) -> SurveyQuestion | None:
    return SurveyQuestion.objects.filter(organisation_id=organisation_id, active=True).first()


# --- Inviting ----------------------------------------------------------------------------------


@transaction.atomic
def survey_invite(
    *,
    organisation: Organisation,
    about: About,
    person: Person | None,
    language: str,
    now: datetime.datetime | None = None,
) -> SurveyInviteResult:
    """Invite ``person`` to say how ``about`` went, when they may be asked (see the module docstring)."""
    now = _now(now)
    target = _target(about)
    if target.organisation_id != organisation.pk:
        raise PermissionDenied(_("This visit, call or request belongs to another organisation."))
    if person is None:
        return SurveyInviteResult(None, SkipReason.NO_PERSON)
    if not target.eligible:
        return SurveyInviteResult(None, SkipReason.NOT_ELIGIBLE)
    # The lock makes "not invited in the period" and the new invitation one step per person.
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.erased_at:
        return SurveyInviteResult(None, SkipReason.ERASED)
    if not has_consent(person=person, purpose=ConsentPurpose.SURVEYS):
        return SurveyInviteResult(None, SkipReason.NO_CONSENT)
    if _already_invited(target):
        return SurveyInviteResult(None, SkipReason.ALREADY_INVITED)
    since = now - datetime.timedelta(days=min_days())
    if SurveyInvitation.objects.filter(person=person, created_at__gt=since).exists():
        return SurveyInviteResult(None, SkipReason.TOO_SOON)
    route = survey_route(person)
    if route is None:
        return SurveyInviteResult(None, SkipReason.NO_CHANNEL)
    channel, recipient = route
    if language not in LANGUAGE_CODES:
        language = person.language if person.language in LANGUAGE_CODES else LANGUAGE_CODES[0]
    secret = new_secret()
    try:
        with transaction.atomic():
            invitation = SurveyInvitation.objects.create(
                organisation=organisation,
                location_id=target.location_id,
                kind=target.kind,
                appointment=target.appointment,
                ticket=target.ticket,
                contact=target.contact,
                request=target.request,
                person=person,
                channel=channel,
                language=language,
                question=active_question(organisation.pk),
                secret_hash=secret_hash(secret),
                created_at=now,
                expires_at=now + datetime.timedelta(days=valid_days()),
            )
            text = messages.render(invitation, secret)
            message_enqueue(
                channel=Channel.EMAIL if channel == SurveyChannel.EMAIL else Channel.SMS,
                recipient=recipient,
                language=language,
                subject=text.subject if channel == SurveyChannel.EMAIL else "",
                body_text=text.body if channel == SurveyChannel.EMAIL else text.sms,
                idempotency_key=f"survey:{target.key}",
                organisation=organisation,
            )
    except IntegrityError:  # another sweep invited for the same visit, call or request a moment ago
        return SurveyInviteResult(None, SkipReason.ALREADY_INVITED)
    except DomainError:  # the address or number on record is not valid
        return SurveyInviteResult(None, SkipReason.NO_CHANNEL)
    audit_log(
        actor="system",
        action="survey_invitation.create",
        obj=invitation,
        organisation_id=organisation.pk,
        changes={"kind": [None, target.kind], "channel": [None, channel], "language": [None, language]},
        person_id=person.pk,
    )
    return SurveyInviteResult(invitation)


@transaction.atomic
def survey_tablet_start(*, location: Location, language: str, now: datetime.datetime | None = None) -> TabletSurvey:
    """An anonymous invitation for the next person at the tablet by ``location``'s exit.

    No audit entry: it holds no personal data, and there is one per person who steps up.
    """
    now = _now(now)
    if language not in LANGUAGE_CODES:
        language = LANGUAGE_CODES[0]
    secret = new_secret()
    invitation = SurveyInvitation.objects.create(
        organisation_id=location.organisation_id,
        location=location,
        kind=SurveyKind.VISIT,
        channel=SurveyChannel.TABLET,
        language=language,
        question=active_question(location.organisation_id),
        secret_hash=secret_hash(secret),
        created_at=now,
        expires_at=now + TABLET_VALID,
    )
    return TabletSurvey(invitation=invitation, secret=secret)


# --- Answering ---------------------------------------------------------------------------------


def clean_score(score: object) -> int:
    """A whole number from 0 to 10 (a form's string of digits too), else a ``DomainError``."""
    if isinstance(score, str):
        score = score.strip()
        if not score:
            score = None
        elif score.isascii() and score.isdigit():
            score = int(score)
    if score is None:
        raise DomainError(_("Choose a score from 0 to 10."), code="required", field="score")
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 10:
        raise DomainError(_("The score is a whole number from 0 to 10."), code="invalid", field="score")
    return score


def _clean_text(value: str, *, field: str, limit: int) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise DomainError(
            _("Keep this to at most %(count)d characters.") % {"count": limit}, code="too_long", field=field
        )
    return value


def question_text(question: SurveyQuestion | None, language: str) -> str:
    return translated(question, "text", language).text if question is not None else ""


@transaction.atomic
def survey_answer(
    *,
    secret: str,
    score: object,
    question_answer: str = "",
    comment: str = "",
    now: datetime.datetime | None = None,
) -> SurveyAnswer:
    """Store the one answer to the invitation of ``secret``.

    ``SurveyLinkInvalid`` (a ``NotFound``, code ``unknown``, ``answered`` or ``expired``) when the
    link no longer works; a ``DomainError`` naming the field when the input is not acceptable.
    """
    now = _now(now)
    invitation = (
        SurveyInvitation.objects.select_for_update(of=("self",))
        .select_related("question")
        .filter(secret_hash=secret_hash(secret or ""))
        .first()
    )
    if invitation is None:
        raise SurveyLinkInvalid(_("This survey link does not work."), code="unknown")
    if invitation.answered_at is not None:
        raise SurveyLinkInvalid(_("This survey was already answered."), code="answered")
    if invitation.expires_at <= now:
        raise SurveyLinkInvalid(_("This survey link has expired."), code="expired")
    value = clean_score(score)
    extra = _clean_text(question_answer, field="question_answer", limit=MAX_QUESTION_ANSWER_LENGTH)
    remark = _clean_text(comment, field="comment", limit=MAX_COMMENT_LENGTH)
    question = invitation.question
    try:
        with transaction.atomic():
            answer = SurveyAnswer.objects.create(
                invitation=invitation,
                organisation_id=invitation.organisation_id,
                location_id=invitation.location_id,
                kind=invitation.kind,
                channel=invitation.channel,
                language=invitation.language,
                score=value,
                question=question,
                question_text=question_text(question, invitation.language),
                question_answer=extra if question is not None else "",
                comment=remark,
                answered_at=now,
            )
    except IntegrityError as error:  # where no row lock holds (a second answer raced the first)
        raise SurveyLinkInvalid(_("This survey was already answered."), code="answered") from error
    invitation.answered_at = now
    invitation.save(update_fields=["answered_at"])
    # The entry names the invitation, not the person or the score: an answer stays anonymous once
    # the invitation is tidied away (``surveys_tidy``).
    audit_log(
        actor="citizen", action="survey_invitation.answer", obj=invitation, organisation_id=invitation.organisation_id
    )
    return answer


# --- The daily sweep ---------------------------------------------------------------------------


def _day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = datetime.datetime.combine(day, datetime.time(0), tzinfo=TIMEZONE)
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(0), tzinfo=TIMEZONE)
    return start, end


def _consenting(person_field: str) -> Exists:
    return Exists(
        Consent.objects.filter(
            person_id=OuterRef(person_field), purpose=ConsentPurpose.SURVEYS, withdrawn_at__isnull=True
        )
    )


def _invited(field: str) -> Exists:
    return Exists(SurveyInvitation.objects.filter(**{f"{field}_id": OuterRef("pk")}))


def _people_by_email(emails: set[str]) -> dict[str, Person]:
    """The oldest record with each address (as ``person_for_email`` picks), with the consent in force."""
    people: dict[str, Person] = {}
    found = (
        Person.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=emails, erased_at__isnull=True)
        .filter(_consenting("pk"))
        .order_by("-pk")
    )
    for person in found:
        people[person.email.lower()] = person  # the last one written is the oldest
    return people


def surveys_invite_due(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Invite for yesterday's (Brussels time) visits, calls and closed requests; counts by outcome.

    Idempotent: what already has an invitation is not looked at again, and ``survey_invite``
    refuses a second one anyway. Only people with the consent in force are considered. A visit
    is a checked-in appointment (a walk-in ticket names nobody: that is what the tablet is for),
    whose person is the record with the appointment's e-mail address.
    """
    now = _now(now)
    start, end = _day_bounds(timezone.localtime(now, TIMEZONE).date() - datetime.timedelta(days=1))
    counts: Counter[str] = Counter()

    def invite(organisation: Organisation, about: About, person: Person) -> None:
        result = survey_invite(organisation=organisation, about=about, person=person, language=person.language, now=now)
        counts["invited" if result.sent else str(result.reason)] += 1

    appointments = (
        Appointment.objects.filter(status=AppointmentStatus.CHECKED_IN, start__gte=start, start__lt=end)
        .exclude(email="")
        .exclude(_invited("appointment"))
        .select_related("location__organisation")
        .order_by("start", "pk")
    )
    visits = list(appointments)
    people = _people_by_email({appointment.email.lower() for appointment in visits})
    for appointment in visits:
        if (person := people.get(appointment.email.lower())) is not None:
            invite(appointment.location.organisation, appointment, person)

    contacts = (
        Contact.objects.filter(
            channel__in=CALL_CHANNELS | VISIT_CHANNELS, started_at__gte=start, started_at__lt=end, person__isnull=False
        )
        .filter(_consenting("person_id"))
        .exclude(_invited("contact"))
        .select_related("organisation", "person")
        .order_by("started_at", "pk")
    )
    for contact in contacts:
        assert contact.person is not None
        invite(contact.organisation, contact, contact.person)

    requests = (
        Request.objects.filter(status__in=list(CLOSED_STATUSES), closed_at__gte=start, closed_at__lt=end)
        .filter(_consenting("person_id"))
        .exclude(_invited("request"))
        .select_related("organisation", "person")
        .order_by("closed_at", "pk")
    )
    for request in requests:
        invite(request.organisation, request, request.person)
    return dict(counts)


@transaction.atomic
def surveys_tidy(*, now: datetime.datetime | None = None) -> int:
    """Delete the invitations no longer needed; their answers stay, with no link to anyone.

    An invitation is needed while it can be answered, and, when it names a person, for the
    "once per period" rule. After both, it goes: the answer's ``invitation`` becomes empty.
    """
    now = _now(now)
    since = now - datetime.timedelta(days=min_days())
    old = SurveyInvitation.objects.filter(expires_at__lt=now).filter(
        models.Q(person__isnull=True) | models.Q(created_at__lt=since)
    )
    deleted, _by_model = old.delete()
    return deleted


def surveys_invite_if_due(*, now: datetime.datetime | None = None) -> dict[str, Any] | None:
    """For ``loket sweep`` (every minute): once a local day, from ``SWEEP_HOUR``; else ``None``."""
    now = _now(now)
    local = timezone.localtime(now, TIMEZONE)
    day = local.date().isoformat()
    if local.hour < SWEEP_HOUR or AuditEntry.objects.filter(action=SWEEP_ACTION, object_id=day).exists():
        return None
    counts: dict[str, Any] = surveys_invite_due(now=now)
    counts["tidied"] = surveys_tidy(now=now)
    AuditEntry.objects.create(
        actor=None,
        actor_label="system",
        action=SWEEP_ACTION,
        object_type="feedback.sweep",
        object_id=day,
        changes={"now": now.isoformat(), "counts": counts},
        source=current_source(),
    )
    return counts

"""Satisfaction surveys: the organisation's extra question, invitations, answers and exit tablets.

A ``SurveyInvitation`` is one chance to answer, reached through a 128-bit secret of which only
the SHA-256 is stored (like ``citizens.models.SignInLink``): the link in an e-mail or SMS, or the
form on a tablet at the exit. It says what it is about (a visit, a call or a request, with the
appointment, ticket, contact or request it came from) and, for an e-mailed or texted one, whom
it went to (``person``, so that nobody is asked twice within ``LOKET_SURVEY_MIN_DAYS``). A tablet
invitation has no person: it is anonymous.

A ``SurveyAnswer`` is what came back: at most one per invitation (a one-to-one key, so the
database refuses a second one even when two arrive at once), a score from 0 to 10 (a check
constraint), the organisation's question as it was asked with its answer, and a comment. It
carries its own organisation, location, kind and day, and never a person: the dashboard reads
answers only, and they survive the purge of the invitations and of the people behind them.

A ``SurveyTablet`` is the tablet at a location's exit, reached by a secret address like
``queueing.models.DisplayScreen``. This module holds no business logic (``services`` does).
"""

from __future__ import annotations

import hashlib
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.citizens.models import Language, Person
from loket.organisations.models import Location, Organisation

MAX_QUESTION_LENGTH = 300
MAX_QUESTION_ANSWER_LENGTH = 1000
MAX_COMMENT_LENGTH = 2000


def new_secret() -> str:
    """128 random bits, URL-safe (22 characters): the secret of a survey link."""
    return secrets.token_urlsafe(16)


def secret_hash(secret: str) -> str:
    """What is stored of a secret: its SHA-256 in hex (the secret itself is never stored)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_tablet_key() -> str:
    """128 random bits, URL-safe: the secret in a tablet's address."""
    return secrets.token_urlsafe(16)


class SurveyKind(models.TextChoices):
    VISIT = "visit", _("Visit")
    CALL = "call", _("Call")
    REQUEST = "request", _("Request")


class SurveyChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    TABLET = "tablet", _("Tablet at the exit")


class SurveyQuestion(models.Model):
    """The organisation's one optional extra question, in each language."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="survey_questions",
        help_text=_("Organisation that asks it."),
    )
    text_nl = models.CharField(
        _("question (Dutch)"), max_length=MAX_QUESTION_LENGTH, blank=True, help_text=_("The question in Dutch.")
    )
    text_fr = models.CharField(
        _("question (French)"), max_length=MAX_QUESTION_LENGTH, blank=True, help_text=_("The question in French.")
    )
    text_en = models.CharField(
        _("question (English)"), max_length=MAX_QUESTION_LENGTH, blank=True, help_text=_("The question in English.")
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Asked in new surveys. An organisation has at most one active question.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, help_text=_("When it was added."))

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["organisation", "-active", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(active=True),
                name="survey_question_one_active",
                violation_error_message=_(
                    "This organisation already has an active question: switch that one off first."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(text_nl="", text_fr="", text_en=""),
                name="survey_question_has_text",
                violation_error_message=_("Write the question in at least one language."),
            ),
        ]

    def __str__(self) -> str:
        return self.text_nl or self.text_fr or self.text_en


class SurveyTablet(models.Model):
    """A tablet at a location's exit, for anonymous answers: its address holds a secret key."""

    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        on_delete=models.CASCADE,
        related_name="survey_tablets",
        help_text=_("Where the tablet stands."),
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("Which tablet, e.g. 'Exit ground floor'."))
    key = models.CharField(
        _("address key"),
        max_length=32,
        unique=True,
        default=new_tablet_key,
        help_text=_("Secret in the tablet's address (128 random bits); change it to lock an old tablet out."),
    )
    active = models.BooleanField(_("active"), default=True, help_text=_("The tablet's page works only while active."))

    class Meta:
        verbose_name = _("survey tablet")
        verbose_name_plural = _("survey tablets")
        ordering = ["location", "name"]

    def __str__(self) -> str:
        return f"{self.location}: {self.name}"


class SurveyInvitation(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="survey_invitations",
        help_text=_("Organisation the survey is about."),
    )
    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_invitations",
        help_text=_("Where the visit took place; empty for a call or a request."),
    )
    kind = models.CharField(
        _("about"), max_length=10, choices=SurveyKind.choices, help_text=_("What the survey is about.")
    )
    appointment = models.ForeignKey(
        "appointments.Appointment",
        verbose_name=_("appointment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The visit by appointment it is about."),
    )
    ticket = models.ForeignKey(
        "queueing.Ticket",
        verbose_name=_("ticket"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The served ticket it is about."),
    )
    contact = models.ForeignKey(
        "contacts.Contact",
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The call (or contact) it is about."),
    )
    request = models.ForeignKey(
        "contacts.Request",
        verbose_name=_("request"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The closed request it is about."),
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_invitations",
        help_text=_("Whom it was sent to; empty at the tablet (anonymous) and once no longer needed."),
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=SurveyChannel.choices, help_text=_("How the invitation reached them.")
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, help_text=_("Language of the invitation and the form.")
    )
    question = models.ForeignKey(
        SurveyQuestion,
        verbose_name=_("extra question"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
        help_text=_("The organisation's question when the invitation was made, if it had one."),
    )
    secret_hash = models.CharField(
        _("secret hash"), max_length=64, unique=True, help_text=_("SHA-256 of the link's secret (never the secret).")
    )
    created_at = models.DateTimeField(_("created"), db_index=True, help_text=_("When it was made."))
    expires_at = models.DateTimeField(_("expires"), help_text=_("It can no longer be answered after this."))
    answered_at = models.DateTimeField(
        _("answered"), null=True, blank=True, help_text=_("When it was answered (once).")
    )

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["person", "created_at"], name="survey_invitation_person")]
        constraints = [
            # One invitation per visit, call or request: the sweep can run twice, the citizen hears once.
            models.UniqueConstraint(
                fields=["appointment"], condition=models.Q(appointment__isnull=False), name="survey_one_per_appointment"
            ),
            models.UniqueConstraint(
                fields=["ticket"], condition=models.Q(ticket__isnull=False), name="survey_one_per_ticket"
            ),
            models.UniqueConstraint(
                fields=["contact"], condition=models.Q(contact__isnull=False), name="survey_one_per_contact"
            ),
            models.UniqueConstraint(
                fields=["request"], condition=models.Q(request__isnull=False), name="survey_one_per_request"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.organisation_id} {self.created_at:%Y-%m-%d}"


class SurveyAnswer(models.Model):
    invitation = models.OneToOneField(
        SurveyInvitation,
        verbose_name=_("invitation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answer",
        help_text=_("The invitation answered: one answer per invitation. Empty once the invitation was purged."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="survey_answers",
        help_text=_("Organisation the answer is about."),
    )
    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_answers",
        help_text=_("Where the visit took place; empty for a call or a request."),
    )
    kind = models.CharField(
        _("about"), max_length=10, choices=SurveyKind.choices, help_text=_("Visit, call or request.")
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=SurveyChannel.choices, help_text=_("Where it was answered from.")
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, help_text=_("Language the form was in.")
    )
    score = models.PositiveSmallIntegerField(_("score"), help_text=_("From 0 (very bad) to 10 (excellent)."))
    question = models.ForeignKey(
        SurveyQuestion,
        verbose_name=_("extra question"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answers",
        help_text=_("The organisation's question that was asked, if any."),
    )
    question_text = models.CharField(
        _("question as asked"),
        max_length=MAX_QUESTION_LENGTH,
        blank=True,
        help_text=_("The question's text as the citizen read it (it may be changed later)."),
    )
    question_answer = models.TextField(
        _("answer to the question"), blank=True, help_text=_("What the citizen answered to the extra question.")
    )
    comment = models.TextField(_("comment"), blank=True, help_text=_("Anything else the citizen wanted to tell us."))
    answered_at = models.DateTimeField(_("answered"), help_text=_("When it was answered."))

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        ordering = ["-answered_at"]
        indexes = [
            models.Index(fields=["organisation", "answered_at"], name="survey_answer_org_at"),
            models.Index(fields=["location", "answered_at"], name="survey_answer_location_at"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(score__gte=0, score__lte=10), name="survey_answer_score_0_10"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.score} {self.answered_at:%Y-%m-%d}"

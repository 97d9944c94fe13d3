"""The citizen record: a person, their consents, their sign-in links and their erasure requests.

A ``Person`` is one citizen, shared by the organisations that serve them (only-once: a region's
contact centre and the municipality look at the same record). Staff reach a person only through
an organisation that knows them (``PersonOrganisation``, written when that organisation first
serves them) and see only what that organisation recorded (``selectors.person_timeline``).

The national register number is never stored in clear: ``national_number_token`` holds it
encrypted (``crypto``), ``national_number_hash`` a keyed hash for finding a person by it.

A ``Consent`` is one "yes" for one purpose, with when, how and which version of the text the
person agreed to; withdrawing sets ``withdrawn_at`` and keeps the row, so what was agreed when
stays provable. At most one consent per person and purpose is in force (partial unique
constraint). Without the purpose's consent in force, the data is not used for it
(``selectors.has_consent``).

A ``SignInLink`` is the one-time link of "Mijn loket": only a hash of its secret is stored, it
works once and for ``LOKET_SIGN_IN_LINK_MINUTES``. This module holds no business logic.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from loket.organisations.models import Organisation


class Language(models.TextChoices):
    NL = "nl", _("Dutch")
    FR = "fr", _("French")
    EN = "en", pgettext_lazy("language name", "English")  # "English" alone is the language's own name


class PreferredChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("Text message (SMS)")
    POST = "post", _("Letter by post")
    PHONE = "phone", _("Phone call")


class Person(models.Model):
    name = models.CharField(_("name"), max_length=200, help_text=_("First name and surname."))
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True, help_text=_("Date of birth."))
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("E-mail address."))
    phone = models.CharField(_("phone"), max_length=40, blank=True, help_text=_("Mobile or landline number."))
    street = models.CharField(_("street and number"), max_length=200, blank=True, help_text=_("Home address."))
    postcode = models.CharField(_("postcode"), max_length=10, blank=True, help_text=_("Postcode."))
    city = models.CharField(_("city"), max_length=100, blank=True, help_text=_("Municipality."))
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.NL, help_text=_("Language to use.")
    )
    preferred_channel = models.CharField(
        _("preferred channel"),
        max_length=10,
        choices=PreferredChannel.choices,
        default=PreferredChannel.EMAIL,
        help_text=_("How they want to hear from us."),
    )
    national_number_token = models.TextField(
        _("national register number (encrypted)"), blank=True, editable=False, help_text=_("Encrypted; never shown.")
    )
    national_number_hash = models.CharField(
        _("national register number (lookup hash)"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("Keyed hash to find a person by number."),
    )
    organisations = models.ManyToManyField(
        Organisation,
        through="PersonOrganisation",
        verbose_name=_("organisations"),
        related_name="people",
        blank=True,
        help_text=_("Organisations that serve this person."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, help_text=_("When the record was made."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True, help_text=_("Last change."))
    erased_at = models.DateTimeField(
        _("erased"),
        null=True,
        blank=True,
        help_text=_("When the personal data was erased (the row stays for the figures)."),
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name", "pk"]
        indexes = [models.Index(Lower("email"), name="person_email_lower")]
        constraints = [
            models.UniqueConstraint(
                fields=["national_number_hash"],
                condition=~models.Q(national_number_hash=""),
                name="person_unique_national_number",
            ),
        ]

    def __str__(self) -> str:
        return self.name or f"#{self.pk}"


class PersonOrganisation(models.Model):
    """An organisation knows this person: it may find them and add to their record."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("person"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    since = models.DateTimeField(_("since"), auto_now_add=True, help_text=_("When it first served them."))

    class Meta:
        verbose_name = _("organisation of a person")
        verbose_name_plural = _("organisations of people")
        constraints = [
            models.UniqueConstraint(fields=["person", "organisation"], name="person_organisation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.organisation_id}"


class ConsentPurpose(models.TextChoices):
    PREFILL = "prefill", _("Reuse my details to fill in forms for me")
    RELATED_SERVICES = "related_services", _("Tell me about other services that may help me")
    SURVEYS = "surveys", _("Ask me what I thought of the service")


class ConsentSource(models.TextChoices):
    MIJN_LOKET = "mijn_loket", _("Mijn loket (the citizen's own page)")
    WEB_FORM = "web_form", _("Web form")
    COUNTER = "counter", _("At the counter")
    PHONE = "phone", _("By phone")
    PAPER = "paper", _("On paper")


class Consent(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents", verbose_name=_("person"))
    purpose = models.CharField(_("purpose"), max_length=30, choices=ConsentPurpose.choices, help_text=_("What for."))
    given_at = models.DateTimeField(_("given"), help_text=_("When the person agreed."))
    source = models.CharField(
        _("source"), max_length=20, choices=ConsentSource.choices, help_text=_("Where the person agreed.")
    )
    text_version = models.CharField(
        _("text version"), max_length=20, help_text=_("Version of the consent text the person agreed to.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Staff member who recorded it; empty when the person did it themselves."),
    )
    withdrawn_at = models.DateTimeField(
        _("withdrawn"), null=True, blank=True, help_text=_("When the person withdrew it.")
    )
    withdrawn_source = models.CharField(
        _("withdrawn through"), max_length=20, choices=ConsentSource.choices, blank=True, help_text=_("Where.")
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["person", "purpose", "-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "purpose"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="consent_one_in_force",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.purpose} {self.given_at:%Y-%m-%d}"


class SignInLink(models.Model):
    """A one-time sign-in link for Mijn loket: only the SHA-256 of its secret is stored."""

    email = models.EmailField(_("e-mail"), help_text=_("Address the link was sent to."))
    secret_hash = models.CharField(_("secret hash"), max_length=64, unique=True, help_text=_("SHA-256 of the secret."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True, help_text=_("When it was sent."))
    expires_at = models.DateTimeField(_("expires"), help_text=_("It no longer works after this."))
    used_at = models.DateTimeField(_("used"), null=True, blank=True, help_text=_("When it was used (once)."))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, help_text=_("Language."))

    class Meta:
        verbose_name = _("sign-in link")
        verbose_name_plural = _("sign-in links")
        indexes = [models.Index(Lower("email"), "created_at", name="signinlink_email_created")]

    def __str__(self) -> str:
        return f"{self.email} {self.created_at:%Y-%m-%d %H:%M}"


class ErasureStatus(models.TextChoices):
    OPEN = "open", _("To be handled")
    DONE = "done", _("Erased")
    REFUSED = "refused", _("Refused")


class ErasureRequest(models.Model):
    """A person asked to be forgotten; the data-protection officer works it and records what went."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="erasure_requests", verbose_name=_("person")
    )
    requested_at = models.DateTimeField(_("requested"), help_text=_("When the person asked."))
    source = models.CharField(_("source"), max_length=20, choices=ConsentSource.choices, help_text=_("Where."))
    status = models.CharField(
        _("status"), max_length=10, choices=ErasureStatus.choices, default=ErasureStatus.OPEN, help_text=_("Status.")
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The data-protection officer."),
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True, help_text=_("When it was handled."))
    reason = models.TextField(_("reason"), blank=True, help_text=_("Why it was refused, or what was kept and why."))
    erased = models.JSONField(
        _("what was erased"),
        default=dict,
        blank=True,
        help_text=_("Counts per kind of record, and the fields cleared."),
    )

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(status="open"), name="erasure_one_open_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.requested_at:%Y-%m-%d} {self.status}"

"""The service catalogue ("productfiches") that front and back office share.

A Service's texts exist in Dutch, French and English (django-modeltranslation adds ``title_nl``,
``title_fr``, ``title_en``...). Writes go through ``services.py`` only.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.organisations.models import Department, Organisation

# The translated text fields of a service, in the order a citizen reads them.
SERVICE_TEXT_FIELDS = (
    "title",
    "summary",
    "audience",
    "procedure",
    "documents",
    "cost",
    "legal_basis",
    "processing_time",
    "keywords",
)


class ServiceStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class LifeEvent(models.Model):
    slug = models.SlugField(_("slug"), unique=True, help_text=_("Stable English identifier."))
    title = models.CharField(_("title"), max_length=200, help_text=_("As a citizen would say it: 'I am moving'."))
    description = models.TextField(_("description"), blank=True, help_text=_("One or two sentences of introduction."))
    order = models.PositiveSmallIntegerField(_("order"), default=100, help_text=_("Position on the home page."))

    class Meta:
        verbose_name = _("life event")
        verbose_name_plural = _("life events")
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.title


class Service(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="services",
        help_text=_("Organisation that provides the service (the competent authority)."),
    )
    slug = models.SlugField(_("slug"), unique=True, help_text=_("Stable English identifier, e.g. 'identity-card'."))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ServiceStatus.choices,
        default=ServiceStatus.DRAFT,
        help_text=_("Only published services are shown to citizens."),
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("Name of the service in plain words."))
    summary = models.TextField(
        _("what is it"), blank=True, help_text=_("What the service is, in two or three sentences.")
    )
    audience = models.TextField(_("who is it for"), blank=True, help_text=_("Who can ask for it."))
    procedure = models.TextField(_("how does it work"), blank=True, help_text=_("The steps, in order."))
    documents = models.TextField(
        _("what to bring"), blank=True, help_text=_("One document per line: what the citizen must bring or upload.")
    )
    cost = models.TextField(_("cost"), blank=True, help_text=_("What it costs, in words."))
    cost_amount = models.DecimalField(
        _("cost in euro"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The usual price in euro; empty when it varies; 0 when free."),
    )
    legal_basis = models.TextField(_("legal basis"), blank=True, help_text=_("The law or regulation behind it."))
    processing_time = models.CharField(
        _("processing time"), max_length=200, blank=True, help_text=_("How long it takes before the result is ready.")
    )
    handling_days = models.PositiveSmallIntegerField(
        _("standard handling time (working days)"),
        null=True,
        blank=True,
        help_text=_("Working days the back office has for a request about this service; sets its due date."),
    )
    keywords = models.TextField(
        _("keywords and synonyms"),
        blank=True,
        help_text=_("Words citizens use for it, separated by commas, e.g. 'moving house, new address'."),
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration at the counter"), default=10, help_text=_("Minutes a clerk needs with the citizen.")
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("owning department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
        help_text=_("Back-office department responsible for the content and the work."),
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("editor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="edited_services",
        help_text=_("Catalogue editor who keeps this sheet correct."),
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True, help_text=_("Date of the last check."))
    review_interval_days = models.PositiveSmallIntegerField(
        _("review interval (days)"), default=365, help_text=_("How often the sheet must be checked.")
    )
    related = models.ManyToManyField(
        "self",
        verbose_name=_("often together"),
        blank=True,
        symmetrical=True,
        help_text=_("Services people often arrange in the same visit."),
    )
    life_events = models.ManyToManyField(
        LifeEvent,
        verbose_name=_("life events"),
        blank=True,
        related_name="services",
        help_text=_("Life events this service belongs to."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True, help_text=_("Last change."))

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["slug"]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return self.title or self.slug

    @property
    def review_due(self) -> datetime.date | None:
        if self.last_reviewed is None:
            return None
        return self.last_reviewed + datetime.timedelta(days=self.review_interval_days)

    def is_overdue_for_review(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        due = self.review_due
        return due is None or due < today

    @property
    def appointment_required(self) -> bool:
        kinds = {c.kind for c in self.channels.all()}
        return ChannelKind.APPOINTMENT in kinds and ChannelKind.QUICK_COUNTER not in kinds


class ChannelKind(models.TextChoices):
    ONLINE = "online", _("Online")
    PHONE = "phone", _("By phone")
    QUICK_COUNTER = "quick_counter", _("Quick counter, no appointment")
    APPOINTMENT = "appointment", _("At the counter, by appointment")
    HOME_VISIT = "home_visit", _("Home visit")
    POST = "post", _("By post")


class ServiceChannel(models.Model):
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="channels",
        help_text=_("Service offered on this channel."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ChannelKind.choices, help_text=_("Channel."))
    instructions = models.TextField(_("instructions"), blank=True, help_text=_("What to do on this channel."))
    url = models.URLField(_("link"), blank=True, help_text=_("For online: the e-counter or form."))
    phone = models.CharField(_("phone"), max_length=40, blank=True, help_text=_("For phone: the number to call."))
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Order on the service page."))

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ["service", "order", "kind"]
        constraints = [models.UniqueConstraint(fields=["service", "kind"], name="channel_kind_once_per_service")]

    def __str__(self) -> str:
        return f"{self.service.slug}: {self.get_kind_display()}"


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")
    DISMISSED = "dismissed", _("Dismissed")


class ContentReport(models.Model):
    """A citizen's "Something wrong on this page?" message, for the service's editor."""

    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="reports",
        help_text=_("Service page the report is about."),
    )
    message = models.TextField(_("message"), help_text=_("What the citizen says is wrong."))
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Optional: to tell the citizen it was fixed."))
    language = models.CharField(_("language"), max_length=5, help_text=_("Language the page was read in."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, help_text=_("When it was sent."))
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN, help_text=_("Work status.")
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Editor who handled it."),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True, help_text=_("When it was handled."))

    class Meta:
        verbose_name = _("content report")
        verbose_name_plural = _("content reports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.service.slug}: {self.message[:40]}"


class StaffSkill(models.Model):
    """A service a staff member may serve at the counter (their skill)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="skills",
        help_text=_("The staff member."),
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="skilled_staff",
        help_text=_("Service they may serve."),
    )

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        constraints = [models.UniqueConstraint(fields=["user", "service"], name="skill_unique")]

    def __str__(self) -> str:
        return f"{self.user} - {self.service.slug}"


class ServiceEmbedding(models.Model):
    """The multilingual sentence embedding of a service's texts, for search by meaning."""

    service = models.OneToOneField(
        Service,
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="embedding",
        help_text=_("Service embedded."),
    )
    vector = models.BinaryField(_("vector"), help_text=_("float32 vectors, one per language, concatenated."))
    source_hash = models.CharField(_("source hash"), max_length=64, help_text=_("Hash of the texts embedded."))

    class Meta:
        verbose_name = _("service embedding")
        verbose_name_plural = _("service embeddings")

    def __str__(self) -> str:
        return self.service.slug

"""Reads for the catalogue editor: their work list, the services and reports they may touch.

Every function is scoped to the organisations where the user is a catalogue editor or an
administrator (``organisations.selectors``): another organisation's service or report is as good
as absent (``NotFound``), so a guessed URL or id reveals nothing. Nothing here writes; the public
catalogue's reads live in ``selectors.py``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import cast

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Field, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.catalog.models import SERVICE_TEXT_FIELDS, ContentReport, ReportStatus, Service, ServiceChannel
from loket.catalog.readability import Readability, text_readability
from loket.core.errors import NotFound
from loket.organisations.models import Department
from loket.organisations.selectors import CATALOGUE_ROLES, staff_organisation_ids

User = AbstractBaseUser | AnonymousUser
LANGUAGES = ("nl", "fr", "en")
# The prose a citizen reads to get the service: these decide whether a sheet is "hard to read".
# Titles are too short to score, keywords are lists and legal bases are citations.
WORK_LIST_READABILITY_FIELDS = ("summary", "audience", "procedure", "documents", "cost")


def editor_organisation_ids(*, user: User) -> set[int]:
    """The organisations whose catalogue ``user`` may edit."""
    return staff_organisation_ids(user=user, roles=CATALOGUE_ROLES)


def services_for_editor(*, user: User) -> QuerySet[Service]:
    """All services (drafts too) of the organisations ``user`` edits, with organisation and channels."""
    return _services_of(editor_organisation_ids(user=user))


def _services_of(organisation_ids: set[int]) -> QuerySet[Service]:
    return (
        Service.objects.filter(organisation_id__in=organisation_ids)
        .select_related("organisation", "department")
        .prefetch_related(Prefetch("channels", queryset=ServiceChannel.objects.order_by("order", "kind")))
        .annotate(open_reports=Count("reports", filter=Q(reports__status=ReportStatus.OPEN)))
        .order_by("slug")
    )


def service_get_for_editor(*, user: User, slug: str) -> Service:
    """One service ``user`` may edit, or ``NotFound`` (also when it belongs to another organisation)."""
    try:
        return services_for_editor(user=user).get(slug=slug)
    except Service.DoesNotExist as exc:
        raise NotFound(
            _("No service “%(slug)s” in your organisations.") % {"slug": slug}, code="service_not_found"
        ) from exc


def reports_for_editor(*, user: User, status: str | None = ReportStatus.OPEN) -> QuerySet[ContentReport]:
    """Citizens' reports on the services of ``user``'s organisations, newest first."""
    return _reports_of(editor_organisation_ids(user=user), status)


def _reports_of(organisation_ids: set[int], status: str | None) -> QuerySet[ContentReport]:
    reports = ContentReport.objects.filter(service__organisation_id__in=organisation_ids)
    if status:
        reports = reports.filter(status=status)
    return reports.select_related("service", "service__organisation", "handled_by").order_by("-created_at")


def report_get_for_editor(*, user: User, report_id: int) -> ContentReport:
    """One report ``user`` may handle, or ``NotFound``."""
    try:
        return reports_for_editor(user=user, status=None).get(pk=report_id)
    except ContentReport.DoesNotExist as exc:
        raise NotFound(
            _("No report %(id)s in your organisations.") % {"id": report_id}, code="report_not_found"
        ) from exc


def reports_for_editor_service(*, service: Service) -> QuerySet[ContentReport]:
    """The open reports on one service (already fetched through ``service_get_for_editor``)."""
    return ContentReport.objects.filter(service_id=service.pk, status=ReportStatus.OPEN).order_by("-created_at")


def departments_for_service(*, service: Service) -> QuerySet[Department]:
    """The departments a service may belong to: those of its own organisation."""
    return Department.objects.filter(organisation_id=service.organisation_id).order_by("name_nl")


# --- Readability ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldReadability:
    field: str
    lang: str
    result: Readability

    @property
    def label(self) -> str:
        return str(cast(Field, Service._meta.get_field(self.field)).verbose_name)


def service_readability(*, service: Service) -> dict[str, dict[str, Readability]]:
    """``{field: {lang: Readability}}`` for every text field of ``service`` in each language."""
    return {
        name: {
            lang: text_readability(getattr(service, f"{name}_{lang}", "") or "", lang, field=name) for lang in LANGUAGES
        }
        for name in SERVICE_TEXT_FIELDS
    }


def poorly_readable_fields(*, service: Service) -> list[FieldReadability]:
    """The citizen-facing texts of ``service`` below the readability target, hardest first."""
    found = [
        FieldReadability(name, lang, result)
        for name in WORK_LIST_READABILITY_FIELDS
        for lang in LANGUAGES
        if (result := text_readability(getattr(service, f"{name}_{lang}", "") or "", lang, field=name)).is_poor
    ]
    return sorted(found, key=lambda f: f.result.score if f.result.score is not None else 0.0)


# --- Work list -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PoorlyReadable:
    service: Service
    fields: list[FieldReadability]

    @property
    def worst(self) -> FieldReadability:
        return self.fields[0]


@dataclass(frozen=True)
class WorkList:
    reports: list[ContentReport]
    overdue: list[Service]
    poorly_readable: list[PoorlyReadable]
    service_count: int
    today: datetime.date

    @property
    def is_empty(self) -> bool:
        return not (self.reports or self.overdue or self.poorly_readable)


def editor_work_list(*, user: User, today: datetime.date | None = None) -> WorkList:
    """What a catalogue editor should do next: open reports, overdue reviews, hard-to-read sheets.

    A fixed number of queries whatever the number of services: one for the editor's organisations,
    one for the services (with their texts), one for their channels and one for the open reports.
    """
    today = today or timezone.localdate()
    organisation_ids = editor_organisation_ids(user=user)
    services = list(_services_of(organisation_ids))
    overdue = sorted(
        (s for s in services if s.is_overdue_for_review(today)),
        key=lambda s: (s.review_due or datetime.date.min, s.slug),
    )
    poorly = [
        PoorlyReadable(service=s, fields=fields) for s in services if (fields := poorly_readable_fields(service=s))
    ]
    poorly.sort(key=lambda p: (p.worst.result.score if p.worst.result.score is not None else 0.0, p.service.slug))
    return WorkList(
        reports=list(_reports_of(organisation_ids, ReportStatus.OPEN)),
        overdue=overdue,
        poorly_readable=poorly,
        service_count=len(services),
        today=today,
    )

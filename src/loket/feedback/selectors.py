"""Reads of the surveys: what the survey page shows, and the figures for the manager's dashboard.

The dashboard's figures read ``SurveyAnswer`` only (score, kind, organisation, location, day):
never an invitation, a person or a comment, so they are the same before and after the purge of
personal data. One grouped query per call (kind x score, at most 33 rows), whatever the number of
answers; the period is half-open, ``[start, end)``, in Brussels days when given dates.

NPS-style groups: 9-10 "promoters", 7-8 "passives", 0-6 "detractors"; ``nps`` is the share of
promoters minus the share of detractors, in percentage points (-100 to 100).
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.utils import timezone

from loket.appointments.availability import TIMEZONE
from loket.feedback.models import SurveyAnswer, SurveyInvitation, SurveyKind, SurveyTablet, secret_hash

SCORES = range(11)


@dataclass(frozen=True)
class ScoreSummary:
    """Count, mean and distribution (index = score 0..10) of a set of answers."""

    count: int
    distribution: tuple[int, ...]

    @property
    def mean(self) -> float | None:
        if not self.count:
            return None
        return sum(score * n for score, n in enumerate(self.distribution)) / self.count

    @property
    def promoters(self) -> int:
        return sum(self.distribution[9:])

    @property
    def passives(self) -> int:
        return sum(self.distribution[7:9])

    @property
    def detractors(self) -> int:
        return sum(self.distribution[:7])

    @property
    def nps(self) -> float | None:
        if not self.count:
            return None
        return 100.0 * (self.promoters - self.detractors) / self.count


@dataclass(frozen=True)
class SurveySummary(ScoreSummary):
    """All answers of the selection, and the same split by what they were about."""

    by_kind: dict[str, ScoreSummary] = field(default_factory=dict)


def _moment(value: datetime.date | datetime.datetime) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):
            raise ValueError("a period's bounds must be timezone-aware")
        return value
    return datetime.datetime.combine(value, datetime.time(0), tzinfo=TIMEZONE)


def _answers(
    *,
    organisation_ids: Collection[int],
    start: datetime.date | datetime.datetime,
    end: datetime.date | datetime.datetime,
    location_ids: Collection[int] | None,
    kind: str | None,
) -> QuerySet[SurveyAnswer]:
    answers = SurveyAnswer.objects.filter(
        organisation_id__in=list(organisation_ids), answered_at__gte=_moment(start), answered_at__lt=_moment(end)
    )
    if location_ids is not None:
        answers = answers.filter(location_id__in=list(location_ids))
    if kind:
        answers = answers.filter(kind=kind)
    return answers


def _summary(rows: list[tuple[str, int, int]]) -> SurveySummary:
    total = [0] * 11
    per_kind: dict[str, list[int]] = {kind: [0] * 11 for kind in SurveyKind.values}
    for kind, score, n in rows:
        total[score] += n
        per_kind.setdefault(kind, [0] * 11)[score] += n
    return SurveySummary(
        count=sum(total),
        distribution=tuple(total),
        by_kind={kind: ScoreSummary(count=sum(dist), distribution=tuple(dist)) for kind, dist in per_kind.items()},
    )


def survey_summary(
    *,
    organisation_ids: Collection[int],
    start: datetime.date | datetime.datetime,
    end: datetime.date | datetime.datetime,
    location_ids: Collection[int] | None = None,
    kind: str | None = None,
) -> SurveySummary:
    """Count, mean, distribution 0-10 and NPS groups of the answers in ``[start, end)``, also per kind.

    ``organisation_ids`` is the caller's tenancy scope (the dashboard passes the manager's
    organisations); ``location_ids`` narrows to locations (calls and requests have none).
    """
    rows = (
        _answers(organisation_ids=organisation_ids, start=start, end=end, location_ids=location_ids, kind=kind)
        .order_by()
        .values_list("kind", "score")
        .annotate(n=Count("id"))
    )
    return _summary(list(rows))


def survey_summary_by_location(
    *,
    organisation_ids: Collection[int],
    start: datetime.date | datetime.datetime,
    end: datetime.date | datetime.datetime,
    kind: str | None = None,
) -> dict[int | None, SurveySummary]:
    """``survey_summary`` per location id (``None``: calls and requests, which have no location)."""
    rows = (
        _answers(organisation_ids=organisation_ids, start=start, end=end, location_ids=None, kind=kind)
        .order_by()
        .values_list("location_id", "kind", "score")
        .annotate(n=Count("id"))
    )
    grouped: dict[int | None, list[tuple[str, int, int]]] = {}
    for location_id, row_kind, score, n in rows:
        grouped.setdefault(location_id, []).append((row_kind, score, n))
    return {location_id: _summary(group) for location_id, group in grouped.items()}


# --- The survey pages --------------------------------------------------------------------------


def invitation_by_secret(*, secret: str) -> SurveyInvitation | None:
    """The invitation of ``secret`` whatever its state (answered, expired), or ``None``."""
    return (
        SurveyInvitation.objects.select_related("organisation", "location", "question")
        .filter(secret_hash=secret_hash(secret or ""))
        .first()
    )


def invitation_for_secret(*, secret: str, now: datetime.datetime | None = None) -> SurveyInvitation | None:
    """The invitation that can still be answered with ``secret``; ``None`` when unknown, used or expired."""
    invitation = invitation_by_secret(secret=secret)
    if invitation is None or invitation.answered_at is not None or invitation.expires_at <= (now or timezone.now()):
        return None
    return invitation


def tablet_for_key(*, location_slug: str, key: str) -> SurveyTablet | None:
    """The active tablet at this address (location slug and key must both match)."""
    return (
        SurveyTablet.objects.select_related("location__organisation")
        .filter(location__slug=location_slug, key=key, active=True)
        .first()
    )

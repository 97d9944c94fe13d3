"""The dashboard's survey figures: count, mean, distribution, NPS groups, by kind, location and period."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from loket.feedback import selectors, services
from loket.feedback.models import SurveyKind
from tests.contacts.helpers import NOW
from tests.feedback.helpers import SurveyWorld

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def tablet_answer(world: SurveyWorld, score: int, *, at: datetime.datetime = NOW, location=None) -> None:  # type: ignore[no-untyped-def]
    started = services.survey_tablet_start(location=location or world.hall, language="nl", now=at)
    services.survey_answer(secret=started.secret, score=score, now=at)


def test_the_summary_counts_means_and_distributes_the_scores(world: SurveyWorld) -> None:
    for score in (10, 9, 8, 7, 6, 0):
        tablet_answer(world, score)
    summary = selectors.survey_summary(organisation_ids=[world.city.pk], start=NOW.date(), end=NOW.date() + DAY)
    assert summary.count == 6
    assert summary.mean == pytest.approx(40 / 6)
    assert summary.distribution == (1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1)
    assert (summary.promoters, summary.passives, summary.detractors) == (2, 2, 2)
    assert summary.nps == pytest.approx(0.0)
    assert summary.by_kind[SurveyKind.VISIT].count == 6 and summary.by_kind[SurveyKind.CALL].count == 0


def test_the_summary_keeps_to_the_organisations_locations_and_half_open_period(world: SurveyWorld) -> None:
    tablet_answer(world, 9)
    tablet_answer(world, 2, at=NOW - DAY)  # the day before: outside
    tablet_answer(world, 1, location=world.neighbour_hall)  # another organisation
    summary = selectors.survey_summary(organisation_ids=[world.city.pk], start=NOW.date(), end=NOW.date() + DAY)
    assert (summary.count, summary.mean) == (1, 9.0)
    none = selectors.survey_summary(
        organisation_ids=[world.city.pk], start=NOW.date(), end=NOW.date() + DAY, location_ids=[world.neighbour_hall.pk]
    )
    assert none.count == 0 and none.mean is None and none.nps is None
    by_location = selectors.survey_summary_by_location(
        organisation_ids=[world.city.pk, world.neighbour.pk], start=NOW.date() - DAY, end=NOW.date() + DAY
    )
    assert {key: value.count for key, value in by_location.items()} == {world.hall.pk: 2, world.neighbour_hall.pk: 1}


def test_the_summary_is_one_query_however_many_answers(world: SurveyWorld) -> None:
    for score in range(11):
        tablet_answer(world, score)
    with CaptureQueriesContext(connection) as queries:
        selectors.survey_summary(organisation_ids=[world.city.pk], start=NOW - DAY, end=NOW + DAY)
    assert len(queries) == 1

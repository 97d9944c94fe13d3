"""Under load, on PostgreSQL: one answer per invitation, one invitation per person, whatever arrives at once."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.utils import translation

from loket.feedback import services
from loket.feedback.models import SurveyAnswer, SurveyInvitation
from loket.feedback.services import SurveyLinkInvalid
from tests.contacts.helpers import NOW
from tests.feedback.helpers import SurveyWorld, make_survey_world, secret_of, survey_messages

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(transactional_db: None) -> SurveyWorld:
    with translation.override("en"):
        return make_survey_world()


def race(calls: list[Callable[[], Any]]) -> tuple[list[Any], list[BaseException]]:
    """Run every call at the same instant (a barrier), each in its own thread and connection."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=20)
            result = call()
            with lock:
                results.append(result)
        except BaseException as error:
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def test_two_answers_at_once_store_exactly_one(world: SurveyWorld) -> None:
    world.consent()
    assert services.survey_invite(
        organisation=world.city, about=world.call(), person=world.person, language="nl", now=NOW
    ).sent
    secret = secret_of(survey_messages()[0])
    later = NOW + datetime.timedelta(hours=1)
    answers, errors = race(
        [lambda score=score: services.survey_answer(secret=secret, score=score, now=later) for score in (3, 9)]
    )
    assert len(answers) == 1, errors
    assert len(errors) == 1 and isinstance(errors[0], SurveyLinkInvalid) and errors[0].code == "answered"
    assert SurveyAnswer.objects.count() == 1
    assert SurveyAnswer.objects.get().score == answers[0].score


def test_many_answers_at_once_on_the_tablet_store_one(world: SurveyWorld) -> None:
    started = services.survey_tablet_start(location=world.hall, language="nl", now=NOW)
    answers, errors = race([lambda: services.survey_answer(secret=started.secret, score=8, now=NOW) for _ in range(8)])
    assert len(answers) == 1
    assert len(errors) == 7 and all(isinstance(e, SurveyLinkInvalid) for e in errors)
    assert SurveyAnswer.objects.count() == 1


def test_two_invitations_for_one_person_at_once_send_one(world: SurveyWorld) -> None:
    world.consent()
    calls = [world.call(), world.call()]
    results, errors = race(
        [
            lambda call=call: services.survey_invite(
                organisation=world.city, about=call, person=world.person, language="nl", now=NOW
            )
            for call in calls
        ]
    )
    assert not errors
    assert sorted(r.sent for r in results) == [False, True]
    assert SurveyInvitation.objects.count() == 1 and len(survey_messages()) == 1

"""The demo's citizen record, contacts and requests (issue 5): every request state, people with consents."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from loket.citizens import crypto, national_number
from loket.citizens.models import Consent, ConsentPurpose, Person
from loket.contacts.models import Contact, Outcome, Request, RequestStatus
from loket.demo import load_demo
from loket.demo.catalogue import SERVICES
from loket.demo.contacts import HANDLING_DAYS, PEOPLE, REQUESTS, _national_number

pytestmark = pytest.mark.django_db


def test_the_demo_holds_requests_in_every_state_and_one_overdue() -> None:
    assert load_demo() is True
    statuses = set(Request.objects.values_list("status", flat=True))
    assert statuses == set(RequestStatus.values)
    today = timezone.localdate()
    overdue = Request.objects.filter(status__in=["new", "in_progress", "waiting"], due_on__lt=today)
    assert overdue.count() >= 1
    for request in Request.objects.all():
        assert request.department.organisation_id == request.organisation_id
        assert request.events.filter(kind="created").count() == 1
        assert (request.closed_at is not None) == (request.status in ("done", "rejected"))
        assert request.due_on > request.created_at.date()


def test_the_demo_people_have_consents_and_an_encrypted_national_number() -> None:
    assert load_demo() is True
    assert Person.objects.count() == len(PEOPLE)
    assert Consent.objects.filter(withdrawn_at__isnull=True, purpose=ConsentPurpose.PREFILL).count() >= 2
    assert Consent.objects.filter(withdrawn_at__isnull=False).count() == 1
    an = Person.objects.get(name="An Verlinden")
    digits = crypto.decrypt(an.national_number_token)
    assert national_number.is_valid(digits)
    assert digits not in an.national_number_token
    assert an.national_number_hash == crypto.lookup_hash(digits)


def test_the_contact_centre_answers_for_the_social_house_and_logs_every_outcome() -> None:
    assert load_demo() is True
    contacts = Contact.objects.all()
    assert {c.outcome for c in contacts} == set(Outcome.values)
    assert contacts.filter(organisation__slug="ocmw-mechelen", registered_by__slug="mechelen").exists()
    assert contacts.filter(language="fr").exists()
    assert all(c.started_at <= timezone.now() for c in contacts)
    assert Request.objects.filter(contact__isnull=False).count() >= 3


def test_demo_data_names_real_services_and_valid_numbers() -> None:
    slugs = {service.slug for service in SERVICES}
    assert set(HANDLING_DAYS) <= slugs
    assert {request.service for request in REQUESTS} <= slugs
    assert national_number.is_valid(_national_number(datetime.date(2003, 5, 1), 12))
    assert national_number.is_valid(_national_number(datetime.date(1982, 3, 14), 146))


def test_a_year_of_survey_answers_scores_about_eight_and_a_half() -> None:
    from django.db.models import Avg

    from loket.demo.surveys import load_survey_history, survey_tablets
    from loket.feedback.models import SurveyAnswer, SurveyQuestion

    assert load_demo() is True
    assert SurveyQuestion.objects.filter(active=True).count() == 1
    assert len(survey_tablets()) == 1
    load_survey_history(today=timezone.localdate())
    answers = SurveyAnswer.objects.all()
    assert 2500 <= answers.count() <= 5000
    mean = answers.aggregate(mean=Avg("score"))["mean"]
    assert 8.5 * 0.97 <= mean <= 8.5 * 1.03
    assert answers.filter(kind="call").exists() and answers.filter(channel="tablet").exists()
    asked = answers.exclude(question_answer="")
    assert asked.count() > 500

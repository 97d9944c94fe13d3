"""Threats of docs/security.md that had no test of their own: weak staff passwords, a bot at the booking form.

Staff passwords are checked by Django's validators as configured in settings (length, common,
numeric, like the user's name). The web booking form counts bookings per client address in the
shared cache, more strictly for a form sent without the proof of work (the no-script stamp); and
one booking carries at most ``LOKET_DOCUMENT_MAX_COUNT`` documents.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from loket.appointments.models import Appointment
from tests.appointments.test_booking import Office, make_office
from tests.factories import UserFactory
from tests.security.inputs import PDF
from tests.security.test_input_appointments import booking_post

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("password", ["Loket2026", "1234567890123", "password1234", "jonas.janssens"])
def test_a_weak_staff_password_is_refused(password: str) -> None:
    user = UserFactory.build(username="jonas.janssens", first_name="Jonas", last_name="Janssens")
    with pytest.raises(ValidationError):
        validate_password(password, user=user)


def test_a_long_uncommon_password_is_accepted() -> None:
    validate_password("kantoor-tulp-Ketting-42", user=UserFactory.build(username="jonas"))


@pytest.fixture
def office(db: None, settings: pytest.FixtureRequest) -> Office:
    settings.LOKET_CHALLENGE_NO_SCRIPT_MIN_SECONDS = 0  # type: ignore[attr-defined]
    cache.clear()
    return make_office(desks=3)


def test_a_client_that_books_without_the_proof_of_work_is_stopped_after_the_stricter_limit(
    office: Office, settings: pytest.FixtureRequest
) -> None:
    settings.LOKET_BOOKING_RATE_NO_SCRIPT = "2/h"  # type: ignore[attr-defined]
    for number in range(2):
        response = booking_post(office, "nl", email=f"bot{number}@example.be")
        assert response.status_code == 302, response.content.decode()[:2000]  # type: ignore[attr-defined]
    third = booking_post(office, "nl", email="bot2@example.be")
    assert third.status_code == 400  # type: ignore[attr-defined]
    with translation.override("nl"):
        refusal = translation.gettext("Too many bookings from this connection. Please try again later, or call us.")
    assert refusal in third.content.decode()  # type: ignore[attr-defined]
    assert Appointment.objects.count() == 2


def test_more_documents_than_allowed_book_nothing(office: Office, settings: pytest.FixtureRequest) -> None:
    settings.LOKET_DOCUMENT_MAX_COUNT = 2  # type: ignore[attr-defined]
    files = [SimpleUploadedFile(f"scan-{n}.pdf", PDF, content_type="application/pdf") for n in range(3)]
    response = booking_post(office, "fr", files=files)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "2 documents" in response.content.decode()  # type: ignore[attr-defined]
    assert not Appointment.objects.exists()

"""The shared pieces: health endpoint, honest translation fallback, audit diffs, error format."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIRequestFactory

from loket.core.api import exception_handler
from loket.core.audit import audit_log, diff
from loket.core.errors import Conflict, DomainError
from loket.core.i18n import translated
from loket.core.models import AuditEntry
from tests.factories import OrganisationFactory, ServiceFactory


@pytest.mark.django_db
def test_health_answers_ok_when_the_database_answers(client: Client) -> None:
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_missing_translation_falls_back_and_says_so() -> None:
    service = ServiceFactory(summary_fr="", summary_en="Every Belgian aged 12 or over needs one.")
    in_french = translated(service, "summary", "fr")
    assert in_french.is_fallback
    assert in_french.lang == "nl"
    assert in_french.text == service.summary_nl
    in_english = translated(service, "summary", "en")
    assert not in_english.is_fallback
    assert in_english.text == "Every Belgian aged 12 or over needs one."


@pytest.mark.django_db
def test_text_missing_in_every_language_is_empty_not_an_error() -> None:
    service = ServiceFactory(legal_basis_nl="", legal_basis_fr="", legal_basis_en="")
    assert not translated(service, "legal_basis", "en")


def test_diff_keeps_only_changed_fields() -> None:
    assert diff({"a": 1, "b": "x"}, {"a": 1, "b": "y", "c": None}) == {"b": ["x", "y"]}


@pytest.mark.django_db
def test_audit_entry_names_actor_object_and_organisation() -> None:
    organisation = OrganisationFactory()
    entry = audit_log(actor="citizen", action="test.touch", obj=organisation, organisation_id=organisation.pk)
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.actor_label, stored.object_type, stored.object_id) == (
        "citizen",
        "organisations.organisation",
        str(organisation.pk),
    )


def test_domain_error_becomes_json_with_code_and_status() -> None:
    request = APIRequestFactory().get("/")
    response = exception_handler(Conflict("That slot was just taken.", code="slot_taken"), {"request": request})
    assert response is not None
    assert response.status_code == 409
    assert response.data == {"code": "slot_taken", "message": "That slot was just taken.", "field": None}
    plain = exception_handler(DomainError("Bad date", field="day"), {"request": request})
    assert plain is not None and plain.status_code == 400 and plain.data["field"] == "day"


def test_an_api_address_with_no_operation_answers_the_api_s_json_404(client: Client) -> None:
    response = client.get("/api/v1/no-such-thing/42/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_found" and response.json()["field"] is None

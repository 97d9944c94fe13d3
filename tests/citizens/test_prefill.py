"""Only-once: a citizen signed in to Mijn loket is not asked their details again, but only with consent."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from loket.citizens.models import ConsentPurpose, ConsentSource
from loket.citizens.services import consent_give, consent_withdraw
from tests.appointments.test_booking import make_office
from tests.appointments.test_citizen_pages import url
from tests.citizens.test_portal import sign_in

pytestmark = pytest.mark.django_db


def details_page(client: Client) -> str:
    office = make_office()
    start = office.at(10)
    query = f"?services={office.service.slug}&suggested=1&location={office.location.slug}"
    query += f"&date={start.date().isoformat()}&start={start.isoformat()}"
    page = client.get(url("appointment-book") + query.replace("+", "%2B"))
    assert page.status_code == 200
    return page.content.decode()


def test_with_the_prefill_consent_the_booking_form_is_filled_in_from_the_record(client: Client) -> None:
    person = sign_in(client, "griet@example.be")
    person.name, person.phone = "Griet Van Hool", "+32470998877"
    person.save()
    consent_give(actor="citizen", person=person, purpose=ConsentPurpose.PREFILL, source=ConsentSource.MIJN_LOKET)
    html = details_page(client)
    assert 'value="Griet Van Hool"' in html
    assert 'value="griet@example.be"' in html
    assert 'value="+32470998877"' in html


def test_without_the_consent_or_after_withdrawing_it_nothing_is_filled_in(client: Client) -> None:
    person = sign_in(client, "griet@example.be")
    person.name = "Griet Van Hool"
    person.save()
    assert "Griet Van Hool" not in details_page(client)
    consent_give(
        actor="citizen",
        person=person,
        purpose=ConsentPurpose.PREFILL,
        source=ConsentSource.MIJN_LOKET,
        now=timezone.now() - datetime.timedelta(days=3),
    )
    consent_withdraw(actor="citizen", person=person, purpose=ConsentPurpose.PREFILL, source=ConsentSource.MIJN_LOKET)
    html = details_page(client)
    assert "Griet Van Hool" not in html and "griet@example.be" not in html


def test_nobody_signed_in_gets_an_empty_form(client: Client) -> None:
    html = details_page(client)
    assert 'name="name"' in html and "griet" not in html.lower()

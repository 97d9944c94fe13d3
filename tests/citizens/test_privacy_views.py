"""The data-protection officer's pages: scoped to their organisations, every search on the record."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from loket.citizens.models import ConsentSource, ErasureStatus
from loket.citizens.retention import retention_run
from loket.citizens.services import erasure_request_create
from loket.core.audit import audit_log
from loket.core.models import AuditEntry
from loket.organisations.models import Role
from tests.citizens.privacy_helpers import NATIONAL_NUMBER, Town, make_contact, make_person, make_town
from tests.factories import staff_member

pytestmark = pytest.mark.django_db


def url(name: str, *args: object) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def town_a() -> Town:
    return make_town()


@pytest.fixture
def town_b() -> Town:
    return make_town()


@pytest.fixture
def dpo_a(town_a: Town):  # noqa: ANN201
    return staff_member(town_a.organisation, Role.DATA_PROTECTION, username="dpo-a")


def _entries(town: Town, person_name: str, count: int = 1) -> int:
    person = make_person(town, name=person_name, email=f"{person_name.lower()}@example.be")
    clerk = staff_member(town.organisation, Role.CLERK)
    for _ in range(count):
        audit_log(
            actor=clerk, action="person.read", obj=person, organisation_id=town.organisation.pk, person_id=person.pk
        )
    return person.pk


def test_the_officer_sees_only_entries_of_their_organisations(
    client: Client, town_a: Town, town_b: Town, dpo_a
) -> None:  # noqa: ANN001
    mine = _entries(town_a, "Annelies")
    theirs = _entries(town_b, "Bart")
    client.force_login(dpo_a)
    response = client.get(url("privacy-audit"))
    assert response.status_code == 200
    shown = {entry.person_id for entry in response.context["page"].object_list}
    assert mine in shown and theirs not in shown
    assert client.get(url("privacy-audit"), {"person": theirs}).context["page"].paginator.count == 0


def test_entries_about_a_person_the_organisation_knows_are_shown_whoever_wrote_them(
    client: Client,
    town_a: Town,
    town_b: Town,
    dpo_a,  # noqa: ANN001
) -> None:
    person_id = _entries(town_b, "Chris")
    from loket.citizens.models import PersonOrganisation

    PersonOrganisation.objects.create(person_id=person_id, organisation=town_a.organisation)
    client.force_login(dpo_a)
    page = client.get(url("privacy-audit"), {"person": person_id}).context["page"]
    assert page.paginator.count == 1


def test_a_search_by_national_number_uses_the_lookup_hash(client: Client, town_a: Town, dpo_a) -> None:  # noqa: ANN001
    person = make_person(town_a, national_number=NATIONAL_NUMBER)
    audit_log(actor="system", action="person.update", obj=person, person_id=person.pk)
    _entries(town_a, "Other")
    client.force_login(dpo_a)
    page = client.get(url("privacy-audit"), {"national_number": "85.07.30-033.28"}).context["page"]
    assert [entry.person_id for entry in page.object_list] == [person.pk]
    record = AuditEntry.objects.filter(action="audit.search").latest("pk")
    assert record.changes["filters"] == {"national_number": "given"}  # never the number itself
    assert NATIONAL_NUMBER not in str(record.changes)


def test_an_invalid_national_number_is_explained_next_to_the_field(client: Client, dpo_a) -> None:  # noqa: ANN001
    client.force_login(dpo_a)
    response = client.get(url("privacy-audit"), {"national_number": "12345"})
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_every_search_is_itself_audited(client: Client, town_a: Town, dpo_a) -> None:  # noqa: ANN001
    _entries(town_a, "Dirk")
    client.force_login(dpo_a)
    client.get(url("privacy-audit"), {"actor": "system", "action": "person."})
    record = AuditEntry.objects.get(action="audit.search")
    assert record.actor == dpo_a and record.organisation_id == town_a.organisation.pk
    assert record.changes["filters"] == {"actor": "system", "action": "person."}


def test_filters_by_actor_action_object_and_dates(client: Client, town_a: Town, dpo_a) -> None:  # noqa: ANN001
    person_id = _entries(town_a, "Els", count=3)
    client.force_login(dpo_a)
    today = timezone.localdate().isoformat()
    assert (
        client.get(url("privacy-audit"), {"object": f"citizens.person:{person_id}"}).context["page"].paginator.count
        == 3
    )
    assert client.get(url("privacy-audit"), {"action": "contact."}).context["page"].paginator.count == 0
    assert (
        client.get(url("privacy-audit"), {"date_from": today, "date_to": today, "action": "person.read"})
        .context["page"]
        .paginator.count
        == 3
    )
    assert client.get(url("privacy-audit"), {"date_to": "2000-01-01"}).context["page"].paginator.count == 0


def test_staff_who_are_not_the_officer_get_403(client: Client, town_a: Town) -> None:
    client.force_login(staff_member(town_a.organisation, Role.MANAGER, Role.BACK_OFFICE, Role.ADMIN))
    for name in ("privacy-home", "privacy-audit", "privacy-erasures", "privacy-retention"):
        assert client.get(url(name)).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(client: Client) -> None:
    response = client.get(url("privacy-audit"))
    assert response.status_code == 302 and response["Location"].startswith(url("staff-login"))


def test_the_search_list_costs_the_same_queries_for_10_or_60_entries(
    client: Client,
    town_a: Town,
    dpo_a,
    django_assert_max_num_queries,  # noqa: ANN001
) -> None:
    client.force_login(dpo_a)
    _entries(town_a, "Few", count=10)
    client.get(url("privacy-audit"))  # the session's first page
    with django_assert_max_num_queries(12) as few:
        client.get(url("privacy-audit"))
    _entries(town_a, "Many", count=50)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("privacy-audit"))
    assert len(response.context["page"].object_list) == 50


def test_the_officer_handles_an_erasure_request_on_the_form(client: Client, town_a: Town, dpo_a) -> None:  # noqa: ANN001
    person = make_person(town_a)
    make_contact(town_a, at=timezone.now(), person=person)
    erasure = erasure_request_create(actor="citizen", person=person, source=ConsentSource.MIJN_LOKET)
    client.force_login(dpo_a)
    listing = client.get(url("privacy-erasures"))
    assert f'href="{url("privacy-erasure-handle", erasure.pk)}"' in listing.content.decode()
    form = client.get(url("privacy-erasure-handle", erasure.pk))
    assert "Jan Peeters" in form.content.decode()
    assert AuditEntry.objects.filter(action="person.read", actor=dpo_a, person_id=person.pk).exists()

    refused = client.post(url("privacy-erasure-handle", erasure.pk), {"decision": "refuse", "reason": ""})
    assert refused.status_code == 400
    assert "Write why the request is refused" in refused.content.decode()

    done = client.post(url("privacy-erasure-handle", erasure.pk), {"decision": "erase", "reason": ""})
    assert done.status_code == 302
    erasure.refresh_from_db()
    assert erasure.status == ErasureStatus.DONE and erasure.erased["counts"]["contacts"] == 1
    page = client.get(done["Location"]).content.decode()
    assert "What was erased" in page and "Jan Peeters" not in page


def test_the_officer_of_another_organisation_cannot_open_the_request(
    client: Client, town_a: Town, town_b: Town
) -> None:
    erasure = erasure_request_create(actor="citizen", person=make_person(town_a), source=ConsentSource.MIJN_LOKET)
    client.force_login(staff_member(town_b.organisation, Role.DATA_PROTECTION))
    assert client.get(url("privacy-erasure-handle", erasure.pk)).status_code == 404
    assert client.post(url("privacy-erasure-handle", erasure.pk), {"decision": "erase"}).status_code == 404
    assert url("privacy-erasure-handle", erasure.pk) not in client.get(url("privacy-erasures")).content.decode()


def test_the_retention_page_shows_the_periods_and_the_last_run(client: Client, town_a: Town, dpo_a, settings) -> None:  # noqa: ANN001
    client.force_login(dpo_a)
    assert "has not run yet" in client.get(url("privacy-retention")).content.decode()
    make_contact(town_a, at=timezone.now() - timezone.timedelta(days=settings.LOKET_RETENTION_DAYS["contacts"] + 1))
    retention_run()
    page = client.get(url("privacy-retention")).content.decode()
    assert f"{settings.LOKET_RETENTION_DAYS['contacts']} days after the contact" in page
    assert "Contacts (calls, e-mails, visits): 1" in page

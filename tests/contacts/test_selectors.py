"""Reads of contacts and requests: scoped to who works them, few queries, the citizen only their own."""

from __future__ import annotations

import datetime

import pytest

from loket.citizens.models import Person
from loket.contacts import selectors, services
from loket.contacts.models import RequestEventKind, RequestStatus
from loket.core.errors import NotFound
from loket.core.models import AuditEntry
from tests.contacts.helpers import FRIDAY, NOW, World

pytestmark = pytest.mark.django_db
LATER = FRIDAY + datetime.timedelta(days=60)


def later(minutes: int) -> datetime.datetime:
    return NOW + datetime.timedelta(minutes=minutes)


def test_a_contact_is_seen_by_its_organisation_and_the_centre_that_registered_it(world: World) -> None:
    contact = world.contact(actor=world.agent, organisation=world.city)
    assert selectors.contacts_recent(user=world.agent) == [contact]
    assert selectors.contacts_recent(user=world.reception) == [contact]
    assert selectors.contacts_recent(user=world.outsider) == []
    with pytest.raises(NotFound):
        selectors.contact_for_staff(user=world.outsider, pk=contact.pk)


def test_the_work_list_counts_every_tab(world: World) -> None:
    first = world.request()
    second = world.request(subject="Tweede")
    services.request_assign(actor=world.clerk, request=second, assignee=world.clerk)
    services.request_change_status(actor=world.clerk, request=second, status="in_progress")
    done = world.request(subject="Klaar")
    services.request_change_status(actor=world.clerk, request=done, status="done")
    work = selectors.department_work_list(user=world.clerk, department=world.building, tab="new", today=LATER)
    assert work.counts == {"new": 1, "mine": 1, "overdue": 2, "open": 2}
    assert work.requests == [first]
    mine = selectors.department_work_list(user=world.clerk, department=world.building, tab="mine", today=FRIDAY)
    assert mine.requests == [second]
    assert mine.counts["overdue"] == 0


def test_another_department_has_no_work_list_here(world: World) -> None:
    world.request()
    with pytest.raises(NotFound):
        selectors.department_work_list(user=world.other_clerk, department=world.building)
    with pytest.raises(NotFound):
        selectors.department_work_list(user=world.outsider, department=world.building)
    assert selectors.departments_for_staff(user=world.other_clerk) == [world.population]
    assert set(selectors.departments_for_staff(user=world.manager)) == {world.building, world.population}


def test_the_work_list_makes_three_queries_whatever_its_length(world: World, django_assert_max_num_queries) -> None:  # noqa: ANN001
    for number in range(12):
        request = world.request(subject=f"Aanvraag {number}")
        services.request_assign(actor=world.clerk, request=request, assignee=world.clerk)
    with django_assert_max_num_queries(3):
        work = selectors.department_work_list(user=world.clerk, department=world.building, tab="open", today=LATER)
        for row in work.requests:
            _ = (row.service and row.service.title, row.assignee and row.assignee.get_username())
    assert len(work.requests) == 12


def test_the_manager_sees_overdue_across_departments_in_few_queries(
    world: World,
    django_assert_max_num_queries,  # noqa: ANN001
) -> None:
    world.request()
    world.request(department=world.population, service=world.extract, subject="Uittreksel")
    with django_assert_max_num_queries(2):
        groups = selectors.requests_overdue_for_manager(user=world.manager, today=LATER)
        seen = [(group.department.pk, group.department.organisation.name, len(group.requests)) for group in groups]
    assert sorted(pk for pk, _org, _n in seen) == sorted([world.building.pk, world.population.pk])
    assert selectors.requests_overdue_for_manager(user=world.clerk, today=LATER) == []


def test_contacts_list_in_few_queries(world: World, django_assert_max_num_queries) -> None:  # noqa: ANN001
    for _number in range(8):
        world.contact(services=["omgevingsvergunning"])
    with django_assert_max_num_queries(4):
        contacts = selectors.contacts_recent(user=world.reception)
        for contact in contacts:
            _ = (
                contact.organisation.name,
                contact.agent and contact.agent.get_username(),
                list(contact.services.all()),
            )
    assert len(contacts) == 8


def test_request_detail_is_scoped_and_an_audited_read(world: World) -> None:
    request = world.request()
    found = selectors.request_for_staff(user=world.clerk, pk=request.pk)
    assert found == request
    assert AuditEntry.objects.filter(action="request.read", person_id=world.person.pk).count() == 1
    for stranger in (world.other_clerk, world.outsider, world.agent, world.reception):
        with pytest.raises(NotFound):
            selectors.request_for_staff(user=stranger, pk=request.pk)
    assert selectors.request_for_staff(user=world.manager, pk=request.pk) == request


def test_the_citizen_lists_only_their_own_requests(world: World) -> None:
    own = world.request()
    other = Person.objects.create(name="Iemand", email="iemand@example.be")
    assert selectors.citizen_requests(person=world.person) == [own]
    assert selectors.citizen_requests(person=other) == []


def test_a_person_cannot_get_another_persons_request_by_reference(world: World) -> None:
    request = world.request()
    other = Person.objects.create(name="Iemand", email="iemand@example.be")
    with pytest.raises(NotFound):
        selectors.citizen_request(person=other, reference=request.reference)
    with pytest.raises(NotFound):
        selectors.citizen_request(person=world.person, reference="AV-0000-0000")


def test_the_citizen_reads_no_internal_notes(world: World) -> None:
    request = world.request()
    services.request_note(actor=world.clerk, request=request, text="Intern: buurman klaagt", now=later(1))
    services.request_assign(actor=world.clerk, request=request, assignee=world.clerk, now=later(2))
    services.request_change_status(
        actor=world.clerk, request=request, status="waiting", reason="Stuur een plan", now=later(3)
    )
    services.request_message_to_citizen(actor=world.clerk, request=request, body="Graag een plan.", now=later(4))
    found = selectors.citizen_request(person=world.person, reference=request.reference.lower())
    kinds = [event.kind for event in found.events.all()]
    assert kinds == [RequestEventKind.CREATED, RequestEventKind.STATUS, RequestEventKind.MESSAGE_OUT]
    assert [m.body for m in found.messages.all()] == ["Graag een plan."]
    assert found.status == RequestStatus.WAITING


def test_citizen_request_makes_a_fixed_number_of_queries(world: World, django_assert_max_num_queries) -> None:  # noqa: ANN001
    request = world.request()
    for number in range(5):
        services.request_message_to_citizen(actor=world.clerk, request=request, body=f"Bericht {number}", now=NOW)
    with django_assert_max_num_queries(5):
        found = selectors.citizen_request(person=world.person, reference=request.reference)
        for message in found.messages.all():
            _ = list(message.attachments.all())
        _ = list(found.events.all()), list(found.attachments.all())

"""The queue's staff pages: the clerk's desk screen, reception's overview, and check-in at the desk."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from loket.appointments.models import AppointmentStatus
from loket.catalog.models import StaffSkill
from loket.organisations.models import Role
from loket.queueing.models import (
    CounterSession,
    CounterStatus,
    Queue,
    QueueKind,
    Ticket,
    TicketEvent,
    TicketEventKind,
    TicketSource,
    TicketStatus,
)
from loket.queueing.services import counter_open, ticket_call_next, ticket_issue, ticket_recall
from tests.appointments.test_staff_views import NOW as APPOINTMENT_NOW
from tests.appointments.test_staff_views import day_url, make_appointment, make_office
from tests.factories import DeskFactory, LocationFactory, ServiceFactory, staff_member
from tests.queueing.helpers import Hall, at, make_hall

pytestmark = pytest.mark.django_db

DESK = "queue-staff-desk"


@pytest.fixture
def hall(monkeypatch: pytest.MonkeyPatch) -> Iterator[Hall]:
    """The test town hall on Monday at 9:30, in English."""
    monkeypatch.setattr(timezone, "now", lambda: at(9, 30).astimezone(datetime.UTC))
    with translation.override("en"):
        yield make_hall()


def url(name: str, *args: object) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def reception_url(hall: Hall) -> str:
    return url("queue-staff-reception") + f"?location={hall.location.slug}"


def as_user(client: Client, user: object) -> Client:
    client.force_login(user)  # type: ignore[arg-type]
    return client


def flashed(response: object) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]  # type: ignore[attr-defined]


def open_desk(client: Client, hall: Hall, index: int, services: list) -> CounterSession:  # type: ignore[type-arg]
    as_user(client, hall.clerks[index])
    response = client.post(
        url("queue-staff-desk-open"),
        {"location": hall.location.slug, "desk": hall.desks[index].pk, "services": [s.pk for s in services]},
    )
    assert response.status_code == 302, response.content.decode()
    return CounterSession.objects.get(clerk=hall.clerks[index], status=CounterStatus.OPEN)


def event_kinds(ticket: Ticket) -> list[str]:
    return list(ticket.events.order_by("at", "pk").values_list("kind", flat=True))


# --- Access ------------------------------------------------------------------------------------


def test_the_queue_pages_need_a_login_and_a_queue_role(client: Client, hall: Hall) -> None:
    ticket = hall.issue()
    for page in (url(DESK), reception_url(hall), url("queue-staff-transfer", ticket.pk)):
        response = client.get(page)
        assert response.status_code == 302
        assert "/staff/login/" in response["Location"]
    assert client.post(url("queue-staff-desk-call")).status_code == 302
    # HTMX refreshing the numbers after the login ran out stops instead of showing the login page.
    assert client.get(url("queue-staff-desk-waiting"), headers={"HX-Request": "true"}).status_code == 286
    as_user(client, staff_member(hall.location.organisation, Role.CATALOGUE_EDITOR))
    assert client.get(url(DESK)).status_code == 403
    assert client.get(reception_url(hall)).status_code == 403
    assert client.post(url("queue-staff-start", ticket.pk)).status_code == 403
    as_user(client, hall.clerks[0])
    page = client.get(url(DESK))
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert client.get(url("queue-staff-desk-call")).status_code == 405  # every change is a POST


def test_another_organisations_location_desk_and_ticket_are_not_found(client: Client, hall: Hall) -> None:
    other = LocationFactory(closed_on_public_holidays=False)
    service = ServiceFactory(organisation=other.organisation, slug="elsewhere")
    queue = Queue.objects.create(location=other, slug="quick", name_en="Theirs", kind=QueueKind.QUICK, prefix="S")
    queue.services.set([service])
    desks = [DeskFactory(location=other, name="Their desk"), DeskFactory(location=other, name="Their other desk")]
    clerk = staff_member(other.organisation, Role.CLERK)
    StaffSkill.objects.create(user=clerk, service=service)
    theirs = ticket_issue(actor=clerk, queue=queue, service=service, now=at(9, 1))
    waiting = ticket_issue(actor=clerk, queue=queue, service=service, now=at(9, 2))
    ticket_call_next(actor=clerk, session=counter_open(actor=clerk, desk=desks[0], services=[service]), now=at(9, 5))
    as_user(client, hall.clerks[0])

    assert client.get(url("queue-staff-reception") + f"?location={other.slug}").status_code == 404
    assert client.get(url("queue-staff-reception-states") + f"?location={other.slug}").status_code == 404
    assert client.get(url(DESK) + f"?location={other.slug}").status_code == 404
    opened = client.post(
        url("queue-staff-desk-open"), {"location": other.slug, "desk": desks[1].pk, "services": [service.pk]}
    )
    assert opened.status_code == 404
    # The desk of another location is not a choice at one's own location either.
    mixed = client.post(
        url("queue-staff-desk-open"),
        {"location": hall.location.slug, "desk": desks[1].pk, "services": [hall.pickup.pk]},
    )
    assert mixed.status_code == 400
    for name in ("queue-staff-recall", "queue-staff-start", "queue-staff-finish", "queue-staff-no-show"):
        assert client.post(url(name, theirs.pk)).status_code == 404
    for name in ("queue-staff-assisted", "queue-staff-return", "queue-staff-transfer"):
        assert client.post(url(name, waiting.pk), {"assisted": "1", "to": f"desk:{desks[1].pk}"}).status_code == 404
    assert client.get(url("queue-staff-transfer", waiting.pk)).status_code == 404
    assert client.post(url("queue-staff-issue", other.slug), {"what": f"{queue.pk}:{service.pk}"}).status_code == 404

    assert not CounterSession.objects.filter(clerk=hall.clerks[0]).exists()
    theirs.refresh_from_db()
    waiting.refresh_from_db()
    assert theirs.status == TicketStatus.CALLED and theirs.recalls == 0
    assert waiting.status == TicketStatus.WAITING and not waiting.assisted and waiting.target_desk is None
    assert Ticket.objects.filter(queue=queue).count() == 2


# --- The clerk's desk --------------------------------------------------------------------------


def test_a_clerk_opens_a_desk_with_the_services_of_their_skills_ticked(client: Client, hall: Hall) -> None:
    clerk = staff_member(hall.location.organisation, Role.CLERK)
    for service in (hall.pickup, hall.bags):
        StaffSkill.objects.create(user=clerk, service=service)
    as_user(client, clerk)

    page = client.get(url(DESK))
    assert page.status_code == 200
    form = page.context["form"]
    assert set(form.initial["services"]) == {hall.pickup.pk, hall.bags.pk}
    assert {s.pk for s in form.fields["services"].queryset} == {hall.pickup.pk, hall.bags.pk}  # not civil status
    html = page.content.decode()
    assert "Collect a passport" in html and "Civil status" not in html.split("<form")[-1].split("</form>")[0]

    refused = client.post(
        url("queue-staff-desk-open"),
        {"location": hall.location.slug, "desk": hall.desks[0].pk, "services": [hall.civil.pk]},
    )
    assert refused.status_code == 400
    assert "You can only serve the services you are skilled for." in refused.content.decode()
    assert not CounterSession.objects.filter(clerk=clerk).exists()

    nothing = client.post(url("queue-staff-desk-open"), {"location": hall.location.slug, "desk": hall.desks[0].pk})
    assert nothing.status_code == 400
    assert "Choose at least one service you serve today." in nothing.content.decode()

    done = client.post(
        url("queue-staff-desk-open"),
        {"location": hall.location.slug, "desk": hall.desks[0].pk, "services": [hall.bags.pk]},
    )
    assert done.status_code == 302 and done["Location"] == url(DESK)
    session = CounterSession.objects.get(clerk=clerk)
    assert list(session.services.all()) == [hall.bags]
    screen = client.get(url(DESK))
    assert screen.status_code == 200
    assert "Call next" in screen.content.decode()
    # The desk is now taken: another clerk sees who has it and cannot open it.
    as_user(client, hall.clerks[1])
    other = client.get(url(DESK)).content.decode()
    assert f"{hall.desks[0].name} (open:" in other
    taken = client.post(
        url("queue-staff-desk-open"),
        {"location": hall.location.slug, "desk": hall.desks[0].pk, "services": [hall.pickup.pk]},
    )
    assert taken.status_code == 400
    assert "Someone else works at this desk now." in taken.content.decode()


def test_call_start_and_finish_by_posts_record_the_events_and_a_reload_repeats_nothing(
    client: Client, hall: Hall
) -> None:
    ticket = hall.issue(now=at(9, 10))
    session = open_desk(client, hall, 0, [hall.pickup, hall.bags])
    assert "1</span> person waits for your desk" in client.get(url(DESK)).content.decode()
    count = client.get(url("queue-staff-desk-waiting"), headers={"HX-Request": "true"})
    assert count.status_code == 200 and "1</span> person waits for your desk" in count.content.decode()

    called = client.post(url("queue-staff-desk-call"))
    assert called.status_code == 302 and called["Location"] == url(DESK)
    screen = client.get(url(DESK))
    html = screen.content.decode()
    assert f'<p class="ticket-code">{ticket.code}</p>' in html
    assert "Collect a passport" in html and "Quick counter" in html
    assert "20 minutes (ticket taken at 09:10)" in html
    assert screen.context["finish_form"].initial["services"] == [hall.pickup.pk]

    again = client.post(url("queue-staff-desk-call"))  # a reload of "call next": refused, nobody else called
    assert "Finish or transfer the current ticket first." in flashed(again)
    assert client.post(url("queue-staff-start", ticket.pk)).status_code == 302
    finished = client.post(url("queue-staff-finish", ticket.pk), {"services": [hall.pickup.pk, hall.bags.pk]})
    assert finished.status_code == 302
    assert f"{ticket.code} is served." in flashed(finished)
    repeat = client.post(url("queue-staff-finish", ticket.pk), {"services": [hall.pickup.pk]})
    assert "This ticket is not at your desk." in flashed(repeat)

    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.DONE
    assert set(ticket.delivered_services.all()) == {hall.pickup, hall.bags}
    assert event_kinds(ticket) == ["issued", "called", "started", "finished"]
    assert set(ticket.events.exclude(kind="issued").values_list("desk_id", flat=True)) == {session.desk_id}
    assert set(ticket.events.exclude(kind="issued").values_list("actor_id", flat=True)) == {hall.clerks[0].pk}
    nobody = client.post(url("queue-staff-desk-call"), follow=True)
    assert "Nobody is waiting for your desk right now." in nobody.content.decode()
    assert "1 served today" in nobody.content.decode()


def test_pause_resume_and_close_the_desk(client: Client, hall: Hall) -> None:
    hall.issue()
    session = open_desk(client, hall, 0, [hall.pickup])
    paused = client.post(url("queue-staff-desk-pause"), {"paused": "1"}, follow=True)
    assert "Your desk is paused: nobody is called." in paused.content.decode()
    refused = client.post(url("queue-staff-desk-call"))
    assert "Your desk is paused. Take up work again to call." in flashed(refused)
    assert not Ticket.objects.filter(status=TicketStatus.CALLED).exists()
    client.post(url("queue-staff-desk-pause"), {"paused": "0"})
    ticket = Ticket.objects.get()
    client.post(url("queue-staff-desk-call"))
    busy = client.post(url("queue-staff-desk-close"))
    assert "Finish or transfer the current ticket first." in flashed(busy)
    client.post(url("queue-staff-finish", ticket.pk))
    closed = client.post(url("queue-staff-desk-close"), follow=True)
    session.refresh_from_db()
    assert session.status == CounterStatus.CLOSED
    assert "Open the desk" in closed.content.decode()


def test_a_transfer_with_a_note_is_called_by_the_next_desk_which_sees_the_note(client: Client, hall: Hall) -> None:
    ticket = hall.issue(now=at(9, 5))
    open_desk(client, hall, 0, [hall.pickup])
    client.post(url("queue-staff-desk-call"))
    client.post(url("queue-staff-start", ticket.pk))
    wrong = client.post(url("queue-staff-transfer", ticket.pk), {"to": f"queue:{hall.theme.pk}", "note": "x"})
    assert wrong.status_code == 400  # a theme queue needs the service the citizen needs there
    assert "Choose the service the citizen needs in that queue." in wrong.content.decode()
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.SERVING and ticket.queue == hall.quick
    sent = client.post(
        url("queue-staff-transfer", ticket.pk),
        {
            "to": f"queue:{hall.theme.pk}",
            "service": hall.civil.pk,
            "note": "Needs a birth certificate of the child",
            "next": url(DESK),
        },
    )
    assert sent.status_code == 302 and sent["Location"] == url(DESK)
    assert f"{ticket.code} is sent to Civil status." in flashed(sent)

    open_desk(client, hall, 1, [hall.civil])
    client.post(url("queue-staff-desk-call"))
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CALLED and ticket.desk == hall.desks[1]
    assert ticket.code == "S001" and ticket.queue == hall.theme and ticket.service == hall.civil
    html = client.get(url(DESK)).content.decode()
    assert "Sent by Loket 1" in html
    assert "Needs a birth certificate of the child" in html
    assert event_kinds(ticket) == ["issued", "called", "started", "transferred", "called"]


def test_did_not_come_only_after_the_recalls_and_reception_puts_it_back(client: Client, hall: Hall) -> None:
    ticket = hall.issue()
    open_desk(client, hall, 0, [hall.pickup])
    client.post(url("queue-staff-desk-call"))
    html = client.get(url(DESK)).content.decode()
    assert 'disabled aria-describedby="no-show-hint"' in html
    assert "possible after you call again 2 more times" in html
    early = client.post(url("queue-staff-no-show", ticket.pk))
    assert "Call the ticket again first: 2 more times." in flashed(early)
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CALLED
    for _ in range(2):
        client.post(url("queue-staff-recall", ticket.pk))
    html = client.get(url(DESK)).content.decode()
    assert "Call again (2)" in html and "no-show-hint" not in html
    done = client.post(url("queue-staff-no-show", ticket.pk))
    assert done.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.NO_SHOW

    as_user(client, hall.receptionist)
    page = client.get(reception_url(hall))
    assert [t.pk for t in page.context["no_shows"]] == [ticket.pk]
    assert "Came after all" in page.content.decode()
    back = client.post(url("queue-staff-return", ticket.pk), {"next": reception_url(hall)})
    assert back.status_code == 302 and back["Location"] == reception_url(hall)
    assert f"{ticket.code} is back in line at its old place." in flashed(back)
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.WAITING
    assert event_kinds(ticket)[-2:] == ["no_show", "returned"]
    twice = client.post(url("queue-staff-return", ticket.pk))
    assert 'Only a ticket marked "did not come" can be put back in line.' in flashed(twice)


# --- Reception ---------------------------------------------------------------------------------


def test_the_reception_overview_shows_counts_longest_wait_and_desks(client: Client, hall: Hall) -> None:
    hall.issue(now=at(9))
    hall.issue(now=at(9, 12))
    hall.issue(hall.theme, now=at(9, 20))
    hall.open_desk(0, [hall.pickup])
    as_user(client, hall.receptionist)
    page = client.get(reception_url(hall))
    assert page.status_code == 200
    states = {state.queue.slug: state for state in page.context["states"]}
    assert states["quick"].waiting == 2 and states["quick"].longest_wait_minutes == 30
    assert states["quick"].open_desks == 1 and states["quick"].estimate_minutes is not None
    assert states["civil"].waiting == 1 and states["civil"].open_desks == 0
    html = page.content.decode()
    assert "30 min" in html and "1 (0 busy)" in html and "no desk open" in html
    assert 'hx-trigger="every 5s"' in html and "Refresh" in html
    assert [ticket.code for ticket, _ in page.context["waiting"]] == ["S001", "S002", "B001"]

    part = client.get(url("queue-staff-reception-states") + f"?location={hall.location.slug}")
    assert part.status_code == 200
    assert "<html" not in part.content.decode() and "30 min" in part.content.decode()


def test_reception_gives_a_ticket_and_shows_its_number_once(client: Client, hall: Hall) -> None:
    as_user(client, hall.receptionist)
    issue = url("queue-staff-issue", hall.location.slug)
    bad = client.post(issue, {"what": f"{hall.quick.pk}:{hall.pickup.pk}", "language": "fr", "phone": "12"})
    assert bad.status_code == 400
    assert not Ticket.objects.exists()
    assert 'class="field field-error"' in bad.content.decode()
    missing = client.post(issue, {"what": "", "language": "fr"})
    assert missing.status_code == 400 and "Choose what the person comes for." in missing.content.decode()

    done = client.post(
        issue,
        {
            "what": f"{hall.quick.pk}:{hall.pickup.pk}",
            "language": "fr",
            "phone": "0470 12 34 56",
            "assisted": "on",
            "note": "Wheelchair",
        },
    )
    assert done.status_code == 302 and done["Location"] == reception_url(hall)
    ticket = Ticket.objects.get()
    assert (ticket.code, ticket.source, ticket.language, ticket.assisted) == (
        "S001",
        TicketSource.RECEPTION,
        "fr",
        True,
    )
    assert ticket.phone == "+32470123456" and ticket.note == "Wheelchair"
    shown = client.get(reception_url(hall)).content.decode()
    assert "Give this number to the person" in shown and '<p class="ticket-code">S001</p>' in shown
    assert "Give this number to the person" not in client.get(reception_url(hall)).content.decode()

    general = client.post(issue, {"what": f"{hall.reception.pk}:", "language": "nl"})
    assert general.status_code == 302
    question = Ticket.objects.get(queue=hall.reception)
    assert question.code == "O001" and question.service is None
    # A service the queue does not serve is not a choice.
    odd = client.post(issue, {"what": f"{hall.theme.pk}:{hall.pickup.pk}", "language": "nl"})
    assert odd.status_code == 400
    assert Ticket.objects.count() == 2


def test_the_assisted_mark_is_set_at_reception_and_shown_at_the_desk(client: Client, hall: Hall) -> None:
    first = hall.issue(now=at(9))
    second = hall.issue(now=at(9, 5))
    as_user(client, hall.receptionist)
    marked = client.post(url("queue-staff-assisted", second.pk), {"assisted": "1", "next": reception_url(hall)})
    assert marked.status_code == 302
    second.refresh_from_db()
    assert second.assisted
    page = client.get(reception_url(hall))
    assert [t.code for t, _ in page.context["waiting"]] == ["S002", "S001"]  # called before other walk-ins
    assert "Remove help mark" in page.content.decode()

    open_desk(client, hall, 0, [hall.pickup])
    client.post(url("queue-staff-desk-call"))
    html = client.get(url(DESK)).content.decode()
    assert '<p class="ticket-code">S002</p>' in html and '<span class="badge-assisted">Needs help</span>' in html
    first.refresh_from_db()
    assert first.status == TicketStatus.WAITING


def test_reception_re_routes_a_waiting_ticket_to_one_desk_with_a_note(client: Client, hall: Hall) -> None:
    ticket = hall.issue()
    as_user(client, hall.receptionist)
    form = client.get(url("queue-staff-transfer", ticket.pk) + "?next=" + reception_url(hall))
    assert form.status_code == 200
    done = client.post(
        url("queue-staff-transfer", ticket.pk),
        {"to": f"desk:{hall.desks[2].pk}", "note": "Asked for Karim", "next": reception_url(hall)},
    )
    assert done.status_code == 302 and done["Location"] == reception_url(hall)
    ticket.refresh_from_db()
    assert ticket.target_desk == hall.desks[2] and ticket.note == "Asked for Karim"
    assert "For Loket 3 only" in client.get(reception_url(hall)).content.decode()
    open_desk(client, hall, 0, [hall.pickup])
    client.post(url("queue-staff-desk-call"))
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.WAITING  # Loket 1 may not call it
    open_desk(client, hall, 2, [hall.pickup])
    client.post(url("queue-staff-desk-call"))
    ticket.refresh_from_db()
    assert ticket.desk == hall.desks[2]


def test_query_counts_of_the_overview_and_the_desk_do_not_grow_with_the_tickets(
    client: Client, hall: Hall, django_assert_max_num_queries
) -> None:  # noqa: ANN001
    session = hall.open_desk(0, [hall.pickup, hall.bags, hall.civil])
    for n in range(40):
        queue = (hall.quick, hall.theme, hall.reception)[n % 3]
        ticket = hall.issue(queue, actor=hall.receptionist, now=at(9, n % 30), assisted=n % 7 == 0, note=f"n{n}")
        if n % 10 == 0:
            ticket.target_desk = hall.desks[1]
            ticket.save()
    called = ticket_call_next(actor=hall.clerks[0], session=session, now=at(9, 29))
    assert called is not None
    ticket_recall(actor=hall.clerks[0], ticket=called, now=at(9, 29))
    as_user(client, hall.receptionist)
    with django_assert_max_num_queries(27):
        page = client.get(reception_url(hall))
    assert len(page.context["waiting"]) == 39
    as_user(client, hall.clerks[0])
    with django_assert_max_num_queries(15):
        desk = client.get(url(DESK))
    assert desk.context["current"] == called


# --- Check-in of an appointment at the desk ----------------------------------------------------


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> datetime.datetime:
    monkeypatch.setattr(timezone, "now", lambda: APPOINTMENT_NOW.astimezone(datetime.UTC))
    return APPOINTMENT_NOW


def test_staff_check_in_gives_a_queue_ticket_and_says_its_number(client: Client, clock) -> None:  # noqa: ANN001
    office = make_office()
    queue = Queue.objects.create(
        location=office.location, slug="id", name_en="Identity", kind=QueueKind.THEME, prefix="I"
    )
    queue.services.set([office.service])
    appointment = make_appointment(office, office.at(clock.date(), 10, 45))
    as_user(client, staff_member(office.location.organisation, Role.RECEPTION))
    with translation.override("en"):
        back = day_url(office, clock.date())
    response = client.post(url("appointments-staff-check-in", appointment.reference), {"next": back})
    assert response.status_code == 302 and response["Location"] == back
    ticket = Ticket.objects.get()
    assert (ticket.appointment, ticket.queue, ticket.code) == (appointment, queue, "I001")
    assert ticket.source == TicketSource.APPOINTMENT and ticket.due_at == appointment.start
    assert flashed(response) == [
        f"An Peeters ({appointment.reference}) is checked in, on time. Give them ticket number I001."
    ]
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CHECKED_IN
    again = client.post(url("appointments-staff-check-in", appointment.reference), {"next": back})
    assert "already checked in" in flashed(again)[-1]
    assert Ticket.objects.count() == 1
    assert TicketEvent.objects.filter(kind=TicketEventKind.ISSUED).count() == 1


def test_check_in_from_the_day_view_marks_late_and_on_time(client: Client, clock) -> None:  # noqa: ANN001
    office = make_office()
    today = clock.date()
    early_bird = make_appointment(office, office.at(today, 10, 45), email="a@example.be")
    latecomer = make_appointment(office, office.at(today, 10), email="b@example.be")
    as_user(client, staff_member(office.location.organisation, Role.RECEPTION))
    with translation.override("en"):
        back = day_url(office, today)
    page = client.get(back).content.decode()
    assert f'action="{url("appointments-staff-check-in", early_bird.reference)}"' in page

    for appointment in (early_bird, latecomer):
        response = client.post(url("appointments-staff-check-in", appointment.reference), {"next": back})
        assert response.status_code == 302
        assert response["Location"] == back

    early_bird.refresh_from_db()
    latecomer.refresh_from_db()
    assert early_bird.status == latecomer.status == AppointmentStatus.CHECKED_IN
    assert not early_bird.arrived_late
    assert latecomer.arrived_late
    assert not Ticket.objects.exists()  # this location runs no walk-in queue: checked in without a ticket
    page = client.get(back).content.decode()
    assert "Checked in on time" in page
    assert "Checked in late" in page


def test_check_in_is_a_post_and_not_for_another_organisation(client: Client, clock) -> None:  # noqa: ANN001
    office = make_office()
    appointment = make_appointment(office, office.at(clock.date(), 11))
    check_in = url("appointments-staff-check-in", appointment.reference)
    as_user(client, staff_member(office.location.organisation, Role.RECEPTION))
    assert client.get(check_in).status_code == 405
    as_user(client, staff_member(make_office().location.organisation, Role.RECEPTION))
    assert client.post(check_in).status_code == 404
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.BOOKED

"""Two clerks and a receptionist work the walk-in queue in a real browser, by keyboard.

At nine o'clock the waiting room is full. A clerk opens her desk (her services ticked from her
skills), calls the next ticket, starts, and sends it to the civil-status queue with a note; a
second clerk, in a second browser, calls it, reads the note, and finishes. Everything by
keyboard: after each step the cursor stands on the next likely action. axe-core checks the desk
screen and the reception overview against WCAG 2.1 A/AA in Dutch, French and English.
Screenshots land in test-artifacts/ for people to look at.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from loket.catalog.models import StaffSkill
from loket.queueing.models import Ticket, TicketStatus
from loket.queueing.services import counter_open, ticket_call_next, ticket_issue
from tests.browser.conftest import assert_no_axe_violations, focused, log_in, screenshot, tab_to
from tests.queueing.helpers import Hall, make_hall

pytestmark = pytest.mark.django_db(transaction=True)
NOTE = "Needs a birth certificate for the child"


@pytest.fixture
def full_hall() -> Hall:
    """The test town hall with a full waiting room: two desks busy, 30 tickets over the last 45 minutes.

    Clerk 0 serves the quick counter (passports, waste bags), clerk 1 civil status. The first
    waiting ticket needs help (S003), so it is the one clerk 0 calls first.
    """
    hall = make_hall(desks=4)
    StaffSkill.objects.filter(user=hall.clerks[0], service=hall.civil).delete()
    StaffSkill.objects.filter(user=hall.clerks[1], service__in=[hall.pickup, hall.bags]).delete()
    now = timezone.now()
    # Two other desks are already at work, with S001 and S002.
    for index in (2, 3):
        ticket_issue(
            actor=hall.receptionist, queue=hall.quick, service=hall.pickup, now=now - datetime.timedelta(hours=1)
        )
        session = counter_open(actor=hall.clerks[index], desk=hall.desks[index], services=[hall.pickup, hall.bags])
        ticket_call_next(actor=hall.clerks[index], session=session)
    for n in range(30):
        queue, service = [(hall.quick, hall.pickup), (hall.quick, hall.bags), (hall.theme, hall.civil)][n % 3]
        if n % 10 == 9:
            queue, service = hall.reception, None
        ticket_issue(
            actor=hall.receptionist,
            queue=queue,
            service=service,
            language=("nl", "fr", "en")[n % 3],
            assisted=n == 0,
            note="Hard of hearing" if n == 0 else "",
            now=now - datetime.timedelta(minutes=45 - n * 1.5),
        )
    return hall


def open_my_desk(page, lang: str) -> None:  # noqa: ANN001
    tab_to(page, f"header a[href='/{lang}/staff/queue/']")
    page.keyboard.press("Enter")
    page.wait_for_selector("form.open-desk")
    assert focused(page, "#id_desk")  # the cursor starts on the desk; the services are already ticked
    tab_to(page, "form.open-desk button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".call-button")
    assert focused(page, ".call-button")


def test_a_clerk_transfers_with_a_note_and_a_second_clerk_finishes_it_by_keyboard(
    page,  # noqa: ANN001
    browser,  # noqa: ANN001
    live_server,  # noqa: ANN001
    full_hall: Hall,
) -> None:
    hall = full_hall
    log_in(page, hall.clerks[0].username, "en")
    open_my_desk(page, "en")
    assert (
        page.locator("#desk-waiting").inner_text().startswith("21 ")
    )  # quick counter and reception's general questions
    assert_no_axe_violations(page)
    screenshot(page, "queue-desk-open-en")

    page.keyboard.press("Enter")  # Call next
    page.wait_for_selector(".ticket-code")
    assert page.locator(".ticket-code").inner_text() == "S003"
    assert page.locator(".current-ticket .badge-assisted").is_visible()
    assert "Hard of hearing" in page.locator(".ticket-note").inner_text()
    assert focused(page, "form[action$='/start/'] button")
    assert_no_axe_violations(page)
    screenshot(page, "queue-desk-called-en")

    page.keyboard.press("Enter")  # Start
    page.wait_for_selector("form.finish-form")
    assert focused(page, "form.finish-form button[type=submit]")
    screenshot(page, "queue-desk-serving-en")

    tab_to(page, "#transfer-to")
    page.keyboard.type("Civil")  # a select answers to typing
    assert page.locator("#transfer-to").input_value() == f"queue:{hall.theme.pk}"
    page.keyboard.press("Tab")
    page.keyboard.type("Civil")
    assert page.locator("#transfer-service").input_value() == str(hall.civil.pk)
    page.keyboard.press("Tab")
    page.keyboard.type(NOTE)
    page.keyboard.press("Tab")
    assert focused(page, "form.transfer-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".call-button")
    assert "S003 is sent to Civil status." in page.locator(".messages").inner_text()

    ticket = Ticket.objects.get(code="S003")
    assert ticket.queue == hall.theme and ticket.status == TicketStatus.WAITING and ticket.note == NOTE

    # The second clerk, at another computer.
    other = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    try:
        second = other.new_page()
        second.set_default_timeout(10_000)
        log_in(second, hall.clerks[1].username, "en")
        open_my_desk(second, "en")
        second.keyboard.press("Enter")  # Call next
        second.wait_for_selector(".ticket-code")
        assert second.locator(".ticket-code").inner_text() == "S003"
        note = second.locator(".ticket-note").inner_text()
        assert "Sent by Loket 1" in note and NOTE in note
        screenshot(second, "queue-desk-transferred-en")
        second.keyboard.press("Enter")  # Start
        second.wait_for_selector("form.finish-form")
        assert second.locator("form.finish-form input[type=checkbox]:checked").count() == 1  # civil status
        second.keyboard.press("Enter")  # Finish
        second.wait_for_selector(".call-button")
        assert "S003 is served." in second.locator(".messages").inner_text()
    finally:
        other.close()

    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.DONE
    assert list(ticket.delivered_services.all()) == [hall.civil]
    kinds = list(ticket.events.order_by("at", "pk").values_list("kind", flat=True))
    assert kinds == ["issued", "called", "started", "transferred", "called", "started", "finished"]


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_the_desk_screen_and_the_reception_overview_pass_axe(page, full_hall: Hall, lang: str) -> None:  # noqa: ANN001
    hall = full_hall
    log_in(page, hall.receptionist.username, lang)
    tab_to(page, f"header a[href='/{lang}/staff/queue/reception/']")
    page.keyboard.press("Enter")
    page.wait_for_selector("#queue-states")
    assert page.locator(".waiting-table tbody tr").count() == 30
    assert_no_axe_violations(page)
    screenshot(page, f"queue-reception-{lang}")

    # Give a ticket by keyboard: what for, language, and the number to hand over.
    tab_to(page, "#issue-what")
    page.keyboard.press("ArrowDown")  # the first service of the first queue
    tab_to(page, "form.issue-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".issued-ticket")
    assert page.locator(".issued-ticket .ticket-code").inner_text() == Ticket.objects.latest("pk").code
    assert_no_axe_violations(page)
    screenshot(page, f"queue-reception-issued-{lang}")

    # The receptionist opens a desk too (reception serves everything she is skilled for).
    for service in (hall.pickup, hall.bags):
        StaffSkill.objects.create(user=hall.receptionist, service=service)
    page.goto(f"/{lang}/staff/queue/")
    page.wait_for_selector("form.open-desk")
    assert_no_axe_violations(page)
    screenshot(page, f"queue-open-desk-{lang}")
    page.locator("form.open-desk button[type=submit]").press("Enter")
    page.wait_for_selector(".call-button")
    page.keyboard.press("Enter")
    page.wait_for_selector(".ticket-code")
    assert_no_axe_violations(page)
    screenshot(page, f"queue-desk-called-{lang}")

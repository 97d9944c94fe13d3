"""An agent logs a call in French and hands a request over; a back-office clerk answers; by keyboard only.

The agent of the regional contact centre takes a call for the city: chooses the city, searches the
catalogue beside the form and opens the service's sheet, then hands over a request with one
keystroke (Alt+H) and enters the caller. The building department's clerk opens the work list,
assigns the request to herself, changes its status and writes to the citizen. axe-core checks every
page against WCAG 2.1 A/AA, and every staff page is looked at in Dutch, French and English.
Screenshots land in test-artifacts/ (and /tmp/shots-contacts/ when that folder exists).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.utils import translation

from loket.contacts.models import Contact, Request, RequestStatus
from loket.notifications.models import OutboxMessage
from tests.browser.conftest import assert_no_axe_violations, focused, log_in, press_enter_and_wait, screenshot, tab_to
from tests.contacts.helpers import World, make_world

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = Path("/tmp/shots-contacts")  # noqa: S108 - a folder for people to look at, when it exists


@pytest.fixture
def world() -> World:
    with translation.override("en"):
        return make_world()


def shot(page, name: str) -> None:  # noqa: ANN001
    path = screenshot(page, name)
    if SHOTS.is_dir():
        shutil.copy(path, SHOTS / path.name)


def test_agent_hands_over_in_french_and_the_clerk_answers(page, browser, live_server, world: World) -> None:  # noqa: ANN001
    log_in(page, "agent", "fr")
    page.goto("/fr/staff/contacts/")
    assert focused(page, "#id_channel")  # the first field has the focus
    assert_no_axe_violations(page)
    shot(page, "contacts-agent-fr")

    # The channel is "phone" already; Tab to the organisation and choose the city by typing.
    page.keyboard.press("Tab")
    assert focused(page, "#id_organisation")
    page.keyboard.type(world.city.name_fr[:6])
    assert page.locator("#id_organisation").input_value() == str(world.city.pk)
    tab_to(page, "#id_summary")
    page.keyboard.type("Veranda bouwen: vergunning nodig?")

    # The catalogue beside the form: Alt+K, type, the results come while typing.
    page.keyboard.press("Alt+k")
    assert focused(page, "#catalogue-q")
    page.keyboard.type("permis")
    page.wait_for_selector("#catalogue-results a")
    tab_to(page, "#catalogue-results a")
    page.keyboard.press("Enter")
    page.wait_for_selector("#service-sheet input[name=services]")
    assert "Permis" in page.locator("#sheet-heading").inner_text()
    assert_no_axe_violations(page)
    shot(page, "contacts-agent-sheet-fr")

    # Who called: a new person, entered on the spot.
    tab_to(page, "#who details > summary")
    page.keyboard.press("Enter")
    tab_to(page, "#id_person_name")
    page.keyboard.type("Claire Dubois")
    page.keyboard.press("Tab")
    page.keyboard.type("claire@example.be")
    tab_to(page, "details.group > summary")
    page.keyboard.press("Enter")
    tab_to(page, "#id_language")
    page.keyboard.type("Fr")

    page.keyboard.press("Alt+h")  # save and hand over a request
    page.wait_for_url("**/hand-over/")
    contact = Contact.objects.get()
    assert contact.organisation == world.city and contact.registered_by == world.centre
    assert contact.outcome == "request" and contact.language == "fr"
    assert list(contact.services.values_list("slug", flat=True)) == ["omgevingsvergunning"]
    assert focused(page, "#id_department")
    assert page.locator("#id_department").input_value() == str(world.building.pk)  # from the service
    assert_no_axe_violations(page)
    shot(page, "contacts-handover-fr")
    assert "Claire Dubois" in page.locator("main").inner_text()  # the caller entered on the first screen
    page.keyboard.press("Alt+s")
    page.wait_for_url(f"**/staff/contacts/{contact.pk}/")
    request = Request.objects.get()
    assert request.reference in page.locator("main").inner_text()
    assert request.department == world.building and request.language == "fr"  # the language spoken
    assert_no_axe_violations(page)
    shot(page, "contacts-contact-fr")
    assert OutboxMessage.objects.count() == 1

    # The clerk of the building department, in Dutch.
    clerk = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}).new_page()
    log_in(clerk, "bouwen", "nl")
    clerk.goto("/nl/staff/contacts/requests/")
    assert request.reference in clerk.locator("table").inner_text()
    assert_no_axe_violations(clerk)
    shot(clerk, "contacts-worklist-nl")
    tab_to(clerk, f"a[href='/nl/staff/contacts/requests/{request.pk}/']")
    clerk.keyboard.press("Enter")
    clerk.wait_for_url(f"**/requests/{request.pk}/")
    assert_no_axe_violations(clerk)
    tab_to(clerk, "form[action$='/assign/'] button")
    press_enter_and_wait(clerk)
    tab_to(clerk, "#id_status")
    clerk.keyboard.type("In")
    tab_to(clerk, "form[action$='/status/'] button")
    press_enter_and_wait(clerk)
    tab_to(clerk, "#id_body")
    clerk.keyboard.type("Voor een veranda tot 40 m² is geen vergunning nodig.")
    tab_to(clerk, "form[action$='/message/'] button")
    press_enter_and_wait(clerk)
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_PROGRESS and request.assignee is not None
    assert OutboxMessage.objects.count() == 3  # received, status, message
    assert_no_axe_violations(clerk)
    shot(clerk, "contacts-request-nl")

    # A rejection without a reason: the message is next to the field, and nothing changed.
    tab_to(clerk, "#id_status")
    with translation.override("nl"):
        clerk.keyboard.type(str(RequestStatus.REJECTED.label))  # the whole word: "Afgerond" also begins with "Afge"
    assert clerk.locator("#id_status").input_value() == RequestStatus.REJECTED
    tab_to(clerk, "form[action$='/status/'] button")
    press_enter_and_wait(clerk)
    clerk.wait_for_selector("#id_reason_error")
    assert clerk.locator("#id_reason").get_attribute("aria-invalid") == "true"
    assert_no_axe_violations(clerk)
    shot(clerk, "contacts-request-error-nl")
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_PROGRESS


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_every_contacts_and_people_page_passes_axe(page, world: World, lang: str) -> None:  # noqa: ANN001
    request = world.request()
    world.contact(person=world.person, summary="Vraag over bouwen")
    from loket.contacts.models import Request as RequestModel

    RequestModel.objects.filter(pk=request.pk).update(due_on=request.created_at.date().replace(day=1))
    log_in(page, "manager", lang)
    contact = Contact.objects.get()
    pages = {
        "agent": f"/{lang}/staff/contacts/",
        "contact": f"/{lang}/staff/contacts/{contact.pk}/",
        "handover": f"/{lang}/staff/contacts/{contact.pk}/hand-over/",
        "worklist": f"/{lang}/staff/contacts/requests/?tab=overdue",
        "overdue": f"/{lang}/staff/contacts/requests/overdue/",
        "request": f"/{lang}/staff/contacts/requests/{request.pk}/",
        "people": f"/{lang}/staff/people/",
        "person": f"/{lang}/staff/people/{world.person.pk}/",
        "person-edit": f"/{lang}/staff/people/{world.person.pk}/edit/",
        "person-new": f"/{lang}/staff/people/new/",
        "public-form": f"/{lang}/requests/new/",
    }
    for name, path in pages.items():
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        assert_no_axe_violations(page)
        shot(page, f"contacts-page-{name}-{lang}")
    # The public form, with its errors.
    page.goto(f"/{lang}/requests/new/")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert_no_axe_violations(page)
    shot(page, f"contacts-page-public-form-errors-{lang}")

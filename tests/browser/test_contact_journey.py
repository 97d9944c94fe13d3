"""Issue 5's journey on the demo data, two-factor sign-in on, by keyboard only.

Fatima, the city's contact-centre agent, signs in with her password and the code of her
authenticator, takes a call in French: logs it with the caller entered on the spot, books an
appointment on her behalf with one keystroke, and hands a request to the building department.
Lies, the department's clerk, signs in the same way, finds it in her work list and answers the
citizen. The citizen signs in to Mijn loket with the link from her e-mail, reads the answer and
downloads her data. axe-core checks the citizen's pages against WCAG 2.1 A/AA.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from loket.appointments.models import Appointment
from loket.contacts.models import Contact, Request
from loket.demo import DEMO_PASSWORD, load_demo
from loket.notifications.models import OutboxMessage
from tests.browser.conftest import assert_no_axe_violations, press_enter_and_wait, screenshot, tab_to

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.otp]
CITIZEN = "claire.dubois@mail.example"
LINK = re.compile(r"https?://[^/\s]+(/(?:nl|fr|en)/mijn-loket/sign-in/[A-Za-z0-9_-]{40,}/)")
ANSWER = "Bonjour Madame Dubois, une véranda de 18 m² à l'arrière ne demande pas de permis."


def code_for(username: str) -> str:
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


def sign_in_with_code(page: Any, username: str, lang: str) -> None:
    """Password, then the 6-digit code the staff member's authenticator shows now."""
    page.goto(f"/{lang}/staff/login/")
    tab_to(page, "input[name=username]")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/staff/login/code/" in page.url, page.url  # the second step is asked
    tab_to(page, "input[name=token]")
    page.keyboard.type(code_for(username))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/staff/login/" not in page.url, page.locator("main").inner_text()


def test_a_call_in_french_becomes_an_appointment_and_a_request_the_citizen_follows_online(
    page: Any, browser: Any, live_server: Any
) -> None:
    assert load_demo() is True

    # The agent: two-factor sign-in, then the agent's screen, in French.
    sign_in_with_code(page, "kcc", "fr")
    page.goto("/fr/staff/contacts/")
    page.keyboard.press("Tab")  # from the channel (phone already) to the organisation
    page.keyboard.type("Ville")
    tab_to(page, "#id_summary")
    page.keyboard.type("Véranda à l'arrière: faut-il un permis?")
    page.keyboard.press("Alt+k")
    page.keyboard.type("permis de b")
    page.wait_for_selector("#catalogue-results a")
    tab_to(page, "#catalogue-results a[href*='building-permit']")
    page.keyboard.press("Enter")
    page.wait_for_selector("#service-sheet input[name=services]")
    tab_to(page, "#who details > summary")
    page.keyboard.press("Enter")
    tab_to(page, "#id_person_name")
    page.keyboard.type("Claire Dubois")
    page.keyboard.press("Tab")
    page.keyboard.type(CITIZEN)
    tab_to(page, "details.group > summary")
    page.keyboard.press("Enter")
    tab_to(page, "#id_language")
    page.keyboard.type("Fr")
    screenshot(page, "journey-1-call-fr")

    # One keystroke: save the contact and book an appointment for her.
    page.keyboard.press("Alt+b")
    page.wait_for_url("**/staff/appointments/book/**")
    contact = Contact.objects.get(summary__startswith="Véranda")
    assert contact.language == "fr" and contact.person is not None and contact.person.email == CITIZEN
    assert contact.organisation.slug == "mechelen"
    tab_to(page, "form.booking-choose button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".times .time-button")
    tab_to(page, ".times .time-button")
    page.keyboard.press("Enter")
    page.wait_for_selector("form.booking-details")
    tab_to(page, "#id_name")
    page.keyboard.type("Claire Dubois")
    tab_to(page, "#id_email")
    page.keyboard.type(CITIZEN)
    tab_to(page, "#id_language")
    page.keyboard.type("Fr")
    tab_to(page, "form.booking-details button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/booked/?return_to=*")
    appointment = Appointment.objects.get(email=CITIZEN)
    assert appointment.language == "fr" and appointment.channel == "phone"  # an agent books by phone
    screenshot(page, "journey-2-booked-fr")

    # Back to the contact with the appointment, then hand a request to the building department.
    tab_to(page, "form.return-form button")
    press_enter_and_wait(page)
    assert page.url.endswith(f"/fr/staff/contacts/{contact.pk}/")
    contact.refresh_from_db()
    assert contact.appointment == appointment and contact.outcome == "appointment"
    page.keyboard.press("Alt+h")
    page.wait_for_url("**/hand-over/")
    tab_to(page, "#id_subject")
    page.keyboard.type("Véranda de 18 m²: permis ou pas?")
    page.keyboard.press("Alt+s")
    page.wait_for_url(f"**/staff/contacts/{contact.pk}/")
    request = Request.objects.get(contact=contact)
    assert request.department.slug == "omgeving" and request.language == "fr"

    # The building department's clerk, in Dutch, answers the citizen.
    clerk = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}).new_page()
    sign_in_with_code(clerk, "backoffice-omgeving", "nl")
    clerk.goto("/nl/staff/contacts/requests/")
    tab_to(clerk, f"a[href='/nl/staff/contacts/requests/{request.pk}/']")
    press_enter_and_wait(clerk)
    tab_to(clerk, "#id_body")
    clerk.keyboard.type(ANSWER)
    tab_to(clerk, "form[action$='/message/'] button")
    press_enter_and_wait(clerk)
    assert request.messages.get().body == ANSWER
    told = OutboxMessage.objects.filter(recipient=CITIZEN, idempotency_key__startswith=f"request:{request.reference}")
    assert told.count() == 2 and {m.language for m in told} == {"fr"}  # received, and the answer
    screenshot(clerk, "journey-3-answered-nl")

    # The citizen: Mijn loket with the link from her e-mail, in French.
    citizen = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}).new_page()
    citizen.goto("/fr/mijn-loket/sign-in/")
    assert_no_axe_violations(citizen)
    tab_to(citizen, "#id_email")
    citizen.keyboard.type(CITIZEN)
    press_enter_and_wait(citizen)
    mail = OutboxMessage.objects.get(recipient=CITIZEN, idempotency_key__startswith="sign-in-link:")
    match = LINK.search(mail.body_text)
    assert match, mail.body_text
    citizen.goto(match.group(1))
    tab_to(citizen, "main form button[type=submit]")
    press_enter_and_wait(citizen)
    assert request.reference in citizen.locator("main").inner_text()
    assert_no_axe_violations(citizen)
    tab_to(citizen, f"main a[href$='/mijn-loket/requests/{request.reference}/']")
    press_enter_and_wait(citizen)
    assert ANSWER in citizen.locator("#messages").inner_text()
    assert_no_axe_violations(citizen)
    screenshot(citizen, "journey-4-citizen-reads-fr")

    # Her appointment, booked by the agent on her behalf, is there too.
    citizen.goto("/fr/mijn-loket/appointments/")
    assert appointment.reference in citizen.locator("main").inner_text()
    assert_no_axe_violations(citizen)

    # Her data, as a file.
    citizen.goto("/fr/mijn-loket/my-data/")
    assert_no_axe_violations(citizen)
    tab_to(citizen, "main a[href$='/my-data/download.json']")
    with citizen.expect_download() as download:
        citizen.keyboard.press("Enter")
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["person"]["email"] == CITIZEN
    assert [r["reference"] for r in data["requests"]] == [request.reference]
    assert ANSWER in json.dumps(data, ensure_ascii=False)
    assert appointment.reference in json.dumps(data)

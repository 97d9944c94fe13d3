"""Mijn loket in a real browser, by keyboard only, in Dutch, French and English.

The citizen asks a sign-in link, takes it from the e-mail (the outbox row), signs in, sees their
request and reads the staff's message, answers it, looks at every page and downloads their data.
axe-core checks each page against WCAG 2.1 A/AA; screenshots go to /tmp/shots-portal/.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from loket.citizens.models import Consent, Person
from loket.contacts.models import MessageDirection, RequestMessage, RequestStatus
from loket.notifications.models import OutboxMessage
from tests.appointments.test_booking import book, make_office
from tests.browser.conftest import assert_no_axe_violations, press_enter_and_wait, tab_to
from tests.citizens.test_portal import make_request, staff_message

pytestmark = pytest.mark.django_db(transaction=True)

# Screenshots for people to look at (outside the repository: they are not kept).
SHOTS = Path(os.environ.get("LOKET_PORTAL_SHOTS", "/tmp/shots-portal"))  # noqa: S108
LINK = re.compile(r"https?://[^/\s]+(/(?:nl|fr|en)/mijn-loket/sign-in/[A-Za-z0-9_-]{40,}/)")


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def check(page: Any, name: str) -> None:
    assert_no_axe_violations(page)
    shot(page, name)


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_citizen_signs_in_reads_the_answer_replies_and_downloads_their_data(page: Any, lang: str) -> None:
    person = Person.objects.create(name="Fatima El Amrani", email="fatima@example.be", language=lang)
    office = make_office()
    book(office, office.at(10), name="Fatima El Amrani", email="fatima@example.be", language=lang)
    request = make_request(person, subject="Omgevingsvergunning veranda", status=RequestStatus.WAITING)
    staff_message(request, "Goedendag, wilt u ons een plan van de veranda sturen?")

    # Ask a link: the e-mail field by keyboard, Enter sends.
    page.goto(f"/{lang}/mijn-loket/sign-in/")
    check(page, f"portal-1-sign-in-{lang}")
    tab_to(page, "#id_email")
    page.keyboard.type("fatima@example.be")
    press_enter_and_wait(page)
    assert page.url.endswith(f"/{lang}/mijn-loket/sign-in/sent/")
    check(page, f"portal-2-sent-{lang}")

    # The link from the e-mail opens a confirm page; only its button signs in.
    message = OutboxMessage.objects.get(recipient="fatima@example.be", idempotency_key__startswith="sign-in-link:")
    assert message.language == lang
    match = LINK.search(message.body_text)
    assert match, message.body_text
    page.goto(match.group(1))
    check(page, f"portal-3-confirm-{lang}")
    tab_to(page, "main form button[type=submit]")
    press_enter_and_wait(page)
    assert page.url.endswith(f"/{lang}/mijn-loket/")
    assert page.locator(".messages[role=status]").is_visible()
    assert request.reference in page.locator("main").inner_text()
    check(page, f"portal-4-home-{lang}")

    # The request, by keyboard from the overview; the staff message is there.
    tab_to(page, f"main a[href$='/mijn-loket/requests/{request.reference}/']")
    press_enter_and_wait(page)
    assert "wilt u ons een plan van de veranda sturen?" in page.locator("#messages").inner_text()
    check(page, f"portal-5-request-{lang}")
    assert RequestMessage.objects.get(direction=MessageDirection.TO_CITIZEN).read_at is not None

    # Reply by keyboard.
    tab_to(page, "#id_body")
    page.keyboard.type("Dag, hierbij het plan. Met vriendelijke groeten, Fatima")
    tab_to(page, ".reply-form button[type=submit]")
    press_enter_and_wait(page)
    assert "hierbij het plan" in page.locator("#messages").inner_text()
    reply = RequestMessage.objects.get(direction=MessageDirection.FROM_CITIZEN)
    assert reply.request_id == request.pk
    check(page, f"portal-6-replied-{lang}")

    # The other pages, each reached from the menu by keyboard.
    for name, path in [
        ("appointments", "appointments/"),
        ("requests", "requests/"),
        ("details", "details/"),
        ("consents", "consents/"),
    ]:
        tab_to(page, f"nav.portal-nav a[href='/{lang}/mijn-loket/{path}']")
        press_enter_and_wait(page)
        check(page, f"portal-7-{name}-{lang}")

    # Give a consent by keyboard, on the consents page.
    tab_to(page, "#purpose-surveys button[type=submit]")
    press_enter_and_wait(page)
    assert Consent.objects.get(person=person, purpose="surveys").source == "mijn_loket"
    check(page, f"portal-8-consent-given-{lang}")

    # My data: the readable page, then the JSON file by keyboard.
    tab_to(page, f"nav.portal-nav a[href='/{lang}/mijn-loket/my-data/']")
    press_enter_and_wait(page)
    assert "Omgevingsvergunning veranda" in page.locator("main").inner_text()
    check(page, f"portal-9-my-data-{lang}")
    tab_to(page, "main a[href$='/my-data/download.json']")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    data = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert data["person"]["email"] == "fatima@example.be"
    assert [r["reference"] for r in data["requests"]] == [request.reference]
    assert len(data["requests"][0]["messages"]) == 2

    # Erasure: explained before anything is asked.
    page.goto(f"/{lang}/mijn-loket/erasure/")
    check(page, f"portal-10-erasure-{lang}")

    # Sign out by keyboard: the pages are closed again.
    tab_to(page, "nav.portal-nav button[type=submit]")
    press_enter_and_wait(page)
    assert page.url.endswith(f"/{lang}/mijn-loket/sign-in/")
    page.goto(f"/{lang}/mijn-loket/")
    assert page.url.endswith(f"/{lang}/mijn-loket/sign-in/")


def test_an_error_on_the_sign_in_page_is_announced_next_to_the_field(page: Any) -> None:
    page.goto("/en/mijn-loket/sign-in/")
    tab_to(page, "#id_email")
    page.keyboard.type("not-an-address")
    press_enter_and_wait(page)
    field = page.locator("#id_email")
    assert field.get_attribute("aria-invalid") == "true"
    assert "id_email_error" in (field.get_attribute("aria-describedby") or "")
    assert page.locator("#id_email_error").is_visible()
    check(page, "portal-sign-in-error-en")

"""Chromium accepts Loket's pages under its Content-Security-Policy: no violation on any main page.

Opens the main pages of citizens (the site, booking with its proof of work, the kiosk, the call
screen, Mijn loket, surveys) and of staff (every screen of every role, the admin, the API's
documentation) on the demo data, and fails on any console error about the policy: an inline
script, handler or style, a resource from elsewhere, or a form posting where it may not. Also a
page inside a frame of another site, which the policy and X-Frame-Options refuse, and the OpenID
Connect sign-in: a form that posts to Loket, which redirects to the provider; browsers hold those
redirects to ``form-action``, so the provider's origin must be in it (``settings``).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, override_settings
from django.utils import timezone

from loket.appointments.availability import TIMEZONE
from loket.appointments.booking_selectors import appointment_services
from loket.appointments.selectors import availability_earliest
from loket.citizens import oidc
from loket.citizens.session import SESSION_KEY
from tests.citizens.oidc_provider import CLIENT_ID, CLIENT_SECRET, Login, Provider
from tests.security.pages import ADMIN, World, demo_world

pytestmark = pytest.mark.django_db(transaction=True)


class Console:
    """Every console message of a browser context that is about the Content-Security-Policy."""

    def __init__(self, context: Any) -> None:
        self.violations: list[str] = []
        context.on("console", self._message)
        context.on("weberror", lambda error: self.violations.append(f"page error: {error.error}"))

    def _message(self, message: Any) -> None:
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.violations.append(f"{message.page.url if message.page else ''}: {text}")


def staff_session(username: str) -> str:
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def citizen_session(world: World) -> str:
    now = timezone.now().isoformat()
    session = SessionStore()
    session[SESSION_KEY] = {
        "person": world.person.pk,
        "email": world.person.email.lower(),
        "method": "link",
        "signed_in_at": now,
        "seen_at": now,
    }
    session.create()
    return str(session.session_key)


def booking_details_url(world: World) -> str:
    """The last step of booking (the details form with its proof of work) at the first free time."""
    services = appointment_services(world.appointment)[:1]
    location = world.appointment.location
    slot = availability_earliest(services=services, locations=[location])
    assert slot is not None
    start = slot.start.astimezone(TIMEZONE)
    return (
        f"/nl/appointments/book/?services={services[0].slug}&suggested=1&location={location.slug}"
        f"&date={start.date().isoformat()}&start={start.isoformat().replace('+', '%2B')}"
    )


def public_pages(world: World) -> list[str]:
    a = world.appointment
    return [
        "/nl/",
        f"/nl/services/{world.service.slug}/",
        "/nl/appointments/book/",
        booking_details_url(world),
        f"/fr/appointments/{a.reference}/{world.appointment_secret}/",
        "/nl/requests/new/",
        "/nl/mijn-loket/sign-in/",
        f"/nl/kiosk/{world.kiosk_location.slug}/",
        f"/nl/ticket/{world.ticket.public_key}/",
        f"/nl/display/{world.screen.public_key}/",
        f"/nl/survey/tablet/{world.tablet.location.slug}/{world.tablet.key}/",
        "/nl/staff/login/",
        "/nl/no-such-page/",
    ]


def citizen_pages(world: World) -> list[str]:
    return [
        "/nl/mijn-loket/",
        "/nl/mijn-loket/appointments/",
        f"/nl/mijn-loket/requests/{world.request.reference}/",
        "/nl/mijn-loket/details/",
        "/nl/mijn-loket/my-data/",
    ]


def staff_pages(world: World) -> dict[str, list[str]]:
    a = world.appointment
    return {
        "redactie": [
            "/nl/staff/",
            "/nl/staff/catalogue/",
            f"/nl/staff/catalogue/services/{world.service.slug}/",
        ],
        "onthaal": [
            "/nl/staff/appointments/",
            f"/nl/staff/appointments/{a.reference}/",
            "/nl/staff/appointments/book/",
            "/nl/staff/queue/reception/",
        ],
        "loket": ["/nl/staff/queue/"],
        "kcc": [f"/nl/staff/contacts/{world.contact.pk}/"],
        "backoffice": ["/nl/staff/contacts/requests/", f"/nl/staff/people/{world.person.pk}/"],
        "dpo": ["/nl/staff/privacy/audit/"],
        "manager": ["/nl/staff/dashboard/", "/nl/staff/planning/"],
        ADMIN: [f"/nl/staff/contacts/requests/{world.request.pk}/", "/nl/admin/", "/api/docs/"],
    }


def visit(page: Any, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status < 500, path
    page.wait_for_load_state("load")
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 50)))")


def test_the_main_pages_run_under_the_policy_with_no_violation(browser: Any, live_server: Any) -> None:
    world = demo_world()
    context = browser.new_context(base_url=live_server.url)
    console = Console(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    for path in public_pages(world):
        visit(page, path)

    host = live_server.url.split("//", 1)[1].split(":")[0]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": citizen_session(world), "domain": host, "path": "/"}]
    )
    for path in citizen_pages(world):
        visit(page, path)
        assert "/sign-in/" not in page.url, path
    for username, paths in staff_pages(world).items():
        context.clear_cookies()
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": staff_session(username), "domain": host, "path": "/"}]
        )
        for path in paths:
            visit(page, path)
            assert "/staff/login/" not in page.url, path
    # The agent's catalogue search (HTMX, then the focus script that replaced an hx-on attribute).
    context.clear_cookies()
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": staff_session("kcc"), "domain": host, "path": "/"}]
    )
    visit(page, "/nl/staff/contacts/")
    page.fill("#catalogue-q", "identiteit")
    page.wait_for_selector("#catalogue-results a[hx-get]")
    page.locator("#catalogue-results a[hx-get]").first.click()
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'service-sheet'")
    context.close()
    assert not console.violations, "\n".join(console.violations)


def test_no_other_site_can_show_a_page_in_a_frame(browser: Any, live_server: Any) -> None:
    context = browser.new_context()
    console = Console(context)
    page = context.new_page()
    page.set_content(f'<iframe src="{live_server.url}/nl/" title="Loket"></iframe>')
    page.wait_for_function("() => document.querySelector('iframe').contentWindow !== null")
    page.wait_for_timeout(300)
    assert any("frame-ancestors 'none'" in violation for violation in console.violations), console.violations
    assert "Loket" not in page.frame_locator("iframe").locator("body").inner_text()
    context.close()


def test_signing_in_with_openid_connect_goes_to_the_provider_and_back(browser: Any, live_server: Any) -> None:
    """The button posts to Loket, which redirects to the provider: form-action must allow its origin."""
    provider = Provider().start()
    try:
        provider.reset(Login(claims={"email": "an.peeters@mail.example", "email_verified": True, "name": "An Peeters"}))
        oidc.clear_clients()
        directives = dict(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])
        oidc_settings = {
            "LOKET_OIDC_NAME": "itsme",
            "LOKET_OIDC_ISSUER": provider.issuer,
            "LOKET_OIDC_CLIENT_ID": CLIENT_ID,
            "LOKET_OIDC_CLIENT_SECRET": CLIENT_SECRET,
        }
        context = browser.new_context(base_url=live_server.url)
        console = Console(context)
        page = context.new_page()
        page.set_default_timeout(10_000)

        # Without the provider in form-action, the browser stops at the redirect.
        with override_settings(**oidc_settings, CONTENT_SECURITY_POLICY={"DIRECTIVES": directives}):
            visit(page, "/nl/mijn-loket/sign-in/")
            page.get_by_role("button", name="itsme").click()
            page.wait_for_timeout(1000)
            assert provider.issuer not in page.url
            assert any("form-action" in violation for violation in console.violations), console.violations

        # As settings.py makes it from LOKET_OIDC_ISSUER: self and the provider's origin.
        console.violations.clear()
        allowed = {**directives, "form-action": ["'self'", provider.issuer]}
        with override_settings(**oidc_settings, CONTENT_SECURITY_POLICY={"DIRECTIVES": allowed}):
            visit(page, "/nl/mijn-loket/sign-in/")
            with page.expect_navigation(url="**/nl/mijn-loket/"):
                page.get_by_role("button", name="itsme").click()
            assert "/mijn-loket/sign-in/" not in page.url
        context.close()
        assert not console.violations, "\n".join(console.violations)
    finally:
        provider.stop()
        oidc.clear_clients()

"""Every page, public and staff, answers with the security headers: CSP, no framing, nosniff, referrer.

The pages are found by walking the URL patterns (``tests.security.pages``), each opened as the
person it is for, on the demo data; also the admin, the API, its documentation, a static file and
a page that does not exist. What the browser makes of the policy is tested in
``tests/browser/test_security_headers.py``.
"""

from __future__ import annotations

from django.test import Client

from tests.factories import UserFactory
from tests.security.pages import World, client_for, pages, url_patterns

# The answers a GET may give here: a page, a redirect (a step done, or the login), "use POST".
EXPECTED = {200, 302, 405}
# Off in the demo, so "not found": OpenID Connect (no LOKET_OIDC_ISSUER), Prometheus (no token).
NOT_FOUND_ON_PURPOSE = {"portal-oidc-callback", "metrics"}


def policy(response: object) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]  # type: ignore[index]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_csp(response: object, where: str) -> None:
    csp = policy(response)
    assert csp["default-src"] == ["'self'"], where
    assert csp["script-src"] == ["'self'"], where
    assert csp["style-src"] == ["'self'"], where
    assert csp["object-src"] == ["'none'"], where
    assert csp["base-uri"] == ["'none'"], where
    assert csp["frame-ancestors"] == ["'none'"], where
    assert csp["form-action"][0] == "'self'", where
    assert not any("unsafe" in value for values in csp.values() for value in values), where
    assert response["X-Content-Type-Options"] == "nosniff", where  # type: ignore[index]


def assert_security_headers(response: object, where: str) -> None:
    assert_csp(response, where)
    assert response["X-Frame-Options"] == "DENY", where  # type: ignore[index]
    assert response["Referrer-Policy"] == "same-origin", where  # type: ignore[index]
    permissions = response["Permissions-Policy"]  # type: ignore[index]
    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert f"{feature}=()" in permissions, where
    # drf-spectacular opens the API documentation to its OAuth2 pop-up on purpose: that page only.
    coop = "unsafe-none" if where == "/api/docs/" else "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == coop, where  # type: ignore[index]


def test_every_page_of_the_demo_has_the_security_headers(world: World) -> None:
    walked = pages(world)
    assert {page.name for page in walked} == {name for _route, name in url_patterns()}
    statuses = {}
    for page in walked:
        response = client_for(page.who, world).get(page.url)
        statuses[page.name] = response.status_code
        assert_security_headers(response, f"{page.name} {page.url}")
    unexpected = {
        name: status
        for name, status in statuses.items()
        if status not in EXPECTED and not (name in NOT_FOUND_ON_PURPOSE and status == 404)
    }
    assert not unexpected
    # The walk reaches the pages themselves, not only the login page.
    assert sum(status == 200 for status in statuses.values()) >= 60


def test_the_admin_api_static_files_and_errors_have_the_security_headers(db: None, settings: object) -> None:
    admin = Client()
    admin.force_login(UserFactory(is_staff=True, is_superuser=True))
    for url, status in [
        ("/nl/admin/", 200),
        ("/nl/admin/appointments/appointment/", 200),
        ("/api/docs/", 200),
        ("/api/schema/", 200),
        ("/api/v1/services/", 200),
        ("/fr/no-such-page/", 404),
    ]:
        response = admin.get(url)
        assert response.status_code == status, url
        assert_security_headers(response, url)
    anonymous = Client().get("/nl/staff/")
    assert anonymous.status_code == 302
    assert_security_headers(anonymous, "the staff login redirect")
    settings.WHITENOISE_USE_FINDERS = True  # type: ignore[attr-defined]  # static files without collectstatic
    static = Client().get("/static/js/proof-of-work.js")  # also the proof of work's Web Worker
    assert static.status_code == 200
    assert_csp(static, "a static file")

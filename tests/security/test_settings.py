"""Production settings: ``check --deploy`` finds nothing, cookies are Secure, HttpOnly and Lax.

One subprocess starts Loket as production does (no test switches; HTTPS on by default, a real
secret key, personal-data keys, the public host name, an OpenID Connect provider), runs Django's
deployment check at the WARNING level and prints the settings the rest of this module needs.
The cookies are then made by the real views (Mijn loket's sign-in, a form, the language
switch, a flash message) under those settings. Nothing is silenced (``SILENCED_SYSTEM_CHECKS``
stays empty).
"""

from __future__ import annotations

import json
import re
import secrets
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from loket.citizens.models import Person
from loket.citizens.portal import sign_in_link_send
from loket.notifications.models import OutboxMessage
from tests.core.test_deploy import run_manage

ISSUER = "https://idp.prd.itsme.example/v2"
COOKIE_SETTINGS = [
    f"{cookie}_COOKIE_{flag}"
    for cookie in ("SESSION", "CSRF", "LANGUAGE")
    for flag in ("SECURE", "HTTPONLY", "SAMESITE")
]
CHECK_AND_DUMP = f"""
import json
from django.conf import settings
from django.core.management import call_command
call_command("check", deploy=True, fail_level="WARNING")
print("SETTINGS=" + json.dumps({{
    **{{name: getattr(settings, name) for name in {COOKIE_SETTINGS!r}}},
    "DEBUG": settings.DEBUG,
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "SILENCED_SYSTEM_CHECKS": settings.SILENCED_SYSTEM_CHECKS,
    "form-action": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"],
}}))
"""


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """``check --deploy`` in a production environment, and the settings it ran with."""
    environment = {
        "LOKET_VAR_DIR": str(tmp_path_factory.mktemp("var")),
        "LOKET_SECRET_KEY": secrets.token_urlsafe(64),
        "LOKET_PERSONAL_DATA_KEYS": Fernet.generate_key().decode(),
        "LOKET_ALLOWED_HOSTS": "loket.mechelen.example",
        "LOKET_CSRF_TRUSTED_ORIGINS": "https://loket.mechelen.example",
        "LOKET_PUBLIC_URL": "https://loket.mechelen.example/",
        "LOKET_OIDC_ISSUER": ISSUER,
    }
    result = run_manage("shell", "--no-startup", "-c", CHECK_AND_DUMP, env=environment)
    assert result.returncode == 0, result.stdout + result.stderr
    match = re.search(r"^SETTINGS=(.*)$", result.stdout, re.MULTILINE)
    assert match, result.stdout + result.stderr
    return {"output": result.stdout + result.stderr, **json.loads(match.group(1))}


def test_check_deploy_finds_nothing_in_production_and_silences_nothing(production: dict[str, Any]) -> None:
    assert "System check identified no issues (0 silenced)." in production["output"]
    assert "WARNINGS:" not in production["output"] and "ERRORS:" not in production["output"]
    assert production["SILENCED_SYSTEM_CHECKS"] == []
    assert production["DEBUG"] is False
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] >= 31536000


def test_forms_may_go_to_loket_and_the_openid_connect_provider_only(production: dict[str, Any]) -> None:
    assert production["form-action"] == ["'self'", "https://idp.prd.itsme.example"]


def test_every_cookie_is_secure_http_only_and_lax_in_production(production: dict[str, Any], db: None) -> None:
    cookie_settings = {name: production[name] for name in COOKIE_SETTINGS}
    assert set(cookie_settings.values()) == {True, "Lax"}
    person = Person.objects.create(name="An Peeters", email="an.peeters@mail.example", language="fr")
    client = Client()
    with override_settings(**cookie_settings):
        sign_in = client.get(reverse("portal-sign-in"))  # a form: the CSRF cookie
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', sign_in.content.decode())
        assert token
        sign_in_link_send(email=person.email, language="fr")
        link = re.search(r"(/fr/mijn-loket/sign-in/[^/\s]+/)", OutboxMessage.objects.get().body_text)
        assert link
        signed_in = client.post(link.group(1), {"csrfmiddlewaretoken": token.group(1)})
        assert signed_in.status_code == 302  # Mijn loket's session, and "You are signed in."
        language = client.post(
            reverse("set_language"), {"language": "nl", "next": "/nl/", "csrfmiddlewaretoken": token.group(1)}
        )
        assert language.status_code == 302
    names = {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME, "messages"}
    assert names <= set(client.cookies)
    for name in names:
        cookie = client.cookies[name]
        assert cookie["secure"] is True, name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name


def test_cookies_stay_out_of_reach_of_scripts_even_in_the_demo_over_plain_http() -> None:
    # The tests run as the local demo does (LOKET_HTTPS=0): only "Secure" is off there.
    assert settings.SESSION_COOKIE_SECURE is False
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY and settings.LANGUAGE_COOKIE_HTTPONLY


def test_check_deploy_warns_when_personal_data_has_no_keys_of_its_own(settings: Any) -> None:
    from django.core.checks import run_checks

    settings.LOKET_PERSONAL_DATA_KEYS = []
    assert "loket.W001" in {message.id for message in run_checks(include_deployment_checks=True)}
    settings.LOKET_PERSONAL_DATA_KEYS = [Fernet.generate_key().decode()]
    assert "loket.W001" not in {message.id for message in run_checks(include_deployment_checks=True)}

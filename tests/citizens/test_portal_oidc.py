"""Mijn loket: signing in through an OpenID Connect provider, against a real one on 127.0.0.1.

The provider (``oidc_provider``) runs in a thread for the test session, with its own RSA key.
Each test drives the whole flow as a browser would: the button's POST with Django's test client,
the provider's ``/authorize`` with ``requests`` (no redirects followed), and its redirect back to
the callback with the test client again. Loket talks to the provider's discovery document, keys
and token endpoint over HTTP, exactly as in production.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.http import HttpResponse
from django.test import Client, override_settings
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from loket.citizens import crypto, oidc, portal
from loket.citizens.models import Person
from loket.citizens.services import PersonDetails, person_create
from loket.core.models import AuditEntry
from tests.appointments.test_booking import book, make_office
from tests.citizens.oidc_provider import CLIENT_ID, CLIENT_SECRET, Login, Provider, new_key
from tests.citizens.test_portal import url

pytestmark = pytest.mark.django_db

NUMBER_CLAIM = "http://itsme.services/v2/claim/BENationalNumber"
NUMBER = "85073003328"
OTHER_NUMBER = "90010100123"


@pytest.fixture(scope="session")
def provider() -> Iterator[Provider]:
    running = Provider().start()
    yield running
    running.stop()


@pytest.fixture
def idp(provider: Provider) -> Iterator[Provider]:
    """The provider, configured as this Loket's ("itsme"), with a clean slate."""
    provider.reset()
    oidc.clear_clients()
    with override_settings(
        LOKET_OIDC_NAME="itsme",
        LOKET_OIDC_ISSUER=provider.issuer,
        LOKET_OIDC_CLIENT_ID=CLIENT_ID,
        LOKET_OIDC_CLIENT_SECRET=CLIENT_SECRET,
        LOKET_OIDC_SCOPES="openid email profile",
        LOKET_OIDC_NATIONAL_NUMBER_CLAIM=NUMBER_CLAIM,
    ):
        yield provider
    oidc.clear_clients()


def start(client: Client, lang: str = "en") -> str:
    """Press the button: the address of the provider's sign-in page."""
    response = client.post(url("portal-oidc-start", lang))
    assert response.status_code == 302, response.content.decode()[:2000]
    return str(response["Location"])


def at_provider(location: str) -> str:
    """The citizen signs in at the provider: where it sends them back (the callback, with code or error)."""
    response = requests.get(location, allow_redirects=False, timeout=5)
    assert response.status_code == 302, response.text
    return str(response.headers["Location"])


def come_back(client: Client, callback: str) -> HttpResponse:
    parts = urlsplit(callback)
    return client.get(f"{parts.path}?{parts.query}")  # type: ignore[return-value]


def sign_in_with(client: Client, idp: Provider, login: Login, lang: str = "en") -> HttpResponse:
    idp.reset(login)
    return come_back(client, at_provider(start(client, lang)))


def signed_in(client: Client) -> dict[str, Any] | None:
    data = client.session.get(portal.SESSION_KEY)
    return data if isinstance(data, dict) else None


def claims(**values: Any) -> dict[str, Any]:
    return {"name": "An Peeters", **values}


def make_person(*, email: str = "", number: str = "", name: str = "An Peeters") -> Person:
    return person_create(
        actor=None,
        organisation=None,
        details=PersonDetails(
            name=name, email=email, national_number=number, preferred_channel="email" if email else "post"
        ),
    )


def assert_nobody_signed_in(client: Client, response: HttpResponse, message: str, lang: str = "en") -> None:
    """Refused with ``message`` (English) shown in ``lang``: a session that lost its language gets Dutch."""
    assert response.status_code == 400
    page = response.content.decode()
    with translation.override(lang):
        if message == FAILED:
            message = FAILED_TEXT % {"provider": "itsme"}
        not_signed_in = gettext("You are not signed in")
    assert message in page
    assert 'role="alert"' in page and not_signed_in in page
    assert signed_in(client) is None
    assert not AuditEntry.objects.filter(action="person.sign_in").exists()
    assert client.get(url("portal-home"))["Location"] == url("portal-sign-in")


# --- The way there ------------------------------------------------------------------------------


def test_the_start_sends_the_citizen_to_the_provider_with_state_nonce_and_an_s256_challenge(
    client: Client, idp: Provider
) -> None:
    location = start(client)
    parts = urlsplit(location)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{idp.issuer}/authorize"
    assert query["response_type"] == "code" and query["client_id"] == CLIENT_ID
    assert query["scope"].split() == ["openid", "email", "profile"]
    assert len(query["state"]) >= 20 and len(query["nonce"]) >= 20
    assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) == 43
    # One address to register with the provider, whatever the citizen's language.
    assert query["redirect_uri"] == "http://testserver/nl/mijn-loket/sign-in/oidc/callback/"
    assert query["ui_locales"] == "en"
    assert any(key.startswith("_state_") for key, _ in client.session.items())
    assert signed_in(client) is None


def test_a_get_to_the_start_starts_nothing(client: Client, idp: Provider) -> None:
    response = client.get(url("portal-oidc-start"))
    assert response.status_code == 405
    assert not any(key.startswith("_state_") for key, _ in client.session.items())
    assert idp.authorize_requests == []


def test_the_start_is_rate_limited_per_client(client: Client, idp: Provider) -> None:
    with override_settings(LOKET_SIGN_IN_RATE="2/h"):
        start(client)
        start(client)
        response = client.post(url("portal-oidc-start"))
    assert response.status_code == 429
    assert "Too many sign-ins were started from this connection" in response.content.decode()


def test_a_provider_that_cannot_be_reached_gives_a_message_and_no_redirect(client: Client, idp: Provider) -> None:
    with override_settings(LOKET_OIDC_ISSUER="http://127.0.0.1:9"):
        response = client.post(url("portal-oidc-start"))
    assert response.status_code == 502
    assert "We could not reach itsme" in response.content.decode()


def test_a_discovery_document_of_another_issuer_is_refused(client: Client, idp: Provider) -> None:
    with override_settings(LOKET_OIDC_ISSUER=idp.issuer + "/"):  # the document names the issuer without "/"
        response = client.post(url("portal-oidc-start"))
    assert response.status_code == 502
    assert idp.authorize_requests == []


# --- Who is signed in -----------------------------------------------------------------------------


def test_the_national_number_claim_finds_the_person_and_their_record_is_kept(client: Client, idp: Provider) -> None:
    person = make_person(email="an.old@example.be", number=NUMBER)
    login = Login(claims=claims(**{NUMBER_CLAIM: "85.07.30-033.28", "email": "An@Example.be", "email_verified": True}))
    response = sign_in_with(client, idp, login)
    assert response.status_code == 302 and response["Location"] == url("portal-home")
    session = signed_in(client)
    assert session is not None and session["person"] == person.pk
    assert session["email"] == "an@example.be"  # the address proven now, not the record's
    person.refresh_from_db()
    assert person.email == "an.old@example.be"
    assert Person.objects.count() == 1
    assert client.get(url("portal-home")).status_code == 200


def test_a_verified_email_claim_finds_the_person_with_that_address(client: Client, idp: Provider) -> None:
    person = make_person(email="an@example.be")
    sign_in_with(client, idp, Login(claims=claims(email="an@example.be", email_verified=True)))
    session = signed_in(client)
    assert session is not None and session["person"] == person.pk and session["email"] == "an@example.be"
    assert Person.objects.count() == 1


def test_a_verified_email_claim_makes_a_person_with_the_name_from_the_claims(client: Client, idp: Provider) -> None:
    login = Login(
        claims={"given_name": "Marie", "family_name": "Dubois", "email": "marie@example.be", "email_verified": True}
    )
    sign_in_with(client, idp, login, lang="fr")
    person = Person.objects.get()
    assert (person.name, person.email, person.language) == ("Marie Dubois", "marie@example.be", "fr")
    session = signed_in(client)
    assert session is not None and session["person"] == person.pk


def test_an_unverified_email_claim_is_not_trusted(client: Client, idp: Provider) -> None:
    office = make_office()
    booked = book(office, office.at(10), email="an@example.be", language="en")
    known = make_person(email="an@example.be")
    sign_in_with(client, idp, Login(claims=claims(email="an@example.be", email_verified=False)))
    session = signed_in(client)
    assert session is not None and session["person"] != known.pk and session["email"] == ""
    assert Person.objects.get(pk=session["person"]).email == ""
    # Appointments are matched on a proven address: none here.
    assert booked.appointment.reference not in client.get(url("portal-appointments")).content.decode()


def test_a_verified_email_shows_the_appointments_booked_with_it(client: Client, idp: Provider) -> None:
    office = make_office()
    booked = book(office, office.at(10), email="an@example.be", language="en")
    sign_in_with(client, idp, Login(claims=claims(email="an@example.be", email_verified=True)))
    assert booked.appointment.reference in client.get(url("portal-appointments")).content.decode()


def test_a_new_person_keeps_the_claimed_number_encrypted_and_is_found_by_it_next_time(
    client: Client, idp: Provider
) -> None:
    sign_in_with(client, idp, Login(claims=claims(**{NUMBER_CLAIM: NUMBER})))
    person = Person.objects.get()
    assert person.national_number_hash in crypto.lookup_hashes(NUMBER)
    assert NUMBER not in person.national_number_token and crypto.decrypt(person.national_number_token) == NUMBER
    assert person.preferred_channel == "post"  # no address: the details page can still be saved
    client.post(url("portal-sign-out"))
    sign_in_with(client, idp, Login(claims=claims(**{NUMBER_CLAIM: NUMBER})))
    session = signed_in(client)
    assert session is not None and session["person"] == person.pk and Person.objects.count() == 1
    assert NUMBER not in str(list(AuditEntry.objects.values_list("changes", flat=True)))


def test_a_record_holding_another_number_is_not_taken_by_its_email_address(client: Client, idp: Provider) -> None:
    mother = make_person(email="family@example.be", number=OTHER_NUMBER, name="Els Peeters")
    login = Login(claims=claims(**{NUMBER_CLAIM: NUMBER, "email": "family@example.be", "email_verified": True}))
    sign_in_with(client, idp, login)
    session = signed_in(client)
    assert session is not None and session["person"] != mother.pk
    assert Person.objects.get(pk=session["person"]).national_number_hash in crypto.lookup_hashes(NUMBER)


def test_the_audit_trail_names_the_provider(client: Client, idp: Provider) -> None:
    person = make_person(number=NUMBER)
    sign_in_with(client, idp, Login(claims=claims(**{NUMBER_CLAIM: NUMBER})))
    entry = AuditEntry.objects.get(action="person.sign_in")
    assert entry.person_id == person.pk and entry.actor_label == "citizen"
    assert entry.changes == {"method": "oidc:itsme", "matched": "national_number"}
    session = signed_in(client)
    assert session is not None and session["method"] == "oidc:itsme"


def test_the_citizen_comes_back_in_their_own_language(client: Client, idp: Provider) -> None:
    response = sign_in_with(client, idp, Login(claims=claims(email="an@example.be", email_verified=True)), lang="fr")
    assert response["Location"] == url("portal-home", "fr")


def test_the_session_key_changes_on_sign_in(client: Client, idp: Provider) -> None:
    location = start(client)
    before = client.session.session_key
    come_back(client, at_provider(location))
    assert signed_in(client) is not None and client.session.session_key != before


# --- Refused: nobody is signed in -------------------------------------------------------------------

FAILED = "We could not sign you in with itsme."
FAILED_TEXT = gettext_lazy("We could not sign you in with %(provider)s. Please try again, or ask for a link by e-mail.")


@pytest.mark.parametrize(
    "login",
    [
        pytest.param(Login(claims=claims(), tamper={"nonce": "not-the-nonce"}), id="wrong nonce"),
        pytest.param(Login(claims=claims(), tamper={"aud": "another-client"}), id="wrong audience"),
        pytest.param(
            Login(claims=claims(), tamper={"aud": "another-client", "azp": CLIENT_ID}), id="wrong audience with azp"
        ),
        pytest.param(Login(claims=claims(), tamper={"iss": "http://127.0.0.1:1"}), id="wrong issuer"),
        pytest.param(
            Login(claims=claims(), tamper={"exp": int(time.time()) - 600, "iat": int(time.time()) - 900}),
            id="expired",
        ),
        pytest.param(Login(claims=claims(), sign_with=new_key("test-key-1")), id="signed with another key"),
        pytest.param(Login(claims=claims(), sign_with=new_key("unknown-key")), id="signed with an unknown key"),
        pytest.param(Login(claims=claims(), id_token=False), id="no ID token"),
    ],
)
def test_a_token_that_does_not_hold_signs_nobody_in(client: Client, idp: Provider, login: Login) -> None:
    response = sign_in_with(client, idp, login)
    assert_nobody_signed_in(client, response, FAILED)
    assert not Person.objects.exists()


def test_a_refusal_at_the_provider_signs_nobody_in(client: Client, idp: Provider) -> None:
    response = sign_in_with(client, idp, Login(error="access_denied"))
    assert_nobody_signed_in(client, response, "You stopped signing in with itsme")


def test_a_refusal_is_shown_in_the_citizens_language(client: Client, idp: Provider) -> None:
    response = sign_in_with(client, idp, Login(error="access_denied"), lang="fr")
    assert response.status_code == 400
    assert '<html lang="fr">' in response.content.decode()


def test_a_callback_from_another_browser_signs_nobody_in(client: Client, idp: Provider) -> None:
    idp.reset(Login(claims=claims(email="an@example.be", email_verified=True)))
    callback = at_provider(start(client))
    stranger = Client()
    assert_nobody_signed_in(stranger, come_back(stranger, callback), FAILED, lang="nl")  # no language of theirs


def test_a_callback_works_once(client: Client, idp: Provider) -> None:
    idp.reset(Login(claims=claims(email="an@example.be", email_verified=True)))
    callback = at_provider(start(client))
    assert come_back(client, callback).status_code == 302
    client.post(url("portal-sign-out"))
    AuditEntry.objects.filter(action="person.sign_in").delete()
    # Signed out, the session no longer holds the citizen's language: the page is in Dutch.
    assert_nobody_signed_in(client, come_back(client, callback), FAILED, lang="nl")


def test_a_wrong_client_secret_signs_nobody_in(client: Client, idp: Provider) -> None:
    with override_settings(LOKET_OIDC_CLIENT_SECRET="not-the-secret"):
        response = sign_in_with(client, idp, Login(claims=claims()))
    assert_nobody_signed_in(client, response, FAILED)
    assert idp.token_requests  # the code was offered, and the provider refused it


# --- On or off ----------------------------------------------------------------------------------------


def test_the_sign_in_page_offers_the_provider_when_configured(client: Client, idp: Provider) -> None:
    page = client.get(url("portal-sign-in")).content.decode()
    assert f'action="{url("portal-oidc-start")}"' in page
    assert "Sign in with itsme" in page


def test_without_an_issuer_there_is_no_button_and_no_way_in(client: Client) -> None:
    with override_settings(LOKET_OIDC_ISSUER=""):
        page = client.get(url("portal-sign-in")).content.decode()
        assert "oidc" not in page and "Sign in with" not in page
        assert client.post(url("portal-oidc-start")).status_code == 404
        assert client.get(url("portal-oidc-callback") + "?code=x&state=y").status_code == 404

"""The OpenID Connect provider of this Loket (itsme, the federal login FAS/CSAM): its settings and its client.

One provider per installation, from the ``LOKET_OIDC_*`` settings; without ``LOKET_OIDC_ISSUER``
the feature is off (``provider()`` is ``None``: no button, the two views answer 404). Mijn loket
uses it in two steps:

- ``authorization_redirect``: the redirect to the provider, with a ``state`` and a ``nonce`` kept
  in this browser's session and a PKCE (S256) challenge, built by Authlib;
- ``verified_claims``: on the way back, Authlib exchanges the code (with the PKCE verifier) and
  checks the ID token: its signature against the provider's published keys (JWKS), the issuer,
  the audience (our client id), the expiry and the nonce. Only then are the claims returned.

The provider knows one address to come back to, the callback under the default language
(``callback_url``); the citizen's own language is kept in the session meanwhile.

What this module must never do: check a token itself (Authlib and joserfc do), accept claims from
anything but a validated ID token, or log a token, a code or a claim's value.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.django_client import DjangoOAuth2App, OAuth
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from joserfc.errors import JoseError

from loket.core.errors import DomainError

logger = logging.getLogger(__name__)

CLIENT_NAME = "loket_oidc"  # Authlib keeps its state under this name in the session
LANGUAGE_KEY = "loket_oidc_language"  # the citizen's language while they are at the provider
CLIENT_SECONDS = 3600  # discovery document and keys are fetched again after an hour (and on an unknown key id)
TIMEOUT_SECONDS = 10
# What goes wrong when talking to the provider or checking its answer: the sign-in fails, closed.
_PROVIDER_ERRORS = (AuthlibBaseError, JoseError, requests.RequestException, ValueError, RuntimeError)


class OIDCSignInFailed(DomainError):
    """Nobody is signed in: the provider said no, could not be reached, or its answer did not hold."""

    code = "oidc_failed"
    status = 400


@dataclass(frozen=True)
class Provider:
    name: str  # shown on the button, and in the audit trail as ``oidc:<name>``
    issuer: str
    client_id: str
    client_secret: str = field(repr=False)
    scopes: str
    national_number_claim: str  # "" when the provider gives no national register number

    @property
    def discovery_url(self) -> str:
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"

    @property
    def method(self) -> str:
        return f"oidc:{self.name}"


def provider() -> Provider | None:
    """The configured provider, or ``None`` when ``LOKET_OIDC_ISSUER`` is empty (the feature is off)."""
    issuer = str(getattr(settings, "LOKET_OIDC_ISSUER", "") or "").strip()
    if not issuer:
        return None
    return Provider(
        name=str(getattr(settings, "LOKET_OIDC_NAME", "") or "").strip() or (urlsplit(issuer).hostname or issuer),
        issuer=issuer,
        client_id=str(getattr(settings, "LOKET_OIDC_CLIENT_ID", "") or "").strip(),
        client_secret=str(getattr(settings, "LOKET_OIDC_CLIENT_SECRET", "") or ""),
        scopes=" ".join(str(getattr(settings, "LOKET_OIDC_SCOPES", "") or "openid email profile").split()),
        national_number_claim=str(getattr(settings, "LOKET_OIDC_NATIONAL_NUMBER_CLAIM", "") or "").strip(),
    )


_clients: dict[Provider, tuple[float, DjangoOAuth2App]] = {}
_clients_lock = threading.Lock()


def client(config: Provider) -> DjangoOAuth2App:
    """Authlib's client for ``config``, kept an hour per configuration (a changed setting gets a new one).

    Authlib keeps the discovery document and the keys on the client, so one per configuration
    spares the provider two requests on every sign-in, and tests with other settings get theirs.
    """
    now = time.monotonic()
    with _clients_lock:
        cached = _clients.get(config)
        if cached is not None and now - cached[0] < CLIENT_SECONDS:
            return cached[1]
        app = OAuth().register(
            name=CLIENT_NAME,
            client_id=config.client_id,
            client_secret=config.client_secret,
            server_metadata_url=config.discovery_url,
            client_kwargs={"scope": config.scopes, "code_challenge_method": "S256", "default_timeout": TIMEOUT_SECONDS},
        )
        _clients[config] = (now, app)
        return app


def clear_clients() -> None:
    """Forget the clients (and the provider's keys they hold): for tests and a key change at the provider."""
    with _clients_lock:
        _clients.clear()


def callback_url(request: HttpRequest) -> str:
    """The one address the provider sends the citizen back to (register it with the provider)."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("portal-oidc-callback")
    base = str(getattr(settings, "LOKET_PUBLIC_URL", "") or "").rstrip("/")
    return base + path if base else request.build_absolute_uri(path)


def _failed(config: Provider) -> OIDCSignInFailed:
    return OIDCSignInFailed(
        _("We could not sign you in with %(provider)s. Please try again, or ask for a link by e-mail.")
        % {"provider": config.name}
    )


def authorization_redirect(request: HttpRequest, config: Provider, *, language: str) -> HttpResponseRedirect:
    """The redirect to the provider's sign-in page; ``OIDCSignInFailed`` when it cannot be reached."""
    app = client(config)
    try:
        metadata = app.load_server_metadata()
        # OpenID Connect Discovery 1.0, section 4.3: the document must be the issuer's own.
        if metadata.get("issuer") != config.issuer:
            raise ValueError("the discovery document names another issuer")
        response = app.authorize_redirect(request, callback_url(request), ui_locales=language)
    except _PROVIDER_ERRORS as error:
        logger.warning("OIDC: no redirect to %s: %s", config.issuer, type(error).__name__)
        clear_clients()  # the next try fetches the discovery document again
        raise OIDCSignInFailed(
            _("We could not reach %(provider)s. Please try again later, or ask for a link by e-mail.")
            % {"provider": config.name},
            code="oidc_unreachable",
        ) from error
    request.session[LANGUAGE_KEY] = language
    if not isinstance(response, HttpResponseRedirect):  # pragma: no cover - Authlib's contract
        raise TypeError("Authlib returned no redirect")
    return response


def verified_claims(request: HttpRequest, config: Provider) -> dict[str, Any]:
    """The claims of the validated ID token of this callback; ``OIDCSignInFailed`` otherwise."""
    app = client(config)
    error = request.GET.get("error", "")
    if error:
        app.framework.clear_state_data(request.session, request.GET.get("state", ""))
        logger.info("OIDC: %s answered error=%r", config.issuer, error[:50])
        if error in ("access_denied", "login_required", "interaction_required", "consent_required"):
            raise OIDCSignInFailed(
                _(
                    "You stopped signing in with %(provider)s, or %(provider)s did not sign you in. "
                    "You can try again, or ask for a link by e-mail."
                )
                % {"provider": config.name},
                code="oidc_cancelled",
            )
        raise _failed(config)
    try:
        token = app.authorize_access_token(
            request,
            # Authlib checks the issuer of the discovery document; the audience is pinned here too
            # (Authlib alone accepts another ``aud`` when ``azp`` names us).
            claims_options={
                "iss": {"essential": True, "value": config.issuer},
                "aud": {"essential": True, "value": config.client_id},
            },
        )
    except _PROVIDER_ERRORS as failure:
        logger.warning("OIDC: sign-in with %s refused: %s", config.issuer, type(failure).__name__)
        raise _failed(config) from failure
    claims = token.get("userinfo")  # present only when an ID token came and was validated
    if not claims or not claims.get("sub"):
        logger.warning("OIDC: %s sent no ID token", config.issuer)
        raise _failed(config)
    return dict(claims)


def verified_email(claims: dict[str, Any]) -> str:
    """The e-mail claim when the provider vouches for it (``email_verified``), else ""."""
    # Some providers send the boolean as a string.
    if claims.get("email_verified") not in (True, "true"):
        return ""
    email = claims.get("email")
    address = email.strip().lower() if isinstance(email, str) else ""
    try:
        validate_email(address)
    except ValidationError:
        return ""
    return address


def claimed_name(claims: dict[str, Any]) -> str:
    name = claims.get("name")
    if isinstance(name, str) and name.strip():
        return name.strip()
    parts = [claims.get("given_name"), claims.get("family_name")]
    return " ".join(part.strip() for part in parts if isinstance(part, str) and part.strip())

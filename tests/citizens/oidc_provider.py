"""A small, real OpenID Connect provider for the tests: stdlib ``http.server`` on 127.0.0.1, joserfc to sign.

It serves what Loket's client reads: the discovery document, the keys (JWKS: one RSA key made
per test session), ``/authorize`` (the authorization code flow, PKCE S256 only) and ``/token``
(client secret by HTTP Basic, the code once, the PKCE verifier against the challenge). It is
strict where Loket must be, so a test passes only if Loket does the protocol right; a test can
ask it for a bad answer (``Login.tamper``, ``Login.sign_with``, ``Login.error``) to prove that
Loket refuses it.

Never used outside the tests: it signs anyone in who asks.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

CLIENT_ID = "loket-test"
CLIENT_SECRET = "s3cret-for-tests"  # noqa: S105 - a test provider's made-up secret


def new_key(kid: str) -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": kid, "use": "sig", "alg": "RS256"})


@dataclass
class Login:
    """What the provider puts in the next ID token, and how it misbehaves (nothing by default)."""

    claims: dict[str, Any] = field(default_factory=dict)
    sub: str = "subject-1"
    tamper: dict[str, Any] = field(default_factory=dict)  # claims set after the right ones (aud, nonce, exp...)
    sign_with: RSAKey | None = None  # another key than the published one
    error: str = ""  # answer the authorization request with ?error=...
    id_token: bool = True  # False: a token response without an ID token


@dataclass
class Grant:
    login: Login
    client_id: str
    redirect_uri: str
    nonce: str
    challenge: str
    scope: str


class Provider:
    def __init__(self) -> None:
        self.key = new_key("test-key-1")
        self.next_login = Login()
        self.grants: dict[str, Grant] = {}
        self.authorize_requests: list[dict[str, str]] = []
        self.token_requests: list[dict[str, str]] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.issuer = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> Provider:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reset(self, login: Login | None = None) -> None:
        self.next_login = login or Login()
        self.grants.clear()
        self.authorize_requests.clear()
        self.token_requests.clear()

    # --- The endpoints ---

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic"],
        }

    def jwks(self) -> dict[str, Any]:
        return KeySet([self.key]).as_dict(private=False)

    def authorize(self, query: dict[str, str]) -> tuple[int, str]:
        """(status, Location or error text)."""
        self.authorize_requests.append(query)
        redirect_uri, state = query.get("redirect_uri", ""), query.get("state", "")
        if query.get("client_id") != CLIENT_ID or not redirect_uri.startswith(("http://", "https://")):
            return 400, "unknown client or redirect_uri"
        login = self.next_login
        if login.error:
            return 302, redirect_uri + "?" + urlencode({"error": login.error, "state": state})
        if (
            query.get("response_type") != "code"
            or query.get("code_challenge_method") != "S256"
            or not query.get("code_challenge")
            or "openid" not in query.get("scope", "").split()
        ):
            return 302, redirect_uri + "?" + urlencode({"error": "invalid_request", "state": state})
        code = secrets.token_urlsafe(24)
        self.grants[code] = Grant(
            login=login,
            client_id=CLIENT_ID,
            redirect_uri=redirect_uri,
            nonce=query.get("nonce", ""),
            challenge=query["code_challenge"],
            scope=query.get("scope", ""),
        )
        return 302, redirect_uri + "?" + urlencode({"code": code, "state": state})

    def token(self, form: dict[str, str], authorization: str) -> tuple[int, dict[str, Any]]:
        self.token_requests.append(form)
        expected = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if authorization != expected:
            return 401, {"error": "invalid_client"}
        grant = self.grants.pop(form.get("code", ""), None)  # a code works once
        if grant is None or form.get("grant_type") != "authorization_code":
            return 400, {"error": "invalid_grant"}
        if form.get("redirect_uri") != grant.redirect_uri:
            return 400, {"error": "invalid_grant", "error_description": "redirect_uri"}
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if not verifier or challenge != grant.challenge:
            return 400, {"error": "invalid_grant", "error_description": "PKCE"}
        access_token = secrets.token_urlsafe(24)
        answer: dict[str, Any] = {"access_token": access_token, "token_type": "Bearer", "expires_in": 300}
        if grant.login.id_token:
            answer["id_token"] = self.id_token(grant)
        return 200, answer

    def id_token(self, grant: Grant) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": grant.client_id,
            "sub": grant.login.sub,
            "iat": now,
            "exp": now + 300,
            "nonce": grant.nonce,
            **grant.login.claims,
            **grant.login.tamper,
        }
        key = grant.login.sign_with or self.key
        return jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)


def _handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
            pass  # quiet test output

        def _json(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            parts = urlsplit(self.path)
            if parts.path == "/.well-known/openid-configuration":
                self._json(200, provider.discovery())
            elif parts.path == "/jwks":
                self._json(200, provider.jwks())
            elif parts.path == "/authorize":
                query = {key: values[0] for key, values in parse_qs(parts.query).items()}
                status, target = provider.authorize(query)
                self.send_response(status)
                if status == 302:
                    self.send_header("Location", target)
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self._json(404, {"error": "not_found"})

        def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
            if urlsplit(self.path).path != "/token":
                self._json(404, {"error": "not_found"})
                return
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length).decode()
            form = {key: values[0] for key, values in parse_qs(body).items()}
            status, answer = provider.token(form, self.headers.get("Authorization", ""))
            self._json(status, answer)

    return Handler

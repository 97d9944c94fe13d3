"""Two-factor sign-in (TOTP) for staff who see personal data, and when a staff session ends.

Staff holding one of ``PERSON_ROLES`` in any organisation (and superusers) enter a 6-digit code
from an authenticator app after their password; the codes, the device and the throttling of
wrong codes are django-otp's (``TOTPDevice``: each wrong code doubles the wait before the next
try, ``OTP_TOTP_THROTTLE_FACTOR``). Loket writes no TOTP of its own.

``StaffSessionMiddleware`` is the one place that enforces it, after django-otp's
``OTPMiddleware`` (which tells whether this session was verified with a device). On the staff
pages (``/<lang>/staff/``), the admin (``/<lang>/admin/``) and the API (``/api/``, for a session
signed in through the browser) a user who needs a code and has not given one this session is
sent to the code step (the API answers 403 with the usual error body). A system that calls the
API with a token (telephony, e-counters) has no session, so nothing here touches it.

The same middleware ends staff sessions: ``SESSION_COOKIE_AGE`` after signing in, whatever
happens in between, and ``LOKET_STAFF_IDLE_MINUTES`` after the last request a person made (the
background refresh of the desk and reception pages does not count as activity, or a desk left
open would never time out). This module must never grant access to data: it only asks for
proof of who is there.
"""

from __future__ import annotations

import base64
import datetime
import re
import time
from collections.abc import Callable
from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from loket.organisations.selectors import PERSON_ROLES, roles_anywhere

User = AbstractBaseUser | AnonymousUser

# Session keys: when the person signed in (seconds since the epoch) and when they last did something.
AUTH_AT_KEY = "loket_staff_auth_at"
SEEN_AT_KEY = "loket_staff_seen_at"
# The last-seen time is written at most this often: a session write per request would cost a query each.
SEEN_RESOLUTION_SECONDS = 60
DEVICE_NAME = "Loket"

# Pages of the sign-in itself: reachable before the code is given (else nobody could give it).
EXEMPT_URL_NAMES = frozenset(
    {"staff-login", "staff-logout", "staff-otp-verify", "staff-otp-setup", "admin:logout", "admin:login"}
)
# Refreshed by the page itself (HTMX polling), not by the person: not activity.
BACKGROUND_URL_NAMES = frozenset({"queue-staff-desk-waiting", "queue-staff-reception-states"})


def _staff_path_pattern() -> re.Pattern[str]:
    languages = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    return re.compile(rf"^/(?:{languages})/(?:staff|admin)/")


def otp_required_for(user: User) -> bool:
    """Whether ``user`` must give a code: a superuser, or a holder of a personal-data role anywhere."""
    if not user.is_authenticated or not user.is_active:
        return False
    if getattr(user, "is_superuser", False):
        return True
    return bool(roles_anywhere(user=user) & PERSON_ROLES)


def is_verified(user: User) -> bool:
    """Whether this session was verified with a device (``OTPMiddleware`` sets ``is_verified``)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def confirmed_device(user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator (one per person in Loket; the newest if there are more)."""
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).order_by("-pk").first()


def totp_device_for(user: AbstractBaseUser, *, key_hex: str | None = None, confirmed: bool = True) -> TOTPDevice:
    """The user's Loket authenticator, made if missing; ``key_hex`` sets its secret (the demo's known keys).

    For the demo and tests: in production a person sets up their own device (``staff-otp-setup``).
    """
    device = TOTPDevice.objects.filter(user_id=user.pk, name=DEVICE_NAME).order_by("-pk").first()
    if device is None:
        device = TOTPDevice(user=user, name=DEVICE_NAME)
    if key_hex is not None:
        device.key = key_hex
    device.confirmed = confirmed
    device.save()
    return device


def mark_signed_in(request: HttpRequest) -> None:
    """Start the session's clocks; called right after a password or code was accepted."""
    now = int(time.time())
    request.session[AUTH_AT_KEY] = now
    request.session[SEEN_AT_KEY] = now


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    if request.headers.get("HX-Request"):
        # A page fragment asked: let HTMX load the whole page, not the sign-in form inside a box.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


def _with_next(url_name: str, request: HttpRequest) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': request.get_full_path()})}"


class StaffSessionMiddleware:
    """Asks staff who see personal data for their code, and ends idle or day-old staff sessions."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.staff_path = _staff_path_pattern()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        area = "api" if request.path.startswith("/api/") else "staff" if self.staff_path.match(request.path) else ""
        url_name = self._url_name(request) if area or request.headers.get("HX-Request") else ""

        if self._session_ended(request, url_name):
            logout(request)
            if area == "staff":
                messages.info(request, _("You were logged out because the session ran out. Please log in again."))
                return _redirect(request, _with_next("staff-login", request))
            if area == "api":
                return JsonResponse(
                    {"code": "session_expired", "message": _("The session ran out: log in again."), "field": None},
                    status=401,
                )
            return self.get_response(request)

        if (
            area
            and settings.LOKET_STAFF_OTP_REQUIRED
            and url_name not in EXEMPT_URL_NAMES
            and not is_verified(user)
            and otp_required_for(user)
        ):
            if area == "api":
                return JsonResponse(
                    {
                        "code": "otp_required",
                        "message": _("Give the code of your authenticator app on the staff pages first."),
                        "field": None,
                    },
                    status=403,
                )
            return _redirect(request, _with_next("staff-otp-verify", request))
        return self.get_response(request)

    @staticmethod
    def _url_name(request: HttpRequest) -> str:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return ""
        return match.view_name

    @staticmethod
    def _session_ended(request: HttpRequest, url_name: str) -> bool:
        """Whether the session is past its age or idle limit; otherwise notes this request as activity."""
        session = request.session
        now = int(time.time())
        auth_at = session.get(AUTH_AT_KEY)
        clocks_started = isinstance(auth_at, int)
        if not isinstance(auth_at, int):
            # Signed in by a path that did not start the clocks (the admin's own login, a test's
            # force_login): count from the login Django recorded, and keep that once the session
            # is written anyway (a write just for this would cost every first page a query).
            last_login = getattr(request.user, "last_login", None)
            auth_at = int(last_login.timestamp()) if last_login else now
        seen_at = session.get(SEEN_AT_KEY)
        if not isinstance(seen_at, int):
            seen_at = auth_at
        if now - auth_at > settings.SESSION_COOKIE_AGE:
            return True
        if now - seen_at > settings.LOKET_STAFF_IDLE_MINUTES * 60:
            return True
        background = url_name in BACKGROUND_URL_NAMES and bool(request.headers.get("HX-Request"))
        if not background and now - seen_at >= SEEN_RESOLUTION_SECONDS:
            session[SEEN_AT_KEY] = now
            if not clocks_started:
                session[AUTH_AT_KEY] = auth_at
        return False


def throttle_wait(device: TOTPDevice) -> datetime.datetime | None:
    """When the next code may be tried (an aware datetime), or ``None`` when it may be tried now."""
    allowed, details = device.verify_is_allowed()
    if allowed or not details:
        return None
    locked_until = details.get("locked_until")
    return locked_until if isinstance(locked_until, datetime.datetime) else None


class CodeForm(forms.Form):
    """The 6-digit code from the authenticator app (spaces allowed: apps show '123 456')."""

    token = forms.CharField(
        label=gettext_lazy("6-digit code"),
        help_text=gettext_lazy("The code your authenticator app shows now. It changes every 30 seconds."),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*", "size": "8"}
        ),
        error_messages={"required": gettext_lazy("Fill in the 6-digit code.")},
    )

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split())
        if len(token) != 6 or not token.isdigit():
            raise forms.ValidationError(gettext_lazy("The code has 6 digits, e.g. 123456."), code="invalid")
        return token


def secret_in_groups(device: TOTPDevice) -> str:
    """The secret as people type it into an app: base 32, in groups of four ('JBSW Y3DP ...')."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> SafeString:
    """The device's otpauth:// address as an inline SVG QR code, to scan with the app."""
    return mark_safe(segno.make(device.config_url, error="m").svg_inline(border=2, omitsize=True))  # noqa: S308 (segno's SVG)

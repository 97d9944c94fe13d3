"""Staff who see personal data give a TOTP code after their password; staff sessions expire."""

from __future__ import annotations

import datetime
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from loket.core.models import AuditEntry
from loket.organisations import otp
from loket.organisations.models import Role
from tests.factories import LocationFactory, OrganisationFactory, UserFactory, staff_member

pytestmark = [pytest.mark.django_db, pytest.mark.otp]


def url(name: str, lang: str = "en") -> str:
    with translation.override(lang):
        return reverse(name)


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the person's app shows now (or ``steps_ahead`` steps of 30 s later)."""
    if steps_ahead == 0:
        return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    generator.time = time.time() + steps_ahead * device.step
    return f"{generator.token():06d}"


@pytest.fixture
def clerk():  # noqa: ANN201
    return staff_member(OrganisationFactory(), Role.CLERK, username="clerk")


def test_a_clerk_without_a_code_is_sent_to_the_code_step_on_the_staff_pages(client: Client, clerk) -> None:  # noqa: ANN001
    client.force_login(clerk)
    response = client.get(url("staff-home"))
    assert response.status_code == 302
    assert response["Location"].startswith(url("staff-otp-verify"))
    assert "next=%2Fen%2Fstaff%2F" in response["Location"]


def test_a_superuser_without_a_code_is_sent_to_the_code_step_in_the_admin(client: Client) -> None:
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(url("admin:index", "nl"))
    assert response.status_code == 302
    assert response["Location"].startswith(url("staff-otp-verify", "nl"))


def test_a_catalogue_editor_without_personal_data_roles_is_not_asked_for_a_code(client: Client) -> None:
    client.force_login(staff_member(OrganisationFactory(), Role.CATALOGUE_EDITOR))
    assert client.get(url("staff-home")).status_code == 200
    assert client.get(url("catalog-staff-worklist")).status_code == 200


def test_a_clerk_without_a_device_sets_one_up_and_confirms_it_with_a_code(client: Client, clerk) -> None:  # noqa: ANN001
    client.force_login(clerk)
    response = client.get(url("staff-otp-verify") + "?next=/en/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith(url("staff-otp-setup"))
    page = client.get(response["Location"])
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=clerk)
    assert not device.confirmed
    html = page.content.decode()
    assert "<svg" in html
    assert otp.secret_in_groups(device) in html
    assert 'autocomplete="one-time-code"' in html
    assert 'inputmode="numeric"' in html

    done = client.post(url("staff-otp-setup"), {"token": code_for(device), "next": "/en/staff/"})
    assert done.status_code == 302
    assert done["Location"] == "/en/staff/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(url("staff-home")).status_code == 200
    assert AuditEntry.objects.filter(action="staff.otp_setup", object_id=str(clerk.pk)).exists()


def test_setup_is_refused_once_a_device_is_confirmed(client: Client, clerk) -> None:  # noqa: ANN001
    otp.totp_device_for(clerk)
    client.force_login(clerk)
    response = client.get(url("staff-otp-setup"))
    assert response.status_code == 302
    assert response["Location"].startswith(url("staff-otp-verify"))
    assert TOTPDevice.objects.filter(user=clerk).count() == 1


def test_the_right_code_opens_the_staff_pages_for_the_session(client: Client, clerk) -> None:  # noqa: ANN001
    device = otp.totp_device_for(clerk)
    client.force_login(clerk)
    page = client.get(url("staff-otp-verify"))
    assert page.status_code == 200
    assert 'autocomplete="one-time-code"' in page.content.decode()
    session_before = client.session.session_key
    response = client.post(url("staff-otp-verify"), {"token": code_for(device)[:3] + " " + code_for(device)[3:]})
    assert response.status_code == 302
    assert client.session.session_key != session_before  # a new session id after the second factor
    assert client.get(url("staff-home")).status_code == 200
    assert AuditEntry.objects.filter(action="staff.otp_verified", actor=clerk).count() == 1


def test_a_wrong_code_is_refused_audited_and_throttled(client: Client, clerk) -> None:  # noqa: ANN001
    device = otp.totp_device_for(clerk)
    client.force_login(clerk)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post(url("staff-otp-verify"), {"token": wrong})
    assert response.status_code == 400
    assert "This code is not right" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    entry = AuditEntry.objects.get(action="staff.otp_wrong_code")
    assert entry.actor == clerk and entry.changes == {"failures_in_a_row": 1}

    # Within the wait that django-otp sets, even the right code is not tried.
    right = client.post(url("staff-otp-verify"), {"token": code_for(device)})
    assert right.status_code == 400
    assert "Too many wrong codes" in right.content.decode()
    assert client.get(url("staff-home")).status_code == 302

    # Once the wait is over, the right code works.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - datetime.timedelta(minutes=5)
    )
    assert client.post(url("staff-otp-verify"), {"token": code_for(device)}).status_code == 302
    assert client.get(url("staff-home")).status_code == 200


def test_throttling_of_totp_devices_is_on() -> None:
    assert TOTPDevice(user=UserFactory()).throttling_enabled


def test_a_code_that_is_not_six_digits_is_explained_next_to_the_field(client: Client, clerk) -> None:  # noqa: ANN001
    otp.totp_device_for(clerk)
    client.force_login(clerk)
    response = client.post(url("staff-otp-verify"), {"token": "12ab"})
    assert response.status_code == 400
    assert "The code has 6 digits" in response.content.decode()
    assert not AuditEntry.objects.filter(action="staff.otp_wrong_code").exists()


def test_a_code_is_used_once(client: Client, clerk) -> None:  # noqa: ANN001
    device = otp.totp_device_for(clerk)
    code = code_for(device)
    client.force_login(clerk)
    assert client.post(url("staff-otp-verify"), {"token": code}).status_code == 302
    other = Client()
    other.force_login(clerk)
    assert other.post(url("staff-otp-verify"), {"token": code}).status_code == 400


def test_the_login_then_the_code_lead_to_the_page_asked_for(client: Client, clerk) -> None:  # noqa: ANN001
    device = otp.totp_device_for(clerk)
    login = client.post(url("staff-login"), {"username": "clerk", "password": "Loket-test-2026"})
    assert login.status_code == 302
    step = client.get(login["Location"])
    assert step["Location"].startswith(url("staff-otp-verify"))
    done = client.post(step["Location"], {"token": code_for(device), "next": "/en/staff/"})
    assert done["Location"] == "/en/staff/"


def test_an_idle_staff_session_is_logged_out_with_a_message(client: Client, settings) -> None:  # noqa: ANN001
    settings.LOKET_STAFF_OTP_REQUIRED = False  # the idle limit holds whether or not a code is asked
    client.force_login(staff_member(OrganisationFactory(), Role.CATALOGUE_EDITOR))
    assert client.get(url("staff-home")).status_code == 200
    session = client.session
    session[otp.SEEN_AT_KEY] = int(time.time()) - (settings.LOKET_STAFF_IDLE_MINUTES * 60 + 5)
    session.save()
    response = client.get(url("staff-home"), follow=True)
    assert response.redirect_chain[0][0].startswith(url("staff-login"))
    assert "_auth_user_id" not in client.session
    assert "session ran out" in response.content.decode()


def test_a_staff_session_ends_a_working_day_after_signing_in_however_busy(client: Client, settings) -> None:  # noqa: ANN001
    client.force_login(staff_member(OrganisationFactory(), Role.CATALOGUE_EDITOR))
    assert client.get(url("staff-home")).status_code == 200
    session = client.session
    session[otp.AUTH_AT_KEY] = int(time.time()) - settings.SESSION_COOKIE_AGE - 5
    session[otp.SEEN_AT_KEY] = int(time.time()) - 1
    session.save()
    response = client.get(url("staff-home"))
    assert response.status_code == 302
    assert response["Location"].startswith(url("staff-login"))


def test_a_session_in_use_stays(client: Client, settings) -> None:  # noqa: ANN001
    client.force_login(staff_member(OrganisationFactory(), Role.CATALOGUE_EDITOR))
    client.get(url("staff-home"))
    session = client.session
    session[otp.SEEN_AT_KEY] = int(time.time()) - (settings.LOKET_STAFF_IDLE_MINUTES * 60 - 60)
    session.save()
    assert client.get(url("staff-home")).status_code == 200
    assert client.session[otp.SEEN_AT_KEY] >= int(time.time()) - 5


def test_the_api_refuses_a_session_without_the_code(client: Client, clerk) -> None:  # noqa: ANN001
    location = LocationFactory()
    client.force_login(clerk)
    response = client.get(f"/api/v1/locations/{location.slug}/queues/")
    assert response.status_code == 403
    assert response.json()["code"] == "otp_required"


def test_the_api_answers_a_session_with_the_code(client: Client, clerk) -> None:  # noqa: ANN001
    location = LocationFactory()
    device = otp.totp_device_for(clerk)
    client.force_login(clerk)
    client.post(url("staff-otp-verify"), {"token": code_for(device)})
    assert client.get(f"/api/v1/locations/{location.slug}/queues/").status_code == 200


def test_token_authentication_on_the_api_is_not_affected(clerk) -> None:  # noqa: ANN001
    location = LocationFactory()
    token = Token.objects.create(user=clerk)
    api = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api.get(f"/api/v1/locations/{location.slug}/queues/")
    assert response.status_code == 200


def test_the_code_step_is_switched_off_by_the_setting(client: Client, clerk, settings) -> None:  # noqa: ANN001
    settings.LOKET_STAFF_OTP_REQUIRED = False
    client.force_login(clerk)
    assert client.get(url("staff-home")).status_code == 200


def test_totp_device_for_gives_the_demo_a_known_key(clerk) -> None:  # noqa: ANN001
    device = otp.totp_device_for(clerk, key_hex="3132333435363738393031323334353637383930")
    assert device.confirmed
    assert device.bin_key == b"12345678901234567890"
    assert otp.totp_device_for(clerk).pk == device.pk  # the same device, not a second one


def test_otp_code_command_refuses_outside_the_demo(clerk, monkeypatch, settings) -> None:  # noqa: ANN001
    otp.totp_device_for(clerk)
    settings.DEBUG = False
    monkeypatch.delenv("LOKET_DEMO", raising=False)
    with pytest.raises(CommandError, match="demo only"):
        call_command("otp_code", "clerk")


def test_otp_code_command_prints_the_current_code_in_the_demo(clerk, monkeypatch) -> None:  # noqa: ANN001
    device = otp.totp_device_for(clerk)
    monkeypatch.setenv("LOKET_DEMO", "1")
    out = StringIO()
    call_command("otp_code", "clerk", stdout=out)
    assert out.getvalue().strip() in {code_for(device), code_for(device, steps_ahead=1)}

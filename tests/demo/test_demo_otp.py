"""The demo's staff sign in with a second factor too: a published demo key, and `loket otp-code` for the code."""

from __future__ import annotations

import base64
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from loket.cli import LOKET_COMMANDS
from loket.demo import load_demo
from loket.demo.staff import DEMO_TOTP_KEY_HEX, STAFF, demo_totp_key_base32

pytestmark = pytest.mark.django_db


def test_every_demo_login_has_a_confirmed_device_with_the_published_key() -> None:
    assert load_demo() is True
    devices = TOTPDevice.objects.filter(confirmed=True).select_related("user")
    assert {device.user.username for device in devices} == {staff.username for staff in STAFF}
    assert {device.key for device in devices} == {DEMO_TOTP_KEY_HEX}
    printed = demo_totp_key_base32().replace(" ", "")
    assert base64.b32decode(printed + "=" * (-len(printed) % 8)) == bytes.fromhex(DEMO_TOTP_KEY_HEX)


def test_otp_code_prints_the_current_code_only_in_the_demo(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_demo() is True
    assert "otp-code" in LOKET_COMMANDS
    monkeypatch.delenv("LOKET_DEMO", raising=False)
    with pytest.raises(CommandError):
        call_command("otp_code", "kcc")
    monkeypatch.setenv("LOKET_DEMO", "1")
    out = io.StringIO()
    call_command("otp_code", "kcc", stdout=out)
    device = TOTPDevice.objects.get(user__username="kcc")
    # The code of this step or, if the clock ticked over between print and check, of the one before.
    codes = {f"{totp(device.bin_key, device.step, device.t0, device.digits, drift=d):06d}" for d in (0, -1)}
    assert out.getvalue().strip() in codes

"""``loket otp_code <username>``: the current TOTP code of a staff member's device. Demo use only.

A code printed by the server proves nothing about who is at the keyboard, so this refuses to run
unless ``DEBUG`` is on or ``LOKET_DEMO=1`` is set: it is there so that someone trying the demo can
log in as the demo staff (whose devices ``loket demo`` makes with ``otp.totp_device_for``)
without an authenticator app. Never set ``LOKET_DEMO`` on a real Loket.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import totp

from loket.organisations.otp import confirmed_device


class Command(BaseCommand):
    help = (
        "DEMO USE ONLY: print the current 6-digit code of a staff member's authenticator device. "
        "Refuses unless DEBUG is on or LOKET_DEMO=1 is set; never enable either on a real Loket."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="the staff member's user name")

    def handle(self, *args: object, username: str, **options: object) -> None:
        if not (settings.DEBUG or os.environ.get("LOKET_DEMO") == "1"):
            raise CommandError("otp_code is for the demo only: set LOKET_DEMO=1 (or run with DEBUG) to use it.")
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        device = confirmed_device(user)
        if device is None:
            raise CommandError(f"{username} has no confirmed authenticator device.")
        code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{code:0{device.digits}d}")

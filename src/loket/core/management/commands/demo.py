"""``loket demo``: migrate, load the demo organisations and catalogue unless present, serve."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone


class Command(BaseCommand):
    help = "Set up the database, load a realistic demo municipality unless present, and serve it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
        parser.add_argument("--no-serve", action="store_true", help="set up and load, but do not serve")

    def handle(self, *args: object, host: str, port: int, no_serve: bool, **options: object) -> None:
        from loket.demo import DEMO_PASSWORD, demo_logins, demo_screens, load_demo
        from loket.demo.history import load_history
        from loket.demo.staff import demo_totp_key_base32
        from loket.demo.surveys import load_survey_history, survey_tablets

        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        loaded = load_demo(progress=self.stdout)
        self.stdout.write("Demo data loaded." if loaded else "Demo data already present: nothing loaded.")
        if loaded:
            # A year behind the demo day, for the dashboard and the planning (not in load_demo: tests stay quick).
            self.stdout.write("Writing a year of history (visits, calls, survey answers) ...")
            today = timezone.localdate()
            self.stdout.write(load_history(today=today, progress=self.stdout))
            self.stdout.write(load_survey_history(today=today))
            call_command("rollup", stdout=self.stdout)  # the dashboard reads the closed days from it
        call_command("search_index", verbosity=0)  # vectors for search by meaning, computed once
        base = f"http://{host}:{port}"
        # The links in the demo's e-mails (manage, cancel) point at this very server.
        os.environ.setdefault("LOKET_PUBLIC_URL", base + "/")
        settings.LOKET_PUBLIC_URL = os.environ["LOKET_PUBLIC_URL"]
        self.stdout.write("\nLoket demo")
        self.stdout.write(f"  Citizens:        {base}/nl/   {base}/fr/   {base}/en/")
        self.stdout.write(f"  Staff:           {base}/nl/staff/")
        self.stdout.write(f"  Clerk's desk:    {base}/nl/staff/queue/   reception: {base}/nl/staff/queue/reception/")
        for slug, key in demo_screens():
            self.stdout.write(f"  Kiosk:           {base}/nl/kiosk/{slug}/")
            self.stdout.write(f"  Display screen:  {base}/nl/display/{key}/")
        self.stdout.write(f"  Mijn loket:      {base}/nl/mijn-loket/   (any e-mail address: its link is printed below)")
        self.stdout.write(f"  Contact centre:  {base}/nl/staff/contacts/")
        for slug, key in survey_tablets():
            self.stdout.write(f"  Exit tablet:     {base}/nl/survey/tablet/{slug}/{key}/")
        self.stdout.write(f"  Set-up (admin):  {base}/nl/admin/")
        self.stdout.write(f"  API docs:        {base}/api/docs/")
        self.stdout.write(f"\nStaff logins (password for all: {DEMO_PASSWORD}):")
        logins = demo_logins()
        width = max((len(username) for username, _ in logins), default=0) + 2
        for username, description in logins:
            self.stdout.write(f"  {username:<{width}}{description}")
        self.stdout.write(
            "\nStaff who see personal data give a 6-digit code after the password (two-factor sign-in)."
            f"\n  Add this key to an authenticator app (the same for every demo login): {demo_totp_key_base32()}"
            "\n  or, in another terminal: LOKET_DEMO=1 .venv/bin/loket otp-code USERNAME"
        )
        self.stdout.write("")
        if not no_serve:
            self._start_background()
            call_command("serve", host=host, port=port)

    def _start_background(self) -> None:
        """The jobs a demo needs beside the web server: e-mails and SMS out of the outbox (printed
        here, with the console e-mail backend), reminders, no-shows and waiting-list offers.

        Child processes of this one: they stop with it (Ctrl+C reaches the whole process group).
        In production they are separate services (docs/operations.md).
        """
        for command in ("outbox", "sweep"):
            subprocess.Popen(  # noqa: S603 - our own interpreter and a fixed command
                [sys.executable, "-c", f"from loket.cli import main; main(['loket', '{command}', '--interval', '10'])"]
            )
        self.stdout.write("Delivering e-mails and SMS (printed below) and running the appointment and queue sweep.\n")

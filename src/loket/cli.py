"""The ``loket`` command: Loket's management commands, with the demo's settings defaults.

``loket demo``, ``loket serve``, ``loket worker`` and ``loket catalog ...`` are Django management
commands; this entry point only sets the settings module (and plain HTTP for the local demo).
"""

from __future__ import annotations

import os
import sys

LOKET_COMMANDS = {
    "demo": "migrate, load the demo data unless present, and serve it",
    "serve": "serve Loket with gunicorn",
    "worker": "run background jobs (e-mail, reminders, retention)",
    "outbox": "deliver due e-mails and SMS (a sweep beside the worker)",
    "sweep": "reminders, no-shows, waiting-list offers and closing the queues, by the clock",
    "catalog": "export or import the catalogue (CPSV-AP JSON-LD)",
    "search_index": "compute the stored search vectors of the catalogue",
    "rollup": "recompute the dashboard's daily roll-up for a range of closed days (nightly in sweep)",
    "retention": "anonymise or delete the personal data whose retention period is over (daily; also in sweep)",
    "otp-code": "DEMO ONLY: print a demo staff member's current two-factor code (needs LOKET_DEMO=1)",
}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.settings")
    if len(argv) > 1 and argv[1] == "demo":
        # The demo runs on http://127.0.0.1: cookies cannot be "secure" there.
        os.environ.setdefault("LOKET_HTTPS", "0")
    if len(argv) < 2 or argv[1] in {"-h", "--help", "help"} and len(argv) == 2:
        print("usage: loket COMMAND [options]\n\nCommands:")
        for name, text in LOKET_COMMANDS.items():
            print(f"  {name:<13} {text}")
        print("\n'loket COMMAND --help' tells more; every Django management command works too.")
        return
    if len(argv) > 1 and argv[1] in LOKET_COMMANDS:
        argv[1] = argv[1].replace("-", "_")  # `loket otp-code` is the management command otp_code
    from django.core.management import execute_from_command_line

    execute_from_command_line(["loket", *argv[1:]])


if __name__ == "__main__":
    main()

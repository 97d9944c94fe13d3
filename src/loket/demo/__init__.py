"""The demo data set of ``loket demo``: a Mechelen-like city, its social house and partners, and a
bilingual Brussels regional body, with a catalogue of realistic services in three languages and a
staff login for every role.

The public interface is ``DEMO_PASSWORD``, ``demo_logins()``, ``demo_screens()`` and ``load_demo()``. The data lives
in plain modules (``organisations``, ``catalogue``, ``life_events``, ``staff``) and ``loader``
writes it; importing this package does not touch the database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from loket.demo.staff import DEMO_PASSWORD, STAFF

if TYPE_CHECKING:
    from loket.demo.loader import Progress

__all__ = ["DEMO_PASSWORD", "demo_logins", "demo_screens", "load_demo"]


def demo_logins() -> list[tuple[str, str]]:
    """Every demo login as (username, role and organisation), in the order to print them."""
    return [(staff.username, staff.description) for staff in STAFF]


def demo_screens() -> list[tuple[str, str]]:
    """(location slug, display screen key) of the demo locations with a queue: for the links ``loket demo`` prints."""
    from loket.demo.queues import QUEUES
    from loket.queueing.models import DisplayScreen

    slugs = list(dict.fromkeys(queue.location for queue in QUEUES))
    screens = DisplayScreen.objects.filter(location__slug__in=slugs).order_by("pk")
    found = list(screens.values_list("location__slug", "public_key"))
    return sorted(found, key=lambda screen: slugs.index(screen[0]))


def load_demo(progress: Progress | None = None) -> bool:
    """Load the demo data in one transaction; ``False`` when it is already present (idempotent).

    ``progress`` is an optional text stream (a management command's ``stdout``) for a few lines
    of what was loaded.
    """
    # Imported here so that reading the logins needs no configured Django.
    from loket.demo.loader import load_demo as load

    return load(progress)

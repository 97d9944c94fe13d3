"""The simulated people of the load benchmark, for locust (``run.py`` starts it headless; not a test).

``LOAD_SCENARIO`` picks who runs, ``LOAD_FIXTURE`` is what ``run.py`` set up (a JSON file), and
``LOAD_OUT`` receives every request (name, status, milliseconds, end time) and the scenario's
extras when locust quits. Each user connects from its own loopback address (127.x.y.z), so the
per-client limits count each person, kiosk, clerk and screen apart, as in a real hall.

- ``alone``: ``AloneUser``, one at a time: the trivial view, the free times and a booking at a
  quiet location, in turn (what each costs without a queue).
- ``ceiling``: ``PingUser`` asks the trivial JSON view without pause.
- ``rush``: ``Citizen`` asks the free times, fills in the form (5-15 s), books one of the free
  times at random; taken (409): picks one of the alternatives (1-3 s), or asks the free times
  again when there are none; gives up after six tries or when nothing is free.
- ``day``: ``Kiosk`` serves the day's schedule of check-ins and walk-ins at its compressed times
  (start page, then the form's POST); ``Clerk`` calls, starts and finishes at its desk through the
  staff pages, serving for a log-normal time compressed like the day, and polls its waiting count
  every 2 s while idle; ``Screen`` polls its display's ``calls.json`` every second.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import random
import re
import time
from collections import deque
from pathlib import Path
from typing import Any

import gevent
from locust import HttpUser, constant, constant_pacing, events, task
from locust.env import Environment
from locust.exception import StopUser
from urllib3 import PoolManager

SCENARIO = os.environ.get("LOAD_SCENARIO", "ceiling")
FIXTURE: dict[str, Any] = (
    json.loads(Path(os.environ["LOAD_FIXTURE"]).read_text()) if "LOAD_FIXTURE" in os.environ else {}
)
RECORDS: list[tuple[str, int, float, float]] = []
EXTRA: dict[str, Any] = {"booked": [], "gave_up": 0, "lags": []}
STATE: dict[str, Any] = {"environment": None, "spawned": False, "day_start": None, "kiosks": 0, "clerks": 0}
MAX_TRIES = 6
IDLE_POLL_SECONDS = 2.0
LANGUAGE = "nl"

_addresses = itertools.count()


@events.init.add_listener
def _init(environment: Environment, **_kwargs: Any) -> None:
    STATE["environment"] = environment


@events.request.add_listener
def _record(name: str, response_time: float, response: Any = None, **_kwargs: Any) -> None:
    RECORDS.append((name, int(getattr(response, "status_code", 0) or 0), response_time, time.time()))


@events.spawning_complete.add_listener
def _spawned(user_count: int, **_kwargs: Any) -> None:
    STATE["spawned"] = True
    STATE["day_start"] = time.time() + 2.0  # every user has done its on_start by then

    def quit_when_everyone_is_done() -> None:
        runner = STATE["environment"].runner
        while runner.user_count > 0:
            gevent.sleep(0.5)
        runner.quit()

    gevent.spawn(quit_when_everyone_is_done)


@events.quitting.add_listener
def _write(**_kwargs: Any) -> None:
    Path(os.environ["LOAD_OUT"]).write_text(json.dumps({"records": RECORDS, "extra": EXTRA}))


class LoopbackUser(HttpUser):
    """A user with a loopback address of its own (``127.<block>.y.z``), one connection at a time."""

    abstract = True
    block = 5

    def __init__(self, environment: Environment) -> None:
        number = next(_addresses)
        self.source = f"127.{self.block}.{number // 250}.{number % 250 + 1}"
        self.pool_manager = PoolManager(num_pools=2, maxsize=1, source_address=(self.source, 0))
        super().__init__(environment)

    def csrf(self) -> dict[str, str]:
        return {"X-CSRFToken": self.client.cookies.get("csrftoken") or ""}


# --- The ceiling -------------------------------------------------------------------------------


class PingUser(LoopbackUser):
    block = 5
    wait_time = constant(0)

    @task
    def ping(self) -> None:
        self.client.get("/bench/ping/", name="trivial JSON view")


class AloneUser(LoopbackUser):
    """One user, one request at a time: what each request costs the server without a queue."""

    block = 6
    wait_time = constant(0)

    def on_start(self) -> None:
        self.number = 0

    @task
    def each_in_turn(self) -> None:
        self.number += 1
        self.client.get("/bench/ping/", name="trivial JSON view (alone)")
        query = {
            "services": FIXTURE["service"],
            "location": FIXTURE["quiet_location"],
            "from": FIXTURE["day"],
            "to": FIXTURE["day_after"],
        }
        with self.client.get(
            "/api/v1/availability/", params=query, name="availability (alone)", catch_response=True
        ) as answer:
            slots = answer.json()["slots"] if answer.status_code == 200 else []
        if not slots:
            return
        body = {
            "services": [FIXTURE["service"]],
            "location": FIXTURE["quiet_location"],
            "start": slots[0]["start"],
            "name": f"Proef {self.number}",
            "email": f"proef{self.number}@example.be",
            "language": LANGUAGE,
        }
        self.client.post("/api/v1/appointments/", json=body, name="booking (alone)")


# --- The rush ----------------------------------------------------------------------------------

_citizens = itertools.count()


class Citizen(LoopbackUser):
    block = 1
    wait_time = constant(0)

    def free_times(self, name: str) -> list[str]:
        query = {
            "services": FIXTURE["service"],
            "location": FIXTURE["location"],
            "from": FIXTURE["day"],
            "to": FIXTURE["day_after"],
        }
        with self.client.get("/api/v1/availability/", params=query, name=name, catch_response=True) as answer:
            if answer.status_code != 200:
                answer.failure(answer.status_code)
                return []
            return [slot["start"] for slot in answer.json()["slots"]]

    @task
    def book(self) -> None:
        number = next(_citizens)
        rng = random.Random(number)
        choices = self.free_times("availability")
        status = 0
        gevent.sleep(rng.uniform(5, 15))  # reading, choosing, filling in the form
        for _try in range(MAX_TRIES):
            if not choices:
                break
            body = {
                "services": [FIXTURE["service"]],
                "location": FIXTURE["location"],
                "start": rng.choice(choices),
                "name": f"Burger {number}",
                "email": f"burger{number}@example.be",
                "language": LANGUAGE,
            }
            with self.client.post("/api/v1/appointments/", json=body, name="booking", catch_response=True) as answer:
                status = answer.status_code
                if status == 201:
                    EXTRA["booked"].append(answer.json()["reference"])
                elif status == 409:
                    answer.success()  # a taken time is an answer, not a failure
                    choices = [slot["start"] for slot in answer.json().get("alternatives", [])]
                else:
                    answer.failure(status)
            if status != 409:
                break
            gevent.sleep(rng.uniform(1, 3))
            if not choices:
                choices = self.free_times("availability (again)")
        if status != 201:
            EXTRA["gave_up"] += 1
        self.done()

    def done(self) -> None:
        """Stop, but not before every citizen has arrived: locust replaces a user that stops earlier."""
        while not STATE["spawned"]:
            gevent.sleep(0.5)
        raise StopUser  # outside any ``with``: locust reports a request only when its block ends normally


# --- The day -----------------------------------------------------------------------------------

SCHEDULE: deque[dict[str, Any]] = deque(FIXTURE.get("events", []))
CLERKS: deque[dict[str, Any]] = deque(FIXTURE.get("clerks", []))
SCREENS: deque[str] = deque(FIXTURE.get("screens", []))
COMPRESSION = float(FIXTURE.get("compression", 1.0))
CURRENT = re.compile(r"/staff/queue/tickets/(\d+)/(?:start|finish)/")  # the ticket at the desk
WAITING = re.compile(r'class="big-count">(\d+)<')


def wait_for_the_day() -> None:
    while STATE["day_start"] is None or time.time() < STATE["day_start"]:
        gevent.sleep(0.1)


class Kiosk(LoopbackUser):
    block = 2
    wait_time = constant(0)
    fixed_count = int(FIXTURE.get("kiosks", 0))

    def on_start(self) -> None:
        STATE["kiosks"] += 1
        self.path = f"/{LANGUAGE}/kiosk/{FIXTURE['location']}/"
        self.client.get(self.path, name="kiosk start page")  # also sets the CSRF cookie

    def on_stop(self) -> None:
        STATE["kiosks"] -= 1

    @task
    def next_visitor(self) -> None:
        wait_for_the_day()
        if not SCHEDULE:
            raise StopUser
        event = SCHEDULE.popleft()
        delay = STATE["day_start"] + event["at"] - time.time()
        if delay > 0:
            gevent.sleep(delay)
        EXTRA["lags"].append(max(0.0, -delay))
        if event["kind"] == "walk-in":
            self.client.post(
                f"{self.path}ticket/", data={"choice": event["choice"]}, headers=self.csrf(), name="ticket drawn"
            )
        else:
            self.client.post(
                f"{self.path}check-in/", data={"reference": event["reference"]}, headers=self.csrf(), name="check-in"
            )
        self.client.get(self.path, name="kiosk start page")  # the kiosk goes back to its start


class Clerk(LoopbackUser):
    block = 3
    wait_time = constant(0)
    fixed_count = len(FIXTURE.get("clerks", []))

    def on_start(self) -> None:
        STATE["clerks"] += 1
        self.me = CLERKS.popleft()
        self.rng = random.Random(self.me["session"])
        self.client.cookies.set("sessionid", self.me["session"])
        self.waiting = self.desk_page()  # also sets the CSRF cookie

    def on_stop(self) -> None:
        STATE["clerks"] -= 1

    def desk_page(self) -> int:
        page = self.client.get("/nl/staff/queue/", name="desk page").text
        self.current = next(iter(CURRENT.findall(page)), None)
        found = WAITING.search(page)
        return int(found.group(1)) if found else 0

    def service_seconds(self) -> float:
        minutes = self.rng.lognormvariate(math.log(self.me["minutes"]), 0.4)
        return minutes * 60 / COMPRESSION

    @task
    def work(self) -> None:
        wait_for_the_day()
        if self.waiting <= 0:
            fragment = self.client.get(
                "/nl/staff/queue/desk/waiting/", headers={"HX-Request": "true"}, name="waiting count"
            ).text
            found = WAITING.search(fragment)
            self.waiting = int(found.group(1)) if found else 0
            if self.waiting <= 0:
                if STATE["kiosks"] <= 0 and not SCHEDULE:
                    raise StopUser  # the day is over for this desk
                gevent.sleep(IDLE_POLL_SECONDS)
                return
        self.client.post("/nl/staff/queue/desk/call/", headers=self.csrf(), allow_redirects=False, name="call next")
        self.waiting = self.desk_page()
        if self.current is None:
            gevent.sleep(IDLE_POLL_SECONDS)  # another desk was quicker
            return
        ticket = self.current
        self.client.post(
            f"/nl/staff/queue/tickets/{ticket}/start/", headers=self.csrf(), allow_redirects=False, name="start"
        )
        self.desk_page()
        gevent.sleep(self.service_seconds())
        self.client.post(
            f"/nl/staff/queue/tickets/{ticket}/finish/",
            data={"services": [self.me["service"]]},
            headers=self.csrf(),
            allow_redirects=False,
            name="finish",
        )
        self.waiting = self.desk_page()


class Screen(LoopbackUser):
    block = 4
    wait_time = constant_pacing(1.0)
    fixed_count = len(FIXTURE.get("screens", []))

    def on_start(self) -> None:
        self.path = f"/{LANGUAGE}/display/{SCREENS.popleft()}/calls.json"

    @task
    def poll(self) -> None:
        wait_for_the_day()
        if STATE["clerks"] <= 0 and STATE["kiosks"] <= 0:
            raise StopUser
        self.client.get(self.path, name="display poll")


SCENARIOS: dict[str, list[type[LoopbackUser]]] = {
    "alone": [AloneUser],
    "ceiling": [PingUser],
    "rush": [Citizen],
    "day": [Kiosk, Clerk, Screen],
}
USERS = SCENARIOS[SCENARIO]
for _user in (AloneUser, PingUser, Citizen, Kiosk, Clerk, Screen):
    _user.abstract = _user not in USERS
del _user  # locust would take the name for one more user class

"""``loket plan``: one interval's staffing (text and JSON), bad input, the week plan and the simulation."""

from __future__ import annotations

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from loket.contacts.models import Contact, ContactChannel, Outcome
from tests.factories import LocationFactory

EXAMPLE = [
    "--arrivals", "100", "--interval-minutes", "30", "--handle-seconds", "180",
    "--target-level", "0.8", "--target-seconds", "20",
]  # fmt: skip


def run(*args: str) -> str:
    out = StringIO()
    call_command("plan", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_staffing_prints_agents_and_achieved_figures() -> None:
    text = run("staffing", *EXAMPLE, "--shrinkage", "0.3")
    assert "agents on the phone:      14" in text
    assert "staff to roster:          20" in text
    assert "service level:            88.8% within 20 s" in text
    assert "occupancy:                71.4%" in text
    assert "probability of waiting:   17.4%" in text
    assert "average speed of answer:  7.8 s" in text


def test_staffing_json_has_exactly_the_documented_keys() -> None:
    data = json.loads(run("staffing", *EXAMPLE, "--max-occupancy", "0.85", "--json"))
    assert set(data) == {"agents", "service_level", "occupancy", "probability_wait", "average_speed_of_answer_seconds"}
    assert data["agents"] == 14
    assert data["service_level"] == pytest.approx(0.8884, abs=1e-4)
    assert data["average_speed_of_answer_seconds"] == pytest.approx(7.84, abs=0.01)


def test_staffing_json_agents_include_shrinkage() -> None:
    assert json.loads(run("staffing", *EXAMPLE, "--shrinkage", "0.3", "--json"))["agents"] == 20


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--arrivals", "-5"], "arrivals must not be negative"),
        (["--target-level", "1.5"], "target level must lie strictly between 0 and 1"),
        (["--target-level", "0"], "target level must lie strictly between 0 and 1"),
        (["--max-occupancy", "0"], "maximum occupancy must lie in (0, 1]"),
        (["--max-occupancy", "1.1"], "maximum occupancy must lie in (0, 1]"),
        (["--shrinkage", "1"], "shrinkage must lie in [0, 1)"),
        (["--handle-seconds", "0"], "handle (service) time must be longer than 0"),
    ],
)
def test_bad_input_is_a_clear_error_with_exit_code_2(extra: list[str], message: str) -> None:
    with pytest.raises(CommandError) as error:
        run("staffing", *EXAMPLE, *extra)
    assert message in str(error.value)
    assert error.value.returncode == 2


def test_staffing_without_arrivals_or_week_says_what_to_give() -> None:
    with pytest.raises(CommandError, match="give --arrivals") as error:
        run("staffing")
    assert error.value.returncode == 2


def test_bad_week_is_refused() -> None:
    with pytest.raises(CommandError, match="2026-W10") as error:
        run("staffing", "--location", "x", "--week", "2026-10")
    assert error.value.returncode == 2


@pytest.mark.django_db
def test_unknown_location_is_refused() -> None:
    with pytest.raises(CommandError, match="no location"):
        run("staffing", "--location", "nowhere", "--week", "2026-W10")


@pytest.mark.django_db
def test_week_plan_from_stored_calls() -> None:
    location = LocationFactory()
    organisation = location.organisation
    brussels = datetime.timezone(datetime.timedelta(hours=1))  # winter time in Brussels
    # Four weeks of January-February 2026: on weekdays 6 calls at 10:00 and 2 at 14:00.
    day = datetime.date(2026, 1, 12)
    contacts = []
    while day < datetime.date(2026, 2, 9):
        if day.weekday() < 5:
            for hour, count in ((10, 6), (14, 2)):
                contacts += [
                    Contact(
                        organisation=organisation,
                        registered_by=organisation,
                        channel=ContactChannel.PHONE,
                        started_at=datetime.datetime.combine(day, datetime.time(hour, 5 * i), tzinfo=brussels),
                        outcome=Outcome.ANSWERED,
                    )
                    for i in range(count)
                ]
        day += datetime.timedelta(days=1)
    Contact.objects.bulk_create(contacts)
    text = run("staffing", "--location", location.slug, "--week", "2026-W07", "--history-weeks", "4")
    lines = text.splitlines()
    assert "week 2026-W07 (2026-02-09 to 2026-02-15)" in lines[0]
    row_10 = next(line for line in lines if line.startswith("10:00"))
    assert row_10.split()[1].startswith("6.0/")  # Monday at 10: six calls forecast
    assert "calls forecast" in lines[-1]

    data = json.loads(
        run("staffing", "--location", location.slug, "--week", "2026-W07", "--history-weeks", "4", "--json")
    )
    assert len(data) == 7 * 24
    monday_10 = data[10]
    assert monday_10["start"] == "2026-02-09T10:00:00+01:00"
    assert monday_10["forecast"] == pytest.approx(6.0, abs=0.01)
    assert monday_10["agents"] >= 1


@pytest.mark.django_db
def test_week_plan_without_history_says_so() -> None:
    location = LocationFactory()
    with pytest.raises(CommandError, match="no counters history"):
        run("staffing", "--location", location.slug, "--week", "2026-W07", "--for", "counters")


def test_simulate_reports_both_kinds_of_wait() -> None:
    data = json.loads(run("simulate", "--replications", "5", "--seed", "3", "--json", "--no-progress"))
    assert data["replications"] == 5
    assert set(data["walk_ins"]) == {"served", "mean_minutes", "median_minutes", "p90_minutes", "share_within_target"}
    assert data["appointments"]["served"] > 0
    assert run("simulate", "--replications", "5", "--seed", "3", "--json", "--no-progress") == json.dumps(data) + "\n"


def test_simulate_shows_a_progress_bar_on_stderr() -> None:
    err = StringIO()
    call_command("plan", "simulate", "--replications", "3", stdout=StringIO(), stderr=err)
    assert "3/3" in err.getvalue()


def test_simulate_refuses_zero_replications() -> None:
    with pytest.raises(CommandError, match="at least 1") as error:
        run("simulate", "--replications", "0")
    assert error.value.returncode == 2


# --- per queue and per service -----------------------------------------------------------------------


@pytest.fixture
def hall():  # noqa: ANN201 - a Hall
    from django.utils import translation

    from loket.queueing.models import QueueKind
    from tests.planning.helpers import add_bookings, add_session, add_tickets, make_hall

    with translation.override("en"):
        hall = make_hall()
    add_tickets(hall.location, slug="theme", kind=QueueKind.THEME, prefix="T", per_hour=((9, 24), (15, 8)))
    add_bookings(hall, hall.passport, per_hour=((10, 2),))
    add_session(hall, [hall.passport, hall.civil])  # civil status can be booked too, but never was
    return hall


WEEK = ["--week", "2026-W07", "--history-weeks", "12"]
COUNTERS = [*WEEK, "--for", "counters", "--handle-seconds", "360", "--target-level", "0.9", "--target-seconds", "600"]


@pytest.mark.django_db
def test_counters_json_has_every_queue_and_service_beside_the_total(hall) -> None:  # noqa: ANN001
    data = json.loads(run("staffing", "--location", hall.location.slug, *COUNTERS, "--json"))
    assert len(data) == 7 * 24
    monday_9 = data[9]
    assert {"start", "forecast", "desks", "queues", "services"} <= set(monday_9)
    assert set(monday_9["queues"]) == {"quick", "theme"}
    quick, theme = monday_9["queues"]["quick"], monday_9["queues"]["theme"]
    assert theme["forecast"] == pytest.approx(2 * quick["forecast"], rel=0.05)
    assert monday_9["forecast"] == pytest.approx(quick["forecast"] + theme["forecast"], abs=0.02)
    assert monday_9["desks"] == quick["desks"] + theme["desks"]
    assert data[10]["services"]["passport"] == pytest.approx(2, rel=0.05)
    assert data[10]["services"]["civil"] == 0


@pytest.mark.django_db
def test_one_queue_with_queue(hall) -> None:  # noqa: ANN001
    data = json.loads(run("staffing", "--location", hall.location.slug, *COUNTERS, "--queue", "theme", "--json"))
    assert set(data[9]["queues"]) == {"theme"}
    assert data[9]["forecast"] == data[9]["queues"]["theme"]["forecast"]
    assert data[9]["forecast"] == pytest.approx(24, rel=0.05)

    text = run("staffing", "--location", hall.location.slug, *COUNTERS, "--queue", "theme")
    assert "queue theme counters forecast" in text.splitlines()[0]
    assert "walk-ins per queue" in text
    assert "all queues" not in text


@pytest.mark.django_db
def test_counters_text_lists_each_queue_the_total_and_the_bookings(hall) -> None:  # noqa: ANN001
    lines = run("staffing", "--location", hall.location.slug, *COUNTERS).splitlines()
    quick = next(line for line in lines if line.startswith("quick "))
    theme = next(line for line in lines if line.startswith("theme "))
    total = next(line for line in lines if line.startswith("all queues"))
    assert int(theme.split()[1]) == pytest.approx(2 * int(quick.split()[1]), abs=2)
    assert int(total.split()[2]) == int(quick.split()[1]) + int(theme.split()[1])
    passport = next(line for line in lines if line.startswith("passport "))
    assert float(passport.split()[-1]) == pytest.approx(10, rel=0.05)  # 2 a weekday
    assert "(no bookings in the history)" not in passport
    civil = next(line for line in lines if line.startswith("civil "))
    assert civil.split()[1:9] == ["0.0"] * 8
    assert "(no bookings in the history)" in civil


@pytest.mark.django_db
def test_calls_json_keeps_its_keys_and_adds_the_services(hall) -> None:  # noqa: ANN001
    data = json.loads(run("staffing", "--location", hall.location.slug, *WEEK, "--json"))
    assert set(data[10]) == {"start", "forecast", "agents", "services"}


@pytest.mark.django_db
def test_queue_needs_the_counters(hall) -> None:  # noqa: ANN001
    with pytest.raises(CommandError, match="--for counters") as error:
        run("staffing", "--location", hall.location.slug, *WEEK, "--queue", "quick")
    assert error.value.returncode == 2


@pytest.mark.django_db
def test_unknown_queue_is_refused(hall) -> None:  # noqa: ANN001
    with pytest.raises(CommandError, match="no queue with slug 'nowhere'") as error:
        run("staffing", "--location", hall.location.slug, *COUNTERS, "--queue", "nowhere")
    assert error.value.returncode == 2

"""A manager plans next week in Dutch: changes the week and the location by keyboard, downloads the CSV,
then plans the counters queue by queue.

axe-core checks the page against WCAG 2.1 A/AA, with a plan, per queue, and with bad input.
Screenshots of the page in Dutch, French and English land in test-artifacts/ (and
/tmp/shots-planning/ when that folder exists), the print view too.
"""

from __future__ import annotations

import csv
import datetime
import io
import shutil
from pathlib import Path

import pytest
from django.utils import translation

from loket.planning import views
from tests.browser.conftest import assert_no_axe_violations, log_in, screenshot, tab_to
from tests.factories import LocationFactory
from tests.planning.helpers import NOW, Hall, add_appointments, add_bookings, add_session, add_tickets, make_hall

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = Path("/tmp/shots-planning")  # noqa: S108 - a folder for people to look at, when it exists


@pytest.fixture
def hall(monkeypatch: pytest.MonkeyPatch) -> Hall:
    monkeypatch.setattr(views, "_clock", lambda: NOW.astimezone(datetime.UTC))
    with translation.override("en"):
        hall = make_hall()
        LocationFactory(
            organisation=hall.location.organisation, slug="zz-annex", name_nl="Dienstencentrum", name_en="Annex"
        )
        add_tickets(
            hall.location,
            slug="theme",
            kind="theme",
            prefix="T",
            names={"nl": "Themaloket", "fr": "Guichet thématique", "en": "Theme counter"},
            per_hour=((9, 24), (10, 16), (15, 8)),
        )
    add_session(hall, [hall.passport, hall.civil], hours=3)
    add_appointments(hall, hall.passport, per_week=8, ahead=15)
    add_bookings(hall, hall.passport, per_hour=((10, 2), (20, 1)))
    return hall


COUNTERS = (
    "week=2026-W07&plan_for=counters&call_level=80&call_seconds=20&call_handle_seconds=180&counter_level=90"
    "&counter_minutes=10&counter_service_minutes=6&max_occupancy=85&shrinkage=0&target_days=10"
)


def shot(page, name: str) -> None:  # noqa: ANN001
    path = screenshot(page, name)
    if SHOTS.is_dir():
        shutil.copy(path, SHOTS / path.name)


def test_manager_plans_the_week_in_dutch_by_keyboard(page, hall: Hall) -> None:  # noqa: ANN001
    log_in(page, "manager", "nl")
    page.goto("/nl/staff/planning/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("#id_week").input_value() == "2026-W07"
    assert page.locator(".plan-table caption").is_visible()
    assert page.locator(".plan-table tbody th[scope=row]").first.inner_text() != ""
    assert page.locator(".capacity-table tbody tr").count() == 2
    assert_no_axe_violations(page)
    shot(page, "planning-week-nl")

    # The next week, by keyboard: Tab to the link and Enter.
    tab_to(page, "a[rel=next]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "week=2026-W08" in page.url
    assert page.locator("#id_week").input_value() == "2026-W08"

    # Another location: Tab to the list, choose with the arrow keys, submit with Enter.
    tab_to(page, "#id_location")
    page.keyboard.press("ArrowDown")
    assert page.locator("#id_location").input_value() == "zz-annex"
    tab_to(page, ".planning-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "location=zz-annex" in page.url
    assert "Dienstencentrum" in page.locator("h1").inner_text()

    # The counters of the annex have no history yet: said in words, nothing else computed.
    tab_to(page, "#id_plan_for_0")  # a radio group is one Tab stop; the arrows choose
    page.keyboard.press("ArrowDown")
    assert page.locator("#id_plan_for_1").is_checked()
    tab_to(page, ".planning-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".planning-empty").first.is_visible()
    assert page.locator(".plan-table").count() == 0
    assert_no_axe_violations(page)

    # Back to the town hall's calls, and the CSV by keyboard.
    page.goto(f"/nl/staff/planning/?location={hall.location.slug}&week=2026-W07&plan_for=calls"
              "&call_level=80&call_seconds=20&call_handle_seconds=180&counter_level=90&counter_minutes=10"
              "&counter_service_minutes=6&max_occupancy=85&shrinkage=0&target_days=10")  # fmt: skip
    tab_to(page, "a[download]")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename == f"planning-{hall.location.slug}-2026-W07-calls.csv"
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))
    assert len(rows) == 1 + 7 * 24
    assert rows[1 + 10][:2] == ["2026-02-09", "10:00"]

    page.emulate_media(media="print")
    assert not page.locator(".planning-form").is_visible()
    shot(page, "planning-week-nl-print")
    page.emulate_media(media="screen")


def test_manager_plans_the_counters_queue_by_queue_by_keyboard(page, hall: Hall) -> None:  # noqa: ANN001
    log_in(page, "manager", "nl")
    page.goto(f"/nl/staff/planning/?location={hall.location.slug}&queue=&{COUNTERS}")
    # Every queue together, then each queue: a chart and the same figures in a table.
    assert page.locator("#plan-heading").inner_text() == "Bezoekers en loketten"
    assert page.locator("svg[role=img]").count() == 2  # the queues and the services
    rows = page.locator(".queue-table tbody tr")
    assert rows.count() == 2
    assert "Themaloket" in rows.nth(1).inner_text()
    assert page.locator(".queue-table tfoot th").inner_text() != ""
    assert page.locator(".demand-table tbody tr").count() == 2
    assert_no_axe_violations(page)
    shot(page, "planning-counters-nl")

    # One queue, by keyboard: Tab to the list, the arrows choose, Enter submits.
    tab_to(page, "#id_queue")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.locator("#id_queue").input_value() == "theme"
    tab_to(page, ".planning-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "queue=theme" in page.url
    assert "Themaloket" in page.locator("#plan-heading").inner_text()
    assert "Themaloket" in page.locator(".plan-table caption").inner_text()
    assert page.locator(".queue-table tr.chosen").count() == 1
    # The tables scroll by keyboard too: each is a focusable region.
    tab_to(page, "[role=region][aria-labelledby=queues-caption]")
    tab_to(page, "[role=region][aria-labelledby=demand-caption]")
    assert_no_axe_violations(page)
    shot(page, "planning-counters-nl-theme")


def test_bad_week_shows_the_message_next_to_the_field(page, hall: Hall) -> None:  # noqa: ANN001
    log_in(page, "manager", "nl")
    page.goto(f"/nl/staff/planning/?location={hall.location.slug}&week=week7&plan_for=calls&call_level=80"
              "&call_seconds=20&call_handle_seconds=180&counter_level=90&counter_minutes=10"
              "&counter_service_minutes=6&max_occupancy=85&shrinkage=0&target_days=10")  # fmt: skip
    assert page.locator("#id_week_error").is_visible()
    assert page.locator("#id_week").get_attribute("aria-invalid") == "true"
    assert page.locator(".plan-table").count() == 0
    assert_no_axe_violations(page)
    shot(page, "planning-week-nl-error")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_page_in_french_and_english(page, hall: Hall, lang: str) -> None:  # noqa: ANN001
    log_in(page, "manager", lang)
    page.goto(f"/{lang}/staff/planning/")
    assert page.locator(".plan-table").is_visible()
    assert_no_axe_violations(page)
    shot(page, f"planning-week-{lang}")
    page.goto(f"/{lang}/staff/planning/?location={hall.location.slug}&queue=&{COUNTERS}")
    assert page.locator(".queue-table").is_visible()
    assert page.locator(".demand-table").is_visible()
    assert_no_axe_violations(page)
    shot(page, f"planning-counters-{lang}")

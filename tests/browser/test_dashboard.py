"""A manager reads the dashboard in Dutch: changes the period and the location by keyboard, downloads a
CSV, then opens the staffing plan; axe-core checks both pages against WCAG 2.1 A/AA.

Screenshots in Dutch, French and English and of the print view land in test-artifacts/ (and in
/tmp/shots-dashboard/ when that folder exists). The history is nine weeks, not the demo's year.
"""

from __future__ import annotations

import csv
import datetime
import io
import shutil
from pathlib import Path

import pytest
from django.utils import translation

from loket.insights import views
from loket.organisations.models import Role
from tests.browser.conftest import assert_no_axe_violations, log_in, screenshot, tab_to
from tests.factories import LocationFactory, staff_member
from tests.insights.test_selectors import Town
from tests.insights.test_views import NOW, build_history

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = Path("/tmp/shots-dashboard")  # noqa: S108 - a folder for people to look at, when it exists


@pytest.fixture
def town(monkeypatch: pytest.MonkeyPatch) -> Town:
    monkeypatch.setattr(views, "_clock", lambda: NOW.astimezone(datetime.UTC))
    with translation.override("en"):
        town = Town()
        build_history(town)
        LocationFactory(organisation=town.organisation, slug="zz-annex", name_nl="Dienstencentrum", name_en="Annex")
        staff_member(town.organisation, Role.MANAGER, username="manager")
    return town


def shot(page, name: str) -> None:  # noqa: ANN001
    path = screenshot(page, name)
    if SHOTS.is_dir():
        shutil.copy(path, SHOTS / path.name)


def test_manager_reads_the_dashboard_in_dutch_by_keyboard(page, town: Town) -> None:  # noqa: ANN001
    log_in(page, "manager", "nl")
    page.goto("/nl/staff/dashboard/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("#id_period_1").is_checked()  # the last 30 days
    assert page.locator("svg[role=img]").count() >= 10
    assert page.locator(".heat-table td").first.inner_text() != ""
    assert_no_axe_violations(page)
    shot(page, "dashboard-nl")

    # The last 7 days: Tab to the period group, choose with the arrows, submit with Enter.
    tab_to(page, "#id_period_1")
    page.keyboard.press("ArrowUp")
    assert page.locator("#id_period_0").is_checked()
    tab_to(page, ".dashboard-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "period=7" in page.url
    assert "23 november 2026" in page.locator(".dashboard-period").inner_text()

    # One location: Tab to the list, choose with the arrow keys, submit with Enter.
    tab_to(page, "#id_location")
    page.keyboard.press("ArrowDown")
    assert page.locator("#id_location").input_value() == town.location.slug
    tab_to(page, ".dashboard-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"location={town.location.slug}" in page.url
    assert_no_axe_violations(page)

    # The calls per weekday as CSV, by keyboard.
    tab_to(page, "#figure-calls_weekday a[download]")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename == f"dashboard-{town.location.slug}-2026-11-23-2026-11-29-calls-weekday.csv"
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))
    with translation.override("nl"):
        assert rows[0][0] == translation.gettext("Weekday") and len(rows) == 8
    assert [int(row[1]) for row in rows[1:]] == [4, 4, 4, 4, 4, 0, 0]  # the organisation's calls

    page.emulate_media(media="print")
    assert not page.locator(".dashboard-form").is_visible()
    assert page.locator(".figure-visitors table").is_visible()  # folded tables print too
    shot(page, "dashboard-nl-print")
    page.emulate_media(media="screen")

    # Then the staffing plan, from the same session.
    page.goto("/nl/staff/planning/")
    assert page.locator("h1").is_visible()
    assert_no_axe_violations(page)
    shot(page, "dashboard-then-planning-nl")


def test_bad_dates_show_the_message_next_to_the_field(page, town: Town) -> None:  # noqa: ANN001
    log_in(page, "manager", "nl")
    page.goto(f"/nl/staff/dashboard/?organisation={town.organisation.slug}&period=custom"
              "&date_from=2026-11-10&date_to=2026-11-02")  # fmt: skip
    assert page.locator("#id_date_to_error").is_visible()
    assert page.locator("#id_date_to").get_attribute("aria-invalid") == "true"
    assert page.locator("svg[role=img]").count() == 0
    assert_no_axe_violations(page)
    shot(page, "dashboard-nl-error")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_dashboard_in_french_and_english(page, town: Town, lang: str) -> None:  # noqa: ANN001
    log_in(page, "manager", lang)
    page.goto(f"/{lang}/staff/dashboard/")
    assert page.locator("svg[role=img]").count() >= 10
    assert_no_axe_violations(page)
    shot(page, f"dashboard-{lang}")

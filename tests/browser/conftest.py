"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Playwright's sync API runs an event loop in the test thread, so Django's async-safety check is
relaxed for these tests only (the ORM calls are still synchronous and in-thread).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Browser tests need Debian's Chromium at {CHROMIUM} (scripts/test installs it)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server) -> Iterator[object]:  # noqa: ANN001
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def screenshot(page: object, name: str) -> Path:
    """Keep a screenshot of what the user saw, under test-artifacts/ (for people to look at)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path


def assert_no_axe_violations(page: object) -> None:
    """axe-core (WCAG 2.0/2.1 A and AA rules) finds nothing on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    )
    violations = results.response["violations"]
    assert not violations, results.generate_report()


def tab_to(page: object, selector: str, *, limit: int = 120) -> None:
    """Press Tab until the element matching ``selector`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")  # type: ignore[attr-defined]
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):  # type: ignore[attr-defined]
            return
    raise AssertionError(f"{selector} never received the keyboard focus")


# The password ``tests.factories.UserFactory`` gives every staff member.
STAFF_PASSWORD = "Loket-test-2026"  # noqa: S105 -- a test fixture's, on purpose


def log_in(page: object, username: str, lang: str, password: str = STAFF_PASSWORD) -> None:
    """Log in on the staff login page by keyboard, and wait for the staff home page."""
    page.goto(f"/{lang}/staff/login/")  # type: ignore[attr-defined]
    tab_to(page, "input[name=username]")
    page.keyboard.type(username)  # type: ignore[attr-defined]
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    page.keyboard.type(password)  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.wait_for_url(f"**/{lang}/staff/")  # type: ignore[attr-defined]


def press_enter_and_wait(page: object, key: str = "Enter") -> None:
    """Press ``key`` on what has the focus, and wait for the page it leads to (maybe the same address)."""
    with page.expect_navigation():  # type: ignore[attr-defined]
        page.keyboard.press(key)  # type: ignore[attr-defined]


def focused(page: object, selector: str) -> bool:
    """Whether the element matching ``selector`` has the keyboard focus."""
    return bool(page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector))  # type: ignore[attr-defined]

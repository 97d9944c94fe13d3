"""The proof-of-work script in Debian's Chromium: it solves a real challenge from
``challenge_new()``, the server accepts what it produced, and a citizen who submits before it is
done is told to wait and then sent on with the answer. Without JavaScript the form carries the
stamp instead.

There is no booking form yet, so the test page is a small form served through ``page.route`` on
the live server's origin; the script itself is the real ``/static/js/proof-of-work.js``.
"""

from __future__ import annotations

import datetime
import urllib.parse
from collections.abc import Iterator

import altcha
import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from loket.core.challenge import FormChallenge, challenge_check, challenge_new, challenge_verify

pytestmark = pytest.mark.django_db(transaction=True)

FORM_URL = "**/challenge-test/"
SENT_URL = "**/challenge-test/sent/"


def form_page(challenge: FormChallenge) -> str:
    with translation.override("en"):  # a test before this one may have left another language active
        include = render_to_string("core/_challenge.html", {"challenge": challenge})
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Book an appointment</title></head>
<body><main>
  <form method="post" action="/challenge-test/sent/">
    <label for="name">Your name</label> <input id="name" name="name" value="Ann">
    {include}
    <button type="submit" name="step" value="confirm">Confirm the appointment</button>
  </form>
</main></body></html>"""


class FormSite:
    """The test form on the live server's origin, and the form posts it received."""

    def __init__(self, page, challenge: FormChallenge) -> None:  # noqa: ANN001
        self.posts: list[dict[str, str]] = []
        page.route(FORM_URL, lambda route: route.fulfill(content_type="text/html", body=form_page(challenge)))
        page.route(SENT_URL, self._receive)

    def _receive(self, route) -> None:  # noqa: ANN001
        fields = urllib.parse.parse_qs(route.request.post_data or "", keep_blank_values=True)
        self.posts.append({name: values[0] for name, values in fields.items()})
        route.fulfill(content_type="text/html", body="<!doctype html><title>Sent</title><p>Sent</p>")


def challenge_with_a_large_answer(*, at_least: int) -> FormChallenge:
    """A real challenge whose answer is far into the search, so the browser needs a while."""
    while True:
        challenge = challenge_new()
        solution = altcha.solve_challenge_v1(challenge.challenge, challenge.salt, "SHA-256", challenge.maxnumber)
        assert solution is not None
        if solution.number >= at_least:
            return challenge


@pytest.fixture
def no_script_page(browser, live_server) -> Iterator[object]:  # noqa: ANN001
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_script_solves_a_real_challenge_and_the_server_accepts_its_answer(page) -> None:  # noqa: ANN001
    FormSite(page, challenge_new())
    page.goto("/challenge-test/")
    page.wait_for_function("() => document.querySelector('input[name=altcha]').value !== ''")
    payload = page.input_value("input[name=altcha]")
    challenge_verify(payload=payload)


def test_submitting_before_it_is_solved_waits_then_submits_with_the_answer(page, settings) -> None:  # noqa: ANN001
    settings.LOKET_CHALLENGE_MAX_NUMBER = 400_000
    site = FormSite(page, challenge_with_a_large_answer(at_least=300_000))
    page.goto("/challenge-test/")
    page.get_by_role("button", name="Confirm the appointment").click()

    status = page.get_by_role("status")
    assert status.inner_text() == "One moment… your form is being sent."
    assert site.posts == []
    assert page.input_value("input[name=altcha]") == ""

    page.wait_for_url("**/challenge-test/sent/", timeout=60_000)
    [post] = site.posts
    assert post["name"] == "Ann"
    assert post["step"] == "confirm"  # the button the citizen pressed still counts
    assert challenge_check(payload=post["altcha"], stamp=post["challenge_stamp"]) == "proof_of_work"


def test_page_stays_responsive_while_solving(page, settings) -> None:  # noqa: ANN001
    settings.LOKET_CHALLENGE_MAX_NUMBER = 400_000
    FormSite(page, challenge_with_a_large_answer(at_least=300_000))
    page.goto("/challenge-test/")
    assert page.get_attribute("input[name=altcha]", "data-challenge-state") == "solving"

    lag_ms = page.evaluate(
        "new Promise(done => { const t = performance.now(); setTimeout(() => done(performance.now() - t), 0); })"
    )
    page.get_by_label("Your name").fill("Ann Peeters")
    assert lag_ms < 250
    assert page.get_attribute("input[name=altcha]", "data-challenge-state") == "solving"


def test_without_javascript_the_form_is_sent_with_the_stamp_only(no_script_page) -> None:  # noqa: ANN001
    site = FormSite(no_script_page, challenge_new())
    no_script_page.goto("/challenge-test/")
    no_script_page.get_by_role("button", name="Confirm the appointment").click()
    no_script_page.wait_for_url("**/challenge-test/sent/")

    [post] = site.posts
    assert post["altcha"] == ""
    later = timezone.now() + datetime.timedelta(seconds=10)  # the citizen took ten seconds
    assert challenge_check(payload=post["altcha"], stamp=post["challenge_stamp"], now=later) == "no_script"

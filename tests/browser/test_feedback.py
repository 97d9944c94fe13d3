"""Surveys in a real browser: the citizen answers by keyboard only through the link they were sent;
the tablet at the exit takes an anonymous answer and starts again for the next person.

axe-core checks every screen against WCAG 2.1 A/AA; screenshots in Dutch, French and English land
in /tmp/shots-feedback/ (for people to look at).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from loket.feedback import services
from loket.feedback.models import SurveyAnswer, SurveyInvitation
from tests.browser.conftest import assert_no_axe_violations, tab_to
from tests.feedback.helpers import SurveyWorld, make_survey_world, survey_messages

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path(tempfile.gettempdir()) / "shots-feedback"
LINK = re.compile(r"https?://[^/\s]+(/(?:nl|fr|en)/survey/[A-Za-z0-9_-]{22}/)")


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def world() -> SurveyWorld:
    with translation.override("en"):
        world = make_survey_world()
    world.city.name_fr = "Ville de Malines"
    world.city.save()
    return world


def emailed_link(world: SurveyWorld, language: str) -> str:
    """Invite Jan after a call today, in ``language``; the path of the link in his e-mail."""
    now = timezone.now()
    world.consent(at=now)
    result = services.survey_invite(
        organisation=world.city, about=world.call(at=now), person=world.person, language=language
    )
    assert result.sent, result.reason
    [message] = [m for m in survey_messages() if m.language == language]
    match = LINK.search(message.body_text)
    assert match, message.body_text
    return match.group(1)


def test_a_citizen_answers_by_keyboard_only_through_the_emailed_link(page: Any, world: SurveyWorld) -> None:
    path = emailed_link(world, "nl")
    page.goto(path)
    assert page.locator("h1").inner_text() == page.title().split(" · ")[0]
    assert_no_axe_violations(page)
    shot(page, "survey-nl")

    # Sent without a score: the error is named at the top and next to the score, and nothing is stored.
    tab_to(page, "button.survey-send")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".error-summary").is_visible()
    assert_no_axe_violations(page)
    shot(page, "survey-nl-error")
    assert not SurveyAnswer.objects.exists()

    # Into the score group with Tab, along it with the arrow keys (a radio group), then the texts.
    tab_to(page, "input[name=score]")
    for _ in range(8):
        page.keyboard.press("ArrowRight")
    assert page.locator("#id_score_8").is_checked()
    tab_to(page, "#id_question_answer")
    page.keyboard.type("Ja, meteen.")
    tab_to(page, "#id_comment")
    page.keyboard.type("Vriendelijk aan de telefoon.")
    tab_to(page, "button.survey-send")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/nl/survey/thanks/" in page.url
    assert_no_axe_violations(page)
    shot(page, "survey-nl-thanks")
    answer = SurveyAnswer.objects.get()
    assert (answer.score, answer.question_answer, answer.comment) == (8, "Ja, meteen.", "Vriendelijk aan de telefoon.")

    # The link works once: the second visit gets one plain message.
    response = page.goto(path)
    assert response.status == 404
    assert_no_axe_violations(page)
    shot(page, "survey-nl-used")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_survey_page_in_french_and_english(page: Any, world: SurveyWorld, language: str) -> None:
    page.goto(emailed_link(world, language))
    assert page.locator("html").get_attribute("lang") == language
    assert_no_axe_violations(page)
    shot(page, f"survey-{language}")


def test_the_tablet_takes_an_anonymous_answer_and_starts_again(page: Any, world: SurveyWorld) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})  # a 10-inch tablet on its side
    with translation.override("nl"):
        url = reverse("survey-tablet", kwargs={"location_slug": world.hall.slug, "key": world.tablet.key})
    page.goto(url)
    assert_no_axe_violations(page)
    shot(page, "tablet-nl")
    for language in ("fr", "en"):
        with page.expect_navigation():
            page.locator(f".tablet-languages a[lang={language}]").click()
        assert page.locator("html").get_attribute("lang") == language
        assert_no_axe_violations(page)
        shot(page, f"tablet-{language}")

    # A finger on 9, then "Send": thanks, and after 10 seconds an empty form for the next person.
    page.locator("label[for=id_score_9]").click()
    with page.expect_navigation():
        page.locator("button.tablet-send").click()
    assert page.locator("[data-tablet-return]").is_visible()
    assert_no_axe_violations(page)
    shot(page, "tablet-en-thanks")
    answer = SurveyAnswer.objects.get()
    assert (answer.score, answer.channel, answer.language) == (9, "tablet", "en")
    assert SurveyInvitation.objects.get(answer=answer).person is None
    page.wait_for_selector("form[data-tablet-idle]", timeout=15_000)
    assert not page.locator("input[name=score]:checked").count()

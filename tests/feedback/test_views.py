"""The survey pages: the citizen's link, the thanks, the exit tablet; and the admin's scope."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone, translation

from loket.feedback import services
from loket.feedback.models import SurveyAnswer, SurveyChannel, SurveyInvitation, SurveyQuestion, SurveyTablet
from loket.organisations.models import Role
from tests.factories import staff_member
from tests.feedback.helpers import SurveyWorld, secret_of, survey_messages

pytestmark = pytest.mark.django_db

INVALID = "This survey link no longer works"


def survey_url(secret: str, lang: str = "en") -> str:
    with translation.override(lang):
        return reverse("survey-answer", kwargs={"secret": secret})


def tablet_url(tablet: SurveyTablet, lang: str = "en") -> str:
    with translation.override(lang):
        return reverse("survey-tablet", kwargs={"location_slug": tablet.location.slug, "key": tablet.key})


def administrator(world: SurveyWorld):  # type: ignore[no-untyped-def]
    """An administrator of the city, with the admin's model permissions for surveys."""
    user = staff_member(world.city, Role.ADMIN, is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="feedback"))
    return user


@pytest.fixture
def secret(world: SurveyWorld) -> str:
    world.consent(at=timezone.now())
    now = timezone.now()
    services.survey_invite(organisation=world.city, about=world.call(at=now), person=world.person, language="en")
    return secret_of(survey_messages()[0])


def test_the_survey_page_shows_the_score_as_a_radio_group_and_the_question(client, secret: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(survey_url(secret))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<fieldset" in html and "<legend>How would you rate our service?" in html
    assert html.count('type="radio" name="score"') == 11
    assert 'aria-describedby="score-hint"' in html
    assert "Did you quickly find what you were looking for?" in html
    assert "City of Mechelen" in html
    assert response.headers["Cache-Control"].startswith("max-age=0")


def test_the_survey_page_asks_the_question_in_the_pages_language(client, secret: str) -> None:  # type: ignore[no-untyped-def]
    html = client.get(survey_url(secret, "nl")).content.decode()
    assert "Vond je snel wat je zocht?" in html


def test_answering_stores_the_answer_and_thanks(client, secret: str) -> None:  # type: ignore[no-untyped-def]
    response = client.post(survey_url(secret), {"score": "8", "question_answer": "Yes", "comment": "Quick."})
    assert response.status_code == 302 and response.url == reverse("survey-thanks")
    answer = SurveyAnswer.objects.get()
    assert (answer.score, answer.question_answer, answer.comment) == (8, "Yes", "Quick.")
    assert client.get(response.url).status_code == 200


def test_no_score_is_a_clear_message_and_stores_nothing(client, secret: str) -> None:  # type: ignore[no-untyped-def]
    response = client.post(survey_url(secret), {"comment": "Kept for the next try"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose a score from 0 to 10." in html and 'href="#id_score_0"' in html
    assert "Kept for the next try" in html  # what was typed stays
    assert not SurveyAnswer.objects.exists()


def test_a_score_out_of_range_stores_nothing(client, secret: str) -> None:  # type: ignore[no-untyped-def]
    assert client.post(survey_url(secret), {"score": "12"}).status_code == 400
    assert not SurveyAnswer.objects.exists()


def test_a_used_link_says_one_plain_thing(client, secret: str) -> None:  # type: ignore[no-untyped-def]
    client.post(survey_url(secret), {"score": "8"})
    for response in (client.get(survey_url(secret)), client.post(survey_url(secret), {"score": "1"})):
        assert response.status_code == 404 and INVALID in response.content.decode()
    assert SurveyAnswer.objects.get().score == 8


def test_an_expired_or_unknown_link_says_the_same(client, secret: str) -> None:  # type: ignore[no-untyped-def]
    SurveyInvitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    for url in (survey_url(secret), survey_url("A" * 22)):
        response = client.get(url)
        assert response.status_code == 404 and INVALID in response.content.decode()


# --- The tablet ---------------------------------------------------------------------------------------


def _tablet_secret(html: str) -> str:
    start = html.index('name="secret" value="') + len('name="secret" value="')
    return html[start : html.index('"', start)]


def test_the_tablet_page_needs_its_key_and_an_active_tablet(client, world: SurveyWorld) -> None:  # type: ignore[no-untyped-def]
    wrong = reverse("survey-tablet", kwargs={"location_slug": world.hall.slug, "key": "x" * 22})
    assert client.get(wrong).status_code == 404
    other = reverse("survey-tablet", kwargs={"location_slug": world.neighbour_hall.slug, "key": world.tablet.key})
    assert client.get(other).status_code == 404
    SurveyTablet.objects.update(active=False)
    assert client.get(tablet_url(world.tablet)).status_code == 404
    assert not SurveyInvitation.objects.exists()


def test_the_tablet_takes_an_anonymous_answer_and_thanks(client, world: SurveyWorld) -> None:  # type: ignore[no-untyped-def]
    page = client.get(tablet_url(world.tablet, "fr"))
    html = page.content.decode()
    assert page.status_code == 200 and 'lang="nl"' in html and "Avez-vous trouvé rapidement" in html
    secret = _tablet_secret(html)
    done = client.post(tablet_url(world.tablet, "fr"), {"secret": secret, "score": "10"})
    assert done.status_code == 200 and "data-tablet-return" in done.content.decode()
    answer = SurveyAnswer.objects.get()
    assert (answer.channel, answer.location, answer.score, answer.language) == (
        SurveyChannel.TABLET,
        world.hall,
        10,
        "fr",
    )
    assert SurveyInvitation.objects.get().person is None
    # A second tap on "Send" thanks again and counts once.
    again = client.post(tablet_url(world.tablet, "fr"), {"secret": secret, "score": "10"})
    assert again.status_code == 200 and SurveyAnswer.objects.count() == 1


def test_the_tablet_refuses_another_locations_form(client, world: SurveyWorld) -> None:  # type: ignore[no-untyped-def]
    elsewhere = services.survey_tablet_start(location=world.neighbour_hall, language="en")
    response = client.post(tablet_url(world.tablet), {"secret": elsewhere.secret, "score": "3"})
    assert response.status_code == 200 and "Please give your score again" in response.content.decode()
    assert not SurveyAnswer.objects.exists()


def test_the_tablet_shows_what_is_wrong_and_keeps_the_form(client, world: SurveyWorld) -> None:  # type: ignore[no-untyped-def]
    secret = _tablet_secret(client.get(tablet_url(world.tablet)).content.decode())
    response = client.post(tablet_url(world.tablet), {"secret": secret, "comment": "Nice"})
    html = response.content.decode()
    assert response.status_code == 400 and "Choose a score from 0 to 10." in html
    assert _tablet_secret(html) == secret  # the same invitation: still one answer at most
    assert not SurveyAnswer.objects.exists()


# --- The admin ------------------------------------------------------------------------------------


def test_the_admin_shows_an_administrator_only_their_organisations(client, world: SurveyWorld) -> None:  # type: ignore[no-untyped-def]
    SurveyQuestion.objects.create(organisation=world.neighbour, text_en="Neighbour's question?")
    SurveyTablet.objects.create(location=world.neighbour_hall, name="Neighbour's tablet")
    client.force_login(administrator(world))
    questions = client.get(reverse("admin:feedback_surveyquestion_changelist"))
    assert questions.status_code == 200
    assert list(questions.context["cl"].queryset) == [world.question]
    tablets = client.get(reverse("admin:feedback_surveytablet_changelist"))
    assert list(tablets.context["cl"].queryset) == [world.tablet]
    add = client.get(reverse("admin:feedback_surveytablet_add"))
    assert list(add.context["adminform"].form.fields["location"].queryset) == [world.hall]
    foreign = SurveyTablet.objects.get(name="Neighbour's tablet")
    assert client.get(reverse("admin:feedback_surveytablet_change", args=[foreign.pk])).status_code == 302
    change = client.get(reverse("admin:feedback_surveytablet_change", args=[world.tablet.pk]))
    assert world.tablet.key in change.content.decode()  # the address to set up the tablet with


def test_the_admin_refuses_a_second_active_question_with_a_message(client, world: SurveyWorld) -> None:  # type: ignore[no-untyped-def]
    client.force_login(administrator(world))
    response = client.post(
        reverse("admin:feedback_surveyquestion_add"),
        {"organisation": world.city.pk, "text_en": "Another?", "active": "on"},
    )
    assert response.status_code == 200
    assert "already has an active question" in response.content.decode()
    assert SurveyQuestion.objects.filter(organisation=world.city).count() == 1


def test_the_admin_pages_render_for_a_superuser(client, world: SurveyWorld) -> None:  # type: ignore[no-untyped-def]
    client.force_login(staff_member(world.city, Role.ADMIN, is_staff=True, is_superuser=True))
    for name in ("surveyquestion", "surveytablet", "surveyanswer"):
        assert client.get(reverse(f"admin:feedback_{name}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:feedback_{name}_add")).status_code in (200, 403)

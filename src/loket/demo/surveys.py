"""The demo's satisfaction surveys: the city's own question, an exit tablet, and a year of answers.

Data, then two loader steps that write straight through the ORM like the rest of ``loader``:
``load_surveys`` (the question and the tablet, part of every demo) and ``load_survey_history``
(a year of answers, written by ``loket demo`` with the rest of the history, not by ``load_demo``,
so that the many tests that load the demo stay quick).

The answers follow the seed facts: an overall service score of 8.5 out of 10, and the city's
question about the opening hours (82 % satisfied, 13 % neutral, 5 % dissatisfied). About one
visitor in thirty answers, at the tablet or by the e-mailed link, more on busy days; calls are
surveyed too. Answers carry no person (they never do), and the comments are the kind people write.
"""

from __future__ import annotations

import datetime
import random

from loket.appointments.availability import TIMEZONE
from loket.feedback.models import SurveyAnswer, SurveyChannel, SurveyKind, SurveyQuestion, SurveyTablet
from loket.organisations.models import Location
from loket.organisations.opening_engine import public_holidays

# Score 0..10: weights whose mean is 8.5 (most people give 8, 9 or 10; a few are very unhappy).
SCORE_WEIGHTS = (0.8, 0.4, 0.5, 0.8, 1.2, 2.2, 3.4, 8.0, 22.0, 29.0, 31.7)
QUESTION = {
    "nl": "Hoe tevreden ben je over onze openingsuren?",
    "fr": "Êtes-vous satisfait de nos heures d'ouverture ?",
    "en": "How happy are you with our opening hours?",
}
# The question's answers, as written: satisfied 82 %, neutral 13 %, dissatisfied 5 %.
OPENING_HOURS_ANSWERS = (
    (0.82, ("Goed", "Prima, ook op zaterdag open", "Très bien", "Fine", "Tevreden")),
    (0.13, ("Gaat wel", "Ça va", "OK")),
    (0.05, ("Graag langer open op donderdag", "Plus tôt le matin svp", "Not open when I finish work")),
)
COMMENTS = (
    "Vlot geholpen, bedankt!",
    "Zeer vriendelijke medewerker aan het loket.",
    "Afspraak online maken was makkelijk.",
    "Lang moeten wachten aan het snelloket.",
    "Accueil très aimable, merci.",
    "Le rendez-vous en ligne fonctionne bien.",
    "Quick and friendly, thank you.",
    "De parking is moeilijk te vinden.",
    "Mijn paspoort was op tijd klaar.",
    "Duidelijke uitleg over wat ik moest meebrengen.",
)
CITY = "mechelen"
HALL = "huis-van-de-mechelaar"
ANSWERS_PER_OPEN_DAY = 11  # about one visitor in thirty of ~350


def load_surveys() -> str:
    """The city's question and a tablet at the hall's exit."""
    location = Location.objects.select_related("organisation").get(slug=HALL)
    SurveyQuestion.objects.create(
        organisation=location.organisation, text_nl=QUESTION["nl"], text_fr=QUESTION["fr"], text_en=QUESTION["en"]
    )
    SurveyTablet.objects.create(location=location, name="Uitgang gelijkvloers")
    return "  1 survey question, 1 exit tablet"


def survey_tablets() -> list[tuple[str, str]]:
    """(location slug, tablet key) of the demo's tablets: for the links ``loket demo`` prints."""
    return list(SurveyTablet.objects.filter(active=True).order_by("pk").values_list("location__slug", "key"))


def load_survey_history(*, today: datetime.date, days: int = 365, seed: int = 20261201) -> str:
    """A year of answers before ``today`` at the hall (visits, mostly at the tablet) and for calls."""
    rng = random.Random(seed)  # noqa: S311 -- demo data, not security
    location = Location.objects.select_related("organisation").get(slug=HALL)
    question = SurveyQuestion.objects.filter(organisation=location.organisation, active=True).first()
    holidays = public_holidays(years=range(today.year - 2, today.year + 1), language="en")
    answers: list[SurveyAnswer] = []
    for back in range(days, 0, -1):
        day = today - datetime.timedelta(days=back)
        if day.weekday() == 6 or day in holidays:
            continue
        busy = 1.5 if day.month in (6, 7, 8) else 1.0  # passports before the summer holidays
        count = max(0, round(rng.gauss(ANSWERS_PER_OPEN_DAY * busy * (0.5 if day.weekday() == 5 else 1), 2)))
        for _ in range(count):
            call = rng.random() < 0.25
            hour = rng.choice((9, 10, 10, 11, 11, 12, 14, 15, 16) if not call else (9, 10, 11, 11, 13, 14))
            at = datetime.datetime.combine(day, datetime.time(hour, rng.randrange(60)), tzinfo=TIMEZONE)
            score = rng.choices(range(11), weights=SCORE_WEIGHTS)[0]
            language = rng.choices(("nl", "fr", "en"), weights=(78, 15, 7))[0]
            asked = question is not None and not call and rng.random() < 0.6
            answers.append(
                SurveyAnswer(
                    organisation=location.organisation,
                    location=None if call else location,
                    kind=SurveyKind.CALL if call else SurveyKind.VISIT,
                    channel=SurveyChannel.EMAIL if call else rng.choice((SurveyChannel.TABLET, SurveyChannel.EMAIL)),
                    language=language,
                    score=score,
                    question=question if asked else None,
                    question_text=QUESTION[language] if asked else "",
                    question_answer=_opening_hours_answer(rng) if asked else "",
                    comment=rng.choice(COMMENTS) if rng.random() < 0.15 else "",
                    answered_at=at,
                )
            )
    SurveyAnswer.objects.bulk_create(answers, batch_size=1000)
    mean = sum(a.score for a in answers) / len(answers) if answers else 0
    return f"  {len(answers)} survey answers over {days} days (mean score {mean:.1f})"


def _opening_hours_answer(rng: random.Random) -> str:
    roll, total = rng.random(), 0.0
    for share, texts in OPENING_HOURS_ANSWERS:
        total += share
        if roll < total:
            return rng.choice(texts)
    return rng.choice(OPENING_HOURS_ANSWERS[-1][1])

from __future__ import annotations

import pytest
from django.utils import translation

from tests.feedback.helpers import SurveyWorld, make_survey_world


@pytest.fixture
def world(db: None) -> SurveyWorld:
    with translation.override("en"):
        return make_survey_world()

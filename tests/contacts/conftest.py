from __future__ import annotations

import pytest
from django.utils import translation

from tests.contacts.helpers import World, make_world


@pytest.fixture
def world(db: None) -> World:
    with translation.override("en"):
        return make_world()

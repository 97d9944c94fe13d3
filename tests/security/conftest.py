"""The demo world of ``tests.security.pages`` as a fixture (loaded per test: about a second)."""

from __future__ import annotations

import pytest

from tests.security.pages import World, demo_world


@pytest.fixture
def world(db: None) -> World:
    return demo_world()

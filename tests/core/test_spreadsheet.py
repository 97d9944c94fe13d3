"""CSV downloads: text that a spreadsheet program would run as a formula is kept as text."""

from __future__ import annotations

import pytest

from loket.core.spreadsheet import spreadsheet_cell


@pytest.mark.parametrize("text", ["=1+1", "+32 15 12 34 56", "-IMPORTXML(A1)", "@SUM(A1)", "\t=cmd"])
def test_text_starting_like_a_formula_gets_an_apostrophe(text: str) -> None:
    assert spreadsheet_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Quick counter", "-12.5", "+3", 42, -1.5, None, ""])
def test_ordinary_text_and_numbers_stay_as_they_are(value: object) -> None:
    assert spreadsheet_cell(value) == value

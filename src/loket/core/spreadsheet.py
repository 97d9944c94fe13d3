"""Values for CSV downloads that a spreadsheet program opens as text, never as a formula.

A name typed by staff (a queue, a service, a department) that starts with ``=``, ``+``, ``-`` or
``@`` would run as a formula in Excel or LibreOffice when a manager opens the download (CSV
injection); such text gets a leading apostrophe, which the programs show as nothing. Numbers,
also negative ones, stay numbers.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    try:
        float(value)
    except ValueError:
        return "'" + value
    return value

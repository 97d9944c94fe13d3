"""Dutch and French are complete: every interface string has a translation, and the compiled
catalogues (.mo, committed so a fresh machine needs no gettext tools) match the .po sources."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "src" / "loket" / "locale"


def _unquote(line: str) -> str:
    return ast.literal_eval(line)


def read_po(path: Path) -> list[dict[str, str | bool]]:
    """The entries of a .po file: msgctxt, msgid, msgid_plural, msgstr[0], fuzzy."""
    entries: list[dict[str, str | bool]] = []
    current: dict[str, str | bool] = {}
    key = ""
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            if "msgid" in current:
                entries.append(current)
            current, key = {}, ""
        elif line.startswith("#,") and "fuzzy" in line:
            current["fuzzy"] = True
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[key] = str(current[key]) + _unquote(line)
        else:
            word, _, rest = line.partition(" ")
            key = {"msgstr": "msgstr[0]"}.get(word, word)
            current[key] = _unquote(rest)
    return [e for e in entries if e.get("msgid")]


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_every_interface_string_is_translated(language: str) -> None:
    entries = read_po(LOCALE / language / "LC_MESSAGES" / "django.po")
    assert len(entries) > 50
    missing = [e["msgid"] for e in entries if not e.get("msgstr[0]") or e.get("fuzzy")]
    assert not missing, f"{len(missing)} untranslated or fuzzy in {language}: {missing[:10]}"


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_compiled_catalogue_matches_its_source(language: str) -> None:
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in read_po(folder / "django.po"):
        msgid = str(entry["msgid"])
        if "msgctxt" in entry:
            got = compiled.pgettext(str(entry["msgctxt"]), msgid)
        elif "msgid_plural" in entry:
            got = compiled.ngettext(msgid, str(entry["msgid_plural"]), 1)
        else:
            got = compiled.gettext(msgid)
        if got != entry["msgstr[0]"]:
            stale.append(msgid)
    assert not stale, f"django.mo is older than django.po for {stale[:5]}: run 'loket compilemessages'"

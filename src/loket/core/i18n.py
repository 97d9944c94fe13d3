"""Reading a translated field with an honest fallback.

django-modeltranslation falls back silently; citizens must be told when the text they read is
not in their language, so views use ``translated`` and show ``lang`` when ``is_fallback``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import translation

LANGUAGE_CODES: tuple[str, ...] = tuple(code for code, _ in settings.LANGUAGES)


def current_language() -> str:
    """The request's language (nl, fr or en); Dutch when none of them is active."""
    lang = (translation.get_language() or "")[:2]
    return lang if lang in LANGUAGE_CODES else LANGUAGE_CODES[0]


@dataclass(frozen=True)
class Translated:
    text: str
    lang: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


def translated(obj: models.Model, field: str, lang: str) -> Translated:
    """The field in ``lang``, else in the first other language that has it (nl, fr, en)."""
    order = [lang, *[code for code in LANGUAGE_CODES if code != lang]]
    for code in order:
        value = getattr(obj, f"{field}_{code}", "") or ""
        if value.strip():
            return Translated(value, code, code != lang)
    return Translated("", lang, False)

"""The display screen in a waiting room: a page for the TV and the JSON it polls every second.

No login: the screen's address holds a 128-bit secret (``DisplayScreen.public_key``); an unknown
key is a plain 404 that says nothing about screens or locations. The page renders the calls on
the server (it works without JavaScript, refreshing itself from ``<noscript>``); ``display.js``
then polls ``calls.json``, chimes and speaks each new call. See ``static/queueing/display.js``
for how it survives network drops and runs for days.

Languages: the labels are written in Dutch, French and English side by side, the page's
language first, rather than cycling through them. In a Brussels waiting room a citizen looks up
when the chime sounds and has a second or two: with cycling, two times out of three the label is
in a language they may not read; side by side, theirs is always there. The labels are short
("Nummer · Numéro · Number"), so three fit. The number and desk themselves need no language, and
the spoken announcement is in the ticket's language (``display_selectors.spoken_call``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from loket.queueing.display_selectors import ScreenCall, display_screen_by_key, screen_calls
from loket.queueing.models import DisplayScreen
from loket.queueing.services import local_day

LABELS: dict[str, Promise] = {
    "number": _("Number"),
    "desk": _("Desk"),
    "previous": _("Previous calls"),
    "none_yet": _("No one has been called yet today."),
    "sound": _("Click to turn the sound on"),
    "reconnecting": _("Reconnecting…"),
}

# Without JavaScript the page reloads itself this often (seconds).
NO_SCRIPT_REFRESH = 5


def _in_every_language(text: Promise) -> list[tuple[str, str]]:
    """``text`` in the page's language first, then the site's others; a language that says it the
    same way as one before (not translated yet) is left out, so the screen never says it twice."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    codes = [current] + [code for code, _name in settings.LANGUAGES if code != current]
    result: list[tuple[str, str]] = []
    for code in codes:
        with translation.override(code):
            said = str(text)
        if all(said != other for _code, other in result):
            result.append((code, said))
    return result


def _screen_or_404(key: str) -> DisplayScreen:
    screen = display_screen_by_key(key=key)
    if screen is None:
        raise Http404
    return screen


def _call_json(call: ScreenCall) -> dict[str, Any]:
    return {
        "id": call.event_id,
        "code": call.code,
        "desk": call.desk,
        "desk_shown": call.desk_shown,
        "language": call.language,
        "spoken": call.spoken,
        "at": call.at.isoformat(),
    }


@require_safe
@never_cache  # the freshest call, always: no browser or proxy cache may answer for the server
def display(request: HttpRequest, key: str) -> HttpResponse:
    screen = _screen_or_404(key)
    now = timezone.now()
    calls = screen_calls(screen=screen, now=now)
    context = {
        "screen": screen,
        "location": screen.location,
        "current": calls[0] if calls else None,
        "previous": calls[1:],
        "call_ids": ",".join(str(call.event_id) for call in calls),
        "labels": {name: _in_every_language(text) for name, text in LABELS.items()},
        "calls_url": reverse("display-calls", kwargs={"key": screen.public_key}),
        "day": local_day(now).isoformat(),
        "time_zone": settings.TIME_ZONE,
        "no_script_refresh": NO_SCRIPT_REFRESH,
    }
    return render(request, "queueing/display.html", context)


@require_safe
@never_cache
def display_calls(request: HttpRequest, key: str) -> JsonResponse:
    """The screen's latest calls, newest first, with the server's time and day: two queries."""
    screen = _screen_or_404(key)
    now = timezone.now()
    calls = screen_calls(screen=screen, now=now)
    return JsonResponse(
        {"calls": [_call_json(call) for call in calls], "now": now.isoformat(), "day": local_day(now).isoformat()}
    )

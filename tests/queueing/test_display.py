"""The display screen in a waiting room, through the Django client: what it shows, says and hides.

The calls are made at the real time (``timezone.now()``), since the screen shows today's calls.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from loket.queueing import display_selectors
from loket.queueing.display_selectors import desk_shown, spoken_call
from loket.queueing.models import CounterSession, DisplayScreen, Queue, QueueKind, Ticket
from loket.queueing.services import counter_open, ticket_call_next, ticket_issue, ticket_recall
from tests.factories import DeskFactory, LocationFactory
from tests.queueing.helpers import Hall, make_hall

pytestmark = pytest.mark.django_db


def _call(
    hall: Hall, desk: int, *, language: str = "nl", queue: Any = None, now: datetime.datetime | None = None
) -> Ticket:
    """Take a ticket at reception and have desk ``desk`` call it."""
    now = now or timezone.now()
    hall.issue(queue or hall.quick, actor=hall.receptionist, language=language, now=now)
    session = CounterSession.objects.filter(desk=hall.desks[desk]).exclude(status="closed").first()
    if session is None:
        session = hall.open_desk(desk, [hall.pickup, hall.bags, hall.civil], now=now)
    ticket = ticket_call_next(actor=hall.clerks[desk], session=session, now=now)
    assert ticket is not None
    return ticket


def _serve_away(hall: Hall, desk: int) -> None:
    """Free the desk for the next call (the citizen came and is being served elsewhere)."""
    Ticket.objects.filter(desk=hall.desks[desk], status__in=["called", "serving"]).update(status="done")


def _calls(client: Client, screen: DisplayScreen, language: str = "nl") -> dict[str, Any]:
    with translation.override(language):
        url = reverse("display-calls", kwargs={"key": screen.public_key})
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return response.json()


def _page_url(screen: DisplayScreen, language: str = "nl") -> str:
    with translation.override(language):
        return reverse("display-screen", kwargs={"key": screen.public_key})


@pytest.fixture
def hall() -> Hall:
    return make_hall()


@pytest.fixture
def screen(hall: Hall) -> DisplayScreen:
    return DisplayScreen.objects.create(location=hall.location, name="Wachtzaal")


def test_an_unknown_key_is_a_plain_404_that_reveals_nothing(client: Client, screen: DisplayScreen) -> None:
    location = screen.location
    for name in ("display-screen", "display-calls"):
        with translation.override("nl"):
            other = ("y" if screen.public_key[0] == "x" else "x") + screen.public_key[1:]  # never the real key
            url = reverse(name, kwargs={"key": other})
        response = client.get(url)
        assert response.status_code == 404
        assert location.name not in response.content.decode()
        assert screen.name not in response.content.decode()


def test_the_page_shows_the_newest_call_highlighted_and_the_ones_before_it(
    client: Client, hall: Hall, screen: DisplayScreen
) -> None:
    first = _call(hall, 0)
    second = _call(hall, 1)
    response = client.get(_page_url(screen))
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert hall.location.name in html
    current = html.split('id="display-current-code">', 1)[1]
    assert current.startswith(second.code)  # the newest, in the highlighted area
    assert html.split('id="display-current-desk">', 1)[1].startswith("2")  # "Loket 2" shows as "2"
    previous = html.split('id="display-previous"', 1)[1].split("</ol>", 1)[0]
    assert first.code in previous and second.code not in previous
    # It works without JavaScript, and the script is a file (no inline script).
    assert '<meta http-equiv="refresh"' in html.split("<noscript>", 1)[1].split("</noscript>", 1)[0]
    assert "<script>" not in html and "queueing/display.js" in html
    assert 'aria-live="polite"' in html


def test_the_labels_are_in_every_language_and_the_page_language_first(
    client: Client, hall: Hall, screen: DisplayScreen
) -> None:
    html = client.get(_page_url(screen, "fr")).content.decode()
    assert '<html lang="fr">' in html
    with translation.override("fr"):
        french = translation.gettext("Desk")
    with translation.override("nl"):
        dutch = translation.gettext("Desk")
    label = f'<span lang="fr">{french}</span>'
    assert label in html and f'<span lang="nl">{dutch}</span>' in html
    assert html.index(label) < html.index(f'<span lang="nl">{dutch}</span>')


def test_the_json_lists_the_newest_call_first_with_its_desk_and_what_to_say(
    client: Client, hall: Hall, screen: DisplayScreen
) -> None:
    first = _call(hall, 0, language="en")
    second = _call(hall, 1, language="fr")
    data = _calls(client, screen)
    assert [call["code"] for call in data["calls"]] == [second.code, first.code]
    newest = data["calls"][0]
    assert newest["desk"] == "Loket 2" and newest["desk_shown"] == "2"
    assert newest["language"] == "fr"
    with translation.override("fr"):
        expected = translation.gettext("Number %(code)s, desk %(desk)s") % {"code": "S 2", "desk": "2"}
    assert newest["spoken"] == expected
    assert data["calls"][1]["spoken"] == "Number S 1, desk 1"
    assert datetime.datetime.fromisoformat(data["now"]) >= datetime.datetime.fromisoformat(newest["at"])
    assert data["day"] == timezone.localdate().isoformat()


def test_the_spoken_text_is_translated_in_the_tickets_language_not_the_pages(
    client: Client, hall: Hall, screen: DisplayScreen, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The French phrase may not be translated yet: a stand-in gettext shows the language it ran in.
    monkeypatch.setattr(display_selectors, "gettext", lambda text: f"[{translation.get_language()}] {text}")
    _call(hall, 0, language="fr")
    _call(hall, 1, language="en")
    spoken = [call["spoken"] for call in _calls(client, screen, language="nl")["calls"]]
    assert spoken == ["[en] Number S 2, desk 2", "[fr] Number S 1, desk 1"]


def test_a_desk_with_its_own_name_keeps_it_on_screen_and_in_speech() -> None:
    assert desk_shown("Loket 12") == "12"
    assert desk_shown("Guichet 3") == "3"
    assert desk_shown("Onthaal") == "Onthaal"
    assert desk_shown("Bureau 2B") == "Bureau 2B"
    assert spoken_call(code="B007", desk="Onthaal", language="en") == "Number B 7, Onthaal"
    assert spoken_call(code="S012", desk="Desk 4", language="en") == "Number S 12, desk 4"


def test_a_recall_comes_back_as_a_new_call_at_the_top(client: Client, hall: Hall, screen: DisplayScreen) -> None:
    first = _call(hall, 0)
    _call(hall, 1)
    before = _calls(client, screen)["calls"]
    ticket_recall(actor=hall.clerks[0], ticket=first)
    after = _calls(client, screen)["calls"]
    assert after[0]["code"] == first.code
    assert after[0]["id"] not in {call["id"] for call in before}
    assert [call["code"] for call in after].count(first.code) == 1  # one line per ticket


def test_another_locations_calls_never_appear(client: Client, hall: Hall, screen: DisplayScreen) -> None:
    # The same organisation's other town hall, with the same numbers.
    other = LocationFactory(organisation=hall.location.organisation)
    queue = Queue.objects.create(location=other, slug="quick", name_en="Quick", kind=QueueKind.QUICK, prefix="S")
    queue.services.set([hall.pickup])
    now = timezone.now()
    ticket_issue(actor=hall.receptionist, queue=queue, service=hall.pickup, now=now)
    desk = DeskFactory(location=other, name="Loket 9")
    session = counter_open(actor=hall.clerks[2], desk=desk, services=[hall.pickup], now=now)
    assert ticket_call_next(actor=hall.clerks[2], session=session, now=now) is not None
    assert _calls(client, screen)["calls"] == []
    _call(hall, 0)
    assert [call["desk"] for call in _calls(client, screen)["calls"]] == ["Loket 1"]


def test_a_screen_for_some_queues_shows_only_their_calls(client: Client, hall: Hall, screen: DisplayScreen) -> None:
    screen.queues.set([hall.theme])
    _call(hall, 0, queue=hall.quick)
    theme = _call(hall, 1, queue=hall.theme)
    assert [call["code"] for call in _calls(client, screen)["calls"]] == [theme.code]


def test_calls_of_an_earlier_day_are_not_shown(client: Client, hall: Hall, screen: DisplayScreen) -> None:
    _call(hall, 0, now=timezone.now() - datetime.timedelta(days=1))
    assert _calls(client, screen)["calls"] == []


def test_the_screen_shows_at_most_seven_calls_and_no_ticket_twice(
    client: Client, hall: Hall, screen: DisplayScreen
) -> None:
    start = timezone.now() - datetime.timedelta(minutes=30)
    tickets = []
    for n in range(9):
        tickets.append(_call(hall, n % 3, now=start + datetime.timedelta(minutes=n)))
        _serve_away(hall, n % 3)
    # One ticket recalled many times still leaves six others on screen.
    last = tickets[-1]
    Ticket.objects.filter(pk=last.pk).update(status="called")
    for n in range(30):
        ticket_recall(actor=hall.clerks[8 % 3], ticket=last, now=start + datetime.timedelta(minutes=10, seconds=n))
    codes = [call["code"] for call in _calls(client, screen)["calls"]]
    assert codes == [t.code for t in reversed(tickets)][:7]


def test_the_json_takes_two_queries_however_many_calls(
    client: Client, hall: Hall, screen: DisplayScreen, django_assert_max_num_queries: Any
) -> None:
    screen.queues.set([hall.quick, hall.theme])
    _call(hall, 0)
    with django_assert_max_num_queries(2):
        _calls(client, screen)
    start = timezone.now() - datetime.timedelta(minutes=30)
    for n in range(10):
        _serve_away(hall, n % 3)
        _call(hall, n % 3, now=start + datetime.timedelta(minutes=n))
    with django_assert_max_num_queries(2):
        assert len(_calls(client, screen)["calls"]) == 7


def test_the_screen_only_reads(client: Client, screen: DisplayScreen) -> None:
    assert client.post(_page_url(screen)).status_code == 405
    with translation.override("nl"):
        assert client.post(reverse("display-calls", kwargs={"key": screen.public_key})).status_code == 405

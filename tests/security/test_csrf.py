"""Every form's POST needs its CSRF token: without it, 403 and nothing changed.

Walks every URL pattern of the project's views (``tests.security.pages``; not the API, whose
token-authenticated views DRF checks, nor Django's admin) and posts to it as the person it is for
(a staff member logged in, a citizen signed in to Mijn loket, or nobody) from a client that
enforces CSRF checks, as a browser on another site would. A pattern that only answers GET is
refused the same way, before its view runs. Nothing in the database may change.
"""

from __future__ import annotations

import re

from django.apps import apps
from django.test import Client
from django.urls import reverse

from tests.security.pages import World, client_for, pages

# What a request may change without any view running: its session and the shared cache.
NOT_DATA = {"sessions.session"}


def database_state() -> dict[str, tuple[int, int]]:
    """Rows and highest id of every table: a POST that slipped through adds, removes or changes some."""
    state = {}
    for model in apps.get_models():
        if model._meta.label_lower in NOT_DATA or not model._meta.managed:
            continue
        rows = model._default_manager.all()
        newest = rows.order_by("-pk").values_list("pk", flat=True).first()
        state[model._meta.label_lower] = (rows.count(), hash(newest))
    return state


def csrf_token(client: Client, url: str) -> str:
    html = client.get(url).content.decode()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, url
    return match.group(1)


def test_a_post_without_its_csrf_token_is_refused_on_every_page_and_changes_nothing(world: World) -> None:
    walked = pages(world)
    # Logged in first: a login writes its own rows (django-axes' access log).
    clients = {who: client_for(who, world, enforce_csrf_checks=True) for who in {page.who for page in walked}}
    before = database_state()
    refused = []
    for page in walked:
        client = clients[page.who]
        response = client.post(page.url, {"name": "Mallory", "body": "forged", "status": "done", "score": "10"})
        assert response.status_code == 403, f"{page.name} {page.url}: {response.status_code}"
        assert 'id="csrf-failure"' in response.content.decode(), page.name  # our page, not a view's 403
        refused.append(page.name)
    assert database_state() == before
    assert len(refused) > 100


def test_the_same_post_with_its_token_goes_through(db: None) -> None:
    """The control: it is the token that is missing above, not something else about the request."""
    client = Client(enforce_csrf_checks=True)
    token = csrf_token(client, reverse("home"))
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/fr/", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert client.cookies["loket_language"].value == "fr"


def test_the_refusal_is_in_the_users_language(db: None) -> None:
    response = Client(enforce_csrf_checks=True).post("/fr/requests/new/", {"name": "Mallory"})
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "CSRF" not in html  # no jargon, no reason given

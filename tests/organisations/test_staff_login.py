"""Staff log in and out with Django auth; django-axes blocks a user name after too many failures."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from loket.organisations.models import Role
from tests.factories import OrganisationFactory, UserFactory, staff_member

pytestmark = pytest.mark.django_db
PASSWORD = "Loket-test-2026"


@pytest.fixture
def editor():
    return staff_member(OrganisationFactory(), Role.CATALOGUE_EDITOR, username="els")


def login_url(lang: str = "en") -> str:
    with translation.override(lang):
        return reverse("staff-login")


def test_a_staff_member_logs_in_and_lands_on_the_staff_home(client, editor) -> None:
    response = client.post(login_url(), {"username": "els", "password": PASSWORD})
    assert response.status_code == 302
    with translation.override("en"):
        assert response["Location"] == reverse("staff-home")
    assert client.get(response["Location"]).status_code == 200


def test_a_wrong_password_shows_the_form_again(client, editor) -> None:
    response = client.post(login_url(), {"username": "els", "password": "wrong"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_staff_pages_send_anonymous_visitors_to_the_login_page(client) -> None:
    with translation.override("fr"):
        home = reverse("staff-home")
        worklist = reverse("catalog-staff-worklist")
    for url in (home, worklist):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(login_url("fr"))


def test_a_user_without_membership_is_refused_the_staff_pages(client) -> None:
    client.force_login(UserFactory())
    with translation.override("nl"):
        assert client.get(reverse("staff-home")).status_code == 403
        assert client.get(reverse("catalog-staff-worklist")).status_code == 403


def test_a_clerk_is_refused_the_catalogue_pages(client) -> None:
    client.force_login(staff_member(OrganisationFactory(), Role.CLERK))
    with translation.override("nl"):
        assert client.get(reverse("staff-home")).status_code == 200
        assert client.get(reverse("catalog-staff-worklist")).status_code == 403


def test_logout_is_a_post_and_ends_the_session(client, editor) -> None:
    client.force_login(editor)
    with translation.override("en"):
        logout = reverse("staff-logout")
        home = reverse("staff-home")
    assert client.get(logout).status_code == 405
    assert client.post(logout).status_code == 302
    assert client.get(home).status_code == 302


def test_the_staff_header_has_the_navigation_and_a_post_logout_button(client, editor) -> None:
    client.force_login(editor)
    with translation.override("en"):
        page = client.get(reverse("staff-home")).content.decode()
        assert f'action="{reverse("staff-logout")}"' in page
        assert reverse("catalog-staff-worklist") in page
    assert 'method="post"' in page


def test_after_the_failure_limit_even_the_right_password_is_refused(client, editor) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit):
        client.post(login_url(), {"username": "els", "password": "wrong"})
    response = client.post(login_url(), {"username": "els", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "staff/locked_out.html" in [t.name for t in response.templates]
    assert response.context["failure_limit"] == limit
    assert response.context["cooloff_timedelta"].total_seconds() == 15 * 60


def test_the_locked_out_page_speaks_the_users_language(client, editor) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(login_url("fr"), {"username": "els", "password": "wrong"})
    response = client.post(login_url("fr"), {"username": "els", "password": PASSWORD})
    assert response.status_code == 429
    assert '<html lang="fr">' in response.content.decode()


def test_the_lock_is_per_user_name_so_a_colleague_can_still_log_in(client, editor) -> None:
    staff_member(OrganisationFactory(), Role.CLERK, username="jan")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(login_url(), {"username": "els", "password": "wrong"})
    response = client.post(login_url(), {"username": "jan", "password": PASSWORD})
    assert response.status_code == 302

"""Staff of organisation A can read or change nothing of organisation B: web, API and admin.

Each test acts as an editor of A against B's data and checks two things: the answer (404 or 403,
never B's data) and that B's rows are exactly as they were.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from loket.catalog.models import ContentReport, ReportStatus, Service, ServiceStatus
from loket.catalog.services import content_report_create
from loket.core.models import AuditEntry
from loket.organisations.models import Location, Membership, Organisation, Role
from loket.organisations.selectors import staff_organisation_ids, user_has_role
from tests.factories import (
    LocationFactory,
    OrganisationFactory,
    ServiceChannelFactory,
    ServiceFactory,
    UserFactory,
    staff_member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def org_a():
    return OrganisationFactory(slug="stad-a")


@pytest.fixture
def org_b():
    return OrganisationFactory(slug="ocmw-b")


@pytest.fixture
def editor_a(org_a):
    return staff_member(org_a, Role.CATALOGUE_EDITOR, Role.ADMIN)


@pytest.fixture
def service_a(org_a):
    service = ServiceFactory(organisation=org_a, slug="service-of-a")
    ServiceChannelFactory(service=service)
    return service


@pytest.fixture
def service_b(org_b):
    service = ServiceFactory(organisation=org_b, slug="service-of-b", status=ServiceStatus.DRAFT, last_reviewed=None)
    ServiceChannelFactory(service=service)
    return service


@pytest.fixture
def report_b(service_b):
    return content_report_create(
        service=service_b, message="Adres van B klopt niet.", email="b@example.be", language="nl"
    )


def snapshot(service: Service) -> dict[str, object]:
    """Every column, read in one fixed language (modeltranslation reads ``title`` in the active one)."""
    with translation.override("nl"):
        return Service.objects.values().get(pk=service.pk)


def en(name: str, **kwargs: object) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


# --- Selectors -----------------------------------------------------------------------------------


def test_staff_organisation_ids_are_the_members_organisations_only(editor_a, org_a, org_b) -> None:
    assert staff_organisation_ids(user=editor_a) == {org_a.pk}
    assert user_has_role(user=editor_a, organisation=org_a, role=Role.CATALOGUE_EDITOR)
    assert not user_has_role(user=editor_a, organisation=org_b, role=Role.CATALOGUE_EDITOR)
    assert not user_has_role(user=editor_a, organisation=org_a, role=Role.CLERK)


def test_superusers_see_every_organisation(org_a, org_b) -> None:
    root = UserFactory(is_superuser=True)
    assert staff_organisation_ids(user=root) >= {org_a.pk, org_b.pk}


def test_an_inactive_member_sees_nothing(editor_a) -> None:
    editor_a.is_active = False
    assert staff_organisation_ids(user=editor_a) == set()


# --- Web -----------------------------------------------------------------------------------------


def test_the_work_list_shows_nothing_of_b(client, editor_a, service_a, service_b, report_b) -> None:
    client.force_login(editor_a)
    response = client.get(en("catalog-staff-worklist"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Adres van B klopt niet." not in page
    assert service_b.slug not in page
    work = response.context["work"]
    assert all(r.service.organisation_id != service_b.organisation_id for r in work.reports)
    assert service_b not in work.overdue
    assert service_b.slug not in client.get(en("catalog-staff-services")).content.decode()


def test_bs_edit_form_is_a_404_and_a_post_changes_nothing(client, editor_a, service_b) -> None:
    before = snapshot(service_b)
    client.force_login(editor_a)
    url = en("catalog-staff-service-edit", slug=service_b.slug)
    assert client.get(url).status_code == 404
    assert (
        client.post(url, {"title_nl": "Gekaapt", "duration_minutes": 5, "review_interval_days": 30}).status_code == 404
    )
    assert snapshot(service_b) == before


@pytest.mark.parametrize(
    "name",
    [
        "catalog-staff-service-reviewed",
        "catalog-staff-service-publish",
        "catalog-staff-service-unpublish",
        "catalog-staff-service-readability",
    ],
)
def test_bs_service_buttons_are_a_404_and_change_nothing(client, editor_a, service_b, name) -> None:
    before = snapshot(service_b)
    client.force_login(editor_a)
    assert client.post(en(name, slug=service_b.slug)).status_code == 404
    assert snapshot(service_b) == before


@pytest.mark.parametrize("name", ["catalog-staff-report-resolve", "catalog-staff-report-dismiss"])
def test_resolving_bs_report_is_refused(client, editor_a, report_b, name) -> None:
    client.force_login(editor_a)
    assert client.post(en(name, report_id=report_b.pk)).status_code == 404
    report_b.refresh_from_db()
    assert (report_b.status, report_b.handled_by_id) == (ReportStatus.OPEN, None)


def test_nothing_of_b_reaches_the_audit_trail_as_a_change_by_a(client, editor_a, service_b, report_b) -> None:
    client.force_login(editor_a)
    client.post(en("catalog-staff-service-publish", slug=service_b.slug))
    client.post(en("catalog-staff-report-resolve", report_id=report_b.pk))
    assert not AuditEntry.objects.filter(actor=editor_a).exists()


def test_a_clerk_of_b_cannot_edit_bs_catalogue_either(client, org_b, service_b) -> None:
    client.force_login(staff_member(org_b, Role.CLERK))
    assert client.get(en("catalog-staff-service-edit", slug=service_b.slug)).status_code == 403


# --- API -----------------------------------------------------------------------------------------


@pytest.fixture
def api(editor_a) -> APIClient:
    client = APIClient()
    client.force_authenticate(editor_a)
    return client


def test_the_api_list_holds_as_services_only(api, service_a, service_b) -> None:
    body = api.get(reverse("api-staff-services")).json()
    slugs = {item["slug"] for item in body["results"]}
    assert slugs == {service_a.slug}
    assert body["count"] == 1


def test_get_and_patch_of_bs_service_are_404_and_change_nothing(api, service_b) -> None:
    before = snapshot(service_b)
    url = reverse("api-staff-service-detail", kwargs={"slug": service_b.slug})
    assert api.get(url).status_code == 404
    response = api.patch(url, {"texts": {"title": {"nl": "Gekaapt"}}}, format="json")
    assert response.status_code == 404
    assert response.json()["code"] == "service_not_found"
    for action in ("api-staff-service-publish", "api-staff-service-unpublish", "api-staff-service-mark-reviewed"):
        assert api.post(reverse(action, kwargs={"slug": service_b.slug})).status_code == 404
    assert snapshot(service_b) == before


def test_the_api_does_not_list_or_resolve_bs_reports(api, service_a, report_b) -> None:
    own = content_report_create(service=service_a, message="Van A.", email="", language="nl")
    ids = {item["id"] for item in api.get(reverse("api-staff-reports"), {"status": "all"}).json()["results"]}
    assert ids == {own.pk}
    for action in ("api-staff-report-resolve", "api-staff-report-dismiss"):
        assert api.post(reverse(action, kwargs={"report_id": report_b.pk})).status_code == 404
    assert ContentReport.objects.get(pk=report_b.pk).status == ReportStatus.OPEN


def test_the_staff_api_refuses_anonymous_callers(service_a) -> None:
    response = APIClient().get(reverse("api-staff-services"))
    assert response.status_code in (401, 403)


# --- Admin ---------------------------------------------------------------------------------------


@pytest.fixture
def admin_a(org_a):
    """An administrator of A who may use the Django admin for A's set-up."""
    user = staff_member(org_a, Role.ADMIN, Role.CATALOGUE_EDITOR, is_staff=True)
    codenames = [
        f"{action}_{model}"
        for action in ("view", "change", "add")
        for model in ("service", "location", "organisation", "membership", "contentreport")
    ]
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def test_the_admin_service_changelist_holds_as_services_only(client, admin_a, service_a, service_b) -> None:
    client.force_login(admin_a)
    response = client.get(en("admin:catalog_service_changelist"))
    assert response.status_code == 200
    shown = {service.slug for service in response.context["cl"].queryset}
    assert shown == {service_a.slug}


def test_the_admin_location_and_organisation_changelists_are_scoped(client, admin_a, org_a, org_b) -> None:
    own, foreign = LocationFactory(organisation=org_a), LocationFactory(organisation=org_b)
    client.force_login(admin_a)
    locations = set(client.get(en("admin:organisations_location_changelist")).context["cl"].queryset)
    assert locations == {Location.objects.get(pk=own.pk)}
    assert foreign not in locations
    organisations = set(client.get(en("admin:organisations_organisation_changelist")).context["cl"].queryset)
    assert organisations == {Organisation.objects.get(pk=org_a.pk)}


def test_the_admin_change_form_of_bs_service_is_out_of_reach(client, admin_a, service_b) -> None:
    before = snapshot(service_b)
    client.force_login(admin_a)
    url = en("admin:catalog_service_change", object_id=service_b.pk)
    response = client.get(url)
    assert response.status_code in (302, 403, 404)
    assert "adminform" not in (response.context or {})
    client.post(url, {"title_nl": "Gekaapt", "duration_minutes": 1, "review_interval_days": 1})
    assert snapshot(service_b) == before


def test_the_admin_cannot_give_a_role_in_b(client, admin_a, org_b) -> None:
    victim = UserFactory()
    client.force_login(admin_a)
    client.post(
        en("admin:organisations_membership_add"),
        {"user": victim.pk, "organisation": org_b.pk, "role": Role.ADMIN},
    )
    assert not Membership.objects.filter(organisation=org_b).exists()

"""The catalogue editor's service functions and work list: permission, validation, audit, queries."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from loket.catalog.models import (
    SERVICE_TEXT_FIELDS,
    ChannelKind,
    ContentReport,
    ReportStatus,
    Service,
    ServiceChannel,
    ServiceStatus,
)
from loket.catalog.services import (
    content_report_create,
    content_report_dismiss,
    content_report_resolve,
    service_create,
    service_mark_reviewed,
    service_publish,
    service_unpublish,
    service_update,
)
from loket.catalog.staff_forms import ServiceEditForm
from loket.catalog.staff_selectors import editor_work_list, service_get_for_editor
from loket.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from loket.core.models import AuditEntry
from loket.organisations.models import Role
from tests.factories import (
    DepartmentFactory,
    LocationFactory,
    OrganisationFactory,
    ServiceChannelFactory,
    ServiceFactory,
    UserFactory,
    staff_member,
)

pytestmark = pytest.mark.django_db

HARD_NL = (
    "Overeenkomstig de bepalingen van het koninklijk besluit betreffende de bevolkingsregisters dient elke "
    "inwoner die zijn hoofdverblijfplaats wijzigt, binnen een termijn van acht werkdagen na de effectieve "
    "verhuizing, een aangifte van adreswijziging in te dienen bij het gemeentebestuur van de nieuwe verblijfplaats."
)


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.fixture
def editor(organisation):
    return staff_member(organisation, Role.CATALOGUE_EDITOR)


@pytest.fixture
def service(organisation):
    service = ServiceFactory(organisation=organisation, slug="identity-card")
    ServiceChannelFactory(service=service, kind=ChannelKind.APPOINTMENT)
    return service


def stored(service: Service) -> dict[str, object]:
    """Every column, read in one fixed language (modeltranslation reads ``title`` in the active one)."""
    with translation.override("nl"):
        return Service.objects.values().get(pk=service.pk)


def last_audit(action: str) -> AuditEntry:
    return AuditEntry.objects.filter(action=action).latest("at")


# --- Permission ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.CLERK, Role.RECEPTION, Role.MANAGER, Role.BACK_OFFICE])
def test_staff_without_the_editor_role_may_not_change_a_service(organisation, service, role) -> None:
    clerk = staff_member(organisation, role)
    with pytest.raises(PermissionDenied):
        service_update(actor=clerk, service=service, data={"title_nl": "Iets anders"})
    service.refresh_from_db()
    assert service.title_nl == "Identiteitskaart aanvragen"
    assert not AuditEntry.objects.filter(action="service.update").exists()


def test_an_editor_of_another_organisation_may_not_change_a_service(service) -> None:
    stranger = staff_member(OrganisationFactory(), Role.CATALOGUE_EDITOR)
    for call in (
        lambda: service_update(actor=stranger, service=service, data={"title_nl": "Gekaapt"}),
        lambda: service_publish(actor=stranger, service=service),
        lambda: service_unpublish(actor=stranger, service=service),
        lambda: service_mark_reviewed(actor=stranger, service=service),
    ):
        with pytest.raises(PermissionDenied):
            call()
    service.refresh_from_db()
    assert (service.title_nl, service.status) == ("Identiteitskaart aanvragen", ServiceStatus.PUBLISHED)


def test_an_administrator_of_the_organisation_may_edit(organisation, service) -> None:
    admin = staff_member(organisation, Role.ADMIN)
    service_update(actor=admin, service=service, data={"duration_minutes": 20})
    assert Service.objects.get(pk=service.pk).duration_minutes == 20


def test_a_citizen_or_the_system_may_not_edit(service) -> None:
    with pytest.raises(PermissionDenied):
        service_update(actor="citizen", service=service, data={"title_nl": "x"})
    with pytest.raises(PermissionDenied):
        service_publish(actor=None, service=service)


def test_a_superuser_may_edit_every_organisation(service) -> None:
    root = UserFactory(is_superuser=True, is_staff=True)
    service_update(actor=root, service=service, data={"duration_minutes": 25})
    assert Service.objects.get(pk=service.pk).duration_minutes == 25


# --- Update, validation and audit ----------------------------------------------------------------


def test_update_writes_the_audit_entry_with_old_and_new_values(editor, service) -> None:
    service_update(
        actor=editor, service=service, data={"title_fr": "Carte d'identité", "duration_minutes": 20, "summary_en": ""}
    )
    entry = last_audit("service.update")
    assert entry.actor == editor
    assert entry.organisation_id == service.organisation_id
    assert entry.object_id == str(service.pk)
    assert entry.changes["title_fr"] == ["Demander une carte d'identité", "Carte d'identité"]
    assert entry.changes["duration_minutes"] == [15, 20]
    assert entry.changes["summary_en"] == ["Every Belgian aged 12 or over needs an electronic identity card.", ""]
    assert "title_nl" not in entry.changes


def test_update_without_a_change_writes_no_audit_entry(editor, service) -> None:
    service_update(actor=editor, service=service, data={"title_nl": "Identiteitskaart aanvragen"})
    assert not AuditEntry.objects.filter(action="service.update").exists()


def test_update_replaces_the_channels_and_audits_them(editor, service) -> None:
    service_update(
        actor=editor,
        service=service,
        data={
            "channels": [
                {
                    "kind": ChannelKind.ONLINE,
                    "url": "https://www.mechelen.be/eloket",
                    "instructions_nl": "Via het e-loket.",
                },
                {"kind": ChannelKind.PHONE, "phone": "015 29 76 00"},
            ]
        },
    )
    kinds = list(ServiceChannel.objects.filter(service=service).values_list("kind", flat=True).order_by("order"))
    assert kinds == [ChannelKind.ONLINE, ChannelKind.PHONE]
    old, new = last_audit("service.update").changes["channels"]
    assert [c["kind"] for c in old] == [ChannelKind.APPOINTMENT]
    assert [c["kind"] for c in new] == [ChannelKind.ONLINE, ChannelKind.PHONE]


@pytest.mark.parametrize(
    ("data", "field", "code"),
    [
        ({"title_nl": "", "title_fr": "", "title_en": ""}, "title_nl", "title_required"),
        ({"title_en": "x" * 201}, "title_en", "too_long"),
        ({"duration_minutes": 0}, "duration_minutes", "out_of_range"),
        ({"duration_minutes": "twenty"}, "duration_minutes", "invalid"),
        ({"review_interval_days": 5000}, "review_interval_days", "out_of_range"),
        ({"cost_amount": "-3"}, "cost_amount", "out_of_range"),
        ({"cost_amount": "twee euro"}, "cost_amount", "invalid"),
        ({"channels": [{"kind": "carrier-pigeon"}]}, "channels-0-kind", "channel_kind_invalid"),
        ({"channels": [{"kind": "online"}]}, "channels-0-url", "url_required"),
        ({"channels": [{"kind": "online", "url": "javascript:alert(1)"}]}, "channels-0-url", "url_invalid"),
        (
            {"channels": [{"kind": "phone"}, {"kind": "phone", "phone": "015 29 76 00"}]},
            "channels-0-phone",
            "phone_required",
        ),
        ({"channels": [{"kind": "post"}, {"kind": "post"}]}, "channels-1-kind", "channel_kind_twice"),
        ({"channels": []}, "channels", "channels_required"),
        ({"status": "published"}, "status", "unknown_field"),
        ({"organisation": 99}, "organisation", "unknown_field"),
    ],
)
def test_bad_input_is_refused_with_the_field_and_changes_nothing(editor, service, data, field, code) -> None:
    before = stored(service)
    with pytest.raises(DomainError) as caught:
        service_update(actor=editor, service=service, data=data)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert str(caught.value.message)
    assert stored(service) == before
    assert ServiceChannel.objects.filter(service=service).count() == 1
    assert not AuditEntry.objects.filter(action="service.update").exists()


def test_the_validation_message_is_in_the_editors_language(editor, service) -> None:
    with translation.override("en"), pytest.raises(DomainError) as caught:
        service_update(actor=editor, service=service, data={"duration_minutes": 0})
    assert str(caught.value.message) == "Enter a number from 1 to 480."


def test_a_department_of_another_organisation_is_refused(editor, service) -> None:
    foreign = DepartmentFactory()
    with pytest.raises(DomainError) as caught:
        service_update(actor=editor, service=service, data={"department": foreign.pk})
    assert caught.value.field == "department"
    own = DepartmentFactory(organisation=service.organisation)
    service_update(actor=editor, service=service, data={"department": own.pk})
    assert Service.objects.get(pk=service.pk).department == own


def test_cost_is_kept_to_the_cent(editor, service) -> None:
    service_update(actor=editor, service=service, data={"cost_amount": "20,5"})
    assert Service.objects.get(pk=service.pk).cost_amount == Decimal("20.50")


def test_a_save_over_a_newer_change_is_refused(editor, service) -> None:
    loaded_at = service.updated_at - datetime.timedelta(seconds=5)
    with pytest.raises(Conflict):
        service_update(actor=editor, service=service, data={"title_nl": "Mijn versie"}, if_unchanged_since=loaded_at)
    assert Service.objects.get(pk=service.pk).title_nl == "Identiteitskaart aanvragen"


def test_create_makes_a_draft_and_audits_it(editor, organisation) -> None:
    created = service_create(
        actor=editor, organisation=organisation, slug="smoke-detector", data={"title_nl": "Rookmelder kopen"}
    )
    assert created.status == ServiceStatus.DRAFT
    assert last_audit("service.create").changes["title_nl"] == [None, "Rookmelder kopen"]
    with pytest.raises(Conflict):
        service_create(actor=editor, organisation=organisation, slug="smoke-detector", data={"title_nl": "Nog een"})
    with pytest.raises(DomainError) as caught:
        service_create(actor=editor, organisation=organisation, slug="Rook melder", data={"title_nl": "x"})
    assert caught.value.field == "slug"


# --- Publish, review -----------------------------------------------------------------------------


def test_publish_and_unpublish_are_audited(editor, service) -> None:
    service_unpublish(actor=editor, service=service)
    assert Service.objects.get(pk=service.pk).status == ServiceStatus.DRAFT
    assert last_audit("service.unpublish").changes == {"status": ["published", "draft"]}
    service_publish(actor=editor, service=service)
    assert Service.objects.get(pk=service.pk).status == ServiceStatus.PUBLISHED
    assert last_audit("service.publish").changes == {"status": ["draft", "published"]}


def test_a_service_without_channels_cannot_be_published(editor, organisation) -> None:
    draft = ServiceFactory(organisation=organisation, status=ServiceStatus.DRAFT)
    with pytest.raises(DomainError) as caught:
        service_publish(actor=editor, service=draft)
    assert caught.value.field == "channels"
    assert Service.objects.get(pk=draft.pk).status == ServiceStatus.DRAFT


def test_a_service_without_summary_cannot_be_published(editor, organisation) -> None:
    draft = ServiceFactory(
        organisation=organisation, status=ServiceStatus.DRAFT, summary_nl="", summary_fr="", summary_en=""
    )
    ServiceChannelFactory(service=draft)
    with pytest.raises(DomainError) as caught:
        service_publish(actor=editor, service=draft)
    assert caught.value.code == "summary_required"


def test_mark_reviewed_sets_today_and_audits_the_old_date(editor, service) -> None:
    service_mark_reviewed(actor=editor, service=service, today=datetime.date(2027, 1, 4))
    assert Service.objects.get(pk=service.pk).last_reviewed == datetime.date(2027, 1, 4)
    assert last_audit("service.mark_reviewed").changes == {"last_reviewed": ["2026-09-01", "2027-01-04"]}


# --- Reports -------------------------------------------------------------------------------------


def test_resolve_and_dismiss_a_report(editor, service) -> None:
    first = content_report_create(service=service, message="De prijs klopt niet.", email="", language="nl")
    second = content_report_create(service=service, message="Alles goed?", email="", language="nl")
    content_report_resolve(actor=editor, report=first)
    content_report_dismiss(actor=editor, report=second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.handled_by, first.handled_at is not None) == (ReportStatus.RESOLVED, editor, True)
    assert second.status == ReportStatus.DISMISSED
    assert last_audit("content_report.resolve").changes == {"status": ["open", "resolved"]}


def test_a_report_cannot_be_handled_twice(editor, service) -> None:
    report = content_report_create(service=service, message="Fout adres.", email="", language="nl")
    content_report_resolve(actor=editor, report=report)
    with pytest.raises(Conflict):
        content_report_dismiss(actor=editor, report=report)
    assert ContentReport.objects.get(pk=report.pk).status == ReportStatus.RESOLVED


def test_an_editor_of_another_organisation_may_not_resolve_a_report(service) -> None:
    report = content_report_create(service=service, message="Fout adres.", email="", language="nl")
    stranger = staff_member(OrganisationFactory(), Role.CATALOGUE_EDITOR)
    with pytest.raises(PermissionDenied):
        content_report_resolve(actor=stranger, report=report)
    assert ContentReport.objects.get(pk=report.pk).status == ReportStatus.OPEN


# --- Work list -----------------------------------------------------------------------------------


def test_the_work_list_holds_open_reports_overdue_and_hard_to_read_services(editor, organisation, service) -> None:
    today = datetime.date(2027, 6, 1)
    overdue = ServiceFactory(organisation=organisation, last_reviewed=datetime.date(2026, 1, 1))
    never = ServiceFactory(organisation=organisation, last_reviewed=None)
    hard = ServiceFactory(organisation=organisation, procedure_nl=HARD_NL, last_reviewed=today)
    content_report_create(service=service, message="Foto-eisen zijn veranderd.", email="", language="nl")
    handled = content_report_create(service=service, message="Oud bericht.", email="", language="nl")
    content_report_dismiss(actor=editor, report=handled)
    other = ServiceFactory(procedure_nl=HARD_NL, last_reviewed=None)  # another organisation
    content_report_create(service=other, message="Niet van mij.", email="", language="nl")

    work = editor_work_list(user=editor, today=today)

    assert [r.message for r in work.reports] == ["Foto-eisen zijn veranderd."]
    assert {s.slug for s in work.overdue} >= {overdue.slug, never.slug}
    assert other.slug not in {s.slug for s in work.overdue}
    assert hard.slug in {p.service.slug for p in work.poorly_readable}
    hard_entry = next(p for p in work.poorly_readable if p.service.slug == hard.slug)
    assert (hard_entry.worst.field, hard_entry.worst.lang) == ("procedure", "nl")
    assert other.slug not in {p.service.slug for p in work.poorly_readable}


def test_the_work_list_costs_the_same_queries_for_many_services(
    editor, organisation, django_assert_max_num_queries
) -> None:
    for _ in range(25):
        service = ServiceFactory(organisation=organisation, procedure_nl=HARD_NL, last_reviewed=None)
        ServiceChannelFactory(service=service)
        content_report_create(service=service, message="Klopt niet.", email="", language="nl")
    with django_assert_max_num_queries(4):
        work = editor_work_list(user=editor)
        _ = [(r.service.slug, r.service.organisation.name) for r in work.reports]
        _ = [(s.slug, [c.kind for c in s.channels.all()]) for s in work.overdue]
    assert len(work.reports) == 25


def test_an_editor_cannot_fetch_another_organisations_service(editor) -> None:
    foreign = ServiceFactory()
    with pytest.raises(NotFound):
        service_get_for_editor(user=editor, slug=foreign.slug)


# --- Pages ---------------------------------------------------------------------------------------


def url(name: str, **kwargs: object) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


def form_data(service: Service, **changes: object) -> dict[str, object]:
    initial = ServiceEditForm.initial_for(service)
    data = {key: ("on" if value is True else value) for key, value in initial.items() if value not in (None, False)}
    data["loaded_at"] = service.updated_at.isoformat()
    data.update(changes)
    return data


def test_the_work_list_page_shows_the_report_and_links_to_the_service(client, editor, service) -> None:
    content_report_create(service=service, message="De openingsuren kloppen niet.", email="", language="nl")
    client.force_login(editor)
    response = client.get(url("catalog-staff-worklist"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "De openingsuren kloppen niet." in page
    assert url("catalog-staff-service-edit", slug=service.slug) in page


def test_the_edit_page_shows_a_readability_score_for_every_text_in_every_language(client, editor, service) -> None:
    service.procedure_nl = HARD_NL
    service.save()
    client.force_login(editor)
    response = client.get(url("catalog-staff-service-edit", slug=service.slug))
    assert response.status_code == 200
    texts = response.context["texts"]
    assert [t["name"] for t in texts] == list(SERVICE_TEXT_FIELDS)
    procedure = next(t for t in texts if t["name"] == "procedure")
    scores = {language["lang"]: language["score"] for language in procedure["languages"]}
    assert scores["nl"].verdict == "hard"
    assert 'id="read-procedure-nl"' in response.content.decode()


def test_saving_the_form_changes_the_service_and_audits_it(client, editor, service) -> None:
    client.force_login(editor)
    response = client.post(
        url("catalog-staff-service-edit", slug=service.slug), form_data(service, title_en="Identity card")
    )
    assert response.status_code == 302
    assert Service.objects.get(pk=service.pk).title_en == "Identity card"
    assert last_audit("service.update").changes["title_en"] == ["Apply for an identity card", "Identity card"]


def test_a_rejected_save_shows_the_message_next_to_the_field_and_changes_nothing(client, editor, service) -> None:
    client.force_login(editor)
    data = form_data(service, channel_online_offered="on", channel_online_url="")
    response = client.post(url("catalog-staff-service-edit", slug=service.slug), data)
    assert response.status_code == 400
    assert response.context["form"].errors["channel_online_url"]
    assert not ServiceChannel.objects.filter(service=service, kind=ChannelKind.ONLINE).exists()


def test_the_buttons_mark_reviewed_unpublish_and_resolve(client, editor, service) -> None:
    report = content_report_create(service=service, message="Fout.", email="", language="nl")
    client.force_login(editor)
    assert client.post(url("catalog-staff-service-reviewed", slug=service.slug)).status_code == 302
    assert Service.objects.get(pk=service.pk).last_reviewed == datetime.date.today()
    client.post(url("catalog-staff-service-unpublish", slug=service.slug))
    assert Service.objects.get(pk=service.pk).status == ServiceStatus.DRAFT
    response = client.post(url("catalog-staff-report-resolve", report_id=report.pk), {"next": "https://evil.example/"})
    assert response["Location"] == url("catalog-staff-worklist")
    assert ContentReport.objects.get(pk=report.pk).status == ReportStatus.RESOLVED


def test_the_work_list_shows_the_hardest_sheets_first_and_the_rest_on_request(client, editor, organisation) -> None:
    for _ in range(22):
        ServiceFactory(organisation=organisation, procedure_nl=HARD_NL)
    client.force_login(editor)
    assert len(client.get(url("catalog-staff-worklist")).context["hard_to_read"]) == 20
    everything = client.get(url("catalog-staff-worklist"), {"readability": "all"})
    assert len(everything.context["hard_to_read"]) == 22


def test_the_score_follows_the_text_as_it_is_typed_without_saving(client, editor, service) -> None:
    client.force_login(editor)
    response = client.post(url("catalog-staff-service-readability", slug=service.slug), {"procedure_nl": HARD_NL})
    assert response.status_code == 200
    assert response.context["score"].verdict == "hard"
    assert 'id="read-procedure-nl"' in response.content.decode()
    assert Service.objects.get(pk=service.pk).procedure_nl in ("", None)


def test_the_work_list_page_costs_the_same_queries_for_many_services(
    client, editor, organisation, django_assert_max_num_queries
) -> None:
    for _ in range(20):
        service = ServiceFactory(organisation=organisation, procedure_nl=HARD_NL, last_reviewed=None)
        content_report_create(service=service, message="Klopt niet.", email="", language="nl")
    client.force_login(editor)
    # session, user, editor's organisations (work list), services, channels, reports, navigation
    with django_assert_max_num_queries(9):
        assert client.get(url("catalog-staff-worklist")).status_code == 200


# --- Admin ---------------------------------------------------------------------------------------


def admin_form_data(service: Service, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        name: getattr(service, name) or ""
        for name in (f"{f}_{lang}" for f in SERVICE_TEXT_FIELDS for lang in ("nl", "fr", "en"))
    }
    data.update(
        status=service.status,
        duration_minutes=service.duration_minutes,
        review_interval_days=service.review_interval_days,
        last_reviewed=service.last_reviewed.isoformat() if service.last_reviewed else "",
        cost_amount="",
        department="",
        editor="",
    )
    channels = list(service.channels.all())
    data.update(
        {
            "channels-TOTAL_FORMS": len(channels),
            "channels-INITIAL_FORMS": len(channels),
            "channels-MIN_NUM_FORMS": 0,
            "channels-MAX_NUM_FORMS": 1000,
        }
    )
    for index, channel in enumerate(channels):
        data.update(
            {
                f"channels-{index}-id": channel.pk,
                f"channels-{index}-service": service.pk,
                f"channels-{index}-kind": channel.kind,
                f"channels-{index}-order": channel.order,
                f"channels-{index}-url": channel.url,
                f"channels-{index}-phone": channel.phone,
            }
        )
    data.update(changes)
    return data


@pytest.fixture
def superuser():
    return UserFactory(is_superuser=True, is_staff=True)


def test_saving_a_service_in_the_admin_goes_through_the_service_functions(client, superuser, service) -> None:
    client.force_login(superuser)
    response = client.post(
        url("admin:catalog_service_change", object_id=service.pk),
        admin_form_data(service, title_en="Identity card", status=ServiceStatus.DRAFT),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    service.refresh_from_db()
    assert (service.title_en, service.status) == ("Identity card", ServiceStatus.DRAFT)
    updates = AuditEntry.objects.filter(action="service.update", actor=superuser)
    assert [e.changes for e in updates] == [{"title_en": ["Apply for an identity card", "Identity card"]}]
    assert last_audit("service.unpublish").actor == superuser


def test_the_admin_shows_the_service_functions_validation_next_to_the_field(client, superuser, service) -> None:
    client.force_login(superuser)
    foreign = DepartmentFactory()
    response = client.post(
        url("admin:catalog_service_change", object_id=service.pk), admin_form_data(service, department=foreign.pk)
    )
    assert response.status_code == 200
    assert "department" in response.context["adminform"].form.errors
    assert Service.objects.get(pk=service.pk).department is None


def test_the_admin_pages_render(client, superuser, service) -> None:
    location = LocationFactory(organisation=service.organisation)
    client.force_login(superuser)
    for name, kwargs in [
        ("admin:catalog_service_changelist", {}),
        ("admin:catalog_service_add", {}),
        ("admin:catalog_service_change", {"object_id": service.pk}),
        ("admin:organisations_organisation_change", {"object_id": service.organisation_id}),
        ("admin:organisations_location_change", {"object_id": location.pk}),
        ("admin:organisations_membership_changelist", {}),
        ("admin:catalog_contentreport_changelist", {}),
    ]:
        assert client.get(url(name, **kwargs)).status_code == 200, name


# --- Staff API -----------------------------------------------------------------------------------


@pytest.fixture
def api(editor):
    client = APIClient()
    client.force_authenticate(editor)
    return client


def test_the_api_shows_a_service_with_every_text_and_its_readability(api, service) -> None:
    body = api.get(reverse("api-staff-service-detail", kwargs={"slug": service.slug})).json()
    assert set(body["texts"]) == set(SERVICE_TEXT_FIELDS)
    assert body["texts"]["title"] == {
        "nl": "Identiteitskaart aanvragen",
        "fr": "Demander une carte d'identité",
        "en": "Apply for an identity card",
    }
    assert set(body["readability"]["summary"]) == {"nl", "fr", "en"}
    assert body["readability"]["summary"]["nl"]["formula"] == "Flesch-Douma"
    assert [c["kind"] for c in body["channels"]] == [ChannelKind.APPOINTMENT]


def test_patch_through_the_api_uses_the_service_function(api, editor, service) -> None:
    response = api.patch(
        reverse("api-staff-service-detail", kwargs={"slug": service.slug}),
        {"texts": {"title": {"en": "Identity card"}}, "duration_minutes": 20},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["texts"]["title"]["en"] == "Identity card"
    entry = last_audit("service.update")
    assert entry.actor == editor
    assert entry.changes == {"title_en": ["Apply for an identity card", "Identity card"], "duration_minutes": [15, 20]}


def test_a_bad_patch_is_a_400_naming_the_field_and_changes_nothing(api, service) -> None:
    before = stored(service)
    url_ = reverse("api-staff-service-detail", kwargs={"slug": service.slug})
    response = api.patch(url_, {"channels": [{"kind": "online"}]}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "url_required"
    assert response.json()["field"] == "channels-0-url"
    response = api.patch(url_, {"channels": [{"kind": "pigeon"}]}, format="json")
    assert (response.status_code, response.json()["field"]) == (400, "channels.0.kind")
    assert stored(service) == before


def test_a_stale_patch_is_a_409(api, service) -> None:
    stale = (service.updated_at - datetime.timedelta(minutes=1)).isoformat()
    response = api.patch(
        reverse("api-staff-service-detail", kwargs={"slug": service.slug}),
        {"texts": {"title": {"nl": "Oud"}}, "if_unchanged_since": stale},
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "stale"


def test_the_api_resolves_a_report_and_lists_it_no_more(api, editor, service) -> None:
    report = content_report_create(service=service, message="Prijs is fout.", email="", language="nl")
    assert [r["id"] for r in api.get(reverse("api-staff-reports")).json()["results"]] == [report.pk]
    response = api.post(reverse("api-staff-report-resolve", kwargs={"report_id": report.pk}))
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["handled_by"]) == ("resolved", editor.username)
    assert api.get(reverse("api-staff-reports")).json()["results"] == []
    again = api.post(reverse("api-staff-report-resolve", kwargs={"report_id": report.pk}))
    assert (again.status_code, again.json()["code"]) == (409, "report_handled")


def test_a_session_write_without_the_csrf_token_is_refused(editor, service) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(reverse("api-staff-service-unpublish", kwargs={"slug": service.slug}))
    assert response.status_code == 403
    assert Service.objects.get(pk=service.pk).status == ServiceStatus.PUBLISHED

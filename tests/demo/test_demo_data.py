"""The demo data set of ``loket demo``: complete, consistent, idempotent, and every role can log in."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.test import RequestFactory, override_settings
from django.utils import timezone

from loket.catalog.models import (
    SERVICE_TEXT_FIELDS,
    ChannelKind,
    LifeEvent,
    Service,
    ServiceChannel,
    ServiceStatus,
    StaffSkill,
)
from loket.demo import DEMO_PASSWORD, demo_logins, load_demo
from loket.demo.catalogue import RELATED, REQUIRED_SLUGS, SERVICES
from loket.demo.life_events import LIFE_EVENTS
from loket.demo.organisations import ORGANISATIONS
from loket.demo.staff import STAFF
from loket.organisations.models import (
    Department,
    Desk,
    Location,
    Membership,
    OpeningException,
    OpeningHours,
    Organisation,
    OrganisationKind,
    Role,
)
from loket.organisations.opening import opening_on

LANGUAGES = ("nl", "fr", "en")


@pytest.fixture(autouse=True)
def fast_password_hashing() -> Iterator[None]:
    # The demo accounts are hashed at load and checked at log-in; the production hasher is
    # deliberately slow, which these tests do not need to prove.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture
def demo() -> None:
    assert load_demo() is True


def _counts() -> dict[str, int]:
    models = (
        Organisation,
        Location,
        Desk,
        Department,
        OpeningHours,
        OpeningException,
        Service,
        ServiceChannel,
        LifeEvent,
        Membership,
        StaffSkill,
        get_user_model(),
    )
    counts = {model.__name__: model.objects.count() for model in models}
    counts["related"] = Service.related.through.objects.count()
    counts["life_event_services"] = Service.life_events.through.objects.count()
    return counts


def _published() -> list[Service]:
    return list(Service.objects.filter(status=ServiceStatus.PUBLISHED))


# --- The data modules, without a database ----------------------------------------------------


def test_every_slug_the_data_refers_to_names_a_service() -> None:
    slugs = {s.slug for s in SERVICES}
    assert len(slugs) == len(SERVICES), "service slugs must be unique"
    referenced = {slug for pair in RELATED for slug in pair}
    referenced |= {slug for event in LIFE_EVENTS for slug in event.services}
    referenced |= {slug for staff in STAFF for slug in staff.skills}
    referenced |= set(REQUIRED_SLUGS)
    assert referenced - slugs == set()


def test_every_service_belongs_to_a_department_of_its_own_organisation() -> None:
    departments = {(o.slug, d.slug) for o in ORGANISATIONS for d in o.departments}
    assert {(s.organisation, s.department) for s in SERVICES} <= departments


def test_published_sheets_give_citizens_their_own_words_to_search_with() -> None:
    for service in SERVICES:
        if service.status != "published":
            continue
        for lang in LANGUAGES:
            if getattr(service.title, lang):
                assert len(getattr(service.keywords, lang).split(",")) >= 4, (service.slug, lang)
    moving = next(s for s in SERVICES if s.slug == "change-of-address").keywords
    assert "verhuizen" in moving.nl and "déménagement" in moving.fr and "moving house" in moving.en


def test_demo_logins_list_every_account_once_with_what_it_is_for() -> None:
    logins = demo_logins()
    usernames = [username for username, _ in logins]
    assert len(usernames) == len(set(usernames))
    assert {"onthaal", "loket", "kcc", "backoffice", "manager", "redactie", "dpo", "admin"} <= set(usernames)
    assert {"bru-redactie", "ocmw-maatschappelijk-werker"} <= set(usernames)
    assert all(description for _, description in logins)


# --- The loaded database ---------------------------------------------------------------------


@pytest.mark.django_db
def test_second_load_returns_false_and_changes_nothing() -> None:
    assert load_demo() is True
    after_first = _counts()
    assert load_demo() is False
    assert _counts() == after_first


@pytest.mark.django_db
def test_load_writes_a_few_lines_of_progress() -> None:
    class Stream:
        def __init__(self) -> None:
            self.text = ""

        def write(self, text: str) -> None:
            self.text += text

    stream = Stream()
    assert load_demo(progress=stream) is True
    assert "services" in stream.text
    assert "life events" in stream.text


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
def test_the_three_kinds_of_organisation_and_the_partners_are_there() -> None:
    kinds = dict(Organisation.objects.values_list("slug", "kind"))
    assert kinds["mechelen"] == OrganisationKind.MUNICIPALITY
    assert kinds["ocmw-mechelen"] == OrganisationKind.SOCIAL_HOUSE
    assert kinds["brussels-fiscality"] == OrganisationKind.REGIONAL_BODY
    assert sum(1 for kind in kinds.values() if kind == OrganisationKind.PARTNER) >= 3
    huis = Location.objects.get(slug="huis-van-de-mechelaar")
    desk_kinds = set(huis.desks.values_list("kind", flat=True))
    assert desk_kinds == {"reception", "quick", "theme", "phone"}
    assert {"Population", "Civil status", "Foreigners", "Building", "Energy"} <= set(
        huis.desks.filter(kind="theme").values_list("theme", flat=True)
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
def test_quick_counter_follows_the_published_walk_in_hours() -> None:
    huis = Location.objects.get(slug="huis-van-de-mechelaar")
    thursday = datetime.date(2027, 3, 4)
    periods = [(p.opens, p.closes) for p in opening_on(location=huis, day=thursday, desk_kind="quick").periods]
    assert periods == [(datetime.time(8), datetime.time(13)), (datetime.time(14, 30), datetime.time(19))]
    saturday = datetime.date(2027, 3, 6)
    assert [(p.opens, p.closes) for p in opening_on(location=huis, day=saturday, desk_kind="quick").periods] == [
        (datetime.time(9), datetime.time(12))
    ]
    staff_day = opening_on(location=huis, day=datetime.date(2027, 1, 2), desk_kind="quick")
    assert not staff_day.is_open


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
def test_pension_point_consultation_days_are_the_coming_second_mondays() -> None:
    days = list(
        OpeningException.objects.filter(location__slug="zitdag-pensioenpunt", kind="extra").values_list(
            "date", flat=True
        )
    )
    assert len(days) == 6
    today = timezone.localdate()
    assert all(day >= today and day.weekday() == 0 and 8 <= day.day <= 14 for day in days)


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
def test_every_required_service_is_there_and_published() -> None:
    statuses = dict(Service.objects.filter(slug__in=REQUIRED_SLUGS).values_list("slug", "status"))
    assert set(statuses) == set(REQUIRED_SLUGS)
    assert set(statuses.values()) == {ServiceStatus.PUBLISHED}


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
def test_at_least_sixty_services_are_published_and_a_few_are_drafts() -> None:
    assert len(_published()) >= 60
    assert 2 <= Service.objects.filter(status=ServiceStatus.DRAFT).count() <= 3


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
def test_required_services_are_complete_in_dutch_french_and_english() -> None:
    missing = [
        f"{service.slug}.{name}_{lang}"
        for service in Service.objects.filter(slug__in=REQUIRED_SLUGS)
        for name in SERVICE_TEXT_FIELDS
        for lang in LANGUAGES
        if not getattr(service, f"{name}_{lang}").strip()
    ]
    assert missing == []


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
def test_some_published_sheets_miss_a_translation_so_the_fallback_shows() -> None:
    assert Service.objects.filter(status=ServiceStatus.PUBLISHED, title_en="").exists()
    assert Service.objects.filter(status=ServiceStatus.PUBLISHED, procedure_fr="").exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
def test_every_published_service_has_a_channel_with_instructions() -> None:
    for service in Service.objects.filter(status=ServiceStatus.PUBLISHED).prefetch_related("channels"):
        channels = list(service.channels.all())
        assert channels, service.slug
        for channel in channels:
            assert channel.instructions_nl and channel.instructions_fr, (service.slug, channel.kind)
            if channel.kind == ChannelKind.ONLINE:
                assert channel.url.startswith("https://"), service.slug
            if channel.kind == ChannelKind.PHONE:
                assert channel.phone, service.slug


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
def test_quick_counter_services_take_five_minutes_at_most() -> None:
    durations = dict(
        Service.objects.filter(channels__kind=ChannelKind.QUICK_COUNTER).values_list("slug", "duration_minutes")
    )
    assert {"smoke-detector", "waste-bags", "taxi-cheques", "pick-up-identity-documents"} <= set(durations)
    assert {slug: minutes for slug, minutes in durations.items() if minutes > 5} == {}


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
def test_some_but_not_most_published_services_are_overdue_for_review() -> None:
    published = _published()
    overdue = [s for s in published if s.is_overdue_for_review()]
    assert 1 <= len(overdue) <= len(published) // 5
    assert all(s.last_reviewed is not None and s.editor is not None for s in published)
    oldest = min(s.last_reviewed for s in published if s.last_reviewed)
    assert oldest >= timezone.localdate() - datetime.timedelta(days=549)


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
def test_brussels_sheets_are_kept_by_the_brussels_editor() -> None:
    editors = set(
        Service.objects.filter(organisation__slug="brussels-fiscality").values_list("editor__username", flat=True)
    )
    assert editors == {"bru-redactie"}


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
def test_often_together_works_both_ways() -> None:
    birth = Service.objects.get(slug="birth-declaration")
    assert set(birth.related.values_list("slug", flat=True)) >= {"childcare-application", "kids-id"}
    childcare = Service.objects.get(slug="childcare-application")
    assert "birth-declaration" in set(childcare.related.values_list("slug", flat=True))


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
def test_every_life_event_groups_at_least_three_published_services() -> None:
    events = LifeEvent.objects.all()
    assert events.count() >= 6
    for event in events:
        assert event.services.filter(status=ServiceStatus.PUBLISHED).count() >= 3, event.slug
        assert event.title_nl and event.title_fr and event.title_en, event.slug
    moving = LifeEvent.objects.get(slug="moving")
    assert (moving.title_nl, moving.title_fr, moving.title_en) == ("Ik verhuis", "Je déménage", "I am moving")


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
def test_every_staff_role_has_a_demo_login_that_can_log_in() -> None:
    usernames = {username for username, _ in demo_logins()}
    request = RequestFactory().post("/")
    for role in Role:
        membership = Membership.objects.filter(role=role, user__username__in=usernames).select_related("user").first()
        assert membership is not None, f"no demo login for {role}"
        user = authenticate(request, username=membership.user.username, password=DEMO_PASSWORD)
        assert user is not None, membership.user.username


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
def test_only_the_administrator_may_use_the_django_admin() -> None:
    staff = get_user_model().objects.filter(is_staff=True)
    assert list(staff.values_list("username", flat=True)) == ["admin"]
    assert staff.get().is_superuser


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
def test_clerks_have_skills_within_their_own_organisation() -> None:
    clerks = get_user_model().objects.filter(memberships__role=Role.CLERK).distinct()
    assert clerks.count() >= 2
    for clerk in clerks:
        skills = StaffSkill.objects.filter(user=clerk).select_related("service")
        assert skills.exists(), clerk.username
        own = set(clerk.memberships.values_list("organisation_id", flat=True))
        assert {skill.service.organisation_id for skill in skills} <= own, clerk.username


@pytest.mark.django_db
def test_an_existing_account_keeps_its_password_and_gets_its_demo_roles() -> None:
    get_user_model().objects.create_user(username="admin", password="my-own-secret-2026")
    assert load_demo() is True
    request = RequestFactory().post("/")
    assert authenticate(request, username="admin", password="my-own-secret-2026") is not None
    assert Membership.objects.filter(user__username="admin", role=Role.ADMIN).count() == len(ORGANISATIONS)

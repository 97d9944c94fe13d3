"""Hostile and malformed input on the other forms: the catalogue editor, reports, surveys, Mijn loket, staff.

Markup typed in a text field is shown escaped where it comes back (the public service page, the
editor's work list, Mijn loket, the staff's person and queue pages); what is typed in a search
or filter is shown back escaped too. A number that is no number, a date that does not exist, a
link that is no web address, a text too long: an error in the user's language, nothing changed.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from loket.catalog.models import ChannelKind, ContentReport, Service, ServiceStatus
from loket.citizens.models import Person, PersonOrganisation
from loket.feedback import services as feedback
from loket.feedback.models import MAX_COMMENT_LENGTH, SurveyAnswer
from loket.organisations.models import Role
from loket.queueing.models import Ticket
from tests.catalog.test_editor import form_data
from tests.factories import OrganisationFactory, ServiceChannelFactory, ServiceFactory, staff_member
from tests.feedback.helpers import make_survey_world, secret_of, survey_messages
from tests.queueing.helpers import at, make_hall
from tests.security.inputs import PAYLOAD, assert_inert, assert_shown
from tests.security.pages import sign_in_citizen

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limits() -> None:
    cache.clear()


def url(name: str, lang: str = "nl", **kwargs: object) -> str:
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


def logged_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


# --- The catalogue ------------------------------------------------------------------------------


@pytest.fixture
def service(db: None) -> Service:
    service = ServiceFactory(organisation=OrganisationFactory(), slug="identity-card", status=ServiceStatus.PUBLISHED)
    ServiceChannelFactory(service=service, kind=ChannelKind.APPOINTMENT)
    return service


def test_markup_in_the_editor_is_shown_as_text_on_the_public_page_and_the_editor(service: Service) -> None:
    editor = logged_in(staff_member(service.organisation, Role.CATALOGUE_EDITOR))
    edit = url("catalog-staff-service-edit", slug=service.slug)
    texts = {
        "title_nl": PAYLOAD[:200],
        "summary_nl": PAYLOAD,
        "procedure_nl": PAYLOAD,
        "channel_appointment_instructions_nl": PAYLOAD,
    }
    response = editor.post(edit, form_data(service, **texts))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Service.objects.get(pk=service.pk).summary_nl == PAYLOAD
    assert_shown(Client().get(url("service-detail", slug=service.slug)).content.decode(), times=3)
    assert_shown(editor.get(edit).content.decode(), times=3)  # in the fields, for the next edit
    assert_inert(editor.get(url("catalog-staff-services")).content.decode())


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"duration_minutes": "een kwartier"}, "Vul een geheel getal in."),
        ({"cost_amount": "gratis"}, "Voer een getal in."),
        ({"channel_online_offered": "on", "channel_online_url": "javascript:alert(1)"}, "Vul een volledig webadres in"),
        ({"title_nl": "x" * 201}, "niet meer dan 200 tekens"),
        # A title is the subject of the confirmations: a line break would make every one unsendable.
        ({"title_nl": "Paspoort\r\nBcc: iedereen@example.com"}, "Write this on one line."),
    ],
)
def test_the_editor_refuses_what_is_no_number_or_no_web_address_and_changes_nothing(
    service: Service, changes: dict[str, str], message: str
) -> None:
    before = Service.objects.filter(pk=service.pk).values().get()
    editor = logged_in(staff_member(service.organisation, Role.CATALOGUE_EDITOR))
    response = editor.post(url("catalog-staff-service-edit", slug=service.slug), form_data(service, **changes))
    assert response.status_code == 400
    html = response.content.decode()
    with translation.override("nl"):
        assert translation.gettext(message) in html
    assert_inert(html)
    assert Service.objects.filter(pk=service.pk).values().get() == before
    assert not service.channels.filter(kind=ChannelKind.ONLINE).exists()


def test_a_citizens_report_with_markup_is_shown_as_text_to_the_editor(service: Service) -> None:
    response = Client().post(url("service-report", slug=service.slug), {"message": PAYLOAD, "email": ""})
    assert response.status_code == 302, response.content.decode()[:3000]
    editor = logged_in(staff_member(service.organisation, Role.CATALOGUE_EDITOR))
    assert_shown(editor.get(url("catalog-staff-worklist")).content.decode())


def test_a_report_too_long_is_refused_in_the_citizens_language(service: Service) -> None:
    response = Client().post(url("service-report", "fr", slug=service.slug), {"message": "x" * 2001, "email": PAYLOAD})
    assert response.status_code == 400
    html = response.content.decode()
    assert "2000" in html and '<html lang="fr">' in html
    assert_inert(html)
    assert not ContentReport.objects.exists()


# --- Surveys ------------------------------------------------------------------------------------


def survey_secret() -> str:
    world = make_survey_world()
    world.consent(at=timezone.now())
    feedback.survey_invite(
        organisation=world.city, about=world.call(at=timezone.now()), person=world.person, language="fr"
    )
    return secret_of(survey_messages()[0])


def test_a_survey_comment_with_markup_stays_text_and_a_bad_score_or_a_long_comment_is_refused(db: None) -> None:
    page = url("survey-answer", "fr", secret=survey_secret())
    client = Client()
    no_score = client.post(page, {"score": "dix", "comment": PAYLOAD, "question_answer": PAYLOAD})
    assert no_score.status_code == 400
    assert_shown(no_score.content.decode(), times=2)  # kept in the fields, as text
    too_long = client.post(page, {"score": "8", "comment": "x" * (MAX_COMMENT_LENGTH + 1)})
    assert too_long.status_code == 400
    assert f"{MAX_COMMENT_LENGTH} caractères" in too_long.content.decode()
    assert not SurveyAnswer.objects.exists()
    done = client.post(page, {"score": "8", "comment": PAYLOAD})
    assert done.status_code == 302
    assert SurveyAnswer.objects.get().comment == PAYLOAD  # shown nowhere; the admin escapes it


# --- Mijn loket and the staff's person pages ------------------------------------------------------


def citizen_and_reception() -> tuple[Person, Client, Client]:
    organisation = OrganisationFactory()
    person = Person.objects.create(name="An Peeters", email="an.peeters@mail.example", language="fr")
    PersonOrganisation.objects.create(person=person, organisation=organisation)
    citizen = Client()
    sign_in_citizen(citizen, person)
    return person, citizen, logged_in(staff_member(organisation, Role.RECEPTION))


def details(**changes: str) -> dict[str, str]:
    return {
        "name": "An Peeters",
        "date_of_birth": "30/07/1985",
        "phone": "",
        "street": "",
        "postcode": "",
        "city": "",
        "language": "fr",
        "preferred_channel": "email",
        **changes,
    }


def test_markup_in_mijn_loket_details_is_shown_as_text_to_the_citizen_and_the_staff(db: None) -> None:
    person, citizen, staff = citizen_and_reception()
    response = citizen.post(
        url("portal-details", "fr"), details(name=PAYLOAD[:200], street=PAYLOAD, city=PAYLOAD[:100])
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    person.refresh_from_db()
    assert person.street == PAYLOAD
    assert_shown(citizen.get(url("portal-details", "fr")).content.decode(), times=1)
    assert_inert(citizen.get(url("portal-data", "fr")).content.decode())
    assert_shown(staff.get(url("people-detail", pk=person.pk)).content.decode())


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date_of_birth": "31/02/1990"}, "Écrivez la date comme ceci : 30/07/1985."),
        ({"date_of_birth": "demain"}, "Écrivez la date comme ceci : 30/07/1985."),
        ({"date_of_birth": (timezone.localdate() + datetime.timedelta(days=30)).strftime("%d/%m/%Y")}, ""),
        ({"postcode": "x" * 11}, "au plus 10 caractères"),
    ],
)
def test_a_date_that_does_not_exist_or_a_long_postcode_is_refused_in_the_citizens_language(
    db: None, changes: dict[str, str], message: str
) -> None:
    person, citizen, _staff = citizen_and_reception()
    before = Person.objects.filter(pk=person.pk).values().get()
    response = citizen.post(url("portal-details", "fr"), details(**changes))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and 'class="error-summary"' in html
    assert Person.objects.filter(pk=person.pk).values().get() == before


def test_markup_typed_in_searches_and_filters_is_shown_back_as_text(db: None) -> None:
    person, _citizen, staff = citizen_and_reception()
    assert_shown(staff.post(url("people-search"), {"q": PAYLOAD[:100]}).content.decode())
    dpo = logged_in(staff_member(OrganisationFactory(), Role.DATA_PROTECTION))
    assert_inert(
        dpo.get(url("privacy-audit"), {"actor": PAYLOAD, "action": PAYLOAD, "person": PAYLOAD}).content.decode()
    )
    day = staff.get(url("appointments-staff-day"), {"date": PAYLOAD, "location": PAYLOAD})
    assert day.status_code in (200, 404)
    assert_inert(day.content.decode())
    sign_in = Client().post(url("portal-sign-in", "fr"), {"email": PAYLOAD})
    assert sign_in.status_code == 400
    assert_shown(sign_in.content.decode())
    assert person.pk


def test_a_note_with_markup_at_reception_is_shown_as_text_on_the_queue_pages(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(timezone, "now", lambda: at(9, 30).astimezone(datetime.UTC))
    hall = make_hall()
    reception = logged_in(hall.receptionist)
    issue = url("queue-staff-issue", location_slug=hall.location.slug)
    done = reception.post(issue, {"what": f"{hall.quick.pk}:{hall.pickup.pk}", "language": "fr", "note": PAYLOAD[:300]})
    assert done.status_code == 302, done.content.decode()[:3000]
    assert Ticket.objects.get().note == PAYLOAD[:300]
    assert_shown(reception.get(done["Location"]).content.decode())
    too_long = reception.post(issue, {"what": f"{hall.quick.pk}:{hall.pickup.pk}", "language": "fr", "note": "x" * 301})
    assert too_long.status_code == 400
    assert Ticket.objects.count() == 1

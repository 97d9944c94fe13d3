"""A catalogue editor's morning, by keyboard only, in a real browser.

She logs in, opens her work list, finds a citizen's "Something wrong on this page?" report,
opens the service, reads the readability scores of its texts and marks the sheet reviewed.
axe-core checks the login page, the work list and the edit form against WCAG 2.1 A/AA.
Screenshots land in test-artifacts/ for people to look at.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from loket.catalog.models import ChannelKind, Service
from loket.catalog.services import content_report_create
from loket.organisations.models import Role
from tests.browser.conftest import ARTIFACTS, assert_no_axe_violations, screenshot, tab_to
from tests.factories import OrganisationFactory, ServiceChannelFactory, ServiceFactory, staff_member

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Loket-test-2026"
HARD_PROCEDURE_NL = (
    "Overeenkomstig de bepalingen van het koninklijk besluit betreffende de bevolkingsregisters dient elke "
    "inwoner die zijn hoofdverblijfplaats wijzigt, binnen een termijn van acht werkdagen na de effectieve "
    "verhuizing, een aangifte van adreswijziging in te dienen bij het gemeentebestuur van de nieuwe verblijfplaats."
)


@pytest.fixture
def desk() -> dict[str, object]:
    city = OrganisationFactory(
        slug="mechelen", name_nl="Stad Mechelen", name_fr="Ville de Malines", name_en="City of Mechelen"
    )
    staff_member(city, Role.CATALOGUE_EDITOR, username="els.peeters", first_name="Els")
    service = ServiceFactory(
        organisation=city,
        slug="change-of-address",
        title_nl="Adreswijziging doorgeven",
        title_fr="Signaler un changement d'adresse",
        title_en="Report a change of address",
        summary_nl="Verhuist u? Geef uw nieuw adres door binnen acht dagen. Dat kan online of aan het loket.",
        summary_fr="Vous déménagez ? Donnez votre nouvelle adresse dans les huit jours. En ligne ou au guichet.",
        summary_en="Are you moving? Tell us your new address within eight days. Online or at the desk.",
        procedure_nl=HARD_PROCEDURE_NL,
        last_reviewed=datetime.date(2024, 1, 15),
    )
    ServiceChannelFactory(service=service, kind=ChannelKind.ONLINE, url="https://www.mechelen.be/verhuizen")
    ServiceChannelFactory(service=service, kind=ChannelKind.APPOINTMENT, order=1)
    other = ServiceFactory(organisation=city, slug="identity-card", last_reviewed=timezone.localdate())
    ServiceChannelFactory(service=other)
    content_report_create(
        service=service,
        message="Op de pagina staat dat ik 14 dagen heb, maar de wijkagent zei 8 dagen.",
        email="burger@example.be",
        language="nl",
    )
    return {"service": service}


def test_an_editor_handles_a_report_and_marks_the_sheet_reviewed_by_keyboard(page, desk) -> None:  # noqa: ANN001
    service: Service = desk["service"]  # type: ignore[assignment]

    page.goto("/en/staff/login/")
    assert_no_axe_violations(page)
    screenshot(page, "staff-login")
    tab_to(page, "input[name=username]")
    page.keyboard.type("els.peeters")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/staff/")
    screenshot(page, "staff-home")

    tab_to(page, "a[href='/en/staff/catalogue/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/staff/catalogue/")
    reports = page.locator("section[aria-labelledby=reports-heading]")
    assert "maar de wijkagent zei 8 dagen" in reports.inner_text()
    overdue = page.locator("section[aria-labelledby=overdue-heading]")
    assert "Report a change of address" in overdue.inner_text()
    assert_no_axe_violations(page)
    screenshot(page, "staff-worklist")

    tab_to(page, f"section[aria-labelledby=reports-heading] a[href$='/services/{service.slug}/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/en/staff/catalogue/services/{service.slug}/")
    procedure_nl = page.locator("#read-procedure-nl")
    assert "Readability" in procedure_nl.inner_text()
    assert "readability-hard" in (procedure_nl.get_attribute("class") or "")
    summary_en = page.locator("#read-summary-en")
    assert "readability-easy" in (summary_en.get_attribute("class") or "")
    described = page.locator("#id_procedure_nl").get_attribute("aria-describedby") or ""
    assert "read-procedure-nl" in described.split()
    assert_no_axe_violations(page)
    screenshot(page, "staff-service-edit")
    page.screenshot(path=str(ARTIFACTS / "staff-service-edit-top.png"))  # what she sees first
    page.locator("#text-procedure").screenshot(path=str(ARTIFACTS / "staff-service-edit-procedure.png"))

    # She starts the French text: its score follows her typing, before she saves anything.
    page.locator("#id_procedure_fr").focus()
    page.keyboard.type("Vous déménagez ? Donnez votre nouvelle adresse. Vous pouvez le faire en ligne ou au guichet.")
    page.wait_for_function("() => document.querySelector('#read-procedure-fr').className.includes('readability-easy')")
    assert "Readability" in page.locator("#read-procedure-fr").inner_text()
    assert Service.objects.get(pk=service.pk).procedure_fr in ("", None)

    tab_to(page, f"form[action$='/services/{service.slug}/reviewed/'] button")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator(".messages").inner_text().strip()
    assert Service.objects.get(pk=service.pk).last_reviewed == timezone.localdate()
    screenshot(page, "staff-service-reviewed")


def test_the_locked_out_page_passes_axe(page, desk, settings) -> None:  # noqa: ANN001
    page.goto("/fr/staff/login/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.fill("input[name=username]", "els.peeters")
        page.fill("input[name=password]", "wrong password")
        page.click("main button[type=submit]")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("input[name=password]").count() == 0
    assert_no_axe_violations(page)
    screenshot(page, "staff-locked-out")

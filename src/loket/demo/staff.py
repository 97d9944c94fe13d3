"""The demo staff: one login for every role of ``organisations.models.Role``, and who edits what.

Every account shares ``DEMO_PASSWORD``, which is printed by ``loket demo``: these accounts are
for trying Loket out and must never exist on a server that holds real citizens' data. E-mail
addresses use the reserved ``.example`` domain so no notification can reach a real person.
"""

from __future__ import annotations

from loket.demo.schema import MembershipData, StaffData

DEMO_PASSWORD = "Loket-demo-2026"  # noqa: S105 -- published on purpose: printed by `loket demo`
# The second factor of every demo account (TOTP, 20 bytes as hex), published on purpose like the
# password: `loket demo` prints it in base 32 for an authenticator app, and `loket otp-code` prints
# the current code. A real Loket has no such key: each person sets up their own device.
DEMO_TOTP_KEY_HEX = "4c6f6b65742d64656d6f2d7365636f6e642d3230"  # "Loket-demo-second-20"


def demo_totp_key_base32() -> str:
    """The demo's second-factor key as an authenticator app asks for it, in groups of four."""
    import base64

    key = base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY_HEX)).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


MECHELEN = "mechelen"
OCMW = "ocmw-mechelen"
BRUSSELS = "brussels-fiscality"
PARTNERS = ("woonmaatschappij-mechelen", "huurdersbond-mechelen", "hziv", "federale-pensioendienst")
ALL_ORGANISATIONS = (MECHELEN, OCMW, *PARTNERS, BRUSSELS)

# The catalogue editor who keeps each organisation's sheets; the city's editors also keep the
# sheets of the social house and of the partners that hold consultation days there.
DEFAULT_EDITOR = "redactie"
EDITORS = {BRUSSELS: "bru-redactie"}

_POPULATION_SKILLS = (
    "identity-card",
    "kids-id",
    "passport",
    "pick-up-identity-documents",
    "lost-stolen-identity-card",
    "driving-licence",
    "provisional-driving-licence",
    "international-driving-licence",
    "change-of-address",
    "moving-abroad",
    "extract-population-register",
    "certificate-of-residence",
    "certificate-of-good-conduct",
    "legalisation-of-signature",
    "euthanasia-declaration",
    "organ-donation",
    "burial-cremation-wishes",
)

_CIVIL_STATUS_SKILLS = (
    "birth-declaration",
    "recognition-of-child",
    "marriage",
    "legal-cohabitation",
    "death-declaration",
    "copy-civil-status-certificate",
    "first-name-change",
    "nationality-declaration",
    "grave-concession",
)

_QUICK_COUNTER_SKILLS = (
    "pick-up-identity-documents",
    "international-driving-licence",
    "extract-population-register",
    "certificate-of-residence",
    "certificate-of-good-conduct",
    "legalisation-of-signature",
    "organ-donation",
    "copy-civil-status-certificate",
    "smoke-detector",
    "waste-bags",
    "taxi-cheques",
    "taxi-licence",
    "advertising-tax",
)


def _in(*organisations: str, role: str, department: str = "") -> tuple[MembershipData, ...]:
    return tuple(MembershipData(organisation=slug, role=role, department=department) for slug in organisations)


STAFF: tuple[StaffData, ...] = (
    StaffData(
        username="onthaal",
        first_name="Sofie",
        last_name="Peeters",
        description="reception (onthaal), Huis van de Mechelaar",
        memberships=_in(MECHELEN, role="reception"),
    ),
    StaffData(
        username="loket",
        first_name="Jonas",
        last_name="Janssens",
        description="counter clerk: population and civil status, City of Mechelen",
        memberships=_in(MECHELEN, role="clerk"),
        skills=(*_POPULATION_SKILLS, *_CIVIL_STATUS_SKILLS),
    ),
    StaffData(
        username="loket-snel",
        first_name="Yasmina",
        last_name="Amrani",
        description="counter clerk: quick counter, City of Mechelen",
        memberships=_in(MECHELEN, role="clerk"),
        skills=_QUICK_COUNTER_SKILLS,
    ),
    StaffData(
        username="loket-vreemdelingen",
        first_name="Olena",
        last_name="Kovalenko",
        description="counter clerk: foreigners, City of Mechelen",
        memberships=_in(MECHELEN, role="clerk"),
        skills=(
            "residence-card-foreigners",
            "registration-eu-citizen",
            "registration-foreigners",
            "family-reunification",
            "work-permit-foreigners",
            "change-of-address",
        ),
    ),
    StaffData(
        username="loket-omgeving",
        first_name="Wim",
        last_name="De Backer",
        description="counter clerk: building and energy, City of Mechelen",
        memberships=_in(MECHELEN, role="clerk"),
        skills=(
            "building-permit",
            "environmental-permit",
            "energy-advice",
            "energy-scan",
            "energy-loan",
            "renovation-premium",
            "rent-subsidy",
        ),
    ),
    StaffData(
        username="kcc",
        first_name="Fatima",
        last_name="El Khatib",
        description="contact-centre agent (KlantenContactCenter), City and OCMW of Mechelen",
        memberships=_in(MECHELEN, OCMW, role="contact_centre"),
    ),
    StaffData(
        username="backoffice",
        first_name="Pieter",
        last_name="Wouters",
        description="back office, Population department, City of Mechelen",
        memberships=_in(MECHELEN, role="back_office", department="burgerzaken"),
    ),
    StaffData(
        username="backoffice-omgeving",
        first_name="Lies",
        last_name="Martens",
        description="back office, Building and environment department, City of Mechelen",
        memberships=_in(MECHELEN, role="back_office", department="omgeving"),
    ),
    StaffData(
        username="manager",
        first_name="Katrien",
        last_name="Maes",
        description="front-office manager, City and OCMW of Mechelen",
        memberships=_in(MECHELEN, OCMW, role="manager"),
    ),
    StaffData(
        username="redactie",
        first_name="Els",
        last_name="Claes",
        description="catalogue editor, City and OCMW of Mechelen and partners",
        memberships=_in(MECHELEN, OCMW, *PARTNERS, role="catalogue_editor"),
    ),
    StaffData(
        username="dpo",
        first_name="Bart",
        last_name="Vermeulen",
        description="data protection officer, City and OCMW of Mechelen",
        memberships=_in(MECHELEN, OCMW, role="data_protection"),
    ),
    StaffData(
        username="admin",
        first_name="Tom",
        last_name="Goossens",
        description="administrator (also Django admin), all demo organisations",
        memberships=_in(*ALL_ORGANISATIONS, role="admin"),
        is_superuser=True,
    ),
    StaffData(
        username="bru-redactie",
        first_name="Amélie",
        last_name="Verstraeten",
        description="catalogue editor, Brussels Fiscality",
        memberships=_in(BRUSSELS, role="catalogue_editor"),
    ),
    StaffData(
        username="ocmw-maatschappelijk-werker",
        first_name="Hanne",
        last_name="De Smet",
        description="social worker (back office and counter), OCMW Mechelen",
        memberships=(
            *_in(OCMW, role="back_office", department="sociale-dienst"),
            *_in(OCMW, role="clerk"),
        ),
        skills=(
            "social-integration-income",
            "medical-card",
            "heating-allowance",
            "rent-guarantee",
            "disability-recognition",
            "social-information-referral",
        ),
    ),
)


def staff_email(staff: StaffData) -> str:
    domain = "fiscalite-brussels.example" if staff.username.startswith("bru-") else "mechelen.example"
    first = staff.first_name.lower().replace("é", "e")
    last = staff.last_name.lower().replace(" ", "")
    return f"{first}.{last}@{domain}"

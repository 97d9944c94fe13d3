"""The demo service catalogue: every service sheet, by theme, and which services go together.

``SERVICES`` is every sheet in the order the modules list them; ``RELATED`` the pairs of services
people often arrange in the same visit ("often together", symmetrical), which the booking flow
uses to suggest a combined appointment (declaring a birth suggests the childcare application).
"""

from __future__ import annotations

from loket.demo.catalogue import (
    brussels,
    city_life,
    civil_status,
    drafts,
    foreigners,
    identity,
    living,
    partners,
    population,
    social,
)
from loket.demo.schema import ServiceData

SERVICES: tuple[ServiceData, ...] = (
    *identity.SERVICES,
    *population.SERVICES,
    *civil_status.SERVICES,
    *foreigners.SERVICES,
    *living.SERVICES,
    *city_life.SERVICES,
    *social.SERVICES,
    *partners.SERVICES,
    *brussels.SERVICES,
    *drafts.SERVICES,
)

# The slugs every demo must contain, complete in Dutch, French and English (issue 2).
REQUIRED_SLUGS: tuple[str, ...] = (
    "identity-card",
    "kids-id",
    "passport",
    "driving-licence",
    "international-driving-licence",
    "change-of-address",
    "birth-declaration",
    "marriage",
    "legal-cohabitation",
    "death-declaration",
    "extract-population-register",
    "certificate-of-residence",
    "building-permit",
    "smoke-detector",
    "waste-bags",
    "taxi-cheques",
    "resident-parking-permit",
    "lost-stolen-identity-card",
    "childcare-application",
    "social-integration-income",
    "energy-advice",
    "legal-advice",
    "residence-card-foreigners",
)

RELATED: tuple[tuple[str, str], ...] = (
    # A new baby
    ("birth-declaration", "childcare-application"),
    ("birth-declaration", "kids-id"),
    ("birth-declaration", "recognition-of-child"),
    # Moving house
    ("change-of-address", "resident-parking-permit"),
    ("change-of-address", "identity-card"),
    ("change-of-address", "public-domain-occupation"),
    ("change-of-address", "rent-guarantee"),
    ("marriage", "change-of-address"),
    ("legal-cohabitation", "change-of-address"),
    ("marriage", "copy-civil-status-certificate"),
    # A death
    ("death-declaration", "burial-cremation-wishes"),
    ("death-declaration", "grave-concession"),
    ("death-declaration", "inheritance-tax-declaration"),
    ("death-declaration", "pension-consultation"),
    # Documents
    ("identity-card", "passport"),
    ("identity-card", "kids-id"),
    ("identity-card", "pick-up-identity-documents"),
    ("identity-card", "lost-stolen-identity-card"),
    ("passport", "international-driving-licence"),
    ("passport", "kids-id"),
    ("driving-licence", "provisional-driving-licence"),
    ("driving-licence", "pick-up-identity-documents"),
    ("driving-licence", "international-driving-licence"),
    ("nationality-declaration", "identity-card"),
    # Wishes for the end of life
    ("euthanasia-declaration", "organ-donation"),
    ("euthanasia-declaration", "burial-cremation-wishes"),
    # Foreigners
    ("registration-foreigners", "residence-card-foreigners"),
    ("registration-foreigners", "health-insurance-membership"),
    ("registration-eu-citizen", "residence-card-foreigners"),
    ("registration-eu-citizen", "health-insurance-membership"),
    ("family-reunification", "residence-card-foreigners"),
    ("work-permit-foreigners", "registration-foreigners"),
    # Building and energy
    ("building-permit", "energy-advice"),
    ("building-permit", "renovation-premium"),
    ("building-permit", "public-domain-occupation"),
    ("energy-advice", "energy-loan"),
    ("energy-advice", "renovation-premium"),
    ("energy-advice", "energy-scan"),
    # Money and housing
    ("social-integration-income", "medical-card"),
    ("social-integration-income", "debt-counselling"),
    ("social-integration-income", "heating-allowance"),
    ("rent-subsidy", "social-rental-housing-registration"),
    ("rent-subsidy", "tenant-advice"),
    ("legal-advice", "tenant-advice"),
    ("legal-advice", "debt-counselling"),
    # Business and events
    ("starting-a-business", "environmental-permit"),
    ("starting-a-business", "advertising-tax"),
    ("starting-a-business", "terrace-permit"),
    ("event-permit", "noise-permit"),
    ("event-permit", "public-domain-occupation"),
    # Care
    ("home-care", "meals-at-home"),
    ("home-care", "personal-alarm"),
    ("taxi-cheques", "disability-recognition"),
    # The quick counter
    ("waste-bags", "bulky-waste-pickup"),
    ("waste-bags", "smoke-detector"),
)

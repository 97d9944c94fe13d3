"""The demo organisations: a Mechelen-like city, its social house with partners, a Brussels body.

Modelled on the Huis van de Mechelaar as described in ``shared/reference/seed-facts.md``: one
central reception, a quick counter for products under four or five minutes, theme counters by
appointment, and a free 0800 contact centre shared by the city and its social house (OCMW). The
social house hosts partner organisations on fixed consultation days ("zitdagen"); each partner is
an organisation of its own with a small location row for its consultation room, because its
opening hours and its services are its own. The Brussels regional body is bilingual.

Addresses and phone numbers are realistic in form but this is demo data: do not rely on them.
Mailboxes that Loket itself may write to (departments, staff) use the reserved ``.example``
domain, so a demo that is wired to a real SMTP server can never mail a real office.
"""

from __future__ import annotations

import datetime

from loket.demo.schema import (
    DepartmentData,
    DeskData,
    ExceptionDay,
    Hours,
    LocationData,
    MonthlyDay,
    OrganisationData,
    Text,
    same,
)

MON, TUE, WED, THU, FRI, SAT = range(6)
WEEKDAYS = (MON, TUE, WED, THU, FRI)

# The city's free contact-centre number; since November 2019 it answers for the OCMW too.
KCC_PHONE = "0800 20 800"
BRUSSELS_PHONE = "02 431 00 00"


def t(hour: int, minute: int = 0) -> datetime.time:
    return datetime.time(hour, minute)


# Walk-in hours of the reception and the quick counter, as published by the Huis van de Mechelaar.
def _walk_in_hours(desk_kind: str) -> tuple[Hours, ...]:
    return (
        Hours(desk_kind, (MON, TUE, FRI), t(8), t(13)),
        Hours(desk_kind, (WED,), t(12), t(16)),
        Hours(desk_kind, (THU,), t(8), t(13)),
        Hours(desk_kind, (THU,), t(14, 30), t(19)),
        Hours(desk_kind, (SAT,), t(9), t(12)),
    )


MECHELEN = OrganisationData(
    slug="mechelen",
    name=Text(nl="Stad Mechelen", fr="Ville de Malines", en="City of Mechelen"),
    kind="municipality",
    website="https://www.mechelen.be",
    phone=KCC_PHONE,
    email="info@mechelen.be",
    departments=(
        DepartmentData(
            "burgerzaken", Text("Burgerzaken: bevolking", "Population", "Population"), "bevolking@mechelen.example"
        ),
        DepartmentData(
            "burgerlijke-stand",
            Text("Burgerlijke Stand", "État civil", "Civil status"),
            "burgerlijkestand@mechelen.example",
        ),
        DepartmentData(
            "vreemdelingendienst",
            Text("Vreemdelingendienst", "Service des étrangers", "Foreigners' service"),
            "vreemdelingen@mechelen.example",
        ),
        DepartmentData(
            "omgeving",
            Text("Omgeving: bouwen en milieu", "Urbanisme et environnement", "Building and environment"),
            "omgeving@mechelen.example",
        ),
        DepartmentData(
            "energiehuis", Text("Energiehuis", "Maison de l'énergie", "Energy House"), "energiehuis@mechelen.example"
        ),
        DepartmentData("wonen", Text("Woonloket", "Guichet du logement", "Housing desk"), "wonen@mechelen.example"),
        DepartmentData("financien", Text("Financiën", "Finances", "Finance"), "financien@mechelen.example"),
        DepartmentData("mobiliteit", Text("Mobiliteit", "Mobilité", "Mobility"), "mobiliteit@mechelen.example"),
        DepartmentData(
            "netheid", Text("Netheid en afval", "Propreté et déchets", "Cleaning and waste"), "netheid@mechelen.example"
        ),
        DepartmentData(
            "meldingen", Text("Meldpunt", "Point de signalement", "Reporting desk"), "meldingen@mechelen.example"
        ),
        DepartmentData(
            "kinderopvang",
            Text("Kinderopvang", "Accueil de la petite enfance", "Childcare"),
            "kinderopvang@mechelen.example",
        ),
        DepartmentData(
            "ondernemen", Text("Ondernemen", "Entreprendre", "Business desk"), "ondernemen@mechelen.example"
        ),
        DepartmentData("evenementen", Text("Evenementen", "Événements", "Events"), "evenementen@mechelen.example"),
        DepartmentData(
            "vrije-tijd",
            Text("Sport, jeugd en bibliotheek", "Sport, jeunesse et bibliothèque", "Sport, youth and library"),
            "vrijetijd@mechelen.example",
        ),
        DepartmentData(
            "personeel", Text("Personeel en organisatie", "Personnel", "Human resources"), "jobs@mechelen.example"
        ),
    ),
    locations=(
        LocationData(
            slug="huis-van-de-mechelaar",
            name=Text(nl="Huis van de Mechelaar", fr="Maison des Malinois", en="Huis van de Mechelaar (city hall)"),
            street="Grote Markt 21",
            postcode="2800",
            city="Mechelen",
            public_transport=Text(
                nl=(
                    "Bus: halte Mechelen Grote Markt (lijnen 1, 2, 3 en de gratis Cityshuttle). "
                    "Trein: station Mechelen, daarna 15 minuten te voet of 5 minuten met de bus. "
                    "Fiets: fietsenstalling op de Befferstraat."
                ),
                fr=(
                    "Bus : arrêt Mechelen Grote Markt (lignes 1, 2, 3 et la navette gratuite Cityshuttle). "
                    "Train : gare de Malines, puis 15 minutes à pied ou 5 minutes en bus. "
                    "Vélo : parking vélos dans la Befferstraat."
                ),
                en=(
                    "Bus: stop Mechelen Grote Markt (lines 1, 2, 3 and the free Cityshuttle). "
                    "Train: Mechelen station, then a 15-minute walk or 5 minutes by bus. "
                    "Bike: bicycle parking in Befferstraat."
                ),
            ),
            accessibility=Text(
                nl=(
                    "Ingang zonder trappen aan de Befferstraat, met automatische deur. Lift naar alle verdiepingen. "
                    "Ringleiding aan het onthaal en aan alle loketten. Aangepast toilet op het gelijkvloers. "
                    "Twee parkeerplaatsen voor mensen met een handicap op de Befferstraat."
                ),
                fr=(
                    "Entrée sans marches dans la Befferstraat, avec porte automatique. Ascenseur vers tous les "
                    "étages. Boucle magnétique à l'accueil et à tous les guichets. Toilette adaptée au "
                    "rez-de-chaussée. "
                    "Deux places de parking pour personnes handicapées dans la Befferstraat."
                ),
                en=(
                    "Step-free entrance in Befferstraat, with an automatic door. Lift to every floor. "
                    "Hearing loop at reception and at every counter. Accessible toilet on the ground floor. "
                    "Two parking spaces for disabled people in Befferstraat."
                ),
            ),
            extra_holiday_region="vl",
            hours=(
                *_walk_in_hours("reception"),
                *_walk_in_hours("quick"),
                # Theme counters: by appointment only, on weekdays, plus Thursday evening.
                Hours("theme", WEEKDAYS, t(8, 30), t(12, 30)),
                Hours("theme", (MON, TUE, WED, FRI), t(13, 30), t(16, 30)),
                Hours("theme", (THU,), t(13, 30), t(19)),
                Hours("theme", (SAT,), t(9), t(12)),  # population counters by appointment on Saturday morning
                # The KlantenContactCenter answers the 0800 number.
                Hours("phone", WEEKDAYS, t(8), t(17)),
            ),
            exceptions=(
                ExceptionDay(
                    date=datetime.date(2026, 12, 24),
                    kind="closed",
                    opens=t(12),
                    closes=t(19),
                    reason=Text(
                        nl="Kerstavond: gesloten vanaf 12 uur",
                        fr="Veille de Noël : fermé à partir de 12 heures",
                        en="Christmas Eve: closed from 12 noon",
                    ),
                ),
                ExceptionDay(
                    date=datetime.date(2026, 12, 31),
                    kind="closed",
                    opens=t(12),
                    closes=t(19),
                    reason=Text(
                        nl="Oudejaarsdag: gesloten vanaf 12 uur",
                        fr="Saint-Sylvestre : fermé à partir de 12 heures",
                        en="New Year's Eve: closed from 12 noon",
                    ),
                ),
                ExceptionDay(
                    date=datetime.date(2027, 1, 2),
                    kind="closed",
                    reason=Text(
                        nl="Personeelsdag: het Huis van de Mechelaar is gesloten",
                        fr="Journée du personnel : la Maison des Malinois est fermée",
                        en="Staff day: the Huis van de Mechelaar is closed",
                    ),
                ),
                ExceptionDay(
                    date=datetime.date(2027, 6, 26),
                    kind="extra",
                    desk_kind="theme",
                    opens=t(9),
                    closes=t(12, 30),
                    reason=Text(
                        nl="Extra zaterdag voor reispassen en identiteitskaarten voor de zomervakantie",
                        fr="Samedi supplémentaire pour les passeports et cartes d'identité avant les vacances d'été",
                        en="Extra Saturday for passports and identity cards before the summer holiday",
                    ),
                ),
            ),
            desks=(
                DeskData("Onthaal 1", "reception"),
                DeskData("Onthaal 2", "reception"),
                DeskData("Snelloket 1", "quick"),
                DeskData("Snelloket 2", "quick"),
                DeskData("Snelloket 3", "quick"),
                DeskData("Loket 11", "theme", "Population"),
                DeskData("Loket 12", "theme", "Population"),
                DeskData("Loket 13", "theme", "Civil status"),
                DeskData("Loket 14", "theme", "Civil status"),
                DeskData("Loket 15", "theme", "Foreigners"),
                DeskData("Loket 16", "theme", "Foreigners"),
                DeskData("Loket 17", "theme", "Building"),
                DeskData("Loket 18", "theme", "Energy"),
                DeskData("KCC 1", "phone"),
                DeskData("KCC 2", "phone"),
                DeskData("KCC 3", "phone"),
                DeskData("KCC 4", "phone"),
            ),
        ),
    ),
)

_SOCIAAL_HUIS_STREET = "Lange Schipstraat 27"
_SOCIAAL_HUIS_TRANSPORT = Text(
    nl="Bus: halte Mechelen Lange Schipstraat (lijnen 4 en 5). Op 10 minuten wandelen van de Grote Markt.",
    fr="Bus : arrêt Mechelen Lange Schipstraat (lignes 4 et 5). À 10 minutes à pied de la Grand-Place.",
    en="Bus: stop Mechelen Lange Schipstraat (lines 4 and 5). A 10-minute walk from the Grote Markt.",
)
_SOCIAAL_HUIS_ACCESS = Text(
    nl="Ingang gelijkvloers zonder trappen. Lift. Ringleiding aan het onthaal. Aangepast toilet.",
    fr="Entrée de plain-pied sans marches. Ascenseur. Boucle magnétique à l'accueil. Toilette adaptée.",
    en="Step-free entrance on the ground floor. Lift. Hearing loop at reception. Accessible toilet.",
)

OCMW_MECHELEN = OrganisationData(
    slug="ocmw-mechelen",
    name=Text(nl="OCMW Mechelen", fr="CPAS de Malines", en="Mechelen Public Social Welfare Centre (OCMW)"),
    kind="social_house",
    website="https://www.ocmwmechelen.be",
    phone=KCC_PHONE,
    email="sociaalhuis@ocmwmechelen.be",
    departments=(
        DepartmentData(
            "sociale-dienst",
            Text("Sociale dienst", "Service social", "Social service"),
            "socialedienst@ocmwmechelen.example",
        ),
        DepartmentData(
            "budget-en-schuld",
            Text("Budget- en schuldhulp", "Médiation de dettes", "Budget and debt help"),
            "schuldhulp@ocmwmechelen.example",
        ),
        DepartmentData(
            "rechtswinkel", Text("Rechtswinkel", "Boutique de droit", "Law shop"), "rechtswinkel@ocmwmechelen.example"
        ),
        DepartmentData(
            "id-team",
            Text(
                "ID-team: informatie en doorverwijzing",
                "Équipe ID : information et orientation",
                "ID team: information and referral",
            ),
            "idteam@ocmwmechelen.example",
        ),
        DepartmentData(
            "thuiszorg",
            Text("Thuiszorg en senioren", "Aide à domicile et seniors", "Home care and older people"),
            "thuiszorg@ocmwmechelen.example",
        ),
    ),
    locations=(
        LocationData(
            slug="sociaal-huis-mechelen",
            name=Text(nl="Sociaal Huis", fr="Maison sociale", en="Social House"),
            street=_SOCIAAL_HUIS_STREET,
            postcode="2800",
            city="Mechelen",
            public_transport=_SOCIAAL_HUIS_TRANSPORT,
            accessibility=_SOCIAAL_HUIS_ACCESS,
            extra_holiday_region="vl",
            hours=(
                Hours("reception", WEEKDAYS, t(8, 30), t(12, 30)),
                Hours("reception", (TUE, THU), t(13, 30), t(16, 30)),
                Hours("theme", WEEKDAYS, t(9), t(12)),
                Hours("theme", WEEKDAYS, t(13, 30), t(16, 30)),
            ),
            exceptions=(
                ExceptionDay(
                    date=datetime.date(2027, 1, 2),
                    kind="closed",
                    reason=Text(
                        nl="Personeelsdag: het Sociaal Huis is gesloten",
                        fr="Journée du personnel : la Maison sociale est fermée",
                        en="Staff day: the Social House is closed",
                    ),
                ),
            ),
            desks=(
                DeskData("Onthaal", "reception"),
                DeskData("Spreekkamer 1", "theme", "Social service"),
                DeskData("Spreekkamer 2", "theme", "Social service"),
                DeskData("Spreekkamer 3", "theme", "Debt help"),
                DeskData("Spreekkamer 4", "theme", "Law shop"),
                DeskData("ID-team", "theme", "Information and referral"),
            ),
        ),
    ),
)


def _consultation_room(
    slug: str,
    name: Text,
    desk_theme: str,
    *,
    hours: tuple[Hours, ...] = (),
    monthly_days: tuple[MonthlyDay, ...] = (),
) -> LocationData:
    """A partner's consultation room in the Sociaal Huis: same address, the partner's own hours."""
    return LocationData(
        slug=slug,
        name=name,
        street=_SOCIAAL_HUIS_STREET,
        postcode="2800",
        city="Mechelen",
        public_transport=_SOCIAAL_HUIS_TRANSPORT,
        accessibility=_SOCIAAL_HUIS_ACCESS,
        extra_holiday_region="vl",
        desks=(DeskData("Spreekkamer 5", "theme", desk_theme),),
        hours=hours,
        monthly_days=monthly_days,
    )


WOONMAATSCHAPPIJ = OrganisationData(
    slug="woonmaatschappij-mechelen",
    name=Text(
        nl="Woonmaatschappij Mechelen",
        fr="Société de logement social de Malines",
        en="Mechelen Social Housing Company",
    ),
    kind="partner",
    website="https://www.woonmaatschappijmechelen.be",
    phone="015 28 74 10",
    email="info@woonmaatschappijmechelen.be",
    departments=(
        DepartmentData(
            "verhuur", Text("Verhuur en inschrijvingen", "Location et inscriptions", "Letting and registrations")
        ),
    ),
    locations=(
        _consultation_room(
            "zitdag-woonmaatschappij",
            Text(
                nl="Sociaal Huis: zitdag Woonmaatschappij",
                fr="Maison sociale : permanence de la société de logement",
                en="Social House: Housing Company consultation",
            ),
            "Social housing",
            hours=(Hours("theme", (TUE,), t(9), t(12)), Hours("theme", (TUE,), t(13, 30), t(16))),
        ),
    ),
)

HUURDERSBOND = OrganisationData(
    slug="huurdersbond-mechelen",
    name=Text(nl="Huurdersbond Mechelen", fr="Syndicat des locataires de Malines", en="Mechelen Tenants' Union"),
    kind="partner",
    website="https://www.huurdersbond.be",
    phone="015 33 12 90",
    email="mechelen@huurdersbond.be",
    departments=(DepartmentData("advies", Text("Huuradvies", "Conseil aux locataires", "Tenant advice")),),
    locations=(
        _consultation_room(
            "zitdag-huurdersbond",
            Text(
                nl="Sociaal Huis: zitdag Huurdersbond",
                fr="Maison sociale : permanence du syndicat des locataires",
                en="Social House: Tenants' Union consultation",
            ),
            "Tenant advice",
            hours=(Hours("theme", (WED,), t(13, 30), t(16, 30)),),
        ),
    ),
)

HZIV = OrganisationData(
    slug="hziv",
    name=Text(
        nl="Hulpkas voor Ziekte- en Invaliditeitsverzekering (HZIV)",
        fr="Caisse auxiliaire d'assurance maladie-invalidité (CAAMI)",
        en="Auxiliary Fund for Sickness and Disability Insurance (HZIV/CAAMI)",
    ),
    kind="partner",
    website="https://www.caami-hziv.fgov.be",
    phone="02 229 35 00",
    email="mechelen@hziv.fgov.be",
    departments=(DepartmentData("leden", Text("Ledenadministratie", "Affiliations", "Membership")),),
    locations=(
        _consultation_room(
            "zitdag-hziv",
            Text(
                nl="Sociaal Huis: zitdag HZIV",
                fr="Maison sociale : permanence de la CAAMI",
                en="Social House: HZIV consultation",
            ),
            "Health insurance",
            hours=(Hours("theme", (THU,), t(9), t(12)),),
        ),
    ),
)

PENSIOENDIENST = OrganisationData(
    slug="federale-pensioendienst",
    name=Text(nl="Federale Pensioendienst", fr="Service fédéral des Pensions", en="Federal Pensions Service"),
    kind="partner",
    website="https://www.sfpd.fgov.be",
    phone="1765",
    email="",
    departments=(DepartmentData("pensioenpunt", same("Pensioenpunt")),),
    locations=(
        _consultation_room(
            "zitdag-pensioenpunt",
            Text(
                nl="Sociaal Huis: Pensioenpunt",
                fr="Maison sociale : Point Pension",
                en="Social House: Pension Point",
            ),
            "Pensions",
            monthly_days=(
                MonthlyDay(
                    nth=2,
                    weekday=MON,
                    opens=t(9),
                    closes=t(12),
                    reason=Text(
                        nl="Zitdag Pensioenpunt (elke tweede maandag van de maand)",
                        fr="Permanence du Point Pension (chaque deuxième lundi du mois)",
                        en="Pension Point consultation (every second Monday of the month)",
                    ),
                ),
            ),
        ),
    ),
)

BRUSSELS_FISCALITY = OrganisationData(
    slug="brussels-fiscality",
    name=Text(nl="Brussel Fiscaliteit", fr="Bruxelles Fiscalité", en="Brussels Fiscality"),
    kind="regional_body",
    website="https://fiscalite.brussels",
    phone=BRUSSELS_PHONE,
    email="fiscaliteit@gob.brussels",
    departments=(
        DepartmentData(
            "onroerende-voorheffing",
            Text("Onroerende voorheffing", "Précompte immobilier", "Property tax"),
            "ov-pi@fiscalite-brussels.example",
        ),
        DepartmentData(
            "gewestbelastingen",
            Text("Gewestelijke belastingen", "Taxes régionales", "Regional taxes"),
            "gewestbelastingen@fiscalite-brussels.example",
        ),
        DepartmentData(
            "registratie-en-successie",
            Text(
                "Registratie- en successierechten",
                "Droits d'enregistrement et de succession",
                "Registration and inheritance duties",
            ),
            "successie-succession@fiscalite-brussels.example",
        ),
    ),
    locations=(
        LocationData(
            slug="brussels-fiscality-city-center",
            name=Text(
                nl="Brussel Fiscaliteit, City Center",
                fr="Bruxelles Fiscalité, City Center",
                en="Brussels Fiscality, City Center",
            ),
            street="Kruidtuinlaan 20 / Boulevard du Jardin Botanique 20",
            postcode="1035",
            city="Brussel / Bruxelles",
            public_transport=Text(
                nl="Metro: halte Rogier (lijnen 2 en 6). Tram 3, 4 en 25: halte Rogier. Trein: Brussel-Noord, 5 "
                "minuten te voet.",
                fr="Métro : arrêt Rogier (lignes 2 et 6). Tram 3, 4 et 25 : arrêt Rogier. Train : Bruxelles-Nord, à 5 "
                "minutes à pied.",
                en="Metro: Rogier (lines 2 and 6). Tram 3, 4 and 25: Rogier. Train: Brussels-North, a 5-minute walk.",
            ),
            accessibility=Text(
                nl="Ingang zonder trappen op het gelijkvloers. Lift naar het onthaal op de eerste verdieping. "
                "Ringleiding aan het onthaal.",
                fr="Entrée sans marches au rez-de-chaussée. Ascenseur vers l'accueil au premier étage. Boucle "
                "magnétique à l'accueil.",
                en="Step-free entrance on the ground floor. Lift to the reception on the first floor. Hearing loop at "
                "reception.",
            ),
            extra_holiday_region="bru",
            hours=(
                Hours("reception", WEEKDAYS, t(9), t(12, 30)),
                Hours("reception", (MON, WED), t(13, 30), t(16)),
                Hours("theme", WEEKDAYS, t(9), t(12)),
                Hours("theme", (MON, TUE, WED, THU), t(13, 30), t(16)),
                Hours("phone", WEEKDAYS, t(9), t(16)),
            ),
            exceptions=(
                ExceptionDay(
                    date=datetime.date(2026, 12, 24),
                    kind="closed",
                    opens=t(12),
                    closes=t(17),
                    reason=Text(
                        nl="Kerstavond: gesloten in de namiddag",
                        fr="Veille de Noël : fermé l'après-midi",
                        en="Christmas Eve: closed in the afternoon",
                    ),
                ),
            ),
            desks=(
                DeskData("Onthaal / Accueil 1", "reception"),
                DeskData("Onthaal / Accueil 2", "reception"),
                DeskData("Loket / Guichet 1", "theme", "Property tax"),
                DeskData("Loket / Guichet 2", "theme", "Property tax"),
                DeskData("Loket / Guichet 3", "theme", "Registration and inheritance"),
                DeskData("Telefoon / Téléphone 1", "phone"),
                DeskData("Telefoon / Téléphone 2", "phone"),
            ),
        ),
    ),
)

ORGANISATIONS: tuple[OrganisationData, ...] = (
    MECHELEN,
    OCMW_MECHELEN,
    WOONMAATSCHAPPIJ,
    HUURDERSBOND,
    HZIV,
    PENSIOENDIENST,
    BRUSSELS_FISCALITY,
)

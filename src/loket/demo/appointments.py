"""The demo's appointment capacity, booking rules and the people who book: data only.

Capacity is described per group of theme desks that serve the same services (``DeskGroup``): the
two population counters of the Huis van de Mechelaar are one group, its energy counter another.
Each group becomes one ``CapacitySession`` per weekday and span, so that the availability
engine's skills (a desk serves the services of the sessions it sits in) follow the desk's theme.
A group of two or more desks keeps one desk out of the online quota, for people who book at
reception or by phone; a single desk has no quota.

The hours mirror what the Huis van de Mechelaar published (``shared/reference/seed-facts.md``
and the theme desks' hours in ``organisations``): the counters with the most demand (population,
civil status, foreigners: "theme counters open according to demand") in every theme hour of the
week, weekday mornings and afternoons and on Thursday until 19:00, and the population counters
also on Saturday morning; the single building and energy counters on Monday, Tuesday and Friday
mornings, Wednesday afternoon and Thursday morning plus the late afternoon. Extra openings of the
theme desks in ``organisations`` (the Saturday before the summer passport rush, the Pension
Point's monthly consultation day) become extra sessions for the groups marked ``extra_openings``;
closures of the theme desks there become capacity closures.

The bookings themselves are generated (``bookings``) from a fixed seed, with the names, remarks
and shares below. Nothing here imports Django.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from loket.demo.organisations import MON, SAT, THU, TUE, WED, WEEKDAYS, t
from loket.demo.schema import Text

FRI = 4
SEED = 20191105  # the day the Huis van de Mechelaar's KCC started answering for the OCMW

# The window of demo bookings, in days relative to the day of loading.
PAST_DAYS = 14
FUTURE_DAYS = 28


@dataclass(frozen=True)
class Span:
    weekdays: tuple[int, ...]
    starts: datetime.time
    ends: datetime.time


@dataclass(frozen=True)
class DeskGroup:
    """Theme desks of one location that serve the same services, and when.

    ``services`` are (slug, weight): the weight is the service's share of the group's bookings.
    """

    location: str  # location slug
    desks: tuple[str, ...]  # desk names at that location
    services: tuple[tuple[str, int], ...]
    spans: tuple[Span, ...] = ()
    extra_openings: bool = False  # also serves on the theme desks' extra openings in ``organisations``


@dataclass(frozen=True)
class RuleData:
    """A ``BookingRule``: only what differs from the defaults of ``appointments.models``."""

    service: str
    minimum_notice_minutes: int | None = None
    horizon_days: int | None = None
    slot_step_minutes: int | None = None
    buffer_minutes: int | None = None
    max_active_per_contact: int | None = None


@dataclass(frozen=True)
class ClosureData:
    """A closure relative to the day of loading: the first ``weekday`` at least ``days_ahead`` away."""

    location: str
    days_ahead: int
    weekday: int
    starts: datetime.time | None
    ends: datetime.time | None
    reason: Text


MECHELEN = "huis-van-de-mechelaar"
SOCIAAL_HUIS = "sociaal-huis-mechelen"
BRUSSELS = "brussels-fiscality-city-center"

# --- Huis van de Mechelaar ---------------------------------------------------------------------

# Every theme hour of the week (``organisations``: the theme desks' opening hours).
_THEME_HOURS = (
    Span(WEEKDAYS, t(8, 30), t(12, 30)),
    Span((MON, TUE, WED, FRI), t(13, 30), t(16, 30)),
    Span((THU,), t(13, 30), t(19)),
)
_POPULATION_HOURS = (*_THEME_HOURS, Span((SAT,), t(9), t(12)))
# The specialist counters: when the Huis van de Mechelaar had its walk-in hours.
_SPECIALIST_HOURS = (
    Span((MON, TUE, FRI), t(8, 30), t(12, 30)),
    Span((WED,), t(13, 30), t(16, 30)),
    Span((THU,), t(8, 30), t(12, 30)),
    Span((THU,), t(14, 30), t(19)),
)

_POPULATION = (
    ("identity-card", 30),
    ("passport", 16),
    ("kids-id", 12),
    ("driving-licence", 12),
    ("provisional-driving-licence", 5),
    ("change-of-address", 8),
    ("lost-stolen-identity-card", 6),
    ("moving-abroad", 2),
    ("euthanasia-declaration", 2),
    ("burial-cremation-wishes", 1),
)

DESK_GROUPS: tuple[DeskGroup, ...] = (
    DeskGroup(MECHELEN, ("Loket 11", "Loket 12"), _POPULATION, _POPULATION_HOURS),
    DeskGroup(
        MECHELEN,
        ("Loket 13", "Loket 14"),
        (
            ("birth-declaration", 10),
            ("recognition-of-child", 4),
            ("marriage", 4),
            ("legal-cohabitation", 6),
            ("death-declaration", 6),
            ("first-name-change", 1),
            ("nationality-declaration", 3),
            ("grave-concession", 2),
            ("childcare-application", 4),
        ),
        _THEME_HOURS,
    ),
    # On the Saturday before the summer holiday, population clerks take the civil-status counters
    # for identity documents only (the extra opening of the theme desks in ``organisations``).
    DeskGroup(
        MECHELEN,
        ("Loket 13", "Loket 14"),
        (("passport", 3), ("identity-card", 2), ("kids-id", 2)),
        extra_openings=True,
    ),
    DeskGroup(
        MECHELEN,
        ("Loket 15", "Loket 16"),
        (
            ("residence-card-foreigners", 10),
            ("registration-eu-citizen", 6),
            ("registration-foreigners", 6),
            ("family-reunification", 3),
            ("work-permit-foreigners", 3),
        ),
        _THEME_HOURS,
    ),
    DeskGroup(
        MECHELEN,
        ("Loket 17",),
        (("building-permit", 6), ("environmental-permit", 2), ("starting-a-business", 2)),
        _SPECIALIST_HOURS,
    ),
    DeskGroup(
        MECHELEN,
        ("Loket 18",),
        (("energy-advice", 6), ("energy-loan", 2), ("renovation-premium", 4), ("rent-subsidy", 3)),
        _SPECIALIST_HOURS,
    ),
    # --- Sociaal Huis (OCMW) and the partners' consultation days ---------------------------------
    DeskGroup(
        SOCIAAL_HUIS,
        ("Spreekkamer 1", "Spreekkamer 2"),
        (
            ("social-integration-income", 6),
            ("medical-card", 4),
            ("heating-allowance", 4),
            ("rent-guarantee", 3),
            ("disability-recognition", 2),
            ("home-care", 2),
            ("residential-care-centre", 1),
        ),
        (Span(WEEKDAYS, t(9), t(12)), Span(WEEKDAYS, t(13, 30), t(16, 30))),
    ),
    DeskGroup(
        SOCIAAL_HUIS,
        ("Spreekkamer 3",),
        (("debt-counselling", 1),),
        (Span(WEEKDAYS, t(9), t(12)), Span((TUE, THU), t(13, 30), t(16, 30))),
    ),
    DeskGroup(
        SOCIAAL_HUIS,
        ("Spreekkamer 4",),
        (("legal-advice", 1),),
        (Span((MON, WED), t(13, 30), t(16, 30)), Span((FRI,), t(9), t(12))),
    ),
    DeskGroup(
        SOCIAAL_HUIS,
        ("ID-team",),
        (("social-information-referral", 1),),
        (Span(WEEKDAYS, t(9), t(12)), Span(WEEKDAYS, t(13, 30), t(16, 30))),
    ),
    DeskGroup(
        "zitdag-woonmaatschappij",
        ("Spreekkamer 5",),
        (("social-rental-housing-registration", 1),),
        (Span((TUE,), t(9), t(12)), Span((TUE,), t(13, 30), t(16))),
    ),
    DeskGroup(
        "zitdag-huurdersbond", ("Spreekkamer 5",), (("tenant-advice", 1),), (Span((WED,), t(13, 30), t(16, 30)),)
    ),
    DeskGroup("zitdag-hziv", ("Spreekkamer 5",), (("health-insurance-membership", 1),), (Span((THU,), t(9), t(12)),)),
    DeskGroup("zitdag-pensioenpunt", ("Spreekkamer 5",), (("pension-consultation", 1),), extra_openings=True),
    # --- Brussels Fiscality ------------------------------------------------------------------
    DeskGroup(
        BRUSSELS,
        ("Loket / Guichet 1", "Loket / Guichet 2"),
        (("property-tax-reduction", 3), ("vehicle-tax", 2)),
        (Span(WEEKDAYS, t(9), t(12)), Span((MON, TUE, WED, THU), t(13, 30), t(16))),
    ),
    DeskGroup(
        BRUSSELS,
        ("Loket / Guichet 3",),
        (("inheritance-tax-declaration", 1),),
        (Span(WEEKDAYS, t(9), t(12)), Span((MON, WED), t(13, 30), t(16))),
    ),
)

# Related services often arranged in one visit at one desk ("often together", see the catalogue):
# a booking of the first sometimes takes the second along.
COMBINED_SHARE = 0.08

BOOKING_RULES: tuple[RuleData, ...] = (
    # Short population appointments on a 10-minute grid, so a 10-minute visit wastes no time.
    *(
        RuleData(slug, slot_step_minutes=10)
        for slug in (
            "kids-id",
            "driving-licence",
            "provisional-driving-licence",
            "change-of-address",
            "moving-abroad",
            "euthanasia-declaration",
            "burial-cremation-wishes",
        )
    ),
    # A marriage is declared once, prepared by the back office: a week's notice, one at a time.
    RuleData("marriage", minimum_notice_minutes=7 * 24 * 60, buffer_minutes=10, max_active_per_contact=1),
    RuleData("nationality-declaration", minimum_notice_minutes=2 * 24 * 60, buffer_minutes=10),
    RuleData("family-reunification", minimum_notice_minutes=24 * 60, buffer_minutes=10),
    # The building counter reads the plans beforehand and writes a report afterwards.
    RuleData("building-permit", minimum_notice_minutes=2 * 24 * 60, horizon_days=90, buffer_minutes=15),
    RuleData("environmental-permit", minimum_notice_minutes=2 * 24 * 60, horizon_days=90, buffer_minutes=15),
    RuleData("energy-loan", minimum_notice_minutes=24 * 60, buffer_minutes=15),
    RuleData("social-integration-income", minimum_notice_minutes=24 * 60, buffer_minutes=15, slot_step_minutes=30),
    RuleData("debt-counselling", minimum_notice_minutes=24 * 60, buffer_minutes=15, slot_step_minutes=30),
    RuleData("inheritance-tax-declaration", minimum_notice_minutes=24 * 60, buffer_minutes=10, slot_step_minutes=30),
)

CLOSURES: tuple[ClosureData, ...] = (
    ClosureData(
        MECHELEN,
        days_ahead=15,
        weekday=WED,
        starts=t(13, 30),
        ends=t(16, 30),
        reason=Text(
            nl="Opleiding personeel: de themaloketten zijn in de namiddag gesloten",
            fr="Formation du personnel : les guichets thématiques sont fermés l'après-midi",
            en="Staff training: the theme counters are closed in the afternoon",
        ),
    ),
    ClosureData(
        SOCIAAL_HUIS,
        days_ahead=8,
        weekday=FRI,
        starts=t(9),
        ends=t(12),
        reason=Text(
            nl="Teamdag: geen afspraken in de voormiddag",
            fr="Journée d'équipe : pas de rendez-vous le matin",
            en="Team day: no appointments in the morning",
        ),
    ),
)

# --- Shares ------------------------------------------------------------------------------------

# Fill of the desks' time: the past and the coming days are nearly full, later days thinner.
PAST_FILL = (0.84, 0.94)
NEAR_FILL = 0.93  # today and the next NEAR_DAYS days
NEAR_DAYS = 4
FAR_FILL = 0.18  # at FUTURE_DAYS ahead
ONLINE_SHARE = 0.8  # tried first where the online quota allows; ~60 % of all bookings
PHONE_SHARE = 0.55  # of the bookings not made online: by phone, else at reception
NO_SHOW_SHARE = 0.07  # of the past appointments that were not cancelled
LATE_SHARE = 0.16
CANCELLED_PAST = 0.03
CANCELLED_FUTURE = 0.04
REMARK_SHARE = 0.1
EMAIL_SHARE = 0.72  # contact by e-mail (else mobile phone); some give both
BOTH_SHARE = 0.15
EMAIL_DOMAINS = ("mail.example", "post.example", "telenet.example", "proximus.example", "gmail.example")

# --- People ------------------------------------------------------------------------------------


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(","))


@dataclass(frozen=True)
class Origin:
    """First names and surnames of one origin, and the languages such people choose (weights)."""

    weight: int
    brussels_weight: int
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    languages: tuple[tuple[str, int], ...]


ORIGINS: tuple[Origin, ...] = (
    Origin(
        52,
        14,
        _names(
            "Jan, Lotte, Wouter, Ine, Bram, Sarah, Pieter, Lien, Stijn, Katrien, Jef, Nele, Koen, An, Tom, "
            "Marleen, Dirk, Hilde, Lucas, Emma, Noah, Julie, Arne, Fien, Ward, Marie, Rik, Griet, Seppe, Elke"
        ),
        _names(
            "Peeters, Janssens, Maes, Jacobs, Mertens, Willems, Claes, Goossens, Wouters, De Smet, Vermeulen, Van "
            "den Broeck, Verstraeten, Van Dyck, Hermans, Aerts, De Cock, Lambrechts, Van Looy, Verbruggen, Smets, "
            "Geerts, Van Hoof, Cools, Michiels, Bogaerts"
        ),
        (("nl", 96), ("en", 3), ("fr", 1)),
    ),
    Origin(
        10,
        34,
        _names(
            "Sophie, Nicolas, Camille, Julien, Amélie, Mathieu, Céline, Olivier, Chloé, Antoine, Élodie, "
            "François, Manon, Laurent"
        ),
        _names(
            "Dubois, Lambert, Dupont, Martin, Leclercq, Lefèbvre, Simon, Laurent, Renard, Dumont, Collard, Denis, "
            "Gérard, Lejeune"
        ),
        (("fr", 80), ("nl", 15), ("en", 5)),
    ),
    Origin(
        16,
        22,
        _names(
            "Mohamed, Fatima, Youssef, Amina, Hamza, Salma, Bilal, Nadia, Rachid, Imane, Karim, Samira, Ayoub, Latifa"
        ),
        _names(
            "El Amrani, Benali, Bouzid, El Idrissi, Aziz, Haddouchi, Ouali, Chaouki, Mansouri, Belhaj, Tahiri, "
            "Ait Ouali, Ben Salah, Azzouzi"
        ),
        (("nl", 62), ("fr", 30), ("en", 8)),
    ),
    Origin(
        6,
        6,
        _names("Ayşe, Mehmet, Elif, Emre, Zeynep, Murat, Hatice, Burak"),
        _names("Yılmaz, Kaya, Demir, Şahin, Çelik, Aydın, Öztürk, Arslan"),
        (("nl", 75), ("fr", 15), ("en", 10)),
    ),
    Origin(
        8,
        10,
        _names("Olena, Andrii, Piotr, Agnieszka, Ioana, Mihai, Kateryna, Tomasz, Elena, Bogdan"),
        _names("Kovalenko, Shevchenko, Nowak, Kowalski, Popescu, Ionescu, Bondarenko, Wiśniewski, Dimitrov, Georgieva"),
        (("en", 45), ("nl", 40), ("fr", 15)),
    ),
    Origin(
        8,
        14,
        _names("Aisha, Samuel, Grace, Emmanuel, Mariam, Daniel, Ana, Diego, Priya, Arjun, Lina, Omar"),
        _names("Mukendi, Kabongo, Tshibanda, Mensah, Okafor, Haile, Silva, Garcia, Sharma, Patel, Al-Hassan, Nkemelu"),
        (("en", 50), ("fr", 30), ("nl", 20)),
    ),
)

REMARKS: dict[str, tuple[str, ...]] = {
    "nl": (
        "Ik kom met mijn dochter van 8 jaar.",
        "Ik kom met de rolstoel.",
        "Mijn man komt mee om te tolken.",
        "Ik heb het formulier al ingevuld.",
        "Kan het aan een loket met ringleiding?",
        "Ik kom met de kinderwagen.",
        "Mijn oude kaart is gestolen, ik heb het pv van de politie bij.",
    ),
    "fr": (
        "Je viendrai avec mon fils.",
        "Je me déplace en fauteuil roulant.",
        "Je parle peu le néerlandais, est-ce possible en français ?",
        "J'ai déjà rempli le formulaire.",
    ),
    "en": (
        "I don't speak Dutch yet: English please.",
        "My partner will come along to translate.",
        "I have all the documents from the embassy.",
        "I will come with a baby in a pram.",
    ),
}

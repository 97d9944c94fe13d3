"""Demo service sheets still in draft: written in Dutch first, not yet translated or reviewed.

They are never shown to citizens; they show editors what a sheet in progress looks like in their
work lists (no review date yet, missing translations).
"""

from __future__ import annotations

from decimal import Decimal

from loket.demo.channels import online, phone, quick_counter
from loket.demo.schema import ServiceData, Text, lines, steps

_EMPTY = Text(nl="", fr="", en="")

SERVICES: tuple[ServiceData, ...] = (
    ServiceData(
        slug="video-appointment",
        organisation="mechelen",
        department="burgerzaken",
        status="draft",
        title=Text(
            nl="Afspraak via videogesprek",
            fr="Rendez-vous par appel vidéo",
            en="",
        ),
        summary=Text(
            nl="Heb je een vraag over je verhuis, een attest of een aanvraag, maar kun je niet naar het Huis van de "
            "Mechelaar komen? Praat dan met een medewerker via een videogesprek op je computer of smartphone.",
            fr="",
            en="",
        ),
        audience=Text(nl="Alle inwoners van Mechelen.", fr="", en=""),
        procedure=steps(
            nl=[
                "Boek online een videoafspraak.",
                "Je krijgt een e-mail met een link.",
                "Klik op het afgesproken uur op de link. Houd je identiteitskaart bij de hand.",
            ],
            fr=[],
            en=[],
        ),
        documents=lines(nl=["Je identiteitskaart", "Een computer of smartphone met camera"], fr=[], en=[]),
        cost=Text(nl="Gratis.", fr="", en=""),
        legal_basis=_EMPTY,
        processing_time=_EMPTY,
        keywords=Text(nl="videogesprek, online afspraak, videobellen, digitaal loket, van thuis uit", fr="", en=""),
        cost_amount=Decimal("0"),
        duration_minutes=15,
        channels=(online("/afspraak/video"),),
        reviewed_days_ago=None,
    ),
    ServiceData(
        slug="solar-panel-group-purchase",
        organisation="mechelen",
        department="energiehuis",
        status="draft",
        title=Text(
            nl="Samenaankoop zonnepanelen",
            fr="Achat groupé de panneaux solaires",
            en="Group purchase of solar panels",
        ),
        summary=Text(
            nl="Samen met andere Mechelaars koop je zonnepanelen of een thuisbatterij tegen een betere prijs. "
            "Het Energiehuis kiest de installateur en controleert de kwaliteit.",
            fr="",
            en="",
        ),
        audience=Text(nl="Eigenaars van een woning in Mechelen.", fr="", en=""),
        procedure=_EMPTY,
        documents=_EMPTY,
        cost=Text(nl="Inschrijven is gratis en verplicht je tot niets.", fr="", en=""),
        legal_basis=_EMPTY,
        processing_time=_EMPTY,
        keywords=Text(nl="zonnepanelen, samenaankoop, thuisbatterij, groepsaankoop", fr="", en=""),
        cost_amount=Decimal("0"),
        duration_minutes=10,
        channels=(phone(),),
        reviewed_days_ago=None,
    ),
    ServiceData(
        slug="uitpas",
        organisation="mechelen",
        department="vrije-tijd",
        status="draft",
        title=Text(
            nl="UiTPAS Mechelen met kansentarief",
            fr="UiTPAS Malines avec tarif social",
            en="UiTPAS Mechelen with reduced rate",
        ),
        summary=Text(
            nl="Met de UiTPAS spaar je punten als je naar een film, de sporthal of een museum gaat. Met een laag "
            "inkomen krijg je kansentarief: je betaalt maar 20 procent van de prijs.",
            fr="",
            en="",
        ),
        audience=Text(nl="Iedereen; kansentarief voor mensen met een laag inkomen.", fr="", en=""),
        procedure=steps(nl=["Kom naar het snelloket.", "Je krijgt je pas meteen mee."], fr=[], en=[]),
        documents=lines(nl=["Je identiteitskaart"], fr=[], en=[]),
        cost=Text(nl="5 euro; met kansentarief 1 euro.", fr="", en=""),
        legal_basis=_EMPTY,
        processing_time=Text(nl="Meteen.", fr="", en=""),
        keywords=Text(nl="uitpas, kansentarief, vrije tijd, korting, sport, cultuur", fr="", en=""),
        cost_amount=Decimal("5.00"),
        duration_minutes=4,
        channels=(quick_counter(),),
        reviewed_days_ago=None,
    ),
)

"""Demo services: building, housing, energy, waste and the street (city of Mechelen).

Permits are applied for in the Flemish Omgevingsloket; the city advises at the Building theme
counter. The Energiehuis gives free advice and handles the Flemish renovation loan. Smoke
detectors and waste bags are sold at the quick counter.
"""

from __future__ import annotations

from decimal import Decimal

from loket.demo.channels import appointment, home_visit, online, phone, quick_counter
from loket.demo.schema import ServiceData, Text, lines, steps

_OMGEVINGSLOKET = Text(
    nl="Dien je aanvraag digitaal in via het Omgevingsloket van de Vlaamse overheid. Je architect kan dat voor "
    "je doen. Je volgt je dossier daar ook op.",
    fr="Introduisez votre demande par voie électronique via l'Omgevingsloket de l'autorité flamande. Votre "
    "architecte peut le faire pour vous. Vous y suivez aussi votre dossier.",
    en="Apply online through the Flemish government's Omgevingsloket. Your architect can do this for you. You "
    "also follow your file there.",
)

_BUILDING_ADVICE = Text(
    nl="Twijfel je of je een vergunning nodig hebt? Maak een afspraak aan het themaloket Bouwen. Breng een "
    "schets, foto's of plannen mee. Het advies is gratis.",
    fr="Vous ne savez pas si vous avez besoin d'un permis ? Prenez rendez-vous au guichet thématique Urbanisme. "
    "Apportez un croquis, des photos ou des plans. Le conseil est gratuit.",
    en="Not sure whether you need a permit? Book an appointment at the Building theme counter. Bring a sketch, "
    "photos or plans. The advice is free.",
)

_ENERGY_APPOINTMENT = Text(
    nl="Maak een afspraak met een energiecoach aan het themaloket Energie in het Huis van de Mechelaar. "
    "Breng je laatste energiefactuur en foto's van je woning mee.",
    fr="Prenez rendez-vous avec un coach énergie au guichet thématique Énergie de la Maison des Malinois. "
    "Apportez votre dernière facture d'énergie et des photos de votre logement.",
    en="Book an appointment with an energy coach at the Energy theme counter in the Huis van de Mechelaar. "
    "Bring your last energy bill and photos of your home.",
)

_ENERGY_HOME_VISIT = home_visit(
    Text(
        nl="Een energiecoach komt gratis bij je thuis. Hij bekijkt je woning en zegt wat je het eerst kunt doen.",
        fr="Un coach énergie vient gratuitement chez vous. Il examine votre logement et vous dit par quoi commencer.",
        en="An energy coach visits your home for free. They look at your home and tell you what to do first.",
    )
)

SERVICES: tuple[ServiceData, ...] = (
    ServiceData(
        slug="building-permit",
        organisation="mechelen",
        department="omgeving",
        title=Text(
            nl="Omgevingsvergunning om te bouwen of te verbouwen",
            fr="Permis d'environnement pour construire ou transformer",
            en="Planning permission to build or renovate",
        ),
        summary=Text(
            nl="Voor veel bouwwerken heb je een omgevingsvergunning nodig: een nieuwe woning, een uitbreiding, "
            "een dakkapel, een woning opsplitsen of een gevel veranderen. Kleine werken zijn soms vrijgesteld of "
            "je moet ze alleen melden. Vraag ons vooraf om advies.",
            fr="Pour beaucoup de travaux, il faut un permis d'environnement : une nouvelle maison, une extension, "
            "une lucarne, diviser un logement ou modifier une façade. Les petits travaux sont parfois dispensés ou "
            "doivent seulement être déclarés. Demandez-nous conseil à l'avance.",
            en="Many building works need planning permission: a new house, an extension, a dormer window, "
            "splitting a home or changing a front wall. Small works are sometimes exempt or only need to be "
            "reported. Ask us for advice first.",
        ),
        audience=Text(
            nl="Eigenaars, bouwheren en architecten die in Mechelen willen bouwen, verbouwen of slopen.",
            fr="Les propriétaires, maîtres d'ouvrage et architectes qui veulent construire, transformer ou démolir "
            "à Malines.",
            en="Owners, builders and architects who want to build, renovate or demolish in Mechelen.",
        ),
        procedure=steps(
            nl=[
                "Vraag advies aan het themaloket Bouwen: heb je een vergunning nodig, en een architect?",
                "Dien je aanvraag in via het Omgevingsloket.",
                "We kijken na of je dossier volledig is. Soms is er een openbaar onderzoek van 30 dagen.",
                "Het college van burgemeester en schepenen beslist.",
                "Hang de bekendmaking van de vergunning uit en wacht 30 dagen voor je begint.",
            ],
            fr=[
                "Demandez conseil au guichet thématique Urbanisme : faut-il un permis, et un architecte ?",
                "Introduisez votre demande via l'Omgevingsloket.",
                "Nous vérifions si votre dossier est complet. Il y a parfois une enquête publique de 30 jours.",
                "Le collège des bourgmestre et échevins décide.",
                "Affichez l'avis du permis et attendez 30 jours avant de commencer.",
            ],
            en=[
                "Ask for advice at the Building theme counter: do you need a permit, and an architect?",
                "Apply through the Omgevingsloket.",
                "We check whether your file is complete. Sometimes there is a 30-day public inquiry.",
                "The board of mayor and aldermen decides.",
                "Put up the notice of the permit and wait 30 days before you start.",
            ],
        ),
        documents=lines(
            nl=[
                "De plannen van de werken (meestal opgemaakt door een architect)",
                "Foto's van de huidige toestand",
                "Een beschrijvende nota",
                "Het EPB-voorstel, bij nieuwbouw of grote verbouwing",
            ],
            fr=[
                "Les plans des travaux (en général établis par un architecte)",
                "Des photos de la situation actuelle",
                "Une note descriptive",
                "La proposition PEB, pour une construction neuve ou une grosse rénovation",
            ],
            en=[
                "The plans of the works (usually drawn up by an architect)",
                "Photos of the current situation",
                "A written description",
                "The energy performance (EPB) proposal, for new buildings or major renovations",
            ],
        ),
        cost=Text(
            nl="De stad rekent dossierkosten aan: van 50 euro voor een eenvoudige aanvraag tot 500 euro voor "
            "een groot project. Het advies vooraf is gratis.",
            fr="La ville facture des frais de dossier : de 50 euros pour une demande simple à 500 euros pour un "
            "grand projet. Le conseil préalable est gratuit.",
            en="The city charges file costs: from 50 euros for a simple application to 500 euros for a large "
            "project. Advice beforehand is free.",
        ),
        legal_basis=Text(
            nl="Decreet van 25 april 2014 betreffende de omgevingsvergunning; Vlaamse Codex Ruimtelijke Ordening.",
            fr="Décret flamand du 25 avril 2014 relatif au permis d'environnement ; Code flamand de l'aménagement "
            "du territoire.",
            en="Flemish Decree of 25 April 2014 on the environmental permit; Flemish Spatial Planning Code.",
        ),
        processing_time=Text(
            nl="60 dagen in de vereenvoudigde procedure, 105 tot 120 dagen in de gewone procedure.",
            fr="60 jours en procédure simplifiée, 105 à 120 jours en procédure ordinaire.",
            en="60 days in the simplified procedure, 105 to 120 days in the ordinary procedure.",
        ),
        keywords=Text(
            nl="bouwvergunning, omgevingsvergunning, verbouwen, bouwen, uitbreiding, dakkapel, architect, "
            "stedenbouw, slopen, veranda",
            fr="permis de bâtir, permis d'urbanisme, permis d'environnement, construire, transformer, extension, "
            "architecte, démolir, véranda",
            en="building permit, planning permission, construction permit, build, renovate, extension, architect, "
            "demolish, conservatory",
        ),
        cost_amount=None,
        duration_minutes=30,
        channels=(
            online("/omgevingsloket", _OMGEVINGSLOKET),
            appointment(_BUILDING_ADVICE),
            phone(),
        ),
        reviewed_days_ago=90,
    ),
    ServiceData(
        slug="environmental-permit",
        organisation="mechelen",
        department="omgeving",
        title=Text(
            nl="Omgevingsvergunning of melding voor een bedrijf (ingedeelde inrichting)",
            fr="Permis d'environnement ou déclaration pour une entreprise (établissement classé)",
            en="Environmental permit or notification for a business (classified activity)",
        ),
        summary=Text(
            nl="Heeft je bedrijf een activiteit die hinder kan geven, zoals een werkplaats, een grote koelinstallatie "
            "of een opslag van brandstof? Dan heb je een omgevingsvergunning nodig of moet je de activiteit melden.",
            fr="Votre entreprise a une activité qui peut causer des nuisances, comme un atelier, une grande "
            "installation frigorifique ou un stockage de carburant ? Il vous faut alors un permis d'environnement "
            "ou une déclaration.",
            en="Does your business have an activity that may cause nuisance, such as a workshop, a large cooling "
            "system or fuel storage? Then you need an environmental permit or must report the activity.",
        ),
        audience=Text(
            nl="Bedrijven en verenigingen in Mechelen met een activiteit uit de Vlaamse indelingslijst (klasse 1, "
            "2 of 3).",
            fr="Les entreprises et associations à Malines ayant une activité de la liste flamande de classement "
            "(classe 1, 2 ou 3).",
            en="Businesses and associations in Mechelen with an activity on the Flemish classification list "
            "(class 1, 2 or 3).",
        ),
        procedure=steps(
            nl=[
                "Kijk in de indelingslijst in welke klasse je activiteit valt, of vraag het ons.",
                "Klasse 3: doe een melding via het Omgevingsloket. Klasse 1 of 2: vraag een vergunning aan.",
                "Voor een vergunning volgt een openbaar onderzoek en adviezen.",
                "Het college of de provincie beslist.",
            ],
            fr=[
                "Vérifiez dans la liste de classement dans quelle classe tombe votre activité, ou demandez-nous.",
                "Classe 3 : faites une déclaration via l'Omgevingsloket. Classe 1 ou 2 : demandez un permis.",
                "Pour un permis, il y a une enquête publique et des avis.",
                "Le collège ou la province décide.",
            ],
            en=[
                "Check the classification list for your activity's class, or ask us.",
                "Class 3: report it through the Omgevingsloket. Class 1 or 2: apply for a permit.",
                "A permit involves a public inquiry and advice from other bodies.",
                "The board of mayor and aldermen or the province decides.",
            ],
        ),
        documents=lines(
            nl=[
                "Een beschrijving van de activiteit",
                "Een liggingsplan en een inplantingsplan",
                "Het ondernemingsnummer",
            ],
            fr=[
                "Une description de l'activité",
                "Un plan de situation et un plan d'implantation",
                "Le numéro d'entreprise",
            ],
            en=["A description of the activity", "A location map and a site plan", "The enterprise number"],
        ),
        cost=Text(
            nl="Een melding is gratis. Voor een vergunning rekent de stad dossierkosten aan, afhankelijk van de "
            "klasse.",
            fr="Une déclaration est gratuite. Pour un permis, la ville facture des frais de dossier selon la classe.",
            en="A notification is free. For a permit the city charges file costs depending on the class.",
        ),
        legal_basis=Text(
            nl="Decreet van 25 april 2014 betreffende de omgevingsvergunning; VLAREM I en II.",
            fr="Décret flamand du 25 avril 2014 relatif au permis d'environnement ; VLAREM I et II.",
            en="Flemish Decree of 25 April 2014 on the environmental permit; VLAREM I and II.",
        ),
        processing_time=Text(
            nl="Melding: je mag na 30 dagen starten. Vergunning: 105 tot 120 dagen.",
            fr="Déclaration : vous pouvez commencer après 30 jours. Permis : 105 à 120 jours.",
            en="Notification: you may start after 30 days. Permit: 105 to 120 days.",
        ),
        keywords=Text(
            nl="milieuvergunning, omgevingsvergunning bedrijf, melding klasse 3, VLAREM, ingedeelde inrichting, "
            "hinder, werkplaats",
            fr="permis d'environnement, déclaration classe 3, VLAREM, établissement classé, nuisances, atelier",
            en="environmental permit, environmental licence, class 3 notification, VLAREM, nuisance, workshop",
        ),
        cost_amount=None,
        duration_minutes=30,
        channels=(online("/omgevingsloket", _OMGEVINGSLOKET), appointment(_BUILDING_ADVICE), phone()),
        reviewed_days_ago=265,
    ),
    ServiceData(
        slug="smoke-detector",
        organisation="mechelen",
        department="wonen",
        title=Text(
            nl="Rookmelder kopen",
            fr="Acheter un détecteur de fumée",
            en="Buy a smoke detector",
        ),
        summary=Text(
            nl="In Vlaanderen moet elke woning rookmelders hebben: minstens één op elke verdieping. Aan het "
            "snelloket koop je een goedgekeurde rookmelder met een batterij die 10 jaar meegaat.",
            fr="En Flandre, chaque logement doit avoir des détecteurs de fumée : au moins un par étage. Au guichet "
            "rapide, vous achetez un détecteur agréé avec une pile qui dure 10 ans.",
            en="In Flanders every home must have smoke detectors: at least one on each floor. At the quick counter "
            "you can buy an approved smoke detector with a battery that lasts 10 years.",
        ),
        audience=Text(
            nl="Iedereen. Huur je? Dan moet je verhuurder de rookmelders plaatsen.",
            fr="Tout le monde. Vous êtes locataire ? C'est votre propriétaire qui doit installer les détecteurs.",
            en="Everyone. Renting? Then your landlord must fit the smoke detectors.",
        ),
        procedure=steps(
            nl=[
                "Kom zonder afspraak naar het snelloket.",
                "Betaal met de bankkaart.",
                "Hang de rookmelder aan het plafond, op de weg die je volgt om je huis te verlaten.",
            ],
            fr=[
                "Venez sans rendez-vous au guichet rapide.",
                "Payez par carte bancaire.",
                "Fixez le détecteur au plafond, sur le chemin que vous prenez pour sortir de la maison.",
            ],
            en=[
                "Come to the quick counter without an appointment.",
                "Pay by bank card.",
                "Fix the detector on the ceiling, on the way you take to leave your home.",
            ],
        ),
        documents=lines(nl=["Niets"], fr=["Rien"], en=["Nothing"]),
        cost=Text(nl="15 euro per rookmelder.", fr="15 euros par détecteur.", en="15 euros per smoke detector."),
        legal_basis=Text(
            nl="Vlaamse Codex Wonen van 2021, artikel 3.1; besluit Vlaamse Codex Wonen over rookmelders.",
            fr="Code flamand du logement de 2021, article 3.1 ; arrêté sur les détecteurs de fumée.",
            en="Flemish Housing Code 2021, article 3.1; implementing decree on smoke detectors.",
        ),
        processing_time=Text(nl="Meteen.", fr="Immédiatement.", en="Straight away."),
        keywords=Text(
            nl="rookmelder, rookdetector, brandmelder, brandveiligheid, brand, verplichte rookmelder",
            fr="détecteur de fumée, détecteur incendie, alarme incendie, sécurité incendie, feu",
            en="smoke detector, smoke alarm, fire alarm, fire safety, fire",
        ),
        cost_amount=Decimal("15.00"),
        duration_minutes=2,
        channels=(quick_counter(),),
        reviewed_days_ago=180,
    ),
    ServiceData(
        slug="rent-subsidy",
        organisation="mechelen",
        department="wonen",
        title=Text(
            nl="Huurpremie of huursubsidie aanvragen",
            fr="Demander une prime au loyer ou une allocation-loyer",
            en="Apply for a rent premium or rent subsidy",
        ),
        summary=Text(
            nl="Heb je een laag inkomen en huur je op de private markt? Dan kun je soms elke maand een bedrag "
            "krijgen van de Vlaamse overheid. Het Woonloket kijkt samen met jou of je recht hebt en helpt je "
            "met de aanvraag.",
            fr="Vous avez de faibles revenus et louez sur le marché privé ? Vous pouvez parfois recevoir chaque mois "
            "un montant de l'autorité flamande. Le guichet du logement vérifie avec vous si vous y avez droit et "
            "vous aide à faire la demande.",
            en="Do you have a low income and rent on the private market? You may get a monthly amount from the "
            "Flemish government. The Housing desk checks with you whether you are entitled and helps you apply.",
        ),
        audience=Text(
            nl="Huurders met een laag inkomen. De huurpremie is voor wie al 4 jaar op de wachtlijst voor een "
            "sociale woning staat; de huursubsidie voor wie verhuist uit een slechte woning.",
            fr="Les locataires à faibles revenus. La prime au loyer est pour ceux qui sont depuis 4 ans sur la liste "
            "d'attente d'un logement social ; l'allocation-loyer pour ceux qui quittent un logement de mauvaise "
            "qualité.",
            en="Tenants with a low income. The rent premium is for people who have been on the social housing "
            "waiting list for 4 years; the rent subsidy for people moving out of a poor home.",
        ),
        procedure=steps(
            nl=[
                "Maak een afspraak bij het Woonloket of bel ons.",
                "We kijken samen of je recht hebt.",
                "We helpen je het formulier in te vullen en sturen het naar Wonen in Vlaanderen.",
                "Je krijgt de beslissing per brief.",
            ],
            fr=[
                "Prenez rendez-vous au guichet du logement ou appelez-nous.",
                "Nous vérifions ensemble si vous y avez droit.",
                "Nous vous aidons à remplir le formulaire et l'envoyons à Wonen in Vlaanderen.",
                "Vous recevez la décision par lettre.",
            ],
            en=[
                "Book an appointment at the Housing desk or call us.",
                "We check together whether you are entitled.",
                "We help you fill in the form and send it to Wonen in Vlaanderen.",
                "You get the decision by letter.",
            ],
        ),
        documents=lines(
            nl=["Je identiteitskaart", "Je huurcontract", "Je laatste aanslagbiljet van de personenbelasting"],
            fr=["Votre carte d'identité", "Votre bail", "Votre dernier avertissement-extrait de rôle"],
            en=["Your identity card", "Your rental contract", "Your latest income tax assessment"],
        ),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=Text(
            nl="Vlaamse Codex Wonen van 2021; besluit Vlaamse Codex Wonen, boek 5 (huursubsidie en huurpremie).",
            fr="Code flamand du logement de 2021 ; arrêté d'exécution, livre 5 (allocation-loyer et prime au loyer).",
            en="Flemish Housing Code 2021; implementing decree, book 5 (rent subsidy and rent premium).",
        ),
        processing_time=Text(
            nl="Wonen in Vlaanderen beslist meestal binnen 3 maanden.",
            fr="Wonen in Vlaanderen décide en général dans les 3 mois.",
            en="Wonen in Vlaanderen usually decides within 3 months.",
        ),
        keywords=Text(
            nl="huurpremie, huursubsidie, huur betalen, huurprijs, steun huur, wachtlijst sociale woning, "
            "goedkoper huren",
            fr="prime au loyer, allocation-loyer, aide au loyer, payer le loyer, liste d'attente logement social",
            en="rent premium, rent subsidy, help with rent, housing benefit, social housing waiting list",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=30,
        channels=(appointment(), phone()),
        reviewed_days_ago=145,
    ),
    ServiceData(
        slug="energy-advice",
        organisation="mechelen",
        department="energiehuis",
        title=Text(
            nl="Gratis energieadvies bij het Energiehuis",
            fr="Conseil énergie gratuit à la Maison de l'énergie",
            en="Free energy advice at the Energy House",
        ),
        summary=Text(
            nl="Wil je je woning isoleren, een warmtepomp plaatsen of zonnepanelen leggen? Het Energiehuis geeft je "
            "gratis en onafhankelijk advies. We helpen je ook met premies, offertes en de renteloze lening.",
            fr="Vous voulez isoler votre logement, installer une pompe à chaleur ou des panneaux solaires ? La Maison "
            "de l'énergie vous donne des conseils gratuits et indépendants. Nous vous aidons aussi pour les primes, "
            "les devis et le prêt sans intérêt.",
            en="Do you want to insulate your home, install a heat pump or put in solar panels? The Energy House "
            "gives you free and independent advice. We also help with premiums, quotes and the interest-free loan.",
        ),
        audience=Text(
            nl="Eigenaars, huurders en verhuurders in Mechelen.",
            fr="Les propriétaires, locataires et bailleurs à Malines.",
            en="Owners, tenants and landlords in Mechelen.",
        ),
        procedure=steps(
            nl=[
                "Bel ons of maak een afspraak met een energiecoach.",
                "Vertel wat je wilt doen. We bekijken samen je woning en je facturen.",
                "Je krijgt een advies op maat en een lijst van premies.",
                "Wil je, dan komt de coach bij je thuis of leest hij je offertes na.",
            ],
            fr=[
                "Appelez-nous ou prenez rendez-vous avec un coach énergie.",
                "Dites ce que vous voulez faire. Nous regardons ensemble votre logement et vos factures.",
                "Vous recevez un conseil sur mesure et une liste des primes.",
                "Si vous le voulez, le coach vient chez vous ou relit vos devis.",
            ],
            en=[
                "Call us or book an appointment with an energy coach.",
                "Tell us what you want to do. We look at your home and your bills together.",
                "You get tailored advice and a list of premiums.",
                "If you like, the coach visits your home or checks your quotes.",
            ],
        ),
        documents=lines(
            nl=[
                "Je laatste energiefactuur",
                "Het EPC van je woning, als je het hebt",
                "Offertes van aannemers, als je ze al hebt",
            ],
            fr=[
                "Votre dernière facture d'énergie",
                "Le certificat PEB de votre logement, si vous l'avez",
                "Les devis, si vous les avez déjà",
            ],
            en=[
                "Your last energy bill",
                "Your home's energy performance certificate (EPC), if you have it",
                "Quotes from contractors, if you have them",
            ],
        ),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=Text(
            nl="Energiebesluit van 19 november 2010, hoofdstuk over de energiehuizen; Lokaal Energie- en Klimaatpact.",
            fr="Arrêté flamand sur l'énergie du 19 novembre 2010, chapitre sur les maisons de l'énergie ; "
            "Pacte local pour l'énergie et le climat.",
            en="Flemish Energy Decree of 19 November 2010, chapter on energy houses; Local Energy and Climate Pact.",
        ),
        processing_time=Text(
            nl="Een afspraak binnen 2 weken.",
            fr="Un rendez-vous dans les 2 semaines.",
            en="An appointment within 2 weeks.",
        ),
        keywords=Text(
            nl="energieadvies, energiehuis, isoleren, isolatie, warmtepomp, zonnepanelen, energiecoach, "
            "energiefactuur, besparen",
            fr="conseil énergie, maison de l'énergie, isoler, isolation, pompe à chaleur, panneaux solaires, "
            "facture d'énergie, économiser",
            en="energy advice, energy house, insulation, insulate, heat pump, solar panels, energy coach, "
            "energy bill, save energy",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=45,
        channels=(appointment(_ENERGY_APPOINTMENT), phone(), _ENERGY_HOME_VISIT, online("/energiehuis")),
        reviewed_days_ago=30,
    ),
    ServiceData(
        slug="energy-scan",
        organisation="mechelen",
        department="energiehuis",
        title=Text(
            nl="Gratis energiescan aan huis",
            fr="Scan énergétique gratuit à domicile",
            en="Free home energy scan",
        ),
        summary=Text(
            nl="Een energiesnoeier komt bij je thuis en kijkt waar je energie verliest. Hij plaatst meteen kleine "
            "dingen zoals ledlampen, radiatorfolie of een spaardouchekop. Zo betaal je minder voor gas en "
            "elektriciteit.",
            fr="Un conseiller vient chez vous et regarde où vous perdez de l'énergie. Il installe tout de suite de "
            "petites choses comme des lampes LED, du film pour radiateur ou une pomme de douche économique. Vous "
            "payez ainsi moins pour le gaz et l'électricité.",
            en="An energy adviser visits your home and looks at where you lose energy. They fit small things "
            "straight away, like LED bulbs, radiator foil or a water-saving shower head. So you pay less for gas "
            "and electricity.",
        ),
        audience=Text(
            nl="Huurders en eigenaars in Mechelen, vooral gezinnen met een laag inkomen of een hoge energiefactuur.",
            fr="Les locataires et propriétaires à Malines, surtout les ménages à faibles revenus ou avec une "
            "facture d'énergie élevée.",
            en="Tenants and owners in Mechelen, especially households with a low income or a high energy bill.",
        ),
        procedure=steps(
            nl=[
                "Bel ons of vraag de scan online aan.",
                "We maken een afspraak voor een bezoek van ongeveer anderhalf uur.",
                "Je krijgt een kort verslag met tips.",
            ],
            fr=[
                "Appelez-nous ou demandez le scan en ligne.",
                "Nous fixons un rendez-vous pour une visite d'environ une heure et demie.",
                "Vous recevez un court rapport avec des conseils.",
            ],
            en=[
                "Call us or request the scan online.",
                "We book a visit of about an hour and a half.",
                "You get a short report with tips.",
            ],
        ),
        documents=lines(
            nl=["Je laatste jaarafrekening van gas en elektriciteit"],
            fr=["Votre dernière facture annuelle de gaz et d'électricité"],
            en=["Your last annual gas and electricity bill"],
        ),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=Text(
            nl="Energiebesluit van 19 november 2010, energiescans voor beschermde afnemers; beslissing van de "
            "gemeenteraad over het Energiehuis.",
            fr="Arrêté flamand sur l'énergie du 19 novembre 2010, scans énergétiques pour clients protégés ; "
            "décision du conseil communal sur la Maison de l'énergie.",
            en="Flemish Energy Decree of 19 November 2010, energy scans for protected customers; city council "
            "decision on the Energy House.",
        ),
        processing_time=Text(
            nl="Een bezoek binnen 4 weken.",
            fr="Une visite dans les 4 semaines.",
            en="A visit within 4 weeks.",
        ),
        keywords=Text(
            nl="energiescan, energiesnoeier, energie besparen, hoge energiefactuur, ledlampen, tochtstrips",
            fr="scan énergétique, économiser l'énergie, facture élevée, lampes LED, isolation de fenêtres",
            en="energy scan, energy check, save energy, high energy bill, LED bulbs, draught strips",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=90,
        channels=(_ENERGY_HOME_VISIT, phone(), online("/energiehuis/energiescan")),
        reviewed_days_ago=200,
    ),
    ServiceData(
        slug="energy-loan",
        organisation="mechelen",
        department="energiehuis",
        title=Text(
            nl="Renteloze renovatielening (Mijn VerbouwLening)",
            fr="Prêt à la rénovation sans intérêt (Mijn VerbouwLening)",
            en="Interest-free renovation loan (Mijn VerbouwLening)",
        ),
        summary=Text(
            nl="Wil je je woning energiezuinig verbouwen maar heb je niet genoeg spaargeld? Via het Energiehuis "
            "leen je tot 60.000 euro zonder rente, voor dakisolatie, nieuwe ramen, een warmtepomp en meer.",
            fr="Vous voulez rendre votre logement économe en énergie mais vous n'avez pas assez d'épargne ? Via la "
            "Maison de l'énergie, vous empruntez jusqu'à 60 000 euros sans intérêt, pour isoler le toit, changer "
            "les fenêtres, installer une pompe à chaleur et plus.",
            en="Do you want to make your home energy-efficient but lack savings? Through the Energy House you can "
            "borrow up to 60,000 euros interest-free, for roof insulation, new windows, a heat pump and more.",
        ),
        audience=Text(
            nl="Eigenaars in Mechelen met een laag of middeninkomen, die er zelf wonen of verhuren via een "
            "sociaal verhuurkantoor.",
            fr="Les propriétaires à Malines aux revenus faibles ou moyens, qui habitent le logement ou le louent "
            "via une agence immobilière sociale.",
            en="Owners in Mechelen with a low or middle income, who live in the home or let it through a social "
            "rental agency.",
        ),
        procedure=steps(
            nl=[
                "Maak een afspraak met een energiecoach.",
                "We bekijken je inkomen, je offertes en je plannen.",
                "Je dient de aanvraag in. Het Energiehuis beslist en maakt het contract op.",
                "Na de werken betaalt het Energiehuis de facturen. Jij betaalt de lening maandelijks terug.",
            ],
            fr=[
                "Prenez rendez-vous avec un coach énergie.",
                "Nous examinons vos revenus, vos devis et vos projets.",
                "Vous introduisez la demande. La Maison de l'énergie décide et établit le contrat.",
                "Après les travaux, la Maison de l'énergie paie les factures. Vous remboursez chaque mois.",
            ],
            en=[
                "Book an appointment with an energy coach.",
                "We look at your income, your quotes and your plans.",
                "You apply. The Energy House decides and draws up the contract.",
                "After the works, the Energy House pays the invoices. You repay the loan monthly.",
            ],
        ),
        documents=lines(
            nl=[
                "Je identiteitskaart",
                "Je laatste aanslagbiljet van de personenbelasting",
                "Offertes van aannemers",
                "Een bewijs dat je eigenaar bent",
            ],
            fr=[
                "Votre carte d'identité",
                "Votre dernier avertissement-extrait de rôle",
                "Les devis des entrepreneurs",
                "Une preuve de propriété",
            ],
            en=[
                "Your identity card",
                "Your latest income tax assessment",
                "Quotes from contractors",
                "Proof that you own the home",
            ],
        ),
        cost=Text(
            nl="Geen rente en geen dossierkosten. Je betaalt alleen het geleende bedrag terug.",
            fr="Pas d'intérêts ni de frais de dossier. Vous remboursez seulement le montant emprunté.",
            en="No interest and no file costs. You only repay the amount you borrowed.",
        ),
        legal_basis=Text(
            nl="Besluit van de Vlaamse Regering van 22 juli 2022 over de Mijn VerbouwLening.",
            fr="Arrêté du Gouvernement flamand du 22 juillet 2022 relatif au Mijn VerbouwLening.",
            en="Flemish Government Decree of 22 July 2022 on the Mijn VerbouwLening.",
        ),
        processing_time=Text(
            nl="Een beslissing binnen ongeveer 6 weken na een volledige aanvraag.",
            fr="Une décision dans les 6 semaines environ après une demande complète.",
            en="A decision about 6 weeks after a complete application.",
        ),
        keywords=Text(
            nl="renteloze lening, verbouwlening, energielening, Mijn VerbouwLening, lenen voor renovatie, isoleren "
            "zonder spaargeld",
            fr="prêt sans intérêt, prêt rénovation, prêt énergie, emprunter pour rénover, Mijn VerbouwLening",
            en="interest-free loan, renovation loan, energy loan, borrow for renovation, Mijn VerbouwLening",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=45,
        channels=(appointment(_ENERGY_APPOINTMENT), phone()),
        reviewed_days_ago=115,
    ),
    ServiceData(
        slug="renovation-premium",
        organisation="mechelen",
        department="energiehuis",
        title=Text(
            nl="Renovatiepremie aanvragen (Mijn VerbouwPremie en stadspremie)",
            fr="Demander une prime à la rénovation (Mijn VerbouwPremie et prime de la ville)",
            en="Apply for a renovation premium (Mijn VerbouwPremie and city premium)",
        ),
        summary=Text(
            nl="Voor isolatie, nieuwe ramen, een warmtepomp of een nieuw dak krijg je een premie van de Vlaamse "
            "overheid: Mijn VerbouwPremie. De stad Mechelen geeft er voor dakisolatie nog een premie bovenop. "
            "Het Energiehuis helpt je met de aanvraag.",
            fr="Pour l'isolation, de nouvelles fenêtres, une pompe à chaleur ou un nouveau toit, vous recevez une "
            "prime de l'autorité flamande : Mijn VerbouwPremie. La ville de Malines ajoute une prime pour "
            "l'isolation du toit. La Maison de l'énergie vous aide à faire la demande.",
            en="For insulation, new windows, a heat pump or a new roof you get a premium from the Flemish "
            "government: Mijn VerbouwPremie. The city of Mechelen adds a premium for roof insulation. The Energy "
            "House helps you apply.",
        ),
        audience=Text(
            nl="Eigenaars en huurders die werken laten uitvoeren aan een woning in Mechelen. Hoe lager je inkomen, "
            "hoe hoger de premie.",
            fr="Les propriétaires et locataires qui font faire des travaux dans un logement à Malines. Plus vos "
            "revenus sont bas, plus la prime est élevée.",
            en="Owners and tenants who have work done on a home in Mechelen. The lower your income, the higher "
            "the premium.",
        ),
        procedure=steps(
            nl=[
                "Laat de werken uitvoeren door een aannemer.",
                "Vraag de premie aan binnen 2 jaar na de eindfactuur, via de website Mijn VerbouwPremie.",
                "Vraag de stadspremie voor dakisolatie aan via het e-loket.",
                "Hulp nodig? Kom langs bij het Energiehuis.",
            ],
            fr=[
                "Faites faire les travaux par un entrepreneur.",
                "Demandez la prime dans les 2 ans après la facture finale, via le site Mijn VerbouwPremie.",
                "Demandez la prime de la ville pour l'isolation du toit via le guichet électronique.",
                "Besoin d'aide ? Passez à la Maison de l'énergie.",
            ],
            en=[
                "Have the work done by a contractor.",
                "Apply for the premium within 2 years after the final invoice, on the Mijn VerbouwPremie website.",
                "Apply for the city premium for roof insulation at the e-counter.",
                "Need help? Come to the Energy House.",
            ],
        ),
        documents=lines(
            nl=["De eindfactuur van de aannemer", "Foto's van de werken", "Je rekeningnummer"],
            fr=["La facture finale de l'entrepreneur", "Des photos des travaux", "Votre numéro de compte"],
            en=["The contractor's final invoice", "Photos of the work", "Your bank account number"],
        ),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=Text(
            nl="Besluit van de Vlaamse Regering van 18 november 2022 over Mijn VerbouwPremie; subsidiereglement "
            "dakisolatie van de stad Mechelen.",
            fr="Arrêté du Gouvernement flamand du 18 novembre 2022 relatif à Mijn VerbouwPremie ; règlement de "
            "subvention pour l'isolation du toit de la ville de Malines.",
            en="Flemish Government Decree of 18 November 2022 on Mijn VerbouwPremie; City of Mechelen grant "
            "regulation for roof insulation.",
        ),
        processing_time=Text(
            nl="Ongeveer 3 maanden voor Mijn VerbouwPremie; 6 weken voor de stadspremie.",
            fr="Environ 3 mois pour Mijn VerbouwPremie ; 6 semaines pour la prime de la ville.",
            en="About 3 months for Mijn VerbouwPremie; 6 weeks for the city premium.",
        ),
        keywords=Text(
            nl="renovatiepremie, verbouwpremie, Mijn VerbouwPremie, premie isolatie, dakisolatiepremie, "
            "premie warmtepomp, subsidie verbouwen",
            fr="prime rénovation, prime isolation, prime pompe à chaleur, subside travaux, Mijn VerbouwPremie",
            en="renovation premium, renovation grant, insulation grant, heat pump subsidy, Mijn VerbouwPremie",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=30,
        channels=(online("/energiehuis/premies"), appointment(_ENERGY_APPOINTMENT), phone()),
        reviewed_days_ago=45,
    ),
    ServiceData(
        slug="waste-bags",
        organisation="mechelen",
        department="netheid",
        title=Text(
            nl="Afvalzakken kopen",
            fr="Acheter des sacs poubelle",
            en="Buy waste bags",
        ),
        summary=Text(
            nl="Je restafval zet je buiten in de grijze afvalzak van de stad, je plastic verpakkingen, blikjes en "
            "drankkartons in de blauwe PMD-zak. Je koopt ze aan het snelloket of in de supermarkt.",
            fr="Vos déchets résiduels vont dans le sac gris de la ville, vos emballages plastiques, canettes et "
            "cartons à boissons dans le sac bleu PMC. Vous les achetez au guichet rapide ou au supermarché.",
            en="Your general waste goes out in the city's grey bag, and your plastic packaging, cans and drink "
            "cartons in the blue PMD bag. You buy them at the quick counter or in the supermarket.",
        ),
        audience=Text(
            nl="Alle inwoners van Mechelen.",
            fr="Tous les habitants de Malines.",
            en="All Mechelen residents.",
        ),
        procedure=steps(
            nl=[
                "Kom zonder afspraak naar het snelloket.",
                "Zeg welke zakken je wilt en hoeveel rollen.",
                "Betaal met de bankkaart.",
            ],
            fr=[
                "Venez sans rendez-vous au guichet rapide.",
                "Dites quels sacs vous voulez et combien de rouleaux.",
                "Payez par carte bancaire.",
            ],
            en=[
                "Come to the quick counter without an appointment.",
                "Say which bags you want and how many rolls.",
                "Pay by bank card.",
            ],
        ),
        documents=lines(nl=["Niets"], fr=["Rien"], en=["Nothing"]),
        cost=Text(
            nl="Grijze zakken: 15 euro voor een rol van 10 grote zakken (60 liter), 7,50 euro voor een rol van "
            "10 kleine zakken (30 liter). Blauwe PMD-zakken: 3 euro voor een rol van 20.",
            fr="Sacs gris : 15 euros le rouleau de 10 grands sacs (60 litres), 7,50 euros le rouleau de 10 petits "
            "sacs (30 litres). Sacs bleus PMC : 3 euros le rouleau de 20.",
            en="Grey bags: 15 euros for a roll of 10 large bags (60 litres), 7.50 euros for a roll of 10 small "
            "bags (30 litres). Blue PMD bags: 3 euros for a roll of 20.",
        ),
        legal_basis=Text(
            nl="Retributiereglement op het inzamelen van huishoudelijk afval van de stad Mechelen; VLAREMA.",
            fr="Règlement-redevance de la ville de Malines sur la collecte des déchets ménagers ; VLAREMA.",
            en="City of Mechelen fees regulation on household waste collection; VLAREMA.",
        ),
        processing_time=Text(nl="Meteen.", fr="Immédiatement.", en="Straight away."),
        keywords=Text(
            nl="afvalzakken, vuilniszakken, huisvuilzakken, restafval, PMD-zakken, blauwe zak, grijze zak, vuilzak",
            fr="sacs poubelle, sacs à déchets, déchets résiduels, sacs PMC, sac bleu, sac gris",
            en="waste bags, rubbish bags, bin bags, garbage bags, PMD bags, blue bag, grey bag, trash",
        ),
        cost_amount=Decimal("15.00"),
        duration_minutes=2,
        channels=(quick_counter(),),
        reviewed_days_ago=160,
    ),
    ServiceData(
        slug="bulky-waste-pickup",
        organisation="mechelen",
        department="netheid",
        title=Text(
            nl="Grofvuil laten ophalen aan huis",
            fr="Faire enlever des encombrants à domicile",
            en="Have bulky waste collected from your home",
        ),
        summary=Text(
            nl="Heb je grote spullen die niet in een afvalzak passen, zoals een zetel, een matras of een kast? "
            "Laat ze ophalen aan huis, of breng ze zelf naar het recyclagepark.",
            fr="Vous avez de gros objets qui ne rentrent pas dans un sac, comme un fauteuil, un matelas ou une "
            "armoire ? Faites-les enlever à domicile, ou apportez-les vous-même au parc à conteneurs.",
            en="Do you have large items that don't fit in a bag, such as a sofa, a mattress or a wardrobe? Have "
            "them collected from your home, or take them to the recycling park yourself.",
        ),
        audience=Text(
            nl="Alle inwoners van Mechelen.",
            fr="Tous les habitants de Malines.",
            en="All Mechelen residents.",
        ),
        procedure=steps(
            nl=[
                "Maak online of telefonisch een afspraak voor de ophaling.",
                "Zeg welke spullen je wilt laten ophalen (maximaal 3 kubieke meter).",
                "Zet ze op de afgesproken dag voor 7 uur buiten.",
            ],
            fr=[
                "Prenez rendez-vous en ligne ou par téléphone pour l'enlèvement.",
                "Dites quels objets doivent être enlevés (3 mètres cubes au maximum).",
                "Sortez-les le jour prévu avant 7 heures.",
            ],
            en=[
                "Book the collection online or by phone.",
                "Say which items you want collected (at most 3 cubic metres).",
                "Put them outside before 7 am on the agreed day.",
            ],
        ),
        documents=lines(nl=["Niets"], fr=["Rien"], en=["Nothing"]),
        cost=Text(
            nl="25 euro per ophaling tot 3 kubieke meter. Je betaalt online of via overschrijving.",
            fr="25 euros par enlèvement jusqu'à 3 mètres cubes. Vous payez en ligne ou par virement.",
            en="25 euros per collection up to 3 cubic metres. You pay online or by bank transfer.",
        ),
        legal_basis=Text(
            nl="Retributiereglement op het inzamelen van huishoudelijk afval van de stad Mechelen.",
            fr="Règlement-redevance de la ville de Malines sur la collecte des déchets ménagers.",
            en="City of Mechelen fees regulation on household waste collection.",
        ),
        processing_time=Text(
            nl="Een ophaling binnen 2 weken.",
            fr="Un enlèvement dans les 2 semaines.",
            en="A collection within 2 weeks.",
        ),
        keywords=Text(
            nl="grofvuil, grof huisvuil, ophaling, zetel weg, matras, meubels, recyclagepark, containerpark",
            fr="encombrants, enlèvement, se débarrasser d'un canapé, matelas, meubles, parc à conteneurs",
            en="bulky waste, large items, furniture collection, sofa, mattress, recycling park, tip",
        ),
        cost_amount=Decimal("25.00"),
        duration_minutes=5,
        channels=(online("/e-loket/grofvuil"), phone()),
        reviewed_days_ago=375,
    ),
    ServiceData(
        slug="report-street-problem",
        organisation="mechelen",
        department="meldingen",
        title=Text(
            nl="Een probleem op straat melden",
            fr="Signaler un problème en rue",
            en="Report a problem in the street",
        ),
        summary=Text(
            nl="Zie je een kapotte straatlamp, een put in de weg, sluikstort of graffiti? Meld het aan de stad. "
            "We sturen je melding naar de juiste dienst en laten je weten wanneer het opgelost is.",
            fr="Vous voyez un lampadaire cassé, un trou dans la route, un dépôt clandestin ou des graffitis ? "
            "Signalez-le à la ville. Nous transmettons votre signalement au bon service et vous disons quand "
            "c'est réglé.",
            en="Do you see a broken street light, a pothole, fly-tipping or graffiti? Report it to the city. We "
            "send your report to the right team and tell you when it is fixed.",
        ),
        audience=Text(
            nl="Iedereen die in Mechelen woont, werkt of op bezoek is.",
            fr="Toute personne qui habite, travaille ou passe à Malines.",
            en="Anyone who lives in, works in or visits Mechelen.",
        ),
        procedure=steps(
            nl=[
                "Meld het probleem online, met een foto en de plaats op de kaart, of bel ons.",
                "Je krijgt een bevestiging met een nummer.",
                "De dienst plant de herstelling. Je krijgt een bericht als het klaar is.",
            ],
            fr=[
                "Signalez le problème en ligne, avec une photo et le lieu sur la carte, ou appelez-nous.",
                "Vous recevez une confirmation avec un numéro.",
                "Le service planifie la réparation. Vous recevez un message quand c'est fait.",
            ],
            en=[
                "Report the problem online, with a photo and the place on the map, or call us.",
                "You get a confirmation with a number.",
                "The team plans the repair. You get a message when it is done.",
            ],
        ),
        documents=lines(
            nl=["Een foto, als je die kunt maken"],
            fr=["Une photo, si vous pouvez en prendre une"],
            en=["A photo, if you can take one"],
        ),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=Text(
            nl="Decreet lokaal bestuur van 22 december 2017, artikel 2 (taken van de gemeente).",
            fr="Décret flamand sur l'administration locale du 22 décembre 2017, article 2.",
            en="Flemish Local Government Decree of 22 December 2017, article 2.",
        ),
        processing_time=Text(
            nl="Dringende gevaarlijke situaties dezelfde dag; andere meldingen meestal binnen 10 werkdagen.",
            fr="Situations dangereuses le jour même ; les autres signalements en général dans les 10 jours ouvrables.",
            en="Dangerous situations the same day; other reports usually within 10 working days.",
        ),
        keywords=Text(
            nl="melding, melden, klacht, straatlamp kapot, put in de weg, sluikstort, zwerfvuil, graffiti, "
            "kapotte stoep, meldpunt",
            fr="signalement, signaler, plainte, lampadaire cassé, nid-de-poule, dépôt clandestin, graffitis, "
            "trottoir abîmé",
            en="report, complaint, broken street light, pothole, fly-tipping, litter, graffiti, broken pavement",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=5,
        channels=(online("/meldingen"), phone()),
        reviewed_days_ago=20,
    ),
)

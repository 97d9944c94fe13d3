"""Demo services of the partner organisations that hold consultation days in the Sociaal Huis.

Each partner is its own organisation (the competent authority of its service); the citizen meets
it in the Social House on its "zitdag". Phone numbers are the partners' own.
"""

from __future__ import annotations

from decimal import Decimal

from loket.demo.channels import online, phone
from loket.demo.organisations import HUURDERSBOND, HZIV, PENSIOENDIENST, WOONMAATSCHAPPIJ
from loket.demo.schema import ChannelData, ServiceData, Text, lines, steps


def _consultation(day: Text) -> ChannelData:
    """An appointment on the partner's consultation day in the Sociaal Huis."""
    return ChannelData(
        kind="appointment",
        instructions=Text(
            nl=f"Kom naar de zitdag in het Sociaal Huis, Lange Schipstraat 27, Mechelen: {day.nl}. "
            "Maak vooraf een afspraak via 0800 20 800 of aan het onthaal.",
            fr=f"Venez à la permanence à la Maison sociale, Lange Schipstraat 27, Malines : {day.fr}. "
            "Prenez rendez-vous à l'avance au 0800 20 800 ou à l'accueil.",
            en=f"Come to the consultation day at the Social House, Lange Schipstraat 27, Mechelen: {day.en}. "
            "Book an appointment beforehand on 0800 20 800 or at reception.",
        ),
    )


SERVICES: tuple[ServiceData, ...] = (
    ServiceData(
        slug="social-rental-housing-registration",
        organisation=WOONMAATSCHAPPIJ.slug,
        department="verhuur",
        title=Text(
            nl="Inschrijven voor een sociale huurwoning",
            fr="S'inscrire pour un logement social",
            en="Register for social rented housing",
        ),
        summary=Text(
            nl="Een sociale huurwoning is een goede woning met een huurprijs die past bij je inkomen. Je schrijft "
            "je in bij de Woonmaatschappij Mechelen. Omdat er veel kandidaten zijn, kom je eerst op een wachtlijst.",
            fr="Un logement social est un logement de qualité avec un loyer adapté à vos revenus. Vous vous "
            "inscrivez auprès de la société de logement de Malines. Comme il y a beaucoup de candidats, vous êtes "
            "d'abord sur une liste d'attente.",
            en="Social rented housing is a good home with a rent that fits your income. You register with the "
            "Mechelen Social Housing Company. Because there are many applicants, you first go on a waiting list.",
        ),
        audience=Text(
            nl="Meerderjarigen met een inkomen onder de grens (in 2026 ongeveer 30.000 euro per jaar voor een "
            "alleenstaande), die geen woning bezitten.",
            fr="Les personnes majeures dont les revenus sont sous le plafond (en 2026 environ 30 000 euros par an "
            "pour une personne isolée), qui ne possèdent pas de logement.",
            en="Adults with an income below the limit (in 2026 about 30,000 euros a year for a single person), "
            "who do not own a home.",
        ),
        procedure=steps(
            nl=[
                "Schrijf je in online, of kom naar de zitdag in het Sociaal Huis.",
                "Je krijgt een inschrijvingsnummer en je plaats op de wachtlijst.",
                "Bevestig elk jaar dat je nog interesse hebt, anders word je geschrapt.",
                "Is er een woning voor jou? Dan krijg je een brief en mag je ze bezoeken.",
            ],
            fr=[
                "Inscrivez-vous en ligne, ou venez à la permanence à la Maison sociale.",
                "Vous recevez un numéro d'inscription et votre place sur la liste d'attente.",
                "Confirmez chaque année que vous êtes toujours intéressé, sinon vous êtes radié.",
                "Un logement est disponible pour vous ? Vous recevez une lettre et pouvez le visiter.",
            ],
            en=[
                "Register online, or come to the consultation day at the Social House.",
                "You get a registration number and your place on the waiting list.",
                "Confirm every year that you are still interested, or you are taken off the list.",
                "Is there a home for you? You get a letter and can visit it.",
            ],
        ),
        documents=lines(
            nl=[
                "De identiteitskaart van alle volwassenen in het gezin",
                "Je aanslagbiljet van de personenbelasting van 3 jaar geleden",
                "Bewijzen van je huidige inkomen",
            ],
            fr=[
                "La carte d'identité de tous les adultes du ménage",
                "Votre avertissement-extrait de rôle d'il y a 3 ans",
                "Les preuves de vos revenus actuels",
            ],
            en=[
                "The identity cards of all adults in the household",
                "Your income tax assessment from 3 years ago",
                "Proof of your current income",
            ],
        ),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=Text(
            nl="Vlaamse Codex Wonen van 2021, boek 6 (sociale huur); besluit Vlaamse Codex Wonen.",
            fr="Code flamand du logement de 2021, livre 6 (location sociale) ; arrêté d'exécution.",
            en="Flemish Housing Code 2021, book 6 (social renting); implementing decree.",
        ),
        processing_time=Text(
            nl="Je inschrijving is meteen in orde. De wachttijd voor een woning is vaak enkele jaren.",
            fr="L'inscription est faite tout de suite. L'attente pour un logement est souvent de plusieurs années.",
            en="Registration is done straight away. The wait for a home is often several years.",
        ),
        keywords=Text(
            nl="sociale woning, sociale huurwoning, woonmaatschappij, wachtlijst, goedkope woning, huren, "
            "sociaal verhuurkantoor",
            fr="logement social, habitation sociale, société de logement, liste d'attente, loyer bas, louer",
            en="social housing, council housing, social rented home, waiting list, affordable rent, housing company",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=30,
        channels=(
            _consultation(
                Text(
                    nl="elke dinsdag van 9 tot 12 uur en van 13.30 tot 16 uur",
                    fr="chaque mardi de 9 à 12 heures et de 13 h 30 à 16 heures",
                    en="every Tuesday from 9 am to 12 noon and 1.30 to 4 pm",
                )
            ),
            online(
                "/inschrijven",
                Text(
                    nl="Schrijf je online in. Je meldt je aan met itsme of je eID.",
                    fr="Inscrivez-vous en ligne. Connectez-vous avec itsme ou votre eID.",
                    en="Register online. Log in with itsme or your eID.",
                ),
                site=WOONMAATSCHAPPIJ.website,
            ),
            phone(
                Text(
                    nl=f"Bel {WOONMAATSCHAPPIJ.phone} op werkdagen van 9 tot 12 uur.",
                    fr=f"Appelez le {WOONMAATSCHAPPIJ.phone} les jours ouvrables de 9 à 12 heures.",
                    en=f"Call {WOONMAATSCHAPPIJ.phone} on working days from 9 am to 12 noon.",
                ),
                number=WOONMAATSCHAPPIJ.phone,
            ),
        ),
        reviewed_days_ago=90,
    ),
    ServiceData(
        slug="tenant-advice",
        organisation=HUURDERSBOND.slug,
        department="advies",
        title=Text(
            nl="Advies voor huurders",
            fr="Conseils pour les locataires",
            en="Advice for tenants",
        ),
        summary=Text(
            nl="Heb je een probleem met je verhuurder? Over herstellingen, de huurwaarborg, een opzeg of de "
            "huurprijs? De Huurdersbond legt je rechten uit en helpt je een brief te schrijven.",
            fr="Vous avez un problème avec votre propriétaire ? Pour des réparations, la garantie locative, un "
            "préavis ou le loyer ? Le syndicat des locataires explique vos droits et vous aide à écrire une lettre.",
            en="Having a problem with your landlord? About repairs, the deposit, a notice to leave or the rent? "
            "The Tenants' Union explains your rights and helps you write a letter.",
        ),
        audience=Text(
            nl="Huurders in Mechelen en omgeving.",
            fr="Les locataires à Malines et dans les environs.",
            en="Tenants in and around Mechelen.",
        ),
        procedure=steps(
            nl=[
                "Kom naar de zitdag of bel de Huurdersbond.",
                "Word lid: dan krijg je ook hulp bij een conflict.",
                "Een adviseur bekijkt je huurcontract en je brieven.",
            ],
            fr=[
                "Venez à la permanence ou appelez le syndicat des locataires.",
                "Devenez membre : vous recevez alors aussi de l'aide en cas de conflit.",
                "Un conseiller examine votre bail et vos lettres.",
            ],
            en=[
                "Come to the consultation day or call the Tenants' Union.",
                "Become a member: then you also get help in a dispute.",
                "An adviser looks at your rental contract and letters.",
            ],
        ),
        documents=lines(
            nl=["Je huurcontract", "De plaatsbeschrijving", "Brieven van of aan je verhuurder"],
            fr=["Votre bail", "L'état des lieux", "Les lettres de ou à votre propriétaire"],
            en=["Your rental contract", "The inventory of the property", "Letters from or to your landlord"],
        ),
        cost=Text(
            nl="Een eerste advies is gratis. Lidmaatschap: 30 euro per jaar.",
            fr="Un premier conseil est gratuit. Affiliation : 30 euros par an.",
            en="First advice is free. Membership: 30 euros a year.",
        ),
        legal_basis=Text(
            nl="Vlaams Woninghuurdecreet van 9 november 2018.",
            fr="Décret flamand sur la location de logements du 9 novembre 2018.",
            en="Flemish Housing Rental Decree of 9 November 2018.",
        ),
        processing_time=Text(
            nl="Meteen, op de zitdag.", fr="Immédiatement, à la permanence.", en="Straight away, at the consultation."
        ),
        keywords=Text(
            nl="huurdersbond, huurder, verhuurder, huurconflict, herstellingen, huurwaarborg, opzeg, huurprijs, "
            "vochtige woning",
            fr="syndicat des locataires, locataire, propriétaire, conflit locatif, réparations, garantie, préavis, "
            "humidité",
            en="tenants' union, tenant, landlord, rental dispute, repairs, deposit, notice, rent increase, damp",
        ),
        cost_amount=Decimal("30.00"),
        duration_minutes=30,
        channels=(
            _consultation(
                Text(
                    nl="elke woensdag van 13.30 tot 16.30 uur",
                    fr="chaque mercredi de 13 h 30 à 16 h 30",
                    en="every Wednesday from 1.30 to 4.30 pm",
                )
            ),
            phone(
                Text(
                    nl=f"Bel {HUURDERSBOND.phone} op maandag, dinsdag of donderdag van 9 tot 12 uur.",
                    fr=f"Appelez le {HUURDERSBOND.phone} le lundi, mardi ou jeudi de 9 à 12 heures.",
                    en=f"Call {HUURDERSBOND.phone} on Monday, Tuesday or Thursday from 9 am to 12 noon.",
                ),
                number=HUURDERSBOND.phone,
            ),
        ),
        reviewed_days_ago=430,
    ),
    ServiceData(
        slug="health-insurance-membership",
        organisation=HZIV.slug,
        department="leden",
        title=Text(
            nl="Aansluiten bij een ziekenfonds (HZIV)",
            fr="S'affilier à une mutualité (CAAMI)",
            en="Join a health insurer (HZIV)",
        ),
        summary=Text(
            nl="In België moet je aangesloten zijn bij een ziekenfonds. Dan betaalt het een deel van je dokter, "
            "ziekenhuis en medicijnen terug, en krijg je een uitkering als je ziek bent. De HZIV is het openbare "
            "ziekenfonds: je betaalt er geen bijdrage.",
            fr="En Belgique, vous devez être affilié à une mutualité. Elle rembourse une partie du médecin, de "
            "l'hôpital et des médicaments, et vous verse une indemnité si vous êtes malade. La CAAMI est la caisse "
            "publique : vous ne payez pas de cotisation.",
            en="In Belgium you must be a member of a health insurer. It pays back part of your doctor, hospital "
            "and medicine costs, and pays you a benefit when you are ill. HZIV is the public health insurer: you "
            "pay no membership fee.",
        ),
        audience=Text(
            nl="Iedereen die in België woont of werkt en nog niet aangesloten is, bijvoorbeeld nieuwkomers.",
            fr="Toute personne qui habite ou travaille en Belgique et n'est pas encore affiliée, par exemple les "
            "nouveaux arrivants.",
            en="Anyone who lives or works in Belgium and is not yet a member, for example newcomers.",
        ),
        procedure=steps(
            nl=[
                "Kom naar de zitdag in het Sociaal Huis of bel de HZIV.",
                "Vul het aansluitingsformulier in.",
                "Je krijgt je klevers en je bent verzekerd.",
            ],
            fr=[
                "Venez à la permanence à la Maison sociale ou appelez la CAAMI.",
                "Remplissez le formulaire d'affiliation.",
                "Vous recevez vos vignettes et vous êtes assuré.",
            ],
            en=[
                "Come to the consultation day at the Social House or call HZIV.",
                "Fill in the membership form.",
                "You get your stickers and you are insured.",
            ],
        ),
        documents=lines(
            nl=["Je identiteitskaart of verblijfskaart", "Een attest van je werkgever, uitkering of school"],
            fr=["Votre carte d'identité ou de séjour", "Une attestation de votre employeur, allocation ou école"],
            en=["Your identity card or residence card", "A certificate from your employer, benefit office or school"],
        ),
        cost=Text(
            nl="Gratis: de HZIV vraagt geen ledenbijdrage.",
            fr="Gratuit : la CAAMI ne demande pas de cotisation.",
            en="Free: HZIV charges no membership fee.",
        ),
        legal_basis=Text(
            nl="Wet van 14 juli 1994 betreffende de verplichte verzekering voor geneeskundige verzorging en "
            "uitkeringen.",
            fr="Loi du 14 juillet 1994 relative à l'assurance obligatoire soins de santé et indemnités.",
            en="Act of 14 July 1994 on compulsory health care and benefits insurance.",
        ),
        processing_time=Text(nl="Meteen.", fr="Immédiatement.", en="Straight away."),
        keywords=Text(
            nl="ziekenfonds, mutualiteit, ziekteverzekering, HZIV, aansluiten, dokter terugbetaling, klevers",
            fr="mutualité, mutuelle, assurance maladie, CAAMI, s'affilier, remboursement médecin, vignettes",
            en="health insurance, health insurer, mutual, HZIV, sign up, doctor refund, medical insurance",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=20,
        channels=(
            _consultation(
                Text(
                    nl="elke donderdag van 9 tot 12 uur",
                    fr="chaque jeudi de 9 à 12 heures",
                    en="every Thursday from 9 am to 12 noon",
                )
            ),
            phone(
                Text(
                    nl=f"Bel {HZIV.phone} op werkdagen van 8.30 tot 16 uur.",
                    fr=f"Appelez le {HZIV.phone} les jours ouvrables de 8 h 30 à 16 heures.",
                    en=f"Call {HZIV.phone} on working days from 8.30 am to 4 pm.",
                ),
                number=HZIV.phone,
            ),
        ),
        reviewed_days_ago=150,
    ),
    ServiceData(
        slug="pension-consultation",
        organisation=PENSIOENDIENST.slug,
        department="pensioenpunt",
        title=Text(
            nl="Vragen over je pensioen (Pensioenpunt)",
            fr="Questions sur votre pension (Point Pension)",
            en="Questions about your pension (Pension Point)",
        ),
        summary=Text(
            nl="Wanneer mag je met pensioen? Hoeveel krijg je? Hoe vraag je het aan? Op het Pensioenpunt in het "
            "Sociaal Huis beantwoordt een medewerker van de Federale Pensioendienst je vragen.",
            fr="Quand pouvez-vous prendre votre pension ? Combien recevrez-vous ? Comment la demander ? Au Point "
            "Pension de la Maison sociale, un collaborateur du Service fédéral des Pensions répond à vos questions.",
            en="When can you retire? How much will you get? How do you apply? At the Pension Point in the Social "
            "House, someone from the Federal Pensions Service answers your questions.",
        ),
        audience=Text(
            nl="Werknemers, zelfstandigen en ambtenaren die hun pensioen voorbereiden, en gepensioneerden.",
            fr="Les salariés, indépendants et fonctionnaires qui préparent leur pension, et les pensionnés.",
            en="Employees, self-employed people and civil servants preparing for retirement, and pensioners.",
        ),
        procedure=steps(
            nl=[
                "Kijk eerst op mypension.be: daar zie je je pensioendatum en een schatting van je bedrag.",
                "Heb je nog vragen? Kom naar het Pensioenpunt of bel 1765.",
                "Vraag je pensioen aan ten vroegste een jaar voor je pensioendatum.",
            ],
            fr=[
                "Regardez d'abord sur mypension.be : vous y voyez votre date de pension et une estimation du montant.",
                "Vous avez encore des questions ? Venez au Point Pension ou appelez le 1765.",
                "Demandez votre pension au plus tôt un an avant la date.",
            ],
            en=[
                "First look at mypension.be: it shows your retirement date and an estimate of the amount.",
                "Still have questions? Come to the Pension Point or call 1765.",
                "Apply for your pension at the earliest one year before your retirement date.",
            ],
        ),
        documents=lines(
            nl=["Je identiteitskaart", "Brieven van de Pensioendienst, als je ze hebt"],
            fr=["Votre carte d'identité", "Les lettres du Service des Pensions, si vous en avez"],
            en=["Your identity card", "Letters from the Pensions Service, if you have any"],
        ),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=Text(
            nl="Koninklijk besluit nr. 50 van 24 oktober 1967 betreffende het rust- en overlevingspensioen voor "
            "werknemers.",
            fr="Arrêté royal n° 50 du 24 octobre 1967 relatif à la pension de retraite et de survie des travailleurs "
            "salariés.",
            en="Royal Decree No. 50 of 24 October 1967 on retirement and survivor's pensions for employees.",
        ),
        processing_time=Text(
            nl="Meteen, op de zitdag.", fr="Immédiatement, à la permanence.", en="Straight away, at the consultation."
        ),
        keywords=Text(
            nl="pensioen, pensioendatum, met pensioen gaan, pensioenbedrag, mypension, rustpensioen, "
            "overlevingspensioen, IGO",
            fr="pension, date de pension, prendre sa pension, montant de la pension, mypension, pension de survie, "
            "GRAPA",
            en="pension, retirement, retire, retirement date, pension amount, mypension, survivor's pension",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=20,
        channels=(
            _consultation(
                Text(
                    nl="elke tweede maandag van de maand, van 9 tot 12 uur",
                    fr="chaque deuxième lundi du mois, de 9 à 12 heures",
                    en="every second Monday of the month, 9 am to 12 noon",
                )
            ),
            phone(
                Text(
                    nl="Bel gratis 1765 (vanuit het buitenland +32 78 15 1765), op werkdagen van 9 tot 12 uur.",
                    fr="Appelez gratuitement le 1765 (de l'étranger +32 78 15 1765), les jours ouvrables de 9 à 12 "
                    "heures.",
                    en="Call 1765 for free (from abroad +32 78 15 1765), on working days from 9 am to 12 noon.",
                ),
                number=PENSIOENDIENST.phone,
            ),
            online(
                "/",
                Text(
                    nl="Bekijk je pensioendossier en vraag je pensioen aan op mypension.be.",
                    fr="Consultez votre dossier de pension et demandez votre pension sur mypension.be.",
                    en="Check your pension file and apply for your pension on mypension.be.",
                ),
                site="https://www.mypension.be",
            ),
        ),
        reviewed_days_ago=75,
    ),
)

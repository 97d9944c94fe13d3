"""Demo services of OCMW Mechelen, the social house: income, health, debts, care and legal help.

One client, one social worker: most services start with an appointment (or a home visit) at the
Sociaal Huis, and the social service's special committee decides on financial help.
"""

from __future__ import annotations

from decimal import Decimal

from loket.demo.channels import ocmw_appointment, ocmw_home_visit, ocmw_online, phone
from loket.demo.schema import ServiceData, Text, lines, steps

_OCMW_LAW = Text(
    nl="Organieke wet van 8 juli 1976 betreffende de openbare centra voor maatschappelijk welzijn.",
    fr="Loi organique du 8 juillet 1976 des centres publics d'action sociale.",
    en="Organic Act of 8 July 1976 on public social welfare centres.",
)

_INCOME_PROOF = lines(
    nl=[
        "Je identiteitskaart",
        "Je bankafschriften van de laatste 3 maanden",
        "Bewijzen van je inkomen (loon, uitkering, pensioen)",
        "Je huurcontract en je laatste energiefactuur",
    ],
    fr=[
        "Votre carte d'identité",
        "Vos extraits de compte des 3 derniers mois",
        "Les preuves de vos revenus (salaire, allocation, pension)",
        "Votre bail et votre dernière facture d'énergie",
    ],
    en=[
        "Your identity card",
        "Your bank statements for the last 3 months",
        "Proof of your income (wages, benefits, pension)",
        "Your rental contract and your last energy bill",
    ],
)

SERVICES: tuple[ServiceData, ...] = (
    ServiceData(
        slug="social-integration-income",
        organisation="ocmw-mechelen",
        department="sociale-dienst",
        title=Text(
            nl="Leefloon aanvragen",
            fr="Demander le revenu d'intégration",
            en="Apply for the social integration income (leefloon)",
        ),
        summary=Text(
            nl="Heb je geen inkomen of te weinig om van te leven, en kun je geen andere uitkering krijgen? Dan kun "
            "je een leefloon aanvragen bij het OCMW. Een maatschappelijk werker bekijkt samen met jou je situatie "
            "en helpt je ook om werk of een opleiding te vinden.",
            fr="Vous n'avez pas de revenus, ou trop peu pour vivre, et vous ne pouvez pas recevoir d'autre "
            "allocation ? Vous pouvez demander le revenu d'intégration au CPAS. Un assistant social examine votre "
            "situation avec vous et vous aide aussi à trouver un travail ou une formation.",
            en="Do you have no income, or too little to live on, and can't get any other benefit? Then you can "
            "apply to the OCMW for the social integration income. A social worker looks at your situation with "
            "you and also helps you find work or training.",
        ),
        audience=Text(
            nl="Mensen vanaf 18 jaar die in Mechelen wonen, met te weinig inkomen, die bereid zijn te werken als "
            "hun gezondheid dat toelaat, en die eerst hun rechten op andere uitkeringen laten gelden.",
            fr="Les personnes de 18 ans ou plus qui habitent à Malines, avec trop peu de revenus, prêtes à "
            "travailler si leur santé le permet, et qui font d'abord valoir leurs droits aux autres allocations.",
            en="People aged 18 or over who live in Mechelen, with too little income, who are willing to work if "
            "their health allows, and who first claim any other benefits they are entitled to.",
        ),
        procedure=steps(
            nl=[
                "Maak een afspraak in het Sociaal Huis of vraag een huisbezoek.",
                "Een maatschappelijk werker onderzoekt je situatie en komt bij je thuis langs.",
                "Het Bijzonder Comité voor de Sociale Dienst beslist binnen 30 dagen.",
                "Je krijgt de beslissing per brief. Het leefloon wordt elke maand op je rekening gestort.",
            ],
            fr=[
                "Prenez rendez-vous à la Maison sociale ou demandez une visite à domicile.",
                "Un assistant social examine votre situation et passe chez vous.",
                "Le Comité spécial du service social décide dans les 30 jours.",
                "Vous recevez la décision par lettre. Le revenu d'intégration est versé chaque mois sur votre compte.",
            ],
            en=[
                "Book an appointment at the Social House or ask for a home visit.",
                "A social worker looks into your situation and visits you at home.",
                "The Special Committee for the Social Service decides within 30 days.",
                "You get the decision by letter. The income is paid into your account every month.",
            ],
        ),
        documents=_INCOME_PROOF,
        cost=Text(
            nl="Gratis. In 2026 bedraagt het leefloon ongeveer 1.330 euro per maand voor een alleenstaande.",
            fr="Gratuit. En 2026, le revenu d'intégration est d'environ 1 330 euros par mois pour une personne isolée.",
            en="Free. In 2026 the income is about 1,330 euros a month for a single person.",
        ),
        legal_basis=Text(
            nl="Wet van 26 mei 2002 betreffende het recht op maatschappelijke integratie.",
            fr="Loi du 26 mai 2002 concernant le droit à l'intégration sociale.",
            en="Act of 26 May 2002 on the right to social integration.",
        ),
        processing_time=Text(
            nl="Een beslissing binnen 30 dagen na je aanvraag.",
            fr="Une décision dans les 30 jours après votre demande.",
            en="A decision within 30 days after you apply.",
        ),
        keywords=Text(
            nl="leefloon, OCMW, bestaansminimum, geen inkomen, uitkering, financiële hulp, steun, geld tekort, "
            "sociale dienst",
            fr="revenu d'intégration, CPAS, minimex, pas de revenus, allocation, aide financière, pas assez d'argent",
            en="social integration income, leefloon, welfare, benefit, no income, minimum income, financial help, "
            "money trouble",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=60,
        channels=(ocmw_appointment(), ocmw_home_visit(), phone()),
        reviewed_days_ago=25,
    ),
    ServiceData(
        slug="medical-card",
        organisation="ocmw-mechelen",
        department="sociale-dienst",
        title=Text(
            nl="Medische kaart: hulp bij dokters- en apothekerskosten",
            fr="Carte médicale : aide pour les frais de médecin et de pharmacie",
            en="Medical card: help with doctor and pharmacy costs",
        ),
        summary=Text(
            nl="Kun je de dokter of je medicijnen niet betalen? Met een medische kaart van het OCMW ga je naar een "
            "vaste huisarts en apotheker. Het OCMW betaalt een groot deel van de kosten.",
            fr="Vous ne pouvez pas payer le médecin ou vos médicaments ? Avec une carte médicale du CPAS, vous allez "
            "chez un médecin et un pharmacien fixes. Le CPAS paie une grande partie des frais.",
            en="Can't afford the doctor or your medicines? With a medical card from the OCMW you go to a regular "
            "GP and pharmacist. The OCMW pays most of the costs.",
        ),
        audience=Text(
            nl="Inwoners van Mechelen met een laag inkomen, ook mensen zonder ziekteverzekering.",
            fr="Les habitants de Malines à faibles revenus, y compris les personnes sans assurance maladie.",
            en="Mechelen residents with a low income, including people without health insurance.",
        ),
        procedure=steps(
            nl=[
                "Maak een afspraak met een maatschappelijk werker.",
                "We bekijken je inkomen en je medische kosten.",
                "Het Bijzonder Comité beslist. Je krijgt een kaart voor 3 tot 12 maanden.",
            ],
            fr=[
                "Prenez rendez-vous avec un assistant social.",
                "Nous examinons vos revenus et vos frais médicaux.",
                "Le Comité spécial décide. Vous recevez une carte pour 3 à 12 mois.",
            ],
            en=[
                "Book an appointment with a social worker.",
                "We look at your income and your medical costs.",
                "The Special Committee decides. You get a card for 3 to 12 months.",
            ],
        ),
        documents=_INCOME_PROOF,
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=_OCMW_LAW,
        processing_time=Text(nl="Binnen 30 dagen.", fr="Dans les 30 jours.", en="Within 30 days."),
        keywords=Text(
            nl="medische kaart, dokter betalen, apotheek, medicijnen, ziektekosten, huisarts, geen ziekenfonds",
            fr="carte médicale, payer le médecin, pharmacie, médicaments, frais médicaux, pas de mutuelle",
            en="medical card, pay the doctor, pharmacy, medicines, medical costs, GP, no health insurance",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=45,
        channels=(ocmw_appointment(), phone()),
        reviewed_days_ago=135,
    ),
    ServiceData(
        slug="heating-allowance",
        organisation="ocmw-mechelen",
        department="sociale-dienst",
        title=Text(
            nl="Verwarmingstoelage voor stookolie (Sociaal Verwarmingsfonds)",
            fr="Allocation de chauffage pour le mazout (Fonds social chauffage)",
            en="Heating allowance for heating oil (Social Heating Fund)",
        ),
        summary=Text(
            nl="Verwarm je met stookolie, lampolie of propaan in bulk en heb je een laag inkomen? Dan betaalt het "
            "Sociaal Verwarmingsfonds een deel van je factuur terug. Je vraagt het aan bij het OCMW.",
            fr="Vous vous chauffez au mazout, au pétrole lampant ou au propane en vrac et vous avez de faibles "
            "revenus ? Le Fonds social chauffage rembourse une partie de votre facture. Vous faites la demande au "
            "CPAS.",
            en="Do you heat your home with heating oil, paraffin or bulk propane and have a low income? The "
            "Social Heating Fund pays back part of your bill. You apply to the OCMW.",
        ),
        audience=Text(
            nl="Gezinnen met een verhoogde tegemoetkoming bij het ziekenfonds, met een laag inkomen of in "
            "schuldbemiddeling.",
            fr="Les ménages qui ont l'intervention majorée à la mutualité, de faibles revenus ou qui sont en "
            "médiation de dettes.",
            en="Households with the increased health-insurance allowance, a low income, or in debt mediation.",
        ),
        procedure=steps(
            nl=[
                "Vraag de toelage aan binnen 60 dagen na de levering.",
                "Bel ons of maak een afspraak. Breng je factuur mee.",
                "We kijken je inkomen na via de databanken.",
                "Het geld staat binnen 2 maanden op je rekening.",
            ],
            fr=[
                "Demandez l'allocation dans les 60 jours après la livraison.",
                "Appelez-nous ou prenez rendez-vous. Apportez votre facture.",
                "Nous vérifions vos revenus via les banques de données.",
                "L'argent est sur votre compte dans les 2 mois.",
            ],
            en=[
                "Apply within 60 days after the delivery.",
                "Call us or book an appointment. Bring your invoice.",
                "We check your income through the databases.",
                "The money is in your account within 2 months.",
            ],
        ),
        documents=lines(
            nl=[
                "De leveringsfactuur",
                "Je identiteitskaart",
                "In een appartement: een attest van de eigenaar met het aantal woningen",
            ],
            fr=[
                "La facture de livraison",
                "Votre carte d'identité",
                "En appartement : une attestation du propriétaire avec le nombre de logements",
            ],
            en=[
                "The delivery invoice",
                "Your identity card",
                "In a flat: a certificate from the owner with the number of homes",
            ],
        ),
        cost=Text(
            nl="Gratis. Je krijgt tussen 14 en 20 cent per liter terug, voor maximaal 1.500 liter per jaar.",
            fr="Gratuit. Vous recevez entre 14 et 20 centimes par litre, pour 1 500 litres au maximum par an.",
            en="Free. You get back between 14 and 20 cents per litre, for at most 1,500 litres a year.",
        ),
        legal_basis=Text(
            nl="Programmawet van 22 december 2008, hoofdstuk over het Sociaal Verwarmingsfonds.",
            fr="Loi-programme du 22 décembre 2008, chapitre relatif au Fonds social chauffage.",
            en="Programme Act of 22 December 2008, chapter on the Social Heating Fund.",
        ),
        processing_time=Text(nl="Binnen 2 maanden.", fr="Dans les 2 mois.", en="Within 2 months."),
        keywords=Text(
            nl="verwarmingstoelage, stookoliepremie, stookolie, mazout, verwarmingsfonds, chauffage, propaan",
            fr="allocation de chauffage, mazout, fonds chauffage, prime mazout, pétrole, propane",
            en="heating allowance, heating oil, fuel oil, heating fund, paraffin, propane",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=20,
        channels=(phone(), ocmw_appointment()),
        reviewed_days_ago=300,
    ),
    ServiceData(
        slug="debt-counselling",
        organisation="ocmw-mechelen",
        department="budget-en-schuld",
        title=Text(
            nl="Hulp bij schulden en budget",
            fr="Aide pour les dettes et le budget",
            en="Help with debts and your budget",
        ),
        summary=Text(
            nl="Kom je niet rond, of heb je schulden die je niet meer kunt betalen? Het OCMW helpt je gratis: met "
            "budgetbegeleiding, budgetbeheer of schuldbemiddeling. Hoe vroeger je komt, hoe meer we kunnen doen.",
            fr="Vous n'arrivez pas à joindre les deux bouts, ou vous avez des dettes que vous ne pouvez plus payer ? "
            "Le CPAS vous aide gratuitement : guidance budgétaire, gestion budgétaire ou médiation de dettes. Plus "
            "vous venez tôt, plus nous pouvons faire.",
            en="Can't make ends meet, or do you have debts you can no longer pay? The OCMW helps for free: with "
            "budget coaching, budget management or debt mediation. The sooner you come, the more we can do.",
        ),
        audience=Text(
            nl="Iedereen die in Mechelen woont en geldzorgen heeft, ook als je werkt.",
            fr="Toute personne qui habite à Malines et a des soucis d'argent, même si elle travaille.",
            en="Anyone living in Mechelen with money worries, even if they work.",
        ),
        procedure=steps(
            nl=[
                "Maak een afspraak. Breng al je rekeningen en brieven mee, ook die je nog niet opende.",
                "We maken samen een overzicht van je inkomsten, uitgaven en schulden.",
                "We kiezen samen de juiste hulp en nemen contact op met je schuldeisers.",
            ],
            fr=[
                "Prenez rendez-vous. Apportez toutes vos factures et lettres, même celles que vous n'avez pas "
                "ouvertes.",
                "Nous faisons ensemble un aperçu de vos revenus, dépenses et dettes.",
                "Nous choisissons ensemble l'aide adaptée et contactons vos créanciers.",
            ],
            en=[
                "Book an appointment. Bring all your bills and letters, even the ones you haven't opened.",
                "Together we make an overview of your income, spending and debts.",
                "We choose the right help together and contact your creditors.",
            ],
        ),
        documents=lines(
            nl=[
                "Je identiteitskaart",
                "Je bankafschriften van de laatste 3 maanden",
                "Alle rekeningen, aanmaningen en brieven van deurwaarders",
            ],
            fr=[
                "Votre carte d'identité",
                "Vos extraits de compte des 3 derniers mois",
                "Toutes les factures, rappels et lettres d'huissiers",
            ],
            en=[
                "Your identity card",
                "Your bank statements for the last 3 months",
                "All bills, reminders and letters from bailiffs",
            ],
        ),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=Text(
            nl="Wet van 12 juni 1991 op het consumentenkrediet (schuldbemiddeling); organieke OCMW-wet van 8 juli "
            "1976.",
            fr="Loi du 12 juin 1991 relative au crédit à la consommation (médiation de dettes) ; loi organique des "
            "CPAS du 8 juillet 1976.",
            en="Act of 12 June 1991 on consumer credit (debt mediation); Organic Act of 8 July 1976 on OCMWs.",
        ),
        processing_time=Text(
            nl="Een eerste gesprek binnen 2 weken.",
            fr="Un premier entretien dans les 2 semaines.",
            en="A first meeting within 2 weeks.",
        ),
        keywords=Text(
            nl="schulden, schuldhulp, schuldbemiddeling, budgetbeheer, budgetbegeleiding, deurwaarder, rekeningen "
            "niet betalen, geldzorgen",
            fr="dettes, médiation de dettes, gestion budgétaire, guidance budgétaire, huissier, factures impayées, "
            "soucis d'argent",
            en="debts, debt counselling, debt advice, budget management, bailiff, unpaid bills, money trouble",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=60,
        channels=(ocmw_appointment(), phone(), ocmw_home_visit()),
        reviewed_days_ago=50,
    ),
    ServiceData(
        slug="home-care",
        organisation="ocmw-mechelen",
        department="thuiszorg",
        title=Text(
            nl="Hulp thuis: gezinszorg en poetshulp",
            fr="Aide à domicile : aide familiale et aide ménagère",
            en="Help at home: family care and cleaning help",
        ),
        summary=Text(
            nl="Kun je door ouderdom, ziekte of een handicap niet meer alles zelf doen? Een verzorgende helpt je "
            "met wassen en aankleden, boodschappen en koken. Een poetshulp houdt je huis proper.",
            fr="Vous ne pouvez plus tout faire vous-même à cause de l'âge, d'une maladie ou d'un handicap ? Une "
            "aide familiale vous aide à vous laver et vous habiller, à faire les courses et la cuisine. Une aide "
            "ménagère garde votre maison propre.",
            en="Can't do everything yourself any more because of age, illness or a disability? A care worker "
            "helps you wash and dress, shop and cook. A cleaner keeps your home clean.",
        ),
        audience=Text(
            nl="Ouderen, zieken, mensen met een handicap en gezinnen in moeilijkheden die in Mechelen wonen.",
            fr="Les personnes âgées, malades, handicapées et les familles en difficulté qui habitent à Malines.",
            en="Older people, sick people, people with a disability, and families in difficulty living in Mechelen.",
        ),
        procedure=steps(
            nl=[
                "Bel ons of maak een afspraak.",
                "Een maatschappelijk werker komt bij je thuis en bekijkt welke hulp je nodig hebt.",
                "We spreken samen de dagen en uren af.",
            ],
            fr=[
                "Appelez-nous ou prenez rendez-vous.",
                "Un assistant social vient chez vous et regarde de quelle aide vous avez besoin.",
                "Nous fixons ensemble les jours et les heures.",
            ],
            en=[
                "Call us or book an appointment.",
                "A social worker visits you at home and looks at what help you need.",
                "We agree on the days and times together.",
            ],
        ),
        documents=lines(
            nl=[
                "Je identiteitskaart",
                "Je laatste aanslagbiljet van de personenbelasting",
                "Een attest van je zorgnood of handicap, als je het hebt",
            ],
            fr=[
                "Votre carte d'identité",
                "Votre dernier avertissement-extrait de rôle",
                "Une attestation de votre besoin de soins ou handicap, si vous l'avez",
            ],
            en=[
                "Your identity card",
                "Your latest income tax assessment",
                "A certificate of your care needs or disability, if you have one",
            ],
        ),
        cost=Text(
            nl="Je betaalt per uur, volgens je inkomen: ongeveer 1 tot 16 euro per uur.",
            fr="Vous payez à l'heure, selon vos revenus : environ 1 à 16 euros de l'heure.",
            en="You pay by the hour, according to your income: about 1 to 16 euros an hour.",
        ),
        legal_basis=Text(
            nl="Woonzorgdecreet van 15 februari 2019; Vlaams besluit over de bijdrage van de gebruiker.",
            fr="Décret flamand du 15 février 2019 sur les soins et le logement ; arrêté sur la contribution de "
            "l'utilisateur.",
            en="Flemish Decree of 15 February 2019 on residential care; decree on user contributions.",
        ),
        processing_time=Text(
            nl="Een huisbezoek binnen 1 week; hulp meestal binnen 3 weken.",
            fr="Une visite dans la semaine ; une aide en général dans les 3 semaines.",
            en="A home visit within 1 week; help usually within 3 weeks.",
        ),
        keywords=Text(
            nl="thuiszorg, gezinszorg, poetshulp, hulp thuis, verzorgende, ouderen, wassen, boodschappen",
            fr="aide à domicile, aide familiale, aide ménagère, soins à domicile, personnes âgées, courses",
            en="home care, home help, cleaning help, care worker, older people, help with washing, shopping",
        ),
        cost_amount=None,
        duration_minutes=45,
        channels=(phone(), ocmw_appointment(), ocmw_home_visit()),
        reviewed_days_ago=95,
    ),
    ServiceData(
        slug="meals-at-home",
        organisation="ocmw-mechelen",
        department="thuiszorg",
        title=Text(
            nl="Warme maaltijden aan huis",
            fr="Repas chauds à domicile",
            en="Hot meals delivered at home",
        ),
        summary=Text(
            nl="Kun je zelf niet meer koken? Het OCMW brengt op weekdagen een gezonde warme maaltijd bij je thuis. "
            "Je kiest zelf op welke dagen. Er zijn ook dieetmaaltijden.",
            fr="Vous ne pouvez plus cuisiner vous-même ? Le CPAS vous apporte en semaine un repas chaud et sain à "
            "domicile. Vous choisissez les jours. Il existe aussi des repas de régime.",
            en="Can't cook for yourself any more? On weekdays the OCMW brings a healthy hot meal to your home. "
            "You choose which days. Diet meals are available too.",
        ),
        audience=Text(
            nl="Ouderen, zieken en mensen met een handicap in Mechelen.",
            fr="Les personnes âgées, malades et handicapées à Malines.",
            en="Older people, sick people and people with a disability in Mechelen.",
        ),
        procedure=steps(
            nl=[
                "Bel ons.",
                "We spreken de dagen af en vragen naar je dieet.",
                "De eerste maaltijd komt binnen 3 werkdagen.",
            ],
            fr=[
                "Appelez-nous.",
                "Nous fixons les jours et vous demandons votre régime.",
                "Le premier repas arrive dans les 3 jours ouvrables.",
            ],
            en=[
                "Call us.",
                "We agree on the days and ask about your diet.",
                "The first meal comes within 3 working days.",
            ],
        ),
        documents=lines(
            nl=["Je laatste aanslagbiljet van de personenbelasting (voor de prijs)"],
            fr=["Votre dernier avertissement-extrait de rôle (pour le prix)"],
            en=["Your latest income tax assessment (for the price)"],
        ),
        cost=Text(
            nl="Van 7 tot 10,50 euro per maaltijd, volgens je inkomen.",
            fr="De 7 à 10,50 euros par repas, selon vos revenus.",
            en="From 7 to 10.50 euros per meal, according to your income.",
        ),
        legal_basis=Text(
            nl="Woonzorgdecreet van 15 februari 2019; retributiereglement thuiszorg van het OCMW Mechelen.",
            fr="Décret flamand du 15 février 2019 sur les soins et le logement ; règlement-redevance du CPAS de "
            "Malines.",
            en="Flemish Decree of 15 February 2019 on residential care; OCMW Mechelen home care fees regulation.",
        ),
        processing_time=Text(nl="Binnen 3 werkdagen.", fr="Dans les 3 jours ouvrables.", en="Within 3 working days."),
        keywords=Text(
            nl="maaltijden aan huis, warme maaltijd, eten aan huis, maaltijdbedeling, ouderen, niet meer koken",
            fr="repas à domicile, repas chaud, livraison de repas, personnes âgées, ne plus cuisiner",
            en="meals on wheels, hot meals, meal delivery, food at home, older people, can't cook",
        ),
        cost_amount=None,
        duration_minutes=10,
        channels=(phone(),),
        reviewed_days_ago=170,
    ),
    ServiceData(
        slug="personal-alarm",
        organisation="ocmw-mechelen",
        department="thuiszorg",
        title=Text(
            nl="Personenalarm aan huis",
            fr="Système d'appel d'urgence à domicile",
            en="Personal alarm at home",
        ),
        summary=Text(
            nl="Woon je alleen en ben je bang om te vallen of onwel te worden? Met een personenalarm draag je een "
            "knop om je pols of nek. Druk je erop, dan krijg je meteen iemand aan de lijn die hulp stuurt.",
            fr="Vous vivez seul et avez peur de tomber ou d'avoir un malaise ? Avec un système d'appel, vous portez "
            "un bouton au poignet ou au cou. Si vous appuyez, quelqu'un vous répond tout de suite et envoie de "
            "l'aide.",
            en="Do you live alone and worry about falling or feeling unwell? With a personal alarm you wear a "
            "button on your wrist or around your neck. Press it and you are straight away connected to someone "
            "who sends help.",
        ),
        audience=Text(
            nl="Ouderen en mensen met een ziekte of handicap die alleen wonen in Mechelen.",
            fr="Les personnes âgées, malades ou handicapées qui vivent seules à Malines.",
            en="Older people and people with an illness or disability who live alone in Mechelen.",
        ),
        procedure=steps(
            nl=[
                "Bel ons.",
                "Een technicus plaatst het toestel bij je thuis en legt uit hoe het werkt.",
                "Geef de namen op van 2 of 3 mensen die we kunnen bellen.",
            ],
            fr=[
                "Appelez-nous.",
                "Un technicien installe l'appareil chez vous et explique comment il fonctionne.",
                "Donnez le nom de 2 ou 3 personnes que nous pouvons appeler.",
            ],
            en=[
                "Call us.",
                "A technician installs the device at your home and explains how it works.",
                "Give the names of 2 or 3 people we can call.",
            ],
        ),
        documents=lines(
            nl=["De namen en telefoonnummers van 2 of 3 contactpersonen"],
            fr=["Les noms et numéros de téléphone de 2 ou 3 personnes de contact"],
            en=["The names and phone numbers of 2 or 3 contact persons"],
        ),
        cost=Text(
            nl="17 euro per maand. De installatie is gratis.",
            fr="17 euros par mois. L'installation est gratuite.",
            en="17 euros a month. Installation is free.",
        ),
        legal_basis=Text(
            nl="Retributiereglement personenalarm van het OCMW Mechelen.",
            fr="Règlement-redevance du système d'appel du CPAS de Malines.",
            en="OCMW Mechelen personal alarm fees regulation.",
        ),
        processing_time=Text(
            nl="Binnen 1 week geplaatst.", fr="Installé dans la semaine.", en="Installed within 1 week."
        ),
        keywords=Text(
            nl="personenalarm, alarmknop, valalarm, noodknop, ouderen, alleen wonen, vallen",
            fr="système d'appel, bouton d'alarme, télévigilance, chute, personnes âgées, vivre seul",
            en="personal alarm, emergency button, fall alarm, panic button, older people, living alone",
        ),
        cost_amount=Decimal("17.00"),
        duration_minutes=10,
        channels=(phone(), ocmw_home_visit()),
        reviewed_days_ago=260,
    ),
    ServiceData(
        slug="residential-care-centre",
        organisation="ocmw-mechelen",
        department="thuiszorg",
        title=Text(
            nl="Inschrijven voor een woonzorgcentrum",
            fr="S'inscrire dans une maison de repos et de soins",
            en="Apply for a place in a residential care home",
        ),
        summary=Text(
            nl="Lukt het thuis niet meer, ook niet met hulp? In een woonzorgcentrum van het OCMW krijg je dag en "
            "nacht zorg. Schrijf je op tijd in: er is een wachtlijst.",
            fr="Ce n'est plus possible à la maison, même avec de l'aide ? Dans une maison de repos du CPAS, vous "
            "recevez des soins jour et nuit. Inscrivez-vous à temps : il y a une liste d'attente.",
            en="Can't manage at home any more, even with help? In an OCMW residential care home you get care day "
            "and night. Sign up in time: there is a waiting list.",
        ),
        audience=Text(
            nl="Mensen vanaf 65 jaar die veel zorg nodig hebben, en hun familie.",
            fr="Les personnes de 65 ans ou plus qui ont besoin de beaucoup de soins, et leur famille.",
            en="People aged 65 or over who need a lot of care, and their families.",
        ),
        procedure=steps(
            nl=[
                "Maak een afspraak voor een gesprek met de sociale dienst van de woonzorgcentra.",
                "Je kunt een woonzorgcentrum bezoeken.",
                "We zetten je op de wachtlijst en bellen je zodra er een kamer vrij is.",
            ],
            fr=[
                "Prenez rendez-vous pour un entretien avec le service social des maisons de repos.",
                "Vous pouvez visiter une maison de repos.",
                "Nous vous inscrivons sur la liste d'attente et vous appelons dès qu'une chambre est libre.",
            ],
            en=[
                "Book an appointment for a talk with the care homes' social service.",
                "You can visit a care home.",
                "We put you on the waiting list and call you as soon as a room is free.",
            ],
        ),
        documents=lines(
            nl=[
                "Je identiteitskaart",
                "Een medisch verslag van je huisarts",
                "Een overzicht van je pensioen en spaargeld",
            ],
            fr=[
                "Votre carte d'identité",
                "Un rapport médical de votre médecin",
                "Un aperçu de votre pension et de votre épargne",
            ],
            en=["Your identity card", "A medical report from your GP", "An overview of your pension and savings"],
        ),
        cost=Text(
            nl="Je betaalt een dagprijs van ongeveer 70 euro. Kun je die niet betalen, dan helpt het OCMW.",
            fr="Vous payez un prix journalier d'environ 70 euros. Si vous ne pouvez pas le payer, le CPAS vous aide.",
            en="You pay a daily rate of about 70 euros. If you can't afford it, the OCMW helps.",
        ),
        legal_basis=Text(
            nl="Woonzorgdecreet van 15 februari 2019.",
            fr="Décret flamand du 15 février 2019 sur les soins et le logement.",
            en="Flemish Decree of 15 February 2019 on residential care.",
        ),
        processing_time=Text(
            nl="Een gesprek binnen 2 weken; de wachttijd voor een kamer hangt af van je zorgnood.",
            fr="Un entretien dans les 2 semaines ; l'attente pour une chambre dépend de vos besoins.",
            en="A talk within 2 weeks; the wait for a room depends on your care needs.",
        ),
        keywords=Text(
            nl="woonzorgcentrum, rusthuis, bejaardentehuis, serviceflat, ouderen, wachtlijst, zorg",
            fr="maison de repos, maison de repos et de soins, home, résidence-services, personnes âgées",
            en="care home, nursing home, retirement home, old people's home, older people, waiting list",
        ),
        cost_amount=None,
        duration_minutes=60,
        channels=(ocmw_appointment(), phone()),
        reviewed_days_ago=140,
    ),
    ServiceData(
        slug="legal-advice",
        organisation="ocmw-mechelen",
        department="rechtswinkel",
        title=Text(
            nl="Gratis juridisch advies in de Rechtswinkel",
            fr="Conseil juridique gratuit à la Boutique de droit",
            en="Free legal advice at the Law shop",
        ),
        summary=Text(
            nl="Heb je een juridische vraag, bijvoorbeeld over je huur, een echtscheiding, een erfenis of een "
            "boete? In de Rechtswinkel krijg je gratis een eerste advies van een advocaat. Hij legt uit wat je "
            "rechten zijn en wat je kunt doen.",
            fr="Vous avez une question juridique, par exemple sur votre loyer, un divorce, un héritage ou une "
            "amende ? À la Boutique de droit, un avocat vous donne gratuitement un premier conseil. Il explique "
            "vos droits et ce que vous pouvez faire.",
            en="Do you have a legal question, for example about your rent, a divorce, an inheritance or a fine? "
            "At the Law shop a lawyer gives you free first advice. They explain your rights and what you can do.",
        ),
        audience=Text(
            nl="Iedereen, ongeacht je inkomen. Heb je daarna een advocaat nodig en een laag inkomen, dan kun je "
            "een pro-Deoadvocaat krijgen.",
            fr="Tout le monde, quels que soient vos revenus. Si vous avez ensuite besoin d'un avocat et que vos "
            "revenus sont faibles, vous pouvez obtenir un avocat pro deo.",
            en="Everyone, whatever your income. If you then need a lawyer and have a low income, you can get a "
            "free (pro deo) lawyer.",
        ),
        procedure=steps(
            nl=[
                "Maak een afspraak via 0800 20 800 of aan het onthaal van het Sociaal Huis.",
                "Breng alle brieven en documenten over je vraag mee.",
                "Je praat 20 minuten met een advocaat, in vertrouwen.",
            ],
            fr=[
                "Prenez rendez-vous au 0800 20 800 ou à l'accueil de la Maison sociale.",
                "Apportez toutes les lettres et tous les documents sur votre question.",
                "Vous parlez 20 minutes avec un avocat, en toute confidentialité.",
            ],
            en=[
                "Book an appointment on 0800 20 800 or at the reception of the Social House.",
                "Bring all letters and documents about your question.",
                "You talk to a lawyer for 20 minutes, in confidence.",
            ],
        ),
        documents=lines(
            nl=["Je identiteitskaart", "Alle brieven, contracten en vonnissen over je vraag"],
            fr=["Votre carte d'identité", "Toutes les lettres, contrats et jugements sur votre question"],
            en=["Your identity card", "All letters, contracts and judgments about your question"],
        ),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=Text(
            nl="Gerechtelijk Wetboek, artikelen 508/1 tot 508/25 (juridische eerstelijnsbijstand).",
            fr="Code judiciaire, articles 508/1 à 508/25 (aide juridique de première ligne).",
            en="Judicial Code, articles 508/1 to 508/25 (first-line legal aid).",
        ),
        processing_time=Text(
            nl="Een afspraak binnen 2 weken.",
            fr="Un rendez-vous dans les 2 semaines.",
            en="An appointment within 2 weeks.",
        ),
        keywords=Text(
            nl="rechtswinkel, juridisch advies, advocaat, gratis advocaat, pro deo, rechtsbijstand, huurconflict, "
            "echtscheiding, erfenis",
            fr="boutique de droit, conseil juridique, avocat, avocat gratuit, pro deo, aide juridique, divorce, "
            "héritage",
            en="law shop, legal advice, lawyer, free lawyer, legal aid, pro deo, divorce, inheritance, tenancy dispute",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=20,
        channels=(ocmw_appointment(), phone()),
        reviewed_days_ago=65,
    ),
    ServiceData(
        slug="social-information-referral",
        organisation="ocmw-mechelen",
        department="id-team",
        title=Text(
            nl="Ik heb een vraag en weet niet waar ik moet zijn (ID-team)",
            fr="J'ai une question et je ne sais pas à qui m'adresser (équipe ID)",
            en="I have a question and don't know where to go (ID team)",
        ),
        summary=Text(
            nl="Heb je een vraag over geld, wonen, gezondheid, werk of papieren, en weet je niet wie je kan helpen? "
            "Het ID-team luistert, zoekt het voor je uit en brengt je bij de juiste dienst. Eén persoon volgt je "
            "vraag op.",
            fr="Vous avez une question sur l'argent, le logement, la santé, le travail ou des papiers, et vous ne "
            "savez pas qui peut vous aider ? L'équipe ID vous écoute, cherche pour vous et vous oriente vers le bon "
            "service. Une seule personne suit votre question.",
            en="Do you have a question about money, housing, health, work or paperwork, and don't know who can "
            "help? The ID team listens, finds out for you and takes you to the right service. One person follows "
            "up your question.",
        ),
        audience=Text(nl="Iedereen.", fr="Tout le monde.", en="Everyone."),
        procedure=steps(
            nl=[
                "Bel ons, kom langs in het Sociaal Huis of stuur je vraag online.",
                "Een medewerker van het ID-team praat met je.",
                "We helpen je meteen of maken een afspraak bij de juiste dienst.",
            ],
            fr=[
                "Appelez-nous, passez à la Maison sociale ou envoyez votre question en ligne.",
                "Un collaborateur de l'équipe ID parle avec vous.",
                "Nous vous aidons tout de suite ou prenons rendez-vous auprès du bon service.",
            ],
            en=[
                "Call us, come to the Social House or send your question online.",
                "A member of the ID team talks with you.",
                "We help you straight away or book an appointment with the right service.",
            ],
        ),
        documents=lines(
            nl=["Brieven of papieren die met je vraag te maken hebben"],
            fr=["Les lettres ou papiers liés à votre question"],
            en=["Letters or papers related to your question"],
        ),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=_OCMW_LAW,
        processing_time=Text(
            nl="Een antwoord binnen 3 werkdagen.",
            fr="Une réponse dans les 3 jours ouvrables.",
            en="An answer within 3 working days.",
        ),
        keywords=Text(
            nl="vraag, informatie, doorverwijzing, hulp, sociaal huis, welzijn, weet niet waar, eerste hulp, ID-team",
            fr="question, information, orientation, aide, maison sociale, je ne sais pas où aller",
            en="question, information, referral, help, social house, don't know where to go, advice",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=20,
        channels=(phone(), ocmw_appointment(), ocmw_online("/vraag")),
        reviewed_days_ago=10,
    ),
    ServiceData(
        slug="rent-guarantee",
        organisation="ocmw-mechelen",
        department="sociale-dienst",
        title=Text(
            nl="Hulp bij de huurwaarborg",
            fr="Aide pour la garantie locative",
            en="Help with the rental deposit",
        ),
        summary=Text(
            nl="Heb je een nieuwe huurwoning gevonden maar kun je de huurwaarborg niet betalen? Het OCMW kan zich "
            "borg stellen bij de bank of de waarborg voorschieten. Je betaalt het daarna in kleine bedragen terug.",
            fr="Vous avez trouvé un nouveau logement mais ne pouvez pas payer la garantie locative ? Le CPAS peut se "
            "porter garant auprès de la banque ou avancer la garantie. Vous remboursez ensuite par petits montants.",
            en="Have you found a new rented home but can't pay the deposit? The OCMW can stand guarantee with the "
            "bank or advance the deposit. You then pay it back in small amounts.",
        ),
        audience=Text(
            nl="Huurders met een laag inkomen die in Mechelen (komen) wonen.",
            fr="Les locataires à faibles revenus qui habitent (ou viennent habiter) à Malines.",
            en="Tenants with a low income who live in, or are moving to, Mechelen.",
        ),
        procedure=steps(
            nl=[
                "Maak een afspraak voor je het huurcontract tekent.",
                "Breng het ontwerp van huurcontract mee.",
                "Het Bijzonder Comité beslist. We sturen de waarborg of het attest naar je verhuurder.",
            ],
            fr=[
                "Prenez rendez-vous avant de signer le bail.",
                "Apportez le projet de bail.",
                "Le Comité spécial décide. Nous envoyons la garantie ou l'attestation à votre propriétaire.",
            ],
            en=[
                "Book an appointment before you sign the rental contract.",
                "Bring the draft contract.",
                "The Special Committee decides. We send the deposit or certificate to your landlord.",
            ],
        ),
        documents=_INCOME_PROOF,
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=Text(
            nl="Organieke OCMW-wet van 8 juli 1976, artikel 57; Vlaams Woninghuurdecreet van 9 november 2018.",
            fr="Loi organique des CPAS du 8 juillet 1976, article 57 ; décret flamand sur la location de logements "
            "du 9 novembre 2018.",
            en="Organic Act of 8 July 1976 on OCMWs, article 57; Flemish Housing Rental Decree of 9 November 2018.",
        ),
        processing_time=Text(nl="Binnen 2 weken.", fr="Dans les 2 semaines.", en="Within 2 weeks."),
        keywords=Text(
            nl="huurwaarborg, waarborg, borg, huurgarantie, nieuwe huurwoning, verhuizen, OCMW waarborg",
            fr="garantie locative, caution, dépôt de garantie, nouveau logement, déménager, garantie CPAS",
            en="rental deposit, security deposit, rent guarantee, new rented home, moving, bond",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=45,
        channels=(ocmw_appointment(), phone()),
        reviewed_days_ago=185,
    ),
    ServiceData(
        slug="disability-recognition",
        organisation="ocmw-mechelen",
        department="sociale-dienst",
        title=Text(
            nl="Erkenning van een handicap, tegemoetkoming en parkeerkaart aanvragen",
            fr="Demander la reconnaissance d'un handicap, une allocation et une carte de stationnement",
            en="Apply for disability recognition, an allowance and a parking card",
        ),
        summary=Text(
            nl="Heb je een handicap of een langdurige ziekte? Dan heb je misschien recht op een erkenning, een "
            "tegemoetkoming en een parkeerkaart. De aanvraag gaat naar de federale overheid. Onze sociale dienst "
            "helpt je om ze in te vullen.",
            fr="Vous avez un handicap ou une maladie de longue durée ? Vous avez peut-être droit à une "
            "reconnaissance, une allocation et une carte de stationnement. La demande va à l'autorité fédérale. "
            "Notre service social vous aide à la remplir.",
            en="Do you have a disability or a long-term illness? You may be entitled to recognition, an allowance "
            "and a parking card. The application goes to the federal government. Our social service helps you "
            "fill it in.",
        ),
        audience=Text(
            nl="Mensen met een handicap of langdurige ziekte die in Mechelen wonen, en hun familie.",
            fr="Les personnes handicapées ou malades de longue durée qui habitent à Malines, et leur famille.",
            en="People with a disability or long-term illness living in Mechelen, and their families.",
        ),
        procedure=steps(
            nl=[
                "Maak een afspraak of vraag een huisbezoek.",
                "We vullen samen de aanvraag in via My Handicap.",
                "De FOD Sociale Zekerheid vraagt informatie aan je arts en nodigt je soms uit voor een onderzoek.",
                "Je krijgt de beslissing per brief.",
            ],
            fr=[
                "Prenez rendez-vous ou demandez une visite à domicile.",
                "Nous remplissons ensemble la demande via My Handicap.",
                "Le SPF Sécurité sociale demande des informations à votre médecin et vous convoque parfois.",
                "Vous recevez la décision par lettre.",
            ],
            en=[
                "Book an appointment or ask for a home visit.",
                "We fill in the application together on My Handicap.",
                "The Federal Public Service Social Security asks your doctor for information and sometimes invites "
                "you for an examination.",
                "You get the decision by letter.",
            ],
        ),
        documents=lines(
            nl=["Je identiteitskaart", "De naam en het adres van je arts", "Medische verslagen, als je ze hebt"],
            fr=[
                "Votre carte d'identité",
                "Le nom et l'adresse de votre médecin",
                "Des rapports médicaux, si vous en avez",
            ],
            en=["Your identity card", "Your doctor's name and address", "Medical reports, if you have them"],
        ),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=Text(
            nl="Wet van 27 februari 1987 betreffende de tegemoetkomingen aan personen met een handicap.",
            fr="Loi du 27 février 1987 relative aux allocations aux personnes handicapées.",
            en="Act of 27 February 1987 on allowances for people with disabilities.",
        ),
        processing_time=Text(
            nl="De federale overheid beslist meestal binnen 4 tot 6 maanden.",
            fr="L'autorité fédérale décide en général dans les 4 à 6 mois.",
            en="The federal government usually decides within 4 to 6 months.",
        ),
        keywords=Text(
            nl="handicap, erkenning handicap, tegemoetkoming, parkeerkaart, invalidenkaart, My Handicap, "
            "integratietegemoetkoming, gehandicaptenparkeerkaart",
            fr="handicap, reconnaissance handicap, allocation, carte de stationnement, carte handicapé, My Handicap",
            en="disability, disability recognition, disability allowance, blue badge, disabled parking card, My "
            "Handicap",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=45,
        channels=(ocmw_appointment(), ocmw_home_visit(), phone()),
        reviewed_days_ago=115,
    ),
)

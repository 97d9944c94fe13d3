"""The demo life events: services grouped the way citizens think of them ("I am moving").

Titles are what a citizen would say, in the first person. Services of different organisations
belong together here: someone who lost a relative in Mechelen may owe inheritance tax in Brussels.
"""

from __future__ import annotations

from loket.demo.schema import LifeEventData, Text

LIFE_EVENTS: tuple[LifeEventData, ...] = (
    LifeEventData(
        slug="moving",
        order=10,
        title=Text(nl="Ik verhuis", fr="Je déménage", en="I am moving"),
        description=Text(
            nl="Geef je nieuw adres door, reserveer een plaats voor de verhuiswagen en regel je parkeerkaart.",
            fr="Déclarez votre nouvelle adresse, réservez une place pour le camion et réglez votre carte de "
            "stationnement.",
            en="Register your new address, reserve a space for the removal van and sort out your parking permit.",
        ),
        services=(
            "change-of-address",
            "public-domain-occupation",
            "resident-parking-permit",
            "rent-guarantee",
            "rent-subsidy",
            "social-rental-housing-registration",
            "smoke-detector",
            "waste-bags",
            "certificate-of-residence",
            "moving-abroad",
        ),
    ),
    LifeEventData(
        slug="having-a-baby",
        order=20,
        title=Text(nl="We krijgen een kindje", fr="Nous attendons un enfant", en="We are having a baby"),
        description=Text(
            nl="Van de erkenning tijdens de zwangerschap tot de aangifte van de geboorte, de kinderopvang en de "
            "eerste Kids-ID.",
            fr="De la reconnaissance pendant la grossesse à la déclaration de naissance, l'accueil de l'enfant et "
            "la première Kids-ID.",
            en="From recognition during the pregnancy to registering the birth, childcare and the first Kids-ID.",
        ),
        services=(
            "recognition-of-child",
            "birth-declaration",
            "childcare-application",
            "kids-id",
            "copy-civil-status-certificate",
        ),
    ),
    LifeEventData(
        slug="someone-died",
        order=30,
        title=Text(nl="Iemand is overleden", fr="Un proche est décédé", en="Someone has died"),
        description=Text(
            nl="Wat je moet regelen na een overlijden: de aangifte, de begrafenis of crematie, het graf, de "
            "erfenis en het pensioen.",
            fr="Ce qu'il faut faire après un décès : la déclaration, l'enterrement ou la crémation, la tombe, la "
            "succession et la pension.",
            en="What to arrange after a death: registering it, the burial or cremation, the grave, the inheritance "
            "and the pension.",
        ),
        services=(
            "death-declaration",
            "grave-concession",
            "burial-cremation-wishes",
            "inheritance-tax-declaration",
            "pension-consultation",
            "copy-civil-status-certificate",
        ),
    ),
    LifeEventData(
        slug="starting-a-business",
        order=40,
        title=Text(nl="Ik start een zaak", fr="Je lance mon entreprise", en="I am starting a business"),
        description=Text(
            nl="Advies, vergunningen en belastingen voor wie een zaak, winkel of café opent.",
            fr="Conseils, autorisations et taxes pour ouvrir une entreprise, un magasin ou un café.",
            en="Advice, permits and taxes for opening a business, a shop or a café.",
        ),
        services=(
            "starting-a-business",
            "environmental-permit",
            "building-permit",
            "terrace-permit",
            "advertising-tax",
            "taxi-licence",
        ),
    ),
    LifeEventData(
        slug="getting-married",
        order=50,
        title=Text(
            nl="Ik trouw of ga wettelijk samenwonen",
            fr="Je me marie ou je cohabite légalement",
            en="I am getting married or cohabiting",
        ),
        description=Text(
            nl="Trouwen of wettelijk samenwonen, en wat er daarna verandert: een gezamenlijk adres, nieuwe papieren.",
            fr="Se marier ou cohabiter légalement, et ce qui change ensuite : une adresse commune, de nouveaux "
            "papiers.",
            en="Getting married or legally cohabiting, and what changes next: a shared address, new papers.",
        ),
        services=("marriage", "legal-cohabitation", "change-of-address", "copy-civil-status-certificate", "passport"),
    ),
    LifeEventData(
        slug="coming-to-belgium",
        order=60,
        title=Text(nl="Ik kom in België wonen", fr="Je viens vivre en Belgique", en="I am coming to live in Belgium"),
        description=Text(
            nl="Inschrijven, een verblijfskaart, werk, een ziekenfonds en later misschien de Belgische nationaliteit.",
            fr="Inscription, carte de séjour, travail, mutualité et plus tard peut-être la nationalité belge.",
            en="Registering, a residence card, work, health insurance and later perhaps Belgian nationality.",
        ),
        services=(
            "registration-eu-citizen",
            "registration-foreigners",
            "residence-card-foreigners",
            "family-reunification",
            "work-permit-foreigners",
            "health-insurance-membership",
            "change-of-address",
            "nationality-declaration",
            "social-information-referral",
        ),
    ),
    LifeEventData(
        slug="building-or-renovating",
        order=70,
        title=Text(nl="Ik bouw of verbouw", fr="Je construis ou je rénove", en="I am building or renovating"),
        description=Text(
            nl="De vergunning, gratis energieadvies, premies en een renteloze lening voor je verbouwing.",
            fr="Le permis, des conseils énergie gratuits, des primes et un prêt sans intérêt pour vos travaux.",
            en="The permit, free energy advice, premiums and an interest-free loan for your renovation.",
        ),
        services=(
            "building-permit",
            "energy-advice",
            "renovation-premium",
            "energy-loan",
            "energy-scan",
            "public-domain-occupation",
            "smoke-detector",
        ),
    ),
    LifeEventData(
        slug="money-trouble",
        order=80,
        title=Text(nl="Ik heb geldzorgen", fr="J'ai des soucis d'argent", en="I have money trouble"),
        description=Text(
            nl="Hulp bij schulden, een leefloon, je energiefactuur, je huur en je doktersrekeningen. Je staat er "
            "niet alleen voor.",
            fr="De l'aide pour les dettes, un revenu d'intégration, la facture d'énergie, le loyer et les frais "
            "médicaux. Vous n'êtes pas seul.",
            en="Help with debts, an income, your energy bill, your rent and your medical bills. You are not alone.",
        ),
        services=(
            "debt-counselling",
            "social-integration-income",
            "medical-card",
            "heating-allowance",
            "energy-scan",
            "rent-subsidy",
            "rent-guarantee",
            "legal-advice",
            "social-information-referral",
        ),
    ),
    LifeEventData(
        slug="turning-18",
        order=90,
        title=Text(
            nl="Ik word 18 en haal mijn rijbewijs",
            fr="J'ai 18 ans et je passe mon permis",
            en="I am turning 18 and getting my driving licence",
        ),
        description=Text(
            nl="Je voorlopig en je definitief rijbewijs, een nieuwe identiteitskaart en een studentenjob.",
            fr="Votre permis provisoire et définitif, une nouvelle carte d'identité et un job étudiant.",
            en="Your provisional and full driving licence, a new identity card and a student job.",
        ),
        services=(
            "provisional-driving-licence",
            "driving-licence",
            "international-driving-licence",
            "pick-up-identity-documents",
            "identity-card",
            "student-jobs",
        ),
    ),
    LifeEventData(
        slug="getting-older",
        order=100,
        title=Text(nl="Ik word ouder", fr="Je prends de l'âge", en="I am getting older"),
        description=Text(
            nl="Hulp thuis, maaltijden, een personenalarm, vervoer, je pensioen en je wensen voor later.",
            fr="De l'aide à domicile, des repas, un système d'appel, le transport, votre pension et vos souhaits "
            "pour plus tard.",
            en="Help at home, meals, a personal alarm, transport, your pension and your wishes for later.",
        ),
        services=(
            "home-care",
            "meals-at-home",
            "personal-alarm",
            "taxi-cheques",
            "disability-recognition",
            "residential-care-centre",
            "pension-consultation",
            "euthanasia-declaration",
            "burial-cremation-wishes",
        ),
    ),
)

"""Demo services: residence of foreigners (city of Mechelen, Foreigners' service).

The federal Immigration Office decides on residence; the city registers, checks the address,
hands out the cards and is where people actually come. The texts say who decides what.
"""

from __future__ import annotations

from decimal import Decimal

from loket.demo.channels import appointment, online, phone
from loket.demo.schema import ServiceData, Text, lines, steps

_ALIENS_ACT = Text(
    nl="Wet van 15 december 1980 betreffende de toegang tot het grondgebied, het verblijf, de vestiging en de "
    "verwijdering van vreemdelingen; koninklijk besluit van 8 oktober 1981.",
    fr="Loi du 15 décembre 1980 sur l'accès au territoire, le séjour, l'établissement et l'éloignement des "
    "étrangers ; arrêté royal du 8 octobre 1981.",
    en="Act of 15 December 1980 on access to the territory, residence, settlement and removal of foreigners; "
    "Royal Decree of 8 October 1981.",
)

_BOOK_FOREIGNERS = Text(
    nl="Boek online een afspraak aan het themaloket Vreemdelingen. Kies het juiste onderwerp, zodat we genoeg "
    "tijd voor je hebben.",
    fr="Réservez en ligne un rendez-vous au guichet thématique Étrangers. Choisissez le bon sujet, pour que nous "
    "ayons assez de temps pour vous.",
    en="Book an appointment online at the Foreigners theme counter. Choose the right subject, so we have enough "
    "time for you.",
)

SERVICES: tuple[ServiceData, ...] = (
    ServiceData(
        slug="residence-card-foreigners",
        organisation="mechelen",
        department="vreemdelingendienst",
        title=Text(
            nl="Verblijfskaart voor vreemdelingen aanvragen of vernieuwen",
            fr="Demander ou renouveler une carte de séjour pour étrangers",
            en="Apply for or renew a residence card for foreigners",
        ),
        summary=Text(
            nl="Woon je als vreemdeling in Mechelen? Dan heb je een elektronische verblijfskaart. Je vraagt een "
            "nieuwe kaart aan als je kaart bijna vervalt, na een positieve beslissing over je verblijf, of als "
            "je kaart verloren of beschadigd is.",
            fr="Vous êtes étranger et habitez à Malines ? Vous avez alors une carte de séjour électronique. "
            "Demandez une nouvelle carte si la vôtre expire bientôt, après une décision positive sur votre "
            "séjour, ou si votre carte est perdue ou abîmée.",
            en="Are you a foreigner living in Mechelen? Then you have an electronic residence card. Apply for a "
            "new card when yours is about to expire, after a positive decision on your residence, or when your "
            "card is lost or damaged.",
        ),
        audience=Text(
            nl="Vreemdelingen die in Mechelen ingeschreven zijn, van de Europese Unie of daarbuiten. Vraag je "
            "kaart 6 weken voor ze vervalt aan.",
            fr="Les étrangers inscrits à Malines, de l'Union européenne ou d'ailleurs. Demandez la carte 6 semaines "
            "avant qu'elle expire.",
            en="Foreigners registered in Mechelen, from the European Union or elsewhere. Apply 6 weeks before "
            "your card expires.",
        ),
        procedure=steps(
            nl=[
                "Maak een afspraak aan het themaloket Vreemdelingen.",
                "Breng je documenten mee. We nemen je vingerafdrukken als je geen EU-burger bent.",
                "Je betaalt aan het loket.",
                "Na ongeveer 3 weken krijg je een brief met je codes. Haal je kaart af aan het snelloket.",
            ],
            fr=[
                "Prenez rendez-vous au guichet thématique Étrangers.",
                "Apportez vos documents. Nous prenons vos empreintes si vous n'êtes pas citoyen de l'UE.",
                "Vous payez au guichet.",
                "Après environ 3 semaines, vous recevez une lettre avec vos codes. Retirez la carte au guichet rapide.",
            ],
            en=[
                "Book an appointment at the Foreigners theme counter.",
                "Bring your documents. We take your fingerprints if you are not an EU citizen.",
                "You pay at the counter.",
                "After about 3 weeks you get a letter with your codes. Collect your card at the quick counter.",
            ],
        ),
        documents=lines(
            nl=[
                "Je huidige verblijfskaart",
                "Je paspoort",
                "Een recente pasfoto in kleur",
                "Bewijzen die bij je verblijf horen (bijvoorbeeld arbeidscontract of inschrijving school)",
            ],
            fr=[
                "Votre carte de séjour actuelle",
                "Votre passeport",
                "Une photo d'identité récente en couleur",
                "Les preuves liées à votre séjour (par exemple contrat de travail ou inscription scolaire)",
            ],
            en=[
                "Your current residence card",
                "Your passport",
                "A recent colour passport photo",
                "Proof related to your stay (for example an employment contract or school enrolment)",
            ],
        ),
        cost=Text(
            nl="25 euro. Met de dringende procedure betaal je meer.",
            fr="25 euros. La procédure d'urgence coûte plus cher.",
            en="25 euros. The urgent procedure costs more.",
        ),
        legal_basis=_ALIENS_ACT,
        processing_time=Text(nl="Ongeveer 3 weken.", fr="Environ 3 semaines.", en="About 3 weeks."),
        keywords=Text(
            nl="verblijfskaart, verblijfsvergunning, vreemdelingenkaart, A-kaart, B-kaart, F-kaart, EU-kaart, "
            "kaart vervalt, verblijfsdocument",
            fr="carte de séjour, titre de séjour, carte d'étranger, carte A, carte B, carte F, carte UE, carte expirée",
            en="residence card, residence permit, foreigner's card, A card, B card, F card, EU card, expired card",
        ),
        cost_amount=Decimal("25.00"),
        duration_minutes=20,
        channels=(online("/afspraak/vreemdelingen", _BOOK_FOREIGNERS), appointment(), phone()),
        reviewed_days_ago=58,
    ),
    ServiceData(
        slug="registration-eu-citizen",
        organisation="mechelen",
        department="vreemdelingendienst",
        title=Text(
            nl="Inschrijven als burger van de Europese Unie",
            fr="S'inscrire comme citoyen de l'Union européenne",
            en="Register as a citizen of the European Union",
        ),
        summary=Text(
            nl="Kom je uit een ander land van de Europese Unie, Zwitserland, Noorwegen, IJsland of Liechtenstein en "
            "blijf je langer dan 3 maanden in Mechelen? Schrijf je dan in bij de stad. Je krijgt een EU-kaart.",
            fr="Vous venez d'un autre pays de l'Union européenne, de Suisse, de Norvège, d'Islande ou du "
            "Liechtenstein et vous restez plus de 3 mois à Malines ? Inscrivez-vous à la ville. Vous recevez une "
            "carte UE.",
            en="Are you from another EU country, Switzerland, Norway, Iceland or Liechtenstein, and staying in "
            "Mechelen for more than 3 months? Register with the city. You get an EU card.",
        ),
        audience=Text(
            nl="EU-burgers die in Mechelen komen wonen om te werken, te studeren of die genoeg middelen hebben, "
            "en hun gezin.",
            fr="Les citoyens de l'UE qui viennent habiter à Malines pour travailler ou étudier, ou qui ont assez "
            "de ressources, et leur famille.",
            en="EU citizens who come to live in Mechelen to work or study, or who have enough means, and their family.",
        ),
        procedure=steps(
            nl=[
                "Maak een afspraak binnen 3 maanden na je aankomst.",
                "Aan het loket krijg je een bijlage 19 (aanvraag) en we schrijven je in.",
                "De wijkagent controleert je adres.",
                "Breng binnen 3 maanden de bewijzen van je werk, studie of middelen binnen.",
                "Is alles in orde? Dan vraag je je EU-kaart aan.",
            ],
            fr=[
                "Prenez rendez-vous dans les 3 mois après votre arrivée.",
                "Au guichet, vous recevez une annexe 19 (demande) et nous vous inscrivons.",
                "L'agent de quartier contrôle votre adresse.",
                "Apportez dans les 3 mois les preuves de votre travail, de vos études ou de vos ressources.",
                "Tout est en ordre ? Vous demandez alors votre carte UE.",
            ],
            en=[
                "Book an appointment within 3 months after you arrive.",
                "At the counter you get an Annex 19 (application) and we register you.",
                "The community police officer checks your address.",
                "Within 3 months, bring proof of your work, studies or means.",
                "Is everything in order? Then you apply for your EU card.",
            ],
        ),
        documents=lines(
            nl=[
                "Je identiteitskaart of paspoort",
                "Je huurcontract of eigendomsakte",
                "Een bewijs van werk, studie of voldoende middelen en een ziekteverzekering",
                "Een recente pasfoto in kleur",
            ],
            fr=[
                "Votre carte d'identité ou passeport",
                "Votre bail ou acte de propriété",
                "Une preuve de travail, d'études ou de ressources suffisantes et une assurance maladie",
                "Une photo d'identité récente en couleur",
            ],
            en=[
                "Your identity card or passport",
                "Your rental contract or title deed",
                "Proof of work, studies or enough means, and health insurance",
                "A recent colour passport photo",
            ],
        ),
        cost=Text(
            nl="De inschrijving is gratis. De EU-kaart kost 25 euro.",
            fr="L'inscription est gratuite. La carte UE coûte 25 euros.",
            en="Registration is free. The EU card costs 25 euros.",
        ),
        legal_basis=_ALIENS_ACT,
        processing_time=Text(
            nl="Maximaal 3 maanden na het binnenbrengen van de bewijzen.",
            fr="3 mois au maximum après la remise des preuves.",
            en="At most 3 months after you hand in the proof.",
        ),
        keywords=Text(
            nl="EU-burger, inschrijving, Europese Unie, bijlage 19, EU-kaart, komen wonen, inschrijven gemeente",
            fr="citoyen UE, inscription, Union européenne, annexe 19, carte UE, venir habiter, s'inscrire à la commune",
            en="EU citizen, registration, European Union, annex 19, EU card, moving to Belgium, register at town hall",
        ),
        cost_amount=Decimal("25.00"),
        duration_minutes=30,
        channels=(online("/afspraak/vreemdelingen", _BOOK_FOREIGNERS), appointment(), phone()),
        reviewed_days_ago=120,
    ),
    ServiceData(
        slug="registration-foreigners",
        organisation="mechelen",
        department="vreemdelingendienst",
        title=Text(
            nl="Inschrijven na aankomst met een visum",
            fr="S'inscrire après l'arrivée avec un visa",
            en="Register after arriving with a visa",
        ),
        summary=Text(
            nl="Kom je van buiten de Europese Unie naar Mechelen met een visum voor lang verblijf (visum D)? "
            "Meld je dan binnen 8 werkdagen na je aankomst bij de stad. We schrijven je in en je krijgt een "
            "verblijfskaart.",
            fr="Vous venez d'un pays hors Union européenne à Malines avec un visa de long séjour (visa D) ? "
            "Présentez-vous à la ville dans les 8 jours ouvrables après votre arrivée. Nous vous inscrivons et "
            "vous recevez une carte de séjour.",
            en="Coming to Mechelen from outside the European Union with a long-stay visa (D visa)? Report to the "
            "city within 8 working days after you arrive. We register you and you get a residence card.",
        ),
        audience=Text(
            nl="Mensen van buiten de Europese Unie met een visum D: werknemers, studenten, gezinsleden.",
            fr="Les personnes hors Union européenne avec un visa D : travailleurs, étudiants, membres de la famille.",
            en="People from outside the European Union with a D visa: workers, students, family members.",
        ),
        procedure=steps(
            nl=[
                "Maak een afspraak binnen 8 werkdagen na je aankomst.",
                "Breng je paspoort met visum en je documenten mee.",
                "De wijkagent controleert je adres.",
                "Daarna vraag je je verblijfskaart aan.",
            ],
            fr=[
                "Prenez rendez-vous dans les 8 jours ouvrables après votre arrivée.",
                "Apportez votre passeport avec le visa et vos documents.",
                "L'agent de quartier contrôle votre adresse.",
                "Ensuite, vous demandez votre carte de séjour.",
            ],
            en=[
                "Book an appointment within 8 working days after you arrive.",
                "Bring your passport with the visa and your documents.",
                "The community police officer checks your address.",
                "Then you apply for your residence card.",
            ],
        ),
        documents=lines(
            nl=[
                "Je paspoort met visum D",
                "Je huurcontract of een bewijs van je adres",
                "Een recente pasfoto in kleur",
                "De documenten van je visum (bijvoorbeeld arbeidskaart, inschrijving school, huwelijksakte)",
            ],
            fr=[
                "Votre passeport avec le visa D",
                "Votre bail ou une preuve de votre adresse",
                "Une photo d'identité récente en couleur",
                "Les documents de votre visa (par exemple permis de travail, inscription scolaire, acte de mariage)",
            ],
            en=[
                "Your passport with the D visa",
                "Your rental contract or proof of address",
                "A recent colour passport photo",
                "The documents of your visa (for example work permit, school enrolment, marriage certificate)",
            ],
        ),
        cost=Text(
            nl="De inschrijving is gratis. De verblijfskaart kost 25 euro.",
            fr="L'inscription est gratuite. La carte de séjour coûte 25 euros.",
            en="Registration is free. The residence card costs 25 euros.",
        ),
        legal_basis=_ALIENS_ACT,
        processing_time=Text(
            nl="Je verblijfskaart is ongeveer 4 weken na de adrescontrole klaar.",
            fr="Votre carte de séjour est prête environ 4 semaines après le contrôle d'adresse.",
            en="Your residence card is ready about 4 weeks after the address check.",
        ),
        keywords=Text(
            nl="visum, visum D, aankomst, inschrijven, vreemdelingenregister, nieuw in België, verblijf aanvragen",
            fr="visa, visa D, arrivée, inscription, registre des étrangers, nouveau en Belgique, séjour",
            en="visa, D visa, arrival, register, register of foreigners, new in Belgium, just arrived",
        ),
        cost_amount=Decimal("25.00"),
        duration_minutes=30,
        channels=(appointment(), phone()),
        reviewed_days_ago=150,
    ),
    ServiceData(
        slug="family-reunification",
        organisation="mechelen",
        department="vreemdelingendienst",
        title=Text(
            nl="Gezinshereniging aanvragen",
            fr="Demander un regroupement familial",
            en="Apply for family reunification",
        ),
        summary=Text(
            nl="Wil je dat je partner, je kind of je ouder bij je in België komt wonen? Of ben je al in België en "
            "wil je blijven bij je familie? Dan vraag je gezinshereniging aan. De Dienst Vreemdelingenzaken beslist.",
            fr="Vous voulez que votre partenaire, votre enfant ou votre parent vienne vivre avec vous en Belgique ? "
            "Ou vous êtes déjà en Belgique et voulez rester auprès de votre famille ? Demandez un regroupement "
            "familial. L'Office des étrangers décide.",
            en="Do you want your partner, child or parent to come and live with you in Belgium? Or are you "
            "already in Belgium and want to stay with your family? Apply for family reunification. The "
            "Immigration Office decides.",
        ),
        audience=Text(
            nl="Gezinsleden van een Belg, een EU-burger of een vreemdeling met verblijfsrecht, die al wettig in "
            "België zijn en in Mechelen wonen. Wie nog in het buitenland is, vraagt een visum aan bij de ambassade.",
            fr="Les membres de la famille d'un Belge, d'un citoyen de l'UE ou d'un étranger avec droit de séjour, "
            "déjà en séjour légal en Belgique et domiciliés à Malines. Les personnes encore à l'étranger "
            "demandent un visa à l'ambassade.",
            en="Family members of a Belgian, an EU citizen or a foreigner with a right of residence, who are "
            "already legally in Belgium and live in Mechelen. People still abroad apply for a visa at the embassy.",
        ),
        procedure=steps(
            nl=[
                "Betaal de administratieve vergoeding aan de Dienst Vreemdelingenzaken, als die voor jou geldt.",
                "Maak een afspraak aan het themaloket Vreemdelingen en breng alle documenten mee.",
                "We sturen je aanvraag naar de Dienst Vreemdelingenzaken.",
                "Die beslist binnen 6 maanden. Je krijgt de beslissing van de stad.",
            ],
            fr=[
                "Payez la redevance administrative à l'Office des étrangers, si elle s'applique à vous.",
                "Prenez rendez-vous au guichet thématique Étrangers et apportez tous les documents.",
                "Nous envoyons votre demande à l'Office des étrangers.",
                "L'Office décide dans les 6 mois. Vous recevez la décision par la ville.",
            ],
            en=[
                "Pay the administrative fee to the Immigration Office, if it applies to you.",
                "Book an appointment at the Foreigners theme counter and bring all the documents.",
                "We send your application to the Immigration Office.",
                "It decides within 6 months. You get the decision through the city.",
            ],
        ),
        documents=lines(
            nl=[
                "Je paspoort",
                "Een bewijs van de familieband (huwelijksakte, geboorteakte), vertaald en gelegaliseerd",
                "Een bewijs van voldoende inkomen van de persoon bij wie je komt wonen",
                "Een huurcontract of eigendomsakte van een woning die groot genoeg is",
                "Een bewijs van ziekteverzekering",
                "Het betalingsbewijs van de administratieve vergoeding",
            ],
            fr=[
                "Votre passeport",
                "Une preuve du lien familial (acte de mariage, acte de naissance), traduite et légalisée",
                "Une preuve de revenus suffisants de la personne chez qui vous venez vivre",
                "Un bail ou un acte de propriété d'un logement assez grand",
                "Une preuve d'assurance maladie",
                "La preuve de paiement de la redevance administrative",
            ],
            en=[
                "Your passport",
                "Proof of the family link (marriage or birth certificate), translated and legalised",
                "Proof of enough income of the person you come to live with",
                "A rental contract or title deed for a home that is big enough",
                "Proof of health insurance",
                "Proof that you paid the administrative fee",
            ],
        ),
        cost=Text(
            nl="De meeste aanvragers betalen vooraf een administratieve vergoeding aan de Dienst "
            "Vreemdelingenzaken. Het bedrag verandert elk jaar; we zeggen het je bij het maken van de afspraak.",
            fr="La plupart des demandeurs paient d'abord une redevance administrative à l'Office des étrangers. "
            "Le montant change chaque année ; nous vous le disons quand vous prenez rendez-vous.",
            en="Most applicants first pay an administrative fee to the Immigration Office. The amount changes "
            "every year; we tell you when you book the appointment.",
        ),
        legal_basis=_ALIENS_ACT,
        processing_time=Text(
            nl="De Dienst Vreemdelingenzaken beslist binnen 6 maanden (soms 9 maanden).",
            fr="L'Office des étrangers décide dans les 6 mois (parfois 9 mois).",
            en="The Immigration Office decides within 6 months (sometimes 9 months).",
        ),
        keywords=Text(
            nl="gezinshereniging, gezinsherenging, partner laten overkomen, familie, bijlage 19ter, samenwonen "
            "met partner, echtgenoot",
            fr="regroupement familial, faire venir son partenaire, famille, annexe 19ter, conjoint, époux",
            en="family reunification, bring my partner, spouse visa, family, annex 19ter, join family",
        ),
        cost_amount=None,
        duration_minutes=40,
        channels=(appointment(), phone()),
        reviewed_days_ago=85,
    ),
    ServiceData(
        slug="work-permit-foreigners",
        organisation="mechelen",
        department="vreemdelingendienst",
        title=Text(
            nl="Werken als vreemdeling: gecombineerde vergunning",
            fr="Travailler comme étranger : permis unique",
            en="Working as a foreigner: single permit",
        ),
        summary=Text(
            nl="Wil je van buiten de Europese Unie in België komen werken? Dan heb je meestal een gecombineerde "
            "vergunning nodig: toestemming om te verblijven en te werken. Je werkgever vraagt ze aan bij de "
            "Vlaamse overheid. De stad schrijft je in en geeft je verblijfskaart.",
            fr="Vous venez d'un pays hors Union européenne pour travailler en Belgique ? Il vous faut en général un "
            "permis unique : l'autorisation de séjourner et de travailler. Votre employeur le demande à l'autorité "
            "flamande. La ville vous inscrit et vous remet votre carte de séjour.",
            en="Coming from outside the European Union to work in Belgium? You usually need a single permit: "
            "permission to stay and to work. Your employer applies to the Flemish government. The city registers "
            "you and gives you your residence card.",
        ),
        audience=Text(
            nl="Werknemers van buiten de Europese Unie, en hun werkgevers in Mechelen.",
            fr="Les travailleurs hors Union européenne, et leurs employeurs à Malines.",
            en="Workers from outside the European Union, and their employers in Mechelen.",
        ),
        procedure=steps(
            nl=[
                "Je werkgever vraagt de gecombineerde vergunning online aan bij het Departement Werk en Sociale "
                "Economie.",
                "Ben je al in België? Kom dan naar de stad voor een ontvangstbewijs (bijlage 46).",
                "Na een positieve beslissing maak je een afspraak om je verblijfskaart aan te vragen.",
            ],
            fr=[
                "Votre employeur demande le permis unique en ligne au Département Emploi et Économie sociale.",
                "Vous êtes déjà en Belgique ? Venez à la ville pour un accusé de réception (annexe 46).",
                "Après une décision positive, prenez rendez-vous pour demander votre carte de séjour.",
            ],
            en=[
                "Your employer applies online for the single permit to the Department of Work and Social Economy.",
                "Already in Belgium? Come to the city for a proof of application (Annex 46).",
                "After a positive decision, book an appointment to apply for your residence card.",
            ],
        ),
        documents=lines(
            nl=["Je paspoort", "De beslissing over je gecombineerde vergunning", "Een recente pasfoto in kleur"],
            fr=["Votre passeport", "La décision sur votre permis unique", "Une photo d'identité récente en couleur"],
            en=["Your passport", "The decision on your single permit", "A recent colour passport photo"],
        ),
        cost=Text(
            nl="De verblijfskaart kost 25 euro. De werkgever betaalt soms een vergoeding aan de Dienst "
            "Vreemdelingenzaken.",
            fr="La carte de séjour coûte 25 euros. L'employeur paie parfois une redevance à l'Office des étrangers.",
            en="The residence card costs 25 euros. The employer sometimes pays a fee to the Immigration Office.",
        ),
        legal_basis=Text(
            nl="Wet van 30 april 1999 betreffende de tewerkstelling van buitenlandse werknemers; Vlaams besluit "
            "van 7 december 2018 over de gecombineerde vergunning.",
            fr="Loi du 30 avril 1999 relative à l'occupation des travailleurs étrangers ; arrêté flamand du "
            "7 décembre 2018 sur le permis unique.",
            en="Act of 30 April 1999 on the employment of foreign workers; Flemish Decree of 7 December 2018 on "
            "the single permit.",
        ),
        processing_time=Text(
            nl="De Vlaamse overheid en de Dienst Vreemdelingenzaken beslissen binnen 4 maanden.",
            fr="L'autorité flamande et l'Office des étrangers décident dans les 4 mois.",
            en="The Flemish government and the Immigration Office decide within 4 months.",
        ),
        keywords=Text(
            nl="arbeidskaart, werkvergunning, gecombineerde vergunning, single permit, werken in België, bijlage 46",
            fr="permis de travail, permis unique, travailler en Belgique, carte de travail, annexe 46",
            en="work permit, single permit, working in Belgium, employment permit, annex 46",
        ),
        cost_amount=Decimal("25.00"),
        duration_minutes=20,
        channels=(appointment(), phone()),
        reviewed_days_ago=380,
    ),
)

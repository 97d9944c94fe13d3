"""Demo services of Brussels Fiscality, a bilingual regional body (regional taxes).

Brussels bodies must serve citizens in Dutch and French; English is a courtesy. The sheet on the
tourist-accommodation tax has no English text at all, as happens in real catalogues, so the demo
shows the "shown in another language" fallback.
"""

from __future__ import annotations

from decimal import Decimal

from loket.demo.channels import brussels_appointment, brussels_online, brussels_phone
from loket.demo.schema import ServiceData, Text, lines, steps

SERVICES: tuple[ServiceData, ...] = (
    ServiceData(
        slug="property-tax-reduction",
        organisation="brussels-fiscality",
        department="onroerende-voorheffing",
        title=Text(
            nl="Onroerende voorheffing: vermindering en vragen",
            fr="Précompte immobilier : réductions et questions",
            en="Property tax: reductions and questions",
        ),
        summary=Text(
            nl="Ben je eigenaar van een woning of een ander gebouw in Brussel? Dan betaal je elk jaar onroerende "
            "voorheffing. Je kunt een vermindering krijgen als je kinderen ten laste hebt, een handicap hebt of "
            "als je gebouw een tijd leeg stond door werken of een ramp.",
            fr="Vous êtes propriétaire d'un logement ou d'un autre bâtiment à Bruxelles ? Vous payez chaque année "
            "le précompte immobilier. Vous pouvez obtenir une réduction si vous avez des enfants à charge, un "
            "handicap, ou si votre bien est resté vide un certain temps à cause de travaux ou d'une catastrophe.",
            en="Do you own a home or another building in Brussels? Then you pay property tax every year. You can "
            "get a reduction if you have dependent children or a disability, or if your building stood empty for "
            "a while because of works or a disaster.",
        ),
        audience=Text(
            nl="Eigenaars, vruchtgebruikers en erfpachters van een gebouw of grond in het Brussels Hoofdstedelijk "
            "Gewest.",
            fr="Les propriétaires, usufruitiers et emphytéotes d'un bâtiment ou d'un terrain en Région de "
            "Bruxelles-Capitale.",
            en="Owners, usufructuaries and long-lease holders of a building or land in the Brussels-Capital Region.",
        ),
        procedure=steps(
            nl=[
                "Controleer je aanslagbiljet. Veel verminderingen krijg je automatisch.",
                "Ontbreekt een vermindering? Stuur een bezwaarschrift binnen 3 maanden na de verzenddatum.",
                "Je kunt dat online doen, per post of aan ons loket.",
                "Je krijgt een beslissing en, als je gelijk hebt, een terugbetaling.",
            ],
            fr=[
                "Vérifiez votre avertissement-extrait de rôle. Beaucoup de réductions sont automatiques.",
                "Une réduction manque ? Envoyez une réclamation dans les 3 mois après la date d'envoi.",
                "Vous pouvez le faire en ligne, par courrier ou à notre guichet.",
                "Vous recevez une décision et, si vous avez raison, un remboursement.",
            ],
            en=[
                "Check your tax bill. Many reductions are given automatically.",
                "Is a reduction missing? Send an objection within 3 months of the date it was sent.",
                "You can do this online, by post or at our counter.",
                "You get a decision and, if you are right, a refund.",
            ],
        ),
        documents=lines(
            nl=[
                "Je aanslagbiljet",
                "Bewijzen voor de vermindering (bijvoorbeeld attest handicap, facturen van werken)",
            ],
            fr=[
                "Votre avertissement-extrait de rôle",
                "Les preuves pour la réduction (par exemple attestation de handicap, factures de travaux)",
            ],
            en=["Your tax bill", "Proof for the reduction (for example a disability certificate, invoices for works)"],
        ),
        cost=Text(
            nl="Een bezwaar indienen is gratis. Het bedrag van de voorheffing hangt af van het kadastraal inkomen.",
            fr="Introduire une réclamation est gratuit. Le montant du précompte dépend du revenu cadastral.",
            en="Filing an objection is free. The amount of the tax depends on the cadastral income.",
        ),
        legal_basis=Text(
            nl="Wetboek van de inkomstenbelastingen 1992, artikelen 251 tot 260bis, zoals van toepassing in het "
            "Brussels Hoofdstedelijk Gewest; Brussels Wetboek van Fiscale Procedure.",
            fr="Code des impôts sur les revenus 1992, articles 251 à 260bis, tel qu'applicable en Région de "
            "Bruxelles-Capitale ; Code bruxellois de procédure fiscale.",
            en="Income Tax Code 1992, articles 251 to 260bis, as applicable in the Brussels-Capital Region; "
            "Brussels Code of Tax Procedure.",
        ),
        processing_time=Text(
            nl="Een beslissing over een bezwaar binnen 6 maanden.",
            fr="Une décision sur la réclamation dans les 6 mois.",
            en="A decision on an objection within 6 months.",
        ),
        keywords=Text(
            nl="onroerende voorheffing, grondbelasting, kadastraal inkomen, vermindering, bezwaar, eigenaar, "
            "aanslagbiljet, Brussel",
            fr="précompte immobilier, revenu cadastral, réduction, réclamation, propriétaire, avertissement-extrait "
            "de rôle, Bruxelles",
            en="property tax, real estate tax, cadastral income, reduction, objection, owner, tax bill, Brussels",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=20,
        channels=(brussels_online("/precompte-immobilier"), brussels_phone(), brussels_appointment()),
        reviewed_days_ago=70,
    ),
    ServiceData(
        slug="city-tax-tourist-accommodation",
        organisation="brussels-fiscality",
        department="gewestbelastingen",
        title=Text(
            nl="Citytax: belasting op toeristische logies",
            fr="City tax : taxe sur l'hébergement touristique",
            en="",
        ),
        summary=Text(
            nl="Verhuur je een kamer, appartement of huis aan toeristen in Brussel, bijvoorbeeld via een "
            "verhuurplatform? Dan betaal je de gewestelijke belasting op toeristische logies. Je registreert je "
            "en doet elk kwartaal aangifte.",
            fr="Vous louez une chambre, un appartement ou une maison à des touristes à Bruxelles, par exemple via "
            "une plateforme de location ? Vous payez alors la taxe régionale sur l'hébergement touristique. Vous "
            "vous enregistrez et faites une déclaration chaque trimestre.",
            en="",
        ),
        audience=Text(
            nl="Hotels, B&B's en particulieren die logies aanbieden aan toeristen in het Brussels Gewest.",
            fr="Les hôtels, chambres d'hôtes et particuliers qui offrent un hébergement aux touristes en Région "
            "bruxelloise.",
            en="",
        ),
        procedure=steps(
            nl=[
                "Registreer je logies online voor je de eerste gasten ontvangt.",
                "Doe elk kwartaal aangifte van het aantal overnachtingen.",
                "Je krijgt een aanslagbiljet. Betaal binnen 2 maanden.",
            ],
            fr=[
                "Enregistrez votre hébergement en ligne avant d'accueillir les premiers clients.",
                "Déclarez chaque trimestre le nombre de nuitées.",
                "Vous recevez un avertissement-extrait de rôle. Payez dans les 2 mois.",
            ],
            en=[],
        ),
        documents=lines(
            nl=["Je ondernemingsnummer of rijksregisternummer", "Het adres en het aantal kamers van je logies"],
            fr=[
                "Votre numéro d'entreprise ou de registre national",
                "L'adresse et le nombre de chambres de l'hébergement",
            ],
            en=[],
        ),
        cost=Text(
            nl="Het bedrag hangt af van het soort logies en het aantal kamers of overnachtingen.",
            fr="Le montant dépend du type d'hébergement et du nombre de chambres ou de nuitées.",
            en="",
        ),
        legal_basis=Text(
            nl="Ordonnantie van 23 december 2016 betreffende de gewestelijke belasting op toeristische logies.",
            fr="Ordonnance du 23 décembre 2016 relative à la taxe régionale sur l'hébergement touristique.",
            en="",
        ),
        processing_time=Text(
            nl="De registratie is meteen in orde.",
            fr="L'enregistrement est fait tout de suite.",
            en="",
        ),
        keywords=Text(
            nl="citytax, city tax, toeristenbelasting, toeristische logies, kamerverhuur, B&B, vakantiewoning, "
            "verhuurplatform",
            fr="city tax, taxe de séjour, hébergement touristique, location de courte durée, chambre d'hôtes, "
            "plateforme de location",
            en="",
        ),
        cost_amount=None,
        duration_minutes=20,
        channels=(brussels_online("/city-tax"), brussels_phone()),
        reviewed_days_ago=240,
    ),
    ServiceData(
        slug="registration-duties-abattement",
        organisation="brussels-fiscality",
        department="registratie-en-successie",
        title=Text(
            nl="Minder registratierechten bij de aankoop van je eerste woning",
            fr="Abattement sur les droits d'enregistrement pour votre première habitation",
            en="Lower registration duties when you buy your first home",
        ),
        summary=Text(
            nl="Koop je in Brussel een woning om er zelf te wonen, en heb je nog geen andere woning? Dan betaal je "
            "geen registratierechten op de eerste 200.000 euro van de prijs. Dat is een besparing van 25.000 euro.",
            fr="Vous achetez à Bruxelles un logement pour y habiter et vous n'avez pas d'autre logement ? Vous ne "
            "payez pas de droits d'enregistrement sur les premiers 200 000 euros du prix. C'est une économie de "
            "25 000 euros.",
            en="Are you buying a home in Brussels to live in, and do you not own another home? Then you pay no "
            "registration duties on the first 200,000 euros of the price. That saves you 25,000 euros.",
        ),
        audience=Text(
            nl="Kopers van een woning in het Brussels Gewest met een prijs tot 600.000 euro, die er binnen 3 jaar "
            "gaan wonen en er 5 jaar blijven wonen.",
            fr="Les acheteurs d'un logement en Région bruxelloise d'un prix jusqu'à 600 000 euros, qui y habitent "
            "dans les 3 ans et y restent 5 ans.",
            en="Buyers of a home in the Brussels Region priced up to 600,000 euros, who move in within 3 years and "
            "live there for 5 years.",
        ),
        procedure=steps(
            nl=[
                "Zeg aan je notaris dat je het abattement wilt.",
                "De notaris zet het in de aankoopakte en berekent de rechten.",
                "Schrijf je binnen 3 jaar in op het adres.",
                "Verhuis je toch binnen 5 jaar? Laat het ons weten: je moet dan een deel terugbetalen.",
            ],
            fr=[
                "Dites à votre notaire que vous voulez l'abattement.",
                "Le notaire l'inscrit dans l'acte d'achat et calcule les droits.",
                "Domiciliez-vous à l'adresse dans les 3 ans.",
                "Vous déménagez quand même dans les 5 ans ? Prévenez-nous : vous devrez rembourser une partie.",
            ],
            en=[
                "Tell your notary that you want the reduction.",
                "The notary puts it in the deed of sale and calculates the duties.",
                "Register at the address within 3 years.",
                "Moving out within 5 years after all? Let us know: you will have to pay part of it back.",
            ],
        ),
        documents=lines(
            nl=["Niets: je notaris regelt het"],
            fr=["Rien : votre notaire s'en occupe"],
            en=["Nothing: your notary takes care of it"],
        ),
        cost=Text(
            nl="Gratis. De registratierechten zelf zijn 12,5 procent van de prijs boven 200.000 euro.",
            fr="Gratuit. Les droits d'enregistrement sont de 12,5 pour cent du prix au-delà de 200 000 euros.",
            en="Free. The registration duties themselves are 12.5 percent of the price above 200,000 euros.",
        ),
        legal_basis=Text(
            nl="Wetboek der registratie-, hypotheek- en griffierechten, artikel 46bis, zoals van toepassing in het "
            "Brussels Hoofdstedelijk Gewest.",
            fr="Code des droits d'enregistrement, d'hypothèque et de greffe, article 46bis, tel qu'applicable en "
            "Région de Bruxelles-Capitale.",
            en="Code of Registration, Mortgage and Court Fees, article 46bis, as applicable in the Brussels-Capital "
            "Region.",
        ),
        processing_time=Text(
            nl="Bij het verlijden van de akte.",
            fr="À la signature de l'acte.",
            en="When the deed is signed.",
        ),
        keywords=Text(
            nl="abattement, registratierechten, huis kopen, eerste woning, notaris, aankoop woning, Brussel",
            fr="abattement, droits d'enregistrement, acheter une maison, première habitation, notaire, Bruxelles",
            en="registration duties, stamp duty, buy a house, first home, notary, property purchase, Brussels",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=20,
        channels=(brussels_online("/abattement"), brussels_phone()),
        reviewed_days_ago=100,
    ),
    ServiceData(
        slug="vehicle-tax",
        organisation="brussels-fiscality",
        department="gewestbelastingen",
        title=Text(
            nl="Verkeersbelasting: vragen over je aanslag",
            fr="Taxe de circulation : questions sur votre avertissement",
            en="Vehicle tax: questions about your bill",
        ),
        summary=Text(
            nl="Heb je een auto, motor of bestelwagen ingeschreven op een adres in Brussel? Dan betaal je elk jaar "
            "verkeersbelasting. Heb je een vraag over het bedrag, een vrijstelling of een terugbetaling na de "
            "verkoop van je wagen? Wij helpen je.",
            fr="Vous avez une voiture, une moto ou une camionnette immatriculée à une adresse à Bruxelles ? Vous "
            "payez chaque année la taxe de circulation. Vous avez une question sur le montant, une exonération ou "
            "un remboursement après la vente de votre véhicule ? Nous vous aidons.",
            en="Do you have a car, motorbike or van registered at an address in Brussels? Then you pay vehicle tax "
            "every year. Questions about the amount, an exemption or a refund after selling your vehicle? We can "
            "help.",
        ),
        audience=Text(
            nl="Inwoners en bedrijven van het Brussels Gewest met een ingeschreven voertuig.",
            fr="Les habitants et entreprises de la Région bruxelloise qui ont un véhicule immatriculé.",
            en="Residents and businesses in the Brussels Region with a registered vehicle.",
        ),
        procedure=steps(
            nl=[
                "Bekijk je aanslagbiljet en de uitleg op onze website.",
                "Stel je vraag online of bel ons.",
                "Ben je het niet eens met je aanslag? Dien een bezwaarschrift in binnen 3 maanden.",
            ],
            fr=[
                "Consultez votre avertissement-extrait de rôle et les explications sur notre site.",
                "Posez votre question en ligne ou appelez-nous.",
                "Vous n'êtes pas d'accord ? Introduisez une réclamation dans les 3 mois.",
            ],
            en=[
                "Look at your tax bill and the explanation on our website.",
                "Ask your question online or call us.",
                "Don't agree with your bill? File an objection within 3 months.",
            ],
        ),
        documents=lines(
            nl=[
                "Je aanslagbiljet",
                "Het inschrijvingsbewijs van je voertuig",
                "Het bewijs van schrapping van de nummerplaat, na een verkoop",
            ],
            fr=[
                "Votre avertissement-extrait de rôle",
                "Le certificat d'immatriculation",
                "La preuve de radiation de la plaque, après une vente",
            ],
            en=[
                "Your tax bill",
                "The vehicle registration certificate",
                "Proof that the number plate was cancelled, after a sale",
            ],
        ),
        cost=Text(
            nl="Het bedrag hangt af van het vermogen van je voertuig en het soort brandstof.",
            fr="Le montant dépend de la puissance de votre véhicule et du type de carburant.",
            en="The amount depends on your vehicle's power and fuel type.",
        ),
        legal_basis=Text(
            nl="Wetboek van de met de inkomstenbelastingen gelijkgestelde belastingen, titel II, zoals van "
            "toepassing in het Brussels Hoofdstedelijk Gewest.",
            fr="Code des taxes assimilées aux impôts sur les revenus, titre II, tel qu'applicable en Région de "
            "Bruxelles-Capitale.",
            en="Code of Taxes Assimilated to Income Taxes, title II, as applicable in the Brussels-Capital Region.",
        ),
        processing_time=Text(
            nl="Een antwoord binnen 10 werkdagen.",
            fr="Une réponse dans les 10 jours ouvrables.",
            en="An answer within 10 working days.",
        ),
        keywords=Text(
            nl="verkeersbelasting, autobelasting, wegenbelasting, auto, nummerplaat, vrijstelling, terugbetaling",
            fr="taxe de circulation, taxe automobile, voiture, plaque, exonération, remboursement",
            en="vehicle tax, road tax, car tax, car, number plate, exemption, refund",
        ),
        cost_amount=None,
        duration_minutes=15,
        channels=(brussels_online("/taxe-de-circulation"), brussels_phone(), brussels_appointment()),
        reviewed_days_ago=400,
    ),
    ServiceData(
        slug="inheritance-tax-declaration",
        organisation="brussels-fiscality",
        department="registratie-en-successie",
        title=Text(
            nl="Aangifte van nalatenschap en successierechten",
            fr="Déclaration de succession et droits de succession",
            en="Inheritance declaration and inheritance tax",
        ),
        summary=Text(
            nl="Woonde de overledene in Brussel? Dan doen de erfgenamen een aangifte van nalatenschap en betalen "
            "ze successierechten. Meestal doet een notaris dat voor de familie. Wij beantwoorden je vragen.",
            fr="La personne décédée habitait à Bruxelles ? Les héritiers font alors une déclaration de succession et "
            "paient des droits de succession. En général, un notaire s'en occupe pour la famille. Nous répondons à "
            "vos questions.",
            en="Did the person who died live in Brussels? Then the heirs file an inheritance declaration and pay "
            "inheritance tax. Usually a notary does this for the family. We answer your questions.",
        ),
        audience=Text(
            nl="Erfgenamen van iemand die in het Brussels Gewest woonde.",
            fr="Les héritiers d'une personne qui habitait en Région bruxelloise.",
            en="Heirs of someone who lived in the Brussels Region.",
        ),
        procedure=steps(
            nl=[
                "Dien de aangifte in binnen 4 maanden na het overlijden (binnen België).",
                "Een notaris kan dat voor je doen. Je kunt het ook zelf doen.",
                "Je krijgt een berekening van de rechten. Betaal binnen 2 maanden na de termijn van de aangifte.",
            ],
            fr=[
                "Déposez la déclaration dans les 4 mois après le décès (en Belgique).",
                "Un notaire peut le faire pour vous. Vous pouvez aussi le faire vous-même.",
                "Vous recevez le calcul des droits. Payez dans les 2 mois après le délai de déclaration.",
            ],
            en=[
                "File the declaration within 4 months after the death (if it happened in Belgium).",
                "A notary can do this for you. You can also do it yourself.",
                "You get a calculation of the tax. Pay within 2 months after the filing deadline.",
            ],
        ),
        documents=lines(
            nl=[
                "De overlijdensakte",
                "Een attest van erfopvolging",
                "Een overzicht van de bankrekeningen en goederen van de overledene",
            ],
            fr=[
                "L'acte de décès",
                "Un certificat d'hérédité",
                "Un aperçu des comptes bancaires et des biens du défunt",
            ],
            en=[
                "The death certificate",
                "A certificate of inheritance",
                "An overview of the bank accounts and property of the person who died",
            ],
        ),
        cost=Text(
            nl="Het bedrag hangt af van de waarde van de erfenis en van je band met de overledene.",
            fr="Le montant dépend de la valeur de l'héritage et de votre lien avec le défunt.",
            en="The amount depends on the value of the inheritance and your relationship to the person who died.",
        ),
        legal_basis=Text(
            nl="Wetboek der successierechten, zoals van toepassing in het Brussels Hoofdstedelijk Gewest.",
            fr="Code des droits de succession, tel qu'applicable en Région de Bruxelles-Capitale.",
            en="Inheritance Tax Code, as applicable in the Brussels-Capital Region.",
        ),
        processing_time=Text(
            nl="De berekening binnen ongeveer 3 maanden na de aangifte.",
            fr="Le calcul environ 3 mois après la déclaration.",
            en="The calculation about 3 months after the declaration.",
        ),
        keywords=Text(
            nl="successierechten, erfbelasting, aangifte nalatenschap, erfenis, erven, notaris, overlijden",
            fr="droits de succession, déclaration de succession, héritage, hériter, notaire, décès",
            en="inheritance tax, estate tax, inheritance declaration, inherit, notary, death",
        ),
        cost_amount=None,
        duration_minutes=30,
        channels=(brussels_online("/succession"), brussels_phone(), brussels_appointment()),
        reviewed_days_ago=160,
    ),
)

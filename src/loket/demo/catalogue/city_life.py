"""Demo services: mobility, taxes, business, events, childcare, leisure and jobs (city of Mechelen).

Two sheets here are deliberately incomplete, as real catalogues are: the noise permit has no
English summary and the sport-club subsidy no French procedure, so the public pages show their
"shown in another language" fallback in the demo.
"""

from __future__ import annotations

from decimal import Decimal

from loket.demo.channels import appointment, online, phone, quick_counter
from loket.demo.schema import ServiceData, Text, lines, steps

SERVICES: tuple[ServiceData, ...] = (
    ServiceData(
        slug="resident-parking-permit",
        organisation="mechelen",
        department="mobiliteit",
        title=Text(
            nl="Bewonerskaart om te parkeren in je straat",
            fr="Carte de riverain pour stationner dans votre rue",
            en="Resident parking permit",
        ),
        summary=Text(
            nl="Woon je in een straat waar je moet betalen om te parkeren? Met een bewonerskaart parkeer je in je "
            "eigen zone zonder parkeerticket.",
            fr="Vous habitez une rue où le stationnement est payant ? Avec une carte de riverain, vous stationnez "
            "dans votre zone sans ticket.",
            en="Do you live in a street with paid parking? With a resident parking permit you can park in your own "
            "zone without a ticket.",
        ),
        audience=Text(
            nl="Inwoners van een betaalzone in Mechelen, met een auto op naam van iemand van het gezin of een "
            "bedrijfswagen die je privé gebruikt.",
            fr="Les habitants d'une zone payante à Malines, avec une voiture au nom d'un membre du ménage ou une "
            "voiture de société utilisée à titre privé.",
            en="Residents of a paid-parking zone in Mechelen, with a car registered to a household member or a "
            "company car for private use.",
        ),
        procedure=steps(
            nl=[
                "Vraag de kaart online aan. Je hebt alleen je nummerplaat nodig.",
                "Betaal online.",
                "Je kaart is digitaal: de scanwagen herkent je nummerplaat. Je hoeft niets achter je voorruit te "
                "leggen.",
            ],
            fr=[
                "Demandez la carte en ligne. Il vous suffit de votre plaque d'immatriculation.",
                "Payez en ligne.",
                "La carte est numérique : la voiture de contrôle reconnaît votre plaque. Rien à mettre derrière le "
                "pare-brise.",
            ],
            en=[
                "Apply online. You only need your number plate.",
                "Pay online.",
                "Your permit is digital: the scan car recognises your number plate. You don't need to put anything "
                "behind your windscreen.",
            ],
        ),
        documents=lines(
            nl=[
                "Het inschrijvingsbewijs van je auto",
                "Voor een bedrijfswagen: een attest van je werkgever dat je de auto privé gebruikt",
            ],
            fr=[
                "Le certificat d'immatriculation de votre voiture",
                "Pour une voiture de société : une attestation de l'employeur pour l'usage privé",
            ],
            en=[
                "Your car's registration certificate",
                "For a company car: a certificate from your employer that you use it privately",
            ],
        ),
        cost=Text(
            nl="Eerste kaart: 25 euro per jaar. Tweede kaart: 100 euro per jaar.",
            fr="Première carte : 25 euros par an. Deuxième carte : 100 euros par an.",
            en="First permit: 25 euros a year. Second permit: 100 euros a year.",
        ),
        legal_basis=Text(
            nl="Retributiereglement parkeren van de stad Mechelen; ministerieel besluit van 9 januari 2007 over de "
            "bewonerskaart.",
            fr="Règlement-redevance stationnement de la ville de Malines ; arrêté ministériel du 9 janvier 2007 sur "
            "la carte de riverain.",
            en="City of Mechelen parking fees regulation; Ministerial Decree of 9 January 2007 on resident permits.",
        ),
        processing_time=Text(
            nl="Meteen geldig na betaling.",
            fr="Valable tout de suite après paiement.",
            en="Valid straight away after payment.",
        ),
        keywords=Text(
            nl="bewonerskaart, parkeerkaart, parkeren, bewonersparkeren, parkeervergunning, blauwe zone, "
            "betalend parkeren",
            fr="carte de riverain, carte de stationnement, stationner, stationnement payant, zone bleue",
            en="resident parking, parking permit, residents' permit, parking card, paid parking zone",
        ),
        cost_amount=Decimal("25.00"),
        duration_minutes=5,
        channels=(online("/e-loket/bewonerskaart"), phone()),
        reviewed_days_ago=75,
    ),
    ServiceData(
        slug="public-domain-occupation",
        organisation="mechelen",
        department="mobiliteit",
        title=Text(
            nl="Parkeerverbod aanvragen voor een verhuis of werken",
            fr="Demander une interdiction de stationner pour un déménagement ou des travaux",
            en="Reserve parking space for a move or building work",
        ),
        summary=Text(
            nl="Verhuis je, of komt er een container, een lift of een stelling voor je deur? Vraag dan een "
            "parkeerverbod aan. De stad plaatst de borden, zodat de plaats vrij is op de dag zelf.",
            fr="Vous déménagez, ou il y aura un conteneur, un monte-meubles ou un échafaudage devant chez vous ? "
            "Demandez une interdiction de stationner. La ville place les panneaux pour que la place soit libre "
            "le jour même.",
            en="Moving house, or having a skip, a furniture lift or scaffolding in front of your door? Ask for a "
            "parking ban. The city puts up the signs so the space is free on the day.",
        ),
        audience=Text(
            nl="Inwoners, verhuisbedrijven en aannemers in Mechelen.",
            fr="Les habitants, déménageurs et entrepreneurs à Malines.",
            en="Residents, removal companies and contractors in Mechelen.",
        ),
        procedure=steps(
            nl=[
                "Vraag het parkeerverbod online aan, minstens 10 werkdagen op voorhand.",
                "Geef de plaats, de datum en hoeveel meter je nodig hebt.",
                "De stad plaatst de borden minstens 2 dagen vooraf.",
            ],
            fr=[
                "Demandez l'interdiction de stationner en ligne, au moins 10 jours ouvrables à l'avance.",
                "Indiquez le lieu, la date et le nombre de mètres nécessaires.",
                "La ville place les panneaux au moins 2 jours avant.",
            ],
            en=[
                "Apply online at least 10 working days in advance.",
                "Give the place, the date and how many metres you need.",
                "The city puts up the signs at least 2 days before.",
            ],
        ),
        documents=lines(
            nl=["Het adres en de datum", "De nummerplaat van de verhuiswagen, als je die al kent"],
            fr=["L'adresse et la date", "La plaque du camion de déménagement, si vous la connaissez"],
            en=["The address and date", "The number plate of the removal van, if you know it"],
        ),
        cost=Text(
            nl="30 euro voor de borden, plus een kleine belasting per dag en per meter.",
            fr="30 euros pour les panneaux, plus une petite taxe par jour et par mètre.",
            en="30 euros for the signs, plus a small tax per day and per metre.",
        ),
        legal_basis=Text(
            nl="Politiecodex van de stad Mechelen; belastingreglement op het innemen van het openbaar domein.",
            fr="Code de police de la ville de Malines ; règlement-taxe sur l'occupation du domaine public.",
            en="City of Mechelen police code; tax regulation on the use of public land.",
        ),
        processing_time=Text(
            nl="10 werkdagen.",
            fr="10 jours ouvrables.",
            en="10 working days.",
        ),
        keywords=Text(
            nl="parkeerverbod, verhuiswagen, verhuislift, container, stelling, signalisatie, borden, inname "
            "openbaar domein, verhuizen",
            fr="interdiction de stationner, camion de déménagement, monte-meubles, conteneur, échafaudage, "
            "panneaux, occupation de la voie publique",
            en="parking ban, parking suspension, removal van, furniture lift, skip, scaffolding, road signs, moving",
        ),
        cost_amount=Decimal("30.00"),
        duration_minutes=10,
        channels=(online("/e-loket/parkeerverbod"), phone()),
        reviewed_days_ago=100,
    ),
    ServiceData(
        slug="taxi-cheques",
        organisation="mechelen",
        department="mobiliteit",
        title=Text(
            nl="Taxicheques voor mensen die moeilijk te been zijn",
            fr="Chèques taxi pour les personnes à mobilité réduite",
            en="Taxi cheques for people with limited mobility",
        ),
        summary=Text(
            nl="Kun je moeilijk met de bus of de fiets? Met taxicheques betaal je een deel van je taxirit. Je krijgt "
            "cheques voor 100 euro per jaar.",
            fr="Vous avez du mal à prendre le bus ou le vélo ? Avec des chèques taxi, vous payez une partie de votre "
            "course. Vous recevez des chèques pour 100 euros par an.",
            en="Do you find it hard to take the bus or ride a bike? Taxi cheques pay part of your taxi ride. You "
            "get cheques worth 100 euros a year.",
        ),
        audience=Text(
            nl="Inwoners van Mechelen met een erkende handicap of die 65 jaar of ouder zijn, met een verhoogde "
            "tegemoetkoming bij het ziekenfonds.",
            fr="Les habitants de Malines avec un handicap reconnu ou âgés de 65 ans ou plus, qui ont l'intervention "
            "majorée à la mutualité.",
            en="Mechelen residents with a recognised disability or aged 65 or over, who get the increased "
            "allowance from their health insurer.",
        ),
        procedure=steps(
            nl=[
                "Kom zonder afspraak naar het snelloket.",
                "We kijken meteen na of je recht hebt.",
                "Je krijgt je cheques mee. Je betaalt er een erkende taxi in Mechelen mee.",
            ],
            fr=[
                "Venez sans rendez-vous au guichet rapide.",
                "Nous vérifions tout de suite si vous y avez droit.",
                "Vous recevez vos chèques. Vous payez avec un taxi agréé à Malines.",
            ],
            en=[
                "Come to the quick counter without an appointment.",
                "We check straight away whether you are entitled.",
                "You get your cheques. You use them to pay an approved taxi in Mechelen.",
            ],
        ),
        documents=lines(
            nl=["Je identiteitskaart", "Een attest van je handicap, als je jonger bent dan 65"],
            fr=["Votre carte d'identité", "Une attestation de handicap, si vous avez moins de 65 ans"],
            en=["Your identity card", "A certificate of your disability, if you are under 65"],
        ),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=Text(
            nl="Reglement taxicheques van de stad Mechelen.",
            fr="Règlement chèques taxi de la ville de Malines.",
            en="City of Mechelen taxi cheque regulation.",
        ),
        processing_time=Text(nl="Meteen.", fr="Immédiatement.", en="Straight away."),
        keywords=Text(
            nl="taxicheques, taxi, vervoer, minder mobiel, rolstoel, handicap, senioren, verplaatsen",
            fr="chèques taxi, taxi, transport, mobilité réduite, fauteuil roulant, handicap, seniors",
            en="taxi cheques, taxi vouchers, transport, reduced mobility, wheelchair, disability, older people",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=4,
        channels=(quick_counter(), phone()),
        reviewed_days_ago=230,
    ),
    ServiceData(
        slug="taxi-licence",
        organisation="mechelen",
        department="mobiliteit",
        title=Text(
            nl="Taxivergunning afhalen of vernieuwen",
            fr="Retirer ou renouveler une licence de taxi",
            en="Collect or renew a taxi licence",
        ),
        summary=Text(
            nl="Wil je in Mechelen een taxidienst uitbaten? Dan heb je een exploitatievergunning van de stad nodig. "
            "Is je vergunning goedgekeurd of moet ze vernieuwd worden? Dan haal je het vergunningsbewijs af aan "
            "het snelloket.",
            fr="Vous voulez exploiter un service de taxi à Malines ? Il vous faut une licence d'exploitation de la "
            "ville. Votre licence est approuvée ou doit être renouvelée ? Retirez la preuve au guichet rapide.",
            en="Do you want to run a taxi service in Mechelen? You need an operating licence from the city. Has "
            "your licence been approved or does it need renewing? Collect the licence document at the quick counter.",
        ),
        audience=Text(
            nl="Taxibedrijven en zelfstandige taxichauffeurs met een vestiging in Mechelen.",
            fr="Les entreprises de taxi et chauffeurs indépendants établis à Malines.",
            en="Taxi companies and self-employed taxi drivers based in Mechelen.",
        ),
        procedure=steps(
            nl=[
                "Dien je aanvraag in bij de dienst Mobiliteit, per e-mail of via het e-loket.",
                "Het college beslist.",
                "Haal je vergunningsbewijs en het kenteken voor je voertuig af aan het snelloket.",
            ],
            fr=[
                "Introduisez votre demande au service Mobilité, par e-mail ou via le guichet électronique.",
                "Le collège décide.",
                "Retirez la preuve de licence et le signe distinctif pour votre véhicule au guichet rapide.",
            ],
            en=[
                "Apply to the Mobility department, by e-mail or through the e-counter.",
                "The board of mayor and aldermen decides.",
                "Collect your licence document and the vehicle badge at the quick counter.",
            ],
        ),
        documents=lines(
            nl=[
                "Je identiteitskaart",
                "Je ondernemingsnummer",
                "Het inschrijvingsbewijs en het keuringsbewijs van je voertuig",
            ],
            fr=[
                "Votre carte d'identité",
                "Votre numéro d'entreprise",
                "Le certificat d'immatriculation et de contrôle du véhicule",
            ],
            en=[
                "Your identity card",
                "Your enterprise number",
                "The vehicle's registration and inspection certificates",
            ],
        ),
        cost=Text(
            nl="De vergunning zelf is gratis. De stad heft een jaarlijkse belasting van 500 euro per voertuig.",
            fr="La licence elle-même est gratuite. La ville perçoit une taxe annuelle de 500 euros par véhicule.",
            en="The licence itself is free. The city charges a yearly tax of 500 euros per vehicle.",
        ),
        legal_basis=Text(
            nl="Decreet van 29 maart 2019 betreffende het individueel bezoldigd personenvervoer; belastingreglement "
            "taxi's van de stad Mechelen.",
            fr="Décret flamand du 29 mars 2019 relatif au transport rémunéré de personnes ; règlement-taxe sur les "
            "taxis de la ville de Malines.",
            en="Flemish Decree of 29 March 2019 on paid individual passenger transport; City of Mechelen taxi tax "
            "regulation.",
        ),
        processing_time=Text(
            nl="De beslissing binnen 2 maanden; het afhalen duurt enkele minuten.",
            fr="La décision dans les 2 mois ; le retrait prend quelques minutes.",
            en="The decision within 2 months; collecting it takes a few minutes.",
        ),
        keywords=Text(
            nl="taxivergunning, exploitatievergunning, taxi, taxichauffeur, personenvervoer, kenteken taxi",
            fr="licence de taxi, autorisation d'exploitation, taxi, chauffeur de taxi, transport de personnes",
            en="taxi licence, operating licence, taxi, taxi driver, passenger transport, taxi badge",
        ),
        cost_amount=None,
        duration_minutes=4,
        channels=(quick_counter(), online("/e-loket/taxivergunning"), phone()),
        reviewed_days_ago=395,
    ),
    ServiceData(
        slug="advertising-tax",
        organisation="mechelen",
        department="financien",
        title=Text(
            nl="Belasting op reclame aangeven en betalen",
            fr="Déclarer et payer la taxe sur la publicité",
            en="Declare and pay the advertising tax",
        ),
        summary=Text(
            nl="Hang je een reclamebord, een lichtreclame of een spandoek op dat je vanaf de straat ziet? Dan betaal "
            "je een belasting op reclame. Je geeft je reclame aan bij de stad.",
            fr="Vous placez un panneau publicitaire, une enseigne lumineuse ou une banderole visible depuis la rue ? "
            "Vous payez alors une taxe sur la publicité. Vous déclarez votre publicité à la ville.",
            en="Are you putting up an advertising board, an illuminated sign or a banner that can be seen from the "
            "street? Then you pay an advertising tax. You declare your advertising to the city.",
        ),
        audience=Text(
            nl="Handelaars, bedrijven en organisaties met reclame in Mechelen.",
            fr="Les commerçants, entreprises et organisations qui font de la publicité à Malines.",
            en="Shops, businesses and organisations advertising in Mechelen.",
        ),
        procedure=steps(
            nl=[
                "Vul het aangifteformulier in binnen 1 maand nadat je de reclame plaatst.",
                "Geef het af aan het snelloket of stuur het per e-mail.",
                "Je krijgt een aanslagbiljet. Betaal binnen 2 maanden.",
            ],
            fr=[
                "Remplissez la déclaration dans le mois qui suit la pose de la publicité.",
                "Remettez-la au guichet rapide ou envoyez-la par e-mail.",
                "Vous recevez un avertissement-extrait de rôle. Payez dans les 2 mois.",
            ],
            en=[
                "Fill in the declaration form within 1 month after you put up the advertising.",
                "Hand it in at the quick counter or send it by e-mail.",
                "You get a tax bill. Pay within 2 months.",
            ],
        ),
        documents=lines(
            nl=["Het ingevulde aangifteformulier", "Een foto van de reclame en de afmetingen"],
            fr=["La déclaration remplie", "Une photo de la publicité et ses dimensions"],
            en=["The completed declaration form", "A photo of the advertising and its size"],
        ),
        cost=Text(
            nl="Het bedrag hangt af van de grootte en het soort reclame: per vierkante meter per jaar.",
            fr="Le montant dépend de la taille et du type de publicité : par mètre carré et par an.",
            en="The amount depends on the size and kind of advertising: per square metre per year.",
        ),
        legal_basis=Text(
            nl="Belastingreglement op reclame van de stad Mechelen.",
            fr="Règlement-taxe sur la publicité de la ville de Malines.",
            en="City of Mechelen advertising tax regulation.",
        ),
        processing_time=Text(
            nl="Het aanslagbiljet komt binnen 3 maanden.",
            fr="L'avertissement-extrait de rôle arrive dans les 3 mois.",
            en="The tax bill arrives within 3 months.",
        ),
        keywords=Text(
            nl="reclamebelasting, belasting op reclame, uithangbord, lichtreclame, spandoek, reclamebord, handelaar",
            fr="taxe sur la publicité, enseigne, enseigne lumineuse, banderole, panneau publicitaire, commerçant",
            en="advertising tax, sign tax, shop sign, illuminated sign, banner, billboard, shopkeeper",
        ),
        cost_amount=None,
        duration_minutes=4,
        channels=(quick_counter(), online("/e-loket/reclamebelasting"), phone()),
        reviewed_days_ago=510,
    ),
    ServiceData(
        slug="starting-a-business",
        organisation="mechelen",
        department="ondernemen",
        title=Text(
            nl="Advies om een zaak te starten",
            fr="Conseils pour lancer une entreprise",
            en="Advice on starting a business",
        ),
        summary=Text(
            nl="Wil je een eigen zaak beginnen in Mechelen? Het Ondernemersloket van de stad legt je gratis uit "
            "wat je moet regelen: je inschrijving in de Kruispuntbank van Ondernemingen, btw, sociale zekerheid, "
            "vergunningen en een geschikt pand.",
            fr="Vous voulez lancer votre entreprise à Malines ? Le guichet des entrepreneurs de la ville vous "
            "explique gratuitement ce qu'il faut faire : inscription à la Banque-Carrefour des Entreprises, TVA, "
            "sécurité sociale, autorisations et un local adapté.",
            en="Do you want to start your own business in Mechelen? The city's Business desk explains for free "
            "what you need to arrange: registration in the Crossroads Bank for Enterprises, VAT, social security, "
            "permits and suitable premises.",
        ),
        audience=Text(
            nl="Starters, zelfstandigen in bijberoep en handelaars die een zaak openen of verhuizen in Mechelen.",
            fr="Les starters, indépendants complémentaires et commerçants qui ouvrent ou déménagent un commerce à "
            "Malines.",
            en="Starters, people going self-employed alongside a job, and shopkeepers opening or moving a business "
            "in Mechelen.",
        ),
        procedure=steps(
            nl=[
                "Maak een afspraak bij het Ondernemersloket.",
                "We overlopen samen je plannen en maken een lijst van wat je moet doen.",
                "Je schrijft je in bij een erkend ondernemingsloket. Daar krijg je je ondernemingsnummer.",
                "Je sluit je aan bij een sociaal verzekeringsfonds en activeert je btw-nummer.",
            ],
            fr=[
                "Prenez rendez-vous au guichet des entrepreneurs.",
                "Nous parcourons ensemble votre projet et faisons une liste de ce qu'il faut faire.",
                "Vous vous inscrivez dans un guichet d'entreprises agréé. Vous y recevez votre numéro d'entreprise.",
                "Vous vous affiliez à une caisse d'assurances sociales et activez votre numéro de TVA.",
            ],
            en=[
                "Book an appointment at the Business desk.",
                "We go through your plans together and make a list of what to do.",
                "You register at an approved business one-stop shop. There you get your enterprise number.",
                "You join a social insurance fund and activate your VAT number.",
            ],
        ),
        documents=lines(
            nl=["Je identiteitskaart", "Je ondernemingsplan of een korte beschrijving van je idee"],
            fr=["Votre carte d'identité", "Votre plan d'affaires ou une courte description de votre idée"],
            en=["Your identity card", "Your business plan or a short description of your idea"],
        ),
        cost=Text(
            nl="Het advies van de stad is gratis. Het ondernemingsloket rekent ongeveer 100 euro aan voor je "
            "inschrijving.",
            fr="Le conseil de la ville est gratuit. Le guichet d'entreprises facture environ 100 euros pour "
            "l'inscription.",
            en="The city's advice is free. The business one-stop shop charges about 100 euros for registration.",
        ),
        legal_basis=Text(
            nl="Wetboek van economisch recht, boek III (Kruispuntbank van Ondernemingen).",
            fr="Code de droit économique, livre III (Banque-Carrefour des Entreprises).",
            en="Code of Economic Law, book III (Crossroads Bank for Enterprises).",
        ),
        processing_time=Text(
            nl="Een afspraak binnen 1 week.",
            fr="Un rendez-vous dans la semaine.",
            en="An appointment within 1 week.",
        ),
        keywords=Text(
            nl="zaak starten, eigen zaak, zelfstandige worden, ondernemingsnummer, KBO, btw-nummer, starter, "
            "handelszaak openen, bijberoep",
            fr="lancer une entreprise, devenir indépendant, numéro d'entreprise, BCE, numéro de TVA, ouvrir un "
            "commerce",
            en="start a business, become self-employed, enterprise number, KBO, VAT number, open a shop, freelancer",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=45,
        channels=(appointment(), phone(), online("/ondernemen/starten")),
        reviewed_days_ago=80,
    ),
    ServiceData(
        slug="terrace-permit",
        organisation="mechelen",
        department="ondernemen",
        title=Text(
            nl="Terrasvergunning aanvragen",
            fr="Demander une autorisation de terrasse",
            en="Apply for a terrace permit",
        ),
        summary=Text(
            nl="Wil je met je café, restaurant of zaak een terras zetten op de stoep of het plein? Dan heb je een "
            "terrasvergunning van de stad nodig.",
            fr="Vous voulez installer une terrasse sur le trottoir ou la place pour votre café, restaurant ou "
            "commerce ? Il vous faut une autorisation de terrasse de la ville.",
            en="Do you want to put a terrace on the pavement or square for your café, restaurant or shop? Then "
            "you need a terrace permit from the city.",
        ),
        audience=Text(
            nl="Horecazaken en handelaars in Mechelen.",
            fr="Les établissements horeca et commerçants à Malines.",
            en="Cafés, restaurants and shops in Mechelen.",
        ),
        procedure=steps(
            nl=[
                "Vraag de vergunning online aan, met een plan van het terras.",
                "De stad controleert of er genoeg ruimte blijft voor voetgangers en rolstoelen.",
                "Je krijgt de vergunning per e-mail. Hang ze zichtbaar op.",
            ],
            fr=[
                "Demandez l'autorisation en ligne, avec un plan de la terrasse.",
                "La ville vérifie qu'il reste assez de place pour les piétons et les fauteuils roulants.",
                "Vous recevez l'autorisation par e-mail. Affichez-la de façon visible.",
            ],
            en=[
                "Apply online, with a plan of the terrace.",
                "The city checks there is still enough room for pedestrians and wheelchairs.",
                "You get the permit by e-mail. Display it where it can be seen.",
            ],
        ),
        documents=lines(
            nl=["Een plan van het terras met de afmetingen", "Foto's van het meubilair"],
            fr=["Un plan de la terrasse avec les dimensions", "Des photos du mobilier"],
            en=["A plan of the terrace with its size", "Photos of the furniture"],
        ),
        cost=Text(
            nl="Je betaalt een belasting per vierkante meter en per jaar, afhankelijk van de straat.",
            fr="Vous payez une taxe par mètre carré et par an, selon la rue.",
            en="You pay a tax per square metre per year, depending on the street.",
        ),
        legal_basis=Text(
            nl="Terrassenreglement en belastingreglement op terrassen van de stad Mechelen.",
            fr="Règlement des terrasses et règlement-taxe sur les terrasses de la ville de Malines.",
            en="City of Mechelen terrace regulation and terrace tax regulation.",
        ),
        processing_time=Text(nl="Ongeveer 4 weken.", fr="Environ 4 semaines.", en="About 4 weeks."),
        keywords=Text(
            nl="terras, terrasvergunning, horeca, café, restaurant, stoep, tafels buiten",
            fr="terrasse, autorisation de terrasse, horeca, café, restaurant, trottoir, tables dehors",
            en="terrace, pavement café, outdoor seating, café, restaurant, tables outside",
        ),
        cost_amount=None,
        duration_minutes=15,
        channels=(online("/e-loket/terras"), phone()),
        reviewed_days_ago=210,
    ),
    ServiceData(
        slug="event-permit",
        organisation="mechelen",
        department="evenementen",
        title=Text(
            nl="Toelating voor een evenement of buurtfeest",
            fr="Autorisation pour un événement ou une fête de quartier",
            en="Permission for an event or street party",
        ),
        summary=Text(
            nl="Organiseer je een buurtfeest, een markt, een sportwedstrijd of een festival in Mechelen? Vraag dan "
            "een toelating aan. Voor een buurtfeest kun je ook gratis materiaal lenen.",
            fr="Vous organisez une fête de quartier, un marché, une compétition sportive ou un festival à Malines ? "
            "Demandez une autorisation. Pour une fête de quartier, vous pouvez aussi emprunter du matériel "
            "gratuitement.",
            en="Organising a street party, a market, a sports event or a festival in Mechelen? Apply for "
            "permission. For a street party you can also borrow equipment for free.",
        ),
        audience=Text(
            nl="Verenigingen, buurtcomités, bedrijven en inwoners die iets organiseren.",
            fr="Les associations, comités de quartier, entreprises et habitants qui organisent quelque chose.",
            en="Associations, neighbourhood committees, businesses and residents who organise something.",
        ),
        procedure=steps(
            nl=[
                "Vraag de toelating online aan: 2 maanden vooraf, 3 maanden voor een groot evenement.",
                "We vragen advies aan de politie, de brandweer en de buren als dat nodig is.",
                "Je krijgt de beslissing en, als dat nodig is, een parkeerverbod en signalisatie.",
            ],
            fr=[
                "Demandez l'autorisation en ligne : 2 mois avant, 3 mois pour un grand événement.",
                "Nous demandons l'avis de la police, des pompiers et des voisins si nécessaire.",
                "Vous recevez la décision et, si nécessaire, une interdiction de stationner et la signalisation.",
            ],
            en=[
                "Apply online: 2 months in advance, 3 months for a large event.",
                "We ask the police, the fire service and the neighbours for advice if needed.",
                "You get the decision and, if needed, a parking ban and road signs.",
            ],
        ),
        documents=lines(
            nl=[
                "Een plan van de plaats",
                "Het programma en het verwachte aantal bezoekers",
                "Een verzekering burgerlijke aansprakelijkheid",
            ],
            fr=[
                "Un plan du lieu",
                "Le programme et le nombre de visiteurs attendus",
                "Une assurance responsabilité civile",
            ],
            en=["A map of the site", "The programme and expected number of visitors", "Public liability insurance"],
        ),
        cost=Text(
            nl="De toelating is gratis. Voor sommige materialen en diensten betaal je een kleine vergoeding.",
            fr="L'autorisation est gratuite. Certains matériels et services sont payants.",
            en="Permission is free. Some equipment and services cost a small fee.",
        ),
        legal_basis=Text(
            nl="Nieuwe Gemeentewet, artikel 135; politiecodex van de stad Mechelen.",
            fr="Nouvelle loi communale, article 135 ; code de police de la ville de Malines.",
            en="New Municipal Act, article 135; City of Mechelen police code.",
        ),
        processing_time=Text(
            nl="Ongeveer 6 weken; voor een groot evenement tot 3 maanden.",
            fr="Environ 6 semaines ; jusqu'à 3 mois pour un grand événement.",
            en="About 6 weeks; up to 3 months for a large event.",
        ),
        keywords=Text(
            nl="evenement, buurtfeest, straatfeest, festival, markt, fuif, evenementenloket, materiaal lenen",
            fr="événement, fête de quartier, fête de rue, festival, marché, soirée, emprunter du matériel",
            en="event, street party, block party, festival, market, party, borrow equipment",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=20,
        channels=(online("/evenementenloket"), phone()),
        reviewed_days_ago=125,
    ),
    ServiceData(
        slug="noise-permit",
        organisation="mechelen",
        department="evenementen",
        title=Text(
            nl="Toelating voor luide muziek",
            fr="Autorisation pour de la musique amplifiée",
            en="Permission for loud music",
        ),
        summary=Text(
            nl="Speel je op een feest, fuif of evenement muziek die luider is dan 85 decibel? Dan heb je een "
            "toelating van de burgemeester nodig. Je moet het geluid meten en de buren verwittigen.",
            fr="Vous diffusez à une fête, une soirée ou un événement de la musique plus forte que 85 décibels ? "
            "Il vous faut une autorisation du bourgmestre. Vous devez mesurer le son et prévenir les voisins.",
            en="",
        ),
        audience=Text(
            nl="Organisatoren van feesten, fuiven, concerten en evenementen, en uitbaters van cafés met luide muziek.",
            fr="Les organisateurs de fêtes, soirées, concerts et événements, et les exploitants de cafés avec de la "
            "musique forte.",
            en="Organisers of parties, concerts and events, and café owners with loud music.",
        ),
        procedure=steps(
            nl=[
                "Vraag de toelating online aan, minstens 6 weken vooraf.",
                "Kies een geluidsniveau: tot 95 of tot 100 decibel.",
                "Meet het geluid tijdens het evenement en hou de meting bij.",
            ],
            fr=[
                "Demandez l'autorisation en ligne, au moins 6 semaines avant.",
                "Choisissez un niveau sonore : jusqu'à 95 ou jusqu'à 100 décibels.",
                "Mesurez le son pendant l'événement et conservez la mesure.",
            ],
            en=[
                "Apply online at least 6 weeks in advance.",
                "Choose a sound level: up to 95 or up to 100 decibels.",
                "Measure the sound during the event and keep the readings.",
            ],
        ),
        documents=lines(
            nl=["De plaats, datum en uren van het evenement", "Het gevraagde geluidsniveau"],
            fr=["Le lieu, la date et les heures de l'événement", "Le niveau sonore demandé"],
            en=["The place, date and hours of the event", "The sound level you ask for"],
        ),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=Text(
            nl="VLAREM II, hoofdstuk 6.7 (muziekactiviteiten); politiecodex van de stad Mechelen.",
            fr="VLAREM II, chapitre 6.7 (activités musicales) ; code de police de la ville de Malines.",
            en="VLAREM II, chapter 6.7 (music activities); City of Mechelen police code.",
        ),
        processing_time=Text(nl="Ongeveer 4 weken.", fr="Environ 4 semaines.", en="About 4 weeks."),
        keywords=Text(
            nl="geluidsnorm, luide muziek, decibel, fuif, geluidsvergunning, muziek buiten, 85 dB",
            fr="norme sonore, musique forte, décibels, soirée, autorisation son, musique en plein air",
            en="noise permit, loud music, decibels, sound level, party, outdoor music, amplified music",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=10,
        channels=(online("/evenementenloket/geluid"), phone()),
        reviewed_days_ago=240,
    ),
    ServiceData(
        slug="childcare-application",
        organisation="mechelen",
        department="kinderopvang",
        title=Text(
            nl="Kinderopvang zoeken voor je baby of peuter",
            fr="Chercher une place d'accueil pour votre bébé ou bambin",
            en="Find childcare for your baby or toddler",
        ),
        summary=Text(
            nl="Zoek je opvang voor je kind van 0 tot 3 jaar? Via het Loket Kinderopvang Mechelen vraag je met één "
            "aanvraag een plaats in alle kinderdagverblijven en bij onthaalouders van de stad. Doe het zo vroeg "
            "mogelijk, al tijdens de zwangerschap.",
            fr="Vous cherchez un accueil pour votre enfant de 0 à 3 ans ? Via le guichet Accueil de l'enfance de "
            "Malines, une seule demande suffit pour toutes les crèches et accueillantes de la ville. Faites-la le "
            "plus tôt possible, déjà pendant la grossesse.",
            en="Looking for childcare for your child aged 0 to 3? Through the Mechelen Childcare desk, one "
            "application covers all day-care centres and childminders in the city. Apply as early as possible, "
            "even during the pregnancy.",
        ),
        audience=Text(
            nl="Ouders die in Mechelen wonen of werken, met een kind jonger dan 3 jaar of dat nog geboren moet worden.",
            fr="Les parents qui habitent ou travaillent à Malines, avec un enfant de moins de 3 ans ou à naître.",
            en="Parents who live or work in Mechelen, with a child under 3 or expecting one.",
        ),
        procedure=steps(
            nl=[
                "Vul de aanvraag online in. Zeg vanaf wanneer en hoeveel dagen per week je opvang nodig hebt.",
                "Je krijgt een bevestiging per e-mail.",
                "Zodra er een plaats vrij is, bellen we je. Je hebt 5 dagen om te beslissen.",
            ],
            fr=[
                "Remplissez la demande en ligne. Dites à partir de quand et combien de jours par semaine.",
                "Vous recevez une confirmation par e-mail.",
                "Dès qu'une place se libère, nous vous appelons. Vous avez 5 jours pour décider.",
            ],
            en=[
                "Fill in the application online. Say from when and how many days a week you need childcare.",
                "You get a confirmation by e-mail.",
                "As soon as a place is free, we call you. You have 5 days to decide.",
            ],
        ),
        documents=lines(
            nl=["De verwachte bevallingsdatum of de geboortedatum van je kind", "Je rijksregisternummer"],
            fr=[
                "La date prévue de l'accouchement ou la date de naissance de l'enfant",
                "Votre numéro de registre national",
            ],
            en=["The due date or your child's date of birth", "Your national register number"],
        ),
        cost=Text(
            nl="De aanvraag is gratis. De prijs van de opvang hangt af van je inkomen: ongeveer 6 tot 34 euro per dag.",
            fr="La demande est gratuite. Le prix de l'accueil dépend de vos revenus : environ 6 à 34 euros par jour.",
            en="Applying is free. The price of childcare depends on your income: about 6 to 34 euros a day.",
        ),
        legal_basis=Text(
            nl="Decreet van 20 april 2012 houdende de organisatie van kinderopvang van baby's en peuters; "
            "reglement Loket Kinderopvang Mechelen.",
            fr="Décret flamand du 20 avril 2012 portant organisation de l'accueil des bébés et bambins ; règlement "
            "du guichet Accueil de l'enfance de Malines.",
            en="Flemish Decree of 20 April 2012 on childcare for babies and toddlers; Mechelen Childcare desk rules.",
        ),
        processing_time=Text(
            nl="Je krijgt binnen 1 maand een eerste antwoord. Een plaats hangt af van de wachtlijst.",
            fr="Vous recevez une première réponse dans le mois. Une place dépend de la liste d'attente.",
            en="You get a first answer within 1 month. A place depends on the waiting list.",
        ),
        keywords=Text(
            nl="kinderopvang, crèche, kinderdagverblijf, onthaalouder, opvang baby, peuter, zwanger, plaats zoeken",
            fr="crèche, accueil de l'enfance, garderie, accueillante, garde bébé, bambin, enceinte",
            en="childcare, day care, nursery, creche, childminder, baby care, toddler, pregnant",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=20,
        channels=(online("/loket-kinderopvang"), appointment(), phone()),
        reviewed_days_ago=38,
    ),
    ServiceData(
        slug="sport-club-subsidy",
        organisation="mechelen",
        department="vrije-tijd",
        title=Text(
            nl="Subsidie voor je sportclub",
            fr="Subside pour votre club sportif",
            en="Grant for your sports club",
        ),
        summary=Text(
            nl="Erkende Mechelse sportclubs krijgen elk jaar een werkingssubsidie. Clubs met veel jeugdleden of "
            "met gediplomeerde trainers krijgen meer.",
            fr="Les clubs sportifs reconnus de Malines reçoivent chaque année un subside de fonctionnement. Les "
            "clubs avec beaucoup de jeunes ou des entraîneurs diplômés reçoivent plus.",
            en="Recognised sports clubs in Mechelen get a yearly operating grant. Clubs with many young members "
            "or qualified coaches get more.",
        ),
        audience=Text(
            nl="Sportclubs die erkend zijn door de sportraad van Mechelen.",
            fr="Les clubs sportifs reconnus par le conseil des sports de Malines.",
            en="Sports clubs recognised by the Mechelen sports council.",
        ),
        procedure=Text(
            nl="1. Dien je aanvraag online in voor 31 maart.\n"
            "2. Voeg het ledenoverzicht en de diploma's van je trainers toe.\n"
            "3. De sportdienst berekent het bedrag. Het geld staat voor de zomer op de rekening van de club.",
            fr="",
            en="1. Apply online before 31 March.\n"
            "2. Add the list of members and your coaches' diplomas.\n"
            "3. The sports department calculates the amount. The money is in the club's account before summer.",
        ),
        documents=lines(
            nl=["Het ledenoverzicht van vorig jaar", "De diploma's van de trainers", "Het rekeningnummer van de club"],
            fr=["La liste des membres de l'an dernier", "Les diplômes des entraîneurs", "Le numéro de compte du club"],
            en=["Last year's list of members", "The coaches' diplomas", "The club's bank account number"],
        ),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=Text(
            nl="Subsidiereglement sportverenigingen van de stad Mechelen.",
            fr="Règlement de subvention des associations sportives de la ville de Malines.",
            en="City of Mechelen sports club grant regulation.",
        ),
        processing_time=Text(
            nl="Uitbetaling voor 30 juni.",
            fr="Paiement avant le 30 juin.",
            en="Paid before 30 June.",
        ),
        keywords=Text(
            nl="sportsubsidie, subsidie sportclub, werkingssubsidie, sportvereniging, jeugdsport, sportraad",
            fr="subside sport, subvention club sportif, subside de fonctionnement, association sportive",
            en="sports grant, sports club subsidy, operating grant, sports association, youth sport",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=10,
        channels=(online("/sport/subsidies"), phone()),
        reviewed_days_ago=330,
    ),
    ServiceData(
        slug="library-card",
        organisation="mechelen",
        department="vrije-tijd",
        title=Text(
            nl="Lid worden van de bibliotheek",
            fr="S'inscrire à la bibliothèque",
            en="Join the library",
        ),
        summary=Text(
            nl="Met een bibliotheekkaart leen je boeken, strips, films en e-boeken in de bibliotheek Het Predikheren. "
            "Je kunt er ook gratis werken, studeren en op internet.",
            fr="Avec une carte de bibliothèque, vous empruntez des livres, des BD, des films et des livres "
            "numériques à la bibliothèque Het Predikheren. Vous pouvez aussi y travailler, étudier et aller sur "
            "internet gratuitement.",
            en="With a library card you can borrow books, comics, films and e-books at the Het Predikheren "
            "library. You can also work, study and use the internet there for free.",
        ),
        audience=Text(nl="Iedereen.", fr="Tout le monde.", en="Everyone."),
        procedure=steps(
            nl=[
                "Schrijf je online in, of kom naar de balie van de bibliotheek.",
                "Je eID is je bibliotheekkaart. Wil je een aparte kaart, dan krijg je die aan de balie.",
                "Leen tot 20 items voor 4 weken.",
            ],
            fr=[
                "Inscrivez-vous en ligne, ou venez au comptoir de la bibliothèque.",
                "Votre eID sert de carte de bibliothèque. Vous voulez une carte séparée ? Demandez-la au comptoir.",
                "Empruntez jusqu'à 20 documents pour 4 semaines.",
            ],
            en=[
                "Sign up online, or come to the library desk.",
                "Your eID is your library card. If you want a separate card, ask at the desk.",
                "Borrow up to 20 items for 4 weeks.",
            ],
        ),
        documents=lines(nl=["Je identiteitskaart"], fr=["Votre carte d'identité"], en=["Your identity card"]),
        cost=Text(
            nl="Gratis. Een aparte kaart kost 2,50 euro.",
            fr="Gratuit. Une carte séparée coûte 2,50 euros.",
            en="Free. A separate card costs 2.50 euros.",
        ),
        legal_basis=Text(
            nl="Gebruikersreglement van de bibliotheek Mechelen.",
            fr="Règlement d'utilisation de la bibliothèque de Malines.",
            en="Mechelen library user rules.",
        ),
        processing_time=Text(nl="Meteen.", fr="Immédiatement.", en="Straight away."),
        keywords=Text(
            nl="bibliotheek, bib, boeken lenen, bibliotheekkaart, Predikheren, e-boeken, studeren",
            fr="bibliothèque, emprunter des livres, carte de bibliothèque, livres numériques, étudier",
            en="library, borrow books, library card, e-books, study space",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=5,
        channels=(
            online(
                "/bibliotheek/lid-worden",
                Text(
                    nl="Schrijf je online in. Haal daarna je kaart af aan de balie van Het Predikheren, "
                    "Goswin de Stassartstraat 1.",
                    fr="Inscrivez-vous en ligne. Retirez ensuite votre carte au comptoir de Het Predikheren, "
                    "Goswin de Stassartstraat 1.",
                    en="Sign up online. Then collect your card at the desk of Het Predikheren, "
                    "Goswin de Stassartstraat 1.",
                ),
            ),
            phone(),
        ),
        reviewed_days_ago=60,
    ),
    ServiceData(
        slug="student-jobs",
        organisation="mechelen",
        department="personeel",
        title=Text(
            nl="Studentenjob bij de stad",
            fr="Job étudiant à la ville",
            en="Student job at the city",
        ),
        summary=Text(
            nl="Wil je in de zomer werken als animator op de speelpleinen, als redder in het zwembad of als "
            "medewerker in een museum? De stad zoekt elk jaar studenten.",
            fr="Vous voulez travailler l'été comme animateur dans les plaines de jeux, sauveteur à la piscine ou "
            "collaborateur dans un musée ? La ville cherche chaque année des étudiants.",
            en="Do you want to work in the summer as a playground leader, a lifeguard at the pool or an assistant "
            "in a museum? The city looks for students every year.",
        ),
        audience=Text(
            nl="Studenten vanaf 16 jaar (of 15 jaar als je de eerste graad van het secundair afwerkte).",
            fr="Les étudiants à partir de 16 ans (ou 15 ans après le premier degré du secondaire).",
            en="Students aged 16 or over (or 15 if you finished the first two years of secondary school).",
        ),
        procedure=steps(
            nl=[
                "Bekijk de vacatures vanaf januari op de website.",
                "Solliciteer online voor 1 maart.",
                "We nodigen je uit voor een kort gesprek.",
            ],
            fr=[
                "Consultez les offres à partir de janvier sur le site.",
                "Postulez en ligne avant le 1er mars.",
                "Nous vous invitons à un court entretien.",
            ],
            en=[
                "Look at the vacancies on the website from January.",
                "Apply online before 1 March.",
                "We invite you to a short interview.",
            ],
        ),
        documents=lines(
            nl=["Je cv", "Een attest van Student@work met je resterende uren"],
            fr=["Votre CV", "Une attestation Student@work avec vos heures restantes"],
            en=["Your CV", "A Student@work certificate showing your remaining hours"],
        ),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=Text(
            nl="Wet van 3 juli 1978 betreffende de arbeidsovereenkomsten, titel VI (studentenarbeid).",
            fr="Loi du 3 juillet 1978 relative aux contrats de travail, titre VI (occupation d'étudiants).",
            en="Act of 3 July 1978 on employment contracts, title VI (student work).",
        ),
        processing_time=Text(
            nl="Je hoort voor 1 april of je geselecteerd bent.",
            fr="Vous savez avant le 1er avril si vous êtes retenu.",
            en="You hear before 1 April whether you have been selected.",
        ),
        keywords=Text(
            nl="studentenjob, vakantiejob, zomerjob, werken als student, speelplein, monitor, redder, jobstudent",
            fr="job étudiant, job de vacances, travail d'été, animateur, moniteur, sauveteur",
            en="student job, summer job, holiday job, part-time job, playground leader, lifeguard",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=10,
        channels=(online("/jobs/studenten"), phone()),
        reviewed_days_ago=15,
    ),
)

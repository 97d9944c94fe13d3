"""Demo services: identity documents, passports and driving licences (city of Mechelen, Population).

Amounts are realistic for Belgium in 2026 (federal production cost plus the city's tax); the
exact figure of a real city will differ. Applications need an appointment because fingerprints
are taken; handing over a ready document is a quick-counter job of two or three minutes.
"""

from __future__ import annotations

from decimal import Decimal

from loket.demo.channels import appointment, home_visit, online, phone, quick_counter
from loket.demo.schema import ServiceData, Text, lines, steps

_HOME_VISIT_ID = home_visit(
    Text(
        nl="Kun je door ziekte, ouderdom of een handicap niet naar het Huis van de Mechelaar komen? "
        "Bel 0800 20 800 en vraag een huisbezoek aan. Je hebt een doktersattest nodig. "
        "Een medewerker komt met een mobiele kit bij je thuis langs.",
        fr="Vous ne pouvez pas venir à la Maison des Malinois à cause d'une maladie, de votre âge ou d'un "
        "handicap ? Appelez le 0800 20 800 et demandez une visite à domicile. Il faut un certificat médical. "
        "Un collaborateur passe chez vous avec un kit mobile.",
        en="Can't come to the Huis van de Mechelaar because of illness, old age or a disability? "
        "Call 0800 20 800 and ask for a home visit. You need a doctor's certificate. "
        "A staff member will visit you at home with a mobile kit.",
    )
)

_BOOK_ONLINE = Text(
    nl="Boek je afspraak online. Je kiest zelf de dag en het uur. De aanvraag zelf gebeurt aan het loket, "
    "omdat we je vingerafdrukken nemen.",
    fr="Réservez votre rendez-vous en ligne. Vous choisissez vous-même le jour et l'heure. La demande se fait "
    "au guichet, car nous prenons vos empreintes digitales.",
    en="Book your appointment online. You choose the day and time yourself. The application itself is made "
    "at the counter, because we take your fingerprints.",
)

SERVICES: tuple[ServiceData, ...] = (
    ServiceData(
        slug="identity-card",
        organisation="mechelen",
        department="burgerzaken",
        title=Text(
            nl="Identiteitskaart (eID) aanvragen",
            fr="Demander une carte d'identité (eID)",
            en="Apply for an identity card (eID)",
        ),
        summary=Text(
            nl="Je elektronische identiteitskaart (eID) bewijst wie je bent. Je hebt ze nodig om te reizen in "
            "Europa en om je online aan te melden bij de overheid. Vraag een nieuwe kaart aan als je kaart "
            "bijna vervalt, beschadigd is of als je foto niet meer op jou lijkt.",
            fr="Votre carte d'identité électronique (eID) prouve qui vous êtes. Vous en avez besoin pour voyager "
            "en Europe et pour vous connecter en ligne aux services publics. Demandez une nouvelle carte si la "
            "vôtre expire bientôt, est abîmée ou si la photo ne vous ressemble plus.",
            en="Your electronic identity card (eID) proves who you are. You need it to travel in Europe and to "
            "log in to government websites. Apply for a new card when yours is about to expire, is damaged, "
            "or when the photo no longer looks like you.",
        ),
        audience=Text(
            nl="Belgen die in Mechelen wonen, vanaf 12 jaar. Je krijgt een oproepingsbrief als je kaart bijna "
            "vervalt. Voor kinderen jonger dan 12 jaar is er de Kids-ID.",
            fr="Les Belges qui habitent à Malines, à partir de 12 ans. Vous recevez une convocation quand votre "
            "carte va expirer. Pour les enfants de moins de 12 ans, il existe la Kids-ID.",
            en="Belgians who live in Mechelen, from the age of 12. You get a letter when your card is about to "
            "expire. For children under 12 there is the Kids-ID.",
        ),
        procedure=steps(
            nl=[
                "Maak een afspraak aan het themaloket Bevolking.",
                "Kom met je documenten naar het Huis van de Mechelaar. We nemen je vingerafdrukken en je handtekening.",
                "Je betaalt aan het loket met de bankkaart.",
                "Na ongeveer drie weken krijg je een brief met je PIN- en PUK-code.",
                "Haal je kaart af aan het snelloket, zonder afspraak. Breng de brief met de codes mee.",
            ],
            fr=[
                "Prenez rendez-vous au guichet thématique Population.",
                "Venez à la Maison des Malinois avec vos documents. Nous prenons vos empreintes et votre signature.",
                "Vous payez au guichet par carte bancaire.",
                "Après environ trois semaines, vous recevez une lettre avec vos codes PIN et PUK.",
                "Retirez votre carte au guichet rapide, sans rendez-vous. Apportez la lettre avec les codes.",
            ],
            en=[
                "Book an appointment at the Population theme counter.",
                "Come to the Huis van de Mechelaar with your documents. We take your fingerprints and signature.",
                "You pay at the counter by bank card.",
                "After about three weeks you get a letter with your PIN and PUK codes.",
                "Collect your card at the quick counter, without an appointment. Bring the letter with the codes.",
            ],
        ),
        documents=lines(
            nl=[
                "Je huidige identiteitskaart",
                "Een recente pasfoto in kleur (niet ouder dan 6 maanden, met witte achtergrond)",
                "Je oproepingsbrief, als je er een kreeg",
            ],
            fr=[
                "Votre carte d'identité actuelle",
                "Une photo d'identité récente en couleur (de moins de 6 mois, sur fond blanc)",
                "Votre convocation, si vous en avez reçu une",
            ],
            en=[
                "Your current identity card",
                "A recent colour passport photo (less than 6 months old, on a white background)",
                "Your invitation letter, if you received one",
            ],
        ),
        cost=Text(
            nl="25 euro. Met de dringende procedure (kaart binnen 2 à 3 werkdagen) betaal je vanaf 125 euro.",
            fr="25 euros. Avec la procédure d'urgence (carte en 2 à 3 jours ouvrables), le prix commence à 125 euros.",
            en="25 euros. With the urgent procedure (card in 2 to 3 working days) it costs from 125 euros.",
        ),
        legal_basis=Text(
            nl="Wet van 19 juli 1991 betreffende de bevolkingsregisters en de identiteitskaarten; "
            "koninklijk besluit van 25 maart 2003 betreffende de identiteitskaarten; "
            "belastingreglement van de stad Mechelen op administratieve stukken.",
            fr="Loi du 19 juillet 1991 relative aux registres de la population et aux cartes d'identité ; "
            "arrêté royal du 25 mars 2003 relatif aux cartes d'identité ; "
            "règlement-taxe de la ville de Malines sur les documents administratifs.",
            en="Act of 19 July 1991 on population registers and identity cards; "
            "Royal Decree of 25 March 2003 on identity cards; "
            "City of Mechelen tax regulation on administrative documents.",
        ),
        processing_time=Text(
            nl="Ongeveer 3 weken; met de dringende procedure 2 à 3 werkdagen.",
            fr="Environ 3 semaines ; 2 à 3 jours ouvrables en procédure d'urgence.",
            en="About 3 weeks; 2 to 3 working days with the urgent procedure.",
        ),
        keywords=Text(
            nl="identiteitskaart, eID, ID-kaart, identiteitsbewijs, nieuwe identiteitskaart, kaart vervallen, "
            "kaart verlopen, oproepingsbrief, pasfoto",
            fr="carte d'identité, eID, carte ID, pièce d'identité, nouvelle carte d'identité, carte expirée, "
            "convocation, renouveler ma carte",
            en="identity card, ID card, eID, national ID, new ID card, expired ID, renew ID, ID renewal",
        ),
        cost_amount=Decimal("25.00"),
        duration_minutes=15,
        channels=(online("/afspraak/identiteitskaart", _BOOK_ONLINE), appointment(), phone(), _HOME_VISIT_ID),
        reviewed_days_ago=34,
    ),
    ServiceData(
        slug="kids-id",
        organisation="mechelen",
        department="burgerzaken",
        title=Text(
            nl="Kids-ID aanvragen voor je kind",
            fr="Demander une Kids-ID pour votre enfant",
            en="Apply for a Kids-ID for your child",
        ),
        summary=Text(
            nl="De Kids-ID is de identiteitskaart voor Belgische kinderen jonger dan 12 jaar. Je kind heeft ze "
            "nodig om te reizen in Europa. Op de kaart staat een telefoonnummer dat je kunt bellen als je "
            "kind in nood is (Hallo Ouders).",
            fr="La Kids-ID est la carte d'identité des enfants belges de moins de 12 ans. Votre enfant en a besoin "
            "pour voyager en Europe. La carte donne accès à un numéro que l'on peut appeler si l'enfant est en "
            "difficulté (Hallo Parents).",
            en="The Kids-ID is the identity card for Belgian children under 12. Your child needs it to travel in "
            "Europe. The card is linked to a phone service people can call if your child is in trouble "
            "(Hallo Ouders).",
        ),
        audience=Text(
            nl="Belgische kinderen jonger dan 12 jaar die in Mechelen wonen. Een ouder vraagt de kaart aan.",
            fr="Les enfants belges de moins de 12 ans qui habitent à Malines. Un parent fait la demande.",
            en="Belgian children under 12 who live in Mechelen. A parent applies.",
        ),
        procedure=steps(
            nl=[
                "Maak een afspraak. Vraag de kaart minstens 4 weken voor je vertrek op reis aan.",
                "Kom samen met je kind naar het loket. Je kind moet erbij zijn.",
                "Je betaalt aan het loket.",
                "Na ongeveer 3 weken krijg je een brief met de codes.",
                "Haal de kaart af aan het snelloket. Je kind hoeft niet mee te komen.",
            ],
            fr=[
                "Prenez rendez-vous. Faites la demande au moins 4 semaines avant votre départ en voyage.",
                "Venez au guichet avec votre enfant. Votre enfant doit être présent.",
                "Vous payez au guichet.",
                "Après environ 3 semaines, vous recevez une lettre avec les codes.",
                "Retirez la carte au guichet rapide. Votre enfant ne doit pas venir.",
            ],
            en=[
                "Book an appointment. Apply at least 4 weeks before you travel.",
                "Come to the counter with your child. Your child must be there.",
                "You pay at the counter.",
                "After about 3 weeks you get a letter with the codes.",
                "Collect the card at the quick counter. Your child does not need to come.",
            ],
        ),
        documents=lines(
            nl=[
                "Een recente pasfoto van je kind in kleur (niet ouder dan 6 maanden)",
                "De identiteitskaart van de ouder die de aanvraag doet",
                "De vorige Kids-ID van je kind, als het er een heeft",
            ],
            fr=[
                "Une photo d'identité récente de votre enfant en couleur (de moins de 6 mois)",
                "La carte d'identité du parent qui fait la demande",
                "L'ancienne Kids-ID de votre enfant, s'il en a une",
            ],
            en=[
                "A recent colour passport photo of your child (less than 6 months old)",
                "The identity card of the parent who applies",
                "Your child's old Kids-ID, if they have one",
            ],
        ),
        cost=Text(
            nl="8,50 euro. Met de dringende procedure betaal je vanaf 115 euro.",
            fr="8,50 euros. Avec la procédure d'urgence, le prix commence à 115 euros.",
            en="8.50 euros. With the urgent procedure it costs from 115 euros.",
        ),
        legal_basis=Text(
            nl="Koninklijk besluit van 10 december 1996 betreffende de identiteitsstukken voor kinderen "
            "beneden de twaalf jaar.",
            fr="Arrêté royal du 10 décembre 1996 relatif aux documents d'identité pour les enfants de moins "
            "de douze ans.",
            en="Royal Decree of 10 December 1996 on identity documents for children under twelve.",
        ),
        processing_time=Text(
            nl="Ongeveer 3 weken; met de dringende procedure 2 à 3 werkdagen.",
            fr="Environ 3 semaines ; 2 à 3 jours ouvrables en procédure d'urgence.",
            en="About 3 weeks; 2 to 3 working days with the urgent procedure.",
        ),
        keywords=Text(
            nl="kids-id, kidsid, identiteitskaart kind, kinderidentiteitskaart, reizen met kinderen, "
            "kaart voor mijn kind, paspoort kind",
            fr="kids-id, carte d'identité enfant, carte enfant, voyager avec des enfants, pièce d'identité bébé",
            en="kids-id, child ID card, children's identity card, ID for my child, travelling with children, baby ID",
        ),
        cost_amount=Decimal("8.50"),
        duration_minutes=10,
        channels=(online("/afspraak/kids-id", _BOOK_ONLINE), appointment(), phone()),
        reviewed_days_ago=48,
    ),
    ServiceData(
        slug="passport",
        organisation="mechelen",
        department="burgerzaken",
        title=Text(
            nl="Reispas aanvragen",
            fr="Demander un passeport",
            en="Apply for a passport",
        ),
        summary=Text(
            nl="Met een reispas reis je naar landen buiten Europa. Een reispas voor een volwassene is 7 jaar "
            "geldig, voor een minderjarige 5 jaar. Kijk voor je vertrek na of het land ook een visum vraagt.",
            fr="Avec un passeport, vous voyagez dans les pays hors d'Europe. Un passeport pour adulte est "
            "valable 7 ans, pour un mineur 5 ans. Vérifiez avant votre départ si le pays demande aussi un visa.",
            en="With a passport you can travel to countries outside Europe. An adult passport is valid for "
            "7 years, a child's for 5 years. Before you leave, check whether the country also asks for a visa.",
        ),
        audience=Text(
            nl="Belgen die in Mechelen ingeschreven zijn, ook kinderen en baby's. Voor een minderjarige "
            "geven beide ouders toestemming.",
            fr="Les Belges inscrits à Malines, y compris les enfants et les bébés. Pour un mineur, les deux "
            "parents donnent leur accord.",
            en="Belgians registered in Mechelen, including children and babies. For a minor, both parents "
            "give their consent.",
        ),
        procedure=steps(
            nl=[
                "Maak tijdig een afspraak: voor de zomervakantie is het erg druk.",
                "Kom naar het loket met je documenten. We nemen je vingerafdrukken.",
                "Je betaalt aan het loket.",
                "Je krijgt een bericht als je reispas klaar is.",
                "Haal je reispas af aan het snelloket, zonder afspraak.",
            ],
            fr=[
                "Prenez rendez-vous à temps : avant les vacances d'été, il y a beaucoup de monde.",
                "Venez au guichet avec vos documents. Nous prenons vos empreintes digitales.",
                "Vous payez au guichet.",
                "Vous recevez un message quand votre passeport est prêt.",
                "Retirez votre passeport au guichet rapide, sans rendez-vous.",
            ],
            en=[
                "Book an appointment in good time: it is very busy before the summer holiday.",
                "Come to the counter with your documents. We take your fingerprints.",
                "You pay at the counter.",
                "You get a message when your passport is ready.",
                "Collect your passport at the quick counter, without an appointment.",
            ],
        ),
        documents=lines(
            nl=[
                "Je identiteitskaart",
                "Een recente pasfoto in kleur (niet ouder dan 6 maanden, met witte achtergrond)",
                "Je oude reispas, als je er een hebt",
                "Voor een minderjarige: de toestemming van beide ouders (formulier van de stad)",
            ],
            fr=[
                "Votre carte d'identité",
                "Une photo d'identité récente en couleur (de moins de 6 mois, sur fond blanc)",
                "Votre ancien passeport, si vous en avez un",
                "Pour un mineur : l'accord des deux parents (formulaire de la ville)",
            ],
            en=[
                "Your identity card",
                "A recent colour passport photo (less than 6 months old, on a white background)",
                "Your old passport, if you have one",
                "For a minor: the consent of both parents (the city's form)",
            ],
        ),
        cost=Text(
            nl="Volwassene: 90 euro. Minderjarige: 50 euro. Met de dringende procedure betaal je meer, vanaf 270 euro.",
            fr="Adulte : 90 euros. Mineur : 50 euros. La procédure d'urgence coûte plus cher, à partir de 270 euros.",
            en="Adult: 90 euros. Minor: 50 euros. The urgent procedure costs more, from 270 euros.",
        ),
        legal_basis=Text(
            nl="Consulair Wetboek van 21 december 2013, artikelen 59 tot 64; belastingreglement van de stad "
            "Mechelen op administratieve stukken.",
            fr="Code consulaire du 21 décembre 2013, articles 59 à 64 ; règlement-taxe de la ville de Malines "
            "sur les documents administratifs.",
            en="Consular Code of 21 December 2013, articles 59 to 64; City of Mechelen tax regulation on "
            "administrative documents.",
        ),
        processing_time=Text(
            nl="Ongeveer 7 werkdagen; met de dringende procedure de volgende werkdag.",
            fr="Environ 7 jours ouvrables ; le jour ouvrable suivant en procédure d'urgence.",
            en="About 7 working days; the next working day with the urgent procedure.",
        ),
        keywords=Text(
            nl="reispas, paspoort, pas, op reis, reizen buiten Europa, visum, vakantie, reisdocument",
            fr="passeport, voyage, voyager hors d'Europe, visa, vacances, document de voyage",
            en="passport, travel document, travel abroad, travelling outside Europe, visa, holiday",
        ),
        cost_amount=Decimal("90.00"),
        duration_minutes=15,
        channels=(online("/afspraak/reispas", _BOOK_ONLINE), appointment(), phone()),
        reviewed_days_ago=21,
    ),
    ServiceData(
        slug="pick-up-identity-documents",
        organisation="mechelen",
        department="burgerzaken",
        title=Text(
            nl="Identiteitskaart, reispas of rijbewijs afhalen",
            fr="Retirer une carte d'identité, un passeport ou un permis de conduire",
            en="Collect your identity card, passport or driving licence",
        ),
        summary=Text(
            nl="Is je nieuwe identiteitskaart, Kids-ID, reispas of rijbewijs klaar? Haal het dan af aan het "
            "snelloket. Je hoeft geen afspraak te maken en het duurt maar enkele minuten.",
            fr="Votre nouvelle carte d'identité, Kids-ID, passeport ou permis de conduire est prêt ? Retirez-le "
            "au guichet rapide. Pas besoin de rendez-vous et cela ne prend que quelques minutes.",
            en="Is your new identity card, Kids-ID, passport or driving licence ready? Collect it at the quick "
            "counter. You don't need an appointment and it only takes a few minutes.",
        ),
        audience=Text(
            nl="Iedereen die een bericht kreeg dat een document klaar is. Je mag iemand anders sturen met "
            "een volmacht, behalve voor een identiteitskaart met nieuwe codes.",
            fr="Toute personne qui a reçu un message disant qu'un document est prêt. Vous pouvez envoyer "
            "quelqu'un avec une procuration, sauf pour une carte d'identité avec de nouveaux codes.",
            en="Anyone who received a message that a document is ready. You may send someone else with a "
            "proxy, except for an identity card with new codes.",
        ),
        procedure=steps(
            nl=[
                "Wacht tot je de brief of het bericht krijgt dat je document klaar is.",
                "Kom naar het snelloket tijdens de openingsuren. Neem een volgnummer.",
                "Voor een identiteitskaart activeren we de kaart samen met jou, met je PIN-code.",
            ],
            fr=[
                "Attendez la lettre ou le message qui dit que votre document est prêt.",
                "Venez au guichet rapide pendant les heures d'ouverture. Prenez un ticket.",
                "Pour une carte d'identité, nous activons la carte avec vous, avec votre code PIN.",
            ],
            en=[
                "Wait for the letter or message saying your document is ready.",
                "Come to the quick counter during opening hours. Take a ticket.",
                "For an identity card, we activate the card with you, using your PIN code.",
            ],
        ),
        documents=lines(
            nl=[
                "De brief met je PIN- en PUK-code (voor een identiteitskaart of Kids-ID)",
                "Je oude document",
                "Een volmacht en de identiteitskaart van de aanvrager, als je iets afhaalt voor iemand anders",
            ],
            fr=[
                "La lettre avec vos codes PIN et PUK (pour une carte d'identité ou une Kids-ID)",
                "Votre ancien document",
                "Une procuration et la carte d'identité du demandeur, si vous retirez pour quelqu'un d'autre",
            ],
            en=[
                "The letter with your PIN and PUK codes (for an identity card or Kids-ID)",
                "Your old document",
                "A proxy and the applicant's identity card, if you collect for someone else",
            ],
        ),
        cost=Text(
            nl="Gratis. Je betaalde al bij de aanvraag.",
            fr="Gratuit. Vous avez déjà payé lors de la demande.",
            en="Free. You already paid when you applied.",
        ),
        legal_basis=Text(
            nl="Koninklijk besluit van 25 maart 2003 betreffende de identiteitskaarten.",
            fr="Arrêté royal du 25 mars 2003 relatif aux cartes d'identité.",
            en="Royal Decree of 25 March 2003 on identity cards.",
        ),
        processing_time=Text(
            nl="Meteen, aan het loket.",
            fr="Immédiatement, au guichet.",
            en="Straight away, at the counter.",
        ),
        keywords=Text(
            nl="afhalen, ophalen, identiteitskaart afhalen, reispas afhalen, rijbewijs afhalen, pincode, "
            "kaart is klaar, activeren",
            fr="retirer, récupérer, retrait carte d'identité, retirer passeport, retirer permis, code PIN, "
            "activer la carte",
            en="collect, pick up, collect ID card, pick up passport, collect driving licence, PIN code, "
            "card is ready, activate card",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=3,
        channels=(quick_counter(), phone()),
        reviewed_days_ago=75,
    ),
    ServiceData(
        slug="lost-stolen-identity-card",
        organisation="mechelen",
        department="burgerzaken",
        title=Text(
            nl="Identiteitskaart verloren of gestolen",
            fr="Carte d'identité perdue ou volée",
            en="Lost or stolen identity card",
        ),
        summary=Text(
            nl="Ben je je identiteitskaart kwijt of werd ze gestolen? Laat ze dan meteen blokkeren, zodat "
            "niemand ze kan misbruiken. Daarna vraag je een nieuwe kaart aan.",
            fr="Vous avez perdu votre carte d'identité ou on vous l'a volée ? Faites-la bloquer tout de suite, "
            "pour que personne ne puisse l'utiliser. Ensuite, vous demandez une nouvelle carte.",
            en="Have you lost your identity card or was it stolen? Have it blocked straight away, so nobody "
            "can misuse it. Then apply for a new card.",
        ),
        audience=Text(
            nl="Iedereen die in Mechelen woont en een identiteitskaart, Kids-ID of verblijfskaart verloor.",
            fr="Toute personne qui habite à Malines et a perdu sa carte d'identité, sa Kids-ID ou sa carte de séjour.",
            en="Anyone who lives in Mechelen and lost an identity card, Kids-ID or residence card.",
        ),
        procedure=steps(
            nl=[
                "Bel meteen DOC STOP op 00800 2123 2123 (gratis, dag en nacht). Zij blokkeren je kaart.",
                "Werd je kaart gestolen? Doe aangifte bij de politie.",
                "Maak een afspraak aan het loket. Je krijgt een attest van verlies en je vraagt een nieuwe kaart aan.",
                "Vind je je oude kaart later terug? Breng ze binnen: je kunt ze niet meer gebruiken.",
            ],
            fr=[
                "Appelez tout de suite DOC STOP au 00800 2123 2123 (gratuit, jour et nuit). Ils bloquent votre carte.",
                "Votre carte a été volée ? Portez plainte à la police.",
                "Prenez rendez-vous au guichet. Vous recevez une attestation de perte et vous demandez une nouvelle "
                "carte.",
                "Vous retrouvez votre ancienne carte plus tard ? Rapportez-la : vous ne pouvez plus l'utiliser.",
            ],
            en=[
                "Call DOC STOP straight away on 00800 2123 2123 (free, day and night). They block your card.",
                "Was your card stolen? Report it to the police.",
                "Book an appointment at the counter. You get a certificate of loss and apply for a new card.",
                "Find your old card later? Hand it in: you can no longer use it.",
            ],
        ),
        documents=lines(
            nl=[
                "Een recente pasfoto in kleur",
                "Het proces-verbaal van de politie, als je kaart gestolen werd",
                "Een ander document met je foto, als je er een hebt (rijbewijs, reispas)",
            ],
            fr=[
                "Une photo d'identité récente en couleur",
                "Le procès-verbal de la police, si votre carte a été volée",
                "Un autre document avec votre photo, si vous en avez un (permis, passeport)",
            ],
            en=[
                "A recent colour passport photo",
                "The police report, if your card was stolen",
                "Another document with your photo, if you have one (driving licence, passport)",
            ],
        ),
        cost=Text(
            nl="Blokkeren is gratis. Een nieuwe kaart kost 25 euro, zoals een gewone aanvraag.",
            fr="Le blocage est gratuit. Une nouvelle carte coûte 25 euros, comme une demande normale.",
            en="Blocking is free. A new card costs 25 euros, like a normal application.",
        ),
        legal_basis=Text(
            nl="Koninklijk besluit van 25 maart 2003 betreffende de identiteitskaarten, artikel 7.",
            fr="Arrêté royal du 25 mars 2003 relatif aux cartes d'identité, article 7.",
            en="Royal Decree of 25 March 2003 on identity cards, article 7.",
        ),
        processing_time=Text(
            nl="Blokkeren: meteen. Nieuwe kaart: ongeveer 3 weken.",
            fr="Blocage : immédiat. Nouvelle carte : environ 3 semaines.",
            en="Blocking: straight away. New card: about 3 weeks.",
        ),
        keywords=Text(
            nl="identiteitskaart kwijt, verloren, gestolen, diefstal, DOC STOP, kaart blokkeren, "
            "portefeuille kwijt, attest van verlies",
            fr="carte d'identité perdue, perte, vol, volée, DOC STOP, bloquer la carte, portefeuille perdu, "
            "attestation de perte",
            en="lost ID card, stolen ID, theft, lost wallet, DOC STOP, block my card, certificate of loss",
        ),
        cost_amount=Decimal("25.00"),
        duration_minutes=15,
        channels=(
            phone(
                Text(
                    nl="Bel DOC STOP op 00800 2123 2123, gratis en dag en nacht. Zo blokkeer je je kaart meteen.",
                    fr="Appelez DOC STOP au 00800 2123 2123, gratuitement, jour et nuit. Votre carte est bloquée "
                    "tout de suite.",
                    en="Call DOC STOP on 00800 2123 2123, free, day and night. Your card is blocked straight away.",
                ),
                number="00800 2123 2123",
            ),
            appointment(),
        ),
        reviewed_days_ago=102,
    ),
    ServiceData(
        slug="driving-licence",
        organisation="mechelen",
        department="burgerzaken",
        title=Text(
            nl="Rijbewijs aanvragen of vernieuwen",
            fr="Demander ou renouveler un permis de conduire",
            en="Apply for or renew a driving licence",
        ),
        summary=Text(
            nl="Ben je geslaagd voor je praktisch examen, is je rijbewijs beschadigd of vervalt het? Dan vraag je "
            "een nieuw rijbewijs in bankkaartmodel aan. Een rijbewijs is 10 jaar geldig.",
            fr="Vous avez réussi l'examen pratique, votre permis est abîmé ou il expire ? Demandez alors un "
            "nouveau permis au format carte bancaire. Un permis est valable 10 ans.",
            en="Did you pass your practical test, or is your licence damaged or expiring? Then apply for a new "
            "card-format driving licence. A driving licence is valid for 10 years.",
        ),
        audience=Text(
            nl="Inwoners van Mechelen die geslaagd zijn voor het praktisch rijexamen, of die hun rijbewijs "
            "moeten vernieuwen of vervangen.",
            fr="Les habitants de Malines qui ont réussi l'examen pratique, ou qui doivent renouveler ou "
            "remplacer leur permis.",
            en="Mechelen residents who passed the practical driving test, or who need to renew or replace "
            "their licence.",
        ),
        procedure=steps(
            nl=[
                "Maak een afspraak aan het themaloket Bevolking.",
                "Breng je documenten mee. We vragen het rijbewijs digitaal aan.",
                "Na ongeveer 5 werkdagen krijg je een bericht.",
                "Haal je rijbewijs af aan het snelloket en geef je oude rijbewijs af.",
            ],
            fr=[
                "Prenez rendez-vous au guichet thématique Population.",
                "Apportez vos documents. Nous faisons la demande de permis par voie électronique.",
                "Après environ 5 jours ouvrables, vous recevez un message.",
                "Retirez votre permis au guichet rapide et rendez votre ancien permis.",
            ],
            en=[
                "Book an appointment at the Population theme counter.",
                "Bring your documents. We apply for the licence electronically.",
                "After about 5 working days you get a message.",
                "Collect your licence at the quick counter and hand in your old licence.",
            ],
        ),
        documents=lines(
            nl=[
                "Je identiteitskaart",
                "Een recente pasfoto in kleur",
                "Je voorlopig rijbewijs en het bewijs dat je geslaagd bent, na een examen",
                "Je oude rijbewijs",
            ],
            fr=[
                "Votre carte d'identité",
                "Une photo d'identité récente en couleur",
                "Votre permis provisoire et la preuve de réussite, après un examen",
                "Votre ancien permis",
            ],
            en=[
                "Your identity card",
                "A recent colour passport photo",
                "Your provisional licence and proof that you passed, after a test",
                "Your old driving licence",
            ],
        ),
        cost=Text(
            nl="30 euro.",
            fr="30 euros.",
            en="30 euros.",
        ),
        legal_basis=Text(
            nl="Koninklijk besluit van 23 maart 1998 betreffende het rijbewijs.",
            fr="Arrêté royal du 23 mars 1998 relatif au permis de conduire.",
            en="Royal Decree of 23 March 1998 on the driving licence.",
        ),
        processing_time=Text(
            nl="Ongeveer 5 werkdagen.",
            fr="Environ 5 jours ouvrables.",
            en="About 5 working days.",
        ),
        keywords=Text(
            nl="rijbewijs, rijbewijs vernieuwen, rijbewijs vervangen, bankkaartmodel, geslaagd rijexamen, "
            "rijbewijs B, autorijden",
            fr="permis de conduire, renouveler le permis, remplacer le permis, format carte bancaire, "
            "examen réussi, permis B",
            en="driving licence, driver's license, renew licence, replace licence, passed driving test, car licence",
        ),
        cost_amount=Decimal("30.00"),
        duration_minutes=10,
        channels=(online("/afspraak/rijbewijs", _BOOK_ONLINE), appointment(), phone()),
        reviewed_days_ago=130,
    ),
    ServiceData(
        slug="provisional-driving-licence",
        organisation="mechelen",
        department="burgerzaken",
        title=Text(
            nl="Voorlopig rijbewijs aanvragen",
            fr="Demander un permis de conduire provisoire",
            en="Apply for a provisional driving licence",
        ),
        summary=Text(
            nl="Met een voorlopig rijbewijs mag je oefenen op de openbare weg, met een begeleider of met "
            "lessen in een rijschool. Je vraagt het aan nadat je geslaagd bent voor je theorie-examen.",
            fr="Avec un permis provisoire, vous pouvez vous entraîner sur la voie publique, avec un guide ou "
            "en auto-école. Vous le demandez après avoir réussi l'examen théorique.",
            en="A provisional licence lets you practise on public roads, with a guide or with lessons at a "
            "driving school. You apply after passing your theory test.",
        ),
        audience=Text(
            nl="Inwoners van Mechelen vanaf 17 jaar die geslaagd zijn voor het theorie-examen.",
            fr="Les habitants de Malines à partir de 17 ans qui ont réussi l'examen théorique.",
            en="Mechelen residents aged 17 or over who passed the theory test.",
        ),
        procedure=steps(
            nl=[
                "Slaag voor je theorie-examen in een examencentrum.",
                "Kies een model: met begeleider (zonder lessen) of met rijschool.",
                "Maak een afspraak aan het loket en breng je documenten mee.",
                "Je krijgt je voorlopig rijbewijs meteen mee.",
            ],
            fr=[
                "Réussissez l'examen théorique dans un centre d'examen.",
                "Choisissez une formule : avec un guide (sans cours) ou avec une auto-école.",
                "Prenez rendez-vous au guichet et apportez vos documents.",
                "Vous recevez votre permis provisoire tout de suite.",
            ],
            en=[
                "Pass your theory test at a test centre.",
                "Choose a type: with a guide (no lessons) or with a driving school.",
                "Book an appointment at the counter and bring your documents.",
                "You get your provisional licence straight away.",
            ],
        ),
        documents=lines(
            nl=[
                "Je identiteitskaart",
                "Het bewijs dat je geslaagd bent voor het theorie-examen",
                "Een recente pasfoto in kleur",
                "De identiteitskaart en het rijbewijs van je begeleider(s), als je met begeleider oefent",
            ],
            fr=[
                "Votre carte d'identité",
                "La preuve de réussite de l'examen théorique",
                "Une photo d'identité récente en couleur",
                "La carte d'identité et le permis de votre (vos) guide(s), si vous apprenez avec un guide",
            ],
            en=[
                "Your identity card",
                "Proof that you passed the theory test",
                "A recent colour passport photo",
                "The identity card and licence of your guide(s), if you practise with a guide",
            ],
        ),
        cost=Text(nl="30 euro.", fr="30 euros.", en="30 euros."),
        legal_basis=Text(
            nl="Koninklijk besluit van 23 maart 1998 betreffende het rijbewijs; Vlaamse regels over de rijopleiding.",
            fr="Arrêté royal du 23 mars 1998 relatif au permis de conduire ; règles flamandes sur la "
            "formation à la conduite.",
            en="Royal Decree of 23 March 1998 on the driving licence; Flemish rules on driver training.",
        ),
        processing_time=Text(
            nl="Meteen, aan het loket.",
            fr="Immédiatement, au guichet.",
            en="Straight away, at the counter.",
        ),
        keywords=Text(
            nl="voorlopig rijbewijs, leren rijden, begeleider, rijschool, theorie-examen, rijbewijs 18 maanden, "
            "L-plaat",
            fr="permis provisoire, apprendre à conduire, guide, auto-école, examen théorique, plaque L",
            en="provisional licence, learner's permit, learning to drive, guide, driving school, theory test, L-plate",
        ),
        cost_amount=Decimal("30.00"),
        duration_minutes=10,
        channels=(online("/afspraak/voorlopig-rijbewijs", _BOOK_ONLINE), appointment(), phone()),
        reviewed_days_ago=160,
    ),
    ServiceData(
        slug="international-driving-licence",
        organisation="mechelen",
        department="burgerzaken",
        title=Text(
            nl="Internationaal rijbewijs aanvragen",
            fr="Demander un permis de conduire international",
            en="Apply for an international driving licence",
        ),
        summary=Text(
            nl="In sommige landen buiten Europa heb je naast je Belgisch rijbewijs ook een internationaal "
            "rijbewijs nodig, bijvoorbeeld om een auto te huren. Het is 3 jaar geldig, maar nooit langer "
            "dan je gewone rijbewijs.",
            fr="Dans certains pays hors d'Europe, il faut un permis international en plus de votre permis "
            "belge, par exemple pour louer une voiture. Il est valable 3 ans, mais jamais plus longtemps que "
            "votre permis normal.",
            en="Some countries outside Europe ask for an international driving licence as well as your Belgian "
            "licence, for example to rent a car. It is valid for 3 years, but never longer than your normal "
            "licence.",
        ),
        audience=Text(
            nl="Inwoners van Mechelen met een geldig Belgisch rijbewijs in bankkaartmodel.",
            fr="Les habitants de Malines qui ont un permis belge valable au format carte bancaire.",
            en="Mechelen residents with a valid Belgian card-format driving licence.",
        ),
        procedure=steps(
            nl=[
                "Kom zonder afspraak naar het snelloket met je documenten.",
                "We maken het internationaal rijbewijs meteen voor je op.",
                "Neem het altijd samen met je gewone rijbewijs mee op reis.",
            ],
            fr=[
                "Venez sans rendez-vous au guichet rapide avec vos documents.",
                "Nous établissons votre permis international tout de suite.",
                "Emportez-le toujours en voyage avec votre permis normal.",
            ],
            en=[
                "Come to the quick counter without an appointment, with your documents.",
                "We make your international licence straight away.",
                "Always take it with you on your trip together with your normal licence.",
            ],
        ),
        documents=lines(
            nl=["Je identiteitskaart", "Je Belgisch rijbewijs", "Een recente pasfoto in kleur"],
            fr=["Votre carte d'identité", "Votre permis de conduire belge", "Une photo d'identité récente en couleur"],
            en=["Your identity card", "Your Belgian driving licence", "A recent colour passport photo"],
        ),
        cost=Text(nl="20 euro.", fr="20 euros.", en="20 euros."),
        legal_basis=Text(
            nl="Koninklijk besluit van 23 maart 1998 betreffende het rijbewijs, artikel 27; "
            "Verdrag van Wenen van 8 november 1968 inzake het wegverkeer.",
            fr="Arrêté royal du 23 mars 1998 relatif au permis de conduire, article 27 ; "
            "Convention de Vienne du 8 novembre 1968 sur la circulation routière.",
            en="Royal Decree of 23 March 1998 on the driving licence, article 27; "
            "Vienna Convention on Road Traffic of 8 November 1968.",
        ),
        processing_time=Text(
            nl="Meteen, aan het loket.",
            fr="Immédiatement, au guichet.",
            en="Straight away, at the counter.",
        ),
        keywords=Text(
            nl="internationaal rijbewijs, rijbewijs buitenland, auto huren, reizen, Verenigde Staten, "
            "rijden in het buitenland",
            fr="permis international, permis à l'étranger, louer une voiture, voyage, conduire à l'étranger",
            en="international driving permit, IDP, driving abroad, rent a car, car hire, travel",
        ),
        cost_amount=Decimal("20.00"),
        duration_minutes=5,
        channels=(quick_counter(), phone()),
        reviewed_days_ago=88,
    ),
)

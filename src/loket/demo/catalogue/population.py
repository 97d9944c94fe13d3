"""Demo services: address, certificates and declarations kept in the population register (Mechelen).

Certificates the register can print at once (extracts, residence, criminal record) are quick-
counter services and also free online; declarations that need a conversation go to a theme
counter by appointment.
"""

from __future__ import annotations

from decimal import Decimal

from loket.demo.channels import appointment, online, phone, post, quick_counter
from loket.demo.schema import ServiceData, Text, lines, steps

_CERTIFICATE_ONLINE = Text(
    nl="Download het attest gratis en meteen via Mijn Burgerprofiel of het e-loket van de stad. Je meldt je aan "
    "met itsme of je eID. Het attest heeft een elektronische stempel en is even geldig als op papier.",
    fr="Téléchargez le certificat gratuitement et tout de suite via Mijn Burgerprofiel ou le guichet électronique "
    "de la ville. Connectez-vous avec itsme ou votre eID. Le certificat porte un cachet électronique et vaut "
    "autant que sur papier.",
    en="Download the certificate for free, straight away, via Mijn Burgerprofiel or the city's e-counter. "
    "Log in with itsme or your eID. The certificate has an electronic seal and is as valid as a paper one.",
)

_CERTIFICATE_POST = post(
    Text(
        nl="Vraag het attest aan per brief of e-mail (bevolking@mechelen.be). Vermeld je naam, "
        "rijksregisternummer, adres en welk attest je nodig hebt. We sturen het binnen 3 werkdagen op.",
        fr="Demandez le certificat par lettre ou par e-mail (bevolking@mechelen.be). Indiquez votre nom, "
        "numéro de registre national, adresse et le certificat dont vous avez besoin. Nous l'envoyons dans "
        "les 3 jours ouvrables.",
        en="Ask for the certificate by letter or e-mail (bevolking@mechelen.be). Give your name, national "
        "register number, address and which certificate you need. We send it within 3 working days.",
    )
)

SERVICES: tuple[ServiceData, ...] = (
    ServiceData(
        slug="change-of-address",
        organisation="mechelen",
        department="burgerzaken",
        title=Text(
            nl="Verhuizen: je nieuw adres doorgeven",
            fr="Déménagement : déclarer votre nouvelle adresse",
            en="Moving house: register your new address",
        ),
        summary=Text(
            nl="Verhuis je naar Mechelen of binnen Mechelen? Geef je nieuw adres door binnen 8 werkdagen na je "
            "verhuis. De wijkagent komt langs om te controleren of je echt op het nieuwe adres woont. Daarna "
            "passen we je adres aan in het rijksregister en op je identiteitskaart.",
            fr="Vous déménagez à Malines ou dans Malines ? Déclarez votre nouvelle adresse dans les 8 jours "
            "ouvrables après le déménagement. L'agent de quartier passe vérifier que vous habitez bien à la "
            "nouvelle adresse. Ensuite, nous changeons votre adresse au registre national et sur votre carte "
            "d'identité.",
            en="Are you moving to Mechelen or within Mechelen? Register your new address within 8 working days "
            "after the move. The community police officer visits to check that you really live at the new "
            "address. Then we change your address in the national register and on your identity card.",
        ),
        audience=Text(
            nl="Iedereen die in Mechelen komt wonen of binnen Mechelen verhuist, ook vreemdelingen. Eén "
            "persoon mag de verhuis doorgeven voor het hele gezin.",
            fr="Toute personne qui vient habiter à Malines ou qui déménage dans Malines, y compris les "
            "étrangers. Une personne peut déclarer le déménagement pour tout le ménage.",
            en="Everyone who comes to live in Mechelen or moves within Mechelen, foreigners too. One person "
            "may register the move for the whole household.",
        ),
        procedure=steps(
            nl=[
                "Geef je nieuw adres door online of aan het loket, binnen 8 werkdagen na je verhuis.",
                "Zet je naam op je brievenbus en je deurbel: zo vindt de wijkagent je.",
                "De wijkagent komt langs binnen enkele weken.",
                "Is de controle in orde? Dan krijg je een brief. Kom met je identiteitskaart en je PIN-code naar "
                "het snelloket om het adres op je kaart aan te passen.",
            ],
            fr=[
                "Déclarez votre nouvelle adresse en ligne ou au guichet, dans les 8 jours ouvrables après le "
                "déménagement.",
                "Mettez votre nom sur la boîte aux lettres et la sonnette : l'agent de quartier vous trouvera.",
                "L'agent de quartier passe dans les semaines qui suivent.",
                "Le contrôle est positif ? Vous recevez une lettre. Venez au guichet rapide avec votre carte "
                "d'identité et votre code PIN pour changer l'adresse sur la carte.",
            ],
            en=[
                "Register your new address online or at the counter, within 8 working days after the move.",
                "Put your name on your letterbox and doorbell: that way the police officer can find you.",
                "The community police officer visits within a few weeks.",
                "Is the check positive? You get a letter. Come to the quick counter with your identity card and "
                "PIN code to change the address on your card.",
            ],
        ),
        documents=lines(
            nl=[
                "De identiteitskaart of verblijfskaart van iedereen die verhuist",
                "Je huurcontract of je eigendomsakte (de wijkagent kan ernaar vragen)",
                "De PIN-code van je identiteitskaart, om het adres op de kaart aan te passen",
            ],
            fr=[
                "La carte d'identité ou de séjour de chaque personne qui déménage",
                "Votre bail ou votre acte de propriété (l'agent de quartier peut le demander)",
                "Le code PIN de votre carte d'identité, pour changer l'adresse sur la carte",
            ],
            en=[
                "The identity card or residence card of everyone who moves",
                "Your rental contract or title deed (the police officer may ask for it)",
                "The PIN code of your identity card, to change the address on the card",
            ],
        ),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=Text(
            nl="Wet van 19 juli 1991 betreffende de bevolkingsregisters; koninklijk besluit van 16 juli 1992 "
            "betreffende de bevolkingsregisters en het vreemdelingenregister.",
            fr="Loi du 19 juillet 1991 relative aux registres de la population ; arrêté royal du 16 juillet 1992 "
            "relatif aux registres de la population et au registre des étrangers.",
            en="Act of 19 July 1991 on population registers; Royal Decree of 16 July 1992 on population "
            "registers and the register of foreigners.",
        ),
        processing_time=Text(
            nl="De wijkagent komt meestal binnen 2 tot 4 weken langs.",
            fr="L'agent de quartier passe en général dans les 2 à 4 semaines.",
            en="The police officer usually visits within 2 to 4 weeks.",
        ),
        keywords=Text(
            nl="verhuizen, verhuis, nieuw adres, adreswijziging, adresverandering, domicilie, wijkagent, "
            "inschrijven, ik verhuis",
            fr="déménagement, changement d'adresse, nouvelle adresse, déménager, domicile, agent de quartier, "
            "je déménage",
            en="moving house, new address, relocation, move, change of address, moving, register address",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=10,
        channels=(
            online(
                "/e-loket/verhuizen",
                Text(
                    nl="Geef je verhuis online door via Mijn Burgerprofiel of het e-loket. Je meldt je aan met "
                    "itsme of je eID. Je hoeft dan niet naar het loket te komen.",
                    fr="Déclarez votre déménagement en ligne via Mijn Burgerprofiel ou le guichet électronique. "
                    "Connectez-vous avec itsme ou votre eID. Vous ne devez pas venir au guichet.",
                    en="Register your move online via Mijn Burgerprofiel or the e-counter. Log in with itsme or "
                    "your eID. You then don't need to come to the counter.",
                ),
            ),
            appointment(),
            phone(),
        ),
        reviewed_days_ago=12,
    ),
    ServiceData(
        slug="moving-abroad",
        organisation="mechelen",
        department="burgerzaken",
        title=Text(
            nl="Verhuizen naar het buitenland",
            fr="Déménager à l'étranger",
            en="Moving abroad",
        ),
        summary=Text(
            nl="Ga je in het buitenland wonen? Meld je vertrek dan aan de stad voor je vertrekt. Je krijgt een "
            "attest dat je nodig hebt om je in te schrijven bij de Belgische ambassade of het consulaat.",
            fr="Vous allez vivre à l'étranger ? Déclarez votre départ à la ville avant de partir. Vous recevez une "
            "attestation dont vous avez besoin pour vous inscrire à l'ambassade ou au consulat de Belgique.",
            en="Are you going to live abroad? Tell the city before you leave. You get a certificate that you "
            "need to register at the Belgian embassy or consulate.",
        ),
        audience=Text(
            nl="Inwoners van Mechelen die langer dan een jaar in het buitenland gaan wonen. Ga je korter weg, "
            "bijvoorbeeld om te studeren? Vraag dan naar een tijdelijke afwezigheid.",
            fr="Les habitants de Malines qui partent vivre à l'étranger pour plus d'un an. Vous partez moins "
            "longtemps, par exemple pour étudier ? Demandez alors une absence temporaire.",
            en="Mechelen residents who go to live abroad for more than a year. Leaving for a shorter time, "
            "for example to study? Then ask about a temporary absence.",
        ),
        procedure=steps(
            nl=[
                "Maak een afspraak ten vroegste een maand voor je vertrek.",
                "Kom naar het loket met je documenten. Je krijgt een attest van verandering van verblijfplaats.",
                "Schrijf je in bij de Belgische ambassade of het consulaat in je nieuwe land.",
            ],
            fr=[
                "Prenez rendez-vous au plus tôt un mois avant votre départ.",
                "Venez au guichet avec vos documents. Vous recevez une attestation de changement de résidence.",
                "Inscrivez-vous à l'ambassade ou au consulat de Belgique dans votre nouveau pays.",
            ],
            en=[
                "Book an appointment at the earliest one month before you leave.",
                "Come to the counter with your documents. You get a certificate of change of residence.",
                "Register at the Belgian embassy or consulate in your new country.",
            ],
        ),
        documents=lines(
            nl=[
                "De identiteitskaart van iedereen die vertrekt",
                "Je nieuwe adres in het buitenland, als je het al kent",
            ],
            fr=[
                "La carte d'identité de chaque personne qui part",
                "Votre nouvelle adresse à l'étranger, si vous la connaissez",
            ],
            en=["The identity card of everyone who leaves", "Your new address abroad, if you know it already"],
        ),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=Text(
            nl="Koninklijk besluit van 16 juli 1992 betreffende de bevolkingsregisters, artikel 18.",
            fr="Arrêté royal du 16 juillet 1992 relatif aux registres de la population, article 18.",
            en="Royal Decree of 16 July 1992 on population registers, article 18.",
        ),
        processing_time=Text(
            nl="Je krijgt het attest meteen.",
            fr="Vous recevez l'attestation tout de suite.",
            en="You get the certificate straight away.",
        ),
        keywords=Text(
            nl="verhuizen naar het buitenland, emigreren, vertrek, uitschrijven, afvoering, ambassade, "
            "model 8, in het buitenland wonen",
            fr="déménager à l'étranger, émigrer, départ, radiation, ambassade, modèle 8, vivre à l'étranger",
            en="moving abroad, emigrate, leaving Belgium, deregister, embassy, living abroad",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=10,
        channels=(appointment(), phone()),
        reviewed_days_ago=205,
    ),
    ServiceData(
        slug="extract-population-register",
        organisation="mechelen",
        department="burgerzaken",
        title=Text(
            nl="Uittreksel uit het bevolkingsregister of attest van gezinssamenstelling",
            fr="Extrait du registre de la population ou composition de ménage",
            en="Extract from the population register or household composition",
        ),
        summary=Text(
            nl="Een uittreksel uit het bevolkingsregister toont wie je bent en waar je woont. Het attest van "
            "gezinssamenstelling toont wie er bij jou op het adres woont. Je hebt ze soms nodig voor een "
            "uitkering, een school of een woning.",
            fr="Un extrait du registre de la population montre qui vous êtes et où vous habitez. La composition "
            "de ménage montre qui habite avec vous à votre adresse. On vous les demande parfois pour une "
            "allocation, une école ou un logement.",
            en="An extract from the population register shows who you are and where you live. The household "
            "composition certificate shows who lives with you at your address. You sometimes need them for a "
            "benefit, a school or a home.",
        ),
        audience=Text(
            nl="Iedereen die in Mechelen ingeschreven is, voor zichzelf of voor een gezinslid.",
            fr="Toute personne inscrite à Malines, pour elle-même ou pour un membre du ménage.",
            en="Anyone registered in Mechelen, for themselves or a member of their household.",
        ),
        procedure=steps(
            nl=[
                "Download het attest online, of kom naar het snelloket.",
                "Aan het loket zeg je welk attest je nodig hebt en waarvoor.",
                "Je krijgt het attest meteen mee.",
            ],
            fr=[
                "Téléchargez le certificat en ligne, ou venez au guichet rapide.",
                "Au guichet, dites quel certificat il vous faut et pour quoi.",
                "Vous recevez le certificat tout de suite.",
            ],
            en=[
                "Download the certificate online, or come to the quick counter.",
                "At the counter, say which certificate you need and what for.",
                "You get the certificate straight away.",
            ],
        ),
        documents=lines(
            nl=["Je identiteitskaart", "Een volmacht, als je het attest voor iemand anders haalt"],
            fr=["Votre carte d'identité", "Une procuration, si vous venez pour quelqu'un d'autre"],
            en=["Your identity card", "A proxy, if you collect the certificate for someone else"],
        ),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=Text(
            nl="Wet van 19 juli 1991 betreffende de bevolkingsregisters, artikel 6.",
            fr="Loi du 19 juillet 1991 relative aux registres de la population, article 6.",
            en="Act of 19 July 1991 on population registers, article 6.",
        ),
        processing_time=Text(nl="Meteen.", fr="Immédiatement.", en="Straight away."),
        keywords=Text(
            nl="uittreksel, attest, gezinssamenstelling, samenstelling van het gezin, bewijs van leven, "
            "attest nationaliteit, bevolkingsregister, papier van de gemeente",
            fr="extrait, certificat, composition de ménage, composition de famille, certificat de vie, "
            "certificat de nationalité, registre de la population",
            en="extract, certificate, household composition, family composition, proof of life, "
            "certificate of nationality, population register, document from the town hall",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=3,
        channels=(online("/e-loket/attesten", _CERTIFICATE_ONLINE), quick_counter(), _CERTIFICATE_POST, phone()),
        reviewed_days_ago=55,
    ),
    ServiceData(
        slug="certificate-of-residence",
        organisation="mechelen",
        department="burgerzaken",
        title=Text(
            nl="Bewijs van woonst (met adreshistoriek)",
            fr="Certificat de résidence (avec historique des adresses)",
            en="Certificate of residence (with address history)",
        ),
        summary=Text(
            nl="Een bewijs van woonst toont waar je nu woont. Met adreshistoriek toont het ook waar je vroeger "
            "woonde. Een bank, een werkgever of een buitenlandse overheid vraagt er soms naar.",
            fr="Un certificat de résidence montre où vous habitez maintenant. Avec l'historique, il montre aussi "
            "où vous habitiez avant. Une banque, un employeur ou une administration étrangère peut le demander.",
            en="A certificate of residence shows where you live now. With the address history, it also shows "
            "where you lived before. A bank, an employer or a foreign authority may ask for it.",
        ),
        audience=Text(
            nl="Iedereen die in Mechelen ingeschreven is of er vroeger woonde.",
            fr="Toute personne inscrite à Malines ou qui y a habité.",
            en="Anyone registered in Mechelen or who used to live there.",
        ),
        procedure=steps(
            nl=[
                "Download het attest online, of kom naar het snelloket.",
                "Zeg of je de adreshistoriek nodig hebt.",
                "Je krijgt het attest meteen.",
            ],
            fr=[
                "Téléchargez le certificat en ligne, ou venez au guichet rapide.",
                "Dites si vous avez besoin de l'historique des adresses.",
                "Vous recevez le certificat tout de suite.",
            ],
            en=[
                "Download the certificate online, or come to the quick counter.",
                "Say whether you need the address history.",
                "You get the certificate straight away.",
            ],
        ),
        documents=lines(
            nl=["Je identiteitskaart"],
            fr=["Votre carte d'identité"],
            en=["Your identity card"],
        ),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=Text(
            nl="Wet van 19 juli 1991 betreffende de bevolkingsregisters, artikel 6.",
            fr="Loi du 19 juillet 1991 relative aux registres de la population, article 6.",
            en="Act of 19 July 1991 on population registers, article 6.",
        ),
        processing_time=Text(nl="Meteen.", fr="Immédiatement.", en="Straight away."),
        keywords=Text(
            nl="bewijs van woonst, woonstattest, attest van woonplaats, adreshistoriek, vorige adressen, "
            "domicilie bewijzen",
            fr="certificat de résidence, attestation de domicile, preuve d'adresse, historique des adresses, "
            "anciennes adresses",
            en="proof of address, certificate of residence, residence certificate, address history, previous addresses",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=3,
        channels=(online("/e-loket/attesten", _CERTIFICATE_ONLINE), quick_counter(), _CERTIFICATE_POST),
        reviewed_days_ago=55,
    ),
    ServiceData(
        slug="certificate-of-good-conduct",
        organisation="mechelen",
        department="burgerzaken",
        title=Text(
            nl="Uittreksel uit het strafregister (vroeger: bewijs van goed gedrag en zeden)",
            fr="Extrait de casier judiciaire (anciennement certificat de bonne vie et mœurs)",
            en="Extract from the criminal record (certificate of good conduct)",
        ),
        summary=Text(
            nl="Een uittreksel uit het strafregister toont of je veroordeeld bent. Een werkgever vraagt het vaak. "
            "Werk je met kinderen of jongeren? Dan heb je een speciaal uittreksel nodig (model 2).",
            fr="Un extrait de casier judiciaire montre si vous avez été condamné. Un employeur le demande "
            "souvent. Vous travaillez avec des enfants ou des jeunes ? Il vous faut alors un extrait spécial "
            "(modèle 2).",
            en="An extract from the criminal record shows whether you have been convicted. Employers often ask "
            "for it. Do you work with children or young people? Then you need a special extract (model 2).",
        ),
        audience=Text(
            nl="Iedereen die in Mechelen ingeschreven is. Je vraagt het alleen voor jezelf aan.",
            fr="Toute personne inscrite à Malines. Vous le demandez uniquement pour vous-même.",
            en="Anyone registered in Mechelen. You can only ask for your own.",
        ),
        procedure=steps(
            nl=[
                "Download het uittreksel gratis via Mijn Justitie, of kom naar het snelloket.",
                "Zeg waarvoor je het nodig hebt. Voor werk met minderjarigen vermelden we dat op het uittreksel.",
                "Je krijgt het uittreksel meteen.",
            ],
            fr=[
                "Téléchargez l'extrait gratuitement via MyJustice, ou venez au guichet rapide.",
                "Dites pourquoi il vous le faut. Pour un travail avec des mineurs, nous l'indiquons sur l'extrait.",
                "Vous recevez l'extrait tout de suite.",
            ],
            en=[
                "Download the extract for free via MyJustice, or come to the quick counter.",
                "Say what you need it for. For work with minors, we note that on the extract.",
                "You get the extract straight away.",
            ],
        ),
        documents=lines(
            nl=["Je identiteitskaart", "Voor werk met minderjarigen: een brief van de organisatie waar je gaat werken"],
            fr=["Votre carte d'identité", "Pour un travail avec des mineurs : une lettre de l'organisation"],
            en=["Your identity card", "For work with minors: a letter from the organisation you will work for"],
        ),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=Text(
            nl="Wetboek van strafvordering, artikelen 595 en 596.",
            fr="Code d'instruction criminelle, articles 595 et 596.",
            en="Code of Criminal Procedure, articles 595 and 596.",
        ),
        processing_time=Text(
            nl="Meteen, als er geen extra controle nodig is.",
            fr="Immédiatement, sauf si un contrôle supplémentaire est nécessaire.",
            en="Straight away, unless an extra check is needed.",
        ),
        keywords=Text(
            nl="strafregister, uittreksel strafregister, bewijs van goed gedrag, goed gedrag en zeden, "
            "blanco strafblad, model 2, attest voor werkgever",
            fr="casier judiciaire, extrait de casier, bonne vie et mœurs, certificat de bonne conduite, "
            "modèle 2, pour un employeur",
            en="criminal record, police certificate, certificate of good conduct, good character, clean record, "
            "background check, model 2",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=3,
        channels=(
            online(
                "/e-loket/strafregister",
                Text(
                    nl="Download het uittreksel gratis via Mijn Justitie. Je meldt je aan met itsme of je eID.",
                    fr="Téléchargez l'extrait gratuitement via MyJustice. Connectez-vous avec itsme ou votre eID.",
                    en="Download the extract for free via MyJustice. Log in with itsme or your eID.",
                ),
            ),
            quick_counter(),
        ),
        reviewed_days_ago=140,
    ),
    ServiceData(
        slug="legalisation-of-signature",
        organisation="mechelen",
        department="burgerzaken",
        title=Text(
            nl="Handtekening laten wettigen",
            fr="Faire légaliser une signature",
            en="Have your signature legalised",
        ),
        summary=Text(
            nl="Soms vraagt een organisatie dat de stad bevestigt dat een handtekening echt van jou is, "
            "bijvoorbeeld op een volmacht of een toestemming om met je kind te reizen. Je zet je handtekening "
            "dan aan het loket.",
            fr="Parfois, une organisation demande que la ville confirme qu'une signature est bien la vôtre, "
            "par exemple sur une procuration ou une autorisation de voyage pour votre enfant. Vous signez alors "
            "au guichet.",
            en="Sometimes an organisation asks the city to confirm that a signature is really yours, for example "
            "on a proxy or a permission for your child to travel. You then sign at the counter.",
        ),
        audience=Text(
            nl="Inwoners van Mechelen. We wettigen geen handtekening op een document dat tegen de wet ingaat.",
            fr="Les habitants de Malines. Nous ne légalisons pas une signature sur un document contraire à la loi.",
            en="Mechelen residents. We do not legalise a signature on a document that goes against the law.",
        ),
        procedure=steps(
            nl=[
                "Kom naar het snelloket met het document. Onderteken het nog niet.",
                "Je ondertekent het document voor de medewerker.",
                "We zetten er een stempel en een handtekening op.",
            ],
            fr=[
                "Venez au guichet rapide avec le document. Ne le signez pas encore.",
                "Vous signez le document devant l'agent.",
                "Nous y mettons un cachet et une signature.",
            ],
            en=[
                "Come to the quick counter with the document. Do not sign it yet.",
                "You sign the document in front of the clerk.",
                "We add a stamp and a signature.",
            ],
        ),
        documents=lines(
            nl=["Je identiteitskaart", "Het document, nog niet ondertekend"],
            fr=["Votre carte d'identité", "Le document, pas encore signé"],
            en=["Your identity card", "The document, not signed yet"],
        ),
        cost=Text(nl="3 euro per handtekening.", fr="3 euros par signature.", en="3 euros per signature."),
        legal_basis=Text(
            nl="Nieuwe Gemeentewet, artikel 126; belastingreglement van de stad Mechelen op administratieve stukken.",
            fr="Nouvelle loi communale, article 126 ; règlement-taxe de la ville de Malines sur les documents "
            "administratifs.",
            en="New Municipal Act, article 126; City of Mechelen tax regulation on administrative documents.",
        ),
        processing_time=Text(nl="Meteen.", fr="Immédiatement.", en="Straight away."),
        keywords=Text(
            nl="wettiging handtekening, handtekening laten wettigen, echtverklaring, volmacht, toestemming reizen "
            "kind, stempel gemeente",
            fr="légalisation de signature, légaliser, procuration, autorisation de voyage enfant, cachet de la commune",
            en="legalise signature, signature certification, proxy, travel consent for a child, town hall stamp",
        ),
        cost_amount=Decimal("3.00"),
        duration_minutes=3,
        channels=(quick_counter(),),
        reviewed_days_ago=410,
    ),
    ServiceData(
        slug="euthanasia-declaration",
        organisation="mechelen",
        department="burgerzaken",
        title=Text(
            nl="Wilsverklaring euthanasie laten registreren",
            fr="Faire enregistrer une déclaration anticipée d'euthanasie",
            en="Register an advance euthanasia directive",
        ),
        summary=Text(
            nl="Met een wilsverklaring euthanasie zeg je op voorhand dat je euthanasie wilt als je onomkeerbaar "
            "buiten bewustzijn bent. Laat je ze registreren bij de stad, dan kan een arts ze altijd terugvinden. "
            "Sinds 2020 blijft ze onbeperkt geldig.",
            fr="Avec une déclaration anticipée, vous dites à l'avance que vous voulez l'euthanasie si vous êtes "
            "inconscient de façon irréversible. Si vous la faites enregistrer à la ville, un médecin peut toujours "
            "la retrouver. Depuis 2020, elle reste valable sans limite de durée.",
            en="With an advance directive you say in advance that you want euthanasia if you become irreversibly "
            "unconscious. If you register it with the city, a doctor can always find it. Since 2020 it stays "
            "valid without a time limit.",
        ),
        audience=Text(
            nl="Meerderjarige inwoners van Mechelen, of ontvoogde minderjarigen.",
            fr="Les habitants majeurs de Malines, ou les mineurs émancipés.",
            en="Adult residents of Mechelen, or emancipated minors.",
        ),
        procedure=steps(
            nl=[
                "Vul het wettelijk formulier in. Je vindt het op de website of aan het onthaal.",
                "Onderteken het samen met twee getuigen. Minstens één getuige erft niets van jou.",
                "Maak een afspraak en breng het formulier naar het loket. We registreren het.",
            ],
            fr=[
                "Remplissez le formulaire légal. Vous le trouvez sur le site ou à l'accueil.",
                "Signez-le avec deux témoins. Au moins un témoin n'hérite de rien de vous.",
                "Prenez rendez-vous et apportez le formulaire au guichet. Nous l'enregistrons.",
            ],
            en=[
                "Fill in the official form. You find it on the website or at reception.",
                "Sign it with two witnesses. At least one witness must not inherit anything from you.",
                "Book an appointment and bring the form to the counter. We register it.",
            ],
        ),
        documents=lines(
            nl=["Je identiteitskaart", "Het ingevulde formulier, ondertekend door jou en twee getuigen"],
            fr=["Votre carte d'identité", "Le formulaire rempli, signé par vous et deux témoins"],
            en=["Your identity card", "The completed form, signed by you and two witnesses"],
        ),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=Text(
            nl="Wet van 28 mei 2002 betreffende de euthanasie, artikel 4, gewijzigd door de wet van 15 maart 2020.",
            fr="Loi du 28 mai 2002 relative à l'euthanasie, article 4, modifiée par la loi du 15 mars 2020.",
            en="Act of 28 May 2002 on euthanasia, article 4, amended by the Act of 15 March 2020.",
        ),
        processing_time=Text(
            nl="Meteen geregistreerd.",
            fr="Enregistrée tout de suite.",
            en="Registered straight away.",
        ),
        keywords=Text(
            nl="euthanasie, wilsverklaring, levenseinde, voorafgaande wilsverklaring, zorgplanning, sterven",
            fr="euthanasie, déclaration anticipée, fin de vie, volonté, planification des soins",
            en="euthanasia, advance directive, living will, end of life, advance care planning",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=10,
        channels=(appointment(), phone()),
        reviewed_days_ago=250,
    ),
    ServiceData(
        slug="organ-donation",
        organisation="mechelen",
        department="burgerzaken",
        title=Text(
            nl="Orgaandonatie: je keuze laten registreren",
            fr="Don d'organes : faire enregistrer votre choix",
            en="Organ donation: register your choice",
        ),
        summary=Text(
            nl="In België ben je na je dood automatisch orgaandonor, tenzij je je verzet. Je kunt ook uitdrukkelijk "
            "zeggen dat je donor wilt zijn. Registreer je keuze, dan hoeft je familie niet te beslissen.",
            fr="En Belgique, vous êtes automatiquement donneur d'organes après votre décès, sauf si vous vous y "
            "opposez. Vous pouvez aussi dire clairement que vous voulez être donneur. Faites enregistrer votre "
            "choix : votre famille ne devra pas décider.",
            en="In Belgium you are automatically an organ donor after death unless you object. You can also say "
            "clearly that you want to donate. Register your choice so your family does not have to decide.",
        ),
        audience=Text(
            nl="Iedereen die in Mechelen ingeschreven is. Voor kinderen beslissen de ouders.",
            fr="Toute personne inscrite à Malines. Pour les enfants, les parents décident.",
            en="Anyone registered in Mechelen. For children, the parents decide.",
        ),
        procedure=steps(
            nl=[
                "Registreer je keuze zelf online via Mijn Gezondheid, of kom naar het snelloket.",
                "Je kiest: toestemming, verzet, of ook weefsel en lichaam voor de wetenschap.",
                "Je kunt je keuze altijd opnieuw veranderen.",
            ],
            fr=[
                "Enregistrez vous-même votre choix en ligne via Ma Santé, ou venez au guichet rapide.",
                "Vous choisissez : consentement, opposition, ou aussi tissus et corps pour la science.",
                "Vous pouvez toujours changer votre choix.",
            ],
            en=[
                "Register your choice yourself online via My Health, or come to the quick counter.",
                "You choose: consent, objection, or also tissue and body for science.",
                "You can always change your choice again.",
            ],
        ),
        documents=lines(nl=["Je identiteitskaart"], fr=["Votre carte d'identité"], en=["Your identity card"]),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=Text(
            nl="Wet van 13 juni 1986 betreffende het wegnemen en transplanteren van organen.",
            fr="Loi du 13 juin 1986 sur le prélèvement et la transplantation d'organes.",
            en="Act of 13 June 1986 on the removal and transplantation of organs.",
        ),
        processing_time=Text(
            nl="Meteen geregistreerd.", fr="Enregistré tout de suite.", en="Registered straight away."
        ),
        keywords=Text(
            nl="orgaandonatie, donor, organen afstaan, donorregistratie, weefsel, lichaam aan de wetenschap",
            fr="don d'organes, donneur, donner ses organes, tissus, don du corps à la science",
            en="organ donation, organ donor, donate organs, donor register, body to science",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=4,
        channels=(
            online(
                "/e-loket/orgaandonatie",
                Text(
                    nl="Registreer je keuze zelf via Mijn Gezondheid. Je meldt je aan met itsme of je eID.",
                    fr="Enregistrez vous-même votre choix via Ma Santé. Connectez-vous avec itsme ou votre eID.",
                    en="Register your choice yourself via My Health. Log in with itsme or your eID.",
                ),
            ),
            quick_counter(),
        ),
        reviewed_days_ago=190,
    ),
    ServiceData(
        slug="burial-cremation-wishes",
        organisation="mechelen",
        department="burgerzaken",
        title=Text(
            nl="Laatste wilsbeschikking: begraven of cremeren",
            fr="Dernières volontés : inhumation ou crémation",
            en="Last wishes: burial or cremation",
        ),
        summary=Text(
            nl="Wil je begraven of gecremeerd worden? Wat moet er met je as gebeuren? En wil je een religieuze of "
            "niet-religieuze uitvaart? Laat je wensen registreren. Zo weet je familie wat je wilt.",
            fr="Voulez-vous être inhumé ou incinéré ? Que faire de vos cendres ? Voulez-vous des funérailles "
            "religieuses ou non ? Faites enregistrer vos souhaits. Votre famille saura ce que vous voulez.",
            en="Do you want to be buried or cremated? What should happen to your ashes? Do you want a religious "
            "or non-religious funeral? Register your wishes, so your family knows what you want.",
        ),
        audience=Text(
            nl="Iedereen die in Mechelen ingeschreven is.",
            fr="Toute personne inscrite à Malines.",
            en="Anyone registered in Mechelen.",
        ),
        procedure=steps(
            nl=[
                "Maak een afspraak of bel ons.",
                "Aan het loket vul je het formulier in en onderteken je het.",
                "We registreren je wensen. Elke gemeente in België kan ze lezen.",
            ],
            fr=[
                "Prenez rendez-vous ou appelez-nous.",
                "Au guichet, vous remplissez et signez le formulaire.",
                "Nous enregistrons vos souhaits. Toutes les communes de Belgique peuvent les lire.",
            ],
            en=[
                "Book an appointment or call us.",
                "At the counter you fill in and sign the form.",
                "We register your wishes. Every municipality in Belgium can read them.",
            ],
        ),
        documents=lines(nl=["Je identiteitskaart"], fr=["Votre carte d'identité"], en=["Your identity card"]),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=Text(
            nl="Decreet van 16 januari 2004 op de begraafplaatsen en de lijkbezorging, artikel 15.",
            fr="Décret flamand du 16 janvier 2004 sur les funérailles et sépultures, article 15.",
            en="Flemish Decree of 16 January 2004 on cemeteries and funerals, article 15.",
        ),
        processing_time=Text(
            nl="Meteen geregistreerd.", fr="Enregistré tout de suite.", en="Registered straight away."
        ),
        keywords=Text(
            nl="laatste wilsbeschikking, begrafenis, crematie, as uitstrooien, urne, uitvaart, teraardebestelling, "
            "wensen na overlijden",
            fr="dernières volontés, enterrement, inhumation, crémation, incinération, disperser les cendres, urne, "
            "funérailles",
            en="last wishes, funeral wishes, burial, cremation, scatter ashes, urn, funeral",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=10,
        channels=(appointment(), phone()),
        reviewed_days_ago=300,
    ),
)

"""Demo services: civil status, from birth to death (city of Mechelen, Civil status department).

Since 2019 civil-status deeds are digital (the DABS database), so copies are free online; the
declarations themselves still need both persons at a theme counter by appointment.
"""

from __future__ import annotations

from decimal import Decimal

from loket.demo.channels import appointment, online, phone, post, quick_counter
from loket.demo.schema import ServiceData, Text, lines, steps

_CIVIL_STATUS_LAW = Text(
    nl="Oud Burgerlijk Wetboek; wet van 18 juni 2018 houdende bepalingen inzake de modernisering van de burgerlijke "
    "stand.",
    fr="Ancien Code civil ; loi du 18 juin 2018 portant modernisation de l'état civil.",
    en="Old Civil Code; Act of 18 June 2018 on the modernisation of civil status.",
)

SERVICES: tuple[ServiceData, ...] = (
    ServiceData(
        slug="birth-declaration",
        organisation="mechelen",
        department="burgerlijke-stand",
        title=Text(
            nl="Geboorte aangeven",
            fr="Déclarer une naissance",
            en="Register a birth",
        ),
        summary=Text(
            nl="Na de geboorte van je kind doe je aangifte binnen 15 kalenderdagen. Werd je kind geboren in het "
            "ziekenhuis AZ Sint-Maarten? Dan kun je de aangifte meestal in het ziekenhuis doen. Anders kom je "
            "naar het Huis van de Mechelaar. We maken de geboorteakte op.",
            fr="Après la naissance de votre enfant, vous faites la déclaration dans les 15 jours calendrier. Votre "
            "enfant est né à l'hôpital AZ Sint-Maarten ? Vous pouvez en général faire la déclaration à l'hôpital. "
            "Sinon, venez à la Maison des Malinois. Nous établissons l'acte de naissance.",
            en="After your child is born, you register the birth within 15 calendar days. Was your child born at "
            "AZ Sint-Maarten hospital? Then you can usually register at the hospital. Otherwise come to the Huis "
            "van de Mechelaar. We draw up the birth certificate.",
        ),
        audience=Text(
            nl="Ouders van een kind dat in Mechelen geboren is. De vader, de meemoeder of de moeder doet de aangifte.",
            fr="Les parents d'un enfant né à Malines. Le père, la coparente ou la mère fait la déclaration.",
            en="Parents of a child born in Mechelen. The father, co-mother or mother registers the birth.",
        ),
        procedure=steps(
            nl=[
                "Vraag in het ziekenhuis of je de aangifte daar kunt doen.",
                "Kan dat niet, maak dan een afspraak bij de Burgerlijke Stand, binnen 15 dagen na de geboorte.",
                "Kies samen de naam en de voornamen van je kind.",
                "We maken de geboorteakte op. Je vindt ze daarna ook online in Mijn Burgerprofiel.",
            ],
            fr=[
                "Demandez à l'hôpital si vous pouvez y faire la déclaration.",
                "Sinon, prenez rendez-vous à l'état civil, dans les 15 jours après la naissance.",
                "Choisissez ensemble le nom et les prénoms de votre enfant.",
                "Nous établissons l'acte de naissance. Vous le trouvez ensuite aussi en ligne dans Mijn Burgerprofiel.",
            ],
            en=[
                "Ask at the hospital whether you can register the birth there.",
                "If not, book an appointment at Civil Status within 15 days after the birth.",
                "Choose your child's surname and first names together.",
                "We draw up the birth certificate. You can then also find it online in Mijn Burgerprofiel.",
            ],
        ),
        documents=lines(
            nl=[
                "Het medisch attest van de geboorte (je krijgt het in het ziekenhuis)",
                "De identiteitskaart van beide ouders",
                "De akte van erkenning, als je niet gehuwd bent en je kind vooraf erkend hebt",
            ],
            fr=[
                "Le certificat médical de naissance (vous le recevez à l'hôpital)",
                "La carte d'identité des deux parents",
                "L'acte de reconnaissance, si vous n'êtes pas mariés et avez reconnu l'enfant avant la naissance",
            ],
            en=[
                "The medical certificate of birth (you get it at the hospital)",
                "Both parents' identity cards",
                "The deed of recognition, if you are not married and recognised the child before birth",
            ],
        ),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=Text(
            nl="Oud Burgerlijk Wetboek, artikelen 55 tot 62.",
            fr="Ancien Code civil, articles 55 à 62.",
            en="Old Civil Code, articles 55 to 62.",
        ),
        processing_time=Text(
            nl="De geboorteakte is meteen klaar.",
            fr="L'acte de naissance est prêt tout de suite.",
            en="The birth certificate is ready straight away.",
        ),
        keywords=Text(
            nl="geboorte, aangifte geboorte, baby, bevallen, geboorteakte, kindje geboren, naam kiezen, pasgeboren",
            fr="naissance, déclaration de naissance, bébé, accouchement, acte de naissance, nouveau-né, choisir le nom",
            en="birth, register a birth, baby, newborn, birth certificate, had a baby, choose a name",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=20,
        channels=(appointment(), phone()),
        reviewed_days_ago=28,
    ),
    ServiceData(
        slug="recognition-of-child",
        organisation="mechelen",
        department="burgerlijke-stand",
        title=Text(
            nl="Een kind erkennen",
            fr="Reconnaître un enfant",
            en="Recognise a child",
        ),
        summary=Text(
            nl="Ben je niet getrouwd met de moeder? Dan erken je je kind om er juridisch de vader of meemoeder "
            "van te zijn. Dat kan al tijdens de zwangerschap, bij de aangifte van de geboorte of later.",
            fr="Vous n'êtes pas marié avec la mère ? Vous reconnaissez alors votre enfant pour en être "
            "juridiquement le père ou la coparente. C'est possible pendant la grossesse, lors de la déclaration "
            "de naissance ou plus tard.",
            en="Not married to the mother? Then you recognise your child to become its legal father or co-mother. "
            "You can do this during the pregnancy, when you register the birth, or later.",
        ),
        audience=Text(
            nl="Vaders en meemoeders die niet gehuwd zijn met de moeder. De moeder moet toestemming geven; een kind "
            "vanaf 12 jaar ook.",
            fr="Les pères et coparentes qui ne sont pas mariés avec la mère. La mère doit donner son accord ; "
            "l'enfant aussi à partir de 12 ans.",
            en="Fathers and co-mothers who are not married to the mother. The mother must agree; so must a child "
            "aged 12 or older.",
        ),
        procedure=steps(
            nl=[
                "Maak samen een afspraak bij de Burgerlijke Stand.",
                "We controleren de documenten. Soms vragen we extra informatie.",
                "Jullie ondertekenen de akte van erkenning.",
            ],
            fr=[
                "Prenez rendez-vous ensemble à l'état civil.",
                "Nous vérifions les documents. Parfois, nous demandons des informations en plus.",
                "Vous signez l'acte de reconnaissance.",
            ],
            en=[
                "Book an appointment together at Civil Status.",
                "We check the documents. Sometimes we ask for more information.",
                "You both sign the deed of recognition.",
            ],
        ),
        documents=lines(
            nl=[
                "De identiteitskaart van beide ouders",
                "Een attest van zwangerschap met de vermoedelijke bevallingsdatum, voor een erkenning voor de geboorte",
                "Een recente geboorteakte, als je niet in België geboren bent",
            ],
            fr=[
                "La carte d'identité des deux parents",
                "Une attestation de grossesse avec la date prévue, pour une reconnaissance avant la naissance",
                "Un acte de naissance récent, si vous n'êtes pas né en Belgique",
            ],
            en=[
                "Both parents' identity cards",
                "A pregnancy certificate with the expected due date, for a recognition before birth",
                "A recent birth certificate, if you were not born in Belgium",
            ],
        ),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=Text(
            nl="Oud Burgerlijk Wetboek, artikelen 319 tot 330/4.",
            fr="Ancien Code civil, articles 319 à 330/4.",
            en="Old Civil Code, articles 319 to 330/4.",
        ),
        processing_time=Text(
            nl="Meestal meteen. Zijn er vragen over de documenten, dan kan het tot 2 maanden duren.",
            fr="En général immédiatement. S'il y a des questions sur les documents, cela peut prendre 2 mois.",
            en="Usually straight away. If there are questions about the documents, it can take up to 2 months.",
        ),
        keywords=Text(
            nl="erkenning, kind erkennen, vaderschap, meemoederschap, ongehuwd, zwanger, samenwonend met kind",
            fr="reconnaissance, reconnaître un enfant, paternité, coparente, non mariés, enceinte",
            en="recognition, recognise a child, paternity, acknowledge a child, co-mother, unmarried parents, pregnant",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=20,
        channels=(appointment(), phone()),
        reviewed_days_ago=95,
    ),
    ServiceData(
        slug="marriage",
        organisation="mechelen",
        department="burgerlijke-stand",
        title=Text(
            nl="Trouwen: aangifte van huwelijk",
            fr="Se marier : déclaration de mariage",
            en="Getting married: declaration of marriage",
        ),
        summary=Text(
            nl="Wil je trouwen in Mechelen? Doe dan eerst samen de aangifte van huwelijk. Dat kan ten vroegste "
            "6 maanden en ten laatste 14 dagen voor de trouwdatum. Daarna trouwen jullie in de trouwzaal van het "
            "stadhuis.",
            fr="Vous voulez vous marier à Malines ? Faites d'abord ensemble la déclaration de mariage, au plus tôt "
            "6 mois et au plus tard 14 jours avant la date du mariage. Ensuite, vous vous mariez dans la salle "
            "des mariages de l'hôtel de ville.",
            en="Do you want to get married in Mechelen? First make the declaration of marriage together, at the "
            "earliest 6 months and at the latest 14 days before the wedding. Then you marry in the wedding room "
            "of the city hall.",
        ),
        audience=Text(
            nl="Koppels van wie minstens één partner in Mechelen ingeschreven is. Beide partners zijn minstens "
            "18 jaar.",
            fr="Les couples dont au moins un partenaire est inscrit à Malines. Les deux partenaires ont au "
            "moins 18 ans.",
            en="Couples where at least one partner is registered in Mechelen. Both partners are at least 18.",
        ),
        procedure=steps(
            nl=[
                "Reserveer een datum en uur voor je huwelijk bij de Burgerlijke Stand.",
                "Maak samen een afspraak voor de aangifte en breng alle documenten mee.",
                "Kies je getuigen (geen verplichting, maximaal 4).",
                "Trouw op de afgesproken dag. Je krijgt meteen een trouwboekje als je dat wilt.",
            ],
            fr=[
                "Réservez une date et une heure pour votre mariage auprès de l'état civil.",
                "Prenez rendez-vous ensemble pour la déclaration et apportez tous les documents.",
                "Choisissez vos témoins (pas obligatoire, 4 au maximum).",
                "Mariez-vous le jour prévu. Vous recevez un carnet de mariage si vous le souhaitez.",
            ],
            en=[
                "Reserve a date and time for your wedding with Civil Status.",
                "Book an appointment together for the declaration and bring all the documents.",
                "Choose your witnesses (not required, at most 4).",
                "Get married on the agreed day. You receive a marriage booklet if you wish.",
            ],
        ),
        documents=lines(
            nl=[
                "De identiteitskaart van beide partners",
                "Een recente geboorteakte, als je niet in België geboren bent (vertaald en gelegaliseerd)",
                "Een bewijs van ontbinding van een vorig huwelijk, als je al getrouwd was",
                "De gegevens van je getuigen",
            ],
            fr=[
                "La carte d'identité des deux partenaires",
                "Un acte de naissance récent, si vous n'êtes pas né en Belgique (traduit et légalisé)",
                "Une preuve de la dissolution d'un mariage précédent, si vous avez déjà été marié",
                "Les données de vos témoins",
            ],
            en=[
                "Both partners' identity cards",
                "A recent birth certificate, if you were not born in Belgium (translated and legalised)",
                "Proof that a previous marriage ended, if you were married before",
                "Your witnesses' details",
            ],
        ),
        cost=Text(
            nl="De aangifte is gratis. Trouwen op een weekdag is gratis; op zaterdag betaal je 150 euro.",
            fr="La déclaration est gratuite. Se marier en semaine est gratuit ; le samedi, cela coûte 150 euros.",
            en="The declaration is free. A weekday wedding is free; on Saturday it costs 150 euros.",
        ),
        legal_basis=Text(
            nl="Oud Burgerlijk Wetboek, artikelen 63 tot 76 en 144 tot 228.",
            fr="Ancien Code civil, articles 63 à 76 et 144 à 228.",
            en="Old Civil Code, articles 63 to 76 and 144 to 228.",
        ),
        processing_time=Text(
            nl="Je trouwt ten vroegste 14 dagen na de aangifte.",
            fr="Le mariage a lieu au plus tôt 14 jours après la déclaration.",
            en="The wedding can take place at the earliest 14 days after the declaration.",
        ),
        keywords=Text(
            nl="trouwen, huwelijk, aangifte huwelijk, trouwzaal, getuigen, trouwboekje, huwen, ik ga trouwen",
            fr="se marier, mariage, déclaration de mariage, salle des mariages, témoins, carnet de mariage",
            en="get married, marriage, wedding, declaration of marriage, witnesses, wedding room, marry",
        ),
        cost_amount=None,
        duration_minutes=30,
        channels=(
            online(
                "/e-loket/huwelijk",
                Text(
                    nl="Vraag online een datum voor je huwelijk aan en boek je afspraak voor de aangifte.",
                    fr="Demandez en ligne une date pour votre mariage et réservez votre rendez-vous pour la "
                    "déclaration.",
                    en="Ask for a wedding date online and book your appointment for the declaration.",
                ),
            ),
            appointment(),
            phone(),
        ),
        reviewed_days_ago=64,
    ),
    ServiceData(
        slug="legal-cohabitation",
        organisation="mechelen",
        department="burgerlijke-stand",
        title=Text(
            nl="Wettelijk samenwonen (of het stoppen)",
            fr="Cohabitation légale (ou y mettre fin)",
            en="Legal cohabitation (or ending it)",
        ),
        summary=Text(
            nl="Met een verklaring van wettelijke samenwoning beschermen jullie elkaar: jullie gezinswoning, "
            "de kosten van het huishouden en een deel van de erfenis. Je kunt de samenwoning ook weer stoppen.",
            fr="Avec une déclaration de cohabitation légale, vous vous protégez mutuellement : votre logement "
            "familial, les frais du ménage et une partie de l'héritage. Vous pouvez aussi y mettre fin.",
            en="A declaration of legal cohabitation protects you both: your family home, household costs and "
            "part of the inheritance. You can also end it again.",
        ),
        audience=Text(
            nl="Twee mensen die samen op een adres in Mechelen wonen, die niet getrouwd zijn en niet al met "
            "iemand anders wettelijk samenwonen.",
            fr="Deux personnes qui habitent ensemble à une adresse à Malines, qui ne sont pas mariées et pas "
            "déjà en cohabitation légale avec quelqu'un d'autre.",
            en="Two people who live together at an address in Mechelen, who are not married and not already "
            "legally cohabiting with someone else.",
        ),
        procedure=steps(
            nl=[
                "Zorg dat jullie allebei op hetzelfde adres ingeschreven zijn.",
                "Maak samen een afspraak bij de Burgerlijke Stand.",
                "Jullie ondertekenen de verklaring. We zetten ze in het rijksregister.",
                "Om te stoppen: kom samen, of stuur als één partner een aangetekende brief naar de stad.",
            ],
            fr=[
                "Veillez à être inscrits tous les deux à la même adresse.",
                "Prenez rendez-vous ensemble à l'état civil.",
                "Vous signez la déclaration. Nous l'inscrivons au registre national.",
                "Pour y mettre fin : venez ensemble, ou un partenaire envoie une lettre recommandée à la ville.",
            ],
            en=[
                "Make sure you are both registered at the same address.",
                "Book an appointment together at Civil Status.",
                "You both sign the declaration. We record it in the national register.",
                "To end it: come together, or one partner sends a registered letter to the city.",
            ],
        ),
        documents=lines(
            nl=[
                "De identiteitskaart van beide partners",
                "Een samenlevingscontract van de notaris, als jullie er een hebben",
                "Een recente geboorteakte, als je niet in België geboren bent",
            ],
            fr=[
                "La carte d'identité des deux partenaires",
                "Une convention de cohabitation du notaire, si vous en avez une",
                "Un acte de naissance récent, si vous n'êtes pas né en Belgique",
            ],
            en=[
                "Both partners' identity cards",
                "A cohabitation contract from a notary, if you have one",
                "A recent birth certificate, if you were not born in Belgium",
            ],
        ),
        cost=Text(nl="20 euro.", fr="20 euros.", en="20 euros."),
        legal_basis=Text(
            nl="Oud Burgerlijk Wetboek, artikelen 1475 tot 1479.",
            fr="Ancien Code civil, articles 1475 à 1479.",
            en="Old Civil Code, articles 1475 to 1479.",
        ),
        processing_time=Text(
            nl="Meteen, als alle documenten in orde zijn.",
            fr="Immédiatement, si tous les documents sont en ordre.",
            en="Straight away, if all the documents are in order.",
        ),
        keywords=Text(
            nl="wettelijk samenwonen, samenwoning, samenlevingscontract, partner, samenwonen, stoppen met samenwonen",
            fr="cohabitation légale, cohabiter, vivre ensemble, partenaire, convention de cohabitation, fin de "
            "cohabitation",
            en="legal cohabitation, living together, civil partnership, registered partnership, partner, cohabit",
        ),
        cost_amount=Decimal("20.00"),
        duration_minutes=20,
        channels=(appointment(), phone()),
        reviewed_days_ago=110,
    ),
    ServiceData(
        slug="death-declaration",
        organisation="mechelen",
        department="burgerlijke-stand",
        title=Text(
            nl="Overlijden aangeven",
            fr="Déclarer un décès",
            en="Register a death",
        ),
        summary=Text(
            nl="Na een overlijden moet iemand het overlijden aangeven in de gemeente waar de persoon stierf. "
            "Meestal doet de begrafenisondernemer dat voor de familie. We maken de overlijdensakte op en geven "
            "toestemming voor de begrafenis of crematie.",
            fr="Après un décès, quelqu'un doit le déclarer dans la commune où la personne est décédée. "
            "En général, l'entreprise de pompes funèbres le fait pour la famille. Nous établissons l'acte de décès "
            "et donnons l'autorisation d'inhumer ou d'incinérer.",
            en="After a death, someone must register it in the municipality where the person died. Usually the "
            "funeral director does this for the family. We draw up the death certificate and give permission for "
            "the burial or cremation.",
        ),
        audience=Text(
            nl="Familie of begrafenisondernemers, na een overlijden in Mechelen.",
            fr="La famille ou les entreprises de pompes funèbres, après un décès à Malines.",
            en="Relatives or funeral directors, after a death in Mechelen.",
        ),
        procedure=steps(
            nl=[
                "Een arts stelt het overlijden vast en vult het medisch attest in.",
                "Neem contact op met een begrafenisondernemer. Die doet meestal de aangifte.",
                "Doe je het zelf? Bel ons of maak zo snel mogelijk een afspraak.",
                "We maken de overlijdensakte op. Banken, pensioendienst en ziekenfonds worden automatisch verwittigd.",
            ],
            fr=[
                "Un médecin constate le décès et remplit le certificat médical.",
                "Contactez une entreprise de pompes funèbres. Elle fait en général la déclaration.",
                "Vous le faites vous-même ? Appelez-nous ou prenez rendez-vous au plus vite.",
                "Nous établissons l'acte de décès. Les banques, le service des pensions et la mutualité sont "
                "prévenus automatiquement.",
            ],
            en=[
                "A doctor confirms the death and fills in the medical certificate.",
                "Contact a funeral director. They usually register the death.",
                "Doing it yourself? Call us or book an appointment as soon as possible.",
                "We draw up the death certificate. Banks, the pensions service and the health insurer are told "
                "automatically.",
            ],
        ),
        documents=lines(
            nl=[
                "Het medisch attest van overlijden (model IIIC of IIID)",
                "De identiteitskaart van de overledene",
                "De identiteitskaart van de persoon die de aangifte doet",
            ],
            fr=[
                "Le certificat médical de décès (modèle IIIC ou IIID)",
                "La carte d'identité du défunt",
                "La carte d'identité de la personne qui fait la déclaration",
            ],
            en=[
                "The medical death certificate (form IIIC or IIID)",
                "The identity card of the person who died",
                "The identity card of the person registering the death",
            ],
        ),
        cost=Text(
            nl="Gratis. De begrafenisondernemer rekent wel zijn eigen kosten aan.",
            fr="Gratuit. L'entreprise de pompes funèbres facture ses propres frais.",
            en="Free. The funeral director does charge for their own services.",
        ),
        legal_basis=Text(
            nl="Oud Burgerlijk Wetboek, artikelen 77 tot 87; decreet van 16 januari 2004 op de begraafplaatsen "
            "en de lijkbezorging.",
            fr="Ancien Code civil, articles 77 à 87 ; décret flamand du 16 janvier 2004 sur les funérailles et "
            "sépultures.",
            en="Old Civil Code, articles 77 to 87; Flemish Decree of 16 January 2004 on cemeteries and funerals.",
        ),
        processing_time=Text(
            nl="De overlijdensakte is dezelfde dag klaar.",
            fr="L'acte de décès est prêt le jour même.",
            en="The death certificate is ready the same day.",
        ),
        keywords=Text(
            nl="overlijden, sterfgeval, aangifte overlijden, overlijdensakte, begrafenis, gestorven, uitvaart, "
            "iemand is overleden",
            fr="décès, déclaration de décès, acte de décès, funérailles, enterrement, quelqu'un est décédé, mort",
            en="death, register a death, death certificate, funeral, someone died, passed away, bereavement",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=20,
        channels=(phone(), appointment()),
        reviewed_days_ago=40,
    ),
    ServiceData(
        slug="copy-civil-status-certificate",
        organisation="mechelen",
        department="burgerlijke-stand",
        title=Text(
            nl="Afschrift of uittreksel van een geboorte-, huwelijks- of overlijdensakte",
            fr="Copie ou extrait d'un acte de naissance, de mariage ou de décès",
            en="Copy or extract of a birth, marriage or death certificate",
        ),
        summary=Text(
            nl="Heb je een geboorteakte, huwelijksakte of overlijdensakte nodig? Akten vanaf 2019 download je "
            "gratis online. Voor oudere akten kom je naar het snelloket of vraag je ze per post aan.",
            fr="Vous avez besoin d'un acte de naissance, de mariage ou de décès ? Les actes depuis 2019 se "
            "téléchargent gratuitement en ligne. Pour les actes plus anciens, venez au guichet rapide ou "
            "demandez-les par courrier.",
            en="Do you need a birth, marriage or death certificate? Certificates from 2019 onwards can be "
            "downloaded for free online. For older ones, come to the quick counter or ask by post.",
        ),
        audience=Text(
            nl="De persoon zelf, zijn partner, ouders, kinderen of wettelijke vertegenwoordiger. Een notaris of "
            "advocaat ook.",
            fr="La personne elle-même, son partenaire, ses parents, ses enfants ou son représentant légal. "
            "Aussi un notaire ou un avocat.",
            en="The person themselves, their partner, parents, children or legal representative. Also a notary "
            "or lawyer.",
        ),
        procedure=steps(
            nl=[
                "Download de akte online via Mijn Burgerprofiel, als ze na 31 maart 2019 opgemaakt werd.",
                "Voor een oudere akte: kom naar het snelloket of stuur een brief of e-mail.",
                "Zeg of je een afschrift (volledig) of een uittreksel (kort) nodig hebt.",
            ],
            fr=[
                "Téléchargez l'acte en ligne via Mijn Burgerprofiel, s'il a été établi après le 31 mars 2019.",
                "Pour un acte plus ancien : venez au guichet rapide ou envoyez une lettre ou un e-mail.",
                "Dites s'il vous faut une copie (complète) ou un extrait (court).",
            ],
            en=[
                "Download the certificate online via Mijn Burgerprofiel if it was drawn up after 31 March 2019.",
                "For an older one: come to the quick counter or send a letter or e-mail.",
                "Say whether you need a full copy or a short extract.",
            ],
        ),
        documents=lines(
            nl=["Je identiteitskaart", "De naam, datum en plaats van de gebeurtenis (geboorte, huwelijk, overlijden)"],
            fr=["Votre carte d'identité", "Le nom, la date et le lieu de l'événement (naissance, mariage, décès)"],
            en=["Your identity card", "The name, date and place of the event (birth, marriage, death)"],
        ),
        cost=Text(nl="Gratis.", fr="Gratuit.", en="Free."),
        legal_basis=_CIVIL_STATUS_LAW,
        processing_time=Text(
            nl="Online en aan het loket meteen; per post binnen 5 werkdagen.",
            fr="En ligne et au guichet : immédiatement ; par courrier : dans les 5 jours ouvrables.",
            en="Online and at the counter straight away; by post within 5 working days.",
        ),
        keywords=Text(
            nl="geboorteakte, huwelijksakte, overlijdensakte, afschrift akte, uittreksel akte, burgerlijke stand, "
            "akte opvragen",
            fr="acte de naissance, acte de mariage, acte de décès, copie d'acte, extrait d'acte, état civil",
            en="birth certificate, marriage certificate, death certificate, copy of certificate, civil status record",
        ),
        cost_amount=Decimal("0"),
        duration_minutes=3,
        channels=(
            online("/e-loket/akten"),
            quick_counter(),
            post(
                Text(
                    nl="Stuur een brief naar Stad Mechelen, Burgerlijke Stand, Grote Markt 21, 2800 Mechelen, of "
                    "mail naar burgerlijkestand@mechelen.be. Vermeld welke akte je nodig hebt en waarvoor.",
                    fr="Envoyez une lettre à la Ville de Malines, État civil, Grote Markt 21, 2800 Malines, ou un "
                    "e-mail à burgerlijkestand@mechelen.be. Indiquez quel acte il vous faut et pour quoi.",
                    en="Send a letter to City of Mechelen, Civil Status, Grote Markt 21, 2800 Mechelen, or e-mail "
                    "burgerlijkestand@mechelen.be. Say which certificate you need and what for.",
                )
            ),
        ),
        reviewed_days_ago=70,
    ),
    ServiceData(
        slug="first-name-change",
        organisation="mechelen",
        department="burgerlijke-stand",
        title=Text(
            nl="Je voornaam veranderen",
            fr="Changer de prénom",
            en="Change your first name",
        ),
        summary=Text(
            nl="Wil je een andere voornaam, omdat je huidige naam je hindert of niet bij je past? Dan vraag je een "
            "voornaamsverandering aan bij de stad. Voor een andere familienaam moet je bij de FOD Justitie zijn.",
            fr="Vous voulez un autre prénom, parce que votre prénom actuel vous gêne ou ne vous correspond pas ? "
            "Demandez un changement de prénom à la ville. Pour un autre nom de famille, adressez-vous au SPF "
            "Justice.",
            en="Do you want a different first name, because your current one bothers you or does not suit you? "
            "Apply to the city for a change of first name. For a different surname, apply to the Federal "
            "Public Service Justice.",
        ),
        audience=Text(
            nl="Belgen die in Mechelen ingeschreven zijn, en erkende vluchtelingen en staatlozen. Voor een "
            "minderjarige vragen de ouders het aan.",
            fr="Les Belges inscrits à Malines, ainsi que les réfugiés reconnus et les apatrides. Pour un mineur, "
            "les parents font la demande.",
            en="Belgians registered in Mechelen, and recognised refugees and stateless persons. For a minor, the "
            "parents apply.",
        ),
        procedure=steps(
            nl=[
                "Maak een afspraak bij de Burgerlijke Stand.",
                "Leg uit welke voornaam je wilt. Je ondertekent de aanvraag.",
                "De ambtenaar van de burgerlijke stand beslist binnen 3 maanden.",
                "Is de beslissing positief? Dan passen we je akten en je identiteitskaart aan.",
            ],
            fr=[
                "Prenez rendez-vous à l'état civil.",
                "Expliquez quel prénom vous voulez. Vous signez la demande.",
                "L'officier de l'état civil décide dans les 3 mois.",
                "La décision est positive ? Nous adaptons vos actes et votre carte d'identité.",
            ],
            en=[
                "Book an appointment at Civil Status.",
                "Explain which first name you want. You sign the application.",
                "The civil registrar decides within 3 months.",
                "Is the decision positive? Then we update your certificates and identity card.",
            ],
        ),
        documents=lines(
            nl=["Je identiteitskaart", "Voor een minderjarige: de identiteitskaart van beide ouders"],
            fr=["Votre carte d'identité", "Pour un mineur : la carte d'identité des deux parents"],
            en=["Your identity card", "For a minor: both parents' identity cards"],
        ),
        cost=Text(
            nl="150 euro. Voor transgenders 15 euro. Gratis in enkele gevallen, bijvoorbeeld als je naam "
            "belachelijk is of je na een naturalisatie geen voornaam hebt.",
            fr="150 euros. Pour les personnes transgenres, 15 euros. Gratuit dans certains cas, par exemple si "
            "votre prénom est ridicule ou si vous n'avez pas de prénom après une naturalisation.",
            en="150 euros. For transgender people, 15 euros. Free in some cases, for example if your name is "
            "ridiculous or you have no first name after naturalisation.",
        ),
        legal_basis=Text(
            nl="Wet van 18 juni 2018, artikelen 370/3 tot 370/8 van het Oud Burgerlijk Wetboek; retributiereglement "
            "van de stad Mechelen.",
            fr="Loi du 18 juin 2018, articles 370/3 à 370/8 de l'ancien Code civil ; règlement-redevance de la "
            "ville de Malines.",
            en="Act of 18 June 2018, articles 370/3 to 370/8 of the Old Civil Code; City of Mechelen fees regulation.",
        ),
        processing_time=Text(nl="Maximaal 3 maanden.", fr="3 mois au maximum.", en="At most 3 months."),
        keywords=Text(
            nl="voornaam veranderen, naamsverandering, andere voornaam, naam wijzigen, transgender, roepnaam",
            fr="changer de prénom, changement de nom, autre prénom, modifier le prénom, transgenre",
            en="change first name, name change, new first name, change my name, transgender, forename",
        ),
        cost_amount=Decimal("150.00"),
        duration_minutes=20,
        channels=(appointment(), phone()),
        reviewed_days_ago=220,
    ),
    ServiceData(
        slug="nationality-declaration",
        organisation="mechelen",
        department="burgerlijke-stand",
        title=Text(
            nl="Belg worden: nationaliteitsverklaring",
            fr="Devenir belge : déclaration de nationalité",
            en="Becoming Belgian: declaration of nationality",
        ),
        summary=Text(
            nl="Woon je al lang wettig in België? Dan kun je onder voorwaarden Belg worden met een "
            "nationaliteitsverklaring. Je bewijst onder meer dat je een landstaal spreekt, dat je ingeburgerd "
            "bent en dat je werkt of werkte.",
            fr="Vous habitez légalement en Belgique depuis longtemps ? Sous conditions, vous pouvez devenir belge "
            "par une déclaration de nationalité. Vous prouvez notamment que vous parlez une langue nationale, "
            "que vous êtes intégré et que vous travaillez ou avez travaillé.",
            en="Have you lived legally in Belgium for a long time? Under certain conditions you can become "
            "Belgian by a declaration of nationality. Among other things, you show that you speak a national "
            "language, are integrated and work or have worked.",
        ),
        audience=Text(
            nl="Vreemdelingen van minstens 18 jaar die in Mechelen wonen, met een verblijf van onbeperkte duur. "
            "Meestal na 5 jaar wettig verblijf.",
            fr="Les étrangers d'au moins 18 ans qui habitent à Malines, avec un séjour illimité. En général "
            "après 5 ans de séjour légal.",
            en="Foreigners aged 18 or over who live in Mechelen, with an unlimited right of residence. Usually "
            "after 5 years of legal residence.",
        ),
        procedure=steps(
            nl=[
                "Betaal het registratierecht van 150 euro aan de FOD Financiën.",
                "Maak een afspraak bij de Burgerlijke Stand en breng alle documenten mee.",
                "We sturen je dossier naar het parket. Het parket heeft 4 maanden om te reageren.",
                "Geen bezwaar? Dan ben je Belg. Je krijgt een brief en vraagt een Belgische identiteitskaart aan.",
            ],
            fr=[
                "Payez le droit d'enregistrement de 150 euros au SPF Finances.",
                "Prenez rendez-vous à l'état civil et apportez tous les documents.",
                "Nous envoyons votre dossier au parquet. Le parquet a 4 mois pour réagir.",
                "Pas d'objection ? Vous êtes belge. Vous recevez une lettre et demandez une carte d'identité belge.",
            ],
            en=[
                "Pay the registration fee of 150 euros to the Federal Public Service Finance.",
                "Book an appointment at Civil Status and bring all the documents.",
                "We send your file to the public prosecutor, who has 4 months to respond.",
                "No objection? Then you are Belgian. You get a letter and apply for a Belgian identity card.",
            ],
        ),
        documents=lines(
            nl=[
                "Je verblijfskaart",
                "Een recente geboorteakte, vertaald en gelegaliseerd",
                "Een bewijs van kennis van het Nederlands, Frans of Duits (niveau A2)",
                "Een bewijs van inburgering en van werk (loonfiches of attesten)",
                "Het betalingsbewijs van het registratierecht",
            ],
            fr=[
                "Votre carte de séjour",
                "Un acte de naissance récent, traduit et légalisé",
                "Une preuve de connaissance du néerlandais, du français ou de l'allemand (niveau A2)",
                "Une preuve d'intégration et de travail (fiches de paie ou attestations)",
                "La preuve de paiement du droit d'enregistrement",
            ],
            en=[
                "Your residence card",
                "A recent birth certificate, translated and legalised",
                "Proof that you know Dutch, French or German (level A2)",
                "Proof of integration and of work (pay slips or certificates)",
                "Proof that you paid the registration fee",
            ],
        ),
        cost=Text(
            nl="150 euro registratierecht, te betalen aan de FOD Financiën.",
            fr="150 euros de droit d'enregistrement, à payer au SPF Finances.",
            en="150 euros registration fee, paid to the Federal Public Service Finance.",
        ),
        legal_basis=Text(
            nl="Wetboek van de Belgische nationaliteit, artikel 12bis.",
            fr="Code de la nationalité belge, article 12bis.",
            en="Belgian Nationality Code, article 12bis.",
        ),
        processing_time=Text(
            nl="Ongeveer 5 maanden.",
            fr="Environ 5 mois.",
            en="About 5 months.",
        ),
        keywords=Text(
            nl="Belg worden, nationaliteit, Belgische nationaliteit, nationaliteitsverklaring, naturalisatie, "
            "paspoort Belg",
            fr="devenir belge, nationalité, nationalité belge, déclaration de nationalité, naturalisation",
            en="become Belgian, citizenship, Belgian nationality, naturalisation, nationality declaration",
        ),
        cost_amount=Decimal("150.00"),
        duration_minutes=30,
        channels=(appointment(), phone()),
        reviewed_days_ago=175,
    ),
    ServiceData(
        slug="grave-concession",
        organisation="mechelen",
        department="burgerlijke-stand",
        title=Text(
            nl="Grafconcessie of urnennis aanvragen",
            fr="Demander une concession de sépulture ou une niche de columbarium",
            en="Apply for a grave or urn niche (concession)",
        ),
        summary=Text(
            nl="Met een concessie huur je een graf of een nis voor een urne op een begraafplaats van de stad, voor "
            "een lange periode. Zonder concessie blijft een graf minstens 10 jaar liggen.",
            fr="Avec une concession, vous louez une tombe ou une niche pour une urne dans un cimetière de la ville, "
            "pour une longue période. Sans concession, une tombe reste au moins 10 ans.",
            en="With a concession you rent a grave or an urn niche in a city cemetery for a long period. "
            "Without a concession, a grave stays for at least 10 years.",
        ),
        audience=Text(
            nl="Nabestaanden na een overlijden, of inwoners die op voorhand een plaats willen kiezen.",
            fr="Les proches après un décès, ou les habitants qui veulent choisir une place à l'avance.",
            en="Relatives after a death, or residents who want to choose a place in advance.",
        ),
        procedure=steps(
            nl=[
                "Bel ons of maak een afspraak. De begrafenisondernemer kan dit ook voor je regelen.",
                "Kies de begraafplaats, het soort graf en de duur (25 of 50 jaar).",
                "Je krijgt een factuur. Na betaling is de concessie van jou.",
            ],
            fr=[
                "Appelez-nous ou prenez rendez-vous. L'entreprise de pompes funèbres peut aussi s'en occuper.",
                "Choisissez le cimetière, le type de tombe et la durée (25 ou 50 ans).",
                "Vous recevez une facture. Après paiement, la concession est à vous.",
            ],
            en=[
                "Call us or book an appointment. The funeral director can also arrange this for you.",
                "Choose the cemetery, the kind of grave and the length (25 or 50 years).",
                "You get an invoice. Once paid, the concession is yours.",
            ],
        ),
        documents=lines(
            nl=["Je identiteitskaart", "De overlijdensakte, als het om een overleden persoon gaat"],
            fr=["Votre carte d'identité", "L'acte de décès, s'il s'agit d'une personne décédée"],
            en=["Your identity card", "The death certificate, if it is for someone who has died"],
        ),
        cost=Text(
            nl="Het bedrag hangt af van het soort graf en de duur: van 250 euro voor een urnennis tot 1.500 euro "
            "voor een grafkelder voor 50 jaar.",
            fr="Le prix dépend du type de tombe et de la durée : de 250 euros pour une niche à 1 500 euros pour "
            "un caveau pour 50 ans.",
            en="The price depends on the kind of grave and the length: from 250 euros for an urn niche to "
            "1,500 euros for a vault for 50 years.",
        ),
        legal_basis=Text(
            nl="Decreet van 16 januari 2004 op de begraafplaatsen en de lijkbezorging; retributiereglement "
            "begraafplaatsen van de stad Mechelen.",
            fr="Décret flamand du 16 janvier 2004 sur les funérailles et sépultures ; règlement-redevance des "
            "cimetières de la ville de Malines.",
            en="Flemish Decree of 16 January 2004 on cemeteries and funerals; City of Mechelen cemetery fees "
            "regulation.",
        ),
        processing_time=Text(
            nl="Binnen 5 werkdagen.",
            fr="Dans les 5 jours ouvrables.",
            en="Within 5 working days.",
        ),
        keywords=Text(
            nl="graf, concessie, grafconcessie, urnennis, columbarium, begraafplaats, kerkhof, grafsteen",
            fr="tombe, concession, sépulture, columbarium, niche, cimetière, pierre tombale",
            en="grave, burial plot, concession, urn niche, columbarium, cemetery, headstone",
        ),
        cost_amount=None,
        duration_minutes=20,
        channels=(phone(), appointment()),
        reviewed_days_ago=450,
    ),
)

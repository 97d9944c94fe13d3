"""Building blocks for the channels of the demo services, with their usual instructions.

Most services of one organisation are reached the same way (the 0800 number, the quick counter,
an appointment at a theme counter), so the common instructions live here once, in three
languages. A service passes its own ``instructions`` when it needs to say something specific.
"""

from __future__ import annotations

from loket.demo.organisations import BRUSSELS_PHONE, KCC_PHONE
from loket.demo.schema import ChannelData, Text

MECHELEN_SITE = "https://www.mechelen.be"
OCMW_SITE = "https://www.ocmwmechelen.be"
BRUSSELS_SITE = "https://fiscalite.brussels"


# --- City of Mechelen ------------------------------------------------------------------------

_ONLINE = Text(
    nl="Vraag het online aan in het e-loket van de stad. Je meldt je aan met itsme of met je eID. "
    "Je krijgt meteen een bevestiging per e-mail.",
    fr="Faites la demande en ligne au guichet électronique de la ville. Connectez-vous avec itsme ou "
    "avec votre carte d'identité. Vous recevez tout de suite une confirmation par e-mail.",
    en="Apply online at the city's e-counter. Log in with itsme or your eID card. "
    "You get a confirmation by e-mail straight away.",
)

_KCC = Text(
    nl=f"Bel gratis naar {KCC_PHONE}, van maandag tot vrijdag van 8 tot 17 uur. "
    "We beantwoorden je vraag of maken meteen een afspraak voor je.",
    fr=f"Appelez gratuitement le {KCC_PHONE}, du lundi au vendredi de 8 à 17 heures. "
    "Nous répondons à votre question ou nous prenons tout de suite un rendez-vous pour vous.",
    en=f"Call {KCC_PHONE} for free, Monday to Friday from 8 am to 5 pm. "
    "We answer your question or book an appointment for you straight away.",
)

_QUICK = Text(
    nl="Kom zonder afspraak naar het snelloket in het Huis van de Mechelaar, Grote Markt 21. "
    "Neem een volgnummer aan de zuil of vraag het aan het onthaal. Het duurt maar enkele minuten.",
    fr="Venez sans rendez-vous au guichet rapide de la Maison des Malinois, Grote Markt 21. "
    "Prenez un ticket à la borne ou demandez-le à l'accueil. Cela ne prend que quelques minutes.",
    en="Come to the quick counter at the Huis van de Mechelaar, Grote Markt 21, without an appointment. "
    "Take a ticket at the machine or ask at reception. It only takes a few minutes.",
)

_APPOINTMENT = Text(
    nl=f"Maak een afspraak online, via {KCC_PHONE} of aan het onthaal. Je wordt geholpen aan een "
    "themaloket in het Huis van de Mechelaar, Grote Markt 21. Kom op tijd en breng alle documenten mee.",
    fr=f"Prenez rendez-vous en ligne, au {KCC_PHONE} ou à l'accueil. Vous êtes reçu à un guichet "
    "thématique de la Maison des Malinois, Grote Markt 21. Soyez à l'heure et apportez tous les documents.",
    en=f"Book an appointment online, on {KCC_PHONE} or at reception. You are served at a theme counter "
    "in the Huis van de Mechelaar, Grote Markt 21. Please be on time and bring all the documents.",
)


def online(path: str, instructions: Text | None = None, *, site: str = MECHELEN_SITE) -> ChannelData:
    """Online, on the organisation's website (``path`` starts with a slash)."""
    return ChannelData(kind="online", instructions=instructions or _ONLINE, url=f"{site}{path}")


def phone(instructions: Text | None = None, *, number: str = KCC_PHONE) -> ChannelData:
    """By phone; by default the free number of the city's KlantenContactCenter."""
    return ChannelData(kind="phone", instructions=instructions or _KCC, phone=number)


def quick_counter(instructions: Text | None = None) -> ChannelData:
    """Walk in at the quick counter: only for services that take less than five minutes."""
    return ChannelData(kind="quick_counter", instructions=instructions or _QUICK)


def appointment(instructions: Text | None = None) -> ChannelData:
    """At a theme counter of the Huis van de Mechelaar, by appointment."""
    return ChannelData(kind="appointment", instructions=instructions or _APPOINTMENT)


def home_visit(instructions: Text) -> ChannelData:
    return ChannelData(kind="home_visit", instructions=instructions)


def post(instructions: Text) -> ChannelData:
    return ChannelData(kind="post", instructions=instructions)


# --- OCMW Mechelen and the partners' consultation days ---------------------------------------

_OCMW_APPOINTMENT = Text(
    nl=f"Maak een afspraak via {KCC_PHONE} of aan het onthaal van het Sociaal Huis, Lange Schipstraat 27. "
    "Een maatschappelijk werker ontvangt je in een rustige spreekkamer.",
    fr=f"Prenez rendez-vous au {KCC_PHONE} ou à l'accueil de la Maison sociale, Lange Schipstraat 27. "
    "Un assistant social vous reçoit dans un bureau calme.",
    en=f"Book an appointment on {KCC_PHONE} or at the reception of the Social House, Lange Schipstraat 27. "
    "A social worker sees you in a quiet consultation room.",
)

_OCMW_HOME_VISIT = Text(
    nl="Kun je niet naar het Sociaal Huis komen? Vraag een huisbezoek aan. Een maatschappelijk werker "
    "komt dan bij je thuis langs.",
    fr="Vous ne pouvez pas venir à la Maison sociale ? Demandez une visite à domicile. Un assistant "
    "social passe alors chez vous.",
    en="Can't come to the Social House? Ask for a home visit. A social worker will then come to your home.",
)


def ocmw_appointment(instructions: Text | None = None) -> ChannelData:
    return ChannelData(kind="appointment", instructions=instructions or _OCMW_APPOINTMENT)


def ocmw_home_visit(instructions: Text | None = None) -> ChannelData:
    return ChannelData(kind="home_visit", instructions=instructions or _OCMW_HOME_VISIT)


def ocmw_online(path: str, instructions: Text | None = None) -> ChannelData:
    return online(path, instructions, site=OCMW_SITE)


# --- Brussels Fiscality ----------------------------------------------------------------------

_BRU_ONLINE = Text(
    nl="Gebruik het online formulier op onze website. Je meldt je aan met itsme of je eID. "
    "Je kunt ook zonder aanmelden een vraag sturen.",
    fr="Utilisez le formulaire en ligne sur notre site. Connectez-vous avec itsme ou votre eID. "
    "Vous pouvez aussi envoyer une question sans vous connecter.",
    en="Use the online form on our website. Log in with itsme or your eID. "
    "You can also send a question without logging in.",
)

_BRU_PHONE = Text(
    nl=f"Bel {BRUSSELS_PHONE}, van maandag tot vrijdag van 9 tot 16 uur. We antwoorden in het Nederlands "
    "en in het Frans. Houd je aanslagbiljet bij de hand.",
    fr=f"Appelez le {BRUSSELS_PHONE}, du lundi au vendredi de 9 à 16 heures. Nous répondons en français "
    "et en néerlandais. Gardez votre avertissement-extrait de rôle sous la main.",
    en=f"Call {BRUSSELS_PHONE}, Monday to Friday from 9 am to 4 pm. We answer in Dutch and French, "
    "and often in English. Keep your tax bill at hand.",
)

_BRU_APPOINTMENT = Text(
    nl=f"Maak een afspraak online of via {BRUSSELS_PHONE}. Ons loket is in het City Center, "
    "Kruidtuinlaan 20, 1035 Brussel. Breng je aanslagbiljet en je identiteitskaart mee.",
    fr=f"Prenez rendez-vous en ligne ou au {BRUSSELS_PHONE}. Notre guichet se trouve au City Center, "
    "boulevard du Jardin Botanique 20, 1035 Bruxelles. Apportez votre avertissement-extrait de rôle "
    "et votre carte d'identité.",
    en=f"Book an appointment online or on {BRUSSELS_PHONE}. Our counter is in the City Center, "
    "Boulevard du Jardin Botanique 20, 1035 Brussels. Bring your tax bill and your identity card.",
)


def brussels_online(path: str, instructions: Text | None = None) -> ChannelData:
    return online(path, instructions or _BRU_ONLINE, site=BRUSSELS_SITE)


def brussels_phone(instructions: Text | None = None) -> ChannelData:
    return phone(instructions or _BRU_PHONE, number=BRUSSELS_PHONE)


def brussels_appointment(instructions: Text | None = None) -> ChannelData:
    return ChannelData(kind="appointment", instructions=instructions or _BRU_APPOINTMENT)

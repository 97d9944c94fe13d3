"""The shapes of the demo data: plain, frozen dataclasses that the data modules fill in.

The data modules (``organisations``, ``staff``, ``life_events`` and the ``catalogue`` package)
hold nothing but instances of these classes, so they read like a fixture a person can review;
``loader`` is the only module that turns them into database rows. Nothing here may import
Django models: the data must stay importable and testable without a database.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

LANGUAGES = ("nl", "fr", "en")


@dataclass(frozen=True)
class Text:
    """One text in Dutch, French and English. An empty string means "not translated yet"."""

    nl: str
    fr: str
    en: str

    def fields(self, name: str) -> dict[str, str]:
        """The modeltranslation field values, e.g. ``{"title_nl": ..., "title_fr": ..., "title_en": ...}``."""
        return {f"{name}_{code}": getattr(self, code) for code in LANGUAGES}


def same(text: str) -> Text:
    """A text that is the same in every language (a proper name)."""
    return Text(nl=text, fr=text, en=text)


def lines(*, nl: list[str], fr: list[str], en: list[str]) -> Text:
    """A list in three languages, one item a line (the format of ``Service.documents``)."""
    return Text(nl="\n".join(nl), fr="\n".join(fr), en="\n".join(en))


def steps(*, nl: list[str], fr: list[str], en: list[str]) -> Text:
    """Numbered steps in three languages, one step a line (the format of ``Service.procedure``)."""

    def number(items: list[str]) -> str:
        return "\n".join(f"{i}. {item}" for i, item in enumerate(items, start=1))

    return Text(nl=number(nl), fr=number(fr), en=number(en))


@dataclass(frozen=True)
class Hours:
    """Weekly opening hours of one kind of desk: the same span on each of ``weekdays`` (0 = Monday)."""

    desk_kind: str
    weekdays: tuple[int, ...]
    opens: datetime.time
    closes: datetime.time


@dataclass(frozen=True)
class ExceptionDay:
    """A closure or an extra opening on one date; no hours on a closure means all day."""

    date: datetime.date
    kind: str  # "closed" or "extra"
    reason: Text
    desk_kind: str = ""  # empty: the whole location
    opens: datetime.time | None = None
    closes: datetime.time | None = None


@dataclass(frozen=True)
class MonthlyDay:
    """A consultation day that recurs on the n-th weekday of every month (e.g. the 2nd Monday).

    Weekly hours cannot say this, so the loader writes one extra opening per month for the
    coming months.
    """

    nth: int
    weekday: int
    opens: datetime.time
    closes: datetime.time
    reason: Text
    desk_kind: str = "theme"
    months: int = 6


@dataclass(frozen=True)
class DeskData:
    name: str
    kind: str
    theme: str = ""


@dataclass(frozen=True)
class LocationData:
    slug: str
    name: Text
    street: str
    postcode: str
    city: str
    public_transport: Text
    accessibility: Text
    extra_holiday_region: str = ""
    hours: tuple[Hours, ...] = ()
    exceptions: tuple[ExceptionDay, ...] = ()
    monthly_days: tuple[MonthlyDay, ...] = ()
    desks: tuple[DeskData, ...] = ()


@dataclass(frozen=True)
class DepartmentData:
    slug: str
    name: Text
    email: str = ""


@dataclass(frozen=True)
class OrganisationData:
    slug: str
    name: Text
    kind: str
    website: str = ""
    phone: str = ""
    email: str = ""
    locations: tuple[LocationData, ...] = ()
    departments: tuple[DepartmentData, ...] = ()


@dataclass(frozen=True)
class ChannelData:
    """One way to get a service; ``url`` only for online, ``phone`` only for phone."""

    kind: str
    instructions: Text
    url: str = ""
    phone: str = ""


@dataclass(frozen=True)
class ServiceData:
    """One service sheet ("productfiche") with every text in three languages."""

    slug: str
    organisation: str  # organisation slug
    department: str  # department slug within that organisation
    title: Text
    summary: Text
    audience: Text
    procedure: Text
    documents: Text
    cost: Text
    legal_basis: Text
    processing_time: Text
    keywords: Text
    cost_amount: Decimal | None
    duration_minutes: int
    channels: tuple[ChannelData, ...]
    # Days before the day of loading that the sheet was last checked; None: never reviewed.
    reviewed_days_ago: int | None = 60
    status: str = "published"


@dataclass(frozen=True)
class LifeEventData:
    slug: str
    title: Text
    description: Text
    order: int
    services: tuple[str, ...]  # service slugs


@dataclass(frozen=True)
class MembershipData:
    organisation: str  # organisation slug
    role: str
    department: str = ""  # department slug, for back-office roles


@dataclass(frozen=True)
class StaffData:
    username: str
    first_name: str
    last_name: str
    description: str  # role and organisation, printed next to the demo login
    memberships: tuple[MembershipData, ...]
    skills: tuple[str, ...] = ()  # service slugs the staff member may serve at the counter
    is_superuser: bool = False

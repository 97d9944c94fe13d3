"""Template helpers of the staff pages: the navigation a staff member is entitled to, durations."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from loket.organisations.selectors import (
    APPOINTMENT_ROLES,
    CATALOGUE_ROLES,
    CONTACT_ROLES,
    MANAGER_ROLES,
    PERSON_ROLES,
    PRIVACY_ROLES,
    QUEUE_ROLES,
    REQUEST_ROLES,
    roles_anywhere,
)

register = template.Library()


@dataclass(frozen=True)
class NavItem:
    url: str
    label: str
    url_name: str


@register.simple_tag(takes_context=True)
def staff_navigation(context: dict[str, Any]) -> list[NavItem]:
    """The links of the staff header, only to what the person may use."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items = [NavItem(reverse("staff-home"), _("Staff home"), "staff-home")]
    roles = roles_anywhere(user=user)  # one query for the whole header
    if roles & APPOINTMENT_ROLES:
        items.append(NavItem(reverse("appointments-staff-day"), _("Appointments"), "appointments-staff-day"))
    if roles & QUEUE_ROLES:
        items.append(NavItem(reverse("queue-staff-desk"), _("My desk"), "queue-staff-desk"))
        items.append(NavItem(reverse("queue-staff-reception"), _("Reception"), "queue-staff-reception"))
    if roles & (CONTACT_ROLES | REQUEST_ROLES):
        items.append(NavItem(reverse("contacts-agent"), _("Contacts"), "contacts-agent"))
    if roles & REQUEST_ROLES:
        items.append(NavItem(reverse("contacts-requests"), _("Requests"), "contacts-requests"))
    if roles & PERSON_ROLES:
        items.append(NavItem(reverse("people-search"), _("People"), "people-search"))
    if roles & MANAGER_ROLES:
        items.append(NavItem(reverse("insights-dashboard"), _("Dashboard"), "insights-dashboard"))
        items.append(NavItem(reverse("planning-week"), _("Planning"), "planning-week"))
    if roles & PRIVACY_ROLES:
        items.append(NavItem(reverse("privacy-home"), _("Data protection"), "privacy-home"))
    if roles & CATALOGUE_ROLES:
        items.append(NavItem(reverse("catalog-staff-worklist"), _("Catalogue work list"), "catalog-staff-worklist"))
    if user.is_staff:
        items.append(NavItem(reverse("admin:index"), _("Set-up (admin)"), "admin:index"))
    return items


@register.filter
def minutes(value: datetime.timedelta | None) -> str:
    """A cool-off or a wait as a number of minutes people read: '15 minutes'."""
    if not value:
        return ""
    count = max(1, round(value.total_seconds() / 60))
    return ngettext("%(count)d minute", "%(count)d minutes", count) % {"count": count}


@register.filter
def retry_time(value: datetime.timedelta | None) -> str:
    """The local clock time after which a locked-out person may try again ('14:35')."""
    from django.utils import timezone

    if not value:
        return ""
    return timezone.localtime(timezone.now() + value).strftime("%H:%M")

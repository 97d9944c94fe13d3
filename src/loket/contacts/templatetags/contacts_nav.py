"""Template helpers of the contact and request pages: the sub-navigation (only the pages the staff
member may open) and the staff's words for a request's status."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from loket.contacts.models import RequestStatus
from loket.contacts.selectors import request_scope
from loket.organisations.selectors import CONTACT_ROLES, PERSON_ROLES, roles_anywhere

register = template.Library()


@register.simple_tag(takes_context=True)
def contacts_navigation(context: dict[str, Any]) -> list[tuple[str, str, str]]:
    """``(url, label, url name)`` for the agent screen, the work list, overdue and people."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    roles = roles_anywhere(user=user)
    scope = request_scope(user=user)
    items = []
    if roles & CONTACT_ROLES:
        items.append((reverse("contacts-agent"), _("Log a contact"), "contacts-agent"))
    if not scope.empty:
        items.append((reverse("contacts-requests"), _("Requests work list"), "contacts-requests"))
    if scope.manager_of:
        items.append((reverse("contacts-overdue"), _("Overdue requests"), "contacts-overdue"))
    if roles & PERSON_ROLES:
        items.append((reverse("people-search"), _("People"), "people-search"))
    return items


# What staff read for a status: the model's labels are the citizen's ("Waiting for you").
STAFF_STATUS_LABELS: dict[str, Any] = {RequestStatus.WAITING: _lazy("Waiting for the citizen")}


@register.filter
def staff_status(value: str) -> str:
    """The label of a request status as staff read it."""
    if not value:
        return ""
    if value in STAFF_STATUS_LABELS:
        return str(STAFF_STATUS_LABELS[value])
    return str(RequestStatus(value).label) if value in RequestStatus.values else value

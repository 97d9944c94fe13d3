"""Writes of the staff appointment pages that are not appointments themselves.

``person_search_log`` records that an agent looked people up in the organisation's earlier
appointments: that is reading personal data, so every search leaves an audit entry with who
searched, in which organisation, and what they typed. It never records what was found: the audit
trail must not become a second copy of the people's details.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from loket.appointments.staff_selectors import PersonQuery
from loket.core.audit import Actor, audit_log
from loket.core.errors import PermissionDenied
from loket.core.models import AuditEntry
from loket.organisations.models import Organisation
from loket.organisations.selectors import APPOINTMENT_ROLES, staff_organisation_ids


@transaction.atomic
def person_search_log(*, actor: Actor, organisation_id: int, query: PersonQuery | str) -> AuditEntry:
    """Audit one search for a person in ``organisation_id``'s appointments (``appointments.person_search``).

    Only staff with an appointment role in that organisation may search (``PermissionDenied``).
    ``query`` is what was searched (as read by ``staff_selectors.person_query``, or the raw text).
    """
    if (
        isinstance(actor, str)
        or actor is None
        or organisation_id not in staff_organisation_ids(user=actor, roles=APPOINTMENT_ROLES)
    ):
        raise PermissionDenied(_("Only staff who work with appointments in this organisation can look people up."))
    searched = {"kind": query.kind, "query": query.value} if isinstance(query, PersonQuery) else {"query": query}
    return audit_log(
        actor=actor,
        action="appointments.person_search",
        # The organisation is what was searched; an unsaved instance names it without a query.
        obj=Organisation(pk=organisation_id),
        organisation_id=organisation_id,
        changes=searched,
    )

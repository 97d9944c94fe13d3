"""Reads of contacts and requests, scoped: staff see what concerns their organisation, a citizen their own.

- A contact is seen by staff with ``CONTACT_ROLES`` or ``REQUEST_ROLES`` in the organisation it
  was about or in the organisation that registered it (a contact centre), never by others.
- A request is seen and worked by ``services.request_workers``: managers and administrators of
  its organisation, and its department's back office (or an organisation-wide back office).
- A citizen sees a request only as its person (``citizen_requests`` / ``citizen_request``), and
  only the events of ``CITIZEN_EVENT_KINDS``, the messages and the attachments not marked internal.

Lists return exactly what their screen shows, with ``select_related``/``prefetch_related``, and
no personal data of the citizen (the work list shows the subject, not the name); opening one
request is an audited read of its person's data. Nothing here writes, except the audit trail.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from loket.appointments.models import Appointment
from loket.citizens.models import Person
from loket.contacts.models import (
    CITIZEN_EVENT_KINDS,
    OPEN_STATUSES,
    Contact,
    Request,
    RequestAttachment,
    RequestEvent,
    RequestMessage,
    RequestStatus,
)
from loket.contacts.services import contact_organisations
from loket.core.audit import audit_read
from loket.core.errors import NotFound
from loket.organisations.models import Department, Membership, Organisation, Role
from loket.organisations.selectors import CONTACT_ROLES, MANAGER_ROLES, REQUEST_ROLES, staff_organisation_ids

User = AbstractBaseUser | AnonymousUser

WORK_LIST_TABS = ("new", "mine", "overdue", "open")
WORK_LIST_LIMIT = 200
CONTACT_LIST_LIMIT = 20
OVERDUE_LIMIT = 500


def _superuser(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and getattr(user, "is_superuser", False))


# --- Contacts --------------------------------------------------------------------------------


def _contacts_for_staff(user: User) -> QuerySet[Contact]:
    organisations = staff_organisation_ids(user=user, roles=CONTACT_ROLES | REQUEST_ROLES)
    return Contact.objects.filter(Q(organisation_id__in=organisations) | Q(registered_by_id__in=organisations))


def contacts_recent(*, user: User, limit: int = CONTACT_LIST_LIMIT, mine: bool = False) -> list[Contact]:
    """The latest contacts ``user`` may see (``mine``: that they handled), newest first; no personal data."""
    contacts = _contacts_for_staff(user)
    if mine:
        contacts = contacts.filter(agent_id=user.pk)
    return list(
        contacts.select_related("organisation", "registered_by", "agent")
        .prefetch_related("services")
        .order_by("-started_at", "-pk")[:limit]
    )


@transaction.atomic
def contact_for_staff(*, user: User, pk: int) -> Contact:
    """One contact with its services, person and the requests handed over from it (audited read)."""
    contact = (
        _contacts_for_staff(user)
        .select_related("organisation", "registered_by", "agent", "person", "appointment")
        .prefetch_related("services", Prefetch("requests", queryset=Request.objects.select_related("department")))
        .filter(pk=pk)
        .first()
    )
    if contact is None:
        raise NotFound("no such contact")
    if contact.person_id:
        audit_read(actor=user, obj=contact, person_id=contact.person_id, organisation_id=contact.organisation_id)
    return contact


def contact_organisation_choices(*, user: User) -> list[Organisation]:
    """The organisations ``user`` may log a contact for (their own, and those their contact centre serves)."""
    ids = contact_organisations(user=user)
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def contact_appointment_candidate(*, contact: Contact, reference: str) -> Appointment | None:
    """The appointment ``reference`` if it is one of the contact's organisation (to note it with the contact)."""
    return (
        Appointment.objects.select_related("location")
        .filter(reference=reference.strip().upper(), location__organisation_id=contact.organisation_id)
        .first()
    )


# --- Requests: who sees what --------------------------------------------------------------------


@dataclass(frozen=True)
class RequestScope:
    """What of the requests a staff member works: whole organisations, and single departments."""

    organisation_ids: frozenset[int] = frozenset()
    department_ids: frozenset[int] = frozenset()
    manager_of: frozenset[int] = frozenset()
    everything: bool = False

    @property
    def empty(self) -> bool:
        return not (self.everything or self.organisation_ids or self.department_ids)

    def q(self, prefix: str = "") -> Q:
        if self.everything:
            return Q()
        return Q(**{f"{prefix}organisation_id__in": self.organisation_ids}) | Q(
            **{f"{prefix}department_id__in": self.department_ids}
        )


def request_scope(*, user: User) -> RequestScope:
    """One query: the memberships that let ``user`` work requests."""
    if not user.is_authenticated or not user.is_active:
        return RequestScope()
    if _superuser(user):
        return RequestScope(everything=True, manager_of=frozenset(Organisation.objects.values_list("id", flat=True)))
    organisations: set[int] = set()
    departments: set[int] = set()
    managers: set[int] = set()
    rows = Membership.objects.filter(user_id=user.pk, role__in=[*MANAGER_ROLES, Role.BACK_OFFICE]).values_list(
        "organisation_id", "role", "department_id"
    )
    for organisation_id, role, department_id in rows:
        if role in MANAGER_ROLES:
            managers.add(organisation_id)
            organisations.add(organisation_id)
        elif department_id is None:
            organisations.add(organisation_id)
        else:
            departments.add(department_id)
    return RequestScope(frozenset(organisations), frozenset(departments), frozenset(managers))


def _requests_for_staff(user: User, scope: RequestScope | None = None) -> QuerySet[Request]:
    scope = scope or request_scope(user=user)
    if scope.empty:
        return Request.objects.none()
    return Request.objects.filter(scope.q())


def departments_for_staff(*, user: User, scope: RequestScope | None = None) -> list[Department]:
    """The departments whose work list ``user`` may open, by organisation and name."""
    scope = scope or request_scope(user=user)
    if scope.empty:
        return []
    departments = Department.objects.all()
    if not scope.everything:
        departments = departments.filter(Q(organisation_id__in=scope.organisation_ids) | Q(pk__in=scope.department_ids))
    return list(departments.select_related("organisation").order_by("organisation__name", "name", "pk"))


# --- Work lists -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkList:
    department: Department
    tab: str
    requests: list[Request]
    counts: dict[str, int] = field(default_factory=dict)
    truncated: bool = False


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def department_work_list(
    *, user: User, department: Department, tab: str = "new", today: datetime.date | None = None
) -> WorkList:
    """The department's requests on ``tab`` (new, mine, overdue, open) and the count of every tab.

    ``NotFound`` when ``user`` does not work this department's requests. Three queries.
    """
    today = _today(today)
    if tab not in WORK_LIST_TABS:
        tab = "new"
    scope = request_scope(user=user)
    if not (
        scope.everything
        or department.organisation_id in scope.organisation_ids
        or department.pk in scope.department_ids
    ):
        raise NotFound("no such department")
    open_requests = Request.objects.filter(department=department, status__in=list(OPEN_STATUSES))
    conditions = {
        "new": Q(status=RequestStatus.NEW),
        "mine": Q(assignee_id=user.pk),
        "overdue": Q(due_on__lt=today),
        "open": Q(),
    }
    counts = open_requests.aggregate(**{name: Count("pk", filter=condition) for name, condition in conditions.items()})
    rows = list(
        open_requests.filter(conditions[tab])
        .select_related("service", "assignee")
        .order_by("due_on", "created_at", "pk")[: WORK_LIST_LIMIT + 1]
    )
    return WorkList(
        department=department,
        tab=tab,
        requests=rows[:WORK_LIST_LIMIT],
        counts={name: int(value or 0) for name, value in counts.items()},
        truncated=len(rows) > WORK_LIST_LIMIT,
    )


def department_for_staff(*, user: User, pk: int) -> Department:
    for department in departments_for_staff(user=user):
        if department.pk == pk:
            return department
    raise NotFound("no such department")


@dataclass(frozen=True)
class DepartmentOverdue:
    department: Department
    requests: list[Request]


def requests_overdue_for_manager(*, user: User, today: datetime.date | None = None) -> list[DepartmentOverdue]:
    """Every overdue open request of the organisations ``user`` manages, by department (most overdue first).

    Empty for someone who manages nothing. One query.
    """
    today = _today(today)
    scope = request_scope(user=user)
    if not scope.manager_of:
        return []
    rows = (
        Request.objects.filter(organisation_id__in=scope.manager_of, status__in=list(OPEN_STATUSES), due_on__lt=today)
        .select_related("department__organisation", "service", "assignee")
        .order_by("department__organisation__name", "department__name", "department_id", "due_on", "pk")[:OVERDUE_LIMIT]
    )
    groups: dict[int, DepartmentOverdue] = {}
    for row in rows:
        groups.setdefault(row.department_id, DepartmentOverdue(row.department, [])).requests.append(row)
    return list(groups.values())


def is_manager_anywhere(*, user: User) -> bool:
    return bool(request_scope(user=user).manager_of)


@transaction.atomic
def request_for_staff(*, user: User, pk: int) -> Request:
    """One request with its history, messages and attachments, for someone who works it (audited read)."""
    request = (
        _requests_for_staff(user)
        .select_related("organisation", "department", "service", "person", "assignee", "contact")
        .prefetch_related(
            Prefetch("events", queryset=RequestEvent.objects.select_related("actor").order_by("at", "pk")),
            Prefetch(
                "messages",
                queryset=RequestMessage.objects.select_related("author")
                .prefetch_related("attachments")
                .order_by("sent_at", "pk"),
            ),
            Prefetch("attachments", queryset=RequestAttachment.objects.order_by("uploaded_at", "pk")),
        )
        .filter(pk=pk)
        .first()
    )
    if request is None:
        raise NotFound("no such request")
    audit_read(actor=user, obj=request, person_id=request.person_id, organisation_id=request.organisation_id)
    return request


def request_attachment_for_staff(*, user: User, request_pk: int, pk: int) -> RequestAttachment:
    attachment = (
        RequestAttachment.objects.filter(pk=pk, request_id=request_pk, request__in=_requests_for_staff(user))
        .select_related("request")
        .first()
    )
    if attachment is None:
        raise NotFound("no such attachment")
    audit_read(
        actor=user,
        obj=attachment,
        person_id=attachment.request.person_id,
        organisation_id=attachment.request.organisation_id,
    )
    return attachment


def department_members(*, department: Department) -> list[AbstractBaseUser]:
    """Who may be given a request of ``department`` (its back office and the managers), by name."""
    members = Membership.objects.filter(organisation_id=department.organisation_id).filter(
        Q(role__in=list(MANAGER_ROLES))
        | Q(role=Role.BACK_OFFICE, department_id=department.pk)
        | Q(role=Role.BACK_OFFICE, department__isnull=True)
    )
    user_model = get_user_model()
    return list(
        user_model.objects.filter(pk__in=members.values("user_id"), is_active=True).order_by(
            "first_name", "last_name", "username"
        )
    )


def departments_of(*, organisation: Organisation) -> list[Department]:
    return list(Department.objects.filter(organisation=organisation).order_by("name", "pk"))


# --- The citizen's own (Mijn loket) ---------------------------------------------------------------


def citizen_requests(*, person: Person) -> list[Request]:
    """The person's requests, newest first, with service and organisation (for Mijn loket)."""
    return list(
        Request.objects.filter(person=person, anonymised_at__isnull=True)
        .select_related("service", "organisation", "department")
        .order_by("-created_at", "-pk")
    )


def citizen_request(*, person: Person, reference: str) -> Request:
    """The person's request ``reference``, with what the citizen may read of it; ``NotFound`` otherwise.

    Prefetched: ``events`` (only ``CITIZEN_EVENT_KINDS``), ``messages`` (with their attachments)
    and ``attachments`` (without the internal ones). Another person's reference is ``NotFound``,
    the same as a reference that does not exist.
    """
    reference = (reference or "").strip().upper()
    request = (
        Request.objects.filter(person=person, reference=reference, anonymised_at__isnull=True)
        .select_related("service", "organisation", "department")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=RequestEvent.objects.filter(kind__in=list(CITIZEN_EVENT_KINDS)).order_by("at", "pk"),
            ),
            Prefetch(
                "messages",
                queryset=RequestMessage.objects.prefetch_related(
                    Prefetch("attachments", queryset=RequestAttachment.objects.filter(internal=False))
                ).order_by("sent_at", "pk"),
            ),
            Prefetch("attachments", queryset=RequestAttachment.objects.filter(internal=False)),
        )
        .first()
    )
    if request is None:
        raise NotFound("no such request")
    return request

"""Reads of organisations, locations and who works where: the tenancy of Loket.

Every staff query in the project is scoped through ``staff_organisation_ids`` (or
``user_has_role`` for one object): a staff member sees the data of the organisations they are a
member of and nothing else. Superusers see everything. A function here must never return another
organisation's rows to a staff member, and never writes.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import DateField, Prefetch, QuerySet, Value
from django.utils import timezone

from loket.organisations.models import Location, Membership, OpeningException, OpeningHours, Organisation, Role

User = AbstractBaseUser | AnonymousUser

# Who may change the catalogue of an organisation.
CATALOGUE_ROLES: frozenset[str] = frozenset({Role.CATALOGUE_EDITOR, Role.ADMIN})
# Who works with appointments: books for someone, checks in, sees the day's list.
APPOINTMENT_ROLES: frozenset[str] = frozenset(
    {Role.RECEPTION, Role.CLERK, Role.CONTACT_CENTRE, Role.MANAGER, Role.ADMIN}
)
# Who works in the walk-in queue: issues tickets, opens a desk and calls, re-routes.
QUEUE_ROLES: frozenset[str] = frozenset({Role.RECEPTION, Role.CLERK, Role.MANAGER, Role.ADMIN})
# Who reads the figures and plans the staff: the dashboard and the planning.
MANAGER_ROLES: frozenset[str] = frozenset({Role.MANAGER, Role.ADMIN})
# Who logs contacts (calls, e-mails, chats, visits) and hands requests to the back office.
CONTACT_ROLES: frozenset[str] = frozenset({Role.RECEPTION, Role.CONTACT_CENTRE, Role.CLERK, Role.MANAGER, Role.ADMIN})
# Who works requests in a back-office department; managers see every department's.
REQUEST_ROLES: frozenset[str] = frozenset({Role.BACK_OFFICE, Role.MANAGER, Role.ADMIN})
# Who may look up and read the citizen record (and so signs in with a second factor).
PERSON_ROLES: frozenset[str] = frozenset(
    {
        Role.RECEPTION,
        Role.CLERK,
        Role.CONTACT_CENTRE,
        Role.BACK_OFFICE,
        Role.MANAGER,
        Role.DATA_PROTECTION,
        Role.ADMIN,
    }
)
# Who sees the national register number in full (everyone else of PERSON_ROLES sees it masked).
NATIONAL_NUMBER_ROLES: frozenset[str] = frozenset({Role.BACK_OFFICE, Role.DATA_PROTECTION})
# The data-protection officer's work: the audit trail, erasure requests, retention.
PRIVACY_ROLES: frozenset[str] = frozenset({Role.DATA_PROTECTION})


def _is_superuser(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and getattr(user, "is_superuser", False))


def staff_organisation_ids(*, user: User, roles: Collection[str] | None = None) -> set[int]:
    """The organisations ``user`` works for (with one of ``roles``, when given); superusers: all."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if _is_superuser(user):
        return set(Organisation.objects.values_list("id", flat=True))
    memberships = Membership.objects.filter(user_id=user.pk)
    if roles is not None:
        memberships = memberships.filter(role__in=list(roles))
    return set(memberships.values_list("organisation_id", flat=True))


def roles_anywhere(*, user: User) -> set[str]:
    """Every role ``user`` holds in any organisation, in one query (a superuser holds every role)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if _is_superuser(user):
        return set(Role.values)
    return set(Membership.objects.filter(user_id=user.pk).values_list("role", flat=True).distinct())


def user_roles(*, user: User, organisation: Organisation | int) -> set[str]:
    """The roles ``user`` holds in ``organisation`` (a superuser holds every role)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if _is_superuser(user):
        return set(Role.values)
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    return set(
        Membership.objects.filter(user_id=user.pk, organisation_id=organisation_id).values_list("role", flat=True)
    )


def user_has_role(*, user: User, organisation: Organisation | int, role: str) -> bool:
    """Whether ``user`` holds ``role`` in ``organisation`` (superusers hold every role)."""
    return user_has_any_role(user=user, organisation=organisation, roles=(role,))


def user_has_any_role(*, user: User, organisation: Organisation | int, roles: Collection[str]) -> bool:
    """Whether ``user`` holds at least one of ``roles`` in ``organisation``."""
    if not user.is_authenticated or not user.is_active:
        return False
    if _is_superuser(user):
        return True
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    return Membership.objects.filter(user_id=user.pk, organisation_id=organisation_id, role__in=list(roles)).exists()


def user_is_staff_member(*, user: User) -> bool:
    """Whether ``user`` may use the staff pages at all: a superuser or a member of an organisation."""
    if not user.is_authenticated or not user.is_active:
        return False
    return _is_superuser(user) or Membership.objects.filter(user_id=user.pk).exists()


def memberships_of_user(*, user: User) -> QuerySet[Membership]:
    """The staff member's roles per organisation, for the staff home page."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.filter(user_id=int(user.pk))
        .select_related("organisation", "department")
        .order_by("organisation__name", "role")
    )


def organisations_for_staff(*, user: User) -> QuerySet[Organisation]:
    """The organisations ``user`` works for."""
    return Organisation.objects.filter(id__in=staff_organisation_ids(user=user))


def locations_public(*, today: datetime.date | None = None, days: int = 31) -> QuerySet[Location]:
    """Every location with its organisation, weekly hours and the next ``days`` days' exceptions.

    Prefetched so that ``opening.opening_on`` / ``opening_days`` on each location make no query
    for dates inside that window; the window rides along as two annotations so that ``opening``
    knows when it must query instead (a date outside it would silently miss its exceptions).
    """
    today = today or timezone.localdate()
    until = today + datetime.timedelta(days=days)
    return (
        Location.objects.select_related("organisation")
        .annotate(
            exceptions_from=Value(today, output_field=DateField()),
            exceptions_until=Value(until, output_field=DateField()),
        )
        .prefetch_related(
            Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("desk_kind", "weekday", "opens")),
            Prefetch(
                "opening_exceptions",
                queryset=OpeningException.objects.filter(date__gte=today, date__lte=until).order_by("date"),
            ),
        )
        .order_by("organisation__slug", "slug")
    )


def locations_for_staff(*, user: User) -> QuerySet[Location]:
    """The locations of the organisations ``user`` works for."""
    return Location.objects.filter(organisation_id__in=staff_organisation_ids(user=user)).select_related("organisation")

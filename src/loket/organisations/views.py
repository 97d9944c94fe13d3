"""Staff pages of the organisations app: logging in and out, and the staff home page.

Login is Django's own (``LoginView``), throttled by django-axes: after too many failed attempts
for one user name from one address, axes answers with ``staff/locked_out.html`` instead. Views
stay thin: what a page shows comes from ``selectors``, scoped to the staff member's organisations.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from loket.organisations.access import staff_required
from loket.organisations.selectors import CATALOGUE_ROLES, memberships_of_user, organisations_for_staff


class StaffLoginView(auth_views.LoginView):
    template_name = "staff/login.html"
    redirect_authenticated_user = True


class StaffLogoutView(auth_views.LogoutView):
    """POST only (Django's rule): a link or a prefetch can never log someone out."""


@require_GET
@staff_required
def staff_home(request: HttpRequest) -> HttpResponse:
    memberships = list(memberships_of_user(user=request.user))
    roles: dict[int, list[str]] = defaultdict(list)
    for membership in memberships:
        roles[membership.organisation_id].append(membership.get_role_display())
    organisations = list(organisations_for_staff(user=request.user))
    return render(
        request,
        "staff/home.html",
        {
            "organisations": [(organisation, roles.get(organisation.pk, [])) for organisation in organisations],
            "is_editor": request.user.is_superuser or any(m.role in CATALOGUE_ROLES for m in memberships),
        },
    )

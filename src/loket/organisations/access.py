"""Who may open the staff pages: decorators for views, on top of the tenancy in ``selectors``.

A decorator only decides whether the person may use a *kind* of page; which rows they see is
always decided by the selectors (scoped to their organisations). Never grant data access here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from loket.organisations.selectors import CATALOGUE_ROLES, staff_organisation_ids, user_is_staff_member

View = Callable[..., HttpResponse]


def staff_required(view: View) -> View:
    """Logged in (else to the login page) and a member of at least one organisation (else 403)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user_is_staff_member(user=request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def catalogue_editor_required(view: View) -> View:
    """Logged in and a catalogue editor (or administrator) of at least one organisation."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not staff_organisation_ids(user=request.user, roles=CATALOGUE_ROLES):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper

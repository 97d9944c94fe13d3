"""Django admin for setting up organisations: locations, opening hours, exceptions, desks, staff.

Tenancy holds here too: a staff member who is not a superuser sees and changes only the
organisations where they are an administrator (``Role.ADMIN``), and every choice list (which
organisation, which location, which department) offers only those. Only superusers create
organisations.

Translated fields use modeltranslation's ``TranslationAdmin`` (all languages shown together),
not its tabbed variant: that one loads jQuery UI from Google's CDN, and Loket serves no third-party
script to staff browsers (and must work offline).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import ForeignKey, QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from loket.organisations.models import (
    Department,
    Desk,
    Location,
    Membership,
    OpeningException,
    OpeningHours,
    Organisation,
    Role,
)
from loket.organisations.selectors import staff_organisation_ids

ADMIN_ROLES = (Role.ADMIN,)


def admin_organisation_ids(request: HttpRequest) -> set[int]:
    """The organisations the admin user may set up."""
    return staff_organisation_ids(user=request.user, roles=ADMIN_ROLES)


class OrganisationScopedMixin:
    """Limits the queryset and the foreign-key choices to the user's organisations.

    ``organisation_path`` is the lookup from the model to its Organisation's id.
    """

    organisation_path = "organisation_id"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)  # type: ignore[misc]
        if request.user.is_superuser:
            return qs
        return qs.filter(**{f"{self.organisation_path}__in": admin_organisation_ids(request)})

    def formfield_for_foreignkey(self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any) -> ModelChoiceField:
        if not request.user.is_superuser:
            scoped = scoped_choices(db_field.related_model, admin_organisation_ids(request))
            if scoped is not None:
                kwargs["queryset"] = scoped
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        # The desks of a capacity session, the services of a queue: only the organisation's own.
        if not request.user.is_superuser:
            scoped = scoped_choices(db_field.related_model, admin_organisation_ids(request))
            if scoped is not None:
                kwargs["queryset"] = scoped
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]


def scoped_choices(model: Any, allowed: set[int]) -> QuerySet[Any] | None:
    """The rows of ``model`` that belong to the ``allowed`` organisations; ``None`` for a model of no organisation.

    An organisation itself, anything with an ``organisation`` (locations, departments, services),
    or with a ``location`` (desks, queues).
    """
    if model is Organisation:
        return Organisation.objects.filter(pk__in=allowed)
    names = {field.name for field in model._meta.get_fields()}
    if "organisation" in names:
        return model._default_manager.filter(organisation_id__in=allowed)
    if "location" in names:
        return model._default_manager.filter(location__organisation_id__in=allowed)
    return None


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0
    fields = ("desk_kind", "weekday", "opens", "closes")


class OpeningExceptionInline(TranslationTabularInline):
    model = OpeningException
    extra = 0
    fields = ("date", "kind", "desk_kind", "opens", "closes", "reason")
    ordering = ("-date",)


class DeskInline(admin.TabularInline):
    model = Desk
    extra = 0
    fields = ("name", "kind", "theme", "active")


class DepartmentInline(TranslationTabularInline):
    model = Department
    extra = 0
    fields = ("slug", "name", "email")


class MembershipInline(OrganisationScopedMixin, admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("user", "role", "department")
    autocomplete_fields = ("user",)


@admin.register(Organisation)
class OrganisationAdmin(OrganisationScopedMixin, TranslationAdmin):
    organisation_path = "id"
    list_display = ("name", "kind", "slug")
    list_filter = ("kind",)
    search_fields = ("name", "slug")
    inlines = (DepartmentInline, MembershipInline)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj: Organisation | None = None) -> bool:
        return request.user.is_superuser

    def get_readonly_fields(self, request: HttpRequest, obj: Organisation | None = None) -> tuple[str, ...]:
        return () if request.user.is_superuser else ("slug", "kind")


@admin.register(Location)
class LocationAdmin(OrganisationScopedMixin, TranslationAdmin):
    list_display = ("name", "organisation", "city", "closed_on_public_holidays", "extra_holiday_region")
    list_filter = ("organisation", "extra_holiday_region")
    search_fields = ("name", "slug", "city")
    inlines = (OpeningHoursInline, OpeningExceptionInline, DeskInline)


@admin.register(Department)
class DepartmentAdmin(OrganisationScopedMixin, TranslationAdmin):
    list_display = ("name", "organisation", "email")
    list_filter = ("organisation",)
    search_fields = ("name", "slug")


@admin.register(Membership)
class MembershipAdmin(OrganisationScopedMixin, admin.ModelAdmin):
    list_display = ("user", "organisation", "role", "department")
    list_filter = ("organisation", "role")
    search_fields = ("user__username", "user__email")
    autocomplete_fields = ("user",)


@admin.register(OpeningException)
class OpeningExceptionAdmin(OrganisationScopedMixin, TranslationAdmin):
    """Closures and extra openings across locations, e.g. to plan the holiday season at once."""

    organisation_path = "location__organisation_id"
    list_display = ("date", "location", "kind", "desk_kind", "opens", "closes", "reason")
    list_filter = ("kind", "desk_kind", "location__organisation")
    date_hierarchy = "date"

"""Django admin for the catalogue: services with their channels, life events, reports, skills.

A service saved here goes through the same ``services`` functions as the editor's pages
(``service_create``, ``service_update``, ``service_publish``/``unpublish``,
``service_mark_reviewed``, ``service_relations_set``), so it is checked, validated and audited
the same way; a ``DomainError`` becomes a form error instead of a half-saved service.

Tenancy: a staff member who is not a superuser sees only the services (and reports, skills) of
the organisations where they are a catalogue editor or administrator. Life events are shared by
all organisations and only superusers change them. Translated fields use modeltranslation's
``TranslationAdmin`` (see ``organisations.admin`` for why not the tabbed variant).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import ForeignKey, QuerySet
from django.forms import BaseInlineFormSet, ModelChoiceField
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from loket.catalog import services
from loket.catalog.models import (
    SERVICE_TEXT_FIELDS,
    ContentReport,
    LifeEvent,
    Service,
    ServiceChannel,
    ServiceStatus,
    StaffSkill,
)
from loket.core.errors import DomainError
from loket.organisations.models import Department, Organisation
from loket.organisations.selectors import CATALOGUE_ROLES, staff_organisation_ids

LANGUAGES = ("nl", "fr", "en")
UPDATE_FIELDS = frozenset(
    {f"{name}_{lang}" for name in SERVICE_TEXT_FIELDS for lang in LANGUAGES}
    | {"cost_amount", "duration_minutes", "review_interval_days", "department", "editor"}
)


def catalogue_organisation_ids(request: HttpRequest) -> set[int]:
    return staff_organisation_ids(user=request.user, roles=CATALOGUE_ROLES)


class CatalogueScopedMixin:
    organisation_path = "organisation_id"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)  # type: ignore[misc]
        if request.user.is_superuser:
            return qs
        return qs.filter(**{f"{self.organisation_path}__in": catalogue_organisation_ids(request)})

    def formfield_for_foreignkey(self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any) -> ModelChoiceField:
        if not request.user.is_superuser:
            allowed = catalogue_organisation_ids(request)
            if db_field.related_model is Organisation:
                kwargs["queryset"] = Organisation.objects.filter(pk__in=allowed)
            elif db_field.related_model is Department:
                kwargs["queryset"] = Department.objects.filter(organisation_id__in=allowed)
            elif db_field.related_model is Service:
                kwargs["queryset"] = Service.objects.filter(organisation_id__in=allowed)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]


def _channels_from(formset: Any) -> list[dict[str, Any]]:
    """The channels an inline formset describes, in ``service_update``'s shape."""
    channels = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE") or not data.get("kind"):
            continue
        channel = {
            "kind": data["kind"],
            "url": data.get("url") or "",
            "phone": data.get("phone") or "",
            "order": data.get("order") or 0,
        }
        for lang in LANGUAGES:
            channel[f"instructions_{lang}"] = data.get(f"instructions_{lang}") or ""
        channels.append(channel)
    return channels


class ServiceChannelFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        try:
            services.service_data_validate(
                data={"channels": _channels_from(self)}, organisation_id=self.instance.organisation_id or 0
            )
        except DomainError as exc:
            raise ValidationError(str(exc.message)) from exc


class ServiceChannelInline(TranslationStackedInline):
    model = ServiceChannel
    formset = ServiceChannelFormSet
    extra = 0
    fields = ("kind", "instructions", "url", "phone", "order")


class ServiceAdminForm(forms.ModelForm):
    """Runs the service functions' validation on the submitted values, so every error shows next
    to its field before anything is saved."""

    class Meta:
        model = Service
        # Every field: the admin derives its field list (and modeltranslation its per-language
        # fields) from this form, and what a user may change is decided by the service functions.
        fields = "__all__"  # noqa: DJ007

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        organisation = cleaned.get("organisation") or getattr(self.instance, "organisation", None)
        data = {name: cleaned[name] for name in UPDATE_FIELDS if name in cleaned}
        try:
            services.service_data_validate(data=data, organisation_id=organisation.pk if organisation else 0)
        except DomainError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, str(exc.message))
        if not any((cleaned.get(f"title_{lang}") or "").strip() for lang in LANGUAGES):
            self.add_error("title_nl", _("Give the service a title in at least one language."))
        return cleaned


@admin.register(Service)
class ServiceAdmin(CatalogueScopedMixin, TranslationAdmin):
    form = ServiceAdminForm
    list_display = ("slug", "title", "organisation", "status", "last_reviewed", "duration_minutes")
    list_filter = ("status", "organisation")
    search_fields = ("slug", "title_nl", "title_fr", "title_en")
    inlines = (ServiceChannelInline,)
    filter_horizontal = ("related", "life_events")

    def get_readonly_fields(self, request: HttpRequest, obj: Service | None = None) -> tuple[str, ...]:
        # The slug is stable (URLs, exports); moving a service to another organisation is not an edit.
        return ("updated_at", "slug", "organisation") if obj is not None else ("updated_at",)

    # Saving goes through the service functions. ``changeform_view`` runs in one transaction; a
    # refusal that form validation could not foresee (e.g. publishing without a channel) rolls
    # the whole save back and is shown as a message on the form.

    def save_model(self, request: HttpRequest, obj: Service, form: forms.ModelForm, change: bool) -> None:
        data = {name: form.cleaned_data[name] for name in UPDATE_FIELDS if name in form.cleaned_data}
        if not change:
            created = services.service_create(
                actor=request.user, organisation=form.cleaned_data["organisation"], slug=obj.slug, data=data
            )
            obj.pk, obj.status = created.pk, created.status
            obj._state.adding, obj._state.db = False, created._state.db
        else:
            changed = {name: value for name, value in data.items() if name in form.changed_data}
            if changed:
                services.service_update(actor=request.user, service=obj, data=changed)
        if "last_reviewed" in form.changed_data and form.cleaned_data["last_reviewed"]:
            services.service_mark_reviewed(actor=request.user, service=obj, today=form.cleaned_data["last_reviewed"])

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets: list[Any], change: bool) -> None:
        service: Service = form.instance
        for formset in formsets:
            if formset.model is ServiceChannel:
                services.service_update(actor=request.user, service=service, data={"channels": _channels_from(formset)})
            # The admin's change message reads what ``formset.save()`` would have recorded.
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        services.service_relations_set(
            actor=request.user,
            service=service,
            related=form.cleaned_data.get("related") or [],
            life_events=form.cleaned_data.get("life_events") or [],
        )
        wanted = form.cleaned_data.get("status")
        if wanted == ServiceStatus.PUBLISHED and service.status != ServiceStatus.PUBLISHED:
            services.service_publish(actor=request.user, service=service)
        elif wanted == ServiceStatus.DRAFT and service.status != ServiceStatus.DRAFT:
            services.service_unpublish(actor=request.user, service=service)

    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().changeform_view(request, *args, **kwargs)
        except DomainError as exc:
            # Raised inside the admin's transaction, which is now rolled back: nothing was saved.
            messages.error(request, str(exc.message))
            return HttpResponseRedirect(request.get_full_path())


@admin.register(LifeEvent)
class LifeEventAdmin(TranslationAdmin):
    list_display = ("slug", "title", "order")
    search_fields = ("slug", "title_nl", "title_fr", "title_en")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request: HttpRequest, obj: LifeEvent | None = None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj: LifeEvent | None = None) -> bool:
        return request.user.is_superuser


@admin.register(ContentReport)
class ContentReportAdmin(CatalogueScopedMixin, admin.ModelAdmin):
    """Read-only: editors handle reports in their work list, where it is audited."""

    organisation_path = "service__organisation_id"
    list_display = ("service", "created_at", "language", "status", "handled_by")
    list_filter = ("status", "language")
    search_fields = ("service__slug", "message")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ContentReport | None = None) -> bool:
        return False


@admin.register(StaffSkill)
class StaffSkillAdmin(CatalogueScopedMixin, admin.ModelAdmin):
    organisation_path = "service__organisation_id"
    list_display = ("user", "service")
    search_fields = ("user__username", "service__slug")
    autocomplete_fields = ("user",)

"""Every write to the catalogue. Each function runs in one transaction and writes the audit trail.

The staff pages, the staff API and the Django admin all call these functions, so a change is
checked, validated and audited the same way whatever screen it came from. Each staff function:

1. checks that the actor is a catalogue editor (or administrator) of the service's organisation,
   raising ``PermissionDenied`` otherwise: tenancy holds even if a view forgot to scope its query;
2. validates, raising ``DomainError`` with the field and a message in the actor's language;
3. writes, under a row lock, and adds one audit entry with the old and new values.

Nothing else in Loket may change a Service, its channels or a ContentReport.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from loket.catalog.models import (
    SERVICE_TEXT_FIELDS,
    ChannelKind,
    ContentReport,
    LifeEvent,
    ReportStatus,
    Service,
    ServiceChannel,
    ServiceStatus,
)
from loket.core.audit import Actor, audit_log, diff
from loket.core.errors import Conflict, DomainError, PermissionDenied
from loket.organisations.models import Department, Membership, Organisation
from loket.organisations.selectors import CATALOGUE_ROLES, user_has_any_role

LANGUAGES = ("nl", "fr", "en")
TEXT_FIELD_NAMES = tuple(f"{name}_{lang}" for name in SERVICE_TEXT_FIELDS for lang in LANGUAGES)
MAX_LENGTHS = {"title": 200, "processing_time": 200}
SCALAR_FIELDS = ("cost_amount", "duration_minutes", "review_interval_days", "department", "editor")
EDITABLE_FIELDS = frozenset({*TEXT_FIELD_NAMES, *SCALAR_FIELDS, "channels"})
CHANNEL_FIELDS = ("kind", "instructions_nl", "instructions_fr", "instructions_en", "url", "phone", "order")
MAX_DURATION_MINUTES = 480
MAX_REVIEW_INTERVAL_DAYS = 3 * 365
_PHONE = re.compile(r"^\+?[0-9 ()./-]{6,40}$")


# --- Citizens ------------------------------------------------------------------------------------


@transaction.atomic
def content_report_create(*, service: Service, message: str, email: str, language: str) -> ContentReport:
    """A citizen's "Something wrong on this page?" report, for the service's editor's work list."""
    message = message.strip()
    if not message:
        raise DomainError("Tell us what is wrong on this page.", code="report_empty", field="message")
    report = ContentReport.objects.create(service=service, message=message, email=email.strip(), language=language)
    audit_log(actor="citizen", action="content_report.create", obj=report, organisation_id=service.organisation_id)
    return report


# --- Editors -------------------------------------------------------------------------------------


def _require_editor(actor: Actor, organisation_id: int) -> None:
    if isinstance(actor, str) or actor is None:
        raise PermissionDenied(_("Only a catalogue editor can do this."))
    if not user_has_any_role(user=actor, organisation=organisation_id, roles=CATALOGUE_ROLES):
        raise PermissionDenied(_("You are not a catalogue editor of this organisation."))


def _locked(service: Service) -> Service:
    return Service.objects.select_for_update().get(pk=service.pk)


def _channels_snapshot(service: Service) -> list[dict[str, Any]]:
    # None and "" are the same empty text (modeltranslation fields are nullable): no spurious change.
    return [
        {name: getattr(channel, name) if name == "order" else getattr(channel, name) or "" for name in CHANNEL_FIELDS}
        for channel in ServiceChannel.objects.filter(service=service).order_by("order", "kind")
    ]


def service_snapshot(service: Service) -> dict[str, Any]:
    """The editable state of ``service``: what an audit entry compares."""
    values: dict[str, Any] = {name: getattr(service, name) or "" for name in TEXT_FIELD_NAMES}
    values.update(
        cost_amount=service.cost_amount,
        duration_minutes=service.duration_minutes,
        review_interval_days=service.review_interval_days,
        department=service.department_id,
        editor=service.editor_id,
        channels=_channels_snapshot(service),
    )
    return values


@transaction.atomic
def service_create(*, actor: Actor, organisation: Organisation, slug: str, data: Mapping[str, Any]) -> Service:
    """A new draft service of ``organisation``; ``data`` as for ``service_update``."""
    _require_editor(actor, organisation.pk)
    slug = slug.strip()
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
        raise DomainError(
            _("Use lower-case English words joined by hyphens, like 'identity-card'."),
            code="slug_invalid",
            field="slug",
        )
    if Service.objects.filter(slug=slug).exists():
        raise Conflict(_("Another service already uses this identifier."), code="slug_taken", field="slug")
    values = _clean(data, organisation_id=organisation.pk)
    channels = values.pop("channels", None)
    service = Service(organisation=organisation, slug=slug, status=ServiceStatus.DRAFT)
    for name, value in values.items():
        setattr(service, _attname(name), value)
    _check_has_title(service)
    service.save()
    if channels is not None:
        _replace_channels(service, channels)
    audit_log(
        actor=actor,
        action="service.create",
        obj=service,
        organisation_id=organisation.pk,
        changes=_changes({}, {"slug": slug, **service_snapshot(service)}),
    )
    return service


@transaction.atomic
def service_update(
    *,
    actor: Actor,
    service: Service,
    data: Mapping[str, Any],
    if_unchanged_since: datetime.datetime | None = None,
) -> Service:
    """Change the texts, channels, duration, cost, department or review interval of ``service``.

    ``data`` holds only the fields to change (``title_nl``, ``duration_minutes``, ``channels``...;
    ``channels`` replaces the whole list). With ``if_unchanged_since`` (the ``updated_at`` the
    editor's form was loaded with), a save over someone else's newer change is refused.
    """
    _require_editor(actor, service.organisation_id)
    locked = _locked(service)
    if if_unchanged_since is not None and locked.updated_at > if_unchanged_since:
        raise Conflict(
            _("Someone else changed this service after you opened it. Reload the page to see their changes."),
            code="stale",
        )
    values = _clean(data, organisation_id=locked.organisation_id)
    old = service_snapshot(locked)
    channels = values.pop("channels", None)
    for name, value in values.items():
        setattr(locked, _attname(name), value)
    _check_has_title(locked)
    if locked.status == ServiceStatus.PUBLISHED and channels == []:
        raise DomainError(
            _("A published service needs at least one way to get it. Add a channel or unpublish it first."),
            code="channels_required",
            field="channels",
        )
    locked.save()
    if channels is not None:
        _replace_channels(locked, channels)
    changes = _changes(old, service_snapshot(locked))
    if changes:
        audit_log(
            actor=actor, action="service.update", obj=locked, organisation_id=locked.organisation_id, changes=changes
        )
    _refresh(service, locked)
    return service


@transaction.atomic
def service_publish(*, actor: Actor, service: Service) -> Service:
    """Show ``service`` to citizens. It needs a title, a summary and a channel."""
    _require_editor(actor, service.organisation_id)
    locked = _locked(service)
    if not any(getattr(locked, f"summary_{lang}", "").strip() for lang in LANGUAGES):
        raise DomainError(
            _("Write what the service is (the summary) before you publish it."),
            code="summary_required",
            field="summary_nl",
        )
    _check_has_title(locked)
    if not ServiceChannel.objects.filter(service=locked).exists():
        raise DomainError(
            _("Add at least one way to get the service (a channel) before you publish it."),
            code="channels_required",
            field="channels",
        )
    _set_status(actor, locked, ServiceStatus.PUBLISHED, "service.publish")
    _refresh(service, locked)
    return service


@transaction.atomic
def service_unpublish(*, actor: Actor, service: Service) -> Service:
    """Take ``service`` off the public site (it becomes a draft)."""
    _require_editor(actor, service.organisation_id)
    locked = _locked(service)
    _set_status(actor, locked, ServiceStatus.DRAFT, "service.unpublish")
    _refresh(service, locked)
    return service


@transaction.atomic
def service_mark_reviewed(*, actor: Actor, service: Service, today: datetime.date | None = None) -> Service:
    """Record that an editor checked the whole sheet today: the next review is due one interval later."""
    _require_editor(actor, service.organisation_id)
    locked = _locked(service)
    today = today or timezone.localdate()
    old = locked.last_reviewed
    locked.last_reviewed = today
    locked.save(update_fields=["last_reviewed", "updated_at"])
    audit_log(
        actor=actor,
        action="service.mark_reviewed",
        obj=locked,
        organisation_id=locked.organisation_id,
        changes={"last_reviewed": [old.isoformat() if old else None, today.isoformat()]},
    )
    _refresh(service, locked)
    return service


@transaction.atomic
def service_relations_set(
    *, actor: Actor, service: Service, related: Iterable[Service], life_events: Iterable[LifeEvent]
) -> Service:
    """Set the life events ``service`` belongs to and the services often arranged with it.

    Related services may belong to another organisation (a birth declaration at the city, the
    childcare application at the social house): that is the point of one front door.
    """
    _require_editor(actor, service.organisation_id)
    locked = _locked(service)
    related_ids = sorted({s.pk for s in related} - {locked.pk})
    event_ids = sorted({e.pk for e in life_events})
    old = {
        "related": sorted(locked.related.values_list("slug", flat=True)),
        "life_events": sorted(locked.life_events.values_list("slug", flat=True)),
    }
    locked.related.set(related_ids)
    locked.life_events.set(event_ids)
    new = {
        "related": sorted(locked.related.values_list("slug", flat=True)),
        "life_events": sorted(locked.life_events.values_list("slug", flat=True)),
    }
    changes = {key: [old[key], new[key]] for key in old if old[key] != new[key]}
    if changes:
        audit_log(
            actor=actor, action="service.relations", obj=locked, organisation_id=locked.organisation_id, changes=changes
        )
    return service


@transaction.atomic
def content_report_resolve(*, actor: Actor, report: ContentReport) -> ContentReport:
    """The editor fixed what the citizen reported."""
    return _handle_report(actor, report, ReportStatus.RESOLVED, "content_report.resolve")


@transaction.atomic
def content_report_dismiss(*, actor: Actor, report: ContentReport) -> ContentReport:
    """The editor checked the report and found nothing to change."""
    return _handle_report(actor, report, ReportStatus.DISMISSED, "content_report.dismiss")


def service_data_validate(*, data: Mapping[str, Any], organisation_id: int) -> dict[str, Any]:
    """Check ``data`` as ``service_update`` would, without writing: for forms that want every
    field's error before anything is saved (the admin). Raises the first ``DomainError``."""
    return _clean(data, organisation_id=organisation_id)


# --- Helpers -------------------------------------------------------------------------------------


def _set_status(actor: Actor, service: Service, status: str, action: str) -> None:
    old = service.status
    if old == status:
        return
    service.status = status
    service.save(update_fields=["status", "updated_at"])
    audit_log(
        actor=actor,
        action=action,
        obj=service,
        organisation_id=service.organisation_id,
        changes={"status": [old, status]},
    )


def _handle_report(actor: Actor, report: ContentReport, status: str, action: str) -> ContentReport:
    organisation_id = Service.objects.filter(pk=report.service_id).values_list("organisation_id", flat=True).get()
    _require_editor(actor, organisation_id)
    locked = ContentReport.objects.select_for_update().get(pk=report.pk)
    if locked.status != ReportStatus.OPEN:
        raise Conflict(_("This report was already handled."), code="report_handled")
    old = locked.status
    locked.status = status
    locked.handled_by_id = actor.pk if isinstance(actor, AbstractBaseUser) else None
    locked.handled_at = timezone.now()
    locked.save(update_fields=["status", "handled_by", "handled_at"])
    audit_log(
        actor=actor, action=action, obj=locked, organisation_id=organisation_id, changes={"status": [old, status]}
    )
    report.status, report.handled_by_id, report.handled_at = locked.status, locked.handled_by_id, locked.handled_at
    return report


def _refresh(target: Service, source: Service) -> None:
    """Keep the caller's instance in step with what was saved."""
    for field in Service._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    if hasattr(target, "_prefetched_objects_cache"):
        target._prefetched_objects_cache.pop("channels", None)


def _changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """``audit.diff`` of the fields, with the channels kept as JSON objects (``diff`` would turn
    each channel into one opaque string)."""
    old_channels, new_channels = old.pop("channels", None), new.pop("channels", None)
    changes: dict[str, Any] = diff(old, new)
    if new_channels is not None and old_channels != new_channels:
        changes["channels"] = [old_channels, new_channels]
    return changes


def _attname(name: str) -> str:
    return f"{name}_id" if name in ("department", "editor") else name


def _check_has_title(service: Service) -> None:
    if not any((getattr(service, f"title_{lang}", "") or "").strip() for lang in LANGUAGES):
        raise DomainError(
            _("Give the service a title in at least one language."), code="title_required", field="title_nl"
        )


def _clean(data: Mapping[str, Any], *, organisation_id: int) -> dict[str, Any]:
    unknown = set(data) - EDITABLE_FIELDS
    if unknown:
        name = sorted(unknown)[0]
        raise DomainError(
            gettext("The field '%(field)s' cannot be changed here.") % {"field": name}, code="unknown_field", field=name
        )
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name in TEXT_FIELD_NAMES:
            values[name] = _clean_text(name, value)
        elif name == "duration_minutes":
            values[name] = _clean_int(name, value, 1, MAX_DURATION_MINUTES)
        elif name == "review_interval_days":
            values[name] = _clean_int(name, value, 1, MAX_REVIEW_INTERVAL_DAYS)
        elif name == "cost_amount":
            values[name] = _clean_cost(value)
        elif name == "department":
            values[name] = _clean_department(value, organisation_id)
        elif name == "editor":
            values[name] = _clean_editor(value, organisation_id)
        elif name == "channels":
            values[name] = _clean_channels(value)
    return values


def _clean_text(name: str, value: Any) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError(_("Enter text."), code="invalid", field=name)
    text = value.replace("\r\n", "\n").strip()
    limit = MAX_LENGTHS.get(name.rsplit("_", 1)[0])
    if limit and len(text) > limit:
        raise DomainError(
            gettext("Keep this under %(limit)d characters (it has %(count)d).") % {"limit": limit, "count": len(text)},
            code="too_long",
            field=name,
        )
    return text


def _clean_int(name: str, value: Any, low: int, high: int) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise DomainError(_("Enter a whole number."), code="invalid", field=name) from None
    if not low <= number <= high:
        raise DomainError(
            gettext("Enter a number from %(low)d to %(high)d.") % {"low": low, "high": high},
            code="out_of_range",
            field=name,
        )
    return number


def _clean_cost(value: Any) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        amount = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise DomainError(_("Enter an amount in euro, like 20.50."), code="invalid", field="cost_amount") from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1000000"):
        raise DomainError(
            _("Enter an amount in euro from 0 to 999999.99; 0 when it is free."),
            code="out_of_range",
            field="cost_amount",
        )
    return amount.quantize(Decimal("0.01"))


def _clean_department(value: Any, organisation_id: int) -> int | None:
    if value in (None, ""):
        return None
    department_id = value.pk if isinstance(value, Department) else value
    if not Department.objects.filter(pk=department_id, organisation_id=organisation_id).exists():
        raise DomainError(
            _("Choose a department of the service's own organisation."), code="department_invalid", field="department"
        )
    return int(department_id)


def _clean_editor(value: Any, organisation_id: int) -> int | None:
    if value in (None, ""):
        return None
    user_id = getattr(value, "pk", value)
    if not Membership.objects.filter(
        user_id=user_id, organisation_id=organisation_id, role__in=CATALOGUE_ROLES
    ).exists():
        raise DomainError(
            _("Choose a catalogue editor of the service's own organisation."), code="editor_invalid", field="editor"
        )
    return int(user_id)


def _clean_channels(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, Sequence) or isinstance(value, str):
        raise DomainError(_("Channels must be a list."), code="invalid", field="channels")
    cleaned: list[dict[str, Any]] = []
    seen: set[str] = set()
    for index, raw in enumerate(value):
        if not isinstance(raw, Mapping):
            raise DomainError(_("Each channel must be an object."), code="invalid", field="channels")
        prefix = f"channels-{index}"
        kind = raw.get("kind")
        if kind not in ChannelKind.values:
            raise DomainError(_("Choose a kind of channel."), code="channel_kind_invalid", field=f"{prefix}-kind")
        if kind in seen:
            raise DomainError(
                _("Each kind of channel can appear only once."), code="channel_kind_twice", field=f"{prefix}-kind"
            )
        seen.add(kind)
        url = str(raw.get("url") or "").strip()
        phone = str(raw.get("phone") or "").strip()
        if url:
            try:
                URLValidator(schemes=["https", "http"])(url)
            except ValidationError:
                raise DomainError(
                    _("Enter a full web address, starting with https://"), code="url_invalid", field=f"{prefix}-url"
                ) from None
        if kind == ChannelKind.ONLINE and not url:
            raise DomainError(
                _("An online channel needs the web address of the e-counter or form."),
                code="url_required",
                field=f"{prefix}-url",
            )
        if phone and not _PHONE.match(phone):
            raise DomainError(
                _("Enter a phone number with digits only, like 015 29 76 00."),
                code="phone_invalid",
                field=f"{prefix}-phone",
            )
        if kind == ChannelKind.PHONE and not phone:
            raise DomainError(
                _("A phone channel needs the number to call."), code="phone_required", field=f"{prefix}-phone"
            )
        channel = {
            "kind": kind,
            "url": url,
            "phone": phone,
            "order": _clean_int(f"{prefix}-order", raw.get("order", index), 0, 1000),
        }
        for lang in LANGUAGES:
            channel[f"instructions_{lang}"] = _clean_text(
                f"{prefix}-instructions_{lang}", raw.get(f"instructions_{lang}")
            )
        cleaned.append(channel)
    return cleaned


def _replace_channels(service: Service, channels: list[dict[str, Any]]) -> None:
    existing = {c.kind: c for c in ServiceChannel.objects.filter(service=service)}
    for values in channels:
        channel = existing.pop(values["kind"], None) or ServiceChannel(service=service, kind=values["kind"])
        for name, value in values.items():
            setattr(channel, name, value)
        channel.save()
    if existing:
        ServiceChannel.objects.filter(pk__in=[c.pk for c in existing.values()]).delete()

"""Importing a CPSV-AP JSON-LD file into the catalogue: ``catalog_import_cpsv``, all or nothing.

The file is read by ``cpsv.cpsv_read`` (no database), then checked against the database
(organisations and departments must exist, the actor must be a catalogue editor of them, every
value must fit its model field) and only then written, in ONE transaction, with an audit entry
for every service and life event that was created or changed. Services and life events are
matched by their identifier (slug); organisations and departments are never created here.

This module must never write part of a file: when any record is bad it raises
``CpsvImportError`` listing every bad record, and nothing has been written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from loket.catalog.cpsv import (
    LANGUAGES,
    ChannelRecord,
    CpsvFile,
    CpsvImportError,
    LifeEventRecord,
    Progress,
    RecordProblem,
    ServiceRecord,
    cpsv_read,
)
from loket.catalog.models import SERVICE_TEXT_FIELDS, LifeEvent, Service, ServiceChannel
from loket.core.audit import Actor, audit_log, diff
from loket.core.errors import Conflict
from loket.organisations.models import Department, Membership, Organisation, Role

# Roles that may change an organisation's catalogue.
EDITOR_ROLES = (Role.CATALOGUE_EDITOR, Role.ADMIN)


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do), by identifier."""

    dry_run: bool = False
    services_created: list[str] = field(default_factory=list)
    services_updated: list[str] = field(default_factory=list)
    services_unchanged: list[str] = field(default_factory=list)
    life_events_created: list[str] = field(default_factory=list)
    life_events_updated: list[str] = field(default_factory=list)
    life_events_unchanged: list[str] = field(default_factory=list)
    warnings: list[RecordProblem] = field(default_factory=list)

    def summary(self) -> str:
        counts = {
            "created": len(self.services_created),
            "updated": len(self.services_updated),
            "unchanged": len(self.services_unchanged),
            "events_created": len(self.life_events_created),
            "events_updated": len(self.life_events_updated),
            "events_unchanged": len(self.life_events_unchanged),
        }
        text = (
            _(
                "Services: %(created)d created, %(updated)d updated, %(unchanged)d unchanged. Life events: "
                "%(events_created)d created, %(events_updated)d updated, %(events_unchanged)d unchanged."
            )
            % counts
        )
        if not self.dry_run:
            return text
        dry_run = _("Dry run: nothing was written.")
        return f"{text} {dry_run}"


def catalog_import_cpsv(
    *, data: str | bytes, actor: Actor = "system", dry_run: bool = False, progress: Progress | None = None
) -> ImportReport:
    """Create or update the services and life events of a CPSV-AP JSON-LD document.

    Raises ``CpsvImportError`` (with every bad record) and writes nothing when any record is
    bad. ``dry_run`` checks and reports without writing. ``actor`` is "system" or a staff user,
    who must be a catalogue editor (or admin) of every organisation whose services the file holds.
    """
    parsed = cpsv_read(data)
    try:
        with transaction.atomic():
            problems = [*parsed.problems, *_check_against_database(parsed, actor=actor)]
            if problems:
                raise CpsvImportError(problems)
            report = _write(parsed, actor=actor, progress=progress)
            report.warnings = parsed.warnings
            if dry_run:
                report.dry_run = True
                # Everything was written and checked exactly as for real; now forget it.
                transaction.set_rollback(True)
    except IntegrityError as exc:
        # Someone created one of these services or life events while we were importing.
        raise Conflict(
            _("The catalogue changed while the file was being imported; nothing was imported. Try again."),
            code="cpsv_conflict",
        ) from exc
    return report


# --- Checks against the database ----------------------------------------------------------------


def _check_against_database(parsed: CpsvFile, *, actor: Actor) -> list[RecordProblem]:
    problems: list[RecordProblem] = []
    organisations = _organisations(parsed)
    departments = _departments(parsed, organisations)
    editable = _editable_organisation_ids(actor)
    services = {s.slug: s for s in Service.objects.filter(slug__in=[r.slug for r in parsed.services])}
    life_events = {e.slug: e for e in LifeEvent.objects.filter(slug__in=[r.slug for r in parsed.life_events])}

    for event_record in parsed.life_events:
        event = life_events.get(event_record.slug) or LifeEvent(slug=event_record.slug)
        _apply_life_event(event, event_record)
        problems += _field_problems("life event", event_record.slug, event, exclude=())
        if editable is not None and not editable:
            problems.append(
                RecordProblem("life event", event_record.slug, _("you are not a catalogue editor of any organisation."))
            )

    for record in parsed.services:
        organisation = organisations.get(record.organisation)
        if organisation is None:
            problems.append(
                RecordProblem(
                    "service",
                    record.slug,
                    _(
                        "its competent authority '%(organisation)s' is not an organisation in Loket; "
                        "create the organisation first (matched by its identifier, the organisation's slug)."
                    )
                    % {"organisation": record.organisation},
                )
            )
            continue
        if editable is not None and organisation.pk not in editable:
            problems.append(
                RecordProblem(
                    "service",
                    record.slug,
                    _("you are not a catalogue editor of organisation '%(organisation)s'.")
                    % {"organisation": organisation.slug},
                )
            )
        existing = services.get(record.slug)
        # Moving a service to another organisation takes the right to edit it where it is now.
        current_owner = existing.organisation_id if existing is not None else organisation.pk
        if editable is not None and current_owner not in editable:
            problems.append(
                RecordProblem(
                    "service",
                    record.slug,
                    _("the service belongs to an organisation you are not a catalogue editor of."),
                )
            )
        department = None
        if record.department is not None:
            owner = record.department_organisation or record.organisation
            department = departments.get((owner, record.department))
            if department is None:
                problems.append(
                    RecordProblem(
                        "service",
                        record.slug,
                        _(
                            "its owning department '%(department)s' of organisation '%(organisation)s' is not in "
                            "Loket; create the department first."
                        )
                        % {"department": record.department, "organisation": owner},
                    )
                )
        service = existing if existing is not None else Service(slug=record.slug)
        _apply_service(service, record, organisation=organisation, department=department)
        problems += _field_problems("service", record.slug, service, exclude=("organisation", "department", "editor"))
        for channel_record in record.channels:
            channel = ServiceChannel(kind=channel_record.kind)
            _apply_channel(channel, channel_record, position=0)
            problems += [
                RecordProblem(
                    "service",
                    record.slug,
                    _("channel '%(kind)s': %(problem)s") % {"kind": channel_record.kind, "problem": p.message},
                )
                for p in _field_problems("service", record.slug, channel, exclude=("service",))
            ]
    return problems


def _organisations(parsed: CpsvFile) -> dict[str, Organisation]:
    slugs = {r.organisation for r in parsed.services} | {
        r.department_organisation for r in parsed.services if r.department_organisation
    }
    return {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}


def _departments(parsed: CpsvFile, organisations: dict[str, Organisation]) -> dict[tuple[str, str], Department]:
    wanted = {(r.department_organisation or r.organisation, r.department) for r in parsed.services if r.department}
    if not wanted:
        return {}
    found = Department.objects.filter(
        organisation__slug__in={o for o, _d in wanted}, slug__in={d for _o, d in wanted}
    ).select_related("organisation")
    return {(d.organisation.slug, d.slug): d for d in found}


def _editable_organisation_ids(actor: Actor) -> set[int] | None:
    """The organisations ``actor`` may change the catalogue of; None means all (the system, a superuser)."""
    if not isinstance(actor, AbstractBaseUser):
        return None if actor in (None, "system") else set()
    if getattr(actor, "is_superuser", False):
        return None
    return set(
        Membership.objects.filter(user_id=actor.pk, role__in=EDITOR_ROLES).values_list("organisation_id", flat=True)
    )


def _field_problems(kind: str, identifier: str, obj: models.Model, *, exclude: tuple[str, ...]) -> list[RecordProblem]:
    """The model's own validation of every value the file sets (lengths, URLs, number ranges)."""
    skip = set(exclude)
    for model_field in obj._meta.concrete_fields:
        value = getattr(obj, model_field.attname)
        # An absent translation is fine even where the default-language field is required, and the
        # untranslated base column follows the translations (modeltranslation fills it on save).
        if value in (None, "") or model_field.name in SERVICE_TEXT_FIELDS + ("instructions", "description"):
            skip.add(model_field.name)
    try:
        obj.full_clean(exclude=sorted(skip), validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        return [
            RecordProblem(kind, identifier, f"{name}: {' '.join(messages)}")
            for name, messages in sorted(exc.message_dict.items())
        ]
    return []


# --- Setting the fields -------------------------------------------------------------------------


def _set_texts(obj: models.Model, name: str, texts: dict[str, str]) -> None:
    for lang in LANGUAGES:
        attname, text = f"{name}_{lang}", texts.get(lang, "")
        # A missing translation is NULL or "" in modeltranslation; do not turn one into the other.
        if text or getattr(obj, attname):
            setattr(obj, attname, text)


def _apply_life_event(event: LifeEvent, record: LifeEventRecord) -> None:
    _set_texts(event, "title", record.title)
    _set_texts(event, "description", record.description)
    if record.order is not None:
        event.order = record.order


def _apply_service(
    service: Service, record: ServiceRecord, *, organisation: Organisation, department: Department | None
) -> None:
    service.organisation = organisation
    service.department = department
    service.status = record.status
    for name in SERVICE_TEXT_FIELDS:
        _set_texts(service, name, record.texts.get(name, {}))
    service.cost_amount = record.cost_amount
    # Loket's own terms: a file without them (from another catalogue) keeps what Loket has.
    if record.duration_minutes is not None:
        service.duration_minutes = record.duration_minutes
    if record.last_reviewed is not None:
        service.last_reviewed = record.last_reviewed
    if record.review_interval_days is not None:
        service.review_interval_days = record.review_interval_days
    if record.handling_days is not None:
        service.handling_days = record.handling_days


def _apply_channel(channel: ServiceChannel, record: ChannelRecord, *, position: int) -> None:
    _set_texts(channel, "instructions", record.instructions)
    channel.url = record.url
    channel.phone = record.phone
    channel.order = record.order if record.order is not None else position


# --- Writing ------------------------------------------------------------------------------------


def _snapshot(service: Service) -> dict[str, Any]:
    """A service as the audit trail records it: its columns, channels, relations and life events."""
    values = {
        f.attname: getattr(service, f.attname)
        for f in service._meta.concrete_fields
        if f.attname not in ("id", "updated_at")
    }
    values["channels"] = [
        {
            "kind": c.kind,
            "order": c.order,
            "url": c.url,
            "phone": c.phone,
            **{f"instructions_{lang}": getattr(c, f"instructions_{lang}") or "" for lang in LANGUAGES},
        }
        for c in service.channels.order_by("kind")
    ]
    values["related"] = sorted(service.related.values_list("slug", flat=True))
    values["life_events"] = sorted(service.life_events.values_list("slug", flat=True))
    return values


def _life_event_snapshot(event: LifeEvent) -> dict[str, Any]:
    return {f.attname: getattr(event, f.attname) for f in event._meta.concrete_fields if f.attname != "id"}


def _write(parsed: CpsvFile, *, actor: Actor, progress: Progress | None) -> ImportReport:
    report = ImportReport()
    total = len(parsed.services) + len(parsed.life_events)
    done = 0
    organisations = _organisations(parsed)
    departments = _departments(parsed, organisations)

    events: dict[str, LifeEvent] = {}
    for event_record in parsed.life_events:
        event = LifeEvent.objects.select_for_update().filter(slug=event_record.slug).first()
        created = event is None
        event = event or LifeEvent(slug=event_record.slug)
        old = {} if created else _life_event_snapshot(event)
        _apply_life_event(event, event_record)
        new = _life_event_snapshot(event)
        changes = diff(old, new)
        if created or changes:
            event.save()
            changes = diff(old, _life_event_snapshot(event))
            audit_log(
                actor=actor, action=f"life_event.import_{'create' if created else 'update'}", obj=event, changes=changes
            )
            (report.life_events_created if created else report.life_events_updated).append(event_record.slug)
        else:
            report.life_events_unchanged.append(event_record.slug)
        events[event_record.slug] = event
        done += 1
        if progress is not None:
            progress(done, total)

    # Relations are symmetric: a file that says A relates to B also says B relates to A.
    related: dict[str, set[str]] = {r.slug: set(r.related) for r in parsed.services}
    for record in parsed.services:
        for other in record.related:
            related.setdefault(other, set()).add(record.slug)

    existing = {
        s.slug: s for s in Service.objects.select_for_update().filter(slug__in=[r.slug for r in parsed.services])
    }
    before = {slug: _snapshot(service) for slug, service in existing.items()}

    services: dict[str, Service] = {}
    for record in parsed.services:
        service = existing.get(record.slug) or Service(slug=record.slug)
        department = None
        if record.department is not None:
            department = departments[(record.department_organisation or record.organisation, record.department)]
        _apply_service(service, record, organisation=organisations[record.organisation], department=department)
        if service.pk is None or _row_changed(service, before.get(record.slug)):
            service.save()
        _write_channels(service, record.channels)
        services[record.slug] = service
    for record in parsed.services:
        # A file speaks only about what it describes: links to services or life events outside it
        # (drafts, which are never exported, or what a partial file leaves out) stay as they are.
        service = services[record.slug]
        kept_events = [e for e in service.life_events.all() if e.slug not in events]
        service.life_events.set([*kept_events, *(events[slug] for slug in sorted(record.life_events))])
        kept_related = [s for s in service.related.all() if s.slug not in services]
        service.related.set([*kept_related, *(services[slug] for slug in sorted(related[record.slug]))])

    for record in parsed.services:
        service = services[record.slug]
        created = record.slug not in before
        changes = diff(before.get(record.slug, {}), _snapshot(service))
        if created or changes:
            audit_log(
                actor=actor,
                action=f"service.import_{'create' if created else 'update'}",
                obj=service,
                organisation_id=service.organisation_id,
                changes=changes,
            )
            (report.services_created if created else report.services_updated).append(record.slug)
        else:
            report.services_unchanged.append(record.slug)
        done += 1
        if progress is not None:
            progress(done, total)

    return report


def _row_changed(service: Service, before: dict[str, Any] | None) -> bool:
    if before is None:
        return True
    return any(before[name] != getattr(service, name) for name in before if hasattr(service, name) and name in _COLUMNS)


_COLUMNS = {f.attname for f in Service._meta.concrete_fields} - {"id", "updated_at"}


def _write_channels(service: Service, records: list[ChannelRecord]) -> None:
    """Make the service's channels exactly those of the file (matched by kind)."""
    current = {c.kind: c for c in service.channels.all()}
    wanted = {r.kind for r in records}
    for kind, channel in current.items():
        if kind not in wanted:
            channel.delete()
    for position, record in enumerate(records):
        channel = current.get(record.kind) or ServiceChannel(service=service, kind=record.kind)
        before = {f.attname: getattr(channel, f.attname) for f in channel._meta.concrete_fields}
        _apply_channel(channel, record, position=position)
        after = {f.attname: getattr(channel, f.attname) for f in channel._meta.concrete_fields}
        if channel.pk is None or before != after:
            channel.save()

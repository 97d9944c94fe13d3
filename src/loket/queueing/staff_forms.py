"""Forms of the queue's staff pages: the shape of what a clerk or a receptionist chose, in their language.

The choices are built from the location's own desks, queues and services (read by
``staff_selectors``), so a value of another location is simply not a choice. Whether the action
is allowed (skills, a ticket still at the desk, the service a queue serves) is decided by
``services``; its ``DomainError`` is shown next to the field it names.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.appointments.forms import LANGUAGE_CHOICES
from loket.catalog.models import Service
from loket.organisations.models import Desk
from loket.queueing.models import Queue, QueueKind

NOTE_MAX_LENGTH = 300


class ServiceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Service) -> str:  # type: ignore[override]
        return str(obj.title)


class OpenDeskForm(forms.Form):
    """Which desk the clerk sits at and which of their services they serve today."""

    desk = forms.ModelChoiceField(
        label=_("Desk"),
        queryset=Desk.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose a desk from the list.")},
    )
    services = ServiceChoiceField(
        label=_("What you serve today"),
        queryset=Service.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one service you serve today."),
            "invalid_choice": _("You can only serve the services you are skilled for."),
            "invalid_pk_value": _("You can only serve the services you are skilled for."),
        },
    )

    def __init__(self, *args: Any, desks: Sequence[Desk], services: Sequence[Service], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        desk_field: Any = self.fields["desk"]
        desk_field.queryset = Desk.objects.filter(pk__in=[d.pk for d in desks]).order_by("name")
        service_field: Any = self.fields["services"]
        service_field.queryset = Service.objects.filter(pk__in=[s.pk for s in services]).order_by("slug")


class FinishForm(forms.Form):
    """What was actually done at the desk (pre-ticked with what the ticket was for)."""

    services = ServiceChoiceField(
        label=_("What was done"),
        queryset=Service.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={
            "invalid_choice": _("Choose services from the list."),
            "invalid_pk_value": _("Choose services from the list."),
        },
    )

    def __init__(self, *args: Any, services: Sequence[Service], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["services"]
        field.queryset = Service.objects.filter(pk__in=[s.pk for s in services]).order_by("slug")


def _grouped(queues: Sequence[Queue], desks: Sequence[Desk]) -> list[Any]:
    return [
        ("", _("Choose where to send the ticket")),
        (_("Queues"), [(f"queue:{q.pk}", str(q.name)) for q in queues]),
        (_("Desks"), [(f"desk:{d.pk}", d.name) for d in desks]),
    ]


class TransferForm(forms.Form):
    """Where the ticket goes next (a queue, or one desk), for what, and a note for the next clerk."""

    to = forms.ChoiceField(
        label=_("Send to"),
        error_messages={
            "required": _("Choose a queue or a desk."),
            "invalid_choice": _("Choose a queue or a desk of this location."),
        },
    )
    service = forms.ChoiceField(
        label=_("For (optional)"),
        required=False,
        error_messages={"invalid_choice": _("Choose services from the list.")},
    )
    note = forms.CharField(
        label=_("Note for the next desk (optional)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        *args: Any,
        queues: Sequence[Queue],
        desks: Sequence[Desk],
        services: Sequence[Service],
        prefix_id: str = "transfer",
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_id", f"{prefix_id}-%s")
        super().__init__(*args, **kwargs)
        self._queues = {q.pk: q for q in queues}
        self._desks = {d.pk: d for d in desks}
        self._services = {s.pk: s for s in services}
        to_field: Any = self.fields["to"]
        to_field.choices = _grouped(queues, desks)
        service_field: Any = self.fields["service"]
        service_field.choices = [("", _("The same as now")), *[(str(s.pk), str(s.title)) for s in services]]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, _sep, pk = (data.get("to") or "").partition(":")
        data["queue"] = self._queues.get(int(pk)) if kind == "queue" and pk.isdigit() else None
        data["desk"] = self._desks.get(int(pk)) if kind == "desk" and pk.isdigit() else None
        raw = data.get("service") or ""
        data["service_obj"] = self._services.get(int(raw)) if raw.isdigit() else None
        return data


class IssueForm(forms.Form):
    """Reception gives a ticket: for which queue and service, in which language, with help or a note."""

    what = forms.ChoiceField(
        label=_("What the person comes for"),
        error_messages={
            "required": _("Choose what the person comes for."),
            "invalid_choice": _("Choose what the person comes for."),
        },
    )
    language = forms.ChoiceField(
        label=_("Language to call them in"),
        choices=LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose Dutch, French or English.")},
    )
    phone = forms.CharField(
        label=_("Mobile phone number (optional)"),
        required=False,
        max_length=30,
        help_text=_("They get a text message when their turn is near."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel", "type": "tel"}),
    )
    assisted = forms.BooleanField(
        label=_("Needs help: call before other walk-ins"),
        required=False,
        help_text=_("Only staff see this."),
    )
    note = forms.CharField(
        label=_("Note for the desk (optional)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, queues: Sequence[Queue], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "issue-%s")
        super().__init__(*args, **kwargs)
        self._choices: dict[str, tuple[Queue, Service | None]] = {}
        groups: list[Any] = [("", _("Choose"))]
        for queue in queues:
            options: list[tuple[str, Any]] = []
            if queue.kind == QueueKind.RECEPTION:
                key = f"{queue.pk}:"
                self._choices[key] = (queue, None)
                options.append((key, _("A general question")))
            for service in queue.services.all():
                key = f"{queue.pk}:{service.pk}"
                self._choices[key] = (queue, service)
                options.append((key, str(service.title)))
            groups.append((f"{queue.name} ({queue.prefix})", options))
        what: Any = self.fields["what"]
        what.choices = groups

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("what") in self._choices:
            data["queue"], data["service"] = self._choices[data["what"]]
        return data

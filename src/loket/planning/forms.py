"""The manager's planning form: which location and week, calls or counters (one queue or all), and the targets.

A GET form (the page is a read): every field has a default a front office can start from (80 %
of the calls answered within 20 seconds, 3 minutes a call; 90 % of the visitors served within
10 minutes, 6 minutes a visit). Percentages are whole numbers as people write them; ``clean``
turns them into the shares the engines want. Bad input stays here, next to its field.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.organisations.models import Location
from loket.planning.selectors import QueueChoice, iso_week, iso_week_monday

PLAN_FOR_CHOICES = (("calls", _("Calls (contact centre)")), ("counters", _("Visitors at the counters")))


def defaults(*, location: Location, today: datetime.date) -> dict[str, str]:
    """What the page shows first: the first location, next week, calls, the usual targets."""
    return {
        "location": location.slug,
        "week": iso_week(today + datetime.timedelta(days=7)),
        "plan_for": "calls",
        "queue": "",
        "call_level": "80",
        "call_seconds": "20",
        "call_handle_seconds": "180",
        "counter_level": "90",
        "counter_minutes": "10",
        "counter_service_minutes": "6",
        "max_occupancy": "85",
        "shrinkage": "0",
        "target_days": "10",
    }


def _number(label: Any, minimum: int, maximum: int, help_text: Any = "", required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=minimum,
        max_value=maximum,
        required=required,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "narrow"}),
    )


class PlanningForm(forms.Form):
    location = forms.ChoiceField(label=_("Location"))
    week = forms.CharField(
        label=_("Week"),
        max_length=8,
        help_text=_("Year and week number, for example 2026-W07."),
        widget=forms.TextInput(attrs={"class": "narrow", "autocomplete": "off", "spellcheck": "false"}),
    )
    plan_for = forms.ChoiceField(label=_("Plan for"), choices=PLAN_FOR_CHOICES, widget=forms.RadioSelect)
    queue = forms.ChoiceField(
        label=_("Queue"),
        required=False,
        help_text=_("For the counters: one queue, or all queues together."),
        error_messages={"invalid_choice": _("Choose one of this location's queues, or all queues.")},
    )
    call_level = _number(_("Share of calls answered in time (%)"), 1, 99)
    call_seconds = _number(_("Answered within (seconds)"), 1, 3600)
    call_handle_seconds = _number(
        _("Average call length (seconds)"), 1, 7200, _("Talk time plus the work after the call.")
    )
    counter_level = _number(_("Share of visitors served in time (%)"), 1, 99)
    counter_minutes = _number(_("Served within (minutes)"), 0, 240)
    counter_service_minutes = _number(_("Average time at the desk (minutes)"), 1, 240)
    max_occupancy = _number(
        _("Busy at most (%)"),
        1,
        100,
        _("Share of their time staff may spend serving; leave empty for no limit."),
        required=False,
    )
    shrinkage = _number(
        _("Absence margin (%)"),
        0,
        95,
        _("Share of paid time staff are not available: breaks, training, leave."),
    )
    target_days = _number(
        _("Waiting time for an appointment at most (working days)"),
        1,
        60,
        _("Working days until the first free slot when someone books online."),
    )

    def __init__(
        self, *args: Any, locations: Sequence[Location], queues: Sequence[QueueChoice] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        queue_field = self.fields["queue"]
        assert isinstance(queue_field, forms.ChoiceField)  # noqa: S101 - declared above
        queue_field.choices = [("", _("All queues")), *((q.slug, q.name) for q in queues)]
        several = len({location.organisation_id for location in locations}) > 1
        location_field = self.fields["location"]
        assert isinstance(location_field, forms.ChoiceField)  # noqa: S101 - declared above
        location_field.choices = [
            (location.slug, f"{location.name} ({location.organisation.name})" if several else location.name)
            for location in locations
        ]

    def clean_week(self) -> datetime.date:
        try:
            return iso_week_monday(self.cleaned_data["week"])
        except ValueError as error:
            raise forms.ValidationError(
                _("Write the week as year and week number, for example 2026-W07."), code="week"
            ) from error

    def is_valid(self) -> bool:
        valid = super().is_valid()
        self._describe_errors()
        return valid

    def add_error(self, field: str | None, error: Any) -> None:
        """Also after validation (the view adds the selector's refusals): the field points to its message."""
        super().add_error(field, error)
        self._describe_errors()

    def _describe_errors(self) -> None:
        for name in self.errors:
            if name in self.fields:
                described = [f"id_{name}_error"] + ([f"id_{name}_helptext"] if self.fields[name].help_text else [])
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)

    def plan_arguments(self) -> dict[str, Any]:
        """The keyword arguments of ``selectors.week_plan`` (all but the location)."""
        data = self.cleaned_data
        occupancy = data["max_occupancy"]
        common = {
            "monday": data["week"],
            "plan_for": data["plan_for"],
            "max_occupancy": occupancy / 100 if occupancy is not None else None,
            "shrinkage": data["shrinkage"] / 100,
        }
        if data["plan_for"] == "calls":
            return {
                **common,
                "handle_seconds": float(data["call_handle_seconds"]),
                "target_level": data["call_level"] / 100,
                "target_seconds": float(data["call_seconds"]),
            }
        return {
            **common,
            "queue": data["queue"] or None,
            "handle_seconds": data["counter_service_minutes"] * 60.0,
            "target_level": data["counter_level"] / 100,
            "target_seconds": data["counter_minutes"] * 60.0,
        }

"""The dashboard's form: which organisation and location, and which period.

A GET form (the page is a read, its address can be shared). The periods end with yesterday (today
is not over yet) and are compared with the period of the same length just before. A custom period
is two dates, both included, as people say them; ``period`` turns it into the half-open
``[start, end)`` the selectors want. Bad input stays here, next to its field.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.organisations.models import Location, Organisation

PERIOD_CHOICES = (
    ("7", _("Last 7 days")),
    ("30", _("Last 30 days")),
    ("quarter", _("Last quarter (3 months)")),
    ("year", _("Last year (12 months)")),
    ("custom", _("Dates of my choice")),
)
MAX_DAYS = 731  # two years: enough to compare a year with the one before


def defaults(*, organisation: Organisation) -> dict[str, str]:
    """What the page shows first: the first organisation, every location, the last 30 days."""
    return {"organisation": organisation.slug, "location": "", "period": "30"}


def _months_back(day: datetime.date, months: int) -> datetime.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def period_bounds(choice: str, *, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """``[start, end)`` of a named period, ending with yesterday."""
    end = today
    if choice == "7":
        return end - datetime.timedelta(days=7), end
    if choice == "30":
        return end - datetime.timedelta(days=30), end
    if choice == "quarter":
        return _months_back(end, 3), end
    return _months_back(end, 12), end


class DashboardForm(forms.Form):
    organisation = forms.ChoiceField(label=_("Organisation"))
    location = forms.ChoiceField(label=_("Location"), required=False)
    period = forms.ChoiceField(label=_("Period"), choices=PERIOD_CHOICES, widget=forms.RadioSelect)
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        help_text=_("Only for dates of your choice."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("Up to and including"),
        required=False,
        help_text=_("Only for dates of your choice."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(
        self,
        *args: Any,
        organisations: Sequence[Organisation],
        locations: Sequence[Location],
        today: datetime.date,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.organisations = {organisation.slug: organisation for organisation in organisations}
        self.locations = {location.slug: location for location in locations}
        organisation_field = self.fields["organisation"]
        location_field = self.fields["location"]
        assert isinstance(organisation_field, forms.ChoiceField)  # noqa: S101 - declared above
        assert isinstance(location_field, forms.ChoiceField)  # noqa: S101 - declared above
        organisation_field.choices = [(o.slug, str(o.name)) for o in organisations]
        every: list[Any] = [("", _("All locations"))]
        if len(organisations) > 1:
            location_field.choices = every + [
                (str(o.name), [(loc.slug, str(loc.name)) for loc in locations if loc.organisation_id == o.pk])
                for o in organisations
            ]
        else:
            location_field.choices = every + [(loc.slug, str(loc.name)) for loc in locations]

    @property
    def several_organisations(self) -> bool:
        return len(self.organisations) > 1

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        organisation = self.organisations.get(data.get("organisation") or "")
        location = self.locations.get(data.get("location") or "")
        if organisation is not None and location is not None and location.organisation_id != organisation.pk:
            self.add_error("location", _("This location is not part of the chosen organisation."))
        if data.get("period") == "custom":
            first, last = data.get("date_from"), data.get("date_to")
            if first is None and "date_from" not in self.errors:
                self.add_error("date_from", _("Fill in the first day."))
            if last is None and "date_to" not in self.errors:
                self.add_error("date_to", _("Fill in the last day."))
            if first is not None and last is not None:
                if last < first:
                    self.add_error("date_to", _("The last day comes on or after the first day."))
                elif last >= self.today:
                    self.add_error("date_to", _("The last day is yesterday at the latest: today is not over yet."))
                elif (last - first).days + 1 > MAX_DAYS:
                    self.add_error("date_to", _("Choose at most two years."))
        return data

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name in self.errors:
            if name in self.fields:
                described = [f"id_{name}_error"] + ([f"id_{name}_helptext"] if self.fields[name].help_text else [])
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)
        return valid

    def selection(self) -> tuple[Organisation, Location | None, datetime.date, datetime.date]:
        """The organisation, the location (``None``: all) and ``[start, end)`` of a valid form."""
        data = self.cleaned_data
        organisation = self.organisations[data["organisation"]]
        location = self.locations.get(data.get("location") or "")
        if data["period"] == "custom":
            start, end = data["date_from"], data["date_to"] + datetime.timedelta(days=1)
        else:
            start, end = period_bounds(data["period"], today=self.today)
        return organisation, location, start, end

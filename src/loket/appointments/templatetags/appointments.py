"""The appointment box of a service page: "book online" and the digital waiting time per location.

The catalogue's Python code never imports appointments (the dependency points the other way);
its service page only loads this tag library, which reads through the appointments selectors.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from loket.appointments.availability import TIMEZONE
from loket.appointments.booking_selectors import bookable_locations
from loket.appointments.selectors import availability_waiting_times
from loket.catalog.models import Service
from loket.core.i18n import translated

register = template.Library()


@register.inclusion_tag("appointments/_service_box.html", takes_context=True)
def appointment_box(context: dict[str, Any], service: Service) -> dict[str, Any]:
    """Where the service can be booked, with the working days to the first free time at each place."""
    locations = bookable_locations(services=[service])
    lang = context.get("LANGUAGE_CODE") or "nl"
    rows = []
    if locations:
        by_slug = {location.slug: location for location in locations}
        for waiting in availability_waiting_times(services=[service], locations=locations):
            location = by_slug[waiting.location]
            first = waiting.first_free.start.astimezone(TIMEZONE) if waiting.first_free else None
            rows.append(
                {
                    "name": translated(location, "name", lang),
                    "working_days": waiting.working_days,
                    "first_free": first,
                    "today": first is not None and first.date() == timezone.localdate(),
                }
            )
    return {"service": service, "rows": rows}

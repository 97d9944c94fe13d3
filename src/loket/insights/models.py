"""The daily roll-up of the dashboard's figures: sums of the stored events, per closed day.

Every row here is computed by ``insights.rollup`` from the events (tickets and their events,
appointments, contacts) and can be recomputed from them at any time: nothing is typed in, and a
day is rolled up again when its events may have changed (the last week, every night; any range
with ``loket rollup``). ``RollUp`` says which days (and months) the tables hold; the selectors
read the roll-up only for those and the events themselves for the rest (today, a day not yet
rolled up). Counts per local hour are kept per day; the histograms of waiting and service times
per day and, for a month whose days are all rolled up, per month too, so a year is read from
twelve rows per key instead of three hundred.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Grain(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")


class RollUp(models.Model):
    """A day (or month) the roll-up tables hold, for every organisation, and when it was computed."""

    grain = models.CharField(_("grain"), max_length=5, choices=Grain.choices, help_text=_("Day or month."))
    start = models.DateField(_("start"), help_text=_("The local day, or the first day of the month."))
    computed_at = models.DateTimeField(_("computed at"), help_text=_("When these figures were computed."))

    class Meta:
        verbose_name = _("roll-up")
        verbose_name_plural = _("roll-ups")
        constraints = [models.UniqueConstraint(fields=["grain", "start"], name="insights_rollup_once")]

    def __str__(self) -> str:
        return f"{self.grain} {self.start}"


class LocationHour(models.Model):
    """One location's visitors, due appointments and combined-visit suggestions in one local hour
    of one day.

    ``walk_ins``: served walk-in tickets taken in that hour. ``checked_in``, ``late``, ``no_show``:
    appointments of that day by the hour the citizen checked in (its start when not kept).
    ``suggested``, ``suggestions_taken``: suggestions offered while booking in that hour."""

    location = models.ForeignKey(
        "organisations.Location", on_delete=models.CASCADE, related_name="+", verbose_name=_("location")
    )
    day = models.DateField(_("day"), help_text=_("Local date."))
    hour = models.PositiveSmallIntegerField(_("hour"), help_text=_("Local hour, 0 to 23."))
    walk_ins = models.PositiveIntegerField(_("walk-ins served"), default=0)
    checked_in = models.PositiveIntegerField(_("appointments checked in"), default=0)
    late = models.PositiveIntegerField(_("appointments checked in late"), default=0)
    no_show = models.PositiveIntegerField(_("appointments not come"), default=0)
    suggested = models.PositiveIntegerField(_("suggestions offered"), default=0)
    suggestions_taken = models.PositiveIntegerField(_("suggestions taken"), default=0)

    class Meta:
        verbose_name = _("a location's hour")
        verbose_name_plural = _("locations' hours")
        constraints = [
            models.UniqueConstraint(fields=["location", "day", "hour"], name="insights_locationhour_once"),
        ]

    def __str__(self) -> str:
        return f"{self.location_id} {self.day} {self.hour}h"


class ContactHour(models.Model):
    """One organisation's inbound contacts in one local hour of one day (by when they began)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    day = models.DateField(_("day"), help_text=_("Local date."))
    hour = models.PositiveSmallIntegerField(_("hour"), help_text=_("Local hour, 0 to 23."))
    calls = models.PositiveIntegerField(_("phone calls"), default=0, help_text=_("Inbound phone contacts."))
    inbound = models.PositiveIntegerField(_("inbound contacts"), default=0, help_text=_("Every channel."))
    answered = models.PositiveIntegerField(
        _("answered at once"), default=0, help_text=_("Inbound contacts with the outcome 'answered'.")
    )

    class Meta:
        verbose_name = _("contacts in an hour")
        verbose_name_plural = _("contacts per hour")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "day", "hour"], name="insights_contacthour_once"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.day} {self.hour}h"


class WaitBucket(models.Model):
    """How many tickets of a queue waited a time in one bucket (``figures.BUCKET_EDGES``), and
    the sum of their waits, for a day or a month; walk-ins and appointments apart."""

    grain = models.CharField(_("grain"), max_length=5, choices=Grain.choices)
    start = models.DateField(_("start"), help_text=_("The local day, or the first day of the month."))
    queue = models.ForeignKey("queueing.Queue", on_delete=models.CASCADE, related_name="+", verbose_name=_("queue"))
    by_appointment = models.BooleanField(_("by appointment"))
    bucket = models.PositiveSmallIntegerField(_("bucket"))
    count = models.PositiveIntegerField(_("tickets"))
    seconds = models.FloatField(_("seconds"), help_text=_("The sum of their waits."))

    class Meta:
        verbose_name = _("waits in a bucket")
        verbose_name_plural = _("waits per bucket")
        indexes = [models.Index(fields=["queue", "grain", "start"], name="insights_wait_queue_start")]

    def __str__(self) -> str:
        return f"{self.queue_id} {self.grain} {self.start} #{self.bucket}: {self.count}"


class ServiceBucket(models.Model):
    """How many served tickets at a location took a service time in one bucket, per service (none:
    a general question), and the sum of those times, for a day or a month."""

    grain = models.CharField(_("grain"), max_length=5, choices=Grain.choices)
    start = models.DateField(_("start"), help_text=_("The local day, or the first day of the month."))
    location = models.ForeignKey(
        "organisations.Location", on_delete=models.CASCADE, related_name="+", verbose_name=_("location")
    )
    service = models.ForeignKey(
        "catalog.Service", on_delete=models.CASCADE, null=True, related_name="+", verbose_name=_("service")
    )
    bucket = models.PositiveSmallIntegerField(_("bucket"))
    count = models.PositiveIntegerField(_("tickets"))
    seconds = models.FloatField(_("seconds"), help_text=_("The sum of their service times."))

    class Meta:
        verbose_name = _("service times in a bucket")
        verbose_name_plural = _("service times per bucket")
        indexes = [models.Index(fields=["location", "grain", "start"], name="insights_service_loc_start")]

    def __str__(self) -> str:
        return f"{self.location_id} {self.grain} {self.start} #{self.bucket}: {self.count}"

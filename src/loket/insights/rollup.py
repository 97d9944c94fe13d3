"""The daily roll-up: the dashboard's sums of a closed day, computed from its events.

``rollup_days`` recomputes whole days for every organisation at once (one transaction a day:
the day's rows are deleted and written again from ``selectors.location_hours``,
``contact_hours`` and ``ticket_histograms``, the same reads the dashboard makes for the days the
roll-up does not hold), then the month rows of every month whose days are all rolled up.
``rollup_if_due`` is for ``loket sweep``: from 01:00 local time, once a day, the last
``RECOMPUTE_DAYS`` closed days (so a no-show recorded, a ticket closed or a call logged after
the day ended still counts); ``loket rollup`` recomputes any range (after a correction, or the
first time on a deployment with history).

Only closed days: today's events are still coming in, so today is never rolled up. Nothing
here changes an event; the roll-up can be deleted and recomputed at any time.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TypeVar
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from loket.insights.models import ContactHour, Grain, LocationHour, RollUp, ServiceBucket, WaitBucket
from loket.insights.selectors import contact_hours, first_of_next_month, location_hours, ticket_histograms
from loket.organisations.models import Location, Organisation
from loket.queueing.models import Queue

RECOMPUTE_DAYS = 7  # the nightly run recomputes this many closed days
NIGHT_HOUR = 1  # from this local hour; the queues have closed and the no-shows are recorded by then


@dataclass(frozen=True)
class RollUpRun:
    days: int
    months: int
    rows: int


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _today(now: datetime.datetime) -> datetime.date:
    return now.astimezone(_tz()).date()


def rollup_day(*, day: datetime.date, now: datetime.datetime | None = None) -> int:
    """Recompute one closed day for every organisation; returns the number of rows written."""
    now = now or timezone.now()
    if day >= _today(now):
        raise ValueError(f"{day} is not over yet: only closed days are rolled up.")
    end = day + datetime.timedelta(days=1)
    location_ids = list(Location.objects.values_list("pk", flat=True))
    queue_ids = list(Queue.objects.values_list("pk", flat=True))
    organisation_ids = list(Organisation.objects.values_list("pk", flat=True))
    locations = location_hours(location_ids=location_ids, queue_ids=queue_ids, start=day, end=end)
    contacts = contact_hours(organisation_ids=organisation_ids, start=day, end=end)
    waits, services = ticket_histograms(queue_ids=queue_ids, start=day, end=end)
    with transaction.atomic():
        # Two sweeps at once: the second waits here for the first, then writes the day again.
        marker, _created = RollUp.objects.select_for_update().get_or_create(
            grain=Grain.DAY, start=day, defaults={"computed_at": now}
        )
        _delete(day, end, grain=Grain.DAY)
        RollUp.objects.filter(grain=Grain.MONTH, start=day.replace(day=1)).delete()  # no longer whole
        location_rows = [
            LocationHour(
                location_id=location_id,
                day=key_day,
                hour=hour,
                walk_ins=walk_ins,
                checked_in=checked_in,
                late=late,
                no_show=no_show,
                suggested=suggested,
                suggestions_taken=taken,
            )
            for (location_id, key_day, hour), (
                walk_ins,
                checked_in,
                late,
                no_show,
                suggested,
                taken,
            ) in locations.items()
        ]
        contact_rows = [
            ContactHour(organisation_id=org, day=key_day, hour=hour, calls=calls, inbound=inbound, answered=answered)
            for (org, key_day, hour), (calls, inbound, answered) in contacts.items()
        ]
        wait_rows = [
            WaitBucket(
                grain=Grain.DAY,
                start=day,
                queue_id=queue_id,
                by_appointment=by_appointment,
                bucket=bucket,
                count=count,
                seconds=seconds,
            )
            for (_day, queue_id, by_appointment), histogram in waits.items()
            for bucket, count, seconds in histogram.rows()
        ]
        service_rows = [
            ServiceBucket(
                grain=Grain.DAY,
                start=day,
                location_id=location_id,
                service_id=service_id,
                bucket=bucket,
                count=count,
                seconds=seconds,
            )
            for (_day, location_id, service_id), histogram in services.items()
            for bucket, count, seconds in histogram.rows()
        ]
        LocationHour.objects.bulk_create(location_rows, batch_size=2000)
        ContactHour.objects.bulk_create(contact_rows, batch_size=2000)
        WaitBucket.objects.bulk_create(wait_rows, batch_size=2000)
        ServiceBucket.objects.bulk_create(service_rows, batch_size=2000)
        marker.computed_at = now
        marker.save(update_fields=["computed_at"])
    return len(location_rows) + len(contact_rows) + len(wait_rows) + len(service_rows)


def _delete(start: datetime.date, end: datetime.date, *, grain: str) -> None:
    if grain == Grain.DAY:
        LocationHour.objects.filter(day__gte=start, day__lt=end).delete()
        ContactHour.objects.filter(day__gte=start, day__lt=end).delete()
    WaitBucket.objects.filter(grain=grain, start__gte=start, start__lt=end).delete()
    ServiceBucket.objects.filter(grain=grain, start__gte=start, start__lt=end).delete()


def rollup_month(*, month: datetime.date, now: datetime.datetime | None = None) -> bool:
    """Sum a month's day histograms into month rows, when every day of it is rolled up (else
    nothing: ``False``). A month is then read from one row per key instead of thirty."""
    now = now or timezone.now()
    start = month.replace(day=1)
    end = first_of_next_month(start)
    with transaction.atomic():
        held = RollUp.objects.filter(grain=Grain.DAY, start__gte=start, start__lt=end).count()
        if held != (end - start).days:
            return False
        _delete(start, start + datetime.timedelta(days=1), grain=Grain.MONTH)
        _sum_month(WaitBucket, ("queue_id", "by_appointment", "bucket"), start, end)
        _sum_month(ServiceBucket, ("location_id", "service_id", "bucket"), start, end)
        RollUp.objects.update_or_create(grain=Grain.MONTH, start=start, defaults={"computed_at": now})
    return True


Bucket = TypeVar("Bucket", WaitBucket, ServiceBucket)


def _sum_month(model: type[Bucket], keys: tuple[str, ...], start: datetime.date, end: datetime.date) -> None:
    """Write one month row per key and bucket: the sums of the month's day rows."""
    sums = (
        model.objects.filter(grain=Grain.DAY, start__gte=start, start__lt=end)
        .values(*keys)
        .annotate(total_count=Sum("count"), total_seconds=Sum("seconds"))
        .order_by()
    )
    model.objects.bulk_create(
        (
            model(
                grain=Grain.MONTH,
                start=start,
                count=row.pop("total_count"),
                seconds=row.pop("total_seconds"),
                **row,
            )
            for row in sums
        ),
        batch_size=2000,
    )


def rollup_days(
    *, start: datetime.date, end: datetime.date, now: datetime.datetime | None = None, progress: bool = False
) -> RollUpRun:
    """Recompute the closed days of ``[start, end)`` (days not over yet are left out), then the
    months they fall in."""
    now = now or timezone.now()
    end = min(end, _today(now))
    days = [start + datetime.timedelta(days=n) for n in range(max(0, (end - start).days))]
    rows = 0
    iterator = days
    if progress:
        from tqdm import tqdm

        iterator = tqdm(days, unit="day")
    for day in iterator:
        rows += rollup_day(day=day, now=now)
    months = dict.fromkeys(day.replace(day=1) for day in days)
    whole = sum(rollup_month(month=month, now=now) for month in months)
    return RollUpRun(days=len(days), months=whole, rows=rows)


def rollup_if_due(*, now: datetime.datetime | None = None) -> RollUpRun | None:
    """For ``loket sweep`` (every minute): once a local day from ``NIGHT_HOUR``, the last
    ``RECOMPUTE_DAYS`` closed days; else ``None``. Yesterday's marker says it was done."""
    now = now or timezone.now()
    local = now.astimezone(_tz())
    if local.hour < NIGHT_HOUR:
        return None
    today = local.date()
    midnight = datetime.datetime.combine(today, datetime.time(), tzinfo=_tz())
    yesterday = today - datetime.timedelta(days=1)
    if RollUp.objects.filter(grain=Grain.DAY, start=yesterday, computed_at__gte=midnight).exists():
        return None
    return rollup_days(start=today - datetime.timedelta(days=RECOMPUTE_DAYS), end=today, now=now)

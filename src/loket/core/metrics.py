"""``/metrics`` for Prometheus: django-prometheus's counters, and Loket's own gauges.

Two kinds of figures, collected two ways:

- **Per process, summed** (django-prometheus): requests by view and method, response codes,
  latencies, database queries and connections. Each gunicorn worker counts its own; with
  ``PROMETHEUS_MULTIPROC_DIR`` set (``loket serve`` empties it at start) they write to files in
  that directory and a scrape of any worker sums every worker's, including workers that have
  since been restarted.
- **From the database, at scrape time** (``LoketCollector``): the same answer from every
  process, because nothing of it lives in a process. Each gauge is one indexed query:

  ``loket_queue_waiting_tickets{organisation,location,queue}``
      tickets of today waiting in each queue (every queue, 0 included);
  ``loket_outbox_due_messages{channel}``
      e-mails and SMS due and not sent: pending with their next attempt in the past, or
      ``sending`` with an expired lease (a worker died);
  ``loket_outbox_oldest_due_seconds{channel}``
      how long the longest-waiting of those has been due (0 when none): workers behind or down;
  ``loket_outbox_failed_messages{channel}``
      messages given up on (kept until retention removes them): look at each new one;
  ``loket_tasks_waiting{queue}`` and ``loket_tasks_oldest_waiting_seconds{queue}``
      background tasks ready to run and not started (django-tasks: the database backend's
      table, or the RQ queue in Redis with ``LOKET_TASKS_BACKEND=rq``);
  ``loket_gauges_up{source}``
      1 when the source (queue, outbox, tasks) could be read on this scrape, 0 when not: the
      counters above still answer when the database does not.

Who may read it: nobody, unless ``LOKET_METRICS_TOKEN`` (``Authorization: Bearer <token>``) or
``LOKET_METRICS_ALLOWED_IPS`` (addresses or networks, compared with ``REMOTE_ADDR``) is set;
then 404 without either and 403 for anyone else.

This module reads other apps' tables (queues, tickets, the outbox, task results). Like the demo
package it sits on top of them, and it imports them only inside the collector, at scrape time,
so that nothing in ``core`` depends on them when it loads. It must never write anything.
"""

from __future__ import annotations

import datetime
import hmac
import ipaddress
import logging
import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import prometheus_client
from django.conf import settings
from django.db import DatabaseError
from django.db.models import Case, Count, F, Min, Q, When
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector, CollectorRegistry
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

RQ_BACKEND = "django_tasks_rq.RQBackend"


# --- Who may scrape -------------------------------------------------------------------------


@lru_cache(maxsize=8)
def allowed_networks(entries: tuple[str, ...]) -> tuple[IpNetwork, ...]:
    """``LOKET_METRICS_ALLOWED_IPS`` as networks (a bare address is a network of one)."""
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _bearer_token(request: HttpRequest) -> str:
    scheme, _, token = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _address_allowed(address: str, networks: Iterable[IpNetwork]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def scrape_allowed(request: HttpRequest) -> bool:
    """Whether this request may read the metrics; ``Http404`` when scraping is not configured at all."""
    token = str(getattr(settings, "LOKET_METRICS_TOKEN", "") or "")
    networks = allowed_networks(tuple(getattr(settings, "LOKET_METRICS_ALLOWED_IPS", ()) or ()))
    if not token and not networks:
        raise Http404
    offered = _bearer_token(request)
    if token and offered and hmac.compare_digest(offered.encode(), token.encode()):
        return True
    return _address_allowed(request.META.get("REMOTE_ADDR", ""), networks)


# --- Loket's own gauges -----------------------------------------------------------------------


def _seconds_since(moment: datetime.datetime | None, now: datetime.datetime) -> float:
    if moment is None:
        return 0.0
    return max(0.0, (now - moment).total_seconds())


def queue_gauges(now: datetime.datetime) -> Iterator[GaugeMetricFamily]:
    from loket.queueing.models import Queue, Ticket, TicketStatus

    waiting = GaugeMetricFamily(
        "loket_queue_waiting_tickets",
        "Tickets of today waiting in the queue (not yet called).",
        labels=["organisation", "location", "queue"],
    )
    today = timezone.localdate(now)
    counts = dict(
        Ticket.objects.filter(status=TicketStatus.WAITING, day=today)
        .order_by()
        .values("queue_id")
        .annotate(n=Count("id"))
        .values_list("queue_id", "n")
    )
    queues = Queue.objects.order_by("location__slug", "slug").values_list(
        "pk", "location__organisation__slug", "location__slug", "slug"
    )
    for pk, organisation, location, queue in queues:
        waiting.add_metric([organisation, location, queue], counts.get(pk, 0))
    yield waiting


def outbox_gauges(now: datetime.datetime) -> Iterator[GaugeMetricFamily]:
    from loket.notifications.models import Channel, MessageStatus, OutboxMessage

    due = GaugeMetricFamily(
        "loket_outbox_due_messages",
        "Outbox messages due and not sent: pending and due, or sending with an expired lease.",
        labels=["channel"],
    )
    oldest = GaugeMetricFamily(
        "loket_outbox_oldest_due_seconds",
        "Seconds since the longest-waiting due outbox message became due (0 when none).",
        labels=["channel"],
    )
    failed = GaugeMetricFamily(
        "loket_outbox_failed_messages",
        "Outbox messages given up on (status failed), kept until retention removes them.",
        labels=["channel"],
    )
    due_rows = (
        OutboxMessage.objects.filter(
            Q(status=MessageStatus.PENDING, next_attempt_at__lte=now)
            | Q(status=MessageStatus.SENDING, locked_until__lte=now)
        )
        .order_by()
        .values("channel")
        .annotate(
            n=Count("id"),
            since=Min(Case(When(status=MessageStatus.SENDING, then=F("locked_until")), default=F("next_attempt_at"))),
        )
    )
    by_channel: dict[str, tuple[int, datetime.datetime | None]] = {
        row["channel"]: (row["n"], row["since"]) for row in due_rows
    }
    failed_counts = dict(
        OutboxMessage.objects.filter(status=MessageStatus.FAILED)
        .order_by()
        .values("channel")
        .annotate(n=Count("id"))
        .values_list("channel", "n")
    )
    for channel in Channel.values:
        count, since = by_channel.get(channel, (0, None))
        due.add_metric([channel], count)
        oldest.add_metric([channel], _seconds_since(since, now))
        failed.add_metric([channel], failed_counts.get(channel, 0))
    yield from (due, oldest, failed)


def _task_queue_names() -> list[str]:
    configured = settings.TASKS.get("default", {}).get("QUEUES")
    return sorted(str(name) for name in configured) if isinstance(configured, list | tuple) else ["default"]


def task_gauges(now: datetime.datetime) -> Iterator[GaugeMetricFamily]:
    waiting = GaugeMetricFamily(
        "loket_tasks_waiting", "Background tasks ready to run and not started.", labels=["queue"]
    )
    oldest = GaugeMetricFamily(
        "loket_tasks_oldest_waiting_seconds",
        "Seconds since the longest-waiting ready task was enqueued (0 when none).",
        labels=["queue"],
    )
    rows: dict[str, tuple[int, datetime.datetime | None]] = dict.fromkeys(_task_queue_names(), (0, None))
    if settings.TASKS.get("default", {}).get("BACKEND") == RQ_BACKEND:
        rows.update(_rq_waiting(list(rows)))
    else:
        from django_tasks_db.models import DBTaskResult

        ready = (
            DBTaskResult.objects.ready()
            .order_by()
            .values("queue_name")
            .annotate(n=Count("id"), since=Min("enqueued_at"))
        )
        rows.update({row["queue_name"]: (row["n"], row["since"]) for row in ready})
    for queue, (count, since) in sorted(rows.items()):
        waiting.add_metric([queue], count)
        oldest.add_metric([queue], _seconds_since(since, now))
    yield from (waiting, oldest)


def _rq_waiting(queue_names: list[str]) -> dict[str, tuple[int, datetime.datetime | None]]:
    import django_rq

    found: dict[str, tuple[int, datetime.datetime | None]] = {}
    for name in queue_names:
        queue = django_rq.get_queue(name)
        first = queue.get_jobs(0, 0)
        since = first[0].enqueued_at if first else None
        if since is not None and timezone.is_naive(since):
            since = since.replace(tzinfo=datetime.UTC)
        found[name] = (queue.count, since)
    return found


GAUGE_SOURCES = {"queue": queue_gauges, "outbox": outbox_gauges, "tasks": task_gauges}


class LoketCollector(Collector):
    """Loket's gauges, read from the database (or Redis) on every scrape; see the module's docstring."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        now = timezone.now()
        up = GaugeMetricFamily(
            "loket_gauges_up", "1 when the source of Loket's gauges could be read on this scrape.", labels=["source"]
        )
        for name, source in GAUGE_SOURCES.items():
            try:
                families = list(source(now))
            except (DatabaseError, RedisError, OSError) as error:
                logger.warning("metrics: could not read %s: %s", name, error.__class__.__name__)
                up.add_metric([name], 0)
                continue
            up.add_metric([name], 1)
            yield from families
        yield up


# --- The view ---------------------------------------------------------------------------------


def multiprocess_mode() -> bool:
    return bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


def process_registry() -> Any:
    """django-prometheus's figures: this process's, or every worker's in multiprocess mode."""
    if multiprocess_mode():
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return registry
    return prometheus_client.REGISTRY


def loket_registry() -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(LoketCollector())
    return registry


@require_safe
@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus's text format: the processes' counters, then Loket's gauges."""
    if not scrape_allowed(request):
        return HttpResponseForbidden("Forbidden", content_type="text/plain")
    body = prometheus_client.generate_latest(process_registry()) + prometheus_client.generate_latest(loket_registry())
    return HttpResponse(body, content_type=prometheus_client.CONTENT_TYPE_LATEST)

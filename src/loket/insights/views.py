"""The manager's dashboard: the figures of a period beside those of the period before, in words,
charts and tables, each downloadable as CSV.

For managers and administrators (``selectors.INSIGHTS_ROLES``; other staff get 403, another
organisation or location is a 404). A GET form: ``?figure=<name>&format=csv`` downloads one
figure's table with the same filters. Bad input shows the message next to its field and computes
nothing. The selectors compute every figure; this module only turns them into words, tables and
server-drawn SVG charts (no JavaScript). It never writes.
"""

from __future__ import annotations

import csv
import datetime
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format, number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from loket.appointments.availability import TIMEZONE
from loket.appointments.models import CapacitySession
from loket.appointments.selectors import availability_waiting_times
from loket.catalog.models import Service
from loket.core.charts import Chart, Label, Rect, bar_chart
from loket.core.db import reading_from_replica
from loket.core.i18n import translated
from loket.core.spreadsheet import spreadsheet_cell
from loket.feedback.selectors import SurveySummary, survey_summary
from loket.insights import selectors
from loket.insights.figures import Distribution, change
from loket.insights.forms import DashboardForm, defaults
from loket.organisations.models import Location, Organisation
from loket.organisations.selectors import MANAGER_ROLES, staff_organisation_ids

View = Callable[..., HttpResponseBase]
SHADES = 4  # shades of the heat map's cells, besides "none"


def _clock() -> datetime.datetime:
    """Now (a seam: tests look at a fixed day without moving the whole process's clock)."""
    return timezone.now()


def manager_required(view: View) -> View:
    """Logged in (else the login page) and a manager or administrator somewhere (else 403)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not staff_organisation_ids(user=request.user, roles=MANAGER_ROLES):
            raise PermissionDenied
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapper


# --- Words for numbers ---------------------------------------------------------------------------


def _count(value: float | None, decimals: int = 0) -> str:
    if value is None:
        return _("no data")
    return number_format(value, decimals, force_grouping=True)


def _share(value: float | None) -> str:
    if value is None:
        return _("no data")
    return _("%(percent)s %%") % {"percent": number_format(value * 100, 1)}


def _minutes(seconds: float | None) -> str:
    if seconds is None:
        return _("no data")
    return _("%(minutes)s min") % {"minutes": number_format(seconds / 60, 1)}


def _raw(value: float | None, decimals: int = 0) -> str:
    """A number for the CSV: a point for decimals, nothing when there is none."""
    if value is None:
        return ""
    return f"{value:.{decimals}f}"


def _raw_share(value: float | None) -> str:
    return _raw(value * 100 if value is not None else None, 1)


@dataclass(frozen=True)
class Change:
    arrow: str  # "↑", "↓", "=" or "" (shown beside the words, never instead of them)
    words: str

    def __str__(self) -> str:
        return f"{self.arrow} {self.words}".strip()


def _change(current: float | None, previous: float | None, kind: str) -> Change:
    """The change from the previous period in plain words: counts and durations relative, shares
    and scores in points (a share going from 10 % to 12 % is "2 points higher", not "20 % more")."""
    if current is None or previous is None:
        return Change("", _("cannot be compared"))
    if kind in ("share", "score"):
        difference = (current - previous) * (100 if kind == "share" else 1)
        if abs(difference) < 0.05:
            return Change("=", _("about the same"))
        points = number_format(abs(difference), 1)
        if kind == "share":
            text = _("%(points)s points higher") if difference > 0 else _("%(points)s points lower")
        else:
            text = _("%(points)s higher") if difference > 0 else _("%(points)s lower")
        return Change("↑" if difference > 0 else "↓", text % {"points": points})
    relative = change(current, previous)
    if relative is None:
        return Change("↑", _("none in the previous period")) if current else Change("=", _("about the same"))
    if abs(relative) < 0.005:
        return Change("=", _("about the same"))
    percent = number_format(abs(relative) * 100, 0)
    if kind == "duration":
        text = _("%(percent)s %% longer") if relative > 0 else _("%(percent)s %% shorter")
    else:
        text = _("%(percent)s %% more") if relative > 0 else _("%(percent)s %% less")
    return Change("↑" if relative > 0 else "↓", text % {"percent": percent})


# --- Tables and charts ------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    text: str
    raw: str  # what the CSV gets
    change: Change | None = None
    shade: int | None = None  # heat-map cells: 0 (none) to SHADES


@dataclass(frozen=True)
class Row:
    header: Cell
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[str, ...]  # the first one heads the row headers
    rows: tuple[Row, ...]


def _cell(value: float | None, kind: str = "count", decimals: int = 0) -> Cell:
    if kind == "share":
        return Cell(_share(value), _raw_share(value))
    if kind == "duration":
        return Cell(_minutes(value), _raw(value / 60 if value is not None else None, 2))
    if kind in ("score", "per_day"):
        decimals = 1
    return Cell(_count(value, decimals), _raw(value, decimals))


def _change_cell(current: float | None, previous: float | None, kind: str) -> Cell:
    moved = _change(current, previous, kind)
    return Cell(moved.words, str(moved), change=moved)


def _text(text: str) -> Cell:
    return Cell(text, text)


def column_chart(title: str, items: Sequence[tuple[str, float]], value_text: Callable[[float], str]) -> Chart:
    """Vertical bars (weekdays, hours, scores, days), each with its value on top when there is room."""
    width, top, bottom, side = 720, 24, 34, 8
    height = 240
    plot = height - top - bottom
    n = max(1, len(items))
    slot = (width - 2 * side) / n
    peak = max((value for _label, value in items), default=0) or 1
    bars, labels = [], []
    every = max(1, math.ceil(n / 12))
    for i, (label, value) in enumerate(items):
        h = plot * value / peak
        x = side + i * slot + slot * 0.15
        bars.append(Rect(round(x, 1), round(top + plot - h, 1), round(slot * 0.7, 1), round(h, 1)))
        centre = round(side + i * slot + slot / 2, 1)
        if n <= 31:
            labels.append(Label(centre, round(top + plot - h - 5, 1), value_text(value)))
        if i % every == 0:
            labels.append(Label(centre, height - bottom + 18, label))
    if n > 31:
        labels.append(Label(side, top - 8, _("Highest: %(value)s") % {"value": value_text(peak)}, "start"))
    return Chart(title, width, height, tuple(bars), tuple(labels), (side, top + plot, width - side, top + plot))


@dataclass
class Figure:
    name: str
    title: str
    lines: list[str] = field(default_factory=list)  # the figure in plain words
    highlights: list[tuple[str, str, Change]] = field(default_factory=list)  # label, value, change
    chart: Chart | None = None
    table: Table | None = None
    heat: Table | None = None  # the heat map: a table whose cells are shaded
    table_folded: bool = False  # long tables sit in a <details> below the chart
    empty: str = ""  # said instead of a chart when there is nothing to show
    csv_url: str = ""


def _weekday_names() -> list[str]:
    return [capfirst(str(WEEKDAYS[day])) for day in range(7)]


def _hour(hour: int) -> str:
    return f"{hour:02d}:00"


def _hour_span(*rows: Sequence[int]) -> range:
    hours = [h for counts in rows for h, n in enumerate(counts) if n]
    if not hours:
        return range(8, 18)
    return range(min(hours), max(hours) + 1)


def _compare_table(caption: str, rows: Sequence[tuple[str, float | None, float | None, str]]) -> Table:
    return Table(
        caption,
        (_("Figure"), _("This period"), _("Previous period"), _("Change")),
        tuple(
            Row(_text(label), (_cell(now, kind), _cell(before, kind), _change_cell(now, before, kind)))
            for label, now, before, kind in rows
        ),
    )


# --- The figures ------------------------------------------------------------------------------


def _summary(board: selectors.Dashboard, satisfaction: tuple[SurveySummary, SurveySummary]) -> Figure:
    now, before = board.current, board.previous
    rows = [
        (_("Visitors a day"), now.visitors.per_day, before.visitors.per_day, "per_day"),
        (_("Visitors in all"), now.visitors.visitors, before.visitors.visitors, "count"),
        (_("Share by appointment"), now.visitors.appointment_share, before.visitors.appointment_share, "share"),
        (_("Typical wait of walk-in visitors (median)"), now.waiting.walk_in.median, before.waiting.walk_in.median,
         "duration"),
        (_("Late for their appointment"), now.appointments.late_rate, before.appointments.late_rate, "share"),
        (_("Did not show up for their appointment"), now.appointments.no_show_rate, before.appointments.no_show_rate,
         "share"),
        (_("Calls a day"), now.calls.per_day, before.calls.per_day, "per_day"),
        (_("Resolved at first contact"), now.first_contact.rate, before.first_contact.rate, "share"),
        (_("Satisfaction score (0 to 10)"), satisfaction[0].mean, satisfaction[1].mean, "score"),
    ]  # fmt: skip
    table = _compare_table(_("Key figures, this period and the previous one"), rows)
    figure = Figure("summary", _("At a glance"), table=table)
    for index, (label, current, previous, kind) in enumerate(rows):
        if index == 1:  # the total is in the table; a day's number reads at a glance
            continue
        value = _count(current, 1) if kind in ("per_day", "score") else (
            _minutes(current) if kind == "duration" else _share(current))  # fmt: skip
        figure.highlights.append((label, value, _change(current, previous, kind)))
    return figure


def _visitors(board: selectors.Dashboard) -> Figure:
    now, before = board.current.visitors, board.previous.visitors
    figure = Figure("visitors", _("Visitors a day"), table_folded=True)
    figure.lines.append(
        _("On the %(days)s days the counters served visitors, %(count)s visitors came a day.")
        % {"days": _count(now.days_open), "count": _count(now.per_day, 1)}
    )
    figure.lines.append(
        _("Previous period: %(count)s a day (%(change)s).")
        % {"count": _count(before.per_day, 1), "change": _change(now.per_day, before.per_day, "count")}
    )
    if not now.by_day:
        figure.empty = _("No visitors were served in this period.")
    else:
        figure.chart = column_chart(
            _("Visitors each day of the period"),
            [(date_format(day, "j/n"), float(n)) for day, n in now.by_day],
            lambda v: _count(v),
        )
    figure.table = Table(
        _("Visitors each day of the period"),
        (_("Day"), _("Visitors")),
        tuple(Row(Cell(date_format(day, "D j F Y"), day.isoformat()), (_cell(n),)) for day, n in now.by_day),
    )
    return figure


def _channels(board: selectors.Dashboard) -> Figure:
    now, before = board.current.visitors, board.previous.visitors
    figure = Figure("channels", _("By appointment or walk-in"))
    if now.visitors:
        figure.lines.append(
            _("%(share)s of the visitors came by appointment, %(walk_in)s without one.")
            % {"share": _share(now.appointment_share), "walk_in": _share(now.walk_in_share)}
        )
        figure.chart = bar_chart(
            _("Share of the visitors by appointment and walk-in"),
            [(_("By appointment"), (now.appointment_share or 0) * 100), (_("Walk-in"), (now.walk_in_share or 0) * 100)],
            lambda v: _share(v / 100),
        )
    else:
        figure.empty = _("No visitors were served in this period.")
    figure.table = Table(
        _("Visitors by appointment and walk-in"),
        (_("How they came"), _("Visitors"), _("Share"), _("Previous period"), _("Change")),
        (
            Row(_text(_("By appointment")), (_cell(now.by_appointment), _cell(now.appointment_share, "share"),
                _cell(before.appointment_share, "share"),
                _change_cell(now.appointment_share, before.appointment_share, "share"))),
            Row(_text(_("Walk-in")), (_cell(now.walk_in), _cell(now.walk_in_share, "share"),
                _cell(before.walk_in_share, "share"), _change_cell(now.walk_in_share, before.walk_in_share, "share"))),
        ),
    )  # fmt: skip
    return figure


def _distribution_row(label: str, now: Distribution, before: Distribution) -> Row:
    return Row(
        _text(label),
        (
            _cell(now.count),
            _cell(now.mean, "duration"),
            _cell(now.median, "duration"),
            _cell(now.p90, "duration"),
            _cell(before.median, "duration"),
            _change_cell(now.median, before.median, "duration"),
        ),
    )


def _distribution_columns(first: str, counted: str) -> tuple[str, ...]:
    return (
        first,
        counted,
        _("Mean"),
        _("Median (half waited less)"),
        _("90th percentile (9 in 10 less)"),
        _("Median, previous period"),
        _("Change of the median"),
    )


def _waiting(board: selectors.Dashboard) -> Figure:
    now, before = board.current.waiting, board.previous.waiting
    previous = {queue.queue_id: queue for queue in before.queues}
    figure = Figure("waiting", _("Waiting time at the counter"))
    rows: list[Row] = []
    bars: list[tuple[str, float]] = []
    for queue in now.queues:
        old = previous.get(queue.queue_id)
        walk_in = _("%(queue)s, walk-in") % {"queue": queue.queue}
        by_appointment = _("%(queue)s, by appointment") % {"queue": queue.queue}
        for label, current, earlier in (
            (walk_in, queue.walk_in, old.walk_in if old else None),
            (by_appointment, queue.appointment, old.appointment if old else None),
        ):
            if current.count:
                rows.append(_distribution_row(label, current, earlier or Distribution(0, None, None, None)))
                bars.append((label, current.median or 0.0))
    rows.append(_distribution_row(_("Every queue, walk-in"), now.walk_in, before.walk_in))
    rows.append(_distribution_row(_("Every queue, by appointment"), now.appointment, before.appointment))
    if now.walk_in.count:
        figure.lines.append(
            _("Walk-in visitors waited %(median)s typically; 9 in 10 waited less than %(p90)s.")
            % {"median": _minutes(now.walk_in.median), "p90": _minutes(now.walk_in.p90)}
        )
    if now.appointment.count:
        figure.lines.append(
            _("Visitors with an appointment waited %(median)s typically after their time; 9 in 10 less than %(p90)s.")
            % {"median": _minutes(now.appointment.median), "p90": _minutes(now.appointment.p90)}
        )
    if bars:
        figure.chart = bar_chart(_("Typical waiting time (median) per queue"), bars, _minutes_of_seconds)
    else:
        figure.empty = _("Nobody was called at a counter in this period.")
    figure.table = Table(
        _("Waiting time at the counter per queue, in minutes"),
        _distribution_columns(_("Queue"), _("Visitors called")),
        tuple(rows),
    )
    return figure


def _minutes_of_seconds(value: float) -> str:
    return _minutes(value)


def _service_times(board: selectors.Dashboard) -> Figure:
    now, before = board.current.service_times, board.previous.service_times
    previous = {row.service_id: row.time for row in before.services}
    figure = Figure("service_times", _("Time at the desk per service"))
    rows, bars = [], []
    for row in now.services:
        label = row.service or _("General question (no service)")
        rows.append(_distribution_row(label, row.time, previous.get(row.service_id, Distribution(0, None, None, None))))
        bars.append((label, row.time.median or 0.0))
    rows.append(_distribution_row(_("Every service"), now.overall, before.overall))
    if bars:
        figure.lines.append(
            _("A visit at the desk took %(median)s typically.") % {"median": _minutes(now.overall.median)}
        )
        figure.chart = bar_chart(_("Typical time at the desk (median) per service"), bars, _minutes_of_seconds)
    else:
        figure.empty = _("No visitor was served at a desk in this period.")
    figure.table = Table(
        _("Time at the desk per service, in minutes"),
        _distribution_columns(_("Service"), _("Visitors served")),
        tuple(rows),
    )
    return figure


def _digital_waiting(
    *, organisation: Organisation, location: Location | None, now: datetime.datetime, lang: str
) -> Figure:
    figure = Figure("digital_waiting", _("Waiting time for an appointment"))
    figure.lines.append(
        _(
            "Working days from today until the first free slot when someone books online. "
            "This is measured now, not over the period."
        )
    )
    locations = list(
        Location.objects.filter(organisation=organisation, **({"pk": location.pk} if location else {})).order_by("slug")
    )
    service_ids = CapacitySession.objects.filter(location__in=locations).values_list("services", flat=True)
    services = list(Service.objects.filter(pk__in=service_ids).order_by("slug"))
    rows: list[Row] = []
    bars: list[tuple[str, float]] = []
    if services and locations:
        titles = {s.slug: translated(s, "title", lang).text or s.slug for s in services}
        names = {loc.slug: str(loc.name) for loc in locations}
        for waiting in availability_waiting_times(services=services, locations=locations, now=now):
            label = titles.get(waiting.service, waiting.service)
            if len(locations) > 1:
                label = f"{label} ({names.get(waiting.location, waiting.location)})"
            first = waiting.first_free.start.astimezone(TIMEZONE) if waiting.first_free else None
            rows.append(
                Row(
                    _text(label),
                    (
                        _cell(waiting.working_days) if waiting.working_days is not None
                        else Cell(_("nothing free"), ""),
                        Cell(date_format(first, "D j F Y, H:i"), first.isoformat()) if first
                        else Cell(_("nothing free"), ""),
                    ),
                )
            )  # fmt: skip
            if waiting.working_days is not None:
                bars.append((label, float(waiting.working_days)))
    if bars:
        figure.chart = bar_chart(_("Working days until the first free slot per service"), bars, lambda v: _count(v))
    elif not rows:
        figure.empty = _("No service can be booked online here.")
    figure.table = Table(
        _("Waiting time for an appointment per service, today"),
        (_("Service"), _("Working days until the first free slot"), _("First free slot")),
        tuple(rows),
    )
    return figure


def _appointments(board: selectors.Dashboard) -> Figure:
    now, before = board.current.appointments, board.previous.appointments
    figure = Figure("appointments", _("Late and no-show"))
    if now.due:
        figure.lines.append(
            _("Of the %(due)s appointments due, %(late)s were late and %(no_show)s did not show up.")
            % {"due": _count(now.due), "late": _share(now.late_rate), "no_show": _share(now.no_show_rate)}
        )
        figure.chart = bar_chart(
            _("Share of the appointments late and not shown up"),
            [(_("Late"), (now.late_rate or 0) * 100), (_("Did not show up"), (now.no_show_rate or 0) * 100)],
            lambda v: _share(v / 100),
        )
    else:
        figure.empty = _("No appointment was due in this period.")
    figure.table = _compare_table(
        _("Late and no-show appointments"),
        [
            (_("Appointments due"), now.due, before.due, "count"),
            (_("Late"), now.late, before.late, "count"),
            (_("Did not show up"), now.no_show, before.no_show, "count"),
            (_("Share late"), now.late_rate, before.late_rate, "share"),
            (_("Share not shown up"), now.no_show_rate, before.no_show_rate, "share"),
        ],
    )
    return figure


def _calls(board: selectors.Dashboard) -> tuple[Figure, Figure]:
    now, before = board.current.calls, board.previous.calls
    names = _weekday_names()
    weekday = Figure("calls_weekday", _("Calls per weekday"))
    hour = Figure("calls_hour", _("Calls per hour"), table_folded=True)
    if now.calls:
        weekday.lines.append(
            _("%(count)s calls a day on the days with calls (previous period: %(before)s, %(change)s).")
            % {"count": _count(now.per_day, 1), "before": _count(before.per_day, 1),
               "change": _change(now.per_day, before.per_day, "count")}
        )  # fmt: skip
        if now.busiest_weekday is not None:
            weekday.lines.append(_("The busiest day: %(day)s.") % {"day": str(WEEKDAYS[now.busiest_weekday])})
        if now.peak_hour is not None:
            hour.lines.append(
                _("The busiest hour: %(start)s to %(end)s.")
                % {"start": _hour(now.peak_hour), "end": _hour((now.peak_hour + 1) % 24)}
            )
        weekday.chart = column_chart(
            _("Calls per weekday"), list(zip(names, map(float, now.by_weekday), strict=True)), lambda v: _count(v)
        )
    else:
        weekday.empty = hour.empty = _("No calls were logged in this period.")
    weekday.table = Table(
        _("Calls per weekday"),
        (_("Weekday"), _("This period"), _("Previous period"), _("Change")),
        tuple(
            Row(Cell(names[day], str(day + 1)), (_cell(now.by_weekday[day]), _cell(before.by_weekday[day]),
                _change_cell(now.by_weekday[day], before.by_weekday[day], "count")))
            for day in range(7)
        ),
    )  # fmt: skip
    span = _hour_span(now.by_hour, before.by_hour)
    if now.calls:
        hour.chart = column_chart(
            _("Calls per hour of the day"), [(_hour(h), float(now.by_hour[h])) for h in span], lambda v: _count(v)
        )
    hour.table = Table(
        _("Calls per hour of the day"),
        (_("Hour"), _("This period"), _("Previous period"), _("Change")),
        tuple(
            Row(_text(_hour(h)), (_cell(now.by_hour[h]), _cell(before.by_hour[h]),
                _change_cell(now.by_hour[h], before.by_hour[h], "count")))
            for h in span
        ),
    )  # fmt: skip
    return weekday, hour


def _shade(count: int, peak: int) -> int:
    if count <= 0 or peak <= 0:
        return 0
    return max(1, min(SHADES, math.ceil(count / peak * SHADES)))


def _heat_map(board: selectors.Dashboard) -> Figure:
    heat = board.current.heat_map
    names = _weekday_names()
    span = _hour_span(*heat.cells)
    peak = max((n for row in heat.cells for n in row), default=0)
    figure = Figure("heat_map", _("Visits by weekday and hour"))
    if heat.total:
        busiest = max(((d, h) for d in range(7) for h in range(24)), key=lambda dh: heat.cell(*dh))
        figure.lines.append(
            _("The busiest hour at the counters: %(day)s from %(start)s.")
            % {"day": str(WEEKDAYS[busiest[0]]), "start": _hour(busiest[1])}
        )
    else:
        figure.empty = _("No visitors were served in this period.")
    figure.heat = Table(
        _("Visitors by weekday (rows) and hour of arrival (columns), this period"),
        (_("Weekday"), *(_hour(h) for h in span)),
        tuple(
            Row(
                Cell(names[day], str(day + 1)),
                tuple(Cell(_count(heat.cell(day, h)), str(heat.cell(day, h)), shade=_shade(heat.cell(day, h), peak))
                      for h in span),
            )
            for day in range(7)
        ),
    )  # fmt: skip
    return figure


def _first_contact(board: selectors.Dashboard) -> Figure:
    now, before = board.current.first_contact, board.previous.first_contact
    figure = Figure("first_contact", _("Resolved at first contact"))
    if now.contacts:
        figure.lines.append(
            _("%(share)s of the %(count)s questions (phone, e-mail, chat, counter) were answered at once.")
            % {"share": _share(now.rate), "count": _count(now.contacts)}
        )
        figure.chart = bar_chart(
            _("Share of the questions answered at once"),
            [(_("This period"), (now.rate or 0) * 100), (_("Previous period"), (before.rate or 0) * 100)],
            lambda v: _share(v / 100),
        )
    else:
        figure.empty = _("No questions were logged in this period.")
    figure.table = _compare_table(
        _("Questions resolved at first contact"),
        [
            (_("Questions"), now.contacts, before.contacts, "count"),
            (_("Answered at once"), now.answered, before.answered, "count"),
            (_("Share answered at once"), now.rate, before.rate, "share"),
        ],
    )
    return figure


def _overdue(board: selectors.Dashboard) -> Figure:
    now = board.current.overdue
    previous = {row.department_id: row for row in board.previous.overdue}
    figure = Figure("overdue", _("Requests overdue per department"))
    if now:
        figure.lines.append(
            _("%(count)s requests were overdue: open past their due date at the end of the period, or closed late.")
            % {"count": _count(sum(row.overdue for row in now))}
        )
        figure.chart = bar_chart(
            _("Requests overdue per department"), [(row.department, float(row.overdue)) for row in now],
            lambda v: _count(v),
        )  # fmt: skip
    else:
        figure.empty = _("No request was overdue in this period.")
    rows = []
    for row in now:
        old = previous.get(row.department_id)
        before = old.overdue if old else 0
        rows.append(Row(_text(row.department), (_cell(row.open_overdue), _cell(row.closed_late), _cell(row.overdue),
                        _cell(before), _change_cell(row.overdue, before, "count"))))  # fmt: skip
    figure.table = Table(
        _("Requests overdue per department"),
        (_("Department"), _("Open past the due date"), _("Closed late"), _("Overdue in all"),
         _("Previous period"), _("Change")),
        tuple(rows),
    )  # fmt: skip
    return figure


def _satisfaction(now: SurveySummary, before: SurveySummary) -> Figure:
    figure = Figure("satisfaction", _("Satisfaction"))
    if now.count:
        figure.lines.append(
            _("%(count)s answers gave a mean score of %(score)s out of 10 (previous period: %(before)s, %(change)s).")
            % {"count": _count(now.count), "score": _count(now.mean, 1), "before": _count(before.mean, 1),
               "change": _change(now.mean, before.mean, "score")}
        )  # fmt: skip
        figure.chart = column_chart(
            _("Answers per score from 0 to 10"),
            [(str(score), float(n)) for score, n in enumerate(now.distribution)],
            lambda v: _count(v),
        )
    else:
        figure.empty = _("Nobody answered a survey in this period.")
    figure.table = Table(
        _("Answers per score from 0 to 10"),
        (_("Score"), _("This period"), _("Previous period"), _("Change")),
        tuple(
            Row(_text(str(score)), (_cell(now.distribution[score]), _cell(before.distribution[score]),
                _change_cell(now.distribution[score], before.distribution[score], "count")))
            for score in range(11)
        ),
    )  # fmt: skip
    return figure


def _suggestions(board: selectors.Dashboard) -> Figure:
    now, before = board.current.suggestions, board.previous.suggestions
    figure = Figure("suggestions", _("Combined visits"))
    if now.offered:
        figure.lines.append(
            _("While booking, %(offered)s times another service was suggested for the same visit; %(share)s accepted.")
            % {"offered": _count(now.offered), "share": _share(now.rate)}
        )
        figure.chart = bar_chart(
            _("Combined-visit suggestions offered and accepted"),
            [(_("Offered"), float(now.offered)), (_("Accepted"), float(now.accepted))],
            lambda v: _count(v),
        )
    else:
        figure.empty = _("No combined visit was suggested in this period.")
    figure.table = _compare_table(
        _("Combined-visit suggestions"),
        [
            (_("Offered"), now.offered, before.offered, "count"),
            (_("Accepted"), now.accepted, before.accepted, "count"),
            (_("Share accepted"), now.rate, before.rate, "share"),
        ],
    )
    return figure


def dashboard_figures(
    *,
    board: selectors.Dashboard,
    satisfaction: tuple[SurveySummary, SurveySummary],
    organisation: Organisation,
    location: Location | None,
    now: datetime.datetime,
    lang: str,
) -> list[Figure]:
    calls_weekday, calls_hour = _calls(board)
    return [
        _summary(board, satisfaction),
        _visitors(board),
        _channels(board),
        _heat_map(board),
        _waiting(board),
        _service_times(board),
        _digital_waiting(organisation=organisation, location=location, now=now, lang=lang),
        _appointments(board),
        calls_weekday,
        calls_hour,
        _first_contact(board),
        _overdue(board),
        _satisfaction(*satisfaction),
        _suggestions(board),
    ]


FIGURE_NAMES = (
    "summary", "visitors", "channels", "heat_map", "waiting", "service_times", "digital_waiting", "appointments",
    "calls_weekday", "calls_hour", "first_contact", "overdue", "satisfaction", "suggestions",
)  # fmt: skip


# --- The page ----------------------------------------------------------------------------------


@require_GET
@manager_required
def dashboard(request: HttpRequest) -> HttpResponseBase:
    """The dashboard of one organisation (and location) for a period, or one figure as CSV."""
    organisation_ids = staff_organisation_ids(user=request.user, roles=MANAGER_ROLES)
    organisations = list(Organisation.objects.filter(pk__in=organisation_ids).order_by("slug"))
    locations = list(Location.objects.filter(organisation_id__in=organisation_ids).order_by("organisation_id", "slug"))
    now = _clock()
    today = timezone.localdate(now)
    data: QueryDict | dict[str, str]
    data = request.GET if set(DashboardForm.base_fields) & set(request.GET) else defaults(organisation=organisations[0])
    if not data.get("organisation"):  # one organisation: the form does not ask
        data = data.copy()
        data["organisation"] = organisations[0].slug
    if data.get("organisation") not in {o.slug for o in organisations}:
        raise Http404(_("There is no such organisation among yours."))
    if data.get("location") and data.get("location") not in {loc.slug for loc in locations}:
        raise Http404(_("There is no such location among yours."))
    form = DashboardForm(data, organisations=organisations, locations=locations, today=today)
    context: dict[str, Any] = {"form": form}
    if not form.is_valid():
        return render(request, "insights/dashboard.html", context)
    organisation, location, start, end = form.selection()
    wanted = request.GET.get("figure")
    if request.GET.get("format") == "csv" and wanted not in FIGURE_NAMES:
        raise Http404(_("There is no such figure."))
    # The figures may be a few seconds behind: read them from the replica where there is one.
    with reading_from_replica():
        board = selectors.insights_dashboard(
            user=request.user, organisation=organisation, location=location, start=start, end=end
        )
        location_ids = [location.pk] if location is not None else None
        previous = board.current.period.previous()
        satisfaction = (
            survey_summary(organisation_ids=[organisation.pk], start=start, end=end, location_ids=location_ids),
            survey_summary(
                organisation_ids=[organisation.pk], start=previous.start, end=previous.end, location_ids=location_ids
            ),
        )
        lang = getattr(request, "LANGUAGE_CODE", "nl")
        figures = dashboard_figures(
            board=board, satisfaction=satisfaction, organisation=organisation, location=location, now=now, lang=lang
        )
    query = {name: form.data.get(name, "") for name in form.fields}
    for figure in figures:
        figure.csv_url = "?" + urlencode({**query, "figure": figure.name, "format": "csv"})
    if request.GET.get("format") == "csv":
        figure = next(f for f in figures if f.name == wanted)
        return _csv(figure, organisation=organisation, location=location, start=start, end=end)
    context.update(
        {
            "organisation": organisation,
            "location": location,
            "first_day": start,
            "last_day": end - datetime.timedelta(days=1),
            "previous_first_day": previous.start,
            "previous_last_day": previous.end - datetime.timedelta(days=1),
            "figures": figures,
            "shades": range(1, SHADES + 1),
        }
    )
    return render(request, "insights/dashboard.html", context)


def _csv(
    figure: Figure, *, organisation: Organisation, location: Location | None, start: datetime.date, end: datetime.date
) -> HttpResponse:
    table = figure.heat or figure.table
    place = location.slug if location is not None else organisation.slug
    last = end - datetime.timedelta(days=1)
    filename = f"dashboard-{place}-{start.isoformat()}-{last.isoformat()}-{figure.name.replace('_', '-')}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so that spreadsheet programs read the accents right
    writer = csv.writer(response)
    if table is not None:
        writer.writerow([spreadsheet_cell(column) for column in table.columns])
        for row in table.rows:
            writer.writerow([spreadsheet_cell(value) for value in (row.header.raw, *(cell.raw for cell in row.cells))])
    return response


__all__ = ["FIGURE_NAMES", "dashboard", "dashboard_figures"]

"""The manager's planning page: the week's forecast beside the staff it needs, and the appointment capacity.

For managers and administrators (``selectors.PLANNING_ROLES``; other staff get 403, another
organisation's location is a 404). A GET form: the page is a read and its address can be shared or
bookmarked; ``?format=csv`` downloads the table. Bad input shows the message next to its field and
computes nothing. Beside the hour-by-hour plan (of the calls, of every queue together or of the
queue chosen) the page shows the walk-ins and desks per queue and the bookings expected per
service, each as a chart (server-drawn SVG, no JavaScript) followed by the same figures as a
table. The view stays thin: the selectors read and plan, the engines compute, this module only
turns the result into words and shapes for the front-office manager.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from loket.core.charts import bar_chart
from loket.core.errors import NotFound
from loket.core.i18n import current_language
from loket.planning import selectors
from loket.planning.forms import PlanningForm, defaults

View = Callable[..., HttpResponseBase]
LOAD_LEVELS = 4  # shades of the staffing cells, besides "none"


def _clock() -> datetime.datetime:
    """Now (a seam: tests plan a fixed week without moving the whole process's clock)."""
    return timezone.now()


def manager_required(view: View) -> View:
    """Logged in (else the login page) and a manager or administrator somewhere (else 403)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not selectors.planning_organisation_ids(user=request.user):
            raise DjangoPermissionDenied
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapper


@require_GET
@manager_required
def week(request: HttpRequest) -> HttpResponseBase:
    """The week plan of one location: form, table (or CSV), summary, factors, capacity advice."""
    locations = list(selectors.locations_for_manager(user=request.user))
    if not locations:
        return render(request, "planning/week.html", {"no_locations": True})
    now = _clock()
    today = timezone.localdate(now)
    fields = set(PlanningForm.base_fields)
    data: QueryDict | dict[str, str]
    data = request.GET if fields & set(request.GET) else defaults(location=locations[0], today=today)
    slug = data.get("location") or ""
    location = next((loc for loc in locations if loc.slug == slug), None)
    if slug and location is None:
        try:
            location = selectors.location_for_manager(user=request.user, slug=slug)
        except NotFound as exc:
            raise Http404(str(exc)) from exc
    queues = selectors.location_queues(location=location) if location is not None else []
    form = PlanningForm(data, locations=locations, queues=queues)
    context: dict[str, Any] = {"form": form}
    if not form.is_valid() or location is None:
        return render(request, "planning/week.html", context)

    arguments = form.plan_arguments()
    monday: datetime.date = arguments["monday"]
    context.update(_week_navigation(form, monday))
    context["location"] = location
    context["plan_for"] = arguments["plan_for"]
    try:
        plan = selectors.week_plan(location=location, today=today, **arguments)
    except selectors.NoHistory as no_history:
        context["no_history"] = True
        context["no_history_queue"] = no_history.queue
        plan = None
    except NotFound as exc:  # a queue gone since the form was drawn
        form.add_error("queue", str(exc))
        return render(request, "planning/week.html", context)
    except ValueError:
        form.add_error(None, _("These targets cannot be planned. Check the numbers and try again."))
        return render(request, "planning/week.html", context)
    if plan is not None and request.GET.get("format") == "csv":
        return _csv(plan)
    if plan is not None:
        context.update(_plan_context(plan, form))
    demand = selectors.booking_demand(location=location, monday=monday, today=today)
    context.update(_demand_context(demand))
    context["capacity"] = selectors.capacity_advice(
        location=location, monday=monday, target_working_days=float(form.cleaned_data["target_days"]), now=now
    )
    return render(request, "planning/week.html", context)


def _week_navigation(form: PlanningForm, monday: datetime.date) -> dict[str, Any]:
    def with_week(day: datetime.date, **extra: str) -> str:
        query = {name: form.data.get(name, "") for name in form.fields}
        query["week"] = selectors.iso_week(day)
        query.update(extra)
        return "?" + urlencode(query)

    sunday = monday + datetime.timedelta(days=6)
    return {
        "monday": monday,
        "sunday": sunday,
        "week_label": selectors.iso_week(monday),
        "previous_url": with_week(monday - datetime.timedelta(weeks=1)),
        "next_url": with_week(monday + datetime.timedelta(weeks=1)),
        "csv_url": with_week(monday, format="csv"),
    }


def _load(needed: int, peak: int) -> int:
    """The shade of a staffing cell: 0 for none, then 1 to ``LOAD_LEVELS`` by its share of the peak."""
    if needed <= 0 or peak <= 0:
        return 0
    return max(1, min(LOAD_LEVELS, round(needed / peak * LOAD_LEVELS)))


def _percent(share: float) -> str:
    return _("%(percent)s %%") % {"percent": number_format(share * 100, 0)}


def _plan_context(plan: selectors.WeekPlanResult, form: PlanningForm) -> dict[str, Any]:
    calls = plan.plan_for == "calls"
    rows = [
        {
            "hour": hour,
            "label": f"{hour:02d}:00",
            "cells": [
                {"forecast": day.hours[hour].forecast, "needed": day.hours[hour].needed,
                 "load": _load(day.hours[hour].needed, plan.peak_needed)}
                for day in plan.days
            ],
        }
        for hour in plan.busy_hours
    ]  # fmt: skip
    context = {
        "plan": plan,
        "rows": rows,
        "summary": _summary(plan, form),
        "factors": _factors(plan),
        "needed_label": _("Agents") if calls else _("Desks"),
        "forecast_label": _("Calls") if calls else _("Visitors"),
        "load_levels": range(1, LOAD_LEVELS + 1),
    }
    if plan.queues:
        context.update(_queues_context(plan))
    return context


# --- charts --------------------------------------------------------------------------------------


def _other_language(lang: str) -> str:
    """``lang`` when a name is not in the page's language (for its ``lang`` attribute), else ""."""
    return lang if lang != current_language() else ""


def _count(value: float) -> str:
    return number_format(value, 0, force_grouping=True)


def _week_span(monday: datetime.date) -> dict[str, str]:
    return {
        "first": date_format(monday, "j F"),
        "last": date_format(monday + datetime.timedelta(days=6), "j F Y"),
    }


# --- per queue and per service ---------------------------------------------------------------------


def _queues_context(plan: selectors.WeekPlanResult) -> dict[str, Any]:
    """The walk-ins and desks of every queue, and of them all together (the desks added up: one desk, one queue)."""
    span = _week_span(plan.monday)
    together = [sum(hours) for hours in zip(*([h.needed for h in q.hours] for q in plan.queues), strict=True)]
    rows = [
        {
            "slug": q.slug,
            "name": q.name,
            "lang": _other_language(q.name_lang),
            "chosen": plan.queue is not None and plan.queue.slug == q.slug,
            "has_history": q.has_history,
            "days": [day.forecast for day in q.days],
            "week": q.forecast_total,
            "desk_hours": q.desk_hours,
            "peak": q.peak_desks,
        }
        for q in plan.queues
    ]
    return {
        "queue_chart": bar_chart(
            _("Visitors expected per queue, %(first)s to %(last)s") % span,
            [(q.name, q.forecast_total) for q in plan.queues],
            _count,
        ),
        "queue_rows": rows,
        "queue_total": {
            "days": [sum(day) for day in zip(*(row["days"] for row in rows), strict=True)],
            "week": sum(q.forecast_total for q in plan.queues),
            "desk_hours": sum(q.desk_hours for q in plan.queues),
            "peak": max(together, default=0),
        },
        "queue_caption": _("Visitors expected per queue and day, and the desks they need, %(first)s to %(last)s")
        % span,
    }


def _demand_context(demand: selectors.BookingDemandResult) -> dict[str, Any]:
    span = _week_span(demand.monday)
    return {
        "demand": demand,
        "demand_rows": [
            {
                "title": row.title,
                "lang": _other_language(row.title_lang),
                "has_history": row.has_history,
                "days": row.days,
                "week": row.week_total,
            }
            for row in demand.rows
        ],
        "demand_days": [demand.monday + datetime.timedelta(days=d) for d in range(7)],
        "demand_chart": bar_chart(
            _("Bookings expected per service, %(first)s to %(last)s") % span,
            [(row.title, row.week_total) for row in demand.rows],
            _count,
        )
        if demand.rows
        else None,
        "demand_caption": _("Bookings expected per service and day, %(first)s to %(last)s") % span,
    }


def _summary(plan: selectors.WeekPlanResult, form: PlanningForm) -> list[str]:
    data = form.cleaned_data
    total = number_format(plan.forecast_total, 0, force_grouping=True)
    lines: list[str] = []
    if plan.plan_for == "calls":
        lines.append(_("About %(count)s calls are expected this week.") % {"count": total})
        lines.append(
            _("Answering them takes %(hours)s staff hours in all.")
            % {"hours": number_format(plan.staff_hours, 0, force_grouping=True)}
        )
    else:
        if plan.queue is not None:
            lines.append(
                _("About %(count)s visitors are expected at %(queue)s this week.")
                % {"count": total, "queue": plan.queue.name}
            )
        else:
            lines.append(_("About %(count)s visitors are expected at the counters this week.") % {"count": total})
        lines.append(
            _("Serving them takes %(hours)s desk hours in all.")
            % {"hours": number_format(plan.needed_hours, 0, force_grouping=True)}
        )
        if data["shrinkage"]:
            lines.append(
                _("With the absence margin, plan %(hours)s staff hours.")
                % {"hours": number_format(plan.staff_hours, 0, force_grouping=True)}
            )
    if plan.peak_start is not None:
        when = {
            "day": date_format(plan.peak_start, "l j F"),
            "time": plan.peak_start.strftime("%H:%M"),
            "count": plan.peak_needed,
        }
        if plan.plan_for == "calls":
            text = ngettext(
                "The busiest hour needs %(count)s agent: %(day)s at %(time)s.",
                "The busiest hour needs %(count)s agents: %(day)s at %(time)s.",
                plan.peak_needed,
            )
        else:
            text = ngettext(
                "The busiest hour needs %(count)s open desk: %(day)s at %(time)s.",
                "The busiest hour needs %(count)s open desks: %(day)s at %(time)s.",
                plan.peak_needed,
            )
        lines.append(text % when)
    if plan.service_level is not None:
        lines.append(
            _("With these agents, %(percent)s of the calls are answered within %(seconds)s seconds.")
            % {"percent": _percent(plan.service_level), "seconds": data["call_seconds"]}
        )
    if plan.mean_wait_seconds is not None:
        lines.append(
            _("With these desks, visitors wait %(minutes)s minutes on average.")
            % {"minutes": number_format(plan.mean_wait_seconds / 60, 1)}
        )
    return lines


def _factors(plan: selectors.WeekPlanResult) -> list[str]:
    lines: list[str] = []
    weekly = plan.forecast_total or 1.0
    trend = plan.weekly_trend
    count = number_format(abs(trend), 0 if abs(trend) >= 10 else 1)
    if abs(trend) < 0.01 * weekly:
        lines.append(_("The number stays about the same from week to week."))
    elif trend > 0:
        lines.append(_("The number grows by about %(count)s a week.") % {"count": count})
    else:
        lines.append(_("The number falls by about %(count)s a week.") % {"count": count})
    lines.append(
        _("On a public holiday, expect %(percent)s of a usual day.") % {"percent": _percent(plan.holiday_factor)}
    )
    lines.append(
        _("In the school holidays, expect %(percent)s of a usual day.")
        % {"percent": _percent(plan.school_holiday_factor)}
    )
    lines.append(
        _("Based on the history from %(first)s to %(last)s.")
        % {"first": date_format(plan.history_first_day, "j F Y"), "last": date_format(plan.history_last_day, "j F Y")}
    )
    return lines


def _csv(plan: selectors.WeekPlanResult) -> HttpResponse:
    calls = plan.plan_for == "calls"
    queue = f"-{plan.queue.slug}" if plan.queue is not None else ""
    filename = f"planning-{plan.location.slug}-{selectors.iso_week(plan.monday)}-{plan.plan_for}{queue}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so that spreadsheet programs read the accents right
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Date"),
            _("Hour"),
            _("Calls forecast") if calls else _("Visitors forecast"),
            _("Agents needed") if calls else _("Desks needed"),
        ]
    )
    for hour in plan.hours:
        start = hour.start
        writer.writerow([start.date().isoformat(), start.strftime("%H:%M"), f"{hour.forecast:.2f}", hour.needed])
    return response

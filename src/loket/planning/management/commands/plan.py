"""``loket plan staffing|simulate``: agents and desks needed, and a simulated day at the counters.

``staffing`` with ``--arrivals`` answers for one interval (Erlang C, ``planning.erlang``); with
``--location`` and ``--week`` it plans the week through ``planning.selectors.week_plan`` (the
stored hourly history of that location: inbound phone contacts of its organisation, or the
walk-in tickets of each of its queues, each queue with desks of its own; forecast by
``planning.forecast``, each hour planned) and adds the bookings expected per service
(``selectors.booking_demand``). ``--queue`` plans one queue of the counters instead of all of
them together. ``--json`` prints one object per hour, as before (``start``, ``forecast``,
``agents`` or ``desks``), now with ``queues`` (counters: per queue slug, its ``forecast`` and
``desks``) and ``services`` (per service slug, the bookings expected that hour). ``simulate``
runs ``planning.simulation`` on a day modelled on the Huis van de Mechelaar (about 350 visitors,
2/3 by appointment) with a progress bar. This command holds no formula: it parses, calls the
selector or the engines and prints. Bad input is a ``CommandError`` (exit code 2 for the argument mistakes below).
"""

from __future__ import annotations

import datetime
import json
import math
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from loket.planning import erlang, simulation

if TYPE_CHECKING:
    from loket.planning.selectors import BookingDemandResult, QueuePlan, WeekPlanResult

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Staffing by Erlang C (one interval, or a week from the forecast) and a simulated day at the counters."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="{staffing,simulate}", required=True)
        staffing = actions.add_parser(
            "staffing",
            help="agents (or open desks) needed for one interval, or each hour of a week",
            description="One interval: give --arrivals. A week: give --location and --week; the hourly "
            "history of that location is forecast and each hour planned.",
        )
        staffing.add_argument("--arrivals", type=float, help="calls (or visitors) in the interval")
        staffing.add_argument("--interval-minutes", type=float, default=30.0, help="interval length (default 30)")
        staffing.add_argument(
            "--handle-seconds", type=float, default=180.0, help="average handle (service) time in seconds (default 180)"
        )
        staffing.add_argument(
            "--target-level", type=float, default=0.8, help="share answered within the target seconds (default 0.8)"
        )
        staffing.add_argument(
            "--target-seconds", type=float, default=20.0, help="answered within this many seconds (default 20)"
        )
        staffing.add_argument("--max-occupancy", type=float, default=None, help="at most this busy, e.g. 0.85")
        staffing.add_argument(
            "--shrinkage",
            type=float,
            default=0.0,
            help="share of paid time not on the phone (breaks, training, absence), e.g. 0.3; 'agents' then "
            "counts the staff to roster",
        )
        staffing.add_argument("--json", action="store_true", help="print JSON")
        staffing.add_argument("--location", metavar="SLUG", help="plan a week for this location")
        staffing.add_argument("--week", metavar="YYYY-Www", help="the ISO week to plan, e.g. 2026-W10")
        staffing.add_argument(
            "--for",
            dest="plan_for",
            choices=("calls", "counters"),
            default="calls",
            help="calls: inbound phone contacts of the location's organisation; counters: tickets issued at "
            "the location (default calls)",
        )
        staffing.add_argument(
            "--history-weeks", type=int, default=52, help="weeks of history to forecast from (default 52)"
        )
        staffing.add_argument(
            "--queue",
            metavar="SLUG",
            help="with --for counters: plan this queue of the location only (default: every queue, each with "
            "desks of its own, and their total)",
        )

        simulate = actions.add_parser(
            "simulate",
            help="simulate a day at the counters many times and report the waits",
            description="A day modelled on the Huis van de Mechelaar: walk-ins at the quick counter, "
            "appointments at the theme counters, 16 %% late, 7 %% no-show.",
        )
        simulate.add_argument("--replications", type=int, default=200, help="days to simulate (default 200)")
        simulate.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        simulate.add_argument("--walk-ins", type=float, default=117.0, help="walk-ins a day (default 117)")
        simulate.add_argument("--quick-desks", type=int, default=2, help="quick-counter desks (default 2)")
        simulate.add_argument("--quick-minutes", type=float, default=3.0, help="median quick service (default 3)")
        simulate.add_argument("--theme-desks", type=int, default=10, help="theme-counter desks (default 10)")
        simulate.add_argument("--slot-minutes", type=float, default=20.0, help="appointment slot length (default 20)")
        simulate.add_argument("--theme-minutes", type=float, default=14.0, help="median appointment (default 14)")
        simulate.add_argument("--hours", type=int, default=8, help="opening hours in the day (default 8)")
        simulate.add_argument("--no-show", type=float, default=0.07, help="no-show share (default 0.07)")
        simulate.add_argument("--late", type=float, default=0.16, help="late share (default 0.16)")
        simulate.add_argument("--target-minutes", type=float, default=10.0, help="target wait (default 10)")
        simulate.add_argument("--json", action="store_true", help="print JSON")
        simulate.add_argument("--no-progress", action="store_true", help="do not show a progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "staffing":
            if options["location"] or options["week"]:
                self._week(options)
            else:
                self._interval(options)
        else:
            self._simulate(options)

    # --- one interval -----------------------------------------------------------------------------

    def _interval(self, options: dict[str, Any]) -> None:
        if options["arrivals"] is None:
            raise _fail("give --arrivals for one interval, or --location and --week for a week")
        try:
            result = erlang.agents_needed(
                options["arrivals"],
                options["interval_minutes"] * 60,
                options["handle_seconds"],
                options["target_level"],
                options["target_seconds"],
                max_occupancy=options["max_occupancy"],
                shrinkage=options["shrinkage"],
            )
        except ValueError as error:
            raise _fail(str(error)) from error
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "agents": result.staff,
                        "service_level": round(result.service_level, 4),
                        "occupancy": round(result.occupancy, 4),
                        "probability_wait": round(result.probability_wait, 4),
                        "average_speed_of_answer_seconds": round(result.average_speed_of_answer_seconds, 2),
                    }
                )
            )
            return
        lines = [
            f"traffic:                  {result.traffic_erlangs:.2f} Erlang",
            f"agents on the phone:      {result.agents}",
        ]
        if options["shrinkage"]:
            lines.append(f"staff to roster:          {result.staff} (shrinkage {options['shrinkage']:.0%})")
        lines += [
            f"service level:            {result.service_level:.1%} within {options['target_seconds']:g} s",
            f"occupancy:                {result.occupancy:.1%}",
            f"probability of waiting:   {result.probability_wait:.1%}",
            f"average speed of answer:  {result.average_speed_of_answer_seconds:.1f} s",
        ]
        self.stdout.write("\n".join(lines))

    # --- a week from the forecast -----------------------------------------------------------------

    def _week(self, options: dict[str, Any]) -> None:
        from loket.core.errors import NotFound
        from loket.organisations.models import Location
        from loket.planning.selectors import NoHistory, booking_demand, iso_week_monday, week_plan

        if not options["location"] or not options["week"]:
            raise _fail("a week plan needs both --location and --week")
        if options["queue"] and options["plan_for"] != "counters":
            raise _fail("--queue plans a queue of the counters: give --for counters too")
        try:
            monday = iso_week_monday(options["week"])
        except ValueError as error:
            raise _fail(f"--week must look like 2026-W10, not {options['week']!r}") from error
        if options["history_weeks"] < 2:
            raise _fail("--history-weeks must be at least 2")
        location = Location.objects.select_related("organisation").filter(slug=options["location"]).first()
        if location is None:
            raise _fail(f"no location with slug {options['location']!r}")
        plan_for = options["plan_for"]
        try:
            plan = week_plan(
                location=location,
                monday=monday,
                plan_for=plan_for,
                handle_seconds=options["handle_seconds"],
                target_level=options["target_level"],
                target_seconds=options["target_seconds"],
                max_occupancy=options["max_occupancy"],
                shrinkage=options["shrinkage"],
                history_weeks=options["history_weeks"],
                queue=options["queue"],
            )
        except NoHistory as error:
            of = f" queue {options['queue']}" if error.queue is not None else ""
            raise CommandError(
                f"no {plan_for} history for {location.slug}{of} from {error.first_day} to {error.last_day}"
            ) from error
        except NotFound as error:
            raise _fail(f"no queue with slug {options['queue']!r} at {location.slug}") from error
        except ValueError as error:
            raise _fail(str(error)) from error
        demand = booking_demand(location=location, monday=monday, history_weeks=options["history_weeks"])
        queues = (plan.queue,) if plan.queue is not None else plan.queues
        unit = "agents" if plan_for == "calls" else "desks"
        if options["json"]:
            queue_hours = [(q.slug, q.hours) for q in queues]
            rows = []
            for i, h in enumerate(plan.hours):
                row: dict[str, Any] = {"start": h.start.isoformat(), "forecast": round(h.forecast, 2), unit: h.needed}
                if plan_for == "counters":
                    row["queues"] = {
                        slug: {"forecast": round(hours[i].forecast, 2), "desks": hours[i].needed}
                        for slug, hours in queue_hours
                    }
                row["services"] = {s.slug: round(s.hours[i][1], 3) for s in demand.rows}
                rows.append(row)
            self.stdout.write(json.dumps(rows))
            return
        what = f"queue {plan.queue.slug} " if plan.queue is not None else ""
        self.stdout.write(
            f"{location.name}, week {options['week']} ({monday} to {monday + datetime.timedelta(days=6)}): "
            f"{what}{plan_for} forecast / {unit} needed each hour; history {plan.history_first_day} to "
            f"{plan.history_last_day}" + (f", forecast {plan.days_ahead} days ahead of it" if plan.days_ahead else "")
        )
        self.stdout.write(
            f"trend {plan.weekly_trend:+.1f} a week; public holiday x{plan.holiday_factor:.2f}, "
            f"school holiday x{plan.school_holiday_factor:.2f}"
        )
        header = "hour  " + "".join(
            f"{WEEKDAYS[d]} {day.day.strftime('%d/%m'):>5}   " for d, day in enumerate(plan.days)
        )
        self.stdout.write(header.rstrip())
        for hour in plan.busy_hours:
            cells = "".join(f"{day.hours[hour].forecast:6.1f}/{day.hours[hour].needed:<4d}" for day in plan.days)
            self.stdout.write(f"{hour:02d}:00 {cells}".rstrip())
        if plan_for == "calls":
            summary = (
                f"{plan.forecast_total:.0f} calls forecast; {plan.staff_hours:.0f} staff hours, peak "
                f"{plan.peak_needed}; service level over the week {plan.service_level or 0:.1%}"
            )
        else:
            summary = (
                f"{plan.forecast_total:.0f} visitors forecast; {plan.needed_hours:.0f} desk hours, peak "
                f"{plan.peak_needed}; mean wait {(plan.mean_wait_seconds or 0) / 60:.1f} min"
            )
        self.stdout.write(summary)
        if plan_for == "counters":
            self._queues(plan, queues)
        self._services(demand)

    def _queues(self, plan: WeekPlanResult, queues: Sequence[QueuePlan]) -> None:
        self.stdout.write("")
        self.stdout.write("walk-ins per queue (each queue with desks of its own):")
        width = max([len("all queues"), *(len(q.slug) for q in queues)])
        self.stdout.write(f"{'queue':<{width}} {'visitors':>9} {'desk hours':>11} {'peak':>5} {'mean wait':>10}")
        for q in queues:
            note = "" if q.has_history else "  (no walk-ins in the history)"
            self.stdout.write(
                f"{q.slug:<{width}} {q.forecast_total:9.0f} {q.desk_hours:11.0f} {q.peak_desks:5d} "
                f"{q.mean_wait_seconds / 60:6.1f} min{note}"
            )
        if plan.queue is None and len(queues) > 1:
            self.stdout.write(
                f"{'all queues':<{width}} {plan.forecast_total:9.0f} {plan.needed_hours:11.0f} "
                f"{plan.peak_needed:5d} {(plan.mean_wait_seconds or 0) / 60:6.1f} min"
            )

    def _services(self, demand: BookingDemandResult) -> None:
        if not demand.rows:
            return
        self.stdout.write("")
        self.stdout.write("bookings expected per service (on the day they are made):")
        width = max([len("service"), *(len(s.slug) for s in demand.rows)])
        self.stdout.write(f"{'service':<{width}}" + "".join(f"{day:>7}" for day in WEEKDAYS) + f"{'week':>8}")
        for s in demand.rows:
            note = "" if s.has_history else "  (no bookings in the history)"
            days = "".join(f"{value:7.1f}" for value in s.days)
            self.stdout.write(f"{s.slug:<{width}}{days}{s.week_total:8.1f}{note}")

    # --- a simulated day --------------------------------------------------------------------------

    def _simulate(self, options: dict[str, Any]) -> None:
        try:
            config = simulation.mechelen_day(
                walk_ins=options["walk_ins"],
                quick_desks=options["quick_desks"],
                quick_minutes=options["quick_minutes"],
                theme_desks=options["theme_desks"],
                slot_minutes=options["slot_minutes"],
                theme_minutes=options["theme_minutes"],
                hours=options["hours"],
                no_show=options["no_show"],
                late=options["late"],
                target_minutes=options["target_minutes"],
            )
        except ValueError as error:
            raise _fail(str(error)) from error
        if options["replications"] < 1:
            raise _fail("--replications must be at least 1")
        # tqdm redraws with "\r": give it the real stream, not Django's line-ending OutputWrapper.
        stream: TextIO = getattr(self.stderr, "_out", sys.stderr)
        disable = options["no_progress"] or options["verbosity"] == 0
        with tqdm(total=options["replications"], unit="day", file=stream, disable=disable) as bar:
            result = simulation.simulate(
                config, options["replications"], options["seed"], progress=lambda done, total: bar.update(1)
            )
        rows = {"walk-ins": result.walk_ins, "appointments": result.appointments}
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "replications": result.replications,
                        "seed": result.seed,
                        "no_shows_per_day": result.no_shows,
                        "not_served_per_day": result.not_served,
                        **{
                            name.replace("-", "_"): {
                                "served": s.count,
                                "mean_minutes": _finite(s.mean_minutes),
                                "median_minutes": _finite(s.median_minutes),
                                "p90_minutes": _finite(s.p90_minutes),
                                "share_within_target": _finite(s.share_within_target),
                            }
                            for name, s in rows.items()
                        },
                    }
                )
            )
            return
        self.stdout.write(
            f"{result.replications} simulated days (seed {result.seed}); target wait {result.target_wait_minutes:g} min"
        )
        self.stdout.write("               served/day   mean  median    p90  within target")
        for name, s in rows.items():
            self.stdout.write(
                f"{name:<14} {s.count / result.replications:10.1f} {s.mean_minutes:6.1f} {s.median_minutes:7.1f} "
                f"{s.p90_minutes:6.1f}  {s.share_within_target:12.1%}"
            )
        self.stdout.write(f"no-shows a day {result.no_shows:.1f}; not served a day {result.not_served:.1f}")


def _finite(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 3)

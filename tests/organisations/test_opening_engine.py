"""The opening-hours engine on plain data: examples from Mechelen, and properties for any rules."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from loket.organisations.opening_engine import (
    ExceptionRule,
    OpeningPeriod,
    OpeningRules,
    WeeklyPeriod,
    next_opening_moment,
    opening_for_day,
    public_holidays,
)

T = datetime.time
BRUSSELS = ZoneInfo("Europe/Brussels")
MONDAY = datetime.date(2026, 3, 2)
THURSDAY = datetime.date(2026, 3, 5)

# Mechelen's walk-in hours (seed facts): Mon, Tue, Fri 8-13; Wed 12-16; Thu 8-13 and 14:30-19; Sat 9-12.
MECHELEN = tuple(
    WeeklyPeriod(weekday=day, desk_kind="quick", opens=opens, closes=closes)
    for day, opens, closes in [
        (0, T(8), T(13)),
        (1, T(8), T(13)),
        (2, T(12), T(16)),
        (3, T(8), T(13)),
        (3, T(14, 30), T(19)),
        (4, T(8), T(13)),
        (5, T(9), T(12)),
    ]
)


def test_a_split_thursday_has_two_periods_in_order() -> None:
    day = opening_for_day(OpeningRules(weekly=MECHELEN), THURSDAY, "quick")
    assert day.periods == (OpeningPeriod(T(8), T(13)), OpeningPeriod(T(14, 30), T(19)))
    assert day.closed_reason == ""


def test_another_kind_of_desk_is_not_open_on_the_quick_counters_hours() -> None:
    assert opening_for_day(OpeningRules(weekly=MECHELEN), MONDAY, "theme").periods == ()


def test_a_public_holiday_closes_the_day_and_names_it() -> None:
    easter_monday = datetime.date(2026, 4, 6)
    rules = OpeningRules(weekly=MECHELEN, holidays=public_holidays(years=[2026], language="nl"))
    day = opening_for_day(rules, easter_monday, "quick")
    assert day.periods == ()
    assert day.closed_reason == "Paasmaandag"


def test_holiday_names_follow_the_language() -> None:
    names = {
        lang: public_holidays(years=[2026], language=lang)[datetime.date(2026, 7, 21)] for lang in ("nl", "fr", "en")
    }
    assert names == {"nl": "Nationale feestdag", "fr": "Fête nationale", "en": "National Day"}


def test_flemish_and_brussels_holidays_only_when_the_location_asks() -> None:
    plain = public_holidays(years=[2026], language="nl")
    flemish = public_holidays(years=[2026], language="nl", region="vl")
    brussels = public_holidays(years=[2026], language="fr", region="bru")
    assert datetime.date(2026, 7, 11) not in plain
    assert datetime.date(2026, 5, 8) not in plain
    assert flemish[datetime.date(2026, 7, 11)] == "Feest van de Vlaamse Gemeenschap"
    assert datetime.date(2026, 5, 8) not in flemish
    assert "Iris" in brussels[datetime.date(2026, 5, 8)]


def test_a_location_open_on_public_holidays_has_none() -> None:
    assert public_holidays(years=[2026], language="nl", closed=False) == {}


def test_a_closure_for_the_whole_location_closes_every_desk() -> None:
    closure = ExceptionRule(day=MONDAY, kind="closed", reason="Personeelsfeest")
    day = opening_for_day(OpeningRules(weekly=MECHELEN, exceptions=(closure,)), MONDAY, "quick")
    assert day.periods == ()
    assert day.closed_reason == "Personeelsfeest"


def test_a_closure_of_one_kind_of_desk_leaves_the_others_open() -> None:
    weekly = (*MECHELEN, WeeklyPeriod(weekday=0, desk_kind="theme", opens=T(9), closes=T(16)))
    closure = ExceptionRule(day=MONDAY, kind="closed", desk_kind="quick", reason="Storing")
    rules = OpeningRules(weekly=weekly, exceptions=(closure,))
    assert opening_for_day(rules, MONDAY, "quick").periods == ()
    assert opening_for_day(rules, MONDAY, "theme").periods == (OpeningPeriod(T(9), T(16)),)


def test_a_closure_with_hours_closes_only_that_part_of_the_day() -> None:
    closure = ExceptionRule(day=MONDAY, kind="closed", opens=T(10), closes=T(11))
    day = opening_for_day(OpeningRules(weekly=MECHELEN, exceptions=(closure,)), MONDAY, "quick")
    assert day.periods == (OpeningPeriod(T(8), T(10)), OpeningPeriod(T(11), T(13)))


def test_an_extra_opening_wins_over_a_holiday() -> None:
    election_sunday = datetime.date(2026, 4, 5)  # Easter Sunday, say the town hall opens for the elections
    extra = ExceptionRule(day=election_sunday, kind="extra", opens=T(9), closes=T(12), reason="Verkiezingen")
    rules = OpeningRules(weekly=MECHELEN, exceptions=(extra,), holidays=public_holidays(years=[2026], language="nl"))
    day = opening_for_day(rules, election_sunday, "quick")
    assert day.periods == (OpeningPeriod(T(9), T(12)),)
    assert day.closed_reason == ""


def test_an_extra_opening_that_overlaps_the_weekly_hours_merges_with_them() -> None:
    extra = ExceptionRule(day=MONDAY, kind="extra", desk_kind="quick", opens=T(12), closes=T(15))
    day = opening_for_day(OpeningRules(weekly=MECHELEN, exceptions=(extra,)), MONDAY, "quick")
    assert day.periods == (OpeningPeriod(T(8), T(15)),)


def test_next_opening_when_closed_is_the_next_period_start() -> None:
    rules = OpeningRules(weekly=MECHELEN)
    thursday_lunch = datetime.datetime(2026, 3, 5, 13, 30, tzinfo=BRUSSELS)
    assert next_opening_moment(rules, after=thursday_lunch, desk_kind="quick", days=14, tz=BRUSSELS) == (
        datetime.datetime(2026, 3, 5, 14, 30, tzinfo=BRUSSELS)
    )


def test_next_opening_while_open_is_now() -> None:
    rules = OpeningRules(weekly=MECHELEN)
    monday_ten = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=BRUSSELS)
    assert next_opening_moment(rules, after=monday_ten, desk_kind="quick", days=14, tz=BRUSSELS) == monday_ten


def test_next_opening_skips_sunday_and_the_holiday() -> None:
    rules = OpeningRules(weekly=MECHELEN, holidays=public_holidays(years=[2026], language="nl"))
    saturday_evening = datetime.datetime(2026, 4, 4, 18, 0, tzinfo=BRUSSELS)  # then Easter Sunday and Monday
    assert next_opening_moment(rules, after=saturday_evening, desk_kind="quick", days=14, tz=BRUSSELS) == (
        datetime.datetime(2026, 4, 7, 8, 0, tzinfo=BRUSSELS)
    )


def test_next_opening_is_none_when_nothing_opens_in_the_window() -> None:
    assert (
        next_opening_moment(
            OpeningRules(),
            after=datetime.datetime(2026, 3, 2, 9, tzinfo=BRUSSELS),
            desk_kind="quick",
            days=14,
            tz=BRUSSELS,
        )
        is None
    )


def test_next_opening_reads_after_in_local_time() -> None:
    # 06:30 UTC on a winter Monday is 07:30 in Brussels: the counter opens at 08:00 local.
    after = datetime.datetime(2026, 3, 2, 6, 30, tzinfo=datetime.UTC)
    moment = next_opening_moment(OpeningRules(weekly=MECHELEN), after=after, desk_kind="quick", days=14, tz=BRUSSELS)
    assert moment == datetime.datetime(2026, 3, 2, 8, 0, tzinfo=BRUSSELS)


# --- Properties ----------------------------------------------------------------------------------

DESKS = ("reception", "quick", "theme", "phone")
times = st.times(min_value=T(0, 0), max_value=T(23, 59)).map(lambda t: t.replace(second=0, microsecond=0))
days = st.dates(min_value=datetime.date(2026, 3, 2), max_value=datetime.date(2026, 3, 8))


@st.composite
def spans(draw: st.DrawFn) -> tuple[datetime.time, datetime.time]:
    a, b = draw(times), draw(times)
    if a == b:
        b = T(23, 59) if a < T(23, 59) else T(23, 58)
        a, b = min(a, b), max(a, b)
    return min(a, b), max(a, b)


@st.composite
def weekly_periods(draw: st.DrawFn) -> WeeklyPeriod:
    opens, closes = draw(spans())
    return WeeklyPeriod(
        weekday=draw(st.integers(0, 6)), desk_kind=draw(st.sampled_from(DESKS)), opens=opens, closes=closes
    )


@st.composite
def exception_rules(draw: st.DrawFn) -> ExceptionRule:
    kind = draw(st.sampled_from(["closed", "extra"]))
    with_hours = kind == "extra" or draw(st.booleans())
    opens, closes = draw(spans()) if with_hours else (None, None)
    return ExceptionRule(
        day=draw(days), kind=kind, desk_kind=draw(st.sampled_from(("", *DESKS))), opens=opens, closes=closes, reason="x"
    )


@st.composite
def rule_sets(draw: st.DrawFn) -> OpeningRules:
    holiday_days = draw(st.lists(days, max_size=2))
    return OpeningRules(
        weekly=tuple(draw(st.lists(weekly_periods(), max_size=12))),
        exceptions=tuple(draw(st.lists(exception_rules(), max_size=6))),
        holidays={d: "Feestdag" for d in holiday_days},
    )


@given(rules=rule_sets(), day=days, desk_kind=st.sampled_from(DESKS))
def test_periods_are_sorted_and_never_overlap_nor_touch(
    rules: OpeningRules, day: datetime.date, desk_kind: str
) -> None:
    periods = opening_for_day(rules, day, desk_kind).periods
    for earlier, later in zip(periods, periods[1:], strict=False):
        assert earlier.closes < later.opens


@given(rules=rule_sets(), day=days, desk_kind=st.sampled_from(DESKS))
def test_every_period_lies_within_the_day_and_opens_before_it_closes(
    rules: OpeningRules, day: datetime.date, desk_kind: str
) -> None:
    for period in opening_for_day(rules, day, desk_kind).periods:
        assert T(0, 0) <= period.opens < period.closes <= T(23, 59, 59, 999999)


@given(rules=rule_sets(), day=days, desk_kind=st.sampled_from(DESKS))
def test_a_day_closed_all_day_without_extra_opening_has_no_periods(
    rules: OpeningRules, day: datetime.date, desk_kind: str
) -> None:
    closure = ExceptionRule(day=day, kind="closed", desk_kind=desk_kind, reason="Dicht")
    without_extras = tuple(e for e in rules.exceptions if not (e.day == day and e.kind == "extra"))
    closed = OpeningRules(weekly=rules.weekly, exceptions=(*without_extras, closure), holidays=rules.holidays)
    result = opening_for_day(closed, day, desk_kind)
    assert result.periods == ()
    assert result.closed_reason


@given(rules=rule_sets(), day=days, desk_kind=st.sampled_from(DESKS))
def test_a_holiday_without_extra_opening_has_no_periods(
    rules: OpeningRules, day: datetime.date, desk_kind: str
) -> None:
    without_extras = tuple(e for e in rules.exceptions if not (e.day == day and e.kind == "extra"))
    holiday = OpeningRules(weekly=rules.weekly, exceptions=without_extras, holidays={**rules.holidays, day: "Feestdag"})
    assert opening_for_day(holiday, day, desk_kind).periods == ()


@given(rules=rule_sets(), day=days, desk_kind=st.sampled_from(DESKS))
def test_an_extra_opening_is_always_open(rules: OpeningRules, day: datetime.date, desk_kind: str) -> None:
    extra = ExceptionRule(day=day, kind="extra", desk_kind=desk_kind, opens=T(10), closes=T(11))
    result = opening_for_day(
        OpeningRules(weekly=rules.weekly, exceptions=(*rules.exceptions, extra), holidays=rules.holidays),
        day,
        desk_kind,
    )
    assert any(p.opens <= T(10) and T(11) <= p.closes for p in result.periods)


@given(rules=rule_sets(), after_day=days, after_time=times, desk_kind=st.sampled_from(DESKS))
def test_next_opening_is_never_before_after_and_is_inside_a_period(
    rules: OpeningRules, after_day: datetime.date, after_time: datetime.time, desk_kind: str
) -> None:
    after = datetime.datetime.combine(after_day, after_time, tzinfo=datetime.UTC)
    moment = next_opening_moment(rules, after=after, desk_kind=desk_kind, days=7, tz=datetime.UTC)
    if moment is None:
        return
    assert moment >= after
    periods = opening_for_day(rules, moment.date(), desk_kind).periods
    assert any(p.opens <= moment.time() < p.closes for p in periods)

"""ISO-8601 timer durations and cycles: what HR may write and what it means."""

from datetime import timedelta

import pytest

from domain.process.durations import Cycle, DurationError, parse_cycle, parse_duration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("P7D", timedelta(days=7)),
        ("P90D", timedelta(days=90)),
        ("PT24H", timedelta(hours=24)),
        ("P1W", timedelta(weeks=1)),
        ("P1DT12H", timedelta(days=1, hours=12)),
        ("PT90M", timedelta(minutes=90)),
        ("PT1H30M15S", timedelta(hours=1, minutes=30, seconds=15)),
        ("PT0.5S", timedelta(milliseconds=500)),
        (" P2D ", timedelta(days=2)),
    ],
)
def test_durations_hr_writes_mean_what_they_say(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["P1M", "P1Y", "P1Y2M", "P1MT2H"])
def test_calendar_units_are_rejected_because_a_month_has_no_fixed_length(text: str) -> None:
    with pytest.raises(DurationError, match="years and months are not allowed"):
        parse_duration(text)


@pytest.mark.parametrize(
    "text", ["7 days", "", "P", "PT", "P1DT", "p7d", "-P1D", "P1.5D", "7D", "PT1H2D", "P7DT"]
)
def test_text_that_is_not_an_iso_duration_is_rejected_with_examples(text: str) -> None:
    with pytest.raises(DurationError, match="is not an ISO-8601 duration") as caught:
        parse_duration(text)
    assert "P7D" in str(caught.value)


@pytest.mark.parametrize("text", ["PT0S", "P0D", "P0W", "P0DT0H0M0S"])
def test_zero_durations_are_rejected(text: str) -> None:
    with pytest.raises(DurationError, match="zero duration"):
        parse_duration(text)


@pytest.mark.parametrize("text", ["P99999999999D", "PT" + "9" * 400 + "S"])
def test_absurdly_long_durations_are_a_duration_error_not_a_crash(text: str) -> None:
    with pytest.raises(DurationError, match="too long"):
        parse_duration(text)


def test_duration_error_is_a_value_error() -> None:
    assert issubclass(DurationError, ValueError)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("R3/PT24H", Cycle(interval=timedelta(hours=24), repeats=3)),
        ("R1/P1D", Cycle(interval=timedelta(days=1), repeats=1)),
        ("R/PT1H", Cycle(interval=timedelta(hours=1), repeats=None)),
    ],
)
def test_cycles_repeat_a_fixed_interval(text: str, expected: Cycle) -> None:
    assert parse_cycle(text) == expected


def test_a_cycle_that_repeats_zero_times_is_rejected() -> None:
    with pytest.raises(DurationError, match="repeats zero times"):
        parse_cycle("R0/PT1H")


@pytest.mark.parametrize("text", ["PT24H", "R3", "R3/", "3/PT24H", "R3/2026-01-01T00:00:00Z/P1D"])
def test_text_that_is_not_a_repeating_interval_is_rejected(text: str) -> None:
    with pytest.raises(DurationError, match="not an ISO-8601 repeating interval"):
        parse_cycle(text)


@pytest.mark.parametrize(
    ("text", "reason"), [("R3/P1M", "years and months"), ("R2/PT0S", "zero duration")]
)
def test_a_cycle_interval_follows_the_duration_rules(text: str, reason: str) -> None:
    with pytest.raises(DurationError, match=reason):
        parse_cycle(text)

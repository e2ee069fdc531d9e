"""ISO-8601 durations and repeating cycles as used by BPMN timer events.

BPMN's ``timeDuration`` is an ISO-8601 duration (``P7D``, ``PT24H``) and
``timeCycle`` a repeating interval (``R3/PT24H``, or ``R/PT1H`` for unbounded).
Calendar-relative units (years, months) are rejected: a month has no fixed
length, and a timer must mean the same thing at deploy time and at replay.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

_DURATION = re.compile(
    r"^P(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$"
)
_CYCLE = re.compile(r"^R(?P<count>\d*)/(?P<duration>P.+)$")


class DurationError(ValueError):
    """An ISO-8601 duration or cycle that hireloop cannot use."""


def parse_duration(text: str) -> timedelta:
    """Parse ``P1W``, ``P7D``, ``PT24H``, ``P1DT2H30M``; reject years and months."""
    match = _DURATION.match(text.strip())
    if match is None or text.strip() in ("P", "PT") or text.strip().endswith("T"):
        raise DurationError(
            f"{text!r} is not an ISO-8601 duration of weeks/days/hours/minutes/seconds "
            "(examples: P7D, PT24H, P1DT12H); years and months are not allowed"
        )
    parts = {k: float(v) for k, v in match.groupdict().items() if v is not None}
    try:
        value = timedelta(
            weeks=parts.get("weeks", 0.0),
            days=parts.get("days", 0.0),
            hours=parts.get("hours", 0.0),
            minutes=parts.get("minutes", 0.0),
            seconds=parts.get("seconds", 0.0),
        )
    except OverflowError:
        raise DurationError(f"{text!r} is too long to be a timer duration") from None
    if value <= timedelta(0):
        raise DurationError(f"{text!r} is a zero duration; a timer needs a positive duration")
    return value


@dataclass(frozen=True)
class Cycle:
    """A repeating timer: fire every ``interval``, ``repeats`` times (None = forever)."""

    interval: timedelta
    repeats: int | None


def parse_cycle(text: str) -> Cycle:
    """Parse ``R3/PT24H`` (three times a day apart) or ``R/PT1H`` (unbounded)."""
    match = _CYCLE.match(text.strip())
    if match is None:
        raise DurationError(
            f"{text!r} is not an ISO-8601 repeating interval (examples: R3/PT24H, R/PT1H)"
        )
    count = match.group("count")
    repeats = int(count) if count else None
    if repeats is not None and repeats < 1:
        raise DurationError(f"{text!r} repeats zero times; use R1/... or more")
    return Cycle(interval=parse_duration(match.group("duration")), repeats=repeats)

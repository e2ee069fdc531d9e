"""Timer and duration checks: every timer must fire, once or on a cycle, as BPMN means it."""

from domain.process.definition import TimerEventDefinition
from domain.process.durations import DurationError, parse_cycle, parse_duration
from domain.process.validation.problems import Problem


def timer_problems(
    where: str, timer: TimerEventDefinition, interrupting: bool, boundary: bool = True
) -> list[Problem]:
    """A timer sets exactly one of duration or cycle; a cycle repeats, so it
    can neither interrupt a task nor be waited on by an intermediate event."""
    field = "timerEventDefinition"
    if (timer.time_duration is None) == (timer.time_cycle is None):
        return [Problem(where, field, "set exactly one of timeDuration or timeCycle")]
    try:
        if timer.time_duration is not None:
            parse_duration(timer.time_duration)
        elif timer.time_cycle is not None:
            if not boundary:
                message = "an intermediateCatchEvent waits once; use timeDuration, not timeCycle"
                return [Problem(where, field, message)]
            if interrupting:
                message = (
                    "timeCycle needs cancelActivity: false (a repeating timer cannot interrupt)"
                )
                return [Problem(where, field, message)]
            parse_cycle(timer.time_cycle)
    except DurationError as exc:
        return [Problem(where, field, str(exc))]
    return []


def duration_problem(where: str, field: str, text: str | None) -> list[Problem]:
    """An optional ISO-8601 duration (a due date, a timeout) that must parse."""
    if text is None:
        return []
    try:
        parse_duration(text)
    except DurationError as exc:
        return [Problem(where, field, str(exc))]
    return []

"""The recruiting funnel as a projection of the ledger: who reached each stage,
and how each candidate's process ended."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from domain.events import RecordedEvent
from domain.stages import STAGE_ORDER


@dataclass(frozen=True)
class Funnel:
    candidates: int
    reached: dict[str, int]
    outcomes: dict[str, int]
    running: int


def funnel(events: Iterable[RecordedEvent]) -> Funnel:
    reached: dict[str, set[str]] = {str(stage): set() for stage in STAGE_ORDER}
    started: set[str] = set()
    outcomes: dict[str, str] = {}
    for event in events:
        if event.type == "process.started":
            started.add(event.stream)
        elif event.type == "stage.entered":
            reached[event.payload["stage"]].add(event.stream)
        elif event.type == "process.completed":
            outcomes[event.stream] = event.payload.get("outcome") or "ended"
    return Funnel(
        candidates=len(started),
        reached={stage: len(ids) for stage, ids in reached.items()},
        outcomes=dict(Counter(outcomes.values()).most_common()),
        running=len(started - set(outcomes)),
    )

"""What one lifecycle asks of Temporal, as a script the baselines replay.

A script is a space-separated list of steps, in the order the lifecycle's
history records them: ``a`` an activity, ``t<s>`` a timer that fires after
``s`` seconds, ``d<s>`` a deadline timer that is cancelled (at the next
Update, as a task's deadline is when its person answers), ``u`` an Update
(a person's step), ``c`` the child workflow (the AI interview), whose own
script is ``child``.

The baselines run beside the lifecycles, started at the same moments, so
their script must be known before the lifecycles run: ``PLAN`` is the script
of a strong, willing candidate through ``campus_hire`` at the benchmark's
time scale, read from the histories of a run (``python -m bench.lifecycle``
prints the scripts it measured). Every run checks the lifecycles it measured
against ``PLAN`` and fails when they no longer match (the definition or the
interpreter changed what a lifecycle does): paste the printed scripts here.
"""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from temporalio.api.enums.v1 import EventType
from temporalio.api.history.v1 import HistoryEvent
from temporalio.client import Client


@dataclass(frozen=True)
class Plan:
    parent: str
    child: str

    def flat(self) -> str:
        """The bare baseline's script: the same activities and fired timers in
        one workflow, with no Update, child or deadline."""
        steps = self.parent.replace("c", self.child).split()
        return " ".join(s for s in steps if s == "a" or s.startswith("t"))

    def counts(self) -> Counter[str]:
        """Steps by kind, child included; timers also as their total seconds."""
        steps = self.parent.replace("c", self.child).split()
        counts: Counter[str] = Counter(s[0] for s in steps)
        counts["timer_seconds"] = round(sum(float(s[1:]) for s in steps if s[0] == "t"))
        return counts


PLAN = Plan(
    parent=(
        "a a c a d11.2 a u a d4.8 a u a d11.2 a u a d22.4 a u a a d96.0 t144.0 a u a d22.4 a u a"
    ),
    child="a a d7.8 d1.6 u a u a t1.3 a a a d7.8 u a u u u a u a a a",
)
"""Measured on 4 candidates: every parent had this script; the children differ
by one flush (11 or 12 activities) and by the wait for the slot (1.2-2.5 s,
sometimes split by a zero-length timer), as the people's timing falls."""


def script_of(events: list[HistoryEvent]) -> tuple[str, list[str]]:
    """A workflow's script from its history, and the ids of its children."""
    steps: list[str] = []
    timers: dict[int, tuple[int, float]] = {}  # started event id -> (step index, seconds)
    children: list[str] = []
    for event in events:
        kind = event.event_type
        if kind == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
            steps.append("a")
        elif kind == EventType.EVENT_TYPE_TIMER_STARTED:
            timeout = event.timer_started_event_attributes.start_to_fire_timeout
            timers[event.event_id] = (len(steps), round(timeout.ToTimedelta().total_seconds(), 1))
            steps.append("")
        elif kind == EventType.EVENT_TYPE_TIMER_FIRED:
            index, seconds = timers[event.timer_fired_event_attributes.started_event_id]
            steps[index] = f"t{seconds}"
        elif kind == EventType.EVENT_TYPE_TIMER_CANCELED:
            index, seconds = timers[event.timer_canceled_event_attributes.started_event_id]
            steps[index] = f"d{seconds}"
        elif kind == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
            steps.append("u")
        elif kind == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED:
            steps.append("c")
            children.append(
                event.start_child_workflow_execution_initiated_event_attributes.workflow_id
            )
    return " ".join(s for s in steps if s), children


async def measured_plans(client: Client, workflow_ids: list[str]) -> Counter[Plan]:
    """The plan of each finished lifecycle, from its history and its child's."""
    plans: Counter[Plan] = Counter()
    for workflow_id in workflow_ids:
        history = await client.get_workflow_handle(workflow_id).fetch_history()
        parent, children = script_of(list(history.events))
        child = ""
        for child_id in children:
            child_history = await client.get_workflow_handle(child_id).fetch_history()
            child = script_of(list(child_history.events))[0]
        plans[Plan(parent, child)] += 1
    return plans


def mismatch(plans: Mapping[Plan, int], plan: Plan = PLAN) -> list[str]:
    """How the measured lifecycles differ from ``plan`` on average, by step
    kind (activities, timers, Updates, children, deadlines: within one or
    5 %, as the people's timing moves a flush or splits a wait; timer seconds
    within 5 %); empty when they match."""
    total = sum(plans.values())
    expected = plan.counts()
    problems = []
    for key in sorted(set(expected) | {k for p in plans for k in p.counts()}):
        mean = sum(p.counts()[key] * n for p, n in plans.items()) / total
        allowed = 0.05 * expected[key] if key == "timer_seconds" else max(1, 0.05 * expected[key])
        if abs(mean - expected[key]) > allowed:
            problems.append(f"{key}: {mean:.2f} per lifecycle, the plan has {expected[key]}")
    return problems

"""Activity spans from the interviews' Temporal histories.

For an activity with a retry policy Temporal writes ActivityTaskStarted only
when the activity ends, so a span runs from ActivityTaskScheduled to its
completion; a transcription's span also carries when its answer's Update was
accepted (how soon transcription started) and the decoding time the activity
measured itself.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass

from temporalio.api.common.v1 import Payload
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client


@dataclass
class Span:
    """One activity execution in a history (server times, seconds)."""

    activity: str
    question_id: str
    scheduled: float  # also its start: see the module docstring
    completed: float
    ok: bool
    audio_s: float | None
    accepted: float | None  # a transcription's answer: when its Update was accepted
    processing_s: float | None = None  # measured by the activity: decoding on a free model


def _question(payloads: Sequence[Payload]) -> str:
    if not payloads:
        return ""
    try:
        value = json.loads(payloads[0].data)
    except ValueError:
        return ""
    return str(value.get("question_id", "")) if isinstance(value, dict) else ""


async def spans_of(client: Client, workflow_id: str) -> list[Span]:
    history = await client.get_workflow_handle(workflow_id).fetch_history()
    scheduled: dict[int, tuple[str, str, float]] = {}
    accepted: dict[str, float] = {}
    spans: list[Span] = []
    for event in history.events:
        at = event.event_time.ToMicroseconds() / 1e6
        kind = event.event_type
        if kind == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
            attrs = event.activity_task_scheduled_event_attributes
            scheduled[event.event_id] = (
                attrs.activity_type.name,
                _question(attrs.input.payloads),
                at,
            )
        elif kind == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
            request = event.workflow_execution_update_accepted_event_attributes.accepted_request
            if request.input.name == "submit_answer":
                accepted[_question(request.input.args.payloads)] = at
        elif kind in (
            EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
            EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED,
            EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT,
        ):
            ok = kind == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
            result: Sequence[Payload] = []
            if ok:
                completed = event.activity_task_completed_event_attributes
                source, result = completed.scheduled_event_id, completed.result.payloads
            elif kind == EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED:
                source = event.activity_task_failed_event_attributes.scheduled_event_id
            else:
                source = event.activity_task_timed_out_event_attributes.scheduled_event_id
            name, question, when = scheduled[source]
            audio, own = None, None
            if ok and name == "transcribe_answer" and result:
                value = json.loads(result[0].data)
                audio = float(value.get("duration_s") or 0.0) or None
                own = float(value.get("processing_s") or 0.0) or None
            spans.append(Span(name, question, when, at, ok, audio, None, own))
    for span in spans:
        if span.activity == "transcribe_answer":
            span.accepted = accepted.get(span.question_id)
    return spans


def own_seconds(transcriptions: Sequence[Span]) -> list[float]:
    """Each transcription's own processing time, as the activity measured it:
    from getting a free model to the transcript, without the wait in
    Temporal's queue or for a model (the worker decodes ``speech_slots``
    answers at a time)."""
    return [s.processing_s or (s.completed - s.scheduled) for s in transcriptions]

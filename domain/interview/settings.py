"""The AI interview's settings, messages and pure rules.

A definition's ``callActivity`` to ``AIInterview`` carries its ``parameters``
(the role, the question bank, weights, slots, reminders, limits); they are
parsed into ``InterviewSettings`` at deploy time, so a bad question bank is
reported with the definition's other problems, and again by the lifecycle
when it starts the child. Everything that crosses Temporal names answers,
transcripts and reports by sha256 reference only: what the candidate said is
PII and stays in the subject vault and the blob store.
"""

import math
from datetime import datetime, timedelta
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from domain.interview.speech import SHA256_PATTERN, TranscriptionResult
from domain.process.durations import DurationError, parse_cycle, parse_duration
from domain.record.events import Actor

QuestionKind = Literal["self_introduction", "structured", "situational", "technical"]
MAX_QUESTION_TIME = timedelta(minutes=15)
WEIGHT_TOLERANCE = 1e-6


def _duration(value: str, field: str) -> str:
    try:
        parse_duration(value)
    except DurationError as exc:
        raise ValueError(f"{field}: {exc}") from None
    return value


class InterviewQuestion(BaseModel):
    """One question of the role's bank; ``time_limit`` also caps the answer's audio."""

    model_config = ConfigDict(populate_by_name=True, frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]{0,19}$")
    kind: QuestionKind
    dimension: str = Field(pattern=r"^[a-z][a-z0-9_]{0,31}$")
    prompt: str = Field(min_length=1)
    time_limit: str = Field(alias="timeLimit")
    rubric: list[str] = Field(min_length=1)
    max_bytes: int | None = Field(default=None, alias="maxBytes", gt=0)
    """This question's recording size limit; the interview's ``maxAnswerBytes`` if unset."""

    @field_validator("time_limit")
    @classmethod
    def _limit(cls, value: str) -> str:
        _duration(value, "timeLimit")
        if parse_duration(value) > MAX_QUESTION_TIME:
            raise ValueError(f"timeLimit {value} is longer than the 15-minute maximum")
        return value

    @property
    def max_seconds(self) -> float:
        return parse_duration(self.time_limit).total_seconds()


class InterviewSettings(BaseModel):
    """The ``parameters`` of an ``AIInterview`` call, validated.

    Durations are ISO-8601. ``slots`` are offsets from the invitation (a slot
    opens the interview at invitation time + offset); ``expiry`` is how long
    the interview stays open after its slot opens (HR pauses extend it);
    ``bookingReminder`` is a duration or a cycle (``R2/PT24H``: up to two
    reminders a day apart while nothing is booked); ``appealWindow`` is how
    long an adverse automated result waits for a request for human review
    before it takes effect.
    """

    model_config = ConfigDict(populate_by_name=True, frozen=True, extra="forbid")

    role: str = Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")
    questions: list[InterviewQuestion] = Field(min_length=1)
    weights: dict[str, float]
    pass_score: float = Field(alias="passScore", ge=0, le=100)
    slots: list[str] = Field(min_length=1, max_length=20)
    booking_expiry: str = Field(alias="bookingExpiry")
    booking_reminder: str | None = Field(default=None, alias="bookingReminder")
    slot_reminder: str | None = Field(default=None, alias="slotReminder")
    expiry: str
    appeal_window: str | None = Field(default=None, alias="appealWindow")
    min_asr_logprob: float = Field(default=-1.0, alias="minAsrLogprob", le=0)
    max_no_speech_prob: float = Field(default=0.6, alias="maxNoSpeechProb", ge=0, le=1)
    max_answer_bytes: int = Field(default=25_000_000, alias="maxAnswerBytes", gt=0)

    @field_validator("booking_expiry", "expiry", "slot_reminder", "appeal_window")
    @classmethod
    def _durations(cls, value: str | None) -> str | None:
        return None if value is None else _duration(value, "duration")

    @field_validator("slots")
    @classmethod
    def _slots(cls, values: list[str]) -> list[str]:
        for value in values:
            if value not in ("PT0S", "P0D"):
                _duration(value, "slots")
        return values

    @field_validator("booking_reminder")
    @classmethod
    def _reminder(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            parse_cycle(value) if value.startswith("R") else parse_duration(value)
        except DurationError as exc:
            raise ValueError(f"bookingReminder: {exc}") from None
        return value

    @model_validator(mode="after")
    def _consistent(self) -> "InterviewSettings":
        ids = [q.id for q in self.questions]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"question ids must be unique; repeated: {', '.join(duplicates)}")
        asked = {q.dimension for q in self.questions}
        if set(self.weights) != asked:
            raise ValueError(
                f"weights must name exactly the questions' dimensions ({', '.join(sorted(asked))});"
                f" got {', '.join(sorted(self.weights)) or 'none'}"
            )
        if any(w <= 0 or not math.isfinite(w) for w in self.weights.values()):
            raise ValueError("every weight must be a positive number")
        if abs(sum(self.weights.values()) - 1.0) > WEIGHT_TOLERANCE:
            raise ValueError(
                f"weights must add up to 1 (they add up to {sum(self.weights.values())})"
            )
        if parse_duration(self.booking_expiry) <= max(slot_offset(s) for s in self.slots):
            raise ValueError("bookingExpiry must end after the last slot opens")
        return self

    def question(self, question_id: str) -> InterviewQuestion | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def size_limit(self, question: InterviewQuestion) -> int:
        return question.max_bytes or self.max_answer_bytes


def slot_offset(value: str) -> timedelta:
    """A slot's offset from the invitation; ``PT0S`` means "open at once"."""
    return timedelta(0) if value in ("PT0S", "P0D") else parse_duration(value)


def settings_problems(parameters: dict[str, Any]) -> list[tuple[str, str]]:
    """Deploy-time check of an ``AIInterview`` call's parameters: (field, message) pairs."""
    try:
        InterviewSettings.model_validate(parameters)
    except ValidationError as exc:
        return [
            (
                ".".join(["parameters", *(str(p) for p in err["loc"])]).rstrip("."),
                str(err["msg"]).removeprefix("Value error, "),
            )
            for err in exc.errors()
        ]
    return []


class Slot(BaseModel):
    id: str
    starts_at: datetime


class InterviewInput(BaseModel):
    candidate_id: str
    definition_id: str
    definition_version: int
    settings: InterviewSettings
    time_scale: float = 1.0


class ConsentDecision(BaseModel):
    """Two separate consents: to record the answers, and to score them by AI.

    Refusing recording leads to an interview with a person only; refusing AI
    scoring keeps the recording for a person to assess, with no automated score.
    """

    recording: bool
    ai_scoring: bool
    actor: Actor


class SlotBooking(BaseModel):
    slot_id: str
    actor: Actor


class AnswerSubmission(BaseModel):
    """An answer by reference: audio in the blob store, or typed text in the vault.

    Typed answers are an accessibility accommodation (no microphone, a speech
    or hearing impairment): they are scored on content alone.
    """

    question_id: str
    kind: Literal["audio", "text"]
    ref: str = Field(pattern=SHA256_PATTERN)
    size_bytes: int = Field(ge=0)
    actor: Actor


class StaffAction(BaseModel):
    """HR pausing or resuming an interview (e.g. the candidate lost the network)."""

    actor: Actor
    reason: Literal["technical_problem", "candidate_request", "accessibility", "other"] = "other"


class ReviewRequest(BaseModel):
    """The candidate's request that a person, not the model, decides (always allowed)."""

    actor: Actor
    reason: Literal["disagree_with_result", "technical_problem", "accessibility", "other"] = "other"


class AnswerRecord(BaseModel):
    """What the workflow knows of one answer: its reference and, once done, its transcription."""

    question_id: str
    kind: Literal["audio", "text"]
    ref: str
    transcription: TranscriptionResult | None = None


class ScoringRequest(BaseModel):
    candidate_id: str
    workflow_id: str
    settings: InterviewSettings
    answers: list[AnswerRecord]


class DimensionResult(BaseModel):
    score: float
    model_version: str
    input_hash: str
    answers: int
    top: list[tuple[str, float]]


class ScoringOutcome(BaseModel):
    """The numbers of a scored interview; the report with its quotes is in the vault."""

    overall_score: float
    dimensions: dict[str, DimensionResult]
    percentile: float | None
    role_population: int
    features_version: str
    report_ref: str
    input_hash: str


InterviewStatus = Literal["completed", "human_review", "expired", "not_booked"]


class InterviewResult(BaseModel):
    """What the lifecycle's gateway sees. ``human_review`` carries its reasons and
    the advisory AI scores, if any; ``recommendation`` only when completed."""

    status: InterviewStatus
    overall_score: float | None = None
    dimension_scores: dict[str, float] = Field(default_factory=dict)
    recommendation: Literal["advance", "talent_pool"] | None = None
    review_reasons: list[str] = Field(default_factory=list)


Phase = Literal["invited", "booked", "open", "paused", "scoring", "appeal", "closed"]


class InterviewProgress(BaseModel):
    """Live status, the same for HR and the candidate."""

    phase: Phase
    link_id: str | None
    consent: ConsentDecision | None
    slots: list[Slot]
    booked_slot: str | None
    opens_at: datetime | None
    closes_at: datetime | None
    answered: list[str]
    transcribed: list[str]
    next_question: str | None
    review_requested: bool


def asr_problem(result: TranscriptionResult, settings: InterviewSettings) -> str | None:
    """Why a transcription cannot be trusted to score from, or None.

    Unusable audio (empty, silent, corrupt, too long) and a transcript the
    recogniser itself doubts (low mean log-probability, or a high chance
    there was no speech at all) both send the interview to a person."""
    if result.status != "ok":
        return f"audio_{result.status}"
    if result.mean_avg_logprob is None or result.word_count == 0:
        return "no_speech_recognised"
    if result.mean_avg_logprob < settings.min_asr_logprob:
        return "low_asr_confidence"
    if (
        result.max_no_speech_prob is not None
        and result.max_no_speech_prob > settings.max_no_speech_prob
    ):
        return "low_asr_confidence"
    return None


def recommendation(
    overall: float, settings: InterviewSettings
) -> Literal["advance", "talent_pool"]:
    return "advance" if overall >= settings.pass_score else "talent_pool"


def percentile(score: float, population: list[float]) -> float | None:
    """Share of earlier reports in the role scoring below ``score`` (ties count
    half), 0-100; None before anyone else in the role has been scored."""
    if not population:
        return None
    below = sum(1 for p in population if p < score)
    ties = sum(1 for p in population if p == score)
    return round(100.0 * (below + 0.5 * ties) / len(population), 1)


def weighted_overall(scores: dict[str, float], weights: dict[str, float]) -> float:
    """Weighted mean over the dimensions that were scored (weights renormalised),
    so a missing dimension does not count as zero; missing answers already send
    the interview to a person."""
    total = sum(weights[d] for d in scores)
    if total <= 0:
        return 0.0
    return round(sum(scores[d] * weights[d] for d in scores) / total, 2)


REPORT_KIND = "interview_report"
"""The vault document holding the latest interview report (it quotes the candidate)."""


def answer_kind(question_id: str) -> str:
    """The vault document kind that holds a typed answer."""
    return f"answer:{question_id}"


class LinkRequest(BaseModel):
    candidate_id: str
    workflow_id: str
    expires_at: datetime
    template: str = "ai_interview_invitation"

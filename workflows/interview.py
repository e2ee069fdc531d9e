"""``AIInterview``: the AI interview of one candidate, a child of the lifecycle.

It asks the definition's questions, takes answers by reference (the text sits
in the subject vault, never in Temporal history), scores them with the
transparent rubric rule once all are in, and issues a report. Its events go
to the candidate's stream like the parent's, under its own workflow id. An
interview not finished before the definition's expiry ends as ``expired``.
"""

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from domain.durations import parse_duration
    from domain.messages import (
        AnswerScoringRequest,
        AnswerScoringResult,
        InterviewAnswer,
        InterviewInput,
        InterviewResult,
    )
    from workflows.recorder import Recorder

SCORE_ANSWERS = "score_text_answers"


@workflow.defn
class AIInterview:
    def __init__(self) -> None:
        self._input: InterviewInput | None = None
        self._answers: dict[str, str] = {}
        self._recorder: Recorder | None = None
        self._closed = False

    @workflow.run
    async def run(self, inp: InterviewInput) -> InterviewResult:
        self._input = inp
        rec = self._recorder = Recorder(inp.candidate_id, inp.definition_id, inp.definition_version)
        rec.emit(
            "interview.started",
            {
                "questions": [
                    {
                        "id": q.id,
                        "kind": q.kind,
                        "dimension": q.dimension,
                        "time_limit": q.time_limit,
                    }
                    for q in inp.questions
                ],
                "weights": inp.weights,
                "expires_at": (
                    workflow.now() + parse_duration(inp.expiry) * inp.time_scale
                ).isoformat(),
            },
        )
        await rec.flush()
        expiry = parse_duration(inp.expiry) * inp.time_scale
        try:
            await workflow.wait_condition(
                lambda: len(self._answers) == len(inp.questions), timeout=expiry
            )
        except TimeoutError:
            self._closed = True
            rec.emit(
                "interview.expired",
                {"answered": sorted(self._answers), "missing": self._missing()},
            )
            await rec.flush()
            await workflow.wait_condition(workflow.all_handlers_finished)
            return InterviewResult(status="expired")
        self._closed = True
        scored: AnswerScoringResult = await workflow.execute_activity(
            SCORE_ANSWERS,
            AnswerScoringRequest(
                candidate_id=inp.candidate_id,
                questions=inp.questions,
                weights=inp.weights,
                answers=self._answers,
            ),
            result_type=AnswerScoringResult,
            start_to_close_timeout=timedelta(minutes=2),
            retry_policy=RetryPolicy(maximum_attempts=5, non_retryable_error_types=["BadInput"]),
        )
        rec.emit(
            "interview.scored",
            {
                "answers": scored.answers,
                "model_version": scored.model_version,
                "input_hash": scored.input_hash,
            },
        )
        rec.emit(
            "interview.report_issued",
            {
                "overall_score": scored.overall_score,
                "dimension_scores": scored.dimension_scores,
                "weights": inp.weights,
                "model_version": scored.model_version,
            },
        )
        await rec.flush()
        await workflow.wait_condition(workflow.all_handlers_finished)
        return InterviewResult(
            status="completed",
            overall_score=scored.overall_score,
            dimension_scores=scored.dimension_scores,
        )

    def _missing(self) -> list[str]:
        assert self._input is not None
        return [q.id for q in self._input.questions if q.id not in self._answers]

    @workflow.query
    def pending_questions(self) -> list[str]:
        return self._missing()

    @workflow.update
    async def submit_answer(self, answer: InterviewAnswer) -> list[str]:
        """Record an answer (by vault reference); returns the questions still open."""
        assert self._recorder is not None
        self._answers[answer.question_id] = answer.answer_ref
        self._recorder.emit(
            "interview.answer_submitted",
            {"question_id": answer.question_id, "answer_ref": answer.answer_ref},
            actor=answer.actor,
        )
        return self._missing()

    @submit_answer.validator
    def _validate_answer(self, answer: InterviewAnswer) -> None:
        if self._input is None or self._closed:
            raise ValueError("this interview is closed; no more answers are accepted")
        known = {q.id for q in self._input.questions}
        if answer.question_id not in known:
            raise ValueError(
                f"unknown question '{answer.question_id}' (questions: {', '.join(sorted(known))})"
            )
        if answer.question_id in self._answers:
            raise ValueError(f"question '{answer.question_id}' is already answered")
        if answer.actor.role != "candidate" or not answer.actor.user_id:
            raise ValueError("answers come from the candidate (actor role 'candidate')")

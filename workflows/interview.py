"""``AIInterview``: one candidate's AI interview, a child of the lifecycle.

The path: invitation (a link with an unguessable token, delivered through
the outbox) -> two separate consents -> booking one of the offered slots
(reminders while nothing is booked, and before the slot) -> the interview
opens at the slot -> answers arrive one by one by reference (audio in the
blob store, typed text in the vault) and each recording is transcribed as
soon as it arrives -> LightGBM scores the usable answers -> a report.

Nothing the candidate says enters Temporal: the workflow holds references,
numbers and model versions. A refused consent, an unusable or doubtful
recording, a missing answer or the candidate's own request sends the result
to a person (``human_review``) instead of an automatic decision; the workflow
never fails on bad input. HR can pause and resume (a pause extends the
closing time); a candidate who drops off resumes at the first unanswered
question with the same link until the interview closes.

Size: one workflow class. Its Update handlers, their validators, the timers
and the progress query share the interview's state, and Temporal binds them
to one class; the pure rules they apply (settings, answer kinds, percentile,
weighted overall) already live in ``domain.interview``.
"""

import asyncio
from datetime import datetime, timedelta

from temporalio import workflow
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from domain.interview.settings import (
        AnswerRecord,
        AnswerSubmission,
        ConsentDecision,
        InterviewInput,
        InterviewProgress,
        InterviewResult,
        LinkRequest,
        Phase,
        ReviewRequest,
        ScoringOutcome,
        ScoringRequest,
        Slot,
        SlotBooking,
        StaffAction,
        asr_problem,
        recommendation,
        slot_offset,
    )
    from domain.interview.speech import (
        SPEECH_QUEUE_SUFFIX,
        TranscriptionRequest,
        TranscriptionResult,
    )
    from domain.process.durations import parse_cycle, parse_duration
    from domain.record.events import Actor
    from domain.record.messages import ServiceRequest, ServiceResult
    from workflows.policies import NOT_BAD_INPUT, QUICK_TIMEOUT
    from workflows.recorder import Recorder

STAFF_ROLES = frozenset({"recruiter", "recruiting_manager"})
LINK_GRACE = timedelta(days=1)


@workflow.defn
class AIInterview:
    @workflow.init
    def __init__(self, inp: InterviewInput) -> None:
        self._inp = inp
        self._settings = inp.settings
        self._rec = Recorder(inp.candidate_id, inp.definition_id, inp.definition_version)
        self._phase: Phase = "invited"
        self._link_id: str | None = None
        self._slots: list[Slot] = []
        self._consent: ConsentDecision | None = None
        self._booked: Slot | None = None
        self._opens_at: datetime | None = None
        self._paused_since: datetime | None = None
        self._paused_total = timedelta(0)
        self._answers: dict[str, AnswerRecord] = {}
        self._failed: dict[str, str] = {}
        self._transcriptions: list[asyncio.Task[None]] = []
        self._review_requested = False
        self._closed = False
        self._reminders = 0

    # ---- the interview --------------------------------------------------

    @workflow.run
    async def run(self, inp: InterviewInput) -> InterviewResult:
        settings, scale = self._settings, inp.time_scale
        invited_at = workflow.now()
        self._slots = [
            Slot(id=f"slot{i + 1}", starts_at=invited_at + slot_offset(offset) * scale)
            for i, offset in enumerate(settings.slots)
        ]
        booking_deadline = invited_at + parse_duration(settings.booking_expiry) * scale
        self._link_id = await workflow.execute_activity(
            "issue_interview_link",
            LinkRequest(
                candidate_id=inp.candidate_id,
                workflow_id=workflow.info().workflow_id,
                expires_at=booking_deadline + self._open_for() + LINK_GRACE * scale,
            ),
            result_type=str,
            start_to_close_timeout=QUICK_TIMEOUT,
            retry_policy=NOT_BAD_INPUT,
        )
        self._rec.emit(
            "interview.invited",
            {
                "link_id": self._link_id,
                "role": settings.role,
                "slots": [{"id": s.id, "starts_at": s.starts_at.isoformat()} for s in self._slots],
                "booking_deadline": booking_deadline.isoformat(),
                "questions": [
                    {
                        "id": q.id,
                        "kind": q.kind,
                        "dimension": q.dimension,
                        "time_limit": q.time_limit,
                    }
                    for q in settings.questions
                ],
                "weights": settings.weights,
                "pass_score": settings.pass_score,
            },
        )
        await self._rec.flush()

        reminders = asyncio.create_task(self._booking_reminders(booking_deadline))
        try:
            await workflow.wait_condition(
                lambda: self._booked is not None or self._recording_refused(),
                timeout=booking_deadline - workflow.now(),
            )
        except TimeoutError:
            await reminders
            return await self._finish_early("not_booked", "interview.not_booked", {})
        await reminders
        if self._recording_refused():
            reasons = ["consent_refused:recording"]
            return await self._finish_early(
                "human_review", "interview.human_only", {"reasons": reasons}, reasons
            )

        await self._open_at_slot()
        expired = await self._collect_answers()
        self._closed = True
        self._phase = "scoring"
        await asyncio.gather(*self._transcriptions)
        if not self._answers:
            return await self._finish_early("expired", "interview.expired", {"answered": []})
        return await self._decide(expired)

    def _open_for(self) -> timedelta:
        expiry = parse_duration(self._settings.expiry) * self._inp.time_scale
        appeal = self._settings.appeal_window
        return expiry + (parse_duration(appeal) * self._inp.time_scale if appeal else timedelta(0))

    def _recording_refused(self) -> bool:
        return self._consent is not None and not self._consent.recording

    async def _finish_early(
        self, status: str, event: str, payload: dict[str, object], reasons: list[str] | None = None
    ) -> InterviewResult:
        self._closed = True
        self._phase = "closed"
        self._rec.emit(event, payload)
        await self._rec.flush()
        await workflow.wait_condition(workflow.all_handlers_finished)
        return InterviewResult.model_validate({"status": status, "review_reasons": reasons or []})

    async def _booking_reminders(self, deadline: datetime) -> None:
        """Remind the candidate while nothing is booked, per the definition's cycle."""
        spec = self._settings.booking_reminder
        if spec is None:
            return
        cycle = parse_cycle(spec) if spec.startswith("R") else None
        interval = (cycle.interval if cycle else parse_duration(spec)) * self._inp.time_scale
        repeats = cycle.repeats if cycle else 1
        sent = 0
        while repeats is None or sent < repeats:
            due = workflow.now() + interval
            if due >= deadline:
                return
            try:
                await workflow.wait_condition(
                    lambda: self._booked is not None or self._recording_refused(),
                    timeout=interval,
                )
                return
            except TimeoutError:
                sent += 1
                await self._remind("booking", "ai_interview_booking_reminder")

    async def _remind(self, kind: str, template: str) -> None:
        self._reminders += 1
        result: ServiceResult = await workflow.execute_activity(
            "send_notification",
            ServiceRequest(
                candidate_id=self._inp.candidate_id,
                node="ai_interview",
                activity="send_notification",
                parameters={"template": template, "channel": "candidate"},
                inputs={},
                key=f"{workflow.info().workflow_id}#reminder-{self._reminders}",
            ),
            result_type=ServiceResult,
            start_to_close_timeout=QUICK_TIMEOUT,
            retry_policy=NOT_BAD_INPUT,
        )
        self._rec.emit(
            "interview.reminder_sent",
            {"kind": kind, "notification_id": result.outputs["notification_id"]},
        )
        await self._rec.flush()

    async def _open_at_slot(self) -> None:
        """Open at the booked slot, or at once for a slot booked after it began:
        the candidate always gets the whole answer window, counted from when
        the interview really opens. A slot reminder that is slow to send, or
        a worker that is away at the slot time, delays the opening; counted
        from the slot, it would shorten the window (or close it at once)."""
        assert self._booked is not None
        opens_at = max(self._booked.starts_at, workflow.now())
        if self._settings.slot_reminder:
            remind_at = (
                opens_at - parse_duration(self._settings.slot_reminder) * self._inp.time_scale
            )
            if remind_at > workflow.now():
                await workflow.sleep(remind_at - workflow.now())
                await self._remind("slot", "ai_interview_slot_reminder")
        if opens_at > workflow.now():
            await workflow.sleep(opens_at - workflow.now())
        self._opens_at = workflow.now()
        self._phase = "paused" if self._paused_since else "open"
        self._rec.emit("interview.opened", {"closes_at": self._closes_at().isoformat()})
        await self._rec.flush()

    def _closes_at(self) -> datetime:
        assert self._opens_at is not None
        expiry = parse_duration(self._settings.expiry) * self._inp.time_scale
        ongoing = workflow.now() - self._paused_since if self._paused_since else timedelta(0)
        return self._opens_at + expiry + self._paused_total + ongoing

    async def _collect_answers(self) -> bool:
        """Wait until every question is answered or the interview closes; True if it closed."""
        everything = len(self._settings.questions)
        while len(self._answers) < everything:
            if self._paused_since is not None:
                await workflow.wait_condition(lambda: self._paused_since is None)
                continue
            try:
                await workflow.wait_condition(
                    lambda: len(self._answers) == everything or self._paused_since is not None,
                    timeout=self._closes_at() - workflow.now(),
                )
            except TimeoutError:
                missing = self._missing()
                self._rec.emit(
                    "interview.closed",
                    {"reason": "expired", "answered": sorted(self._answers), "missing": missing},
                )
                return True
        return False

    async def _transcribe(self, record: AnswerRecord) -> None:
        question = self._settings.question(record.question_id)
        assert question is not None
        try:
            result: TranscriptionResult = await workflow.execute_activity(
                "transcribe_answer",
                TranscriptionRequest(
                    candidate_id=self._inp.candidate_id,
                    question_id=record.question_id,
                    audio_ref=record.ref,
                    max_seconds=question.max_seconds,
                ),
                result_type=TranscriptionResult,
                task_queue=workflow.info().task_queue + SPEECH_QUEUE_SUFFIX,
                # Queued answers wait in Temporal (no schedule-to-start bound);
                # once started: a model load plus decoding at up to twice real
                # time. The heartbeat notices a dead worker within seconds.
                start_to_close_timeout=timedelta(seconds=60 + 2 * question.max_seconds),
                heartbeat_timeout=timedelta(seconds=20),
                retry_policy=NOT_BAD_INPUT,
            )
        except ActivityError as exc:
            self._failed[record.question_id] = "transcription_failed"
            self._rec.emit(
                "interview.transcription_failed",
                {"question_id": record.question_id, "error": _cause(exc)},
            )
            await self._rec.flush()
            return
        record.transcription = result
        problem = asr_problem(result, self._settings)
        if problem:
            self._failed[record.question_id] = problem
        self._rec.emit(
            "interview.answer_transcribed",
            {
                "question_id": record.question_id,
                "status": result.status,
                "problem": problem,
                "transcript_ref": result.transcript_ref,
                "duration_s": result.duration_s,
                "word_count": result.word_count,
                "mean_avg_logprob": result.mean_avg_logprob,
                "max_no_speech_prob": result.max_no_speech_prob,
                "model_version": result.model_version,
                "input_hash": result.input_hash,
                "processing_s": result.processing_s,
            },
        )
        await self._rec.flush()

    async def _decide(self, expired: bool) -> InterviewResult:
        settings = self._settings
        assert self._consent is not None
        reasons: list[str] = []
        if not self._consent.ai_scoring:
            reasons.append("consent_refused:ai_scoring")
        reasons += [f"missing_answer:{q}" for q in self._missing()]
        reasons += [f"{problem}:{q}" for q, problem in sorted(self._failed.items())]
        outcome: ScoringOutcome | None = None
        usable = [a for a in self._answers.values() if a.question_id not in self._failed]
        if self._consent.ai_scoring and usable:
            try:
                outcome = await workflow.execute_activity(
                    "score_interview",
                    ScoringRequest(
                        candidate_id=self._inp.candidate_id,
                        workflow_id=workflow.info().workflow_id,
                        settings=settings,
                        answers=list(self._answers.values()),
                    ),
                    result_type=ScoringOutcome,
                    start_to_close_timeout=timedelta(minutes=2),
                    retry_policy=NOT_BAD_INPUT,
                )
            except ActivityError as exc:
                reasons.append("scoring_failed")
                self._rec.emit("interview.scoring_failed", {"error": _cause(exc)})
        if outcome is not None:
            self._rec.emit(
                "interview.scored",
                {
                    "dimensions": {d: r.model_dump() for d, r in outcome.dimensions.items()},
                    "features_version": outcome.features_version,
                    "input_hash": outcome.input_hash,
                },
            )
        if self._review_requested:
            reasons.append("candidate_request")
        result = self._result(outcome, reasons)
        self._issue(result, outcome)
        await self._rec.flush()

        if (
            result.status == "completed"
            and result.recommendation == "talent_pool"
            and settings.appeal_window
            and not self._review_requested
        ):
            self._phase = "appeal"
            try:
                await workflow.wait_condition(
                    lambda: self._review_requested,
                    timeout=parse_duration(settings.appeal_window) * self._inp.time_scale,
                )
                result = self._result(outcome, [*reasons, "candidate_request"])
                self._rec.emit(
                    "interview.human_review_required", {"reasons": result.review_reasons}
                )
                await self._rec.flush()
            except TimeoutError:
                pass
        self._phase = "closed"
        await workflow.wait_condition(workflow.all_handlers_finished)
        await self._rec.flush()
        return result

    def _result(self, outcome: ScoringOutcome | None, reasons: list[str]) -> InterviewResult:
        scores = {d: r.score for d, r in outcome.dimensions.items()} if outcome else {}
        overall = outcome.overall_score if outcome else None
        if reasons or overall is None:
            return InterviewResult(
                status="human_review",
                overall_score=overall,
                dimension_scores=scores,
                review_reasons=reasons or ["no_score"],
            )
        return InterviewResult(
            status="completed",
            overall_score=overall,
            dimension_scores=scores,
            recommendation=recommendation(overall, self._settings),
        )

    def _issue(self, result: InterviewResult, outcome: ScoringOutcome | None) -> None:
        transcription_models = sorted(
            {a.transcription.model_version for a in self._answers.values() if a.transcription}
        )
        self._rec.emit(
            "interview.report_issued",
            {
                "status": result.status,
                "overall_score": result.overall_score,
                "dimension_scores": result.dimension_scores,
                "recommendation": result.recommendation,
                "review_reasons": result.review_reasons,
                "percentile": outcome.percentile if outcome else None,
                "role": self._settings.role,
                "role_population": outcome.role_population if outcome else 0,
                "weights": self._settings.weights,
                "asr": {
                    q: {
                        "mean_avg_logprob": a.transcription.mean_avg_logprob,
                        "max_no_speech_prob": a.transcription.max_no_speech_prob,
                    }
                    for q, a in sorted(self._answers.items())
                    if a.transcription
                },
                "model_versions": {
                    "transcription": transcription_models,
                    "scoring": {d: r.model_version for d, r in outcome.dimensions.items()}
                    if outcome
                    else {},
                },
                "report_ref": outcome.report_ref if outcome else None,
            },
        )
        if result.status == "human_review":
            self._rec.emit("interview.human_review_required", {"reasons": result.review_reasons})

    def _missing(self) -> list[str]:
        return [q.id for q in self._settings.questions if q.id not in self._answers]

    # ---- what people do ---------------------------------------------------

    def _candidate(self, actor: Actor) -> None:
        if (
            actor.kind != "user"
            or actor.role != "candidate"
            or actor.user_id != self._inp.candidate_id
        ):
            raise ValueError("only the invited candidate can do this (use the invitation link)")

    @workflow.update
    async def consent(self, decision: ConsentDecision) -> InterviewProgress:
        self._consent = decision
        for purpose, given in (
            ("recording", decision.recording),
            ("ai_scoring", decision.ai_scoring),
        ):
            self._rec.emit(
                "interview.consent_given" if given else "interview.consent_refused",
                {"purpose": purpose},
                actor=decision.actor,
            )
        await self._rec.flush()
        return self.progress()

    @consent.validator
    def _check_consent(self, decision: ConsentDecision) -> None:
        self._candidate(decision.actor)
        if self._closed:
            raise ValueError("this interview is closed")
        if self._consent is not None:
            raise ValueError("consent was already recorded; contact the recruiter to change it")

    @workflow.update
    async def book(self, booking: SlotBooking) -> InterviewProgress:
        self._booked = next(s for s in self._slots if s.id == booking.slot_id)
        self._phase = "booked"
        self._rec.emit(
            "interview.slot_booked",
            {"slot_id": self._booked.id, "starts_at": self._booked.starts_at.isoformat()},
            actor=booking.actor,
        )
        await self._rec.flush()
        return self.progress()

    @book.validator
    def _check_booking(self, booking: SlotBooking) -> None:
        self._candidate(booking.actor)
        if self._closed:
            raise ValueError("this interview is closed")
        if self._consent is None:
            raise ValueError("give or refuse consent before booking a slot")
        if not self._consent.recording:
            raise ValueError("without consent to record, the interview is held by a person")
        if self._booked is not None:
            raise ValueError(f"slot {self._booked.id} is already booked")
        known = {s.id: s for s in self._slots}
        if booking.slot_id not in known:
            raise ValueError(f"unknown slot '{booking.slot_id}' (offered: {', '.join(known)})")

    @workflow.update
    async def submit_answer(self, answer: AnswerSubmission) -> InterviewProgress:
        record = AnswerRecord(question_id=answer.question_id, kind=answer.kind, ref=answer.ref)
        self._answers[answer.question_id] = record
        self._rec.emit(
            "interview.answer_submitted",
            {
                "question_id": answer.question_id,
                "kind": answer.kind,
                "ref": answer.ref,
                "size_bytes": answer.size_bytes,
            },
            actor=answer.actor,
        )
        if answer.kind == "audio":
            self._transcriptions.append(asyncio.create_task(self._transcribe(record)))
        await self._rec.flush()
        return self.progress()

    @submit_answer.validator
    def _check_answer(self, answer: AnswerSubmission) -> None:
        self._candidate(answer.actor)
        if self._closed:
            raise ValueError("this interview is closed; no more answers are accepted")
        if self._paused_since is not None:
            raise ValueError("the interview is paused by HR; try again when it resumes")
        if self._opens_at is None:
            opens = self._booked.starts_at.isoformat() if self._booked else "after you book a slot"
            raise ValueError(f"the interview is not open yet (it opens {opens})")
        question = self._settings.question(answer.question_id)
        if question is None:
            known = ", ".join(q.id for q in self._settings.questions)
            raise ValueError(f"unknown question '{answer.question_id}' (questions: {known})")
        if answer.question_id in self._answers:
            raise ValueError(f"question '{answer.question_id}' is already answered")
        limit = self._settings.size_limit(question)
        if answer.size_bytes > limit:
            raise ValueError(f"the answer is {answer.size_bytes} bytes; the limit is {limit} bytes")

    @workflow.update
    async def pause(self, action: StaffAction) -> InterviewProgress:
        self._paused_since = workflow.now()
        if self._opens_at is not None:
            self._phase = "paused"
        self._rec.emit("interview.paused", {"reason": action.reason}, actor=action.actor)
        await self._rec.flush()
        return self.progress()

    @pause.validator
    def _check_pause(self, action: StaffAction) -> None:
        self._staff(action.actor)
        if self._closed or self._booked is None:
            raise ValueError("only a booked interview that is not finished can be paused")
        if self._paused_since is not None:
            raise ValueError("the interview is already paused")

    @workflow.update
    async def resume(self, action: StaffAction) -> InterviewProgress:
        assert self._paused_since is not None
        paused_for = workflow.now() - self._paused_since
        self._paused_total += paused_for
        self._paused_since = None
        if self._opens_at is not None:
            self._phase = "open"
        self._rec.emit(
            "interview.resumed",
            {"paused_seconds": round(paused_for.total_seconds(), 3)},
            actor=action.actor,
        )
        await self._rec.flush()
        return self.progress()

    @resume.validator
    def _check_resume(self, action: StaffAction) -> None:
        self._staff(action.actor)
        if self._paused_since is None:
            raise ValueError("the interview is not paused")

    def _staff(self, actor: Actor) -> None:
        if actor.kind != "user" or actor.role not in STAFF_ROLES or not actor.user_id:
            raise ValueError(f"only staff ({', '.join(sorted(STAFF_ROLES))}) can pause or resume")

    @workflow.update
    async def request_human_review(self, request: ReviewRequest) -> InterviewProgress:
        self._review_requested = True
        self._rec.emit(
            "interview.review_requested", {"reason": request.reason}, actor=request.actor
        )
        await self._rec.flush()
        return self.progress()

    @request_human_review.validator
    def _check_review(self, request: ReviewRequest) -> None:
        self._candidate(request.actor)
        if self._phase == "closed":
            raise ValueError(
                "this interview has finished; its result is already with a person or final"
            )
        if self._review_requested:
            raise ValueError("a human review is already requested")

    @workflow.query
    def size_limits(self) -> dict[str, int]:
        """The largest recording accepted per question, in bytes."""
        return {q.id: self._settings.size_limit(q) for q in self._settings.questions}

    @workflow.query
    def progress(self) -> InterviewProgress:
        missing = self._missing()
        return InterviewProgress(
            phase=self._phase,
            link_id=self._link_id,
            consent=self._consent,
            slots=self._slots,
            booked_slot=self._booked.id if self._booked else None,
            opens_at=self._opens_at or (self._booked.starts_at if self._booked else None),
            closes_at=self._closes_at() if self._opens_at else None,
            answered=sorted(self._answers),
            transcribed=sorted(q for q, a in self._answers.items() if a.transcription),
            next_question=missing[0] if missing and not self._closed else None,
            review_requested=self._review_requested,
        )


def _cause(exc: ActivityError) -> str:
    """The failure's type and message, which name references, never PII."""
    cause = exc.cause
    return str(getattr(cause, "message", None) or cause or exc)[:300]

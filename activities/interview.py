"""The AI interview's activities: the invitation link and the scored report.

``score_interview`` reads each usable answer's text from the vault (a
transcript for audio, the text for a typed answer), checks it against the
reference the workflow holds, computes the answer features, and scores each
dimension with the champion LightGBM model. The report, with quotes from
the candidate's answers, is written to the vault; the workflow gets the
numbers, model versions and input hashes, never the words.
"""

import hashlib
import json
import math
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from temporalio import activity

from activities.errors import bad_input
from activities.services import input_hash
from adapters.ml.scorer import InterviewScore, InterviewScorer
from domain.errors import UserError
from domain.interview import report as interview_report
from domain.interview.answer_features import FEATURE_NAMES, AnswerEvidence, Segment, features
from domain.interview.settings import (
    REPORT_KIND,
    AnswerRecord,
    DimensionResult,
    LinkRequest,
    ScoringOutcome,
    ScoringRequest,
    answer_kind,
    asr_problem,
    percentile,
    weighted_overall,
)
from domain.interview.speech import transcript_kind
from ledger.stores.interviews import InterviewLinks, ReportPopulation
from ledger.vault import SubjectVault

EXCLUDED_INFERENCES = (
    "No emotion, facial-expression or voice-tone inference: the scores use only what "
    "was said and how fluently (the features listed)."
)


class InterviewActivities:
    def __init__(
        self,
        vault: SubjectVault,
        links: InterviewLinks,
        population: ReportPopulation,
        scorer: Callable[[], InterviewScorer],
    ) -> None:
        self._vault = vault
        self._links = links
        self._population = population
        self._scorer = scorer

    @activity.defn(name="issue_interview_link")
    def issue_interview_link(self, request: LinkRequest) -> str:
        """Create the link and queue the invitation; returns the link's public id."""
        if self._vault.get(request.candidate_id) is None:
            raise bad_input(f"no subject {request.candidate_id} in the vault (erased?)")
        return self._links.issue(
            request.workflow_id, request.candidate_id, request.expires_at, request.template
        )

    @activity.defn(name="score_interview")
    def score_interview(self, request: ScoringRequest) -> ScoringOutcome:
        settings = request.settings
        evidence: dict[str, list[AnswerEvidence]] = defaultdict(list)
        texts: dict[str, str] = {}
        for answer in request.answers:
            question = settings.question(answer.question_id)
            if question is None:
                raise bad_input(f"answer to unknown question '{answer.question_id}'")
            if answer.kind == "audio" and (
                answer.transcription is None or asr_problem(answer.transcription, settings)
            ):
                continue  # unusable: the workflow routes it to a person
            text = self._text(request.candidate_id, answer)
            texts[answer.question_id] = text
            evidence[question.dimension].append(
                _evidence(answer, text, question.rubric, question.dimension)
            )
        if not evidence:
            raise bad_input("no usable answer to score; the interview needs a person")
        try:
            scored = self._scorer().score(evidence)
        except UserError as exc:
            raise bad_input(str(exc)) from None
        dimension_scores = {d: s.score for d, s in scored.dimensions.items()}
        overall = weighted_overall(dimension_scores, settings.weights)
        population = self._population.others(settings.role, request.workflow_id)
        share_below = percentile(overall, population)
        report = _report(request, scored, overall, share_below, len(population), texts)
        try:
            report_ref = self._vault.store_document(
                request.candidate_id,
                REPORT_KIND,
                json.dumps(report, ensure_ascii=False, indent=1).encode("utf-8"),
                "application/json",
            )
        except UserError as exc:
            raise bad_input(str(exc)) from None
        self._population.record(request.workflow_id, request.candidate_id, settings.role, overall)
        return ScoringOutcome(
            overall_score=overall,
            dimensions={
                d: DimensionResult(
                    score=s.score,
                    model_version=s.model_version,
                    input_hash=s.input_sha256,
                    answers=s.answers,
                    top=[(c.feature, round(c.contribution, 2)) for c in s.top],
                )
                for d, s in scored.dimensions.items()
            },
            percentile=share_below,
            role_population=len(population),
            features_version=scored.features_version,
            report_ref=report_ref,
            input_hash=input_hash(
                "score_interview",
                settings.model_dump(mode="json"),
                [a.model_dump(mode="json") for a in request.answers],
                scored.model_versions,
            ),
        )

    def _text(self, candidate_id: str, answer: AnswerRecord) -> str:
        if answer.kind == "text":
            kind, ref = answer_kind(answer.question_id), answer.ref
        else:
            assert answer.transcription is not None
            kind, ref = (
                transcript_kind(answer.question_id),
                answer.transcription.transcript_ref or "",
            )
        content = self._vault.document(candidate_id, kind)
        if content is None or hashlib.sha256(content).hexdigest() != ref:
            raise bad_input(
                f"the {answer.kind} answer to '{answer.question_id}' is missing from the vault "
                "or does not match its reference (erased or replaced?)"
            )
        return content.decode("utf-8", errors="replace")

    def all(self) -> list[Any]:
        return [self.issue_interview_link, self.score_interview]


def _evidence(answer: AnswerRecord, text: str, rubric: list[str], dimension: str) -> AnswerEvidence:
    if answer.kind == "text" or answer.transcription is None:
        return AnswerEvidence(
            text=text, duration_s=0.0, rubric=rubric, dimension=dimension, spoken=False
        )
    result = answer.transcription
    return AnswerEvidence(
        text=text,
        duration_s=result.duration_s,
        segments=[
            Segment(
                start=s.start,
                end=max(s.start, s.end),
                avg_logprob=min(0.0, s.avg_logprob),
                no_speech_prob=min(1.0, max(0.0, s.no_speech_prob)),
            )
            for s in result.segments
        ],
        rubric=rubric,
        dimension=dimension,
    )


def _finite(value: float) -> float | None:
    return None if math.isnan(value) or math.isinf(value) else round(value, 4)


def _report(
    request: ScoringRequest,
    scored: InterviewScore,
    overall: float,
    share_below: float | None,
    population: int,
    texts: dict[str, str],
) -> dict[str, Any]:
    """The full report (it quotes the candidate, so it lives in the vault)."""
    settings = request.settings
    dimensions: dict[str, Any] = {}
    for dimension, result in scored.dimensions.items():
        quotes = [
            {"question_id": q.id, **quote}
            for q in settings.questions
            if q.dimension == dimension and q.id in texts
            for quote in interview_report.evidence_quotes(texts[q.id], q.rubric, dimension)
        ]
        dimensions[dimension] = {
            "score": result.score,
            "weight": settings.weights[dimension],
            "model_version": result.model_version,
            "input_hash": result.input_sha256,
            "conclusion": interview_report.conclusion(
                dimension,
                result.score,
                settings.pass_score,
                [(c.feature, c.value, c.contribution) for c in result.top],
            ),
            "evidence": quotes[: interview_report.QUOTES_PER_DIMENSION],
            "contributions": {
                c.feature: {"value": _finite(c.value), "points": round(c.contribution, 2)}
                for c in result.contributions
            },
            "baseline": round(result.bias, 2),
        }
    answers = {}
    for answer in request.answers:
        question = settings.question(answer.question_id)
        assert question is not None
        result_t = answer.transcription
        problem = asr_problem(result_t, settings) if result_t is not None else None
        text = texts.get(answer.question_id)
        answers[answer.question_id] = {
            "dimension": question.dimension,
            "kind": answer.kind,
            "used_for_scoring": text is not None,
            "problem": problem,
            "words": interview_report.word_count(text) if text is not None else 0,
            "duration_s": result_t.duration_s if result_t else None,
            "asr_mean_avg_logprob": result_t.mean_avg_logprob if result_t else None,
            "asr_max_no_speech_prob": result_t.max_no_speech_prob if result_t else None,
            "transcription_model": result_t.model_version if result_t else None,
            "features": (
                {
                    k: _finite(v)
                    for k, v in features(
                        _evidence(answer, text, question.rubric, question.dimension)
                    ).items()
                }
                if text is not None
                else None
            ),
        }
    return {
        "report_version": "interview-report/1",
        "workflow_id": request.workflow_id,
        "role": settings.role,
        "overall_score": overall,
        "pass_score": settings.pass_score,
        "percentile_in_role": share_below,
        "role_population": population,
        "weights": settings.weights,
        "dimensions": dimensions,
        "answers": answers,
        "model_versions": scored.model_versions,
        "features": list(FEATURE_NAMES),
        "features_version": scored.features_version,
        "not_used": EXCLUDED_INFERENCES,
    }

"""Scoring typed interview answers with the transparent rubric rule.

Answers are read from the subject vault by reference and checked against
their hash, so the score provably belongs to the text the candidate gave.
"""

import hashlib

from temporalio import activity

from activities.errors import bad_input
from activities.services import input_hash
from domain import scoring
from domain.messages import AnswerScoringRequest, AnswerScoringResult
from ledger.subjects import SubjectVault


def answer_kind(question_id: str) -> str:
    return f"answer:{question_id}"


class InterviewActivities:
    def __init__(self, vault: SubjectVault):
        self._vault = vault

    @activity.defn(name="score_text_answers")
    def score_text_answers(self, request: AnswerScoringRequest) -> AnswerScoringResult:
        scored: list[scoring.AnswerScore] = []
        for question in request.questions:
            ref = request.answers.get(question.id)
            content = self._vault.document(request.candidate_id, answer_kind(question.id))
            if ref is None or content is None or hashlib.sha256(content).hexdigest() != ref:
                raise bad_input(
                    f"answer to '{question.id}' is missing or does not match its reference"
                )
            text = content.decode("utf-8", errors="replace")
            scored.append(
                scoring.score_answer(question.id, question.dimension, text, question.rubric)
            )
        dimensions = scoring.dimension_means(scored)
        return AnswerScoringResult(
            overall_score=scoring.weighted_overall(dimensions, request.weights),
            dimension_scores=dimensions,
            answers=[
                {
                    "question_id": s.question_id,
                    "dimension": s.dimension,
                    "score": s.score,
                    "coverage": s.coverage,
                    "matched": s.matched,
                    "word_count": s.word_count,
                }
                for s in scored
            ],
            model_version=scoring.RUBRIC_SCORE_VERSION,
            input_hash=input_hash(
                "score_text_answers",
                [q.model_dump() for q in request.questions],
                request.weights,
                request.answers,
            ),
        )

"""Who the simulated people are and what they decide at each step.

A ``Persona`` is drawn per candidate from the simulator's seeded RNG and
fixes how that candidate, and the recruiters, interviewers and managers
around them, behave; ``decide`` turns it into the form a step asks for.
"""

import random
from dataclasses import dataclass
from typing import Any

from domain.process.definition import UserTask


@dataclass(frozen=True)
class Persona:
    """How one simulated candidate, and the people around them, behave."""

    quality: float
    books_interview: bool
    finishes_interview: bool
    answers_offer: bool
    accepts_offer: bool
    manager_approves: bool
    consents_to_recording: bool = True
    consents_to_ai_scoring: bool = True
    speaks: bool = True
    appeals: bool = False


def persona(rng: random.Random, voice_share: float = 1.0) -> Persona:
    return Persona(
        quality=rng.random(),
        books_interview=rng.random() > 0.08,
        finishes_interview=rng.random() > 0.05,
        answers_offer=rng.random() > 0.1,
        accepts_offer=rng.random() > 0.15,
        manager_approves=rng.random() > 0.1,
        consents_to_recording=rng.random() > 0.03,
        consents_to_ai_scoring=rng.random() > 0.04,
        speaks=rng.random() < voice_share,
        appeals=rng.random() < 0.3,
    )


def _generic(task: UserTask, rng: random.Random) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for f in task.form.fields:
        if f.type == "boolean":
            values[f.id] = True
        elif f.type == "enum" and f.enum:
            values[f.id] = rng.choice(f.enum)
        elif f.type in ("integer", "number"):
            values[f.id] = int(f.maximum if f.maximum is not None else 1)
        else:
            values[f.id] = "ok"
    return values


def decide(
    node: str, task: UserTask | None, who: Persona, rng: random.Random, variables: dict[str, Any]
) -> dict[str, Any] | None:
    """The simulated person's answer to a step; None means they never answer."""
    q = who.quality
    if task is None:  # an incident: a person skips the failed step
        return {"resolution": "skip"}
    if node == "manual_resume_review":
        return {"manual_decision": "advance" if q > 0.5 else "reject"}
    if node == "review_ai_interview":
        return {
            "ai_review_decision": "advance" if q > 0.5 else "talent_pool",
            "ai_score": round(100 * q, 1),
        }
    if node == "second_interview":
        score = max(1, min(5, round(1 + q * 4 + rng.uniform(-0.7, 0.7))))
        return {
            "second_interview_score": score,
            "recommendation": "hire" if score >= 3 else "no_hire",
        }
    if node == "approve_offer":
        return {"offer_approved": who.manager_approves, "salary_band": "B"}
    if node == "offer_response":
        return {"offer_accepted": who.accepts_offer} if who.answers_offer else None
    if node == "training_completion":
        return {"courses_completed": len(variables.get("training_plan") or [])}
    if node == "probation_review":
        rating = max(1, min(5, round(1 + q * 4)))
        return {
            "performance_rating": rating,
            "probation_passed": q > 0.35,
            "leadership_potential": "high" if q > 0.8 else "medium" if q > 0.5 else "low",
        }
    return _generic(task, rng)

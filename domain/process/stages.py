"""The fixed vocabulary of lifecycle stages and process outcomes.

Stages are fixed (not per-definition) so that funnels, bias audits and
analytics compare like with like across every definition and version.
"""

from enum import StrEnum


class Stage(StrEnum):
    SCREENING = "screening"
    AI_INTERVIEW = "ai_interview"
    SECOND_INTERVIEW = "second_interview"
    OFFER = "offer"
    ONBOARDING = "onboarding"
    TRAINING = "training"
    PROMOTION_REVIEW = "promotion_review"


STAGE_ORDER: tuple[Stage, ...] = tuple(Stage)


class Outcome(StrEnum):
    HIRED = "hired"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    TALENT_POOL = "talent_pool"
    OFFER_DECLINED = "offer_declined"
    OFFER_EXPIRED = "offer_expired"
    PROBATION_FAILED = "probation_failed"
    PROMOTED = "promoted"

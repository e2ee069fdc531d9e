"""Service activities a definition's ``serviceTask`` may call (see ``domain.process.catalogue``).

Each takes a ``ServiceRequest`` and returns a ``ServiceResult`` naming the
rule or model version that produced it and a hash of its inputs, so the
ledger can show exactly what a decision was based on.
"""

import hashlib
from typing import Any

from temporalio import activity

from activities.errors import bad_input
from domain.process import rules as scoring
from domain.record.chain import canonical_json
from domain.record.messages import ServiceRequest, ServiceResult
from ledger.outbox import Employees, Outbox
from ledger.vault import SubjectVault

MAX_RESUME_BYTES = 2 * 1024 * 1024


def input_hash(*parts: Any) -> str:
    return hashlib.sha256(canonical_json(list(parts)).encode("utf-8")).hexdigest()


def _number(request: ServiceRequest, name: str) -> float:
    value = request.inputs.get(name)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise bad_input(
            f"step '{request.node}': input '{name}' must be a number, got {type(value).__name__}"
        )
    return float(value)


class ServiceActivities:
    def __init__(self, vault: SubjectVault, outbox: Outbox, employees: Employees):
        self._vault = vault
        self._outbox = outbox
        self._employees = employees

    @activity.defn(name="keyword_screen")
    def keyword_screen(self, request: ServiceRequest) -> ServiceResult:
        """Score the stored resume; an unusable resume is a status, not a failure,
        so the definition can route the candidate to a person."""
        content = self._vault.document(request.candidate_id, "resume")
        digest = hashlib.sha256(content).hexdigest() if content is not None else None
        status, text = "ok", ""
        if content is None or not content.strip():
            status = "empty"
        elif len(content) > MAX_RESUME_BYTES:
            status = "oversized"
        else:
            try:
                text = content.decode("utf-8")
            except UnicodeDecodeError:
                status = "unreadable"
        if status == "ok" and not scoring.words(text):
            status = "unreadable"
        params = request.parameters
        result = scoring.keyword_screen(
            text, params["keywords"], float(params.get("saturation", 10))
        )
        return ServiceResult(
            outputs={
                "score": result.score if status == "ok" else 0.0,
                "matched_keywords": result.matched if status == "ok" else [],
                "resume_status": status,
            },
            model_version=scoring.KEYWORD_SCREEN_VERSION,
            input_hash=input_hash(request.activity, params, digest),
        )

    @activity.defn(name="send_notification")
    def send_notification(self, request: ServiceRequest) -> ServiceResult:
        params = request.parameters
        notification_id = self._outbox.enqueue(
            request.key,
            request.candidate_id,
            str(params["template"]),
            str(params.get("channel", "candidate")),
        )
        return ServiceResult(
            outputs={"notification_id": notification_id},
            input_hash=input_hash(request.activity, params, request.key),
        )

    @activity.defn(name="merge_assessment")
    def merge_assessment(self, request: ServiceRequest) -> ServiceResult:
        ai, human = _number(request, "ai_score"), _number(request, "human_score")
        params = request.parameters
        combined = scoring.merge_assessment(
            ai, human, float(params["ai_weight"]), float(params.get("human_scale", 5))
        )
        return ServiceResult(
            outputs={"combined_score": combined},
            model_version=scoring.MERGE_VERSION,
            input_hash=input_hash(request.activity, params, request.inputs),
        )

    @activity.defn(name="create_employee_file")
    def create_employee_file(self, request: ServiceRequest) -> ServiceResult:
        employee_id = self._employees.create(request.candidate_id)
        return ServiceResult(
            outputs={"employee_id": employee_id},
            input_hash=input_hash(request.activity, request.candidate_id),
        )

    @activity.defn(name="plan_training")
    def plan_training(self, request: ServiceRequest) -> ServiceResult:
        scores = request.inputs.get("dimension_scores") or {}
        if not isinstance(scores, dict):
            raise bad_input(f"step '{request.node}': dimension_scores must be a mapping")
        params = request.parameters
        plan, weak = scoring.training_plan(
            {str(k): float(v) for k, v in scores.items()},
            float(params["threshold"]),
            params["courses"],
        )
        return ServiceResult(
            outputs={"training_plan": plan, "weak_dimensions": weak},
            model_version=scoring.TRAINING_RULES_VERSION,
            input_hash=input_hash(request.activity, params, scores),
        )

    def all(self) -> list[Any]:
        return [
            self.keyword_screen,
            self.send_notification,
            self.merge_assessment,
            self.create_employee_file,
            self.plan_training,
        ]

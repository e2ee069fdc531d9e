"""Job requisitions: pure, no I/O.

A requisition is what HR opens before screening starts: an id (a slug, used
in commands and events), the title, the JD text, the competency model
(dimension -> weight, the weights summing to 1), hard requirements (minimum
degree, certificates, minimum years, languages), the skills and majors the
job wants, the fit-score line for the AI interview and the talent-pool
percentile. It holds no PII: it describes a job, not a person.

Skills, certificates and languages are canonicalised with the resume
parser's tables (``domain.screening.resume``), so a Chinese requisition
matches an English resume. What the JD text says is read by
``domain.screening.jd_analysis``; the competency phrase table is in
``domain.screening.competencies``.
"""

import hashlib
import json
import math
import re
from collections.abc import Iterable, Sequence

from pydantic import BaseModel, ConfigDict, Field, field_validator

from domain.screening.resume import (
    CERTIFICATE_ALIASES,
    LANGUAGE_NAMES,
    SKILL_ALIASES,
    Degree,
    _alias_key,
    normalise_text,
)

SLUG = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
DIMENSION = r"^[a-z][a-z0-9_]{0,63}$"
WEIGHT_TOLERANCE = 1e-6


class HardRequirements(BaseModel):
    """What a resume must show to be considered at all; each unmet one is named."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_degree: Degree | None = None
    min_years: float = Field(default=0.0, ge=0, le=50)
    certificates: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)

    @field_validator("certificates")
    @classmethod
    def _canonical_certificates(cls, values: list[str]) -> list[str]:
        return dedupe(canonical_certificate(v) for v in values)

    @field_validator("languages")
    @classmethod
    def _canonical_languages(cls, values: list[str]) -> list[str]:
        return dedupe(canonical_language(v) for v in values)


class Requisition(BaseModel):
    """One open job: everything screening needs, and nothing about a person."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(max_length=64)
    title: str = Field(min_length=1, max_length=200)
    jd: str = Field(min_length=1, max_length=20_000)
    competencies: dict[str, float] = Field(min_length=1)
    requirements: HardRequirements = Field(default_factory=HardRequirements)
    skills: list[str] = Field(default_factory=list)
    majors: list[str] = Field(default_factory=list)
    pass_threshold: float = Field(ge=0, le=100)
    talent_pool_percentile: float = Field(default=90.0, ge=0, le=100)

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not re.match(SLUG, value):
            raise ValueError(
                f"{value!r} is not an id: use lower-case letters, digits and -, "
                "starting and ending with a letter or digit (e.g. credit-risk-analyst-2026)"
            )
        return value

    @field_validator("title", "jd")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()

    @field_validator("competencies")
    @classmethod
    def _weights(cls, weights: dict[str, float]) -> dict[str, float]:
        bad_names = [name for name in weights if not re.match(DIMENSION, name)]
        if bad_names:
            raise ValueError(
                f"competency name(s) {', '.join(map(repr, bad_names))} must be lower-case "
                "letters, digits and _, starting with a letter (e.g. risk_awareness)"
            )
        bad = {name: w for name, w in weights.items() if not (math.isfinite(w) and 0 < w <= 1)}
        if bad:
            shown = ", ".join(f"{name}={w:g}" for name, w in bad.items())
            raise ValueError(f"every weight must be above 0 and at most 1; got {shown}")
        total = math.fsum(weights.values())
        if abs(total - 1.0) > WEIGHT_TOLERANCE:
            terms = " + ".join(f"{w:g}" for w in weights.values())
            hint = " (percentages? divide them by 100)" if abs(total - 100) < 1e-3 else ""
            raise ValueError(f"competency weights must sum to 1, but {terms} = {total:g}{hint}")
        return dict(weights)

    @field_validator("skills")
    @classmethod
    def _canonical_skills(cls, values: list[str]) -> list[str]:
        return dedupe(canonical_skill(v) for v in values)

    @field_validator("majors")
    @classmethod
    def _majors(cls, values: list[str]) -> list[str]:
        return dedupe(normalise_text(v).strip().casefold() for v in values if v.strip())


def dedupe(values: Iterable[str]) -> list[str]:
    """The values in first-seen order, each once, empty ones dropped."""
    out: list[str] = []
    for value in values:
        if value and value not in out:
            out.append(value)
    return out


def canonical_skill(value: str) -> str:
    """The resume parser's canonical name for a skill ("机器学习" -> "machine learning")."""
    key = _alias_key(value)
    return SKILL_ALIASES.get(key, key)


def canonical_certificate(value: str) -> str:
    """The resume parser's canonical name for a certificate ("注册会计师" -> "cpa")."""
    key = _alias_key(value)
    return CERTIFICATE_ALIASES.get(key, key)


_LANGUAGE_INDEX = {
    _alias_key(variant): name
    for name, variants in LANGUAGE_NAMES.items()
    for variant in (name, *variants)
}


def canonical_language(value: str) -> str:
    """A language's canonical name ("英语" -> "english"); unknown ones are an error,
    since a requirement nobody's resume can ever meet is a typo."""
    key = _alias_key(value)
    if key not in _LANGUAGE_INDEX:
        known = ", ".join(LANGUAGE_NAMES)
        raise ValueError(f"unknown language {value!r}; known languages: {known}")
    return _LANGUAGE_INDEX[key]


def content_hash(requisition: Requisition) -> str:
    """sha256 of the canonical JSON of the validated requisition: the same job
    written with different YAML layout or key order hashes the same."""
    canonical = json.dumps(
        requisition.model_dump(mode="json"),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def talent_pool_line(scores: Sequence[float], percentile: float) -> float:
    """The lowest score in the top ``100 - percentile`` % of a screening batch.

    Candidates below the requisition's pass line but at or above this line
    are kept in the talent pool for later jobs: percentile 90 keeps the
    batch's top 10 % (ties at the line are all kept). ``inf`` when the share
    rounds down to nobody."""
    if not 0 <= percentile <= 100:
        raise ValueError("percentile must be within 0-100")
    ordered = sorted(scores)
    keep = math.floor((100 - percentile) / 100 * len(ordered) + 1e-9)
    return ordered[len(ordered) - keep] if keep else math.inf

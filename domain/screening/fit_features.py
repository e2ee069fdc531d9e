"""Resume-vs-requisition features for the fit model, and the hard-requirement check.

Pure: a ``ParsedResume`` and a ``FitProfile`` (what one requisition wants,
computed once per requisition by ``fit_profile``) in, numbers out. Screening
scores about 150,000 resumes in a campus season against a handful of
requisitions, so everything that depends only on the requisition (JD
analysis, jieba, term lists) is done once in the profile, and a resume's
features are set lookups and a few short regex searches.

The features (``FIT_FEATURE_NAMES``, version ``FIT_FEATURES_VERSION``); every
one is defined for every resume, so the model never sees a missing value:

* ``skill_overlap``: share of the wanted skills (the requisition's ``skills``
  plus the canonical skills named in the JD) in the resume's skills; 1 when
  nothing is wanted. Both sides use the resume parser's canonical names, so
  the languages may differ.
* ``keyword_coverage``: share of the JD's top keywords found in the resume's
  facts (skills, certificates, majors, job titles, employers).
* ``degree_level``: the highest degree's rank (0 high school ... 4
  doctorate), -1 when none was found.
* ``degree_meets_minimum``: 1 when there is no minimum or it is met.
* ``years_of_experience`` and ``years_over_minimum`` (years minus the
  required minimum; negative when short).
* ``certificate_match``: share of required certificates held (1 when none).
* ``certificate_count``: certificates listed, at most 10.
* ``major_relevance``: 1 when a major belongs to a wanted field (the
  requisition's ``majors``, expanded with ``MAJOR_FIELDS``; without majors,
  the fields the JD names), 0.5 when it only shares a JD keyword, else 0.
* ``language_match``: share of required languages the resume shows (its own
  language counts: a resume written in Chinese shows Chinese).
* ``relevant_experience``: share of jobs and internships whose title shares
  a word with the requisition's title or top keywords (0 without jobs).
* ``meets_hard_requirements``: 1 when ``unmet_requirements`` is empty.
* ``completeness``: share of the sections education, work, skills,
  certificates and languages that are present.

Known limit: titles and majors are matched as written, so an English
requisition title does not match a Chinese job title (skills, certificates
and languages do match across languages, through the canonical names).
"""

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from domain.screening.jd_analysis import JdAnalysis, analyse, segment_chinese
from domain.screening.requisition import HardRequirements, Requisition
from domain.screening.resume import _CJK, DEGREE_RANK, ParsedResume, normalise_text

FIT_FEATURES_VERSION = "fit-features/1"
FIT_FEATURE_NAMES: tuple[str, ...] = (
    "skill_overlap",
    "keyword_coverage",
    "degree_level",
    "degree_meets_minimum",
    "years_of_experience",
    "years_over_minimum",
    "certificate_match",
    "certificate_count",
    "major_relevance",
    "language_match",
    "relevant_experience",
    "meets_hard_requirements",
    "completeness",
)
COVERAGE_KEYWORDS = 15
TITLE_KEYWORDS = 10
MAX_CERTIFICATES = 10

# fmt: off
MAJOR_FIELDS: dict[str, tuple[str, ...]] = {
    "finance": ("financ", "banking", "insurance", "investment", "金融", "财务", "银行", "保险",
                "投资"),
    "accounting": ("accounting", "accountancy", "audit", "会计", "审计"),
    "economics": ("econom", "trade", "经济", "贸易"),
    "mathematics_statistics": ("statistic", "mathemat", "actuar", "统计", "数学", "精算"),
    "computing": ("computer", "software", "data science", "artificial intelligence",
                  "information", "计算机", "软件", "数据", "人工智能", "信息", "网络工程"),
    "engineering": ("electronic", "electrical", "communication engineering",
                    "telecommunication", "automation", "mechanical", "电子", "电气", "通信",
                    "自动化", "机械"),
    "business": ("business", "management", "marketing", "human resource", "commerce", "工商",
                 "管理", "市场营销", "营销", "人力资源", "商务"),
    "law": ("law", "legal", "法学", "法律"),
    "languages_media": ("journalism", "literature", "english", "linguistic", "translation",
                        "新闻", "文学", "英语", "语言", "翻译"),
    "psychology": ("psycholog", "心理"),
}
"""Field of study -> stems of the majors in it (English stems match at a word
start, Chinese anywhere). A requisition's ``majors`` may name a field
("finance") or a major ("统计学"); a major in several fields counts in each."""

_TITLE_STOP_WORDS = """
graduate intern internship trainee junior senior assistant associate officer staff specialist
manager lead head entry level program programme campus 实习生 实习 管培生 管理培训生 助理 专员
代表 校招 校园招聘 应届
"""
_TITLE_STOP = frozenset(_TITLE_STOP_WORDS.split())
# fmt: on

_CJK_RE = re.compile(f"[{_CJK}]")
_EN_WORD = re.compile(r"[a-z][a-z0-9+#]*")


class FitProfile(BaseModel):
    """What one requisition wants, prepared once for scoring many resumes."""

    model_config = ConfigDict(frozen=True)

    requisition_id: str
    skills: list[str]
    keywords: list[str]
    title_terms: list[str]
    major_fields: list[str]
    major_terms: list[str]
    requirements: HardRequirements


RequirementKind = Literal["min_degree", "min_years", "certificate", "language"]


class UnmetRequirement(BaseModel):
    """One hard requirement a resume does not show, and why (no resume text quoted
    beyond canonical facts: degree level, years, certificate and language names)."""

    model_config = ConfigDict(frozen=True)

    requirement: RequirementKind
    detail: str


class LabelledFit(BaseModel):
    """One row of screening history: the features of a resume against a
    requisition, and the recruiter's 0-100 screening score."""

    model_config = ConfigDict(frozen=True)

    requisition: str = ""
    features: tuple[float, ...]
    score: float = Field(ge=0, le=100)
    source: str = ""

    @field_validator("features")
    @classmethod
    def _width(cls, values: tuple[float, ...]) -> tuple[float, ...]:
        if len(values) != len(FIT_FEATURE_NAMES):
            raise ValueError(f"{len(values)} features, expected {len(FIT_FEATURE_NAMES)}")
        return values


@lru_cache(maxsize=4096)
def _pattern(term: str) -> re.Pattern[str]:
    """A term as found in folded text: Chinese anywhere, English at a word start
    (and at a word end too for terms of up to three letters: "r", "sql")."""
    if _CJK_RE.search(term):
        return re.compile(re.escape(term))
    end = r"(?![a-z0-9+#])" if len(term) <= 3 else ""
    return re.compile(r"(?<![a-z0-9+#])" + re.escape(term) + end)


def _has(text: str, term: str) -> bool:
    return _pattern(term).search(text) is not None


def _words(text: str) -> list[str]:
    """Content words of a short text (a title): English words and jieba's Chinese words."""
    folded = normalise_text(text).casefold()
    english = [w for w in _EN_WORD.findall(folded) if len(w) >= 3]
    chinese = [w for w in segment_chinese(folded) if len(w) >= 2]
    return [w for w in (*english, *chinese) if w not in _TITLE_STOP]


def _fields_of(text: str) -> list[str]:
    folded = normalise_text(text).casefold()
    return [field for field, stems in MAJOR_FIELDS.items() if any(_has(folded, s) for s in stems)]


def _dedupe(values: Iterable[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        if value and value not in out:
            out.append(value)
    return out


def fit_profile(requisition: Requisition, analysis: JdAnalysis | None = None) -> FitProfile:
    """Prepare a requisition for scoring (pass the stored analysis to skip redoing it)."""
    analysis = analysis if analysis is not None else analyse(requisition)
    fields: list[str] = []
    terms: list[str] = []
    for entry in requisition.majors:
        if entry in MAJOR_FIELDS:
            fields.append(entry)
        else:
            terms.append(entry)
            fields.extend(_fields_of(entry))
    if not requisition.majors:
        fields.extend(_fields_of(requisition.jd))
    keywords = analysis.keywords[:COVERAGE_KEYWORDS]
    return FitProfile(
        requisition_id=requisition.id,
        skills=_dedupe([*requisition.skills, *analysis.skills]),
        keywords=keywords,
        title_terms=_dedupe(
            t
            for t in (*_words(requisition.title), *analysis.keywords[:TITLE_KEYWORDS])
            if t not in _TITLE_STOP
        ),
        major_fields=_dedupe(fields),
        major_terms=_dedupe(terms),
        requirements=requisition.requirements,
    )


_DEGREE_WORDS = {
    "high_school": "a high-school diploma",
    "associate": "an associate degree",
    "bachelor": "a bachelor's degree",
    "master": "a master's degree",
    "doctorate": "a doctorate",
}


def resume_languages(resume: ParsedResume) -> set[str]:
    """Languages the resume shows, its own language included."""
    own = "chinese" if resume.language == "zh" else "english"
    return {*resume.languages, own}


def unmet_requirements(
    resume: ParsedResume, requirements: HardRequirements
) -> list[UnmetRequirement]:
    """Every hard requirement the resume does not show, each with its reason."""
    unmet: list[UnmetRequirement] = []
    wanted = requirements.min_degree
    best = resume.highest_degree
    if wanted is not None and (best is None or DEGREE_RANK[best] < DEGREE_RANK[wanted]):
        found = "no degree was found" if best is None else f"the highest found is {best}"
        unmet.append(
            UnmetRequirement(
                requirement="min_degree",
                detail=f"requires {_DEGREE_WORDS[wanted]} or higher; {found}",
            )
        )
    if resume.years_of_experience < requirements.min_years:
        unmet.append(
            UnmetRequirement(
                requirement="min_years",
                detail=(
                    f"requires at least {requirements.min_years:g} years of experience; "
                    f"the resume shows {resume.years_of_experience:g}"
                ),
            )
        )
    held = set(resume.certificates)
    for certificate in requirements.certificates:
        if certificate not in held:
            unmet.append(
                UnmetRequirement(
                    requirement="certificate",
                    detail=f"requires the certificate '{certificate}'; not found",
                )
            )
    spoken = resume_languages(resume)
    for language in requirements.languages:
        if language not in spoken:
            unmet.append(
                UnmetRequirement(requirement="language", detail=f"requires {language}; not found")
            )
    return unmet


def _share(wanted: Sequence[str], found: Iterable[str]) -> float:
    if not wanted:
        return 1.0
    have = set(found)
    return sum(1 for item in wanted if item in have) / len(wanted)


def _major_relevance(resume: ParsedResume, profile: FitProfile) -> float:
    best = 0.0
    for entry in resume.education:
        if not entry.major:
            continue
        major = normalise_text(entry.major).casefold()
        if any(_has(major, t) for t in profile.major_terms) or set(_fields_of(major)) & set(
            profile.major_fields
        ):
            return 1.0
        if any(_has(major, k) for k in profile.keywords):
            best = 0.5
    return best


def fit_vector(resume: ParsedResume, profile: FitProfile) -> tuple[float, ...]:
    """The features in ``FIT_FEATURE_NAMES`` order (see the module doc)."""
    requirements = profile.requirements
    facts = " | ".join(
        [
            *resume.skills,
            *resume.certificates,
            *(e.major for e in resume.education if e.major),
            *(w.title for w in resume.work_history if w.title),
            *(w.employer for w in resume.work_history if w.employer),
        ]
    )
    facts = normalise_text(facts).casefold()
    best = resume.highest_degree
    level = DEGREE_RANK[best] if best is not None else -1
    minimum = requirements.min_degree
    titles = [normalise_text(w.title).casefold() for w in resume.work_history if w.title]
    relevant = sum(1 for t in titles if any(_has(t, term) for term in profile.title_terms))
    sections = (
        resume.education,
        resume.work_history,
        resume.skills,
        resume.certificates,
        resume.languages,
    )
    unmet = unmet_requirements(resume, requirements)
    return (
        _share(profile.skills, resume.skills),
        (
            sum(1 for k in profile.keywords if _has(facts, k)) / len(profile.keywords)
            if profile.keywords
            else 0.0
        ),
        float(level),
        1.0 if minimum is None or level >= DEGREE_RANK[minimum] else 0.0,
        float(resume.years_of_experience),
        round(resume.years_of_experience - requirements.min_years, 4),
        _share(requirements.certificates, resume.certificates),
        float(min(len(resume.certificates), MAX_CERTIFICATES)),
        _major_relevance(resume, profile),
        _share(requirements.languages, resume_languages(resume)),
        relevant / len(resume.work_history) if resume.work_history else 0.0,
        0.0 if unmet else 1.0,
        sum(1 for section in sections if section) / len(sections),
    )


def fit_features(resume: ParsedResume, profile: FitProfile) -> dict[str, float]:
    """The same features by name, for reports and tests."""
    return dict(zip(FIT_FEATURE_NAMES, fit_vector(resume, profile), strict=True))

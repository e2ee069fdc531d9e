"""A seeded simulation of screening history: SYNTHETIC labels, not real recruiters.

hireloop ships a resume fit model before any company has screened a single
resume with it. The baseline is trained on the rows made here, so anyone can
see exactly what it learned: the relationship below, nothing more. Every row
carries ``source = "simulated-screening/1 seed=<seed>"`` and the model card
of a model trained on it says plainly that the data is a simulation. Train
on your own recruiters' screening scores (``hireloop fit train``) before
relying on it.

How a data set is made (``simulate(rows, seed)``; everything is drawn from
``numpy.random.default_rng(seed)``, so the same arguments give the same rows):

1. Requisitions. Row ``k`` screens against ``REQUISITIONS[k % 4]``: a
   graduate credit-risk analyst (English JD, bachelor, English required),
   a bank customer-service representative (Chinese JD, associate degree,
   the banking qualification required), a backend engineer (English JD,
   bachelor, two years) and an audit associate (Chinese JD, bachelor, one
   year, the junior accountant title required).
2. The applicant. A latent fit ``u ~ N(0, 1)`` drives a ``ParsedResume``
   (``sigmoid(x) = 1 / (1 + e^-x)``, ``z`` a fresh standard normal):
   language: the JD's with probability 0.75; education: none with
   probability 0.03, else a degree of rank ``clip(round(r + 0.4 + 0.5 u +
   0.7 z), 0, 4)`` around the required rank ``r`` (bachelor when none), with a
   relevant major with probability ``sigmoid(1.2 u + 0.4)``; skills: each
   wanted skill with probability ``sigmoid(1.4 u - 0.3)`` plus
   ``Poisson(2)`` unrelated ones (none at all with probability 0.04);
   certificates: the required one with probability ``sigmoid(u + 1)``,
   each other relevant one with ``sigmoid(u - 1)``, plus ``Poisson(0.3)``
   unrelated ones; languages: the required one listed with probability
   ``sigmoid(u + 1.5)``, Japanese with 0.1; experience: ``max(0, m + 0.5 +
   u + 1.2 z)`` years around the minimum ``m`` as one to three consecutive
   jobs up to the as-of month, each with a title from the job family with
   probability ``sigmoid(u)``, else an unrelated one.
3. Features. ``domain.screening.fit_features.fit_vector`` of that resume against the
   requisition: the simulation goes through the real feature code.
4. The recruiter's score, from the features only (a panel of 6 recruiters,
   recruiter ``j`` with a fixed leniency ``b_j ~ N(0, 4)``, one drawn per
   row)::

       q = 24 skill_overlap + 10 keyword_coverage + 10 major_relevance
           + 2.5 max(degree_level, 0) + 4 degree_meets_minimum
           + 2 clip(years_over_minimum, -2, 3) + 6 certificate_match
           + 1.5 min(certificate_count, 4) + 4 language_match
           + 8 relevant_experience + 4 completeness
       score = clip(10 + q + b_j + 6 z, 0, 100)
       score = score / 2 when meets_hard_requirements is 0

   rounded to 0.1: recruiters value skills most, then relevant majors,
   internships and keywords; they rarely pass someone who misses a hard
   requirement.

The simulation is learnable by design. What it cannot tell you is whether
real recruiters behave this way; that is what real labels are for.
"""

import math

import numpy as np
import numpy.typing as npt

from adapters.ml.provenance import SCREENING_SIMULATION
from domain.screening.fit_features import (
    FIT_FEATURE_NAMES,
    FitProfile,
    LabelledFit,
    fit_profile,
    fit_vector,
)
from domain.screening.requisition import HardRequirements, Requisition
from domain.screening.resume import (
    DEGREE_RANK,
    Degree,
    Education,
    ParsedResume,
    ResumeLanguage,
    WorkEntry,
    detect_language,
)
from domain.screening.resume import years_of_experience as covered_years

SIMULATION_VERSION = f"{SCREENING_SIMULATION}/1"
RECRUITERS = 6
AS_OF = "2025-06"

Array = npt.NDArray[np.float64]

_DEGREES: tuple[Degree, ...] = ("high_school", "associate", "bachelor", "master", "doctorate")

# fmt: off
REQUISITIONS: tuple[Requisition, ...] = (
    Requisition(
        id="sim-credit-risk-analyst",
        title="Graduate Credit Risk Analyst",
        jd=(
            "Analyse corporate and retail credit applications, build scorecards with SQL, "
            "Python and Excel, monitor portfolio risk and present findings to the credit "
            "committee. Strong analytical and communication skills; financial analysis and "
            "credit analysis; risk management. FRM or CFA Level I is a plus."
        ),
        competencies={"logical_reasoning": 0.4, "risk_awareness": 0.3, "communication": 0.3},
        requirements=HardRequirements(min_degree="bachelor", languages=["english"]),
        majors=["finance", "economics", "mathematics_statistics"],
        pass_threshold=60,
    ),
    Requisition(
        id="sim-customer-service",
        title="客户服务代表",
        jd=(
            "负责网点客户服务，解答客户咨询，处理客户投诉；推介理财产品，完成营销任务。"
            "具备良好的沟通能力和团队合作精神，服务意识强；熟练使用Excel和办公软件；"
            "须持有银行从业资格证书。"
        ),
        competencies={"service_awareness": 0.4, "communication": 0.35, "teamwork": 0.25},
        requirements=HardRequirements(
            min_degree="associate", certificates=["banking qualification"]
        ),
        majors=["business", "finance"],
        pass_threshold=55,
    ),
    Requisition(
        id="sim-backend-engineer",
        title="Backend Software Engineer",
        jd=(
            "Design and build backend services in Python and Java on Linux, with SQL "
            "databases, Redis, Docker and Git. Algorithms and data structures; teamwork "
            "in a fast-paced environment."
        ),
        competencies={"job_knowledge": 0.5, "logical_reasoning": 0.3, "teamwork": 0.2},
        requirements=HardRequirements(min_degree="bachelor", min_years=2, languages=["english"]),
        majors=["computing", "engineering"],
        pass_threshold=60,
    ),
    Requisition(
        id="sim-audit-associate",
        title="审计专员",
        jd=(
            "负责财务报表审计和内控测试，进行财务分析；熟练使用Excel，熟悉会计准则；"
            "须具备初级会计职称，注册会计师优先；细致严谨，有团队合作精神。"
        ),
        competencies={"job_knowledge": 0.4, "attention_to_detail": 0.35, "integrity": 0.25},
        requirements=HardRequirements(
            min_degree="bachelor", min_years=1, certificates=["junior accountant"]
        ),
        majors=["accounting", "finance"],
        pass_threshold=60,
    ),
)

_RELEVANT: dict[str, dict[str, tuple[str, ...]]] = {
    "sim-credit-risk-analyst": {
        "majors": ("Finance", "金融学", "Economics", "经济学", "Statistics", "统计学"),
        "titles": ("Credit Risk Intern", "Risk Analyst", "Credit Analyst Intern",
                   "Risk Management Intern"),
        "certificates": ("frm", "cfa level i", "cfa"),
    },
    "sim-customer-service": {
        "majors": ("市场营销", "Marketing", "工商管理", "Business Administration", "金融学"),
        "titles": ("客户服务代表", "大堂经理助理", "客服专员", "客户经理助理"),
        "certificates": ("banking qualification", "fund qualification"),
    },
    "sim-backend-engineer": {
        "majors": ("Computer Science", "计算机科学与技术", "Software Engineering", "软件工程",
                   "Electronic Information Engineering"),
        "titles": ("Backend Engineer", "Software Engineer Intern", "Java Developer",
                   "Backend Software Engineer"),
        "certificates": ("aws solutions architect associate", "soft exam intermediate"),
    },
    "sim-audit-associate": {
        "majors": ("会计学", "Accounting", "审计学", "财务管理", "Financial Management"),
        "titles": ("审计助理", "审计专员", "财务审计实习生", "Audit Intern"),
        "certificates": ("junior accountant", "cpa", "acca"),
    },
}
_OTHER_MAJORS = ("History", "历史学", "Chemistry", "化学", "Nursing", "护理学", "Fine Arts",
                 "美术学", "Agronomy", "农学", "Sports Science", "体育教育")
_OTHER_TITLES = ("Sales Intern", "Teaching Assistant", "Barista", "销售实习生", "行政助理",
                 "Event Volunteer", "家教", "Warehouse Assistant")
_OTHER_SKILLS = ("photoshop", "figma", "autocad", "negotiation", "public speaking", "tableau",
                 "matlab", "react", "android", "digital marketing", "product management",
                 "spss", "stata", "vue", "html", "css")
_OTHER_CERTIFICATES = ("teacher qualification", "ncre level 2", "pmp", "ccna", "csm")
_EMPLOYERS = ("China Merchants Bank", "招商银行", "Tencent", "腾讯", "Deloitte", "德勤",
              "Ping An", "平安集团", "Local Bakery", "Student Union")
# fmt: on


def source_label(seed: int) -> str:
    """The provenance written into each simulated row."""
    return f"{SIMULATION_VERSION} seed={seed}"


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _month(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _resume(
    rng: np.random.Generator, requisition: Requisition, profile: FitProfile, u: float
) -> ParsedResume:
    relevant = _RELEVANT[requisition.id]
    own: ResumeLanguage = detect_language(requisition.jd)
    other: ResumeLanguage = "en" if own == "zh" else "zh"
    language = own if rng.random() < 0.75 else other
    z = rng.standard_normal

    education: list[Education] = []
    if rng.random() >= 0.03:
        required = requisition.requirements.min_degree or "bachelor"
        rank = int(np.clip(round(DEGREE_RANK[required] + 0.4 + 0.5 * u + 0.7 * z()), 0, 4))
        pool = relevant["majors"] if rng.random() < _sigmoid(1.2 * u + 0.4) else _OTHER_MAJORS
        major = None if rng.random() < 0.05 else str(rng.choice(pool))
        education.append(Education(degree=_DEGREES[rank], major=major))

    skills: list[str] = []
    if rng.random() >= 0.04:
        skills = [s for s in profile.skills if rng.random() < _sigmoid(1.4 * u - 0.3)]
        extra = int(min(rng.poisson(2.0), len(_OTHER_SKILLS)))
        skills += [str(s) for s in rng.choice(_OTHER_SKILLS, size=extra, replace=False)]

    required_certs = set(requisition.requirements.certificates)
    certificates = [
        c
        for c in relevant["certificates"]
        if rng.random() < _sigmoid(u + 1.0 if c in required_certs else u - 1.0)
    ]
    extra = int(min(rng.poisson(0.3), len(_OTHER_CERTIFICATES)))
    certificates += [str(c) for c in rng.choice(_OTHER_CERTIFICATES, size=extra, replace=False)]

    languages = [
        lang for lang in requisition.requirements.languages if rng.random() < _sigmoid(u + 1.5)
    ]
    if rng.random() < 0.1:
        languages.append("japanese")

    years = max(0.0, requisition.requirements.min_years + 0.5 + u + 1.2 * float(z()))
    months = round(years * 12)
    work: list[WorkEntry] = []
    if months > 0:
        jobs = min(int(rng.integers(1, 4)), months)
        lengths = [months // jobs + (1 if i < months % jobs else 0) for i in range(jobs)]
        end = 2025 * 12 + 5  # AS_OF
        ongoing = rng.random() < 0.5
        for i, length in enumerate(reversed(lengths)):
            start = end - length + 1
            pool = relevant["titles"] if rng.random() < _sigmoid(u) else _OTHER_TITLES
            work.append(
                WorkEntry(
                    employer=str(rng.choice(_EMPLOYERS)),
                    title=str(rng.choice(pool)),
                    start=_month(start),
                    end=None if (i == 0 and ongoing) else _month(end),
                )
            )
            end = start - 1
        work.reverse()
    return ParsedResume(
        language=language,
        education=education,
        work_history=work,
        years_of_experience=covered_years(work, AS_OF),
        skills=skills,
        certificates=certificates,
        languages=languages,
        as_of=AS_OF,
    )


def recruiter_quality(features: Array) -> Array:
    """The part of the simulated score that the features explain (see module doc, step 4)."""
    f = {name: features[:, i] for i, name in enumerate(FIT_FEATURE_NAMES)}
    return np.asarray(
        24 * f["skill_overlap"]
        + 10 * f["keyword_coverage"]
        + 10 * f["major_relevance"]
        + 2.5 * np.maximum(f["degree_level"], 0)
        + 4 * f["degree_meets_minimum"]
        + 2 * np.clip(f["years_over_minimum"], -2, 3)
        + 6 * f["certificate_match"]
        + 1.5 * np.minimum(f["certificate_count"], 4)
        + 4 * f["language_match"]
        + 8 * f["relevant_experience"]
        + 4 * f["completeness"],
        dtype=np.float64,
    )


def simulate(rows: int, seed: int) -> list[LabelledFit]:
    """``rows`` synthetic screening decisions, reproducible from ``seed`` (see module doc)."""
    if rows < 0:
        raise ValueError("rows must not be negative")
    rng = np.random.default_rng(seed)
    profiles = [fit_profile(r) for r in REQUISITIONS]
    matrix = np.zeros((rows, len(FIT_FEATURE_NAMES)), dtype=np.float64)
    for k in range(rows):
        which = k % len(REQUISITIONS)
        resume = _resume(rng, REQUISITIONS[which], profiles[which], float(rng.standard_normal()))
        matrix[k] = fit_vector(resume, profiles[which])
    matrix = np.asarray(np.round(matrix, 6), dtype=np.float64)

    leniency = rng.normal(0.0, 4.0, size=RECRUITERS)
    recruiter = rng.integers(0, RECRUITERS, size=rows)
    noise = rng.standard_normal(rows)
    scores = np.clip(10 + recruiter_quality(matrix) + leniency[recruiter] + 6 * noise, 0, 100)
    meets = matrix[:, FIT_FEATURE_NAMES.index("meets_hard_requirements")]
    final = np.round(np.where(meets > 0, scores, scores / 2), 1)

    label = source_label(seed)
    return [
        LabelledFit(
            requisition=REQUISITIONS[k % len(REQUISITIONS)].id,
            features=tuple(float(v) for v in matrix[k]),
            score=float(final[k]),
            source=label,
        )
        for k in range(rows)
    ]

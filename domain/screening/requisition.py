"""Job requisitions and what a job description says: pure, no I/O.

A requisition is what HR opens before screening starts: an id (a slug, used
in commands and events), the title, the JD text, the competency model
(dimension -> weight, the weights summing to 1), hard requirements (minimum
degree, certificates, minimum years, languages), the skills and majors the
job wants, the fit-score line for the AI interview and the talent-pool
percentile. It holds no PII: it describes a job, not a person.

JD analysis (``analyse_jd``) turns the free text into

* ``skills`` and ``certificates``: the same canonical names the resume
  parser produces (``domain.screening.resume.SKILL_ALIASES`` and
  ``CERTIFICATE_ALIASES``), so a Chinese JD that asks for 数据分析 matches an
  English resume listing "data analysis";
* ``keywords``: the JD's content words, ranked. Chinese runs are segmented
  with ``jieba`` (its dictionary plus the canonical skill and competency
  phrases as extra words, so 客户服务 and 机器学习 stay whole) and ranked by
  tf-idf with jieba's idf table; English runs are split into words and
  ranked by frequency. Boilerplate (岗位职责, "responsibilities", ...) and
  stop words are dropped;
* ``competencies``: recommended competency dimensions, from the documented
  phrase table ``COMPETENCY_PHRASES`` below ("customer service"/"客户服务" ->
  ``service_awareness``), each with the phrases that triggered it.

Why rules and a table rather than a model: HR must be able to see why a
dimension was recommended, and a phrase list is something a recruiting
manager can read and extend. Recommendations are advice: the competency
model in the requisition is what counts.

jieba and purity: the segmenter is built once, lazily, from the dictionary
shipped inside the jieba package (reading package data, like importing a
module). Its own initialiser would also write a cache file to the temp
directory, so it is bypassed: nothing here writes anywhere, and the result
depends only on the text and the jieba version.
"""

import hashlib
import json
import math
import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from domain.screening.resume import (
    _CJK,
    CERTIFICATE_ALIASES,
    LANGUAGE_NAMES,
    SKILL_ALIASES,
    Degree,
    _alias_key,
    detect_language,
    normalise_text,
)

JD_ANALYSIS_VERSION = "jd-analysis/1"
"""Stored with each analysis so a requisition's keywords can be traced to the rules."""

SLUG = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
DIMENSION = r"^[a-z][a-z0-9_]{0,63}$"
WEIGHT_TOLERANCE = 1e-6
MAX_KEYWORDS = 25

# --------------------------------------------------------------------------
# The competency phrase table
# --------------------------------------------------------------------------

# fmt: off
COMPETENCY_PHRASES: dict[str, tuple[str, ...]] = {
    "service_awareness": (
        "customer service", "client service", "serve customers", "serving customers",
        "customer satisfaction", "customer experience", "customer needs", "complaint",
        "hospitality", "客户服务", "服务意识", "服务客户", "客户满意", "客户体验", "客户需求",
        "客户投诉", "投诉", "客服", "服务热情",
    ),
    "communication": (
        "communicat", "interpersonal", "presentation", "articulate", "listening",
        "沟通", "表达", "交流", "演讲", "汇报",
    ),
    "teamwork": (
        "team", "collaborat", "cooperat", "cross-functional", "团队", "协作", "团队合作",
        "配合",
    ),
    "risk_awareness": (
        "risk", "compliance", "anti-money laundering", "fraud", "regulatory", "风险", "风控",
        "合规", "反洗钱", "欺诈", "内控",
    ),
    "logical_reasoning": (
        "analy", "logical", "problem solving", "quantitative", "modelling",
        "modeling", "critical thinking", "分析", "逻辑", "推理", "建模", "量化", "解决问题",
    ),
    "job_knowledge": (
        "knowledge of", "familiar with", "proficien", "expertise", "professional knowledge",
        "专业知识", "熟悉", "掌握", "精通", "专业基础",
    ),
    "learning_ability": (
        "learn quickly", "fast learner", "willing to learn", "eager to learn", "curious",
        "growth mindset", "学习能力", "快速学习", "持续学习", "求知欲",
    ),
    "stress_tolerance": (
        "pressure", "fast-paced", "tight deadline", "resilien", "抗压", "压力",
        "快节奏",
    ),
    "sales_skill": (
        "sales", "selling", "business development", "quota", "cross-sell", "销售", "营销",
        "业绩", "拓展客户", "开拓市场", "产品推介",
    ),
    "attention_to_detail": (
        "attention to detail", "detail-oriented", "accura", "meticulous",
        "细致", "细心", "严谨", "准确",
    ),
    "leadership": (
        "leadership", "lead a team", "leading a team", "mentor", "people management",
        "领导力", "带领团队", "管理团队", "领导能力",
    ),
    "integrity": (
        "integrity", "ethic", "honest", "诚信", "职业道德", "廉洁", "正直",
    ),
}
"""Dimension -> the JD phrases that suggest it. English phrases match at the
start of a word and are stems ("communicat" matches communicate,
communication), case-insensitively, a space or hyphen between words either
way; Chinese phrases match anywhere. Where phrases overlap the longest one
counts ("客户投诉" once, not also "投诉"). Custom dimensions are added here
(and to the requisition's competency model)."""
# fmt: on

_JD_SKILL_SKIP = {"office", "node", "ppt", "ts", "ps", "dl", "js", "ml", "go", "r", "c"}
"""Skill aliases that are ordinary words in a JD ("back office", "go the extra
mile"), or too short to find safely in prose. They still count when HR lists
the skill in the requisition, and "Go"/"R"/"C" count when written that way
between list delimiters (see ``_SHORT_SKILL_RE``)."""

_SHORT_SKILLS = {"R": "r", "C": "c", "Go": "go", "JS": "javascript", "ML": "machine learning"}
_SHORT_SKILL_RE = re.compile(
    r"(?:^|(?<=[\s,;/、，；(（:：]))(" + "|".join(map(re.escape, _SHORT_SKILLS)) + r")"
    r"(?=$|[\s,;/、，；)）.。]|语言)"
)

# fmt: off
_EN_STOP_WORDS = """
a about above across after again against all also am an and any are as at be because been
before being below between both but by can could did do does doing down during each either
etc few for from further had has have having he her here hers him his how i if in into is it
its itself just least less let like may me might more most must my no nor not now of off on
once only or other our ours out over own per plus please same shall she should so some such
than that the their them then there these they this those through to too under until up upon
us very via was we were what when where which while who whom why will with within without
would you your yours ability able apply applicants candidate candidates company day days
degree desirable duties excellent experience good great ideal including job join key looking
minimum new offer opportunity plus position preferred required requirement requirements
responsibilities responsible role skills strong successful support team's well work working
year years graduate national welcome
"""
_EN_STOP = frozenset(_EN_STOP_WORDS.split())
_ZH_STOP_WORDS = """
岗位职责 任职要求 任职资格 岗位要求 工作职责 职位描述 职位要求 工作内容 岗位描述 我们 公司 负责
相关 以上 具有 具备 能够 良好 优先 工作 要求 以及 进行 完成 参与 协助 其他 及时 根据 提供 包括
需要 等等 一定 较强 熟练 使用 能力 经验 学历 本科 专业 或者 以上学历 年以上 者优先 优秀 积极
主动 不限 应届 毕业生 岗位 职位 同学 我行 本行 欢迎 加入 按照 开展 做好 确保 通过 及其 对于 有关
方面 大专 硕士 博士 研究生 高中 中专 及以上 证书 持有 相关专业 任职 者 年 月
"""
_ZH_STOP = frozenset(_ZH_STOP_WORDS.split())
# fmt: on

_CJK_RUN = re.compile(f"[{_CJK}]+")
_EN_WORD = re.compile(r"[a-z][a-z0-9+#]*(?:[.-][a-z0-9+#]+)*")
_segmenter_lock = threading.Lock()
_segmenter: Any = None
_idf: tuple[dict[str, float], float] | None = None


# --------------------------------------------------------------------------
# The requisition
# --------------------------------------------------------------------------


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
        return _dedupe(canonical_certificate(v) for v in values)

    @field_validator("languages")
    @classmethod
    def _canonical_languages(cls, values: list[str]) -> list[str]:
        return _dedupe(canonical_language(v) for v in values)


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
        return _dedupe(canonical_skill(v) for v in values)

    @field_validator("majors")
    @classmethod
    def _majors(cls, values: list[str]) -> list[str]:
        return _dedupe(normalise_text(v).strip().casefold() for v in values if v.strip())


def _dedupe(values: Iterable[str]) -> list[str]:
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


# --------------------------------------------------------------------------
# JD analysis
# --------------------------------------------------------------------------


class CompetencyHint(BaseModel):
    """A recommended dimension and the JD phrases (from the table) behind it."""

    model_config = ConfigDict(frozen=True)

    dimension: str
    phrases: list[str]
    hits: int


class JdAnalysis(BaseModel):
    """What the rules found in a JD; stored with the requisition."""

    model_config = ConfigDict(frozen=True)

    version: str = JD_ANALYSIS_VERSION
    language: Literal["en", "zh"]
    keywords: list[str]
    skills: list[str]
    certificates: list[str]
    competencies: list[CompetencyHint]

    @property
    def recommended_dimensions(self) -> list[str]:
        return [hint.dimension for hint in self.competencies]


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    if _CJK_RUN.search(phrase):
        return re.compile(re.escape(phrase))
    words = [re.escape(w) for w in re.split(r"[\s-]+", phrase)]
    return re.compile(r"(?<![a-z0-9])" + r"[\s-]+".join(words))


_PHRASE_PATTERNS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    dimension: [(p, _phrase_pattern(p)) for p in sorted(phrases, key=len, reverse=True)]
    for dimension, phrases in COMPETENCY_PHRASES.items()
}


def recommend_competencies(text: str) -> list[CompetencyHint]:
    """Dimensions whose phrases occur in ``text``: most hits first, then table order.
    ``phrases`` lists the table's phrases that matched, in order of first mention."""
    folded = normalise_text(text).casefold()
    hints: list[CompetencyHint] = []
    for dimension, phrases in _PHRASE_PATTERNS.items():
        taken: list[tuple[int, int]] = []
        first: dict[str, int] = {}
        for phrase, pattern in phrases:
            for match in pattern.finditer(folded):
                if any(match.start() < e and s < match.end() for s, e in taken):
                    continue
                taken.append(match.span())
                first.setdefault(phrase, match.start())
        if taken:
            hints.append(
                CompetencyHint(
                    dimension=dimension,
                    phrases=sorted(first, key=first.__getitem__),
                    hits=len(taken),
                )
            )
    order = list(COMPETENCY_PHRASES)
    return sorted(hints, key=lambda h: (-h.hits, order.index(h.dimension)))


def _alias_pattern(alias: str) -> re.Pattern[str] | None:
    if _CJK_RUN.search(alias):
        return None
    return re.compile(r"(?<![a-z0-9+#])" + re.escape(alias) + r"(?![a-z0-9+#])")


_SKILL_PATTERNS = [
    (alias, canonical, _alias_pattern(alias))
    for alias, canonical in sorted(SKILL_ALIASES.items(), key=lambda kv: -len(kv[0]))
    if alias not in _JD_SKILL_SKIP
]
_CERT_PATTERNS = [
    (alias, canonical, _alias_pattern(alias))
    for alias, canonical in sorted(CERTIFICATE_ALIASES.items(), key=lambda kv: -len(kv[0]))
]


def _find_terms(
    folded: str, patterns: Sequence[tuple[str, str, re.Pattern[str] | None]]
) -> list[tuple[int, str]]:
    """(first position, canonical name) of every alias found; the longest alias wins
    a span, so "data structures and algorithms" is not also "algorithms"."""
    taken: list[tuple[int, int]] = []
    found: dict[str, int] = {}
    for alias, canonical, pattern in patterns:
        spans = (
            [(m.start(), m.end()) for m in re.finditer(re.escape(alias), folded)]
            if pattern is None
            else [(m.start(), m.end()) for m in pattern.finditer(folded)]
        )
        for start, end in spans:
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            found[canonical] = min(found.get(canonical, start), start)
    return sorted((position, name) for name, position in found.items())


def jd_skills(text: str) -> list[str]:
    """Canonical skills named in a JD, in order of first mention."""
    normal = normalise_text(text)
    found = _find_terms(normal.casefold(), _SKILL_PATTERNS)
    for match in _SHORT_SKILL_RE.finditer(normal):
        found.append((match.start(), _SHORT_SKILLS[match.group(1)]))
    return _dedupe(name for _, name in sorted(found))


def jd_certificates(text: str) -> list[str]:
    """Canonical certificates named in a JD, in order of first mention."""
    return [name for _, name in _find_terms(normalise_text(text).casefold(), _CERT_PATTERNS)]


def _jieba() -> tuple[Any, dict[str, float], float]:
    """The segmenter and idf table, built once per process without writing a cache."""
    global _segmenter, _idf
    with _segmenter_lock:
        if _segmenter is None or _idf is None:
            import jieba
            import jieba.analyse

            tokenizer = jieba.Tokenizer()
            tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
            tokenizer.initialized = True
            extra = [a for a in (*SKILL_ALIASES, *CERTIFICATE_ALIASES) if _CJK_RUN.search(a)]
            extra += [p for ps in COMPETENCY_PHRASES.values() for p in ps if _CJK_RUN.search(p)]
            for word in sorted(set(extra)):
                tokenizer.add_word(word, 2000)
            table = jieba.analyse.default_tfidf
            _idf = (dict(table.idf_freq), float(table.median_idf))
            _segmenter = tokenizer
        return _segmenter, _idf[0], _idf[1]


def segment_chinese(text: str) -> list[str]:
    """jieba's words of the Chinese runs in ``text`` (other characters dropped)."""
    runs = _CJK_RUN.findall(normalise_text(text))
    if not runs:
        return []
    tokenizer, _, _ = _jieba()
    return [word for run in runs for word in tokenizer.cut(run, HMM=True)]


def jd_keywords(text: str, limit: int = MAX_KEYWORDS) -> list[str]:
    """The JD's content words, best first: canonical skills, then tf-idf ranked words.

    Chinese words need two or more characters; English words three or more
    letters, not stop words. Ties keep the order of first mention.
    """
    normal = normalise_text(text)
    folded = normal.casefold()
    keywords = _dedupe([*jd_skills(normal), *jd_certificates(normal)])
    scores: dict[str, float] = {}
    first: dict[str, int] = {}
    if _CJK_RUN.search(normal):
        _, idf, median = _jieba()
        words = [w for w in segment_chinese(normal) if len(w) >= 2 and w not in _ZH_STOP]
        for position, (word, tf) in enumerate(Counter(words).items()):
            scores[word] = tf * idf.get(word, median)
            first.setdefault(word, position)
        offset = len(first)
    else:
        median, offset = 1.0, 0
    english = [
        w for w in _EN_WORD.findall(folded) if len(w) >= 3 and w not in _EN_STOP and w[0].isalpha()
    ]
    for position, (word, tf) in enumerate(Counter(english).items()):
        scores[word] = scores.get(word, 0.0) + tf * median
        first.setdefault(word, offset + position)
    ranked = sorted(scores, key=lambda w: (-scores[w], first[w]))
    for word in ranked:
        if len(keywords) >= limit:
            break
        canonical = SKILL_ALIASES.get(word) or CERTIFICATE_ALIASES.get(word) or word
        if canonical not in keywords and not any(word in k.split() for k in keywords):
            keywords.append(canonical)
    return keywords[:limit]


def analyse_jd(text: str) -> JdAnalysis:
    """Everything the rules find in a JD (see the module doc)."""
    return JdAnalysis(
        language=detect_language(normalise_text(text)),
        keywords=jd_keywords(text),
        skills=jd_skills(text),
        certificates=jd_certificates(text),
        competencies=recommend_competencies(text),
    )


def analyse(requisition: Requisition) -> JdAnalysis:
    """The analysis of a requisition's title and JD together."""
    return analyse_jd(f"{requisition.title}\n{requisition.jd}")


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

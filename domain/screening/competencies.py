"""Recommended competency dimensions for a JD, from a documented phrase table.

``COMPETENCY_PHRASES`` maps each dimension to the phrases, in English and
Chinese, that suggest it ("customer service"/"客户服务" ->
``service_awareness``); ``recommend_competencies`` names each dimension
found with the phrases that triggered it.

Why rules and a table rather than a model: HR must be able to see why a
dimension was recommended, and a phrase list is something a recruiting
manager can read and extend. Recommendations are advice: the competency
model in the requisition is what counts.
"""

import re

from pydantic import BaseModel, ConfigDict

from domain.screening.resume import _CJK, normalise_text

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

CJK_RUN = re.compile(f"[{_CJK}]+")
"""A run of Chinese characters: phrases and aliases with one are matched as
substrings (Chinese has no spaces to mark word boundaries)."""


class CompetencyHint(BaseModel):
    """A recommended dimension and the JD phrases (from the table) behind it."""

    model_config = ConfigDict(frozen=True)

    dimension: str
    phrases: list[str]
    hits: int


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    if CJK_RUN.search(phrase):
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

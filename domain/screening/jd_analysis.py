"""What a job description says, found by rules: pure, no I/O.

``analyse_jd`` turns the free text into

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
* ``competencies``: recommended competency dimensions
  (``domain.screening.competencies``), each with the phrases that triggered it.

jieba and purity: the segmenter is built once, lazily, from the dictionary
shipped inside the jieba package (reading package data, like importing a
module). Its own initialiser would also write a cache file to the temp
directory, so it is bypassed: nothing here writes anywhere, and the result
depends only on the text and the jieba version.
"""

import re
import threading
from collections import Counter
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from domain.screening.competencies import (
    CJK_RUN,
    COMPETENCY_PHRASES,
    CompetencyHint,
    recommend_competencies,
)
from domain.screening.requisition import Requisition, dedupe
from domain.screening.resume import (
    CERTIFICATE_ALIASES,
    SKILL_ALIASES,
    detect_language,
    normalise_text,
)

JD_ANALYSIS_VERSION = "jd-analysis/1"
"""Stored with each analysis so a requisition's keywords can be traced to the rules."""
MAX_KEYWORDS = 25

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

_EN_WORD = re.compile(r"[a-z][a-z0-9+#]*(?:[.-][a-z0-9+#]+)*")
_segmenter_lock = threading.Lock()
_segmenter: Any = None
_idf: tuple[dict[str, float], float] | None = None


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


def _alias_pattern(alias: str) -> re.Pattern[str] | None:
    if CJK_RUN.search(alias):
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
    return dedupe(name for _, name in sorted(found))


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
            extra = [a for a in (*SKILL_ALIASES, *CERTIFICATE_ALIASES) if CJK_RUN.search(a)]
            extra += [p for ps in COMPETENCY_PHRASES.values() for p in ps if CJK_RUN.search(p)]
            for word in sorted(set(extra)):
                tokenizer.add_word(word, 2000)
            table = jieba.analyse.default_tfidf
            _idf = (dict(table.idf_freq), float(table.median_idf))
            _segmenter = tokenizer
        return _segmenter, _idf[0], _idf[1]


def segment_chinese(text: str) -> list[str]:
    """jieba's words of the Chinese runs in ``text`` (other characters dropped)."""
    runs = CJK_RUN.findall(normalise_text(text))
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
    keywords = dedupe([*jd_skills(normal), *jd_certificates(normal)])
    scores: dict[str, float] = {}
    first: dict[str, int] = {}
    if CJK_RUN.search(normal):
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

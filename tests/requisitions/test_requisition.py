"""Requisitions: validation with clear errors, canonical names, the content hash, JD analysis."""

import math
import tempfile
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

import domain.screening.jd_analysis as jd_module
from definitions.requisition_loader import load_requisition_file, parse_requisition
from domain.errors import UserError
from domain.screening.competencies import COMPETENCY_PHRASES, recommend_competencies
from domain.screening.jd_analysis import analyse, analyse_jd, jd_keywords, jd_skills
from domain.screening.requisition import Requisition, content_hash, talent_pool_line
from tests.requisitions.conftest import SAMPLES, credit_risk

BASE: dict[str, Any] = {
    "id": "teller-2026",
    "title": "Bank Teller",
    "jd": "Serve customers at the counter.",
    "competencies": {"service_awareness": 0.6, "communication": 0.4},
    "pass_threshold": 55,
}


def errors_of(**changes: Any) -> str:
    with pytest.raises(UserError) as caught:
        parse_requisition({**BASE, **changes}, "job.yaml")
    return str(caught.value)


def test_a_valid_requisition_keeps_its_fields() -> None:
    r = Requisition.model_validate(BASE)
    assert r.id == "teller-2026" and r.pass_threshold == 55
    assert r.talent_pool_percentile == 90  # the default: keep the top 10 %
    assert r.requirements.min_degree is None and r.requirements.min_years == 0


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        ({"a": 0.5, "b": 0.4}, "competency weights must sum to 1, but 0.5 + 0.4 = 0.9"),
        ({"a": 60, "b": 40}, "every weight must be above 0 and at most 1; got a=60, b=40"),
        ({"a": 1.0, "b": 0.0}, "every weight must be above 0 and at most 1; got b=0"),
        ({"Risk Awareness": 1.0}, "competency name(s) 'Risk Awareness' must be lower-case"),
        ({}, "competencies: Dictionary should have at least 1 item"),
    ],
)
def test_bad_competency_weights_say_what_is_wrong(weights: dict[str, float], expected: str) -> None:
    assert expected in errors_of(competencies=weights)


def test_weights_that_sum_to_one_within_rounding_are_fine() -> None:
    r = Requisition.model_validate({**BASE, "competencies": {"a": 0.1, "b": 0.2, "c": 0.7}})
    assert math.fsum(r.competencies.values()) == pytest.approx(1.0)


def test_every_problem_is_listed_at_once_with_its_field() -> None:
    message = errors_of(
        id="Teller 2026",
        pass_threshold=150,
        requirements={"min_degree": "phd", "languages": ["klingon"], "min_yaers": 2},
        colour="blue",
    )
    assert message.startswith("job.yaml has 6 problem(s):")
    assert "  - id: 'Teller 2026' is not an id: use lower-case letters, digits and -" in message
    assert "  - pass_threshold: Input should be less than or equal to 100" in message
    assert "  - requirements.min_degree: Input should be 'high_school', 'associate'" in message
    assert "requirements.languages: unknown language 'klingon'; known languages: chinese" in message
    assert "  - requirements.min_yaers: unknown field (check the spelling)" in message
    assert "  - colour: unknown field (check the spelling)" in message


def test_missing_fields_are_named() -> None:
    with pytest.raises(UserError, match=r"  - jd: required field is missing"):
        parse_requisition({k: v for k, v in BASE.items() if k != "jd"}, "job.yaml")
    with pytest.raises(UserError, match="expected a mapping of fields"):
        parse_requisition(["not", "a", "mapping"], "job.yaml")


def test_names_are_canonicalised_like_the_resume_parser_does() -> None:
    r = Requisition.model_validate(
        {
            **BASE,
            "skills": ["机器学习", "ML", "Python3", "Excel"],
            "requirements": {
                "min_degree": "bachelor",
                "certificates": ["注册会计师", "CPA", "银行从业资格证"],
                "languages": ["英语", "English", "普通话"],
            },
        }
    )
    assert r.skills == ["machine learning", "python", "excel"]
    assert r.requirements.certificates == ["cpa", "banking qualification"]
    assert r.requirements.languages == ["english", "chinese"]


def test_the_content_hash_ignores_layout_but_not_content() -> None:
    one = credit_risk()
    reordered = Requisition.model_validate(dict(reversed(list(one.model_dump().items()))))
    assert content_hash(one) == content_hash(reordered)
    assert content_hash(one) != content_hash(credit_risk(pass_threshold=61))


def test_the_shipped_samples_are_valid() -> None:
    english = load_requisition_file(SAMPLES / "credit_risk_analyst.yaml")
    chinese = load_requisition_file(SAMPLES / "customer_service_zh.yaml")
    assert english.requirements.min_degree == "bachelor"
    assert chinese.requirements.certificates == ["banking qualification"]
    assert chinese.requirements.languages == ["chinese"]
    assert sorted(p.name for p in SAMPLES.glob("*.yaml")) == [
        "credit_risk_analyst.yaml",
        "customer_service_zh.yaml",
    ]


def test_bad_files_are_user_errors(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such file"):
        load_requisition_file(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\ntitle: [unclosed\n")
    with pytest.raises(UserError, match=r"broken.yaml: YAML syntax error at line 3"):
        load_requisition_file(broken)
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("title: caf\xe9".encode("latin-1"))
    with pytest.raises(UserError, match="not UTF-8"):
        load_requisition_file(latin1)


# --------------------------------------------------------------------------
# JD analysis
# --------------------------------------------------------------------------

EN_JD = (
    "Graduate Credit Risk Analyst. Analyse corporate credit applications and build "
    "scorecards with SQL, Python and Excel. Monitor fraud and anti-money laundering alerts. "
    "Strong communication skills and teamwork in a fast-paced team. Serve customers well. "
    "CFA Level I or FRM is a plus; R or SAS welcome. Back office experience is fine."
)
ZH_JD = (
    "岗位职责：负责网点客户服务工作，解答客户咨询，处理客户投诉，提升客户满意度；"
    "推介理财产品，完成营销业绩；做好反洗钱和风险防范。任职要求：具备良好的沟通能力和"
    "团队合作精神，服务意识强，能承受工作压力；熟练使用Excel；持有银行从业资格证书；"
    "了解机器学习者优先。"
)


def test_english_jd_skills_certificates_and_keywords() -> None:
    analysis = analyse_jd(EN_JD)
    assert analysis.language == "en"
    assert analysis.skills == [
        "sql",
        "python",
        "excel",
        "anti-money laundering",
        "communication",
        "teamwork",
        "r",
        "sas",
    ]
    # "Back office" is not Microsoft Office, and "Serve" is not the skill "r".
    assert "microsoft office" not in analysis.skills
    assert analysis.certificates == ["cfa level i", "frm"]
    assert analysis.keywords[: len(analysis.skills)] == analysis.skills
    rest = analysis.keywords[len(analysis.skills) + 2 :]
    assert {"credit", "scorecards", "analyst", "fraud"} <= set(rest)
    assert not {"and", "with", "strong", "the", "skills"} & set(analysis.keywords)


def test_english_recommended_dimensions_come_from_the_table_with_their_phrases() -> None:
    hints = {h.dimension: h for h in recommend_competencies(EN_JD)}
    assert hints["risk_awareness"].phrases == ["risk", "fraud", "anti-money laundering"]
    assert hints["logical_reasoning"].phrases == ["analy"]  # Analyst, Analyse
    assert hints["logical_reasoning"].hits == 2
    assert hints["teamwork"].phrases == ["team"] and hints["teamwork"].hits == 2
    assert hints["communication"].phrases == ["communicat"]
    assert hints["stress_tolerance"].phrases == ["fast-paced"]
    assert hints["service_awareness"].phrases == ["serve customers"]
    assert next(iter(hints)) == "risk_awareness"  # most hits first
    assert "sales_skill" not in hints


def test_chinese_jd_uses_canonical_names_and_jieba_words() -> None:
    analysis = analyse_jd(ZH_JD)
    assert analysis.language == "zh"
    assert analysis.skills == [
        "customer service",
        "marketing",
        "anti-money laundering",
        "communication",
        "teamwork",
        "excel",
        "machine learning",
    ]
    assert analysis.certificates == ["banking qualification"]
    words = analysis.keywords[len(analysis.skills) + 1 :]
    assert {"客户投诉", "服务意识", "理财产品", "网点"} <= set(words)
    # Boilerplate and the Chinese forms of matched skills are not repeated.
    assert not {"岗位职责", "任职要求", "负责", "具备", "客户服务", "反洗钱"} & set(words)


def test_chinese_recommended_dimensions() -> None:
    hints = {h.dimension: h for h in recommend_competencies(ZH_JD)}
    assert next(iter(hints)) == "service_awareness"
    assert hints["service_awareness"].phrases == ["客户服务", "客户投诉", "客户满意", "服务意识"]
    assert hints["service_awareness"].hits == 4  # 客户投诉 once, not also 投诉
    assert hints["teamwork"].phrases == ["团队合作"]
    assert hints["risk_awareness"].phrases == ["反洗钱", "风险"]
    assert hints["communication"].phrases == ["沟通"]
    assert hints["stress_tolerance"].phrases == ["压力"]
    assert hints["sales_skill"].phrases == ["营销", "业绩"]
    # 机器学习 is a skill, not a sign of learning ability.
    assert "learning_ability" not in hints


def test_every_table_phrase_recommends_its_dimension() -> None:
    for dimension, phrases in COMPETENCY_PHRASES.items():
        for phrase in phrases:
            found = [h.dimension for h in recommend_competencies(f"... {phrase} ...")]
            assert dimension in found, (dimension, phrase)


def test_keywords_across_languages_in_one_jd() -> None:
    mixed = "负责数据分析，使用Python和SQL建模；quantitative modelling of credit risk"
    assert jd_skills(mixed)[:3] == ["data analysis", "python", "sql"]
    keywords = jd_keywords(mixed)
    assert "建模" in keywords and "quantitative" in keywords
    assert analyse(credit_risk()).recommended_dimensions[0] == "logical_reasoning"


def test_segmenter_writes_no_cache_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """jieba's own initialiser dumps a cache into the temp directory; ours must not."""
    created: list[str] = []

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        created.append("mkstemp")
        raise AssertionError("no files")

    monkeypatch.setattr(jd_module, "_segmenter", None)
    monkeypatch.setattr(jd_module, "_idf", None)
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    assert "客户服务" in [w for w in jd_module.segment_chinese("负责客户服务工作")]
    assert created == []


def test_talent_pool_line_keeps_the_top_share() -> None:
    scores = [float(s) for s in range(1, 21)]  # 1..20
    assert talent_pool_line(scores, 90) == 19.0  # top 10 %: 19 and 20
    assert talent_pool_line(scores, 0) == 1.0  # everyone
    assert talent_pool_line(scores, 100) == math.inf  # nobody
    assert talent_pool_line([5.0, 5.0, 5.0], 50) == 5.0  # ties at the line all stay
    with pytest.raises(ValueError, match="percentile"):
        talent_pool_line(scores, 101)


def test_requisitions_are_immutable_values() -> None:
    r = credit_risk()
    with pytest.raises(ValidationError):
        r.title = "changed"

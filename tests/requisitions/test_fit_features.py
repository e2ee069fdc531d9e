"""Fit features of hand-built resumes, and the hard-requirement reasons."""

import pytest

from domain.screening.fit_features import (
    FIT_FEATURE_NAMES,
    fit_features,
    fit_profile,
    fit_vector,
    unmet_requirements,
)
from domain.screening.requisition import HardRequirements, Requisition
from domain.screening.resume import Education, ParsedResume, WorkEntry
from tests.requisitions.conftest import credit_risk


def resume(**fields: object) -> ParsedResume:
    return ParsedResume.model_validate({"language": "en", "as_of": "2025-06", **fields})


STRONG = resume(
    education=[
        Education(degree="bachelor", major="Economics"),
        Education(degree="master", major="Finance"),
    ],
    work_history=[
        WorkEntry(
            title="Credit Risk Intern",
            employer="China Merchants Bank",
            start="2024-07",
            end="2024-12",
        ),
        WorkEntry(title="Barista", employer="Cafe", start="2023-07", end="2023-08"),
    ],
    years_of_experience=0.7,
    skills=["sql", "python", "excel", "financial analysis", "credit analysis", "communication"],
    certificates=["cfa level i"],
    languages=["english", "chinese"],
)
WEAK = resume(
    language="zh",
    education=[Education(degree="associate", major="护理学")],
    skills=["photoshop"],
)


def test_profile_collects_what_the_requisition_wants() -> None:
    profile = fit_profile(credit_risk())
    # Listed skills first, then the JD's, without repeats.
    assert profile.skills == [
        "sql", "python", "excel", "financial analysis", "credit analysis", "communication",
        "teamwork",
    ]  # fmt: skip
    assert profile.major_fields == ["finance", "mathematics_statistics"]
    assert profile.major_terms == ["statistics"]
    assert {"credit", "risk", "analyst"} <= set(profile.title_terms)
    assert "graduate" not in profile.title_terms


def test_a_strong_resume() -> None:
    f = fit_features(STRONG, fit_profile(credit_risk()))
    assert list(f) == list(FIT_FEATURE_NAMES)
    assert f["skill_overlap"] == pytest.approx(6 / 7)  # all but teamwork
    assert f["degree_level"] == 3 and f["degree_meets_minimum"] == 1
    assert f["years_of_experience"] == 0.7 and f["years_over_minimum"] == 0.7
    assert f["certificate_match"] == 1  # nothing required
    assert f["certificate_count"] == 1
    assert f["major_relevance"] == 1  # Finance is in a wanted field
    assert f["language_match"] == 1
    assert f["relevant_experience"] == 0.5  # the internship, not the café
    assert f["meets_hard_requirements"] == 1
    assert f["completeness"] == 1
    assert 0.5 < f["keyword_coverage"] <= 1


def test_a_weak_resume() -> None:
    f = fit_features(WEAK, fit_profile(credit_risk()))
    assert f["skill_overlap"] == 0 and f["keyword_coverage"] == 0
    assert f["degree_level"] == 1 and f["degree_meets_minimum"] == 0
    assert f["major_relevance"] == 0 and f["relevant_experience"] == 0
    assert f["language_match"] == 0  # English required; a Chinese resume shows Chinese
    assert f["meets_hard_requirements"] == 0
    assert f["completeness"] == pytest.approx(2 / 5)  # education and skills


def test_an_empty_resume_has_every_feature_defined() -> None:
    values = fit_vector(resume(), fit_profile(credit_risk()))
    assert len(values) == len(FIT_FEATURE_NAMES)
    f = dict(zip(FIT_FEATURE_NAMES, values, strict=True))
    assert f["degree_level"] == -1 and f["completeness"] == 0
    assert f["language_match"] == 1  # an English resume shows English


def test_skills_match_across_languages() -> None:
    chinese_jd = credit_risk(jd="负责数据分析和风险管理，熟练使用Excel", skills=[])
    english = resume(skills=["data analysis", "risk management", "excel"])
    assert fit_features(english, fit_profile(chinese_jd))["skill_overlap"] == 1


def test_major_keyword_overlap_is_half_relevant() -> None:
    req = credit_risk(majors=["accounting"])
    major = resume(education=[Education(degree="bachelor", major="Risk Management")])
    assert fit_features(major, fit_profile(req))["major_relevance"] == 0.5


def test_majors_in_chinese_and_jd_derived_fields() -> None:
    zh = resume(education=[Education(degree="bachelor", major="金融学")])
    assert fit_features(zh, fit_profile(credit_risk()))["major_relevance"] == 1
    # Without majors in the requisition, fields named in the JD count.
    no_majors = credit_risk(majors=[], jd="Statistics or mathematics graduates; SQL.")
    stats = resume(education=[Education(degree="master", major="Applied Statistics")])
    assert fit_profile(no_majors).major_fields == ["mathematics_statistics"]
    assert fit_features(stats, fit_profile(no_majors))["major_relevance"] == 1


def test_unmet_requirements_name_each_reason() -> None:
    requirements = HardRequirements(
        min_degree="master",
        min_years=3,
        certificates=["cpa", "frm"],
        languages=["english", "japanese"],
    )
    candidate = resume(
        education=[Education(degree="bachelor")],
        years_of_experience=1.5,
        certificates=["frm"],
        languages=["english"],
    )
    unmet = unmet_requirements(candidate, requirements)
    assert [(u.requirement, u.detail) for u in unmet] == [
        ("min_degree", "requires a master's degree or higher; the highest found is bachelor"),
        ("min_years", "requires at least 3 years of experience; the resume shows 1.5"),
        ("certificate", "requires the certificate 'cpa'; not found"),
        ("language", "requires japanese; not found"),
    ]
    assert unmet_requirements(resume(), HardRequirements(min_degree="associate"))[0].detail == (
        "requires an associate degree or higher; no degree was found"
    )
    assert unmet_requirements(STRONG, credit_risk().requirements) == []


def test_a_chinese_resume_shows_chinese() -> None:
    req = credit_risk(requirements=HardRequirements(languages=["普通话"]))
    assert unmet_requirements(WEAK, req.requirements) == []
    assert fit_features(WEAK, fit_profile(req))["language_match"] == 1


def test_features_depend_only_on_the_inputs() -> None:
    profile = fit_profile(credit_risk())
    assert fit_vector(STRONG, profile) == fit_vector(STRONG.model_copy(), profile)
    other = Requisition.model_validate(credit_risk().model_dump() | {"id": "other-id"})
    assert fit_vector(STRONG, fit_profile(other)) == fit_vector(STRONG, profile)

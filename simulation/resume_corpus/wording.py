"""How resumes write dates and degrees: the styles seen in real resumes
(``2019.09-2023.06``, ``2019年9月 - 至今``, ``Sep 2019 – Present``,
``2019-09 to 2023-06``, ``09/2019 - 06/2023``) and degree names in both
languages, with or without the major."""

import random
from dataclasses import dataclass

from domain.screening.resume import ResumeLanguage
from simulation.resume_corpus.model import YM, School
from simulation.resume_corpus.vocabulary import pick

_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# fmt: off
_EN_MONTHS_LONG = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
# fmt: on


def date_style(rng: random.Random, language: ResumeLanguage) -> str:
    if language == "en":
        return rng.choice(("mon", "month", "slash", "iso", "dot"))
    return rng.choice(("dot", "dot_sp", "cn", "slash", "tilde"))


def fmt_point(ym: YM, style: str) -> str:
    return {
        "mon": f"{_EN_MONTHS[ym.month - 1]} {ym.year}",
        "month": f"{_EN_MONTHS_LONG[ym.month - 1]} {ym.year}",
        "slash": f"{ym.month:02d}/{ym.year}",
        "iso": f"{ym.year}-{ym.month:02d}",
        "dot": f"{ym.year}.{ym.month:02d}",
        "dot_sp": f"{ym.year}.{ym.month:02d}",
        "cn": f"{ym.year}年{ym.month}月",
        "slash_zh": f"{ym.year}/{ym.month:02d}",
        "tilde": f"{ym.year}-{ym.month:02d}",
    }[style]


def fmt_range(start: YM, end: YM | None, style: str, language: ResumeLanguage, present: str) -> str:
    point_style = "slash_zh" if (language == "zh" and style == "slash") else style
    sep = {
        "mon": " – ",
        "month": " - ",
        "slash": " - ",
        "iso": " to ",
        "dot": " – ",
        "dot_sp": " - ",
        "cn": " - ",
        "tilde": " ~ ",
    }[style]
    if language == "zh":
        sep = {"dot": "-", "slash": " — "}.get(style, sep)
    right = present if end is None else fmt_point(end, point_style)
    return f"{fmt_point(start, point_style)}{sep}{right}"


@dataclass
class Style:
    dates: str
    present: str
    bullet: str
    sep: str


def edu_dates(school: School, style: Style, language: ResumeLanguage, rng: random.Random) -> str:
    text = fmt_range(school.start, school.end, style.dates, language, style.present)
    if school.expected:
        text += " (expected)" if language == "en" else "（预计）"
    return text


def degree_text(school: School, language: ResumeLanguage, rng: random.Random, short: bool) -> str:
    major = school.major
    if language == "zh":
        return pick(
            rng,
            {
                "high_school": ("高中",),
                "associate": ("大专", "专科"),
                "bachelor": ("本科", "学士", "本科（学士）", "大学本科"),
                "master": ("硕士", "硕士研究生", "研究生"),
                "doctorate": ("博士", "博士研究生"),
            }[school.degree],
        )
    if short or major is None:
        return pick(
            rng,
            {
                "high_school": ("High School Diploma",),
                "associate": ("Associate Degree", "Associate of Science"),
                "bachelor": (
                    "Bachelor of Science",
                    "Bachelor of Arts",
                    "B.Sc.",
                    "Bachelor's degree",
                ),
                "master": ("Master of Science", "M.Sc.", "Master's degree", "MSc"),
                "doctorate": ("Ph.D.", "PhD", "Doctor of Philosophy"),
            }[school.degree],
        )
    if major == "Business Administration" and school.degree == "master":
        return "Master of Business Administration (MBA)"
    return pick(
        rng,
        {
            "high_school": (f"High School Diploma, {major}",),
            "associate": (f"Associate of Applied Science in {major}", f"Associate Degree, {major}"),
            "bachelor": (
                f"Bachelor of Science in {major}",
                f"B.Sc. in {major}",
                f"B.S., {major}",
                f"Bachelor of Arts in {major}",
                f"BEng {major}",
                f"Bachelor's degree, {major}",
            ),
            "master": (
                f"Master of Science in {major}",
                f"M.Sc. {major}",
                f"MSc in {major}",
                f"Master of Arts in {major}",
                f"M.Eng. in {major}",
            ),
            "doctorate": (f"Ph.D. in {major}", f"Doctor of Philosophy in {major}", f"PhD, {major}"),
        }[school.degree],
    )

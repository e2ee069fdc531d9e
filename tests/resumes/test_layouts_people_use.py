"""The parser on what resumes written independently of the generator taught
(issue 8): heading variants, dates in Markdown emphasis, bulleted entries,
a major inside a labelled degree, names in split header lines and info
tables, and skill and certificate lists as people write them."""

import pytest

from domain.screening.resume import extract


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("## Where I've worked", "work"),
        ("TEACHING EXPERIENCE", "work"),
        ("Professional Background", "work"),
        ("Research Positions", "work"),
        ("工作背景", "work"),
        ("💼 工作经历", "work"),
        ("EXPERIENCE 工作经历", "work"),
        ("— 实习经历 —", "work"),
        ("ACADEMIC QUALIFICATIONS", "education"),
        ("Education & Credentials", "education"),
        ("## Studies", "education"),
        ("教育背景 Education", "education"),
        ("🎓 教育背景", "education"),
        ("Technical Expertise", "skills"),
        ("TOOLS & SOFTWARE", "skills"),
        ("Languages & Tools", "skills"),
        ("PROFESSIONAL DEVELOPMENT", "certificates"),
        ("证书与语言", "certificates"),
        ("LANGUAGES SPOKEN", "languages"),
        ("Summary of Qualifications", "other"),
        ("Volunteer Work", "other"),
        ("科研成果", "other"),
    ],
)
def test_headings_are_named_by_their_words(heading: str, section: str) -> None:
    lines = {
        "work": "Analyst | Acme Corp | 2020.01 - 2021.06",
        "education": "Test University | B.Sc. | Physics | 2019",
        "skills": "Figma, Sketch",
        "certificates": "PMP",
        "languages": "English, Welsh",
        "other": "Analyst | Acme Corp | 2020.01 - 2021.06",
    }
    text = f"Jane Roe\n{heading}\n{lines[section]}\n"
    parsed, _ = extract(text, as_of="2025-06")
    found = {
        "work": [w.employer for w in parsed.work_history],
        "education": [e.school for e in parsed.education],
        "skills": parsed.skills,
        "certificates": parsed.certificates,
        "languages": parsed.languages,
    }
    expected = {
        "work": ["Acme Corp"],
        "education": ["Test University"],
        "skills": ["figma", "sketch"],
        "certificates": ["pmp"],
        "languages": ["english", "welsh"],
    }
    for name, values in found.items():
        assert values == (expected[name] if name == section else []), name


def test_list_items_shaped_like_headings_stay_items() -> None:
    text = (
        "Jane Roe\nSkills\n- Project Management\n- R语言\n- Software\n"
        "证书\n法律职业资格证书\n教师资格证书\n"
    )
    parsed, _ = extract(text, as_of="2025-06")
    assert parsed.skills == ["project management", "r", "software"]
    assert parsed.certificates == ["legal professional qualification", "teacher qualification"]


@pytest.mark.parametrize(
    "line",
    [
        "**Acme Corp** — Analyst, *Mar 2020 – Present*",
        "Analyst · Acme Corp · _Mar 2020 – Present_",
        "- Mar 2020 – Present | Acme Corp | Analyst",
        "- Analyst, Acme Corp, Mar 2020 – Present",
    ],
)
def test_dates_in_markdown_emphasis_and_bulleted_entries(line: str) -> None:
    parsed, _ = extract(f"## Experience\n{line}\n- Led the 2021–2022 migration\n", as_of="2025-06")
    assert [(w.employer, w.title, w.start, w.end) for w in parsed.work_history] == [
        ("Acme Corp", "Analyst", "2020-03", None)
    ]


def test_the_major_inside_a_labelled_degree() -> None:
    text = (
        "Education\nInstitution: University of Leeds\nDegree: MChem in Chemistry\n"
        "Dates: 2010 – 2014\n"
    )
    parsed, _ = extract(text, as_of="2025-06")
    assert [(e.degree, e.school, e.major, e.graduation_year) for e in parsed.education] == [
        ("master", "University of Leeds", "Chemistry", 2014)
    ]


@pytest.mark.parametrize(
    ("head", "name"),
    [
        ("姓名 | 赵一鸣 | 性别 | 男", "赵一鸣"),
        ("王 欣 怡\n求职意向：产品经理", "王欣怡"),
        ("何俊杰 · 算法工程师", "何俊杰"),
        ("黄诗雨 Shiyu Huang", "黄诗雨"),
        ("Tang Yifan 唐一帆", "唐一帆"),
        ("Dr. Miriam Katz", "Miriam Katz"),
        ("Resume of Tomasz Wierzbicki", "Tomasz Wierzbicki"),
        ("— 教育背景 —\n2016.09-2020.06 北京大学 硕士", None),
    ],
)
def test_names_in_header_lines_and_info_tables(head: str, name: str | None) -> None:
    _, contact = extract(f"{head}\n", as_of="2025-06")
    assert contact.name == name


def test_a_name_below_a_sidebar_is_the_one_the_email_spells() -> None:
    text = (
        "Contact\nnadia.haddad@example.com\nSkills\nRevit\nAutoCAD\n"
        "Nadia Haddad\nArchitect\nExperience\nJunior Architect | Cedar Line Studio | 2016 - 2019\n"
    )
    _, contact = extract(text, as_of="2025-06")
    assert contact.name == "Nadia Haddad"


def test_skill_lists_as_people_write_them() -> None:
    text = (
        "Skills\n"
        "Python for data processing, Excel (VBA), 视频剪辑（Premiere）, Python (advanced)\n"
        "熟练使用CATIA、AutoCAD等三维设计软件；了解Docker和Nginx的基本使用\n"
        "Portuguese (native), English (C2)\n"
    )
    parsed, _ = extract(text, as_of="2025-06")
    assert parsed.skills == [
        "python", "excel", "vba", "视频剪辑", "premiere", "catia", "autocad", "docker", "nginx"
    ]  # fmt: skip
    assert parsed.languages == ["portuguese", "english"]


def test_certificates_without_their_issuers_and_prizes() -> None:
    text = (
        "Certifications\nRegistered Nurse, Arizona State Board of Nursing\nCFA Level I, 2020\n"
        "FMVA (Financial Modeling & Valuation Analyst)\nTOEIC 905\n"
        "证书\n电子设计竞赛省一等奖、Python\n"
    )
    parsed, _ = extract(text, as_of="2025-06")
    assert parsed.certificates == ["registered nurse", "cfa level i", "fmva"]
    assert parsed.languages == ["english"]
    assert parsed.skills == ["python"]

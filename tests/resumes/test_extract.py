"""The pure parser on resumes written by hand, not by the corpus generator,
in layouts the generator does not produce, and on its individual rules."""

from datetime import date

import pytest

from domain.screening.resume import (
    PARSER_VERSION,
    WorkEntry,
    detect_language,
    extract,
    national_id_valid,
    normalise_skills,
    years_of_experience,
)

US_RESUME = """JANE DOE
123 Main Street, Boston, MA 02115 • (617) 555-0199 • jane.doe@example.com • linkedin.com/in/janedoe

SUMMARY
Data analyst with four years of experience in retail analytics.

PROFESSIONAL EXPERIENCE
Acme Retail Inc., Boston, MA                                  June 2021 – Present
Senior Data Analyst
• Built Tableau dashboards used by 40 store managers
Globex Corporation, New York, NY                         Aug 2019 – May 2021
Data Analyst
• Automated weekly sales reporting

EDUCATION
Boston University, Boston, MA                                    May 2019
B.A. in Economics, magna cum laude

SKILLS
Languages: Python, R, SQL
Tools: Tableau, Excel, Git

CERTIFICATIONS
Google Data Analytics Professional Certificate, 2020
"""

ZH_RESUME = """求职意向：数据分析师
姓    名：李雷          性    别：男
出生年月：1998.05       政治面貌：共青团员
联系电话：186-0101-2323   电子邮箱：lilei@163.com
身份证号：11010519491231002X
教育经历
2016年9月—2020年6月    南京大学    统计学    本科/学士
2020年9月—2023年6月    南京大学    应用统计    硕士
实习经历
2022.03-2022.08 | 中信证券股份有限公司 | 研究部 | 实习生
• 协助分析师完成行业数据整理
2023年7月 - 至今  招商银行深圳分行  客户经理
技能证书
CET-6、计算机二级、证券从业资格
专业技能
熟练使用Python（pandas、numpy）、SQL；熟悉Tableau
"""

STUDENT_RESUME = """Li Na
Tel: (+86) 139 1111 2222 | E-mail: lina@pku.edu.cn
EDUCATION
Peking University | Beijing, China | 09/2021 – 07/2025 (expected)
Bachelor of Economics, School of Economics | GPA: 3.75/4.00 (Top 10%)
INTERNSHIPS
China International Capital Corporation Limited (CICC) | Investment Banking Division | \
Summer Analyst | 06/2024 – 08/2024
- Drafted prospectus sections for two IPOs
SKILLS & INTERESTS
Computer: Python, Stata, MS Office; Languages: English (TOEFL 110), Mandarin (native)
"""


def test_us_style_resume() -> None:
    parsed, contact = extract(US_RESUME, as_of="2025-06")
    assert contact.name == "Jane Doe"
    assert contact.email == "jane.doe@example.com"
    assert contact.phone == "6175550199"  # no country code given, so none is guessed
    assert [(e.degree, e.school, e.major, e.graduation_year) for e in parsed.education] == [
        ("bachelor", "Boston University", "Economics", 2019)
    ]
    assert [(w.employer, w.title, w.start, w.end) for w in parsed.work_history] == [
        ("Acme Retail Inc.", "Senior Data Analyst", "2021-06", None),
        ("Globex Corporation", "Data Analyst", "2019-08", "2021-05"),
    ]
    assert parsed.years_of_experience == pytest.approx(5.9)
    # "Languages:" inside SKILLS lists programming languages.
    assert parsed.skills == ["python", "r", "sql", "tableau", "excel", "git"]
    assert parsed.languages == []
    assert parsed.certificates == ["google data analytics"]
    assert parsed.language == "en"


def test_chinese_job_board_resume() -> None:
    parsed, contact = extract(ZH_RESUME, as_of=date(2025, 6, 15))
    assert contact.name == "李雷"
    assert contact.phone == "+8618601012323"
    assert contact.email == "lilei@163.com"
    assert contact.national_id == "11010519491231002X"
    assert [(e.degree, e.school, e.major, e.graduation_year) for e in parsed.education] == [
        ("bachelor", "南京大学", "统计学", 2020),
        ("master", "南京大学", "应用统计", 2023),
    ]
    assert [(w.employer, w.title, w.start, w.end) for w in parsed.work_history] == [
        ("中信证券股份有限公司", "实习生", "2022-03", "2022-08"),
        ("招商银行深圳分行", "客户经理", "2023-07", None),
    ]
    assert parsed.years_of_experience == pytest.approx(2.5)  # 6 + 24 months
    assert parsed.skills == ["python", "pandas", "numpy", "sql", "tableau"]
    assert parsed.certificates == ["ncre level 2", "securities qualification"]
    assert parsed.languages == ["english"]  # from CET-6 among the certificates
    assert parsed.language == "zh"
    assert parsed.highest_degree == "master"
    assert parsed.as_of == "2025-06" and parsed.parser_version == PARSER_VERSION


def test_english_resume_of_a_chinese_student() -> None:
    parsed, contact = extract(STUDENT_RESUME, as_of="2025-06")
    assert (contact.name, contact.phone, contact.email) == (
        "Li Na",
        "+8613911112222",
        "lina@pku.edu.cn",
    )
    assert [(e.degree, e.school, e.major, e.graduation_year) for e in parsed.education] == [
        ("bachelor", "Peking University", "Economics", 2025)
    ]
    assert [(w.employer, w.title) for w in parsed.work_history] == [
        ("China International Capital Corporation Limited (CICC)", "Summer Analyst")
    ]
    assert parsed.skills == ["python", "stata", "microsoft office"]
    assert parsed.languages == ["english", "chinese"]


def test_the_parsed_facts_carry_no_contact_pii() -> None:
    for text in (US_RESUME, ZH_RESUME, STUDENT_RESUME):
        parsed, contact = extract(text, as_of="2025-06")
        dumped = parsed.model_dump_json()
        for value in (contact.name, contact.email, contact.phone, contact.national_id):
            assert value is None or value not in dumped
        digits = (contact.phone or "").lstrip("+")
        assert not digits or digits[-8:] not in dumped


@pytest.mark.parametrize(
    ("written", "start", "end"),
    [
        ("2019.09-2023.06", "2019-09", "2023-06"),
        ("2019年9月 - 至今", "2019-09", None),
        ("Sep 2019 – Present", "2019-09", None),
        ("2019-09 to 2023-06", "2019-09", "2023-06"),
        ("09/2019 - 06/2023", "2019-09", "2023-06"),
        ("September 2019 - June 2023", "2019-09", "2023-06"),
        ("2019/09 — 2023/06", "2019-09", "2023-06"),
        ("2019-09 ~ 2023-06", "2019-09", "2023-06"),
        ("Jan. 2020 - Current", "2020-01", None),
        ("2018 - 2021", "2018-01", "2021-01"),
        ("2021.3-今", "2021-03", None),
    ],
)
def test_date_ranges(written: str, start: str, end: str | None) -> None:
    parsed, _ = extract(f"Experience\nAnalyst, Acme Corp  {written}\n", as_of="2025-06")
    assert [(w.start, w.end) for w in parsed.work_history] == [(start, end)]


@pytest.mark.parametrize(
    ("written", "degree"),
    [
        ("本科", "bachelor"), ("学士", "bachelor"), ("工学学士", "bachelor"),
        ("硕士", "master"), ("研究生", "master"), ("硕士研究生", "master"),
        ("博士", "doctorate"), ("博士研究生", "doctorate"), ("大专", "associate"),
        ("高中", "high_school"), ("B.Sc.", "bachelor"), ("Bachelor of Arts", "bachelor"),
        ("MBA", "master"), ("M.S.", "master"), ("Ph.D.", "doctorate"),
        ("Associate Degree", "associate"), ("High School Diploma", "high_school"),
    ],
)  # fmt: skip
def test_degrees_are_normalised(written: str, degree: str) -> None:
    parsed, _ = extract(f"Education\nTest University | {written} | 2020\n", as_of="2025-06")
    assert [e.degree for e in parsed.education] == [degree]


def test_overlapping_jobs_count_once_and_open_jobs_run_to_as_of() -> None:
    work = [
        WorkEntry(employer="A", title="Analyst", start="2020-01", end="2020-12"),
        WorkEntry(employer="B", title="Analyst", start="2020-07", end="2021-06"),  # overlaps A
        WorkEntry(employer="C", title="Analyst", start="2022-01", end=None),
        WorkEntry(employer="D", title="Analyst", start="2030-01", end=None),  # future: nothing
    ]
    # 2020-01..2021-06 = 18 months, 2022-01..2022-12 = 12 months
    assert years_of_experience(work, "2022-12") == 2.5
    assert years_of_experience([], "2022-12") == 0.0


def test_national_id_checksum() -> None:
    assert national_id_valid("11010519491231002X")
    assert not national_id_valid("110105194912310021")
    # An 18-digit number with a wrong check digit is neither an ID nor a phone.
    _, contact = extract("Name: Wei Zhang\nStudent No.: 110105194912310021\n", as_of="2025-06")
    assert contact.national_id is None and contact.phone is None


@pytest.mark.parametrize(
    ("written", "phone"),
    [
        ("+86 138 0013 8000", "+8613800138000"),
        ("138-0013-8000", "+8613800138000"),
        ("(+86) 138 0013 8000", "+8613800138000"),
        ("+86-13800138000", "+8613800138000"),
        ("+1 (415) 555-0134", "+14155550134"),
        ("+44 20 7946 0958", "+442079460958"),
        ("电话：010-62781234", "01062781234"),
    ],
)
def test_phones_are_normalised(written: str, phone: str) -> None:
    _, contact = extract(f"Wei Zhang\n{written}\n", as_of="2025-06")
    assert contact.phone == phone


def test_skills_are_canonical_across_languages() -> None:
    assert normalise_skills(["机器学习", "ML", "Machine Learning", "K8s", "熟悉Golang等"]) == [
        "machine learning",
        "kubernetes",
        "go",
    ]
    assert normalise_skills(["数据结构与算法", "CI/CD", "Python/Java", "Figma"]) == [
        "data structures and algorithms",
        "ci/cd",
        "python",
        "java",
        "figma",
    ]


def test_language_tests_are_languages_not_certificates() -> None:
    parsed, _ = extract(
        "证书\n英语六级（CET-6）、日语N2、注册会计师（CPA），2021年\n", as_of="2025-06"
    )
    assert parsed.certificates == ["cpa"]
    assert parsed.languages == ["english", "japanese"]


def test_language_detection() -> None:
    assert detect_language("Python, SQL, machine learning") == "en"
    assert detect_language("熟练掌握Python、SQL和机器学习，熟悉数据分析") == "zh"
    assert detect_language("Wei Zhang (张伟), Software Engineer at ByteDance in Beijing") == "en"


def test_text_without_sections_yields_contacts_and_nothing_else() -> None:
    parsed, contact = extract("张伟\n13800138000\nzhangwei@qq.com\n", as_of="2025-06")
    assert contact.name == "张伟" and contact.phone == "+8613800138000"
    assert parsed.education == [] and parsed.work_history == [] and parsed.skills == []
    assert parsed.years_of_experience == 0.0

"""A seeded corpus of synthetic resumes with known ground truth.

What it makes: ``generate(out_dir, count, seed)`` invents ``count``
applicants and writes one resume file for each, alternating English and
Chinese and cycling through PDF, DOCX, plain text and Markdown, each in one
of five layouts (``classic``, ``compact``, ``labelled``, ``sidebar`` with two
columns, ``table``). ``broken=N`` adds N deliberately unreadable files, one
per kind in turn (password-protected PDF and DOCX, image-only PDF, a scanned
PNG, truncated PDF and DOCX, binary junk named .txt, a .docx that is not one,
empty and blank files, an oversized PDF, RTF, OpenDocument and legacy .doc).
Every file comes with its truth (``ResumeTruth``: the ``ParsedResume`` and
``ContactDetails`` a perfect parser would return) and, for broken files, the
``ProblemReason`` the reader must give. ``manifest.jsonl`` in ``out_dir``
lists them all. File names are numbers: names of real resume files carry PII.

How: the applicants are drawn from one ``random.Random(seed)``: names
(Chinese with their pinyin, and international), contacts (PRC mobiles and
foreign numbers in several spellings, e-mails derived from the name, valid
PRC resident IDs with their check digit), an education path (high school to
doctorate, students about to graduate or people up to twelve years into work),
jobs or internships (ongoing ones, and some that overlap), and skills,
certificates and languages from a vocabulary that lists for each canonical
name the ways people write it in English and in Chinese (``K8s``, ``机器学习``,
``注册会计师（CPA）``, ``英语六级``). Dates are written in the styles seen in
real resumes (``2019.09-2023.06``, ``2019年9月 - 至今``, ``Sep 2019 – Present``,
``2019-09 to 2023-06``, ``09/2019 - 06/2023``). Expected values are computed
here, independently of the parser (years of experience by counting covered
months).

Renderers: plain text and Markdown by hand, DOCX with python-docx (headings,
list paragraphs, data tables, a two-column layout table), PDF with fpdf2
(Helvetica for English; for Chinese a CJK TrueType font, subset once per run
to the characters used, so each PDF embeds a small font with a ToUnicode map).
The CJK font comes from Debian's ``fonts-wqy-microhei`` (``scripts/apt-deps.sh``)
or ``HIRELOOP_CJK_FONT``; without one, Chinese resumes that would have been
PDFs are written as DOCX instead (``cjk_font_path()`` says which applies).

The same seed gives the same applicants, layouts and texts, and the same
bytes for text, Markdown and English PDFs (fixed creation date). Chinese PDFs
and DOCX differ in their bytes between runs, not in their text: fontTools
stamps the embedded font subset, and zip entries, with the time they are made.
"""

import io
import json
import os
import random
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from domain.screening.resume import (
    ContactDetails,
    Degree,
    Education,
    ParsedResume,
    ProblemReason,
    ResumeLanguage,
    WorkEntry,
    national_id_valid,
)

AS_OF = date(2025, 6, 1)
"""The default "today" of a corpus: ongoing jobs run to this month."""

CorpusFormat = Literal["pdf", "docx", "txt", "md"]
FORMATS: tuple[CorpusFormat, ...] = ("pdf", "docx", "txt", "md")
LAYOUTS = ("classic", "compact", "labelled", "sidebar", "table")

# fmt: off
CJK_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)
# fmt: on
_FIXED_PDF_DATE = datetime(2025, 1, 1, tzinfo=UTC)


class ResumeTruth(BaseModel):
    """What a perfect parser returns for this file."""

    parsed: ParsedResume
    contact: ContactDetails


@dataclass(frozen=True)
class CorpusEntry:
    path: Path
    truth: ResumeTruth
    format: str
    language: ResumeLanguage
    layout: str
    expected_problem: ProblemReason | None = None


def cjk_font_path() -> Path | None:
    """The CJK font Chinese PDFs are drawn with, or None (then they are DOCX)."""
    configured = os.environ.get("HIRELOOP_CJK_FONT")
    for candidate in ([configured] if configured else []) + list(CJK_FONT_CANDIDATES):
        if Path(candidate).is_file():
            return Path(candidate)
    return None


# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

# fmt: off
_SURNAMES = (
    ("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"),
    ("黄", "Huang"), ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"), ("徐", "Xu"), ("孙", "Sun"),
    ("马", "Ma"), ("朱", "Zhu"), ("胡", "Hu"), ("郭", "Guo"), ("何", "He"), ("高", "Gao"),
    ("林", "Lin"), ("罗", "Luo"), ("郑", "Zheng"), ("梁", "Liang"), ("谢", "Xie"), ("宋", "Song"),
    ("唐", "Tang"), ("韩", "Han"), ("冯", "Feng"), ("邓", "Deng"), ("曹", "Cao"), ("彭", "Peng"),
    ("曾", "Zeng"), ("肖", "Xiao"), ("田", "Tian"), ("董", "Dong"), ("袁", "Yuan"), ("潘", "Pan"),
    ("蒋", "Jiang"), ("蔡", "Cai"), ("杜", "Du"), ("叶", "Ye"), ("程", "Cheng"), ("苏", "Su"),
    ("魏", "Wei"), ("丁", "Ding"), ("任", "Ren"), ("沈", "Shen"), ("欧阳", "Ouyang"),
    ("司马", "Sima"), ("诸葛", "Zhuge"), ("上官", "Shangguan"),
)
_GIVEN = (
    ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"),
    ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"),
    ("杰", "jie"), ("娟", "juan"), ("涛", "tao"), ("明", "ming"), ("超", "chao"), ("秀", "xiu"),
    ("霞", "xia"), ("平", "ping"), ("刚", "gang"), ("英", "ying"), ("华", "hua"), ("玉", "yu"),
    ("红", "hong"), ("鹏", "peng"), ("辉", "hui"), ("建", "jian"), ("文", "wen"), ("斌", "bin"),
    ("宇", "yu"), ("浩", "hao"), ("凯", "kai"), ("思", "si"), ("雨", "yu"), ("欣", "xin"),
    ("怡", "yi"), ("佳", "jia"), ("琪", "qi"), ("子", "zi"), ("涵", "han"), ("睿", "rui"),
    ("博", "bo"), ("晨", "chen"), ("梓", "zi"), ("嘉", "jia"), ("婷", "ting"), ("雪", "xue"),
    ("诺", "nuo"), ("泽", "ze"), ("昊", "hao"), ("然", "ran"), ("航", "hang"), ("远", "yuan"),
    ("俊", "jun"), ("琳", "lin"), ("晓", "xiao"), ("慧", "hui"), ("彤", "tong"), ("一", "yi"),
)
_FIRST = (
    "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David",
    "Elizabeth", "William", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Daniel", "Emily",
    "Olivia", "Ethan", "Sophia", "Liam", "Ava", "Noah", "Mia", "Lucas", "Chloe", "Grace", "Hannah",
    "Oliver", "Amelia", "Priya", "Arjun", "Ananya", "Rahul", "Fatima", "Omar", "Yuki", "Hiroshi",
    "Min-jun", "Seo-yeon", "José", "Zoë", "Renée", "Mary-Kate",
)
_LAST = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson",
    "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
    "Scott", "O'Brien", "McDonald", "Nguyen", "Patel", "Sharma", "Kim", "Park", "Tanaka", "Sato",
    "Müller", "Dubois", "Rossi", "Novak",
)
# fmt: on
_MAIL_DOMAINS_ZH = ("qq.com", "163.com", "126.com", "foxmail.com", "sina.com", "gmail.com")
_MAIL_DOMAINS_EN = ("gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com")
# fmt: off
_MOBILE_PREFIXES = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153",
    "155", "156", "157", "158", "159", "166", "176", "177", "180", "181", "182", "185", "186",
    "187", "188", "189", "198", "199",
)
_REGIONS = (
    "110105", "310104", "440305", "330106", "510107", "420111", "320102", "520102", "610113",
    "370102", "350203", "120101",
)
_CITIES = (
    ("北京", "Beijing"), ("上海", "Shanghai"), ("深圳", "Shenzhen"), ("杭州", "Hangzhou"),
    ("广州", "Guangzhou"), ("成都", "Chengdu"), ("武汉", "Wuhan"), ("南京", "Nanjing"),
    ("贵阳", "Guiyang"), ("西安", "Xi'an"),
)
# fmt: on

# (Chinese name, English name); the city for the English "School, City" line.
# fmt: off
_UNIVERSITIES = (
    ("清华大学", "Tsinghua University", 0), ("北京大学", "Peking University", 0),
    ("复旦大学", "Fudan University", 1), ("上海交通大学", "Shanghai Jiao Tong University", 1),
    ("浙江大学", "Zhejiang University", 3), ("南京大学", "Nanjing University", 7),
    ("中国科学技术大学", "University of Science and Technology of China", 7),
    ("武汉大学", "Wuhan University", 6),
    ("华中科技大学", "Huazhong University of Science and Technology", 6),
    ("中山大学", "Sun Yat-sen University", 4), ("四川大学", "Sichuan University", 5),
    ("西安交通大学", "Xi'an Jiaotong University", 9),
    ("哈尔滨工业大学", "Harbin Institute of Technology", 0), ("同济大学", "Tongji University", 1),
    ("厦门大学", "Xiamen University", 4), ("中国人民大学", "Renmin University of China", 0),
    ("北京师范大学", "Beijing Normal University", 0),
    ("对外经济贸易大学", "University of International Business and Economics", 0),
    ("上海财经大学", "Shanghai University of Finance and Economics", 1),
    ("中央财经大学", "Central University of Finance and Economics", 0),
    ("西南财经大学", "Southwestern University of Finance and Economics", 5),
    ("贵州大学", "Guizhou University", 8), ("深圳大学", "Shenzhen University", 2),
    ("北京邮电大学", "Beijing University of Posts and Telecommunications", 0),
    ("电子科技大学", "University of Electronic Science and Technology of China", 5),
    ("中国科学院大学", "University of Chinese Academy of Sciences", 0),
)
_FOREIGN_UNIVERSITIES = (
    ("University of Oxford", "Oxford"), ("Imperial College London", "London"),
    ("University College London", "London"), ("Massachusetts Institute of Technology", "Boston"),
    ("Stanford University", "Stanford"), ("University of Toronto", "Toronto"),
    ("National University of Singapore", "Singapore"),
    ("The University of Hong Kong", "Hong Kong"), ("University of Michigan", "Ann Arbor"),
    ("New York University", "New York"), ("University of Edinburgh", "Edinburgh"),
    ("University of Melbourne", "Melbourne"), ("Columbia University", "New York"),
    ("Duke University", "Durham"),
)
_COLLEGES = (
    ("深圳职业技术学院", "Shenzhen Polytechnic"),
    ("北京财贸职业学院", "Beijing College of Finance and Commerce"),
    ("贵州交通职业技术学院", "Guizhou Communications Polytechnic"),
    ("浙江金融职业学院", "Zhejiang Financial College"),
)
_HIGH_SCHOOLS = (
    "北京市第四中学", "贵阳市第一中学", "华南师范大学附属中学", "杭州第二中学", "南京外国语学校",
    "成都七中",
)
_MAJORS = (
    ("计算机科学与技术", "Computer Science", "tech"), ("软件工程", "Software Engineering", "tech"),
    ("数据科学与大数据技术", "Data Science", "tech"),
    ("人工智能", "Artificial Intelligence", "tech"),
    ("电子信息工程", "Electronic Information Engineering", "tech"),
    ("通信工程", "Communication Engineering", "tech"), ("自动化", "Automation", "tech"),
    ("金融学", "Finance", "finance"), ("会计学", "Accounting", "finance"),
    ("经济学", "Economics", "finance"), ("统计学", "Statistics", "finance"),
    ("国际经济与贸易", "International Economics and Trade", "finance"),
    ("财务管理", "Financial Management", "finance"),
    ("数学与应用数学", "Mathematics and Applied Mathematics", "finance"),
    ("工商管理", "Business Administration", "business"), ("市场营销", "Marketing", "business"),
    ("人力资源管理", "Human Resource Management", "business"),
    ("新闻学", "Journalism", "business"),
    ("汉语言文学", "Chinese Language and Literature", "business"),
    ("心理学", "Psychology", "business"), ("法学", "Law", "business"),
    ("信息管理与信息系统", "Information Management and Information Systems", "business"),
)
_EMPLOYERS: dict[str, tuple[tuple[str, str], ...]] = {
    "tech": (
        ("华为技术有限公司", "Huawei Technologies Co., Ltd."), ("腾讯", "Tencent"),
        ("阿里巴巴集团", "Alibaba Group"), ("字节跳动", "ByteDance"), ("美团", "Meituan"),
        ("京东", "JD.com"), ("百度在线网络技术有限公司", "Baidu Inc."), ("网易", "NetEase"),
        ("小米科技有限责任公司", "Xiaomi Corporation"), ("中兴通讯", "ZTE Corporation"),
        ("蚂蚁集团", "Ant Group"), ("微软中国", "Microsoft"), ("谷歌", "Google"),
    ),
    "finance": (
        ("中国平安保险（集团）股份有限公司", "Ping An Insurance Group"),
        ("招商银行", "China Merchants Bank"),
        ("中国工商银行", "Industrial and Commercial Bank of China"), ("中国银行", "Bank of China"),
        ("中信证券", "CITIC Securities"),
        ("中国国际金融股份有限公司", "China International Capital Corporation"),
        ("贵阳银行", "Bank of Guiyang"), ("兴业银行", "Industrial Bank"),
        ("华泰证券", "Huatai Securities"), ("易方达基金", "E Fund Management"),
        ("普华永道", "PwC"), ("德勤", "Deloitte"), ("毕马威", "KPMG"), ("汇丰银行", "HSBC"),
        ("高盛", "Goldman Sachs"), ("摩根大通", "JPMorgan Chase & Co."),
    ),
    "business": (
        ("宝洁", "Procter & Gamble"), ("联合利华", "Unilever"), ("欧莱雅", "L'Oréal"),
        ("海尔集团", "Haier Group"), ("美的集团", "Midea Group"), ("蒙牛乳业", "Mengniu Dairy"),
        ("麦肯锡", "McKinsey & Company"), ("埃森哲", "Accenture"),
        ("波士顿咨询公司", "Boston Consulting Group"), ("李宁公司", "Li Ning Company"),
    ),
}
_TITLES: dict[str, tuple[tuple[str, str], ...]] = {
    "tech": (
        ("软件工程师", "Software Engineer"), ("后端开发工程师", "Backend Developer"),
        ("数据分析师", "Data Analyst"), ("算法工程师", "Algorithm Engineer"),
        ("产品经理", "Product Manager"), ("测试工程师", "QA Engineer"),
        ("前端开发工程师", "Frontend Developer"), ("数据科学家", "Data Scientist"),
    ),
    "finance": (
        ("客户经理", "Relationship Manager"), ("风险管理专员", "Risk Management Specialist"),
        ("投资银行分析师", "Investment Banking Analyst"), ("审计员", "Audit Associate"),
        ("银行柜员", "Bank Teller"), ("理财经理", "Wealth Manager"),
        ("信贷审批专员", "Credit Analyst"), ("行业研究员", "Equity Research Analyst"),
    ),
    "business": (
        ("市场专员", "Marketing Specialist"), ("品牌经理", "Brand Manager"),
        ("销售代表", "Sales Representative"), ("管理培训生", "Management Trainee"),
        ("人力资源专员", "HR Specialist"), ("运营专员", "Operations Specialist"),
        ("咨询顾问", "Consultant"), ("商业分析师", "Business Analyst"),
    ),
}
_INTERN_TITLES: dict[str, tuple[tuple[str, str], ...]] = {
    "tech": (
        ("软件开发实习生", "Software Engineering Intern"),
        ("数据分析实习生", "Data Analyst Intern"), ("产品经理实习生", "Product Management Intern"),
        ("算法实习生", "Algorithm Intern"),
    ),
    "finance": (
        ("投资银行部实习生", "Investment Banking Intern"), ("审计实习生", "Audit Intern"),
        ("风控实习生", "Risk Intern"), ("研究助理", "Research Assistant"),
    ),
    "business": (
        ("市场营销实习生", "Marketing Intern"), ("人力资源实习生", "HR Intern"),
        ("战略咨询实习生", "Strategy Consulting Intern"), ("运营实习生", "Operations Intern"),
    ),
}
# fmt: on
# canonical skill -> (English spellings, Chinese spellings); empty Chinese: written in English.
# fmt: off
_SKILLS: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "tech": {
        "python": (("Python",), ()),
        "java": (("Java",), ()),
        "javascript": (("JavaScript", "JS"), ()),
        "typescript": (("TypeScript",), ()),
        "c++": (("C++",), ()),
        "go": (("Go", "Golang"), ()),
        "sql": (("SQL",), ()),
        "mysql": (("MySQL",), ()),
        "postgresql": (("PostgreSQL", "Postgres"), ()),
        "redis": (("Redis",), ()),
        "linux": (("Linux",), ()),
        "git": (("Git",), ()),
        "docker": (("Docker",), ()),
        "kubernetes": (("Kubernetes", "K8s"), ()),
        "machine learning": (("Machine Learning", "ML"), ("机器学习",)),
        "deep learning": (("Deep Learning",), ("深度学习",)),
        "pytorch": (("PyTorch",), ()),
        "tensorflow": (("TensorFlow",), ()),
        "spark": (("Spark", "Apache Spark"), ()),
        "react": (("React", "React.js"), ()),
        "vue": (("Vue.js", "Vue"), ()),
        "spring boot": (("Spring Boot",), ()),
        "data structures and algorithms": (
            ("Data Structures and Algorithms",), ("数据结构与算法",),
        ),
        "natural language processing": (("NLP", "Natural Language Processing"), ("自然语言处理",)),
        "ci/cd": (("CI/CD",), ()),
        "figma": (("Figma",), ()),
        "graphql": (("GraphQL",), ()),
        "微服务架构": ((), ("微服务架构",)),
    },
    "finance": {
        "excel": (("Excel", "MS Excel"), ()),
        "data analysis": (("Data Analysis",), ("数据分析",)),
        "financial analysis": (("Financial Analysis",), ("财务分析",)),
        "financial modeling": (("Financial Modeling",), ("财务建模",)),
        "valuation": (("Valuation",), ("估值",)),
        "accounting": (("Accounting",), ("会计",)),
        "auditing": (("Auditing",), ("审计",)),
        "risk management": (("Risk Management",), ("风险管理",)),
        "credit analysis": (("Credit Analysis",), ("信贷分析",)),
        "anti-money laundering": (("AML", "Anti-Money Laundering"), ("反洗钱",)),
        "bloomberg": (("Bloomberg Terminal", "Bloomberg"), ()),
        "wind": (("Wind",), ("Wind资讯",)),
        "stata": (("Stata",), ()),
        "spss": (("SPSS",), ()),
        "tableau": (("Tableau",), ()),
        "power bi": (("Power BI",), ()),
        "sql": (("SQL",), ()),
        "python": (("Python",), ()),
        "r": (("R",), ()),
        "due diligence": (("Due Diligence",), ("尽职调查",)),
        "quantitative analysis": (("Quantitative Analysis",), ()),
        "柜面业务": ((), ("柜面业务",)),
    },
    "business": {
        "marketing": (("Marketing",), ("市场营销",)),
        "digital marketing": (("Digital Marketing",), ("新媒体营销",)),
        "sales": (("Sales",), ("销售",)),
        "customer service": (("Customer Service",), ("客户服务",)),
        "communication": (("Communication",), ("沟通能力",)),
        "teamwork": (("Teamwork",), ("团队合作",)),
        "public speaking": (("Public Speaking",), ("公开演讲",)),
        "negotiation": (("Negotiation",), ("商务谈判",)),
        "photoshop": (("Photoshop", "Adobe Photoshop"), ()),
        "microsoft office": (("Microsoft Office", "MS Office"), ("Office办公软件",)),
        "powerpoint": (("PowerPoint",), ()),
        "project management": (("Project Management",), ("项目管理",)),
        "a/b testing": (("A/B Testing",), ()),
        "seo": (("SEO",), ()),
        "user research": (("User Research",), ()),
        "excel": (("Excel",), ()),
        "活动策划": ((), ("活动策划",)),
    },
}
_CERTIFICATES: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "tech": {
        "aws solutions architect associate": (("AWS Certified Solutions Architect – Associate",),)
        * 2,
        "ccna": (("CCNA",), ("CCNA",)),
        "pmp": (
            ("PMP", "Project Management Professional (PMP)"), ("PMP", "项目管理专业人士（PMP）"),
        ),
        "ncre level 2": ((), ("全国计算机等级考试二级", "计算机二级")),
        "soft exam intermediate": ((), ("软考中级",)),
        "tensorflow developer certificate": (("TensorFlow Developer Certificate",), ()),
        "csm": (("Certified Scrum Master (CSM)",), ()),
    },
    "finance": {
        "cpa": (("CPA", "Certified Public Accountant (CPA)"), ("注册会计师（CPA）", "注册会计师")),
        "acca": (("ACCA",), ("ACCA",)),
        "cfa level i": (("CFA Level I",), ("CFA一级",)),
        "cfa level ii": (("CFA Level II",), ("CFA二级",)),
        "frm": (("FRM", "Financial Risk Manager (FRM)"), ("FRM", "金融风险管理师（FRM）")),
        "securities qualification": ((), ("证券从业资格证",)),
        "fund qualification": ((), ("基金从业资格",)),
        "banking qualification": ((), ("银行从业资格证书",)),
        "junior accountant": ((), ("初级会计职称",)),
    },
    "business": {
        "pmp": (("PMP",), ("PMP",)),
        "google data analytics": (("Google Data Analytics Certificate",), ()),
        "teacher qualification": ((), ("教师资格证",)),
        "legal professional qualification": ((), ("法律职业资格证书",)),
        "c1驾驶证": ((), ("C1驾驶证",)),
        "ncre level 2": ((), ("计算机二级",)),
    },
}
_DESCRIPTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "tech": (
        (
            "Built internal services used by five product teams",
            "Cut p99 latency of the search API by 40%",
            "Wrote data pipelines that feed the daily reporting dashboards",
            "Reviewed code and mentored two new engineers", "Moved the build system to containers",
        ),
        (
            "负责推荐系统的特征工程与模型迭代", "优化搜索接口性能，延迟降低百分之四十",
            "参与数据平台建设，支撑日报看板", "编写单元测试，覆盖率提升至九成",
            "与产品团队协作完成新功能上线",
        ),
    ),
    "finance": (
        (
            "Prepared credit memos for mid-sized corporate clients",
            "Built valuation models for three deals",
            "Reconciled monthly statements for the retail portfolio",
            "Screened transactions for anti-money laundering alerts",
            "Supported the audit of two listed companies",
        ),
        (
            "撰写企业客户授信报告", "搭建三个项目的估值模型", "负责零售客户月度对账",
            "参与上市公司年报审计", "协助完成反洗钱可疑交易筛查",
        ),
    ),
    "business": (
        (
            "Planned campus marketing events that reached many students",
            "Grew the brand account's followers by a third",
            "Ran weekly sales reports for the region",
            "Interviewed customers and summarised their feedback",
            "Organised onboarding for new hires",
        ),
        (
            "策划校园推广活动，覆盖二十所高校", "运营品牌公众号，粉丝增长三成", "整理区域销售周报",
            "访谈客户并汇总反馈意见", "组织新员工入职培训",
        ),
    ),
}
_COURSES = (
    ("Data Structures", "Operating Systems", "Statistics", "Microeconomics", "Databases"),
    ("数据结构", "操作系统", "概率论与数理统计", "微观经济学", "数据库原理"),
)
# fmt: on
# language -> (English spellings, Chinese spellings), level words per language
# fmt: off
_LANGUAGE_SPELLING = {
    "chinese": (("Mandarin", "Chinese", "Mandarin Chinese"), ("普通话", "中文")),
    "english": (("English",), ("英语", "英文")),
    "japanese": (("Japanese",), ("日语",)),
    "korean": (("Korean",), ("韩语",)),
    "french": (("French",), ("法语",)),
    "german": (("German",), ("德语",)),
    "cantonese": (("Cantonese",), ("粤语",)),
    "spanish": (("Spanish",), ("西班牙语",)),
}
# fmt: on
_EN_LEVELS = ("native", "fluent", "professional working proficiency", "conversational", "basic")
_ZH_LEVELS = ("母语", "流利", "熟练", "良好", "日常交流")
_ENGLISH_TESTS_EN = ("CET-6", "CET-4", "IELTS 7.5", "IELTS 7.0", "TOEFL 105", "TEM-8")
_ENGLISH_TESTS_ZH = ("CET-6", "CET-4", "雅思7.0", "托福105", "英语六级", "专业英语八级")
# fmt: off
_OTHER_TESTS = {
    "japanese": ("JLPT N2", "JLPT N1"),
    "korean": ("TOPIK 5", "TOPIK 4"),
    "french": ("DELF B2", "DELF B1"),
    "german": ("TestDaF 4", "Goethe B2"),
}
# fmt: on


# --------------------------------------------------------------------------
# Applicants
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _YM:
    year: int
    month: int

    @property
    def index(self) -> int:
        return self.year * 12 + self.month - 1

    @staticmethod
    def of(index: int) -> "_YM":
        return _YM(index // 12, index % 12 + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass
class _School:
    degree: Degree
    school: str
    major: str | None
    start: _YM
    end: _YM
    city: str
    expected: bool


@dataclass
class _Job:
    employer: str
    title: str
    start: _YM
    end: _YM | None
    city: str
    bullets: list[str]


@dataclass
class _Applicant:
    language: ResumeLanguage
    name: str
    email: str
    phone_e164: str
    phone_text: str
    national_id: str | None
    gender_zh: str
    sector: str
    schools: list[_School]
    jobs: list[_Job]
    skills: list[tuple[str, str]]  # canonical, as written
    certificates: list[tuple[str, str]]
    languages: list[tuple[str, str]]  # canonical, as written in the languages section
    language_tests_as_certificates: list[str] = field(default_factory=list)
    courses: list[str] = field(default_factory=list)
    gpa: str | None = None
    reverse: bool = True


def _national_id(rng: random.Random, birth: date, male: bool) -> str:
    sequence = rng.randrange(0, 500) * 2 + (1 if male else 0)
    body = f"{rng.choice(_REGIONS)}{birth:%Y%m%d}{sequence:03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    value = body + check
    assert national_id_valid(value)
    return value


def _ascii(value: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", value) if c.isascii() and c.isalnum()
    ).lower()


def _phone(rng: random.Random, kind: str) -> tuple[str, str]:
    """(E.164, as written)."""
    if kind == "cn":
        a, b, c = (
            rng.choice(_MOBILE_PREFIXES),
            f"{rng.randrange(10000):04d}",
            f"{rng.randrange(10000):04d}",
        )
        written = rng.choice(
            (
                f"{a}{b}{c}",
                f"{a} {b} {c}",
                f"{a}-{b}-{c}",
                f"+86 {a} {b} {c}",
                f"+86-{a}{b}{c}",
                f"(+86) {a}-{b}-{c}",
                f"+86 {a}{b}{c}",
            )
        )
        return f"+86{a}{b}{c}", written
    if kind == "us":
        area, mid, last = (
            rng.choice(("415", "212", "617", "206")),
            "555",
            f"{rng.randrange(100, 200):04d}",
        )
        written = rng.choice(
            (f"+1 ({area}) {mid}-{last}", f"+1 {area}-{mid}-{last}", f"+1 {area} {mid} {last}")
        )
        return f"+1{area}{mid}{last}", written
    mid, last = f"{rng.randrange(7000, 8000)}", f"{rng.randrange(10000):04d}"
    written = rng.choice((f"+44 20 {mid} {last}", f"+44 20{mid}{last}", f"+44-20-{mid}-{last}"))
    return f"+4420{mid}{last}", written


def _pick(rng: random.Random, options: Sequence[str]) -> str:
    return options[rng.randrange(len(options))]


def _applicant(rng: random.Random, language: ResumeLanguage, as_of: date) -> _Applicant:
    now = _YM(as_of.year, as_of.month)
    chinese_person = language == "zh" or rng.random() < 0.6
    male = rng.random() < 0.5
    surname_zh, surname_py = rng.choice(_SURNAMES)
    given = [rng.choice(_GIVEN) for _ in range(1 if rng.random() < 0.35 else 2)]
    given_zh = "".join(g[0] for g in given)
    given_py = "".join(g[1] for g in given)
    if language == "zh":
        name = surname_zh + given_zh
        handle = rng.choice(
            (
                f"{surname_py.lower()}{given_py}",
                f"{given_py}.{surname_py.lower()}",
                f"{surname_py.lower()}_{given_py}",
            )
        )
    elif chinese_person:
        style = rng.random()
        if style < 0.7:
            name = f"{given_py.capitalize()} {surname_py}"
        elif style < 0.9:
            name = f"{surname_py} {given_py.capitalize()}"
        else:
            name = f"{surname_py.upper()} {given_py.capitalize()}"
        handle = f"{given_py}.{surname_py.lower()}"
    else:
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        name = f"{first} {last}"
        handle = rng.choice(
            (f"{_ascii(first)}.{_ascii(last)}", f"{_ascii(first)[0]}{_ascii(last)}")
        )
    if rng.random() < 0.5:
        handle += str(rng.randrange(1, 999))
    domains = _MAIL_DOMAINS_ZH if chinese_person else _MAIL_DOMAINS_EN
    email = f"{handle}@{rng.choice(domains)}"
    if chinese_person:
        phone_e164, phone_text = _phone(rng, "cn")
    else:
        phone_e164, phone_text = _phone(rng, rng.choice(("cn", "us", "uk")))

    sector = rng.choice(("tech", "finance", "business"))
    student = rng.random() < 0.6
    # Education path.
    roll = rng.random()
    if student:
        final: Degree = "bachelor" if roll < 0.55 else "master" if roll < 0.9 else "doctorate"
        final_year = as_of.year + rng.choice((-1, 0, 0, 1))
    else:
        final = (
            "associate"
            if roll < 0.06
            else "bachelor"
            if roll < 0.66
            else "master"
            if roll < 0.95
            else "doctorate"
        )
        final_year = as_of.year - rng.randrange(1, 13)
    paths: dict[Degree, list[Degree]] = {
        "associate": ["associate"],
        "bachelor": ["bachelor"],
        "master": ["bachelor", "master"],
        "doctorate": ["bachelor", "master", "doctorate"]
        if rng.random() < 0.7
        else ["bachelor", "doctorate"],
    }
    path = paths[final]
    if language == "zh" and rng.random() < 0.08:
        path = ["high_school", *path]
    lengths = {
        "high_school": 3,
        "associate": 3,
        "bachelor": 4,
        "doctorate": rng.choice((4, 5)),
        "master": rng.choice((2, 3)) if language == "zh" else rng.choice((1, 2)),
    }
    majors = [m for m in _MAJORS if m[2] == sector] + [rng.choice(_MAJORS)]
    major = rng.choice(majors)
    schools: list[_School] = []
    end_year = final_year
    for degree in reversed(path):
        start_year = end_year - lengths[degree]
        end = _YM(end_year, rng.choice((6, 7)))
        start = _YM(start_year, 9)
        expected = end.index > now.index
        if degree == "high_school":
            school, city, this_major = rng.choice(_HIGH_SCHOOLS), "", None
        elif degree == "associate":
            zh_name, en_name = rng.choice(_COLLEGES)
            school, city, this_major = (zh_name if language == "zh" else en_name), "", None
            this_major = major[0] if language == "zh" else major[1]
        elif (language == "en" and not chinese_person and rng.random() < 0.8) or (
            language == "en" and degree != "bachelor" and rng.random() < 0.25
        ):
            school, city = rng.choice(_FOREIGN_UNIVERSITIES)
            this_major = major[1]
        else:
            zh_name, en_name, city_index = rng.choice(_UNIVERSITIES)
            school = zh_name if language == "zh" else en_name
            city = _CITIES[city_index][0 if language == "zh" else 1]
            this_major = major[0] if language == "zh" else major[1]
        if degree in ("master", "doctorate") and rng.random() < 0.3:
            other = rng.choice([m for m in _MAJORS if m[2] == sector])
            this_major = other[0] if language == "zh" else other[1]
        if degree == "master" and language == "en" and rng.random() < 0.1:
            this_major = "Business Administration"
        schools.append(_School(degree, school, this_major, start, end, city, expected))
        end_year = start_year
    schools.reverse()  # chronological

    # Work.
    jobs: list[_Job] = []
    lang_index = 0 if language == "en" else 1
    final_school = schools[-1]
    if student:
        cursor = final_school.end.index - rng.randrange(12, 30)
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
            begin = cursor + rng.randrange(1, 6)
            if begin > now.index:
                break
            length = rng.randrange(2, 7)
            ongoing = begin + length > now.index or (rng.random() < 0.1 and begin <= now.index)
            finish = None if ongoing else _YM.of(begin + length - 1)
            jobs.append(_job(rng, sector, language, lang_index, _YM.of(begin), finish, intern=True))
            cursor = begin + length
            if ongoing:
                break
    else:
        cursor = final_school.end.index + rng.randrange(0, 4)
        count = rng.choice((1, 2, 2, 3, 3, 4))
        for n in range(count):
            begin = cursor
            if begin > now.index - 1:
                break
            final_job = n == count - 1
            remaining = now.index - begin
            if final_job and rng.random() < 0.7:
                end_index: int | None = None
            else:
                end_index = min(begin + rng.randrange(8, 49), now.index - 1)
            jobs.append(
                _job(
                    rng,
                    sector,
                    language,
                    lang_index,
                    _YM.of(begin),
                    None if end_index is None else _YM.of(end_index),
                    intern=False,
                )
            )
            if end_index is None or remaining < 10:
                break
            overlap = rng.randrange(1, 6) if rng.random() < 0.15 else 0
            cursor = end_index + 1 + rng.randrange(0, 4) - overlap
        if rng.random() < 0.3:
            begin = final_school.end.index - rng.randrange(8, 14)
            jobs.insert(
                0,
                _job(
                    rng,
                    sector,
                    language,
                    lang_index,
                    _YM.of(begin),
                    _YM.of(begin + rng.randrange(1, 5)),
                    intern=True,
                ),
            )

    skill_pool = _SKILLS[sector]
    names = [s for s in skill_pool if skill_pool[s][lang_index] or skill_pool[s][0]]
    names = [s for s in names if skill_pool[s][0] or language == "zh"]
    chosen = rng.sample(names, min(len(names), rng.randrange(3, 11)))
    skills: list[tuple[str, str]] = []
    for canonical in chosen:
        en, zh = skill_pool[canonical]
        spellings = zh if (language == "zh" and zh and rng.random() < 0.8) else en or zh
        skills.append((canonical, _pick(rng, spellings)))

    cert_pool = _CERTIFICATES[sector]
    cert_names = [c for c in cert_pool if cert_pool[c][lang_index]]
    certificates = [
        (c, _pick(rng, cert_pool[c][lang_index]))
        for c in rng.sample(cert_names, min(len(cert_names), rng.choice((0, 0, 1, 1, 2, 3))))
    ]

    languages: list[tuple[str, str]] = []
    tests_as_certificates: list[str] = []
    spoken = ["chinese", "english"] if chinese_person else ["english"]
    if not chinese_person and rng.random() < 0.4:
        spoken.append("chinese")
    for extra in ("japanese", "korean", "french", "german", "cantonese", "spanish"):
        if rng.random() < 0.07:
            spoken.append(extra)
    if chinese_person and rng.random() < 0.3:
        spoken.remove("chinese")  # many Chinese resumes do not list their mother tongue
    rng.shuffle(spoken)
    for lang in spoken:
        en_names, zh_names = _LANGUAGE_SPELLING[lang]
        label = _pick(rng, en_names if language == "en" else zh_names)
        native = (lang == "chinese") == chinese_person and lang in ("chinese", "english")
        levels = _EN_LEVELS if language == "en" else _ZH_LEVELS
        level = levels[0] if native else _pick(rng, levels[1:])
        if lang == "english" and chinese_person:
            tests = _ENGLISH_TESTS_EN if language == "en" else _ENGLISH_TESTS_ZH
            test = _pick(rng, tests)
            if rng.random() < 0.35:
                tests_as_certificates.append(test)
                if rng.random() < 0.5:
                    continue  # the test alone tells the language
            else:
                level = f"{level}, {test}" if language == "en" else f"{level}，{test}"
        elif lang in _OTHER_TESTS and rng.random() < 0.5:
            level = _pick(rng, _OTHER_TESTS[lang])
        written = f"{label} ({level})" if language == "en" else f"{label}（{level}）"
        languages.append((lang, written))

    return _Applicant(
        language=language,
        name=name,
        email=email,
        phone_e164=phone_e164,
        phone_text=phone_text,
        national_id=(
            _national_id(
                rng,
                date(
                    schools[0].start.year - (15 if path[0] == "high_school" else 18),
                    rng.randrange(1, 13),
                    rng.randrange(1, 29),
                ),
                male,
            )
            if (language == "zh" and rng.random() < 0.75)
            or (chinese_person and rng.random() < 0.08)
            else None
        ),
        gender_zh="男" if male else "女",
        sector=sector,
        schools=schools,
        jobs=jobs,
        skills=skills,
        certificates=certificates,
        languages=languages,
        language_tests_as_certificates=tests_as_certificates,
        courses=rng.sample(_COURSES[lang_index], 3) if rng.random() < 0.3 else [],
        gpa=rng.choice(("3.6/4.0", "3.8/4.0", "3.52/4.0", "88/100"))
        if rng.random() < 0.3
        else None,
        reverse=rng.random() < 0.8,
    )


def _job(
    rng: random.Random,
    sector: str,
    language: ResumeLanguage,
    lang_index: int,
    start: _YM,
    end: _YM | None,
    *,
    intern: bool,
) -> _Job:
    pair = 1 if language == "en" else 0  # the name tables are (Chinese, English)
    employer = rng.choice(_EMPLOYERS[sector])[pair]
    titles = _INTERN_TITLES if intern else _TITLES
    title = rng.choice(titles[sector])[pair]
    city = _CITIES[rng.randrange(len(_CITIES))][pair]
    bullets = rng.sample(_DESCRIPTIONS[sector][lang_index], rng.randrange(0, 3))
    return _Job(employer, title, start, end, city, bullets)


def _months_covered(jobs: Sequence[_Job], now: _YM) -> int:
    months: set[int] = set()
    for job in jobs:
        end = min((job.end or now).index, now.index)
        months.update(range(job.start.index, end + 1))
    return len(months)


def _truth(applicant: _Applicant, as_of: date) -> ResumeTruth:
    now = _YM(as_of.year, as_of.month)
    schools = list(reversed(applicant.schools)) if applicant.reverse else applicant.schools
    jobs = list(reversed(applicant.jobs)) if applicant.reverse else applicant.jobs
    languages: list[str] = []
    for canonical, _ in applicant.languages:
        if canonical not in languages:
            languages.append(canonical)
    if applicant.language_tests_as_certificates and "english" not in languages:
        languages.append("english")
    parsed = ParsedResume(
        language=applicant.language,
        education=[
            Education(degree=s.degree, school=s.school, major=s.major, graduation_year=s.end.year)
            for s in schools
        ],
        work_history=[
            WorkEntry(
                employer=j.employer,
                title=j.title,
                start=str(j.start),
                end=str(j.end) if j.end else None,
            )
            for j in jobs
        ],
        years_of_experience=round(_months_covered(applicant.jobs, now) / 12, 1),
        skills=[c for c, _ in applicant.skills],
        certificates=[c for c, _ in applicant.certificates],
        languages=languages,
        as_of=str(now),
    )
    contact = ContactDetails(
        name=applicant.name,
        email=applicant.email.lower(),
        phone=applicant.phone_e164,
        national_id=applicant.national_id,
    )
    return ResumeTruth(parsed=parsed, contact=contact)


# --------------------------------------------------------------------------
# Documents: a few block kinds that every format can draw
# --------------------------------------------------------------------------


@dataclass
class Title:
    text: str


@dataclass
class Heading:
    text: str


@dataclass
class Line:
    text: str


@dataclass
class Bullet:
    text: str


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]


@dataclass
class Columns:
    left: list["Block"]
    right: list["Block"]


Block = Title | Heading | Line | Bullet | Table | Columns

_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# fmt: off
_EN_MONTHS_LONG = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
# fmt: on


def _date_style(rng: random.Random, language: ResumeLanguage) -> str:
    if language == "en":
        return rng.choice(("mon", "month", "slash", "iso", "dot"))
    return rng.choice(("dot", "dot_sp", "cn", "slash", "tilde"))


def _fmt_point(ym: _YM, style: str) -> str:
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


def _fmt_range(
    start: _YM, end: _YM | None, style: str, language: ResumeLanguage, present: str
) -> str:
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
    right = present if end is None else _fmt_point(end, point_style)
    return f"{_fmt_point(start, point_style)}{sep}{right}"


@dataclass
class _Style:
    dates: str
    present: str
    bullet: str
    sep: str


def _edu_dates(school: _School, style: _Style, language: ResumeLanguage, rng: random.Random) -> str:
    text = _fmt_range(school.start, school.end, style.dates, language, style.present)
    if school.expected:
        text += " (expected)" if language == "en" else "（预计）"
    return text


def _degree_text(school: _School, language: ResumeLanguage, rng: random.Random, short: bool) -> str:
    major = school.major
    if language == "zh":
        return _pick(
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
        return _pick(
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
    return _pick(
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


def _layout_blocks(a: _Applicant, layout: str, rng: random.Random) -> list[Block]:
    en = a.language == "en"
    style = _Style(
        dates=_date_style(rng, a.language),
        present=rng.choice(("Present", "Current", "Now") if en else ("至今", "至今", "现在", "今")),
        bullet=rng.choice(("•", "-", "*", "·") if en else ("•", "-", "·", "●")),
        sep=rng.choice(("  ", " | ", "   ")),
    )
    schools = list(reversed(a.schools)) if a.reverse else a.schools
    jobs = list(reversed(a.jobs)) if a.reverse else a.jobs
    certs = [w for _, w in a.certificates]
    cert_items = certs + a.language_tests_as_certificates
    if cert_items and rng.random() < 0.3:
        year = rng.randrange(2018, 2025)
        cert_items[0] = f"{cert_items[0]} ({year})" if en else f"{cert_items[0]}（{year}年）"
    languages = [w for _, w in a.languages]
    skills = [w for _, w in a.skills]
    work_heading = (
        rng.choice(
            ("EXPERIENCE", "Work Experience", "PROFESSIONAL EXPERIENCE", "Internship Experience")
        )
        if en
        else rng.choice(("工作经历", "实习经历", "工作/实习经历"))
    )
    contact: list[str] = [a.email, a.phone_text]
    id_line = (("ID No.: " if en else "身份证号：") + a.national_id) if a.national_id else None

    def work_details(job: _Job) -> list[Block]:
        if en or rng.random() < 0.6:
            return [Bullet(b) for b in job.bullets]
        return [Line(f"工作内容：{'；'.join(job.bullets)}")] if job.bullets else []

    def extras(school: _School, is_first: bool) -> list[Block]:
        out: list[Block] = []
        if is_first and a.gpa:
            out.append(Bullet(f"GPA: {a.gpa}"))
        if is_first and a.courses:
            out.append(
                Line(
                    ("Relevant coursework: " + ", ".join(a.courses))
                    if en
                    else ("主修课程：" + "、".join(a.courses))
                )
            )
        return out

    def skills_line() -> str:
        return ", ".join(skills) if en else "、".join(skills)

    def list_sections(inline: bool) -> list[Block]:
        out: list[Block] = []
        if skills:
            if inline:
                out.append(Line(("Skills: " if en else "技能：") + skills_line()))
            elif en:
                out += [
                    Heading(rng.choice(("SKILLS", "Technical Skills", "Skills"))),
                    Line(skills_line()),
                ]
            else:
                out.append(Heading(rng.choice(("【专业技能】", "专业技能", "技能特长"))))
                half = max(1, len(skills) // 2)
                out.append(Bullet("熟练掌握" + "、".join(skills[:half])))
                if skills[half:]:
                    out.append(Bullet("熟悉" + "、".join(skills[half:])))
        if cert_items:
            if inline:
                out.append(
                    Line(
                        ("Certifications: " + "; ".join(cert_items))
                        if en
                        else ("证书：" + "、".join(cert_items))
                    )
                )
            else:
                out.append(
                    Heading(
                        rng.choice(("CERTIFICATIONS", "Certificates"))
                        if en
                        else rng.choice(("【证书】", "资格证书", "获得证书"))
                    )
                )
                out += [Bullet(c) for c in cert_items]
        if languages:
            if inline:
                out.append(
                    Line(
                        ("Languages: " + ", ".join(languages))
                        if en
                        else ("语言：" + "、".join(languages))
                    )
                )
            else:
                out.append(
                    Heading(
                        rng.choice(("LANGUAGES", "Languages"))
                        if en
                        else rng.choice(("【语言能力】", "语言能力", "外语水平"))
                    )
                )
                out.append(Line(", ".join(languages) if en else "，".join(languages)))
        return out

    blocks: list[Block] = []
    if layout == "classic":
        if not en and rng.random() < 0.5:
            blocks.append(Title("个人简历"))
            blocks.append(Line(f"姓名：{a.name}    性别：{a.gender_zh}"))
            blocks.append(Line(f"电话：{a.phone_text}    邮箱：{a.email}"))
        else:
            blocks.append(Title(a.name.upper() if en and rng.random() < 0.3 else a.name))
            blocks.append(Line(" | ".join(contact)))
        if id_line:
            blocks.append(Line(id_line))
        blocks.append(
            Heading(
                rng.choice(("EDUCATION", "Education"))
                if en
                else rng.choice(("【教育背景】", "教育背景", "■ 教育背景"))
            )
        )
        for n, s in enumerate(schools):
            if en:
                blocks.append(Line(f"{s.school}, {s.city}" if s.city else s.school))
                blocks.append(
                    Line(
                        f"{_degree_text(s, 'en', rng, False)}{style.sep}"
                        f"{_edu_dates(s, style, 'en', rng)}"
                    )
                )
            else:
                parts = [
                    _edu_dates(s, style, "zh", rng),
                    s.school,
                    s.major or "",
                    _degree_text(s, "zh", rng, False),
                ]
                blocks.append(Line(style.sep.join(p for p in parts if p)))
            blocks += extras(s, n == 0)
        if jobs:
            blocks.append(Heading(work_heading if en else f"【{work_heading}】"))
            for j in jobs:
                dates = _fmt_range(j.start, j.end, style.dates, a.language, style.present)
                if en:
                    blocks.append(Line(f"{j.title} — {j.employer}"))
                    blocks.append(Line(f"{j.city} | {dates}"))
                else:
                    blocks.append(Line(style.sep.join((dates, j.employer, j.title))))
                blocks += work_details(j)
        blocks += list_sections(inline=False)
    elif layout == "compact":
        blocks.append(Title(a.name))
        blocks.append(
            Line(
                f"Email: {a.email} · Phone: {a.phone_text}"
                if en
                else f"手机：{a.phone_text} | 邮箱：{a.email}"
            )
        )
        if id_line:
            blocks.append(Line(id_line))
        blocks.append(Heading("Education" if en else "教育背景"))
        for s in schools:
            if en:
                when = (
                    _edu_dates(s, style, "en", rng)
                    if rng.random() < 0.5
                    else (f"Expected {_fmt_point(s.end, 'mon')}" if s.expected else str(s.end.year))
                )
                blocks.append(Line(f"{_degree_text(s, 'en', rng, False)}, {s.school}, {when}"))
            else:
                when = (
                    _edu_dates(s, style, "zh", rng)
                    if rng.random() < 0.5
                    else (
                        f"预计{s.end.year}年{s.end.month}月毕业"
                        if s.expected
                        else f"{s.end.year}年{s.end.month}月毕业"
                    )
                )
                parts = [s.school, s.major or "", _degree_text(s, "zh", rng, False), when]
                blocks.append(Line(" | ".join(p for p in parts if p)))
        if jobs:
            blocks.append(Heading("Experience" if en else work_heading))
            for j in jobs:
                dates = _fmt_range(j.start, j.end, style.dates, a.language, style.present)
                if en:
                    blocks.append(Line(f"{j.title} at {j.employer} ({dates})"))
                    blocks += [Bullet(b) for b in j.bullets]
                else:
                    blocks.append(Line(f"{j.employer} | {j.title} | {dates}"))
                    if j.bullets:
                        blocks.append(Line("职责：" + "；".join(j.bullets)))
        blocks += list_sections(inline=True)
    elif layout == "labelled":
        if not en:
            blocks.append(Heading("基本信息"))
        blocks.append(Line(("Name: " if en else "姓名：") + a.name))
        blocks.append(Line(("Email: " if en else "电子邮箱：") + a.email))
        blocks.append(Line(("Mobile: " if en else "手机号码：") + a.phone_text))
        if id_line:
            blocks.append(Line(id_line))
        blocks.append(Heading("Education Background" if en else "教育经历"))
        for s in schools:
            if en:
                blocks.append(Line(f"School: {s.school}"))
                blocks.append(Line(f"Degree: {_degree_text(s, 'en', rng, True)}"))
                if s.major:
                    blocks.append(Line(f"Major: {s.major}"))
                blocks.append(Line(f"Dates: {_edu_dates(s, style, 'en', rng)}"))
            else:
                blocks.append(Line(f"学校：{s.school}"))
                if s.major:
                    blocks.append(Line(f"专业：{s.major}"))
                blocks.append(Line(f"学历：{_degree_text(s, 'zh', rng, True)}"))
                blocks.append(Line(f"时间：{_edu_dates(s, style, 'zh', rng)}"))
        if jobs:
            blocks.append(Heading("Work Experience" if en else work_heading))
            for j in jobs:
                dates = _fmt_range(j.start, j.end, style.dates, a.language, style.present)
                blocks.append(Line(("Company: " if en else "公司：") + j.employer))
                blocks.append(Line(("Position: " if en else "职位：") + j.title))
                blocks.append(Line(("Period: " if en else "时间：") + dates))
                blocks += work_details(j)
        if skills:
            blocks.append(Heading("Skills" if en else "技能特长"))
            blocks += [Bullet(s) for s in skills]
        if cert_items:
            blocks.append(Heading("Certificates" if en else "资格证书"))
            blocks += [Bullet(c) for c in cert_items]
        if languages:
            blocks.append(Heading("Languages" if en else "语言能力"))
            blocks += [Bullet(lang) for lang in languages]
    elif layout == "sidebar":
        left: list[Block] = [
            Title(a.name),
            Heading("Contact" if en else "联系方式"),
            Line(a.email),
            Line(a.phone_text),
        ]
        if id_line:
            left.append(Line(id_line))
        if skills:
            left += [Heading("Skills" if en else "专业技能"), *[Bullet(s) for s in skills]]
        if languages:
            left += [Heading("Languages" if en else "语言能力"), *[Bullet(x) for x in languages]]
        if cert_items:
            left += [Heading("Certifications" if en else "证书"), *[Bullet(c) for c in cert_items]]
        right: list[Block] = [Heading("Education" if en else "教育背景")]
        for s in schools:
            right.append(Line(s.school))
            degree = _degree_text(s, a.language, rng, not en)
            right.append(Line(degree if en or not s.major else f"{s.major} | {degree}"))
            right.append(Line(_edu_dates(s, style, a.language, rng)))
        if jobs:
            right.append(Heading("Experience" if en else work_heading))
            for j in jobs:
                right += [
                    Line(j.employer),
                    Line(j.title),
                    Line(_fmt_range(j.start, j.end, style.dates, a.language, style.present)),
                ]
                right += [Bullet(b) for b in j.bullets]
        blocks.append(Columns(left, right))
    else:  # table
        blocks.append(Title(a.name))
        blocks.append(Line(" | ".join(contact)))
        if id_line:
            blocks.append(Line(id_line))
        blocks.append(Heading("Education" if en else "教育背景"))
        blocks.append(
            Table(
                ["Period", "School", "Degree", "Major"] if en else ["时间", "学校", "专业", "学历"],
                [
                    [
                        _edu_dates(s, style, a.language, rng),
                        s.school,
                        _degree_text(s, "en", rng, True),
                        s.major or "",
                    ]
                    if en
                    else [
                        _edu_dates(s, style, a.language, rng),
                        s.school,
                        s.major or "",
                        _degree_text(s, "zh", rng, True),
                    ]
                    for s in schools
                ],
            )
        )
        if jobs:
            blocks.append(Heading("Experience" if en else work_heading))
            blocks.append(
                Table(
                    ["Period", "Company", "Title"] if en else ["时间", "公司", "职位"],
                    [
                        [
                            _fmt_range(j.start, j.end, style.dates, a.language, style.present),
                            j.employer,
                            j.title,
                        ]
                        for j in jobs
                    ],
                )
            )
        blocks += list_sections(inline=False)
    return blocks


# --------------------------------------------------------------------------
# Renderers
# --------------------------------------------------------------------------


def _flat(blocks: Sequence[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Columns):
            out += _flat(block.left) + _flat(block.right)
        else:
            out.append(block)
    return out


def render_text(blocks: Sequence[Block], bullet: str = "•") -> str:
    lines: list[str] = []
    for block in _flat(blocks):
        if isinstance(block, Title):
            lines += [block.text, ""]
        elif isinstance(block, Heading):
            lines += ["", block.text]
        elif isinstance(block, Line):
            lines.append(block.text)
        elif isinstance(block, Bullet):
            lines.append(f"{bullet} {block.text}")
        elif isinstance(block, Table):
            lines.append(" | ".join(block.header))
            lines += [" | ".join(c for c in row) for row in block.rows]
    return "\n".join(lines) + "\n"


def render_markdown(blocks: Sequence[Block]) -> str:
    lines: list[str] = []
    for block in _flat(blocks):
        if isinstance(block, Title):
            lines += [f"# {block.text}", ""]
        elif isinstance(block, Heading):
            lines += ["", f"## {block.text.strip('【】■ ')}", ""]
        elif isinstance(block, Line):
            lines.append(block.text + "  ")
        elif isinstance(block, Bullet):
            lines.append(f"- {block.text}")
        elif isinstance(block, Table):
            lines.append("| " + " | ".join(block.header) + " |")
            lines.append("|" + "---|" * len(block.header))
            lines += ["| " + " | ".join(row) + " |" for row in block.rows]
            lines.append("")
    return "\n".join(lines) + "\n"


def render_docx(blocks: Sequence[Block]) -> bytes:
    from docx import Document

    document = Document()

    def add(container: object, block: Block) -> None:
        add_paragraph: Callable[..., object] = container.add_paragraph  # type: ignore[attr-defined]
        if isinstance(block, Title):
            if container is document:
                document.add_heading(block.text, level=0)
            else:
                add_paragraph(block.text, style="Title")
        elif isinstance(block, Heading):
            add_paragraph(block.text, style="Heading 1")
        elif isinstance(block, Line):
            add_paragraph(block.text)
        elif isinstance(block, Bullet):
            add_paragraph(block.text, style="List Bullet")
        elif isinstance(block, Table):
            table = document.add_table(rows=1 + len(block.rows), cols=len(block.header))
            table.style = "Table Grid"
            for r, row in enumerate([block.header, *block.rows]):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
        elif isinstance(block, Columns):
            layout = document.add_table(rows=1, cols=2)
            for cell, column in zip(layout.rows[0].cells, (block.left, block.right), strict=True):
                for inner in column:
                    add(cell, inner)
                first = cell.paragraphs[0]
                if not first.text:  # the empty paragraph every new cell starts with
                    first._p.getparent().remove(first._p)

    for block in blocks:
        add(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_LATIN1_FIXES = str.maketrans({"–": "-", "—": "-", "•": "-", "’": "'", "●": "-"})


def _subset_font(font: Path, text: str, target: Path) -> Path:
    """The CJK font cut down to the characters of one corpus run: a whole
    CJK font takes half a second to load per document, the subset a few
    milliseconds."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    # fpdf2 subsets the font again for every document: without layout tables
    # and hinting that second pass takes milliseconds instead of a third of a second.
    options.drop_tables += ["FFTM", "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "morx", "kern"]
    options.layout_features = []
    options.hinting = False
    ttfont = TTFont(str(font), fontNumber=0, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text + "".join(chr(c) for c in range(32, 127)))
    subsetter.subset(ttfont)
    buffer = io.BytesIO()
    ttfont.save(buffer)
    target.write_bytes(buffer.getvalue())
    return target


def render_pdf(blocks: Sequence[Block], cjk_font: Path | None, bullet: str = "•") -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(_FIXED_PDF_DATE)
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    if cjk_font is not None:
        pdf.add_font("cjk", fname=str(cjk_font))
    unicode_font = cjk_font is not None

    def text_of(value: str) -> str:
        return value if unicode_font else value.translate(_LATIN1_FIXES)

    def font(size: float, bold: bool = False) -> None:
        if unicode_font:
            pdf.set_font("cjk", size=size)
        else:
            pdf.set_font("helvetica", style="B" if bold else "", size=size)

    mark = bullet if unicode_font else "-"

    def draw(block: Block, width: float) -> None:
        x = pdf.get_x()
        if isinstance(block, Title):
            font(16, True)
            pdf.multi_cell(width, 8, text_of(block.text), new_x="LEFT", new_y="NEXT")
        elif isinstance(block, Heading):
            pdf.ln(2)
            font(12, True)
            pdf.multi_cell(width, 6.5, text_of(block.text), new_x="LEFT", new_y="NEXT")
            pdf.line(x, pdf.get_y(), x + width, pdf.get_y())
            pdf.ln(1)
        elif isinstance(block, Line):
            font(10)
            pdf.multi_cell(width, 5.2, text_of(block.text), new_x="LEFT", new_y="NEXT")
        elif isinstance(block, Bullet):
            font(10)
            pdf.set_x(x + 3)
            pdf.multi_cell(
                width - 3, 5.2, text_of(f"{mark} {block.text}"), new_x="LEFT", new_y="NEXT"
            )
            pdf.set_x(x)
        elif isinstance(block, Table):
            font(8.5)  # table rows stay on one line, as table cells do
            for row in [block.header, *block.rows]:
                pdf.multi_cell(width, 5.2, text_of("   ".join(row)), new_x="LEFT", new_y="NEXT")
        elif isinstance(block, Columns):
            top = pdf.get_y()
            pdf.set_left_margin(15)
            pdf.set_xy(15, top)
            for inner in block.left:
                draw(inner, 55)
            pdf.set_left_margin(78)
            pdf.set_xy(78, top)
            for inner in block.right:
                draw(inner, 117)
            pdf.set_left_margin(15)

    for block in blocks:
        draw(block, 180)
    return bytes(pdf.output())


# --------------------------------------------------------------------------
# Broken files
# --------------------------------------------------------------------------

BROKEN_KINDS: tuple[tuple[str, ProblemReason, str], ...] = (
    ("encrypted_pdf", "encrypted", ".pdf"),
    ("image_pdf", "image_only", ".pdf"),
    ("truncated_pdf", "corrupt", ".pdf"),
    ("empty_file", "empty", ".pdf"),
    ("oversized_pdf", "oversized", ".pdf"),
    ("encrypted_docx", "encrypted", ".docx"),
    ("truncated_docx", "corrupt", ".docx"),
    ("binary_txt", "corrupt", ".txt"),
    ("blank_txt", "empty", ".txt"),
    ("scan_png", "image_only", ".png"),
    ("blank_pdf", "empty", ".pdf"),
    ("not_docx", "corrupt", ".docx"),
    ("rtf", "unsupported", ".rtf"),
    ("odt", "unsupported", ".odt"),
    ("legacy_doc", "unsupported", ".doc"),
)
"""Kind, the reason the reader must give, file extension."""


def _scan_image(rng: random.Random, lines: Sequence[str]) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("L", (1240, 1754), color=255)
    draw = ImageDraw.Draw(image)
    y = 80
    for line in lines:
        draw.text((90, y), line.encode("ascii", "replace").decode(), fill=0)
        y += 28
    for _ in range(300):  # scanner speckle
        x, yy = rng.randrange(1240), rng.randrange(1754)
        draw.point((x, yy), fill=rng.randrange(100, 200))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _pdf_with_image(png: bytes, size_mm: tuple[float, float] = (180, 254)) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(_FIXED_PDF_DATE)
    pdf.add_page()
    pdf.image(io.BytesIO(png), x=15, y=15, w=size_mm[0], h=size_mm[1])
    return bytes(pdf.output())


def _broken_file(kind: str, rng: random.Random, blocks: Sequence[Block], cjk: Path | None) -> bytes:
    text = render_text(blocks)
    if kind == "encrypted_pdf":
        from fpdf import FPDF

        pdf = FPDF()
        pdf.set_creation_date(_FIXED_PDF_DATE)
        pdf.add_page()
        pdf.set_font("helvetica", size=10)
        pdf.multi_cell(0, 5, "Resume (protected)")
        pdf.set_encryption(owner_password=f"owner{rng.randrange(10**6)}", user_password="applicant")
        return bytes(pdf.output())
    if kind == "image_pdf":
        return _pdf_with_image(_scan_image(rng, text.splitlines()[:40]))
    if kind == "scan_png":
        return _scan_image(rng, text.splitlines()[:40])
    if kind == "truncated_pdf":
        whole = render_pdf(blocks, cjk)
        return whole[: int(len(whole) * rng.uniform(0.3, 0.7))]
    if kind == "truncated_docx":
        whole = render_docx(blocks)
        return whole[: int(len(whole) * rng.uniform(0.3, 0.7))]
    if kind == "empty_file":
        return b""
    if kind == "blank_txt":
        return b" \n\n\t \r\n  \n"
    if kind == "blank_pdf":
        from fpdf import FPDF

        pdf = FPDF()
        pdf.set_creation_date(_FIXED_PDF_DATE)
        pdf.add_page()
        return bytes(pdf.output())
    if kind == "oversized_pdf":
        from PIL import Image

        noise = Image.frombytes("RGB", (1500, 1300), rng.randbytes(1500 * 1300 * 3))
        buffer = io.BytesIO()
        noise.save(buffer, format="PNG", compress_level=1)
        return _pdf_with_image(buffer.getvalue())
    if kind == "encrypted_docx":
        from msoffcrypto.format.ooxml import OOXMLFile

        plain = io.BytesIO(render_docx(blocks))
        out = io.BytesIO()
        OOXMLFile(plain).encrypt("applicant", out)
        return out.getvalue()
    if kind == "binary_txt":
        return rng.randbytes(4096)
    if kind == "not_docx":
        return rng.randbytes(2048)
    if kind == "rtf":
        body = text.encode("ascii", "replace").decode().replace("\n", "\\par\n")
        return ("{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Helvetica;}}\n" + body + "}").encode()
    if kind == "odt":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            archive.writestr("content.xml", "<office:document-content/>")
        return buffer.getvalue()
    if kind == "legacy_doc":
        # The compound-file header of a Word 97-2003 document; the body is not needed.
        return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + rng.randbytes(1536)
    raise ValueError(f"unknown broken kind {kind!r}")


# --------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------


def generate(
    out_dir: Path | str,
    count: int,
    seed: int,
    *,
    broken: int = 0,
    as_of: date = AS_OF,
) -> list[CorpusEntry]:
    """Write ``count`` resumes and ``broken`` unreadable files to ``out_dir``.

    Resume ``i`` is English when ``i`` is even and Chinese when odd, and its
    format cycles PDF, DOCX, TXT, MD every two resumes, so any ``count`` of
    eight or more covers every format in both languages; the layout is drawn
    from the seed."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    font_path = cjk_font_path()

    planned: list[tuple[_Applicant, CorpusFormat, str, list[Block], str, str | None]] = []
    for i in range(count + broken):
        language: ResumeLanguage = "en" if i % 2 == 0 else "zh"
        applicant = _applicant(rng, language, as_of)
        fmt = FORMATS[(i // 2) % len(FORMATS)]
        layout = rng.choice(LAYOUTS)
        if fmt == "pdf" and language == "zh" and font_path is None:
            fmt = "docx"
        blocks = _layout_blocks(applicant, layout, rng)
        bullet = rng.choice(("•", "-", "*", "·"))
        kind = BROKEN_KINDS[(i - count) % len(BROKEN_KINDS)][0] if i >= count else None
        planned.append((applicant, fmt, layout, blocks, bullet, kind))

    with tempfile.TemporaryDirectory(prefix="hireloop-fonts-") as fonts:
        cjk_subset: Path | None = None
        if font_path is not None:
            chinese = "".join(render_text(p[3]) for p in planned if p[0].language == "zh")
            cjk_subset = _subset_font(
                font_path, "".join(sorted(set(chinese))) + "•·●-–—", Path(fonts) / "cjk.ttf"
            )
        return _write(out, planned, cjk_subset, as_of, rng)


def _write(
    out: Path,
    planned: Sequence[tuple["_Applicant", CorpusFormat, str, list[Block], str, str | None]],
    cjk_subset: Path | None,
    as_of: date,
    rng: random.Random,
) -> list[CorpusEntry]:

    entries: list[CorpusEntry] = []
    manifest: list[str] = []
    for i, (applicant, fmt, layout, blocks, bullet, kind) in enumerate(planned):
        label: str
        truth = _truth(applicant, as_of)
        font = cjk_subset if applicant.language == "zh" else None
        expected: ProblemReason | None = None
        if kind is None:
            suffix = f".{fmt}"
            if fmt == "pdf":
                data = render_pdf(blocks, font, bullet)
            elif fmt == "docx":
                data = render_docx(blocks)
            elif fmt == "md":
                data = render_markdown(blocks).encode("utf-8")
            else:
                encoding = (
                    "gb18030" if applicant.language == "zh" and rng.random() < 0.25 else "utf-8"
                )
                data = render_text(blocks, bullet).encode(encoding)
                if encoding == "utf-8" and rng.random() < 0.1:
                    data = b"\xef\xbb\xbf" + data
            label = fmt
        else:
            _, expected, suffix = next(k for k in BROKEN_KINDS if k[0] == kind)
            data = _broken_file(
                kind, rng, blocks, cjk_subset if applicant.language == "zh" else None
            )
            label = kind
            layout = kind
        path = out / f"{i:06d}{suffix}"
        path.write_bytes(data)
        entry = CorpusEntry(path, truth, label, applicant.language, layout, expected)
        entries.append(entry)
        manifest.append(
            json.dumps(
                {
                    "file": path.name,
                    "format": label,
                    "language": applicant.language,
                    "layout": layout,
                    "expected_problem": expected,
                    "truth": truth.model_dump(mode="json", exclude={"parsed": {"highest_degree"}}),
                },
                ensure_ascii=False,
            )
        )
    (out / "manifest.jsonl").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return entries

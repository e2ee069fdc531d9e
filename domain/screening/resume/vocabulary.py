"""Canonical names of skills, certificates and languages, shared by both
languages (``机器学习`` and ``ML`` -> ``machine learning``), so a requisition
written in one language matches a resume in the other. Requisitions are
analysed with the same tables."""

import re
from collections.abc import Sequence

from domain.screening.resume.text import normalise_text


def _aliases(table: dict[str, Sequence[str]]) -> dict[str, str]:
    index: dict[str, str] = {}
    for canonical, variants in table.items():
        for variant in (canonical, *variants):
            index[alias_key(variant)] = canonical
    return index


def alias_key(value: str) -> str:
    return re.sub(r"[\s_]+", " ", normalise_text(value)).strip().casefold()


# fmt: off
SKILL_ALIASES: dict[str, str] = _aliases(
    {
        "python": ("python3", "python 3"),
        "java": (),
        "javascript": ("js", "java script", "es6", "ecmascript"),
        "typescript": ("ts",),
        "c": ("c语言", "c language"),
        "c++": ("cpp", "c/c++"),
        "c#": ("csharp", "c sharp"),
        "go": ("golang", "go语言"),
        "rust": (),
        "sql": ("sql语言",),
        "mysql": (),
        "postgresql": ("postgres", "postgre sql"),
        "mongodb": ("mongo",),
        "redis": (),
        "linux": ("linux系统",),
        "git": (),
        "docker": (),
        "kubernetes": ("k8s",),
        "aws": ("amazon web services",),
        "excel": ("ms excel", "microsoft excel", "advanced excel"),
        "powerpoint": ("ppt", "ms powerpoint", "microsoft powerpoint"),
        "microsoft office": ("ms office", "office", "office办公软件", "办公软件", "office软件"),
        "tableau": (),
        "power bi": ("powerbi",),
        "spss": (),
        "sas": (),
        "r": ("r语言", "r language"),
        "matlab": (),
        "stata": (),
        "machine learning": ("ml", "机器学习"),
        "deep learning": ("dl", "深度学习"),
        "data analysis": ("数据分析", "data analytics"),
        "data visualization": ("数据可视化", "data visualisation"),
        "statistical analysis": ("统计分析",),
        "financial analysis": ("财务分析",),
        "financial modeling": ("财务建模", "financial modelling"),
        "valuation": ("估值", "企业估值"),
        "accounting": ("会计", "会计核算"),
        "auditing": ("审计",),
        "risk management": ("风险管理", "风控"),
        "credit analysis": ("信贷分析", "授信分析"),
        "anti-money laundering": ("反洗钱", "aml"),
        "due diligence": ("尽职调查",),
        "project management": ("项目管理",),
        "product management": ("产品管理",),
        "marketing": ("市场营销", "营销"),
        "digital marketing": ("数字营销", "新媒体营销"),
        "sales": ("销售",),
        "customer service": ("客户服务",),
        "communication": ("沟通", "沟通能力", "communication skills"),
        "teamwork": ("团队合作", "团队协作", "team work"),
        "public speaking": ("演讲", "公开演讲"),
        "negotiation": ("谈判", "商务谈判"),
        "photoshop": ("ps", "adobe photoshop"),
        "react": ("react.js", "reactjs"),
        "vue": ("vue.js", "vuejs"),
        "spring boot": ("springboot",),
        "django": (),
        "flask": (),
        "pytorch": (),
        "tensorflow": (),
        "pandas": (),
        "numpy": (),
        "spark": ("apache spark",),
        "hadoop": (),
        "natural language processing": ("nlp", "自然语言处理"),
        "computer vision": ("计算机视觉",),
        "algorithms": ("算法",),
        "data structures": ("数据结构",),
        "data structures and algorithms": ("数据结构与算法", "dsa"),
        "html": ("html5",),
        "css": ("css3",),
        "node.js": ("nodejs", "node"),
        "android": ("android开发",),
        "ios": ("ios开发",),
        "autocad": ("cad",),
        "bloomberg": ("bloomberg terminal", "彭博"),
        "wind": ("wind资讯", "万得"),
        "figma": (),
        "ci/cd": ("cicd", "持续集成"),
        "tcp/ip": (),
        "a/b testing": ("ab testing", "a/b测试"),
        "jira": (),
    }
)

CERTIFICATE_ALIASES: dict[str, str] = _aliases(
    {
        "cpa": ("certified public accountant", "注册会计师", "cicpa", "中国注册会计师"),
        "acca": ("特许公认会计师", "acca会员"),
        "cfa level i": ("cfa level 1", "cfa一级", "cfa 一级"),
        "cfa level ii": ("cfa level 2", "cfa二级", "cfa 二级"),
        "cfa": ("chartered financial analyst", "特许金融分析师"),
        "frm": ("financial risk manager", "金融风险管理师"),
        "pmp": ("project management professional", "项目管理专业人士"),
        "cma": ("certified management accountant", "美国注册管理会计师", "管理会计师"),
        "securities qualification": ("证券从业资格", "证券从业资格证", "证券从业资格证书"),
        "fund qualification": ("基金从业资格", "基金从业资格证", "基金从业资格证书"),
        "banking qualification": (
            "银行从业资格", "银行从业资格证", "银行从业资格证书", "银行业专业人员职业资格",
        ),
        "junior accountant": ("初级会计职称", "初级会计师", "初级会计专业技术资格"),
        "teacher qualification": ("教师资格证", "教师资格证书", "教师资格"),
        "legal professional qualification": ("法律职业资格", "法律职业资格证书", "法律职业资格证"),
        "ncre level 2": ("计算机二级", "全国计算机等级考试二级", "ncre二级", "计算机等级考试二级"),
        "ncre level 3": ("计算机三级", "全国计算机等级考试三级"),
        "aws solutions architect associate": (
            "aws certified solutions architect associate",
            "aws certified solutions architect - associate",
            "aws certified solutions architect – associate", "aws解决方案架构师助理级认证",
        ),
        "cissp": ("certified information systems security professional",),
        "ccna": ("cisco certified network associate", "思科认证网络工程师"),
        "csm": ("certified scrum master", "certified scrummaster"),
        "google data analytics": (
            "google data analytics certificate", "google data analytics professional certificate",
        ),
        "oracle java se": ("oracle certified professional java se", "ocp java", "java se认证"),
        "soft exam intermediate": ("软考中级", "计算机技术与软件专业技术资格（中级）"),
    }
)

LANGUAGE_NAMES: dict[str, tuple[str, ...]] = {
    "chinese": ("chinese", "mandarin", "putonghua", "中文", "汉语", "普通话", "国语", "hsk"),
    "cantonese": ("cantonese", "粤语", "广东话"),
    "english": (
        "english", "英语", "英文", "cet-4", "cet-6", "cet4", "cet6", "cet 4", "cet 6", "tem-4",
        "tem-8", "tem4", "tem8", "ielts", "toefl", "雅思", "托福", "大学英语四级", "大学英语六级",
        "英语四级", "英语六级", "专业英语八级", "专业英语四级", "bec", "toeic", "托业",
    ),
    "japanese": ("japanese", "日语", "日文", "jlpt"),
    "korean": ("korean", "韩语", "韩文", "topik"),
    "french": ("french", "法语", "法文", "delf", "dalf", "tcf"),
    "german": ("german", "德语", "德文", "testdaf", "goethe"),
    "spanish": ("spanish", "西班牙语", "dele"),
    "russian": ("russian", "俄语"),
    "portuguese": ("portuguese", "葡萄牙语"),
    "italian": ("italian", "意大利语"),
    "arabic": ("arabic", "阿拉伯语"),
    "hindi": ("hindi", "印地语"),
    "bengali": ("bengali", "bangla", "孟加拉语"),
    "urdu": ("urdu", "乌尔都语"),
    "tamil": ("tamil", "泰米尔语"),
    "telugu": ("telugu",),
    "kannada": ("kannada",),
    "marathi": ("marathi",),
    "malayalam": ("malayalam",),
    "punjabi": ("punjabi",),
    "gujarati": ("gujarati",),
    "vietnamese": ("vietnamese", "越南语"),
    "thai": ("thai", "泰语"),
    "indonesian": ("indonesian", "bahasa indonesia", "印尼语", "印度尼西亚语"),
    "malay": ("malay", "bahasa melayu", "马来语"),
    "filipino": ("filipino", "tagalog", "菲律宾语"),
    "turkish": ("turkish", "土耳其语"),
    "persian": ("persian", "farsi", "波斯语"),
    "hebrew": ("hebrew", "希伯来语"),
    "greek": ("greek", "希腊语"),
    "dutch": ("dutch", "荷兰语"),
    "swedish": ("swedish", "瑞典语"),
    "norwegian": ("norwegian", "挪威语"),
    "danish": ("danish", "丹麦语"),
    "finnish": ("finnish", "芬兰语"),
    "polish": ("polish", "波兰语"),
    "czech": ("czech", "捷克语"),
    "hungarian": ("hungarian", "匈牙利语"),
    "romanian": ("romanian", "罗马尼亚语"),
    "ukrainian": ("ukrainian", "乌克兰语"),
    "irish": ("irish", "gaeilge", "爱尔兰语"),
    "swahili": ("swahili", "斯瓦希里语"),
    "akan": ("akan",),
    "twi": ("twi",),
    "ga": ("ga",),
    "ewe": ("ewe",),
    "yoruba": ("yoruba",),
    "igbo": ("igbo",),
    "hausa": ("hausa",),
    "amharic": ("amharic",),
    "somali": ("somali",),
    "zulu": ("zulu", "isizulu"),
    "xhosa": ("xhosa",),
    "afrikaans": ("afrikaans",),
    "nepali": ("nepali",),
    "sinhala": ("sinhala", "sinhalese"),
    "burmese": ("burmese", "缅甸语"),
    "khmer": ("khmer", "柬埔寨语"),
    "lao": ("lao", "老挝语"),
    "mongolian": ("mongolian", "蒙古语", "蒙语"),
    "tibetan": ("tibetan", "藏语"),
    "uyghur": ("uyghur", "uighur", "维吾尔语"),
    "kazakh": ("kazakh", "哈萨克语"),
    "uzbek": ("uzbek", "乌兹别克语"),
    "georgian": ("georgian",),
    "armenian": ("armenian",),
    "serbian": ("serbian",),
    "croatian": ("croatian",),
    "bulgarian": ("bulgarian",),
    "slovak": ("slovak",),
    "slovenian": ("slovenian", "slovene"),
    "lithuanian": ("lithuanian",),
    "latvian": ("latvian",),
    "estonian": ("estonian",),
    "icelandic": ("icelandic",),
    "catalan": ("catalan",),
    "basque": ("basque",),
    "galician": ("galician",),
    "welsh": ("welsh",),
    "maltese": ("maltese",),
    "albanian": ("albanian",),
}
# fmt: on
_LANGUAGE_OF: dict[str, str] = {
    variant.casefold(): name
    for name, variants in LANGUAGE_NAMES.items()
    for variant in (name, *variants)
}
# One alternation over case-folded text (named groups and IGNORECASE over a
# hundred languages made every search several times slower).
_LANGUAGE_RE = re.compile(
    r"(?<![a-z])(?:"
    + "|".join(re.escape(v) for v in sorted(_LANGUAGE_OF, key=len, reverse=True) if v.isascii())
    + r")(?![a-z])|"
    + "|".join(re.escape(v) for v in sorted(_LANGUAGE_OF, key=len, reverse=True) if not v.isascii())
)
LANGUAGE_TEST_RE = re.compile(
    r"(?i)^(?:cet|tem|ielts|toefl|toeic|jlpt|topik|delf|dalf|testdaf|hsk|bec|雅思|托福|托业)"
    r"|(?:大学英语|英语|专业英语)[四六八]级|^普通话.*(?:级|等)|日语\s*n[1-5]|^n[1-5]$"
)


def languages_in(text: str) -> list[str]:
    found: list[str] = []
    for match in _LANGUAGE_RE.finditer(text.casefold()):
        name = _LANGUAGE_OF[match.group(0)]
        if name not in found:
            found.append(name)
    return found

"""What one piece of an education or work entry is: a labelled field
("专业：..."), a degree, a school, a place, a title or an employer.

An entry line is cut into segments at separators; each segment is then
named by labels first, then by vocabularies (degree words, school suffixes,
title and employer keywords scored by where the keyword stands: "Bank
Teller" is a title, "China Merchants Bank" an employer).
"""

import re
from collections.abc import Sequence

from domain.screening.resume.models import DEGREE_RANK, Degree
from domain.screening.resume.text import CJK, clean

_SEGMENT_SPLIT = re.compile(
    r"\s*(?:\||｜|\t|\s{2,}|\s[-–—]\s|—|–|,(?!\s*(?i:ltd|inc|llc|limited|plc|co)\b)|;|·|•|/\s)\s*"
)
_CJK_GAP = re.compile(f"(?<=[{CJK})])\\s+(?=[{CJK}(])")
_LABEL_RE = re.compile(r"^(?P<label>[^:]{1,16}?)\s*:\s*(?P<value>.*)$")
FIELD_LABELS: dict[str, str] = {}
# fmt: off
for _field, _labels in {
    "school": (
        "学校", "院校", "毕业院校", "就读院校", "学校名称", "school", "university", "institution",
        "college",
    ),
    "major": (
        "专业", "所学专业", "major", "field of study", "concentration", "programme", "program",
        "discipline",
    ),
    "degree": ("学历", "学位", "degree", "qualification", "学历学位"),
    "employer": (
        "公司", "单位", "工作单位", "实习单位", "公司名称", "雇主", "company", "employer",
        "organization", "organisation", "firm",
    ),
    "title": (
        "职位", "岗位", "职务", "实习岗位", "担任职位", "title", "position", "role", "job title",
    ),
    "skip": (
        "时间", "起止时间", "就读时间", "在校时间", "工作时间", "实习时间", "毕业时间", "dates",
        "date", "period", "duration", "graduation", "graduated", "部门", "department", "location",
        "地点", "城市", "city", "gpa", "绩点", "排名",
    ),
}.items():
# fmt: on
    for _label in _labels:
        FIELD_LABELS[_label] = _field

_EN_DEGREE_TYPES = (
    r"(?:science|sciences|arts|engineering|philosophy|laws|technology|applied sciences?"
    r"|fine arts|letters)"
)
_ZH_DISCIPLINE = r"(?:[工理文法医农]学|经济学|管理学|教育学|艺术学|历史学|哲学)?"
DEGREE_RE = re.compile(
    r"(?P<doctorate>(?i:\bph\.?\s?d\b\.?|\bd\.?phil\b\.?|\bdoctor of "
    + _EN_DEGREE_TYPES
    + r"\b|\bdoctorate\b|\bdoctoral\b)|"
    + _ZH_DISCIPLINE
    + r"博士(?:研究生)?(?:学位)?)"
    r"|(?P<master>(?i:\bmaster(?:'s|s)?(?: degree)?(?: of "
    + _EN_DEGREE_TYPES
    + r")?\b|\bm\.?\s?sc\b\.?|\bm\.?eng\b\.?|\bm\.?phil\b\.?|\bmba\b|\bmpa\b|\bmpp\b"
    r"|\bmfa\b|\bll\.?m\b\.?|\bmres\b|\bmfin\b|\bm\.?(?:chem|phys|math|sci|arch|com|ed)\b\.?"
    r"|\bmsw\b|\bmph\b)|\bM\.S\.|\bMS\b|\bM\.A\.|\bMA\b|"
    + _ZH_DISCIPLINE
    + r"硕士(?:研究生)?(?:学位)?|研究生|MPAcc|EMBA)"
    r"|(?P<bachelor>(?i:\bbachelor(?:'s|s)?(?: degree)?(?: of "
    + _EN_DEGREE_TYPES
    + r")?\b|\bb\.?\s?sc\b\.?|\bb\.?eng\b\.?|\bb\.?tech\b\.?|\bbba\b|\bll\.?b\b\.?"
    r"|\bb\.?comm?\b\.?|\bb\.?a\.?sc\b\.?|\bb\.?arch\b\.?|\bbfa\b|\bundergraduate\b)"
    r"|\bB\.S\.|\bBS\b|\bB\.A\.|\bBA\b|\bB\.E\.|\bB\.Ed\.?|"
    + _ZH_DISCIPLINE
    + r"学士(?:学位)?|本科生?|大学本科)"
    r"|(?P<associate>(?i:\bassociate(?:'s)?(?: degree)?(?: of (?:arts|science|applied science))?\b)"
    r"|\bA\.A\.S?\.|\bAAS\b|\bA\.S\.|大专|专科|高职)"
    r"|(?P<high_school>(?i:\bhigh school(?: diploma)?\b|\bsecondary school\b)|高中|中专|职高)"
)
SCHOOL_RE = re.compile(
    r"(?i:\b(?:universi\w*|college|institute|institut[eo]?"
    r"|school|academy|akademie|polytechnic|politecnico|conservatory|conservatoire|hochschule"
    r"|école|ecole|escuela|faculdade)\b)"
    r"|大学|学院|学校|中学|研究院|研究所|科学院|党校|附中|[一二三四五六七八九十]中(?![\u4e00-\u9fff])"
)
EDU_NOISE_LINE = re.compile(
    r"^(?i:(?:relevant |core |main )?(?:coursework|courses|gpa|honou?rs|awards|thesis|minor"
    r"|activities|dissertation)\b)|^(?:主修课程|核心课程|相关课程|主要课程|荣誉|获奖|论文|在校经历|"
    r"绩点|GPA|排名|奖学金)"
)

# fmt: off
_LOCATIONS = {
    loc.casefold()
    for loc in (
        "Beijing", "Shanghai", "Shenzhen", "Guangzhou", "Hangzhou", "Nanjing", "Wuhan", "Chengdu",
        "Xi'an", "Xian", "Tianjin", "Chongqing", "Suzhou", "Hefei", "Changsha", "Xiamen", "Jinan",
        "Qingdao", "Dalian", "Harbin", "Guiyang", "Kunming", "Hong Kong", "Macau", "Taipei",
        "Singapore", "London", "New York", "Boston", "San Francisco", "Seattle", "Los Angeles",
        "Chicago", "Toronto", "Vancouver", "Sydney", "Melbourne", "Tokyo", "Seoul", "Paris",
        "Berlin", "Oxford", "Cambridge", "Stanford", "Ann Arbor", "Edinburgh", "Durham",
        "Palo Alto", "China", "PRC", "USA", "US", "UK", "United States", "United Kingdom",
        "Canada", "Australia", "Japan", "Germany", "France", "Remote", "北京", "上海", "深圳",
        "广州", "杭州", "南京", "武汉", "成都", "西安", "天津", "重庆", "苏州", "合肥", "长沙",
        "厦门", "济南", "青岛", "大连", "哈尔滨", "贵阳", "昆明", "香港", "澳门", "新加坡", "伦敦",
        "纽约", "中国", "美国", "英国", "远程", "北京市", "上海市", "深圳市", "广州市", "杭州市",
        "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东",
        "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海",
        "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆",
    )
}
TITLE_WORDS_EN = {
    "engineer", "developer", "programmer", "analyst", "manager", "intern", "internship",
    "assistant", "specialist", "consultant", "associate", "officer", "teller", "representative",
    "designer", "scientist", "researcher", "director", "lead", "head", "coordinator", "accountant",
    "auditor", "trainee", "architect", "administrator", "executive", "clerk", "advisor", "adviser",
    "agent", "planner", "writer", "editor", "teacher", "tutor", "lecturer", "professor", "nurse",
    "technician", "operator", "supervisor", "president", "vp", "founder", "co-founder",
    "strategist", "buyer", "marketer", "recruiter", "banker", "underwriter", "actuary", "trader",
    "economist", "controller", "fellow", "volunteer", "cashier", "secretary", "receptionist",
}
TITLE_WORDS_ZH = (
    "工程师", "开发", "程序员", "经理", "专员", "实习生", "实习", "分析师", "助理", "主管", "顾问",
    "代表", "柜员", "设计师", "研究员", "总监", "会计", "出纳", "审计员", "审计师", "管培生",
    "培训生", "运营", "销售", "客服", "架构师", "测试", "专家", "组长", "总裁", "主任", "秘书",
    "教师", "讲师", "编辑", "策划", "文员", "行员", "职员", "交易员", "精算师", "算法", "负责人",
    "储备干部", "大堂经理", "科学家",
)
EMPLOYER_WORDS_EN = {
    "inc", "ltd", "limited", "llc", "llp", "corp", "corporation", "company", "co", "group", "bank",
    "holdings", "technologies", "technology", "tech", "capital", "partners", "securities",
    "insurance", "consulting", "labs", "laboratory", "systems", "solutions", "foundation",
    "university", "hospital", "agency", "bureau", "ministry", "institute", "studio", "studios",
    "ventures", "investments", "trust", "fund", "associates", "plc", "gmbh", "ag", "pte",
    "bancorp", "financial", "industries", "international", "services",
}
EMPLOYER_WORDS_ZH = (
    "公司", "集团", "银行", "分行", "支行", "有限", "股份", "证券", "保险", "基金", "事务所",
    "研究院", "研究所", "医院", "大学", "学院", "中心", "科技", "网络", "控股", "信托", "工作室",
    "局", "委员会", "协会", "商行", "厂", "实验室",
)
# fmt: on


def _balanced(piece: str) -> str:
    """Drop a bracket left over from a split ("(MBA" -> "MBA"), keep pairs."""
    piece = piece.strip().rstrip("([{ ").lstrip(")]} ")
    for opening, closing in ("()", "[]", "{}"):
        if piece.startswith(opening) and closing not in piece:
            piece = piece[1:]
        if piece.endswith(closing) and opening not in piece:
            piece = piece[:-1]
        if piece.startswith(opening) and piece.endswith(closing):
            piece = piece[1:-1]
    return piece.strip()


_OF_NAME = re.compile(r"\bof [A-Z][\w'-]*$")
_NAME_LIST_END = re.compile(r"^[A-Z][\w'-]*(?:, [A-Z][\w'-]*)*,? (?:and|&) [A-Z][\w'-]*$")


def split_segments(text: str) -> list[str]:
    """An entry's text cut into fields at separators, keeping together a
    name whose own words are a list ("University of Arts, Crafts and Design")."""
    text = _CJK_GAP.sub(" | ", text)
    out: list[str] = []
    for piece in _SEGMENT_SPLIT.split(text):
        piece = clean(_balanced(piece))
        if out and _OF_NAME.search(out[-1]) and _NAME_LIST_END.match(piece):
            out[-1] = f"{out[-1]}, {piece}"
        elif piece and re.search(rf"[A-Za-z{CJK}]", piece):
            out.append(piece)
    return out


def _labelled(segment: str) -> tuple[str, str] | None:
    match = _LABEL_RE.match(segment)
    if match is None:
        return None
    label = match.group("label").strip().casefold()
    kind = FIELD_LABELS.get(label)
    if kind is None:
        return None
    return kind, clean(match.group("value"))


def field_of(segment: str) -> tuple[str, str] | None:
    """A labelled segment's field and value; a bare label (its value was a
    date, taken out already) counts as that field with no value."""
    bare = FIELD_LABELS.get(segment.strip().casefold())
    return (bare, "") if bare is not None else _labelled(segment)


def label_kind(line: str) -> str | None:
    match = _LABEL_RE.match(line)
    return FIELD_LABELS.get(match.group("label").strip().casefold()) if match else None


def is_region(segment: str, previous: str | None) -> bool:
    """A state or province code after a city ("Boston, MA"): not the MA degree."""
    return (
        previous is not None
        and re.fullmatch(r"[A-Z]{2}", segment) is not None
        and (
            is_location(previous)
            or (
                re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}", previous) is not None
                and not SCHOOL_RE.search(previous)
                and not DEGREE_RE.search(previous)
            )
        )
    )


def is_location(segment: str) -> bool:
    parts = [p.strip().casefold() for p in re.split(r",|，|\s+", segment) if p.strip()]
    return bool(parts) and (
        segment.strip().casefold() in _LOCATIONS or all(p in _LOCATIONS for p in parts)
    )


_NAMED_FIELD = re.compile(r"^\s*(?i:of|in)\s+(?P<field>[^(,]+)")
_RESTATED = re.compile(r"\([^()]*\)")
_ABBREVIATION = re.compile(r"\(\s*[A-Z][A-Z.]{1,6}\s*\)")


def degree_of(segment: str) -> tuple[Degree, str, bool] | None:
    """The degree named in a segment, what is left of the segment, and
    whether that is only the rest of the degree's own name ("Bachelor of
    Business Administration": a major only if the entry names no other).

    A bracket restating the degree ("(MBA)", "(BSN)", "（理学硕士）") goes:
    it names the degree again, not the field."""
    match = DEGREE_RE.search(segment)
    if match is None:
        return None
    degree: Degree = next(name for name in DEGREE_RANK if match.group(name) is not None)
    before, after = segment[: match.start()], segment[match.end() :]
    named = _NAMED_FIELD.match(after)
    if named is not None and not SCHOOL_RE.search(before) and len(before.split()) <= 2:
        # "Professional Master of Education": the words before are the
        # degree's kind; what follows "of" or "in" is the field.
        before = ""
    leftover = _RESTATED.sub(
        lambda m: " " if DEGREE_RE.search(m.group(0)) else m.group(0), before + " " + after
    )
    leftover = _ABBREVIATION.sub(" ", DEGREE_RE.sub(" ", leftover))
    leftover = re.sub(r"(?i)\((?:hons?\.?|honou?rs)\)|\bhonou?rs\b|\(\s*\)", " ", leftover)
    own_name = bool(re.match(r"(?i)^\s*of\s", leftover))
    leftover = re.sub(r"(?i)^\s*(?:in|of|with|,|专业)\s+", "", leftover.strip())
    return degree, clean(_balanced(leftover)), own_name


_BILINGUAL_VALUE = re.compile(
    rf"([^A-Za-z]*[{CJK}][^A-Za-z]*?)\s+[A-Z][A-Za-z&.'()-]*(?:\s+[A-Za-z&.'()-]+)*"
)


def bilingual_first(value: str) -> str:
    """A Chinese name with its English translation after it ("清华大学
    Tsinghua University", "品牌助理 Brand Assistant") is the Chinese name."""
    match = _BILINGUAL_VALUE.fullmatch(value)
    return clean(match.group(1)) if match is not None else value


def keyword_score(segment: str, words_en: set[str], words_zh: Sequence[str]) -> int:
    lowered = segment.casefold()
    tokens = [t.strip(".") for t in re.findall(r"[a-z][a-z&.'-]*", lowered)]
    score = 0
    if tokens and tokens[-1] in words_en:
        score = max(score, 3)
    elif any(t in words_en for t in tokens):
        score = max(score, 2)
    han = re.sub(rf"[^{CJK}]", "", segment)
    if han:
        if any(han.endswith(w) for w in words_zh):
            score = max(score, 3)
        elif any(w in han for w in words_zh):
            score = max(score, 2)
    return score

"""The corpus's vocabulary: names, contacts, schools, employers, titles, skills,
certificates and languages, each canonical name with the ways people write
it in English and in Chinese (``K8s``, ``机器学习``, ``注册会计师（CPA）``,
``英语六级``).

Tables only: ``applicants`` draws from them. Their order is part of the
corpus: a seed picks by position, so reordering a table changes every
corpus generated from then on.
"""

import random
from collections.abc import Sequence

# fmt: off
SURNAMES = (
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
GIVEN = (
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
FIRST = (
    "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David",
    "Elizabeth", "William", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Daniel", "Emily",
    "Olivia", "Ethan", "Sophia", "Liam", "Ava", "Noah", "Mia", "Lucas", "Chloe", "Grace", "Hannah",
    "Oliver", "Amelia", "Priya", "Arjun", "Ananya", "Rahul", "Fatima", "Omar", "Yuki", "Hiroshi",
    "Min-jun", "Seo-yeon", "José", "Zoë", "Renée", "Mary-Kate",
)
LAST = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson",
    "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
    "Scott", "O'Brien", "McDonald", "Nguyen", "Patel", "Sharma", "Kim", "Park", "Tanaka", "Sato",
    "Müller", "Dubois", "Rossi", "Novak",
)
# fmt: on
MAIL_DOMAINS_ZH = ("qq.com", "163.com", "126.com", "foxmail.com", "sina.com", "gmail.com")
MAIL_DOMAINS_EN = ("gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com")
# fmt: off
MOBILE_PREFIXES = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153",
    "155", "156", "157", "158", "159", "166", "176", "177", "180", "181", "182", "185", "186",
    "187", "188", "189", "198", "199",
)
REGIONS = (
    "110105", "310104", "440305", "330106", "510107", "420111", "320102", "520102", "610113",
    "370102", "350203", "120101",
)
CITIES = (
    ("北京", "Beijing"), ("上海", "Shanghai"), ("深圳", "Shenzhen"), ("杭州", "Hangzhou"),
    ("广州", "Guangzhou"), ("成都", "Chengdu"), ("武汉", "Wuhan"), ("南京", "Nanjing"),
    ("贵阳", "Guiyang"), ("西安", "Xi'an"),
)
# fmt: on

# (Chinese name, English name); the city for the English "School, City" line.
# fmt: off
UNIVERSITIES = (
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
FOREIGN_UNIVERSITIES = (
    ("University of Oxford", "Oxford"), ("Imperial College London", "London"),
    ("University College London", "London"), ("Massachusetts Institute of Technology", "Boston"),
    ("Stanford University", "Stanford"), ("University of Toronto", "Toronto"),
    ("National University of Singapore", "Singapore"),
    ("The University of Hong Kong", "Hong Kong"), ("University of Michigan", "Ann Arbor"),
    ("New York University", "New York"), ("University of Edinburgh", "Edinburgh"),
    ("University of Melbourne", "Melbourne"), ("Columbia University", "New York"),
    ("Duke University", "Durham"),
)
COLLEGES = (
    ("深圳职业技术学院", "Shenzhen Polytechnic"),
    ("北京财贸职业学院", "Beijing College of Finance and Commerce"),
    ("贵州交通职业技术学院", "Guizhou Communications Polytechnic"),
    ("浙江金融职业学院", "Zhejiang Financial College"),
)
HIGH_SCHOOLS = (
    "北京市第四中学", "贵阳市第一中学", "华南师范大学附属中学", "杭州第二中学", "南京外国语学校",
    "成都七中",
)
MAJORS = (
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
EMPLOYERS: dict[str, tuple[tuple[str, str], ...]] = {
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
TITLES: dict[str, tuple[tuple[str, str], ...]] = {
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
INTERN_TITLES: dict[str, tuple[tuple[str, str], ...]] = {
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
SKILLS: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
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
CERTIFICATES: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
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
DESCRIPTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
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
COURSES = (
    ("Data Structures", "Operating Systems", "Statistics", "Microeconomics", "Databases"),
    ("数据结构", "操作系统", "概率论与数理统计", "微观经济学", "数据库原理"),
)
# fmt: on
# language -> (English spellings, Chinese spellings), level words per language
# fmt: off
LANGUAGE_SPELLING = {
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
EN_LEVELS = ("native", "fluent", "professional working proficiency", "conversational", "basic")
ZH_LEVELS = ("母语", "流利", "熟练", "良好", "日常交流")
ENGLISH_TESTS_EN = ("CET-6", "CET-4", "IELTS 7.5", "IELTS 7.0", "TOEFL 105", "TEM-8")
ENGLISH_TESTS_ZH = ("CET-6", "CET-4", "雅思7.0", "托福105", "英语六级", "专业英语八级")
# fmt: off
OTHER_TESTS = {
    "japanese": ("JLPT N2", "JLPT N1"),
    "korean": ("TOPIK 5", "TOPIK 4"),
    "french": ("DELF B2", "DELF B1"),
    "german": ("TestDaF 4", "Goethe B2"),
}
# fmt: on


def pick(rng: random.Random, options: Sequence[str]) -> str:
    """One of the ways to write something, drawn from the corpus's generator."""
    return options[rng.randrange(len(options))]

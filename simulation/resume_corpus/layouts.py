"""The five layouts an applicant's resume is drawn in: ``classic``,
``compact``, ``labelled``, ``sidebar`` (two columns) and ``table``.

Each turns an applicant into blocks (``blocks``), drawing its date style,
bullet and separators from the corpus's random generator.
"""

import random

from simulation.resume_corpus.blocks import Block, Bullet, Columns, Heading, Line, Table, Title
from simulation.resume_corpus.model import Applicant, Job, School
from simulation.resume_corpus.wording import (
    Style,
    date_style,
    degree_text,
    edu_dates,
    fmt_point,
    fmt_range,
)


def layout_blocks(a: Applicant, layout: str, rng: random.Random) -> list[Block]:
    en = a.language == "en"
    style = Style(
        dates=date_style(rng, a.language),
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

    def work_details(job: Job) -> list[Block]:
        if en or rng.random() < 0.6:
            return [Bullet(b) for b in job.bullets]
        return [Line(f"工作内容：{'；'.join(job.bullets)}")] if job.bullets else []

    def extras(school: School, is_first: bool) -> list[Block]:
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
                        f"{degree_text(s, 'en', rng, False)}{style.sep}"
                        f"{edu_dates(s, style, 'en', rng)}"
                    )
                )
            else:
                parts = [
                    edu_dates(s, style, "zh", rng),
                    s.school,
                    s.major or "",
                    degree_text(s, "zh", rng, False),
                ]
                blocks.append(Line(style.sep.join(p for p in parts if p)))
            blocks += extras(s, n == 0)
        if jobs:
            blocks.append(Heading(work_heading if en else f"【{work_heading}】"))
            for j in jobs:
                dates = fmt_range(j.start, j.end, style.dates, a.language, style.present)
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
                    edu_dates(s, style, "en", rng)
                    if rng.random() < 0.5
                    else (f"Expected {fmt_point(s.end, 'mon')}" if s.expected else str(s.end.year))
                )
                blocks.append(Line(f"{degree_text(s, 'en', rng, False)}, {s.school}, {when}"))
            else:
                when = (
                    edu_dates(s, style, "zh", rng)
                    if rng.random() < 0.5
                    else (
                        f"预计{s.end.year}年{s.end.month}月毕业"
                        if s.expected
                        else f"{s.end.year}年{s.end.month}月毕业"
                    )
                )
                parts = [s.school, s.major or "", degree_text(s, "zh", rng, False), when]
                blocks.append(Line(" | ".join(p for p in parts if p)))
        if jobs:
            blocks.append(Heading("Experience" if en else work_heading))
            for j in jobs:
                dates = fmt_range(j.start, j.end, style.dates, a.language, style.present)
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
                blocks.append(Line(f"Degree: {degree_text(s, 'en', rng, True)}"))
                if s.major:
                    blocks.append(Line(f"Major: {s.major}"))
                blocks.append(Line(f"Dates: {edu_dates(s, style, 'en', rng)}"))
            else:
                blocks.append(Line(f"学校：{s.school}"))
                if s.major:
                    blocks.append(Line(f"专业：{s.major}"))
                blocks.append(Line(f"学历：{degree_text(s, 'zh', rng, True)}"))
                blocks.append(Line(f"时间：{edu_dates(s, style, 'zh', rng)}"))
        if jobs:
            blocks.append(Heading("Work Experience" if en else work_heading))
            for j in jobs:
                dates = fmt_range(j.start, j.end, style.dates, a.language, style.present)
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
            degree = degree_text(s, a.language, rng, not en)
            right.append(Line(degree if en or not s.major else f"{s.major} | {degree}"))
            right.append(Line(edu_dates(s, style, a.language, rng)))
        if jobs:
            right.append(Heading("Experience" if en else work_heading))
            for j in jobs:
                right += [
                    Line(j.employer),
                    Line(j.title),
                    Line(fmt_range(j.start, j.end, style.dates, a.language, style.present)),
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
                        edu_dates(s, style, a.language, rng),
                        s.school,
                        degree_text(s, "en", rng, True),
                        s.major or "",
                    ]
                    if en
                    else [
                        edu_dates(s, style, a.language, rng),
                        s.school,
                        s.major or "",
                        degree_text(s, "zh", rng, True),
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
                            fmt_range(j.start, j.end, style.dates, a.language, style.present),
                            j.employer,
                            j.title,
                        ]
                        for j in jobs
                    ],
                )
            )
        blocks += list_sections(inline=False)
    return blocks

"""Inventing applicants from one ``random.Random``.

Names (Chinese with their pinyin, and international), contacts (PRC mobiles
and foreign numbers in several spellings, e-mails derived from the name,
valid PRC resident IDs with their check digit), an education path (high
school to doctorate, students about to graduate or people up to twelve years
into work), jobs or internships (ongoing ones, and some that overlap), and
skills, certificates and languages from ``vocabulary``. Every draw comes
from the one generator in a fixed order, so a seed gives the same people.
"""

import random
import unicodedata
from datetime import date

from domain.screening.resume import Degree, ResumeLanguage, national_id_valid
from simulation.resume_corpus.model import YM, Applicant, Job, School
from simulation.resume_corpus.vocabulary import (
    CERTIFICATES,
    CITIES,
    COLLEGES,
    COURSES,
    DESCRIPTIONS,
    EMPLOYERS,
    EN_LEVELS,
    ENGLISH_TESTS_EN,
    ENGLISH_TESTS_ZH,
    FIRST,
    FOREIGN_UNIVERSITIES,
    GIVEN,
    HIGH_SCHOOLS,
    INTERN_TITLES,
    LANGUAGE_SPELLING,
    LAST,
    MAIL_DOMAINS_EN,
    MAIL_DOMAINS_ZH,
    MAJORS,
    MOBILE_PREFIXES,
    OTHER_TESTS,
    REGIONS,
    SKILLS,
    SURNAMES,
    TITLES,
    UNIVERSITIES,
    ZH_LEVELS,
    pick,
)


def _national_id(rng: random.Random, birth: date, male: bool) -> str:
    sequence = rng.randrange(0, 500) * 2 + (1 if male else 0)
    body = f"{rng.choice(REGIONS)}{birth:%Y%m%d}{sequence:03d}"
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
            rng.choice(MOBILE_PREFIXES),
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


def make_applicant(rng: random.Random, language: ResumeLanguage, as_of: date) -> Applicant:
    now = YM(as_of.year, as_of.month)
    chinese_person = language == "zh" or rng.random() < 0.6
    male = rng.random() < 0.5
    surname_zh, surname_py = rng.choice(SURNAMES)
    given = [rng.choice(GIVEN) for _ in range(1 if rng.random() < 0.35 else 2)]
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
        first, last = rng.choice(FIRST), rng.choice(LAST)
        name = f"{first} {last}"
        handle = rng.choice(
            (f"{_ascii(first)}.{_ascii(last)}", f"{_ascii(first)[0]}{_ascii(last)}")
        )
    if rng.random() < 0.5:
        handle += str(rng.randrange(1, 999))
    domains = MAIL_DOMAINS_ZH if chinese_person else MAIL_DOMAINS_EN
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
    majors = [m for m in MAJORS if m[2] == sector] + [rng.choice(MAJORS)]
    major = rng.choice(majors)
    schools: list[School] = []
    end_year = final_year
    for degree in reversed(path):
        start_year = end_year - lengths[degree]
        end = YM(end_year, rng.choice((6, 7)))
        start = YM(start_year, 9)
        expected = end.index > now.index
        if degree == "high_school":
            school, city, this_major = rng.choice(HIGH_SCHOOLS), "", None
        elif degree == "associate":
            zh_name, en_name = rng.choice(COLLEGES)
            school, city, this_major = (zh_name if language == "zh" else en_name), "", None
            this_major = major[0] if language == "zh" else major[1]
        elif (language == "en" and not chinese_person and rng.random() < 0.8) or (
            language == "en" and degree != "bachelor" and rng.random() < 0.25
        ):
            school, city = rng.choice(FOREIGN_UNIVERSITIES)
            this_major = major[1]
        else:
            zh_name, en_name, city_index = rng.choice(UNIVERSITIES)
            school = zh_name if language == "zh" else en_name
            city = CITIES[city_index][0 if language == "zh" else 1]
            this_major = major[0] if language == "zh" else major[1]
        if degree in ("master", "doctorate") and rng.random() < 0.3:
            other = rng.choice([m for m in MAJORS if m[2] == sector])
            this_major = other[0] if language == "zh" else other[1]
        if degree == "master" and language == "en" and rng.random() < 0.1:
            this_major = "Business Administration"
        schools.append(School(degree, school, this_major, start, end, city, expected))
        end_year = start_year
    schools.reverse()  # chronological

    # Work.
    jobs: list[Job] = []
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
            finish = None if ongoing else YM.of(begin + length - 1)
            jobs.append(_job(rng, sector, language, lang_index, YM.of(begin), finish, intern=True))
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
                    YM.of(begin),
                    None if end_index is None else YM.of(end_index),
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
                    YM.of(begin),
                    YM.of(begin + rng.randrange(1, 5)),
                    intern=True,
                ),
            )

    skill_pool = SKILLS[sector]
    names = [s for s in skill_pool if skill_pool[s][lang_index] or skill_pool[s][0]]
    names = [s for s in names if skill_pool[s][0] or language == "zh"]
    chosen = rng.sample(names, min(len(names), rng.randrange(3, 11)))
    skills: list[tuple[str, str]] = []
    for canonical in chosen:
        en, zh = skill_pool[canonical]
        spellings = zh if (language == "zh" and zh and rng.random() < 0.8) else en or zh
        skills.append((canonical, pick(rng, spellings)))

    cert_pool = CERTIFICATES[sector]
    cert_names = [c for c in cert_pool if cert_pool[c][lang_index]]
    certificates = [
        (c, pick(rng, cert_pool[c][lang_index]))
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
        en_names, zh_names = LANGUAGE_SPELLING[lang]
        label = pick(rng, en_names if language == "en" else zh_names)
        native = (lang == "chinese") == chinese_person and lang in ("chinese", "english")
        levels = EN_LEVELS if language == "en" else ZH_LEVELS
        level = levels[0] if native else pick(rng, levels[1:])
        if lang == "english" and chinese_person:
            tests = ENGLISH_TESTS_EN if language == "en" else ENGLISH_TESTS_ZH
            test = pick(rng, tests)
            if rng.random() < 0.35:
                tests_as_certificates.append(test)
                if rng.random() < 0.5:
                    continue  # the test alone tells the language
            else:
                level = f"{level}, {test}" if language == "en" else f"{level}，{test}"
        elif lang in OTHER_TESTS and rng.random() < 0.5:
            level = pick(rng, OTHER_TESTS[lang])
        written = f"{label} ({level})" if language == "en" else f"{label}（{level}）"
        languages.append((lang, written))

    return Applicant(
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
        courses=rng.sample(COURSES[lang_index], 3) if rng.random() < 0.3 else [],
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
    start: YM,
    end: YM | None,
    *,
    intern: bool,
) -> Job:
    pair = 1 if language == "en" else 0  # the name tables are (Chinese, English)
    employer = rng.choice(EMPLOYERS[sector])[pair]
    titles = INTERN_TITLES if intern else TITLES
    title = rng.choice(titles[sector])[pair]
    city = CITIES[rng.randrange(len(CITIES))][pair]
    bullets = rng.sample(DESCRIPTIONS[sector][lang_index], rng.randrange(0, 3))
    return Job(employer, title, start, end, city, bullets)

"""Resume text -> structured facts (education, work, skills, ...) and contact PII.

Pure: text in, models out, no I/O and no clock (the month that "present"
means is a parameter), so the same text always parses the same way and a
parse can be replayed. Reading files (PDF, DOCX, text) is the adapter's job
(``adapters/documents/``).

Why rules and not a statistical parser: campus-season screening parses about
150,000 resumes on a small machine, every result has to be explainable to a
candidate who asks, and the parser's version is recorded with each result
(``PARSER_VERSION``). The rules are general resume conventions, in English
and Chinese, not the layouts of one generator: they are measured on a
generated corpus and on resumes written by hand (``tests/resumes/accuracy.py``).
One module per concern:

* ``text``: one normal form for all input, Markdown marks read and taken off;
* ``headings``, ``sections``: sections found by their headings, named by
  the words people use ("Where I've worked", "🎓 教育背景", "工作背景");
* ``entries``: education and work sections grouped into entries, anchored
  on their dates (``dates``);
* ``fields``, ``education``, ``experience``: within an entry, labelled fields
  win, then degree and school vocabularies, then title and employer
  vocabularies;
* ``vocabulary``, ``lists``: skills, certificates and languages normalised
  to lowercase canonical names shared by both languages;
* ``contact``, ``names``: e-mail, phone, ID and name, returned apart;
* ``privacy``: the guard that keeps contact details out of the facts;
* ``extract``: the whole resume.

Chinese needs no word segmentation here: section headers, degree words,
school and employer suffixes and the list delimiters (、，；) carry the
structure. (``jieba`` was considered; it splits 机器学习 into 机器/学习
without a custom dictionary and writes a cache file on first use, which a
pure module must not do.)

Contact details (name, email, phone, national ID) are returned separately as
``ContactDetails`` so the caller can put them in the subject vault and keep
them out of events, logs and Temporal history.
"""

from domain.screening.resume.contact import extract_contact, national_id_valid
from domain.screening.resume.dates import years_of_experience
from domain.screening.resume.extract import extract
from domain.screening.resume.lists import normalise_skills
from domain.screening.resume.models import (
    DEGREE_RANK,
    PARSER_VERSION,
    PROBLEM_REASONS,
    YEAR_MONTH_PATTERN,
    ContactDetails,
    Degree,
    Education,
    ParsedResume,
    ProblemReason,
    ResumeLanguage,
    ResumeProblem,
    WorkEntry,
)
from domain.screening.resume.text import CJK as _CJK
from domain.screening.resume.text import detect_language, normalise_text
from domain.screening.resume.vocabulary import (
    CERTIFICATE_ALIASES,
    LANGUAGE_NAMES,
    SKILL_ALIASES,
)
from domain.screening.resume.vocabulary import alias_key as _alias_key

# ``_CJK`` and ``_alias_key`` keep the names the requisition analyser and
# the fit features import them by.
__all__ = [
    "CERTIFICATE_ALIASES",
    "DEGREE_RANK",
    "LANGUAGE_NAMES",
    "PARSER_VERSION",
    "PROBLEM_REASONS",
    "SKILL_ALIASES",
    "YEAR_MONTH_PATTERN",
    "_CJK",
    "ContactDetails",
    "Degree",
    "Education",
    "ParsedResume",
    "ProblemReason",
    "ResumeLanguage",
    "ResumeProblem",
    "WorkEntry",
    "_alias_key",
    "detect_language",
    "extract",
    "extract_contact",
    "national_id_valid",
    "normalise_skills",
    "normalise_text",
    "years_of_experience",
]

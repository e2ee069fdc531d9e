"""Field accuracy of the resume parser on a corpus, per field, language and format.

One scorer for every corpus: the generated one (``simulation/resume_corpus``,
whose truth is in its ``manifest.jsonl``) and the independent one written by
hand (``tests/resumes/independent``: a resume file and a truth YAML each).

    python -m tests.resumes.accuracy tests/resumes/independent
    python -m tests.resumes.accuracy generated        # 240 resumes, the tests' seed
    python -m tests.resumes.accuracy DIR              # a generated corpus on disk

Every field is judged per resume against its truth: education fields as the
whole list in resume order (one wrong school makes the resume's "school"
wrong), work fields likewise, years of experience within half a year, skills
by F1 >= 0.95, certificates and languages as sets, contact fields exactly.
Text is compared after NFKC and case folding (the parser returns NFKC text;
full-width brackets become ASCII ones).
"""

import json
import re
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

import yaml

from adapters.documents.reader import ParseOutcome, parse_resume
from domain.screening.resume import ContactDetails, ParsedResume, years_of_experience

INDEPENDENT = Path(__file__).parent / "independent"
GENERATED_SEED = 20250601
GENERATED_RESUMES = 240
"""The generated corpus the tests score (``conftest.py``) and ``generated`` here."""
AS_OF = date(2025, 6, 1)
"""The independent corpus's "today": ongoing jobs run to June 2025."""

FORMATS = ("pdf", "docx", "txt", "md")


class Truth(Protocol):
    @property
    def parsed(self) -> ParsedResume: ...

    @property
    def contact(self) -> ContactDetails: ...


@dataclass(frozen=True)
class HandTruth:
    parsed: ParsedResume
    contact: ContactDetails


@dataclass(frozen=True)
class Case:
    """A resume file, what a perfect parser returns for it, and what ours did."""

    path: Path
    language: str
    format: str
    truth: Truth
    outcome: ParseOutcome


def norm(value: object) -> str | None:
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", str(value))
    return re.sub(r"\s+", " ", text).strip().casefold()


def skills_f1(truth: list[str], got: list[str]) -> float:
    expected, found = set(truth), set(got)
    if not expected and not found:
        return 1.0
    return 2 * len(expected & found) / (len(expected) + len(found))


Check = Callable[[ParsedResume, ContactDetails, ParsedResume, ContactDetails], bool]

FIELDS: dict[str, Check] = {
    "degree": lambda t, _tc, p, _pc: (
        [e.degree for e in t.education] == [e.degree for e in p.education]
    ),
    "school": lambda t, _tc, p, _pc: (
        [norm(e.school) for e in t.education] == [norm(e.school) for e in p.education]
    ),
    "major": lambda t, _tc, p, _pc: (
        [norm(e.major) for e in t.education] == [norm(e.major) for e in p.education]
    ),
    "graduation year": lambda t, _tc, p, _pc: (
        [e.graduation_year for e in t.education] == [e.graduation_year for e in p.education]
    ),
    "employer": lambda t, _tc, p, _pc: (
        [norm(w.employer) for w in t.work_history] == [norm(w.employer) for w in p.work_history]
    ),
    "job title": lambda t, _tc, p, _pc: (
        [norm(w.title) for w in t.work_history] == [norm(w.title) for w in p.work_history]
    ),
    "job dates": lambda t, _tc, p, _pc: (
        [(w.start, w.end) for w in t.work_history] == [(w.start, w.end) for w in p.work_history]
    ),
    "years of experience (±0.5)": lambda t, _tc, p, _pc: (
        abs(t.years_of_experience - p.years_of_experience) <= 0.5
    ),
    "skills (F1 >= 0.95)": lambda t, _tc, p, _pc: skills_f1(t.skills, p.skills) >= 0.95,
    "certificates": lambda t, _tc, p, _pc: set(t.certificates) == set(p.certificates),
    "languages": lambda t, _tc, p, _pc: set(t.languages) == set(p.languages),
    "resume language": lambda t, _tc, p, _pc: t.language == p.language,
    "name": lambda _t, tc, _p, pc: norm(tc.name) == norm(pc.name),
    "email": lambda _t, tc, _p, pc: tc.email == pc.email,
    "phone": lambda _t, tc, _p, pc: tc.phone == pc.phone,
    "national id": lambda _t, tc, _p, pc: tc.national_id == pc.national_id,
}


@dataclass
class Report:
    """Accuracy per field and group (all, en, zh, one per format), and the
    files each field missed."""

    sizes: dict[str, int]
    accuracy: dict[str, dict[str, float]]
    misses: dict[str, list[str]] = field(default_factory=dict)

    @property
    def overall(self) -> float:
        """The share of (resume, field) judgements that were right."""
        return sum(a["all"] for a in self.accuracy.values()) / len(self.accuracy)

    def table(self, title: str) -> str:
        groups = list(self.sizes)
        header = f"{'field':28s}" + "".join(f"{g:>8s}" for g in groups)
        sizes = f"{'resumes':28s}" + "".join(f"{n:8d}" for n in self.sizes.values())
        rows = [
            f"{name:28s}" + "".join(f"{100 * a[g]:7.1f}%" for g in groups)
            for name, a in self.accuracy.items()
        ]
        overall = f"{'overall':28s}{100 * self.overall:7.1f}%"
        return "\n".join([title, header, sizes, *rows, overall])


def score(cases: Sequence[Case]) -> Report:
    """Judge every readable case on every field. A file the parser could not
    read counts as wrong on every field."""
    groups: dict[str, list[Case]] = {"all": list(cases)}
    for language in ("en", "zh"):
        groups[language] = [c for c in cases if c.language == language]
    for fmt in FORMATS:
        groups[fmt] = [c for c in cases if c.format == fmt]
    groups = {name: members for name, members in groups.items() if members}
    report = Report(sizes={g: len(m) for g, m in groups.items()}, accuracy={})
    for name, check in FIELDS.items():
        report.accuracy[name] = {}
        for group, members in groups.items():
            right = 0
            for case in members:
                parsed, contact = case.outcome.parsed, case.outcome.contact
                if parsed is not None and contact is not None:
                    truth = case.truth
                    if check(truth.parsed, truth.contact, parsed, contact):
                        right += 1
                        continue
                if group == "all":
                    report.misses.setdefault(name, []).append(case.path.name)
            report.accuracy[name][group] = right / len(members)
    return report


def load_truth(path: Path) -> HandTruth:
    """A hand-written truth file. Years of experience follow from the work
    history's dates (the definition of the field), so they are not written."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    as_of = f"{AS_OF.year:04d}-{AS_OF.month:02d}"
    parsed = ParsedResume(
        language=raw["language"],
        education=raw["education"],
        work_history=raw["work_history"],
        skills=raw["skills"],
        certificates=raw["certificates"],
        languages=raw["languages"],
        as_of=as_of,
    )
    parsed.years_of_experience = years_of_experience(parsed.work_history, as_of)
    return HandTruth(parsed=parsed, contact=ContactDetails(**raw["contact"]))


def independent_cases(root: Path = INDEPENDENT) -> list[Case]:
    """Every resume of the hand-written corpus, parsed."""
    cases = []
    for path in sorted((root / "resumes").iterdir()):
        truth = load_truth(root / "truth" / f"{path.stem}.yaml")
        outcome = parse_resume(path.read_bytes(), path.name, as_of=AS_OF)
        cases.append(Case(path, truth.parsed.language, path.suffix[1:], truth, outcome))
    return cases


@dataclass(frozen=True)
class _GeneratedTruth:
    parsed: ParsedResume
    contact: ContactDetails


def generated_cases(root: Path) -> list[Case]:
    """The readable resumes of a generated corpus, parsed (its truth is in
    ``manifest.jsonl``; unreadable files are the reader's tests)."""
    cases = []
    for line in (root / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry["expected_problem"] is not None:
            continue
        path = root / entry["file"]
        truth = _GeneratedTruth(
            parsed=ParsedResume.model_validate(entry["truth"]["parsed"]),
            contact=ContactDetails.model_validate(entry["truth"]["contact"]),
        )
        as_of = date.fromisoformat(truth.parsed.as_of + "-01")
        outcome = parse_resume(path.read_bytes(), path.name, as_of=as_of)
        cases.append(Case(path, entry["language"], entry["format"], truth, outcome))
    return cases


def main(argv: Sequence[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    target = argv[0]
    if target == "generated":
        from simulation.resume_corpus import generate  # dev only: the tests' corpus

        with tempfile.TemporaryDirectory() as scratch:
            generate(scratch, GENERATED_RESUMES, GENERATED_SEED)
            cases = generated_cases(Path(scratch))
            title = f"Resume extraction accuracy (generated corpus, seed {GENERATED_SEED})"
            report = score(cases)
    else:
        root = Path(target)
        if (root / "manifest.jsonl").is_file():
            cases, title = generated_cases(root), f"Resume extraction accuracy ({root})"
        else:
            cases, title = independent_cases(root), "Resume extraction accuracy (independent)"
        report = score(cases)
    print(report.table(title))
    for name, files in report.misses.items():
        print(f"  {name}: {', '.join(files)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

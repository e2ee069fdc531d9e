"""The resume corpora, parsed once per session: the generated one (written
into a temporary directory, so the accuracy and the broken-file tests share
one run) and the independent one written by hand (``independent/``).

Nothing is mocked: the files are real PDFs (fpdf2), DOCX (python-docx),
text and Markdown, read back with pypdf and python-docx. Chinese PDFs need
the CJK font from ``scripts/apt-deps.sh``; without it the composition test
fails and says so.
"""

from dataclasses import dataclass
from pathlib import Path

import pytest

from adapters.documents.reader import ParseOutcome, parse_resume
from simulation.resume_corpus import AS_OF, BROKEN_KINDS, CorpusEntry, generate
from tests.resumes.accuracy import GENERATED_RESUMES, GENERATED_SEED, Case, independent_cases

SEED = GENERATED_SEED
RESUMES = GENERATED_RESUMES
BROKEN = 2 * len(BROKEN_KINDS)


@dataclass(frozen=True)
class Parsed:
    entry: CorpusEntry
    outcome: ParseOutcome


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("resume-corpus")


@pytest.fixture(scope="session")
def corpus(corpus_dir: Path) -> list[CorpusEntry]:
    return generate(corpus_dir, RESUMES, SEED, broken=BROKEN)


@pytest.fixture(scope="session")
def parsed_corpus(corpus: list[CorpusEntry]) -> list[Parsed]:
    return [
        Parsed(entry, parse_resume(entry.path.read_bytes(), entry.path.name, as_of=AS_OF))
        for entry in corpus
    ]


@pytest.fixture(scope="session")
def generated_cases(parsed_corpus: list[Parsed]) -> list[Case]:
    """The readable generated resumes as the scorer's cases."""
    return [
        Case(p.entry.path, p.entry.language, p.entry.format, p.entry.truth, p.outcome)
        for p in parsed_corpus
        if p.entry.expected_problem is None
    ]


@pytest.fixture(scope="session")
def independent() -> list[Case]:
    """The hand-written resumes, parsed."""
    return independent_cases()

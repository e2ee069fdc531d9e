"""The resume corpus, generated once per session into a temporary directory
and parsed once, so the accuracy and the broken-file tests share one run.

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

SEED = 20250601
RESUMES = 240
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

"""A seeded corpus of synthetic resumes with known ground truth.

What it makes: ``generate(out_dir, count, seed)`` invents ``count``
applicants and writes one resume file for each, alternating English and
Chinese and cycling through PDF, DOCX, plain text and Markdown, each in one
of five layouts (``classic``, ``compact``, ``labelled``, ``sidebar`` with two
columns, ``table``). ``broken=N`` adds N deliberately unreadable files, one
per kind in turn (``broken.BROKEN_KINDS``). Every file comes with its truth
(``ResumeTruth``: the ``ParsedResume`` and ``ContactDetails`` a perfect
parser would return) and, for broken files, the ``ProblemReason`` the reader
must give. ``manifest.jsonl`` in ``out_dir`` lists them all. File names are
numbers: names of real resume files carry PII.

One module per concern: ``vocabulary`` (the tables), ``applicants``
(inventing people), ``truth`` (what a parser must find), ``wording`` (date
and degree styles), ``blocks`` and ``layouts`` (what a resume says, in five
layouts), ``renderers`` (text, Markdown, DOCX, PDF), ``broken`` (unreadable
files) and ``corpus`` (``generate``).

The same seed gives the same applicants, layouts and texts, and the same
bytes for text, Markdown and English PDFs (fixed creation date). Chinese PDFs
and DOCX differ in their bytes between runs, not in their text: fontTools
stamps the embedded font subset, and zip entries, with the time they are made.
"""

from simulation.resume_corpus.blocks import Block, Bullet, Columns, Heading, Line, Table, Title
from simulation.resume_corpus.broken import BROKEN_KINDS
from simulation.resume_corpus.corpus import AS_OF, FORMATS, LAYOUTS, CorpusFormat, generate
from simulation.resume_corpus.renderers import (
    CJK_FONT_CANDIDATES,
    cjk_font_path,
    render_docx,
    render_markdown,
    render_pdf,
    render_text,
)
from simulation.resume_corpus.truth import CorpusEntry, ResumeTruth

__all__ = [
    "AS_OF",
    "BROKEN_KINDS",
    "CJK_FONT_CANDIDATES",
    "FORMATS",
    "LAYOUTS",
    "Block",
    "Bullet",
    "Columns",
    "CorpusEntry",
    "CorpusFormat",
    "Heading",
    "Line",
    "ResumeTruth",
    "Table",
    "Title",
    "cjk_font_path",
    "generate",
    "render_docx",
    "render_markdown",
    "render_pdf",
    "render_text",
]

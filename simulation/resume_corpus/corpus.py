"""``generate``: plan every file from one seed, then write the files, their
truth and ``manifest.jsonl``.

Planning draws applicants, formats, layouts and bullets in a fixed order
before anything is written, because the Chinese PDFs share one font subset
made from the text of every Chinese resume of the run.
"""

import json
import random
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Literal

from domain.screening.resume import ProblemReason, ResumeLanguage
from simulation.resume_corpus.applicants import make_applicant
from simulation.resume_corpus.blocks import Block
from simulation.resume_corpus.broken import BROKEN_KINDS, broken_file
from simulation.resume_corpus.layouts import layout_blocks
from simulation.resume_corpus.model import Applicant
from simulation.resume_corpus.renderers import (
    cjk_font_path,
    render_docx,
    render_markdown,
    render_pdf,
    render_text,
    subset_font,
)
from simulation.resume_corpus.truth import CorpusEntry, truth_of

AS_OF = date(2025, 6, 1)
"""The default "today" of a corpus: ongoing jobs run to this month."""

CorpusFormat = Literal["pdf", "docx", "txt", "md"]
FORMATS: tuple[CorpusFormat, ...] = ("pdf", "docx", "txt", "md")
LAYOUTS = ("classic", "compact", "labelled", "sidebar", "table")


def generate(
    out_dir: Path | str,
    count: int,
    seed: int,
    *,
    broken: int = 0,
    as_of: date = AS_OF,
) -> list[CorpusEntry]:
    """Write ``count`` resumes and ``broken`` unreadable files to ``out_dir``.

    Resume ``i`` is English when ``i`` is even and Chinese when odd, and its
    format cycles PDF, DOCX, TXT, MD every two resumes, so any ``count`` of
    eight or more covers every format in both languages; the layout is drawn
    from the seed."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    font_path = cjk_font_path()

    planned: list[tuple[Applicant, CorpusFormat, str, list[Block], str, str | None]] = []
    for i in range(count + broken):
        language: ResumeLanguage = "en" if i % 2 == 0 else "zh"
        applicant = make_applicant(rng, language, as_of)
        fmt = FORMATS[(i // 2) % len(FORMATS)]
        layout = rng.choice(LAYOUTS)
        if fmt == "pdf" and language == "zh" and font_path is None:
            fmt = "docx"
        blocks = layout_blocks(applicant, layout, rng)
        bullet = rng.choice(("•", "-", "*", "·"))
        kind = BROKEN_KINDS[(i - count) % len(BROKEN_KINDS)][0] if i >= count else None
        planned.append((applicant, fmt, layout, blocks, bullet, kind))

    with tempfile.TemporaryDirectory(prefix="hireloop-fonts-") as fonts:
        cjk_subset: Path | None = None
        if font_path is not None:
            chinese = "".join(render_text(p[3]) for p in planned if p[0].language == "zh")
            cjk_subset = subset_font(
                font_path, "".join(sorted(set(chinese))) + "•·●-–—", Path(fonts) / "cjk.ttf"
            )
        return _write(out, planned, cjk_subset, as_of, rng)


def _write(
    out: Path,
    planned: Sequence[tuple["Applicant", CorpusFormat, str, list[Block], str, str | None]],
    cjk_subset: Path | None,
    as_of: date,
    rng: random.Random,
) -> list[CorpusEntry]:

    entries: list[CorpusEntry] = []
    manifest: list[str] = []
    for i, (applicant, fmt, layout, blocks, bullet, kind) in enumerate(planned):
        label: str
        truth = truth_of(applicant, as_of)
        font = cjk_subset if applicant.language == "zh" else None
        expected: ProblemReason | None = None
        if kind is None:
            suffix = f".{fmt}"
            if fmt == "pdf":
                data = render_pdf(blocks, font, bullet)
            elif fmt == "docx":
                data = render_docx(blocks)
            elif fmt == "md":
                data = render_markdown(blocks).encode("utf-8")
            else:
                encoding = (
                    "gb18030" if applicant.language == "zh" and rng.random() < 0.25 else "utf-8"
                )
                data = render_text(blocks, bullet).encode(encoding)
                if encoding == "utf-8" and rng.random() < 0.1:
                    data = b"\xef\xbb\xbf" + data
            label = fmt
        else:
            _, expected, suffix = next(k for k in BROKEN_KINDS if k[0] == kind)
            data = broken_file(
                kind, rng, blocks, cjk_subset if applicant.language == "zh" else None
            )
            label = kind
            layout = kind
        path = out / f"{i:06d}{suffix}"
        path.write_bytes(data)
        entry = CorpusEntry(path, truth, label, applicant.language, layout, expected)
        entries.append(entry)
        manifest.append(
            json.dumps(
                {
                    "file": path.name,
                    "format": label,
                    "language": applicant.language,
                    "layout": layout,
                    "expected_problem": expected,
                    "truth": truth.model_dump(mode="json", exclude={"parsed": {"highest_degree"}}),
                },
                ensure_ascii=False,
            )
        )
    (out / "manifest.jsonl").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return entries

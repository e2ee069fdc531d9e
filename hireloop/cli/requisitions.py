"""``hireloop requisitions ...`` and ``hireloop fit ...``: jobs and the resume fit model.

``requisitions`` stores job requisitions in the ledger (create is idempotent
on content) and shows what the JD analysis found. ``fit`` works on files
only (a labelled CSV, the model registry), like ``scoring``, except ``fit
score``, which reads a stored requisition and scores resume files against it.
"""

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.table import Table

from domain.errors import UserError
from hireloop.cli.scoring import registry_option
from hireloop.cli.support import (
    console,
    echo_json,
    friendly,
    ledger,
    model_entry,
    show_model_entries,
)

if TYPE_CHECKING:  # imported by the commands that run (LightGBM, jieba: see hireloop.cli)
    from adapters.ml.fit import ScreeningResult
    from ledger.stores.requisitions import StoredRequisition

FILE = click.Path(path_type=Path, dir_okay=False)


@click.group("requisitions")
def requisitions() -> None:
    """Job requisitions: create from YAML, list, show JD keywords and dimensions."""


def _summary(stored: "StoredRequisition") -> dict[str, Any]:
    r = stored.requisition
    return {
        "id": r.id,
        "title": r.title,
        "content_hash": stored.content_hash,
        "created_at": stored.created_at.isoformat(),
        "competencies": r.competencies,
        "pass_threshold": r.pass_threshold,
        "talent_pool_percentile": r.talent_pool_percentile,
    }


def _details(stored: "StoredRequisition") -> dict[str, Any]:
    in_model = set(stored.requisition.competencies)
    return {
        **_summary(stored),
        "requisition": stored.requisition.model_dump(mode="json"),
        "analysis": stored.analysis.model_dump(mode="json"),
        "recommended_not_in_model": [
            d for d in stored.analysis.recommended_dimensions if d not in in_model
        ],
    }


@requisitions.command("create")
@click.argument("file", type=FILE)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
@friendly
def create(ctx: click.Context, file: Path, as_json: bool) -> None:
    """Validate a requisition file and store it (unchanged content is a no-op)."""
    from definitions.requisition_loader import load_requisition_file
    from ledger.stores.requisitions import RequisitionStore

    requisition = load_requisition_file(file)
    stored = RequisitionStore(ledger(ctx)).create(requisition)
    if as_json:
        echo_json({**_details(stored), "created": stored.created})
        return
    state = "created" if stored.created else "unchanged, already stored"
    click.echo(f"{requisition.id} ({state}); sha256 {stored.content_hash}")
    click.echo(f"keywords: {', '.join(stored.analysis.keywords[:12])}")
    click.echo(f"recommended dimensions: {', '.join(stored.analysis.recommended_dimensions)}")


@requisitions.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
@friendly
def list_requisitions(ctx: click.Context, as_json: bool) -> None:
    """Every stored requisition, by id."""
    from ledger.stores.requisitions import RequisitionStore

    stored = RequisitionStore(ledger(ctx)).list()
    if as_json:
        echo_json([_summary(s) for s in stored])
        return
    if not stored:
        click.echo("no requisitions; create one with `hireloop requisitions create FILE.yaml`")
        return
    table = Table("id", "title", "competencies", "line", "pool pct", "created (UTC)")
    for s in stored:
        r = s.requisition
        weights = ", ".join(f"{name} {w:g}" for name, w in r.competencies.items())
        table.add_row(
            r.id,
            r.title,
            weights,
            f"{r.pass_threshold:g}",
            f"{r.talent_pool_percentile:g}",
            s.created_at.strftime("%Y-%m-%d %H:%M"),
        )
    console().print(table)


@requisitions.command("show")
@click.argument("requisition_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
@friendly
def show(ctx: click.Context, requisition_id: str, as_json: bool) -> None:
    """A requisition with its JD keywords and recommended competency dimensions."""
    from ledger.stores.requisitions import RequisitionStore

    stored = RequisitionStore(ledger(ctx)).get(requisition_id)
    if as_json:
        echo_json(_details(stored))
        return
    r, a = stored.requisition, stored.analysis
    req = r.requirements
    out = console()
    out.print(f"[bold]{r.id}[/bold]: {r.title}")
    out.print(f"sha256 {stored.content_hash}; created {stored.created_at.isoformat()}")
    out.print(
        f"pass line {r.pass_threshold:g}; talent pool: top {100 - r.talent_pool_percentile:g} %"
    )
    out.print(
        "hard requirements: "
        f"degree {req.min_degree or 'any'}, years >= {req.min_years:g}, "
        f"certificates {', '.join(req.certificates) or 'none'}, "
        f"languages {', '.join(req.languages) or 'any'}"
    )
    out.print(f"skills wanted: {', '.join(r.skills) or 'none listed'}")
    out.print(f"majors: {', '.join(r.majors) or 'any'}")
    weights = Table("competency", "weight", "recommended by the JD")
    recommended = {h.dimension: h for h in a.competencies}
    for name, weight in r.competencies.items():
        hint = recommended.get(name)
        weights.add_row(name, f"{weight:g}", ", ".join(hint.phrases) if hint else "-")
    out.print(weights)
    out.print(f"JD keywords ({a.version}, {a.language}): {', '.join(a.keywords)}")
    out.print(f"JD skills: {', '.join(a.skills) or 'none'}")
    out.print(f"JD certificates: {', '.join(a.certificates) or 'none'}")
    hints = Table("recommended dimension", "hits", "JD phrases", "in the model")
    for hint in a.competencies:
        hints.add_row(
            hint.dimension,
            str(hint.hits),
            ", ".join(hint.phrases),
            "yes" if hint.dimension in r.competencies else "no",
        )
    out.print(hints)


# --------------------------------------------------------------------------
# fit
# --------------------------------------------------------------------------


@click.group("fit")
def fit() -> None:
    """The resume fit model: simulate data, train, list, show the card, score resumes."""


@fit.command("simulate")
@click.argument("out", type=FILE)
@click.option("--rows", type=click.IntRange(min=1), required=True, help="Resumes to make.")
@click.option("--seed", type=click.IntRange(min=0), required=True, help="Random seed.")
@friendly
def simulate(out: Path, rows: int, seed: int) -> None:
    """Write a SYNTHETIC screening-history CSV from the seeded simulation.

    How the rows are made is documented in simulation/recruiters.py; each
    row's source column names the simulation and seed, so a model trained on
    the file is marked synthetic.
    """
    # The simulations are the development extra's: imported only by this command.
    from adapters.ml.fit import write_fit_csv
    from simulation.recruiters import simulate as simulate_rows
    from simulation.recruiters import source_label

    digest = write_fit_csv(out, simulate_rows(rows, seed))
    click.echo(f"wrote {rows} synthetic rows ({source_label(seed)}) to {out}; sha256 {digest}")


@fit.command("train")
@click.argument("csv_path", metavar="CSV", type=click.Path(path_type=Path))
@registry_option
@click.option("--synthetic", is_flag=True, help="Mark the data synthetic even without a source.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable result.")
@friendly
def train(csv_path: Path, registry_dir: Path, synthetic: bool, as_json: bool) -> None:
    """Train the fit model from labelled screening history, with 5-fold CV.

    The model is registered as a new version of `fit`; it becomes champion
    only if its CV RMSE is lower than the current champion's.
    """
    from adapters.ml.fit import read_fit_csv, train_fit
    from adapters.ml.registry import ModelRegistry

    data = read_fit_csv(csv_path)
    is_synthetic, note = data.provenance(csv_path.name, synthetic=synthetic)
    registration = ModelRegistry(registry_dir).register(
        train_fit(data), training_data_sha256=data.sha256, synthetic=is_synthetic, data_note=note
    )
    card, cv = registration.card, registration.card.cv
    if as_json:
        echo_json(
            {
                "model_version": card.model_version,
                "version": card.version,
                "rows": card.rows,
                "cv": cv.model_dump(),
                "champion": registration.champion,
                "previous_champion": registration.previous_champion,
                "training_data_sha256": data.sha256,
                "synthetic_training_data": is_synthetic,
                "data_note": note,
            }
        )
        return
    if registration.champion:
        verdict = "champion" + (
            f" (was {registration.previous_champion})" if registration.previous_champion else ""
        )
    else:
        verdict = f"not champion (stays {registration.previous_champion})"
    out = console()
    out.print(
        f"{card.model_version}: {card.rows} rows, CV RMSE {cv.rmse:.2f} (score std "
        f"{cv.score_std:.2f}), MAE {cv.mae:.2f}, Spearman {cv.spearman:.3f}; {verdict}"
    )
    out.print(f"training data sha256 {data.sha256}; registry {registry_dir}")
    out.print(note)


@fit.command("card")
@click.option("--version", type=click.IntRange(min=1), help="A version (default: the champion).")
@registry_option
@friendly
def card(version: int | None, registry_dir: Path) -> None:
    """Print the fit model's card as JSON (the champion's unless --version)."""
    from adapters.ml.fit import ENTRY
    from adapters.ml.registry import ModelRegistry

    echo_json(ModelRegistry(registry_dir).card(ENTRY, version).model_dump(mode="json"))


@fit.command("list")
@registry_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable list.")
@friendly
def list_models(registry_dir: Path, as_json: bool) -> None:
    """Every fit model version with its CV metrics; * marks the champion."""
    from adapters.ml.fit import ENTRY
    from adapters.ml.registry import ModelRegistry, RegistryError

    registry = ModelRegistry(registry_dir)
    versions = registry.versions(ENTRY)
    if not versions:
        raise RegistryError(
            f"no fit models in {registry_dir}; train one with `hireloop fit train CSV`"
        )
    champion = registry.champion(ENTRY)
    entries = [model_entry(registry.card(ENTRY, version), champion) for version in versions]
    show_model_entries(entries, as_json, "SYNTHETIC (simulated screening)", "recruiters")


@fit.command("promote")
@click.argument("version", type=click.IntRange(min=1))
@registry_option
@friendly
def promote(version: int, registry_dir: Path) -> None:
    """Make VERSION the champion fit model, whatever its metrics."""
    from adapters.ml.fit import ENTRY
    from adapters.ml.registry import ModelRegistry

    registry = ModelRegistry(registry_dir)
    previous = registry.champion(ENTRY)
    registry.promote(ENTRY, version)
    click.echo(f"lgbm-{ENTRY}/{version} is champion (was {previous or 'none'})")


def _result_json(index: int, result: "ScreeningResult") -> dict[str, Any]:
    return {
        "index": index,
        "score": result.fit.score,
        "above_line": result.above_line,
        "pass_threshold": result.pass_threshold,
        "unmet_requirements": [u.model_dump() for u in result.unmet_requirements],
        "top": [c.model_dump() for c in result.fit.top],
        "prediction": result.fit.prediction,
        "bias": result.fit.bias,
        "model_version": result.fit.model_version,
        "features_version": result.fit.features_version,
        "input_sha256": result.fit.input_sha256,
    }


@fit.command("score")
@click.argument("requisition_id", metavar="REQUISITION_ID")
@click.argument("files", nargs=-1, required=True, type=FILE)
@registry_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
@friendly
def score(
    ctx: click.Context,
    requisition_id: str,
    files: tuple[Path, ...],
    registry_dir: Path,
    as_json: bool,
) -> None:
    """Parse resume FILES and score them against a stored requisition.

    Prints each file's fit score, whether it is above the requisition's line,
    unmet hard requirements and the features that moved the score most. No
    contact details are printed. Files that cannot be read are listed with
    the reason (they would go to manual review).
    """
    from adapters.documents.reader import parse_resume
    from adapters.ml.fit import FitScorer
    from ledger.stores.requisitions import RequisitionStore

    stored = RequisitionStore(ledger(ctx)).get(requisition_id)
    scorer = FitScorer(registry_dir)
    parsed, problems = [], []
    for index, path in enumerate(files):
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise UserError(f"cannot read {path}: {exc.strerror}") from None
        outcome = parse_resume(content, path.name, as_of=date.today())
        if outcome.parsed is None:
            reason = outcome.problem.reason if outcome.problem else "unreadable"
            problems.append({"index": index, "file": str(path), "problem": reason})
        else:
            parsed.append((index, path, outcome.parsed))
    results = scorer.screen([p for _, _, p in parsed], stored.requisition, analysis=stored.analysis)
    if as_json:
        echo_json(
            {
                "requisition_id": stored.requisition.id,
                "model_version": scorer.model_version,
                "results": [
                    {**_result_json(i, r), "file": str(path)}
                    for (i, path, _), r in zip(parsed, results, strict=True)
                ],
                "problems": problems,
            }
        )
        return
    table = Table("file", "score", "above line", "unmet requirements", "top contributions")
    for (_, path, _), r in zip(parsed, results, strict=True):
        table.add_row(
            str(path),
            f"{r.fit.score:.1f}",
            "yes" if r.above_line else "no",
            "; ".join(u.detail for u in r.unmet_requirements) or "-",
            ", ".join(f"{c.feature} {c.contribution:+.1f}" for c in r.fit.top),
        )
    for p in problems:
        table.add_row(str(p["file"]), "-", "manual review", f"unreadable: {p['problem']}", "-")
    out = console()
    out.print(table)
    out.print(
        f"{scorer.model_version} against {stored.requisition.id} "
        f"(line {stored.requisition.pass_threshold:g})"
        + (" [SYNTHETIC training data]" if scorer.card.synthetic_training_data else "")
    )


def register(group: click.Group) -> None:
    """Attach this module's commands to the top-level group."""
    group.add_command(requisitions)
    group.add_command(fit)

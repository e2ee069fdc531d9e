"""``hireloop scoring ...``: labelled data, training and the interview-model registry.

A group of its own (``scoring``, not ``models``): ``models`` holds the speech
model tools. Everything here works on files only (a labelled CSV, the
registry directory), so it runs without Temporal or the ledger.
"""

from pathlib import Path

import click
from rich.table import Table

from hireloop.cli.support import console, echo_json, friendly, model_entry, show_model_entries

registry_option = click.option(
    "--registry",
    "registry_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("models"),
    show_default=True,
    envvar="HIRELOOP_SCORING_MODELS",
    help="Model registry directory (env HIRELOOP_SCORING_MODELS).",
)


@click.group("scoring")
def scoring() -> None:
    """Interview scoring models: simulate data, train, list, inspect, promote."""


@scoring.command("train")
@click.argument("csv_path", metavar="CSV", type=click.Path(path_type=Path))
@registry_option
@click.option("--dimension", "dimensions", multiple=True, help="Train only these (repeatable).")
@click.option("--synthetic", is_flag=True, help="Mark the data synthetic even without a source.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable result.")
@friendly
def train(
    csv_path: Path,
    registry_dir: Path,
    dimensions: tuple[str, ...],
    synthetic: bool,
    as_json: bool,
) -> None:
    """Train one model per dimension from a labelled CSV, with 5-fold CV.

    Each model is registered as a new version; it becomes champion only if
    its CV RMSE is lower than the current champion's.
    """
    from adapters.ml.dataset import read_labelled_csv
    from adapters.ml.registry import ModelRegistry
    from adapters.ml.training import train as train_models

    data = read_labelled_csv(csv_path)
    is_synthetic, note = data.provenance(csv_path.name, synthetic=synthetic)
    models = train_models(data, dimensions or None)
    registry = ModelRegistry(registry_dir)
    registrations = [
        registry.register(
            model, training_data_sha256=data.sha256, synthetic=is_synthetic, data_note=note
        )
        for model in models.values()
    ]
    if as_json:
        echo_json(
            {
                "training_data_sha256": data.sha256,
                "synthetic_training_data": is_synthetic,
                "data_note": note,
                "models": [
                    {
                        "dimension": r.card.dimension,
                        "model_version": r.card.model_version,
                        "version": r.card.version,
                        "rows": r.card.rows,
                        "cv": r.card.cv.model_dump(),
                        "champion": r.champion,
                        "previous_champion": r.previous_champion,
                    }
                    for r in registrations
                ],
            }
        )
        return
    table = Table("model", "rows", "CV RMSE", "MAE", "Spearman", "score std", "champion")
    for r in registrations:
        cv = r.card.cv
        if r.champion:
            verdict = "yes" if r.previous_champion is None else f"yes (was {r.previous_champion})"
        else:
            verdict = f"no (stays {r.previous_champion})"
        table.add_row(
            r.card.model_version,
            str(r.card.rows),
            f"{cv.rmse:.2f}",
            f"{cv.mae:.2f}",
            f"{cv.spearman:.3f}",
            f"{cv.score_std:.2f}",
            verdict,
        )
    out = console()
    out.print(table)
    out.print(f"training data sha256 {data.sha256}; registry {registry_dir}")
    out.print(note)


@scoring.command("list")
@registry_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable list.")
@friendly
def list_models(registry_dir: Path, as_json: bool) -> None:
    """Every model version per dimension, with its CV metrics; * marks the champion."""
    from adapters.ml.registry import ModelRegistry, RegistryError

    registry = ModelRegistry(registry_dir)
    dimensions = registry.dimensions()
    if not dimensions:
        raise RegistryError(f"no models in {registry_dir}")
    entries = []
    for dimension in dimensions:
        champion = registry.champion(dimension)
        for version in registry.versions(dimension):
            card = registry.card(dimension, version)
            entries.append({"dimension": dimension, **model_entry(card, champion)})
    show_model_entries(entries, as_json, "SYNTHETIC (simulated raters)", "rater scores")


@scoring.command("card")
@click.argument("dimension")
@click.option("--version", type=click.IntRange(min=1), help="A version (default: the champion).")
@registry_option
@friendly
def card(dimension: str, version: int | None, registry_dir: Path) -> None:
    """Print a model card as JSON (the champion's unless --version)."""
    from adapters.ml.registry import ModelRegistry

    echo_json(ModelRegistry(registry_dir).card(dimension, version).model_dump(mode="json"))


@scoring.command("promote")
@click.argument("dimension")
@click.argument("version", type=click.IntRange(min=1))
@registry_option
@friendly
def promote(dimension: str, version: int, registry_dir: Path) -> None:
    """Make VERSION the champion of DIMENSION, whatever its metrics."""
    from adapters.ml.registry import ModelRegistry

    registry = ModelRegistry(registry_dir)
    previous = registry.champion(dimension)
    registry.promote(dimension, version)
    click.echo(f"lgbm-{dimension}/{version} is champion (was {previous or 'none'})")


@scoring.command("simulate")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--rows", type=click.IntRange(min=1), required=True, help="Rated answers to make.")
@click.option("--seed", type=click.IntRange(min=0), required=True, help="Random seed.")
@friendly
def simulate(out: Path, rows: int, seed: int) -> None:
    """Write a SYNTHETIC labelled CSV from the seeded rater simulation.

    How the rows are made is documented in simulation/raters.py; each
    row's source column names the simulation and seed, so models trained on
    the file are marked synthetic.
    """
    # The simulations are the development extra's: imported only by this command.
    from adapters.ml.dataset import write_labelled_csv
    from simulation.raters import simulate as simulate_rows
    from simulation.raters import source_label

    digest = write_labelled_csv(out, simulate_rows(rows, seed))
    click.echo(f"wrote {rows} synthetic rows ({source_label(seed)}) to {out}; sha256 {digest}")


def register(group: click.Group) -> None:
    """Attach this module's commands to the top-level group."""
    group.add_command(scoring)

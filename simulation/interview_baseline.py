"""Write the shipped baseline scorers: trained on SIMULATED raters, and saying so.

    python -m simulation.interview_baseline [--out models]

simulates ``BASELINE_ROWS`` = 4000 rated answers (1000 per dimension) with
``BASELINE_SEED`` = 2025 (``simulation.raters``), trains one LightGBM
model per dimension with the default parameters and the training seed, and
registers each as the next version of its dimension. The training-data hash
on the cards is the sha256 of the CSV that ``hireloop scoring simulate
out.csv --rows 4000 --seed 2025`` writes, so anyone can regenerate and check
it. Into an empty directory it writes version 1, with the same model bytes
as the shipped champion (given the same LightGBM version).

The product needs scorers from day one, and no company's rater data can
ship with it; a documented simulation is the honest stand-in. Every card
carries ``synthetic_training_data: true`` and a note that says so.

Versions: ``models/<dimension>/1`` was trained on ``simulated-raters/1``
(spoken answers only) and cannot score typed answers; ``2`` on
``simulated-raters/2`` (15 % typed answers) and is champion. The registry
never rewrites a version, so a new simulation means a new version: the
script appends one and leaves the old files alone.

Promotion: the registry crowns a new model only on a lower CV RMSE, but the
old and the new baseline were cross-validated on different data (typed rows,
judged on content alone, are harder to predict), so that comparison means
nothing here. The new baseline is made champion because it is the one that
can score typed answers: a decision taken in code review, not by a metric.
It never displaces a champion trained on real raters' scores (a card with
``synthetic_training_data: false``): over such a model it is only stored.
A dimension whose champion was already trained on exactly this data (same
training-data sha256) is left alone, so running the script twice adds
nothing.
"""

import argparse
import sys
from pathlib import Path

from adapters.ml.dataset import LabelledData, file_sha256, labelled_csv_bytes
from adapters.ml.registry import ModelRegistry, Registration
from adapters.ml.training import train
from domain.errors import UserError
from domain.interview.terms import DIMENSIONS
from simulation.raters import simulate

BASELINE_ROWS = 4000
BASELINE_SEED = 2025
DEFAULT_OUT = Path("models")


def baseline_data() -> LabelledData:
    """The simulated training set, hashed as the CSV it would be written as."""
    rows = simulate(BASELINE_ROWS, BASELINE_SEED)
    return LabelledData(file_sha256(labelled_csv_bytes(rows)), tuple(rows))


def _already_current(registry: ModelRegistry, dimension: str, sha256: str) -> bool:
    """Whether the dimension's champion was trained on exactly this data."""
    champion = registry.champion(dimension) if registry.versions(dimension) else None
    return champion is not None and registry.card(dimension).training_data_sha256 == sha256


def write_baseline(root: Path) -> dict[str, Registration]:
    """Train the baseline and register it as the next version of each dimension
    in ``root``, champion unless a real-data model is (see the module doc).

    Returns the registrations made; dimensions already on this baseline are
    skipped, so the result is empty when there was nothing to do.
    """
    data = baseline_data()
    registry = ModelRegistry(root)
    todo = [d for d in DIMENSIONS if not _already_current(registry, d, data.sha256)]
    if not todo:
        return {}
    synthetic, note = data.provenance(f"{BASELINE_ROWS} simulated answers")
    registrations: dict[str, Registration] = {}
    for dimension, model in train(data, todo).items():
        registration = registry.register(
            model, training_data_sha256=data.sha256, synthetic=synthetic, data_note=note
        )
        version, previous = registration.card.version, registration.previous_champion
        champion = version
        if previous is not None and not registry.card(dimension, previous).synthetic_training_data:
            champion = previous
        registry.promote(dimension, champion)
        registrations[dimension] = Registration(registration.card, champion == version, previous)
    return registrations


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="registry directory")
    args = parser.parse_args(argv)
    try:
        registrations = write_baseline(args.out)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not registrations:
        print(f"{args.out}: every dimension's champion is already this baseline; nothing written")
    for registration in registrations.values():
        cv = registration.card.cv
        crowned = "champion" if registration.champion else "stored, not champion"
        print(
            f"{registration.card.model_version} ({crowned}): CV RMSE {cv.rmse:.2f} (score std "
            f"{cv.score_std:.2f}), MAE {cv.mae:.2f}, Spearman {cv.spearman:.3f} -> {args.out}"
        )
        for label, subset in (("typed", cv.typed), ("spoken", cv.spoken)):
            if subset is not None:
                print(
                    f"    {label:6} {subset.rows:4} rows: RMSE {subset.rmse:.2f}, "
                    f"Spearman {subset.spearman:.3f}, mean error {subset.mean_error:+.2f}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

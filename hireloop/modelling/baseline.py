"""Write the shipped baseline scorers: trained on SIMULATED raters, and saying so.

    python -m hireloop.modelling.baseline [--out models] [--replace]

simulates ``BASELINE_ROWS`` = 4000 rated answers (1000 per dimension) with
``BASELINE_SEED`` = 2025 (``domain.rater_simulation``), trains one LightGBM
model per dimension with the default parameters and the training seed, and
registers them as version 1 of each dimension. The training-data hash on the
cards is the sha256 of the CSV that ``hireloop scoring simulate out.csv
--rows 4000 --seed 2025`` writes, so anyone can regenerate and check it.

The product needs scorers from day one, and no company's rater data can
ship with it; a documented simulation is the honest stand-in. Every card
carries ``synthetic_training_data: true`` and a note that says so.
"""

import argparse
import shutil
import sys
from pathlib import Path

from domain.answer_features import DIMENSIONS
from domain.rater_simulation import simulate
from hireloop.errors import UserError
from hireloop.modelling.dataset import LabelledData, file_sha256, labelled_csv_bytes
from hireloop.modelling.registry import ModelRegistry, Registration
from hireloop.modelling.training import train

BASELINE_ROWS = 4000
BASELINE_SEED = 2025
DEFAULT_OUT = Path("models")


def baseline_data() -> LabelledData:
    """The simulated training set, hashed as the CSV it would be written as."""
    rows = simulate(BASELINE_ROWS, BASELINE_SEED)
    return LabelledData(file_sha256(labelled_csv_bytes(rows)), tuple(rows))


def write_baseline(root: Path, *, replace: bool = False) -> dict[str, Registration]:
    """Train and register the baseline into ``root`` as version 1 of each dimension.

    Refuses to touch dimensions that already have models unless ``replace``:
    a registry's history is not something to overwrite by accident.
    """
    existing = [d for d in DIMENSIONS if (root / d).exists()]
    if existing and not replace:
        raise UserError(
            f"{root} already has models for {', '.join(existing)}; "
            "pass --replace to rewrite the baseline from scratch"
        )
    for dimension in existing:
        shutil.rmtree(root / dimension)
    data = baseline_data()
    synthetic, note = data.provenance(f"{BASELINE_ROWS} simulated answers")
    registry = ModelRegistry(root)
    return {
        dimension: registry.register(
            model, training_data_sha256=data.sha256, synthetic=synthetic, data_note=note
        )
        for dimension, model in train(data, DIMENSIONS).items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="registry directory")
    parser.add_argument("--replace", action="store_true", help="rewrite existing baseline")
    args = parser.parse_args(argv)
    try:
        registrations = write_baseline(args.out, replace=args.replace)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for registration in registrations.values():
        cv = registration.card.cv
        print(
            f"{registration.card.model_version}: CV RMSE {cv.rmse:.2f} (score std "
            f"{cv.score_std:.2f}), MAE {cv.mae:.2f}, Spearman {cv.spearman:.3f} -> {args.out}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

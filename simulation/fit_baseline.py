"""Write the shipped baseline fit model: trained on SIMULATED screening, and saying so.

    python -m simulation.fit_baseline [--out models] [--replace]

simulates ``BASELINE_ROWS`` = 4000 screened resumes with ``BASELINE_SEED`` =
2025 (``simulation.recruiters``), trains the LightGBM fit model with the
default parameters, seeded 5-fold CV and the training seed, and registers it
as version 1 of entry ``fit``. The training-data hash on the card is the
sha256 of the CSV that ``hireloop fit simulate out.csv --rows 4000 --seed
2025`` writes, so anyone can regenerate and check it.

Screening needs a fit model from day one and no company's screening history
can ship with the product; a documented simulation is the honest stand-in.
The card carries ``synthetic_training_data: true`` and a note that says so.
"""

import argparse
import shutil
import sys
from pathlib import Path

from adapters.ml.dataset import file_sha256
from adapters.ml.fit import ENTRY, FitData, fit_csv_bytes, train_fit
from adapters.ml.registry import ModelRegistry, Registration
from domain.errors import UserError
from simulation.recruiters import simulate

BASELINE_ROWS = 4000
BASELINE_SEED = 2025
DEFAULT_OUT = Path("models")


def baseline_data() -> FitData:
    """The simulated training set, hashed as the CSV it would be written as."""
    rows = simulate(BASELINE_ROWS, BASELINE_SEED)
    return FitData(file_sha256(fit_csv_bytes(rows)), tuple(rows))


def write_fit_baseline(root: Path, *, replace: bool = False) -> Registration:
    """Train and register the baseline into ``root`` as version 1 of ``fit``.

    Refuses to touch an existing ``fit`` entry unless ``replace``: a
    registry's history is not something to overwrite by accident.
    """
    if (root / ENTRY).exists():
        if not replace:
            raise UserError(
                f"{root} already has fit models; pass --replace to rewrite the baseline"
            )
        shutil.rmtree(root / ENTRY)
    data = baseline_data()
    synthetic, note = data.provenance(f"{BASELINE_ROWS} simulated screening decisions")
    return ModelRegistry(root).register(
        train_fit(data), training_data_sha256=data.sha256, synthetic=synthetic, data_note=note
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="registry directory")
    parser.add_argument("--replace", action="store_true", help="rewrite an existing baseline")
    args = parser.parse_args(argv)
    try:
        registration = write_fit_baseline(args.out, replace=args.replace)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    cv = registration.card.cv
    print(
        f"{registration.card.model_version}: CV RMSE {cv.rmse:.2f} (score std "
        f"{cv.score_std:.2f}), MAE {cv.mae:.2f}, Spearman {cv.spearman:.3f} -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

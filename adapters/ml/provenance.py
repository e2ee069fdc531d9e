"""Where training rows came from, read off their ``source`` column.

A model card must say when its training data is synthetic. The simulations
write their name and version into every row they make (``simulated-raters/2
seed=2025``); the trainers recognise those names here, without importing the
simulations (which ship only as a development extra).
"""

from collections.abc import Sequence
from dataclasses import dataclass

RATER_SIMULATION = "simulated-raters"
SCREENING_SIMULATION = "simulated-screening"


def simulated_by(source: str, simulation: str) -> bool:
    """Whether a row's source names ``simulation``, in any version (rows written
    by an older version of a simulation still count as simulated)."""
    return source.startswith(simulation + "/")


@dataclass(frozen=True)
class LabelKind:
    """Who gives a kind of label, and which simulation stands in for them, in
    the words a model card uses."""

    simulation: str
    module: str
    real: str
    simulated: str
    not_from: str


RATER_SCORES = LabelKind(
    simulation=RATER_SIMULATION,
    module="simulation/raters.py",
    real="answers scored by human raters",
    simulated="human raters",
    not_from="not from scores given by real people. The model has learned the simulation's "
    "rules, nothing about real raters: retrain on your own raters' scores",
)
SCREENING_SCORES = LabelKind(
    simulation=SCREENING_SIMULATION,
    module="simulation/recruiters.py",
    real="resumes screened by recruiters",
    simulated="recruiters' screening scores",
    not_from="not from decisions made by real people. The model has learned the "
    "simulation's rules, nothing about real recruiters: retrain on your own screening "
    "history",
)


def data_note(
    sources: Sequence[str], kind: LabelKind, name: str, sha256: str, *, synthetic: bool = False
) -> tuple[bool, str]:
    """Whether training data is synthetic, and the plain-language note for the
    model card. Rows are synthetic when their ``source`` names the simulation
    (or when the trainer says so with ``synthetic``); other rows are taken to
    be real people's labels, since that is what a labelled file is for."""
    total = len(sources)
    labels = sorted({source for source in sources if simulated_by(source, kind.simulation)})
    simulated = sum(1 for source in sources if simulated_by(source, kind.simulation))
    if simulated == 0 and not synthetic:
        return False, f"Trained on {total} {kind.real}, from {name} (sha256 {sha256[:12]}...)."
    share = "All" if synthetic or simulated == total else f"{simulated} of {total}"
    origin = f" ({'; '.join(labels)}, see {kind.module})" if labels else ""
    return True, (
        f"SYNTHETIC DATA. {share} training rows come from a seeded simulation of "
        f"{kind.simulated}{origin}, {kind.not_from} before relying on it."
    )

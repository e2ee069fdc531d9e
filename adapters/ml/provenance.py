"""Where training rows came from, read off their ``source`` column.

A model card must say when its training data is synthetic. The simulations
write their name and version into every row they make (``simulated-raters/2
seed=2025``); the trainers recognise those names here, without importing the
simulations (which ship only as a development extra).
"""

RATER_SIMULATION = "simulated-raters"
SCREENING_SIMULATION = "simulated-screening"


def simulated_by(source: str, simulation: str) -> bool:
    """Whether a row's source names ``simulation``, in any version (rows written
    by an older version of a simulation still count as simulated)."""
    return source.startswith(simulation + "/")

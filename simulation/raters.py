"""A seeded simulation of human raters: SYNTHETIC training data, not real people.

hireloop ships with interview scorers before any company has rated a single
real answer. They are trained on the rows made here, so anyone can see exactly
what the baseline models learned: the relationship below, nothing more. Every
row carries ``source = "simulated-raters/2 seed=<seed>"`` and the model cards
of models trained on it say plainly that the data is a simulation. Replace the
baseline with models trained on your own raters' scores (``hireloop scoring
train``) before relying on it.

How a data set is made (``simulate(rows, seed)``; everything is drawn from
``numpy.random.default_rng(seed)``, so the same arguments give the same rows):

1. Candidates and answers. Row ``k`` is candidate ``k // 4`` answering one
   question for dimension ``DIMENSIONS[k % 4]`` (communication,
   logical_reasoning, job_knowledge, teamwork).
2. Latent ability. Each candidate has a general ability ``g ~ N(0, 1)`` and,
   per dimension, ``a_d = 0.5 g + sqrt(0.75) e_d`` with ``e_d ~ N(0, 1)``:
   abilities correlate 0.25 across dimensions, as real competencies do.
   ``c`` below is the candidate's communication ability ``a_communication``;
   ``a`` is the ability of the dimension being asked.
3. Features of the answer, from the ability plus noise (``z`` is a fresh
   standard normal draw each time, ``sigmoid(x) = 1 / (1 + e^-x)``):

   - delivery depends on communication ability ``c`` (how someone speaks
     is a trait of the speaker, whatever the question):
       * ``words_per_minute = 145 + s (28 softplus(-c) + 6 |z|)``, ``s = ±1``
         at random: weak speakers are too slow *or* too fast (non-monotone);
       * ``pause_ratio = sigmoid(-1.4 - 0.6 c + 0.35 z)``;
       * ``filler_ratio = min(0.5, 0.035 exp(-0.6 c + 0.35 z))``;
       * ``vocabulary_richness = clip(0.72 + 0.05 c + 0.03 z, 0.3, 1)``;
   - content depends on the asked dimension's ability ``a``:
       * ``answer_words = max(5, round(95 + 28 a + 18 z))``;
       * ``rubric_coverage = Binomial(6, sigmoid(-0.2 + 1.2 a)) / 6``;
       * ``competency_coverage = Binomial(12, sigmoid(-1.3 + 0.9 a)) / 12``;
   - transcript quality is independent of ability (microphone, room):
       * ``asr_mean_avg_logprob = min(-0.05, -0.35 + 0.12 z)``;
       * ``asr_max_no_speech_prob = Beta(1, 12)``.
4. Rater scores. A panel of 8 raters; rater ``r`` has a fixed leniency
   ``b_r ~ N(0, 3)``. Each answer is scored by one rater drawn at random:
   ``score = clip(50 + 16 t + b_r + 5 z, 0, 100)``, rounded to 0.1, where the
   answer's true quality is ``t = a`` for communication and
   ``t = 0.85 a + 0.15 c`` for the other dimensions: raters are slightly
   swayed by a fluent speaker (a halo effect, as human raters are).
5. Typed answers (an accessibility accommodation; new in
   ``simulated-raters/2``). Each candidate types *all* their answers with
   probability ``TYPED_SHARE`` = 0.15 (the accommodation is granted to a
   person, not to a question), so about 15 % of rows are typed. For a typed
   row:

   - ``words_per_minute``, ``pause_ratio``, ``asr_mean_avg_logprob`` and
     ``asr_max_no_speech_prob`` are NaN: not applicable, there was no speech
     (``domain.interview.answer_features.SPEECH_FEATURES``);
   - content is drawn exactly as for a spoken answer (step 3), except
     ``filler_ratio``, which is ``TYPED_FILLER_FACTOR`` = 0.3 times the spoken
     formula: writing drops "um" and "uh" but keeps the fillers that are also
     ordinary words ("like", "actually", 就是);
   - the rater ignores delivery, which the candidate could not show: the
     true quality is ``t = a`` for every dimension, with no fluency halo.
     So a typed answer is judged on the same 0-100 scale as a spoken one,
     neither penalised for missing delivery nor credited with fluency it
     never displayed. (For communication ``t = a`` already: written
     communication is still communication.)

   Who types is drawn after everything else, so a spoken row is exactly the
   row ``simulated-raters/1`` made with the same seed; only typed rows differ.

The simulation is learnable by design: the features carry most of the
information about ``a`` and ``c``. What it cannot tell you is whether real
raters behave this way; that is what real labels are for. In particular,
whether real raters score typed answers without a delivery halo is an
assumption to check against your own raters.
"""

import math

import numpy as np
import numpy.typing as npt

from adapters.ml.provenance import RATER_SIMULATION
from domain.interview.answer_features import FEATURE_NAMES, SPEECH_FEATURES, LabelledAnswer
from domain.interview.terms import DIMENSIONS

SIMULATION_VERSION = f"{RATER_SIMULATION}/2"
"""Bumped from ``/1`` when typed answers (step 5) were added."""
RATERS = 8
ABILITY_CORRELATION = 0.5
HALO = 0.15
TYPED_SHARE = 0.15
"""Probability that a candidate types their answers (step 5)."""
TYPED_FILLER_FACTOR = 0.3
"""Typed answers keep this share of the spoken filler ratio (step 5)."""

Array = npt.NDArray[np.float64]


def source_label(seed: int) -> str:
    """The provenance written into each simulated row."""
    return f"{SIMULATION_VERSION} seed={seed}"


def _sigmoid(x: Array) -> Array:
    return 1.0 / (1.0 + np.exp(-x))


def _softplus(x: Array) -> Array:
    return np.log1p(np.exp(x))


def simulate(rows: int, seed: int) -> list[LabelledAnswer]:
    """``rows`` synthetic rated answers, reproducible from ``seed`` (see module doc)."""
    if rows < 0:
        raise ValueError("rows must not be negative")
    rng = np.random.default_rng(seed)
    dims = len(DIMENSIONS)
    candidates = math.ceil(rows / dims)

    general = rng.standard_normal(candidates)
    own = rng.standard_normal((candidates, dims))
    rho = ABILITY_CORRELATION
    ability = rho * general[:, None] + math.sqrt(1 - rho**2) * own

    index = np.arange(rows)
    candidate, dim = index // dims, index % dims
    a = ability[candidate, dim]
    c = ability[candidate, DIMENSIONS.index("communication")]

    def z() -> Array:
        return rng.standard_normal(rows)

    side = rng.choice(np.array([-1.0, 1.0]), size=rows)
    columns: dict[str, Array] = {
        "words_per_minute": 145 + side * (28 * _softplus(-c) + 6 * np.abs(z())),
        "pause_ratio": _sigmoid(-1.4 - 0.6 * c + 0.35 * z()),
        "vocabulary_richness": np.clip(0.72 + 0.05 * c + 0.03 * z(), 0.3, 1.0),
        "filler_ratio": np.minimum(0.5, 0.035 * np.exp(-0.6 * c + 0.35 * z())),
        "answer_words": np.maximum(5.0, np.round(95 + 28 * a + 18 * z())),
        "rubric_coverage": rng.binomial(6, _sigmoid(-0.2 + 1.2 * a)) / 6.0,
        "competency_coverage": rng.binomial(12, _sigmoid(-1.3 + 0.9 * a)) / 12.0,
        "asr_mean_avg_logprob": np.minimum(-0.05, -0.35 + 0.12 * z()),
        "asr_max_no_speech_prob": rng.beta(1.0, 12.0, size=rows),
    }
    assert tuple(columns) == FEATURE_NAMES

    leniency = rng.normal(0.0, 3.0, size=RATERS)
    rater = rng.integers(0, RATERS, size=rows)
    noise = 5 * z()
    typed = (rng.random(candidates) < TYPED_SHARE)[candidate]

    for name in SPEECH_FEATURES:
        columns[name] = np.where(typed, np.nan, columns[name])
    columns["filler_ratio"] = np.where(
        typed, TYPED_FILLER_FACTOR * columns["filler_ratio"], columns["filler_ratio"]
    )
    is_communication = dim == DIMENSIONS.index("communication")
    halo = np.where(typed | is_communication, 0.0, HALO)
    quality = (1 - halo) * a + halo * c
    scores = np.round(np.clip(50 + 16 * quality + leniency[rater] + noise, 0, 100), 1)

    matrix = np.column_stack([columns[name] for name in FEATURE_NAMES])
    label = source_label(seed)
    return [
        LabelledAnswer(
            dimension=DIMENSIONS[int(dim[k])],
            features=tuple(round(float(v), 6) for v in matrix[k]),
            score=float(scores[k]),
            source=label,
        )
        for k in range(rows)
    ]

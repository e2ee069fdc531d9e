"""What a simulated candidate says in the AI interview, decided before it opens.

A stronger candidate says more, in more sentences that use the question's
rubric points and the competency's words; a weaker one says less and stays
vague. Everything is drawn from the simulator's seeded RNG when the
invitation arrives, so a run repeats, and a speaking candidate can record
(espeak-ng) while waiting for the slot instead of inside the answer window.
"""

import random
from dataclasses import dataclass

from domain.interview.settings import InterviewQuestion
from domain.interview.terms import competency_terms
from simulation.speech import VOICES

OPENERS = (
    "I would start with the",
    "In my internship I worked on the",
    "Our team agreed on the",
    "The first thing I check is the",
    "I learned to explain the",
    "Then I compare the",
    "We shared the",
    "My approach is to verify the",
)
MIDDLES = (
    "because it shows",
    "so that we can see",
    "and then I look at",
    "which helps me understand",
    "before I decide on",
)
ENDS = (
    "what the customer needs.",
    "the risk early.",
    "the next step together.",
    "the result for the team.",
    "where the problem comes from.",
    "how to present it clearly.",
)
VAGUE = (
    "I think it depends.",
    "It is hard to say.",
    "Maybe I would ask someone.",
    "I am not really sure about that.",
)


def answer_text(rng: random.Random, question: InterviewQuestion, quality: float) -> str:
    """One simulated answer whose length and coverage follow ``quality``."""
    hits = [t for t in question.rubric if rng.random() < 0.2 + 0.8 * quality]
    lexicon = [t for t in competency_terms(question.dimension) if rng.random() < quality * 0.9]
    terms = hits + lexicon
    rng.shuffle(terms)
    target = int(30 + 130 * quality + rng.uniform(-10, 10))
    sentences: list[str] = []
    words = 0
    while words < target:
        if terms:
            term = terms.pop()
            sentence = f"{rng.choice(OPENERS)} {term} {rng.choice(MIDDLES)} {rng.choice(ENDS)}"
        else:
            sentence = (
                rng.choice(VAGUE)
                if rng.random() > quality
                else (f"{rng.choice(OPENERS)} {rng.choice(question.rubric)} {rng.choice(ENDS)}")
            )
        sentences.append(sentence)
        words += len(sentence.split())
    return " ".join(sentences)


@dataclass(frozen=True)
class InterviewPlan:
    """Everything one candidate will do in their interview, drawn at invitation."""

    slot: int
    """Index of the offered slot they book (one of the first two)."""
    answers: tuple[tuple[str, str], ...]
    """(question id, what they say), in question order."""
    voice: str
    words_per_minute: int


def plan_interview(
    rng: random.Random, questions: list[InterviewQuestion], quality: float, slots: int
) -> InterviewPlan:
    return InterviewPlan(
        slot=rng.randrange(min(2, slots)),
        answers=tuple((q.id, answer_text(rng, q, quality)) for q in questions),
        voice=rng.choice(VOICES),
        words_per_minute=rng.randint(125, 175),
    )

"""Learned interview scorers: labelled data, training, the model registry, scoring.

The I/O side of scoring. The features themselves are pure and live in
``domain.answer_features``; the seeded rater simulation behind the shipped
baseline lives in ``domain.rater_simulation``.
"""

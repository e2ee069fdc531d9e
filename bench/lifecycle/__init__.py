"""Benchmark: candidates through the whole default lifecycle, against bare Temporal.

Run ``python -m bench.lifecycle`` (``make bench``); ``--help`` lists the
knobs. Modules: ``run`` (the three stacks and the measured window),
``plan`` (what one lifecycle asks of Temporal, as a script the baselines
replay), ``baseline`` (the baselines' workflow and worker), ``__main__``
(the figures and what to compare across runs).
"""

"""Benchmark: AI interview report latency after the last spoken answer.

Run ``python -m bench.interview`` (``make bench-interview``); the method is
in ``bench/interview/__main__.py``.
"""

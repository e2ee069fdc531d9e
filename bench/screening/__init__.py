"""Benchmark: a campus season of resumes screened end to end into the ledger.

Run ``python -m bench.screening`` (``make bench-screening``); ``--help``
lists the knobs. Modules: ``corpus`` (the season's files), ``baseline``
(bare parsing), ``run`` (the stack and the import), ``__main__`` (the
figures, the 2 GiB gate and what to compare across runs).
"""

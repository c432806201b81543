"""The performance harness: ``python -m benchmarks`` writes docs/performance.md.

Not timed tests: a run measures, compares with floors measured alongside, and
writes a table. Generated data files live in ``benchmarks/.data/`` (git-ignored).
"""

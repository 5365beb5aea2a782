"""The exact core: rationals, linear algebra over Q (FLINT), exact feasibility (cdd), instances and their model,
parameter points, and the shared display helpers (tables, plots, progress, atomic files)."""

"""Statements, grids, sweeps over grids, and the main job (reproduce) with its catalogue of jobs."""

"""Results of Bo Liu's landscape paper (SPEC §4): cells, minima, saddles, non-differentiable minima."""

"""Results of Laurent–von Brecht (SPEC §5): Clarke criticality, cell losses, Theorems 2–7, Definition 1."""

"""The exact loss landscape of a one-hidden-layer network (SPEC §8), shared by the three papers."""

"""Hyperplane arrangements of the data (SPEC §2): topes and covectors, activation regions, counting and listing
them, general position, the zonotope and wall-crossing routes."""

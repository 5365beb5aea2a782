"""Results of Karhadkar–Murray–Tseran–Montúfar (SPEC §3): one module per result or concept."""

"""The main job's catalogue, one module per concept (see :mod:`exactrelu.reproduce`).

Each module listed in ``MODULES`` defines ``run(catalogue: Catalogue) -> None``,
which computes its claims and hands each certificate to ``catalogue.add``.
"""

MODULES = ["regions", "jacobian", "liu", "lvb", "sweep"]

"""The main job's catalogue, one module per concept (see :mod:`exactrelu.sweeps.reproduce`).

Each module listed in ``MODULES`` defines ``run(catalogue: Catalogue) -> None``,
which computes its claims and hands each certificate to ``catalogue.add``.
Each module owns one folder of the output directory (``FOLDERS``, default: its
own name) and adds files only there, so ``reproduce --only NAME`` can rewrite
that folder and leave the others untouched.
"""

MODULES = ["regions", "jacobian", "liu", "lvb", "landscape", "sweep"]

FOLDERS = {"sweep": "sweeps"}
"""The output folder of a job whose folder is not its module name."""

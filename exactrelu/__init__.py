"""exactrelu: exact, certified verification of ReLU loss-landscape statements over Q.

The package root stays light on purpose: importing :mod:`exactrelu.kernel`
(the certificate checker) must not load FLINT, cdd or sympy.  Library
functions are reached through their modules, e.g.::

    from exactrelu.core.instance import load_instance
    from exactrelu.arrangements.regions import count_regions
"""

__version__ = "0.2.0"

"""CLI sub-commands, one module per concept; each defines ``register(subparsers)``.

A command module parses arguments, calls the library, and prints; it never
decides anything itself.  Register a new module by adding it to ``MODULES``.
"""

MODULES = ["regions", "check", "reproduce", "jacobian", "liu", "lvb", "sweep", "landscape"]

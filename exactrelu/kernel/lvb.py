"""Semantics of the lvb claims (being ported to format 2)."""

RULES: dict = {}

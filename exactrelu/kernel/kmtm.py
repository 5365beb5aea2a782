"""Semantics of the kmtm claims (being ported to format 2)."""

RULES: dict = {}

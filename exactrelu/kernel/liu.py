"""Semantics of the liu claims (being ported to format 2)."""

RULES: dict = {}

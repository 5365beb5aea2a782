"""Turning results into certificate documents and JSON (SPEC §6, docs/json.md)."""

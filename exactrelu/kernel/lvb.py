"""Kernel claims for the lvb results (filled in by its issue)."""

from __future__ import annotations

CLAIMS: dict = {}

"""Kernel claims for the liu results (filled in by its issue)."""

from __future__ import annotations

CLAIMS: dict = {}

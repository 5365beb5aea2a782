"""Kernel claims for the jacobian results (filled in by its issue)."""

from __future__ import annotations

CLAIMS: dict = {}

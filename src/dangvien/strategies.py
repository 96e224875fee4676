"""Hypothesis strategies for dangvien's model (placeholder, filled in by the strategies work)."""

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    """Register dangvien's strategies with Hypothesis (entry point)."""

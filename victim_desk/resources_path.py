"""Finds the shipped data files (resources/) both in a source checkout and in an installed wheel."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path


def resource(*parts: str) -> Traversable:
    """The resource at resources/<parts...>, wherever the package is installed."""
    try:
        node: Traversable = resources.files("victim_desk.resources")
    except ModuleNotFoundError:
        # An editable or in-place checkout without the package-dir mapping: fall back to the repository.
        node = Path(__file__).resolve().parent.parent / "resources"
    for part in parts:
        node = node / part
    return node

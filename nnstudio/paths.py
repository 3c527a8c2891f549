"""Locate shipped resources and samples, in a source checkout or an installed wheel.

The repo keeps ``resources/`` and ``samples/`` at the top level; the wheel force-includes them as
``nnstudio/_resources`` and ``nnstudio/_samples`` (see pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _root(installed: str, checkout: str) -> Path:
    inside = _PKG / installed
    if inside.is_dir():
        return inside
    return _PKG.parent / checkout


def resources_dir() -> Path:
    return _root("_resources", "resources")


def samples_dir() -> Path:
    return _root("_samples", "samples")


def resource(name: str) -> Path:
    """Path of a shipped resource such as ``icons/dense.svg``; raises on an unknown name."""
    path = resources_dir() / name
    if not path.is_file():
        raise FileNotFoundError(f"nnstudio resource {name!r} does not exist in {resources_dir()}")
    return path

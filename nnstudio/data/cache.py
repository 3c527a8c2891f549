"""Where downloaded data sets live: one folder per user, overridable for classrooms and tests."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_DIR = "NNSTUDIO_DATA_DIR"  # a folder of its own, e.g. a shared drive the whole class reads


def data_home() -> Path:
    """The per-user folder for downloaded data sets (created on first download, not here).

    ``$NNSTUDIO_DATA_DIR`` when set; otherwise the platform's cache folder: ``%LOCALAPPDATA%\\nnstudio`` on
    Windows, ``~/Library/Caches/nnstudio`` on macOS, ``$XDG_CACHE_HOME/nnstudio`` (``~/.cache/nnstudio``)
    elsewhere.
    """
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "nnstudio"


def dataset_dir(name: str) -> Path:
    """The folder holding one downloaded data set's files, e.g. ``<data_home>/mnist``."""
    return data_home() / name

"""Export a network as a script and load it as a module, the way a user's ``import model`` would."""

from __future__ import annotations

import importlib.util
import itertools
import sys
from pathlib import Path

from nnstudio.export import export_network

_counter = itertools.count()


def load_script(path: Path):
    name = f"_nnstudio_exported_{next(_counter)}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[name]
    return module


def export_script(fmt: str, spec, weights, folder: Path, training=None):
    """Export ``spec`` as the ``fmt`` script ``model.py`` (its weights in ``model.npz``) and load it."""
    paths = export_network(spec, weights, fmt, folder / "model.py", training=training, title="Test net")
    assert [p.name for p in paths] == ["model.py", "model.npz"]
    return load_script(paths[0])

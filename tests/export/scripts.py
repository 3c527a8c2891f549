"""Load a generated script as a module, the way a user's ``import model`` would."""

from __future__ import annotations

import importlib.util
import itertools
import sys
from pathlib import Path

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

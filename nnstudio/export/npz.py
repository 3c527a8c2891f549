"""Export the weights alone: one NPZ whose keys are "node_id/param" (the project file's layout)."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

import numpy as np

from .graph import Graph
from .settings import Settings


def write(weights: Mapping[str, Mapping[str, np.ndarray]], path: Path) -> None:
    """Save ``{node_id: {param: array}}`` atomically as plain arrays (never pickled)."""
    from nnstudio.atomic import write_atomic

    arrays = {f"{node_id}/{name}": np.asarray(value)
              for node_id, params in weights.items() for name, value in params.items()}
    write_atomic(path, lambda f: np.savez(f, **arrays))


def export(graph: Graph, settings: Settings, output: Path) -> list[Path]:
    write(graph.weights, output)
    return [output]

"""Export the weights alone as Keras 3's ``model.save_weights`` writes them (``.weights.h5``), for the model the
Keras script export builds: ``build_model().load_weights("model.weights.h5")``. The layout is keras_file's."""

from __future__ import annotations

from pathlib import Path

from .graph import Graph
from .keras_file import write_weights
from .settings import Settings


def export(graph: Graph, settings: Settings, output: Path) -> list[Path]:
    write_weights(graph, output)
    return [output]

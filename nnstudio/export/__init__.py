"""Export a network (its spec and weights) to PyTorch, Keras 3 (script or .keras file), ONNX or a plain NPZ.

``export_project(project, "pytorch", "model.py")`` writes the files and returns their paths. Every
exporter translates the one network description, the spec, validated by the engine; a network an exporter
cannot express raises ValueError naming the node.
"""

from __future__ import annotations

import os
import re
from importlib import import_module
from pathlib import Path
from typing import Any, Mapping

from ..i18n import N_, _

# what each format writes: N_() texts, translated with _() where a person reads them
FORMATS: dict[str, str] = {
    "pytorch": N_("a PyTorch script (nn.Module, build_model(), training loop) and its weights (.py + .npz)"),
    "keras": N_("a Keras 3 script (functional model, build_model(), training loop) and its weights (.py + .npz)"),
    "keras_file": N_("a Keras 3 model file for keras.models.load_model (.keras; needs the h5py package)"),
    "keras_weights": N_("the weights alone for the Keras script's model.load_weights (.weights.h5; needs h5py)"),
    "onnx": N_("an ONNX model for any ONNX runtime (.onnx; needs the onnx package)"),
    "npz": N_("the weights alone, keys \"node_id/param\" (.npz)"),
}
SUFFIXES: dict[str, str] = {"pytorch": ".py", "keras": ".py", "keras_file": ".keras", "keras_weights": ".weights.h5",
                             "onnx": ".onnx", "npz": ".npz"}  # main file
_SCRIPTS = ("pytorch", "keras")
# file names in an output folder: distinct per format, so exporting every format there keeps them all
_FOLDER_NAMES = {"pytorch": "{}_torch.py", "keras": "{}_keras.py", "keras_file": "{}.keras",
                 "keras_weights": "{}.weights.h5", "onnx": "{}.onnx", "npz": "{}_weights.npz"}


def _slug(title: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", title).strip("_").lower() or "model"


def output_path(fmt: str, output: str | Path, title: str = "model") -> Path:
    """Where ``fmt`` writes its main file: ``output`` itself, or a file named after the title in a folder."""
    if fmt not in FORMATS:
        raise ValueError(_("Unknown export format '{fmt}'; choose one of: {formats}.")
                         .format(fmt=fmt, formats=", ".join(FORMATS)))
    suffix = SUFFIXES[fmt]
    path = Path(output)
    # "out/" names a folder even before it exists (Path() drops the trailing separator, so look at the text)
    if isinstance(output, str) and output.endswith(("/", os.sep)) and path.parent.is_dir():
        path.mkdir(exist_ok=True)
    if path.is_dir():
        path = path / _FOLDER_NAMES[fmt].format(_slug(title))
    elif path.suffix == "":
        path = path.with_suffix(suffix)
    elif not path.name.lower().endswith(suffix):  # endswith: ".weights.h5" holds two dots
        raise ValueError(_("The {fmt} export writes a {suffix} file, but the output '{path}' ends in '{ending}'.")
                         .format(fmt=fmt, suffix=suffix, path=path, ending=path.suffix))
    if not path.parent.is_dir():
        raise ValueError(_("The output folder '{folder}' does not exist.").format(folder=path.parent))
    return path


def export_network(spec: Mapping, weights: Mapping | None, fmt: str, output: str | Path,
                   training: Mapping | None = None, title: str | None = None, task: str | None = None,
                   inputs: str = "network") -> list[Path]:
    """Write ``spec`` with ``weights`` ({node_id: {param: array}}, None: fresh seed-0 weights) as ``fmt``.

    ``training`` holds the settings the generated training loops use (loss, optimizer, epochs,
    batch_size, seed; missing ones as a new project's); ``task`` is the data's, for the default loss.
    ``inputs`` says what the model takes, for the scripts' docstring: "network" (the arrays the network
    takes), "raw" (the data as its file holds it: the scaling is folded in) or "raw:<name>" (raw, after the
    scaling that file holds). Returns the paths written, the main file first.
    """
    from .graph import build_graph
    from .settings import resolve

    path = output_path(fmt, output, title or "model")  # checks fmt first
    module = import_module(f".{fmt}", __name__)  # one module per format, named for it
    graph = build_graph(spec, weights, title=title)
    graph.inputs = inputs
    settings = resolve(training, graph, task) if fmt in _SCRIPTS else None  # only scripts carry a training loop
    return module.export(graph, settings, path)


def export_project(project: Any, fmt: str, output: str | Path) -> list[Path]:
    """Export a ``nnstudio.project.Project``: its spec, weights (fresh ones when untrained) and settings.

    The exported model takes raw data as the project's data file holds it (see ``scaling.py``); scaling that
    cannot be folded into the weights is written beside the main file as ``<main>.scaling.json``, last in the
    returned paths."""
    weights = project.weights
    if weights is None:
        weights = project.network().get_weights()
    task = None
    if fmt in _SCRIPTS and (project.training or {}).get("loss") is None and project.data.get("source"):
        try:  # the loss the app would train with follows the data's task
            task = project.dataset().task
        except Exception:  # noqa: BLE001 - data that cannot be read: fall back to the output's activation
            task = None
    from . import scaling

    # the model takes raw data: the scaling training used is folded in, or written beside and named
    weights, left = scaling.bake(project.spec, weights,
                                 scaling.from_preprocessing(((project.data or {}).get("preprocessing") or {}).get("fitted")))
    from nnstudio.project.model import DEFAULT_TITLE

    title = project.title
    if project.path is not None and title in ("", DEFAULT_TITLE):   # xor.nnproj, not "Untitled"
        title = Path(project.path).stem
    inputs = "raw" if left.empty else f"raw:{output_path(fmt, output, title or 'model').name}.scaling.json"
    paths = export_network(project.spec, weights, fmt, output, training=project.training,
                           title=title, task=task, inputs=inputs)
    return paths if left.empty else [*paths, scaling.write_beside(paths[0], left)]


__all__ = ["FORMATS", "SUFFIXES", "export_network", "export_project", "output_path"]

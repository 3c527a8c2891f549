"""The Keras 3 model file (.keras) and weights file (.weights.h5), written without Keras: Keras loads them and
reproduces nnstudio's predictions (tutorial 001's to_json/save_weights round trip)."""

import json
import os
import sys
import zipfile

import numpy as np
import pytest

from nnstudio.engine.errors import SpecError
from nnstudio.export import export_network, keras_file
from nnstudio.export.graph import build_graph

from .networks import CASE_IDS, CASES, reference
from .scripts import export_script

h5py = pytest.importorskip("h5py")
XOR = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [2]}},
                 {"id": "h", "type": "Dense", "params": {"units": 10, "activation": "tanh"}},
                 {"id": "y", "type": "Dense", "params": {"units": 1, "activation": "sigmoid"}}],
       "edges": [["x", "h"], ["h", "y"]]}


def _keras():
    os.environ.setdefault("KERAS_BACKEND", "torch")
    return pytest.importorskip("keras")


def _numpy(tensor):
    return tensor.detach().cpu().numpy() if hasattr(tensor, "detach") else np.asarray(tensor)


def _refused(spec) -> bool:
    """Whether a node uses an activation Keras has no built-in for (the .keras file refuses those)."""
    graph = build_graph(spec)
    try:
        keras_file._layers(graph)
    except SpecError:
        return True
    return False


KERAS_CASES = [(case_id, spec) for case_id, spec in CASES if not _refused(spec)]
REFUSED_IDS = [case_id for case_id, spec in CASES if _refused(spec)]

# Keras's torch backend converts tensors with np.array(tensor), which NumPy 2 flags inside Keras: ignore that one.
_KERAS_WARNING = pytest.mark.filterwarnings(
    "ignore:__array__ implementation doesn't accept a copy keyword:DeprecationWarning")


def test_every_layer_type_and_most_activations_are_written():
    """What the .keras file refuses is exactly the activations Keras lacks under nnstudio's definition."""
    assert {n["type"] for _, spec in KERAS_CASES for n in spec["nodes"]} == \
        {n["type"] for _, spec in CASES for n in spec["nodes"]}
    assert sorted(REFUSED_IDS) == ["dense-celu-0.5", "dense-elu-0.5", "dense-leaky_relu", "dense-sign",
                                   "dense-softplus-2.0-3.0", "dense-step", "lstm-elu-cell"]


@_KERAS_WARNING
@pytest.mark.parametrize("spec", [c[1] for c in KERAS_CASES], ids=[c[0] for c in KERAS_CASES])
def test_load_model_reproduces_the_engine(spec, tmp_path):
    keras = _keras()
    weights, X, expected = reference(spec)
    (path,) = export_network(spec, weights, "keras_file", tmp_path / "model.keras", title="Test net")
    model = keras.models.load_model(path)  # safe mode: no custom objects needed
    got = _numpy(model(X, training=False))
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)


@_KERAS_WARNING
@pytest.mark.parametrize("spec", [c[1] for c in CASES], ids=CASE_IDS)
def test_weights_file_loads_into_the_keras_scripts_model(spec, tmp_path):
    """``build_model().load_weights("x.weights.h5")``: every network the script exports, any activation."""
    _keras()
    weights, X, expected = reference(spec)
    model = export_script("keras", spec, None, tmp_path).build_model()  # fresh weights, then replaced
    (path,) = export_network(spec, weights, "keras_weights", tmp_path / "model.weights.h5")
    model.load_weights(path)
    np.testing.assert_allclose(_numpy(model(X, training=False)), expected, rtol=1e-5, atol=1e-5)


@_KERAS_WARNING
@pytest.mark.parametrize("case_id", ["concatenate-flat", "add-three-images", "awkward-ids", "digits-cnn"])
def test_weights_file_has_the_layout_keras_writes(case_id, tmp_path):
    """Group names follow Keras's own layer order (branches included): compare with Keras's save_weights."""
    _keras()
    spec = dict(CASES)[case_id]
    weights, _, _ = reference(spec)
    model = export_script("keras", spec, weights, tmp_path).build_model()
    model.save_weights(tmp_path / "keras.weights.h5")
    export_network(spec, weights, "keras_weights", tmp_path / "ours.weights.h5", title="Test net")

    def layout(path):
        out = {}
        with h5py.File(path, "r") as f:
            f.visititems(lambda name, obj: out.__setitem__(
                name, (obj.shape, np.asarray(obj).tobytes()) if isinstance(obj, h5py.Dataset) else dict(obj.attrs)))
        return out

    assert layout(tmp_path / "ours.weights.h5") == layout(tmp_path / "keras.weights.h5")


def test_the_file_is_a_zip_of_config_metadata_and_weights(tmp_path):
    (path,) = export_network(XOR, None, "keras_file", tmp_path / "xor")
    assert path == tmp_path / "xor.keras"
    with zipfile.ZipFile(path) as z:
        assert sorted(z.namelist()) == ["config.json", "metadata.json", "model.weights.h5"]
        config = json.loads(z.read("config.json"))
        assert "keras_version" in json.loads(z.read("metadata.json"))
    layers = config["config"]["layers"]
    assert [(entry["class_name"], entry["name"]) for entry in layers] == \
        [("InputLayer", "x"), ("Dense", "h"), ("Dense", "y")]
    assert layers[1]["config"]["units"] == 10 and layers[2]["config"]["activation"] == "sigmoid"


@_KERAS_WARNING
def test_tutorial_001_xor_round_trip(tmp_path):
    """Tutorial 001 saves the Keras XOR (Dense 10 tanh + Dense 1 sigmoid) with to_json and save_weights and
    reloads it: the .keras file is that round trip in one file, 41 parameters."""
    keras = _keras()
    weights, X, expected = reference(XOR)
    (path,) = export_network(XOR, weights, "keras_file", tmp_path / "xor.keras")
    model = keras.models.load_model(path)
    assert model.count_params() == 41
    again = keras.models.model_from_json(model.to_json())
    again.set_weights(model.get_weights())
    np.testing.assert_allclose(_numpy(again(X, training=False)), expected, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("case_id, node_id", [("dense-step", "n0"), ("lstm-elu-cell", "n0")])
def test_an_activation_keras_lacks_is_refused_naming_the_node(case_id, node_id, tmp_path):
    with pytest.raises(SpecError, match="Keras has no such built-in.*export the Keras script instead") as info:
        export_network(dict(CASES)[case_id], None, "keras_file", tmp_path / "m.keras")
    assert info.value.node_id == node_id
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("fmt", ["keras_file", "keras_weights"])
def test_without_h5py_one_sentence_names_the_package(fmt, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "h5py", None)  # makes `import h5py` fail
    with pytest.raises(ImportError, match=r"'h5py' package: install it with pip install h5py .*pip install -e \"\.\[keras\]\""):
        export_network(XOR, None, fmt, tmp_path / "m")
    assert not list(tmp_path.iterdir())

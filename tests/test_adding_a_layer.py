"""A layer type added the documented way (docs/adding-a-layer.md) works everywhere outside the GUI: the
throwaway ``Scale`` of tests/scale_layer.py, registered through ``nnstudio.engine.layers.register``, passes
the layer checks, round-trips through a project file, trains, and exports or is refused in every format.
The GUI side is tests/gui/test_adding_a_layer.py."""

from __future__ import annotations

import ast
import copy

import numpy as np
import pytest

from nnstudio.engine import Network, analyze, gradcheck, layers
from nnstudio.engine.errors import SpecError
from nnstudio.export import export_network
from nnstudio.project import Project, load, runner

from .engine.helpers import around
from .scale_layer import SPEC, Scale, scale_layer, scale_writers  # noqa: F401  (fixtures)


def test_registering_adds_it_to_the_registry_and_unregistering_removes_it(scale_layer):
    assert layers.get("Scale") is Scale
    assert layers.names()[-1] == "Scale"
    assert "Scale" in layers.by_category()["Core"]
    layers.unregister("Scale")
    with pytest.raises(SpecError, match="Unknown layer type 'Scale'"):
        layers.get("Scale")
    layers.register(Scale)  # for the fixture's teardown


def test_register_refuses_a_taken_name_a_non_layer_and_an_unknown_category(scale_layer):
    with pytest.raises(ValueError, match="'Scale' is already registered"):
        layers.register(Scale)
    with pytest.raises(ValueError, match="Only a subclass of Layer"):
        layers.register(dict)
    odd = type("Odd", (Scale,), {"TYPE": "Odd", "CATEGORY": "Attention"})
    with pytest.raises(ValueError, match="CATEGORY 'Attention'; choose one of: Core, Convolution"):
        layers.register(odd)
    with pytest.raises(ValueError, match="built-in layer type 'Dense' cannot be unregistered"):
        layers.unregister("Dense")


def test_it_passes_the_checks_every_layer_gets(scale_layer):
    spec = around("Scale", {"initial": 2.0}, (3,))
    assert analyze(spec).errors == []
    assert analyze(spec).shapes["t"] == (3,)
    net = Network.from_config(spec, seed=0, dtype="float64")
    X = np.random.default_rng(0).normal(size=(5, 3))
    y = np.random.default_rng(1).normal(size=(5, 2))
    errors = gradcheck(net, X, y, "mse")
    assert max(errors.values()) < 1e-6
    assert net.get_weights()["t"]["scale"].tolist() == [2.0]


def test_a_wrong_parameter_is_refused_naming_the_node(scale_layer):
    with pytest.raises(SpecError, match="Scale 's' needs 'initial' to be a number") as info:
        Network.from_config({**SPEC, "nodes": [*SPEC["nodes"][:2],
                                                {"id": "s", "type": "Scale", "params": {"initial": "big"}}]})
    assert info.value.node_id == "s"


def _project() -> Project:
    project = Project.new("scaled")
    project.spec = copy.deepcopy(SPEC)
    project.data["source"] = {"kind": "generator", "name": "linear", "params": {"n_samples": 60}, "seed": 0}
    project.training.update(loss="mse", epochs=3, batch_size=20)
    return project


def test_it_round_trips_through_a_project_file_with_its_trained_weight(scale_layer, tmp_path):
    project = _project()
    runner.train(project)
    trained = project.weights["s"]["scale"].copy()
    assert trained.tolist() != [0.5]  # the learned number moved
    project.save(tmp_path / "scaled.nnproj")
    again = load(tmp_path / "scaled.nnproj")
    assert again.spec == project.spec
    np.testing.assert_array_equal(again.weights["s"]["scale"], trained)
    np.testing.assert_allclose(again.network().get_weights()["s"]["scale"], trained)


def test_it_trains_the_loss_goes_down(scale_layer):
    project = _project()
    project.training["epochs"] = 30
    history = runner.train(project)
    assert history.history["loss"][-1] < history.history["loss"][0]


def test_without_writers_every_format_refuses_it_with_the_same_sentence(scale_layer, tmp_path):
    pytest.importorskip("onnx")
    for fmt, name in (("pytorch", "PyTorch"), ("keras", "Keras"), ("onnx", "ONNX")):
        with pytest.raises(SpecError, match=rf"^{name} export does not support layer 's' \(Scale\) yet\.$"):
            export_network(SPEC, None, fmt, tmp_path / fmt)


def test_with_its_writers_it_exports_to_onnx_with_the_engines_predictions(scale_layer, scale_writers, tmp_path):
    ort = pytest.importorskip("onnxruntime")
    net = Network.from_config(SPEC, seed=0)
    net.set_weights({"s": {"scale": np.array([-1.75])}})
    X = np.random.default_rng(3).normal(size=(4, 2)).astype(np.float32)
    (path,) = export_network(SPEC, net.get_weights(), "onnx", tmp_path / "m.onnx")
    got = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(["output"], {"input": X})[0]
    np.testing.assert_allclose(got, net.predict(X), rtol=1e-5, atol=1e-6)


def test_with_its_writers_it_exports_to_pytorch_and_keras_still_refuses(scale_layer, scale_writers, tmp_path):
    script, weights = export_network(SPEC, None, "pytorch", tmp_path / "m.py")
    source = script.read_text()
    ast.parse(source)
    assert "# Scale 's': times one learned number" in source
    assert "model.s.copy_(get('s/scale'))" in source
    with np.load(weights, allow_pickle=False) as arrays:
        assert arrays["s/scale"].tolist() == [0.5]
    with pytest.raises(SpecError, match=r"^Keras export does not support layer 's' \(Scale\) yet\.$"):
        export_network(SPEC, None, "keras", tmp_path / "k.py")

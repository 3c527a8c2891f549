"""Exported models carry the data scaling (#13 item 4): fed raw data they answer as nnstudio does."""

import json

import numpy as np
import pytest

from nnstudio.data import Preprocessor
from nnstudio.engine.network import Network
from nnstudio.export import export_project
from nnstudio.export.scaling import bake, from_preprocessing
from nnstudio.paths import samples_dir
from nnstudio.project import Project, load, runner

from .scripts import load_script

CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], dtype=np.float32)
XOR = np.array([0, 1, 1, 0])


@pytest.fixture(scope="module")
def trained_xor():
    project = load(samples_dir() / "xor_hidden_layer.nnproj")
    runner.train(project)
    fitted = project.data["preprocessing"]["fitted"]["fitted"]
    assert fitted["std"] != [1.0, 1.0] or fitted["mean"] != [0.0, 0.0]  # scaling that matters
    raw = project.network().predict(CORNERS)
    assert not np.array_equal((raw[:, 0] > 0.5).astype(int), XOR)  # the unscaled corners fool the network
    return project


def _answers(out):
    return (np.asarray(out)[:, 0] > 0.5).astype(int)


def test_npz_weights_answer_the_raw_corners(trained_xor, tmp_path):
    paths = export_project(trained_xor, "npz", tmp_path / "xor.npz")
    assert paths == [tmp_path / "xor.npz"]           # everything folded in: nothing written beside
    arrays = np.load(paths[0], allow_pickle=False)
    weights = {}
    for key in arrays.files:
        node, param = key.rsplit("/", 1)
        weights.setdefault(node, {})[param] = arrays[key]
    net = Network.from_config(trained_xor.spec)
    net.set_weights(weights)
    np.testing.assert_array_equal(_answers(net.predict(CORNERS)), XOR)


def test_onnx_model_answers_the_raw_corners(trained_xor, tmp_path):
    pytest.importorskip("onnx")
    ort = pytest.importorskip("onnxruntime")
    (path,) = export_project(trained_xor, "onnx", tmp_path / "xor.onnx")
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    np.testing.assert_array_equal(_answers(session.run(None, {"input": CORNERS})[0]), XOR)


def test_pytorch_model_answers_the_raw_corners(trained_xor, tmp_path):
    torch = pytest.importorskip("torch")
    paths = export_project(trained_xor, "pytorch", tmp_path / "xor.py")
    model = load_script(paths[0]).build_model()
    with torch.no_grad():
        out = model(torch.from_numpy(CORNERS)).numpy()
    np.testing.assert_array_equal(_answers(out), XOR)


def test_folding_equals_scaling_the_data_first():
    """Inputs and a scaled regression target, folded into the first and last Dense layers."""
    spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [3]}},
                      {"id": "a", "type": "Dense", "params": {"units": 4, "activation": "tanh"}},
                      {"id": "b", "type": "Dense", "params": {"units": 4, "activation": "relu"}},
                      {"id": "add", "type": "Add", "params": {}},
                      {"id": "y", "type": "Dense", "params": {"units": 1}}],
             "edges": [["x", "a"], ["x", "b"], ["a", "add"], ["b", "add"], ["add", "y"]]}
    rng = np.random.default_rng(0)
    X = rng.normal(5.0, 3.0, size=(50, 3))
    net = Network.from_config(spec, seed=2)
    fitted = {"task": "regression", "input_shape": [3], "mean": X.mean(0).tolist(), "std": X.std(0).tolist(),
              "y_mean": 120.0, "y_std": 30.0}
    pre = Preprocessor.from_config({"scale": "standard", "scale_target": True, "fitted": fitted})
    expected = pre.inverse_transform_y(net.predict(pre.transform_X(X)))
    weights, left = bake(spec, net.get_weights(), from_preprocessing(pre.to_config()))
    assert left.empty
    raw = Network.from_config(spec)
    raw.set_weights(weights)
    np.testing.assert_allclose(raw.predict(X).reshape(expected.shape), expected, rtol=1e-4, atol=1e-3)


def test_scaling_that_cannot_be_folded_is_written_beside(tmp_path):
    """A convolution reads the images: its zero padding would change meaning, so the scaling goes beside."""
    project = load(samples_dir() / "digits_cnn.nnproj")
    fitted = {"task": "multiclass", "n_classes": 10, "input_shape": [8, 8, 1], "image_min": 0.0,
              "image_max": 16.0}
    project.data["preprocessing"]["fitted"] = {"scale": "standard", "image_scale": True, "fitted": fitted}
    project.weights = project.network().get_weights()
    paths = export_project(project, "npz", tmp_path / "digits.npz")
    assert [p.name for p in paths] == ["digits.npz", "digits.npz.scaling.json"]
    beside = json.loads(paths[1].read_text())
    assert beside["inputs"]["shift"] == 0.0 and beside["inputs"]["scale"] == 16.0


def test_an_untrained_project_exports_without_scaling(tmp_path):
    project = Project.new("fresh")
    project.spec["nodes"].append({"id": "d", "type": "Dense", "params": {"units": 2}})
    project.spec["edges"].append(["input", "d"])
    assert export_project(project, "npz", tmp_path / "w.npz") == [tmp_path / "w.npz"]


def test_an_exported_script_says_what_data_it_takes_and_is_named_after_the_file(trained_xor, tmp_path):
    """Its docstring said "the data must already be scaled" although the scaling is built in, and an unnamed
    project's script was titled "Untitled"."""
    project = load(samples_dir() / "xor_hidden_layer.nnproj")
    project.weights, project.data = trained_xor.weights, trained_xor.data
    project.title = ""
    project.path = tmp_path / "xor.nnproj"
    script = export_project(project, "pytorch", tmp_path / "xor_torch.py")[0].read_text()
    assert script.startswith('"""xor: a PyTorch model')
    assert "the scaling nnstudio fitted for training is built in" in script
    assert "must already be scaled" not in script
    cnn = load(samples_dir() / "digits_cnn.nnproj")           # scaling that stays beside: named
    fitted = {"task": "multiclass", "n_classes": 10, "input_shape": [8, 8, 1], "image_min": 0.0,
              "image_max": 16.0}
    cnn.data["preprocessing"]["fitted"] = {"scale": "standard", "image_scale": True, "fitted": fitted}
    cnn.weights = cnn.network().get_weights()
    script = export_project(cnn, "pytorch", tmp_path / "digits.py")[0].read_text()
    assert "Scale the data as digits.py.scaling.json (beside this file) says" in script

"""The export API: formats, output paths, the NPZ, weights checks, clear errors, and real sample projects."""

import ast
import sys
from pathlib import Path

import numpy as np
import pytest

from nnstudio.engine.errors import SpecError
from nnstudio.engine.network import Network
from nnstudio.export import FORMATS, SUFFIXES, export_network, export_project, graph

from .networks import CASES, reference

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.nnproj"))
XOR = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [2]}},
                 {"id": "h", "type": "Dense", "params": {"units": 10, "activation": "tanh"}},
                 {"id": "y", "type": "Dense", "params": {"units": 1, "activation": "sigmoid"}}],
       "edges": [["x", "h"], ["h", "y"]]}


def test_formats_are_listed_with_a_description_and_a_suffix():
    assert list(FORMATS) == ["pytorch", "keras", "keras_file", "keras_weights", "onnx", "npz"]
    assert all(isinstance(text, str) and text for text in FORMATS.values())
    assert SUFFIXES == {"pytorch": ".py", "keras": ".py", "keras_file": ".keras", "keras_weights": ".weights.h5",
                        "onnx": ".onnx", "npz": ".npz"}


def test_the_network_table_covers_every_layer_type_and_activation():
    """The per-format tests run CASES: a layer type or activation added to the engine must be added there."""
    from nnstudio.engine import activations, layers

    types = {node["type"] for _, spec in CASES for node in spec["nodes"]}
    assert set(layers.names()) <= types
    used = {activations.get(node["params"].get("activation")).name
            for _, spec in CASES for node in spec["nodes"] if "activation" in node["params"]}
    assert set(activations.names()) <= used


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="Unknown export format 'tflite'; choose one of: pytorch"):
        export_network(XOR, None, "tflite", tmp_path / "m")


def test_npz_holds_every_weight_under_node_id_slash_param(tmp_path):
    weights, _, _ = reference(XOR)
    (path,) = export_network(XOR, weights, "npz", tmp_path / "w.npz")
    with np.load(path, allow_pickle=False) as arrays:
        assert sorted(arrays.files) == ["h/bias", "h/kernel", "y/bias", "y/kernel"]
        for key in arrays.files:
            node, param = key.split("/")
            assert arrays[key].dtype == np.float32
            np.testing.assert_array_equal(arrays[key], weights[node][param].astype(np.float32))


def test_no_weights_means_the_fresh_seed_0_weights(tmp_path):
    (path,) = export_network(XOR, None, "npz", tmp_path / "w.npz")
    fresh = Network.from_config(XOR, seed=0).get_weights()
    with np.load(path, allow_pickle=False) as arrays:
        np.testing.assert_array_equal(arrays["h/kernel"], fresh["h"]["kernel"])


def test_output_paths(tmp_path):
    assert export_network(XOR, None, "npz", tmp_path / "weights")[0] == tmp_path / "weights.npz"
    with pytest.raises(ValueError, match=r"writes a \.onnx file, but the output .* ends in '\.py'"):
        export_network(XOR, None, "onnx", tmp_path / "model.py")
    with pytest.raises(ValueError, match="The output folder .* does not exist"):
        export_network(XOR, None, "npz", tmp_path / "missing" / "w.npz")


def test_formats_get_distinct_names_in_a_folder(tmp_path):
    pytest.importorskip("onnx")
    pytest.importorskip("h5py")
    in_folder = [export_network(XOR, None, fmt, tmp_path, title="My XOR!")[0].name for fmt in FORMATS]
    assert in_folder == ["my_xor_torch.py", "my_xor_keras.py", "my_xor.keras", "my_xor.weights.h5", "my_xor.onnx",
                         "my_xor_weights.npz"]
    assert len(list(tmp_path.iterdir())) == 8  # and each script's own NPZ


def test_a_two_dot_suffix_is_accepted_and_checked(tmp_path):
    pytest.importorskip("h5py")
    assert export_network(XOR, None, "keras_weights", tmp_path / "w.weights.h5")[0] == tmp_path / "w.weights.h5"
    with pytest.raises(ValueError, match=r"writes a \.weights\.h5 file, but the output .* ends in '\.h5'"):
        export_network(XOR, None, "keras_weights", tmp_path / "w.h5")


def test_a_second_export_replaces_the_first(tmp_path):
    export_network(XOR, None, "pytorch", tmp_path / "m.py", training={"epochs": 3})
    export_network(XOR, None, "pytorch", tmp_path / "m.py", training={"epochs": 7})
    assert "EPOCHS = 7" in (tmp_path / "m.py").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.npz", "m.py"]  # no temporary files left


def test_invalid_spec_raises_the_engines_error_naming_the_node(tmp_path):
    bad = {"nodes": XOR["nodes"][:2] + [{"id": "y", "type": "Dense", "params": {"units": 0}}],
           "edges": XOR["edges"]}
    with pytest.raises(SpecError) as info:
        export_network(bad, None, "onnx", tmp_path / "m.onnx")
    assert info.value.node_id == "y"
    assert not (tmp_path / "m.onnx").exists()


@pytest.mark.parametrize("change, message", [
    (lambda w: w["h"].pop("bias"), "The weights of node 'h' lack 'bias'"),
    (lambda w: w.pop("y"), "The weights have no entry for node 'y'"),
    (lambda w: w["h"].__setitem__("kernel", np.zeros((3, 10))),
     r"The weight 'h/kernel' has shape \(3, 10\) but the network needs \(2, 10\)"),
    (lambda w: w["y"]["bias"].__setitem__(0, np.nan), "The weight 'y/bias' holds NaN"),
])
def test_weights_that_do_not_fit_are_refused(change, message, tmp_path):
    weights = Network.from_config(XOR).get_weights()
    change(weights)
    with pytest.raises(ValueError, match=message):
        export_network(XOR, weights, "npz", tmp_path / "w.npz")


@pytest.mark.parametrize("fmt", ["pytorch", "keras", "keras_file", "onnx"])
def test_an_activation_an_exporter_lacks_is_named_with_its_node(fmt, tmp_path, monkeypatch):
    if fmt == "onnx":
        pytest.importorskip("onnx")
    monkeypatch.setattr(graph.Node, "activation", lambda self, key="activation": ("mystery", {}))
    with pytest.raises(SpecError, match="Dense 'h' uses the activation 'mystery', which the .* export") as info:
        export_network(XOR, None, fmt, tmp_path / "m")
    assert info.value.node_id == "h"


def test_onnx_without_the_onnx_package_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "onnx", None)  # makes `import onnx` fail
    with pytest.raises(ModuleNotFoundError, match=r'pip install onnx .*pip install -e "\.\[onnx\]"'):
        export_network(XOR, None, "onnx", tmp_path / "m.onnx")


@pytest.mark.parametrize("fmt", ["pytorch", "keras"])
@pytest.mark.parametrize("spec", [c[1] for c in CASES if c[0] in ("digits-cnn", "awkward-ids", "add-residual")],
                         ids=["add-residual", "awkward-ids", "digits-cnn"])
def test_scripts_are_valid_readable_python_naming_every_node(fmt, spec, tmp_path):
    (script, _) = export_network(spec, None, fmt, tmp_path / "model.py", title='A "quoted"\ntitle \\ here')
    source = script.read_text()
    tree = ast.parse(source)
    functions = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    assert {"build_model", "load_weights", "load_data", "train", "main"} <= functions
    assert 'if __name__ == "__main__":' in source
    assert "allow_pickle=False" in source
    assert max(len(line) for line in source.splitlines()) <= 120
    for node in spec["nodes"]:
        assert repr(node["id"]) in source  # each layer's comment names its nnstudio node


@pytest.mark.skipif(not SAMPLES, reason="the sample projects are not there")
@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_every_sample_project_exports_with_its_predictions(path, tmp_path):
    from nnstudio.project import load

    torch = pytest.importorskip("torch")
    ort = pytest.importorskip("onnxruntime")
    project = load(path)
    net = project.network()
    X = np.random.default_rng(0).normal(size=(5, *net.input_shape)).astype(np.float32)
    expected = net.predict(X)
    paths = export_project(project, "pytorch", tmp_path / "model.py")
    assert [p.name for p in paths] == ["model.py", "model.npz"]
    from .scripts import load_script
    with torch.no_grad():
        got = load_script(paths[0]).build_model()(torch.from_numpy(X)).numpy()
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)
    (onnx_path,) = export_project(project, "onnx", tmp_path)
    session = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    np.testing.assert_allclose(session.run(None, {"input": X})[0], expected, rtol=1e-5, atol=1e-5)


def test_output_ending_in_a_separator_is_a_new_folder(tmp_path):
    from nnstudio.export import output_path

    path = output_path("onnx", f"{tmp_path / 'exports'}/", title="XOR net")
    assert path.parent == tmp_path / "exports" and (tmp_path / "exports").is_dir()
    assert path.suffix == ".onnx"


def test_scripts_train_as_the_app_would_when_the_project_leaves_settings_out():
    from nnstudio.export.graph import build_graph
    from nnstudio.export.settings import resolve
    from nnstudio.project.model import default_training

    new = default_training()
    s = resolve(None, build_graph(XOR, None))
    assert (s.optimizer, s.optimizer_params["learning_rate"]) == ("adam", new["optimizer"]["learning_rate"])
    assert (s.epochs, s.batch_size, s.seed) == (new["epochs"], new["batch_size"], new["seed"])
    assert s.loss == "binary_crossentropy"                       # guessed from the sigmoid output
    assert resolve({"batch_size": None}, build_graph(XOR, None)).batch_size is None   # whole data stays
    linear = {**XOR, "nodes": XOR["nodes"][:2] + [{"id": "y", "type": "Dense", "params": {"units": 2}}]}
    assert resolve(None, build_graph(linear, None)).loss == "mse"
    # the data's task decides, as in the app: two linear outputs on classes are logits for cross-entropy
    assert resolve(None, build_graph(linear, None), task="multiclass").loss != "mse"


def test_export_project_passes_the_data_task_for_the_loss(tmp_path, monkeypatch):
    import nnstudio.export as export
    from nnstudio.project import load
    project = load(SAMPLES[0].parent / "iris_softmax.nnproj")  # bundled data (some samples' data is downloaded)
    project.training["loss"] = None
    seen = {}
    monkeypatch.setattr(export, "export_network", lambda *a, **k: seen.update(k) or [])
    export.export_project(project, "pytorch", tmp_path / "m.py")
    assert seen["task"] == project.dataset().task

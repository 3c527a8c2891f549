"""The ONNX export: a checked model that onnxruntime runs with nnstudio's predictions."""

import numpy as np
import pytest

from nnstudio.export import export_network

from .networks import CASE_IDS, CASES, reference

onnx = pytest.importorskip("onnx")


def _export(spec, weights, tmp_path):
    paths = export_network(spec, weights, "onnx", tmp_path / "model.onnx", title="Test net")
    assert paths == [tmp_path / "model.onnx"]
    return paths[0]


@pytest.mark.parametrize("spec", [c[1] for c in CASES], ids=CASE_IDS)
def test_predictions_match_the_engine(spec, tmp_path):
    ort = pytest.importorskip("onnxruntime")
    weights, X, expected = reference(spec)
    path = _export(spec, weights, tmp_path)
    onnx.checker.check_model(onnx.load(str(path)), full_check=True)
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    got = session.run(["output"], {"input": X})[0]
    assert got.dtype == np.float32 and got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)


def test_interface_is_channels_last_with_a_dynamic_batch(tmp_path):
    spec = dict(CASES[CASE_IDS.index("digits-cnn")][1])
    model = onnx.load(str(_export(spec, None, tmp_path)))
    (inp,), (out,) = model.graph.input, model.graph.output
    assert inp.name == "input" and out.name == "output"
    dims = [d.dim_param or d.dim_value for d in inp.type.tensor_type.shape.dim]
    assert dims == ["batch", 8, 8, 1]
    assert [d.dim_param or d.dim_value for d in out.type.tensor_type.shape.dim] == ["batch", 10]
    assert {o.version for o in model.opset_import if o.domain in ("", "ai.onnx")} == {17}
    ops = [n.op_type for n in model.graph.node]
    assert ops[0] == "Transpose" and "Conv" in ops and "MaxPool" in ops
    # every node carries the nnstudio node it comes from
    assert all(n.doc_string for n in model.graph.node if n.name != "output")


def test_dropout_is_left_out(tmp_path):
    spec = CASES[CASE_IDS.index("dropout")][1]
    model = onnx.load(str(_export(spec, None, tmp_path)))
    assert "Dropout" not in [n.op_type for n in model.graph.node]


def test_batch_size_is_free(tmp_path):
    ort = pytest.importorskip("onnxruntime")
    spec = CASES[CASE_IDS.index("batchnorm-image")][1]
    weights, X, expected = reference(spec, samples=5)
    session = ort.InferenceSession(str(_export(spec, weights, tmp_path)), providers=["CPUExecutionProvider"])
    for rows in (1, 5):
        got = session.run(None, {"input": X[:rows]})[0]
        np.testing.assert_allclose(got, expected[:rows], rtol=1e-5, atol=1e-5)

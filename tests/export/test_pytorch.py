"""The PyTorch export: the generated module reproduces nnstudio's predictions for every layer and activation."""

import subprocess
import sys

import numpy as np
import pytest

from nnstudio.engine.network import Network
from nnstudio.export import export_network

from .networks import CASE_IDS, CASES, reference
from .scripts import load_script

torch = pytest.importorskip("torch")


def _export(spec, weights, tmp_path, training=None):
    paths = export_network(spec, weights, "pytorch", tmp_path / "model.py", training=training, title="Test net")
    assert [p.name for p in paths] == ["model.py", "model.npz"]
    return load_script(paths[0])


@pytest.mark.parametrize("spec", [c[1] for c in CASES], ids=CASE_IDS)
def test_predictions_match_the_engine(spec, tmp_path):
    weights, X, expected = reference(spec)
    module = _export(spec, weights, tmp_path)
    model = module.build_model()
    assert not model.training
    with torch.no_grad():
        got = model(torch.from_numpy(X)).numpy()
    assert got.dtype == np.float32 and got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("spec", [c[1] for c in CASES], ids=CASE_IDS)
def test_float64_predictions_match_exactly(spec, tmp_path):
    """In float64 the module and the engine agree to rounding: every formula is the same."""
    weights, X, expected = reference(spec, dtype="float64")
    model = _export(spec, weights, tmp_path).build_model().double()
    # the NPZ holds float32 weights: give the engine the very same values
    net = Network.from_config(spec, dtype="float64")
    net.set_weights({k: {n: v.astype(np.float32).astype(np.float64) for n, v in p.items()}
                     for k, p in weights.items()})
    with torch.no_grad():
        got = model(torch.from_numpy(X)).numpy()
    np.testing.assert_allclose(got, net.predict(X), rtol=1e-9, atol=1e-10)

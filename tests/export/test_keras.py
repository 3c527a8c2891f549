"""The Keras 3 export: the generated functional model reproduces nnstudio's predictions."""

import os

import numpy as np
import pytest

from nnstudio.export import export_network

from .networks import CASE_IDS, CASES, reference
from .scripts import load_script

# Keras picks its backend at import; PyTorch is the one this project's machines have.
os.environ.setdefault("KERAS_BACKEND", "torch")
keras = pytest.importorskip("keras")


def _numpy(tensor):
    # keras.ops.convert_to_numpy trips a NumPy 2 DeprecationWarning on the torch backend
    return tensor.detach().cpu().numpy() if hasattr(tensor, "detach") else np.asarray(tensor)


def _export(spec, weights, tmp_path, training=None):
    paths = export_network(spec, weights, "keras", tmp_path / "model.py", training=training, title="Test net")
    assert [p.name for p in paths] == ["model.py", "model.npz"]
    return load_script(paths[0])


@pytest.mark.parametrize("spec", [c[1] for c in CASES], ids=CASE_IDS)
def test_predictions_match_the_engine(spec, tmp_path):
    weights, X, expected = reference(spec)
    model = _export(spec, weights, tmp_path).build_model()
    got = _numpy(model(X, training=False))
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)

"""Each format's writer table covers every registered layer type, and a type without a writer is refused
with the same sentence in every format."""

from __future__ import annotations

import pytest

from nnstudio.engine import layers
from nnstudio.engine.errors import SpecError
from nnstudio.export import export_network, keras, keras_file, onnx, pytorch

from ..scale_layer import SPEC, Scale, scale_layer  # noqa: F401  (fixture)

# Layer types a format refuses on purpose. A new layer type must be added to each format's WRITERS or here:
# the tests below fail until it is.
UNSUPPORTED = {"pytorch": set(), "keras": set(), "keras_file": set(), "onnx": set()}
MODULES = {"pytorch": pytorch, "keras": keras, "keras_file": keras_file, "onnx": onnx}
FORMAT_NAMES = {"pytorch": "PyTorch", "keras": "Keras", "keras_file": "Keras", "onnx": "ONNX"}


def _covered(fmt: str) -> None:
    written, refused = set(MODULES[fmt].WRITERS), UNSUPPORTED[fmt]
    assert not written & refused, f"{fmt}: listed as written and as unsupported: {sorted(written & refused)}"
    missing = set(layers.names()) - written - refused
    assert not missing, f"{fmt}: give {sorted(missing)} a writer in {fmt}.WRITERS or list it in UNSUPPORTED"
    assert not (written | refused) - set(layers.names()), "a writer for a type that is not registered"


def test_pytorch_writes_or_refuses_every_layer_type():
    _covered("pytorch")


def test_keras_writes_or_refuses_every_layer_type():
    _covered("keras")


def test_keras_file_writes_or_refuses_every_layer_type():
    _covered("keras_file")


def test_onnx_writes_or_refuses_every_layer_type():
    _covered("onnx")


def test_the_format_names_match_the_refusal_sentences():
    assert {fmt: m.FORMAT_NAME for fmt, m in MODULES.items()} == FORMAT_NAMES


@pytest.mark.parametrize("fmt", ["pytorch", "keras", "keras_file", "keras_weights", "onnx"])
def test_a_layer_type_without_a_writer_is_refused_naming_format_node_and_type(fmt, scale_layer, tmp_path):
    if fmt == "onnx":
        pytest.importorskip("onnx")
    with pytest.raises(SpecError) as info:
        export_network(SPEC, None, fmt, tmp_path / "m")
    assert str(info.value) == f"{FORMAT_NAMES.get(fmt, 'Keras')} export does not support layer 's' (Scale) yet."
    assert info.value.node_id == "s"
    assert not list(tmp_path.iterdir())  # nothing half-written


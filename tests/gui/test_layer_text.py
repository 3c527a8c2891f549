"""Card text comes from each layer class's declaration (Layer.card_parts, STARTING_PARAMS, CATEGORY)."""

from __future__ import annotations

import pytest

from nnstudio.engine import layers
from nnstudio.gui import layer_text

CARDS = [
    ("Input", {"shape": [28, 28, 1]}, "Input (28, 28, 1)"),
    ("Input", {}, "Input no shape"),
    ("Dense", {"units": 64, "activation": "relu"}, "Dense 64 · relu"),
    ("Dense", {"units": 3, "kernel_initializer": "he_normal"}, "Dense 3 · linear · he_normal"),
    ("Dense", {"units": 3, "activation": {"name": "leaky_relu", "alpha": 0.2}}, "Dense 3 · leaky_relu(alpha=0.2)"),
    ("Dense", {}, "Dense ? · linear"),
    ("Conv2D", {"filters": 8, "kernel_size": [3, 5], "padding": "same"}, "Conv2D 8 · 3×5 · same · linear"),
    ("MaxPooling2D", {"pool_size": 2}, "MaxPooling2D 2×2"),
    ("AveragePooling2D", {"pool_size": 3, "strides": [1, 2]}, "AveragePooling2D 3×3 · stride 1×2"),
    ("GlobalAveragePooling2D", {}, "GlobalAveragePooling2D"),
    ("Activation", {"activation": "tanh"}, "Activation tanh"),
    ("Dropout", {"rate": 0.25}, "Dropout rate 0.25"),
    ("Flatten", {}, "Flatten"),
    ("Reshape", {"target_shape": [4, 4, 1]}, "Reshape → (4, 4, 1)"),
    ("BatchNormalization", {}, "BatchNormalization momentum 0.99"),
    ("Add", {}, "Add"),
    ("Concatenate", {"axis": 1}, "Concatenate axis 1"),
    ("Mystery", {"a": 1}, "Mystery"),
    ("Dense", {"units": "abc", "kernel_initializer": None}, "Dense abc · linear · None"),  # half-typed: no raise
]


@pytest.mark.parametrize("type_name, params, text", CARDS)
def test_card_text(type_name, params, text):
    assert layer_text.key_params(type_name, params) == text


def test_every_layer_starts_with_its_declared_params_and_is_valid():
    from nnstudio.engine.layers.base import check_params

    for name in layers.names():
        cls = layers.get(name)
        start = layer_text.starting_params(name)
        assert start.items() >= cls.STARTING_PARAMS.items()
        check_params(cls, "n", start)  # raises when a required value is missing or wrong


def test_category_comes_from_the_class_and_input_has_its_own_colour():
    assert layer_text.category("Input") == "Input"
    assert layer_text.category("Conv2D") == "Convolution"
    assert layer_text.category("Add") == "Merge"
    assert layer_text.category("Mystery") == "Core"

"""The checks the four registries share (nnstudio/engine/params.py): each family keeps its own sentences,
pinned here word for word, and its own acceptance rules."""

import numpy as np
import pytest

from nnstudio.engine import activations, initializers, losses, optimizers
from nnstudio.engine.errors import SpecError
from nnstudio.engine.params import ParamSpec, check_value, range_text, split_identifier

REGISTRIES = {"activations": activations, "initializers": initializers, "losses": losses,
              "optimizers": optimizers}

SENTENCES = [
    ("activations", 5, "An activation must be a name such as 'relu' or a dict with a 'name' key, not 5.",
     "activation"),
    ("activations", "nope", "Unknown activation 'nope'; choose one of: linear, step, sign, sigmoid, "
     "hard_sigmoid, tanh, relu, leaky_relu, elu, celu, selu, gelu, swish, softplus, softsign, softmax.",
     "activation"),
    ("activations", {"name": "relu", "bogus": 1},
     "Activation 'relu' has no parameter 'bogus' (it takes no parameters).", "bogus"),
    ("activations", {"name": "leaky_relu", "bogus": 1},
     "Activation 'leaky_relu' has no parameter 'bogus' (it takes alpha).", "bogus"),
    ("activations", {"name": "leaky_relu", "alpha": True},
     "Activation 'leaky_relu' parameter 'alpha' must be a finite number, not True.", "alpha"),
    ("activations", {"name": "leaky_relu", "alpha": np.float32(0.2)},
     "Activation 'leaky_relu' parameter 'alpha' must be a finite number, not np.float32(0.2).", "alpha"),
    ("activations", {"name": "elu", "alpha": float("nan")},
     "Activation 'elu' parameter 'alpha' must be a finite number, not nan.", "alpha"),
    ("activations", {"name": "softplus", "beta": 0},
     "Activation 'softplus' parameter 'beta' must be greater than 0.0, not 0.", "beta"),
    ("initializers", 5, "An initializer must be a name such as 'glorot_uniform' or a dict with a 'name' key, "
     "not 5.", "initializer"),
    ("initializers", {"name": "constant", "bogus": 1},
     "Initializer 'constant' has no parameter 'bogus' (it takes value).", "bogus"),
    ("initializers", {"name": "constant", "value": float("inf")},
     "Initializer 'constant' parameter 'value' must be a finite number, not inf.", "value"),
    ("initializers", {"name": "constant", "value": np.int64(3)},
     "Initializer 'constant' parameter 'value' must be a finite number, not np.int64(3).", "value"),
    ("initializers", {"name": "random_normal", "stddev": -0.5},
     "Initializer 'random_normal' parameter 'stddev' must be at least 0.0, not -0.5.", "stddev"),
    ("initializers", {"name": "random_uniform", "minval": 1, "maxval": 0},
     "Initializer 'random_uniform' needs minval < maxval, got 1.0 and 0.0.", "maxval"),
    ("losses", 5, "A loss must be a name such as 'mse' or a dict with a 'name' key, not 5.", "loss"),
    ("losses", "nope", "Unknown loss 'nope'; choose one of: mse, mae, huber, binary_crossentropy, "
     "categorical_crossentropy, sparse_categorical_crossentropy, sum_squared_error, cross_entropy_error.",
     "loss"),
    ("losses", {"name": "mse", "bogus": 1}, "Loss 'mse' has no parameter 'bogus' (it takes no parameters).",
     "bogus"),
    ("losses", {"name": "huber", "delta": "x"},
     "Loss 'huber' parameter 'delta' must be a number greater than 0.0, not 'x'.", "delta"),
    ("losses", {"name": "huber", "delta": 0},
     "Loss 'huber' parameter 'delta' must be a number greater than 0.0, not 0.", "delta"),
    ("optimizers", 5, "An optimizer must be a name such as 'adam' or a dict with a 'name' key, not 5.",
     "optimizer"),
    ("optimizers", "nope", "Unknown optimizer 'nope'; choose one of: sgd, adam, adamw, rmsprop, adagrad, "
     "lbfgs, perceptron.", "optimizer"),
    ("optimizers", {"name": "adam", "bogus": 1}, "Optimizer 'adam' has no parameter 'bogus' (it takes "
     "learning_rate, beta_1, beta_2, epsilon, weight_decay, clipnorm).", "bogus"),
    ("optimizers", {"name": "adam", "learning_rate": "x"},
     "Optimizer 'adam' parameter 'learning_rate' must be a finite number, not 'x'.", "learning_rate"),
    ("optimizers", {"name": "adam", "learning_rate": 0},
     "Optimizer 'adam' parameter 'learning_rate' must be greater than 0, not 0.", "learning_rate"),
    ("optimizers", {"name": "sgd", "momentum": -1},
     "Optimizer 'sgd' parameter 'momentum' must be at least 0, not -1.", "momentum"),
    ("optimizers", {"name": "sgd", "momentum": 2},
     "Optimizer 'sgd' parameter 'momentum' must be at most 1, not 2.", "momentum"),
    ("optimizers", {"name": "sgd", "nesterov": "x"},
     "Optimizer 'sgd' parameter 'nesterov' must be true or false, not 'x'.", "nesterov"),
]


@pytest.mark.parametrize("family, identifier, message, param", SENTENCES)
def test_each_family_keeps_its_sentences(family, identifier, message, param):
    with pytest.raises(SpecError) as info:
        REGISTRIES[family].get(identifier)
    assert info.value.message == message
    assert info.value.param == param


def test_numpy_scalars_accepted_by_optimizers_only():
    # the optimizers take NumPy numbers; the other registries keep refusing them (see SENTENCES)
    assert optimizers.get({"name": "sgd", "learning_rate": np.float32(0.5)}).learning_rate == 0.5
    assert activations.get({"name": "leaky_relu", "alpha": 0.5}).alpha == 0.5


EVERY_NAME = [(family, name) for family, registry in REGISTRIES.items() for name in registry.names()]


@pytest.mark.parametrize("family, name", EVERY_NAME)
def test_config_and_repr_round_trip(family, name):
    registry = REGISTRIES[family]
    obj = registry.get(name)
    assert obj.get_config() == name  # all defaults: the bare name
    assert repr(obj) == f"{family}.get({name!r})"
    assert registry.get(obj) is obj
    assert registry.get(obj.get_config()).get_config() == name
    if family != "optimizers":  # the python_numbers mode of check_params assumes float (or choice) parameters
        assert all(p.kind in ("float", "choice") for p in obj.params())


@pytest.mark.parametrize("family, identifier", [
    ("activations", {"name": "leaky_relu", "alpha": 0.3}),
    ("initializers", {"name": "random_uniform", "minval": -1.0, "maxval": 1.0}),
    ("losses", {"name": "huber", "delta": 2.0}),
    ("optimizers", {"name": "sgd", "learning_rate": 0.5, "momentum": 0.9, "nesterov": True,
                    "weight_decay": 0.0, "clipnorm": None})])
def test_config_with_parameters_lists_every_value(family, identifier):
    obj = REGISTRIES[family].get(identifier)
    assert obj.get_config() == identifier
    assert repr(obj) == f"{family}.get({identifier!r})"


def test_stateless_families_compare_by_config_optimizers_by_identity():
    assert activations.get("relu") == activations.get("ReLU")
    assert hash(activations.get("relu")) == hash(activations.get("relu"))
    assert activations.get("relu") != activations.get({"name": "leaky_relu", "alpha": 0.2})
    assert activations.get("linear") != initializers.get("zeros")  # different families never compare equal
    assert losses.get("mse") == losses.get("mean_squared_error")
    assert optimizers.get("adam") != optimizers.get("adam")  # each holds its own moments


def test_split_identifier_and_range_text():
    assert split_identifier("relu", "activation", "relu") == ("relu", {})
    assert split_identifier({"name": "elu", "alpha": 2.0}, "activation", "relu") == ("elu", {"alpha": 2.0})
    with pytest.raises(SpecError, match="^A loss must be a name such as 'mse'"):
        split_identifier({"nm": "mse"}, "loss", "mse")
    spec = ParamSpec("momentum", "float", 0.0, min=0.0, max=1.0)
    assert range_text(spec) == "at least 0 and at most 1"
    assert range_text(spec, fmt="") == "at least 0.0 and at most 1.0"


def test_check_value_kinds():
    where = "Thing 't' parameter 'p'"
    assert check_value(ParamSpec("p", "int", 1, min=1), np.int64(3), where) == 3
    with pytest.raises(SpecError, match=r"must be a whole number, not 2\.5\.$"):
        check_value(ParamSpec("p", "int", 1, min=1), 2.5, where)
    assert check_value(ParamSpec("p", "choice", "a", choices=("a", None)), "None", where) is None
    with pytest.raises(SpecError, match="must be one of a, b, not 'c'"):
        check_value(ParamSpec("p", "choice", "a", choices=("a", "b")), "c", where)
    assert check_value(ParamSpec("p", "float", None, min=0.0, exclusive_min=True), None, where) is None

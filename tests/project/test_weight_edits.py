"""Weights edited by hand (Qt-free): parsing what is typed, the arrays shown, and new dicts that leave the
old one (held by an undo step) untouched."""

import numpy as np
import pytest

from nnstudio.engine import Network
from nnstudio.engine.spec import analyze
from nnstudio.project import weight_edits
from nnstudio.project.weight_edits import InitialWeights, WeightInputError

from ..engine.helpers import chain

SPEC = chain([2], ("Dense", {"units": 3, "activation": "tanh"}), ("Dense", {"units": 1, "activation": "sigmoid"}))

PARSED = [("0.5", 0.5), (" -1.5 ", -1.5), ("2", 2.0), ("1e-3", 1e-3), ("−0.25", -0.25), ("0,75", 0.75)]
REFUSED = [("abc", "is not a number"), ("", "is not a number"), ("1.2.3", "is not a number"),
           ("nan", "finite number"), ("inf", "finite number"), ("-Infinity", "finite number"),
           ("1e39", "too large")]


@pytest.mark.parametrize("text, value", PARSED)
def test_parse_weight_reads_numbers(text, value):
    assert weight_edits.parse_weight(text) == pytest.approx(value)


@pytest.mark.parametrize("text, why", REFUSED)
def test_parse_weight_refuses_what_is_not_a_finite_number(text, why):
    with pytest.raises(WeightInputError, match=why):
        weight_edits.parse_weight(text)


def test_untrained_layers_show_the_initial_weights_training_starts_from():
    initial = InitialWeights().of(SPEC, seed=3)
    expected = Network.from_config(SPEC, seed=3).get_weights()
    for nid in ("l1", "l2"):
        shown = weight_edits.current(None, initial, nid)
        for param in ("kernel", "bias"):
            np.testing.assert_array_equal(shown[param], expected[nid][param])
    assert weight_edits.trainable_names(analyze(SPEC), "l1") == ["kernel", "bias"]
    assert weight_edits.trainable_names(analyze(SPEC), "x") == []


def test_initial_weights_are_built_once_per_network_and_seed():
    cache = InitialWeights()
    first = cache.of(SPEC, 0)
    assert cache.of(SPEC, 0) is first
    assert cache.of(SPEC, 1) is not first


def test_with_value_makes_a_new_dict_and_leaves_the_old_one_alone():
    initial = InitialWeights().of(SPEC, 0)
    trained = {"l2": {"kernel": np.full((3, 1), 0.5, np.float32), "bias": np.zeros(1, np.float32)}}
    before = {n: {p: a.copy() for p, a in ps.items()} for n, ps in trained.items()}
    new = weight_edits.with_value(trained, initial, "l1", "kernel", (1, 2), -2.5)
    # the old dict and its arrays are unchanged (an undo step puts them back)
    assert set(trained) == {"l2"}
    np.testing.assert_array_equal(trained["l2"]["kernel"], before["l2"]["kernel"])
    # the edited node is complete: its other entries are the ones training would start from
    assert new["l1"]["kernel"][1, 2] == -2.5
    mask = np.ones((2, 3), bool)
    mask[1, 2] = False
    np.testing.assert_array_equal(new["l1"]["kernel"][mask], initial["l1"]["kernel"][mask])
    np.testing.assert_array_equal(new["l1"]["bias"], initial["l1"]["bias"])
    assert new["l2"]["kernel"] is trained["l2"]["kernel"]       # untouched nodes share their arrays
    assert new["l1"]["kernel"].dtype == np.float32
    # a network built from the edited weights predicts with them
    net = Network.from_config(SPEC, seed=0)
    net.set_weights(new)
    np.testing.assert_array_equal(net.get_weights()["l1"]["kernel"], new["l1"]["kernel"])


def test_with_array_checks_the_shape():
    initial = InitialWeights().of(SPEC, 0)
    with pytest.raises(Exception, match=r"shape \(3,\)"):
        weight_edits.with_array(None, initial, "l1", "bias", np.zeros(4))


def test_redrawn_draws_from_the_layer_initializer():
    spec = chain([400], ("Dense", {"units": 300, "kernel_initializer": "he_normal"}))
    fresh = weight_edits.redrawn(analyze(spec), "l1", "kernel", np.random.default_rng(0))
    assert fresh.shape == (400, 300)
    assert float(fresh.std()) == pytest.approx(np.sqrt(2 / 400), rel=0.05)   # He: std = sqrt(2 / fan_in)
    zeros = weight_edits.redrawn(analyze(spec), "l1", "bias", np.random.default_rng(0))
    assert not zeros.any()

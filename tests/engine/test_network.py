"""Network: build, predict, weights I/O, config, summary, DAG gradients, data checks."""

import numpy as np
import pytest

from nnstudio.engine import Network, SpecError, gradcheck
from nnstudio.engine.layers.base import Layer

from .helpers import XOR_X, XOR_Y, chain, node, xor_spec


def test_readme_example_builds_and_counts_params():
    net = Network.from_config(xor_spec(), seed=0)
    assert net.count_params() == 41
    assert net.input_shape == (2,) and net.output_shape == (1,)
    assert net.output_activation == "sigmoid"
    text = net.summary()
    assert "Layer (type)" in text and "Output Shape" in text and "Param #" in text and "Connected to" in text
    assert "l1 (Dense)" in text and "(None, 10)" in text
    assert "Total params: 41" in text and "Trainable params: 41" in text and "Non-trainable params: 0" in text
    rows = net.summary_rows()
    assert [r["params"] for r in rows] == [0, 30, 11]
    assert rows[2]["connected_to"] == ["l1"] and rows[1]["output_shape"] == (None, 10)


def test_batchnorm_counts_non_trainable_like_keras():
    net = Network.from_config(chain([4], ("Dense", {"units": 3}), ("BatchNormalization", {})))
    assert net.count_params() == 15 + 12 and net.count_params(trainable_only=True) == 15 + 6
    assert "Non-trainable params: 6" in net.summary()


def test_kernel_shapes_follow_keras():
    net = Network.from_config(chain([5, 5, 2], ("Conv2D", {"filters": 4, "kernel_size": [3, 2]}),
                                    ("Flatten", {}), ("Dense", {"units": 7})))
    w = net.get_weights()
    assert w["l1"]["kernel"].shape == (3, 2, 2, 4) and w["l1"]["bias"].shape == (4,)
    assert w["l3"]["kernel"].shape == (3 * 4 * 4, 7)


def test_seed_and_dtype():
    a = Network.from_config(xor_spec(), seed=5)
    b = Network.from_config(xor_spec(), seed=5)
    c = Network.from_config(xor_spec(), seed=6)
    np.testing.assert_array_equal(a.get_weights()["l1"]["kernel"], b.get_weights()["l1"]["kernel"])
    assert not np.array_equal(a.get_weights()["l1"]["kernel"], c.get_weights()["l1"]["kernel"])
    d = Network.from_config(xor_spec(), dtype="float64")
    assert d.predict(XOR_X).dtype == np.float64
    assert a.predict(XOR_X).dtype == np.float32
    with pytest.raises(ValueError, match="float32"):
        Network.from_config(xor_spec(), dtype="int32")


def test_weights_are_copies_and_set_weights_checks_shapes():
    net = Network.from_config(xor_spec())
    w = net.get_weights()
    w["l1"]["kernel"][:] = 0
    assert np.any(net.get_weights()["l1"]["kernel"] != 0)  # a copy
    net.set_weights(w)
    np.testing.assert_array_equal(net.get_weights()["l1"]["kernel"], 0)
    with pytest.raises(SpecError, match=r"kernel of shape \(3, 10\) for Dense 'l1', which needs \(2, 10\)") as e:
        net.set_weights({"l1": {"kernel": np.zeros((3, 10))}})
    assert (e.value.node_id, e.value.param) == ("l1", "kernel")
    with pytest.raises(SpecError, match="'ghost', which is not a layer"):
        net.set_weights({"ghost": {"kernel": np.zeros(1)}})
    with pytest.raises(SpecError, match="'gamma' for Dense 'l2', which has kernel, bias"):
        net.set_weights({"l2": {"gamma": np.zeros(1)}})


def test_set_weights_keeps_array_identity_for_the_optimizer():
    net = Network.from_config(xor_spec())
    before = net.params_flat["l1/kernel"]
    net.set_weights(net.get_weights())
    assert net.params_flat["l1/kernel"] is before


def test_to_config_fills_defaults_and_keeps_extra_keys():
    spec = xor_spec()
    spec["nodes"][1]["position"] = [10.0, 20.0]
    spec["nodes"][1]["name"] = "hidden"
    config = Network.from_config(spec).to_config()
    assert config["nodes"][1]["position"] == [10.0, 20.0] and config["nodes"][1]["name"] == "hidden"
    assert config["nodes"][1]["params"] == {"units": 10, "activation": "tanh", "use_bias": True,
                                            "kernel_initializer": "glorot_uniform", "bias_initializer": "zeros",
                                            "kernel_regularizer": None}
    assert config["edges"] == [["x", "l1"], ["l1", "l2"]]


def test_invalid_spec_raises_first_problem():
    spec = chain([6, 6, 1], ("Conv2D", {"filters": 16, "kernel_size": 1}), ("Dense", {"units": 3}))
    with pytest.raises(SpecError, match="needs a flat input but receives \\(6, 6, 16\\)") as e:
        Network.from_config(spec)
    assert e.value.node_id == "l2"


def test_weights_the_memory_cannot_hold_are_a_spec_error(monkeypatch):
    # under the size limit but more than the computer has: the allocation's MemoryError becomes a sentence
    from nnstudio.engine import initializers

    def no_memory(self, shape, rng):
        raise MemoryError("Unable to allocate")
    monkeypatch.setattr(initializers.VarianceScaling, "_draw", no_memory)
    with pytest.raises(SpecError, match=r"Dense 'l1' needs 0\.0 GiB for its kernel \(2, 10\), more memory than "
                                        r"this computer can give") as e:
        Network.from_config(xor_spec())
    assert e.value.node_id == "l1"


def test_predict_checks_the_data_shape():
    net = Network.from_config(xor_spec())
    with pytest.raises(SpecError, match=r"Input 'x' expects samples of shape \(2,\) but the data has samples "
                                        r"of shape \(3,\)"):
        net.predict(np.zeros((4, 3)))
    one = Network.from_config(chain([1], ("Dense", {"units": 1})))
    assert one.predict(np.arange(5.0)).shape == (5, 1)  # a 1-D column is accepted for one feature


def test_predict_in_batches_equals_full_batch():
    net = Network.from_config(chain([3], ("Dense", {"units": 4, "activation": "relu"}),
                                    ("BatchNormalization", {}), ("Dense", {"units": 2})), dtype="float64")
    X = np.random.default_rng(0).normal(size=(23, 3))
    np.testing.assert_allclose(net.predict(X, batch_size=5), net.predict(X), rtol=1e-12)


def test_forward_all_returns_every_node():
    net = Network.from_config(xor_spec())
    outs = net.forward_all(XOR_X)
    assert set(outs) == {"x", "l1", "l2"}
    assert outs["l1"].shape == (4, 10)
    np.testing.assert_array_equal(outs["l2"], net.predict(XOR_X))


def _dag(merge: str):
    """x -> a; a feeds both b and c (its gradient is a sum); b, c merge; -> out."""
    return {"nodes": [node("x", "Input", shape=[3]), node("a", "Dense", units=4, activation="tanh"),
                      node("b", "Dense", units=4, activation="sigmoid"), node("c", "Dense", units=4, activation="elu"),
                      node("m", merge), node("out", "Dense", units=2)],
            "edges": [["x", "a"], ["a", "b"], ["a", "c"], ["b", "m"], ["c", "m"], ["a", "m"], ["m", "out"]]}


@pytest.mark.parametrize("merge", ["Add", "Concatenate"])
def test_dag_with_shared_node_passes_gradcheck(merge):
    net = Network.from_config(_dag(merge), seed=1, dtype="float64")
    X = np.random.default_rng(0).normal(size=(6, 3))
    y = np.random.default_rng(1).normal(size=(6, 2))
    errors = gradcheck(net, X, y, "mse")
    assert set(errors) == {"a/kernel", "a/bias", "b/kernel", "b/bias", "c/kernel", "c/bias", "out/kernel",
                           "out/bias"}
    assert max(errors.values()) < 1e-6, errors


def test_input_feeding_two_branches():
    spec = {"nodes": [node("x", "Input", shape=[2]), node("p", "Dense", units=3), node("q", "Dense", units=3),
                      node("s", "Add")],
            "edges": [["x", "p"], ["x", "q"], ["p", "s"], ["q", "s"]]}
    net = Network.from_config(spec, dtype="float64")
    X = np.random.default_rng(0).normal(size=(4, 2))
    w = net.get_weights()
    expected = X @ w["p"]["kernel"] + w["p"]["bias"] + X @ w["q"]["kernel"] + w["q"]["bias"]
    np.testing.assert_allclose(net.predict(X), expected)


def test_gradients_api_shape_and_no_weight_change():
    net = Network.from_config(xor_spec(), dtype="float64")
    before = net.get_weights()
    loss, grads = net.gradients(XOR_X, XOR_Y, loss="binary_crossentropy")
    assert loss > 0 and set(grads) == {"l1", "l2"} and set(grads["l1"]) == {"kernel", "bias"}
    assert grads["l1"]["kernel"].shape == (2, 10)
    np.testing.assert_array_equal(net.get_weights()["l1"]["kernel"], before["l1"]["kernel"])
    # copies of the latest gradients (the live ones sit in a buffer the next pass overwrites)
    np.testing.assert_array_equal(net.last_gradients["l2/bias"], grads["l2"]["bias"])
    assert not np.shares_memory(net.last_gradients["l2/bias"], grads["l2"]["bias"])


def test_regularizer_adds_to_loss_and_gradient():
    spec = chain([2], ("Dense", {"units": 3, "kernel_regularizer": {"l1": 0.1, "l2": 0.2}}))
    net = Network.from_config(spec, dtype="float64")
    X, y = np.ones((2, 2)), np.zeros((2, 3))
    plain = Network.from_config(chain([2], ("Dense", {"units": 3})), dtype="float64")
    plain.set_weights(net.get_weights())
    W = net.get_weights()["l1"]["kernel"]
    loss, grads = net.gradients(X, y, "mse")
    loss0, grads0 = plain.gradients(X, y, "mse")
    assert loss == pytest.approx(loss0 + 0.1 * np.abs(W).sum() + 0.2 * (W ** 2).sum(), rel=1e-12)
    np.testing.assert_allclose(grads["l1"]["kernel"], grads0["l1"]["kernel"] + 0.1 * np.sign(W) + 0.4 * W)
    errors = gradcheck(net, X + np.arange(2), y, "mse")
    assert max(errors.values()) < 1e-6


def test_gradcheck_detects_a_wrong_backward(monkeypatch):
    from nnstudio.engine.layers import core
    net = Network.from_config(xor_spec(), dtype="float64")
    assert max(gradcheck(net, XOR_X, XOR_Y, "mse").values()) < 1e-6
    original = core.Dense.backward_preactivation

    def wrong(self, grad_z, cache, params):
        grads_in, grads = original(self, grad_z, cache, params)
        grads["kernel"] = grads["kernel"] * 1.01
        return grads_in, grads
    monkeypatch.setattr(core.Dense, "backward_preactivation", wrong)
    assert max(gradcheck(net, XOR_X, XOR_Y, "mse").values()) > 1e-3


def test_layers_hold_no_weights():
    net = Network.from_config(chain([3], ("Dense", {"units": 2}), ("BatchNormalization", {})))
    net.fit(np.ones((4, 3)), np.zeros((4, 2)), "mse", epochs=2, batch_size=2)
    for layer in net.layers.values():
        assert isinstance(layer, Layer)
        for value in vars(layer).values():  # scratch constants are fine; weights and state live on the net
            if isinstance(value, np.ndarray):
                assert not np.shares_memory(value, net.flat_weights)
                assert not np.shares_memory(value, net.flat_state)


def test_weights_are_views_of_one_buffer():
    net = Network.from_config(chain([3], ("Dense", {"units": 2}), ("BatchNormalization", {})))
    assert net.flat_weights.size == net.count_params(trainable_only=True)
    for arr in net.params_flat.values():
        assert np.shares_memory(arr, net.flat_weights)


@pytest.mark.parametrize("optimizer", ["adam", {"name": "sgd", "learning_rate": 0.05, "momentum": 0.9}],
                         ids=str)
def test_training_on_the_flat_buffers_equals_the_per_tensor_path_bitwise(optimizer):
    # a huge clipnorm never clips but sends the optimizer down its per-tensor path
    spec = chain([6, 6, 1], ("Conv2D", {"filters": 3, "kernel_size": 3, "activation": "relu"}),
                 ("BatchNormalization", {}), ("Flatten", {}), ("Dense", {"units": 4, "activation": "tanh"}),
                 ("Dense", {"units": 3, "activation": "softmax"}))
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(24, 6, 6, 1)), rng.integers(0, 3, size=24)
    config = optimizer if isinstance(optimizer, dict) else {"name": optimizer}
    fast, slow = (Network.from_config(spec, seed=3, dtype="float64") for _ in range(2))
    fast.fit(X, y, "sparse_categorical_crossentropy", optimizer=config, epochs=3, batch_size=8, seed=1)
    slow.fit(X, y, "sparse_categorical_crossentropy", optimizer={**config, "clipnorm": 1e300}, epochs=3,
             batch_size=8, seed=1)
    assert fast.optimizer._bound is not None and slow.optimizer._bound is None
    for nid, arrays in fast.get_weights().items():
        for name, value in arrays.items():
            np.testing.assert_array_equal(value, slow.get_weights()[nid][name])
    for key, g in fast.last_gradients.items():
        assert np.shares_memory(g, fast.flat_grads)
        np.testing.assert_array_equal(g, slow.last_gradients[key])

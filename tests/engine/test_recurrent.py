"""Recurrent networks as a whole: the course's summary, stacked layers, messages, Keras initial values."""

import numpy as np
import pytest

from nnstudio.engine import Network, analyze, blas_threads, gradcheck, halves, layers
from nnstudio.engine.errors import SpecError

from .helpers import chain

COURSE = chain([10, 1], ("LSTM", {"units": 50, "activation": "relu"}), ("Dense", {"units": 1}))


def test_the_course_lstm_has_10451_parameters():
    net = Network.from_config(COURSE)
    rows = net.summary_rows()
    assert [r["params"] for r in rows] == [0, 10_400, 51]  # 4·(50·(1 + 50) + 50), then 50 + 1
    assert [r["output_shape"] for r in rows] == [(None, 10, 1), (None, 50), (None, 1)]
    assert "Total params: 10,451" in net.summary()
    assert sum(analyze(COURSE).param_counts.values()) == 10_451


def test_keras_weight_layouts():
    spec = chain([7, 3], ("SimpleRNN", {"units": 4, "return_sequences": True}),
                 ("LSTM", {"units": 5, "return_sequences": True}), ("GRU", {"units": 6, "return_sequences": True}),
                 ("GRU", {"units": 2, "reset_after": False}))
    w = Network.from_config(spec).get_weights()
    shapes = {nid: {k: v.shape for k, v in p.items()} for nid, p in w.items()}
    assert shapes == {"l1": {"kernel": (3, 4), "recurrent_kernel": (4, 4), "bias": (4,)},
                      "l2": {"kernel": (4, 20), "recurrent_kernel": (5, 20), "bias": (20,)},
                      "l3": {"kernel": (5, 18), "recurrent_kernel": (6, 18), "bias": (2, 18)},
                      "l4": {"kernel": (6, 6), "recurrent_kernel": (2, 6), "bias": (6,)}}


def test_initial_values_follow_keras():
    net = Network.from_config(chain([4, 3], ("LSTM", {"units": 5})))
    w = net.get_weights()["l1"]
    np.testing.assert_array_equal(w["bias"], np.r_[np.zeros(5), np.ones(5), np.zeros(10)])  # unit_forget_bias
    u = w["recurrent_kernel"].astype(np.float64)
    np.testing.assert_allclose(u @ u.T, np.eye(5), atol=1e-5)  # orthogonal rows
    limit = np.sqrt(6 / (3 + 20))  # glorot_uniform on (3, 20)
    assert np.abs(w["kernel"]).max() <= limit
    off = Network.from_config(chain([4, 3], ("LSTM", {"units": 5, "unit_forget_bias": False}))).get_weights()
    np.testing.assert_array_equal(off["l1"]["bias"], np.zeros(20))


@pytest.mark.parametrize("second", ["SimpleRNN", "LSTM", "GRU"])
def test_stacked_layers_pass_the_gradient_check(second):
    spec = chain([5, 2], ("LSTM", {"units": 3, "return_sequences": True}),
                 ("GRU", {"units": 3, "return_sequences": True, "activation": "relu"}),
                 (second, {"units": 2}), ("Dense", {"units": 2}))
    net = Network.from_config(spec, seed=4, dtype="float64")
    rng = np.random.default_rng(0)
    errors = gradcheck(net, rng.normal(size=(4, 5, 2)), rng.normal(size=(4, 2)), "mse")
    assert errors and max(errors.values()) < 1e-6, errors


def test_the_lstm_weight_product_split_over_the_cores_trains_to_the_same_weights(monkeypatch):
    # inside a fit (BLAS held to one thread) the LSTM's large weight-gradient product is cut along its rows
    # into parts run at once, as Dense and Conv2D do; here every product counts as large
    if blas_threads._blas_pools() is None:
        pytest.skip("threadpoolctl cannot hold BLAS here")
    monkeypatch.setattr(halves, "PRODUCT", 1000)
    monkeypatch.setattr(halves, "LARGE", 1000)
    splits = []
    run = halves._run
    monkeypatch.setattr(halves, "_run", lambda n, work: (splits.append(n), run(n, work))[1])
    spec = chain([20, 3], ("LSTM", {"units": 32, "return_sequences": True}), ("LSTM", {"units": 8}),
                 ("Dense", {"units": 1}))
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(64, 20, 3)).astype(np.float32), rng.normal(size=(64, 1)).astype(np.float32)

    def train():
        net = Network.from_config(spec, seed=3, dtype="float32")
        net.fit(X, y, "mse", optimizer="adam", epochs=2, batch_size=32, seed=0)
        return net.get_weights()

    monkeypatch.setattr(halves, "enabled", True)
    monkeypatch.setattr(halves, "PARTS", 2)
    two = train()
    assert splits
    monkeypatch.setattr(halves, "enabled", False)
    one = train()
    for node in one:
        for name in one[node]:
            np.testing.assert_allclose(two[node][name], one[node][name], rtol=1e-5, atol=1e-6)


def test_dense_per_timestep_equals_dense_on_each_step():
    spec = chain([6, 3], ("Dense", {"units": 4, "activation": "tanh"}))
    net = Network.from_config(spec, seed=0, dtype="float64")
    x = np.random.default_rng(0).normal(size=(2, 6, 3))
    out = net.predict(x)
    w = net.get_weights()["l1"]
    for s in range(6):
        np.testing.assert_allclose(out[:, s], np.tanh(x[:, s] @ w["kernel"] + w["bias"]), rtol=1e-12)


def test_an_lstm_fed_a_flat_vector_is_told_to_reshape():
    with pytest.raises(SpecError, match=r"LSTM 'l1' needs a sequence input of shape \(timesteps, features\) but "
                                        r"receives \(10,\): add a Reshape to \(10, 1\)"):
        Network.from_config(chain([10], ("LSTM", {"units": 4})))
    with pytest.raises(SpecError, match=r"add a Reshape to \(28, 28\)"):
        Network.from_config(chain([28, 28, 1], ("GRU", {"units": 4})))


def test_a_sequence_output_against_one_target_per_sample_is_explained():
    net = Network.from_config(chain([5, 1], ("LSTM", {"units": 3, "return_sequences": True}),
                                    ("Dense", {"units": 1})))
    with pytest.raises(ValueError, match="one output at every timestep.*turn off return_sequences"):
        net.gradients(np.zeros((4, 5, 1)), np.zeros((4, 1)), "mse")


def test_embedding_refuses_tokens_outside_its_table():
    net = Network.from_config(chain([3], ("Embedding", {"input_dim": 5, "output_dim": 2})))
    assert net.predict(np.array([[0, 4, 2]])).shape == (1, 3, 2)
    with pytest.raises(SpecError, match=r"receives the value 5, .* from 0 to 4 \(input_dim 5\)"):
        net.predict(np.array([[0, 5, 2]]))
    with pytest.raises(SpecError, match="receives the value 1.5"):
        net.predict(np.array([[0, 1.5, 2]]))


def test_embedding_feeds_an_lstm_and_learns():
    # the label is whether token 1 occurs anywhere in the sequence
    rng = np.random.default_rng(0)
    X = rng.integers(0, 4, size=(256, 6)).astype(float)
    y = (X == 1).any(axis=1).astype(float).reshape(-1, 1)
    net = Network.from_config(chain([6], ("Embedding", {"input_dim": 4, "output_dim": 4}),
                                    ("LSTM", {"units": 8}), ("Dense", {"units": 1, "activation": "sigmoid"})))
    net.fit(X, y, "binary_crossentropy", optimizer={"name": "adam", "learning_rate": 0.02}, epochs=30, seed=0)
    assert net.evaluate(X, y)["accuracy"] > 0.9


def test_recurrent_layers_sit_in_their_palette_category():
    assert layers.by_category()["Recurrent"] == ["SimpleRNN", "LSTM", "GRU", "Embedding"]
    assert layers.get("LSTM").takes_regularizer() and not layers.get("Embedding").takes_regularizer()
    assert layers.get("LSTM").card_parts({"units": 50, "activation": "relu", "return_sequences": True}) == [
        "50", "relu", "sequences"]

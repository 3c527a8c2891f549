"""The fit loop: learning, determinism, batching, validation, early stopping, callbacks, continuation,
divergence, the perceptron rule and L-BFGS."""

import tracemalloc

import numpy as np
import pytest

from nnstudio.engine import Callback, History, Network, SpecError, TrainingDiverged

from .helpers import XOR_X, XOR_Y, chain, xor_spec


def _blobs(n=60, seed=0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, size=n)
    X = rng.normal(size=(n, 2)) * 0.5 + np.array([[0, 0], [3, 0], [0, 3]])[y]
    return X, y


def _regression(n=40, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, size=(n, 2))
    return X, (X @ np.array([[1.5], [-2.0]]) + 0.5)


def test_xor_learns_with_sgd_like_the_readme():
    net = Network.from_config(xor_spec(), seed=0)
    hist = net.fit(XOR_X, XOR_Y, loss="binary_crossentropy", optimizer={"name": "sgd", "learning_rate": 0.5},
                   epochs=2000, batch_size=4, seed=0)
    assert isinstance(hist, History) and hist.epoch == list(range(2000))
    assert hist.history["loss"][-1] < 0.05 < hist.history["loss"][0]
    assert hist.history["accuracy"][-1] == 1.0
    np.testing.assert_array_equal(np.round(net.predict(XOR_X)), XOR_Y)
    assert net.evaluate(XOR_X, XOR_Y)["accuracy"] == 1.0


def test_same_seed_gives_bit_identical_weights_and_history():
    spec = chain([2], ("Dense", {"units": 8, "activation": "relu"}), ("Dropout", {"rate": 0.3}),
                 ("Dense", {"units": 3, "activation": "softmax"}))
    X, y = _blobs()
    runs = []
    for _ in range(2):
        net = Network.from_config(spec, seed=1)
        h = net.fit(X, y, "sparse_categorical_crossentropy", optimizer="adam", epochs=5, batch_size=7, seed=3,
                    validation_split=0.2)
        runs.append((net.get_weights(), h.history))
    (w1, h1), (w2, h2) = runs
    assert h1 == h2
    for nid in w1:
        for name in w1[nid]:
            np.testing.assert_array_equal(w1[nid][name], w2[nid][name])
    net = Network.from_config(spec, seed=1)
    h3 = net.fit(X, y, "sparse_categorical_crossentropy", optimizer="adam", epochs=5, batch_size=7, seed=4,
                 validation_split=0.2)
    assert h3.history["loss"] != h1["loss"]


class Recorder:
    def __init__(self, stop_at_step=None):
        self.events, self.stop_at_step = [], stop_at_step

    def on_train_begin(self, net, logs):
        self.events.append(("train_begin", dict(logs)))

    def on_batch_begin(self, net, logs):
        self.events.append(("batch_begin", dict(logs)))

    def on_batch_end(self, net, logs):
        self.events.append(("batch_end", dict(logs)))
        return self.stop_at_step is not None and logs["step"] >= self.stop_at_step

    def on_epoch_end(self, net, logs):
        self.events.append(("epoch_end", dict(logs)))

    def on_train_end(self, net, logs):
        self.events.append(("train_end", dict(logs)))


@pytest.mark.parametrize("batch_size, expected", [(None, 1), (1, 10), (4, 3), (32, 1)])
def test_batch_sizes(batch_size, expected):
    net = Network.from_config(chain([2], ("Dense", {"units": 1})))
    rec = Recorder()
    X, y = _regression(10)
    net.fit(X, y, "mse", optimizer="sgd", epochs=1, batch_size=batch_size, callbacks=[rec])
    ends = [logs for kind, logs in rec.events if kind == "batch_end"]
    assert len(ends) == expected
    assert all(logs["batches_per_epoch"] == expected for logs in ends)
    assert sum(logs["size"] for logs in ends) == 10
    assert set(ends[0]) == {"epoch", "batch", "step", "batches_per_epoch", "loss", "size",
                           "metrics_so_far"}


def test_callback_order_and_stop_request():
    net = Network.from_config(chain([2], ("Dense", {"units": 1})))
    rec = Recorder(stop_at_step=6)
    X, y = _regression(10)
    hist = net.fit(X, y, "mse", optimizer="sgd", epochs=10, batch_size=2, callbacks=[rec])
    kinds = [k for k, _ in rec.events]
    assert kinds[0] == "train_begin" and kinds[-1] == "train_end"
    assert kinds[1:4] == ["batch_begin", "batch_end", "batch_begin"]
    assert net.step_count == 7  # 5 batches per epoch; stopped after the batch whose step was 6 (the 7th)
    assert hist.epoch == [0, 1]  # the partial second epoch is recorded
    assert kinds.count("epoch_end") == 2


def test_net_stop_training_flag():
    class Stopper:
        def on_batch_end(self, net, logs):
            if logs["step"] == 2:
                net.stop_training = True
    net = Network.from_config(chain([2], ("Dense", {"units": 1})))
    X, y = _regression(10)
    net.fit(X, y, "mse", optimizer="sgd", epochs=10, batch_size=2, callbacks=[Stopper()])
    assert net.step_count == 3


def test_validation_split_takes_the_last_fraction_before_shuffling():
    X, y = _regression(40)
    net = Network.from_config(chain([2], ("Dense", {"units": 1})), dtype="float64")
    hist = net.fit(X, y, "mse", optimizer="sgd", epochs=3, batch_size=8, validation_split=0.25, seed=0)
    assert set(hist.history) == {"loss", "mae", "rmse", "r2", "val_loss", "val_mae", "val_rmse", "val_r2"}
    final = net.evaluate(X[30:], y[30:])
    assert hist.history["val_loss"][-1] == pytest.approx(final["loss"], rel=1e-12)
    assert hist.history["val_r2"][-1] == pytest.approx(final["r2"], rel=1e-12)
    rec = Recorder()
    net.fit(X, y, "mse", epochs=1, batch_size=None, validation_split=0.25, callbacks=[rec])
    assert [logs["size"] for k, logs in rec.events if k == "batch_end"] == [30]


def test_validation_data_and_classification_metrics():
    X, y = _blobs(90)
    net = Network.from_config(chain([2], ("Dense", {"units": 3, "activation": "softmax"})))
    hist = net.fit(X[:60], y[:60], "sparse_categorical_crossentropy", optimizer={"name": "adam", "learning_rate": 0.05},
                   epochs=30, batch_size=16, validation_data=(X[60:], y[60:]), seed=0)
    assert set(hist.history) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert hist.history["val_accuracy"][-1] > 0.9
    onehot = np.eye(3)[y]
    res = net.evaluate(X, onehot, loss="categorical_crossentropy")
    assert res["accuracy"] == pytest.approx(net.evaluate(X, y)["accuracy"])


def test_regression_r2_and_mae_match_their_formulas():
    X, y = _regression(50)
    net = Network.from_config(chain([2], ("Dense", {"units": 1})), dtype="float64")
    net.fit(X, y, "mse", optimizer={"name": "sgd", "learning_rate": 0.1}, epochs=5, batch_size=None)
    res = net.evaluate(X, y)
    p = net.predict(X)
    assert res["mae"] == pytest.approx(np.abs(p - y).mean())
    assert res["r2"] == pytest.approx(1 - ((p - y) ** 2).sum() / ((y - y.mean()) ** 2).sum())
    assert res["loss"] == pytest.approx(((p - y) ** 2).mean())


def test_early_stopping_patience_and_restore_best_weights():
    X, y = _regression(20)
    net = Network.from_config(chain([2], ("Dense", {"units": 1})), dtype="float64")
    snapshots = []

    class Keep:
        def on_epoch_end(self, net, logs):
            snapshots.append(net.get_weights())
    # min_delta so large that nothing after the first epoch counts as an improvement
    hist = net.fit(X, y, "mse", optimizer="sgd", epochs=50, batch_size=None, callbacks=[Keep()],
                   early_stopping={"monitor": "loss", "patience": 3, "min_delta": 1e9})
    assert hist.epoch == [0, 1, 2, 3] and hist.stopped_epoch == 3 and hist.best_epoch == 0
    np.testing.assert_array_equal(net.get_weights()["l1"]["kernel"], snapshots[0]["l1"]["kernel"])


def test_early_stopping_on_val_loss_defaults():
    X, y = _regression(40)
    net = Network.from_config(chain([2], ("Dense", {"units": 16, "activation": "relu"}), ("Dense", {"units": 1})))
    hist = net.fit(X, y, "mse", optimizer={"name": "adam", "learning_rate": 0.05}, epochs=400, batch_size=8,
                   validation_split=0.25, early_stopping={"patience": 5}, seed=0)
    assert hist.stopped_epoch is not None and len(hist.epoch) < 400
    best = int(np.argmin(hist.history["val_loss"]))
    assert hist.best_epoch == best
    assert net.evaluate(X[30:], y[30:])["loss"] == pytest.approx(hist.history["val_loss"][best], rel=1e-5)
    with pytest.raises(ValueError, match="no setting 'patients'"):
        net.fit(X, y, "mse", early_stopping={"patients": 3})


def test_second_fit_continues_weights_and_optimizer_state():
    X, y = _regression(16)
    spec = chain([2], ("Dense", {"units": 4, "activation": "tanh"}), ("Dense", {"units": 1}))
    once = Network.from_config(spec, dtype="float64")
    once.fit(X, y, "mse", optimizer="adam", epochs=10, batch_size=None)
    twice = Network.from_config(spec, dtype="float64")
    twice.fit(X, y, "mse", optimizer="adam", epochs=4, batch_size=None)
    kept = twice.optimizer
    h = twice.fit(X, y, "mse", epochs=6, batch_size=None, initial_epoch=4)
    assert twice.optimizer is kept and h.epoch == [4, 5, 6, 7, 8, 9]
    for nid, per in once.get_weights().items():
        for name, w in per.items():
            np.testing.assert_allclose(twice.get_weights()[nid][name], w, rtol=1e-12, atol=1e-14)
    # same name with a new learning rate: the moments are kept, the new rate applies
    twice.fit(X, y, "mse", optimizer={"name": "adam", "learning_rate": 0.5}, epochs=1, batch_size=None)
    assert twice.optimizer is kept and twice.optimizer.learning_rate == 0.5
    assert twice.optimizer.counts["l1/kernel"] == 11
    twice.fit(X, y, "mse", optimizer="sgd", epochs=1, batch_size=None)
    assert twice.optimizer.name == "sgd"


def test_divergence_restores_finite_weights_and_names_the_layer():
    X, y = _regression(20)
    net = Network.from_config(chain([2], ("Dense", {"units": 8, "activation": "relu"}), ("Dense", {"units": 1})))
    with pytest.raises(TrainingDiverged) as info:
        net.fit(X, y * 1e3, "mse", optimizer={"name": "sgd", "learning_rate": 1e4}, epochs=200, batch_size=None)
    err = info.value
    assert err.node_id in ("l1", "l2")
    assert "lower learning rate" in err.message and f"'{err.node_id}'" in err.message
    assert isinstance(err.history, History)
    for per in net.get_weights().values():
        for w in per.values():
            assert np.isfinite(w).all()
    assert err.epoch is not None and err.epoch < 200


def test_float64_data_does_not_upcast_a_float32_network():
    X, y = _regression(12)
    net = Network.from_config(chain([2], ("Dense", {"units": 3}), ("Dense", {"units": 1})))
    net.fit(X.astype(np.float64), y.astype(np.float64), "mse", optimizer="adam", epochs=2, batch_size=4)
    assert all(w.dtype == np.float32 for per in net.get_weights().values() for w in per.values())
    assert all(g.dtype == np.float32 for g in net.last_gradients.values())


def test_perceptron_rule_on_and_gate():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)
    y = np.array([0, 0, 0, 1], float)
    for act in ("step", "sign"):
        net = Network.from_config(chain([2], ("Dense", {"units": 1, "activation": act})), seed=0)
        hist = net.fit(X, y, "mse", optimizer={"name": "perceptron", "learning_rate": 0.5}, epochs=100, seed=0)
        assert hist.history["mistakes"][-1] == 0 and hist.history["accuracy"][-1] == 1.0
        assert len(hist.epoch) < 100  # stopped at the first epoch without mistakes
        assert hist.history["mistakes"][0] > 0
        target = y if act == "step" else 2 * y - 1
        np.testing.assert_array_equal(net.predict(X).ravel(), target)


def test_perceptron_requires_a_single_step_dense():
    net = Network.from_config(xor_spec())
    with pytest.raises(SpecError, match="perceptron rule trains a single Dense layer with a 'step' or 'sign'"):
        net.fit(XOR_X, XOR_Y, "mse", optimizer="perceptron")


def test_lbfgs_full_batch_fits_a_small_regression():
    X, y = _regression(30)
    net = Network.from_config(chain([2], ("Dense", {"units": 8, "activation": "tanh"}), ("Dense", {"units": 1})),
                              dtype="float64")
    rec = Recorder()
    hist = net.fit(X, y, "mse", optimizer="lbfgs", epochs=20, batch_size=4, callbacks=[rec])
    assert all(logs["size"] == 30 for k, logs in rec.events if k == "batch_end")  # always full batch
    assert hist.history["loss"][-1] < 1e-3 < hist.history["loss"][0]


def test_fused_and_plain_gradients_agree():
    X, y = _blobs(12)
    fused = chain([2], ("Dense", {"units": 3, "activation": "softmax"}))
    plain = chain([2], ("Dense", {"units": 3, "activation": "softmax"}), ("Dropout", {"rate": 0.0}))
    a = Network.from_config(fused, dtype="float64")
    b = Network.from_config(plain, dtype="float64")
    b.set_weights(a.get_weights())
    la, ga = a.gradients(X, y, "sparse_categorical_crossentropy")
    lb, gb = b.gradients(X, y, "sparse_categorical_crossentropy")
    assert la == pytest.approx(lb, rel=1e-12)
    np.testing.assert_allclose(ga["l1"]["kernel"], gb["l1"]["kernel"], rtol=1e-10)


def test_no_memory_growth_step_to_step():
    X, y = _blobs(256)
    net = Network.from_config(chain([2], ("Dense", {"units": 32, "activation": "relu"}),
                                    ("Dense", {"units": 3, "activation": "softmax"})))
    net.fit(X, y, "sparse_categorical_crossentropy", optimizer="adam", epochs=2, batch_size=32)
    tracemalloc.start()
    net.fit(X, y, "sparse_categorical_crossentropy", epochs=5, batch_size=32)
    first = tracemalloc.get_traced_memory()[0]
    net.fit(X, y, "sparse_categorical_crossentropy", epochs=20, batch_size=32)
    second = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert second - first < 64 * 1024, (first, second)


def test_bad_fit_arguments_are_explained():
    net = Network.from_config(xor_spec())
    with pytest.raises(ValueError, match="4 samples but the targets have 3"):
        net.fit(XOR_X, XOR_Y[:3], "mse")
    with pytest.raises(ValueError, match="validation_split"):
        net.fit(XOR_X, XOR_Y, "mse", validation_split=1.5)
    with pytest.raises(SpecError, match="Unknown loss 'msq'"):
        net.fit(XOR_X, XOR_Y, "msq")


def test_fit_and_evaluate_reject_class_targets_that_are_not_whole_numbers():
    # the loss's own check decides (fit used to floor 0.5 and -0.4 to class 0 without a word)
    net = Network.from_config(chain([2], ("Dense", {"units": 3, "activation": "softmax"})))
    X, y = _blobs(8)
    for bad in (y + 0.5, np.where(y == 0, -0.4, y)):
        for method in (net.fit, net.evaluate):
            with pytest.raises(ValueError, match="needs integer class indices as targets"):
                method(X, bad, "sparse_categorical_crossentropy")
    h = net.fit(X, y.astype(float).reshape(-1, 1), "sparse_categorical_crossentropy", epochs=2)
    assert len(h.history["loss"]) == 2  # whole-number floats, (N, 1) or (N,), are still class indices
    assert net.evaluate(X, y.astype(float)) == net.evaluate(X, y)


class _WeightsAtBatchBegin:
    def __init__(self):
        self.last = None

    def on_batch_begin(self, net, logs):
        self.last = net.get_weights()


def test_an_update_that_is_not_finite_is_refused_and_the_weights_stay_the_last_finite_ones():
    X, y = _regression(20)
    net = Network.from_config(chain([2], ("Dense", {"units": 4, "activation": "relu"}), ("Dense", {"units": 1})))
    seen = _WeightsAtBatchBegin()
    # finite loss and gradients, but lr * gradient overflows float32 in the very first update
    with pytest.raises(TrainingDiverged) as info:
        net.fit(X, y * 1e3, "mse", optimizer={"name": "sgd", "learning_rate": 1e37}, epochs=3, batch_size=None,
                callbacks=[seen])
    err = info.value
    assert err.node_id in ("l1", "l2") and f"'{err.node_id}'" in err.message
    assert "update" in err.message and "lower learning rate" in err.message
    assert err.epoch == 0 and net.step_count == 0
    for nid, per in seen.last.items():
        for name, w in per.items():
            np.testing.assert_array_equal(net.get_weights()[nid][name], w)


def test_weights_that_overflow_from_a_finite_update_go_back_to_the_epoch_start():
    # the one way past the update check: w - delta overflows although both are finite (float64 near 1.8e308)
    X = np.zeros((1, 1))
    net = Network.from_config(chain([1], ("Dense", {"units": 1})), dtype="float64")
    net.set_weights({"l1": {"kernel": [[1.0]], "bias": [1.7e308]}})
    with pytest.raises(TrainingDiverged) as info:  # MAE stays finite; its gradient -1 times lr 1e308 overflows b
        net.fit(X, np.array([[1.79e308]]), "mae", optimizer={"name": "sgd", "learning_rate": 1e308}, epochs=2,
                batch_size=None)
    assert info.value.node_id == "l1" and info.value.epoch == 0  # found at the end of the first epoch
    np.testing.assert_array_equal(net.get_weights()["l1"]["bias"], [1.7e308])  # as the epoch started


# --- the public training API: Callback, train_step, the generators' state --------------------------------

def test_callback_hooks_are_no_ops_and_only_overridden_ones_are_called():
    from nnstudio.engine import Callback

    class EpochsOnly(Callback):
        def __init__(self):
            self.epochs = []

        def on_epoch_end(self, net, logs):
            self.epochs.append(logs["epoch"])

    cb = EpochsOnly()
    net = Network.from_config(xor_spec(), seed=0)
    net.fit(XOR_X, XOR_Y, "binary_crossentropy", epochs=3, batch_size=2, seed=0, callbacks=[cb, Callback()])
    assert cb.epochs == [0, 1, 2]
    from nnstudio.engine.training import _hooks
    assert _hooks([cb, Callback()], "on_batch_end") == []          # the base class's no-ops are skipped
    assert len(_hooks([cb], "on_epoch_end")) == 1


def test_a_hook_returning_true_stops_after_that_batch():
    from nnstudio.engine import Callback

    class StopAtThird(Callback):
        def on_batch_end(self, net, logs):
            return logs["step"] == 2

    net = Network.from_config(xor_spec(), seed=0)
    net.fit(XOR_X, XOR_Y, "binary_crossentropy", epochs=5, batch_size=1, seed=0, callbacks=[StopAtThird()])
    assert net.step_count == 3


def test_batches_per_epoch_follows_the_batch_size_and_optimizer():
    from nnstudio.engine import optimizers
    from nnstudio.engine.training import batches_per_epoch
    assert batches_per_epoch(10, 3, optimizers.get("sgd")) == 4
    assert batches_per_epoch(10, None, optimizers.get("sgd")) == 1        # full batch
    assert batches_per_epoch(10, 50, optimizers.get("sgd")) == 1
    assert batches_per_epoch(10, 3, optimizers.get("perceptron")) == 10   # one sample at a time


def test_train_step_takes_the_same_step_as_a_one_batch_fit():
    a = Network.from_config(xor_spec(), seed=0)
    b = Network.from_config(xor_spec(), seed=0)
    opt = {"name": "sgd", "learning_rate": 0.5}
    value = a.train_step(XOR_X, XOR_Y, "binary_crossentropy", opt)
    hist = b.fit(XOR_X, XOR_Y, "binary_crossentropy", optimizer=opt, epochs=1, batch_size=None, seed=0)
    assert value == pytest.approx(hist.history["loss"][0], rel=1e-5)
    assert a.step_count == b.step_count == 1
    for nid, params in b.get_weights().items():
        for name, w in params.items():
            np.testing.assert_allclose(a.get_weights()[nid][name], w, rtol=1e-5, atol=1e-7)


def test_generator_state_round_trips_shuffling_and_dropout():
    spec = chain([2], ("Dense", {"units": 8, "activation": "relu"}), ("Dropout", {"rate": 0.5}),
                 ("Dense", {"units": 1, "activation": "sigmoid"}))
    net = Network.from_config(spec, seed=0)
    net.reseed(7)
    state = net.generator_state
    first = (net.shuffle_rng.permutation(10), net.forward(XOR_X, training=True))
    net.generator_state = state
    again = (net.shuffle_rng.permutation(10), net.forward(XOR_X, training=True))
    np.testing.assert_array_equal(first[0], again[0])
    for nid in first[1]:
        np.testing.assert_array_equal(first[1][nid], again[1][nid])     # same dropout masks


def test_evaluate_without_a_loss_uses_the_course_default():
    from nnstudio.engine import losses
    net = Network.from_config(xor_spec(), seed=0)      # sigmoid output
    assert net.evaluate(XOR_X, XOR_Y) == pytest.approx(
        net.evaluate(XOR_X, XOR_Y, loss=losses.default_for("binary", "sigmoid")))


def test_batch_end_can_ask_for_the_epochs_metrics_so_far_which_end_on_the_epochs_own():
    class SoFar(Callback):
        def __init__(self):
            self.running, self.epochs = [], []

        def on_batch_end(self, net, logs):
            self.running.append((logs["epoch"], logs["metrics_so_far"]()))

        def on_epoch_end(self, net, logs):
            self.epochs.append(logs)

    X, y = _blobs(60)
    cb = SoFar()
    net = Network.from_config(chain([2], ("Dense", {"units": 3, "activation": "softmax"})), seed=0)
    net.fit(X, y, "sparse_categorical_crossentropy", epochs=2, batch_size=8, seed=0, callbacks=[cb])
    assert len(cb.running) == 16                          # 8 batches an epoch (the last one of 4 rows)
    for epoch in (0, 1):
        values = [m["accuracy"] for e, m in cb.running if e == epoch]
        # each value counts whole batches seen so far: a multiple of 1/8 for the first seven
        assert all(v * 8 * (i + 1) == pytest.approx(round(v * 8 * (i + 1))) for i, v in enumerate(values[:7]))
        assert values[-1] == pytest.approx(cb.epochs[epoch]["accuracy"], abs=1e-12)
    net2 = Network.from_config(chain([2], ("Dense", {"units": 1})), seed=0)
    X2, y2 = _regression(20)
    cb2 = SoFar()
    net2.fit(X2, y2, "mse", epochs=1, batch_size=5, seed=0, callbacks=[cb2])
    assert set(cb2.running[-1][1]) == {"mae", "rmse", "r2"}
    assert cb2.running[-1][1]["mae"] == pytest.approx(cb2.epochs[0]["mae"], abs=1e-12)

"""Losses: float64 numerical gradient checks of gradient() and from_logits(), PyTorch agreement,
extreme logits, shapes, dtype, registry behaviour."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nnstudio.engine import activations, losses
from nnstudio.engine.errors import SpecError

N, K = 6, 4
FUSED = [("binary_crossentropy", "sigmoid"), ("categorical_crossentropy", "softmax"),
         ("sparse_categorical_crossentropy", "softmax")]


def _case(name, seed=0, dtype=np.float64):
    """(y_pred, y_true) valid for the loss, predictions away from kinks of |r| and of the log clamp."""
    rng = np.random.default_rng(seed)
    if name == "binary_crossentropy":
        return rng.uniform(0.05, 0.95, (N, 1)).astype(dtype), rng.integers(0, 2, (N, 1)).astype(dtype)
    if name in ("categorical_crossentropy", "sparse_categorical_crossentropy", "cross_entropy_error"):
        p = activations.get("softmax").forward(rng.normal(size=(N, K))).astype(dtype)
        idx = rng.integers(0, K, N)
        return p, (idx if name == "sparse_categorical_crossentropy" else np.eye(K)[idx])
    pred = rng.normal(size=(N, 3)).astype(dtype)
    true = rng.normal(size=(N, 3)).astype(dtype)
    r = pred - true
    true[np.abs(np.abs(r) - 1) < 1e-3] += 0.01  # keep clear of huber's delta = 1
    return pred, true


def _logit_case(name, seed=0, scale=2.0):
    rng = np.random.default_rng(seed)
    if name == "binary_crossentropy":
        return scale * rng.normal(size=(N, 1)), rng.integers(0, 2, (N, 1)).astype(float)
    z = scale * rng.normal(size=(N, K))
    idx = rng.integers(0, K, N)
    return z, (np.eye(K)[idx] if name == "categorical_crossentropy" else idx)


def _numeric_grad(f, x, eps=1e-6):
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[idx] += eps
        xm[idx] -= eps
        g[idx] = (f(xp) - f(xm)) / (2 * eps)
    return g


def test_names():
    assert losses.names() == ["mse", "mae", "huber", "binary_crossentropy", "categorical_crossentropy",
                              "sparse_categorical_crossentropy", "sum_squared_error", "cross_entropy_error"]


@pytest.mark.parametrize("name", losses.names())
def test_gradient_matches_central_differences(name):
    loss = losses.get(name)
    p, y = _case(name)
    np.testing.assert_allclose(loss.gradient(p, y), _numeric_grad(lambda q: loss(q, y), p),
                               rtol=1e-6, atol=1e-9)


def test_huber_with_other_delta_gradient():
    loss = losses.get({"name": "huber", "delta": 0.3})
    p, y = _case("huber", seed=3)
    np.testing.assert_allclose(loss.gradient(p, y), _numeric_grad(lambda q: loss(q, y), p), rtol=1e-6,
                               atol=1e-9)


@pytest.mark.parametrize("name, act", FUSED)
def test_from_logits_matches_central_differences_and_unfused_value(name, act):
    loss = losses.get(name)
    z, y = _logit_case(name)
    value, grad = loss.from_logits(act, z, y)
    np.testing.assert_allclose(grad, _numeric_grad(lambda q: loss.from_logits(act, q, y)[0], z),
                               rtol=1e-6, atol=1e-9)
    a = activations.get(act)
    assert value == pytest.approx(loss(a.forward(z), y), rel=1e-12)
    # the fused gradient is the chain rule through the activation, exactly
    unfused = a.backward(z, a.forward(z), loss.gradient(a.forward(z), y))
    np.testing.assert_allclose(grad, unfused, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("name, act", FUSED)
def test_extreme_logits_stay_finite(name, act):
    loss = losses.get(name)
    z, y = _logit_case(name, scale=1.0)
    z = np.where(z >= 0, 1000.0, -1000.0)
    value, grad = loss.from_logits(act, z, y)
    assert np.isfinite(value) and np.isfinite(grad).all()
    assert value > 0 and np.abs(grad).max() <= 1.0 / N + 1e-15
    # and on the probabilities themselves (sigmoid/softmax saturated to exact 0 and 1): torch's clamp
    p = activations.get(act).forward(z)
    assert np.isfinite(loss(p, y)) and np.isfinite(loss.gradient(p, y)).all()


def _torch_pair(name, F, torch):
    if name == "mse":
        return F.mse_loss, lambda y: torch.tensor(y)
    if name == "mae":
        return F.l1_loss, lambda y: torch.tensor(y)
    if name == "huber":
        return F.huber_loss, lambda y: torch.tensor(y)
    if name == "binary_crossentropy":
        return F.binary_cross_entropy, lambda y: torch.tensor(y)
    if name == "categorical_crossentropy":
        return (lambda p, y: F.nll_loss(torch.log(p), y)), lambda y: torch.tensor(y.argmax(axis=1))
    if name == "sum_squared_error":
        return (lambda p, y: 0.5 * F.mse_loss(p, y, reduction="sum")), lambda y: torch.tensor(y)
    if name == "cross_entropy_error":
        return (lambda p, y: -(y * torch.log(p + 1e-8)).sum() / len(p)), lambda y: torch.tensor(y)
    return (lambda p, y: F.nll_loss(torch.log(p), y)), lambda y: torch.tensor(y)


@pytest.mark.parametrize("name", losses.names())
def test_value_and_gradient_equal_torch(name):
    torch = pytest.importorskip("torch")
    fn, target = _torch_pair(name, torch.nn.functional, torch)
    loss = losses.get(name)
    p, y = _case(name, seed=5)
    t = torch.tensor(p, requires_grad=True)
    out = fn(t, target(y))
    out.backward()
    assert loss(p, y) == pytest.approx(out.item(), rel=1e-13)
    np.testing.assert_allclose(loss.gradient(p, y), t.grad.numpy(), rtol=1e-12, atol=1e-15)


def test_huber_with_another_delta_equals_torch():
    torch = pytest.importorskip("torch")
    p, y = _case("huber", seed=9)
    t = torch.tensor(p, requires_grad=True)
    out = torch.nn.functional.huber_loss(t, torch.tensor(y), delta=0.4)
    out.backward()
    loss = losses.get({"name": "huber", "delta": 0.4})
    assert loss(p, y) == pytest.approx(out.item(), rel=1e-13)
    np.testing.assert_allclose(loss.gradient(p, y), t.grad.numpy(), rtol=1e-12)


def test_bce_clamps_like_torch_at_exact_zero_and_one():
    torch = pytest.importorskip("torch")
    p = np.array([[0.0], [1.0], [0.0], [1.0], [0.5]])
    y = np.array([[1.0], [0.0], [0.0], [1.0], [1.0]])
    expected = torch.nn.functional.binary_cross_entropy(torch.tensor(p), torch.tensor(y)).item()
    assert losses.get("binary_crossentropy")(p, y) == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize("name, act", FUSED)
def test_fused_forms_equal_torch(name, act):
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    z, y = _logit_case(name, seed=7, scale=30.0)  # large logits: the stable forms matter
    t = torch.tensor(z, requires_grad=True)
    if name == "binary_crossentropy":
        out = F.binary_cross_entropy_with_logits(t, torch.tensor(y))
    elif name == "categorical_crossentropy":
        out = F.cross_entropy(t, torch.tensor(y))  # probability targets
    else:
        out = F.cross_entropy(t, torch.tensor(y))
    out.backward()
    value, grad = losses.get(name).from_logits(act, z, y)
    assert value == pytest.approx(out.item(), rel=1e-13)
    np.testing.assert_allclose(grad, t.grad.numpy(), rtol=1e-11, atol=1e-16)


@pytest.mark.parametrize("name", losses.names())
def test_float32_predictions_stay_float32_with_float64_targets(name):
    loss = losses.get(name)
    p, y = _case(name, dtype=np.float32)
    assert loss.gradient(p, y).dtype == np.float32
    assert isinstance(loss(p, y), float)


@pytest.mark.parametrize("name, act", FUSED)
def test_fused_gradient_keeps_float32(name, act):
    z, y = _logit_case(name)
    assert losses.get(name).from_logits(act, z.astype(np.float32), y)[1].dtype == np.float32


def test_fused_table_and_refusal():
    assert losses.get("binary_crossentropy").fused("sigmoid")
    assert not losses.get("binary_crossentropy").fused("softmax")
    assert losses.get("categorical_crossentropy").fused("softmax")
    assert losses.get("sparse_categorical_crossentropy").fused("softmax")
    assert not losses.get("mse").fused("linear") and not losses.get("mse").fused(None)
    with pytest.raises(ValueError, match="no fused form"):
        losses.get("mse").from_logits("linear", np.zeros((2, 1)), np.zeros((2, 1)))


def test_binary_targets_may_be_flat():
    loss = losses.get("binary_crossentropy")
    p, y = _case("binary_crossentropy")
    assert loss(p, y.ravel()) == loss(p, y)
    assert loss.from_logits("sigmoid", p, y.ravel())[0] == loss.from_logits("sigmoid", p, y)[0]


def test_shape_mismatches_give_clear_errors():
    with pytest.raises(ValueError, match=r"shape \(6, 2\).*outputs \(6, 3\)"):
        losses.get("mse")(np.zeros((6, 3)), np.zeros((6, 2)))
    with pytest.raises(ValueError, match="one integer class per row"):
        losses.get("sparse_categorical_crossentropy")(np.full((6, 3), 1 / 3), np.zeros((5,), int))
    with pytest.raises(ValueError, match="target 3 in row 1"):
        losses.get("sparse_categorical_crossentropy").from_logits("softmax", np.zeros((2, 3)),
                                                                  np.array([0, 3]))
    with pytest.raises(ValueError, match="integer class indices"):
        losses.get("sparse_categorical_crossentropy")(np.full((2, 3), 1 / 3), np.array([0.5, 1.0]))
    with pytest.raises(ValueError, match="sparse_categorical_crossentropy"):
        losses.get("categorical_crossentropy")(np.full((2, 3), 1 / 3), np.array([0, 1]))
    with pytest.raises(ValueError, match="between 0 and 1"):
        losses.get("binary_crossentropy")(np.array([[1.5]]), np.array([[1.0]]))


def test_sparse_accepts_integral_floats_and_column_targets():
    loss = losses.get("sparse_categorical_crossentropy")
    p, y = _case("sparse_categorical_crossentropy")
    assert loss(p, y.astype(float)) == loss(p, y) == loss(p, y[:, None])


def test_metric_kind_default_for_and_is_classification():
    kinds = {n: losses.get(n).metric_kind for n in losses.names()}
    assert kinds == {"mse": "regression", "mae": "regression", "huber": "regression",
                     "binary_crossentropy": "binary", "categorical_crossentropy": "multiclass",
                     "sparse_categorical_crossentropy": "multiclass", "sum_squared_error": "regression",
                     "cross_entropy_error": "multiclass"}
    assert losses.default_for("binary", "sigmoid") == "binary_crossentropy"
    assert losses.default_for("binary", "softmax") == "sparse_categorical_crossentropy"
    assert losses.default_for("binary", "tanh") == "mse"
    assert losses.default_for("multiclass", "softmax") == "sparse_categorical_crossentropy"
    assert losses.default_for("regression", "linear") == "mse"
    with pytest.raises(ValueError, match="Unknown task"):
        losses.default_for("clustering", None)
    assert losses.is_classification("binary_crossentropy") and not losses.is_classification("huber")


@pytest.mark.parametrize("name", losses.names())
def test_config_round_trip(name):
    loss = losses.get(name)
    assert loss.get_config() == name and losses.get(name) == loss and losses.get(loss) is loss
    assert losses.get({"name": "huber", "delta": 2}).get_config() == {"name": "huber", "delta": 2.0}


def test_registry_errors():
    with pytest.raises(SpecError) as info:
        losses.get("hinge")
    assert "hinge" in info.value.message and "categorical_crossentropy" in info.value.message
    with pytest.raises(SpecError, match="'delta'") as info:
        losses.get({"name": "huber", "delta": 0})
    assert info.value.param == "delta"
    with pytest.raises(SpecError, match="'alpha'"):
        losses.get({"name": "mse", "alpha": 1})


@settings(max_examples=60, deadline=None)
@given(z=arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(2, 5)),
                elements=st.floats(-1e4, 1e4, allow_nan=False)),
       seed=st.integers(0, 2 ** 16))
def test_fused_softmax_cross_entropy_invariants(z, seed):
    # for any logits: finite, non-negative loss; each row of dL/dz sums to 0 and lies within [-1/N, 1/N]
    y = np.random.default_rng(seed).integers(0, z.shape[1], z.shape[0])
    for name, target in (("sparse_categorical_crossentropy", y),
                         ("categorical_crossentropy", np.eye(z.shape[1])[y])):
        value, grad = losses.get(name).from_logits("softmax", z, target)
        assert np.isfinite(value) and value >= 0
        np.testing.assert_allclose(grad.sum(axis=1), 0.0, atol=1e-12)
        assert np.abs(grad).max() <= 1.0 / z.shape[0] + 1e-15


@settings(max_examples=60, deadline=None)
@given(z=arrays(np.float64, st.tuples(st.integers(1, 6), st.just(1)),
                elements=st.floats(-1e4, 1e4, allow_nan=False)),
       seed=st.integers(0, 2 ** 16))
def test_fused_sigmoid_binary_crossentropy_invariants(z, seed):
    y = np.random.default_rng(seed).integers(0, 2, z.shape).astype(float)
    value, grad = losses.get("binary_crossentropy").from_logits("sigmoid", z, y)
    assert np.isfinite(value) and value >= 0
    # the gradient points towards the target and is bounded by 1/N
    assert np.all(np.sign(grad) * (2 * y - 1) <= 0) and np.abs(grad).max() <= 1.0 / z.shape[0]


@pytest.mark.parametrize("name", ["mse", "mae", "huber", "binary_crossentropy", "categorical_crossentropy",
                                  "sparse_categorical_crossentropy"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_checked_path_equals_the_validating_path_bitwise(name, dtype):
    # fit() validates the targets once (checked_targets) and then skips the checks on every batch
    rng = np.random.default_rng(0)
    loss = losses.get(name)
    z = rng.normal(size=(9, 1 if name == "binary_crossentropy" else 3)).astype(dtype) * 4
    if name == "sparse_categorical_crossentropy":
        y = rng.integers(0, 3, size=9)
    elif name == "categorical_crossentropy":
        y = np.eye(3)[rng.integers(0, 3, size=9)]
    else:
        y = (rng.random(z.shape) > 0.5).astype(np.float64).ravel() if name == "binary_crossentropy" else \
            rng.normal(size=z.shape)
    yc = loss.checked_targets(z[:0], y)
    p = 1 / (1 + np.exp(-z)) if name == "binary_crossentropy" else z
    if loss.fused_activation:
        act = loss.fused_activation
        value, grad = loss.from_logits(act, z, y)
        value_c, grad_c = loss.fused_checked(z, yc)
        assert value == value_c and np.array_equal(grad, grad_c) and grad_c.dtype == dtype
    if name != "categorical_crossentropy" and name != "sparse_categorical_crossentropy":
        assert loss(p, y) == float(loss.loss_checked(p, yc))
        np.testing.assert_array_equal(loss.gradient(p, y), loss.gradient_checked(p, yc))


def test_checked_targets_still_reject_bad_targets():
    with pytest.raises(ValueError, match="row 1"):
        losses.get("sparse_categorical_crossentropy").checked_targets(np.zeros((0, 3)), [0, 5, 1])


@pytest.mark.parametrize("name", ["categorical_crossentropy", "sparse_categorical_crossentropy"])
def test_categorical_losses_name_a_non_matrix_output(name):
    with pytest.raises(ValueError) as info:
        losses.get(name)(np.zeros(3), np.zeros(3))
    assert str(info.value) == f"Loss '{name}' needs outputs of shape (N, classes), got (3,)."


# --- the course's conventions (tutorial 003) -------------------------------------------------------------------

def test_sum_squared_error_is_half_the_sum_over_the_whole_batch():
    # E = 1/2 sum_k (y_k - t_k)^2, summed (not averaged) over the batch: N x D times the mse, halved
    p, y = _case("sum_squared_error", seed=4)
    sse = losses.get("sum_squared_error")
    assert sse(p, y) == pytest.approx(0.5 * ((p - y) ** 2).sum(), rel=1e-14)
    assert sse(p, y) == pytest.approx(0.5 * p.size * losses.get("mse")(p, y), rel=1e-13)
    # its gradient is the mse's times N*D/2: why a course learning rate lr equals lr * N * D / 2 with mse
    np.testing.assert_allclose(sse.gradient(p, y), losses.get("mse").gradient(p, y) * p.size / 2, rtol=1e-14)


def test_cross_entropy_error_keeps_the_epsilon_inside_the_log():
    ce = losses.get("cross_entropy_error")
    p = np.array([[0.0, 0.4, 0.6], [0.1, 0.9, 0.0]])
    t = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    # -(log(0 + 1e-8) + log(0.9 + 1e-8)) / 2: a zero probability costs -log(1e-8) = 18.42, not torch's 100
    assert ce(p, t) == pytest.approx(-(np.log(1e-8) + np.log(0.9 + 1e-8)) / 2, rel=1e-14)
    assert np.isfinite(ce.gradient(p, t)).all()
    book = losses.get({"name": "cross_entropy_error", "epsilon": 1e-7})  # the textbook's own value
    assert book(p, t) == pytest.approx(-(np.log(1e-7) + np.log(0.9 + 1e-7)) / 2, rel=1e-14)
    assert not ce.fused("softmax")  # computed on the softmax's probabilities, epsilon and all
    with pytest.raises(SpecError, match="'epsilon'"):
        losses.get({"name": "cross_entropy_error", "epsilon": 0.0})
    with pytest.raises(ValueError, match="one-hot"):
        ce(p, np.array([0, 1]))


def test_cross_entropy_error_trains_a_softmax_network():
    from nnstudio.engine.network import Network

    spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [2]}},
                      {"id": "y", "type": "Dense", "params": {"units": 3, "activation": "softmax"}}],
            "edges": [["x", "y"]]}
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 2))
    labels = np.argmax(X @ np.array([[1.0, -1.0, 0.0], [0.0, 1.0, -1.0]]), axis=1)
    net = Network.from_config(spec, seed=0)
    hist = net.fit(X, np.eye(3)[labels], loss="cross_entropy_error", optimizer={"name": "sgd",
                   "learning_rate": 0.5}, epochs=60, batch_size=None, seed=0)
    assert hist.history["loss"][-1] < 0.5 * hist.history["loss"][0]
    assert hist.history["accuracy"][-1] > 0.9

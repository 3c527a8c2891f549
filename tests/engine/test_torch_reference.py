"""Forward and backward of the layers, and whole training trajectories, against PyTorch in float64."""

import numpy as np
import pytest

from nnstudio.engine import Network, layers

from .helpers import chain

torch = pytest.importorskip("torch")
F = torch.nn.functional

RNG = np.random.default_rng(0)


def t(a, grad=False):
    return torch.tensor(np.ascontiguousarray(a), dtype=torch.float64, requires_grad=grad)


def nchw(a):
    return np.transpose(a, (0, 3, 1, 2))


def nhwc(a):
    return np.transpose(a, (0, 2, 3, 1))


def run_layer(type_, params, x, weights=None, training=False, state=None):
    """Our layer's output, input gradient and weight gradients for an upstream gradient of ones * g."""
    layer = layers.get(type_)("n", params)
    trainable, st = layer.build([x.shape[1:]], np.random.default_rng(1), np.float64)
    trainable.update(weights or {})
    st.update(state or {})
    out, cache = layer.forward([x], trainable, st, training)
    g = RNG.normal(size=out.shape)
    grad_in, grads = layer.backward(g, cache, trainable)
    return out, g, grad_in[0], grads, trainable, st, layer, cache


def test_dense_forward_backward():
    x = RNG.normal(size=(5, 4))
    out, g, gx, grads, w, _, _, _ = run_layer("Dense", {"units": 3, "activation": "tanh"}, x)
    tx, tw, tb = t(x, True), t(w["kernel"].T, True), t(w["bias"], True)
    ref = torch.tanh(F.linear(tx, tw, tb))
    ref.backward(t(g))
    np.testing.assert_allclose(out, ref.detach().numpy(), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(gx, tx.grad.numpy(), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(grads["kernel"], tw.grad.numpy().T, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(grads["bias"], tb.grad.numpy(), rtol=1e-12, atol=1e-14)


def _same_pads(n, k, s):
    out = -(-n // s)
    total = max((out - 1) * s + k - n, 0)
    return total // 2, total - total // 2


@pytest.mark.parametrize("padding", ["valid", "same"])
@pytest.mark.parametrize("strides", [1, 2])
@pytest.mark.parametrize("size", [(7, 6), (8, 8)])
@pytest.mark.parametrize("channels", [1, 3])   # a grey image's bias goes through the product (a ones column)
def test_conv2d_forward_backward(padding, strides, size, channels):
    x = RNG.normal(size=(2,) + size + (channels,))
    params = {"filters": 4, "kernel_size": 3, "strides": strides, "padding": padding}
    out, g, gx, grads, w, _, _, _ = run_layer("Conv2D", params, x)
    tx = t(nchw(x), True)
    tk, tb = t(np.transpose(w["kernel"], (3, 2, 0, 1)), True), t(w["bias"], True)
    xin = tx
    if padding == "same":  # TF "same": the odd pixel of padding goes after (bottom / right)
        top, bottom = _same_pads(size[0], 3, strides)
        left, right = _same_pads(size[1], 3, strides)
        xin = F.pad(tx, (left, right, top, bottom))
    ref = F.conv2d(xin, tk, tb, stride=strides)
    ref.backward(t(nchw(g)))
    np.testing.assert_allclose(out, nhwc(ref.detach().numpy()), rtol=1e-11, atol=1e-12)
    np.testing.assert_allclose(gx, nhwc(tx.grad.numpy()), rtol=1e-11, atol=1e-12)
    np.testing.assert_allclose(grads["kernel"], np.transpose(tk.grad.numpy(), (2, 3, 1, 0)), rtol=1e-11, atol=1e-12)
    np.testing.assert_allclose(grads["bias"], tb.grad.numpy(), rtol=1e-11, atol=1e-12)


@pytest.mark.parametrize("pool, strides, padding", [(2, None, "valid"), (3, 1, "valid"), (3, 2, "valid"),
                                                    (2, None, "same"), (3, 2, "same")])
def test_max_pooling(pool, strides, padding):
    x = RNG.normal(size=(2, 7, 6, 3))
    out, g, gx, _, _, _, _, _ = run_layer("MaxPooling2D", {"pool_size": pool, "strides": strides,
                                                           "padding": padding}, x)
    tx = t(nchw(x), True)
    s = strides or pool
    xin = tx
    if padding == "same":
        top, bottom = _same_pads(7, pool, s)
        left, right = _same_pads(6, pool, s)
        xin = F.pad(tx, (left, right, top, bottom), value=-np.inf)
    ref = F.max_pool2d(xin, pool, s)
    ref.backward(t(nchw(g)))
    np.testing.assert_allclose(out, nhwc(ref.detach().numpy()), rtol=1e-14)
    np.testing.assert_allclose(gx, nhwc(tx.grad.numpy()), rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("pool, strides", [(2, None), (3, 1), (3, 2)])
def test_average_pooling(pool, strides):
    x = RNG.normal(size=(2, 7, 6, 3))
    out, g, gx, _, _, _, _, _ = run_layer("AveragePooling2D", {"pool_size": pool, "strides": strides}, x)
    tx = t(nchw(x), True)
    ref = F.avg_pool2d(tx, pool, strides or pool)
    ref.backward(t(nchw(g)))
    np.testing.assert_allclose(out, nhwc(ref.detach().numpy()), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(gx, nhwc(tx.grad.numpy()), rtol=1e-12, atol=1e-14)


def test_global_average_pooling():
    x = RNG.normal(size=(2, 4, 5, 3))
    out, g, gx, _, _, _, _, _ = run_layer("GlobalAveragePooling2D", {}, x)
    tx = t(nchw(x), True)
    ref = F.adaptive_avg_pool2d(tx, 1)[:, :, 0, 0]
    ref.backward(t(g))
    np.testing.assert_allclose(out, ref.detach().numpy(), rtol=1e-12)
    np.testing.assert_allclose(gx, nhwc(tx.grad.numpy()), rtol=1e-12)


@pytest.mark.parametrize("shape", [(16, 5), (4, 3, 3, 2)], ids=["flat", "image"])
def test_batchnorm_training_and_inference(shape):
    x = RNG.normal(size=shape) * 2 + 1
    c = shape[-1]
    gamma, beta = RNG.normal(size=c), RNG.normal(size=c)
    out, g, gx, grads, w, st, layer, cache = run_layer("BatchNormalization", {"momentum": 0.9, "epsilon": 1e-3},
                                                       x, {"gamma": gamma, "beta": beta}, training=True)
    tx, tg, tb = t(x, True), t(gamma, True), t(beta, True)
    rm, rv = torch.zeros(c, dtype=torch.float64), torch.ones(c, dtype=torch.float64)
    xin = tx if len(shape) == 2 else tx.permute(0, 3, 1, 2)
    ref = F.batch_norm(xin, rm, rv, tg, tb, training=True, momentum=0.1, eps=1e-3)
    ref = ref if len(shape) == 2 else ref.permute(0, 2, 3, 1)
    ref.backward(t(g))
    np.testing.assert_allclose(out, ref.detach().numpy(), rtol=1e-11, atol=1e-12)
    np.testing.assert_allclose(gx, tx.grad.numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(grads["gamma"], tg.grad.numpy(), rtol=1e-11)
    np.testing.assert_allclose(grads["beta"], tb.grad.numpy(), rtol=1e-11)
    layer.update_state(st, cache)
    np.testing.assert_allclose(st["moving_mean"], rm.numpy(), rtol=1e-12)
    m = x.size // c  # torch keeps the unbiased variance, Keras (and we) the biased one
    np.testing.assert_allclose(st["moving_variance"], 0.9 + 0.1 * (rv.numpy() - 0.9) / 0.1 * (m - 1) / m,
                               rtol=1e-12)
    # inference uses the moving statistics
    out_inf, _ = layer.forward([x], w, st, False)
    ref_inf = F.batch_norm(t(x if len(shape) == 2 else nchw(x)), t(st["moving_mean"]), t(st["moving_variance"]),
                           t(gamma), t(beta), training=False, eps=1e-3).numpy()
    np.testing.assert_allclose(out_inf, ref_inf if len(shape) == 2 else nhwc(ref_inf), rtol=1e-12)


def _torch_mlp(net):
    w = net.get_weights()
    model = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3)).double()
    with torch.no_grad():
        model[0].weight.copy_(t(w["l1"]["kernel"].T))
        model[0].bias.copy_(t(w["l1"]["bias"]))
        model[2].weight.copy_(t(w["l2"]["kernel"].T))
        model[2].bias.copy_(t(w["l2"]["bias"]))
    return model


@pytest.mark.parametrize("config, make", [
    ({"name": "sgd", "learning_rate": 0.1, "momentum": 0.9}, lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9)),
    ({"name": "sgd", "learning_rate": 0.05, "momentum": 0.8, "nesterov": True},
     lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.8, nesterov=True)),
    ({"name": "adam", "learning_rate": 0.01}, lambda p: torch.optim.Adam(p, lr=0.01)),
], ids=["sgd_momentum", "sgd_nesterov", "adam"])
def test_mlp_training_trajectory(config, make):
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(24, 4)), rng.integers(0, 3, size=24)
    net = Network.from_config(chain([4], ("Dense", {"units": 8, "activation": "tanh"}),
                                    ("Dense", {"units": 3, "activation": "softmax"})), seed=2, dtype="float64")
    model = _torch_mlp(net)
    opt = make(model.parameters())
    net.fit(X, y, "sparse_categorical_crossentropy", optimizer=config, epochs=10, batch_size=8, shuffle=False)
    for _ in range(10):
        for i in range(0, 24, 8):
            opt.zero_grad()
            F.cross_entropy(model(t(X[i:i + 8])), torch.tensor(y[i:i + 8])).backward()
            opt.step()
    w = net.get_weights()
    np.testing.assert_allclose(w["l1"]["kernel"], model[0].weight.detach().numpy().T, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(w["l2"]["bias"], model[2].bias.detach().numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(net.predict(X), torch.softmax(model(t(X)), 1).detach().numpy(), rtol=1e-10)


@pytest.mark.parametrize("height, width", [(5, 7), (7, 5), (9, 9)])
def test_max_pooling_leaves_zero_gradient_on_the_rows_and_columns_no_window_covers(height, width):
    x = RNG.normal(size=(2, height, width, 3))
    out, g, gx, _, _, _, _, _ = run_layer("MaxPooling2D", {"pool_size": 2}, x)
    tx = t(nchw(x), True)
    F.max_pool2d(tx, 2, 2).backward(t(nchw(g)))
    np.testing.assert_array_equal(gx[:, height - 1], 0.0)
    np.testing.assert_array_equal(gx[:, :, width - 1], 0.0)
    np.testing.assert_allclose(gx, nhwc(tx.grad.numpy()), rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("pool, strides", [(2, None), (3, 1)])
def test_max_pooling_ties_send_the_gradient_to_the_first_maximum(pool, strides):
    x = np.maximum(RNG.normal(size=(2, 6, 6, 3)), 0)  # relu outputs: many windows of zeros
    x[0, :2, :2, 0] = 0.0
    out, g, gx, _, _, _, _, _ = run_layer("MaxPooling2D", {"pool_size": pool, "strides": strides}, x)
    tx = t(nchw(x), True)
    ref = F.max_pool2d(tx, pool, strides or pool)
    ref.backward(t(nchw(g)))
    np.testing.assert_allclose(out, nhwc(ref.detach().numpy()))
    np.testing.assert_allclose(gx, nhwc(tx.grad.numpy()), rtol=1e-12, atol=1e-14)

"""engine.trace: one training step written out node by node; its gradients are the network's own."""

import numpy as np
import pytest

from nnstudio.engine import Network, SpecError, activations, losses, trace
from nnstudio.engine.trace import preview_update

from .helpers import chain, node

RNG = np.random.default_rng(3)


def branches():
    """Input feeding two Dense branches added together: a node whose gradient is a sum."""
    nodes = [node("x", "Input", shape=[3]), node("a", "Dense", units=4, activation="relu"),
             node("b", "Dense", units=4, activation="tanh"), node("s", "Add"),
             node("o", "Dense", units=2, activation="linear")]
    return {"nodes": nodes, "edges": [["x", "a"], ["x", "b"], ["a", "s"], ["b", "s"], ["s", "o"]]}


def targets(kind, n):
    return {"binary": RNG.integers(0, 2, (n, 1)).astype(float), "classes": RNG.integers(0, 3, n),
            "values": RNG.normal(size=(n, 2))}[kind]


# spec, input shape, loss, target kind
CASES = {
    "tanh-sigmoid (fused BCE)": (chain([2], ("Dense", {"units": 5, "activation": "tanh"}),
                                       ("Dense", {"units": 1, "activation": "sigmoid"})),
                                 (2,), "binary_crossentropy", "binary"),
    "relu-softmax (fused CE)": (chain([4], ("Dense", {"units": 6, "activation": "relu"}),
                                      ("Dense", {"units": 3, "activation": "softmax"})),
                                (4,), "sparse_categorical_crossentropy", "classes"),
    "sigmoid + MSE (not fused)": (chain([3], ("Dense", {"units": 4, "activation": "sigmoid"}),
                                        ("Dense", {"units": 2, "activation": "sigmoid"})),
                                  (3,), "mse", "values"),
    "two branches added": (branches(), (3,), "mse", "values"),
    "activation layer, L2 penalty": (chain([2], ("Dense", {"units": 3, "kernel_regularizer": {"l2": 0.1}}),
                                           ("Activation", {"activation": "elu"}),
                                           ("Dense", {"units": 2})), (2,), "mse", "values"),
    "conv, pool, flatten": (chain([5, 5, 1], ("Conv2D", {"filters": 2, "kernel_size": 3, "activation": "relu"}),
                                  ("MaxPooling2D", {"pool_size": 2}), ("Flatten", {}),
                                  ("Dense", {"units": 3, "activation": "softmax"})),
                            (5, 5, 1), "sparse_categorical_crossentropy", "classes"),
}


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("n", [1, 3])
def test_gradients_equal_the_networks(name, n):
    spec, shape, loss, kind = CASES[name]
    net = Network.from_config(spec, seed=1)
    X, y = RNG.normal(size=(n,) + shape), targets(kind, n)
    tr = trace(net, X, y, loss)
    value, expected = net.gradients(X, y, loss)
    got = tr.gradients()
    assert set(got) == set(expected)
    for nid in expected:
        assert set(got[nid]) == set(expected[nid])
        for param, g in expected[nid].items():
            np.testing.assert_array_equal(got[nid][param], g, err_msg=f"{nid}/{param}")
    assert tr.loss == value
    np.testing.assert_array_equal(tr.output, net.predict(X))


@pytest.mark.parametrize("name", list(CASES))
def test_each_node_holds_its_own_values(name):
    spec, shape, loss, kind = CASES[name]
    net = Network.from_config(spec, seed=2, dtype="float64")
    X, y = RNG.normal(size=(2,) + shape), targets(kind, 2)
    tr = trace(net, X, y, loss)
    outs = net.forward(X)
    assert [n.node_id for n in tr.nodes] == net.order
    for nt in tr.nodes:
        np.testing.assert_allclose(nt.a, outs[nt.node_id], rtol=1e-12)
        for p, v in zip(nt.input_ids, nt.inputs):
            np.testing.assert_allclose(v, outs[p], rtol=1e-12)
        layer = net.layers[nt.node_id]
        if layer.ACTIVATED:
            np.testing.assert_allclose(activations.get(nt.activation).forward(nt.z), nt.a, rtol=1e-12)
        if nt.node_id != net.input_id:
            # δ = σ'(z) ⊙ dL/da for every activated layer, the fused output included
            if layer.ACTIVATED and nt.activation != "softmax":
                slope = activations.get(nt.activation).derivative(nt.z)
                np.testing.assert_allclose(nt.delta, slope * nt.grad_a, rtol=1e-9, atol=1e-15)
    out = tr.nodes[-1]
    np.testing.assert_allclose(out.grad_a, losses.get(loss).gradient(out.a, tr.target), rtol=1e-12)


def test_dense_weight_gradient_is_input_transposed_times_delta():
    spec, shape, loss, kind = CASES["sigmoid + MSE (not fused)"]
    net = Network.from_config(spec, seed=0, dtype="float64")
    tr = trace(net, RNG.normal(size=(3,) + shape), targets(kind, 3), loss)
    for nt in tr.nodes[1:]:
        np.testing.assert_allclose(nt.grads["kernel"], nt.inputs[0].T @ nt.delta, rtol=1e-12)   # dW = xᵀ δ
        np.testing.assert_allclose(nt.grads["bias"], nt.delta.sum(axis=0), rtol=1e-12)
    # δ pulled back through the weights and the activation's slope
    h, o = tr.nodes[1], tr.nodes[2]
    np.testing.assert_allclose(h.grad_a, o.delta @ o.weights["kernel"].T, rtol=1e-12)


def test_trace_leaves_the_weights_alone():
    spec, shape, loss, kind = CASES["relu-softmax (fused CE)"]
    net = Network.from_config(spec, seed=0)
    before = net.get_weights()
    trace(net, RNG.normal(size=(2,) + shape), targets(kind, 2), loss)
    for nid, arrays in net.get_weights().items():
        for k, a in arrays.items():
            np.testing.assert_array_equal(a, before[nid][k])


def test_step_activation_is_refused_with_a_sentence():
    net = Network.from_config(chain([2], ("Dense", {"units": 1, "activation": "step"})))
    with pytest.raises(SpecError, match="perceptron rule") as info:
        trace(net, np.zeros((1, 2)), np.zeros((1, 1)), "mse")
    assert info.value.node_id == "l1"


@pytest.mark.parametrize("optimizer", [{"name": "sgd", "learning_rate": 0.1}, {"name": "adam", "learning_rate": 0.05},
                                       {"name": "sgd", "learning_rate": 0.1, "momentum": 0.9}])
def test_preview_update_is_the_step_training_takes(optimizer):
    spec, shape, loss, kind = CASES["tanh-sigmoid (fused BCE)"]
    net = Network.from_config(spec, seed=0)
    X, y = RNG.normal(size=(4,) + shape), targets(kind, 4)
    net.fit(X, y, loss, optimizer=optimizer, epochs=2, batch_size=2, shuffle=False)   # optimizer state built up
    x1, y1 = X[:1], y[:1]
    updates = preview_update(net, trace(net, x1, y1, loss), optimizer)
    net.fit(x1, y1, loss, optimizer=optimizer, epochs=1, batch_size=1, shuffle=False)
    after = net.get_weights()
    for u in updates:
        nid, param = u.key.split("/")
        np.testing.assert_allclose(u.after, after[nid][param], rtol=1e-6, atol=1e-7)
        assert not np.array_equal(u.after, u.before)
    if optimizer == {"name": "sgd", "learning_rate": 0.1}:
        for u in updates:
            np.testing.assert_allclose(u.after, u.before - 0.1 * u.gradient, rtol=1e-6)   # w − η·g


def test_preview_refuses_optimizers_without_a_one_gradient_step():
    spec, shape, loss, kind = CASES["tanh-sigmoid (fused BCE)"]
    net = Network.from_config(spec)
    tr = trace(net, np.zeros((1, 2)), np.zeros((1, 1)), loss)
    with pytest.raises(ValueError, match="lbfgs"):
        preview_update(net, tr, "lbfgs")


@pytest.mark.parametrize("out_act, loss", [("sigmoid", "binary_crossentropy"), ("softmax",
                                           "sparse_categorical_crossentropy"), ("linear", "mse")])
def test_against_pytorch_autograd_in_float64(out_act, loss):
    torch = pytest.importorskip("torch")
    units = {"sigmoid": 1, "softmax": 3, "linear": 2}[out_act]
    spec = chain([2], ("Dense", {"units": 6, "activation": "tanh"}), ("Dense", {"units": 5, "activation": "relu"}),
                 ("Dense", {"units": units, "activation": out_act}))
    net = Network.from_config(spec, seed=4, dtype="float64")
    X = RNG.normal(size=(3, 2))
    y = {"sigmoid": targets("binary", 3), "softmax": targets("classes", 3), "linear": targets("values", 3)}[out_act]
    tr = trace(net, X, y, loss)

    w = {n.node_id: {k: torch.tensor(v, requires_grad=True) for k, v in n.weights.items()} for n in tr.nodes[1:]}
    a = torch.tensor(X)
    zs = []
    for nid, act in (("l1", torch.tanh), ("l2", torch.relu), ("l3", None)):
        z = a @ w[nid]["kernel"] + w[nid]["bias"]
        z.retain_grad()
        zs.append(z)
        a = act(z) if act is not None else z
    z = zs[-1]
    if out_act == "sigmoid":
        value = torch.nn.functional.binary_cross_entropy_with_logits(z, torch.tensor(y))
    elif out_act == "softmax":
        value = torch.nn.functional.cross_entropy(z, torch.tensor(y))
    else:
        value = torch.mean((z - torch.tensor(y)) ** 2)
    value.backward()
    assert tr.loss == pytest.approx(value.item(), rel=1e-12)
    for nid, z in zip(("l1", "l2", "l3"), zs):
        np.testing.assert_allclose(tr.node(nid).delta, z.grad.numpy(), rtol=1e-10, atol=1e-14)
        for k in ("kernel", "bias"):
            np.testing.assert_allclose(tr.node(nid).grads[k], w[nid][k].grad.numpy(), rtol=1e-10, atol=1e-14)


def test_stages_walk_forward_then_back():
    from nnstudio.engine.trace import stages
    spec, shape, loss, kind = CASES["two branches added"]
    net = Network.from_config(spec)
    got = [(s.kind, s.node_id) for s in stages(trace(net, np.ones((1, 3)), np.ones((1, 2)), loss))]
    forward = [("forward", nid) for nid in net.order[1:]]
    back = [("backward", nid) for nid in reversed(net.order[1:])]
    assert got == [("input", "x"), *forward, ("loss", None), *back, ("update", None)]

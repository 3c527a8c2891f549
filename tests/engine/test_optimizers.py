"""Optimizers: hand-computed first steps, float64 trajectories equal to torch.optim, L-BFGS, state,
in-place updates without per-step allocation, registry."""

import math
import tracemalloc

import numpy as np
import pytest

from nnstudio.engine import optimizers
from nnstudio.engine.errors import SpecError


def _two_steps(config, g1, g2, w0=1.0):
    opt = optimizers.get(config)
    params = {"n/w": np.array([w0])}
    opt.step(params, {"n/w": np.array([g1])})
    w1 = params["n/w"][0]
    opt.step(params, {"n/w": np.array([g2])})
    return w1, params["n/w"][0]


# --- hand-computed first two steps ------------------------------------------------------------------------
def test_sgd_plain_and_with_momentum_by_hand():
    assert _two_steps({"name": "sgd", "learning_rate": 0.1}, 1.0, 2.0) == pytest.approx((0.9, 0.7))
    # b1 = g1 = 1, w1 = 1 - 0.1;  b2 = 0.9 * 1 + 2 = 2.9, w2 = 0.9 - 0.29
    assert _two_steps({"name": "sgd", "learning_rate": 0.1, "momentum": 0.9}, 1.0, 2.0) == \
        pytest.approx((0.9, 0.61))
    # nesterov: d1 = 1 + 0.9 * 1 = 1.9;  d2 = 2 + 0.9 * 2.9 = 4.61
    assert _two_steps({"name": "sgd", "learning_rate": 0.1, "momentum": 0.9, "nesterov": True}, 1.0, 2.0) == \
        pytest.approx((0.81, 0.81 - 0.461))
    # weight decay 0.5: g1' = 1 + 0.5 * 1 = 1.5 -> 0.85; g2' = 2 + 0.5 * 0.85 = 2.425 -> 0.6075
    assert _two_steps({"name": "sgd", "learning_rate": 0.1, "weight_decay": 0.5}, 1.0, 2.0) == \
        pytest.approx((0.85, 0.6075))


def test_adam_and_adamw_by_hand():
    # step 1: m = 0.1, v = 0.001, m_hat = v_hat = 1  ->  w1 = 1 - 0.1 * 1 / (1 + 1e-8)
    w1 = 1 - 0.1 / (1 + 1e-8)
    # step 2 with g = -2: m = 0.09 - 0.2 = -0.11, v = 0.000999 + 0.004 = 0.004999
    step = 0.1 / (1 - 0.9 ** 2) * -0.11 / (math.sqrt(0.004999) / math.sqrt(1 - 0.999 ** 2) + 1e-8)
    assert _two_steps({"name": "adam", "learning_rate": 0.1}, 1.0, -2.0) == pytest.approx((w1, w1 - step),
                                                                                         rel=1e-12)
    # AdamW decays the weight first: w <- w (1 - lr wd), with lr 0.1, wd 0.01
    aw1 = 1 * (1 - 0.001) - 0.1 / (1 + 1e-8)
    assert _two_steps({"name": "adamw", "learning_rate": 0.1}, 1.0, -2.0) == \
        pytest.approx((aw1, aw1 * (1 - 0.001) - step), rel=1e-12)


def test_rmsprop_and_adagrad_by_hand():
    # rmsprop: s1 = 0.01 * 1, w1 = 1 - 0.01 * 1 / (0.1 + 1e-8); s2 = 0.0099 + 0.04
    w1 = 1 - 0.01 / (0.1 + 1e-8)
    w2 = w1 - 0.01 * -2 / (math.sqrt(0.0099 + 0.04) + 1e-8)
    assert _two_steps("rmsprop", 1.0, -2.0) == pytest.approx((w1, w2), rel=1e-12)
    # adagrad lr 0.1: S1 = 1, S2 = 5
    w1 = 1 - 0.1 / (1 + 1e-10)
    assert _two_steps({"name": "adagrad", "learning_rate": 0.1}, 1.0, -2.0) == \
        pytest.approx((w1, w1 + 0.2 / (math.sqrt(5) + 1e-10)), rel=1e-12)
    # initial accumulator 3: S1 = 4
    assert _two_steps({"name": "adagrad", "learning_rate": 0.1, "initial_accumulator_value": 3.0},
                      1.0, 1.0)[0] == pytest.approx(1 - 0.1 / 2)


def test_clipnorm_scales_each_tensor_to_the_norm_and_leaves_grads_untouched():
    opt = optimizers.get({"name": "sgd", "learning_rate": 1.0, "clipnorm": 1.0})
    params = {"a/w": np.zeros(2), "b/w": np.zeros(2)}
    grads = {"a/w": np.array([3.0, 4.0]), "b/w": np.array([0.3, 0.4])}
    opt.step(params, grads)
    np.testing.assert_allclose(params["a/w"], [-0.6, -0.8])   # norm 5 -> 1
    np.testing.assert_allclose(params["b/w"], [-0.3, -0.4])   # norm 0.5: unchanged
    np.testing.assert_array_equal(grads["a/w"], [3.0, 4.0])


def test_lbfgs_first_iteration_by_hand():
    # f = 0.5 * sum(w^2 * [1, 4]); one fixed-step iteration moves by min(1, 1/sum|g|) * lr * g
    a = np.array([1.0, 4.0])
    params = {"n/w": np.array([1.0, 1.0])}

    def closure():
        w = params["n/w"]
        return 0.5 * float(np.sum(a * w * w)), {"n/w": a * w}

    opt = optimizers.get({"name": "lbfgs", "max_iter": 1, "line_search": None})
    assert opt.step(params, {}, closure) == 2.5
    np.testing.assert_allclose(params["n/w"], [1 - 0.2 * 1, 1 - 0.2 * 4])


# --- trajectories equal to torch.optim --------------------------------------------------------------------
TORCH_CASES = [
    ({"name": "sgd"}, "SGD", {"lr": 0.01}),
    ({"name": "sgd", "learning_rate": 0.05, "momentum": 0.9}, "SGD", {"lr": 0.05, "momentum": 0.9}),
    ({"name": "sgd", "learning_rate": 0.05, "momentum": 0.8, "nesterov": True, "weight_decay": 0.1}, "SGD",
     {"lr": 0.05, "momentum": 0.8, "nesterov": True, "weight_decay": 0.1}),
    ({"name": "adam"}, "Adam", {}),
    ({"name": "adam", "learning_rate": 0.02, "beta_1": 0.8, "beta_2": 0.99, "epsilon": 1e-6,
      "weight_decay": 0.05}, "Adam", {"lr": 0.02, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.05}),
    ({"name": "adamw", "learning_rate": 0.01}, "AdamW", {"lr": 0.01}),
    ({"name": "adamw", "learning_rate": 0.01, "weight_decay": 0.3}, "AdamW", {"lr": 0.01, "weight_decay": 0.3}),
    ({"name": "rmsprop"}, "RMSprop", {"lr": 0.01}),
    ({"name": "rmsprop", "rho": 0.9, "momentum": 0.5, "weight_decay": 0.01, "epsilon": 1e-5}, "RMSprop",
     {"lr": 0.01, "alpha": 0.9, "momentum": 0.5, "weight_decay": 0.01, "eps": 1e-5}),
    ({"name": "adagrad"}, "Adagrad", {"lr": 0.01}),
    ({"name": "adagrad", "learning_rate": 0.1, "initial_accumulator_value": 0.5, "weight_decay": 0.02},
     "Adagrad", {"lr": 0.1, "initial_accumulator_value": 0.5, "weight_decay": 0.02}),
]
SHAPES = {"h/kernel": (3, 4), "h/bias": (4,)}


def _clip_like_keras(t, c):
    n = float(t.norm())
    return t * (c / n) if n > c else t


def _run_both(config, torch_name, torch_kwargs, grad_fn, steps=12, clipnorm=None, lr_change=None):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    params = {k: rng.normal(size=s) for k, s in SHAPES.items()}
    tparams = {k: torch.tensor(v.copy(), requires_grad=True) for k, v in params.items()}
    if clipnorm is not None:
        config = {**config, "clipnorm": clipnorm}
    opt = optimizers.get(config)
    topt = getattr(torch.optim, torch_name)(list(tparams.values()), **torch_kwargs)
    for i in range(steps):
        if lr_change is not None and i == steps // 2:
            opt.learning_rate = lr_change
            topt.param_groups[0]["lr"] = lr_change
        grads = grad_fn(i, params)
        for k, t in tparams.items():
            g = torch.tensor(grads[k])
            t.grad = _clip_like_keras(g, clipnorm) if clipnorm is not None else g
        opt.step(params, grads)
        topt.step()
        for k in params:
            np.testing.assert_allclose(params[k], tparams[k].detach().numpy(), rtol=1e-11, atol=1e-13,
                                       err_msg=f"{config} step {i + 1} {k}")


def _quadratic_grad(i, params):
    # f = sum(0.5 * a * (w - c)^2): a fixed, ill-conditioned bowl
    return {k: (1.0 + np.arange(p.size).reshape(p.shape)) * (p - 0.5) for k, p in params.items()}


def _random_grad(i, params):
    rng = np.random.default_rng(100 + i)
    return {k: rng.normal(scale=3.0, size=p.shape) for k, p in params.items()}


@pytest.mark.parametrize("config, torch_name, torch_kwargs", TORCH_CASES, ids=lambda x: str(x)[:40])
@pytest.mark.parametrize("grad_fn", [_quadratic_grad, _random_grad], ids=["quadratic", "random"])
def test_trajectory_equals_torch(config, torch_name, torch_kwargs, grad_fn):
    _run_both(config, torch_name, torch_kwargs, grad_fn)


@pytest.mark.parametrize("config, torch_name, torch_kwargs", TORCH_CASES[1::2], ids=lambda x: str(x)[:40])
def test_trajectory_with_clipnorm_and_a_learning_rate_change_equals_torch(config, torch_name, torch_kwargs):
    _run_both(config, torch_name, torch_kwargs, _random_grad, clipnorm=2.0, lr_change=0.003)


def _quadratic_problem():
    rng = np.random.default_rng(3)
    m = rng.normal(size=(6, 6))
    A = m @ m.T + 0.5 * np.eye(6)  # symmetric positive definite
    b = rng.normal(size=6)
    return A, b


@pytest.mark.parametrize("line_search", ["strong_wolfe", None])
def test_lbfgs_iterates_equal_torch_on_a_quadratic(line_search):
    torch = pytest.importorskip("torch")
    A, b = _quadratic_problem()
    params = {"q/w": np.zeros(4), "q/v": np.zeros(2)}
    tw = torch.zeros(4, dtype=torch.float64, requires_grad=True)
    tv = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    tA, tb = torch.tensor(A), torch.tensor(b)

    def closure():
        x = np.concatenate([params["q/w"], params["q/v"]])
        g = A @ x - b
        return 0.5 * x @ A @ x - b @ x, {"q/w": g[:4], "q/v": g[4:]}

    def tclosure():
        topt.zero_grad()
        x = torch.cat([tw, tv])
        loss = 0.5 * x @ tA @ x - tb @ x
        loss.backward()
        return loss

    lr = 1.0 if line_search else 0.2
    opt = optimizers.get({"name": "lbfgs", "learning_rate": lr, "max_iter": 3, "line_search": line_search})
    topt = torch.optim.LBFGS([tw, tv], lr=lr, max_iter=3, line_search_fn=line_search)
    for _ in range(4):
        ours = opt.step(params, {}, closure)
        theirs = topt.step(tclosure).item()
        assert ours == pytest.approx(theirs, rel=1e-12, abs=1e-14)
        np.testing.assert_allclose(np.concatenate([params["q/w"], params["q/v"]]),
                                   torch.cat([tw, tv]).detach().numpy(), rtol=1e-9, atol=1e-12)
    assert opt.lbfgs["func_evals"] == topt.state[tw]["func_evals"]
    assert opt.lbfgs["n_iter"] == topt.state[tw]["n_iter"]


def test_lbfgs_solves_a_quadratic_and_rosenbrock():
    A, b = _quadratic_problem()
    params = {"q/x": np.zeros(6)}
    # the default tolerance_change (1e-9) stops where torch stops, ~1e-5 from the optimum; ask for more
    opt = optimizers.get({"name": "lbfgs", "tolerance_change": 1e-15, "tolerance_grad": 1e-12})
    for _ in range(2):
        opt.step(params, {}, lambda: (0.5 * params["q/x"] @ A @ params["q/x"] - b @ params["q/x"],
                                      {"q/x": A @ params["q/x"] - b}))
    np.testing.assert_allclose(params["q/x"], np.linalg.solve(A, b), atol=1e-9)

    xy = {"r/xy": np.array([-1.2, 1.0])}

    def rosenbrock():
        x, y = xy["r/xy"]
        loss = (1 - x) ** 2 + 100 * (y - x * x) ** 2
        return loss, {"r/xy": np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])}

    opt = optimizers.get({"name": "lbfgs", "max_iter": 50, "tolerance_change": 1e-15})
    for _ in range(5):
        opt.step(xy, {}, rosenbrock)
    np.testing.assert_allclose(xy["r/xy"], [1.0, 1.0], atol=1e-8)


def test_lbfgs_needs_a_closure():
    opt = optimizers.get("lbfgs")
    assert opt.needs_closure
    with pytest.raises(ValueError, match="closure"):
        opt.step({"a/w": np.zeros(2)}, {"a/w": np.zeros(2)})


# --- state, dtype, allocation --------------------------------------------------------------------------------
def _plain(obj):
    if isinstance(obj, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in obj.items())
    return isinstance(obj, (np.ndarray, int, float, str))


@pytest.mark.parametrize("config", ["sgd", {"name": "sgd", "momentum": 0.9}, "adam", "adamw", "rmsprop",
                                    {"name": "rmsprop", "momentum": 0.5}, "adagrad"], ids=str)
def test_state_dict_resumes_exactly(config):
    rng = np.random.default_rng(1)
    start = {k: rng.normal(size=s) for k, s in SHAPES.items()}
    grads = [_random_grad(i, start) for i in range(6)]
    a = {k: v.copy() for k, v in start.items()}
    opt = optimizers.get(config)
    for g in grads:
        opt.step(a, g)
    b = {k: v.copy() for k, v in start.items()}
    first = optimizers.get(config)
    for g in grads[:3]:
        first.step(b, g)
    state = first.state_dict()
    assert _plain(state)
    resumed = optimizers.get(config)
    resumed.load_state_dict(state)
    for g in grads[3:]:
        resumed.step(b, g)
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])
    assert resumed.iterations == 6


def test_lbfgs_state_dict_resumes_exactly():
    A, b = _quadratic_problem()

    def make_closure(params):
        return lambda: (0.5 * params["x"] @ A @ params["x"] - b @ params["x"], {"x": A @ params["x"] - b})

    p1 = {"x": np.full(6, 3.0)}
    whole = optimizers.get({"name": "lbfgs", "max_iter": 2})
    for _ in range(3):
        whole.step(p1, {}, make_closure(p1))
    p2 = {"x": np.full(6, 3.0)}
    half = optimizers.get({"name": "lbfgs", "max_iter": 2})
    half.step(p2, {}, make_closure(p2))
    state = half.state_dict()
    assert _plain(state)
    resumed = optimizers.get({"name": "lbfgs", "max_iter": 2})
    resumed.load_state_dict(state)
    for _ in range(2):
        resumed.step(p2, {}, make_closure(p2))
    np.testing.assert_array_equal(p1["x"], p2["x"])


def test_loading_another_optimizers_state_is_refused():
    with pytest.raises(ValueError, match="'adam'.*'sgd'"):
        optimizers.get("sgd").load_state_dict(optimizers.get("adam").state_dict())


@pytest.mark.parametrize("name", ["sgd", "adam", "adamw", "rmsprop", "adagrad"])
def test_float32_updates_in_place_without_per_step_allocation(name):
    config = {"name": name, "weight_decay": 0.01, "clipnorm": 0.5}
    if name in ("sgd", "rmsprop"):
        config["momentum"] = 0.9
    opt = optimizers.get(config)
    rng = np.random.default_rng(0)
    params = {"d/kernel": rng.normal(size=(256, 128)).astype(np.float32)}
    grads = {"d/kernel": rng.normal(size=(256, 128)).astype(np.float32)}
    ident = id(params["d/kernel"])
    before = params["d/kernel"].copy()
    for _ in range(3):  # warm-up: state and scratch buffers are created here
        opt.step(params, grads)
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        for _ in range(20):
            opt.step(params, grads)
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    nbytes = params["d/kernel"].nbytes
    assert peak - base < nbytes / 8 and current - base < nbytes / 8  # not even one temporary array
    assert id(params["d/kernel"]) == ident and params["d/kernel"].dtype == np.float32
    assert not np.array_equal(before, params["d/kernel"])
    assert all(a.dtype == np.float32 for s in opt.state_dict()["slots"].values() for a in s.values())


def test_parameters_without_gradients_are_left_alone():
    opt = optimizers.get("adam")
    params = {"a/w": np.ones(3), "b/w": np.ones(3)}
    opt.step(params, {"a/w": np.ones(3)})
    assert (params["b/w"] == 1).all() and (params["a/w"] < 1).all()
    with pytest.raises(ValueError, match="'a/w'.*shape"):
        opt.step(params, {"a/w": np.ones(4)})


# --- registry -------------------------------------------------------------------------------------------
def test_names_and_param_specs():
    assert optimizers.names() == ["sgd", "adam", "adamw", "rmsprop", "adagrad", "lbfgs", "perceptron"]
    defaults = {n: {s.name: s.default for s in optimizers.param_specs(n)} for n in optimizers.names()}
    assert defaults["sgd"] == {"learning_rate": 0.01, "momentum": 0.0, "nesterov": False, "weight_decay": 0.0,
                               "clipnorm": None}
    assert defaults["adam"] == {"learning_rate": 0.001, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-8,
                                "weight_decay": 0.0, "clipnorm": None}
    assert defaults["adamw"]["weight_decay"] == 0.01
    assert defaults["rmsprop"] == {"learning_rate": 0.01, "rho": 0.99, "epsilon": 1e-8, "momentum": 0.0,
                                   "weight_decay": 0.0, "clipnorm": None}
    assert defaults["adagrad"] == {"learning_rate": 0.01, "initial_accumulator_value": 0.0, "epsilon": 1e-10,
                                   "weight_decay": 0.0, "clipnorm": None}
    assert defaults["lbfgs"] == {"learning_rate": 1.0, "max_iter": 20, "history_size": 100,
                                 "tolerance_grad": 1e-7, "tolerance_change": 1e-9,
                                 "line_search": "strong_wolfe", "clipnorm": None}
    assert defaults["perceptron"] == {"learning_rate": 1.0}
    assert optimizers.param_specs("L-BFGS") == optimizers.param_specs("lbfgs")


@pytest.mark.parametrize("name", ["sgd", "adam", "adamw", "rmsprop", "adagrad", "lbfgs", "perceptron"])
def test_config_round_trip(name):
    opt = optimizers.get(name)
    assert opt.get_config() == name and optimizers.get(opt) is opt
    changed = optimizers.get({"name": name, "learning_rate": 0.5})
    config = changed.get_config()
    assert config["learning_rate"] == 0.5
    assert optimizers.get(config).get_config() == config


def test_learning_rate_is_a_plain_attribute():
    opt = optimizers.get({"name": "sgd", "learning_rate": 1.0})
    params = {"a/w": np.zeros(1)}
    opt.step(params, {"a/w": np.ones(1)})
    opt.learning_rate = 0.25
    opt.step(params, {"a/w": np.ones(1)})
    assert params["a/w"][0] == -1.25 and opt.get_config()["learning_rate"] == 0.25


def test_perceptron_carries_the_rule_for_the_training_loop():
    opt = optimizers.get({"name": "perceptron", "learning_rate": 0.1})
    assert opt.per_sample_rule and not opt.needs_closure and opt.learning_rate == 0.1
    with pytest.raises(RuntimeError, match="training loop"):
        opt.step({}, {})


def test_bad_configs_name_the_parameter():
    with pytest.raises(SpecError) as info:
        optimizers.get("adamax")
    assert "adamax" in info.value.message and "rmsprop" in info.value.message
    cases = [({"name": "adam", "learning_rate": 0}, "learning_rate"),
             ({"name": "adam", "learning_rate": "fast"}, "learning_rate"),
             ({"name": "adam", "beta_1": 1.0}, "beta_1"),
             ({"name": "sgd", "momentum": -0.1}, "momentum"),
             ({"name": "sgd", "nesterov": True}, "nesterov"),
             ({"name": "sgd", "nesterov": "yes", "momentum": 0.9}, "nesterov"),
             ({"name": "sgd", "rho": 0.9}, "rho"),
             ({"name": "lbfgs", "max_iter": 2.5}, "max_iter"),
             ({"name": "lbfgs", "line_search": "backtracking"}, "line_search"),
             ({"name": "adam", "clipnorm": 0}, "clipnorm")]
    for config, param in cases:
        with pytest.raises(SpecError, match=f"'{param}'") as info:
            optimizers.get(config)
        assert info.value.param == param
    assert optimizers.get({"name": "lbfgs", "line_search": "none"}).line_search is None
    with pytest.raises(SpecError):
        optimizers.get(None)


def test_a_reshaped_parameter_starts_afresh_and_a_new_dtype_is_cast():
    opt = optimizers.get({"name": "adam", "learning_rate": 0.1})
    params = {"h/kernel": np.ones((2, 3))}
    opt.step(params, {"h/kernel": np.ones((2, 3))})
    opt.step(params, {"h/kernel": np.ones((2, 3))})
    params = {"h/kernel": np.ones((2, 5))}  # the user gave the layer 5 units
    opt.step(params, {"h/kernel": np.ones((2, 5))})
    assert opt.counts["h/kernel"] == 1
    np.testing.assert_allclose(params["h/kernel"], 1 - 0.1 / (1 + 1e-8))  # a first Adam step again
    params = {"h/kernel": np.ones((2, 5), np.float32)}
    opt.step(params, {"h/kernel": np.ones((2, 5), np.float32)})
    assert opt.counts["h/kernel"] == 2 and opt.slots["h/kernel"]["exp_avg"].dtype == np.float32


def test_lbfgs_forgets_its_history_when_the_network_changes():
    opt = optimizers.get({"name": "lbfgs", "max_iter": 2, "line_search": None})
    small = {"a/w": np.ones(2)}
    opt.step(small, {}, lambda: (float(small["a/w"] @ small["a/w"]), {"a/w": 2 * small["a/w"]}))
    big = {"a/w": np.ones(3)}
    opt.step(big, {}, lambda: (float(big["a/w"] @ big["a/w"]), {"a/w": 2 * big["a/w"]}))
    # counters restarted: one iteration (max_eval = 2 evaluations) since the change, on 3 weights
    assert opt.lbfgs["n_iter"] == 1 and opt.lbfgs["func_evals"] == 2 and opt.lbfgs["d"].size == 3


# --- the flat fast path (FlatArrays: every parameter a view of one buffer) -----------------------------------
FLAT_CONFIGS = ["sgd", {"name": "sgd", "momentum": 0.9}, {"name": "sgd", "momentum": 0.9, "nesterov": True},
                {"name": "sgd", "weight_decay": 0.1}, "adam", {"name": "adam", "weight_decay": 0.05}, "adamw",
                "rmsprop", {"name": "rmsprop", "momentum": 0.5, "weight_decay": 0.01}, "adagrad",
                {"name": "adagrad", "initial_accumulator_value": 0.1}]


def _flat_pair(shapes, dtype, seed=1):
    """The same start as FlatArrays (one buffer) and as a plain dict of separate arrays."""
    layout = optimizers.FlatLayout(shapes)
    rng = np.random.default_rng(seed)
    flat = rng.normal(size=layout.size).astype(dtype)
    fast = optimizers.FlatArrays(flat, layout)
    plain = {k: v.copy() for k, v in fast.items()}
    return layout, fast, plain


def _flat_grads(layout, dtype, rng):
    g = optimizers.FlatArrays(rng.normal(size=layout.size).astype(dtype), layout)
    return g, {k: v.copy() for k, v in g.items()}


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("config", FLAT_CONFIGS, ids=str)
def test_flat_path_equals_the_per_tensor_path_bitwise(config, dtype):
    layout, fast, plain = _flat_pair(SHAPES, dtype)
    opt_fast, opt_plain = optimizers.get(config), optimizers.get(config)
    rng = np.random.default_rng(2)
    for i in range(7):
        if i == 4:  # a learning-rate change mid-way (the GUI does this live)
            opt_fast.learning_rate = opt_plain.learning_rate = opt_plain.learning_rate * 0.5
        g_fast, g_plain = _flat_grads(layout, dtype, rng)
        opt_fast.step(fast, g_fast)
        opt_plain.step(plain, g_plain)
        for k in plain:
            np.testing.assert_array_equal(fast[k], plain[k])
    assert opt_fast._bound is not None  # the fast path did run
    a, b = opt_fast.state_dict(), opt_plain.state_dict()
    assert a["counts"] == b["counts"] and a["iterations"] == b["iterations"]
    assert a["slots"].keys() == b["slots"].keys()
    for k in b["slots"]:
        assert a["slots"][k].keys() == b["slots"][k].keys()
        for n in b["slots"][k]:
            np.testing.assert_array_equal(a["slots"][k][n], b["slots"][k][n])
            assert a["slots"][k][n].shape == b["slots"][k][n].shape


@pytest.mark.parametrize("config", ["adam", {"name": "sgd", "momentum": 0.9}, "adagrad"], ids=str)
def test_flat_path_resumes_from_a_state_dict_and_mixes_with_the_per_tensor_path(config):
    layout, fast, plain = _flat_pair(SHAPES, np.float64)
    rng = np.random.default_rng(3)
    grads = [_flat_grads(layout, np.float64, rng) for _ in range(8)]
    reference = optimizers.get(config)
    for _, g in grads:
        reference.step(plain, g)
    first = optimizers.get(config)
    for g, _ in grads[:3]:
        first.step(fast, g)
    resumed = optimizers.get(config)
    resumed.load_state_dict(first.state_dict())
    for i, (g, g_plain) in enumerate(grads[3:]):
        if i == 2:  # one per-tensor step in between (clipnorm switched on, but never reached)
            resumed.clipnorm = 1e9
            resumed.step(fast, g_plain)
            resumed.clipnorm = None
        else:
            resumed.step(fast, g)
    for k in plain:
        np.testing.assert_array_equal(fast[k], plain[k])


def test_flat_path_gives_a_reshaped_parameter_fresh_state_and_keeps_the_others():
    shapes = {"a/kernel": (3, 4), "b/kernel": (4, 2), "b/bias": (2,)}
    layout, fast, plain = _flat_pair(shapes, np.float64)
    opt, ref = optimizers.get("adam"), optimizers.get("adam")
    rng = np.random.default_rng(4)
    for _ in range(3):
        g, g_plain = _flat_grads(layout, np.float64, rng)
        opt.step(fast, g)
        ref.step(plain, g_plain)
    # the user gives layer b three units: its parameters start afresh, a keeps its moments and count
    shapes2 = {"a/kernel": (3, 4), "b/kernel": (4, 3), "b/bias": (3,)}
    layout2 = optimizers.FlatLayout(shapes2)
    flat2 = np.random.default_rng(5).normal(size=layout2.size)
    fast2 = optimizers.FlatArrays(flat2, layout2)
    fast2["a/kernel"][...] = fast["a/kernel"]
    plain2 = {k: v.copy() for k, v in fast2.items()}
    for _ in range(3):
        g, g_plain = _flat_grads(layout2, np.float64, rng)
        opt.step(fast2, g)
        ref.step(plain2, g_plain)
    assert opt.counts == ref.counts == {"a/kernel": 6, "b/kernel": 3, "b/bias": 3}
    assert len(opt._bound[2]) == 2  # two stretches with their own step counts
    for k in plain2:
        np.testing.assert_array_equal(fast2[k], plain2[k])


def _flat(values: dict, layout: optimizers.FlatLayout) -> optimizers.FlatArrays:
    """``values`` laid out in one flat buffer, as the Network hands weights and gradients over."""
    flat = optimizers.FlatArrays(np.empty(layout.size), layout)
    for k, v in values.items():
        flat[k][...] = v
    return flat


@pytest.mark.parametrize("name", ["sgd", "adam", "adamw", "rmsprop", "adagrad"])
def test_step_if_finite_applies_a_finite_update_exactly_as_step(name):
    rng = np.random.default_rng(2)
    start = {k: rng.normal(size=s) for k, s in SHAPES.items()}
    layout = optimizers.FlatLayout(SHAPES)
    a, b = _flat(start, layout), _flat(start, layout)
    plain, checked = optimizers.get(name), optimizers.get(name)
    for i in range(3):
        g = _flat(_random_grad(i, start), layout)
        assert plain.flat_path(a, g) and checked.flat_path(b, g)
        plain.step(a, g)
        assert checked.step_if_finite(b, g) is None
    np.testing.assert_array_equal(a.flat, b.flat)


@pytest.mark.parametrize("bad", [np.inf, np.nan])
def test_step_if_finite_refuses_an_update_that_is_not_finite_and_names_its_parameter(bad):
    start = {"a/kernel": np.ones((2, 3)), "b/kernel": np.ones((3, 1)), "b/bias": np.zeros(1)}
    layout = optimizers.FlatLayout({k: v.shape for k, v in start.items()})
    params = _flat(start, layout)
    grads = _flat({k: np.full(v.shape, 0.5) for k, v in start.items()}, layout)
    grads["b/kernel"][2, 0] = bad
    before = params.flat.copy()
    with np.errstate(invalid="ignore"):  # inf / inf in the rule, as in a diverging fit
        assert optimizers.get("adam").step_if_finite(params, grads) == "b/kernel"
    np.testing.assert_array_equal(params.flat, before)


def test_the_finite_check_survives_a_sum_of_squares_that_overflows():
    big = np.full(4, 1e200)  # each finite, their squares are not
    with np.errstate(over="ignore"):
        assert optimizers._all_finite(big)
        big[3] = np.inf
        assert not optimizers._all_finite(big)

"""Functions for the optimizer playground: exact gradients, safe parsing, and paths made by the engine's
own optimizers (what the playground draws is what training does)."""

import numpy as np
import pytest

from nnstudio.engine import optimizers
from nnstudio.engine.gradcheck import numerical_gradient
from nnstudio.engine.surfaces import SURFACES, ExpressionError, descend, parse


@pytest.mark.parametrize("name", list(SURFACES))
def test_exact_gradient_matches_central_differences(name):
    surface = SURFACES[name]
    rng = np.random.default_rng(0)
    (a, b), (c, d) = surface.view
    for point in rng.uniform((a, c), (b, d), size=(5, 2)):
        numeric = numerical_gradient(lambda p: float(surface.value(p[0], p[1])), point, h=1e-6)
        np.testing.assert_allclose(surface.gradient(point), numeric, rtol=1e-5, atol=1e-6)
    xs, ys, values = surface.grid(30)
    assert values.shape == (30, 30) and np.isfinite(values).all()
    assert values[3, 7] == pytest.approx(float(surface.value(xs[7], ys[3])))  # rows run along x1


def test_the_course_example_walks_down_the_bowl():
    # gradient descent on x0² + x1² from (-3, 4), learning rate 0.1, 100 steps: each step multiplies by 0.8
    path = descend(SURFACES["bowl"], (-3.0, 4.0), {"name": "sgd", "learning_rate": 0.1}, 100)
    assert path.shape == (101, 2)
    np.testing.assert_allclose(path[-1], [-3.0 * 0.8 ** 100, 4.0 * 0.8 ** 100], rtol=1e-9)
    assert abs(path[-1]).max() < 1e-9


@pytest.mark.parametrize("config", [{"name": "sgd", "learning_rate": 0.05, "momentum": 0.9},
                                    {"name": "sgd", "learning_rate": 0.05, "momentum": 0.9, "nesterov": True},
                                    {"name": "rmsprop", "learning_rate": 0.01}, {"name": "adam", "learning_rate": 0.1}])
def test_paths_are_the_optimizers_own_updates(config):
    surface = SURFACES["long_bowl"]
    path = descend(surface, surface.start, config, 30)
    twin = optimizers.get(config)  # the same optimizer, stepped by hand on the same gradients
    point = np.array(surface.start, dtype=float)
    for k in range(30):
        twin.step({"p": point}, {"p": surface.gradient(point)})
        np.testing.assert_array_equal(path[k + 1], point)


def test_momentum_beats_plain_descent_in_the_long_valley():
    surface = SURFACES["long_bowl"]
    plain = descend(surface, surface.start, {"name": "sgd", "learning_rate": 0.1}, 60)[-1]
    heavy = descend(surface, surface.start, {"name": "sgd", "learning_rate": 0.1, "momentum": 0.9}, 60)[-1]
    assert float(surface.value(*heavy)) < float(surface.value(*plain)) / 10


def test_too_large_a_learning_rate_runs_away_and_the_path_stops_at_infinity():
    path = descend(SURFACES["bowl"], (-3.0, 4.0), {"name": "sgd", "learning_rate": 1.5}, 5000)
    assert np.linalg.norm(path[10]) > np.linalg.norm(path[0]) * 100  # each step doubles the distance
    assert len(path) < 5001 and np.isfinite(path).all()


def test_lbfgs_uses_a_closure_and_perceptron_is_refused():
    surface = SURFACES["rosenbrock"]
    path = descend(surface, surface.start, {"name": "lbfgs", "learning_rate": 1.0}, 20)
    np.testing.assert_allclose(path[-1], [1.0, 1.0], atol=1e-4)
    with pytest.raises(ValueError, match="learns from samples"):
        descend(surface, surface.start, "perceptron", 3)


def test_typed_functions_parse_and_differentiate():
    s = parse("sin(x)*y^2 + exp(-x0) / (1 + x1**2) + pi")
    x, y = 0.3, -1.2
    assert float(s.value(x, y)) == pytest.approx(np.sin(x) * y ** 2 + np.exp(-x) / (1 + y ** 2) + np.pi)
    numeric = numerical_gradient(lambda p: float(s.value(p[0], p[1])), [x, y], h=1e-6)
    np.testing.assert_allclose(s.gradient((x, y)), numeric, rtol=1e-6)
    power = parse("x0**x1")  # a variable exponent: d/dx1 = x0^x1 ln x0
    np.testing.assert_allclose(power.gradient((2.0, 3.0)), [12.0, 8.0 * np.log(2.0)])


@pytest.mark.parametrize("text, words", [
    ("__import__('os').system('echo hi')", "cannot use"),
    ("__import__('os')", "Unknown function '__import__' at column 1"),
    ("x0.real", "cannot use"),
    ("(lambda: 1)()", "cannot use"),
    ("x0 +* 2", "cannot be read near column"),
    ("z + 1", "Unknown name 'z'"),
    ("sin(x0, x1)", "cannot use"),
    ("[x0][0]", "cannot use"),
    ("x0 if x1 else 2", "cannot use"),
    ("x0" + " + x0" * 60, "characters long"),
    ("True + x0", "cannot use"),
])
def test_anything_but_arithmetic_is_refused_with_where(text, words):
    with pytest.raises(ExpressionError) as err:
        parse(text)
    assert words in err.value.message and "\n" not in err.value.message


@pytest.mark.parametrize("text, column, words", [
    ("x0**2+", 7, "at its end (column 7)"),      # Python reports offset 0 here: the text stops too early
    ("x0**2+   ", 7, "at its end (column 7)"),   # typed trailing spaces are not where the problem is
    ("x0^2+", 6, "at its end (column 6)"),       # columns of what was typed, not of the ^ -> ** rewrite
    ("x0 +* 2", 5, "near column 5"),
    ("x0^2 +* 2", 7, "near column 7"),
    ("x0^2 + foo", 8, "'foo' at column 8"),
    ("x0 + é", 6, "'é' at column 6"),            # characters, not UTF-8 bytes
])
def test_errors_give_the_column_of_the_problem_in_the_typed_text(text, column, words):
    with pytest.raises(ExpressionError) as err:
        parse(text)
    assert err.value.column == column and words in err.value.message

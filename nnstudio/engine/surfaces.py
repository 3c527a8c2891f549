"""Functions of two variables to watch gradient descent on, and the paths optimizers take down them.

The course walks gradient descent down f(x0, x1) = x0² + x1²; the optimizer playground adds an elongated
bowl, Rosenbrock's valley, a saddle and a function with two minima, and lets a student type their own.
A typed expression is parsed into a small tree of allowed operations (``ast``, never ``eval``) and
differentiated exactly with dual numbers, so the path uses the true gradient. Paths use the engine's own
optimizer objects, so what the playground shows is what training does.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import optimizers
from ..i18n import N_, _

MAX_EXPRESSION = 200  # characters
_FUNCTIONS = ("sin", "cos", "tan", "exp", "log", "sqrt", "tanh", "abs")
_CONSTANTS = {"pi": np.pi, "e": np.e}
_VARIABLES = {"x0": 0, "x1": 1, "x": 0, "y": 1}


class ExpressionError(ValueError):
    """A typed function that cannot be used, in one sentence (``column`` is 1-based, or None)."""

    def __init__(self, message: str, column: int | None = None):
        super().__init__(message)
        self.message, self.column = message, column


# ---- dual numbers: a value and its partial derivatives by x0 and x1, element-wise -------------------------
@dataclass(frozen=True)
class _Dual:
    v: np.ndarray
    d0: np.ndarray
    d1: np.ndarray

    def map(self, value, slope) -> "_Dual":  # f(u) with f'(u) = slope: chain rule
        return _Dual(value, slope * self.d0, slope * self.d1)


def _const(c, like) -> _Dual:
    zero = np.zeros_like(like)
    return _Dual(np.full_like(like, c), zero, zero)


def _binary(op: ast.operator, a: _Dual, b: _Dual) -> _Dual:
    if isinstance(op, ast.Add):
        return _Dual(a.v + b.v, a.d0 + b.d0, a.d1 + b.d1)
    if isinstance(op, ast.Sub):
        return _Dual(a.v - b.v, a.d0 - b.d0, a.d1 - b.d1)
    if isinstance(op, ast.Mult):  # (ab)' = a'b + ab'
        return _Dual(a.v * b.v, a.d0 * b.v + a.v * b.d0, a.d1 * b.v + a.v * b.d1)
    if isinstance(op, ast.Div):  # (a/b)' = (a'b - ab') / b²
        return _Dual(a.v / b.v, (a.d0 * b.v - a.v * b.d0) / b.v ** 2, (a.d1 * b.v - a.v * b.d1) / b.v ** 2)
    # a ** b: b constant -> b a^(b-1) a'; otherwise a^b (b' ln a + b a'/a)
    value = a.v ** b.v
    if not (b.d0.any() or b.d1.any()):
        slope = b.v * a.v ** (b.v - 1)
        return _Dual(value, slope * a.d0, slope * a.d1)
    log_a = np.log(a.v)
    return _Dual(value, value * (b.d0 * log_a + b.v * a.d0 / a.v), value * (b.d1 * log_a + b.v * a.d1 / a.v))


def _call(name: str, u: _Dual) -> _Dual:
    v = u.v
    table: dict[str, Callable[[], tuple]] = {
        "sin": lambda: (np.sin(v), np.cos(v)), "cos": lambda: (np.cos(v), -np.sin(v)),
        "tan": lambda: (np.tan(v), 1 / np.cos(v) ** 2), "exp": lambda: (np.exp(v), np.exp(v)),
        "log": lambda: (np.log(v), 1 / v), "sqrt": lambda: (np.sqrt(v), 0.5 / np.sqrt(v)),
        "tanh": lambda: (np.tanh(v), 1 - np.tanh(v) ** 2), "abs": lambda: (np.abs(v), np.sign(v)),
    }
    return u.map(*table[name]())


class _Checked:
    """The parsed tree, checked once: only numbers, x0/x1, + - * / **, unary minus and a few functions."""

    def __init__(self, text: str):
        if len(text) > MAX_EXPRESSION:
            raise ExpressionError(_("The function is {count} characters long; keep it under {MAX_EXPRESSION}.")
                                  .format(count=len(text), MAX_EXPRESSION=MAX_EXPRESSION))
        self.text = text
        self.source = source = text.replace("^", "**")  # students write x0^2
        try:
            self.tree = ast.parse(source, mode="eval").body
        except SyntaxError as exc:
            # offset: 1-based characters of ``source``; 0 or past its end when the text stops too early
            if not exc.offset or exc.offset > len(source.rstrip()):
                end = len(text.rstrip()) + 1
                raise ExpressionError(_("The function is incomplete at its end (column {value}): something is "
                                        "missing after its last operator.").format(value=end), end) from None
            column = self._column(exc.offset - 1)
            raise ExpressionError(_("The function cannot be read near column {value}: check its "
                                    "brackets and operators.").format(value=column), column) from None
        self._check(self.tree, depth=0)

    def _column(self, index: int) -> int:
        """The 1-based column in the typed text of character ``index`` of the parsed source (each ^ became **)."""
        column = seen = 0
        for ch in self.text:
            if seen >= index:
                break
            seen += 2 if ch == "^" else 1
            column += 1
        return column + 1

    def _check(self, node, depth: int) -> None:
        where = getattr(node, "col_offset", None)  # UTF-8 bytes of the source, not characters
        column = None if where is None else self._column(len(self.source.encode()[:where].decode(errors="ignore")))
        if depth > 40:
            raise ExpressionError(_("The function is nested too deeply."), column)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            return
        if isinstance(node, ast.Name):
            if node.id in _VARIABLES or node.id in _CONSTANTS:
                return
            raise ExpressionError(_("Unknown name {id!r} at column {column}: use x0 and x1 (or x and "
                                    "y), pi, e and the functions {names}.").format(id=node.id, column=column, names=', '.join(_FUNCTIONS)), column)
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow)):
            self._check(node.left, depth + 1)
            self._check(node.right, depth + 1)
            return
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            self._check(node.operand, depth + 1)
            return
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FUNCTIONS
                and len(node.args) == 1 and not node.keywords):
            self._check(node.args[0], depth + 1)
            return
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id not in _FUNCTIONS:
            raise ExpressionError(_("Unknown function {id!r} at column {column}: use {names}.")
                                  .format(id=node.func.id, column=column, names=', '.join(_FUNCTIONS)), column)
        raise ExpressionError(_("Column {column} holds something a function of x0 and x1 cannot use: "
                                "only numbers, x0, x1, + - * / ** (or ^), brackets and the functions "
                                "{names}.").format(column=column, names=', '.join(_FUNCTIONS)), column)

    def evaluate(self, x0: np.ndarray, x1: np.ndarray) -> _Dual:
        one, zero = np.ones_like(x0), np.zeros_like(x0)
        leaves = {0: _Dual(x0, one, zero), 1: _Dual(x1, zero, one)}

        def walk(node) -> _Dual:
            if isinstance(node, ast.Constant):
                return _const(float(node.value), x0)
            if isinstance(node, ast.Name):
                return leaves[_VARIABLES[node.id]] if node.id in _VARIABLES else _const(_CONSTANTS[node.id], x0)
            if isinstance(node, ast.BinOp):
                return _binary(node.op, walk(node.left), walk(node.right))
            if isinstance(node, ast.UnaryOp):
                u = walk(node.operand)
                return u if isinstance(node.op, ast.UAdd) else _Dual(-u.v, -u.d0, -u.d1)
            return _call(node.func.id, walk(node.args[0]))

        with np.errstate(all="ignore"):  # a log of a negative number is NaN there, not an exception
            return walk(self.tree)


@dataclass(frozen=True)
class Surface:
    """f(x0, x1) with its exact gradient; ``view`` is ((x0 min, x0 max), (x1 min, x1 max)) to plot."""
    name: str
    title: str  # title and note: N_() texts, translated where shown
    expression: str
    start: tuple[float, float]
    view: tuple[tuple[float, float], tuple[float, float]]
    note: str = ""

    @property
    def _tree(self) -> _Checked:
        return _parsed(self.expression)

    def value(self, x0, x1) -> np.ndarray:
        x0, x1 = np.broadcast_arrays(np.asarray(x0, np.float64), np.asarray(x1, np.float64))
        return self._tree.evaluate(x0, x1).v

    def gradient(self, point) -> np.ndarray:
        """(df/dx0, df/dx1) at one point."""
        d = self._tree.evaluate(np.asarray(float(point[0])), np.asarray(float(point[1])))
        return np.array([float(d.d0), float(d.d1)])

    def grid(self, n: int = 200):
        """(xs, ys, values (n, n) with rows along x1) over ``view``, for a contour plot."""
        xs, ys = np.linspace(*self.view[0], n), np.linspace(*self.view[1], n)
        gx, gy = np.meshgrid(xs, ys)
        return xs, ys, self.value(gx, gy)


_CACHE: dict[str, _Checked] = {}


def _parsed(expression: str) -> _Checked:
    tree = _CACHE.get(expression)
    if tree is None:
        if len(_CACHE) > 256:
            _CACHE.clear()
        tree = _CACHE[expression] = _Checked(expression)
    return tree


SURFACES: dict[str, Surface] = {s.name: s for s in (
    Surface("bowl", N_("Bowl: x0² + x1²"), "x0**2 + x1**2", (-3.0, 4.0), ((-4.5, 4.5), (-4.5, 4.5)),
            N_("The course's function: the gradient points straight away from the minimum at (0, 0).")),
    # a region about as tall as wide: the map keeps equal scales, so a 20 x 6 region filled a third of it
    Surface("long_bowl", N_("Elongated bowl: x0²/20 + x1²"), "x0**2/20 + x1**2", (-7.0, 2.0), ((-8, 8), (-7, 7)),
            N_("Steep across, flat along: plain gradient descent crawls along the flat floor (raise its learning "
               "rate to 0.9 and it zig-zags across instead); momentum gathers speed along the valley.")),
    Surface("rosenbrock", N_("Rosenbrock's valley"), "(1 - x0)**2 + 100*(x1 - x0**2)**2", (-1.5, 2.0),
            ((-2, 2), (-1, 3)), N_("A curved, flat-bottomed valley with its minimum at (1, 1): easy to find, "
                                   "slow to follow.")),
    Surface("saddle", N_("Saddle: x0² - x1²"), "x0**2 - x1**2", (-3.0, 0.001), ((-4, 4), (-4, 4)),
            N_("Downhill along x1, uphill along x0: starting almost on the ridge, how long until a path "
               "escapes?")),
    Surface("two_minima", N_("Two minima"), "(x0**2 - 1)**2 + x1**2 + 0.3*x0", (0.2, 1.5), ((-2, 2), (-2, 2)),
            N_("A deeper minimum near x0 = -1 and a shallower one near x0 = +1: where a path ends depends on "
               "where it starts and on its learning rate.")),
)}


def parse(expression: str, start=(1.0, 1.0), view=((-3.0, 3.0), (-3.0, 3.0))) -> Surface:
    """A Surface from a typed function of x0 and x1 (or x and y); raises ExpressionError with where."""
    _parsed(expression.strip())
    return Surface("custom", expression.strip(), expression.strip(), tuple(start), view)


class Walker:
    """One optimizer walking down a surface, a step at a time (the playground animates several at once).

    ``optimizer.learning_rate`` may be changed between steps, as in training; ``path`` is every point so
    far; ``stopped`` turns True when the point leaves the finite numbers (the last finite point stays).
    """

    def __init__(self, surface: Surface, start, optimizer):
        self.surface = surface
        self.optimizer = optimizer if isinstance(optimizer, optimizers.Optimizer) else optimizers.get(optimizer)
        if self.optimizer.per_sample_rule:
            raise ValueError(_("Optimizer '{name}' learns from samples, not from a function's gradient.")
                             .format(name=self.optimizer.name))
        self.point = np.array([float(start[0]), float(start[1])])
        self.path = [self.point.copy()]
        self.stopped = False

    def _closure(self):
        return float(self.surface.value(self.point[0], self.point[1])), {"point": self.surface.gradient(self.point)}

    def step(self, count: int = 1) -> None:
        params = {"point": self.point}
        with np.errstate(over="ignore", invalid="ignore"):  # a path flying off is shown, not warned about
            self._steps(params, int(count))

    def _steps(self, params: dict, count: int) -> None:
        for _ in range(count):
            if self.stopped:
                return
            if self.optimizer.needs_closure:
                self.optimizer.step(params, None, self._closure)
            else:
                self.optimizer.step(params, {"point": self.surface.gradient(self.point)})
            if not np.isfinite(self.point).all():
                self.stopped = True
                return
            self.path.append(self.point.copy())


def descend(surface: Surface, start, optimizer, steps: int) -> np.ndarray:
    """The path (steps + 1, 2) from ``start`` taken by ``optimizer`` (a name, config or Optimizer object).

    Each step hands the engine's optimizer the exact gradient at the current point, just as training hands
    it a layer's gradient; the path stops early (shorter array) when the point leaves the finite numbers.
    """
    walker = Walker(surface, start, optimizer)
    walker.step(steps)
    return np.array(walker.path)

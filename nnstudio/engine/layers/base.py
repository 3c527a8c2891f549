"""The Layer base class and the checks that turn a node's raw params into validated values.

A layer is small and explicit: it declares its parameters (``PARAMS``), infers its output shape, declares
the shapes of its weights (so shapes and parameter counts are known without allocating anything), and
computes ``forward`` / ``backward`` on arrays it is handed. Weights and optimizer state live outside it.
"""

from __future__ import annotations

import math
from typing import Any, ClassVar

import numpy as np

from .. import initializers
from .. import params as params_module
from ..errors import SpecError
from ..params import ParamSpec, registry_object  # noqa: F401  (registry_object: layers import it from here)
from . import card
from ...i18n import _

Shape = tuple[int, ...]


def describe(shape: Shape) -> str:
    """A shape as a student reads it: (6, 6, 16)."""
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


class Layer:
    TYPE: ClassVar[str] = ""
    DESCRIPTION: ClassVar[str] = ""
    CATEGORY: ClassVar[str] = "Core"
    PARAMS: ClassVar[list[ParamSpec]] = []
    MIN_INPUTS: ClassVar[int] = 1
    MAX_INPUTS: ClassVar[int | None] = 1
    ACTIVATED: ClassVar[bool] = False  # True when the layer ends in an ``activation`` parameter
    # What the rest of the studio asks about a layer type is declared here, never found by matching names.
    ICON: ClassVar[str] = ""  # resources/icons/<ICON>.svg
    STARTING_PARAMS: ClassVar[dict] = {}  # teaching values of a freshly placed layer (required params first)
    UNIT_TILES: ClassVar[bool] = False  # one output per unit on flat data: a response tile per unit can be drawn
    IMAGE_FILTERS: ClassVar[bool] = False  # the kernel is a stack of image filters that can be drawn
    INDEX_INPUTS: ClassVar[bool] = False  # its input holds whole numbers (token ids): no gradient flows back
    CARD_PARAMS: ClassVar[tuple[str, ...]] = ()  # the params its card shows, in order (see card_parts)
    # a recurrent layer's state walked step by step for the sequence views (recurrent_steps.py), else None
    STEPS: ClassVar[Any] = None
    # {param: array} the network's flat gradient buffer offers: backward may write its gradients there
    # (and return those very arrays) instead of allocating new ones; None when built standalone
    grad_buffers: dict[str, np.ndarray] | None = None

    def __init__(self, node_id: str, params: dict | None = None):
        self.node_id = node_id
        self.params = checked_params(type(self), node_id, params or {})
        self.needs_input_grad = True  # the network clears it when no input needs a gradient
        self.regularizer: dict | None = None
        self.configure()

    @classmethod
    def takes_regularizer(cls) -> bool:
        """True when the layer has a kernel that accepts a ``kernel_regularizer`` (L1/L2 penalty)."""
        return any(p.name == "kernel_regularizer" for p in cls.PARAMS)

    @classmethod
    def card_parts(cls, params: dict) -> list[str]:
        """The words its card shows after the type ("Dense 16 · relu"): ``params`` has the defaults filled
        in but may hold half-typed values, so this never raises. Empty parts are left out by the caller.
        The default shows ``CARD_PARAMS`` by their kind; override where a value needs its name."""
        specs = {s.name: s for s in cls.PARAMS}
        return [card.value_text(specs[name], params.get(name)) for name in cls.CARD_PARAMS]

    # --- hooks for subclasses -------------------------------------------------------------------------
    def configure(self) -> None:
        """Turn ``self.params`` into attributes; raise SpecError for layer-specific rules."""

    def output_shape(self, input_shapes: list[Shape]) -> Shape:
        return input_shapes[0]

    def weight_shapes(self, input_shapes: list[Shape]) -> dict[str, tuple[Shape, bool]]:
        """{param name: (shape, trainable)}; trainable ones come first, in a fixed order."""
        return {}

    def initializer_for(self, name: str):
        raise NotImplementedError(name)

    def product_size(self, input_shapes: list[Shape]) -> int:
        """Multiply-adds per sample of the layer's largest matrix product (0: it has none). Training holds
        BLAS to one thread when these are small (blas_threads)."""
        return 0

    def forward(self, inputs: list[np.ndarray], params: dict, state: dict, training: bool):
        raise NotImplementedError

    def backward(self, grad_out: np.ndarray, cache, params: dict):
        raise NotImplementedError

    # --- shared machinery -------------------------------------------------------------------------------
    def fail(self, message: str, param: str | None = None) -> SpecError:
        return SpecError(_("{type} '{node_id}' {message}")
                         .format(type=self.TYPE, node_id=self.node_id, message=message), self.node_id, param)

    def count_params(self, input_shapes: list[Shape]) -> int:
        return sum(math.prod(shape) for shape, _ in self.weight_shapes(input_shapes).values())

    def build(self, input_shapes: list[Shape], rng: np.random.Generator, dtype) -> tuple[dict, dict]:
        """Allocate and initialise the weights: (trainable {name: array}, state {name: array})."""
        trainable, state = {}, {}
        shapes = self.weight_shapes(input_shapes)
        fan_in = initializers.layer_fan_in(shapes)  # torch_default bounds a bias by its kernel's fan-in
        for name, (shape, is_trainable) in shapes.items():
            try:
                value = np.asarray(self.initializer_for(name)(shape, rng, dtype, layer_fan_in=fan_in),
                                   dtype=dtype)
            except MemoryError:
                gib = math.prod(shape) * np.dtype(dtype).itemsize / 2**30
                raise self.fail(_("needs {gib:,.1f} GiB for its {name} {shape}, more memory than this "
                                  "computer can give: make the layer smaller.").format(gib=gib, name=name, shape=describe(shape)), name) from None
            (trainable if is_trainable else state)[name] = np.ascontiguousarray(value)
        return trainable, state

    def get_config(self) -> dict:
        return dict(self.params)

    # weight penalty (kernel_regularizer): a * sum|W| + b * sum W^2 and its gradient
    def penalty(self, params: dict) -> float:
        if not self.regularizer:
            return 0.0
        w = params["kernel"]
        total = 0.0
        if self.regularizer.get("l1"):
            total += self.regularizer["l1"] * float(np.abs(w).sum())
        if self.regularizer.get("l2"):
            total += self.regularizer["l2"] * float(np.vdot(w, w))
        return total

    def add_penalty_gradient(self, params: dict, grads: dict) -> None:
        if not self.regularizer:
            return
        w, g = params["kernel"], grads["kernel"]
        if self.regularizer.get("l1"):
            g += self.regularizer["l1"] * np.sign(w)
        if self.regularizer.get("l2"):
            g += (2 * self.regularizer["l2"]) * w


# --- parameter checking: the engine's one checker (params.check_params), remembered -------------------

_SCALARS = (str, int, float, bool, type(None))
_CHECKED: dict[tuple, dict] = {}


def check_params(cls: type[Layer], node_id: str, params: Any) -> dict:
    """Validated params with defaults filled in, in PARAMS order (raises SpecError at the first problem)."""
    return params_module.check_params(cls.PARAMS, params, f"{cls.TYPE} '{node_id}'", node_id=node_id)


def checked_params(cls: type[Layer], node_id: str, params: Any) -> dict:
    """``check_params`` remembered for params made only of scalars (most nodes): ``analyze`` rebuilds every
    layer on each canvas edit, and the values it returns are immutable, so sharing them is safe."""
    if type(params) is not dict or not all(type(v) in _SCALARS for v in params.values()):
        return check_params(cls, node_id, params)
    key = (cls,) + tuple((k, type(v), v) for k, v in params.items())  # types: 1, 1.0 and True are ==
    done = _CHECKED.get(key)
    if done is None:
        done = check_params(cls, node_id, params)
        if len(_CHECKED) < 4096:
            _CHECKED[key] = done
    return dict(done)


def pair(value: int | list) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else (int(value[0]), int(value[1]))

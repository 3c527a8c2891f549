"""Network: a spec built into layers and weights; forward, backward, predict, evaluate, weights I/O.

The graph is walked in topological order; on the way back a node's gradient is the sum over the nodes it
feeds. Weights live here as ``{node_id: {param: ndarray}}``; the optimizer sees the same arrays keyed
``"node_id/param"`` and updates them in place, so nothing is copied per step.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np

from . import losses
from .errors import SpecError
from .layers.base import describe
from .optimizers import FlatArrays, FlatLayout
from .spec import normalize, validate
from ..i18n import _

_DTYPES = {"float32": np.float32, "float64": np.float64}


class Network:
    """A trainable network built from a spec (see docs/engine.md)."""

    def __init__(self, spec: dict, seed: int = 0, dtype: str = "float32"):
        if str(np.dtype(dtype)) not in _DTYPES:
            raise ValueError(f"dtype must be 'float32' or 'float64', not {dtype!r}.")
        self.dtype = np.dtype(dtype)
        self.seed = seed
        analysis = validate(spec)
        self._spec = normalize(spec)
        self.layers = analysis.layers
        self.shapes = analysis.shapes
        self.input_id, self.output_id = analysis.input_id, analysis.output_id
        self.input_shape = analysis.shapes[self.input_id]
        self.output_shape = analysis.shapes[self.output_id]
        self.order = list(analysis.order)
        self.inputs = {nid: list(analysis.inputs[nid]) for nid in self.order}

        rng = np.random.default_rng(seed)
        self._params: dict[str, dict[str, np.ndarray]] = {}
        self._state: dict[str, dict[str, np.ndarray]] = {}
        requires_grad: dict[str, bool] = {}
        for nid in self.order:
            layer = self.layers[nid]
            in_shapes = [self.shapes[p] for p in self.inputs[nid]]
            trainable, state = layer.build(in_shapes, rng, self.dtype) if nid != self.input_id else ({}, {})
            self._params[nid], self._state[nid] = trainable, state
            layer.needs_input_grad = any(requires_grad[p] for p in self.inputs[nid])
            requires_grad[nid] = bool(trainable) or layer.needs_input_grad
        self._requires_grad = requires_grad
        # every trainable weight is a view into one flat buffer (and the state into another): divergence
        # checks and the last-finite-weights snapshot are then one NumPy call each, whatever the depth
        self.flat_weights = _pack(self._params, self.dtype)
        self.flat_state = _pack(self._state, self.dtype)
        # the walk: (node id, layer, input ids), Input excluded (its output is the data)
        self._plan = [(nid, self.layers[nid], self.inputs[nid]) for nid in self.order if nid != self.input_id]
        # multiply-adds per sample of the largest matrix product of a step: fit picks the BLAS threads by it
        self.product_per_sample = max((layer.product_size([self.shapes[p] for p in ins])
                                       for _, layer, ins in self._plan), default=0)
        self._keys = {nid: {name: f"{nid}/{name}" for name in p} for nid, p in self._params.items()}
        # the gradients get a flat buffer laid out like the weights: the optimizer then updates the whole
        # parameter vector in a few NumPy calls (optimizers.FlatArrays); layers that can write their
        # gradients straight into it (grad_buffers) do, the others' are copied in
        layout = FlatLayout({self._keys[nid][name]: arr.shape for nid, p in self._params.items()
                             for name, arr in p.items()})
        self.params_flat: dict[str, np.ndarray] = FlatArrays(self.flat_weights, layout)
        self.flat_grads = np.zeros_like(self.flat_weights)
        self._grads_flat = FlatArrays(self.flat_grads, layout)
        self._grad_views = {nid: {name: self._grads_flat[k] for name, k in keys.items()}
                            for nid, keys in self._keys.items()}
        # each node's parameters sit together in the buffer: its gradient norm is one segment's sum
        self._norm_nodes = [nid for nid, keys in self._keys.items() if keys]
        self._norm_starts = np.array([layout.spans[next(iter(self._keys[nid].values()))][0]
                                      for nid in self._norm_nodes], dtype=np.intp)
        for nid, layer, _ in self._plan:
            layer.grad_buffers = self._grad_views[nid] or None
        self._relu_pools = _relu_pools(self._plan, self.output_id)
        self._relu_sources = frozenset(self._relu_pools.values())
        self._window_tiles = self._tiles()
        self._penalized = [(nid, layer) for nid, layer, _ in self._plan if layer.regularizer]
        self._stateful = [(nid, layer) for nid, layer, _ in self._plan if hasattr(layer, "update_state")]
        self._shuffle_rng = rng  # continues after initialisation: shuffling when fit() gets no seed

        self.optimizer = None        # kept between fit() calls (the GUI pauses and resumes by refitting)
        self.loss = None             # the Loss of the latest fit(), used by evaluate() by default
        self.stop_training = False
        self.last_gradients: dict[str, np.ndarray] = {}
        self.step_count = 0          # optimizer steps taken over every fit() call

    # --- construction and description ---------------------------------------------------------------
    @classmethod
    def from_config(cls, spec: dict, seed: int = 0, dtype: str = "float32") -> Network:
        return cls(spec, seed=seed, dtype=dtype)

    def to_config(self) -> dict:
        """The spec, defaults filled in, extra node keys (name, position) preserved."""
        return copy.deepcopy(self._spec)

    @property
    def output_activation(self) -> str | None:
        layer = self.layers[self.output_id]
        return layer.activation.name if layer.ACTIVATED else None

    def count_params(self, trainable_only: bool = False) -> int:
        total = sum(a.size for p in self._params.values() for a in p.values())
        if not trainable_only:
            total += sum(a.size for s in self._state.values() for a in s.values())
        return int(total)

    def summary_rows(self) -> list[dict]:
        from .summary import rows
        return rows(self)

    def summary(self) -> str:
        from .summary import table
        return table(self)

    # --- weights -----------------------------------------------------------------------------------------
    def get_weights(self) -> dict[str, dict[str, np.ndarray]]:
        """Copies of every weight, trainable or not: {node_id: {param: ndarray}}."""
        out = {}
        for nid in self.order:
            arrays = {**self._params[nid], **self._state[nid]}
            if arrays:
                out[nid] = {name: a.copy() for name, a in arrays.items()}
        return out

    def set_weights(self, weights: dict[str, dict[str, Any]]) -> None:
        """Copy values into the existing arrays (shapes checked; nodes or params left out keep theirs)."""
        checked = []
        for nid, arrays in weights.items():
            if nid not in self._params:
                raise SpecError(_("set_weights got weights for '{nid}', which is not a layer of this network.")
                                .format(nid=nid), nid)
            own = {**self._params[nid], **self._state[nid]}
            for name, value in arrays.items():
                if name not in own:
                    have = ", ".join(own) or "no weights"
                    raise SpecError(_("set_weights got '{name}' for {type} '{nid}', which has {have}.")
                                    .format(name=name, type=self.layers[nid].TYPE, nid=nid, have=have), nid, name)
                value = np.asarray(value)
                if value.shape != own[name].shape:
                    raise SpecError(_("set_weights got {name} of shape {shape} for {type} '{nid}', "
                                      "which needs {shape2}.").format(name=name, shape=value.shape, type=self.layers[nid].TYPE, nid=nid, shape2=own[name].shape), nid, name)
                checked.append((own[name], value))
        for target, value in checked:  # all checked first: a bad entry changes nothing
            np.copyto(target, value, casting="unsafe")

    # --- data checks -------------------------------------------------------------------------------------
    def _as_input(self, X) -> np.ndarray:
        X = np.asarray(X, dtype=self.dtype)
        if X.ndim == 1 and self.input_shape == (1,):
            X = X.reshape(-1, 1)
        if X.shape[1:] != self.input_shape:
            raise SpecError(_("Input '{input_id}' expects samples of shape {input_shape} but the data "
                              "has samples of shape {describe}.").format(input_id=self.input_id, input_shape=describe(self.input_shape), describe=describe(X.shape[1:])), self.input_id)
        return X

    def _checked_target(self, y: np.ndarray, loss) -> np.ndarray:
        """``y`` validated and converted once for the whole data (the per-batch checks are then skipped)."""
        return loss.checked_targets(np.empty((0,) + self.output_shape, self.dtype), y)

    def _as_target(self, y, loss) -> np.ndarray:
        y = np.asarray(y)
        if loss.name == "sparse_categorical_crossentropy":
            return y  # class indices: the loss checks and converts them (a cast here would floor 0.5 to 0)
        y = y.astype(self.dtype, copy=False)
        if y.ndim == 1 and len(self.output_shape) == 1:
            y = y.reshape(-1, 1)
        return y

    # --- forward / backward --------------------------------------------------------------------------------
    def _forward(self, X: np.ndarray, training: bool, logits: bool = False, pool_first: bool = False):
        """Every node's output and cache; ``logits``: the output layer stops before its activation.
        ``pool_first``: a relu layer read only by a max pool (``_relu_pools``) leaves its output as z, and the
        pool takes relu of its maxima instead (the same values: max and relu commute), a quarter of the
        values for a 2x2 pool; its output is then not relu(z). The training walk asks for that."""
        outs = {self.input_id: X}
        caches = {}
        params, state = self._params, self._state
        last = self._plan[-1][0] if logits else None
        pools, sources = (self._relu_pools, self._relu_sources) if pool_first else ({}, ())
        tiles = self._window_tiles if pool_first else {}
        for nid, layer, ins in self._plan:
            if nid in tiles:
                outs[nid], caches[nid] = layer.forward_windows([outs[p] for p in ins], params[nid], tiles[nid])
            elif nid == last or nid in sources:
                outs[nid], caches[nid] = layer.forward([outs[p] for p in ins], params[nid], state[nid], training,
                                                       activate=False)
            else:
                outs[nid], caches[nid] = layer.forward([outs[p] for p in ins], params[nid], state[nid], training)
            if nid in pools:   # in place: the pool's cache holds the same maxima, its backward reads them
                np.maximum(outs[nid], 0, out=outs[nid])
        return outs, caches

    def _tiles(self) -> dict[str, tuple[int, int]]:
        """{node: (ph, pw)} for the grey conv layers whose relu max pool tiles their output exactly, and for
        those pools: in the training walk the conv lays its output out window by window
        (``Conv2D.forward_windows``) and the pool reads each window position as one contiguous block."""
        tiles = {}
        for pool, conv in self._relu_pools.items():
            source, pool_layer = self.layers[conv], self.layers[pool]
            if not hasattr(source, "lays_out_windows"):
                continue
            tile = pool_layer.tile([self.shapes[conv]])
            if tile is not None and source.lays_out_windows([self.shapes[p] for p in self.inputs[conv]]):
                tiles[conv] = tiles[pool] = tile
        return tiles

    def _fusable(self, loss) -> bool:
        return self.layers[self.output_id].ACTIVATED and loss.fused(self.output_activation)

    def penalty(self) -> float:
        """Sum of the kernel regularizer terms (added to the reported loss)."""
        return sum(layer.penalty(self._params[nid]) for nid, layer in self._penalized)

    def _loss_and_gradients(self, X, y, loss, training: bool = True, fused: bool | None = None,
                            checked: bool = False):
        """One forward and backward pass: (loss, {"node/param": grad}, output, caches). When the loss is
        fused with the output activation, the returned output is the logits z (the activation is skipped).
        ``checked``: y was already validated and converted by ``loss.checked_targets`` (fit does it once)."""
        if fused is None:
            fused = self._fusable(loss)
        outs, caches = self._forward(X, training, logits=fused, pool_first=True)
        out = outs[self.output_id]
        if checked:
            if fused:
                value, grad = loss.fused_checked(out, y)
            else:
                value, grad = float(loss.loss_checked(out, y)), loss.gradient_checked(out, y)
        elif fused:
            value, grad = loss.from_logits(self.output_activation, out, y)
        else:
            value, grad = loss(out, y), loss.gradient(out, y)
        if self._penalized:
            value += self.penalty()
        grads = self._backward(caches, grad, fused)
        return value, grads, out, caches

    def _backward(self, caches, grad, fused: bool) -> dict[str, np.ndarray]:
        """{"node/param": gradient}: views of ``flat_grads`` (overwritten by the next backward pass)."""
        flat = self._grads_flat
        written = []
        pending = {self.output_id: grad}
        params, keys, views, requires = self._params, self._keys, self._grad_views, self._requires_grad
        relu_pools, premasked = self._relu_pools, self._relu_sources
        for nid, layer, ins in reversed(self._plan):
            g = pending.pop(nid, None)
            if g is None:
                continue
            if nid in relu_pools:   # the pool applies its input layer's relu too (its only reader)
                grad_inputs, grads = [layer.backward_through_relu(g, caches[nid])], {}
            elif nid in premasked or (fused and nid == self.output_id):
                grad_inputs, grads = layer.backward_preactivation(g, caches[nid], params[nid])
            else:
                grad_inputs, grads = layer.backward(g, caches[nid], params[nid])
            if layer.regularizer:
                layer.add_penalty_gradient(params[nid], grads)
            v = views[nid]
            for name, arr in grads.items():
                if arr is not v[name]:
                    np.copyto(v[name], arr)
                written.append(keys[nid][name])
            for p, gi in zip(ins, grad_inputs):
                if gi is None or not requires[p]:
                    continue
                pending[p] = pending[p] + gi if p in pending else gi  # a node feeding several: sum
        if len(written) != len(flat):  # some parameter got no gradient: hand over only those that did
            flat = {k: flat[k] for k in written}
        self.last_gradients = flat
        return flat

    def _update_state(self, caches) -> None:
        for nid, layer in self._stateful:
            layer.update_state(self._state[nid], caches[nid])

    # --- public computations ------------------------------------------------------------------------------
    def predict(self, X, batch_size: int | None = None) -> np.ndarray:
        """Outputs in inference mode (dropout off, batch norm on its moving statistics)."""
        X = self._as_input(X)
        if batch_size is None or batch_size >= len(X):
            return self._forward(X, False)[0][self.output_id]
        parts = [self._forward(X[i:i + batch_size], False)[0][self.output_id]
                 for i in range(0, len(X), batch_size)]
        return np.concatenate(parts) if parts else np.zeros((0,) + self.output_shape, self.dtype)

    def forward(self, X, training: bool = False) -> dict[str, np.ndarray]:
        """Every node's output, ``{node_id: array}``: in training mode dropout drops and batch norm uses the
        batch's statistics (without updating its moving ones); otherwise as ``predict``."""
        return self._forward(self._as_input(X), training)[0]

    def forward_all(self, X) -> dict[str, np.ndarray]:
        """Every node's output in inference mode (for activation views)."""
        return self.forward(X, False)

    def train_step(self, X, y, loss, optimizer=None) -> float:
        """One optimizer step on the batch (X, y), as ``fit`` takes it; returns the batch's loss. The
        optimizer is resolved as in ``fit`` (None keeps the network's own, Adam the first time)."""
        from .training import resolve_optimizer
        loss = losses.get(loss)
        self.loss = loss
        opt = resolve_optimizer(self, optimizer)
        X, y = self._as_input(X), self._as_target(y, loss)
        value, grads, _, caches = self._loss_and_gradients(X, y, loss)
        self._update_state(caches)
        if getattr(opt, "needs_closure", False):
            opt.step(self.params_flat, grads, lambda: self._loss_and_gradients(X, y, loss)[:2])
        else:
            opt.step(self.params_flat, grads)
        self.step_count += 1
        return float(value)

    def gradients(self, X, y, loss) -> tuple[float, dict[str, dict[str, np.ndarray]]]:
        """(loss, {node_id: {param: dL/dparam}}) on (X, y) in training mode; the weights do not change."""
        loss = losses.get(loss)
        value, flat, _, _ = self._loss_and_gradients(self._as_input(X), self._as_target(y, loss), loss)
        out: dict[str, dict[str, np.ndarray]] = {}
        for nid, k in self._keys.items():
            if k:  # copies: the flat gradient buffer is overwritten by the next pass
                out[nid] = {name: flat[key].copy() for name, key in k.items()}
        return float(value), out

    def gradient_norms(self) -> dict[str, float]:
        """{node_id: L2 norm of the layer's latest gradient, all its parameters together}; empty before a
        training step."""
        squares: dict[str, float] = {}
        with np.errstate(over="ignore", invalid="ignore"):      # a diverging step's norms are inf or nan
            if self.last_gradients and len(self.last_gradients) == len(self._grads_flat):   # every one: a pass
                sums = np.add.reduceat(np.square(self.flat_grads, dtype=np.float64), self._norm_starts)
                return dict(zip(self._norm_nodes, np.sqrt(sums).tolist()))
            for key, g in self.last_gradients.items():
                nid = key.split("/", 1)[0]
                g = np.asarray(g)
                squares[nid] = squares.get(nid, 0.0) + float(np.vdot(g, g).real)
        return {nid: float(np.sqrt(v)) for nid, v in squares.items()}

    def evaluate(self, X, y, loss=None, batch_size: int | None = None) -> dict[str, float]:
        """{"loss": ..., and the loss's metrics: "accuracy" or "mae", "rmse" and "r2"} in inference mode."""
        from .metrics import Accumulator
        loss = losses.get(loss if loss is not None else (self.loss or _default_loss(self)))
        X, y = self._as_input(X), self._as_target(y, loss)
        acc = Accumulator(loss.metric_kind)
        total = 0.0
        step = batch_size or max(len(X), 1)
        for i in range(0, len(X), step):
            out = self._forward(X[i:i + step], False)[0][self.output_id]
            total += loss(out, y[i:i + step]) * len(out)
            acc.update(out, y[i:i + step])
        logs = {"loss": total / max(len(X), 1) + self.penalty()}
        logs.update(acc.result())
        return logs

    def fit(self, X, y, loss, optimizer=None, epochs: int = 1, batch_size: int | None = 32, shuffle: bool = True,
            seed: int | None = None, validation_split: float = 0.0, validation_data=None, early_stopping=None,
            callbacks=(), initial_epoch: int = 0):
        """Train; returns a History. See docs/engine.md and nnstudio.engine.training.fit."""
        from .training import fit
        return fit(self, X, y, loss, optimizer=optimizer, epochs=epochs, batch_size=batch_size, shuffle=shuffle,
                   seed=seed, validation_split=validation_split, validation_data=validation_data,
                   early_stopping=early_stopping, callbacks=callbacks, initial_epoch=initial_epoch)

    @property
    def generator_state(self) -> dict:
        """Where the random generators training draws from stand: ``{"shuffle": state, "dropout": {node_id:
        state}}`` (NumPy bit-generator states, plain dicts). Setting it puts them back there."""
        return {"shuffle": self._shuffle_rng.bit_generator.state,
                "dropout": {nid: layer.rng.bit_generator.state for nid, layer in self._random_layers().items()}}

    @generator_state.setter
    def generator_state(self, state: dict) -> None:
        shuffle = np.random.default_rng()
        shuffle.bit_generator.state = state["shuffle"]
        self._shuffle_rng = shuffle
        layers = self._random_layers()
        for nid, st in (state.get("dropout") or {}).items():
            if nid in layers:
                layers[nid].rng.bit_generator.state = st

    @property
    def shuffle_rng(self) -> np.random.Generator:
        """The generator ``fit`` shuffles with when it is given no seed."""
        return self._shuffle_rng

    def reseed(self, seed: int) -> None:
        """Shuffling and dropout start afresh from ``seed``, as ``fit(seed=seed)`` would start them."""
        self._shuffle_rng = np.random.default_rng(seed)
        self.reseed_dropout(seed)

    def _random_layers(self) -> dict:
        # layers that draw random numbers while training keep their own generator (Dropout today)
        return {nid: layer for nid, layer, _ in self._plan
                if hasattr(layer, "reseed") and isinstance(getattr(layer, "rng", None), np.random.Generator)}

    def reseed_dropout(self, seed: int) -> None:
        """Give every Dropout layer a fresh generator derived from ``seed`` (same seed => same masks)."""
        for i, (_, layer, _) in enumerate(self._plan):
            if hasattr(layer, "reseed"):
                layer.reseed(int(np.random.default_rng([seed, i]).integers(2**63)))

    def __repr__(self) -> str:
        return f"<Network {len(self.order)} nodes, {self.count_params()} params, {self.dtype}>"


def _relu_pools(plan, output_id: str) -> dict[str, str]:
    """{max pool: its input} for the max pools whose input is a relu layer that feeds nothing else. In the
    training walk the pool takes the relu after its maximum and its backward applies relu's derivative: two
    passes fewer over the layer's output (the course CNN's conv1 output is 17 MB)."""
    readers: dict[str, int] = {}
    for _nid, _layer, ins in plan:
        for p in ins:
            readers[p] = readers.get(p, 0) + 1
    layers = {nid: layer for nid, layer, _ in plan}
    pools = {}
    for nid, layer, ins in plan:
        source = layers.get(ins[0]) if len(ins) == 1 else None
        if (hasattr(layer, "backward_through_relu") and source is not None and source.ACTIVATED
                and source.activation.name == "relu" and readers[ins[0]] == 1 and ins[0] != output_id):
            pools[nid] = ins[0]
    return pools


def _pack(groups: dict[str, dict[str, np.ndarray]], dtype) -> np.ndarray:
    """Move the arrays of ``groups`` into one contiguous buffer, replacing each by a view of its slice."""
    total = sum(a.size for d in groups.values() for a in d.values())
    flat = np.empty(total, dtype=dtype)
    offset = 0
    for d in groups.values():
        for name, a in d.items():
            view = flat[offset:offset + a.size].reshape(a.shape)
            view[...] = a
            d[name] = view
            offset += a.size
    return flat


# the task an output activation suggests when no data says it (evaluate without a loss)
_TASK_OF_ACTIVATION = {"softmax": "multiclass", "sigmoid": "binary"}


def _default_loss(net: Network) -> str:
    act = net.output_activation
    return losses.default_for(_TASK_OF_ACTIVATION.get(act, "regression"), act)

"""Weight snapshots over a run's time, kept within a memory cap, so training can be rewound to an epoch.

The policy (stated in docs/project-format.md): a snapshot is taken after every epoch (and of the initial
weights, as epoch 0). Every epoch of the recent past (``recent`` epochs before the newest) is kept; further
back an epoch survives only on a grid whose spacing doubles with each doubling of its distance from the newest
(distance in [recent * 2**k, recent * 2**(k+1)) keeps multiples of 2**(k+1)). Epoch 0 is a multiple of every
spacing, so the untrained network always stays. Past the byte cap, the snapshot whose neighbours lie closest
together for their distance from the newest goes first (the older on a tie), the recent past last, never the
newest; a network whose single snapshot exceeds the cap keeps none. The grid only ever coarsens as training
goes on, so a dropped epoch is never wanted back.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

Weights = dict[str, dict[str, np.ndarray]]


@dataclass(frozen=True)
class SnapshotPolicy:
    """``recent``: epochs kept one by one before the newest; ``cap_bytes``: the most a run's snapshots hold."""

    recent: int = 16
    cap_bytes: int = 32 << 20


DEFAULT_POLICY = SnapshotPolicy()


def weights_nbytes(weights: Weights) -> int:
    return sum(int(np.asarray(a).nbytes) for params in weights.values() for a in params.values())


def on_grid(epoch: int, newest: int, recent: int) -> bool:
    """Whether the thinning grid keeps ``epoch`` once ``newest`` is the latest snapshot."""
    distance = newest - epoch
    if distance < recent:
        return True
    band = (distance // recent).bit_length()   # distance in [recent * 2**(band-1), recent * 2**band)
    return epoch % (1 << band) == 0


class Snapshots:
    """A run's weights by epoch (epochs trained when taken). Arrays are never changed in place once kept."""

    def __init__(self, items: dict[int, Weights] | None = None, policy: SnapshotPolicy = DEFAULT_POLICY):
        self.policy = policy
        self._items: dict[int, Weights] = dict(sorted((items or {}).items()))
        self._nbytes = sum(weights_nbytes(w) for w in self._items.values())
        self._unthinned = 0  # epochs appended since the last thinning (see add)

    def _settled(self) -> dict[int, Weights]:
        if self._unthinned:
            self._thin()
        return self._items

    def __len__(self) -> int:
        return len(self._settled())

    def __iter__(self) -> Iterator[tuple[int, Weights]]:
        return iter(self._settled().items())

    def __contains__(self, epoch: int) -> bool:
        return epoch in self._settled()

    @property
    def epochs(self) -> list[int]:
        return list(self._settled())

    @property
    def nbytes(self) -> int:
        self._settled()
        return self._nbytes

    def get(self, epoch: int) -> Weights:
        return self._settled()[epoch]

    def at_or_before(self, epoch: int) -> tuple[int, Weights] | None:
        """The latest snapshot taken at or before ``epoch`` (what the network was then), or None."""
        best = None
        for e in self._settled():
            if e > epoch:
                break
            best = e
        return None if best is None else (best, self._items[best])

    def copy(self) -> "Snapshots":
        """Another list of the same (shared, never changed) arrays."""
        return Snapshots(self._settled(), self.policy)

    def fits(self, nbytes: int) -> bool:
        """Whether a snapshot of ``nbytes`` can be kept at all under the cap."""
        return nbytes <= self.policy.cap_bytes

    def add(self, epoch: int, weights: Weights) -> None:
        """Keep ``weights`` (the caller's copies) as epoch ``epoch``, then thin to the policy and the cap."""
        size = weights_nbytes(weights)
        if not self.fits(size):
            return
        if self._items and epoch > next(reversed(self._items)):
            # training appends one epoch at a time: thin now and then, not after every epoch (a tiny network's
            # epoch is a few dozen microseconds). The grid only ever drops epochs as the newest grows, so a late
            # thinning keeps exactly what thinning every time would; the cap is checked on every append.
            self._items[epoch] = weights
            self._nbytes += size
            self._unthinned += 1
            if self._unthinned >= self.policy.recent or self._nbytes > self.policy.cap_bytes:
                self._thin()
            return
        if epoch in self._items:
            self._nbytes -= weights_nbytes(self._items[epoch])
        # a run continued from an earlier point replaces what lay after it
        for later in [e for e in self._items if e > epoch]:
            self._drop(later)
        self._items[epoch] = weights
        self._nbytes += size
        self._items = dict(sorted(self._items.items()))
        self._thin()

    def keep_fitting(self, weights: Weights) -> None:
        """Drop the snapshots whose arrays differ in kind or shape from ``weights`` (the network was edited)."""
        shapes = {n: {k: np.shape(a) for k, a in p.items()} for n, p in weights.items()}
        for epoch, snap in list(self._items.items()):
            if {n: {k: np.shape(a) for k, a in p.items()} for n, p in snap.items()} != shapes:
                self._drop(epoch)

    def _drop(self, epoch: int) -> None:
        self._nbytes -= weights_nbytes(self._items.pop(epoch))

    def _thin(self) -> None:
        self._unthinned = 0
        if not self._items:
            return
        newest = max(self._items)
        for e in [e for e in self._items if not on_grid(e, newest, self.policy.recent)]:
            self._drop(e)
        while self._nbytes > self.policy.cap_bytes and len(self._items) > 1:
            epochs = list(self._items)
            if len(epochs) == 2:
                self._drop(epochs[0])
                break
            # outside the recent past first, the inner snapshot whose removal leaves the smallest gap for
            # its distance from the newest (so what stays is spaced geometrically); the older on a tie
            recent = self.policy.recent
            gaps = [(newest - epochs[i] < recent, (epochs[i + 1] - epochs[i - 1]) / (newest - epochs[i]), epochs[i])
                    for i in range(1, len(epochs) - 1)]
            self._drop(min(gaps)[2])


class Recorder:
    """A training callback that keeps a snapshot of the initial weights (a fresh run) and after each epoch.
    A network too large for the cap is never copied."""

    def __init__(self, snapshots: Snapshots):
        self.snapshots = snapshots
        self._skip = False

    def on_train_begin(self, net, logs) -> None:
        weights = net.get_weights()
        self._skip = not self.snapshots.fits(weights_nbytes(weights))
        if self._skip:
            return
        self.snapshots.keep_fitting(weights)
        start = int(logs.get("initial_epoch", 0))
        if start == 0 or start not in self.snapshots:
            self.snapshots.add(start, weights)

    def on_epoch_end(self, net, logs) -> None:
        if not self._skip:
            self.snapshots.add(int(logs["epoch"]) + 1, net.get_weights())

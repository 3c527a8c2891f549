"""What the views draw at a stored epoch: a run's snapshot weights put into a throwaway network and one
snapshot taken from it, as the worker takes them between batches. Pure NumPy, so it runs on the GUI thread
for a small network and in a Background thread for a large one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnstudio.engine.network import Network
from nnstudio.project.rewind import Weights

from . import card_images, snapshots

# a network with fewer parameters than this is rebuilt and drawn on the GUI thread as the slider moves
# (a forward pass over the 64x64 plane of a few thousand weights is far below a frame); larger ones go to a
# Background thread
SYNC_PARAMS = 20_000


def shapes_of(weights: Weights) -> dict:
    return {n: {k: np.shape(a) for k, a in p.items()} for n, p in weights.items()}


@dataclass
class Basis:
    """What every frame of one run is computed over: the snapshot plan (the data under the views, the plane)
    and the network's spec and arrays' shapes (a snapshot of another shape does not belong to it)."""

    plan: snapshots.SnapshotPlan
    spec: dict
    shapes: dict
    params: int

    @classmethod
    def of(cls, prepared, spec: dict) -> "Basis":
        """From ``runner.prepare``'s result (the window's last session or preview) and the network drawn."""
        ds = prepared.dataset
        plan = snapshots.SnapshotPlan.build(spec, ds.task, prepared.X, prepared.y, prepared.X_val, prepared.y_val,
                                            ds.n_classes or 0)
        weights = prepared.network.get_weights()
        return cls(plan, spec, shapes_of(weights), sum(int(np.size(a)) for p in weights.values() for a in p.values()))

    def fits(self, weights: Weights) -> bool:
        return shapes_of(weights) == self.shapes

    @property
    def small(self) -> bool:
        return self.params < SYNC_PARAMS


def frame(basis: Basis, weights: Weights, epoch: int) -> snapshots.Snapshot:
    """The snapshot every view draws for the network holding ``weights`` (after ``epoch`` epochs)."""
    network = Network.from_config(basis.spec)
    network.set_weights(weights)
    snap = snapshots.take(basis.plan, network, step=0, epoch=float(epoch))
    snap.card_pixels = card_images.pixels(snap, basis.spec)
    return snap

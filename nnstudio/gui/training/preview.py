"""What a trained project's weights do, shown before any session in this window (a reopened project, or
Reset weights undone): its network and data prepared and one snapshot taken from the saved weights, as the
worker takes them between batches. Preparing reads and scales the data (long for
MNIST-sized sets), so it runs in a Background thread on a copy of the project; the window keeps the prepared network for
the next Train while nothing it depends on changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nnstudio.project import runner

from . import card_images, snapshots
from .worker import TrainingJob


@dataclass
class Preview:
    """One snapshot of the saved weights, and the job it was taken from (the data the views draw under it)."""

    job: TrainingJob
    snapshot: snapshots.Snapshot


def compute(project, spec: dict, epochs: int | None, progress) -> Preview:
    """Runs in a Background thread: ``project`` is a copy (Project.snapshot) the window no longer touches."""
    prepared = runner.prepare(project, spec=spec)
    progress(1, 2)
    job = TrainingJob.from_prepared(prepared, spec, epochs)
    plan = snapshots.SnapshotPlan.build(spec, job.task, job.X, job.y, job.X_val, job.y_val, job.n_classes)
    snap = snapshots.take(plan, job.network, step=job.initial_step, epoch=float(job.initial_epoch))
    snap.card_pixels = card_images.pixels(snap, spec)
    progress(2, 2)
    return Preview(job, snap)


@dataclass
class Request:
    """What a preview was asked for: its result is shown only while the window still holds these weights."""

    project: Any
    weights: Any
    fingerprint: str      # SessionJobs' for the project and network then: the prepared network's validity
    network: dict         # the network as the engine sees it (layers and edges, no names or positions)

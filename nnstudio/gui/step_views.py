"""A step applied by hand (the backprop explorer's "Apply this step") shown in the window's live views: the
curves get the recorded history, the boundary, weights and card pictures a snapshot of the new weights, as a
finished session leaves them."""

from __future__ import annotations

from nnstudio.project import runner
from nnstudio.project.session import TrainingJob

from .training import snapshots


def show_recorded(training, prepared, spec: dict) -> None:
    """``training``: the window's WindowTraining; ``prepared``: the runner's Prepared that took the step."""
    job = TrainingJob.from_prepared(prepared, spec, epochs=0)
    ds = prepared.dataset
    views = training.views
    views.begin(job, class_names=ds.class_names, feature_names=ds.feature_names, fresh=False)
    views.show_history(training.project.history, job.task)
    plan = snapshots.SnapshotPlan.build(spec, job.task, job.X, job.y, job.X_val, job.y_val, job.n_classes)
    net = prepared.network
    views.on_snapshot(snapshots.take(plan, net, step=net.step_count, epoch=float(runner.epochs_done(training.project))))
    views.flush()

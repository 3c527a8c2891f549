"""Plain records the training views receive, for tests that feed views by hand."""

from __future__ import annotations


def progress_record(**fields):
    """A session Progress with plain defaults; ``fields`` override them."""
    from nnstudio.project.session import Progress
    base = dict(step=0, steps_this_run=0, epoch=0, position=0.0, epoch_end=10, batch=0, batches_per_epoch=1,
                steps_per_s=0.0, samples_per_s=0.0, eta_s=None, batch_points=([], []), epochs=[], paused=False,
                final=False)
    return Progress(**{**base, **fields})

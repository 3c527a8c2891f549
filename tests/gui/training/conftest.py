"""Fixtures for the live-training tests: small real networks and data, and a controller that is always
shut down (thread quit and waited) when the test ends."""

import numpy as np
import pytest

from ..records import progress_record  # noqa: F401  (the training tests import it from here)

from nnstudio import data
from nnstudio.engine.network import Network
from nnstudio.gui.training.controller import TrainingController
from nnstudio.gui.training.worker import TrainingJob


def mlp_spec(inputs=2, hidden=(8,), outputs=1, out_act="sigmoid", act="tanh"):
    nodes = [{"id": "x", "type": "Input", "params": {"shape": [inputs]}}]
    edges = []
    prev = "x"
    for i, units in enumerate(hidden):
        nid = f"h{i}"
        nodes.append({"id": nid, "type": "Dense", "params": {"units": units, "activation": act}})
        edges.append([prev, nid])
        prev = nid
    nodes.append({"id": "y", "type": "Dense", "params": {"units": outputs, "activation": out_act}})
    edges.append([prev, "y"])
    return {"nodes": nodes, "edges": edges}


def make_job(*, epochs=5, batch_size=16, lr=0.01, optimizer="adam", n=96, val=True, spec=None, task="binary",
             generator="moons", seed=0):
    spec = spec or mlp_spec()
    ds = data.generate(generator, n_samples=n, seed=seed)
    X = np.asarray(ds.X, dtype=np.float64)
    if task == "regression":
        y = np.asarray(ds.y, dtype=np.float64).reshape(-1, 1)
        loss = "mse"
    else:
        y = np.asarray(ds.y, dtype=np.float64).reshape(-1, 1)
        loss = "binary_crossentropy"
    cut = int(0.75 * len(X)) if val else len(X)
    return TrainingJob(network=Network.from_config(spec, seed=seed), X=X[:cut], y=y[:cut],
                       X_val=X[cut:] if val else None, y_val=y[cut:] if val else None, loss=loss,
                       optimizer={"name": optimizer, "learning_rate": lr}, epochs=epochs, batch_size=batch_size,
                       seed=seed, task=task, n_classes=2 if task != "regression" else 0, spec=spec)


@pytest.fixture
def controller_factory(qtbot):
    made = []

    def factory(**job_kwargs):
        jobs = []

        def make(epochs=None):
            job = make_job(**job_kwargs)
            jobs.append(job)
            return job

        c = TrainingController(make)
        c.jobs = jobs
        made.append(c)
        return c

    yield factory
    for c in made:
        c.shutdown()
        assert c.thread is None

"""engine/heap.py: a fit reuses the memory its steps free, and hands it back when it ends (glibc only)."""

import json
import subprocess
import sys

import pytest

from nnstudio.engine import heap

pytestmark = pytest.mark.skipif(heap._libc() is None, reason="glibc's malloc only")

# Each measurement runs in a fresh interpreter: malloc's thresholds are process-wide and other tests move them.
# The course's MNIST CNN at batch 200, the network this was for; faults are counted from its second step to
# its fifth, inside one fit. "default" runs the same steps with the heap rule switched off.
SCRIPT = """
import json, resource, sys
import numpy as np
from nnstudio.engine import Network, heap

if sys.argv[1] == "default":
    heap._libc.cache_clear()
    heap._libc = lambda: None
heap.TRIM_AFTER = float(sys.argv[2])

def rss_mb():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS")) / 1024

layers = [("Conv2D", {"filters": 32, "kernel_size": 3, "activation": "relu"}), ("MaxPooling2D", {"pool_size": 2}),
          ("Conv2D", {"filters": 64, "kernel_size": 3, "activation": "relu"}), ("MaxPooling2D", {"pool_size": 2}),
          ("Flatten", {}), ("Dense", {"units": 10, "activation": "softmax"})]
nodes = [{"id": "x", "type": "Input", "params": {"shape": [28, 28, 1]}}]
nodes += [{"id": f"l{i}", "type": t, "params": p} for i, (t, p) in enumerate(layers, 1)]
edges = [[a["id"], b["id"]] for a, b in zip(nodes, nodes[1:])]
net = Network({"nodes": nodes, "edges": edges})
rng = np.random.default_rng(0)
X, y = rng.random((1000, 28, 28, 1), np.float32), rng.integers(0, 10, 1000)
seen = {}

class Count:
    def on_batch_end(self, net, logs):
        batch = len(seen)
        seen[batch] = (resource.getrusage(resource.RUSAGE_SELF).ru_minflt, rss_mb())

base = rss_mb()
net.fit(X, y, "sparse_categorical_crossentropy", epochs=1, batch_size=200, callbacks=[Count()])
print(json.dumps({"faults": seen[4][0] - seen[1][0], "base": base, "inside": seen[4][1], "after": rss_mb()}))
"""


def _run(mode: str, trim_after: float = 0.0) -> dict:
    out = subprocess.run([sys.executable, "-c", SCRIPT, mode, str(trim_after)], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout)


def test_freed_arrays_are_reused_without_page_faults():
    default, kept = _run("default"), _run("kept")
    # malloc's own rule hands some of each step's arrays back and faults them in again at the next step
    assert default["faults"] > 3000
    assert kept["faults"] < default["faults"] / 20


def test_memory_goes_back_when_a_long_fit_ends():
    kept = _run("kept", trim_after=0.0)
    # the step's freed arrays stayed in the process during the fit (its window matrix alone is 28 MB)
    assert kept["inside"] - kept["base"] > 50
    assert kept["after"] < kept["inside"] - 50     # and left it when the fit ended


def test_a_short_fit_keeps_the_memory_for_the_next():
    kept = _run("kept", trim_after=3600.0)
    assert kept["after"] > kept["inside"] - 10


def test_fits_in_two_threads_share_the_setting():
    libc = heap._libc()
    with heap.kept_for_training():
        with heap.kept_for_training():
            assert heap._active == 2
        assert heap._active == 1
    assert heap._active == 0 and libc is not None


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="fork is POSIX only")
def test_a_forked_child_runs_none_of_its_parents_fits():
    # a child forked while a fit ran elsewhere in the parent would otherwise never hand memory back
    code = """
import os
from nnstudio.engine import heap
with heap.kept_for_training():
    pid = os.fork()
    if pid == 0:
        os._exit(0 if heap._active == 0 else 1)
    _, status = os.waitpid(pid, 0)
raise SystemExit(os.waitstatus_to_exitcode(status))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr

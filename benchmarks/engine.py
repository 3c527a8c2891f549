"""Engine speed figures (prints, never asserts), float32, compared with PyTorch CPU when importable.

    python benchmarks/engine.py            # all
    python benchmarks/engine.py mlp xor    # some: mlp, xor, cnn, memory, mnist_cnn, two_layer,
                                           # lstm_course, gru_course, lstm_large, gru_large, rnn_memory

(a) MLP 784-256(relu)-128(relu)-10(softmax), Adam, batch 128, 20,000 random samples: samples/s, and the
    share of a step spent outside the matrix products, for the engine, for the same step hand-written in raw
    NumPy (numpy_floor.py) and for torch; (b) XOR 2-4(tanh)-1(sigmoid), full-batch SGD: steps/s;
(c) CNN 8x8x1 -> Conv2D(16,3,same,relu) -> MaxPool 2 -> Conv2D(32,3,same,relu) -> MaxPool 2 -> Flatten ->
    Dense(10,softmax), SGD, batch 64: samples/s; (d) memory over many steps; (e) the course's MNIST CNN
    (28x28x1, Conv2D 32 3x3 relu, MaxPool 2, Conv2D 64 3x3 relu, MaxPool 2, Dense 128 relu, Dense 10 softmax:
    225,034 parameters), Adam, batch 200: samples/s; (f) the course's TwoLayerNet 784-100(sigmoid)-10(softmax),
    SGD lr 0.1, batch 100: samples/s. (e) and (f) use random pixels: speed does not depend on the values.
(g) recurrent, Adam, MSE, RNN -> Dense(1) on the last state: the course's LSTM size (batch 32, 10 steps, 1
    feature, 50 units) and a larger one (batch 64, 50 steps, 8 features, 64 units), LSTM and GRU, tanh cells
    (torch.nn.LSTM/GRU have no other; relu costs the engine the same): training samples/s; rnn_memory: the
    large LSTM's memory over 200 steps.
Each figure is the median of a few rounds that alternate engine and PyTorch (the machine may be shared;
--help for the options, --before-after for the engine without its one-BLAS-thread rule in the same rounds).
PyTorch (optional, never a dependency) runs in a child process with torch.set_num_threads(the same thread
count): two thread pools (OpenMP and OpenBLAS) spinning in one process slow each other down and would make
both figures meaningless.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tracemalloc

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import nnstudio  # noqa: E402,F401  (before NumPy, as the nnstudio command: it sets OpenBLAS's thread timeout)
import numpy as np  # noqa: E402

THREADS = int(os.environ.get("BENCH_THREADS", os.cpu_count() or 1))
REPEATS = int(os.environ.get("BENCH_REPEATS", 5))
BEFORE_AFTER = False  # --before-after
MLP_N, CNN_N, XOR_STEPS = 20_000, 4096, 5000
MNIST_CNN_N, TWO_LAYER_N = 2000, 20_000
# name -> (layer type, batch, steps, features, units); RNN_N samples per timed epoch
RNN_CASES = {"lstm_course": ("LSTM", 32, 10, 1, 50), "gru_course": ("GRU", 32, 10, 1, 50),
             "lstm_large": ("LSTM", 64, 50, 8, 64), "gru_large": ("GRU", 64, 50, 8, 64)}
RNN_N = 3200


def best(fn, repeats=REPEATS):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def chain(input_shape, *layers):
    nodes = [{"id": "x", "type": "Input", "params": {"shape": list(input_shape)}}]
    edges, prev = [], "x"
    for i, (type_, params) in enumerate(layers, 1):
        nodes.append({"id": f"l{i}", "type": type_, "params": params})
        edges.append([prev, f"l{i}"])
        prev = f"l{i}"
    return {"nodes": nodes, "edges": edges}


MLP = chain([784], ("Dense", {"units": 256, "activation": "relu"}), ("Dense", {"units": 128, "activation": "relu"}),
            ("Dense", {"units": 10, "activation": "softmax"}))
XOR = chain([2], ("Dense", {"units": 4, "activation": "tanh"}), ("Dense", {"units": 1, "activation": "sigmoid"}))
CNN = chain([8, 8, 1], ("Conv2D", {"filters": 16, "kernel_size": 3, "padding": "same", "activation": "relu"}),
            ("MaxPooling2D", {"pool_size": 2}),
            ("Conv2D", {"filters": 32, "kernel_size": 3, "padding": "same", "activation": "relu"}),
            ("MaxPooling2D", {"pool_size": 2}), ("Flatten", {}), ("Dense", {"units": 10, "activation": "softmax"}))

MNIST_CNN = chain([28, 28, 1], ("Conv2D", {"filters": 32, "kernel_size": 3, "activation": "relu"}),
                  ("MaxPooling2D", {"pool_size": 2}),
                  ("Conv2D", {"filters": 64, "kernel_size": 3, "activation": "relu"}),
                  ("MaxPooling2D", {"pool_size": 2}), ("Flatten", {}),
                  ("Dense", {"units": 128, "activation": "relu"}), ("Dense", {"units": 10, "activation": "softmax"}))
TWO_LAYER = chain([784], ("Dense", {"units": 100, "activation": "sigmoid"}),
                  ("Dense", {"units": 10, "activation": "softmax"}))
BATCH = {"mlp": 128, "cnn": 64, "mnist_cnn": 200, "two_layer": 100}


def data(name):
    rng = np.random.default_rng(0)
    if name == "mlp":
        return rng.normal(size=(MLP_N, 784)).astype(np.float32), rng.integers(0, 10, size=MLP_N)
    if name == "cnn":
        return rng.normal(size=(CNN_N, 8, 8, 1)).astype(np.float32), rng.integers(0, 10, size=CNN_N)
    if name == "mnist_cnn":
        return rng.random((MNIST_CNN_N, 28, 28, 1), np.float32), rng.integers(0, 10, size=MNIST_CNN_N)
    if name == "two_layer":
        return rng.random((TWO_LAYER_N, 784), np.float32), rng.integers(0, 10, size=TWO_LAYER_N)
    if name in RNN_CASES:
        _, _, steps, features, _ = RNN_CASES[name]
        return (rng.normal(size=(RNN_N, steps, features)).astype(np.float32),
                rng.normal(size=(RNN_N, 1)).astype(np.float32))
    return (np.array([[0, 0], [0, 1], [1, 0], [1, 1]], np.float32), np.array([[0], [1], [1], [0]], np.float32))


# --- the engine -------------------------------------------------------------------------------------------
_CACHE: dict = {}


def _net(name, spec, optimizer, loss="sparse_categorical_crossentropy", warm=10):
    """A warmed-up network and its data, built once per process."""
    if name not in _CACHE:
        from nnstudio.engine import Network
        X, y = data(name)
        net = Network.from_config(spec, seed=0)
        batch = BATCH.get(name)
        n = len(X) if batch is None else warm * batch
        net.fit(X[:n], y[:n], loss, optimizer=optimizer, epochs=1 if batch else warm, batch_size=batch)
        _CACHE[name] = (net, X, y)
    return _CACHE[name]


def engine_mlp():
    net, X, y = _net("mlp", MLP, "adam")
    secs = best(lambda: net.fit(X, y, "sparse_categorical_crossentropy", epochs=1, batch_size=128, seed=0), 1)
    # the same step's matrix products alone (same shapes, dtype, layouts), timed right after
    b = 128
    xb = X[:b]
    W1, W2, W3 = (net.params_flat[f"l{i}/kernel"] for i in (1, 2, 3))
    h1, h2, g3 = (np.full((b, k), 0.5, np.float32) for k in (256, 128, 10))

    def gemms():
        for _ in range(MLP_N // b):
            xb @ W1, h1 @ W2, h2 @ W3            # forward
            h2.T @ g3, g3 @ W3.T                 # backward: layer 3
            h1.T @ h2, h2 @ W2.T                 # layer 2
            xb.T @ h1                            # layer 1 (no gradient for the data)
    gemm = best(gemms, 1) / (MLP_N // b)
    from numpy_floor import floor_figures  # the same step hand-written in raw NumPy, in the same round
    return (MLP_N / secs, secs / (MLP_N / b), gemm) + floor_figures(X, y)


def engine_xor():
    net, X, y = _net("xor", XOR, {"name": "sgd", "learning_rate": 0.5}, "binary_crossentropy")
    return XOR_STEPS / best(lambda: net.fit(X, y, "binary_crossentropy", epochs=XOR_STEPS, batch_size=None), 1)


def engine_cnn():
    net, X, y = _net("cnn", CNN, {"name": "sgd", "learning_rate": 0.01})
    return CNN_N / best(lambda: net.fit(X, y, "sparse_categorical_crossentropy", epochs=1, batch_size=64, seed=0), 1)


def engine_mnist_cnn():
    net, X, y = _net("mnist_cnn", MNIST_CNN, "adam", warm=2)
    secs = best(lambda: net.fit(X, y, "sparse_categorical_crossentropy", epochs=1, batch_size=200, seed=0), 1)
    # the step's matrix products alone, timed right after: the shapes the engine multiplies (im2col windows
    # by kernels; conv2's input gradient as window gradients dz K^T, conv1 needs none)
    b, f = 200, np.float32
    cols1, z1 = np.full((b * 26 * 26, 9), 0.5, f), np.full((b * 26 * 26, 32), 0.5, f)
    cols2, z2 = np.full((b * 11 * 11, 288), 0.5, f), np.full((b * 11 * 11, 64), 0.5, f)
    h, z3 = np.full((b, 1600), 0.5, f), np.full((b, 128), 0.5, f)
    K1, K2, W3 = (net.params_flat[f"l{i}/kernel"].reshape(-1, k) for i, k in ((1, 32), (3, 64), (6, 128)))
    steps = len(X) // b

    def gemms():
        for _ in range(steps):
            cols1 @ K1, cols2 @ K2, h @ W3             # forward
            h.T @ z3, z3 @ W3.T                         # Dense 128: dW, dx
            cols2.T @ z2, z2 @ K2.T                     # conv2: dK, window gradients
            cols1.T @ z1                                # conv1: dK
    gemm = best(gemms, 1) / steps
    return len(X) / secs, secs / steps, gemm


def engine_two_layer():
    net, X, y = _net("two_layer", TWO_LAYER, {"name": "sgd", "learning_rate": 0.1})
    return len(X) / best(lambda: net.fit(X, y, "sparse_categorical_crossentropy", epochs=1, batch_size=100,
                                         seed=0), 1)


def rnn_spec(name):
    kind, _, steps, features, units = RNN_CASES[name]
    return chain([steps, features], (kind, {"units": units}), ("Dense", {"units": 1}))


def engine_rnn(name):
    batch = RNN_CASES[name][1]
    BATCH[name] = batch
    net, X, y = _net(name, rnn_spec(name), "adam", "mse")
    return len(X) / best(lambda: net.fit(X, y, "mse", epochs=1, batch_size=batch, seed=0), 1)


def engine_rnn_memory():
    """Traced memory after every 40 steps of the large LSTM, 200 steps in all."""
    from nnstudio.engine import Network
    X, y = data("lstm_large")
    X, y = X[:2560], y[:2560]
    net = Network.from_config(rnn_spec("lstm_large"), seed=0)
    net.fit(X[:640], y[:640], "mse", optimizer="adam", epochs=1, batch_size=64)
    tracemalloc.start()
    marks = []
    for _ in range(5):
        net.fit(X, y, "mse", epochs=1, batch_size=64)
        marks.append(tracemalloc.get_traced_memory()[0])
    tracemalloc.stop()
    return marks


def engine_memory():
    from nnstudio.engine import Network
    X, y = data("mlp")
    X, y = X[:2560], y[:2560]
    net = Network.from_config(MLP, seed=0)
    net.fit(X, y, "sparse_categorical_crossentropy", optimizer="adam", epochs=1, batch_size=128)
    tracemalloc.start()
    marks = []
    for _ in range(5):
        net.fit(X, y, "sparse_categorical_crossentropy", epochs=2, batch_size=128)
        marks.append(tracemalloc.get_traced_memory()[0])
    tracemalloc.stop()
    return marks


# --- PyTorch (child process) ------------------------------------------------------------------------------
def torch_run(name):
    import torch
    torch.set_num_threads(THREADS)
    nn = torch.nn
    X, y = data(name)
    if name in RNN_CASES:
        kind, batch, _, features, units = RNN_CASES[name]
        rnn = getattr(nn, kind)(features, units, batch_first=True)
        head = nn.Linear(units, 1)
        opt = torch.optim.Adam(list(rnn.parameters()) + list(head.parameters()), lr=1e-3)
        tX, ty = torch.from_numpy(X), torch.from_numpy(y)
        lossf = nn.MSELoss()

        def rnn_epoch():
            perm = torch.randperm(len(X))
            for i in range(0, len(X), batch):
                idx = perm[i:i + batch]
                opt.zero_grad()
                lossf(head(rnn(tX[idx])[0][:, -1]), ty[idx]).backward()
                opt.step()
        rnn_epoch()
        return len(X) / best(rnn_epoch, 1)
    if name == "xor":
        model = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1))
        opt = torch.optim.SGD(model.parameters(), lr=0.5)
        tX, ty = torch.from_numpy(X), torch.from_numpy(y)
        lossf = nn.BCEWithLogitsLoss()

        def run():
            for _ in range(XOR_STEPS):
                opt.zero_grad()
                lossf(model(tX), ty).backward()
                opt.step()
        run()
        return XOR_STEPS / best(run, 1)
    if name == "mlp":
        model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        tX, batch = torch.from_numpy(X), 128
    elif name == "two_layer":
        model = nn.Sequential(nn.Linear(784, 100), nn.Sigmoid(), nn.Linear(100, 10))
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        tX, batch = torch.from_numpy(X), 100
    elif name == "mnist_cnn":
        model = nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(),
                              nn.MaxPool2d(2), nn.Flatten(), nn.Linear(1600, 128), nn.ReLU(), nn.Linear(128, 10))
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        tX, batch = torch.from_numpy(np.ascontiguousarray(np.transpose(X, (0, 3, 1, 2)))), 200
    else:
        model = nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                              nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                              nn.Flatten(), nn.Linear(32 * 2 * 2, 10))
        opt = torch.optim.SGD(model.parameters(), lr=0.01)
        tX, batch = torch.from_numpy(np.ascontiguousarray(np.transpose(X, (0, 3, 1, 2)))), 64
    ty = torch.from_numpy(y)
    lossf = nn.CrossEntropyLoss()
    n = len(X)
    steps = -(-n // batch)

    def epoch():
        perm = torch.randperm(n)
        for i in range(0, n, batch):
            idx = perm[i:i + batch]
            opt.zero_grad()
            lossf(model(tX[idx]), ty[idx]).backward()
            opt.step()
    epoch()
    secs = best(epoch, 1)
    if name != "mlp":
        return n / secs
    # torch's own step against its matrix products alone (weights stored (out, in), hence the transposes)
    W1, W2, W3 = (model[i].weight.detach() for i in (0, 2, 4))
    xb = tX[:batch]
    h1, h2, g3 = (torch.full((batch, k), 0.5) for k in (256, 128, 10))

    def gemms():
        for _ in range(n // batch):
            xb @ W1.T, h1 @ W2.T, h2 @ W3.T
            g3.T @ h2, g3 @ W3
            h2.T @ h1, h2 @ W2
            h1.T @ xb
    with torch.no_grad():
        gemms()
        gemm = best(gemms, 1) / (n // batch)
    return f"{n / secs} {secs / steps} {gemm}"


def torch_figure(name: str) -> float | None:
    try:
        out = subprocess.run([sys.executable, os.path.abspath(__file__), "--torch", name], capture_output=True,
                             text=True, timeout=1800)
    except subprocess.TimeoutExpired:
        return None
    if out.returncode != 0:
        if "No module named 'torch'" not in out.stderr:
            print(f"    (torch run failed: {out.stderr.strip()[-300:]})")
        return None
    figures = [float(f) for f in out.stdout.strip().splitlines()[-1].split()]
    return figures[0] if len(figures) == 1 else tuple(figures)


def report(name, ours, theirs, unit, target):
    line = f"{name:<46} engine {ours:>10,.0f} {unit}"
    if theirs is not None:
        line += f" | torch {theirs:>10,.0f} {unit} | {ours / theirs:5.2f}x (target >= {target}x)"
    before = LAST.get("before")
    if before:
        line += f" | before {before:>10,.0f} {unit}, after/before {ours / before:4.2f}x"
    load = LAST.get("load")
    if load:
        line += f" | load {load[0]:.1f}-{load[1]:.1f}"
    print(line, flush=True)


def blas_info() -> str:
    try:
        from threadpoolctl import threadpool_info
        info = [f"{i.get('internal_api')} {i.get('version')} kernel={i.get('architecture')} "
                f"threads={i.get('num_threads')}" for i in threadpool_info() if i.get("user_api") == "blas"]
        return "; ".join(info) or "unknown"
    except ImportError:
        return "(threadpoolctl not installed)"


def _median_round(rounds):
    """The median round of [(figure, extras)] by figure (the upper one of an even count)."""
    return sorted(rounds, key=lambda r: r[0])[len(rounds) // 2] if rounds else (None, None)


def _split(figure):
    return (figure[0], figure[1:]) if isinstance(figure, tuple) else (figure, None)


def interleaved(engine_fn, name):
    """REPEATS rounds, each timing the engine once (with --before-after, first once as before: BLAS on every
    thread for the small products of a fit, see nnstudio/engine/blas_threads.py) and then PyTorch once in its
    child process, so all see the same moments of a shared machine. Medians of the rounds (and the extras
    of the median round); the "before" median lands in LAST["before"], the load average in LAST["load"]."""
    from nnstudio.engine import blas_threads
    ours, theirs, before = [], [], []
    load = os.getloadavg()[0]
    for _ in range(REPEATS):
        if BEFORE_AFTER:
            threshold, blas_threads.ONE_THREAD_PRODUCT = blas_threads.ONE_THREAD_PRODUCT, 0
            try:
                before.append(_split(engine_fn())[0])
            finally:
                blas_threads.ONE_THREAD_PRODUCT = threshold
        ours.append(_split(engine_fn()))
        t = torch_figure(name)
        if t is not None:
            theirs.append(_split(t))
    LAST["before"] = float(np.median(before)) if before else None
    LAST["load"] = (load, os.getloadavg()[0])
    (figure, extras), (t_figure, t_extras) = _median_round(ours), _median_round(theirs)
    return figure, t_figure, extras, t_extras


LAST: dict = {}


def share(label: str, step: float, gemm: float) -> str:
    return (f"    {label}: one step {step * 1e3:.3f} ms, its GEMMs alone {gemm * 1e3:.3f} ms: outside the GEMMs "
            f"{max(step - gemm, 0) / step:.0%} of a step")


def main(names):
    print(f"numpy {np.__version__}, BLAS {blas_info()}, {THREADS} threads, median of {REPEATS} interleaved rounds; "
          f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE')} OPENBLAS_L2_SIZE={os.environ.get('OPENBLAS_L2_SIZE')}")
    for name in names:
        if name == "mlp":
            ours, theirs, (step, gemm, floor_step, floor_gemm), torch_share = interleaved(engine_mlp, "mlp")
            report("(a) MLP 784-256-128-10, Adam, batch 128", ours, theirs, "samples/s", 1.2)
            print(share("engine", step, gemm) + " (target < 25%)")
            print(share("hand-written raw NumPy step (numpy_floor.py)", floor_step, floor_gemm))
            if torch_share is not None:
                print(share("torch", *torch_share), flush=True)
        elif name == "xor":
            ours, theirs, _, _ = interleaved(engine_xor, "xor")
            report("(b) XOR 2-4-1, full-batch SGD", ours, theirs, "steps/s", 5)
        elif name == "cnn":
            ours, theirs, _, _ = interleaved(engine_cnn, "cnn")
            report("(c) CNN 8x8x1 conv-pool-conv-pool-dense, SGD", ours, theirs, "samples/s", 1)
        elif name == "mnist_cnn":
            ours, theirs, (step, gemm), _ = interleaved(engine_mnist_cnn, "mnist_cnn")
            report("(e) course CNN 28x28, 225,034 params, Adam, b200", ours, theirs, "samples/s", 1)
            print(share("engine", step, gemm), flush=True)
            if theirs is not None:
                print(f"    torch's whole step {200 / theirs * 1e3:.3f} ms", flush=True)
        elif name == "two_layer":
            ours, theirs, _, _ = interleaved(engine_two_layer, "two_layer")
            report("(f) TwoLayerNet 784-100-10, SGD, batch 100", ours, theirs, "samples/s", 1.5)
        elif name in RNN_CASES:
            kind, batch, steps, features, units = RNN_CASES[name]
            ours, theirs, _, _ = interleaved(lambda: engine_rnn(name), name)
            report(f"(g) {kind} b{batch}, {steps} steps x {features}, {units} units", ours, theirs, "samples/s", 1)
        elif name == "rnn_memory":
            marks = engine_rnn_memory()
            print(f"(g) LSTM b64 50x8 64 units, memory (tracemalloc) after every 40 steps: "
                  f"{', '.join(f'{m / 1024:.0f} KiB' for m in marks)}; growth over the last 160 steps "
                  f"{(marks[-1] - marks[0]) / 1024:+.1f} KiB", flush=True)
        elif name == "memory":
            marks = engine_memory()
            print(f"(d) memory (tracemalloc) after every 40 MLP steps: "
                  f"{', '.join(f'{m / 1024:.0f} KiB' for m in marks)}; growth over the last 160 steps "
                  f"{(marks[-1] - marks[0]) / 1024:+.1f} KiB", flush=True)
        else:
            raise SystemExit(f"unknown benchmark {name!r}: choose from mlp, xor, cnn, memory, mnist_cnn, "
                             f"two_layer, {', '.join(RNN_CASES)}, rnn_memory")


CASES = ["mlp", "xor", "cnn", "memory", "mnist_cnn", "two_layer", *RNN_CASES, "rnn_memory"]
USAGE = f"""usage: python benchmarks/engine.py [--repeat N] [--before-after] [case ...]
cases: {', '.join(CASES)} (default: all)
--repeat N       interleaved rounds per case (default {REPEATS}, or BENCH_REPEATS); figures are their medians
--before-after   also time the engine without the one-BLAS-thread rule for small products, in the same rounds
BENCH_THREADS    torch's threads (default: the CPU count); the engine's BLAS follows OPENBLAS_NUM_THREADS"""


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--torch":
        print(torch_run(sys.argv[2]))
        raise SystemExit
    args = sys.argv[1:]
    if "-h" in args or "--help" in args:
        raise SystemExit(USAGE)
    if "--before-after" in args:
        args.remove("--before-after")
        BEFORE_AFTER = True
    if "--repeat" in args:
        i = args.index("--repeat")
        REPEATS = int(args[i + 1])
        del args[i:i + 2]
    main(args or CASES)

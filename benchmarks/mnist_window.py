"""The MNIST samples in the window with the set cached: time to first paint, time until the data is loaded,
and the longest GUI stall meanwhile; with --train, the longest GUI stall from pressing Train until the session's
first progress reports (the data is split and scaled for it); with --epoch, one epoch of the course's CNN headless
on the 60,000 training images.

Prints figures; never asserts. Needs MNIST in the cache (``nnstudio data fetch mnist``), or
``--fixture DIR``: writes MNIST-size random IDX files into DIR (70,000 random 28x28 images; figures for timing
only, nothing is learnt from them; ``--gzip`` compresses them as the real files are) and uses DIR as
``$NNSTUDIO_DATA_DIR``. Never put DIR inside the repository. The first load of a gzipped set keeps decompressed
copies beside it (data.unpacked), which later loads read: run twice to see both.

    python benchmarks/mnist_window.py --fixture /tmp/mnist-fixture [--gzip] [--sample mnist_cnn] [--train] [--epoch [--all-train]]

The machine's load average is printed with the figures: on a shared machine they scale with it.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np


def write_fixture(folder: Path, gzipped: bool = False) -> None:
    """70,000 random 28x28 images and labels under MNIST's file names: plain IDX (read_idx takes both), or with
    ``gzipped`` gzip files of sparse images (about a fifth of the pixels lit, as in MNIST), so loading pays for
    the decompression as with the real files."""
    import gzip
    import struct
    target = folder / "mnist"
    target.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    for prefix, n in (("train", 60000), ("t10k", 10000)):
        for kind, shape in (("images-idx3", (n, 28, 28)), ("labels-idx1", (n,))):
            path = target / f"{prefix}-{kind}-ubyte.gz"
            if path.exists():
                continue
            if kind.startswith("labels"):
                array = rng.integers(0, 10, shape).astype(np.uint8)
            elif gzipped:
                array = np.zeros(shape, np.uint8)
                lit = rng.random((n, 20, 20)) < 0.4
                array[:, 4:24, 4:24] = np.where(lit, rng.integers(1, 256, (n, 20, 20)), 0)
            else:
                array = rng.integers(0, 256, shape).astype(np.uint8)
            body = bytes([0, 0, 8, array.ndim]) + struct.pack(f">{array.ndim}I", *shape) + array.tobytes()
            path.write_bytes(gzip.compress(body, 6) if gzipped else body)


def window_figures(sample: str, train: bool) -> None:
    from PySide6.QtCore import QElapsedTimer, QEvent, QObject

    from nnstudio.gui import app as studio
    from nnstudio.paths import samples_dir
    from nnstudio.project import load
    application = studio.application()

    class FirstPaint(QObject):
        at = None

        def eventFilter(self, obj, event):
            if self.at is None and event.type() == QEvent.Type.Paint:
                self.at = clock.elapsed()
            return False

    clock = QElapsedTimer()
    clock.start()
    paint = FirstPaint()
    from nnstudio.gui.main_window import MainWindow
    window = MainWindow(load(samples_dir() / f"{sample}.nnproj"))
    built = clock.elapsed()              # the GUI thread is busy all along: a stall the user waits through
    # watched from here on: a Python filter on every event of the construction would slow it by a third
    application.installEventFilter(paint)
    window.resize(1280, 720)
    window.show()
    gaps = []
    ticker, tick = gap_ticker(clock, gaps)
    panel = window.training.data_panel
    while panel.dataset is None and clock.elapsed() < 60000:
        application.processEvents()
        time.sleep(0.002)
    loaded = clock.elapsed()
    for _ in range(20):
        application.processEvents()
        time.sleep(0.01)
    ticker.stop()
    application.removeEventFilter(paint)
    ds = panel.dataset
    if train:
        train_figures(application, window, clock)
    print(f"{sample}: window built in {built} ms, first paint {paint.at} ms, data loaded {loaded} ms after the window was asked for; "
          f"longest GUI stall after show {max(gaps, default=0)} ms; X {None if ds is None else (ds.X.shape, str(ds.X.dtype))}; "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")
    window.mark_saved()
    window.close()


def gap_ticker(clock, gaps: list):
    """A started 10 ms timer appending to ``gaps`` the milliseconds between its ticks (a long one: the GUI
    thread was busy), and its tick (call it once more at the end for the last gap); stop the timer when done."""
    from PySide6.QtCore import QTimer
    last = [clock.elapsed()]

    def tick():
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now
    ticker = QTimer()
    ticker.setInterval(10)
    ticker.timeout.connect(tick)
    ticker.start()
    return ticker, tick


def train_figures(application, window, clock) -> None:
    """Press Train and tick a 10 ms timer until the session has sent three progress reports."""
    from PySide6.QtCore import QTimer
    controller = window.training.controller
    reports, states, gaps = [], [], []
    controller.progress.connect(reports.append)
    controller.stateChanged.connect(states.append)
    ticker, tick = gap_ticker(clock, gaps)
    pressed = clock.elapsed()
    QTimer.singleShot(0, window.training.panel.train_btn.click)
    while len(reports) < 3 and clock.elapsed() - pressed < 120000:
        application.processEvents()
        time.sleep(0.001)
    tick()
    ticker.stop()
    controller.shutdown()
    print(f"Train: first progress {clock.elapsed() - pressed} ms after the press, states {states}, "
          f"longest GUI stall {max(gaps, default=0)} ms")


def epoch_figures(sample: str, all_train: bool) -> None:
    from nnstudio.paths import samples_dir
    from nnstudio.project import load, runner
    project = load(samples_dir() / f"{sample}.nnproj")
    if all_train:           # MNIST's 60,000 training images, no validation part carved out
        project.data["split"] = {**project.data["split"], "val": 0.0}
    start = time.perf_counter()
    prepared = runner.prepare(project)
    ready = time.perf_counter()
    kwargs = {**prepared.fit_kwargs, "epochs": 1, "validation_data": None}
    prepared.network.fit(prepared.X, prepared.y, **kwargs)
    done = time.perf_counter()
    print(f"{sample}: prepare {ready - start:.2f} s, one epoch on {len(prepared.X):,} images "
          f"(batch {kwargs['batch_size']}) {done - ready:.1f} s, "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixture", type=Path, help="write random MNIST-size IDX files here and use them")
    parser.add_argument("--gzip", action="store_true", help="with --fixture: gzipped like the real files")
    parser.add_argument("--sample", default="mnist_cnn")
    parser.add_argument("--train", action="store_true", help="also press Train in the window")
    parser.add_argument("--epoch", action="store_true", help="one headless epoch instead of the window")
    parser.add_argument("--all-train", action="store_true", help="with --epoch: all 60,000 training images")
    args = parser.parse_args()
    if args.fixture is not None:
        write_fixture(args.fixture, args.gzip)
        os.environ["NNSTUDIO_DATA_DIR"] = str(args.fixture)
        print(f"random fixture data in {args.fixture} (timing only)", file=sys.stderr)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.epoch:
        epoch_figures(args.sample, args.all_train)
    else:
        window_figures(args.sample, args.train)
    print(f"load average {os.getloadavg()[0]:.1f} (2 cores)")


if __name__ == "__main__":
    main()

"""Retake the 1024x768 screenshots of docs/gui.md and docs/training.md (#13's quality bar):

    XDG_CONFIG_HOME=$(mktemp -d) QT_QPA_PLATFORM=offscreen python docs/screenshots/take_1024.py [NAME ...]

from the repository root. NAME is any of lesson, slow, reopened, presentation, timeline, weights (default:
all). A fresh XDG_CONFIG_HOME gives the default layout (a saved one would win). Look at each picture before committing it.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))   # this checkout's nnstudio, not an installed one

from nnstudio.gui.app import application  # noqa: E402
from nnstudio.project import load, runner  # noqa: E402

OUT = Path(__file__).resolve().parent
SAMPLES = OUT.parent.parent / "samples"
SIZE = (1024, 768)
app = application()

from nnstudio.gui.main_window import MainWindow  # noqa: E402  (after the QApplication)


def settle(seconds: float) -> None:
    end = time.time() + seconds
    while time.time() < end:
        app.processEvents()
        time.sleep(0.02)


def until(condition, timeout: float = 300.0) -> None:
    end = time.time() + timeout
    while not condition() and time.time() < end:
        settle(0.02)
    if not condition():
        raise SystemExit("timed out")


def open_window(project) -> MainWindow:
    w = MainWindow(project)
    w.resize(*SIZE)
    w.show()
    settle(0.4)
    w.canvas.fit_all()
    return w


def close(w: MainWindow) -> None:
    w.training.controller.shutdown()
    w.mark_saved()
    w.close()
    w.deleteLater()
    settle(0.1)


def lesson() -> None:
    """The over-fitting sample trained in the window: the Lesson's goal ticked."""
    w = open_window(load(SAMPLES / "overfitting.nnproj"))
    done = []
    w.training.controller.sessionFinished.connect(done.append)
    w.training.panel.train_btn.click()
    until(lambda: done)
    settle(0.5)
    w.grab().save(str(OUT / "lesson-1024.png"))
    close(w)


def slow() -> None:
    """XOR at 10 batches a second, six seconds in."""
    w = open_window(load(SAMPLES / "xor_hidden_layer.nnproj"))
    w.training.panel.pace.setCurrentIndex(3)
    w.training.panel.train_btn.click()
    settle(6.0)
    w.grab().save(str(OUT / "slow-motion-1024.png"))
    close(w)


def trained_spiral(folder: str) -> MainWindow:
    """The spiral sample trained headless, saved and reopened: its predictions drawn from the saved weights."""
    project = load(SAMPLES / "spiral.nnproj")
    runner.train(project)
    path = Path(folder) / "spiral.nnproj"
    project.save(path)
    w = open_window(load(path))
    until(lambda: not w.training.preview.running())
    settle(0.5)
    return w


def reopened() -> None:
    with tempfile.TemporaryDirectory() as folder:
        w = trained_spiral(folder)
        w.grab().save(str(OUT / "reopened-1024.png"))
        close(w)


def presentation() -> None:
    with tempfile.TemporaryDirectory() as folder:
        w = trained_spiral(folder)
        w.presentation.set(True)
        settle(0.8)
        w.grab().save(str(OUT / "presentation-1024.png"))
        w.presentation.set(False)
        close(w)


def timeline() -> None:
    """The trained spiral rewound on the timeline to an early epoch: boundary, cards and curve markers."""
    with tempfile.TemporaryDirectory() as folder:
        w = trained_spiral(folder)
        t = w.training.timeline
        until(lambda: len(t.epochs) > 2)
        t.show_epoch(min(t.epochs, key=lambda e: abs(e - 60)))
        settle(0.5)
        w.grab().save(str(OUT / "timeline-1024.png"))
        close(w)



def weights() -> None:
    """The hand-wired XOR sample with its hidden layer selected: the inspector's weight tables beside the
    XOR regions of the decision boundary."""
    w = open_window(load(SAMPLES / "xor_step_units.nnproj"))
    until(lambda: not w.training.preview.running())
    w.scene.select_ids(["h"])
    w.docks["inspector_dock"].raise_()
    settle(0.3)
    w.inspector.ensureWidgetVisible(w.inspector.weights, 0, 0)
    settle(0.3)
    w.grab().save(str(OUT / "weight-tables-1024.png"))
    close(w)


SHOTS = {"lesson": lesson, "slow": slow, "reopened": reopened, "presentation": presentation,
         "timeline": timeline, "weights": weights}

if __name__ == "__main__":
    for name in sys.argv[1:] or list(SHOTS):
        SHOTS[name]()

"""The project's monkey test (#20): seeded random actions on the real main window, with its training panels.

Each action is what a restless learner does through the window's own widgets and doors: add layers from the
palette, wire and unwire, delete, undo/redo, type hostile values into the inspector's fields, change the data,
train/pause/step/stop short sessions, arrange, copy/paste, open samples (never saving over them), save and
open projects in a temporary folder. Checked throughout:

- no exception reaches the excepthook (``nnstudio.gui.excepthook``, installed as the app installs it);
- no GUI stall over ``STALL_LIMIT`` seconds: a QTimer ticking every 10 ms measures its longest gap while
  the actions run (the monkey's own checks below are not timed);
- undo to the start restores the spec exactly (every ``CHECK_EVERY`` actions and at the end), and redo to
  the top brings the edited spec back;
- the final state saved and opened again is the same project.

Warnings are recorded with the action after which and the calls from where each first came (the command line
prints them without failing, as the app does; the suite's filterwarnings = error raises them).

The CNN mode (``--cnn``) starts from the digits CNN sample, mostly trains, pauses, steps, stops, waits and
brings views forward, and reopens the sample now and then (``CNN_WEIGHTS``): it keeps the engine's training
walk for a relu conv before a max pool busy while the window follows it. ``--force-paths`` lowers the engine's
thresholds for the run (tests/gui/engine_paths.py) so its concurrent paths (parts in helper threads, BLAS
held to one thread, the heap kept) run on these small networks, and fails a run in which one never ran; the
report prints how often each did.

Run it: ``python -m tests.gui.monkey --seeds 3 --actions 2000`` (prints the counts; exit 1 on a failure), or
``python -m tests.gui.monkey --cnn --force-paths --seeds 6 --actions 1500``.
The suite runs short versions (tests/gui/test_monkey.py); the long ones are marked ``slow``.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import sys
import tempfile
import threading
import time
import traceback
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from nnstudio import data
from nnstudio.data import builtin
from nnstudio.gui import excepthook
from nnstudio.gui.inspector.fields import (BoolField, ChoiceField, FloatField, IntField, RegistryField,
                                           RegularizerField, TextListField)
from nnstudio.gui.training.controller import IDLE
from nnstudio.paths import samples_dir
from nnstudio.project import Project, load

from . import engine_paths

STALL_LIMIT = 1.0
CHECK_EVERY = 250
# what a learner types into a number or shape field when trying to break it
HOSTILE_TEXT = ("-5", "-1", "0", "1e9", "99999999999", "", "abc", "1.5.2", "-0.0", "nan", "inf", "3", "0.5",
                "12", " ", "2, 2", ",", "-3, 4", "7,,7", "1e-300")

KEYS = ((Qt.Key_Delete, Qt.NoModifier), (Qt.Key_Z, Qt.ControlModifier), (Qt.Key_Y, Qt.ControlModifier),
        (Qt.Key_C, Qt.ControlModifier), (Qt.Key_V, Qt.ControlModifier), (Qt.Key_D, Qt.ControlModifier),
        (Qt.Key_A, Qt.ControlModifier), (Qt.Key_X, Qt.ControlModifier), (Qt.Key_L, Qt.ControlModifier),
        (Qt.Key_Left, Qt.NoModifier), (Qt.Key_Up, Qt.ShiftModifier), (Qt.Key_Escape, Qt.NoModifier),
        (Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier))

CNN_SAMPLE = "digits_cnn.nnproj"
# the CNN mode's weights: mostly training and watching it, a few edits (which the next reopening undoes)
CNN_WEIGHTS = {"train": 12, "pause": 6, "step": 6, "stop": 4, "wait": 8, "view": 5, "open_cnn": 2, "tool": 5,
               "training_setting": 4, "inspector": 4, "undo": 2, "redo": 1, "save": 1, "open_saved": 0.5,
               "toggle_mode": 1, "data": 1, "add_layer": 1, "keys": 1, "revert": 0.2, "delete": 0.3,
               "connect": 0.3, "open_sample": 0.3}


@dataclass
class Report:
    seed: int
    actions: Counter = field(default_factory=Counter)
    exceptions: list[str] = field(default_factory=list)
    dialogs: Counter = field(default_factory=Counter)
    max_stall: float = 0.0
    stall_after: str = ""
    seconds: float = 0.0
    undo_checks: int = 0
    undo_steps: int = 0
    undo_deepest: int = 0      # the most steps undone in one check
    sessions: int = 0          # training sessions that ran to their end (completed or stopped)
    refused: Counter = field(default_factory=Counter)   # sessions that could not start, by reason
    failures: list[str] = field(default_factory=list)
    paths: Counter = field(default_factory=Counter)     # engine paths run (CNN mode or forced thresholds)
    trail: list[str] = field(default_factory=list)      # the actions in order, to replay a failure
    # warnings shown (not raised: the suite raises them, the app and the command line print them), with the
    # action after which each first came and where
    warnings: Counter = field(default_factory=Counter)
    warned_after: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.exceptions and not self.failures and self.max_stall <= STALL_LIMIT

    def text(self) -> str:
        lines = [f"seed {self.seed}: {sum(self.actions.values())} actions in {self.seconds:.1f} s, "
                 f"exceptions {len(self.exceptions)}, max stall {self.max_stall * 1000:.0f} ms "
                 f"(after {self.stall_after or '-'}), undo-to-start checks {self.undo_checks} "
                 f"({self.undo_steps} steps undone, at most {self.undo_deepest} at once), training sessions {self.sessions}, "
                 f"failures {len(self.failures)}",
                 "  actions: " + ", ".join(f"{k} {v}" for k, v in sorted(self.actions.items()))]
        if self.dialogs:
            lines.append("  dialogs: " + "; ".join(f"{k} ×{v}" for k, v in sorted(self.dialogs.items())))
        if self.refused:
            lines.append("  refused: " + "; ".join(f"{k} ×{v}" for k, v in self.refused.most_common(6)))
        if self.paths:
            lines.append("  engine paths: " + ", ".join(f"{k} {v}" for k, v in self.paths.items()))
        for w, n in self.warnings.items():
            after, where = self.warned_after[w]
            lines.append(f"  WARNING ×{n} (first after {after}): {w}\n    first from: {where}")
        lines += [f"  EXCEPTION: {e}" for e in self.exceptions]
        lines += [f"  FAILURE: {f}" for f in self.failures]
        return "\n".join(lines)


class StallMeter:
    """The longest gap between ticks of a 10 ms QTimer: how long the GUI thread was kept from its events."""

    def __init__(self):
        self.timer = QTimer()
        self.timer.setObjectName("monkey_stall_meter")
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.clock = QElapsedTimer()
        self.worst = 0.0
        self.worst_after = ""
        self.action = ""

    def start(self) -> None:
        self.clock.start()
        self.timer.start()

    def _tick(self) -> None:
        gap = self.clock.restart() / 1000.0
        if gap > self.worst:
            self.worst, self.worst_after = gap, self.action

    @contextlib.contextmanager
    def paused(self):
        """The monkey's own checks (undo everything, compare, load) are not the window's stalls."""
        self.timer.stop()
        try:
            yield
        finally:
            self.clock.restart()
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()


class Monkey:
    """``cnn``: the CNN mode's actions (``CNN_WEIGHTS``); ``force_paths``: the engine's thresholds lowered for
    the run, and a path that never ran is a failure. Either counts the engine's paths in the report."""

    def __init__(self, window, seed: int, folder: Path, cnn: bool = False, force_paths: bool = False):
        self.w = window
        self.cnn, self.force_paths = cnn, force_paths
        self.rng = np.random.default_rng(seed)
        self.folder = folder
        self.report = Report(seed)
        self.meter = StallMeter()
        self.saved: list[Path] = []
        self.samples = sorted(samples_dir().glob("*.nnproj"))
        self.base_spec = window.document.spec
        window.projectReplaced.connect(self._replaced)
        window.training.controller.sessionFinished.connect(self._session_finished)
        window.training.controller.failed.connect(self._session_failed)
        self.actions = (  # (name, weight, action)
            ("add_layer", 10, self.add_layer), ("connect", 6, self.connect), ("disconnect", 3, self.disconnect),
            ("delete", 4, self.delete), ("undo", 5, self.undo), ("redo", 3, self.redo),
            ("inspector", 14, self.inspector), ("data", 6, self.data_change), ("train", 3, self.train),
            ("pause", 2, self.pause), ("step", 2, self.step), ("stop", 2, self.stop), ("wait", 3, self.wait),
            ("arrange", 2, self.arrange), ("copy_paste", 4, self.copy_paste), ("move", 4, self.move),
            ("training_setting", 3, self.training_setting), ("open_sample", 1, self.open_sample),
            ("save", 1, self.save), ("open_saved", 0.7, self.open_saved), ("new", 0.2, self.new),
            ("keys", 6, self.keys), ("rename", 2, self.rename), ("view", 3, self.view),
            ("toggle_mode", 1, self.toggle_mode), ("revert", 0.3, self.revert), ("tool", 2, self.tool),
        )
        if cnn:
            actions = {name: act for name, _w, act in self.actions} | {"open_cnn": self.open_cnn}
            self.actions = tuple((name, weight, actions[name]) for name, weight in CNN_WEIGHTS.items())
        self.use(self.actions)

    def use(self, actions) -> None:
        """Draw from ``actions`` ((name, weight, callable) each) from now on."""
        self.actions = tuple(actions)
        weights = np.array([a[1] for a in self.actions], dtype=float)
        self.p = weights / weights.sum()

    # ----- running ---------------------------------------------------------------------------------------
    def run(self, n: int) -> Report:
        start = time.perf_counter()
        watching = self.cnn or self.force_paths
        paths = engine_paths.counted(self.force_paths) if watching else contextlib.nullcontext()
        with self._hooks(), paths as counts:
            self.meter.start()
            try:
                for i in range(n):
                    name, _w, act = self.actions[self.rng.choice(len(self.actions), p=self.p)]
                    self.meter.action = name
                    self.report.actions[name] += 1
                    self.report.trail.append(name)
                    act()
                    QApplication.processEvents()
                    if (i + 1) % CHECK_EVERY == 0:
                        self.check_undo()
                self.finish()
            finally:
                self.meter.stop()
        if watching:
            self.report.paths = Counter(counts)
            if self.force_paths:
                self.report.failures += [f"engine path '{p}' never ran with its threshold lowered"
                                         for p in engine_paths.missing(counts)]
        self.report.seconds = time.perf_counter() - start
        self.report.max_stall, self.report.stall_after = self.meter.worst, self.meter.worst_after
        return self.report

    @contextlib.contextmanager
    def _hooks(self):
        """The app's excepthook (recording what reaches it), and modal dialogs answered instead of shown."""
        saved = {(QMessageBox, n): QMessageBox.__dict__.get(n) for n in
                 ("warning", "question", "critical", "information")}
        saved.update({(QFileDialog, n): QFileDialog.__dict__.get(n) for n in
                      ("getOpenFileName", "getOpenFileNames", "getSaveFileName")})
        saved[(QInputDialog, "getText")] = QInputDialog.__dict__.get("getText")
        old_hook = sys.excepthook
        old_showwarning = warnings.showwarning
        lock = threading.Lock()   # the training thread warns too

        def show(message, category, filename, lineno, file=None, line=None):
            key = f"{category.__name__}: {message} ({Path(filename).name}:{lineno})"
            with lock:
                self.report.warnings[key] += 1
                if key not in self.report.warned_after:
                    # called from the frame that warned, in its thread: the calls that led there
                    frames = [f for f in traceback.extract_stack()[:-1] if "warnings" not in Path(f.filename).stem]
                    where = " < ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in frames[::-1][:6])
                    self.report.warned_after[key] = (self.meter.action, where)

        warnings.showwarning = show
        excepthook.install(lambda text: None)
        app_hook = sys.excepthook

        def hook(exc_type, exc, tb):
            self.report.exceptions.append(
                f"after {self.meter.action}: " + "".join(traceback.format_exception(exc_type, exc, tb)))
            app_hook(exc_type, exc, tb)

        sys.excepthook = hook
        for name in ("warning", "question", "information"):
            setattr(QMessageBox, name, staticmethod(self._answer))
        QMessageBox.critical = staticmethod(self._error)
        QFileDialog.getSaveFileName = staticmethod(self._save_name)
        QFileDialog.getOpenFileName = staticmethod(self._open_name)
        QFileDialog.getOpenFileNames = staticmethod(lambda *args, **kwargs: ([], ""))   # chose nothing
        QInputDialog.getText = staticmethod(lambda *args, **kwargs: (self.pick(HOSTILE_TEXT), True))  # a run's name
        try:
            yield
        finally:
            sys.excepthook = old_hook
            warnings.showwarning = old_showwarning
            for (cls, name), value in saved.items():
                if value is None:
                    delattr(cls, name)
                else:
                    setattr(cls, name, value)

    def _answer(self, parent, title, text, buttons=QMessageBox.Ok, default=QMessageBox.NoButton):
        self.report.dialogs[f"{title}"] += 1
        offered = [b for b in (QMessageBox.Yes, QMessageBox.No, QMessageBox.Save, QMessageBox.Discard,
                               QMessageBox.Cancel, QMessageBox.Ok) if buttons & b]
        return offered[self.rng.integers(len(offered))] if offered else QMessageBox.Ok

    def _error(self, parent, title, text, *args, **kwargs):
        self.report.dialogs[f"{title}: {text[:90]}"] += 1
        # saving to the monkey's own folder always can: a refusal means the app built a project it cannot write
        # (undoing a new project's first data once left one without a data source, and every save failed)
        if "went wrong" in text or title == "Cannot save project":
            self.report.failures.append(f"after {self.meter.action}: {title}: {text}")
        return QMessageBox.Ok

    def _save_name(self, *args, **kwargs):
        path = self.folder / f"saved-{len(self.saved)}.nnproj"
        return str(path), ""

    def _open_name(self, *args, **kwargs):
        return (str(self.saved[-1]), "") if self.saved else ("", "")

    def _session_finished(self, _result) -> None:
        self.report.sessions += 1

    def _session_failed(self, sentence: str) -> None:
        self.report.refused[f"training: {sentence[:70]}"] += 1

    def _replaced(self) -> None:
        self.base_spec = self.w.document.spec

    # ----- helpers ---------------------------------------------------------------------------------------
    def pick(self, seq):
        seq = list(seq)
        return seq[self.rng.integers(len(seq))] if seq else None

    def select_random(self, k: int = 1) -> list[str]:
        ids = self.w.document.ids()
        chosen = [str(i) for i in self.rng.permutation(ids)[:k]] if ids else []
        self.w.scene.select_ids(chosen)
        return chosen

    def type_into(self, line_edit, text: str, enter: bool = True) -> None:
        """Keys as a user types them: select all, the text, then Enter (or leaving the field)."""
        if not line_edit.isVisible():
            return
        line_edit.setFocus()
        QTest.keyClick(line_edit, Qt.Key_A, Qt.ControlModifier)
        if text:
            QTest.keyClicks(line_edit, text)
        else:
            QTest.keyClick(line_edit, Qt.Key_Backspace)
        if enter:
            QTest.keyClick(line_edit, Qt.Key_Return)

    @property
    def controller(self):
        return self.w.training.controller

    def wait_idle(self, timeout: float = 60.0) -> None:
        self.controller.stop()
        end = time.perf_counter() + timeout
        while self.controller.state != IDLE:
            if time.perf_counter() > end:
                self.report.failures.append(f"training did not stop within {timeout:.0f} s")
                return
            QTest.qWait(10)

    # ----- the actions -----------------------------------------------------------------------------------
    def add_layer(self) -> None:
        if self.rng.random() < 0.5:
            self.select_random()
        item = self.pick(self.w.palette.items())
        self.w.palette.tree.itemActivated.emit(item, 0)   # what a double-click on it sends

    def connect(self) -> None:
        ids = self.w.document.ids()
        if len(ids) >= 2:
            a, b = self.rng.choice(len(ids), 2, replace=False)
            self.w.editor.connect(ids[a], ids[b])

    def disconnect(self) -> None:
        edge = self.pick(self.w.document.edges())
        if edge is not None:
            self.w.editor.disconnect(*edge)

    def delete(self) -> None:
        if self.rng.random() < 0.3 and self.w.document.edges():
            self.w.scene.clearSelection()
            src, dst = self.pick(self.w.document.edges())
            item = self.w.scene.edge_items.get((src, dst))
            if item is not None:
                item.setSelected(True)
        else:
            self.select_random(int(self.rng.integers(1, 3)))
        self.w.delete_selection()

    def undo(self) -> None:
        for _ in range(int(self.rng.integers(1, 4))):
            self.w.undo()

    def redo(self) -> None:
        for _ in range(int(self.rng.integers(1, 3))):
            self.w.redo()

    def inspector(self) -> None:
        if not self.select_random():
            return
        fields = list(self.w.inspector.fields.values())
        f = self.pick(fields)
        if f is None:
            return
        if isinstance(f, RegistryField):
            if self.rng.random() < 0.5 or not f._extra_fields:
                f.choice.combo.setCurrentIndex(int(self.rng.integers(f.choice.combo.count())))
            f = self.pick(f._extra_fields.values()) or f
        if isinstance(f, RegularizerField):
            f = f.l1 if self.rng.random() < 0.5 else f.l2
        if isinstance(f, (IntField, FloatField)):
            self.type_into(f.box.lineEdit(), self.pick(HOSTILE_TEXT))
        elif isinstance(f, TextListField):
            self.type_into(f.edit, self.pick(HOSTILE_TEXT))
        elif isinstance(f, BoolField):
            f.box.click()
        elif isinstance(f, ChoiceField):
            f.combo.setCurrentIndex(int(self.rng.integers(f.combo.count())))

    def data_change(self) -> None:
        panel = self.w.training.data_panel
        what = self.rng.integers(5)
        if what == 0:
            panel.kind.setCurrentIndex(int(self.rng.integers(2)))   # generator or built-in (CSV asks a file)
        elif what == 1:
            panel.kind.setCurrentIndex(0)
            panel.generator.setCurrentIndex(int(self.rng.integers(panel.generator.count())))
            if self.rng.random() < 0.5:
                panel.regenerate.click()
        elif what == 2:
            panel.kind.setCurrentIndex(1)
            present = [i for i in range(panel.builtin.count()) if builtin.is_downloaded(panel.builtin.itemData(i))]
            panel.builtin.setCurrentIndex(self.pick(present))
        elif what == 3:
            panel.scale.setCurrentIndex(int(self.rng.integers(panel.scale.count())))
        elif panel.fit_button.isVisible() and panel.fit_button.isEnabled():
            panel.fit_button.click()

    def training_setting(self) -> None:
        panel = self.w.training.panel
        if self.rng.random() < 0.3:
            combo = self.pick((panel.loss, panel.optimizer, panel.pace))
            combo.setCurrentIndex(int(self.rng.integers(combo.count())))
            return
        box = self.pick((panel.epochs, panel.batch, panel.lr, panel.seed))
        self.type_into(box.lineEdit(), self.pick(HOSTILE_TEXT))

    def _short_epochs(self) -> None:
        """1 to 3 epochs, or now and then "until stopped" (a Stop or a check ends it)."""
        panel = self.w.training.panel
        if panel.endless.isChecked() != (self.rng.random() < 0.15):
            panel.endless.click()
        self.type_into(panel.epochs.lineEdit(), str(int(self.rng.integers(1, 4))))

    def train(self) -> None:
        panel = self.w.training.panel
        if panel.train_btn.isEnabled():
            if not self.w.document.analysis().ok and self.rng.random() < 0.2:
                # random edits rarely leave a network that can train
                if self.cnn:
                    self.open_cnn()
                else:
                    self.open_sample(trainable=True)
            self._short_epochs()
            panel.train_btn.click()

    def pause(self) -> None:
        panel = self.w.training.panel
        if panel.pause_btn.isEnabled():
            panel.pause_btn.click()

    def step(self) -> None:
        panel = self.w.training.panel
        if panel.step_btn.isEnabled():
            if self.controller.state == IDLE:
                self._short_epochs()
            panel.step_btn.click()

    def stop(self) -> None:
        panel = self.w.training.panel
        if panel.stop_btn.isEnabled():
            panel.stop_btn.click()

    def wait(self) -> None:
        QTest.qWait(int(self.rng.integers(20, 200)))

    def arrange(self) -> None:
        self.w.editor.arrange()

    def copy_paste(self) -> None:
        self.select_random(int(self.rng.integers(1, 4)))
        choice = self.rng.integers(3)
        if choice == 0:
            self.w.copy()
            self.w.paste()
        elif choice == 1:
            self.w.duplicate()
        else:
            self.w.cut()
            if self.rng.random() < 0.5:
                self.w.paste()

    def move(self) -> None:
        nid = self.pick(self.w.document.ids())
        if nid is not None:
            x, y = self.w.document.position(nid) or (0.0, 0.0)
            dx, dy = self.rng.integers(-300, 300, size=2)
            self.w.editor.move({nid: (float(x + dx), float(y + dy))})

    def open_sample(self, trainable: bool = False) -> None:
        """``trainable``: one whose data is at hand (not the MNIST ones, which need a download)."""
        path = self.pick([p for p in self.samples if not trainable or "mnist" not in p.stem])
        if path is not None:
            self.w.files.open_path(path)   # the unsaved-changes prompt is answered at random
            # a sample is a template: Save asks where, never writes into the samples folder
            if self.rng.random() < 0.3:
                self.save()

    def open_cnn(self) -> None:
        """The CNN mode's start again (its relu conv before a max pool, a grey image), as a learner opens it."""
        self.w.files.open_path(samples_dir() / CNN_SAMPLE)   # the unsaved-changes prompt is answered at random

    def save(self) -> None:
        if self.rng.random() < 0.5:
            ok = self.w.files.save()
        else:
            ok = self.w.files.save_as()
        if ok:
            self.saved.append(Path(self.w.project.path))
            with self.meter.paused():
                self.check_roundtrip(Path(self.w.project.path))

    def open_saved(self) -> None:
        if self.saved:
            self.w.files.open_path(self.pick(self.saved))

    def new(self) -> None:
        self.w.files.new()

    def keys(self) -> None:
        """The canvas's keyboard shortcuts, sent as key presses to the focused canvas."""
        if self.rng.random() < 0.5:
            self.select_random(int(self.rng.integers(1, 3)))
        self.w.canvas.setFocus()
        key, mods = self.pick(KEYS)
        QTest.keyClick(self.w.canvas.viewport(), key, mods)

    def rename(self) -> None:
        if self.select_random() and self.w.inspector.name_edit is not None:
            self.type_into(self.w.inspector.name_edit, self.pick(("", "hidden", "x", "a" * 80, "  ", "input")))

    def view(self) -> None:
        """Bring a view's tab to the front (it catches up from the latest snapshot)."""
        dock = self.pick(self.w.training.views.docks.values())
        dock.show()
        dock.raise_()

    def toggle_mode(self) -> None:
        self.pick((self.w.actions.presentation, self.w.actions.canvas_only)).trigger()

    def revert(self) -> None:
        self.w.files.revert()

    TOOLS = ("step_inside", "perceptron_view", "gradcheck", "init_explorer", "runs_view", "activation_explorer",
             "predict")

    def tool(self) -> None:
        """Open a Tools window (it then follows the edits, runs and projects of the actions after), press one of
        its buttons, or close it."""
        from PySide6.QtWidgets import QPushButton, QWidget

        open_tools = [c for c in self.w.findChildren(QWidget)
                      if c.isWindow() and c.isVisible() and c.parentWidget() is self.w
                      and type(c).__name__ not in ("QDockWidget", "VariantsDialog")]
        choice = self.rng.integers(3)
        if choice == 0 or not open_tools:
            getattr(self.w.actions, self.pick(self.TOOLS)).trigger()
        elif choice == 1:
            buttons = [b for b in self.pick(open_tools).findChildren(QPushButton) if b.isEnabled() and b.isVisible()]
            if buttons:
                self.pick(buttons).click()
        else:
            self.pick(open_tools).close()

    # ----- the checks --------------------------------------------------------------------------------------
    def check_undo(self) -> None:
        """Undo to the start restores the spec exactly; redo to the top brings the edited one back."""
        with self.meter.paused():
            self.wait_idle()
            edited = self.w.document.spec
            stack = self.w.undo_stack
            top = stack.index()
            while stack.canUndo():
                before = stack.index()
                self.w.undo()
                if stack.index() == before:
                    self.report.failures.append(f"undo refused at step {before}: "
                                                f"{self.w.statusBar().currentMessage()}")
                    return
            self.report.undo_checks += 1
            self.report.undo_steps += top
            self.report.undo_deepest = max(self.report.undo_deepest, top)
            if self.w.document.spec != self.base_spec:
                self.report.failures.append(f"undo of {top} steps did not restore the start: "
                                            f"{_spec_difference(self.base_spec, self.w.document.spec)}")
            while stack.index() < top:
                self.w.redo()
            if self.w.document.spec != edited:
                self.report.failures.append(f"redo of {top} steps did not restore the edited spec: "
                                            f"{_spec_difference(edited, self.w.document.spec)}")

    def check_roundtrip(self, path: Path) -> None:
        self.w.spec_to_project()
        try:
            loaded = load(path)
        except Exception as exc:  # noqa: BLE001  any refusal of what was just saved is the failure
            self.report.failures.append(f"{path.name} saved but does not open: {exc}")
            return
        problem = project_difference(self.w.project, loaded)
        if problem:
            self.report.failures.append(f"{path.name} does not round-trip: {problem}")

    def finish(self) -> None:
        self.check_undo()
        with self.meter.paused():
            path = self.folder / "final.nnproj"
            if self.w.files.save_to(path):
                self.check_roundtrip(path)
            else:
                self.report.failures.append(f"the final state could not be saved to {path}")


def _spec_difference(a: dict, b: dict) -> str:
    na, nb = {n["id"]: n for n in a["nodes"]}, {n["id"]: n for n in b["nodes"]}
    if set(na) != set(nb):
        return f"nodes {sorted(set(na) ^ set(nb))} differ"
    for k in na:
        if na[k] != nb[k]:
            return f"node {k}: {na[k]} != {nb[k]}"
    if a["edges"] != b["edges"]:
        return f"edges {a['edges']} != {b['edges']}"
    return "order or other keys differ"


def project_difference(a: Project, b: Project) -> str | None:
    """What differs between two projects (None: the same), arrays compared exactly."""
    for name in ("spec", "data", "training", "notes", "title", "lesson", "goal", "class_names",
                 "feature_names", "embedded"):
        if getattr(a, name) != getattr(b, name):
            return f"{name} differs"
    if (a.weights is None) != (b.weights is None):
        return "weights present in one only"
    if a.weights is not None:
        keys = lambda w: {(n, p) for n, ps in w.items() for p in ps}  # noqa: E731
        if keys(a.weights) != keys(b.weights):
            return "weight names differ"
        for n, p in keys(a.weights):
            if not np.array_equal(a.weights[n][p], b.weights[n][p]):
                return f"weight {n}/{p} differs"
    if (a.history is None) != (b.history is None):
        return "history present in one only"
    if a.history is not None:
        if set(a.history) != set(b.history):
            return "history keys differ"
        for k, vals in a.history.items():
            other = b.history[k]
            if len(vals) != len(other) or any(x != y and not (math.isnan(x) and math.isnan(y))
                                               for x, y in zip(vals, other)):
                return f"history {k} differs"
    return None


def start_project() -> Project:
    """A small trainable start: the spiral generator, one hidden layer."""
    p = Project.new("Monkey")
    p.data["source"] = data.generate("spiral", classes=2, n_samples=200).source
    return p


def cnn_project() -> Project:
    """The CNN mode's start: the digits CNN sample as a new project (saving asks where, as for a sample)."""
    p = load(samples_dir() / CNN_SAMPLE)
    p.path = None
    return p


def run_seed(window, seed: int, actions: int, folder: Path, cnn: bool = False, force_paths: bool = False) -> Report:
    return Monkey(window, seed, folder, cnn=cnn, force_paths=force_paths).run(actions)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.gui.monkey", description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3, help="seeds 0 .. N-1 (default 3)")
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--actions", type=int, default=2000, help="actions per seed (default 2000)")
    parser.add_argument("--cnn", action="store_true",
                        help="start from the digits CNN sample and mostly train (reopening it now and then)")
    parser.add_argument("--force-paths", action="store_true",
                        help="lower the engine's split thresholds for the run; fail if one of its paths never ran")
    parser.add_argument("--trail", action="store_true", help="print each seed's actions in order")
    args = parser.parse_args(argv)
    warnings.simplefilter("always")   # every warning reaches the report, not only the first at each place

    from nnstudio.gui import app
    from nnstudio.gui.main_window import MainWindow

    application = app.application()
    application.setOrganizationName("nnstudio-monkey")   # settings, recent files and autosaves apart
    failed = False
    total = Counter()
    with tempfile.TemporaryDirectory(prefix="nnstudio-monkey-") as tmp:
        from PySide6.QtCore import QSettings
        QSettings.setDefaultFormat(QSettings.IniFormat)
        QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, tmp)
        QSettings().setValue("autosave/dir", str(Path(tmp) / "autosave"))
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            folder = Path(tmp) / f"seed-{seed}"
            folder.mkdir()
            window = MainWindow(cnn_project() if args.cnn else start_project())
            window.resize(1400, 900)
            window.show()
            QTest.qWaitForWindowExposed(window)
            report = run_seed(window, seed, args.actions, folder, cnn=args.cnn, force_paths=args.force_paths)
            window.training.controller.shutdown()
            window.mark_saved()
            window.close()
            window.deleteLater()
            QApplication.processEvents()
            print(report.text(), flush=True)
            if args.trail:
                print("  trail: " + " ".join(report.trail), flush=True)
            total += report.actions
            failed |= not report.ok
    print("all seeds: " + ", ".join(f"{k} {v}" for k, v in sorted(total.items())))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

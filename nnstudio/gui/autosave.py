"""Autosave and recovery: unsaved work survives a crash, and each instance keeps to its own copies.

- When: a few seconds after a change (so a crash early in a session still recovers), at the end of each
  training session (``autosave_now``), and every two minutes while work stays unsaved (long training runs).
- Off the GUI thread: the GUI thread takes a cheap snapshot of the project (``Project.snapshot``: arrays
  shared, nothing serialized) and a worker thread writes it.
- Ownership: each instance holds a lock on ``autosave-<pid>-<n>.lock`` beside its copy while it runs; another
  instance never offers or deletes a copy whose lock is held (or, for a copy without a lock, whose process
  runs). The system releases the lock when the owner dies, even when killed.
- Recovery never deletes a copy it could not restore: it says where the copy is kept.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import re
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QMessageBox

from nnstudio.project import ProjectError, load
from nnstudio.atomic import remove_stale, sweep, write_atomic
from nnstudio.instances import InstanceLock, pid_alive

from . import settings

log = logging.getLogger(__name__)
PERIOD_MS = 2 * 60 * 1000     # while work stays unsaved
SOON_MS = 4 * 1000            # after the first change since the last autosave
_instance = itertools.count()  # several windows in one process (tests) each own their copy
_NAME = re.compile(r"autosave-(\d+)(?:-\d+)?")


def tr(text: str) -> str:
    return QCoreApplication.translate("Autosave", text)


class Autosaver(QObject):
    def __init__(self, window, parent: QObject | None = None):
        super().__init__(parent)
        self.window = window
        self.folder = settings.autosave_dir()
        self.name = f"autosave-{os.getpid()}-{next(_instance)}"
        self.lock = InstanceLock(self.folder / f"{self.name}.lock")
        try:
            self.lock.acquire()
            sweep(self.folder)   # temporary files of autosaves killed half-way
            self._sweep_orphans()
        except OSError as exc:
            log.warning("autosave folder %s is not usable: %s", self.folder, exc)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nnstudio-autosave")
        self._last: Future | None = None
        self._closed = False
        self.timer = QTimer(self)
        self.timer.setObjectName("autosave_timer")
        self.timer.setInterval(PERIOD_MS)
        self.timer.timeout.connect(self.autosave)
        self.timer.start()
        self.soon = QTimer(self)
        self.soon.setObjectName("autosave_soon")
        self.soon.setSingleShot(True)
        self.soon.setInterval(SOON_MS)
        self.soon.timeout.connect(self.autosave)

    def _sweep_orphans(self) -> None:
        """Locks and notes of instances that ended without a copy to recover (killed before writing one)."""
        for extra in list(self.folder.glob("autosave-*.lock")) + list(self.folder.glob("autosave-*.json")):
            copy = extra.with_suffix(".nnproj")
            if not copy.exists() and not self.owner_alive(copy):
                _remove([extra])

    # ----- writing ---------------------------------------------------------------------------------------
    @property
    def path(self) -> Path:
        return self.folder / f"{self.name}.nnproj"

    def changed(self) -> None:
        """Something changed: autosave within a few seconds (not again for each of a burst of edits)."""
        if not self.soon.isActive():
            self.soon.start()

    def autosave(self, checkpoint=None) -> Path | None:
        """Snapshot unsaved work and have the worker write it (never over the real file); returns where it
        goes, or None when nothing needed saving. ``checkpoint``: a Project to write instead of the window's
        (e.g. the weights reached so far in a long training session); its spec is taken as given."""
        w = self.window
        self.soon.stop()
        if self._closed or (checkpoint is None and not w.is_modified()):
            return None
        if self._last is not None and not self._last.done():
            self.soon.start()   # a large project is still being written: once, later, with what is new then
            return self.path
        snap = (checkpoint or w.project).snapshot()
        if checkpoint is None:
            snap.spec = w.document.spec
        snap.path = None
        meta = {"original": str(w.project.path) if w.project.path else None, "time": time.time(),
                "pid": os.getpid()}
        target = self.path
        self._last = self._pool.submit(_write, snap, target, meta)
        return target

    def wait(self) -> None:
        """Until every autosave asked for so far is written (tests, closing)."""
        if self._last is not None:
            self._last.result()

    def discard(self) -> None:
        """The work is saved (or dropped): remove this instance's copy, after any write still under way."""
        self.soon.stop()
        if self._closed:
            return
        self._last = self._pool.submit(_remove, [self.path, self.path.with_suffix(".json")])

    def close(self) -> None:
        """No copy left behind, the worker finished, the lock let go (once; later calls do nothing)."""
        if self._closed:
            return
        self.timer.stop()
        self.soon.stop()
        self.discard()
        self._pool.shutdown(wait=True)
        self._closed = True
        self.lock.release()

    # ----- recovery ----------------------------------------------------------------------------------------
    def owner_alive(self, copy: Path) -> bool:
        lock = copy.with_suffix(".lock")
        if lock.exists():
            return InstanceLock.held_elsewhere(lock)
        m = _NAME.fullmatch(copy.stem)
        return m is not None and pid_alive(int(m.group(1)))

    def pending(self) -> list[Path]:
        """Copies left by instances that no longer run, newest first."""
        if not self.folder.is_dir():
            return []
        found = [p for p in self.folder.glob("autosave-*.nnproj")
                 if p.stem != self.name and not self.owner_alive(p)]
        return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)

    def offer(self) -> bool:
        """After a crash: offer the newest copy a dead instance left. True when it was recovered."""
        found = self.pending()
        if not found:
            return False
        copy = found[0]
        meta = {}
        try:
            meta = json.loads(copy.with_suffix(".json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
        original = meta.get("original") if isinstance(meta, dict) else None
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(copy.stat().st_mtime))
        what = (tr("“{name}”").format(name=Path(original).name) if isinstance(original, str)
                else tr("an unsaved project"))
        answer = QMessageBox.question(
            self.window, tr("Recover unsaved work"),
            tr("nnstudio did not close properly last time. An autosaved copy of {what} from {when} was found. "
               "Recover it?").format(what=what, when=when), QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
        if answer != QMessageBox.Yes:
            _remove(_files_of(copy))   # refused: let it go
            return False
        try:
            project = load(copy)
        except ProjectError as exc:
            sentence = tr("Cannot recover the autosaved copy: {problem} The copy is kept at {path}.")
            self.window.files.show_error(tr("Cannot recover"),
                                         sentence.format(problem=_sentence(str(exc)), path=copy))
            return False
        project.path = Path(original) if isinstance(original, str) else None
        w = self.window
        w.set_project(project)
        w.mark_modified()
        w.show_canvas()
        _remove(_files_of(copy))   # its work is in the window now, and autosaves from here on
        self.autosave()
        return True


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def _files_of(copy: Path) -> list[Path]:
    return [copy, copy.with_suffix(".json"), copy.with_suffix(".lock")]


def _write(snap, target: Path, meta: dict) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        snap.save(target)
        write_atomic(target.with_suffix(".json"), lambda f: f.write(json.dumps(meta).encode("utf-8")))
    except (OSError, ProjectError) as exc:   # autosave must never interrupt the learner
        log.warning("autosave failed: %s", exc)


def _remove(paths: list[Path]) -> None:
    for p in paths:
        try:
            p.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            log.warning("cannot remove %s: %s", p, exc)
        remove_stale(p)

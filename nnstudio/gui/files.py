"""File actions: New, Open, Save, Save As, Revert, recent files, autosave and recovery, model and canvas
export.

Every failure is shown as the ProjectError's one sentence; the current project is untouched when an open
fails. Prompts use QMessageBox's static functions (tests replace them to answer).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from nnstudio.paths import samples_dir
from nnstudio.project import Project, ProjectError, load
from nnstudio.atomic import remove_stale, write_atomic_named
from nnstudio.project.fit import WeightKeeper

from . import messages, settings, theme
from .autosave import Autosaver
from .background import Background, Cancelled

log = logging.getLogger(__name__)
# A project file, or a project's embedded data and weights, this large is saved and opened in a worker thread
# behind a progress dialog with Cancel; smaller ones are quicker done at once than a dialog is shown.
BACKGROUND_BYTES = 8 << 20


def _file_size(path: str | Path) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0   # load() names the problem


def _project_size(project: Project) -> int:
    weights = sum(a.nbytes for params in (project.weights or {}).values() for a in params.values())
    return weights + sum(len(content) for content in project.embedded.values())


def _open_ahead(path: str | Path, progress) -> Project:
    """In the worker: read the project and build its data, so the GUI thread only shows them."""
    project = load(path, progress=progress)
    project.prefetch_dataset()
    return project


class _Crash:
    """An unexpected error in the worker, raised again on the GUI thread (a bug stays a bug, never a
    sentence)."""

    def __init__(self, exc: BaseException):
        self.exc = exc


def is_sample(path: str | Path | None) -> bool:
    """Whether ``path`` is one of the samples installed with nnstudio (a template: Save never writes it)."""
    if path is None:
        return False
    try:
        return Path(path).resolve().is_relative_to(samples_dir().resolve())
    except OSError:
        return False


class FileActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.autosaver = Autosaver(window, self)
        self.autosave_timer = self.autosaver.timer
        self.weight_keeper = WeightKeeper()
        self._work: set[Background] = set()   # saves and opens in worker threads, waited for on close
        window.document.subscribe(self._document_changed)

    # ----- the unsaved-changes prompt --------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current project (saved, discarded, or unchanged)."""
        w = self.window
        if not w.is_modified():
            return True
        answer = QMessageBox.warning(
            w, self.tr("Unsaved changes"),
            self.tr("“{name}” has changes that are not saved. Save them first?").format(name=w.display_name()),
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Save:
            return self.save()
        return answer == QMessageBox.Discard

    # ----- new / open / revert -----------------------------------------------------------------------------
    def new(self) -> bool:
        if not self.maybe_save():
            return False
        self.discard_autosave()
        self.window.set_project(Project.new())
        self.window.show_canvas()
        return True

    def open(self) -> bool:
        start = str(self.window.project.path.parent) if self.window.project.path else ""
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open project"), start, self._filter())
        return self.open_path(path) if path else False

    def open_path(self, path: str | Path, ask: bool = True) -> bool:
        """Open ``path`` (after the unsaved-changes prompt). On failure: one message, nothing changed."""
        if ask and not self.maybe_save():
            return False
        try:
            project = self._load(path)
        except ProjectError as exc:
            self.show_error(self.tr("Cannot open project"), str(exc))
            if not Path(path).exists():
                settings.remove_recent(path)
                self.window.refresh_recent()
            return False
        if project is None:
            self.window.statusBar().showMessage(
                self.tr("Opening {name} was cancelled.").format(name=Path(path).name), 5000)
            return False
        remove_stale(path)   # temporary files a killed save of it left behind
        self.discard_autosave()
        self.window.set_project(project)
        settings.add_recent(path)
        self.window.refresh_recent()
        self.window.show_canvas()
        self.window.statusBar().showMessage(self.tr("Opened {name}.").format(name=Path(path).name), 5000)
        return True

    def revert(self) -> bool:
        w = self.window
        if w.project.path is None:
            w.statusBar().showMessage(self.tr("This project has never been saved, so there is nothing to revert "
                                              "to."), 5000)
            return False
        if w.is_modified():
            answer = QMessageBox.question(w, self.tr("Revert"), self.tr("Discard every change since “{name}” was "
                                          "last saved?").format(name=w.display_name()),
                                          QMessageBox.Discard | QMessageBox.Cancel,
                                          QMessageBox.Cancel)
            if answer != QMessageBox.Discard:
                return False
        return self.open_path(w.project.path, ask=False)

    # ----- save ----------------------------------------------------------------------------------------
    def save(self) -> bool:
        """Save where the project came from; a new project, or a sample (a template), asks where first."""
        path = self.window.project.path
        return self.save_to(path) if path is not None and not is_sample(path) else self.save_as()

    def save_as(self) -> bool:
        w = self.window
        path = w.project.path
        if path is None:
            suggested = f"{w.project.title or 'Untitled'}.nnproj"
        elif is_sample(path):   # a copy of the template among the learner's own files
            suggested = str(Path.home() / path.name)
        else:
            suggested = str(path)
        path, _ = QFileDialog.getSaveFileName(w, self.tr("Save project as"), suggested, self._filter())
        if not path:
            return False
        if not path.lower().endswith(".nnproj"):
            path += ".nnproj"
        if is_sample(path):
            self.show_error(self.tr("Cannot save project"),
                            self.tr("{path} is a sample installed with nnstudio: save your copy elsewhere.")
                            .format(path=path))
            return False
        return self.save_to(path)

    def title_note(self) -> str:
        """What the title bar adds after the file name: that a sample is a template."""
        return self.tr(" (sample: Save makes your own copy)") if is_sample(self.window.project.path) else ""

    def save_to(self, path: str | Path) -> bool:
        w = self.window
        w.spec_to_project()
        changed = []   # a training session recorded while a large project was being written
        w.projectModified.connect(changed.append)
        try:
            if _project_size(w.project) < BACKGROUND_BYTES:
                w.project.save(path)
            else:
                snap = w.project.snapshot()
                kind, value = self._run(self.tr("Saving {name}…").format(name=Path(path).name),
                                        lambda progress: snap.save(path, progress))
                if kind == "failed":
                    raise ProjectError(value, path)
                if kind == "cancelled":
                    w.statusBar().showMessage(self.tr("Saving was cancelled: {name} is as it was.").format(
                        name=Path(path).name), 8000)
                    return False
                w.project.path = Path(path)
        except ProjectError as exc:
            self.show_error(self.tr("Cannot save project"), str(exc))
            return False
        finally:
            w.projectModified.disconnect(changed.append)
        if changed:
            w.mark_saved()
            w.mark_modified()   # what changed while it was written is not in the file
        else:
            w.mark_saved()
        settings.add_recent(path)
        w.refresh_recent()
        self.discard_autosave()
        w.statusBar().showMessage(self.tr("Saved {name}.").format(name=Path(path).name), 5000)
        return True

    # ----- autosave and recovery (autosave.py) -------------------------------------------------------------
    def changed(self) -> None:
        """The project changed (an edit, data, settings, new weights): autosave soon."""
        self.autosaver.changed()

    def autosave(self) -> Path | None:
        return self.autosaver.autosave()

    def autosave_now(self, checkpoint: Project | None = None) -> Path | None:
        """Autosave at once (e.g. when a training session has been recorded); None when nothing is unsaved.
        ``checkpoint``: a Project to write instead (mid-session weights), written off the GUI thread too."""
        return self.autosaver.autosave(checkpoint)

    def discard_autosave(self) -> None:
        self.autosaver.discard()

    def pending_recoveries(self) -> list[Path]:
        return self.autosaver.pending()

    def offer_recovery(self) -> bool:
        return self.autosaver.offer()

    def close(self) -> None:
        """The window closes: no autosave left behind, the workers finished, the instance lock let go."""
        for work in list(self._work):
            work.stop()
        self.autosaver.close()

    # ----- large projects: in a worker thread, with progress and Cancel ------------------------------------
    def _load(self, path: str | Path) -> Project | None:
        """The project at ``path`` (None: the learner cancelled); a large file is read in a worker thread."""
        if _file_size(path) < BACKGROUND_BYTES:
            return load(path)
        kind, value = self._run(self.tr("Opening {name}…").format(name=Path(path).name),
                                lambda progress: _open_ahead(path, progress))
        if kind == "failed":
            raise ProjectError(value, path)
        return value if kind == "done" else None

    def _run(self, label: str, fn) -> tuple[str, object]:
        """``fn(progress)`` in a worker thread behind a window-modal progress dialog with Cancel, the window
        painting meanwhile. Returns ("done", result), ("failed", sentence) or ("cancelled", None) (Cancel
        answers at once; the worker stops at its next progress call and its result is dropped)."""
        def guarded(progress):
            try:
                return fn(progress)
            except (Cancelled, ProjectError):
                raise
            except Exception as exc:  # noqa: BLE001  handed to the GUI thread, raised there
                return _Crash(exc)

        work = Background(self)
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, 1000, self.window)
        dialog.setWindowTitle(label)
        dialog.setMinimumWidth(360)   # a long file name stays readable
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        loop = QEventLoop(self)
        outcome: list[tuple[str, object]] = []

        def end(kind: str, value: object = None) -> None:
            if not outcome:
                outcome.append((kind, value))
            loop.quit()

        work.progressed.connect(lambda done, total: dialog.setValue(int(1000 * done / total)) if total else None)
        work.finished.connect(lambda result: end("done", result))
        work.failed.connect(lambda sentence: end("failed", sentence))
        work.cancelled.connect(lambda: end("cancelled"))
        dialog.canceled.connect(lambda: (work.cancel(), end("cancelled")))
        work.start(guarded)
        self._work.add(work)
        work.thread.finished.connect(lambda: (self._work.discard(work), work.deleteLater()))
        dialog.show()
        if not outcome:
            loop.exec()
        dialog.close()
        dialog.deleteLater()
        kind, value = outcome[0]
        if isinstance(value, _Crash):
            raise value.exc
        return kind, value

    # ----- the weights follow the network ----------------------------------------------------------------
    def _document_changed(self, change) -> None:
        if change.reset:
            self.weight_keeper.forget()
            return
        if change.structural:
            before = set(self.window.project.weights or {})
            dropped = self.weight_keeper.follow(self.window.project, self.window.document.analysis())
            if dropped or set(self.window.project.weights or {}) != before:
                # the views showed what the old weights predicted (the boundary of a network since changed)
                self.window.weight_edits.edited.emit()
            if dropped:
                names = ", ".join(f"'{self.window.document.display_name(n)}'" if self.window.document.has(n)
                                  else f"'{n}'" for n in dropped)
                self.window.statusBar().showMessage(
                    self.tr("The trained weights of {names} no longer fit and start afresh (Undo brings them "
                            "back).").format(names=names), 8000)
        self.changed()

    # ----- export the model ------------------------------------------------------------------------------
    def _filter(self) -> str:
        return self.tr("nnstudio projects (*.nnproj)")

    def _model_filters(self) -> dict[str, str]:
        return {self.tr("PyTorch script and weights (*.py)"): "pytorch",
                self.tr("Keras script and weights (*.py)"): "keras",
                self.tr("Keras model file for keras.models.load_model (*.keras)"): "keras_file",
                self.tr("Keras weights for the script's load_weights (*.weights.h5)"): "keras_weights",
                self.tr("ONNX model (*.onnx)"): "onnx",
                self.tr("NumPy weights (*.npz)"): "npz"}

    def export_model(self, path: str | None = None, fmt: str | None = None) -> list[Path]:
        """File ▸ Export Model: the network with its weights, taking raw data (the training's scaling is
        folded in, or written beside and named). Returns the files written ([] when cancelled or failed)."""
        from nnstudio.export import SUFFIXES, export_project

        w = self.window
        if path is None:
            filters = self._model_filters()
            chosen = next(k for k, v in filters.items() if v == (fmt or "onnx"))
            start = w.project.path.parent if w.project.path and not is_sample(w.project.path) else Path.home()
            path, chosen = QFileDialog.getSaveFileName(
                w, self.tr("Export model"), str(start / w.display_name(stem=True)), ";;".join(filters), chosen)
            if not path:
                return []
            fmt = filters.get(chosen, fmt or "onnx")
            if not Path(path).suffix:
                path += SUFFIXES[fmt]
        fmt = fmt or "onnx"
        w.spec_to_project()
        try:
            paths = export_project(w.project, fmt, path)
        except (ValueError, OSError, ImportError) as exc:  # ProjectError, SpecError, DataError are ValueErrors
            detail = str(exc).strip() or type(exc).__name__
            self.show_error(self.tr("Cannot export model"),
                            self.tr("Cannot export the model to {path}: {detail}").format(
                                path=path, detail=detail if detail.endswith(".") else detail + "."))
            return []
        names = ", ".join(p.name for p in paths if not p.name.endswith(".scaling.json"))
        message = self.tr("Exported the model to {names}.").format(names=names)
        beside = [p for p in paths if p.name.endswith(".scaling.json")]
        if w.project.weights is None:
            message += " " + self.tr("The network is untrained: the weights are fresh random ones.")
        elif beside:
            message += " " + self.tr("Feed it data scaled as {file} says.").format(file=beside[0].name)
        else:
            message += " " + self.tr("It takes raw data: the training's scaling is built in.")
        w.statusBar().showMessage(message, 15000)
        return paths

    # ----- export --------------------------------------------------------------------------------------
    def export_image(self, path: str | None = None) -> bool:
        w = self.window
        if path is None:
            svg = self.tr("SVG drawing (*.svg)")
            # beside the project, as Export Model starts (not in whatever folder nnstudio was started from)
            start = w.project.path.parent if w.project.path and not is_sample(w.project.path) else Path.home()
            path, chosen = QFileDialog.getSaveFileName(w, self.tr("Export canvas"),
                                                       str(start / f"{w.display_name(stem=True)}.png"),
                                                       self.tr("PNG image (*.png)") + ";;" + svg)
            if not path:
                return False
            if not Path(path).suffix:       # "pic" typed with a filter chosen: the filter's type, as Save does
                path += ".svg" if chosen == svg else ".png"
        rect = self.canvas_rect()
        if path.lower().endswith(".svg"):
            ok = self._export_svg(path, rect)
        else:
            ok = self._export_png(path, rect)
        if ok:
            w.statusBar().showMessage(self.tr("Exported the canvas to {name}.").format(name=Path(path).name), 5000)
        else:
            self.show_error(self.tr("Cannot export"), self.tr("Cannot write {path}.").format(path=path))
        return ok

    def canvas_rect(self) -> QRectF:
        scene = self.window.scene
        rect = QRectF()
        for item in list(scene.cards.values()) + list(scene.edge_items.values()):
            rect = rect.united(item.sceneBoundingRect())
        if rect.isEmpty():
            rect = QRectF(0, 0, 400, 200)
        return rect.adjusted(-30, -30, 30, 30)

    def _render(self, painter: QPainter, rect: QRectF, target: QRectF) -> None:
        scene = self.window.scene
        selected = scene.selectedItems()
        scene.clearSelection()  # export what the network is, not what happens to be selected
        painter.fillRect(target, theme.colors().canvas)
        scene.render(painter, target, rect)
        for item in selected:
            item.setSelected(True)

    def _export_png(self, path: str, rect: QRectF) -> bool:
        scale = 2.0  # crisp on slides and high-DPI screens
        image = QImage(QSize(int(rect.width() * scale), int(rect.height() * scale)), QImage.Format_ARGB32)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.Antialiasing)
        self._render(painter, rect, QRectF(0, 0, image.width(), image.height()))
        painter.end()
        return self._atomically(path, image.save)

    def _export_svg(self, path: str, rect: QRectF) -> bool:
        from PySide6.QtSvg import QSvgGenerator

        def write(tmp: str) -> bool:
            gen = QSvgGenerator()
            gen.setFileName(tmp)
            gen.setSize(QSize(int(rect.width()), int(rect.height())))
            gen.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
            gen.setTitle(self.window.display_name())
            gen.setDescription("Network drawn by nnstudio")
            painter = QPainter()
            if not painter.begin(gen):
                return False
            self._render(painter, rect, QRectF(0, 0, rect.width(), rect.height()))
            painter.end()
            return True
        return self._atomically(path, write)

    @staticmethod
    def _atomically(path: str, write) -> bool:
        """Write beside ``path`` and move into place: a failed export leaves an older file whole."""
        try:
            write_atomic_named(path, write)
        except OSError:
            return False
        return True

    # ----- messages ------------------------------------------------------------------------------------
    def show_error(self, title: str, sentence: str) -> None:
        messages.show_error(self.window, title, sentence)

"""File actions: New, Open, Save, Save As, Revert, recent files, autosave and recovery, canvas export.

Every failure is shown as the ProjectError's one sentence; the current project is untouched when an open
fails. Prompts use QMessageBox's static functions (tests replace them to answer).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import time
from pathlib import Path

from PySide6.QtCore import QObject, QRectF, QSize, QTimer
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from nnstudio.project import Project, ProjectError, load
from nnstudio.project.atomic import write_atomic, write_atomic_named

from . import messages, settings, theme

log = logging.getLogger(__name__)
FILTER = "nnstudio projects (*.nnproj)"
AUTOSAVE_MS = 2 * 60 * 1000


class FileActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()

    # ----- the unsaved-changes prompt --------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current project (saved, discarded, or unchanged)."""
        w = self.window
        if not w.is_modified():
            return True
        answer = QMessageBox.warning(
            w, "Unsaved changes", f"“{w.display_name()}” has changes that are not saved. Save them first?",
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
        path, _ = QFileDialog.getOpenFileName(self.window, "Open project", start, FILTER)
        return self.open_path(path) if path else False

    def open_path(self, path: str | Path, ask: bool = True) -> bool:
        """Open ``path`` (after the unsaved-changes prompt). On failure: one message, nothing changed."""
        if ask and not self.maybe_save():
            return False
        try:
            project = load(path)
        except ProjectError as exc:
            self.show_error("Cannot open project", str(exc))
            if not Path(path).exists():
                settings.remove_recent(path)
                self.window.refresh_recent()
            return False
        self.discard_autosave()
        self.window.set_project(project)
        settings.add_recent(path)
        self.window.refresh_recent()
        self.window.show_canvas()
        self.window.statusBar().showMessage(f"Opened {Path(path).name}.", 5000)
        return True

    def revert(self) -> bool:
        w = self.window
        if w.project.path is None:
            w.statusBar().showMessage("This project has never been saved, so there is nothing to revert to.",
                                      5000)
            return False
        if w.is_modified():
            answer = QMessageBox.question(w, "Revert", f"Discard every change since “{w.display_name()}” was "
                                          f"last saved?", QMessageBox.Discard | QMessageBox.Cancel,
                                          QMessageBox.Cancel)
            if answer != QMessageBox.Discard:
                return False
        return self.open_path(w.project.path, ask=False)

    # ----- save ----------------------------------------------------------------------------------------
    def save(self) -> bool:
        path = self.window.project.path
        return self.save_to(path) if path is not None else self.save_as()

    def save_as(self) -> bool:
        w = self.window
        suggested = str(w.project.path) if w.project.path else f"{w.project.title or 'Untitled'}.nnproj"
        path, _ = QFileDialog.getSaveFileName(w, "Save project as", suggested, FILTER)
        if not path:
            return False
        if not path.lower().endswith(".nnproj"):
            path += ".nnproj"
        return self.save_to(path)

    def save_to(self, path: str | Path) -> bool:
        w = self.window
        w.current_spec()
        try:
            w.project.save(path)
        except ProjectError as exc:
            self.show_error("Cannot save project", str(exc))
            return False
        w.mark_saved()
        settings.add_recent(path)
        w.refresh_recent()
        self.discard_autosave()
        w.statusBar().showMessage(f"Saved {Path(path).name}.", 5000)
        return True

    # ----- autosave and recovery ---------------------------------------------------------------------------
    def autosave_path(self) -> Path:
        return settings.autosave_dir() / f"autosave-{os.getpid()}.nnproj"

    def autosave(self) -> Path | None:
        """Write a copy of unsaved work (never over the real file); None when nothing needed saving."""
        w = self.window
        if not w.is_modified():
            return None
        target = self.autosave_path()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            w.current_spec()
            # a shallow copy: saving it records the autosave path on the copy, never on the real project
            dataclasses.replace(w.project, path=None).save(target)
            meta = {"original": str(w.project.path) if w.project.path else None, "time": time.time()}
            write_atomic(target.with_suffix(".json"), lambda f: f.write(json.dumps(meta).encode("utf-8")))
        except (OSError, ProjectError) as exc:  # autosave must never interrupt the learner
            log.warning("autosave failed: %s", exc)
            return None
        return target

    def discard_autosave(self) -> None:
        for p in (self.autosave_path(), self.autosave_path().with_suffix(".json")):
            try:
                p.unlink()
            except FileNotFoundError:
                pass

    def pending_recoveries(self) -> list[Path]:
        folder = settings.autosave_dir()
        if not folder.is_dir():
            return []
        mine = self.autosave_path().name
        found = [p for p in folder.glob("autosave-*.nnproj") if p.name != mine]
        return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)

    def offer_recovery(self) -> bool:
        """After a crash: offer the newest autosave copy. True when it was recovered."""
        found = self.pending_recoveries()
        if not found:
            return False
        newest = found[0]
        meta = {}
        try:
            meta = json.loads(newest.with_suffix(".json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
        original = meta.get("original")
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(newest.stat().st_mtime))
        what = f"“{Path(original).name}”" if original else "an unsaved project"
        answer = QMessageBox.question(
            self.window, "Recover unsaved work",
            f"nnstudio did not close properly last time. An autosaved copy of {what} from {when} was found. "
            f"Recover it?", QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
        recovered = False
        if answer == QMessageBox.Yes:
            try:
                project = load(newest)
            except ProjectError as exc:
                self.show_error("Cannot recover", str(exc))
            else:
                project.path = Path(original) if original else None
                self.window.set_project(project)
                self.window.mark_modified()
                self.window.show_canvas()
                recovered = True
        for p in found:  # offered once: recovered work is now in the window, refused work is let go
            for q in (p, p.with_suffix(".json")):
                try:
                    q.unlink()
                except FileNotFoundError:
                    pass
        return recovered

    # ----- export --------------------------------------------------------------------------------------
    def export_image(self, path: str | None = None) -> bool:
        w = self.window
        if path is None:
            path, _ = QFileDialog.getSaveFileName(w, "Export canvas", f"{w.display_name(stem=True)}.png",
                                                  "PNG image (*.png);;SVG drawing (*.svg)")
            if not path:
                return False
        rect = self.canvas_rect()
        if path.lower().endswith(".svg"):
            ok = self._export_svg(path, rect)
        else:
            ok = self._export_png(path, rect)
        if ok:
            w.statusBar().showMessage(f"Exported the canvas to {Path(path).name}.", 5000)
        else:
            self.show_error("Cannot export", f"Cannot write {path}.")
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

"""The timeline's playback written as PNG frames for slides: frame_0001.png, ... one per snapshot epoch, of
the views under the canvas or of the whole window. Frames are computed by the timeline's FrameSource (a
Background thread for a large network) and pictured on the GUI thread one per event-loop turn, so the window
stays responsive and Cancel is heard. (Qt writes no animated GIF; the frames go into any slide tool or
``ffmpeg -i frame_%04d.png``.)
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QFileDialog

from ..plots.base import settled_grab

BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea


def frame_name(number: int, total: int) -> str:
    """frame_0001.png ...: numbered from 1, zero-padded so the files sort in playing order."""
    return f"frame_{number:0{max(4, len(str(total)))}d}.png"


def caption(picture, text: str) -> None:
    """``text`` in the picture's top right corner (over the dock buttons: no data there), dark on a light box,
    so a slide says the epoch."""
    painter = QPainter(picture)
    font = QFont(painter.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.2)
    painter.setFont(font)
    box = painter.fontMetrics().boundingRect(text).adjusted(-6, -3, 6, 3)
    ratio = picture.devicePixelRatio()
    box.moveTopRight(QPoint(int(picture.width() / ratio) - 2, 1))
    painter.fillRect(box, QColor(255, 255, 255, 230))
    painter.setPen(QColor(30, 30, 30))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()


class FrameExport(QObject):
    """Export of one timeline's frames (``timeline``: timeline.Timeline)."""

    def __init__(self, timeline):
        super().__init__(timeline)
        self.timeline = timeline
        self.running = False
        self.folder: Path | None = None
        self.what = "views"
        self.written: list[Path] = []
        self._queue: list[int] = []
        self._restore: int | None = None
        bar = timeline.bar
        bar.cancel.clicked.connect(self.cancel)

    def ask(self, what: str) -> None:
        """Choose a folder, then export (``what``: "views" or "window")."""
        window = self.timeline.side.window
        folder = QFileDialog.getExistingDirectory(window, self.tr("Folder for the PNG frames"))
        if folder:
            self.start(Path(folder), what)

    def folder_problem(self, folder: Path) -> str | None:
        """One sentence when frames cannot be written into ``folder``, else None."""
        if folder.exists() and not folder.is_dir():
            return self.tr("Cannot write frames into {0}: it is a file, not a folder.").format(folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, prefix=".nnstudio-", suffix=".png"):
                pass
        except OSError as exc:
            return self.tr("Cannot write frames into {0}: {1}.").format(folder, exc.strerror or exc)
        return None

    def start(self, folder: Path, what: str = "views") -> bool:
        """Write one frame per position of the timeline into ``folder``; False (and the sentence shown) when
        the folder cannot be written."""
        t = self.timeline
        if self.running or len(t.epochs) < 2:
            return False
        folder = Path(folder)
        problem = self.folder_problem(folder)
        if problem:
            t._failed(problem)
            return False
        t._stop_playing()
        self.folder, self.what, self.written = folder, what, []
        self._restore = t.rewound
        if t.rewound is None:
            t._live_snap = t.side.views.last_snapshot     # what the views show again afterwards
        self._queue = list(range(len(t.epochs)))
        self.running = True
        t.bar.say("")
        t.bar.progress.setRange(0, len(t.epochs))
        t.bar.progress.setValue(0)
        t.bar.show_progress(True)
        for w in (t.bar.slider, t.bar.play, t.bar.live, t.bar.branch):
            w.setEnabled(False)
        QTimer.singleShot(0, self, self._next)
        return True

    def cancel(self) -> None:
        if self.running:
            self._end(self.tr("Export cancelled: {0} frames written into {1}.").format(len(self.written),
                                                                                       self.folder))

    def _next(self) -> None:
        if not self.running:
            return
        if not self._queue:
            self._end(self.tr("{0} frames written into {1}.").format(len(self.written), self.folder))
            return
        t = self.timeline
        index = self._queue[0]
        t.source.request(t.epochs[index], t.position_weights(index))

    def frame_ready(self, epoch: int, snap) -> None:
        """The timeline's frame for the position in front of the queue: draw, picture and write it."""
        t = self.timeline
        if not self.running or not self._queue or t.epochs[self._queue[0]] != epoch:
            return
        index = self._queue.pop(0)
        t.bar.slider.blockSignals(True)
        t.bar.slider.setValue(index)
        t.bar.slider.blockSignals(False)
        t.bar.epoch.setText(t.tr("epoch {0} of {1}").format(epoch, t.epochs[-1]))
        t._draw(snap)
        t._markers(epoch)
        path = self.folder / frame_name(len(self.written) + 1, len(t.epochs))
        picture = self.picture()
        if self.what == "views":        # the window's own frames show the timeline's label; these say it too
            caption(picture, t.tr("epoch {0} of {1}").format(epoch, t.epochs[-1]))
        if not picture.save(str(path), "PNG"):
            self._end(self.tr("Could not write the frame {0}.").format(path), failed=True)
            return
        self.written.append(path)
        t.bar.progress.setValue(len(self.written))
        QTimer.singleShot(0, self, self._next)      # the event loop turns between frames: Cancel is heard

    def picture(self):
        """The window, or the part of it the live views' docks cover (under the canvas)."""
        window = self.timeline.side.window
        if self.what == "window":
            return settled_grab(window)
        area = QRect()
        for dock in self.timeline.side.views.docks.values():
            # a tab behind another is "visible" with a stale geometry: only what can be painted counts
            if (dock.isVisible() and not dock.isFloating() and window.dockWidgetArea(dock) == BOTTOM
                    and not dock.visibleRegion().isEmpty()):
                area = area.united(dock.geometry())
        area = area.intersected(window.rect())
        return settled_grab(window, area if area.isValid() else QRect())

    def _end(self, message: str, failed: bool = False) -> None:
        t = self.timeline
        self.running = False
        self._queue = []
        t.bar.show_progress(False)
        restore, self._restore = self._restore, None
        t.refresh()
        # back to what was shown before the export
        if restore is not None and restore in t.epochs:
            t.show_epoch(restore)
        else:
            t.go_live(redraw=True)
        if failed:
            t._failed(message)
        else:
            t.bar.say(message)
            t.side.window.statusBar().showMessage(message, 8000)

"""Export a plot to PNG, SVG or CSV from its context menu.

pyqtgraph's exporters do the drawing; CSV is ours so that every view (including images such as heatmaps and
confusion matrices) writes the numbers a learner would want in a spreadsheet, with a header row.
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path
from typing import Callable

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters as exporters
from PySide6.QtCore import QCoreApplication, QRect
from PySide6.QtGui import QImageWriter, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from nnstudio.atomic import write_atomic_named

from .. import messages

# a CSV source returns (header, rows)
CsvSource = Callable[[], tuple[list[str], list[list]]]


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlotExport", text)


class ExportError(OSError):
    """A failure whose message is already the sentence to show."""


def image_suffixes() -> list[str]:
    """The file name endings Qt can write images as ('.png' first)."""
    found = sorted(f".{bytes(f).decode()}" for f in QImageWriter.supportedImageFormats())
    return sorted(set(found) | {".png"}, key=lambda s: (s != ".png", s))


def failure_sentence(path: str | os.PathLike, exc: OSError) -> str:
    """Why writing ``path`` failed, in one sentence a learner can act on."""
    path = Path(path)
    if not path.parent.is_dir():
        return _tr("Cannot export to {path}: the folder {folder} does not exist.").format(
            path=path, folder=path.parent)
    if exc.strerror:
        return _tr("Cannot export to {path}: {reason}.").format(path=path, reason=exc.strerror.lower())
    return _tr("Cannot write {path}.").format(path=path)


def export_png(item, path: str | os.PathLike, width: int | None = None) -> Path:
    """Raises ExportError if the name has no image suffix Qt can write (the format comes from it)."""
    if Path(path).suffix.lower() not in image_suffixes():
        others = [s for s in (".jpg", ".bmp", ".tiff", ".webp") if s in image_suffixes()]
        raise ExportError(_tr("Cannot export to {path}: the name must end in .png (or another image type "
                              "such as {others}).").format(path=path, others=", ".join(others)))
    exp = exporters.ImageExporter(item)
    if width:
        exp.parameters()["width"] = int(width)
    return write_atomic_named(path, lambda tmp: exp.export(tmp))


def export_svg(widget: QWidget, path: str | os.PathLike) -> Path:
    """Vector drawing of the whole view via QtSvg (pyqtgraph's own SVG exporter fails on current Qt)."""
    def write(tmp: str) -> None:
        gen = QSvgGenerator()
        gen.setFileName(tmp)
        size = widget.size()
        gen.setSize(size)
        gen.setViewBox(QRect(0, 0, size.width(), size.height()))
        gen.setTitle(getattr(widget, "name", "plot"))
        gen.setDescription("Exported from nnstudio")
        painter = QPainter(gen)
        try:
            widget.render(painter)
        finally:
            painter.end()
    return write_atomic_named(path, write)


def write_csv(path: str | os.PathLike, header: list[str], rows) -> Path:
    """Atomic: a temp file in the same folder replaced into place, so a failure leaves no half file."""
    def write(tmp: str) -> None:
        with open(tmp, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            for row in rows:
                w.writerow([_cell(v) for v in row])
    return write_atomic_named(path, write)


def _cell(v):
    if isinstance(v, (float, np.floating)):
        return repr(float(v))
    if isinstance(v, np.integer):
        return int(v)
    return v


def curves_csv(plot_item: pg.PlotItem) -> tuple[list[str], list[list]]:
    """Every named curve of a PlotItem as long-format rows: series, x, y."""
    rows = []
    for item in plot_item.listDataItems():
        x, y = item.getOriginalDataset()
        if x is None or y is None:
            continue
        name = item.name() or "series"
        rows.extend([name, float(a), float(b)] for a, b in zip(x, y))
    return ["series", "x", "y"], rows


def install(widget: QWidget, plot_item, name: str, csv_source: CsvSource | None = None) -> QMenu:
    """Add "Export PNG/SVG/CSV…" to the plot's context menu; returns the submenu (tests trigger it)."""
    vb = plot_item.getViewBox() if hasattr(plot_item, "getViewBox") else plot_item
    menu = vb.menu.addMenu(_tr("Export"))
    source = csv_source or (lambda: curves_csv(plot_item))

    def ask(kind: str, pattern: str):
        # the plot named as its title shows it ("Gradient norm per layer", 每层的梯度范数), not by its file name
        label = getattr(plot_item, "titleLabel", None)
        shown = re.sub(r"<[^>]*>", "", str(getattr(label, "full", "") or getattr(label, "text", "") or "")).strip()
        path, _ = QFileDialog.getSaveFileName(
            widget, _tr("Export {name} as {kind}").format(name=shown or name, kind=kind),
            str(Path.home() / f"{name}.{kind.lower()}"), pattern)
        return path

    def run(kind: str, pattern: str, write: Callable[[str], object]) -> None:
        path = ask(kind, pattern)
        if not path:
            return
        try:
            write(path)
        except ExportError as exc:
            messages.show_error(widget, _tr("Cannot export"), str(exc))
        except OSError as exc:  # a missing folder, no permission, a full disk
            messages.show_error(widget, _tr("Cannot export"), failure_sentence(path, exc))

    def png():
        run("PNG", _tr("PNG image (*.png)"), lambda path: export_png(plot_item, path))

    def svg():
        run("SVG", _tr("SVG drawing (*.svg)"), lambda path: export_svg(widget, path))

    def to_csv():
        run("CSV", _tr("CSV table (*.csv)"), lambda path: write_csv(path, *source()))

    menu.addAction(_tr("PNG image…"), png)
    menu.addAction(_tr("SVG drawing…"), svg)
    menu.addAction(_tr("CSV table…"), to_csv)
    widget.export_csv_source = source
    return menu

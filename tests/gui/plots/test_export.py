"""Exporting a plot from its context menu: the file is written, and a failure is one sentence in a
"Cannot export" dialog (and the status bar), never the generic "Something went wrong"."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from nnstudio.gui.plots.curves import LossPlot

from ..records import progress_record


@pytest.fixture
def plot_in_window(qtbot):
    window = QMainWindow()
    plot = LossPlot()
    window.setCentralWidget(plot)
    window.resize(640, 400)
    window.show()
    qtbot.waitExposed(window)
    plot.on_progress(progress_record(position=2.0, batch_points=([1.0, 2.0], [0.9, 0.5]), batches_per_epoch=1,
                                     epochs=[(1, {"loss": 0.9}), (2, {"loss": 0.5})]))
    plot.redraw(force=True)
    yield window, plot
    window.close()


@pytest.fixture
def answers(monkeypatch):
    """Answer the save dialog with ``answers.path``; record error dialogs instead of showing them."""
    class Answers:
        path = ""
        errors: list[tuple[str, str]] = []
    a = Answers()
    a.errors = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kw: (a.path, ""))
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *rest: a.errors.append((title, text)))
    return a


def _export(plot, kind: str) -> None:
    action = next(a for a in plot.export_menu.actions() if a.text().startswith(kind))
    action.trigger()


@pytest.mark.parametrize("kind, suffix", [("PNG", "png"), ("SVG", "svg"), ("CSV", "csv")])
def test_exports_write_the_file(plot_in_window, answers, tmp_path, kind, suffix):
    _, plot = plot_in_window
    answers.path = str(tmp_path / f"loss.{suffix}")
    _export(plot, kind)
    assert answers.errors == []
    assert (tmp_path / f"loss.{suffix}").stat().st_size > 0


@pytest.mark.parametrize("kind, suffix", [("PNG", "png"), ("SVG", "svg"), ("CSV", "csv")])
def test_export_to_a_missing_folder_says_so(plot_in_window, answers, tmp_path, kind, suffix):
    # Regression (#20 item 7): the FileNotFoundError reached the generic "Something went wrong" handler.
    window, plot = plot_in_window
    answers.path = str(tmp_path / "nowhere" / f"loss.{suffix}")
    _export(plot, kind)
    [(title, sentence)] = answers.errors
    assert title == "Cannot export"
    assert sentence == f"Cannot export to {answers.path}: the folder {tmp_path / 'nowhere'} does not exist."
    assert window.statusBar().currentMessage() == sentence
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["loss", "loss.xyz"])
def test_png_export_without_an_image_suffix_says_which_to_use(plot_in_window, answers, tmp_path, name):
    _, plot = plot_in_window
    answers.path = str(tmp_path / name)
    _export(plot, "PNG")
    [(title, sentence)] = answers.errors
    assert title == "Cannot export"
    assert sentence.startswith(f"Cannot export to {answers.path}: ")
    assert ".png" in sentence and "\n" not in sentence
    assert list(tmp_path.iterdir()) == []  # no half-written or temporary file left


def test_cancelled_dialog_writes_nothing(plot_in_window, answers, tmp_path):
    _, plot = plot_in_window
    answers.path = ""
    _export(plot, "PNG")
    assert answers.errors == [] and list(tmp_path.iterdir()) == []


def test_the_export_dialog_names_the_plot_by_its_title_and_starts_at_home(plot_in_window, monkeypatch, tmp_path):
    """It said "Export loss as PNG" (in Chinese "把 weights 导出为 PNG", the plot's file name) and opened in the
    process's working folder."""
    from pathlib import Path
    _, plot = plot_in_window
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda parent, title, start, *rest: asked.append(
        (title, start)) or ("", ""))
    _export(plot, "PNG")
    title, start = asked[0]
    assert title == "Export Loss as PNG" and Path(start) == Path.home() / "loss.png"

"""The runs comparison: curves per run from the stored histories, the x axes, the table, the Tools action."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnstudio.gui.runs_view import RunsComparison, open_runs_view
from nnstudio.project import compare, runs
from tests.project.test_runner import moons_project


@pytest.fixture(scope="module")
def compared():
    """Two kept runs (batch 1 and all) and the project's own untrained current run."""
    project = moons_project()
    for value in (1, None):
        variant = compare.grid([compare.Vary("training.batch_size", (value,))])[0]
        runs.keep(project, compare.as_run(compare.train(project, variant, epochs=4)))
    runs.pin(project, project.runs[1].id)
    return project


@pytest.fixture
def view(qtbot, compared):
    v = RunsComparison(lambda: compared)
    qtbot.addWidget(v)
    v.show()
    qtbot.waitExposed(v)
    return v


def test_each_trained_run_draws_its_stored_curves_train_solid_validation_dashed(view, compared):
    assert view.metric_box.currentData() == "loss"
    assert [view.metric_box.itemData(i) for i in range(view.metric_box.count())] == ["loss", "accuracy"]
    assert len(view.curves) == 4                       # two runs x (loss, val_loss); the untrained run: none
    for run in compared.runs:
        for key, style in (("loss", Qt.SolidLine), ("val_loss", Qt.DashLine)):
            item = view.curves[(run.id, key)]
            x, y = item.getData()
            np.testing.assert_array_equal(x, [1, 2, 3, 4])
            np.testing.assert_array_equal(y, np.asarray(run.history[key], dtype=float))
            assert item.opts["pen"].style() == style
    colours = {view.curves[(r.id, "loss")].opts["pen"].color().name() for r in compared.runs}
    assert len(colours) == 2
    assert view.legend.items and view.legend.parentItem() is view.plot_item   # under the axis, not in the view


def test_the_x_axis_in_samples_seen_and_seconds(view, compared):
    run = compared.runs[0]
    view.axis_box.setCurrentIndex(view.axis_box.findData("samples"))
    x, _ = view.curves[(run.id, "loss")].getData()
    per = run.info.samples_per_epoch
    assert per == 70                                  # 100 moons: 20 for validation, 10 for test
    np.testing.assert_array_equal(x, [per, 2 * per, 3 * per, 4 * per])
    view.axis_box.setCurrentIndex(view.axis_box.findData("seconds"))
    x, _ = view.curves[(run.id, "loss")].getData()
    np.testing.assert_allclose(x, [run.info.seconds * k / 4 for k in (1, 2, 3, 4)])
    assert "wall time evenly" in view.note.text()


def test_the_table_gives_final_and_best_values_and_sorts_by_number(view, compared):
    table = view.table
    assert table.rowCount() == 2 and table.horizontalHeaderItem(1).text() == "final validation loss"
    first, second = compared.runs
    assert table.item(0, 0).text() == first.name and table.item(1, 0).text() == f"{second.name} (pinned)"
    for row, run in enumerate(compared.runs):
        summary = compare.summarize(run, "val_loss")
        assert table.item(row, 1).value == summary.final == run.history["val_loss"][-1]
        assert table.item(row, 2).value == min(run.history["val_loss"])
        assert table.item(row, 3).text() == "4"
    table.sortByColumn(1, Qt.DescendingOrder)
    finals = [table.item(r, 1).value for r in range(2)]
    assert finals == sorted(finals, reverse=True)
    view.metric_box.setCurrentIndex(view.metric_box.findData("accuracy"))
    assert table.horizontalHeaderItem(2).text() == "best validation accuracy"
    assert {table.item(r, 2).value for r in range(2)} == {max(r.history["val_accuracy"]) for r in compared.runs}


def test_an_untrained_project_says_how_to_get_runs(qtbot):
    untrained = moons_project()
    v = RunsComparison(lambda: untrained)
    qtbot.addWidget(v)
    v.show()
    qtbot.waitExposed(v)
    assert v.table.rowCount() == 0 and "No run has been trained yet" in v.note.text()
    v.close()


def test_the_tools_action_opens_one_view_over_the_window_project(make_window, compared):
    w = make_window(compared.snapshot())
    w.actions.runs_view.trigger()
    view = w.findChild(RunsComparison, "runs_comparison")
    assert view.isVisible() and view.table.rowCount() == 2
    assert open_runs_view(w) is view
    view.close()


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_each_column_header_has_room_for_its_words_at_the_opening_size(qtbot, qapp, compared, lang):
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QStyle

    from nnstudio.gui import language
    assert language.install(qapp, lang)
    try:
        v = RunsComparison(lambda: compared)
        qtbot.addWidget(v)
        v.show()                                     # as it opens (screen_fit: 900 px wide, less on a small screen)
        qtbot.waitExposed(v)
        header = v.table.horizontalHeader()
        metrics = QFontMetrics(header.font())
        margins = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        for metric in range(v.metric_box.count()):   # "final validation loss", "... accuracy"
            v.metric_box.setCurrentIndex(metric)
            qapp.processEvents()
            for i in range(1, v.table.columnCount()):
                text = v.table.horizontalHeaderItem(i).text()
                assert metrics.horizontalAdvance(text) + margins <= header.sectionSize(i), (lang, text)
            names = [v.table.item(r, 0).text() for r in range(v.table.rowCount())]   # the runs keep the rest
            assert max(metrics.horizontalAdvance(n) for n in names) + margins <= header.sectionSize(0)
        assert v.table.horizontalScrollBar().maximum() == 0
    finally:
        language.install(qapp, "en")

"""Tools ▸ Predict New Samples: the table of new samples predicts what `nnstudio predict` predicts (tutorial 002's
two houses), names the classes of a classifier, says in one sentence why it cannot predict, names a bad cell,
and follows the window's project."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from nnstudio import cli
from nnstudio.gui import theme
from nnstudio.gui.predict_dialog import PROBLEM, SHADE, VALUE, PredictDialog
from nnstudio.paths import samples_dir
from nnstudio.project import load, runner
from nnstudio.project.predict import Predictor, read_features

HOUSES = [["110", "7"], ["85", "12"]]   # tutorial 002's new houses: m², years


@pytest.fixture(scope="module")
def trained_houses(tmp_path_factory):
    """The house-price sample trained briefly and saved, as `nnstudio predict` reads it."""
    project = load(samples_dir() / "house_price_network.nnproj")
    runner.train(project, epochs=300)
    return project.save(tmp_path_factory.mktemp("houses") / "houses.nnproj")


@pytest.fixture(scope="module")
def trained_iris(tmp_path_factory):
    project = load(samples_dir() / "iris_softmax.nnproj")
    runner.train(project, epochs=15)
    return project.save(tmp_path_factory.mktemp("iris") / "iris.nnproj")


def open_dialog(window, qtbot, path=None) -> PredictDialog:
    if path is not None:
        window.set_project(load(path))
    window.actions.predict.trigger()
    dialog = window.findChild(PredictDialog, "predict_dialog")
    assert dialog is not None and dialog.isVisible()
    return dialog


def type_cell(qtbot, dialog, row: int, column: int, text: str) -> None:
    """Type into a cell as a user does: make it current, F2, replace its text, Enter."""
    table = dialog.table
    table.setFocus()
    table.setCurrentCell(row, column)
    qtbot.keyClick(table, Qt.Key_F2)
    editor = next(e for e in table.findChildren(QLineEdit) if e.isVisible())
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.EditingState)   # the delegate commits queued


def texts(dialog, row: int) -> list[str]:
    return [dialog.table.item(row, c).text() if dialog.table.item(row, c) else ""
            for c in range(dialog.table.columnCount())]


def test_the_two_new_houses_are_priced_as_nnstudio_predict_prices_them(window, qtbot, trained_houses, tmp_path):
    # the CLI path: a CSV of the two houses through `nnstudio predict`
    source, target = tmp_path / "new.csv", tmp_path / "out.csv"
    source.write_text("area_m2,age_years\n" + "".join(f"{a},{b}\n" for a, b in HOUSES))
    assert cli.main(["predict", str(trained_houses), "--input", str(source), "--output", str(target)]) == 0
    with open(target, newline="") as f:
        written = list(csv.reader(f))
    project = load(trained_houses)
    predictor = Predictor(project)
    exact = predictor.predict(read_features(source, predictor.columns, predictor.input_shape)).values[:, 0]

    dialog = open_dialog(window, qtbot, trained_houses)
    assert dialog.reason == ""
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
    assert headers[:2] == ["area_m2", "age_years"]            # as the data names them
    assert headers[2] in ("Prediction", "Predicted price_thousand_eur")
    # pasted from a spreadsheet, header line included
    QGuiApplication.clipboard().setText("area_m2\tage_years\n" + "".join(f"{a}\t{b}\n" for a, b in HOUSES))
    qtbot.mouseClick(dialog.paste_button, Qt.LeftButton)
    values = [dialog.table.item(r, 2).data(VALUE) for r in range(2)]
    # float32 products over other batch shapes may round differently on another CPU's BLAS kernel
    assert values == pytest.approx(list(exact), rel=1e-5)
    assert [float(texts(dialog, r)[2]) for r in range(2)] == pytest.approx(
        [float(row[0]) for row in written[1:]], rel=1e-5)                               # as the CSV has them
    assert [float(row[0]) for row in written[1:]] == pytest.approx(values, rel=1e-5)
    assert 100 < values[1] < values[0] < 400                  # thousands of euros; the larger, newer house costs more
    assert dialog.message.isHidden()


def test_typed_rows_predict_as_they_are_filled_and_a_bad_cell_is_named(window, qtbot, trained_houses):
    dialog = open_dialog(window, qtbot, trained_houses)
    type_cell(qtbot, dialog, 0, 0, "110")
    assert texts(dialog, 0)[2] == ""                           # half a row: nothing predicted yet, no complaint
    assert dialog.message.isHidden()
    type_cell(qtbot, dialog, 0, 1, "7")
    assert texts(dialog, 0)[2] != ""
    type_cell(qtbot, dialog, 1, 0, "abc")
    type_cell(qtbot, dialog, 1, 1, "12")
    assert dialog.message.isVisible()
    assert dialog.message.text() == "Row 2, column 'area_m2': 'abc' is not a number."
    bad = dialog.table.item(1, 0)
    assert bad.data(SHADE) == PROBLEM and bad.toolTip() == dialog.message.text()
    assert dialog.table.item(1, 1).data(SHADE) is None
    assert texts(dialog, 1)[2] == "" and 1 not in dialog.predictions
    type_cell(qtbot, dialog, 1, 0, "85")
    assert dialog.message.isHidden() and texts(dialog, 1)[2] != ""
    assert dialog.table.item(1, 0).data(SHADE) is None
    # rows come and go with the buttons; a filled last row gets an empty one after it
    assert not any(dialog.cells(dialog.table.rowCount() - 1))
    before = dialog.table.rowCount()
    qtbot.mouseClick(dialog.add_row, Qt.LeftButton)
    assert dialog.table.rowCount() == before + 1
    dialog.table.setCurrentCell(0, 0)
    qtbot.mouseClick(dialog.remove_row, Qt.LeftButton)
    assert dialog.cells(0) == ["85", "12"] and 0 in dialog.predictions


def test_a_classifier_shows_the_class_name_and_its_probability(window, qtbot, trained_iris):
    dialog = open_dialog(window, qtbot, trained_iris)
    classes = load(trained_iris).class_names
    assert len(dialog.columns) == 4
    dialog.set_rows([["5.1", "3.5", "1.4", "0.2"], ["6.7", "3.0", "5.2", "2.3"]])
    names = [texts(dialog, r)[4] for r in range(2)]
    assert names == ["setosa", "virginica"] and set(names) <= set(classes)
    assert texts(dialog, 0)[5].endswith("%")
    tip = dialog.table.item(0, 4).toolTip()
    assert all(name in tip for name in classes)               # every class's probability in the tooltip
    prediction = dialog.predictions[0]
    assert prediction.probabilities[0].sum() == pytest.approx(1.0, abs=1e-5)
    assert dialog.table.item(0, 5).data(VALUE) == pytest.approx(prediction.probabilities[0].max())


def test_an_untrained_project_or_one_without_data_gets_one_sentence(window, qtbot):
    dialog = open_dialog(window, qtbot)                        # the window's new, empty project
    assert dialog.reason.startswith("This project has no data yet")
    assert dialog.table.isHidden() and dialog.message.text() == dialog.reason
    window.set_project(load(samples_dir() / "house_price_network.nnproj"))
    qtbot.waitUntil(lambda: dialog.reason.startswith("Train the network first"))
    assert dialog.message.text() == dialog.reason and "\n" not in dialog.reason
    window.set_project(load(samples_dir() / "digits_cnn.nnproj"))
    qtbot.waitUntil(lambda: "drawing pad" in dialog.reason)


def test_it_follows_new_weights_and_another_project(window, qtbot, trained_houses, trained_iris):
    dialog = open_dialog(window, qtbot, trained_houses)
    dialog.set_rows(HOUSES)
    before = dialog.table.item(0, 2).data(VALUE)
    runner.train(window.project, epochs=50)                  # new weights, as a training session records them
    window.mark_modified()
    qtbot.waitUntil(lambda: dialog.table.item(0, 2).data(VALUE) != before)
    assert dialog.cells(0) == HOUSES[0]                        # the typed samples stay
    expected = Predictor(window.project).predict(np.array([[110.0, 7.0]])).values[0, 0]
    assert dialog.table.item(0, 2).data(VALUE) == pytest.approx(expected, rel=1e-5)
    window.set_project(load(trained_iris))
    qtbot.waitUntil(lambda: len(dialog.columns) == 4)
    assert dialog.predictions == {} and dialog.table.columnCount() == 6


def painted(dialog, row: int, column: int) -> QColor:
    """The colour the table paints a cell's background with: a pixel inside its right edge, clear of its
    left-aligned short text."""
    table = dialog.table
    rect = table.visualItemRect(table.item(row, column))
    return table.viewport().grab().toImage().pixelColor(rect.right() - 4, rect.center().y())


def over(color: QColor, base: QColor) -> QColor:
    a = color.alphaF()
    return QColor(*(round(a * c + (1 - a) * b) for c, b in zip(color.getRgb()[:3], base.getRgb()[:3])))


def close(a: QColor, b: QColor) -> bool:
    return all(abs(x - y) <= 3 for x, y in zip(a.getRgb()[:3], b.getRgb()[:3]))


def test_the_shading_follows_a_switch_of_appearance_while_open(window, qtbot, trained_houses):
    previous = theme.appearance()
    window.set_appearance("light")
    try:
        dialog = open_dialog(window, qtbot, trained_houses)
        dialog.set_rows([["110", "7"], ["abc", "12"]])
        qtbot.waitExposed(dialog)
        for scheme in ("light", "dark", "light"):
            window.set_appearance(scheme)                      # View ▸ Appearance, the dialog open
            QGuiApplication.processEvents()
            palette = dialog.table.palette()
            # the column and row names keep the cells' 11 pt (the style sheet set them back to 9 pt)
            for header in (dialog.table.horizontalHeader(), dialog.table.verticalHeader()):
                assert header.font().pointSizeF() == dialog.table.font().pointSizeF() >= 11, scheme
            # the read-only outputs on the new scheme's alternate base (a stored brush kept the light band)
            for row in (0, 2):
                assert painted(dialog, row, 2) == palette.color(QPalette.AlternateBase), (scheme, row)
            assert painted(dialog, 0, 1) == palette.color(QPalette.Base)
            # the unreadable cell tinted with this scheme's error tone over the base
            tint = QColor(theme.tone_color("error"))
            tint.setAlpha(70)
            assert close(painted(dialog, 1, 0), over(tint, palette.color(QPalette.Base))), scheme
        assert dialog.table.palette().color(QPalette.AlternateBase) != QColor(theme.dark_palette().color(
            QPalette.AlternateBase))                            # back in light: it really changed twice
    finally:
        theme.set_appearance(previous)

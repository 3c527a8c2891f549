"""The CSV import dialog's "time series" use: number columns as a series, window, horizon and stride; the data
panel embeds the file and shows the time-series source on its CSV page."""

import numpy as np
from PySide6.QtWidgets import QDialogButtonBox

from nnstudio.gui.csv_dialog import CsvDialog
from nnstudio.project import Project


def series_csv(tmp_path):
    path = tmp_path / "river.csv"
    path.write_text("day,level,rain\n" + "".join(f"2024-01-{t:02d},{1.5 + t},{t % 3}\n" for t in range(1, 31)),
                    encoding="utf-8")
    return path


def ok_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def as_series(dialog, columns, window=5, horizon=2, stride=1, forecast=None):
    dialog.use.setCurrentIndex(dialog.use.findData("timeseries"))
    for i in range(dialog.series.count()):
        item = dialog.series.item(i)
        item.setCheckState(item.checkState().Checked if item.text() in columns else item.checkState().Unchecked)
    if forecast is not None:
        dialog.forecast.setCurrentIndex(dialog.forecast.findText(forecast))
    dialog.window.setValue(window)
    dialog.horizon.setValue(horizon)
    dialog.stride.setValue(stride)


def test_a_time_series_import_gives_chronological_windows(qtbot, tmp_path):
    dialog = CsvDialog(series_csv(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.sides.currentIndex() == 0                  # a table until chosen otherwise
    series = [dialog.series.item(i).text() for i in range(dialog.series.count())]
    assert series == ["level", "rain"]                       # the dates are text: not offered
    as_series(dialog, ["level", "rain"], window=5, horizon=2, stride=3)
    assert dialog.sides.currentIndex() == 1 and dialog.forecast.currentText() == "rain"   # ticked first: kept
    as_series(dialog, ["level", "rain"], window=5, horizon=2, stride=3, forecast="level")
    assert ok_button(dialog).isEnabled() and "No problems" in dialog.problems.text()
    dialog.accept()
    ds = dialog.dataset
    assert ds.chronological and ds.input_shape == (5, 2) and len(ds) == (30 - 5 - 2) // 3 + 1
    np.testing.assert_allclose(ds.y[:2], [1.5 + 7, 1.5 + 10])  # level two days after each window
    assert ds.source["kind"] == "timeseries" and ds.source["options"]["stride"] == 3
    assert dialog.file_bytes == series_csv(tmp_path).read_bytes()


def test_no_series_column_ticked_is_refused_in_words(qtbot, tmp_path):
    dialog = CsvDialog(series_csv(tmp_path))
    qtbot.addWidget(dialog)
    as_series(dialog, [])
    assert not ok_button(dialog).isEnabled() and "series column" in dialog.problems.text()
    as_series(dialog, ["rain"])
    assert ok_button(dialog).isEnabled() and dialog.forecast.currentText() == "rain"


def test_a_series_too_short_for_the_window_is_said_on_import(qtbot, tmp_path):
    dialog = CsvDialog(series_csv(tmp_path))
    qtbot.addWidget(dialog)
    as_series(dialog, ["level"], window=40)
    dialog.accept()
    assert dialog.dataset is None and "too short for windows of 40 steps" in dialog.problems.text()


class SeriesImport(CsvDialog):
    def exec(self):
        as_series(self, ["level"], window=4, horizon=1)
        self.accept()
        return self.dataset is not None


def test_the_data_panel_embeds_the_series_and_shows_it_again(qtbot, make_window, tmp_path):
    project = Project(spec={"nodes": [{"id": "x", "type": "Input", "params": {"shape": [4, 1]}},
                                      {"id": "r", "type": "LSTM", "params": {"units": 3}},
                                      {"id": "y", "type": "Dense", "params": {"units": 1}}],
                            "edges": [["x", "r"], ["r", "y"]]}, title="River")
    w = make_window(project)
    panel = w.training.data_panel
    assert panel.import_csv(str(series_csv(tmp_path)), dialog_factory=SeriesImport)
    source = w.project.data["source"]
    assert source["kind"] == "timeseries" and source["path"] == "data/river.csv"
    assert "river.csv" in w.project.embedded
    panel.load(w.project)
    assert panel.kind.currentData() == "csv" and "river.csv" in panel.csv_label.text()
    assert panel.dataset is not None and panel.dataset.input_shape == (4, 1)


def gapped_csv(tmp_path):
    """The river series with the level of day 7 and the rain of day 12 missing."""
    rows = [f"2024-01-{t:02d},{'' if t == 7 else 1.5 + t},{'' if t == 12 else t % 3}"
            for t in range(1, 31)]
    path = tmp_path / "river_gaps.csv"
    path.write_text("day,level,rain\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_gap_in_a_series_is_explained_as_the_series_import_treats_it(qtbot, tmp_path):
    dialog = CsvDialog(gapped_csv(tmp_path))
    qtbot.addWidget(dialog)
    assert "drop the rows with a gap" in dialog.problems.text()   # a table: its Missing values choice helps
    as_series(dialog, ["level", "rain"])
    text = dialog.problems.text()
    assert not ok_button(dialog).isEnabled()
    assert ("river_gaps.csv, row 8, column 'level' (2): the value is missing. A time series needs a value at every "
            "step, and the import neither drops that row nor skips the windows across it: fill the gap in the "
            "file.") in text
    assert "row 13, column 'rain' (3): the value is missing" in text
    assert "drop the rows" not in text and "column mean" not in text and "missing=" not in text
    as_series(dialog, ["rain"])                               # the gap in 'level' no longer matters
    assert "'level'" not in dialog.problems.text() and "row 13" in dialog.problems.text()
    dialog.accept()                   # what the sentence says is what the loader does: it refuses the gap
    assert dialog.dataset is None and "a time series needs a value at every step" in dialog.problems.text()



def river_with(tmp_path, cells: dict, name="river_bad.csv"):
    """The river series with some of its level cells (by day) replaced."""
    rows = [f"2024-01-{t:02d},{cells.get(t, 1.5 + t)},{t % 3}" for t in range(1, 31)]
    path = tmp_path / name
    path.write_text("day,level,rain\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_number_column_left_out_for_one_bad_cell_is_named_with_the_cell(qtbot, tmp_path):
    dialog = CsvDialog(river_with(tmp_path, {7: "inf"}))
    qtbot.addWidget(dialog)
    # a table: the column is a feature, and the same cell (row 8 as the preview's row header shows it) blocks it
    assert dialog.table.verticalHeaderItem(6).text() == "8" and dialog.table.item(6, 1).text() == "inf"
    assert not ok_button(dialog).isEnabled()
    assert "river_bad.csv, row 8, column 'level' (2): 'inf' is not a finite number" in dialog.problems.text()
    as_series(dialog, ["rain"])
    assert [dialog.series.item(i).text() for i in range(dialog.series.count())] == ["rain"]
    # the series imports without it, and the learner is told why it is not listed: not an error
    assert ok_button(dialog).isEnabled()
    assert dialog.problems.text() == (
        "river_bad.csv, row 8, column 'level' (2): 'inf' is not a finite number, so the column is not listed as "
        "a series column; correct that cell in the file and import it again.")
    as_series(dialog, [])       # nothing ticked: refused, and the reason 'level' is not there to tick stays said
    text = dialog.problems.text()
    assert not ok_button(dialog).isEnabled()
    assert "Tick at least one series column" in text and "row 8, column 'level' (2): 'inf'" in text


def test_a_column_left_out_for_a_word_says_how_many_more_rows_to_correct(qtbot, tmp_path):
    dialog = CsvDialog(river_with(tmp_path, {4: "low", 9: "?!", 20: "high"}))
    qtbot.addWidget(dialog)
    as_series(dialog, ["rain"])
    assert dialog.problems.text() == (
        "river_bad.csv, row 5, column 'level' (2): 'low' is not a number, so the column is not listed as a series "
        "column; correct that cell in the file and import it again. The same problem is in 2 more rows of this "
        "column, the first of them row 10.")


def test_every_gap_of_a_series_column_is_counted(qtbot, tmp_path):
    dialog = CsvDialog(river_with(tmp_path, {7: "", 8: "", 15: ""}))
    qtbot.addWidget(dialog)
    as_series(dialog, ["level"])
    assert ("river_bad.csv, row 8, column 'level' (2): the value is missing. A time series needs a value at every "
            "step, and the import neither drops that row nor skips the windows across it: fill the gap in the "
            "file. The same problem is in 2 more rows of this column, the first of them row 9.") \
        in dialog.problems.text()
    dialog.accept()                   # the loader counts them too
    assert dialog.dataset is None and "The same problem is in 2 more rows" in dialog.problems.text()


def test_a_row_with_too_many_fields_is_said_as_in_a_table_and_refuses_the_series(qtbot, tmp_path):
    rows = [f"2024-01-{t:02d},{1.5 + t},{t % 3}" + (",9" if t == 6 else "") for t in range(1, 31)]
    path = tmp_path / "river_ragged.csv"
    path.write_text("day,level,rain\n" + "\n".join(rows) + "\n", encoding="utf-8")
    sentence = "river_ragged.csv, row 7: the row has 4 fields but the header has 3 columns."
    dialog = CsvDialog(path)
    qtbot.addWidget(dialog)
    assert sentence in dialog.problems.text() and not ok_button(dialog).isEnabled()      # a table
    as_series(dialog, ["level", "rain"])
    # the same sentence, and Import closed: the series loader refuses the same row
    assert sentence in dialog.problems.text() and "Problems:" in dialog.problems.text()
    assert not ok_button(dialog).isEnabled()
    dialog.accept()
    assert dialog.dataset is None and sentence in dialog.problems.text()

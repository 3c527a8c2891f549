"""The CSV import dialog: choosing the task, a file too wide to preview, and a big file loaded in a worker thread
(with Cancel)."""

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from nnstudio.gui import csv_dialog
from nnstudio.gui.csv_dialog import CsvDialog

from .test_data_panel import house_csv


def ok_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_whole_numbers_nearly_all_different_are_a_regression_or_classes_on_request(qtbot, tmp_path):
    dialog = CsvDialog(house_csv(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.target.currentText() == "price"
    # 17 whole numbers in 20 rows: a quantity, not 17 classes
    assert dialog.task_label.text() == "Inferred from the values: regression (predict a number)."
    dialog.task.setCurrentIndex(dialog.task.findData("classification"))
    assert ok_button(dialog).isEnabled(), dialog.problems.text()     # whole numbers can be classes if asked
    dialog.task.setCurrentIndex(0)                                    # as inferred
    dialog.accept()
    assert dialog.dataset.task == "regression" and dialog.dataset.class_names is None
    assert dialog.dataset.source["options"]["task"] == "regression"


def test_whole_numbers_all_different_load_as_classes_when_asked(qtbot, tmp_path):
    path = tmp_path / "houses.csv"
    path.write_text("area,price\n" + "".join(f"{50 + i},{100 + 10 * i}\n" for i in range(20)), encoding="utf-8")
    dialog = CsvDialog(path)
    qtbot.addWidget(dialog)
    assert dialog.task_label.text() == "Inferred from the values: regression (predict a number)."
    dialog.task.setCurrentIndex(dialog.task.findData("classification"))
    assert ok_button(dialog).isEnabled(), dialog.problems.text()
    dialog.accept()
    assert dialog.dataset.task == "multiclass" and len(dialog.dataset.class_names) == 20


def test_the_task_choice_refuses_what_the_column_cannot_be(qtbot, tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text("a,b,kind,weight\n1,2,cat,3.5\n2,3,dog,4.25\n3,1,cat,5.5\n4,4,dog,1.75\n", encoding="utf-8")
    dialog = CsvDialog(path)
    qtbot.addWidget(dialog)
    dialog.task.setCurrentIndex(dialog.task.findData("classification"))
    assert not ok_button(dialog).isEnabled() and "fractional numbers" in dialog.problems.text()
    dialog.target.setCurrentIndex(dialog.target.findText("kind"))
    assert ok_button(dialog).isEnabled()
    dialog.task.setCurrentIndex(dialog.task.findData("regression"))
    assert not ok_button(dialog).isEnabled() and "holds text" in dialog.problems.text()


def test_a_file_too_wide_to_preview_says_so_without_building_it(qtbot, tmp_path):
    path = tmp_path / "wide.csv"
    width = 50_000
    path.write_text(",".join(f"c{j}" for j in range(width)) + "\n" + ",".join("1" for _ in range(width)) + "\n",
                    encoding="utf-8")
    dialog = CsvDialog(path)
    qtbot.addWidget(dialog)
    assert dialog.table.columnCount() == 0 and dialog.features.count() == 0 and dialog.target.count() == 0
    assert "50,000 columns: too many to preview" in dialog.problems.text()
    assert not ok_button(dialog).isEnabled()


@pytest.fixture
def threaded(monkeypatch):
    monkeypatch.setattr(csv_dialog, "SYNC_BYTES", 0)         # every file goes through the worker thread
    yield
    csv_dialog.wait_for_loads()


def test_a_big_file_loads_in_a_worker_thread(qtbot, tmp_path, threaded):
    dialog = CsvDialog(house_csv(tmp_path))
    qtbot.addWidget(dialog)
    dialog.task.setCurrentIndex(dialog.task.findData("regression"))
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        dialog.accept()
        assert dialog.dataset is None and not dialog.progress.isHidden()   # the GUI thread is free meanwhile
        assert not dialog.target.isEnabled() and not ok_button(dialog).isEnabled()
    assert dialog.dataset.task == "regression" and len(dialog.dataset) == 20
    assert dialog.progress.isHidden()


def test_cancel_while_loading_drops_the_result(qtbot, tmp_path, threaded):
    dialog = CsvDialog(house_csv(tmp_path))
    qtbot.addWidget(dialog)
    dialog.accept()
    dialog.reject()
    assert dialog.cancelled and dialog.result() == QDialog.DialogCode.Rejected
    csv_dialog.wait_for_loads()
    qtbot.wait(50)                                             # a late result would arrive now
    assert dialog.dataset is None


def test_a_load_error_from_the_thread_is_shown_in_place(qtbot, tmp_path, threaded):
    path = house_csv(tmp_path)
    dialog = CsvDialog(path)
    qtbot.addWidget(dialog)
    path.write_text("area,price\n1,2\n3,x\n4,5\n", encoding="utf-8")   # changed after the preview
    dialog.target.setCurrentIndex(dialog.target.findText("price"))
    dialog.accept()
    qtbot.waitUntil(lambda: "Cannot import" in dialog.problems.text(), timeout=20000)
    assert dialog.dataset is None and dialog.target.isEnabled() and ok_button(dialog).isEnabled()


def _texts(widget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def _check_item(widget, text):
    from PySide6.QtCore import Qt
    item = widget.findItems(text, Qt.MatchFlag.MatchExactly)[0]
    item.setCheckState(Qt.CheckState.Checked)


def test_several_target_columns_make_several_outputs(qtbot, tmp_path):
    path = tmp_path / "boxes.csv"
    rows = [f"{i},{i % 3},{2 * i},{i + 1},{i % 2},{(i + 1) % 2}" for i in range(12)]
    path.write_text("a,b,cx,cy,cat,dog\n" + "\n".join(rows) + "\n", encoding="utf-8")
    dialog = CsvDialog(path)
    qtbot.addWidget(dialog)
    dialog.target.setCurrentIndex(dialog.target.findText("cx"))
    assert _texts(dialog.more_targets) == ["a", "b", "cy", "cat", "dog"]
    _check_item(dialog.more_targets, "cy")
    assert dialog.selected_features() == ["a", "b", "cat", "dog"]  # a target is no feature
    assert "2 target columns: 2 outputs" in dialog.task_label.text()
    dialog.task.setCurrentIndex(dialog.task.findData("classification"))
    assert not ok_button(dialog).isEnabled() and "Several target columns" in dialog.problems.text()
    dialog.task.setCurrentIndex(dialog.task.findData(None))
    assert ok_button(dialog).isEnabled()
    assert dialog.options()["target"] == ["cx", "cy"]
    dialog.accept()
    ds = dialog.dataset
    assert ds.y.shape == (12, 2) and ds.target_names == ["cx", "cy"] and ds.feature_names == ["a", "b", "cat", "dog"]


def test_a_number_column_left_out_of_more_targets_for_one_bad_cell_is_named_with_the_cell(qtbot, tmp_path):
    path = tmp_path / "boxes_bad.csv"
    rows = [f"{i},{'inf' if i == 4 else 2 * i},{i + 1},{'many' if i in (6, 9) else i % 2}" for i in range(12)]
    path.write_text("a,cx,cy,n\n" + "\n".join(rows) + "\n", encoding="utf-8")
    dialog = CsvDialog(path)
    qtbot.addWidget(dialog)
    dialog.target.setCurrentIndex(dialog.target.findText("cy"))
    assert _texts(dialog.more_targets) == ["a"]
    inf = ("boxes_bad.csv, row 6, column 'cx' (2): 'inf' is not a finite number, so the column is not offered as a "
           "further target column; correct that cell in the file and import it again.")
    word = ("boxes_bad.csv, row 8, column 'n' (4): 'many' is not a number, so the column is not offered as a "
            "further target column; correct that cell in the file and import it again. The same problem is in 1 "
            "more row of this column: row 11.")
    # both are ticked features, refused in the same cells: the notes follow the refusals, Import stays closed
    sentences = dialog.problem_sentences()
    assert "row 6, column 'cx' (2): 'inf' is not a finite number; correct that cell" in sentences[0]
    assert sentences[-2:] == [inf, word] and not ok_button(dialog).isEnabled()
    for name in ("cx", "n"):
        dialog.features.findItems(name, Qt.MatchFlag.MatchExactly)[0].setCheckState(Qt.CheckState.Unchecked)
    # left out as features too: the file imports, and the notes stay, as advice
    assert ok_button(dialog).isEnabled() and dialog.problems.text() == f"{inf}<br>{word}"
    dialog.target.setCurrentIndex(dialog.target.findText("n"))     # the target itself is not 'left out'
    assert "column 'n'" not in "".join(dialog.left_out_targets()) and inf in dialog.left_out_targets()


def test_several_label_columns_from_the_dialog(qtbot, tmp_path):
    path = tmp_path / "labels.csv"
    rows = [f"{i / 10},{(i * 7) % 5},{i % 2},{(i // 2) % 2}" for i in range(16)]
    path.write_text("x1,x2,cat,dog\n" + "\n".join(rows) + "\n", encoding="utf-8")
    dialog = CsvDialog(path)
    qtbot.addWidget(dialog)
    dialog.target.setCurrentIndex(dialog.target.findText("cat"))
    _check_item(dialog.more_targets, "dog")
    dialog.accept()
    from nnstudio.data import network_fit
    assert network_fit.fit_task(dialog.dataset) == "multilabel"
    assert network_fit.output_needs(dialog.dataset) == (2, "sigmoid")


def row_labels(dialog):
    return [dialog.table.verticalHeaderItem(i).text() for i in range(dialog.table.rowCount())]


def test_preview_rows_are_numbered_as_the_messages_number_them(qtbot, tmp_path):
    path = tmp_path / "text_cell.csv"
    ages = ["5", "10", "15", "2", "20", "7", "12", "8", "eighteen", "18"]
    path.write_text("area,age,price\n" + "".join(f"{100 + i},{a},{200 + i}\n" for i, a in enumerate(ages)),
                    encoding="utf-8")
    dialog = CsvDialog(path)
    qtbot.addWidget(dialog)
    assert "text_cell.csv, row 10, column 'age' (2): 'eighteen' is not a number;" in dialog.problems.text()
    at = [dialog.table.item(i, 1).text() for i in range(dialog.table.rowCount())].index("eighteen")
    assert row_labels(dialog)[at] == "10"                   # the header is row 1, as in a spreadsheet
    assert row_labels(dialog)[0] == "2" and row_labels(dialog)[-1] == "11"
    assert "with a header row (row 1)" in dialog.sniffed.text() and "Rows 2 to 11 of the file" in dialog.sniffed.text()


def test_preview_row_numbers_count_blank_lines_and_start_at_1_without_a_header(qtbot, tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text("a,b,y\n1,2,0\n\n3,4,1\n5,x,0\n", encoding="utf-8")
    dialog = CsvDialog(path)
    qtbot.addWidget(dialog)
    assert row_labels(dialog) == ["2", "4", "5"] and "row 5, column 'b'" in dialog.problems.text()
    assert "Rows 2 to 5 of the file" in dialog.sniffed.text()
    path.write_text("1,2,0\n3,4,1\n5,6,0\n", encoding="utf-8")
    dialog = CsvDialog(path)
    qtbot.addWidget(dialog)
    assert row_labels(dialog) == ["1", "2", "3"] and "Rows 1 to 3 of the file" in dialog.sniffed.text()


class _Marking(QTranslator):
    """Wraps every CsvDialog text in ⟦ ⟧, so a sentence built without _tr shows up unmarked."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return f"⟦{source}⟧" if context == "CsvDialog" else None

    def isEmpty(self):
        return False


@pytest.fixture
def marking():
    app = QCoreApplication.instance()
    translator = _Marking()
    app.installTranslator(translator)
    yield
    app.removeTranslator(translator)


def test_every_dialog_sentence_goes_through_the_translator(qtbot, tmp_path, marking):
    path = tmp_path / "t.csv"
    path.write_text("a,b,kind\n1,2,1\n2,3,1\n3,4,1\n", encoding="utf-8")   # 'kind' has a single value
    dialog = CsvDialog(path)
    qtbot.addWidget(dialog)
    assert dialog.sniffed.text().startswith("⟦Read as") and dialog.task_label.text().startswith("⟦Inferred")
    for i in range(dialog.features.count()):
        dialog.features.item(i).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.problem_sentences() == [
        "⟦Column 'kind' cannot be a target (a single value, or text mixed with numbers): pick another column.⟧",
        "⟦Tick at least one feature column.⟧"]
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    dialog = CsvDialog(empty)
    qtbot.addWidget(dialog)
    assert dialog.problem_sentences() == ["empty.csv: the file is empty."]
    dialog.preview = dialog.preview._replace(problems=[])
    assert dialog.problem_sentences() == ["⟦{name} has no columns.⟧".replace("{name}", "empty.csv")]


def test_drop_those_rows_hides_gaps_but_not_a_text_cell(qtbot, tmp_path):
    path = tmp_path / "t.csv"
    # a column whose name says 'missing': its text cell must not pass for a gap
    path.write_text("missing_teeth,b,y\n1,,0\n2,3,1\nthree,4,0\n5,6,1\n", encoding="utf-8")
    dialog = CsvDialog(path)
    qtbot.addWidget(dialog)
    # the refusals, then why 'missing_teeth' is not among More target columns (it refuses the import anyway)
    left_out = ("t.csv, row 4, column 'missing_teeth' (1): 'three' is not a number, so the column is not offered as "
                "a further target column; correct that cell in the file and import it again.")
    assert len(dialog.problem_sentences()) == 3 and "the value is missing" in dialog.problem_sentences()[1]
    assert dialog.problem_sentences()[2] == left_out
    dialog.missing.setCurrentIndex(dialog.missing.findData("drop"))
    assert dialog.problem_sentences() == [
        "t.csv, row 4, column 'missing_teeth' (1): 'three' is not a number; correct that cell, or empty it to "
        "make it a missing value.", left_out]
    assert not ok_button(dialog).isEnabled()


def test_a_text_column_with_a_value_per_row_is_flagged_but_not_refused(qtbot):
    """co2_monthly.csv opened as a table with its 'month' column ("1964-05", ...) as the only feature, and the
    dialog said no problems: one-hot, each row would have had an input of its own."""
    from nnstudio.paths import samples_dir
    d = CsvDialog(samples_dir() / "data" / "co2_monthly.csv")
    qtbot.addWidget(d)
    assert d.preview.labels["month"] and not d.preview.labels["co2_ppm"]
    assert "Column 'month' holds a different text in every row" in d.problems.text()
    assert d.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()        # advice, not a refusal
    d.use.setCurrentIndex(d.use.findData("timeseries"))
    assert "different text" not in d.problems.text()


def test_the_sniffed_encoding_is_named_as_people_name_it(qtbot):
    from nnstudio.paths import samples_dir
    d = CsvDialog(samples_dir() / "data" / "iris.csv")
    qtbot.addWidget(d)
    assert d.preview.options["encoding"] == "utf-8-sig" and "Read as UTF-8," in d.sniffed.text()

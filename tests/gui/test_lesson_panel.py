"""The Lesson panel (title, lesson, goal with its tick, Try suggestions, notes) and File ▸ Project
Properties (the teacher's own lesson, saved with the project, one undoable step)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog

from nnstudio import data
from nnstudio.gui import project_properties
from nnstudio.gui.lesson_panel import goal_status, split_try
from nnstudio.gui.project_properties import LessonFields, PropertiesDialog
from nnstudio.paths import samples_dir
from nnstudio.project import Project, load

SPLITS = [
    ("Plain notes.", "Plain notes.", []),
    ("Intro.\n\n**Try:** fewer units.", "Intro.", ["fewer units."]),
    ("It learns. **Try:** relu, or\nmore noise.", "It learns.", ["relu, or more noise."]),
    ("**Try:** one. **Try:** two.\n\nAfter.", "After.", ["one.", "two."]),
    ("Try: a plain one.", "", ["a plain one."]),
    ("A trying time: nothing to try here.", "A trying time: nothing to try here.", []),
]


@pytest.mark.parametrize("notes, body, tries", SPLITS)
def test_split_try(notes, body, tries):
    assert split_try(notes) == (body, tries)


GOALS = [  # goal, history, met (None: no run yet)
    ({"metric": "val_accuracy", "at_least": 0.9, "epochs": 5}, None, None),
    ({"metric": "val_accuracy", "at_least": 0.9, "epochs": 5}, {"loss": [1, 1], "val_accuracy": [0.5, 0.95]}, True),
    ({"metric": "val_accuracy", "at_least": 0.9, "epochs": 5}, {"loss": [1], "val_accuracy": [0.5]}, False),
    ({"metric": "accuracy", "at_most": 0.75, "epochs": 5}, {"loss": [1], "accuracy": [0.75]}, True),
    ({"metric": "accuracy - val_accuracy", "at_least": 0.1, "epochs": 5},
     {"loss": [1], "accuracy": [1.0], "val_accuracy": [0.8]}, True),
]


@pytest.mark.parametrize("goal, history, met", GOALS)
def test_goal_status(goal, history, met):
    text, state = goal_status(goal, history)
    assert state is met
    assert text.startswith("✓") == bool(met)


def lesson_project(**fields) -> Project:
    p = Project.new("Rings")
    p.lesson = fields.get("lesson", "Two rings need a hidden layer.")
    p.notes = fields.get("notes", "# Rings\n\nOne line cannot do it.\n\n**Try:** add a hidden layer.")
    p.goal = fields.get("goal", {"metric": "accuracy", "at_least": 0.9, "epochs": 10})
    return p


def test_opening_a_project_with_notes_shows_the_lesson(window, qtbot, tmp_path):
    dock = window.docks["lesson_dock"]
    dock.hide()
    path = lesson_project().save(tmp_path / "rings.nnproj")
    window.files.open_path(path)
    qtbot.waitUntil(dock.isVisible)
    panel = window.lesson
    shown = panel.notes.toPlainText()
    assert shown.startswith("Rings\n") and "Two rings need a hidden layer." in shown
    assert "training accuracy at least 90% after 10 epochs" in panel.goal.text()
    assert panel.met is None and "Train" in panel.goal_state.text()
    assert panel.tries == ["add a hidden layer."]
    assert "One line cannot do it." in shown and "add a hidden layer." in shown
    assert shown.count("Rings") == 1         # the notes' own "# Rings" would repeat the title under it


def test_the_notes_heading_stays_when_the_project_has_no_title(window):
    p = lesson_project(notes="# Rings\n\nOne line cannot do it.")
    p.title = ""
    window.lesson.show_project(p)
    assert "Rings" in window.lesson.notes.toPlainText()


def test_a_sample_opened_from_the_welcome_page_raises_the_lesson(window, qtbot):
    window.show_welcome()
    window.welcome.load_samples(samples_dir())
    card = next(c for c in window.welcome.sample_cards() if c.sample.path.stem == "perceptron_and")
    card.clicked.emit(str(card.sample.path))
    qtbot.waitUntil(window.docks["lesson_dock"].isVisible)
    assert window.lesson.notes.toPlainText().startswith("Perceptron learns AND")
    assert window.lesson.tries and window.lesson.goal_box.isVisibleTo(window.lesson)


def test_marking_the_project_modified_refreshes_the_tick(window):
    window.set_project(lesson_project())
    assert window.lesson.met is None
    window.project.history = {"loss": [0.3], "accuracy": [0.95]}
    window.mark_modified()
    assert window.lesson.met is True and window.lesson.goal_state.text().startswith("✓")


def test_properties_are_one_undoable_step_and_saved_with_the_project(window, qtbot, tmp_path):
    window.set_project(Project.new("Plain"))
    assert not window.is_modified()
    dialog = PropertiesDialog(LessonFields.of(window.project), window)
    qtbot.addWidget(dialog)
    # painted without error: a combo box once kept as ``self.metric`` hid QPaintDevice.metric(), which Qt
    # calls to paint (a TypeError each paint, a crash when grabbed)
    assert not dialog.grab().isNull()
    assert not dialog.goal_box.isChecked()
    dialog.title.setText("My lesson")
    dialog.lesson.setText("Watch the loss fall.")
    dialog.notes.setPlainText("Look closely.\n\n**Try:** a smaller learning rate.")
    dialog.goal_box.setChecked(True)
    assert dialog.metric_box.findText("validation loss") >= 0       # named as the goal line says it
    dialog.metric_box.setCurrentText("val_loss")                     # a typed key is taken as it is
    dialog.bound.setCurrentIndex(1)
    dialog.value.setValue(0.25)
    dialog.epochs.setValue(40)
    assert project_properties.apply(window, dialog.fields())
    p = window.project
    assert (p.title, p.lesson) == ("My lesson", "Watch the loss fall.")
    assert p.goal == {"metric": "val_loss", "at_most": 0.25, "epochs": 40}
    assert window.is_modified()
    assert window.lesson.notes.toPlainText().startswith("My lesson")
    assert window.lesson.tries == ["a smaller learning rate."]
    saved = load(p.save(tmp_path / "mine.nnproj"))
    assert (saved.notes, saved.goal) == (p.notes, p.goal)
    window.undo()
    assert (p.title, p.lesson, p.notes, p.goal) == ("Plain", "", "", None)
    assert not window.is_modified() and window.lesson.notes.toPlainText().startswith("Plain")
    window.redo()
    assert p.title == "My lesson"
    assert not project_properties.apply(window, LessonFields.of(p))     # unchanged: no step


def test_file_menu_opens_the_properties_dialog(window, qtbot):
    seen = []

    def answer():
        dialog = window.findChild(QDialog)
        seen.append(dialog)
        dialog.lesson.setText("From the menu.")
        dialog.accept()

    QTimer.singleShot(0, answer)
    window.actions.properties.trigger()
    assert seen and window.project.lesson == "From the menu."


@pytest.fixture
def trained_window(make_window):
    p = lesson_project(goal={"metric": "loss", "at_most": 100.0, "epochs": 2})
    p.spec["nodes"] = [{"id": "x", "type": "Input", "params": {"shape": [2]}, "position": [0.0, 0.0]},
                       {"id": "y", "type": "Dense", "params": {"units": 1, "activation": "sigmoid"},
                        "position": [240.0, 0.0]}]
    p.spec["edges"] = [["x", "y"]]
    p.data["source"] = data.generate("moons", n_samples=40).source
    p.training.update(epochs=2, batch_size=8)
    return make_window(p)


def test_the_goal_is_ticked_when_a_training_session_meets_it(trained_window, qtbot):
    w = trained_window
    assert w.lesson.met is None
    with qtbot.waitSignal(w.training.controller.sessionFinished, timeout=30000):
        w.training.panel.train_btn.click()
    qtbot.waitUntil(lambda: w.lesson.met is True, timeout=5000)
    assert "after 2 epochs" in w.lesson.goal_state.text()


def test_a_title_is_shown_literally(window):
    window.set_project(Project.new("2 * 3 = 6 [not a link] #1"))
    assert window.lesson.notes.toPlainText().startswith("2 * 3 = 6 [not a link] #1")


def test_a_sample_shows_its_notes_in_the_chosen_language(window, qapp):
    from nnstudio.gui import language

    assert language.install(qapp, "zh_CN")
    try:
        window.lesson.show_project(load(samples_dir() / "perceptron_and.nnproj"))
        shown = window.lesson.notes.toPlainText()
        assert shown.startswith("感知机学习 AND") and "感知机学习规则" in shown
        assert len(window.lesson.tries) == 2 and "OR" in window.lesson.tries[1]
    finally:
        language.install(qapp, "en")
    window.lesson.show_project(load(samples_dir() / "perceptron_and.nnproj"))
    assert window.lesson.notes.toPlainText().startswith("Perceptron learns AND")


@pytest.mark.parametrize("history, words", [({"loss": [1], "val_accuracy": [0.5]}, "after 1 epoch."),
                                            ({"loss": [1, 1], "val_accuracy": [0.5, 0.6]}, "after 2 epochs.")])
def test_goal_status_counts_epochs_in_plain_english(history, words):
    text, _ = goal_status({"metric": "val_accuracy", "at_least": 0.9, "epochs": 5}, history)
    assert text.endswith(words)


def test_goal_description_says_one_epoch_in_the_singular():
    from nnstudio.project import goals

    assert (goals.describe({"metric": "accuracy", "at_least": 0.9, "epochs": 1})
            == "training accuracy at least 90% after 1 epoch")
    assert goals.describe({"metric": "accuracy", "at_least": 0.9, "epochs": 3}).endswith("after 3 epochs")


@pytest.mark.parametrize("goal, words", [
    ({"metric": "val_accuracy", "at_most": 0.7, "epochs": 60}, "validation accuracy at most 70% after 60 epochs"),
    ({"metric": "accuracy - val_accuracy", "at_least": 0.1, "epochs": 300},
     "training accuracy minus validation accuracy at least 10% after 300 epochs"),
    ({"metric": "val_mae", "at_most": 0.08, "epochs": 40}, "validation mean absolute error at most 0.08 after 40 epochs"),
    ({"metric": "loss", "at_most": 0.25, "epochs": 2000}, "training loss at most 0.25 after 2000 epochs"),
    ({"metric": "my_metric", "at_least": 2, "epochs": 5}, "my_metric at least 2 after 5 epochs"),
])
def test_a_goal_names_its_metric_as_a_learner_says_it(goal, words):
    """Not the history's keys (val_accuracy, "accuracy - val_accuracy", accuracy at least 1)."""
    from nnstudio.project import goals

    assert goals.describe(goal) == words


@pytest.fixture
def restore_language():
    from nnstudio import i18n
    yield
    i18n.set_language("en")


def test_the_goal_line_reads_in_chinese(restore_language):
    from nnstudio import i18n
    from nnstudio.project import goals

    i18n.set_language("zh_CN")
    text = goals.describe({"metric": "val_accuracy", "at_least": 0.9, "epochs": 100})
    assert "验证集准确率" in text and "90%" in text and "val_accuracy" not in text
    status, met = goal_status({"metric": "accuracy - val_accuracy", "at_least": 0.1, "epochs": 5},
                              {"loss": [1], "accuracy": [1.0], "val_accuracy": [0.75]})
    assert met and "25%" in status


def test_a_chinese_teacher_edits_the_lesson_as_the_panel_shows_it(window, qapp):
    """In zh_CN the dialog showed a sample's English source; changing only the title turned it English in the
    panel. Now it shows the panel's text, and what is left untouched stays as stored."""
    from nnstudio.gui import language

    sample = load(samples_dir() / "perceptron_and.nnproj")
    window.set_project(sample)
    english_notes = window.project.notes
    assert language.install(qapp, "zh_CN")
    try:
        seen = []

        def answer():
            dialog = window.findChild(QDialog)
            seen.append((dialog.title.text(), dialog.notes.toPlainText()))
            dialog.title.setText(dialog.title.text() + "（课堂版）")
            dialog.accept()

        QTimer.singleShot(0, answer)
        window.actions.properties.trigger()
        shown_title, shown_notes = seen[0]
        assert shown_title == "感知机学习 AND" and shown_notes.startswith("# 感知机学会 AND")
        assert window.project.title == shown_title + "（课堂版）"        # the edited field, as seen
        assert window.project.notes == english_notes                   # the untouched one, as stored
    finally:
        language.install(qapp, "en")


def test_the_goal_box_keeps_its_wrapped_lines_whole_in_a_short_panel(make_window, qapp):
    """At 1280 x 720 the Lesson dock is short, and the layout gave each goal line one row: the wrapped second
    lines ("after 300 epochs", "100%") were cut in half."""
    from nnstudio.gui import language

    if language.missing_font("zh_CN"):
        pytest.skip("no Chinese font here: the goal's glyphs are boxes, which need not wrap")
    p = load(samples_dir() / "xor_hidden_layer.nnproj")
    p.history = {"loss": [0.5] * 30, "accuracy": [1.0] * 30}
    assert language.install(qapp, "zh_CN")
    try:
        w = make_window(p, (1280, 720))
        panel = w.lesson
        panel.layout().activate()
        for label in (panel.goal, panel.goal_state):
            assert label.heightForWidth(label.width()) > label.fontMetrics().lineSpacing() * 1.5   # it wraps...
            assert label.height() >= label.heightForWidth(label.width())    # ...and every line is whole
    finally:
        language.install(qapp, "en")


def test_the_goal_metric_is_chosen_by_its_name_and_kept_as_its_key(window, qtbot):
    dialog = PropertiesDialog(LessonFields.of(window.project), window)
    qtbot.addWidget(dialog)
    dialog.goal_box.setChecked(True)
    dialog.metric_box.setCurrentIndex(dialog.metric_box.findData("accuracy - val_accuracy"))
    assert dialog.metric_box.currentText() == "training accuracy minus validation accuracy"
    assert dialog.fields().goal["metric"] == "accuracy - val_accuracy"

"""Every widget of the window under zh_CN: docks, the inspector with a Dense and a Conv2D selected, the palette,
the Problems list of a broken network, the CSV import dialog with a file and an error dialog. English words
left on screen fail, unless they are identifiers the student types in code (layer types, activation,
initializer, loss and optimizer names, parameter names), units or the data's own names."""

from __future__ import annotations

import re

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QDockWidget, QGroupBox, QHeaderView, QLabel,
                               QLineEdit, QListWidget, QMessageBox, QTabBar, QTableWidget, QTextBrowser,
                               QTreeWidget, QWidget)

from nnstudio.gui import language
from nnstudio.gui.csv_dialog import CsvDialog
from nnstudio.paths import samples_dir
from nnstudio.project import load

from ..english_words import IDENTIFIER, english, identifiers
from .test_data_panel import house_csv


def widget_texts(root: QWidget) -> list[str]:
    """What a person can read in ``root`` and its children: labels, buttons, group titles, tabs, combo entries,
    list and tree items, table headers, placeholders, dock titles, plot titles and axis labels."""
    out = []
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, QLabel):
            out.append(w.text())
        elif isinstance(w, QAbstractButton):
            out.append(w.text())
        elif isinstance(w, QGroupBox):
            out.append(w.title())
        elif isinstance(w, QTabBar):
            out += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QLineEdit):
            out.append(w.placeholderText())
        elif isinstance(w, QDockWidget):
            out.append(w.windowTitle())
        elif isinstance(w, QTextBrowser):
            out.append(w.toPlainText())
        elif isinstance(w, pg.GraphicsView):     # plot titles, axis labels and labels of a plot grid
            for item in w.scene().items():
                if isinstance(item, pg.LabelItem):
                    out.append(item.text)
                elif isinstance(item, pg.AxisItem) and item.isVisible():
                    out.append(item.labelText)
                elif isinstance(item, pg.TextItem):
                    out.append(item.toPlainText())
        elif isinstance(w, QHeaderView) and w.model() is not None and w.isVisibleTo(w.parentWidget()):
            out += [str(w.model().headerData(i, w.orientation()) or "") for i in range(w.count())]
        if isinstance(w, QTableWidget):
            out += [w.item(r, c).text() for r in range(w.rowCount()) for c in range(w.columnCount())
                    if w.item(r, c) is not None]
        elif isinstance(w, QListWidget):
            out += [w.item(i).text() for i in range(w.count())]
        elif isinstance(w, QTreeWidget):
            stack = [w.topLevelItem(i) for i in range(w.topLevelItemCount())]
            while stack:
                item = stack.pop()
                out += [item.text(c) for c in range(item.columnCount())]
                stack += [item.child(i) for i in range(item.childCount())]
    return [t for t in out if t]


@pytest.fixture
def chinese(qapp):
    assert language.install(qapp, "zh_CN")
    yield
    language.install(qapp, "en")


def test_window_inspector_palette_problems_in_chinese(chinese, make_window, qtbot):
    project = load(samples_dir() / "digits_cnn.nnproj")
    w = make_window(project)
    allowed = identifiers() | {n.get(k, "") for n in project.spec["nodes"] for k in ("id", "name")}
    # the weight tables name each tensor as Keras and the project file do (kernel, bias)
    allowed |= {name for tensors in project.network().get_weights().values() for name in tensors}
    seen = widget_texts(w)
    for node in ("y", "c"):                       # the Dense, then the Conv2D, in the inspector
        w.inspector.show_nodes([node])
        seen += widget_texts(w.inspector)
    spec = w.document.spec
    spec["edges"] = [e for e in spec["edges"] if e != ["p", "f"]]   # a broken network: p leads nowhere
    w.document.reset(spec)
    w.problems.refresh()
    assert w.problems.count() > 0
    seen += widget_texts(w.problems)
    assert english(seen, allowed) == []


def test_csv_dialog_in_chinese(chinese, qtbot, tmp_path):
    dialog = CsvDialog(house_csv(tmp_path))
    qtbot.addWidget(dialog)
    assert english(widget_texts(dialog), identifiers() | {"area", "rooms", "age", "price", "houses"}) == []


def test_error_dialog_in_chinese(chinese, make_window, monkeypatch, tmp_path):
    said = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: said.append((title, text)))
    w = make_window()
    w.files.open_path(tmp_path / "missing.nnproj", ask=False)
    assert len(said) == 1
    title, text = said[0]
    assert english([title, text.replace(str(tmp_path / "missing.nnproj"), "")], identifiers()) == []


TOOLS = ("playground", "step_inside", "perceptron_view", "activation_explorer", "init_explorer", "gradcheck",
         "runs_view", "predict")


@pytest.mark.parametrize("tool", TOOLS)
def test_tools_windows_in_chinese(chinese, make_window, qtbot, tool):
    """Each window of the Tools menu, opened from the menu on the course's XOR network and run once where it
    computes something (the gradient check's table, the initialisation explorer's plots)."""
    w = make_window(load(samples_dir() / "xor_hidden_layer.nnproj"))
    before = set(w.findChildren(QWidget))
    getattr(w.actions, tool).trigger()
    view = next(c for c in w.findChildren(QWidget) if c not in before and c.isWindow() and c.isVisible())
    qtbot.addWidget(view)
    if tool == "gradcheck":
        qtbot.mouseClick(view.run, Qt.LeftButton)
        qtbot.waitUntil(lambda: view.table.rowCount() > 0, timeout=20000)
    elif tool == "init_explorer":
        qtbot.waitUntil(lambda: len(view.results) > 0, timeout=20000)
    elif tool == "step_inside":
        qtbot.mouseClick(view.forward, Qt.LeftButton)
    allowed = identifiers() | {n.get(k, "") for n in w.project.spec["nodes"] for k in ("id", "name")} | {
        "kernel", "bias", "XOR"}
    assert english(widget_texts(view), allowed) == []


def test_dialogs_in_chinese(chinese, make_window, qtbot, monkeypatch):
    """The scikit-learn recipe, Project Properties and Compare Variants dialogs, each as the menu opens it."""
    from PySide6.QtWidgets import QDialog

    from nnstudio.gui.variants_dialog import open_variants_dialog

    w = make_window(load(samples_dir() / "iris_softmax.nnproj"))
    # the recipe's form names scikit-learn's own arguments and values, as the student writes them in code;
    # a batch size of null (the whole training set) is typed as such in the variants' value lists
    scikit = {"estimator", "MLPClassifier", "MLPRegressor", "hidden_layer_sizes", "alpha", "max_iter",
              "learning_rate_init", "solver", "lbfgs", "batch_size", "early_stopping", "random_state",
              "identity", "logistic"}
    allowed = identifiers() | scikit | {"null", "all", "val_r2", "r2"} | {      # values one types
        n.get(k, "") for n in w.project.spec["nodes"] for k in ("id", "name")}
    shown = []
    monkeypatch.setattr(QDialog, "exec", lambda self: shown.append(widget_texts(self)) or 0)
    w.actions.recipe.trigger()
    w.actions.properties.trigger()
    dialog = open_variants_dialog(w)
    qtbot.addWidget(dialog)
    shown.append(widget_texts(dialog))
    assert len(shown) == 3
    assert [english(texts, allowed) for texts in shown] == [[], [], []]


@pytest.mark.parametrize("sample", ["iris_softmax", "house_price_network", "memory_over_time", "digits_cnn"])
def test_training_views_after_training_in_chinese(chinese, make_window, qtbot, sample):
    """Every training view, raised and drawn after two epochs: titles, axes, legends, headings and tables."""
    project = load(samples_dir() / f"{sample}.nnproj")
    w = make_window(project)
    views, c = w.training.views, w.training.controller
    w.training.show_all_views()
    with qtbot.waitSignal(c.sessionFinished, timeout=60000):
        c.train(2)
    seen = []
    for dock in views.docks.values():
        if dock.toggleViewAction().isChecked():
            dock.raise_()
            views.flush()
            seen += widget_texts(dock)
    # names the project and its data give (a layer named "positive?", a CSV column "area_m2") stay as given
    given = [n.get(k, "") for n in project.spec["nodes"] for k in ("id", "name")] + list(
        w.project.feature_names or []) + [w.project.dataset().target_name]
    allowed = identifiers() | {word for name in given for word in IDENTIFIER.findall(name)}
    allowed |= {name for tensors in project.network().get_weights().values() for name in tensors}
    assert english(seen, allowed) == []


def test_inspector_of_every_layer_type_in_chinese(chinese, make_window):
    """Each layer type as the palette adds it, selected: its inspector's labels, choices and descriptions."""
    from nnstudio.engine import layers

    w = make_window()
    seen = []
    for type_name in layers.names():
        nid = w.editor.add_layer(type_name, (0.0, 0.0))
        assert nid is not None, type_name
        w.inspector.show_nodes([nid])
        seen += widget_texts(w.inspector)
    ids = [n["id"] for n in w.document.spec["nodes"]]
    allowed = identifiers() | {word for name in ids for word in IDENTIFIER.findall(name)}
    assert english(seen, allowed) == []


def test_data_and_training_panels_in_every_choice_in_chinese(chinese, make_window, qtbot):
    """The Data panel on every generator and built-in set (one not downloaded: its offer), the Training panel
    on every optimizer."""
    w = make_window(load(samples_dir() / "xor_hidden_layer.nnproj"))
    data_panel, panel = w.training.data_panel, w.training.panel
    data_panel.ask = False             # no question about adapting the network to each set
    seen = []
    for kind, combo in (("generator", data_panel.generator), ("builtin", data_panel.builtin)):
        data_panel.kind.setCurrentIndex(data_panel.kind.findData(kind))
        for i in range(combo.count()):
            combo.setCurrentIndex(i)
            qtbot.wait(20)
            seen += widget_texts(data_panel)
    for i in range(panel.optimizer.count()):
        panel.optimizer.setCurrentIndex(i)
        seen += widget_texts(panel)
    # paths, file names and column names (a token with / . or _) stay as they are; so do the CLI command
    # the download offer names (nnstudio data fetch ... --mirror), pi and the node ids
    texts = [re.sub(r"\S*[/._]\S*", " ", t) for t in seen]
    allowed = identifiers() | {"XOR", "pi", "cm", "data", "fetch", "mirror", "output", "inputs", "hidden",
                               "IDX"}     # a file format's name, as CSV
    assert english(texts, allowed) == []


def test_every_stop_of_a_training_step_and_the_perceptron_rule_in_chinese(chinese, make_window, qtbot):
    """Step Inside through every stop of one step (forward, loss, backward, update) on the course's XOR
    network, then the perceptron rule through a whole epoch on AND."""
    w = make_window(load(samples_dir() / "xor_hidden_layer.nnproj"))
    w.actions.step_inside.trigger()
    step = next(c for c in w.findChildren(QWidget) if c.objectName() == "step_inside" or
                type(c).__name__ == "StepInside")
    qtbot.addWidget(step)
    seen = widget_texts(step)
    assert len(step.stops) > 3
    while step.forward.isEnabled():
        qtbot.mouseClick(step.forward, Qt.LeftButton)
        seen += widget_texts(step)
    # node ids, tensor names, and the next layer's symbols in δnext·Wnextᵀ
    allowed = identifiers() | {"inputs", "hidden", "output", "kernel", "bias", "next", "Wnext"}
    assert english(seen, allowed) == []

    w2 = make_window(load(samples_dir() / "perceptron_and.nnproj"))
    w2.actions.perceptron_view.trigger()
    rule = next(c for c in w2.findChildren(QWidget) if type(c).__name__ == "PerceptronView")
    qtbot.addWidget(rule)
    seen = widget_texts(rule)
    for _ in range(4):
        qtbot.mouseClick(rule.step, Qt.LeftButton)
        seen += widget_texts(rule)
    allowed = identifiers() | {n.get(k, "") for n in w2.project.spec["nodes"] for k in ("id", "name")} | {"AND"}
    assert english(seen, allowed) == []



def test_welcome_page_in_chinese(chinese, make_window, qtbot):
    """The welcome page: its buttons, the course's chapters and every sample's title and lesson line."""
    w = make_window()
    w.show_welcome()
    qtbot.waitUntil(lambda: w.welcome.grid.count() > 10)          # the samples are read after it shows
    # class names the tutorials' code uses
    assert english(widget_texts(w.welcome), identifiers() | {"XOR", "AND", "MLPRegressor", "TwoLayerNet"}) == []


# names inside formulas that stay as written: functions, indices, PyTorch's class names
FORMULA_WORDS = {"erf", "sqrt", "Phi", "relu6", "Hardsigmoid", "CELU", "silu", "a_i", "z_i", "z_j", "sum_j",
                 "alpha", "scale"}   # SELU's fixed constants
CJK_THEN_ASCII_STOP = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]\.(\s|$)")


def test_every_activation_description_in_the_explorer_in_chinese(chinese, qtbot):
    """Softplus read "beta z > threshold 处为线性." with an English full stop after the Chinese: each activation
    selected in turn, its sentence and tooltip keep only formula symbols and its own parameters in Latin letters
    and end Chinese clauses with Chinese punctuation."""
    from nnstudio.engine import activations
    from nnstudio.gui.activation_explorer import ActivationExplorer
    view = ActivationExplorer()
    qtbot.addWidget(view)
    for row, name in enumerate(activations.names()):
        view.select(name)
        own = {p.name for p in activations.get(name).params()}
        texts = [view.note.text(), view.list.item(row).toolTip()]
        assert english(texts, identifiers() | own | FORMULA_WORDS) == [], name
        plain = re.sub(r"<[^>]+>", "", view.note.text())
        assert not CJK_THEN_ASCII_STOP.search(plain), (name, view.note.text())
        assert "。 " not in plain and "） " not in plain, (name, plain)   # no English space between sentences

"""The gradient-check view, driven through its own widgets on real networks (the numbers are the engine's)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnstudio.engine import Network
from nnstudio.engine.gradcheck import check
from nnstudio.gui.gradcheck_view import GradcheckView, open_gradcheck_view
from tests.engine.helpers import chain


def _relu_at_zero():
    net = Network.from_config(chain([3], ("Dense", {"units": 4, "activation": "relu"}), ("Dense", {"units": 2})),
                              seed=3)
    weights = net.get_weights()
    weights["l1"]["bias"][:] = 0.0
    net.set_weights(weights)
    rng = np.random.default_rng(5)
    X = np.vstack([np.zeros((2, 3)), rng.normal(size=(4, 3))])
    return net, X, rng.normal(size=(6, 2)), "mse"


@pytest.fixture
def view(qtbot):
    v = GradcheckView(prepare=_relu_at_zero)
    qtbot.addWidget(v)
    v.show()
    qtbot.waitExposed(v)
    yield v
    v.close()


def _run(view, qtbot):
    with qtbot.waitSignal(view.background.finished, timeout=30000):
        qtbot.mouseClick(view.run, Qt.LeftButton)


def test_the_table_matches_the_engines_check_and_kinks_are_explained(view, qtbot):
    view.samples.setValue(6)
    _run(view, qtbot)
    net, X, y, loss = _relu_at_zero()
    want = check(net, X, y, loss)
    rows = {view.table.item(r, 0).text(): r for r in range(view.table.rowCount())}
    assert set(rows) == set(want)
    for key, r in want.items():
        row = rows[key]
        assert view.table.item(row, 2).text() == f"{r.error:.1e}"
        assert view.table.item(row, 4).text() == str(r.kinks)
        assert view.table.item(row, 5).text() == "ok"
    assert want["l1/bias"].kinks > 0 and "circled in red" in view.kinks.text()
    assert "1 forward + 1 backward pass" in view.costs.text() and "times the cost" in view.costs.text()


def test_selecting_a_tensor_draws_its_entries_around_y_equals_x(view, qtbot):
    _run(view, qtbot)
    row = [view.table.item(r, 0).text() for r in range(view.table.rowCount())].index("l1/bias")
    qtbot.mouseClick(view.table.viewport(), Qt.LeftButton,
                     pos=view.table.visualItemRect(view.table.item(row, 0)).center())
    c = view.selected()
    assert c.key == "l1/bias"
    x, y = view.central_points.getData()
    np.testing.assert_allclose(x, c.analytic)
    np.testing.assert_allclose(y, c.central)
    assert len(view.kink_points.getData()[0]) == int(c.kink.sum()) > 0
    np.testing.assert_allclose(y[~c.kink], x[~c.kink], rtol=1e-4, atol=1e-6)  # on the line
    assert "l1/bias" in view.plot_title.text()


def test_a_step_network_and_a_project_without_data_get_a_sentence(qtbot):
    def step_net():
        net = Network.from_config(chain([2], ("Dense", {"units": 1, "activation": "step"})))
        return net, np.zeros((4, 2)), np.zeros((4, 1)), "mse"

    v = GradcheckView(prepare=step_net)
    qtbot.addWidget(v)
    v.start()
    assert "'step' activation, which has no gradient" in v.message.text() and not v.background.running()


def test_cancel_stops_a_long_check(qtbot):
    def big():
        net = Network.from_config(chain([50], ("Dense", {"units": 200, "activation": "tanh"}),
                                        ("Dense", {"units": 200, "activation": "tanh"}), ("Dense", {"units": 1})))
        rng = np.random.default_rng(0)
        return net, rng.normal(size=(64, 50)), rng.normal(size=(64, 1)), "mse"

    v = GradcheckView(prepare=big)
    qtbot.addWidget(v)
    v.show()
    v.entries.setValue(1_000_000)
    v.samples.setValue(64)
    with qtbot.waitSignal(v.background.progressed, timeout=30000):
        v.start()
    assert v.cancel.isVisible() and not v.run.isEnabled()
    with qtbot.waitSignal(v.background.cancelled, timeout=30000):
        v.cancel.click()
    assert v.run.isEnabled() and "cancelled" in v.message.text() and v.result is None
    v.close()


def test_the_tools_menu_opens_one_view_on_the_current_project(window, qtbot):
    window.actions.gradcheck.trigger()
    v = window.findChild(GradcheckView, "gradcheck_view")
    assert v is not None and v.isVisible() and open_gradcheck_view(window) is v
    qtbot.mouseClick(v.run, Qt.LeftButton)
    assert "has no data yet" in v.message.text()
    v.close()


def test_a_sample_project_checks_out(window, qtbot):
    from pathlib import Path

    from nnstudio.project.model import load
    window.set_project(load(Path(__file__).parents[2] / "samples" / "xor_hidden_layer.nnproj"))
    v = open_gradcheck_view(window)
    _run(v, qtbot)
    assert v.table.rowCount() == 4 and all(v.table.item(r, 5).text() == "ok" for r in range(4))
    v.close()


def test_the_table_shows_every_column_on_a_projector(window, qtbot):
    """At the width a 1024 x 768 screen gives the window, the table's six columns fit without scrolling (the
    splitter gave the plot the larger part, which cut the verdict off)."""
    from pathlib import Path

    from nnstudio.project.model import load
    window.set_project(load(Path(__file__).parents[2] / "samples" / "spiral.nnproj"))
    v = open_gradcheck_view(window)
    v.resize(1008, 720)
    _run(v, qtbot)
    qtbot.wait(50)
    assert v.table.rowCount() == 6 and v.table.horizontalScrollBar().maximum() == 0
    v.close()


def test_the_scatter_title_gives_the_samples_and_step_of_the_check_shown_not_of_the_controls(view, qtbot):
    view.samples.setValue(5)
    _run(view, qtbot)
    view.samples.setValue(2)                        # set for the next check, not yet run
    view.step.setCurrentIndex(view.step.findData(1e-2))
    view.table.selectRow(1)
    title = view.plot_title.text()
    assert "on 5 samples, h = 1e-06" in title and "1e-02" not in title and "0.01" not in title


def test_a_step_network_is_refused_in_the_chosen_language(qapp, qtbot):
    from nnstudio.gui import language

    def step_net():
        net = Network.from_config(chain([2], ("Dense", {"units": 1, "activation": "step"})))
        return net, np.zeros((4, 2)), np.zeros((4, 1)), "mse"

    assert language.install(qapp, "zh_CN")
    try:
        v = GradcheckView(prepare=step_net)
        qtbot.addWidget(v)
        v.start()
        text = v.message.text()
        assert "'step'" in text and "gradient" not in text and "感知机" in text
    finally:
        language.install(qapp, "en")


def test_the_legend_and_the_scatter_title_grow_in_presentation_mode(view, qtbot):
    from nnstudio.gui.plots import base as plots
    from nnstudio.gui.presentation import SCALE

    _run(view, qtbot)
    sizes = {w: w.font().pointSizeF() for w in (view.legend, view.heading, view.plot_title)}
    try:
        plots.set_scale(SCALE, [view])
        for w, size in sizes.items():
            assert w.font().pointSizeF() == pytest.approx(size * SCALE)
        assert f"font-size:{12 * SCALE:g}pt" in view.plot_title.text()    # the tensor's name with them
    finally:
        plots.set_scale(1.0, [view])
    assert view.legend.font().pointSizeF() == pytest.approx(sizes[view.legend])
    assert "font-size:12pt" in view.plot_title.text()


def test_before_a_check_the_plot_says_what_check_draws_and_the_error_formula_is_given(view, qtbot):
    assert "Press Check" in view.plot_title.text()
    assert "max|a − n| / max(max|a|, max|n|, 10⁻⁴)" in view.formula.text()
    _run(view, qtbot)
    assert "Press Check" not in view.plot_title.text() and view.selected().key in view.plot_title.text()
    view.clear()                            # another project: the hint comes back
    assert "Press Check" in view.plot_title.text()


def test_the_table_shows_every_column_on_a_projector_in_presentation_mode(window, qtbot):
    """Opened during presentation mode, the larger hint over the empty plot must not take the table's half."""
    from pathlib import Path

    from nnstudio.gui.plots import base as plots
    from nnstudio.gui.presentation import SCALE
    from nnstudio.project.model import load
    window.set_project(load(Path(__file__).parents[2] / "samples" / "spiral.nnproj"))
    try:
        plots.set_scale(SCALE, [window])
        v = open_gradcheck_view(window)
        v.resize(1008, 720)
        _run(v, qtbot)
        qtbot.wait(50)
        assert v.table.rowCount() == 6 and v.table.horizontalScrollBar().maximum() == 0
    finally:
        plots.set_scale(1.0, [window])
    v.close()


def test_the_column_names_keep_the_tables_size_through_an_appearance_switch(window, qtbot):
    """Re-applying the window's style sheet set the headers back to 9 pt under the table's 11 pt cells."""
    view = open_gradcheck_view(window)
    qtbot.addWidget(view)
    previous = window.actions.appearance.checkedAction().data()
    try:
        for choice in ("dark", "light"):
            window.set_appearance(choice)
            assert view.table.horizontalHeader().font().pointSizeF() == view.table.font().pointSizeF() >= 11
    finally:
        window.set_appearance(previous)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_each_legend_entry_stays_on_one_line_at_any_width(qapp, qtbot, lang):
    """In Chinese the legend wrapped inside '在折点上（不是错误）' at 1024x768 in presentation mode: laid out
    with the label's own font at every width, each entry's words sit whole on one line."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QTextDocument, QTextOption

    from nnstudio.gui import language
    from nnstudio.gui.gradcheck_view import WORD_JOINER
    language.install(qapp, lang)
    try:
        v = GradcheckView(prepare=_relu_at_zero)
        qtbot.addWidget(v)
        entries = [QCoreApplication.translate("GradcheckView", t)
                   for t in ("central differences", "forward differences", "at a kink (not an error)")]
        doc = QTextDocument()
        doc.setDefaultFont(v.legend.font())
        option = doc.defaultTextOption()
        option.setWrapMode(QTextOption.WordWrap)   # as a word-wrapping QLabel lays out
        doc.setDefaultTextOption(option)
        doc.setHtml(v.legend.text())
        wrapped = set()
        for width in range(40, 1200, 10):
            doc.setTextWidth(width)
            doc.size()                   # lays the text out
            layout = doc.firstBlock().layout()
            text = doc.firstBlock().text()
            lines = [text[layout.lineAt(i).textStart():layout.lineAt(i).textStart() + layout.lineAt(i).textLength()]
                     .replace(WORD_JOINER, "").replace("\u00a0", " ") for i in range(layout.lineCount())]
            wrapped.add(len(lines))
            for entry in entries:
                assert any(entry in line for line in lines), (width, entry, lines)
        assert len(wrapped) > 1          # the widths tried did wrap the legend
    finally:
        language.install(qapp, "en")

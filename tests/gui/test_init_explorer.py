"""The initialisation explorer, driven through its own widgets (the numbers are the engine's depth_stats)."""

from __future__ import annotations

import numpy as np
import pytest

from nnstudio.engine.depth_stats import CLASSIC, compare, stack_spec
from nnstudio.gui.init_explorer import InitExplorer, open_init_explorer


def _settle(view, qtbot):
    qtbot.waitUntil(lambda: not view.debounce.isActive() and not view.background.running(), timeout=20000)
    qtbot.wait(20)  # the finished signal is queued from the worker thread


@pytest.fixture
def explorer(qtbot):
    view = InitExplorer()
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    _settle(view, qtbot)
    yield view
    view.close()


def test_the_default_is_ten_tanh_layers_of_100_with_the_five_classic_initializers(explorer):
    assert [r.label for r in explorer.results] == [c.label for c in CLASSIC]
    want = compare(stack_spec(10, 100, "tanh"), CLASSIC, 500, 0)
    for got, expected in zip(explorer.results, want):
        np.testing.assert_allclose(got.stds("activations"), expected.stds("activations"), rtol=1e-9, atol=1e-300)
    cell = explorer.cells["activations", 4]  # He
    curves = cell.listDataItems()
    assert len(curves) == 10
    edges, fractions = explorer.results[4].histograms("activations")
    np.testing.assert_allclose(curves[0].yData, fractions[0], rtol=1e-12)
    np.testing.assert_allclose(curves[0].xData, edges, rtol=1e-12)
    assert "layer 10" in explorer.key.text()
    # the spread plot: zeros leave no point on a log axis, the other four one line each
    assert len(explorer.spread_plots["activations"].listDataItems()) == 4


def test_changing_depth_and_activation_recomputes_off_the_gui_thread(explorer, qtbot):
    explorer.layers.setValue(4)
    explorer.width.setValue(30)
    explorer.activation.setCurrentIndex(explorer.activation.findData("relu"))
    assert explorer.debounce.isActive()  # three changes, one computation
    _settle(explorer, qtbot)
    he = explorer.results[4]
    assert len(he.layers) == 4 and he.layers[0].activations.shape == (500, 30)
    assert len(explorer.cells["gradients", 0].listDataItems()) == 4


def test_only_activations_a_gradient_passes_through_are_offered(explorer):
    offered = [explorer.activation.itemData(i) for i in range(explorer.activation.count())]
    assert {"tanh", "relu", "sigmoid", "selu"} <= set(offered)
    assert not {"step", "sign", "softmax"} & set(offered)   # step's and sign's gradients were all 0, unexplained


def test_the_current_network_when_it_is_a_dense_chain_and_a_sentence_when_not(qtbot):
    spec = stack_spec(3, 8, "relu")
    view = InitExplorer(spec_source=lambda: spec)
    qtbot.addWidget(view)
    view.show()
    _settle(view, qtbot)
    view.network.setCurrentIndex(view.network.findData("current"))
    assert not view.layers.isEnabled()
    _settle(view, qtbot)
    assert [s.node_id for s in view.results[0].layers] == ["d1", "d2", "d3"]
    spec["nodes"][2]["type"] = "Dropout"
    spec["nodes"][2]["params"] = {"rate": 0.5}
    view.recompute()
    assert "not a chain of Dense layers: 'd2' is a Dropout" in view.message.text()
    # no figures of the network measured before are left under the sentence
    assert view.results == [] and view.key.text() == ""
    assert all(not plot.listDataItems() for plot in (*view.cells.values(), *view.spread_plots.values()))
    view.close()


def test_cancel_stops_the_computation(explorer, qtbot):
    explorer.layers.setValue(40)
    explorer.width.setValue(1000)
    explorer.recompute()
    assert explorer.cancel.isVisible()
    explorer.cancel.click()
    qtbot.waitUntil(lambda: not explorer.background.running(), timeout=30000)
    qtbot.wait(20)
    assert not explorer.cancel.isVisible()
    assert len(explorer.results[0].layers) == 10  # the earlier results stay


def test_the_tools_menu_opens_one_explorer_on_the_current_network(window, qtbot):
    window.actions.init_explorer.trigger()
    view = window.findChild(InitExplorer, "init_explorer")
    assert view is not None and view.isVisible() and open_init_explorer(window) is view
    assert view.network.findData("current") >= 0
    view.network.setCurrentIndex(view.network.findData("current"))
    view.recompute()
    assert "no Dense layer" in view.message.text()  # a new project holds only its Input
    view.close()


def _current(spec, qtbot):
    view = InitExplorer(spec_source=lambda: spec)
    qtbot.addWidget(view)
    view.show()
    _settle(view, qtbot)
    view.network.setCurrentIndex(view.network.findData("current"))
    _settle(view, qtbot)
    return view


def test_a_current_network_with_step_or_sign_says_why_its_gradients_are_all_0(qtbot):
    """A step (perceptron) network was measured and showed gradient histograms all at 0 and an empty gradient
    spread plot, with nothing saying why."""
    view = _current(stack_spec(3, 8, "step"), qtbot)
    assert view.results and all(not s.gradients.any() for s in view.results[0].layers)   # measured: all 0
    why = view.zero_gradients.text()
    assert view.zero_gradients.isVisibleTo(view) and "'d3'" in why and "step" in why and "every gradient" in why
    view.close()


def test_only_the_layers_up_to_the_last_sign_layer_are_said_to_get_no_gradient(qtbot):
    spec = stack_spec(3, 8, "tanh")
    spec["nodes"][2]["params"]["activation"] = "sign"           # d2
    view = _current(spec, qtbot)
    stats = view.results[0].layers
    assert not stats[1].gradients.any() and stats[2].gradients.any()  # d3 still gets its gradient
    why = view.zero_gradients.text()
    assert "'d2'" in why and "sign" in why and "layer 2" in why and "every gradient δ here" not in why
    spec["nodes"][2]["params"]["activation"] = "tanh"           # a network gradients pass through: no sentence
    view.recompute()
    _settle(view, qtbot)
    assert view.results and not view.zero_gradients.isVisibleTo(view)
    view.close()


def test_the_no_gradient_sentence_is_chinese_on_a_chinese_screen(qapp, qtbot):
    from nnstudio.gui import language
    language.install(qapp, "zh_CN")
    try:
        view = _current(stack_spec(2, 4, "step"), qtbot)
        why = view.zero_gradients.text()
        assert "'d2'" in why and "梯度" in why and "gradient" not in why
        view.close()
    finally:
        language.install(qapp, "en")


def test_a_perceptrons_coinciding_spreads_are_said_to_lie_on_top_of_each_other(qtbot):
    """The perceptron sample showed one dot in the spread of activations: its step layer sees only the sign of
    the weighted sum, so N(0, 1), N(0, 0.01), Xavier and He truly give one spread, and three of the four series
    were hidden under the fourth with nothing saying so."""
    from nnstudio.paths import samples_dir
    from nnstudio.project import load
    view = _current(load(samples_dir() / "perceptron_and.nnproj").spec, qtbot)
    spreads = {s.label: s.stds("activations")[0] for s in view.results}
    assert len({round(v, 9) for k, v in spreads.items() if k != "zeros"}) == 1    # they truly coincide
    said = view.overlap.text()
    assert view.overlap.isVisibleTo(view)
    assert "N(0, 1), N(0, 0.01), Xavier and He give the same spread of activations a here" in said
    assert "gradients" not in said                   # those are 0: the no-gradient sentence says why
    view.network.setCurrentIndex(view.network.findData("stack"))   # ten tanh layers: five separate lines
    _settle(view, qtbot)
    assert not view.overlap.isVisibleTo(view)
    view.close()


def test_the_coinciding_sentence_is_chinese_on_a_chinese_screen(qapp, qtbot):
    from nnstudio.gui import language
    from nnstudio.paths import samples_dir
    from nnstudio.project import load
    language.install(qapp, "zh_CN")
    try:
        view = _current(load(samples_dir() / "perceptron_and.nnproj").spec, qtbot)
        said = view.overlap.text()
        assert "N(0, 1)、N(0, 0.01)、Xavier 和 He" in said and "重叠" in said and " and " not in said
        view.close()
    finally:
        language.install(qapp, "en")


def test_the_note_says_why_zeros_has_no_line_in_the_spread_plots(qtbot):
    """zeros gives a spread of exactly 0, which the log-scale spread plots cannot draw: its colour was simply
    missing there, with nothing saying why."""
    from nnstudio.paths import samples_dir
    from nnstudio.project import load
    view = _current(load(samples_dir() / "zero_init.nnproj").spec, qtbot)
    assert not any((s.stds("activations") > 0).any() for s in view.results if s.label == "zeros")
    assert "zeros has no line there" in view.note.text()
    view.close()


def test_the_spread_plots_count_layers_in_whole_numbers(qtbot):
    """A two-layer network's spread plots read 'layer 1.0 1.5 2.0': there is no layer 1.5."""
    from nnstudio.paths import samples_dir
    from nnstudio.project import load
    from tests.gui.plots.shown import axis_texts
    view = _current(load(samples_dir() / "zero_init.nnproj").spec, qtbot)
    for plot in view.spread_plots.values():
        texts = [text for _rect, text in axis_texts(plot.getAxis("bottom"))]
        assert texts and all("." not in t for t in texts), texts
    view.close()

"""The sequence views trained live in the real window on the recurrent samples: what they plot is what the
engine computes (engine.sequence_trace) from the trained network, and the worker computes it only while a
sequence view shows."""

from pathlib import Path

import numpy as np

from nnstudio.engine.sequence_trace import trace_recurrent
from nnstudio.gui.training.snapshots import SEQUENCE_ROWS
from nnstudio.project import load

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
SEQUENCE_DOCKS = ("HiddenStateDock", "ThroughTimeDock")


def _project(name, epochs=2):
    p = load(SAMPLES / f"{name}.nnproj")
    p.training["epochs"] = epochs
    return p


def _train_showing(qtbot, w, docks):
    """Train, bringing ``docks`` to the front once the session has shown them; the finished SessionResult."""
    side = w.training
    with qtbot.waitSignal(side.controller.sessionFinished, timeout=60000) as blocker:
        side.panel.train_btn.click()
        for name in docks:
            side.views.docks[name].raise_()
    side.views.flush()
    return blocker.args[0]


def _engine_record(result):
    job = result.job
    X, y = job.X_val[:SEQUENCE_ROWS], job.y_val[:SEQUENCE_ROWS]
    return trace_recurrent(job.network, X, y, job.network.loss)


def test_lstm_forecast_views_plot_the_engines_values(qtbot, make_window):
    w = make_window(_project("lstm_forecast"))
    views = w.training.views
    result = _train_showing(qtbot, w, ("ForecastDock", "ThroughTimeDock"))
    assert all(views.docks[n].isVisible() for n in ("ForecastDock",) + SEQUENCE_DOCKS)
    job = result.job
    unscale = job.prepared.preprocessor.inverse_transform_y
    # the forecast: validation truth and prediction over time, in the series' own units
    np.testing.assert_allclose(views.forecast.truth, unscale(job.y_val[:, :1]).reshape(-1), rtol=1e-6)
    predicted = unscale(np.asarray(job.network.predict(job.X_val), dtype=np.float64)).reshape(-1)
    np.testing.assert_allclose(views.forecast.predicted, predicted, rtol=1e-5, atol=1e-6)
    assert views.forecast.updates > 0 and views.through_time.updates > 0
    rec = _engine_record(result)
    np.testing.assert_allclose(views.through_time.norms, rec.grad_norms[0], rtol=1e-4)
    # the hidden state and the four LSTM gates of the chosen sample, units down and timesteps across
    views.docks["HiddenStateDock"].raise_()
    qtbot.waitUntil(lambda: views.hidden.updates > 0, timeout=5000)
    hidden = views.hidden
    hidden.sample.setValue(3)
    np.testing.assert_allclose(hidden.state.matrix, rec.states[2].T, rtol=1e-4, atol=1e-6)
    assert sorted(hidden.gate_views) == ["c", "f", "i", "o"]
    for name, view in hidden.gate_views.items():
        np.testing.assert_allclose(view.matrix, rec.gates[name][2].T, rtol=1e-4, atol=1e-6, err_msg=name)
    # the gradient plot follows the chosen sample
    np.testing.assert_allclose(views.through_time.norms, rec.grad_norms[2], rtol=1e-4)


def test_memory_over_time_shows_a_simple_rnn_state_and_no_forecast(qtbot, make_window):
    w = make_window(_project("memory_over_time", epochs=1))
    views = w.training.views
    result = _train_showing(qtbot, w, SEQUENCE_DOCKS)
    assert views.docks["HiddenStateDock"].isVisible() and not views.docks["ForecastDock"].isVisible()
    rec = _engine_record(result)
    np.testing.assert_allclose(views.hidden.state.matrix, rec.states[0].T, rtol=1e-4, atol=1e-6)
    assert not any(v.isVisible() for v in views.hidden.gate_views.values())     # a SimpleRNN has no gates
    # the layer is named in the heatmap's title, which a narrow dock shortens but keeps (after "of 8
    # (validation)" on the sample's line it was cut off)
    node = views.hidden.part.node_id
    layer = views.hidden.names.get(node, node)                                 # "recurrent (SimpleRNN)"
    title = views.hidden.state.plot_item.titleLabel
    assert title.full.startswith(f"{layer}: hidden state h")
    assert title.text.startswith(layer.split(" (")[0])
    assert layer not in views.hidden.layer_label.text()
    np.testing.assert_allclose(views.through_time.norms, rec.grad_norms[0], rtol=1e-4)
    assert len(views.through_time.norms) == result.job.X.shape[1]                 # one point per timestep


def test_the_sequence_part_is_computed_only_while_a_sequence_view_shows(qtbot, make_window):
    w = make_window(_project("lstm_forecast", epochs=2000))
    side = w.training
    with qtbot.waitSignal(side.controller.progress, timeout=20000):
        side.panel.train_btn.click()
    side.views.docks["LossDock"].raise_()                 # both sequence tabs behind others
    side.views.docks["PredictionDock"].raise_()
    worker = side.controller.worker
    qtbot.waitUntil(lambda: "sequence" not in worker.parts, timeout=5000)
    side.views.docks["ThroughTimeDock"].raise_()
    qtbot.waitUntil(lambda: "sequence" in worker.parts, timeout=5000)
    qtbot.waitUntil(lambda: side.views.through_time.updates > 0, timeout=10000)
    with qtbot.waitSignal(side.controller.sessionFinished, timeout=20000):
        side.controller.stop()


def test_a_network_without_recurrent_layer_has_no_sequence_views(qtbot, make_window):
    w = make_window(load(SAMPLES / "spiral.nnproj"))
    w.project.training["epochs"] = 1
    views = w.training.views
    with qtbot.waitSignal(w.training.controller.sessionFinished, timeout=60000):
        w.training.panel.train_btn.click()
    assert not any(views.docks[n].isVisible() for n in ("ForecastDock",) + SEQUENCE_DOCKS)
    assert views.last_snapshot.sequence is None
    w.training.show_all_views()
    assert not any(views.docks[n].isVisible() for n in ("ForecastDock",) + SEQUENCE_DOCKS)
    assert views.docks["LossDock"].isVisible()


def test_the_forecast_is_in_the_series_own_units_when_the_target_was_scaled(qtbot, make_window):
    p = _project("lstm_forecast", epochs=1)
    p.data.setdefault("preprocessing", {})["scale_target"] = True
    w = make_window(p)
    result = _train_showing(qtbot, w, ("ForecastDock",))
    job, forecast = result.job, w.training.views.forecast
    assert "y_mean" in job.prepared.preprocessor.fitted       # the network learns standardized targets...
    raw = np.asarray(job.prepared.val.y, dtype=np.float64).reshape(-1)
    np.testing.assert_allclose(forecast.truth, raw, rtol=1e-6, atol=1e-9)    # ...the plot shows the series
    assert not np.allclose(forecast.truth, job.y_val.reshape(-1))
    assert forecast.plot_item.getAxis("left").labelText == job.prepared.dataset.target_name   # not "value"

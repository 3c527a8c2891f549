"""load_timeseries: CSV columns as a series, cut into windows; chronological splits; scaling fitted on train."""

import numpy as np
import pytest

from nnstudio import data
from nnstudio.data import DataError, Preprocessor, from_source
from nnstudio.data.timeseries import load_timeseries, n_windows, windows
from nnstudio.paths import samples_dir


def _write(tmp_path, rows, header="day,temp,rain", name="weather.csv"):
    path = tmp_path / name
    path.write_text(header + "\n" + "\n".join(",".join(str(v) for v in r) for r in rows) + "\n")
    return path


@pytest.fixture
def weather(tmp_path):
    # temp = 10 + t, rain = 100 + 2 t: each value says which step it is
    return _write(tmp_path, [(f"d{t}", 10 + t, 100 + 2 * t) for t in range(30)])


WINDOW_CASES = [  # (window, horizon, stride)
    (5, 1, 1), (5, 3, 1), (4, 1, 3), (1, 1, 1), (7, 2, 5),
]


@pytest.mark.parametrize("window, horizon, stride", WINDOW_CASES)
def test_windows_hold_consecutive_rows_and_the_target_horizon_steps_later(weather, window, horizon, stride):
    ds = load_timeseries(weather, columns=["temp", "rain"], window=window, horizon=horizon, stride=stride)
    assert ds.X.shape == (n_windows(30, window, horizon, stride), window, 2)
    assert len(ds) == (30 - window - horizon) // stride + 1
    t0 = ds.X[:, 0, 0] - 10                                  # the step each window starts at
    np.testing.assert_array_equal(t0, np.arange(len(ds)) * stride)
    np.testing.assert_array_equal(ds.X[:, :, 0], t0[:, None] + 10 + np.arange(window))
    np.testing.assert_array_equal(ds.X[:, :, 1], 100 + 2 * (t0[:, None] + np.arange(window)))
    # the target (temp, the first series column) is horizon steps after the window's last row
    np.testing.assert_array_equal(ds.y, 10 + t0 + window - 1 + horizon)
    assert ds.task == "regression" and ds.chronological and ds.is_sequences
    assert ds.feature_names == ["temp", "rain"] and ds.target_name == "temp"


def test_the_last_window_reaches_the_last_row(weather):
    ds = load_timeseries(weather, columns="temp", window=6, horizon=2)
    assert ds.y[-1] == 10 + 29 and len(ds) == 30 - 6 - 2 + 1


def test_a_target_outside_the_series_and_several_targets(weather):
    ds = load_timeseries(weather, columns="temp", target="rain", window=3)
    np.testing.assert_array_equal(ds.y, 100 + 2 * (np.arange(len(ds)) + 3))
    both = load_timeseries(weather, columns=["temp", "rain"], target=["temp", "rain"], window=3)
    assert both.y.shape == (len(both), 2) and both.target_names == ["temp", "rain"]
    np.testing.assert_array_equal(both.y[:, 1], ds.y)


def test_windows_of_an_array_match_the_generators_cutter():
    series = np.arange(20.0)[:, None]
    X, y = windows(series, series, 4, 2)
    X2, y2 = data.sequences.windows(series[:, 0], 4, 2)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y[:, 0], y2)


def test_the_split_is_chronological_and_no_validation_target_is_seen_in_training(weather):
    ds = load_timeseries(weather, columns="temp", window=5)
    train, val, _ = ds.split(val=0.25, seed=7)
    assert val.split_info["chronological"] is True
    np.testing.assert_array_equal(np.concatenate([train.indices, val.indices]), np.arange(len(ds)))
    # every training window and target lies before the first validation target, whatever the seed
    assert train.y.max() < val.y.min() and train.X.max() < val.y.min()
    assert np.array_equal(ds.split(val=0.25, seed=1)[1].indices, val.indices)


def test_the_scaler_is_fitted_on_the_training_part_only_and_gives_forecasts_back_in_units(weather):
    ds = load_timeseries(weather, columns="temp", window=5)
    train, val, _ = ds.split(val=0.3)
    prep = Preprocessor(scale="standard", scale_target=True).fit(train)
    np.testing.assert_allclose(prep.fitted["mean"], [train.X.mean()])
    np.testing.assert_allclose(prep.fitted["y_mean"], train.y.mean())
    assert prep.fitted["mean"][0] < ds.X.mean()             # the later, larger values stayed out of it
    Xv, yv = prep.transform(val)
    assert Xv.mean() > 1.0                                   # the future sits above the training range
    np.testing.assert_allclose(prep.inverse_transform_y(yv).ravel(), val.y)


def test_the_source_rebuilds_the_same_windows(weather):
    ds = load_timeseries(weather, columns=["temp", "rain"], window=4, horizon=2, stride=3)
    again = from_source(ds.source, base_dir=weather.parent)
    assert ds.source["kind"] == "timeseries" and ds.source["options"]["window"] == 4
    np.testing.assert_array_equal(again.X, ds.X)
    np.testing.assert_array_equal(again.y, ds.y)
    assert again.chronological and not again.source_changed


ERROR_CASES = [  # (keyword arguments, words the sentence must hold)
    ({"columns": "pressure"}, ["weather.csv", "no series column 'pressure'", "'temp'"]),
    ({"columns": "temp", "target": "wind"}, ["weather.csv", "no target column 'wind'"]),
    ({"columns": "day"}, ["weather.csv", "row 2", "'day' (1)", "'d0' is not a number"]),
    ({"columns": 5}, ["weather.csv", "no series column number 5"]),
    ({"columns": ["temp", "temp"]}, ["weather.csv", "'temp' is chosen twice"]),
    ({"columns": "temp", "window": 25, "horizon": 6}, ["weather.csv", "30 rows", "at least 31 rows"]),
    ({"columns": "temp", "window": 0}, ["weather.csv", "window", "at least 1"]),
    ({"columns": "temp", "stride": 1.5}, ["weather.csv", "stride"]),
]


@pytest.mark.parametrize("kwargs, words", ERROR_CASES)
def test_errors_name_the_file_and_column(weather, kwargs, words):
    with pytest.raises(DataError) as err:
        load_timeseries(weather, **kwargs)
    for word in words:
        assert word in str(err.value)


def test_a_text_cell_or_a_gap_inside_a_number_column_is_named_by_row(tmp_path):
    rows = [(t, 1.0 + t) for t in range(12)]
    bad = _write(tmp_path, [*rows[:5], (5, "n/a?x"), *rows[6:]], header="t,v", name="bad.csv")
    with pytest.raises(DataError) as err:
        load_timeseries(bad, columns="v", window=3)
    assert err.value.row == 7 and err.value.column == "v" and "bad.csv, row 7" in str(err.value)
    gap = _write(tmp_path, [*rows[:3], (3, ""), *rows[4:]], header="t,v", name="gap.csv")
    with pytest.raises(DataError) as err:
        load_timeseries(gap, columns="v", window=3)
    assert "gap.csv, row 5" in str(err.value) and "missing" in str(err.value) and err.value.column == "v"


def test_the_bundled_co2_series():
    ds = load_timeseries(samples_dir() / "data" / "co2_monthly.csv", columns="co2_ppm", window=12)
    assert len(ds) == 452 - 12 and ds.input_shape == (12, 1)
    assert 300 < ds.y.min() < ds.y.max() < 400          # parts per million


def test_a_bad_cell_is_told_with_how_many_more_and_no_advice_to_empty_it(tmp_path):
    rows = [(t, 1.0 + t) for t in range(12)]
    path = _write(tmp_path, [*rows[:2], (2, "inf"), *rows[3:6], (6, "x"), *rows[7:9], (9, "y"), *rows[10:]],
                  header="t,v", name="bad.csv")
    with pytest.raises(DataError) as err:
        load_timeseries(path, columns="v", window=3)
    # emptying the cell would make a gap, which a series refuses too
    assert str(err.value) == ("bad.csv, row 4, column 'v' (2): 'inf' is not a finite number; every value of a time "
                              "series column must be one. The same problem is in 2 more rows of this column, the "
                              "first of them row 8.")
    gaps = _write(tmp_path, [*rows[:3], (3, ""), *rows[4:8], (8, ""), *rows[9:]], header="t,v", name="gap.csv")
    with pytest.raises(DataError) as err:
        load_timeseries(gaps, columns="v", window=3)
    assert str(err.value).endswith("(fill the gap in the file). The same problem is in 1 more row of this "
                                   "column: row 10.")
    both = _write(tmp_path, [*rows[:3], (3, ""), *rows[4:8], (8, "x"), *rows[9:]], header="t,v", name="both.csv")
    with pytest.raises(DataError) as err:        # the earlier cell of the two kinds, counted alone
        load_timeseries(both, columns="v", window=3)
    assert "both.csv, row 5" in str(err.value) and "missing" in str(err.value) and "more" not in str(err.value)

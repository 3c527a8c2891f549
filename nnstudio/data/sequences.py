"""Seeded sequence data for recurrent networks: samples of shape (timesteps, features).

``sine_windows`` cuts one noisy series (a sum of two sines) into overlapping windows for next-step
forecasting; its windows are in time order, so the data set is ``chronological`` and its splits never shuffle
across the train/validation boundary. ``memory`` asks for a value seen ``lag`` steps before the end of the
sequence, with random distractors in between: a plain RNN's gradient fades over the lag, an LSTM or GRU
carries it. Each returns (X, y, class_names, feature_names, target_name, task) like ``generators``.
"""

from __future__ import annotations

import numpy as np

from ..i18n import _


def windows(series: np.ndarray, window: int, horizon: int) -> tuple[np.ndarray, np.ndarray]:
    """(X, y): ``X[i]`` the ``window`` values from ``i`` on, ``y[i]`` the value ``horizon`` steps after the
    window's last one. ``series`` is (length,) or (length, features); y forecasts the first feature."""
    series = np.asarray(series, dtype=np.float64)
    if series.ndim == 1:
        series = series[:, None]
    n = len(series) - window - horizon + 1
    starts = np.arange(max(n, 0))
    X = series[starts[:, None] + np.arange(window)]
    y = series[starts + window + horizon - 1, 0]
    return X, y


def sine_series(length: int, period: float, noise: float, rng: np.random.Generator) -> np.ndarray:
    """sin(2π t / period) + 0.5 sin(2π t / (2.7 period)) plus Gaussian noise, t = 0, 1, ..."""
    t = np.arange(length, dtype=np.float64)
    clean = np.sin(2 * np.pi * t / period) + 0.5 * np.sin(2 * np.pi * t / (2.7 * period))
    return clean + noise * rng.standard_normal(length)


def sine_windows(rng, n_samples, window, horizon, period, noise):
    series = sine_series(n_samples + window + horizon - 1, period, noise, rng)
    X, y = windows(series, window, horizon)
    label = _("value {n} step ahead") if horizon == 1 else _("value {n} steps ahead")
    return X, y, None, ["value"], label.format(n=horizon), "regression"


def memory(rng, n_samples, lag, noise):
    # class 1 when the marked value is positive. A second feature marks it (1 there, 0 elsewhere); it sits
    # at one of the first 10 steps, so it is lag to lag + 9 steps before the last one, and the values around
    # it are distractors, uniform on [-noise, noise]. A gate can open on the mark and stay shut after; a
    # plain RNN has every distractor written over its state and cannot know how far back to look
    steps = lag + 10
    X = np.zeros((n_samples, steps, 2))
    X[:, :, 0] = rng.uniform(-noise, noise, (n_samples, steps))
    y = np.arange(n_samples) % 2
    first = rng.uniform(0.2, 1.0, n_samples)
    rows, where = np.arange(n_samples), rng.integers(0, 10, n_samples)
    X[rows, where, 0] = np.where(y == 1, first, -first)
    X[rows, where, 1] = 1.0
    return X, y, ["negative", "positive"], ["value", "marker"], _("sign of the marked value"), "binary"

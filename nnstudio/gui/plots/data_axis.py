"""An axis that reads in the data's own units while the plot works in the network's.

The network sees standardized (or min-max scaled) inputs, so the decision plane is drawn in those units; a
student reading "area -2 .. 2" learns nothing about houses. Each axis here knows the per-column scaling
``raw = a * v + b`` and places its ticks at round numbers of the raw value, labelled in them."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetricsF


class DataAxis(pg.AxisItem):
    a, b = 1.0, 0.0

    def set_affine(self, a: float, b: float) -> None:
        """Label the value v as a * v + b (a > 0); (1, 0) shows the plot's own values."""
        self.a, self.b = (float(a), float(b)) if a > 0 else (1.0, 0.0)
        self.picture = None
        self.update()

    def tickValues(self, minVal, maxVal, size):
        if (self.a, self.b) == (1.0, 0.0):
            return super().tickValues(minVal, maxVal, size)
        a, b = self.a, self.b
        lo, hi = sorted((a * minVal + b, a * maxVal + b))
        span = hi - lo
        if not (np.isfinite(span) and span > 0):
            return []
        # round numbers of the raw value: the finest step whose labels have room, at least two ticks when any
        # step gives two. One labelled level: pyqtgraph labels a finer level too whenever all the text fills
        # under 60 % of the axis, which ran "80 100120140" together.
        top = int(np.floor(np.log10(span)))
        levels = []
        for step in sorted(m * 10.0 ** k for k in range(top - 2, top + 1) for m in (1, 2, 5)):
            values = (np.arange(np.ceil(lo / step), np.floor(hi / step) + 1) * step).tolist()
            if values and len(values) <= 12:
                levels.append((step, values))
        fitting = [level for level in levels if self._labels_fit(level, size)]
        chosen = next((level for level in fitting if len(level[1]) >= 2), fitting[0] if fitting else None)
        if chosen is None:
            chosen = levels[-1] if levels else None
        return [] if chosen is None else [(chosen[0] / a, [(v - b) / a for v in chosen[1]])]

    def tickStrings(self, values, scale, spacing):
        if (self.a, self.b) == (1.0, 0.0):
            return super().tickStrings(values, scale, spacing)
        return super().tickStrings([self.a * v + self.b for v in values], scale, spacing * self.a)

    def _labels_fit(self, level, size: float) -> bool:
        """Whether a level's labels, side by side (or one above the other) with a gap, take at most 60 % of
        the axis's length: raw numbers such as "100 120 140" are wider than the plot's own "-1 0 1"."""
        spacing, values = level
        metrics = QFontMetricsF(self.style["tickFont"] or QFont())
        labels = pg.AxisItem.tickStrings(self, list(values), 1.0, spacing)
        if self.orientation in ("left", "right"):
            return len(labels) * (metrics.height() + 4) <= 0.6 * size
        return sum(metrics.horizontalAdvance(t) + 8 for t in labels) <= 0.6 * size


def affine_of(unscale, columns: int) -> list[tuple[float, float]]:
    """Each column's (a, b) of ``unscale`` (scaled rows -> raw rows, per column and affine); identity
    when ``unscale`` is None."""
    if unscale is None:
        return [(1.0, 0.0)] * columns
    ends = np.asarray(unscale(np.array([[0.0] * columns, [1.0] * columns])), dtype=np.float64)
    return [(float(ends[1, j] - ends[0, j]), float(ends[0, j])) for j in range(columns)]

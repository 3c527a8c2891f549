"""A number box that writes 0.9 as a person does."""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox


class CompactDoubleSpinBox(QDoubleSpinBox):
    """Shows 0.9 as '0.9', not '0.90000000': the decimals it keeps, without trailing zeros (never an exponent,
    which the box could not read back)."""

    def textFromValue(self, value: float) -> str:
        loc = self.locale()
        text = loc.toString(float(value), "f", self.decimals()).replace(loc.groupSeparator(), "")
        point = loc.decimalPoint()
        if point in text:
            text = text.rstrip("0").rstrip(point)
        return "0" if text in ("-0", "") else text

    # Qt sizes a spin box for its range's ends, which without an exponent are long ("-1000000000"): sized for
    # its value and a typical setting instead, it keeps a narrow dock narrow
    _TYPICAL = "-0.0001"

    def _resized(self, hint):
        metrics = self.fontMetrics()
        ends = [self.textFromValue(self.minimum()), self.textFromValue(self.maximum()), self.specialValueText()]
        wanted = [self.textFromValue(self.value()), self._TYPICAL, self.specialValueText()]
        room = max(metrics.horizontalAdvance(t) for t in wanted) - max(metrics.horizontalAdvance(t) for t in ends)
        hint.setWidth(hint.width() + min(room, 0))
        return hint

    def sizeHint(self):
        return self._resized(super().sizeHint())

    def minimumSizeHint(self):
        return self._resized(super().minimumSizeHint())

"""One editor widget per ParamSpec kind. Each refuses invalid values itself and emits ``edited(value)``.

``set_value`` never emits, so the inspector can show the document's value (after an undo, say) without
that display turning into a new edit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLineEdit,
                               QSpinBox, QVBoxLayout, QWidget)

from nnstudio.engine import activations, initializers
from nnstudio.engine.params import ParamSpec

from .plots import ActivationPlot, WeightHistogram

INT_LIMIT = 1_000_000


class Field(QWidget):
    edited = Signal(object)

    def __init__(self, spec: ParamSpec, parent=None):
        super().__init__(parent)
        self.spec = spec
        self.setToolTip(spec.help)

    def set_value(self, value: Any) -> None:
        raise NotImplementedError


class CompactDoubleSpinBox(QDoubleSpinBox):
    """Shows 0.001 as '0.001', not '0.001000'."""

    def textFromValue(self, value: float) -> str:
        return f"{value:.6g}"


def _one(layout_cls, widget: QWidget, *children: QWidget):
    layout = layout_cls(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    for c in children:
        layout.addWidget(c)
    return layout


class IntField(Field):
    def __init__(self, spec, parent=None):
        super().__init__(spec, parent)
        self.box = QSpinBox()
        self.box.setRange(int(spec.min) if spec.min is not None else -INT_LIMIT,
                          int(spec.max) if spec.max is not None else INT_LIMIT)
        self.box.setAccelerated(True)
        self.box.setAccessibleName(spec.name)
        _one(QHBoxLayout, self, self.box)
        self.box.valueChanged.connect(self.edited.emit)

    def set_value(self, value) -> None:
        self.box.blockSignals(True)
        self.box.setValue(int(value) if value is not None else self.box.minimum())
        self.box.blockSignals(False)


class FloatField(Field):
    def __init__(self, spec, parent=None):
        super().__init__(spec, parent)
        self.box = CompactDoubleSpinBox()
        self.box.setDecimals(8)
        low = spec.min if spec.min is not None else -1e9
        if spec.exclusive_min:
            low = low + 1e-8  # "must be > min": the smallest step above it
        self.box.setRange(low, spec.max if spec.max is not None else 1e9)
        self.box.setSingleStep(0.05 if spec.max is not None and spec.max <= 1 else 0.1)
        self.box.setAccessibleName(spec.name)
        _one(QHBoxLayout, self, self.box)
        self.box.valueChanged.connect(self.edited.emit)

    def set_value(self, value) -> None:
        self.box.blockSignals(True)
        self.box.setValue(float(value) if value is not None else 0.0)
        self.box.blockSignals(False)


class BoolField(Field):
    def __init__(self, spec, parent=None):
        super().__init__(spec, parent)
        self.box = QCheckBox()
        self.box.setAccessibleName(spec.name)
        _one(QHBoxLayout, self, self.box)
        self.box.toggled.connect(self.edited.emit)

    def set_value(self, value) -> None:
        self.box.blockSignals(True)
        self.box.setChecked(bool(value))
        self.box.blockSignals(False)


class ChoiceField(Field):
    def __init__(self, spec, parent=None, choices=None):
        super().__init__(spec, parent)
        self.combo = QComboBox()
        self.combo.addItems([str(c) for c in (choices if choices is not None else spec.choices)])
        self.combo.setAccessibleName(spec.name)
        _one(QHBoxLayout, self, self.combo)
        self.combo.currentTextChanged.connect(self._changed)

    def _changed(self, text: str) -> None:
        self.edited.emit(text)

    def set_value(self, value) -> None:
        text = value.get("name") if isinstance(value, dict) else str(value)
        self.combo.blockSignals(True)
        if self.combo.findText(text) < 0:
            self.combo.addItem(text)  # an alias or unknown name stays visible (analyze() flags it)
        self.combo.setCurrentText(text)
        self.combo.blockSignals(False)


class ActivationField(Field):
    """A combo of the registry's activations, their own parameters (alpha), and a plot of f and f'."""

    def __init__(self, spec, parent=None):
        super().__init__(spec, parent)
        self.choice = ChoiceField(spec, choices=activations.names())
        self.extra = QWidget()
        self.extra_form = QFormLayout(self.extra)
        self.extra_form.setContentsMargins(0, 0, 0, 0)
        self.plot = ActivationPlot()
        _one(QVBoxLayout, self, self.choice, self.extra, self.plot)
        self.choice.edited.connect(self._name_changed)
        self._value: Any = spec.default
        self._extra_fields: dict[str, Field] = {}

    def _name_changed(self, name: str) -> None:
        self._emit({"name": name})

    def _emit(self, config) -> None:
        try:  # keep the registry's canonical form: a plain name when every parameter is the default
            config = activations.get(config).get_config()
        except Exception:
            pass
        self.set_value(config)
        self.edited.emit(config)

    def set_value(self, value) -> None:
        self._value = value
        self.choice.set_value(value)
        self.plot.set_activation(value)
        self._rebuild_extra(value)

    def _rebuild_extra(self, value) -> None:
        while self.extra_form.rowCount():
            self.extra_form.removeRow(0)
        self._extra_fields = {}
        try:
            act = activations.get(value)
        except Exception:
            self.extra.setVisible(False)
            return
        for p in act.params():
            field = make_field(p)
            field.set_value(getattr(act, p.name, p.default))
            field.edited.connect(lambda v, name=p.name, a=act: self._param_changed(a, name, v))
            self.extra_form.addRow(p.name, field)
            self._extra_fields[p.name] = field
        self.extra.setVisible(bool(self._extra_fields))

    def _param_changed(self, act, name: str, value) -> None:
        config = {"name": act.name, **{p.name: getattr(act, p.name) for p in act.params()}}
        config[name] = value
        self._emit(config)


class InitializerField(Field):
    """A combo of the registry's initializers and a histogram of the weights it would draw."""

    def __init__(self, spec, parent=None):
        super().__init__(spec, parent)
        self.choice = ChoiceField(spec, choices=initializers.names())
        self.plot = WeightHistogram()
        _one(QVBoxLayout, self, self.choice, self.plot)
        self.choice.edited.connect(self._changed)
        self.weight_shape: tuple[int, ...] = (64, 64)
        self._value: Any = spec.default

    def set_weight_shape(self, shape: tuple[int, ...]) -> None:
        self.weight_shape = tuple(shape)
        self.plot.set_initializer(self._value, self.weight_shape)

    def _changed(self, name: str) -> None:
        self.set_value(name)
        self.edited.emit(name)

    def set_value(self, value) -> None:
        self._value = value
        self.choice.set_value(value)
        self.plot.set_initializer(value, self.weight_shape)


class RegularizerField(Field):
    """None, or an L1/L2 weight penalty; both zero means none."""

    def __init__(self, spec, parent=None):
        super().__init__(spec, parent)
        self.l1 = FloatField(ParamSpec("l1", "float", 0.0, "L1 penalty: a · Σ|w|", min=0.0))
        self.l2 = FloatField(ParamSpec("l2", "float", 0.0, "L2 penalty: b · Σw²", min=0.0))
        for f in (self.l1, self.l2):
            f.box.setSingleStep(0.001)
            f.box.setPrefix(f"{f.spec.name} ")
            f.edited.connect(self._changed)
        _one(QHBoxLayout, self, self.l1, self.l2)

    def _changed(self, _value) -> None:
        a, b = self.l1.box.value(), self.l2.box.value()
        value = None if a == 0 and b == 0 else {k: v for k, v in (("l1", a), ("l2", b)) if v}
        self.edited.emit(value)

    def set_value(self, value) -> None:
        value = value or {}
        self.l1.set_value(value.get("l1", 0.0))
        self.l2.set_value(value.get("l2", 0.0))


class TextListField(Field):
    """Shapes and sizes typed as numbers separated by commas: '28, 28, 1', '3', '2, 2'.

    The validator refuses anything else while typing; a value is applied on Enter or leaving the field.
    """

    def __init__(self, spec, parent=None):
        super().__init__(spec, parent)
        self.edit = QLineEdit()
        self.edit.setAccessibleName(spec.name)
        if spec.kind == "shape":
            pattern, hint = r"\s*-?\d+(\s*,\s*-?\d+)*\s*,?\s*", "e.g. 28, 28, 1"
        elif spec.kind == "optional_int_or_pair":
            pattern, hint = r"(\s*\d+\s*(,\s*\d+\s*)?)?", "empty = same as the pool size"
        else:
            pattern, hint = r"\s*\d+\s*(,\s*\d+\s*)?", "e.g. 3 or 3, 3"
        self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), self.edit))
        self.edit.setPlaceholderText(hint)
        _one(QHBoxLayout, self, self.edit)
        self.edit.editingFinished.connect(self._finished)
        self._shown = ""

    def parse(self, text: str):
        nums = [int(t) for t in text.replace(" ", "").split(",") if t]
        if self.spec.kind == "shape":
            return nums
        if not nums:
            return None
        return nums[0] if len(nums) == 1 else nums

    def _finished(self) -> None:
        text = self.edit.text()
        if text == self._shown:
            return
        self._shown = text
        self.edited.emit(self.parse(text))

    def set_value(self, value) -> None:
        if value is None:
            text = ""
        elif isinstance(value, (list, tuple)):
            text = ", ".join(str(v) for v in value)
        else:
            text = str(value)
        self._shown = text
        self.edit.blockSignals(True)
        self.edit.setText(text)
        self.edit.blockSignals(False)


_KINDS = {"int": IntField, "float": FloatField, "bool": BoolField, "choice": ChoiceField,
          "activation": ActivationField, "initializer": InitializerField, "regularizer": RegularizerField,
          "shape": TextListField, "int_or_pair": TextListField, "optional_int_or_pair": TextListField}


def make_field(spec: ParamSpec) -> Field:
    return _KINDS[spec.kind](spec)

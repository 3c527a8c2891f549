"""One editor widget per ParamSpec kind. Each refuses invalid values itself and emits ``edited(value)``.

``set_value`` never emits, so the inspector can show the document's value (after an undo, say) without
that display turning into a new edit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QSpinBox, QVBoxLayout,
                               QWidget)

from nnstudio import i18n
from nnstudio.engine import activations, initializers
from nnstudio.engine.params import ParamSpec

from ..number_box import CompactDoubleSpinBox
from .plots import ActivationPlot, WeightHistogram

INT_LIMIT = 1_000_000


class Field(QWidget):
    edited = Signal(object)

    def __init__(self, spec: ParamSpec, parent=None):
        super().__init__(parent)
        self.spec = spec
        self.setToolTip(i18n._(spec.help))

    def set_value(self, value: Any) -> None:
        raise NotImplementedError


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
        value = int(value) if value is not None else self.box.minimum()
        if value != self.box.value():  # the same value would rewrite the text being typed ("0." -> "0")
            self.box.blockSignals(True)
            self.box.setValue(value)
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
        value = float(value) if value is not None else 0.0
        if value != self.box.value():  # the same value would rewrite the text being typed ("0.50" -> "0.5")
            self.box.blockSignals(True)
            self.box.setValue(value)
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


class RegistryField(Field):
    """A combo of one registry's names (activations, initializers), the chosen one's own parameters below
    it (alpha, stddev) and a teaching plot.

    The parameter fields are rebuilt only when the chosen entry's parameters change (another name); any
    other new value is shown in place. Rebuilding on every value deleted the box being typed into inside its
    own key handler (a crash) and lost the text typed after the first key.
    """

    REGISTRY: Any = None  # the registry module: names(), get(config)

    def __init__(self, spec, parent=None):
        super().__init__(spec, parent)
        self.choice = ChoiceField(spec, choices=self.REGISTRY.names())
        self.extra = QWidget()
        self.extra_layout = QVBoxLayout(self.extra)
        self.extra_layout.setContentsMargins(0, 0, 0, 0)
        self._extra_form: QWidget | None = None
        self._extra_specs: list[ParamSpec] | None = None
        self._extra_fields: dict[str, Field] = {}
        self._value: Any = spec.default
        self.choice.edited.connect(self._name_changed)

    def _name_changed(self, name: str) -> None:
        self._emit({"name": name})

    def _emit(self, config) -> None:
        try:  # keep the registry's canonical form: a plain name when every parameter is the default
            config = self.REGISTRY.get(config).get_config()
        except Exception:
            pass
        self.set_value(config)
        self.edited.emit(config)

    def set_value(self, value) -> None:
        self._value = value
        self.choice.set_value(value)
        self._show_params(value)
        self._show_plot(value)

    def _show_plot(self, value) -> None:
        raise NotImplementedError

    def _chosen(self, value):
        try:
            return self.REGISTRY.get(value)
        except Exception:
            return None

    def _show_params(self, value) -> None:
        chosen = self._chosen(value)
        specs = chosen.params() if chosen is not None else []
        if specs != self._extra_specs:
            self._rebuild_params(specs)
        for p in specs:
            self._extra_fields[p.name].set_value(getattr(chosen, p.name, p.default))

    def _rebuild_params(self, specs: list[ParamSpec]) -> None:
        if self._extra_form is not None:  # deleted later: a signal of one of its fields may be on the stack
            self._extra_form.hide()
            self.extra_layout.removeWidget(self._extra_form)
            self._extra_form.deleteLater()
        self._extra_form = QWidget()
        form = QFormLayout(self._extra_form)
        form.setContentsMargins(0, 0, 0, 0)
        self._extra_specs = list(specs)
        self._extra_fields = {}
        for p in specs:
            field = make_field(p)
            field.edited.connect(lambda v, name=p.name: self._param_changed(name, v))
            form.addRow(p.name, field)
            self._extra_fields[p.name] = field
        self.extra_layout.addWidget(self._extra_form)
        self.extra.setVisible(bool(specs))

    def _param_changed(self, name: str, value) -> None:
        chosen = self._chosen(self._value)
        if chosen is None:
            return
        config = {"name": chosen.name, **{p.name: getattr(chosen, p.name) for p in chosen.params()}}
        config[name] = value
        self._emit(config)


class ActivationField(RegistryField):
    """An activation, its parameters and a plot of f and f'."""

    REGISTRY = activations

    def __init__(self, spec, parent=None):
        super().__init__(spec, parent)
        self.plot = ActivationPlot()
        _one(QVBoxLayout, self, self.choice, self.extra, self.plot)

    def _show_plot(self, value) -> None:
        self.plot.set_activation(value)


class InitializerField(RegistryField):
    """An initializer, its parameters and a histogram of the weights it would draw."""

    REGISTRY = initializers

    def __init__(self, spec, parent=None):
        super().__init__(spec, parent)
        self.plot = WeightHistogram()
        _one(QVBoxLayout, self, self.choice, self.extra, self.plot)
        self.weight_shape: tuple[int, ...] = (64, 64)

    def set_weight_shape(self, shape: tuple[int, ...]) -> None:
        self.weight_shape = tuple(shape)
        self.plot.set_initializer(self._value, self.weight_shape)

    def _show_plot(self, value) -> None:
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
            pattern, hint = r"\s*-?\d+(\s*,\s*-?\d+)*\s*,?\s*", QCoreApplication.translate("Fields", "e.g. 28, 28, 1")
        elif spec.kind == "optional_int_or_pair":
            pattern, hint = r"(\s*\d+\s*(,\s*\d+\s*)?)?", QCoreApplication.translate(
                "Fields", "empty = same as the pool size")
        else:
            pattern, hint = r"\s*\d+\s*(,\s*\d+\s*)?", QCoreApplication.translate("Fields", "e.g. 3 or 3, 3")
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
        self.edit.setModified(False)      # handed over: Ctrl+Z now undoes the change (undo_keys)
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

"""Editing a layer's settings in the inspector: real widgets, refused values, plots, undo, the lock."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QValidator

from nnstudio.gui.inspector.fields import ActivationField, InitializerField, TextListField


@pytest.fixture
def dense(window):
    nid = window.editor.add_layer("Dense", (320, 0), after="input")
    assert window.inspector.node_id == nid  # the new layer is selected and shown
    return nid


def test_spin_box_edits_params_and_merges_into_one_undo_step(window, dense):
    box = window.inspector.fields["units"].box
    for v in (17, 18, 19):
        box.setValue(v)
    assert window.document.params(dense)["units"] == 19
    assert window.scene.cards[dense].shape_text == "(19,)"
    assert window.undo_stack.undoText() == f"Set units of {dense}"
    window.undo()
    assert window.document.params(dense)["units"] == 16
    assert box.value() == 16  # the widget follows the document back


def test_spin_box_refuses_values_outside_the_param_range(window, dense):
    box = window.inspector.fields["units"].box
    box.setValue(0)
    assert box.value() == 1 == window.document.params(dense)["units"]
    assert box.minimum() == 1


def test_activation_combo_changes_param_and_plot(window, dense):
    field = window.inspector.fields["activation"]
    assert isinstance(field, ActivationField)
    field.choice.combo.setCurrentText("tanh")
    assert window.document.params(dense)["activation"] == "tanh"
    z = field.plot.Z
    assert np.allclose(field.plot.f, np.tanh(z), atol=1e-6)
    assert np.allclose(field.plot.df, 1 - np.tanh(z) ** 2, atol=1e-6)
    assert "tanh" in window.scene.cards[dense].subtitle


def test_parametric_activation_shows_its_parameter(window, dense):
    field = window.inspector.fields["activation"]
    field.choice.combo.setCurrentText("leaky_relu")
    alpha = field._extra_fields["alpha"]
    alpha.box.setValue(0.2)
    assert window.document.params(dense)["activation"] == {"name": "leaky_relu", "alpha": 0.2}
    assert field.plot.f[0] == pytest.approx(-0.8)


def test_softmax_plot_does_not_crash(window, dense):
    field = window.inspector.fields["activation"]
    field.choice.combo.setCurrentText("softmax")
    assert field.plot.df is None and field.plot.f is not None


def test_initializer_histogram_uses_the_real_kernel_shape(window, dense):
    field = window.inspector.fields["kernel_initializer"]
    assert isinstance(field, InitializerField)
    window.inspector.fields["units"].box.setValue(200)
    window.editor.set_params("input", {"shape": [300]}, "Set shape")
    assert field.weight_shape == (300, 200)
    field.choice.combo.setCurrentText("he_normal")
    assert window.document.params(dense)["kernel_initializer"] == "he_normal"
    assert field.plot.caption.endswith("300×200 weights")
    std = float(re.match(r"std ([0-9.]+) ", field.plot.caption).group(1))
    assert std == pytest.approx(np.sqrt(2 / 300), rel=0.05)  # he_normal: std = sqrt(2 / fan_in)
    assert field.plot.counts.sum() == 300 * 200


def test_shape_field_validator_refuses_letters_and_applies_on_enter(window, qtbot):
    window.scene.select_ids(["input"])
    field = window.inspector.fields["shape"]
    assert isinstance(field, TextListField)
    validator = field.edit.validator()
    assert validator.validate("28, x", 0)[0] == QValidator.Invalid
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "28, 28, 1")
    qtbot.keyClick(field.edit, Qt.Key_Return)
    assert window.document.params("input")["shape"] == [28, 28, 1]


def test_boolean_checkbox(window, dense):
    window.inspector.fields["use_bias"].box.setChecked(False)
    assert window.document.params(dense)["use_bias"] is False
    assert window.scene.cards[dense].param_count == 2 * 16


def test_regularizer_fields(window, dense):
    field = window.inspector.fields["kernel_regularizer"]
    field.l2.box.setValue(0.01)
    assert window.document.params(dense)["kernel_regularizer"] == {"l2": 0.01}
    field.l2.box.setValue(0.0)
    assert window.document.params(dense)["kernel_regularizer"] is None


def test_rename_and_refuse_duplicate_names(window, dense):
    edit = window.inspector.name_edit
    edit.setText("hidden")
    edit.editingFinished.emit()
    assert window.document.display_name(dense) == "hidden"
    assert window.scene.cards[dense].title == "hidden"
    edit.setText("input")
    edit.editingFinished.emit()
    assert window.document.display_name(dense) == "hidden"
    assert edit.text() == "hidden"
    assert "already called 'input'" in window.statusBar().currentMessage()


def test_lock_disables_settings_but_explains_why(window, dense):
    window.set_structure_locked(True, "training is running")
    assert not any(f.isEnabled() for f in window.inspector.fields.values())
    assert window.inspector.lock_label.isVisibleTo(window.inspector)
    assert window.editor.set_params(dense, {"units": 3}, "x") is False
    assert window.document.params(dense)["units"] == 16
    window.set_structure_locked(False)
    assert all(f.isEnabled() for f in window.inspector.fields.values())


def test_selection_of_several_or_none_explains(window, dense):
    window.scene.select_ids(["input", dense])
    assert window.inspector.node_id is None
    window.scene.select_ids([])
    assert window.inspector.node_id is None
    window.scene.select_ids([dense])
    assert window.inspector.node_id == dense


def test_layers_without_settings_say_so(window):
    nid = window.editor.add_layer("Flatten", (320, 0), after="input")
    assert window.inspector.node_id == nid and window.inspector.fields == {}


def test_deleting_the_shown_layer_clears_the_inspector(window, dense):
    window.editor.delete([dense])
    assert window.inspector.node_id is None


def _type_into(qtbot, box, text: str) -> None:
    """Select the spin box's text and type ``text`` key by key, as a student would."""
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)


@pytest.mark.parametrize("activation, param, typed, value", [
    ("leaky_relu", "alpha", "0.25", 0.25),
    ("elu", "alpha", "5", 5.0),
    ("softplus", "beta", "2.5", 2.5),
])
def test_typing_into_an_activation_parameter_keeps_the_box(window, dense, qtbot, activation, param, typed, value):
    # Regression (#20): each keystroke rebuilt the parameter fields, deleting the box inside its own key
    # handler (a segfault), and the text typed after the first key was lost.
    field = window.inspector.fields["activation"]
    before = window.document.params(dense)["activation"]
    field.choice.combo.setCurrentText(activation)
    box_field = field._extra_fields[param]
    _type_into(qtbot, box_field.box, typed)
    assert field._extra_fields[param] is box_field  # the same widget, still alive
    assert box_field.box.text() == typed  # nothing typed was lost or reformatted
    assert box_field.box.hasFocus()
    config = window.document.params(dense)["activation"]
    assert config["name"] == activation and config[param] == pytest.approx(value)
    window.undo()  # choosing and typing merge into one undo step
    assert window.document.params(dense)["activation"] == before


def test_editing_units_keeps_the_activation_parameter_box(window, dense):
    field = window.inspector.fields["activation"]
    field.choice.combo.setCurrentText("leaky_relu")
    alpha = field._extra_fields["alpha"]
    alpha.box.setValue(0.3)
    window.inspector.fields["units"].box.setValue(7)
    assert field._extra_fields["alpha"] is alpha
    assert alpha.box.value() == pytest.approx(0.3)
    field.choice.combo.setCurrentText("elu")  # another activation: its own parameter, default value
    assert field._extra_fields["alpha"].box.value() == pytest.approx(1.0)
    field.choice.combo.setCurrentText("relu")
    assert field._extra_fields == {} and field.extra.isHidden()


def test_typing_into_an_initializer_parameter(window, dense, qtbot):
    window.editor.set_params("input", {"shape": [300]}, "Set shape")  # enough weights for a steady std
    field = window.inspector.fields["kernel_initializer"]
    field.choice.combo.setCurrentText("random_normal")
    stddev = field._extra_fields["stddev"]
    _type_into(qtbot, stddev.box, "0.125")
    assert field._extra_fields["stddev"] is stddev
    assert stddev.box.text() == "0.125"
    config = window.document.params(dense)["kernel_initializer"]
    assert config["name"] == "random_normal" and config["stddev"] == pytest.approx(0.125)
    std = float(re.match(r"std ([0-9.]+) ", field.plot.caption).group(1))
    assert std == pytest.approx(0.125, rel=0.1)  # the histogram follows the typed parameter

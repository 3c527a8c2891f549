"""The inspector: edits the selected layer's name and parameters with widgets built from its ParamSpecs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QScrollArea, QVBoxLayout,
                               QWidget)

from nnstudio import i18n
from nnstudio.document import Change

from .. import layer_text, theme
from ..editor import Editor
from ..icons import layer_icon
from ..weight_edits import WeightEdits
from .fields import Field, InitializerField, make_field
from .undo_keys import DocumentUndoKeys
from .weights import WeightTables

_WEIGHT_OF = {"kernel_initializer": "kernel", "bias_initializer": "bias"}


def _label(text: str, tip: str) -> QLabel:
    label = QLabel(text)
    label.setToolTip(tip)
    label.setAlignment(Qt.AlignRight | Qt.AlignTop)
    label.setContentsMargins(0, 4, 0, 0)  # line up with the text of the field, even beside a tall plot
    return label


class InspectorPanel(QScrollArea):
    def __init__(self, editor: Editor, weight_edits: WeightEdits | None = None, parent=None):
        super().__init__(parent)
        self.editor = editor
        self.weight_edits = weight_edits      # None: settings only (no project weights to show)
        self.weights: WeightTables | None = None
        self.document = editor.document
        self.node_id: str | None = None
        self.fields: dict[str, Field] = {}
        self.name_edit: QLineEdit | None = None
        self._undo_keys = DocumentUndoKeys(self)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # fields shrink to the dock instead
        self.setAccessibleName(self.tr("Inspector"))
        self._unsubscribe = self.document.subscribe(self._on_change)
        editor.lockChanged.connect(lambda *_: self._apply_lock())
        self.show_nodes([])

    def detach(self) -> None:
        self._unsubscribe()

    # ----- building ------------------------------------------------------------------------------------
    def show_nodes(self, ids: list[str]) -> None:
        """Edit one layer; with none or several selected, say so instead."""
        self.fields = {}
        self.name_edit = None
        self.weights = None
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)
        self.node_id = ids[0] if len(ids) == 1 and self.document.has(ids[0]) else None
        if self.node_id is None:
            text = (self.tr("Select a layer on the canvas to edit its settings.") if not ids
                    else self.tr("{n} layers selected. Select one to edit its settings.").format(n=len(ids)))
            hint = QLabel(text)
            hint.setWordWrap(True)
            theme.mark_muted(hint)
            layout.addWidget(hint)
            layout.addStretch(1)
            self.setWidget(body)
            return
        nid = self.node_id
        type_name = self.document.node_type(nid)
        head = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(layer_icon(type_name).pixmap(32, 32))
        title = QLabel(f"<span style='font-size:13pt; font-weight:600'>{type_name}</span>")
        head.addWidget(icon)
        head.addWidget(title, 1)
        layout.addLayout(head)
        about = QLabel(layer_text.description(type_name))
        about.setWordWrap(True)
        theme.mark_muted(about)
        layout.addWidget(about)

        self.lock_label = QLabel()
        self.lock_label.setWordWrap(True)
        self.lock_label.setStyleSheet("background: #e08a00; color: white; padding: 4px 6px; border-radius: 3px;")
        layout.addWidget(self.lock_label)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        # a row too wide for the dock puts its field under the label (identifiers such as kernel_regularizer
        # label the rows in Chinese, and the left column is narrower there) instead of running off the right
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        form.setLabelAlignment(Qt.AlignRight | Qt.AlignTop)
        form.setVerticalSpacing(8)
        self.name_edit = QLineEdit(self.document.display_name(nid))
        self.name_edit.setAccessibleName(self.tr("Layer name"))
        self.name_edit.setToolTip(self.tr("The layer's name as shown on its card; names must be unique."))
        self.name_edit.editingFinished.connect(self._rename)
        form.addRow(_label(self.tr("Name"), self.name_edit.toolTip()), self.name_edit)
        id_label = QLabel(nid)
        id_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        id_label.setToolTip(self.tr("The layer's id in the project file (never changes)"))
        form.addRow(_label(self.tr("Id"), id_label.toolTip()), id_label)
        cls = layer_text.layer_class(type_name)
        for spec in cls.PARAMS if cls else []:
            field = make_field(spec)
            field.edited.connect(lambda value, name=spec.name: self._edited(name, value))
            form.addRow(_label(layer_text.param_label(spec.name), i18n._(spec.help)), field)
            self.fields[spec.name] = field
        layout.addLayout(form)
        if not self.fields:
            none = QLabel(self.tr("This layer has no settings."))
            theme.mark_muted(none)
            layout.addWidget(none)
        if self.weight_edits is not None:
            self.weights = WeightTables(self.weight_edits, nid, body)  # a parent first: shown, never a window
            layout.addWidget(self.weights)
        layout.addStretch(1)
        self.setWidget(body)
        self._load_values()
        self._apply_lock()
        self._undo_keys.install(body)

    def _apply_lock(self) -> None:
        if self.node_id is None:
            return
        try:
            for field in self.fields.values():
                field.setEnabled(not self.editor.locked)
            self.lock_label.setVisible(self.editor.locked)
            self.lock_label.setText(self.tr("Settings are locked: {reason}.").format(reason=self.editor.lock_reason))
        except RuntimeError:  # widgets of a previous selection already deleted
            pass

    # ----- syncing with the document ---------------------------------------------------------------------
    def _load_values(self) -> None:
        nid = self.node_id
        if nid is None:
            return
        values = layer_text.filled(self.document.node_type(nid), self.document.params(nid))
        for name, field in self.fields.items():
            if isinstance(field, InitializerField):
                field.weight_shape = self._weight_shape(name)
            field.set_value(values.get(name))
        if self.name_edit is not None and not self.name_edit.hasFocus():
            self.name_edit.setText(self.document.display_name(nid))
        if self.weights is not None:
            self.weights.refresh()       # units or inputs changed: the tables take the new shapes

    def _weight_shape(self, param: str) -> tuple[int, ...]:
        """The shape of the weights this initializer fills, so its histogram has the real fans."""
        weight = _WEIGHT_OF.get(param, "kernel")
        try:
            a = self.document.analysis()
            layer = a.layers[self.node_id]
            shapes = layer.weight_shapes([a.shapes[i] for i in a.inputs[self.node_id]])
            return tuple(shapes[weight][0])
        except Exception:  # the layer is not valid yet: show a typical 64×64 draw
            return (64, 64)

    def _on_change(self, change: Change) -> None:
        if self.node_id is None:
            return
        if change.reset or self.node_id in change.removed or not self.document.has(self.node_id):
            self.show_nodes([])
            return
        if change.structural or self.node_id in change.nodes:
            self._load_values()

    # ----- editing -------------------------------------------------------------------------------------
    def _edited(self, name: str, value) -> None:
        nid = self.node_id
        if nid is None:
            return
        params = self.document.params(nid)
        params[name] = value
        text = self.tr("Set {param} of {layer}").format(param=name.replace("_", " "),
                                                        layer=self.document.display_name(nid))
        if not self.editor.set_params(nid, params, text, merge_key=f"{nid}/{name}"):
            self._load_values()  # refused (e.g. locked): show the document's value again

    def _rename(self) -> None:
        if self.node_id is None or self.name_edit is None:
            return
        if not self.editor.rename(self.node_id, self.name_edit.text()):
            self.name_edit.setText(self.document.display_name(self.node_id))
        self.name_edit.setModified(False)     # handed over: Ctrl+Z now undoes the rename (undo_keys)

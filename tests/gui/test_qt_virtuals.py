"""No widget keeps a value under the name of a Qt virtual method: PySide looks a virtual up by name on the
Python object, so ``self.metric = QComboBox()`` in a dialog made Qt call the combo box for
QPaintDevice.metric() at every paint (a TypeError each time, a segfault when the dialog was grabbed)."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import nnstudio.gui

# virtuals Qt calls on widgets, graphics items, models and QObjects (the ones a plain attribute name could meet)
VIRTUALS = {
    "metric", "devType", "paintEngine", "initPainter", "redirected", "sharedPainter",
    "event", "eventFilter", "childEvent", "customEvent", "timerEvent", "connectNotify", "disconnectNotify",
    "sizeHint", "minimumSizeHint", "heightForWidth", "hasHeightForWidth", "setVisible", "inputMethodQuery",
    "focusNextPrevChild", "nativeEvent",
    "boundingRect", "shape", "paint", "type", "contains", "collidesWithItem", "collidesWithPath",
    "isObscuredBy", "opaqueArea", "itemChange", "sceneEvent", "sceneEventFilter", "advance",
    "rowCount", "columnCount", "data", "headerData", "flags", "setData", "index", "parent",
}


def _assigned_names(cls_node: ast.ClassDef) -> set[str]:
    names = set()
    for node in ast.walk(cls_node):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, (ast.AnnAssign, ast.AugAssign)) else []
        for t in targets:
            for el in (t.elts if isinstance(t, ast.Tuple) else [t]):
                if isinstance(el, ast.Attribute) and isinstance(el.value, ast.Name) and el.value.id == "self":
                    names.add(el.attr)
    return names


def test_no_instance_attribute_hides_a_qt_virtual():
    root = Path(nnstudio.gui.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        module_name = ".".join(("nnstudio", *path.relative_to(root.parent).with_suffix("").parts))
        module = importlib.import_module(module_name)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            cls = getattr(module, node.name, None)
            if not inspect.isclass(cls):
                continue
            qt_bases = [b for b in cls.__mro__ if b.__module__.startswith("PySide6")]
            for name in _assigned_names(node) & VIRTUALS:
                if any(callable(getattr(b, name, None)) for b in qt_bases):
                    found.append(f"{path.relative_to(root.parent)}: {node.name}.{name}")
    assert found == []

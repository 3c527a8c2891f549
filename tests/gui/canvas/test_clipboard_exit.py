"""Copying layers must not crash the process at exit (PySide6 6.12 segfaults when the clipboard still holds
mime data set from Python as the interpreter shuts down)."""

import subprocess
import sys

CODE = """
from PySide6.QtWidgets import QApplication
import nnstudio.gui
from nnstudio.gui.canvas import clipboard
from nnstudio.gui.canvas.clipboard import from_mime, to_mime
from nnstudio.document import Document
app = QApplication([])
doc = Document({"nodes": [{"id": "x", "type": "Input", "params": {"shape": [2]}}], "edges": []})
clipboard.put(to_mime(doc, ["x"]))
nodes, _ = from_mime(QApplication.clipboard().mimeData())
print(nodes[0]["id"])
"""


def test_process_exits_cleanly_after_copying_layers():
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "x"

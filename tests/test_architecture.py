"""The Qt boundary is enforced: only nnstudio.gui may import PySide6 or pyqtgraph."""

import pkgutil
import subprocess
import sys

import nnstudio


def _non_gui_modules():
    for info in pkgutil.walk_packages(nnstudio.__path__, "nnstudio."):
        if info.name == "nnstudio.gui" or info.name.startswith("nnstudio.gui."):
            continue
        yield info.name


def test_non_gui_packages_do_not_import_qt():
    modules = sorted(_non_gui_modules())
    assert "nnstudio.paths" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"Qt imported outside nnstudio.gui: {out.stdout.strip()}"

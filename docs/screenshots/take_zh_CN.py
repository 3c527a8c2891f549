"""Take the Chinese screenshots of docs/zh-CN/ at 1024x768:

    XDG_CONFIG_HOME=$(mktemp -d) QT_QPA_PLATFORM=offscreen python docs/screenshots/take_zh_CN.py [NAME ...]

from the repository root. NAME is weights (the hand-wired XOR's weight tables in the inspector), csv (the
CSV import dialog on samples/data/co2_monthly.csv, as a time series, over the window) or error (the one
sentence nnstudio says on opening a damaged .nnproj); default: all three.
Look at each picture before committing it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))   # this checkout's nnstudio, not an installed one

from PySide6.QtCore import QPoint  # noqa: E402
from PySide6.QtGui import QColor, QPainter  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from nnstudio.gui import language  # noqa: E402
from nnstudio.gui.app import application  # noqa: E402
from nnstudio.project import load  # noqa: E402

OUT = Path(__file__).resolve().parent
SAMPLES = OUT.parent.parent / "samples"
app = application()
language.install(app, "zh_CN")

import take_1024 as shots  # noqa: E402  (the same window helpers, after the QApplication)
from nnstudio.gui.csv_dialog import CsvDialog  # noqa: E402


def weights() -> None:
    """The hand-wired XOR sample, hidden layer 'h' selected: its kernel and bias tables in the inspector."""
    w = shots.open_window(load(SAMPLES / "xor_step_units.nnproj"))
    shots.until(lambda: not w.training.preview.running())
    w.scene.select_ids(["h"])
    w.docks["inspector_dock"].raise_()
    shots.settle(0.3)
    w.inspector.ensureWidgetVisible(w.inspector.weights, 0, 0)
    shots.settle(0.3)
    w.grab().save(str(OUT / "zh_CN-weight-tables-1024.png"))
    shots.close(w)


def _over(w, dialog, name: str) -> None:
    """``dialog`` drawn centred over the window ``w`` (offscreen windows draw no frame: a grey edge instead)."""
    picture = w.grab()
    inner = dialog.grab()
    corner = QPoint((picture.width() - inner.width()) // 2, (picture.height() - inner.height()) // 2)
    painter = QPainter(picture)
    painter.drawPixmap(corner, inner)
    painter.setPen(QColor("#555555"))
    painter.drawRect(corner.x() - 1, corner.y() - 1, inner.width() + 1, inner.height() + 1)
    painter.end()
    picture.save(str(OUT / name))


def error() -> None:
    """Opening a .nnproj whose end is missing (a copy cut short): the message box the window shows."""
    w = shots.open_window(load(SAMPLES / "xor_hidden_layer.nnproj"))
    damaged = Path(tempfile.mkdtemp(prefix="nnstudio-")) / "spiral.nnproj"
    whole = (SAMPLES / "spiral.nnproj").read_bytes()
    damaged.write_bytes(whole[:len(whole) // 2])
    said = []
    critical = QMessageBox.critical
    QMessageBox.critical = lambda parent, title, text, *rest: said.append((title, text))  # the dialog, not modal
    try:
        w.files.open_path(damaged, ask=False)
        shots.until(lambda: said)
    finally:
        QMessageBox.critical = critical
    title, text = said[0]
    box = QMessageBox(QMessageBox.Critical, title, text, QMessageBox.Ok, w)
    box.show()
    shots.settle(0.5)
    _over(w, box, "zh_CN-error-1024.png")
    box.close()
    shots.close(w)


def csv() -> None:
    """The import dialog on the monthly CO2 series, used as a time series, drawn centred over the window."""
    w = shots.open_window(load(SAMPLES / "xor_hidden_layer.nnproj"))
    dialog = CsvDialog(SAMPLES / "data" / "co2_monthly.csv", w)
    dialog.use.setCurrentIndex(dialog.use.findData("timeseries"))
    dialog.show()
    shots.settle(0.5)
    _over(w, dialog, "zh_CN-csv-import-1024.png")
    dialog.close()
    shots.close(w)


SHOTS = {"weights": weights, "csv": csv, "error": error}

if __name__ == "__main__":
    for name in sys.argv[1:] or list(SHOTS):
        SHOTS[name]()

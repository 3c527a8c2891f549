"""``python benchmarks/window_run.py PROJECT --train --epochs N --quit-when-done --report report.json``: the
window's headless run (``nnstudio gui``'s options) with the GUI-stall meter of stall_meter.py added to its
report (ui_stall_ms_p50/p99/max, ui_ticks). gui_training.py runs it in fresh processes."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from stall_meter import StallMeter  # noqa: E402

from nnstudio.gui import app  # noqa: E402

if __name__ == "__main__":
    sys.exit(app.main(sys.argv[1:], meter=StallMeter))

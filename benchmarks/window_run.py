"""``python benchmarks/window_run.py PROJECT --train --epochs N --quit-when-done --report report.json``: the
window's headless run (``nnstudio gui``'s options) with the GUI-stall meter of stall_meter.py added to its
report (ui_stall_ms_p50/p99/max, ui_ticks) and how long the window's frames took (frame_ms_p50/p99/max,
frames; frame_views_ms_p99 and frame_paint_ms_p99 split a frame into updating the views and painting them).
gui_training.py runs it in fresh processes."""

from __future__ import annotations

import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402
from stall_meter import StallMeter  # noqa: E402

from nnstudio.gui import app  # noqa: E402
from nnstudio.gui.training import controller  # noqa: E402

_frames: list[tuple[float, float]] = []     # (updating the views, painting) per frame, milliseconds


def _timed_frame(self) -> None:
    """TrainingController._draw_frame, timed in its two parts."""
    start = time.perf_counter()
    try:
        self.frame.emit()
        middle = time.perf_counter()
        controller.paint_now(self.paint_roots)
        _frames.append(((middle - start) * 1e3, (time.perf_counter() - middle) * 1e3))
    finally:
        gate, self._held = self._held, None
        if gate is not None:
            gate.set()


class FrameTimingMeter(StallMeter):
    def figures(self) -> dict:
        out = super().figures()
        if _frames:
            views, paint = np.asarray(_frames).T
            total = views + paint
            out.update({"frames": len(total), "frame_ms_p50": round(float(np.percentile(total, 50)), 2),
                        "frame_ms_p99": round(float(np.percentile(total, 99)), 2),
                        "frame_ms_max": round(float(total.max()), 2),
                        "frame_views_ms_p99": round(float(np.percentile(views, 99)), 2),
                        "frame_paint_ms_p99": round(float(np.percentile(paint, 99)), 2)})
        return out


if __name__ == "__main__":
    controller.TrainingController._draw_frame = _timed_frame
    sys.exit(app.main(sys.argv[1:], meter=FrameTimingMeter))

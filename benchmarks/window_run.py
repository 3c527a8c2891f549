"""``python benchmarks/window_run.py PROJECT --train --epochs N --quit-when-done --report report.json``: the
window's headless run (``nnstudio gui``'s options) with the GUI-stall meter of stall_meter.py added to its
report (ui_stall_ms_p50/p99/max, ui_ticks) and how long the window's frames held training (frame_ms_p50/p99/max,
frames: from the update's arrival to training going on) and their parts took (frame_part_ms_p50/p99/max,
frame_parts: each drawn and painted in one go, the event loop running in between).
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

_frames: list[float] = []   # a frame's span, from the update's arrival to training going on, milliseconds
_parts: list[float] = []    # each part of a frame drawn and painted in one go (the window stalls this long)
_started: list[float] = []


def _timed_frame(self) -> None:
    _started.append(time.perf_counter())
    _draw_frame(self)


def _timed_part(self, frame_no: int) -> None:
    start = time.perf_counter()
    try:
        _draw_part(self, frame_no)
    finally:
        _parts.append((time.perf_counter() - start) * 1e3)


def _timed_release(self) -> None:
    if self._held is not None and _started:
        _frames.append((time.perf_counter() - _started[-1]) * 1e3)
    _release_worker(self)


class FrameTimingMeter(StallMeter):
    def figures(self) -> dict:
        out = super().figures()
        if _frames:
            frames, parts = np.asarray(_frames), np.asarray(_parts)
            out.update({"frames": len(frames), "frame_ms_p50": round(float(np.percentile(frames, 50)), 2),
                        "frame_ms_p99": round(float(np.percentile(frames, 99)), 2),
                        "frame_ms_max": round(float(frames.max()), 2),
                        "frame_parts": len(parts), "frame_part_ms_p50": round(float(np.percentile(parts, 50)), 2),
                        "frame_part_ms_p99": round(float(np.percentile(parts, 99)), 2),
                        "frame_part_ms_max": round(float(parts.max()), 2)})
        return out


if __name__ == "__main__":
    Controller = controller.TrainingController
    _draw_frame, _draw_part, _release_worker = Controller._draw_frame, Controller._draw_part, Controller._release_worker
    Controller._draw_frame, Controller._draw_part, Controller._release_worker = _timed_frame, _timed_part, _timed_release
    sys.exit(app.main(sys.argv[1:], meter=FrameTimingMeter))

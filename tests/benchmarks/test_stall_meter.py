"""benchmarks/stall_meter.py: the GUI-stall meter the window benchmark adds to the headless run's report."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import stall_meter  # noqa: E402


def test_stall_meter_reports_null_without_ticks_and_lateness_with_them(qtbot):
    meter = stall_meter.StallMeter(interval_ms=5)
    empty = meter.figures()
    assert empty["ui_ticks"] == 0 and empty["ui_stall_ms_p99"] is None and empty["ui_stall_ms_max"] is None
    meter.start()
    qtbot.waitUntil(lambda: len(meter.lateness) >= 5, timeout=5000)
    meter.stop()
    figures = meter.figures()
    assert figures["ui_ticks_python"] == len(meter.lateness) >= 5
    assert figures["ui_ticks"] == len(meter.lateness) + len(meter.fine_lateness)
    assert 0.0 <= figures["ui_stall_ms_p50"] <= figures["ui_stall_ms_p99"] <= figures["ui_stall_ms_max"]


def test_stall_meter_c_plus_plus_probe_sees_a_blocked_event_loop(qtbot):
    meter = stall_meter.StallMeter(interval_ms=1000, fine_ms=10)
    meter.start()
    QTimer.singleShot(50, lambda: time.sleep(0.08))      # the GUI thread blocked for 80 ms
    qtbot.wait(300)
    meter.stop()
    assert len(meter.fine_lateness) >= 10
    assert max(meter.fine_lateness) >= 60                  # 80 ms blocked, less at most one 10 ms period
    assert meter.figures()["ui_stall_ms_max"] >= 60


@pytest.mark.slow
def test_the_window_run_reports_the_stall_figures(tmp_path):
    from tests.gui.training.test_window import spiral_project
    project = tmp_path / "spiral.nnproj"
    spiral_project().save(project)
    report = tmp_path / "report.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"))   # autosaves too stay in the test's folder
    out = subprocess.run([sys.executable, str(BENCHMARKS / "window_run.py"), str(project), "--train", "--epochs",
                          "30", "--quit-when-done", "--report", str(report)], env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    figures = json.loads(report.read_text())
    assert figures["trained"] and figures["epochs"] == 30 and figures["ui_ticks"] > 0
    assert figures["ui_stall_ms_max"] >= figures["ui_stall_ms_p99"] >= 0

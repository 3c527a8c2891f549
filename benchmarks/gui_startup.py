"""Cold start of the studio: from launching a fresh Python process to the main window shown on screen.

Prints figures; never asserts (speed is a benchmark, not a test). Run: python benchmarks/gui_startup.py
Each run is a new process (offscreen Qt, isolated settings), so imports and Qt initialisation are included.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import sys, time
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
QSettings.setDefaultFormat(QSettings.IniFormat)
QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, sys.argv[1])
from nnstudio.gui import app as studio
application = studio.application()
QSettings().setValue("autosave/dir", sys.argv[1] + "/autosave")

def shown():
    from nnstudio.gui.main_window import MainWindow
    for w in QApplication.topLevelWidgets():
        if isinstance(w, MainWindow) and w.isVisible() and w.windowHandle().isExposed():
            print("SHOWN", flush=True)
            w.mark_saved()
            QApplication.quit()
            return
    QTimer.singleShot(1, shown)

QTimer.singleShot(0, shown)
sys.exit(studio.main(sys.argv[2:]))
"""


def one_run(args: list[str]) -> float:
    with tempfile.TemporaryDirectory() as settings:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", CHILD, settings, *args], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True, env=env)
        for line in proc.stdout:
            if line.startswith("SHOWN"):
                elapsed = time.perf_counter() - start
                break
        else:
            raise RuntimeError("the window was never shown")
        proc.wait(timeout=30)
        return elapsed


def in_process_breakdown() -> dict[str, float]:
    """Where the time goes once Python runs: imports, the window without and with the training panels."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    t0 = time.perf_counter()
    from nnstudio.gui import app as studio

    application = studio.application()
    from nnstudio.gui.main_window import MainWindow

    from nnstudio.gui import language

    t1 = time.perf_counter()
    language.install(application, "zh_CN")     # the Chinese catalogs: Qt's and ours
    t_lang = time.perf_counter() - t1
    language.install(application, "en")        # the windows below are built in English, as before
    t1 = time.perf_counter()
    bare = MainWindow(panels=False)
    t2 = time.perf_counter()
    full = MainWindow(panels=True)
    t3 = time.perf_counter()
    for w in (bare, full):
        w.mark_saved()
        w.close()
    application.processEvents()
    return {"imports + QApplication": t1 - t0 - t_lang, "loading the zh_CN catalogs": t_lang, "MainWindow, editor only": t2 - t1,
            "MainWindow with training panels": t3 - t2}


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    sample = Path(__file__).resolve().parent.parent / "samples" / "digits_cnn.nnproj"
    cases = [("welcome page (no file)", []), ("welcome page, --lang en", ["--lang", "en"]),
             ("welcome page, --lang zh_CN", ["--lang", "zh_CN"])]
    if sample.is_file():
        cases.append((f"open {sample.name}", [str(sample)]))
    print(f"cold start to shown main window, {repeats} fresh processes each (target < 1.5 s)")
    for label, args in cases:
        times = [one_run(args) for _ in range(repeats)]
        print(f"  {label:32s} best {min(times):.3f} s   median {statistics.median(times):.3f} s   "
              f"worst {max(times):.3f} s")
    print("in-process breakdown (second MainWindow in the same process is warmer):")
    for k, v in in_process_breakdown().items():
        print(f"  {k:32s} {v:.3f} s")


if __name__ == "__main__":
    main()

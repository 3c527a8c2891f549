"""benchmarks/data.py runs to its end on a machine without the downloaded sets (tests and CI never download)."""

import subprocess
import sys
from pathlib import Path

from nnstudio.data import builtin

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "data.py"


def test_data_benchmark_skips_sets_not_downloaded_and_exits_0():
    # conftest points the data cache at an empty temporary folder, inherited by the child process
    run = subprocess.run([sys.executable, str(BENCHMARK), "--rows", "200", "--cols", "4", "--repeat", "1"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    downloaded = [name for name in builtin.BUILTINS if name in builtin._DOWNLOADED]
    assert lines[-1 - len(downloaded)].startswith(f"{len(builtin.BUILTINS) - len(downloaded)} of "
                                                  f"{len(builtin.BUILTINS)} built-in sets: ")
    assert lines[-len(downloaded):] == [f"  {name}: not downloaded, skipped (nnstudio data fetch {name})"
                                        for name in downloaded]

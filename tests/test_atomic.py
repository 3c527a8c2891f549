"""Atomic replacement of files by writers that need a file name (the plot exports)."""

import os
from pathlib import Path

import pytest

from nnstudio.atomic import write_atomic_named


def test_named_writers_replace_the_file_atomically(tmp_path):
    # Qt's exporters write to a file name: PNG, SVG and CSV exports go through this
    target = tmp_path / "loss.png"
    target.write_bytes(b"the older picture")
    with pytest.raises(OSError):
        write_atomic_named(target, lambda tmp: False)            # the writer says it failed
    with pytest.raises(RuntimeError):
        write_atomic_named(target, _half_then_fail)                # the writer dies half-way
    assert target.read_bytes() == b"the older picture"
    assert [p.name for p in tmp_path.iterdir()] == ["loss.png"]  # no temporary file left behind
    write_atomic_named(target, lambda tmp: Path(tmp).write_bytes(b"new"))
    assert target.read_bytes() == b"new"
    fresh = write_atomic_named(tmp_path / "new.svg", lambda tmp: Path(tmp).write_bytes(b"<svg/>"))
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask    # shareable, not a temporary file's 0600


def _half_then_fail(tmp):
    Path(tmp).write_bytes(b"half")
    raise RuntimeError("disk full")


# ---- temporary files left by killed saves (#20 item 5) ------------------------------------------------------
import random  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

from nnstudio.atomic import remove_stale, write_atomic  # noqa: E402


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_the_next_save_removes_temporary_files_of_dead_processes_only(tmp_path):
    target = tmp_path / "x.nnproj"
    target.write_bytes(b"old")
    dead = tmp_path / f".x.nnproj.{_dead_pid()}-abcd1234.tmp"
    live = tmp_path / f".x.nnproj.{os.getpid()}-efgh5678.tmp"   # this process, saving right now
    old_style = tmp_path / ".x.nnproj.zq8r1t0k.tmp"              # an older nnstudio's name, long left
    other = tmp_path / ".y.nnproj.1-abcd1234.tmp"                # another file's: not this save's business
    for p in (dead, live, old_style, other):
        p.write_bytes(b"partial")
    os.utime(old_style, (time.time() - 3600, time.time() - 3600))
    write_atomic(target, lambda f: f.write(b"new"))
    assert target.read_bytes() == b"new"
    assert not dead.exists() and not old_style.exists()
    assert live.exists() and other.exists()


def test_a_live_process_keeps_its_temporary_file(tmp_path):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        busy = tmp_path / f".x.nnproj.{sleeper.pid}-abcd1234.tmp"
        busy.write_bytes(b"being written")
        assert remove_stale(tmp_path / "x.nnproj") == []
        assert busy.exists()
    finally:
        sleeper.kill()
        sleeper.wait()
    assert remove_stale(tmp_path / "x.nnproj") == [busy]


SAVER = """
import sys
import numpy as np
from nnstudio.project import Project
path = sys.argv[1]
big = np.arange(3_000_000, dtype=np.float32)   # a 12 MB member: a save takes long enough to be cut
n = 0
while True:
    p = Project.new(f"v{n}")
    p.embed("big.bin", big.tobytes() + str(n).encode())
    p.save(path)
    print(n, flush=True)
    n += 1
"""


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_killed_saves_leave_a_complete_file_and_no_temporary_file_after_the_next_save(tmp_path):
    from nnstudio.project import load

    target = tmp_path / "killed.nnproj"
    rng = random.Random(20)
    root = Path(__file__).resolve().parents[2]
    cut = 0
    for _ in range(6):
        proc = subprocess.Popen([sys.executable, "-c", SAVER, str(target)], cwd=root, stdout=subprocess.PIPE,
                                text=True)
        assert proc.stdout.readline().strip().isdigit()          # one complete save at least
        time.sleep(rng.uniform(0.0, 0.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        cut += any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
        back = load(target)                                       # always a whole version, old or new
        n = int(back.title[1:])
        assert back.embedded["big.bin"].endswith(str(n).encode())
    back.save(target)                                             # the next save sweeps what kills left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["killed.nnproj"]
    assert cut > 0, "no kill landed during a save: the test did not test anything"

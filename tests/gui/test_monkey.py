"""The monkey test (#20): seeded random actions on the real window (tests/gui/monkey.py).

A short run in the normal suite; 3 seeds x 2,000 actions marked ``slow``, run only when asked for
(``pytest -m slow tests/gui/test_monkey.py``), also run by
``python -m tests.gui.monkey --seeds 3 --actions 2000``. The stall limit is checked in the long run only
(a loaded test machine may stall the short one; the figures are in docs/gui.md).
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QTimer

from . import monkey


def run(make_window, tmp_path, seed, actions, only=None):
    w = make_window(monkey.start_project())
    m = monkey.Monkey(w, seed, tmp_path)
    if only is not None:
        m.use(only)
    report = m.run(actions)
    print(report.text())
    return report


def test_monkey_short_run(make_window, tmp_path):
    report = run(make_window, tmp_path, seed=2, actions=300)
    assert report.exceptions == [] and report.failures == []
    assert report.actions["train"] and report.actions["step"]   # training is tried (whether a random
    # network can train, and how far a session gets between actions, depends on timing: not asserted)
    assert sum(report.actions.values()) == 300 and len(report.actions) >= 15
    assert report.undo_checks >= 2          # one mid-way (every CHECK_EVERY actions), one at the end


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_monkey_long_run(make_window, tmp_path, seed, request):
    if "slow" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("minutes long: run with pytest -m slow (or python -m tests.gui.monkey)")
    report = run(make_window, tmp_path, seed=seed, actions=2000)
    assert report.ok, report.text()


# ----- the monkey's own senses: each failure it must notice --------------------------------------------------
def test_an_exception_reaching_the_excepthook_fails_the_run(make_window, tmp_path):
    def boom():
        QTimer.singleShot(0, lambda: 1 / 0)   # raised in a slot: only the excepthook sees it
    report = run(make_window, tmp_path, seed=0, actions=3, only=[("boom", 1, boom)])
    assert len(report.exceptions) == 3 and "ZeroDivisionError" in report.exceptions[0]
    assert not report.ok


def test_a_stall_is_measured(make_window, tmp_path):
    report = run(make_window, tmp_path, seed=0, actions=1, only=[("sleep", 1, lambda: time.sleep(1.1))])
    assert report.max_stall >= 1.1 and report.stall_after == "sleep"
    assert not report.ok


def test_an_edit_outside_the_undo_stack_fails_the_undo_check(make_window, tmp_path):
    w = make_window(monkey.start_project())
    m = monkey.Monkey(w, 0, tmp_path)

    def sneak():   # a change behind the undo stack's back: undo cannot take it back
        spec = w.document.spec
        spec["nodes"][0]["params"]["shape"] = [len(spec["nodes"]) + 2]
        w.document.reset(spec)
    m.use([("add", 1, lambda: w.editor.add_layer("Dense", (300.0, 0.0), after="input")), ("sneak", 1, sneak)])
    report = m.run(6)
    assert any("did not restore" in f for f in report.failures)


def test_a_save_that_does_not_round_trip_fails(make_window, tmp_path, monkeypatch):
    w = make_window(monkey.start_project())
    m = monkey.Monkey(w, 0, tmp_path)
    m.use([("add", 1, lambda: w.editor.add_layer("Dense", (300.0, 0.0), after="input"))])
    real_load = monkey.load

    def lossy_load(path):
        p = real_load(path)
        p.title = "something else"
        return p
    monkeypatch.setattr(monkey, "load", lossy_load)
    report = m.run(2)
    assert any("does not round-trip: title differs" in f for f in report.failures)

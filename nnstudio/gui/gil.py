"""A short GIL switch interval while work runs in a thread of the window (a training session, variants being
compared): a thread that finds the GIL taken gets it at the holder's next bytecode check, so the window's
Python (a click, a timer, a frame) never waits long for the working thread (why and the figures:
docs/training.md). Counted, so two kinds of work overlapping put the interval back only when both are done.
"""

from __future__ import annotations

import sys

SWITCH_INTERVAL_S = 1e-6

_holders = 0
_saved: float | None = None


def hold() -> None:
    """Work starts in a thread: switch quickly until the matching ``release``."""
    global _holders, _saved
    if _holders == 0:
        _saved = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL_S)
    _holders += 1


def release() -> None:
    global _holders, _saved
    if _holders == 0:
        return
    _holders -= 1
    if _holders == 0 and _saved is not None:
        sys.setswitchinterval(_saved)
        _saved = None

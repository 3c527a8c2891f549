"""Unexpected errors are logged and shown in the status bar, never as a traceback dialog or a crash."""

from __future__ import annotations

import logging
import sys
import traceback

log = logging.getLogger("nnstudio")


def install(status) -> None:
    """Route uncaught exceptions to the log and to ``status(sentence)`` (the window's status bar)."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        try:
            status(f"Something went wrong ({exc_type.__name__}: {exc}). The details are in the log; "
                   f"your work is unchanged.")
        except Exception:  # the status bar itself may be gone while quitting
            pass

    sys.excepthook = hook

"""Python's cyclic garbage collection only on the GUI thread.

Left automatic, a collection runs in whichever thread happens to allocate: a training or background worker
could then finalise a cycle holding Qt widgets off the GUI thread, which crashes the process. pyqtgraph's
GarbageCollector turns automatic collection off and collects on a GUI-thread timer instead.
"""

from __future__ import annotations

from pyqtgraph.util.garbage_collector import GarbageCollector

_collector: GarbageCollector | None = None


def collect_on_gui_thread() -> None:
    """Once per process, after the QApplication exists; a second call changes nothing."""
    global _collector
    if _collector is None:
        _collector = GarbageCollector(interval=1.0)

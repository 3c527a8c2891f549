"""Widgets whose parts are built the first time they are read, so a window opens without building what nobody
sees yet (the live views behind other tabs, the prediction pictures of other tasks)."""

from __future__ import annotations


class BuiltOnFirstUse:
    """Reading one of the attributes named in ``BUILT_ON_USE`` before it exists calls ``self._build(name)``,
    which builds the part, sets the attribute (later reads find it directly) and returns it."""

    BUILT_ON_USE: frozenset[str] = frozenset()

    def __getattr__(self, name):
        # reached only for an attribute not set yet
        if name in type(self).BUILT_ON_USE:
            return self._build(name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _build(self, name: str):
        raise NotImplementedError

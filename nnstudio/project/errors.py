"""The one error type of the project package: a plain sentence plus the file it is about."""

from __future__ import annotations

from pathlib import Path


class ProjectError(ValueError):
    """A project file could not be read, checked or written.

    ``message`` is one complete sentence that already names the file; ``path`` is that file (or None).
    """

    def __init__(self, message: str, path: str | Path | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None

    def __str__(self) -> str:
        return self.message

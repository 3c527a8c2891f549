"""What persists between sessions (QSettings): recent files, window layout, the autosave folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

MAX_RECENT = 8


def store() -> QSettings:
    """The app's settings (organisation and application names are set by ``app.main``)."""
    return QSettings()


def recent_files() -> list[str]:
    value = store().value("recent_files", [])
    if isinstance(value, str):  # QSettings returns a bare string for a one-element list in INI files
        value = [value]
    return [str(v) for v in (value or []) if v]


def add_recent(path: str | Path) -> list[str]:
    path = str(Path(path).resolve())
    files = [path] + [p for p in recent_files() if p != path]
    store().setValue("recent_files", files[:MAX_RECENT])
    return files[:MAX_RECENT]


def remove_recent(path: str | Path) -> None:
    path = str(Path(path).resolve())
    store().setValue("recent_files", [p for p in recent_files() if p != path])


def clear_recent() -> None:
    store().setValue("recent_files", [])


def autosave_dir() -> Path:
    """Where autosave copies go: the ``autosave/dir`` setting, else the platform's app data folder."""
    custom = store().value("autosave/dir", "")
    if custom:
        return Path(str(custom))
    base = QStandardPaths.writableLocation(QStandardPaths.AppLocalDataLocation)
    return Path(base) / "autosave"

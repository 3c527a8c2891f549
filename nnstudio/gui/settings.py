"""What persists between sessions (QSettings): recent files, window layout, the autosave folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

MAX_RECENT = 8
# Bumped whenever the default dock layout changes: a window state saved under another version is ignored
# once (the new default shows), then saved again under this one.
LAYOUT_VERSION = 6


def store() -> QSettings:
    """The app's settings (organisation and application names are set by ``app.main``)."""
    return QSettings()


def saved_layout():
    """The window state (QByteArray) saved under the current layout version, else None."""
    s = store()
    state = s.value("window/state")
    if str(s.value("window/layout_version", "")) != str(LAYOUT_VERSION):
        return None
    return state if isinstance(state, QByteArray) else None


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

"""Lesson notes of the shipped samples in the user's language.

A sample's notes are Markdown written in English inside its project file. Their translations live beside the
other catalogs, one Markdown file per sample in ``resources/translations/notes_<lang>/``, whose first line names
the English text it translates by a short hash: ``<!-- en: 0123456789abcdef -->``. The notes shown are the
translation whose hash matches the project's notes exactly, so a teacher's own notes (or a sample's notes after
an edit) show as written, and a translation left behind by a change of the English text is caught by a test,
as a stale ``.ts`` entry is.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from . import i18n
from .paths import resources_dir

_HEADER = re.compile(r"\A<!-- en: ([0-9a-f]{16}) -->\n")


def key(notes: str) -> str:
    """The hash naming an English text (surrounding white space ignored)."""
    return hashlib.sha256(notes.strip().encode("utf-8")).hexdigest()[:16]


def folder(lang: str) -> Path:
    return resources_dir() / "translations" / f"notes_{lang}"


@lru_cache(maxsize=None)
def catalog(lang: str) -> dict[str, str]:
    """English hash -> translated notes, for every file of ``lang`` (empty for English or a missing folder)."""
    entries: dict[str, str] = {}
    if lang == i18n.ENGLISH or not folder(lang).is_dir():
        return entries
    for path in sorted(folder(lang).glob("*.md")):
        text = path.read_text(encoding="utf-8")
        match = _HEADER.match(text)
        if match:
            entries[match.group(1)] = text[match.end():].strip() + "\n"
    return entries


def translated(notes: str, lang: str | None = None) -> str:
    """``notes`` in ``lang`` (default: the language chosen for the app) when a translation of exactly this text
    exists, else ``notes`` unchanged."""
    if not notes.strip():
        return notes
    return catalog(lang or i18n.language()).get(key(notes), notes)

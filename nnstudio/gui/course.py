"""The order of the samples as a course: chapters of sample names, read from ``samples/course.json``.

The order is data so later lessons add a chapter (or a sample to one) without touching code. A sample
the course does not name still shows, after the chapters; a name without a sample file is skipped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from nnstudio.paths import samples_dir

COURSE_JSON = "course.json"


@dataclass(frozen=True)
class Chapter:
    title: str
    samples: tuple[str, ...]   # file stems in samples/, in teaching order


def load_course(folder: Path | None = None) -> list[Chapter]:
    """The chapters of ``folder/course.json`` (none when the file is missing or unreadable: then the
    gallery falls back to file-name order)."""
    path = (folder or samples_dir()) / COURSE_JSON
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [Chapter(str(c["title"]), tuple(str(s) for s in c["samples"])) for c in data["chapters"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def course_rank(chapters: list[Chapter]) -> dict[str, tuple[int, int]]:
    """Sample stem -> (chapter index, place in the chapter)."""
    return {name: (ci, si) for ci, chapter in enumerate(chapters) for si, name in enumerate(chapter.samples)}

"""Upgrading project.json from older format versions, one step at a time.

``STEPS[n]`` turns a format-n document into a format-(n+1) document; tests/golden/ keeps a file of every
version loading.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from pathlib import Path

from nnstudio.i18n import _

from .errors import ProjectError

FORMAT = "nnstudio-project"
FORMAT_VERSION = 2

Step = Callable[[dict], dict]


def _one_run(doc: dict) -> dict:
    """1 -> 2: projects keep runs. A format-1 project is one run, the current one (its weights, history and
    optimizer state stay the top-level members); it records no settings, so it shows the project's own."""
    doc["run"] = {"id": "run-1", "name": "Run 1", "pinned": False, "seconds": 0.0, "settings": None}
    doc["runs"] = []
    return doc


STEPS: dict[int, Step] = {1: _one_run}


def check_format(doc: object, label: str, path: str | Path | None, current: int = FORMAT_VERSION) -> int:
    """The document's format_version after checking it is an nnstudio project this version can read."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ProjectError(_("Cannot open {label}: its project.json does not describe an nnstudio "
                             "project (the field 'format' is not {FORMAT!r}).").format(label=label, FORMAT=FORMAT), path)
    version = doc.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ProjectError(_("Cannot open {label}: its format_version must be a positive integer, not "
                             "{version!r}.").format(label=label, version=version), path)
    if version > current:
        saved_by = doc.get("app_version")
        who = f"nnstudio {saved_by}" if isinstance(saved_by, str) else _("a newer nnstudio")
        raise ProjectError(_("Cannot open {label}: this project was saved by {who} (format {version}); this "
                             "version reads up to format {current}: please update nnstudio.").format(
                                 label=label, who=who, version=version, current=current), path)
    return version


def migrate(doc: dict, label: str, path: str | Path | None = None, steps: Mapping[int, Step] = STEPS,
            current: int = FORMAT_VERSION) -> dict:
    """A copy of ``doc`` upgraded to ``current``, applying each step in order; ``doc`` is not changed."""
    version = check_format(doc, label, path, current)
    if version == current:
        return doc
    doc = copy.deepcopy(doc)
    while version < current:
        step = steps.get(version)
        if step is None:
            raise ProjectError(_("Cannot open {label}: no upgrade from format {version} to format "
                                 "{number} exists.").format(label=label, version=version, number=version + 1), path)
        try:
            doc = step(doc)
        except (KeyError, TypeError, ValueError) as exc:
            raise ProjectError(_("Cannot open {label}: upgrading it from format {version} to format "
                                 "{number} failed ({exc}).").format(label=label, version=version, number=version + 1, exc=exc), path) from None
        version += 1
        doc["format_version"] = version
    return doc

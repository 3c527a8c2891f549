"""A data file a reopened project keeps but does not use: the CSV page offers to import it again.

A project embeds every CSV imported into it (``Project.embed``), and saves the copy even when other data was
in use by then. Only the source in use records how a file was read (target, columns, task), so a project
reopened with a generator in use cannot give the file back as it was imported; instead of saying "No file
imported." over a copy it still carries, the CSV page names it and runs the import dialog on that copy.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from nnstudio.project.model import DATA_DIR


def kept_file(project) -> str | None:
    """The name of the last file ``project`` keeps a copy of that its data in use does not read (None: none)."""
    if project is None:
        return None
    used = str(((project.data or {}).get("source") or {}).get("path") or "")
    names = [name for name in project.embedded if DATA_DIR + name != used]
    return names[-1] if names else None


def import_again(panel, name: str) -> bool:
    """The import dialog on the project's copy of ``name`` (written under its own name, so the dialog and the
    data choice name it as the learner knows it); True when the learner imported it."""
    with tempfile.TemporaryDirectory(prefix="nnstudio-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(panel.project.embedded[name])
        return panel.import_csv(str(path))

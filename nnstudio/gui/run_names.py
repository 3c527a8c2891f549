"""A run's name as the window shows it. The names the studio gives runs by itself ("Run 2", and a branch's
"Run 2 from epoch 5") are stored in English in the project file, whatever the interface language: the file
then reads the same for a colleague in another language and the CLI prints them as before. The window shows
such a name in its own language ("第 2 次训练"); a name the user typed shows as typed. A branch of a renamed run
("baseline from epoch 5") keeps the typed part and shows the studio's part translated. The file does not say
who wrote a name, so a typed name that happens to read "Run 2" or "... from epoch 3" is shown as the studio's.

Every view that shows a run's name goes through ``shown``; the rename editor starts from ``shown`` and stores
``stored`` (an unchanged automatic name stays the automatic English one).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

AUTOMATIC = re.compile(r"Run ([1-9][0-9]*)")                 # runs.start_new: f"Run {n}"
BRANCH = re.compile(r"(.+) from epoch (0|[1-9][0-9]*)")     # runs.branch: f"{name} from epoch {at}"


def _tr(text: str) -> str:
    return QCoreApplication.translate("RunNames", text)


def shown(name: str) -> str:
    """The run name ``name`` (as stored) in the interface's language: "Run <n>" and every " from epoch <k>"
    ending translated, anything else as it is."""
    branch = BRANCH.fullmatch(name)
    if branch:
        return _tr("{name} from epoch {epoch}").format(name=shown(branch.group(1)), epoch=branch.group(2))
    automatic = AUTOMATIC.fullmatch(name)
    return _tr("Run {number}").format(number=automatic.group(1)) if automatic else name


def stored(typed: str, current: str) -> str:
    """The name to store when the rename editor, opened on ``shown(current)``, is confirmed with ``typed``:
    the text as typed (trimmed), except that confirming the shown name unchanged keeps ``current``."""
    typed = typed.strip()
    return current if typed == shown(current) else typed

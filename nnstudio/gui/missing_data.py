"""What the window says when a project's data set has not been downloaded yet: its own buttons, not the
command line the data layer's sentence names (`nnstudio data fetch`, --mirror, an environment variable)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from nnstudio import data, i18n
from nnstudio.data import remote
from nnstudio.data.errors import NotDownloaded

MB = 1 << 20


def megabytes(size: int) -> str:
    """A download's size in MB as a student reads it: "0.4" (California housing's 0.4 MB was "0"), "11"."""
    mb = size / MB
    return f"{mb:.1f}" if mb < 10 else f"{mb:.0f}"


def _tr(text: str) -> str:
    return QCoreApplication.translate("MissingData", text)


def sentence(exc: BaseException) -> str | None:
    """The window's sentence for a set not downloaded yet; None for any other error."""
    if not isinstance(exc, NotDownloaded):
        return None
    spec = remote.remote_set(exc.name)
    title, size = i18n._(spec.title), megabytes(spec.total_size)
    if data.importable(exc.name):
        return _tr("{title} is not on this computer yet. In the Data panel, “Download {title} ({size} MB)” "
                   "fetches it once; without internet, “Use files I have…” takes the files you already have "
                   "(the four IDX files, or Keras' .npz).").format(title=title, size=size)
    return _tr("{title} is not on this computer yet. In the Data panel, “Download {title} ({size} MB)” fetches "
               "it once; without internet, copy {files} into {folder}.").format(
        title=title, size=size, files=", ".join(f.name for f in spec.files), folder=remote.dataset_dir(exc.name))

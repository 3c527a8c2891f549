"""Well-known public data sets that nnstudio downloads on request: checksummed, cached, cancellable.

``fetch("mnist")`` downloads each file of a set into ``cache.dataset_dir(name)``: streamed into a temporary
file beside its final place while its SHA-256 is computed, checked against the checksum kept here, and only
then renamed into place, so an interrupted, truncated or tampered download never leaves a file that looks
complete. A school can host its own copy: ``mirror="http://server/datasets"`` (or ``$NNSTUDIO_DATA_MIRROR``)
serves ``<mirror>/<set name>/<file>``. Offline, the error names the files and the folder to copy them into.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import socket
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .cache import dataset_dir
from .errors import DataError
from ..i18n import N_, _

ENV_MIRROR = "NNSTUDIO_DATA_MIRROR"
CHUNK = 1 << 16


@dataclass(frozen=True)
class RemoteFile:
    name: str
    sha256: str
    size: int  # bytes, for progress when a server sends no length
    urls: tuple[str, ...] = ()  # full addresses tried before the set's mirrors (a host not naming files by name)


@dataclass(frozen=True)
class RemoteSet:
    name: str
    title: str
    files: tuple[RemoteFile, ...]
    mirrors: tuple[str, ...]  # base URLs holding the files themselves
    licence: str

    @property
    def total_size(self) -> int:
        return sum(f.size for f in self.files)


_IDX = ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz")

REMOTE: dict[str, RemoteSet] = {
    "mnist": RemoteSet(
        "mnist", N_("MNIST"),
        tuple(RemoteFile(n, h, s) for n, h, s in zip(_IDX, (
            "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
            "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
            "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
            "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
            (9912422, 28881, 1648877, 4542))),
        ("https://ossci-datasets.s3.amazonaws.com/mnist/", "https://storage.googleapis.com/cvdf-datasets/mnist/"),
        "Yann LeCun and Corinna Cortes, CC BY-SA 3.0"),
    "fashion_mnist": RemoteSet(
        "fashion_mnist", N_("Fashion-MNIST"),
        tuple(RemoteFile(n, h, s) for n, h, s in zip(_IDX, (
            "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
            "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
            "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
            "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"),
            (26421880, 29515, 4422102, 5148))),
        ("https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/",
         "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
        "Zalando Research, MIT licence"),
    # scikit-learn's fetch_california_housing archive: the SHA-256 is the one scikit-learn pins
    "california_housing": RemoteSet(
        "california_housing", N_("California housing"),
        (RemoteFile("cal_housing.tgz", "aaa5c9a6afe2225cc2aed2723682ae403280c4a3695a2ddda4ffb5d8215ea681", 441963,
                    ("https://ndownloader.figshare.com/files/5976036",)),),
        ("https://www.dcc.fc.up.pt/~ltorgo/Regression/",),
        "R. Kelley Pace and Ronald Barry (1997), from StatLib as scikit-learn serves it"),
}


@dataclass(frozen=True)
class FetchProgress:
    """Where a download stands: file ``index`` of ``count`` is ``file``; bytes of the whole set so far."""
    file: str
    index: int
    count: int
    done: int
    total: int


class DownloadCancelled(DataError):
    """The user cancelled; finished files are kept (verified), the one in flight is removed."""


def remote_set(name: str) -> RemoteSet:
    try:
        return REMOTE[name]
    except KeyError:
        raise DataError(_("There is no downloadable data set {name!r}; choose one of {names}.")
                        .format(name=name, names=', '.join(REMOTE))) \
            from None


def missing_files(remote: RemoteSet, folder: Path | None = None) -> list[str]:
    """Names of the set's files not yet in ``folder`` (by presence; ``fetch`` checks their checksums)."""
    folder = dataset_dir(remote.name) if folder is None else Path(folder)
    return [f.name for f in remote.files if not (folder / f.name).is_file()]


def manual_hint(remote: RemoteSet, folder: Path) -> str:
    names = ", ".join(f.name for f in remote.files)
    return (_("Without internet, copy {names} into {folder} by hand, or point --mirror (or ${variable}) at a "
              "server that has them in a folder named {name}.")
            .format(names=names, folder=folder, variable=ENV_MIRROR, name=remote.name))


def fetch(remote: RemoteSet | str, *, mirror: str | None = None, folder: Path | None = None,
          progress: Callable[[FetchProgress], None] | None = None,
          cancelled: Callable[[], bool] | None = None, timeout: float = 20.0) -> Path:
    """Download every file of the set that is missing or damaged; returns the folder holding them.

    Raises DataError (one sentence naming the file, what went wrong and where to put the files by hand)
    when no mirror delivers a file with the right checksum; DownloadCancelled when ``cancelled()`` turns
    true. ``timeout`` bounds the wait for a connection and for each read, so nothing hangs.
    """
    remote = remote_set(remote) if isinstance(remote, str) else remote
    folder = dataset_dir(remote.name) if folder is None else Path(folder)
    mirror = mirror or os.environ.get(ENV_MIRROR)
    bases = [_join(mirror, remote.name + "/")] if mirror else list(remote.mirrors)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(_("Cannot create the data folder {folder} ({value}).")
                        .format(folder=folder, value=exc.strerror or exc), folder) from None
    done = 0
    for index, item in enumerate(remote.files):
        target = folder / item.name
        if target.is_file() and _sha256_file(target) == item.sha256:
            done += item.size
            continue
        report = _reporter(progress, item.name, index, len(remote.files), done, remote.total_size)
        reasons = []
        for url in ([] if mirror else list(item.urls)) + [_join(base, item.name) for base in bases]:
            reason = _download(url, target, item, report, cancelled, timeout)
            if reason is None:
                break
            reasons.append(reason)
        else:
            raise DataError(_("Could not download {title}'s {name}: {reasons}. {remote}")
                            .format(title=_(remote.title), name=item.name, reasons=reasons[-1],
                                    remote=manual_hint(remote, folder)), target)
        done += item.size
    return folder


def _join(base: str, name: str) -> str:
    return base.rstrip("/") + "/" + name


def _reporter(progress, name, index, count, before, total):
    if progress is None:
        return None
    return lambda got: progress(FetchProgress(name, index, count, before + got, total))


def _download(url: str, target: Path, item: RemoteFile, report, cancelled, timeout) -> str | None:
    """Fetch one URL into ``target`` atomically; None on success, else the reason in a few words."""
    part = target.with_name(f".{target.name}.{os.getpid()}.part")
    digest, got = hashlib.sha256(), 0
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response, open(part, "wb") as out:
            length = response.headers.get("Content-Length")
            while True:
                if cancelled is not None and cancelled():
                    raise DownloadCancelled(_("The download of {name} was cancelled; the files "
                                              "already complete are kept, nothing half-written is "
                                              "left.").format(name=item.name), target)
                chunk = response.read(CHUNK)
                if not chunk:
                    break
                out.write(chunk)
                digest.update(chunk)
                got += len(chunk)
                if report is not None:
                    report(got)
        if length is not None and got != int(length):
            return (_("the transfer from {url} broke off after {got:,} of {length:,} bytes")
                    .format(url=url, got=got, length=int(length)))
        if digest.hexdigest() != item.sha256:
            return (_("the file from {url} is not the expected one (its SHA-256 checksum differs; a damaged or "
                      "altered copy)").format(url=url))
        os.replace(part, target)
        return None
    except urllib.error.HTTPError as exc:
        return _("{url} answered {code} {reason}").format(url=url, code=exc.code, reason=exc.reason)
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            return _("{url} did not answer within {timeout:g} s").format(url=url, timeout=timeout)
        return (_("no connection to {url} ({reason})")
                .format(url=url, reason=getattr(reason, "strerror", None) or reason))
    except (socket.timeout, TimeoutError):
        return _("{url} stopped sending for {timeout:g} s").format(url=url, timeout=timeout)
    except (http.client.HTTPException, ConnectionError) as exc:
        return _("the transfer from {url} broke off ({error})").format(url=url, error=type(exc).__name__)
    except OSError as exc:
        return _("writing {part} failed ({reason})").format(part=part, reason=exc.strerror or exc)
    finally:
        if part.exists():
            part.unlink()


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()

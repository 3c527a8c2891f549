"""``nnstudio data list``, ``nnstudio data fetch NAME [--mirror URL]`` and ``nnstudio data import NAME FILE...``:
the downloadable data sets, downloaded or copied in from files a student already has.

A progress bar on stderr when it is a terminal (a line per file otherwise); Ctrl+C cancels and leaves only
complete, verified files behind.
"""

from __future__ import annotations

import sys
from .i18n import _


def add_parser(sub) -> None:
    p = sub.add_parser("data", help=_("list or download the data sets nnstudio can fetch (MNIST, Fashion-MNIST)"),
                       description=_("List or download the public data sets nnstudio can fetch."))
    actions = p.add_subparsers(dest="data_command", metavar="ACTION", parser_class=type(p))
    actions.add_parser("list", help=_("each downloadable data set, whether it is here, and where it goes"))
    f = actions.add_parser("fetch", help=_("download a data set into the cache, checking every file's SHA-256"))
    f.add_argument("name", help=_("mnist or fashion_mnist"))
    f.add_argument("--mirror", help=_("base URL of your own copy, serving <URL>/<name>/<file> "
                                      "(default: $NNSTUDIO_DATA_MIRROR, else the public mirrors)"))
    f.add_argument("--timeout", type=float, default=20.0, help=_("seconds to wait for an answer (default 20)"))
    i = actions.add_parser("import", help=_("copy a data set you already have (its four IDX files, or a Keras "
                                            ".npz) into the cache, instead of downloading it"))
    i.add_argument("name", help=_("mnist or fashion_mnist"))
    i.add_argument("files", nargs="+", help=_("the four IDX files (gzipped or not, in any order) or one .npz file"))


def run(args) -> int:
    from nnstudio.data import cache, remote

    if args.data_command == "fetch":
        spec = remote.remote_set(args.name)
        bar = _Bar(_(spec.title))
        try:
            folder = remote.fetch(spec, mirror=args.mirror, progress=bar.update, timeout=args.timeout)
        finally:
            bar.close()
        print(_("{title} is ready in {folder}").format(title=_(spec.title), folder=folder))
        return 0
    if args.data_command == "import":
        from nnstudio.data import import_into_cache
        spec = remote.remote_set(args.name)
        folder = import_into_cache(args.name, args.files)
        print(_("{title} is ready in {folder}").format(title=_(spec.title), folder=folder))
        return 0
    if args.data_command == "list":
        print(_("Data folder: {folder}  (set ${variable} to move it)").format(folder=cache.data_home(),
                                                                            variable=cache.ENV_DIR))
        width = max(len(name) for name in remote.REMOTE)
        for spec in remote.REMOTE.values():
            missing = remote.missing_files(spec)
            mb = spec.total_size / 1e6
            size = f"{mb:.{0 if mb >= 10 else 1}f}"
            state = _("downloaded") if not missing else _("not downloaded ({size} MB)").format(size=size)
            print(f"  {spec.name:<{width}} {state:<28} {_(spec.title)}, {spec.licence}")
        return 0
    from nnstudio.cli import UsageError
    raise UsageError(_("choose an action: list, fetch or import (see 'nnstudio data --help')"))


class _Bar:
    """A one-line progress bar on a terminal; on a pipe, one line per file so logs stay readable."""

    def __init__(self, title: str, stream=None):
        self.title, self.stream = title, stream or sys.stderr
        self.tty = self.stream.isatty()
        self.file = None

    def update(self, p) -> None:
        if self.tty:
            width = 30
            filled = int(width * p.done / max(p.total, 1))
            self.stream.write(f"\r{self.title} [{'#' * filled}{'.' * (width - filled)}] "
                              f"{p.done / 1e6:5.1f}/{p.total / 1e6:.1f} MB  {p.file:<28}")
            self.stream.flush()
        elif p.file != self.file:
            self.stream.write(_("downloading {file} ({number}/{count})").format(file=p.file, number=p.index + 1,
                                                                                   count=p.count) + "\n")
        self.file = p.file

    def close(self) -> None:
        if self.tty and self.file is not None:
            self.stream.write("\n")

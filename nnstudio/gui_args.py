"""The options of ``nnstudio gui`` (Qt-free, so their help is translated from the same catalog as the other
commands' and the CLI can answer ``nnstudio gui --help`` in the user's language)."""

from __future__ import annotations

import argparse

from . import argparse_words, i18n
from .i18n import _


def window_size(text: str) -> tuple[int, int]:
    """``"1280x720"`` -> (1280, 720): the window's size for --size."""
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected WIDTHxHEIGHT such as 1280x720, not {text!r}").format(text=text)) from None
    if w < 1 or h < 1:
        raise argparse.ArgumentTypeError(_("the width and height must be positive, not {text!r}").format(text=text))
    return w, h


def _lang_in(argv: list[str]) -> str | None:
    """The value of ``--lang X`` / ``--lang=X`` in ``argv``, if any."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The GUI's options; its --help (and argparse's complaints) in the language --lang or the locale names, as
    the other commands' (the language of the process is left as it was)."""
    previous = i18n.language()
    i18n.set_language(_lang_in(argv))
    try:
        with argparse_words.translated():
            return _parser().parse_args(argv)
    finally:
        i18n.set_language(previous)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="nnstudio gui", description=_("Open the nnstudio window."),
                                formatter_class=argparse_words.HelpFormatter)
    p.add_argument("file", nargs="?", help=_("a project (.nnproj) to open"))
    p.add_argument("--train", action="store_true", help=_("start training as soon as the window opens"))
    p.add_argument("--epochs", type=int, default=None, help=_("epochs to train (default: the project's)"))
    p.add_argument("--quit-when-done", action="store_true", help=_("close the window when training ends"))
    p.add_argument("--report", metavar="FILE", help=_("write a JSON report of the run to FILE"))
    p.add_argument("--screenshot", metavar="FILE",
                   help=_("save a PNG of the window to FILE (with --train: three quarters of the way through, "
                          "while the views are live)"))
    p.add_argument("--size", metavar="WxH", type=window_size,
                   help=_("open the window at this size, e.g. 1024x768 (a projector's); with --screenshot the "
                          "picture has this size (or the window's minimum, when larger)"))
    p.add_argument("--lang", metavar="LANG", help=_("the window's language for this run: en or zh_CN (default: "
                                                    "View > Language, else the system's)"))
    return p

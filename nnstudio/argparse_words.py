"""argparse's own words (``usage:``, ``positional arguments``, ``options``, ``show this help message and exit``
and its complaints about a command line) in the user's language, while the CLI builds and runs its parser.

argparse passes these through gettext's ``_`` and ``ngettext``, which it imports into its module; the
standard library ships no catalog for them, so they would stay English. Their English texts are listed below
with ``N_()``, so they land in our ``.po`` with the CLI's own messages, and ``translated()`` points argparse's
two names at our catalog for the duration of a ``with`` block, putting the standard functions back after it.
Only the messages a student can meet are listed; argparse's complaints about a badly built parser (conflicting
option strings, a missing ``dest=``) are for developers and stay English. A text of another Python version
that is not listed stays English too.

``HelpFormatter`` wraps help whose text holds Chinese by the columns it takes on a terminal (a Chinese
character takes two) and may break between two Chinese characters, where textwrap breaks at spaces only and
counts characters; text without wide characters is wrapped by argparse as before.
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from contextlib import contextmanager

from .i18n import N_, _

# the msgids exactly as argparse (Python 3.10-3.13) writes them; %(name)s / %s / %r are argparse's placeholders
MESSAGES = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"), N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"), N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"), N_("ignored explicit argument %r"), N_("expected one argument"),
    N_("expected at most one argument"), N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"), N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)
# argparse's ngettext pairs: each form is its own msgid (Chinese needs one form; our .po has no plural entries)
PLURALS = {N_("expected %s argument"): N_("expected %s arguments")}


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _(singular if n == 1 else plural)


@contextmanager
def translated():
    """argparse speaks the language chosen with ``i18n.set_language`` inside the block."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _, _ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")
# a token: one wide character, a run of other characters (a Latin word or identifier, kept whole), or spaces
_TOKEN = re.compile(_WIDE.pattern + r"|[^\s" + _WIDE.pattern[1:-1] + r"]+|\s+")
_OPENING, _CLOSING = "（「『“", "，。；：、）」』？！”"   # kept with the token after / before them


def _tokens(text: str) -> list[str]:
    tokens: list[str] = []
    for token in _TOKEN.findall(" ".join(text.split())):
        if tokens and ((token[0] in _CLOSING and not tokens[-1].isspace()) or tokens[-1][-1] in _OPENING):
            tokens[-1] += token
        else:
            tokens.append(token)
    return tokens


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` terminal columns (a word longer than that gets a line of its own)."""
    lines, line, space = [], "", False
    for token in _tokens(text):
        if token.isspace():
            space = True
            continue
        joined = line + (" " if space and line else "") + token
        if line and _columns(joined) > width:
            lines.append(line)
            joined = token
        line, space = joined, False
    return lines + [line] if line else lines


class HelpFormatter(argparse.HelpFormatter):
    def _format_usage(self, usage, actions, groups, prefix):
        text = super()._format_usage(usage, actions, groups, prefix)
        shown = _("usage: ") if prefix is None else prefix
        extra = _columns(shown) - len(shown)     # argparse indents the usage's next lines by len(prefix)
        lines = text.split("\n")
        return "\n".join(lines[:1] + [" " * extra + line if line else line for line in lines[1:]])

    def _split_lines(self, text, width):
        return wrap(text, width) if _WIDE.search(text) else super()._split_lines(text, width)

    def _fill_text(self, text, width, indent):
        if not _WIDE.search(text):
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line for line in wrap(text, width - len(indent)))

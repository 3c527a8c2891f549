"""The user's language for the Qt-free parts: which language (``--lang``, else the locale), and ``_()``.

Messages of the engine, data, project and the CLI are translated with the standard library's ``gettext``
machinery: a ``.po`` catalog per language in ``resources/translations/`` (``nnstudio_<lang>.po``, plain text a
teacher can edit), read once at start into a ``gettext.NullTranslations`` subclass. No compiled ``.mo`` and no
new dependency. The window's own strings use Qt's catalogs (``nnstudio_<lang>.ts`` / ``.qm``, see
``nnstudio/gui/language.py``); both follow the same glossary (``resources/translations/glossary.tsv``).

A message is marked at the place it is made: ``raise ProjectError(_("Cannot open {label}: ...").format(...))``;
``_`` returns the English text unchanged until ``set_language`` installs a catalog. A table built at import
time (layer descriptions, parameter help) marks its texts with ``N_()`` and is translated with ``_()`` where a
person reads it.
"""

from __future__ import annotations

import ast
import gettext
import os
from pathlib import Path

from .paths import resources_dir

ENGLISH = "en"
# language code -> its own name (what the menu shows, in that language)
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
# what a locale or --lang may say -> the catalog that serves it
_ALIASES = {"zh": "zh_CN", "zh_cn": "zh_CN", "zh_hans": "zh_CN", "zh_sg": "zh_CN", "zh_hans_cn": "zh_CN",
            "en": "en", "c": "en", "posix": "en"}


def normalize(name: str | None) -> str | None:
    """``"zh-CN.UTF-8"``, ``"zh_Hans"``, ``"zh"`` -> ``"zh_CN"``; ``"en_US"`` -> ``"en"``; unknown -> None."""
    if not name:
        return None
    key = name.split(".")[0].split("@")[0].replace("-", "_").lower()
    if key in _ALIASES:
        return _ALIASES[key]
    base = key.split("_")[0]
    return _ALIASES.get(base)


def from_environment(env=None) -> str:
    """The language the locale asks for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as gettext reads them)."""
    env = os.environ if env is None else env
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for part in env.get(var, "").split(":"):
            lang = normalize(part)
            if lang is not None:
                return lang
    return ENGLISH


def catalog_path(lang: str, suffix: str) -> Path:
    """``resources/translations/nnstudio_<lang><suffix>`` (suffix ``.po``, ``.ts`` or ``.qm``)."""
    return resources_dir() / "translations" / f"nnstudio_{lang}{suffix}"


def read_po(path: Path) -> dict[str, str]:
    """msgid -> msgstr of a ``.po`` file; untranslated (empty) and fuzzy entries are left out."""
    entries: dict[str, str] = {}
    msgid = msgstr = None
    fuzzy = False
    field = None

    def flush():
        if msgid and msgstr and not fuzzy:
            entries[msgid] = msgstr

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            flush()
            msgid = msgstr = None
            fuzzy, field = True, None
        elif line.startswith("msgid "):
            if field == "msgstr":
                flush()
                fuzzy = False
            msgid, msgstr, field = ast.literal_eval(line[6:]), "", "msgid"
        elif line.startswith("msgstr "):
            msgstr, field = ast.literal_eval(line[7:]), "msgstr"
        elif line.startswith('"') and field == "msgid":
            msgid += ast.literal_eval(line)
        elif line.startswith('"') and field == "msgstr":
            msgstr += ast.literal_eval(line)
    flush()
    return entries


class Catalog(gettext.NullTranslations):
    """A gettext translations object read straight from a ``.po`` file."""

    def __init__(self, entries: dict[str, str]):
        super().__init__()
        self.entries = entries

    def gettext(self, message: str) -> str:
        return self.entries.get(message, message)


_current: gettext.NullTranslations = gettext.NullTranslations()
_language = ENGLISH


def set_language(lang: str | None) -> str:
    """Use ``lang`` (None: the locale's) for ``_()`` from now on; returns the language chosen."""
    global _current, _language
    lang = normalize(lang) if lang else from_environment()
    lang = lang or ENGLISH
    path = catalog_path(lang, ".po")
    _current = Catalog(read_po(path)) if lang != ENGLISH and path.is_file() else gettext.NullTranslations()
    _language = lang
    return lang


def language() -> str:
    return _language


def _(message: str) -> str:
    """``message`` in the chosen language (English when no catalog has it)."""
    return _current.gettext(message)


def N_(message: str) -> str:
    """Marks ``message`` for the catalog without translating it: for tables built at import time, whose
    entries are translated with ``_()`` where they are shown (so a language chosen later still applies)."""
    return message

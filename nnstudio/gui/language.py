"""The window's language: chosen at start (``--lang``, else View ▸ Language, else the system locale), loaded
once with QTranslators (ours from ``resources/translations/nnstudio_<lang>.qm`` and Qt's own for standard
buttons), and switched from the menu by saving the choice and asking for a restart.

The Qt-free parts (engine, data, project) translate their messages through ``nnstudio.i18n``; ``install``
sets that language too, so an error sentence from a project file reads in the window's language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QAction, QActionGroup, QFontDatabase
from PySide6.QtWidgets import QMenu, QMessageBox

from nnstudio import i18n

from . import settings

SETTING = "language"  # "" follows the system; else a code of i18n.LANGUAGES
# A CJK font package per platform family, named where none is installed (the text would show as boxes)
FONT_PACKAGES = ("fonts-noto-cjk (Debian, Ubuntu)", "google-noto-sans-cjk-fonts (Fedora)",
                 "noto-fonts-cjk (Arch)")
_NEEDS_FONT = {"zh_CN": QFontDatabase.WritingSystem.SimplifiedChinese}
_installed: list[QTranslator] = []  # kept alive: Qt does not own an installed translator


def saved_choice() -> str:
    """The View ▸ Language choice ("" = follow the system)."""
    return i18n.normalize(str(settings.store().value(SETTING, "") or "")) or ""


def chosen(arg: str | None) -> str:
    """The language of this run: ``--lang`` first, then the saved choice, then the system locale."""
    for candidate in (arg, saved_choice(), QLocale.system().name(), i18n.from_environment()):
        lang = i18n.normalize(candidate)
        if lang is not None:
            return lang
    return i18n.ENGLISH


def install(app: QCoreApplication, lang: str) -> bool:
    """Load the catalogs of ``lang`` into ``app`` (replacing earlier ones); False when ours is missing."""
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    i18n.set_language(lang)
    if lang == i18n.ENGLISH:
        return True
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", qt_dir):
        app.installTranslator(qt)
        _installed.append(qt)
    ours = QTranslator(app)
    path = i18n.catalog_path(lang, ".qm")
    if not ours.load(str(path)):
        return False
    app.installTranslator(ours)
    _installed.append(ours)
    return True


def missing_font(lang: str) -> str | None:
    """A sentence naming the font package to install when ``lang`` needs a script no installed font has.

    Written in English on purpose: without the font the translated sentence would itself be boxes."""
    script = _NEEDS_FONT.get(lang)
    if script is None or QFontDatabase.families(script):
        return None
    return (f"No Chinese font is installed, so {i18n.LANGUAGES[lang]} text would show as boxes. Install one, "
            f"for example the package {', '.join(FONT_PACKAGES)}, then restart nnstudio.")


def add_menu(window, parent: QMenu, current: str) -> QActionGroup:
    """View ▸ Language: System / English / 简体中文 (each in its own language); a choice is saved and takes
    effect the next time nnstudio starts, as the message then says."""
    menu = parent.addMenu(QCoreApplication.translate("Language", "&Language"))
    menu.menuAction().setObjectName("language_menu")
    group = QActionGroup(window)
    saved = saved_choice()
    items = [("", QCoreApplication.translate("Language", "Follow the System"))] + list(i18n.LANGUAGES.items())
    for code, name in items:
        a = QAction(name, group)
        a.setData(code)
        a.setCheckable(True)
        a.setChecked(code == saved)
        a.triggered.connect(lambda _checked=False, c=code: choose(window, c, current))
        menu.addAction(a)
    return group


def choose(window, code: str, current: str) -> None:
    """Save the language choice and say plainly that it applies after a restart."""
    settings.store().setValue(SETTING, code)
    lang = code or chosen(None)
    if lang == current:
        return
    name = i18n.LANGUAGES.get(lang, lang)
    # in the current language and the chosen one, so both readers understand
    text = QCoreApplication.translate("Language", "nnstudio will show {language} the next time it starts. "
                                      "Close and open nnstudio to switch now.").format(language=name)
    other = {"zh_CN": f"nnstudio 下次启动时将使用“{name}”。关闭并重新打开 nnstudio 即可切换。",
             "en": f"nnstudio will show {name} the next time it starts."}.get(lang, "")
    QMessageBox.information(window, QCoreApplication.translate("Language", "Language"),
                            text if not other or other == text else f"{text}\n\n{other}")

"""Colours and palettes: Fusion with a light or dark palette following the system colour scheme.

Canvas items ask ``colors()`` at paint time, so switching the scheme repaints them correctly.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from nnstudio.paths import resource

CATEGORY_COLORS = {"Input": "#1f9d55", "Core": "#2f6fdf", "Convolution": "#8a4fd8",
                   "Normalization": "#0f9d8a", "Merge": "#e08a00", "Recurrent": "#c2417a"}
ERROR = "#d14343"


@dataclass(frozen=True)
class Colors:
    dark: bool
    canvas: QColor
    grid: QColor
    card: QColor
    card_border: QColor
    text: QColor
    muted: QColor
    edge: QColor
    label_bg: QColor
    selection: QColor


APPEARANCES = ("system", "light", "dark")
_appearance = "system"  # "light"/"dark" override the system scheme (a projector wants light)


def is_dark() -> bool:
    if _appearance != "system":
        return _appearance == "dark"
    app = QGuiApplication.instance()
    if app is None:
        return False
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def mark_muted(widget) -> None:
    """Secondary text (hints, lessons, descriptions): coloured by the window's style sheet, which follows
    the light/dark scheme (see ``style_sheet``)."""
    widget.setProperty("muted", True)


# coloured text (errors, "no problems") readable on either scheme: 4.5:1 or more against its window
TONES = {"error": ("#a01010", "#ff8f87"), "ok": ("#106030", "#7fd99b")}


def tone_color(tone: str) -> str:
    light, dark = TONES[tone]
    return dark if is_dark() else light


def set_tone(widget, tone: str | None) -> None:
    """Colour ``widget``'s text as an error or a success (None: the usual text colour) in the current scheme;
    the window re-colours it when the scheme changes (``retone``)."""
    widget.setProperty("tone", tone or "")
    widget.setStyleSheet(f"color: {tone_color(tone)};" if tone else "")


def retone(root) -> None:
    """Every toned widget under ``root`` in the current scheme's colours."""
    for widget in root.findChildren(QWidget):
        tone = widget.property("tone")
        if tone:
            set_tone(widget, tone)


def style_sheet() -> str:
    """The window-wide style sheet for the current scheme."""
    sheet = (f'QLabel[muted="true"] {{ color: {colors().muted.name()}; }} '
             # every dock tab stays on screen: behind scroll arrows a tab is as good as gone on a projector;
             # the default layout leaves room for the titles (training/docks.py), so eliding is the rare case
             "QMainWindow > QTabBar { qproperty-elideMode: ElideRight; qproperty-usesScrollButtons: false; }")
    return sheet + (_dark_check_boxes() if colors().dark else "")


def _dark_check_boxes() -> str:
    """Fusion outlines a check box in the window colour darkened: on a dark palette the box was invisible
    (an unticked column in the CSV dialog's lists read as plain text). A light frame, and a tick on blue."""
    tick = resource("icons/check_mark.svg").as_posix()
    boxes = "QCheckBox::indicator, QGroupBox::indicator, QAbstractItemView::indicator"
    ticked = ", ".join(f"{part.strip()}:checked" for part in boxes.split(","))
    off = ", ".join(f"{part.strip()}:disabled" for part in boxes.split(","))
    return (f" {boxes} {{ width: 13px; height: 13px; border: 1px solid #8a93a3; border-radius: 2px;"
            f" background: #1e2127; }}"
            f" {ticked} {{ background: #3d7be0; border-color: #3d7be0; image: url({tick}); }}"
            f" {off} {{ border-color: #4b5260; }}")


def set_appearance(choice: str) -> None:
    """Follow the system ("system") or force "light"/"dark"; repaints the application's palette."""
    global _appearance
    if choice not in APPEARANCES:
        raise ValueError(f"unknown appearance {choice!r}; choose one of {', '.join(APPEARANCES)}")
    _appearance = choice
    app = QApplication.instance()
    if app is not None:
        _update_palette(app)


def appearance() -> str:
    return _appearance


def _update_palette(app: QApplication) -> None:
    app.setPalette(dark_palette() if is_dark() else app.style().standardPalette())


def colors() -> Colors:
    if is_dark():
        return Colors(True, QColor("#1e2127"), QColor("#2a2e36"), QColor("#2b3039"), QColor("#4a5160"),
                      QColor("#e8eaee"), QColor("#a3abb8"), QColor("#8a93a3"), QColor("#1e2127"),
                      QColor("#5b9cff"))
    return Colors(False, QColor("#f6f7f9"), QColor("#e4e7ec"), QColor("#ffffff"), QColor("#c5cbd5"),
                  QColor("#1d2430"), QColor("#5b6676"), QColor("#7b8596"), QColor("#f6f7f9"),
                  QColor("#2f6fdf"))


def category_color(category: str) -> QColor:
    return QColor(CATEGORY_COLORS.get(category, CATEGORY_COLORS["Core"]))


def dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor("#1e2127"), QColor("#262a31"), QColor("#e8eaee")
    for role, color in [(QPalette.Window, window), (QPalette.WindowText, text), (QPalette.Base, base),
                        (QPalette.AlternateBase, QColor("#2b3039")), (QPalette.ToolTipBase, window),
                        (QPalette.ToolTipText, text), (QPalette.Text, text), (QPalette.Button, window),
                        (QPalette.ButtonText, text), (QPalette.BrightText, QColor("#ff6b6b")),
                        (QPalette.Highlight, QColor("#3d7be0")), (QPalette.HighlightedText, QColor("#ffffff")),
                        (QPalette.Link, QColor("#6ea8ff")), (QPalette.PlaceholderText, QColor("#8a93a3"))]:
        p.setColor(role, color)
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText):
        p.setColor(QPalette.Disabled, role, QColor("#6b7280"))
    return p


def apply(app: QApplication) -> None:
    """Fusion style with a palette matching the system scheme; follows later scheme changes."""
    app.setStyle("Fusion")
    _update_palette(app)
    if not app.property("nnstudio_follows_scheme"):  # connect once, however often apply() runs
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: _update_palette(app))
        app.setProperty("nnstudio_follows_scheme", True)

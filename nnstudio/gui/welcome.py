"""The welcome page: start a new network, open a file, reopen a recent one, or learn from a sample."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QScrollArea, QVBoxLayout, QWidget)

from nnstudio.paths import samples_dir
from nnstudio.project import ProjectError, load

from . import settings, theme, thumbnail
from .course import course_rank, load_course
from .icons import icon


def _tr(text: str) -> str:
    return QCoreApplication.translate("WelcomePage", text)

log = logging.getLogger(__name__)
# three cards a row fit a 1024 x 768 screen beside the Start column (two left a third of the page empty)
THUMB = QSize(190, 86)
CARD = QSize(214, 236)
SPACING = 12
MARGIN = 24
MAX_COLUMNS = 4


@dataclass
class Sample:
    path: Path
    title: str
    lesson: str
    spec: dict
    chapter: str = ""     # "1 · The perceptron": its course chapter ("" when the course does not name it)


def find_samples(folder: Path | None = None) -> list[Sample]:
    """Every readable sample project in course order (``course.json``), then any others by file name;
    unreadable ones are logged and skipped."""
    folder = folder or samples_dir()
    chapters = load_course(folder)
    rank = course_rank(chapters)
    paths = sorted(folder.glob("*.nnproj")) if folder.is_dir() else []
    paths.sort(key=lambda p: rank.get(p.stem, (len(chapters), 0)))   # stable: the rest keep name order
    out = []
    for path in paths:
        try:
            project = load(path)
        except ProjectError as exc:
            log.warning("skipping sample %s: %s", path.name, exc)
            continue
        ci = rank.get(path.stem, (None,))[0]
        chapter = "" if ci is None else QCoreApplication.translate("WelcomePage", "{number} · {chapter}").format(
            number=ci + 1, chapter=QCoreApplication.translate("Course", chapters[ci].title))
        title, lesson = (QCoreApplication.translate("Sample", t) if t else t for t in (project.title, project.lesson))
        out.append(Sample(path, title or path.stem, lesson, project.spec, chapter))
    return out


class SampleCard(QFrame):
    clicked = Signal(str)

    def __init__(self, sample: Sample, parent=None):
        super().__init__(parent)
        self.sample = sample
        self.setObjectName("sampleCard")
        self.setCursor(Qt.PointingHandCursor)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setAccessibleName(_tr("Sample: {title}").format(title=sample.title))
        self.setToolTip(_tr("Open the sample “{title}”").format(title=sample.title))
        self.setFixedSize(CARD)
        pic = QLabel()
        self.picture = pic
        pic.setPixmap(thumbnail.render(sample.spec, THUMB))
        pic.setFixedSize(THUMB)
        chapter = QLabel(sample.chapter)
        chapter.setObjectName("sampleChapter")
        theme.mark_muted(chapter)
        small = QFont(self.font())
        small.setBold(True)
        small.setPointSizeF(small.pointSizeF() * 0.9)
        chapter.setFont(small)
        chapter.setVisible(bool(sample.chapter))
        title = QLabel(sample.title)
        f = QFont(self.font())
        f.setPointSizeF(f.pointSizeF() * 1.1)
        f.setBold(True)
        title.setFont(f)
        title.setWordWrap(True)
        lesson = QLabel(sample.lesson or " ")
        lesson.setWordWrap(True)
        lesson.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        theme.mark_muted(lesson)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 10)
        layout.setSpacing(6)
        layout.addWidget(chapter)
        layout.addWidget(pic)
        layout.addWidget(title)
        layout.addWidget(lesson, 1)
        self._style(False)

    def restyle(self) -> None:
        self.picture.setPixmap(thumbnail.render(self.sample.spec, THUMB))
        self._style(False)

    def _style(self, hover: bool) -> None:
        c = theme.colors()
        border = c.selection.name() if hover or self.hasFocus() else c.card_border.name()
        self.setStyleSheet(f"#sampleCard {{ background: {c.card.name()}; border: 1px solid {border}; "
                           f"border-radius: 8px; }}")

    def enterEvent(self, event) -> None:
        self._style(True)

    def leaveEvent(self, event) -> None:
        self._style(False)

    def focusInEvent(self, event) -> None:
        self._style(True)
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self._style(False)
        super().focusOutEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit(str(self.sample.path))

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Space):
            self.clicked.emit(str(self.sample.path))
        else:
            super().keyPressEvent(event)


class WelcomePage(QScrollArea):
    newRequested = Signal()
    openRequested = Signal()
    recipeRequested = Signal()
    fileChosen = Signal(str)  # a sample or a recent file to open

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self.samples: list[Sample] | None = None
        self._loaded = False
        body = QWidget()
        body.setObjectName("welcome")
        outer = QVBoxLayout(body)
        outer.setContentsMargins(MARGIN, 36, MARGIN, 36)
        outer.setSpacing(20)

        head = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(icon("app").pixmap(56, 56))
        titles = QVBoxLayout()
        name = QLabel("nnstudio")
        f = QFont(self.font())
        f.setPointSizeF(f.pointSizeF() * 2.3)
        f.setBold(True)
        name.setFont(f)
        tagline = QLabel(_tr("Design neural networks visually and watch them learn."))
        f2 = QFont(self.font())
        f2.setPointSizeF(f2.pointSizeF() * 1.15)
        tagline.setFont(f2)
        theme.mark_muted(tagline)
        titles.addWidget(name)
        titles.addWidget(tagline)
        head.addWidget(logo)
        head.addSpacing(12)
        head.addLayout(titles, 1)
        outer.addLayout(head)

        columns = QHBoxLayout()
        columns.setSpacing(36)
        start = QVBoxLayout()
        start.setSpacing(10)
        start.addWidget(self._heading(_tr("Start")))
        self.new_button = QPushButton(icon("new"), "  " + _tr("New empty network"))
        self.open_button = QPushButton(icon("open"), "  " + _tr("Open project…"))
        self.recipe_button = QPushButton(icon("new"), "  " + _tr("New from scikit-learn recipe…"))
        for b in (self.new_button, self.recipe_button, self.open_button):
            b.setIconSize(QSize(22, 22))
            b.setMinimumHeight(40)
            b.setStyleSheet("text-align: left; padding-left: 12px;")
            start.addWidget(b)
        self.new_button.clicked.connect(self.newRequested)
        self.open_button.clicked.connect(self.openRequested)
        self.recipe_button.clicked.connect(self.recipeRequested)
        start.addSpacing(14)
        start.addWidget(self._heading(_tr("Recent")))
        self.recent = QListWidget()
        self.recent.setAccessibleName(_tr("Recent projects"))
        self.recent.setFrameShape(QFrame.NoFrame)
        self.recent.setStyleSheet("QListWidget { background: transparent; } QListWidget::item { padding: 4px; }")
        self.recent.itemActivated.connect(lambda item: self.fileChosen.emit(item.data(Qt.UserRole)))
        self.recent.itemClicked.connect(lambda item: item.data(Qt.UserRole)
                                        and self.fileChosen.emit(item.data(Qt.UserRole)))
        start.addWidget(self.recent, 1)
        start_box = QWidget()
        start_box.setLayout(start)
        start_box.setFixedWidth(250)
        columns.addWidget(start_box, 0, Qt.AlignTop)

        gallery = QVBoxLayout()
        gallery.setSpacing(10)
        gallery.addWidget(self._heading(_tr("Learn from a sample")))
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(SPACING)
        self.grid.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.empty_label = QLabel(_tr("Loading samples…"))
        theme.mark_muted(self.empty_label)
        gallery.addWidget(self.empty_label)
        gallery.addWidget(self.grid_host)
        gallery.addStretch(1)
        columns.addLayout(gallery, 1)
        outer.addLayout(columns, 1)
        self.setWidget(body)
        self.refresh_recent()

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text.upper())
        f = QFont(label.font())
        f.setBold(True)
        f.setLetterSpacing(QFont.AbsoluteSpacing, 1.2)
        label.setFont(f)
        theme.mark_muted(label)
        return label

    def refresh_recent(self) -> None:
        self.recent.clear()
        files = settings.recent_files()
        for path in files:
            item = QListWidgetItem(icon("open"), Path(path).name)
            item.setToolTip(path)
            item.setData(Qt.UserRole, path)
            self.recent.addItem(item)
        if not files:
            item = QListWidgetItem(_tr("No recent projects yet."))
            item.setFlags(Qt.NoItemFlags)
            self.recent.addItem(item)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._loaded:  # reading samples after the window is up keeps start-up fast
            self._loaded = True
            QTimer.singleShot(0, self, self.load_samples)

    def load_samples(self, folder: Path | None = None) -> None:
        self.samples = find_samples(folder)
        while self.grid.count():
            w = self.grid.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self._items: list[SampleCard] = []
        if not self.samples:
            self.empty_label.setText(_tr("No sample projects are installed. Start with a new empty network."))
            self.empty_label.show()
            return
        self.empty_label.hide()
        for s in self.samples:              # in course order; each card names its chapter
            card = SampleCard(s)
            card.clicked.connect(self.fileChosen)
            self._items.append(card)
        self._columns = 0
        self._place()

    def _fitting_columns(self) -> int:
        room = self.viewport().width() - MARGIN * 2 - 250 - 36   # margins and the Start column
        return max(1, min(MAX_COLUMNS, (room + SPACING) // (CARD.width() + SPACING)))

    def _place(self) -> None:
        """As many cards per row as fit."""
        columns = self._fitting_columns()
        if columns == self._columns:
            return
        self._columns = columns
        while self.grid.count():
            self.grid.takeAt(0)
        for i, card in enumerate(self._items):
            self.grid.addWidget(card, i // columns, i % columns)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if getattr(self, "_items", None):
            self._place()

    def sample_cards(self) -> list[SampleCard]:
        return list(getattr(self, "_items", []))

"""The final step of a lesson: loss and accuracy on the held-out test set, computed off the GUI thread.

The test part (MNIST's own 10,000 test images, or the share the split sets aside) takes no part in training
or in choosing when to stop; looking at it once at the end says how the network does on new data.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from nnstudio.gui.background import Background
from nnstudio.project import runner


def _tr(text: str) -> str:
    return QCoreApplication.translate("TestEvaluation", text)


def describe(results: dict) -> str:
    """One sentence for ``runner.evaluate(..., parts=("test",))``'s answer."""
    test = results.get("test")
    if test is None:
        return _tr("This project sets no test part aside (its split's test share is 0): there is nothing "
                   "held out to evaluate on.")
    if not results["trained"]:
        state = _tr("with untrained (initial) weights")
    else:
        state = (_tr("after 1 epoch of training") if results["epochs"] == 1 else
                 _tr("after {n} epochs of training")).format(n=results["epochs"])
    figures = [_tr("loss {v:.4g}").format(v=test["loss"])]
    if "accuracy" in test:
        figures.insert(0, _tr("accuracy {v:.2%}").format(v=test["accuracy"]))
    if "mae" in test:
        figures.append(_tr("MAE {v:.4g}").format(v=test["mae"]))
    return _tr("Held-out test set ({n:,} samples, never used for training), {state}: {figures}.").format(
        n=test["samples"], state=state, figures=", ".join(figures))


class TestEvaluation(QWidget):
    """A button and the sentence it answers with; ``project()`` gives a snapshot of the window's project,
    ``spec()`` the document's network and ``dataset()`` the data already in memory (or None)."""

    def __init__(self, project, spec, dataset, parent=None):
        super().__init__(parent)
        self._project, self._spec, self._dataset = project, spec, dataset
        self.button = QPushButton(_tr("Evaluate on the test set"))
        self.button.setToolTip(_tr("Loss and accuracy on the held-out test part, which training never sees: "
                                   "the final check of a lesson"))
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.addWidget(self.button)
        lay.addWidget(self.result)
        self.background = Background(self)
        self.background.finished.connect(lambda results: self._done(describe(results)))
        self.background.failed.connect(self._done)
        self.button.clicked.connect(self.evaluate)

    def evaluate(self) -> None:
        project, spec, dataset = self._project(), self._spec(), self._dataset()
        self.button.setEnabled(False)
        self.result.setText(_tr("Evaluating on the test set…"))
        self.result.show()
        self.background.start(lambda _progress: runner.evaluate(project, parts=("test",), spec=spec,
                                                                 dataset=dataset))

    def clear(self) -> None:
        """The weights or data changed: an old answer no longer holds."""
        self.background.stop()
        self.button.setEnabled(True)
        self.result.hide()

    def _done(self, sentence: str) -> None:
        self.background.stop()      # the work has returned: its thread ends now
        self.button.setEnabled(True)
        self.result.setText(sentence)
        self.result.show()

"""The Training panel in another language: what it writes to the project does not depend on the words shown."""

import pytest

from nnstudio.gui import language
from nnstudio.gui.training.panel import TrainingPanel
from nnstudio.paths import samples_dir
from nnstudio.project import load


@pytest.fixture
def chinese(qapp):
    assert language.install(qapp, "zh_CN")
    yield
    language.install(qapp, "en")


def test_an_optional_setting_left_off_stays_off_in_chinese(chinese, qtbot):
    """clipnorm shows "off" (关闭 in Chinese) at 0; read back by comparing with the English word, it became 0.0
    in Chinese and every training stopped at once: "clipnorm must be > 0"."""
    project = load(samples_dir() / "digits_mlp.nnproj")
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    panel.load(project, "multiclass", "softmax")
    box = panel._opt_widgets["clipnorm"]
    assert box.specialValueText() != "off" and box.value() == box.minimum()    # the translated word shown
    assert panel.optimizer_config()["clipnorm"] is None
    box.setValue(1.5)
    assert panel.optimizer_config()["clipnorm"] == pytest.approx(1.5)

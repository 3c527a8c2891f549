"""Starting the app: arguments, opening a file, headless options, the crash-proof excepthook."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QApplication

from nnstudio.gui import app as app_module
from nnstudio.gui import excepthook
from nnstudio.project import Project


@pytest.fixture
def no_event_loop(monkeypatch):
    """Replace app.exec: record the shown main window, close it, return 0."""
    seen = {}

    def fake_exec(*_args):
        from nnstudio.gui.main_window import MainWindow

        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        seen["window"] = windows[-1]
        seen["spec"] = windows[-1].document.spec
        seen["welcome"] = windows[-1].on_welcome()
        seen["title"] = windows[-1].windowTitle()
        for w in windows:
            w.mark_saved()
            w.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # main installs its own; restore it after
    return seen


def test_parse_args():
    a = app_module.parse_args(["x.nnproj", "--train", "--epochs", "5", "--quit-when-done", "--report", "r.json"])
    assert (a.file, a.train, a.epochs, a.quit_when_done, a.report, a.screenshot) == (
        "x.nnproj", True, 5, True, "r.json", None)


def test_main_without_file_shows_the_welcome_page(qapp, no_event_loop):
    assert app_module.main([]) == 0
    assert no_event_loop["welcome"]
    assert qapp.style().name().lower() == "fusion"
    assert qapp.applicationName() == "nnstudio"


def test_main_opens_a_file(qapp, tmp_path, no_event_loop):
    p = Project.new("t")
    p.save(tmp_path / "t.nnproj")
    assert app_module.main([str(tmp_path / "t.nnproj")]) == 0
    assert not no_event_loop["welcome"]
    assert no_event_loop["spec"] == p.spec
    assert no_event_loop["title"] == "t.nnproj — nnstudio"


def test_headless_run_with_a_corrupt_file_is_a_one_line_error(qapp, tmp_path, capsys, no_event_loop):
    bad = tmp_path / "bad.nnproj"
    bad.write_text("nope")
    assert app_module.main([str(bad), "--screenshot", str(tmp_path / "s.png")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("nnstudio: error: ") and str(bad) in err and err.count("\n") == 1


def test_screenshot_alone_goes_through_headless_run(qapp, tmp_path, monkeypatch, no_event_loop):
    import nnstudio.gui.training.headless as headless

    calls = []
    monkeypatch.setattr(headless, "run", lambda window, **kw: calls.append(kw) or 0)
    p = Project.new("t")
    p.save(tmp_path / "t.nnproj")
    assert app_module.main([str(tmp_path / "t.nnproj"), "--screenshot", str(tmp_path / "s.png")]) == 0
    assert calls == [{"epochs": None, "quit_when_done": False, "report": None,
                      "screenshot": str(tmp_path / "s.png"), "train": False}]
    for w in QApplication.topLevelWidgets():
        if hasattr(w, "mark_saved"):
            w.mark_saved()
            w.close()


def test_excepthook_logs_and_reports_instead_of_crashing(monkeypatch, caplog):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    shown = []
    excepthook.install(shown.append)
    try:
        raise ValueError("boom")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert "ValueError: boom" in shown[0] and "your work is unchanged" in shown[0]
    assert "Traceback" in caplog.text


@pytest.mark.parametrize("text, size", [("1024x768", (1024, 768)), ("1280X720", (1280, 720))])
def test_parse_size(text, size):
    assert app_module.parse_args(["--size", text]).size == size


@pytest.mark.parametrize("text", ["1024", "axb", "0x768", "1024x768x2"])
def test_a_bad_size_is_a_usage_error(text, capsys):
    with pytest.raises(SystemExit) as exc:
        app_module.parse_args(["--size", text])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "argument --size" in err and text in err


@pytest.mark.parametrize("size", [(1024, 768), (1280, 720)])
def test_screenshot_at_a_projector_size(qapp, tmp_path, monkeypatch, size):
    """The real headless path and event loop: the picture has the asked size (the window fits it)."""
    from PySide6.QtGui import QImage

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    project, shot = tmp_path / "t.nnproj", tmp_path / "s.png"
    Project.new("t").save(project)
    assert app_module.main([str(project), "--screenshot", str(shot), "--quit-when-done",
                            "--size", f"{size[0]}x{size[1]}"]) == 0
    image = QImage(str(shot))
    assert (image.width(), image.height()) == size
    for w in QApplication.topLevelWidgets():
        if hasattr(w, "mark_saved"):
            w.mark_saved()
            w.close()

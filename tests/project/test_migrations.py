"""The migration machinery, exercised with an in-test step table, and the real steps."""

import pytest

from nnstudio.project import FORMAT_VERSION, ProjectError
from nnstudio.project.migrations import STEPS, check_format, migrate


def _v1():
    return {"format": "nnstudio-project", "format_version": 1, "notes": "hi"}


def test_this_release_is_format_2_with_one_step_per_version():
    assert FORMAT_VERSION == 2 and sorted(STEPS) == [1]
    doc = {"format": "nnstudio-project", "format_version": 2, "notes": "hi"}
    assert migrate(doc, "p.nnproj") is doc


def test_format_1_becomes_one_current_run_and_no_kept_runs():
    original = _v1()
    out = migrate(original, "p.nnproj")
    assert out["format_version"] == 2 and out["notes"] == "hi"
    assert out["run"] == {"id": "run-1", "name": "Run 1", "pinned": False, "seconds": 0.0, "settings": None}
    assert out["runs"] == []
    assert "run" not in original


def test_steps_apply_in_order_one_version_at_a_time():
    calls = []

    def one_to_two(doc):
        calls.append(doc["format_version"])
        doc["notes_md"] = doc.pop("notes")
        return doc

    def two_to_three(doc):
        calls.append(doc["format_version"])
        doc["notes_md"] += "!"
        return doc

    original = _v1()
    out = migrate(original, "p.nnproj", steps={1: one_to_two, 2: two_to_three}, current=3)
    assert calls == [1, 2]
    assert out == {"format": "nnstudio-project", "format_version": 3, "notes_md": "hi!"}
    assert original == _v1()  # the input document is not modified


def test_a_missing_or_failing_step_is_a_project_error():
    with pytest.raises(ProjectError, match="no upgrade from format 2 to format 3"):
        migrate(_v1(), "p.nnproj", steps={1: lambda d: d}, current=3)
    with pytest.raises(ProjectError, match="upgrading it from format 1 to format 2 failed"):
        migrate(_v1(), "p.nnproj", steps={1: lambda d: d["absent"]}, current=2)


def test_newer_format_is_refused_with_the_version_needed():
    doc = dict(_v1(), format_version=3, app_version="0.4.0")
    with pytest.raises(ProjectError) as info:
        check_format(doc, "new.nnproj", "new.nnproj")
    assert str(info.value) == ("Cannot open new.nnproj: this project was saved by nnstudio 0.4.0 (format 3); "
                               "this version reads up to format 2: please update nnstudio.")
    del doc["app_version"]
    with pytest.raises(ProjectError, match=r"saved by a newer nnstudio \(format 3\)"):
        check_format(doc, "new.nnproj", None)


@pytest.mark.parametrize("doc, phrase", [
    ([], "does not describe an nnstudio project"),
    ({"format": "keras"}, "does not describe an nnstudio project"),
    ({"format": "nnstudio-project", "format_version": "1"}, "positive integer"),
    ({"format": "nnstudio-project", "format_version": 0}, "positive integer"),
])
def test_not_a_project_document(doc, phrase):
    with pytest.raises(ProjectError, match=phrase):
        check_format(doc, "x.nnproj", None)

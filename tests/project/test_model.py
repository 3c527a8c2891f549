"""Project save/load round trips, refusals with one sentence naming the file, and atomic saving."""

import io
import json
import math
import os
import subprocess
import sys
import zipfile

import pytest

import nnstudio
from nnstudio.project import Project, ProjectError, load
from nnstudio.project import model as model_module


def _full_project():
    project = Project.new("Round trip")
    project.lesson = "One line for the gallery."
    project.notes = "# Notes\nWith **markdown** and unicode: ∂L/∂w."
    project.data["source"] = {"kind": "csv", "path": project.embed("houses.csv", b"area,price\n50,100\n"),
                              "sha256": "0" * 64, "options": {"target": "price"}}
    project.training["epochs"] = 7
    project.history = {"loss": [1.0, 0.5, math.nan], "val_loss": [1.1, 0.6, 0.4]}
    project.goal = {"metric": "val_loss", "at_most": 0.5, "epochs": 3}
    project.class_names = None
    project.feature_names = ["area"]
    return project


def test_round_trip_keeps_every_field(tmp_path):
    project = _full_project()
    path = project.save(tmp_path / "p.nnproj")
    assert project.path == path
    back = load(path)
    for name in ("spec", "data", "training", "notes", "title", "lesson", "embedded", "goal",
                 "class_names", "feature_names"):
        assert getattr(back, name) == getattr(project, name), name
    assert back.weights is None
    assert back.history["val_loss"] == [1.1, 0.6, 0.4]
    assert back.history["loss"][:2] == [1.0, 0.5] and math.isnan(back.history["loss"][2])
    assert back.path == path


def test_archive_layout(tmp_path):
    path = _full_project().save(tmp_path / "p.nnproj")
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        doc = json.loads(zf.read("project.json"))
        assert zf.getinfo("project.json").compress_type == zipfile.ZIP_DEFLATED
    assert names == ["project.json", "history.json", "data/houses.csv"]
    assert doc["format"] == "nnstudio-project" and doc["format_version"] == 2
    assert doc["app_version"] == nnstudio.__version__
    assert json.loads(zipfile.ZipFile(path).read("history.json"))["loss"][2] is None


def test_new_project_is_an_input_only_network():
    project = Project.new()
    assert [n["type"] for n in project.spec["nodes"]] == ["Input"]
    assert project.spec["edges"] == [] and project.weights is None and project.history is None
    assert project.data["split"] == {"val": 0.2, "test": 0.0, "seed": 0, "stratify": True}


def _write_archive(path, doc, extra=()):
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.json", json.dumps(doc))
        for name, content in extra:
            zf.writestr(name, content)
    return path


def test_wrong_field_type_names_file_and_field(tmp_path, document):
    document["training"]["epochs"] = "ten"
    path = _write_archive(tmp_path / "bad.nnproj", document)
    with pytest.raises(ProjectError) as info:
        load(path)
    assert str(info.value) == (f"Cannot open {path}: in project.json, training.epochs must be an integer, "
                               f"not a string ('ten').")
    assert info.value.path == path


def test_newer_format_is_refused(tmp_path, document):
    document["format_version"] = 3
    document["app_version"] = "0.9.0"
    path = _write_archive(tmp_path / "future.nnproj", document)
    with pytest.raises(ProjectError, match=r"saved by nnstudio 0\.9\.0 \(format 3\); this version reads up "
                                           r"to format 2: please update nnstudio\."):
        load(path)


@pytest.mark.parametrize("mutate, phrase", [
    (lambda d: d["spec"]["nodes"].append(dict(d["spec"]["nodes"][0])), "node id 'input' is used twice"),
    (lambda d: d["spec"]["edges"].append(["input", "ghost"]), "refers to the unknown node 'ghost'"),
])
def test_broken_graph_is_refused(tmp_path, document, mutate, phrase):
    mutate(document)
    with pytest.raises(ProjectError, match=phrase):
        load(_write_archive(tmp_path / "g.nnproj", document))


def test_missing_project_json_and_bad_history(tmp_path, document):
    with zipfile.ZipFile(tmp_path / "empty.nnproj", "w") as zf:
        zf.writestr("weights.npz", b"")
    with pytest.raises(ProjectError, match="it has no project.json"):
        load(tmp_path / "empty.nnproj")
    path = _write_archive(tmp_path / "h.nnproj", document, [("history.json", '{"loss": "low"}')])
    with pytest.raises(ProjectError, match="in history.json, loss must be a list"):
        load(path)


def test_save_refuses_what_load_would_refuse(tmp_path):
    project = Project.new()
    project.training["epochs"] = -1
    with pytest.raises(ProjectError, match="Cannot save .*training.epochs must be at least 1"):
        project.save(tmp_path / "p.nnproj")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ProjectError, match="no file name"):
        Project.new().save()


def test_embed_refuses_paths():
    project = Project.new()
    for bad in ("../x.csv", "a/b.csv", "", ".."):
        with pytest.raises(ProjectError, match="plain file name"):
            project.embed(bad, b"")


def test_a_different_file_of_the_same_name_gets_its_own_copy(tmp_path):
    """An edited houses.csv imported again replaced the copy that a kept run (or an undo step) still read."""
    project = Project.new()
    first = project.embed("houses.csv", b"area,price\n50,100\n")
    assert project.embed("houses.csv", b"area,price\n50,100\n") == first == "data/houses.csv"   # same bytes
    second = project.embed("houses.csv", b"area,price\n60,120\n")
    third = project.embed("houses.csv", b"area,price\n70,140\n")
    assert (second, third) == ("data/houses-2.csv", "data/houses-3.csv")
    assert project.embed("notes", b"x") == "data/notes" and project.embed("notes", b"y") == "data/notes-2"
    path = project.save(tmp_path / "p.nnproj")
    kept = load(path).embedded
    assert kept["houses.csv"] == b"area,price\n50,100\n" and kept["houses-2.csv"] == b"area,price\n60,120\n"


def test_failure_mid_write_leaves_previous_file_intact(tmp_path, monkeypatch):
    path = _full_project().save(tmp_path / "p.nnproj")
    before = path.read_bytes()
    changed = _full_project()
    changed.title = "Changed"
    real_put = model_module._put

    def failing_put(zf, name, content, deflate, *progress):
        done = real_put(zf, name, content, deflate, *progress)
        if name == "history.json":  # project.json already written to the temporary file
            raise OSError(28, "No space left on device")
        return done

    monkeypatch.setattr(model_module, "_put", failing_put)
    with pytest.raises(ProjectError, match=f"Cannot save {path}: No space left on device."):
        changed.save(path)
    assert path.read_bytes() == before
    assert load(path).title == "Round trip"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.nnproj"]  # no temporary file left behind


def test_kill_during_save_leaves_previous_file_intact(tmp_path):
    path = _full_project().save(tmp_path / "p.nnproj")
    before = path.read_bytes()
    # A child process starts overwriting the project, announces it is mid-write, and is killed there.
    code = f"""
import sys
from nnstudio.project import load
from nnstudio.project import model
real_put = model._put
def put(zf, name, content, deflate, *progress):
    real_put(zf, name, content, deflate, *progress)
    zf.fp.flush()
    print("mid-write", flush=True)
    sys.stdin.readline()  # wait here until killed
model._put = put
project = load({str(path)!r})
project.title = "Half saved"
project.save()
"""
    child = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True)
    try:
        assert child.stdout.readline().strip() == "mid-write"
        temporaries = [p for p in tmp_path.iterdir() if p.name != "p.nnproj"]
        assert temporaries and temporaries[0].stat().st_size > 0
    finally:
        child.kill()
        child.wait()
        child.stdin.close()
        child.stdout.close()
    assert path.read_bytes() == before
    assert load(path).title == "Round trip"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_saved_file_gets_normal_permissions(tmp_path):
    umask = os.umask(0o022)
    try:
        path = Project.new().save(tmp_path / "p.nnproj")
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644


def test_unknown_members_are_ignored_and_embedded_files_read(tmp_path, document):
    path = _write_archive(tmp_path / "x.nnproj", document,
                          [("data/iris.csv", "a,b\n"), ("thumbnail.png", b"\x89PNG"), ("data/sub/x.csv", "")])
    project = load(path)
    assert project.embedded == {"iris.csv": b"a,b\n"}


def test_save_is_deterministic(tmp_path):
    a = _full_project().save(tmp_path / "a.nnproj").read_bytes()
    b = _full_project().save(tmp_path / "b.nnproj").read_bytes()
    assert a == b  # same zlib in one process; across machines only the members' content is compared
    assert zipfile.ZipFile(io.BytesIO(a)).testzip() is None


class _Stop(Exception):
    pass


def test_save_and_load_report_progress_and_stop_when_it_raises(tmp_path):
    """Large projects are saved and opened off the GUI thread with a progress bar and Cancel: progress
    follows the bytes, and what it raises stops the work with the old file whole and no temporary left."""
    p = _full_project()
    p.embed("big.csv", b"a,b\n" + b"1.5,2.5\n" * 2_000_000)   # 16 MB: several chunks
    seen = []
    path = p.save(tmp_path / "p.nnproj", progress=lambda done, total: seen.append((done, total)))
    assert len(seen) >= 4 and seen[-1][0] == seen[-1][1] and all(a[0] <= b[0] for a, b in zip(seen, seen[1:]))
    read = []
    loaded = load(path, progress=lambda done, total: read.append((done, total)))
    assert loaded.embedded["big.csv"] == p.embedded["big.csv"]
    assert len(read) >= 4 and read[-1][0] == read[-1][1]
    before = path.read_bytes()

    def stop_half_way(done, total):
        if done > total // 2:
            raise _Stop
    p.title = "Changed"
    with pytest.raises(_Stop):
        p.save(path, progress=stop_half_way)
    assert path.read_bytes() == before
    assert sorted(f.name for f in tmp_path.iterdir()) == ["p.nnproj"]
    with pytest.raises(_Stop):
        load(path, progress=stop_half_way)


def test_a_prefetched_dataset_is_taken_once_and_only_for_its_source():
    from nnstudio import data
    p = Project.new()
    p.data["source"] = data.generate("moons", n_samples=50).source
    p.prefetch_dataset()
    first = p._prefetched[1]
    assert p.dataset() is first                 # built ahead (off the GUI thread): not read again
    assert p.dataset() is not first             # later callers get their own, as before
    p.prefetch_dataset()
    p.data["source"] = data.generate("moons", n_samples=60).source
    assert len(p.dataset().X) == 60             # the source changed since: the prefetched one is dropped
    p.data["source"] = None
    p.prefetch_dataset()                        # no data: nothing built, the next call says so
    assert p._prefetched is None

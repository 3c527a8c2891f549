"""Messages of the Qt-free parts under zh_CN hold no English piece: each case below makes one error (CSV cells,
columns and encodings, time series, opening projects, layer parameters of every type, weights that do not
fit, the perceptron rule, export refusals) and its sentence may keep only identifiers, the file's own names
and the values the user typed."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from nnstudio import i18n
from nnstudio.data import network_fit
from nnstudio.data.csv_import import load_csv
from nnstudio.data.errors import DataError
from nnstudio.data.timeseries import load_timeseries
from nnstudio.engine import activations, initializers, layers
from nnstudio.engine.errors import SpecError
from nnstudio.engine.network import Network
from nnstudio.engine.spec import analyze
from nnstudio.engine.training import fit
from nnstudio.export import export_network, keras
from nnstudio.project import Project, load
from nnstudio.project.errors import ProjectError
from nnstudio.project.fit import checked

from .english_words import english, identifiers

# the names the cases' files and networks use, what a user typed as a wrong value, the option values and
# project.json field names a message quotes (missing='drop'; spec.nodes) and the export formats' names
NAMES = {"missing", "drop", "mean", "spec", "nodes", "edges", "model", "keras_file", "keras_weights", "pytorch",
         "keras", "npy", "age", "price", "rooms", "nope", "twelve", "bogus", "csv", "nnproj", "npz", "json",
         "project", "weights", "history", "d", "k", "kernel", "bias", "h", "x", "y", "c", "xy", "bad", "t", "value",
         "run", "format", "name", "txt", "onnx", "py", "Keras", "PyTorch", "sum_squared_error"}


@pytest.fixture
def chinese():
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


def _csv(tmp_path: Path, text: str | bytes, name: str = "age.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


CSV = "age,rooms,price\n1,2,3\n4,5,6\n7,8,9\n"
CSV_CASES = {
    "text cell": ("age,price\n1,2\ntwelve,3\n", {}),
    "not finite": ("age,price\n1,2\n1e999,3\n", {}),
    "missing cell": ("age,price\n1,2\n,3\n", {}),
    "ragged row": ("age,price\n1,2\n3\n4,5\n", {}),
    "bad encoding": (b"age,price\n1,2\n\xff\xfe,3\n", {"encoding": "utf-8"}),
    "no such target": (CSV, {"target": "nope"}),
    "no such target number": (CSV, {"target": 9}),
    "target of wrong type": (CSV, {"target": 1.5}),
    "no such feature": (CSV, {"features": ["nope"]}),
    "no such feature number": (CSV, {"features": [9]}),
    "feature of wrong type": (CSV, {"features": [1.5]}),
    "empty": ("", {}),
}
SERIES = "t,value\n1,2\n2,3\n3,4\n4,5\n5,6\n"
SERIES_CASES = {
    "no such column": (SERIES, {"columns": "nope"}),
    "no such column number": (SERIES, {"columns": 9}),
    "no such target": (SERIES, {"target": "nope"}),
    "no such target number": (SERIES, {"target": 9}),
    "column twice": (SERIES, {"columns": ["value", "value"]}),
    "no column": (SERIES, {"columns": []}),
    "column of wrong type": (SERIES, {"columns": [1.5]}),
    "text cell": ("t,value\n1,2\n2,twelve\n3,4\n", {}),
    "missing cell": ("t,value\n1,2\n2,\n3,4\n", {}),
    "too short": (SERIES, {"window": 10}),
    "bad window": (SERIES, {"window": 0}),
}


def _message(call) -> str:
    with pytest.raises((DataError, ProjectError, SpecError)) as caught:
        call()
    return str(caught.value)


def _check(message: str, *extra: str) -> None:
    assert english([message], identifiers() | NAMES | set(extra)) == [], message


@pytest.mark.parametrize("case", CSV_CASES)
def test_csv_errors(chinese, tmp_path, case):
    text, options = CSV_CASES[case]
    _check(_message(lambda: load_csv(_csv(tmp_path, text), **options)))


@pytest.mark.parametrize("case", SERIES_CASES)
def test_time_series_errors(chinese, tmp_path, case):
    text, options = SERIES_CASES[case]
    _check(_message(lambda: load_timeseries(_csv(tmp_path, text, "t.csv"), **options)))


def _zip(path: Path, members: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return path


def _project_json(spec: dict, **extra) -> str:
    doc = Project.new("x").project_json()
    doc["spec"] = spec
    return json.dumps({**doc, **extra})


DENSE = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [2]}},
                   {"id": "d", "type": "Dense", "params": {"units": 3}}], "edges": [["x", "d"]]}
PROJECT_CASES = {
    "missing": lambda p: p / "bad.nnproj",
    "folder": lambda p: p,
    "not a zip": lambda p: _csv(p, b"PK\x03\x04 damaged", "bad.nnproj"),
    "no project.json": lambda p: _zip(p / "bad.nnproj", {"x.txt": "x"}),
    "bad json": lambda p: _zip(p / "bad.nnproj", {"project.json": "{"}),
    "json not an object": lambda p: _zip(p / "bad.nnproj", {"project.json": "[]"}),
    "node twice": lambda p: _zip(p / "bad.nnproj", {"project.json": _project_json(
        {"nodes": [DENSE["nodes"][0], DENSE["nodes"][0]], "edges": []})}),
    "unknown edge end": lambda p: _zip(p / "bad.nnproj", {"project.json": _project_json(
        {"nodes": DENSE["nodes"], "edges": [["x", "y"]]})}),
    "wrong type": lambda p: _zip(p / "bad.nnproj", {"project.json": _project_json({"nodes": "x", "edges": []})}),
    "missing field": lambda p: _zip(p / "bad.nnproj", {"project.json": _project_json({"nodes": []})}),
    "unknown field": lambda p: _zip(p / "bad.nnproj", {"project.json": _project_json(DENSE, bogus=1)}),
    "not UTF-8": lambda p: _zip(p / "bad.nnproj", {"project.json": b"\xff\xfe"}),
    "member twice": lambda p: _zip(p / "bad.nnproj", {"project.json": "{}", "../x": "x"}),
    "weights not npy": lambda p: _zip(p / "bad.nnproj", {"project.json": _project_json(DENSE),
                                                         "weights.npz": _npz({"d/kernel.txt": b"x"})}),
}


def _npz(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize("case", PROJECT_CASES)
def test_project_open_errors(chinese, tmp_path, case):
    path = PROJECT_CASES[case](tmp_path)
    message = _message(lambda: load(path)).replace(str(path), "")
    # the JSON parser's own words stay as Python gives them (like a file's name): they follow the line and column
    _check(message.split("：", 2)[0] + message.split("：", 2)[1] if case == "bad json" else message)


WEIGHTS = {
    "wrong shape": {"d": {"kernel": np.zeros((5, 3)), "bias": np.zeros(3)}},
    "extra node": {"h": {"kernel": np.zeros((2, 3))}},
    "extra array": {"d": {"kernel": np.zeros((2, 3)), "bias": np.zeros(3), "gamma": np.zeros(3)}},
    "missing array": {"d": {"kernel": np.zeros((2, 3))}},
}


@pytest.mark.parametrize("verb", ["open", "save"])
@pytest.mark.parametrize("case", WEIGHTS)
def test_weights_that_do_not_fit(chinese, case, verb):
    _check(_message(lambda: checked(WEIGHTS[case], DENSE, "x.nnproj", None, verb)), "gamma")


def _bad_param_specs():
    """Each layer type after an Input, with each of its parameters given a value of the wrong kind."""
    for type_name in layers.names():
        if type_name == "Input":
            continue
        for param in layers.get(type_name).PARAMS:
            for value in ("bogus", -3):
                yield pytest.param(type_name, param.name, value, id=f"{type_name}-{param.name}-{value}")


@pytest.mark.parametrize("type_name, param, value", list(_bad_param_specs()))
def test_layer_parameter_errors(chinese, type_name, param, value):
    spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [4, 4, 2]}},
                      {"id": "k", "type": type_name, "params": {param: value}}], "edges": [["x", "k"]]}
    for error in analyze(spec).errors:
        _check(str(error), type_name, param)


def test_perceptron_rule_refuses_a_deeper_network(chinese):
    spec = {"nodes": [*DENSE["nodes"], {"id": "y", "type": "Dense", "params": {"units": 1, "activation": "sigmoid"}}],
            "edges": [*DENSE["edges"], ["d", "y"]]}
    net = Network.from_config(spec)
    X, y = np.zeros((4, 2)), np.zeros((4, 1))
    _check(_message(lambda: fit(net, X, y, "mse", "perceptron", epochs=1)), "perceptron")


def _export(tmp_path, fmt="npz", weights=None, output=None, training=None):
    return lambda: export_network(DENSE, weights, fmt, tmp_path if output is None else tmp_path / output, training)


EXPORT_CASES = {
    "weights lack a node": lambda p: _export(p, weights={}),
    "weights lack an array": lambda p: _export(p, weights={"d": {"kernel": np.zeros((2, 3))}}),
    "weight of wrong shape": lambda p: _export(p, weights={"d": {"kernel": np.zeros((5, 3)), "bias": np.zeros(3)}}),
    "weight not finite": lambda p: _export(p, weights={"d": {"kernel": np.full((2, 3), np.nan), "bias": np.zeros(3)}}),
    "wrong suffix": lambda p: _export(p, "onnx", output="model.txt"),
    "no such folder": lambda p: _export(p, "onnx", output="nope/model.onnx"),
    "unknown format": lambda p: _export(p, "bogus"),
    "loss without Keras": lambda p: _export(p, "keras", training={"loss": "sum_squared_error"}),
}


@pytest.mark.parametrize("case", EXPORT_CASES)
def test_export_refusals(chinese, tmp_path, case):
    call = EXPORT_CASES[case](tmp_path)
    with pytest.raises((SpecError, ValueError)) as caught:
        call()
    _check(str(caught.value).replace(str(tmp_path), ""), "gamma")


def test_export_refuses_a_layer_without_writer(chinese, tmp_path, monkeypatch):
    monkeypatch.delitem(keras.WRITERS, "Dense")
    with pytest.raises(SpecError) as caught:
        _export(tmp_path, "keras")()
    _check(str(caught.value))


def test_csv_cell_error_is_one_chinese_sentence(chinese, tmp_path):
    message = _message(lambda: load_csv(_csv(tmp_path, CSV_CASES["text cell"][0])))
    assert message == "age.csv，第 3 行，第 'age' (1) 列：'twelve' 不是数字。"


# what the descriptions' formulas are written with: functions, symbols, parameters and the torch calls named
FORMULA = {"a", "z", "exp", "log", "erf", "sqrt", "max", "relu6", "Phi", "beta", "alpha", "threshold", "scale",
           "sum_j", "z_i", "a_i", "z_j", "gain", "fan", "fan_in", "fan_out", "mean", "stddev", "minval", "maxval",
           "value", "normal", "torch", "nn", "Linear", "Conv2d", "init", "kaiming_normal_", "kaiming_uniform_",
           "xavier_normal_", "xavier_uniform_", "kaiming_uniform", "Hardsigmoid", "CELU", "Kaiming", "silu"}


@pytest.mark.parametrize("family", [activations, initializers], ids=["activations", "initializers"])
def test_activation_and_initializer_descriptions_in_chinese(chinese, family):
    """What the activation explorer and the inspector show beside a name: words translated, formulas kept."""
    texts = [i18n._(family.get(name).description) for name in family.names()]
    assert all(texts)
    assert english(texts, identifiers() | FORMULA) == []


TASK_CSV = {"regression": ("age,rooms,price\n1,2,3.5\n4,5,6.5\n7,8,9.5\n", "price"),
            "binary": ("age,rooms,price\n1,2,0\n4,5,1\n7,8,0\n", "price"),
            "multiclass": ("age,rooms,price\n1,2,x\n4,5,y\n7,8,t\n", "price"),
            "multilabel": ("age,rooms,price\n1,0,1\n4,1,0\n7,1,1\n", ["rooms", "price"])}


@pytest.mark.parametrize("task", TASK_CSV)
def test_network_fit_sentences(chinese, tmp_path, task):
    """What the data panel and the Problems list say when the network's ends or the loss do not suit the data,
    and the sentence after adapting it."""
    text, target = TASK_CSV[task]
    ds = load_csv(_csv(tmp_path, text), target=target)
    said = []
    for act in ("linear", "relu", "sigmoid", "softmax", "hard_sigmoid", "step"):
        for units in (1, 7):
            for loss in ("mse", "binary_crossentropy", "categorical_crossentropy"):
                spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [5]}},
                                  {"id": "y", "type": "Dense", "params": {"units": units, "activation": act}}],
                        "edges": [["x", "y"]]}
                fit = network_fit.check(spec, ds, loss)
                said += [*fit.sentences, fit.summary()]
    assert len(said) > 36
    _check(" ".join(said))


@pytest.mark.parametrize("shape", [[6], [4, 4, 2]], ids=["vector", "image"])
@pytest.mark.parametrize("type_name", ["SimpleRNN", "LSTM", "GRU"])
def test_recurrent_layer_on_a_non_sequence(chinese, type_name, shape):
    """The sentence says which Reshape to add, in Chinese."""
    spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": shape}},
                      {"id": "k", "type": type_name, "params": {"units": 3}}], "edges": [["x", "k"]]}
    errors = [str(e) for e in analyze(spec).errors]
    assert errors and all("Reshape" in e for e in errors)
    for error in errors:   # (timesteps, features): the shape as Keras's documentation writes it
        _check(error, type_name, "Reshape", "timesteps", "features")

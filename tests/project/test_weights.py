"""weights.npz: round trip, and refusal of weights that do not fit the network the spec builds."""

import io
import json
import zipfile

import numpy as np
import pytest

from nnstudio.project import Project, ProjectError, load


def _mlp_project():
    project = Project.new("MLP")
    project.spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [3]}, "name": "in",
                               "position": [0.0, 0.0]},
                              {"id": "h", "type": "Dense", "params": {"units": 4, "activation": "relu"},
                               "name": "hidden", "position": [100.0, 0.0]},
                              {"id": "bn", "type": "BatchNormalization", "params": {}, "name": "norm",
                               "position": [200.0, 0.0]},
                              {"id": "y", "type": "Dense", "params": {"units": 2, "activation": "softmax"},
                               "name": "out", "position": [300.0, 0.0]}],
                    "edges": [["x", "h"], ["h", "bn"], ["bn", "y"]]}
    return project


def test_weights_round_trip_exactly_with_state(tmp_path):
    project = _mlp_project()
    net = project.network(seed=3)
    weights = net.get_weights()
    weights["bn"]["moving_mean"][:] = [1.0, 2.0, 3.0, 4.0]
    project.weights = weights
    path = project.save(tmp_path / "mlp.nnproj")
    back = load(path)
    assert back.weights.keys() == weights.keys()
    for node, params in weights.items():
        assert back.weights[node].keys() == params.keys()
        for name, arr in params.items():
            np.testing.assert_array_equal(back.weights[node][name], arr)
            assert back.weights[node][name].dtype == arr.dtype
    X = np.random.default_rng(0).normal(size=(5, 3))
    expected = _with(project.network(), weights).predict(X)  # moving_mean was changed after net was built
    np.testing.assert_array_equal(back.network().predict(X), expected)
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo("weights.npz").compress_type == zipfile.ZIP_STORED
        keys = sorted(np.load(io.BytesIO(zf.read("weights.npz")), allow_pickle=False).files)
    assert "h/kernel" in keys and "bn/moving_mean" in keys


def _with(net, weights):
    net.set_weights(weights)
    return net


def _tamper(path, change):
    """Rewrite the weights.npz member of a saved project through ``change(dict_of_arrays)``."""
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    arrays = dict(np.load(io.BytesIO(members["weights.npz"]), allow_pickle=False))
    change(arrays)
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    members["weights.npz"] = buf.getvalue()
    with zipfile.ZipFile(path, "w") as zf:
        for name, content in members.items():
            zf.writestr(name, content)


@pytest.mark.parametrize("change, phrase", [
    (lambda a: a.update({"h/kernel": np.zeros((3, 5), np.float32)}),
     r"the weight h/kernel has shape \(3, 5\), but the network needs \(3, 4\)"),
    (lambda a: a.pop("y/bias"), "weights.npz lacks y/bias"),
    (lambda a: a.update({"ghost/kernel": np.zeros(2)}), "holds ghost/kernel, which the network does not have"),
    (lambda a: a.update({"h/gamma": np.zeros(2)}), "holds h/gamma, which the network does not have"),
    (lambda a: a.update({"nokey": np.zeros(2)}), "key 'nokey' is not of the form 'node_id/param'"),
])
def test_weights_that_do_not_fit_are_refused(tmp_path, change, phrase):
    project = _mlp_project()
    project.weights = project.network().get_weights()
    path = project.save(tmp_path / "mlp.nnproj")
    _tamper(path, change)
    with pytest.raises(ProjectError, match=phrase) as info:
        load(path)
    assert str(path) in str(info.value)


def _rewrite_spec(path, spec):
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    doc = json.loads(members["project.json"])
    doc["spec"] = spec
    members["project.json"] = json.dumps(doc).encode("utf-8")
    with zipfile.ZipFile(path, "w") as zf:
        for name, content in members.items():
            zf.writestr(name, content)


def test_weights_of_a_half_built_network_load_and_are_judged_where_shapes_are_known(tmp_path):
    project = _mlp_project()
    project.weights = project.network().get_weights()
    path = project.save(tmp_path / "mlp.nnproj")
    broken = _mlp_project()
    broken.spec["edges"] = [["x", "h"], ["bn", "y"]]   # h -> bn unplugged mid-edit: bn and y have no shapes
    _rewrite_spec(path, broken.spec)
    back = load(path)
    assert sorted(back.weights) == ["bn", "h", "y"]
    np.testing.assert_array_equal(back.weights["y"]["kernel"], project.weights["y"]["kernel"])
    _tamper(path, lambda a: a.update({"h/kernel": np.zeros((3, 5), np.float32)}))  # h's shapes are known
    with pytest.raises(ProjectError, match=r"h/kernel has shape \(3, 5\), but the network needs \(3, 4\)"):
        load(path)


def test_a_layer_without_weights_starts_fresh(tmp_path):
    """Adding a layer to a trained network: the new layer has no weights yet, the others keep theirs."""
    project = _mlp_project()
    project.weights = project.network().get_weights()
    del project.weights["y"]
    back = load(project.save(tmp_path / "partial.nnproj"))
    assert sorted(back.weights) == ["bn", "h"]
    net = back.network()
    np.testing.assert_array_equal(net.get_weights()["h"]["kernel"], project.weights["h"]["kernel"])


def test_save_refuses_weights_that_load_would_refuse(tmp_path):
    """#20 item 2: Save wrote a file whose weights no longer fitted the edited network."""
    project = _mlp_project()
    project.weights = project.network().get_weights()
    project.spec["nodes"][1]["params"]["units"] = 7
    target = tmp_path / "x.nnproj"
    with pytest.raises(ProjectError, match=r"Cannot save .*h/kernel has shape \(3, 4\), but the network "
                                           r"needs \(3, 7\)"):
        project.save(target)
    assert not target.exists() and not list(tmp_path.iterdir())


def test_unfinished_network_without_weights_still_loads(tmp_path):
    project = _mlp_project()
    project.spec["edges"] = project.spec["edges"][:1]  # a half-built network the learner saves
    back = load(project.save(tmp_path / "wip.nnproj"))
    assert back.spec == project.spec and back.weights is None


def test_weights_are_cast_to_the_network_dtype(tmp_path):
    project = _mlp_project()
    project.weights = {node: {k: v.astype(np.float64) for k, v in params.items()}
                       for node, params in project.network().get_weights().items()}
    back = load(project.save(tmp_path / "f64.nnproj"))
    assert back.weights["h"]["kernel"].dtype == np.float32


def test_non_numeric_weights_are_not_saved(tmp_path):
    project = _mlp_project()
    project.weights = {"h": {"kernel": np.array(["a", "b"])}}
    with pytest.raises(ProjectError, match="the weight h/kernel is not numeric"):
        project.save(tmp_path / "x.nnproj")
    assert not (tmp_path / "x.nnproj").exists()

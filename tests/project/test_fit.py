"""Weights follow the edited network (#20 item 2): an edit drops the weights it invalidates, undo brings them
back, and whatever the edits, a saved project opens again."""

import numpy as np
from hypothesis import settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from nnstudio.document import AddEdge, AddNodes, Document, RemoveEdge, RemoveNodes, SetParams, new_id
from nnstudio.document.checks import check_edge
from nnstudio.paths import samples_dir
from nnstudio.project import ProjectError, load, runner
from nnstudio.project.fit import WeightKeeper


def _follow(project, doc, keeper):
    def on_change(change):
        if change.structural:
            project.spec = doc.spec
            keeper.follow(project, doc.analysis())
    return doc.subscribe(on_change)


def _copy(weights):
    return {n: {k: a.copy() for k, a in p.items()} for n, p in weights.items()}


def test_changing_hidden_units_of_trained_xor_saves_reopens_trains_and_undoes(tmp_path):
    """The issue's steps: open xor_hidden_layer, train 5 epochs, hidden units 10 -> 7, Save, open, Train."""
    project = load(samples_dir() / "xor_hidden_layer.nnproj")
    runner.train(project, epochs=5)
    trained = _copy(project.weights)
    doc, keeper = Document(project.spec), WeightKeeper()
    _follow(project, doc, keeper)

    inverse = doc.apply(SetParams("h", {"units": 7, "activation": "tanh"}))
    assert project.weights == {}          # h's kernel (2, 10) and y's kernel (10, 1) no longer fit
    assert project.resume_state is None   # the optimizer's moments belong to the old shapes
    back = load(project.save(tmp_path / "xor7.nnproj"))
    runner.train(back, epochs=2)          # Train works on the reopened file
    assert back.weights["h"]["kernel"].shape == (2, 7)

    doc.apply(inverse)                    # undo: the trained weights come back with the 10 units
    assert sorted(project.weights) == ["h", "y"]
    for node, params in trained.items():
        for name, arr in params.items():
            np.testing.assert_array_equal(project.weights[node][name], arr)
    assert project.resume_state is not None
    reopened = load(project.save(tmp_path / "xor10.nnproj"))
    np.testing.assert_array_equal(reopened.weights["h"]["kernel"], trained["h"]["kernel"])


def test_only_the_layers_whose_shapes_changed_lose_their_weights():
    project = load(samples_dir() / "spiral.nnproj")
    project.weights = project.network().get_weights()
    before = _copy(project.weights)
    doc, keeper = Document(project.spec), WeightKeeper()
    _follow(project, doc, keeper)
    dense = [n["id"] for n in project.spec["nodes"] if n["type"] == "Dense"]
    first, second = dense[0], dense[1]
    params = doc.params(second)
    params["units"] = params["units"] + 3
    doc.apply(SetParams(second, params))
    after_second = [d for d in dense if d not in (first, second)][0]  # the layer reading `second`
    assert second not in project.weights and after_second not in project.weights
    np.testing.assert_array_equal(project.weights[first]["kernel"], before[first]["kernel"])


def test_new_training_forgets_the_weights_set_aside():
    project = load(samples_dir() / "xor_hidden_layer.nnproj")
    project.weights = project.network().get_weights()
    doc, keeper = Document(project.spec), WeightKeeper()
    _follow(project, doc, keeper)
    inverse = doc.apply(SetParams("h", {"units": 7, "activation": "tanh"}))
    project.weights = project.network().get_weights()     # what recording a new training does
    doc.apply(inverse)
    assert project.weights == {}    # the 7-unit weights do not fit; the older 10-unit ones are not revived


TYPES = ["Dense", "Dropout", "BatchNormalization", "Flatten"]


class EditThenSave(RuleBasedStateMachine):
    """Any sequence of document edits on a trained project, then save, then load succeeds; undoing every
    edit brings back exactly the trained weights."""

    def __init__(self):
        super().__init__()
        import tempfile
        self.tmp = tempfile.TemporaryDirectory(prefix="nnstudio-fit-")

    def teardown(self):
        self.tmp.cleanup()

    @initialize()
    def start(self):
        self.project = load(samples_dir() / "xor_hidden_layer.nnproj")
        self.project.weights = self.project.network(seed=1).get_weights()
        self.trained = _copy(self.project.weights)
        self.doc, self.keeper = Document(self.project.spec), WeightKeeper()
        _follow(self.project, self.doc, self.keeper)
        self.inverses = []

    def _do(self, op):
        self.inverses.append(self.doc.apply(op))

    @rule(t=st.sampled_from(TYPES), data=st.data())
    def add(self, t, data):
        nid = new_id(t, self.doc.ids())
        src = data.draw(st.sampled_from(self.doc.ids()))
        params = {"units": data.draw(st.integers(1, 12))} if t == "Dense" else {}
        self._do(AddNodes(({"id": nid, "type": t, "params": params, "position": [0.0, 0.0]},), ((src, nid),)))

    @precondition(lambda self: len(self.doc) > 1)
    @rule(data=st.data())
    def remove(self, data):
        nid = data.draw(st.sampled_from([i for i in self.doc.ids() if self.doc.node_type(i) != "Input"]))
        self._do(RemoveNodes((nid,)))

    @rule(data=st.data())
    def connect(self, data):
        a = data.draw(st.sampled_from(self.doc.ids()))
        b = data.draw(st.sampled_from(self.doc.ids()))
        if check_edge(self.doc.graph(), a, b) is None:
            self._do(AddEdge(a, b))

    @precondition(lambda self: len(self.doc.edges()) > 0)
    @rule(data=st.data())
    def disconnect(self, data):
        a, b = data.draw(st.sampled_from(self.doc.edges()))
        self._do(RemoveEdge(a, b))

    @rule(data=st.data(), units=st.integers(1, 12))
    def set_units(self, data, units):
        dense = [i for i in self.doc.ids() if self.doc.node_type(i) == "Dense"]
        if dense:
            nid = data.draw(st.sampled_from(dense))
            self._do(SetParams(nid, {**self.doc.params(nid), "units": units}))

    @invariant()
    def saved_project_opens(self):
        if not hasattr(self, "project"):
            return
        target = f"{self.tmp.name}/p.nnproj"
        try:
            self.project.save(target)
        except ProjectError as exc:   # only a network that cannot be written at all (never its weights)
            assert "weight" not in str(exc), exc
            return
        back = load(target)
        assert sorted(back.weights) == sorted(self.project.weights)

    @invariant()
    def undo_everything_restores_the_trained_weights(self):
        if not hasattr(self, "project") or len(self.inverses) < 4:
            return
        redo = [self.doc.apply(inv) for inv in reversed(self.inverses)]
        assert sorted(self.project.weights) == sorted(self.trained)
        for node, params in self.trained.items():
            for name, arr in params.items():
                np.testing.assert_array_equal(self.project.weights[node][name], arr)
        self.inverses = [self.doc.apply(op) for op in reversed(redo)]


EditThenSave.TestCase.settings = settings(max_examples=40, stateful_step_count=12, deadline=None)
TestEditThenSave = EditThenSave.TestCase

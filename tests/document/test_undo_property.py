"""Property test: any sequence of edits, undone in reverse, restores the spec exactly; redo re-applies it."""

import copy

from hypothesis import settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from nnstudio.document import (AddEdge, AddNodes, Batch, Document, MoveNodes, RemoveEdge, RemoveNodes,
                               SetName, SetParams, new_id)
from nnstudio.document.checks import check_edge

TYPES = ["Dense", "Dropout", "Add", "Flatten"]
coords = st.floats(min_value=-1e4, max_value=1e4, allow_nan=False)


def unlimited(_type):
    return None


class EditSequence(RuleBasedStateMachine):
    @initialize(n=st.integers(0, 4))
    def start(self, n):
        nodes = [{"id": f"n{i}", "type": "Dense", "params": {"units": i + 1}} for i in range(n)]
        edges = [[f"n{i}", f"n{i + 1}"] for i in range(n - 1)]
        self.original = {"nodes": nodes, "edges": edges}
        self.doc = Document(self.original)
        self.history = []  # (spec before, inverse, spec after)

    def _do(self, op):
        before = self.doc.spec
        inverse = self.doc.apply(op)
        self.history.append((before, inverse, self.doc.spec))

    @rule(t=st.sampled_from(TYPES), x=coords, y=coords, data=st.data())
    def add(self, t, x, y, data):
        nid = new_id(t, self.doc.ids())
        edges = ()
        if self.doc.ids():
            src = data.draw(st.sampled_from(self.doc.ids()))
            edges = ((src, nid),)
        self._do(AddNodes(({"id": nid, "type": t, "params": {}, "position": [x, y]},), edges))

    @precondition(lambda self: len(self.doc) > 0)
    @rule(data=st.data())
    def remove(self, data):
        ids = data.draw(st.lists(st.sampled_from(self.doc.ids()), min_size=1, max_size=3, unique=True))
        self._do(RemoveNodes(tuple(ids)))

    @precondition(lambda self: len(self.doc) > 1)
    @rule(data=st.data())
    def connect(self, data):
        a = data.draw(st.sampled_from(self.doc.ids()))
        b = data.draw(st.sampled_from(self.doc.ids()))
        if check_edge(self.doc.spec, a, b, unlimited) is None:
            self._do(AddEdge(a, b, data.draw(st.none() | st.integers(0, len(self.doc.edges())))))

    @precondition(lambda self: len(self.doc.edges()) > 0)
    @rule(data=st.data())
    def disconnect(self, data):
        a, b = data.draw(st.sampled_from(self.doc.edges()))
        self._do(RemoveEdge(a, b))

    @precondition(lambda self: len(self.doc) > 0)
    @rule(data=st.data(), x=coords, y=coords)
    def move(self, data, x, y):
        ids = data.draw(st.lists(st.sampled_from(self.doc.ids()), min_size=1, unique=True))
        self._do(MoveNodes({i: (x, y) for i in ids}))

    @precondition(lambda self: len(self.doc) > 0)
    @rule(data=st.data(), units=st.integers(1, 512), rate=st.floats(0, 0.99))
    def set_params(self, data, units, rate):
        nid = data.draw(st.sampled_from(self.doc.ids()))
        self._do(SetParams(nid, {"units": units, "rate": rate}))

    @precondition(lambda self: len(self.doc) > 0)
    @rule(data=st.data(), name=st.none() | st.text(min_size=1, max_size=8))
    def rename(self, data, name):
        self._do(SetName(data.draw(st.sampled_from(self.doc.ids())), name))

    @precondition(lambda self: len(self.doc) > 1)
    @rule(data=st.data())
    def arrange_like_batch(self, data):
        ids = self.doc.ids()
        a = data.draw(st.sampled_from(ids))
        self._do(Batch((MoveNodes({i: (float(k), 0.0) for k, i in enumerate(ids)}), SetName(a, "batched"))))

    @invariant()
    def undo_all_restores_original_and_redo_all_reapplies(self):
        if not hasattr(self, "doc") or not self.history:
            return
        final = self.doc.spec
        redos = []
        for before, inverse, _after in reversed(self.history):
            redos.append(self.doc.apply(inverse))
            assert self.doc.spec == before
        assert self.doc.spec == self.original
        for (_before, _inverse, after), redo in zip(self.history, reversed(redos)):
            new_inverse = self.doc.apply(redo)
            assert self.doc.spec == after
        assert self.doc.spec == final
        # the inverses obtained during redo are as good as the first ones: keep using fresh ones
        self.history[-1] = (self.history[-1][0], new_inverse, final)


EditSequence.TestCase.settings = settings(max_examples=60, stateful_step_count=25, deadline=None)
TestEditSequence = EditSequence.TestCase


def test_original_is_not_aliased():
    spec = {"nodes": [{"id": "a", "type": "Dense", "params": {"units": 1}}], "edges": []}
    kept = copy.deepcopy(spec)
    doc = Document(spec)
    doc.apply(SetParams("a", {"units": 2}))
    assert spec == kept

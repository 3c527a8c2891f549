"""The table of small networks every exporter is checked on: every layer type and every activation.

Each case is (case id, spec). Weights are drawn at random (biases, BN statistics included) so a wrongly
mapped tensor cannot hide behind zeros or ones.
"""

from __future__ import annotations

import numpy as np

from nnstudio.engine import activations
from nnstudio.engine.network import Network


def _chain(input_shape, *layers):
    """A spec for Input -> layers in a chain; each layer is (type, params)."""
    nodes = [{"id": "x", "type": "Input", "params": {"shape": list(input_shape)}}]
    for i, (kind, params) in enumerate(layers):
        nodes.append({"id": f"n{i}", "type": kind, "params": params})
    edges = [[a["id"], b["id"]] for a, b in zip(nodes, nodes[1:])]
    return {"nodes": nodes, "edges": edges}


def _graph(input_shape, nodes, edges):
    return {"nodes": [{"id": "x", "type": "Input", "params": {"shape": list(input_shape)}}]
            + [{"id": i, "type": t, "params": p} for i, t, p in nodes], "edges": edges}


def mlp(output_units, output_activation, regularizer=None, batchnorm=False):
    """3 inputs -> Dense(5, tanh) [-> BatchNormalization] -> Dense: the net the training-loop tests train."""
    nodes = [{"id": "x", "type": "Input", "params": {"shape": [3]}},
             {"id": "h", "type": "Dense", "params": {"units": 5, "activation": "tanh",
                                                     "kernel_regularizer": regularizer}}]
    if batchnorm:
        nodes.append({"id": "bn", "type": "BatchNormalization", "params": {}})
    nodes.append({"id": "y", "type": "Dense", "params": {"units": output_units,
                                                         "activation": output_activation}})
    return {"nodes": nodes, "edges": [[a["id"], b["id"]] for a, b in zip(nodes, nodes[1:])]}


ACTIVATION_CONFIGS = [*activations.names(), {"name": "leaky_relu", "alpha": 0.2},
                      {"name": "elu", "alpha": 0.5}, {"name": "celu", "alpha": 0.5},
                      {"name": "softplus", "beta": 2.0, "threshold": 3.0}]


def _act_id(config) -> str:
    return config if isinstance(config, str) else "-".join(f"{v}" for v in config.values())


ACTIVATION_CASES = [(f"dense-{_act_id(a)}", _chain([5], ("Dense", {"units": 4, "activation": a})))
                    for a in ACTIVATION_CONFIGS]

CONV = {"filters": 3, "kernel_size": 3}
LAYER_CASES = [
    ("conv-valid-flatten", _chain([7, 7, 2], ("Conv2D", {**CONV, "activation": "relu"}), ("Flatten", {}),
                                  ("Dense", {"units": 2}))),
    ("conv-same-stride2-uneven", _chain([6, 6, 2], ("Conv2D", {**CONV, "strides": 2, "padding": "same",
                                                               "activation": "tanh"}))),
    ("conv-same-pair-nobias", _chain([5, 5, 1], ("Conv2D", {"filters": 2, "kernel_size": [2, 3],
                                                            "padding": "same", "use_bias": False}))),
    ("conv-strides-pair", _chain([8, 7, 3], ("Conv2D", {"filters": 2, "kernel_size": [3, 2],
                                                        "strides": [2, 1], "activation": "gelu"}))),
    ("conv-channel-softmax", _chain([4, 4, 2], ("Conv2D", {**CONV, "padding": "same",
                                                           "activation": "softmax"}))),
    ("maxpool-valid", _chain([6, 6, 2], ("MaxPooling2D", {}))),
    ("maxpool-same-uneven", _chain([5, 5, 2], ("MaxPooling2D", {"pool_size": 2, "padding": "same"}))),
    ("maxpool-same-even", _chain([6, 6, 1], ("MaxPooling2D", {"pool_size": 3, "strides": 1,
                                                              "padding": "same"}))),
    ("maxpool-strides", _chain([7, 7, 1], ("MaxPooling2D", {"pool_size": 3, "strides": 2}))),
    ("avgpool-valid", _chain([6, 6, 2], ("AveragePooling2D", {"pool_size": [2, 3]}))),
    ("avgpool-same-uneven", _chain([5, 5, 2], ("AveragePooling2D", {"pool_size": 2, "padding": "same"}))),
    ("avgpool-same-even", _chain([6, 6, 1], ("AveragePooling2D", {"pool_size": 3, "strides": 1,
                                                                  "padding": "same"}))),
    ("global-average", _chain([5, 5, 2], ("Conv2D", {**CONV, "activation": "relu"}),
                              ("GlobalAveragePooling2D", {}), ("Dense", {"units": 2, "activation": "sigmoid"}))),
    ("batchnorm-flat", _chain([4], ("Dense", {"units": 6}), ("BatchNormalization", {"epsilon": 0.01}),
                              ("Activation", {"activation": "relu"}), ("Dense", {"units": 1}))),
    ("batchnorm-image", _chain([5, 5, 2], ("Conv2D", {**CONV, "padding": "same"}),
                               ("BatchNormalization", {"momentum": 0.9}), ("Flatten", {}))),
    ("batchnorm-sequence", _chain([12], ("Reshape", {"target_shape": [3, 4]}), ("BatchNormalization", {}),
                                  ("Flatten", {}))),
    ("batchnorm-4-axes", _chain([24], ("Reshape", {"target_shape": [2, 2, 2, 3]}), ("BatchNormalization", {}),
                                ("Flatten", {}))),
    ("dropout", _chain([5], ("Dense", {"units": 6, "activation": "relu"}), ("Dropout", {"rate": 0.5}),
                       ("Dense", {"units": 2}))),
    ("reshape-flat-to-image", _chain([16], ("Reshape", {"target_shape": [4, 4, 1]}),
                                     ("Conv2D", {"filters": 2, "kernel_size": 3, "padding": "same"}),
                                     ("Flatten", {}))),
    ("reshape-image-to-flat", _chain([4, 4, 2], ("Reshape", {"target_shape": [-1]}),
                                     ("Dense", {"units": 3}))),
    ("reshape-image-to-image", _chain([4, 4, 2], ("Reshape", {"target_shape": [2, -1, 2]}),
                                      ("Conv2D", {"filters": 2, "kernel_size": 2}), ("Flatten", {}))),
    ("activation-layer-image-softmax", _chain([3, 3, 4], ("Activation", {"activation": "softmax"}))),
    ("add-residual", _graph([5], [("a", "Dense", {"units": 5, "activation": "relu"}), ("s", "Add", {}),
                                  ("o", "Dense", {"units": 2})],
                            [["x", "a"], ["x", "s"], ["a", "s"], ["s", "o"]])),
    ("add-three-images", _graph([4, 4, 2], [("c1", "Conv2D", {"filters": 2, "kernel_size": 3, "padding": "same"}),
                                            ("c2", "Conv2D", {"filters": 2, "kernel_size": 1}),
                                            ("s", "Add", {})],
                                [["x", "c1"], ["x", "c2"], ["c1", "s"], ["x", "s"], ["c2", "s"]])),
    ("concatenate-flat", _graph([5], [("a", "Dense", {"units": 3}), ("b", "Dense", {"units": 4}),
                                      ("c", "Concatenate", {}), ("o", "Dense", {"units": 2})],
                                [["x", "a"], ["x", "b"], ["b", "c"], ["a", "c"], ["c", "o"]])),
    ("concatenate-channels", _graph([4, 4, 2], [("a", "Conv2D", {"filters": 3, "kernel_size": 3, "padding": "same"}),
                                                ("c", "Concatenate", {"axis": -1}), ("f", "Flatten", {})],
                                    [["x", "a"], ["a", "c"], ["x", "c"], ["c", "f"]])),
    ("concatenate-rows", _graph([4, 3, 2], [("a", "Conv2D", {"filters": 2, "kernel_size": 3, "padding": "same"}),
                                            ("c", "Concatenate", {"axis": 1}),
                                            ("k", "Conv2D", {"filters": 2, "kernel_size": 2}),
                                            ("f", "Flatten", {})],
                                [["x", "a"], ["x", "c"], ["a", "c"], ["c", "k"], ["k", "f"]])),
    ("awkward-ids", {"nodes": [{"id": "input", "type": "Input", "params": {"shape": [3]}},
                               {"id": "hidden layer 1", "type": "Dense", "params": {"units": 4}},
                               {"id": "class", "type": "Dense", "params": {"units": 4, "activation": "relu"}},
                               {"id": "2nd/out\"", "type": "Add", "params": {}},
                               {"id": "self", "type": "Dense", "params": {"units": 2, "activation": "softmax"}}],
                     "edges": [["input", "hidden layer 1"], ["hidden layer 1", "class"],
                               ["class", "2nd/out\""], ["hidden layer 1", "2nd/out\""], ["2nd/out\"", "self"]]}),
    ("digits-cnn", _chain([8, 8, 1], ("Conv2D", {"filters": 4, "kernel_size": 3, "padding": "same",
                                                 "activation": "relu"}),
                          ("MaxPooling2D", {}), ("Conv2D", {"filters": 8, "kernel_size": 3, "padding": "same",
                                                            "activation": "relu"}),
                          ("MaxPooling2D", {}), ("Flatten", {}), ("Dense", {"units": 10, "activation": "softmax"}))),
    # recurrent layers: torch's own modules, the cells written out (relu, hard_sigmoid gates, reset before)
    ("course-lstm-relu", _chain([10, 1], ("LSTM", {"units": 6, "activation": "relu"}), ("Dense", {"units": 1}))),
    ("lstm-stacked-sequences", _chain([6, 3], ("LSTM", {"units": 4, "return_sequences": True}),
                                      ("LSTM", {"units": 3, "use_bias": False}), ("Dense", {"units": 2}))),
    ("lstm-hard-sigmoid-gates", _chain([5, 2], ("LSTM", {"units": 3, "recurrent_activation": "hard_sigmoid",
                                                         "return_sequences": True}), ("Flatten", {}))),
    ("lstm-elu-cell", _chain([4, 2], ("LSTM", {"units": 3, "activation": {"name": "elu", "alpha": 0.5}}))),
    ("simple-rnn-tanh", _chain([7, 2], ("SimpleRNN", {"units": 4}))),
    ("simple-rnn-relu-sequences", _chain([5, 2], ("SimpleRNN", {"units": 3, "activation": "relu",
                                                                "return_sequences": True}),
                                         ("Dense", {"units": 2, "activation": "tanh"}))),
    ("simple-rnn-elu-nobias", _chain([4, 3], ("SimpleRNN", {"units": 3, "activation": "elu", "use_bias": False}))),
    ("gru", _chain([6, 2], ("GRU", {"units": 4}), ("Dense", {"units": 1, "activation": "sigmoid"}))),
    ("gru-sequences-nobias", _chain([5, 3], ("GRU", {"units": 3, "use_bias": False, "return_sequences": True}))),
    ("gru-reset-before", _chain([6, 2], ("GRU", {"units": 4, "reset_after": False}))),
    ("gru-relu-sequences", _chain([4, 2], ("GRU", {"units": 3, "activation": "relu", "return_sequences": True}),
                                  ("GRU", {"units": 2}))),
    ("embedding-lstm", _chain([7], ("Embedding", {"input_dim": 5, "output_dim": 3}), ("LSTM", {"units": 4}),
                              ("Dense", {"units": 2, "activation": "softmax"}))),
    ("dense-per-timestep", _chain([4, 3], ("Dense", {"units": 2, "activation": "relu"}), ("Flatten", {}))),
]

CASES = ACTIVATION_CASES + LAYER_CASES
CASE_IDS = [c[0] for c in CASES]


def random_weights(net: Network, seed: int = 1) -> dict:
    """Random values for every tensor, with variances kept positive."""
    rng = np.random.default_rng(seed)
    out = {}
    for node_id, params in net.get_weights().items():
        out[node_id] = {}
        for name, w in params.items():
            if name in ("moving_variance", "gamma"):
                out[node_id][name] = rng.uniform(0.5, 1.5, w.shape)
            else:
                out[node_id][name] = rng.normal(0.0, 0.5, w.shape)
    return out


def reference(spec: dict, dtype: str = "float32", samples: int = 6, seed: int = 1):
    """(weights, X, predictions of nnstudio's engine) for ``spec``."""
    net = Network.from_config(spec, seed=0, dtype=dtype)
    weights = random_weights(net, seed)
    net.set_weights(weights)
    rng = np.random.default_rng(seed + 1)
    tokens = [layer.input_dim for layer in net.layers.values() if layer.INDEX_INPUTS]  # Embedding
    if tokens:  # token numbers every table holds
        X = rng.integers(0, min(tokens), (samples, *net.input_shape)).astype(dtype)
    else:
        X = rng.normal(0.0, 1.0, (samples, *net.input_shape)).astype(dtype)
    return weights, X, net.predict(X)

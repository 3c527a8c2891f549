"""Geometry shared by the exporters: window sizes, "same" padding (the engine's arithmetic), axis mapping.

nnstudio images are channels-last (N, H, W, C); PyTorch and ONNX convolutions want channels-first
(N, C, H, W). Those exporters keep every image-shaped tensor (rank 3 without the batch axis)
channels-first and every other tensor as nnstudio holds it.
"""

from __future__ import annotations

from nnstudio.engine.layers.base import pair
from nnstudio.engine.layers.windows import same_padding

from .graph import Node


def window(node: Node) -> tuple[tuple[int, int], tuple[int, int]]:
    """(kernel, strides) of a node with a ``kernel_size`` (convolution) or a ``pool_size`` (pooling), strides
    defaulting to the pool size like Keras."""
    kernel = pair(node.params["kernel_size"] if "kernel_size" in node.params else node.params["pool_size"])
    strides = node.params.get("strides")
    return kernel, (kernel if strides is None else pair(strides))


def paddings(node: Node) -> tuple[int, int, int, int]:
    """(top, bottom, left, right) padding of a Conv2D or pooling node on its (H, W, C) input."""
    if node.params.get("padding", "valid") != "same":
        return 0, 0, 0, 0
    (kh, kw), (sh, sw) = window(node)
    h, w = node.input_shapes[0][0], node.input_shapes[0][1]
    top, bottom = same_padding(h, kh, sh)
    left, right = same_padding(w, kw, sw)
    return top, bottom, left, right


def is_image(shape: tuple[int, ...]) -> bool:
    """Image tensors (H, W, C) are the ones held channels-first by PyTorch and ONNX."""
    return len(shape) == 3


# channels-last axis (batch = 0, as Keras counts) -> channels-first axis, for image tensors
_NHWC_TO_NCHW = {0: 0, 1: 2, 2: 3, 3: 1}


def channels_first_axis(axis: int, shape: tuple[int, ...]) -> int:
    """The axis of a channels-first tensor that is ``axis`` of the channels-last one (Keras numbering)."""
    rank = len(shape) + 1
    axis = axis % rank
    return _NHWC_TO_NCHW[axis] if is_image(shape) else axis

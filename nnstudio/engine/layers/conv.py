"""Convolution: Conv2D on channels-last images, as im2col + one matrix product."""

from __future__ import annotations

import numpy as np

from .. import halves
from ..params import ParamSpec
from . import windows as win
from .base import describe, pair
from .core import ACTIVATION, BIAS_INIT, KERNEL_INIT, REGULARIZER, USE_BIAS, WeightedLayer
from ...i18n import N_, _

PADDING = ParamSpec("padding", "choice", "valid",
                    N_("'valid': only where the window fits; 'same': pad so the output keeps the size "
                       "(divided by the stride)"), choices=("valid", "same"))


class Conv2D(WeightedLayer):
    TYPE = "Conv2D"
    ICON = "conv2d"
    STARTING_PARAMS = {"filters": 16, "kernel_size": 3, "padding": "same", "activation": "relu"}
    IMAGE_FILTERS = True
    CARD_PARAMS = ("filters", "kernel_size", "padding", "activation", "kernel_initializer")
    CATEGORY = "Convolution"
    DESCRIPTION = N_("Slides small learned filters over an image; each filter makes one output channel.")
    PARAMS = [ParamSpec("filters", "int", None, N_("number of filters (output channels)"), min=1, required=True),
              ParamSpec("kernel_size", "int_or_pair", None, N_("filter height and width, e.g. 3 or [3, 3]"),
                        required=True),
              ParamSpec("strides", "int_or_pair", 1, N_("step between windows")),
              PADDING, ACTIVATION, USE_BIAS, KERNEL_INIT, BIAS_INIT, REGULARIZER]

    def configure(self):
        self.filters = self.params["filters"]
        self.kh, self.kw = pair(self.params["kernel_size"])
        self.sh, self.sw = pair(self.params["strides"])
        self.padding = self.params["padding"]
        self.configure_activation()

    def output_shape(self, input_shapes):
        shape = input_shapes[0]
        if len(shape) != 3:
            hint = _(" (add a Reshape to (height, width, channels) before it)") if len(shape) == 1 else ""
            raise self.fail(_("needs an image input (height, width, channels) but receives {shape}{hint}.")
                            .format(shape=describe(shape), hint=hint))
        h, w, _channels = shape
        if self.padding == "valid" and (self.kh > h or self.kw > w):
            raise self.fail(_("has a {kh}x{kw} kernel, larger than its {h}x{w} input: use a smaller "
                              "kernel_size or padding 'same'.").format(kh=self.kh, kw=self.kw, h=h, w=w), "kernel_size")
        ho, wo, _pads = win.geometry(h, w, self.kh, self.kw, self.sh, self.sw, self.padding)
        return (ho, wo, self.filters)

    def weight_shapes(self, input_shapes):
        out = {"kernel": ((self.kh, self.kw, input_shapes[0][2], self.filters), True)}
        if self.use_bias:
            out["bias"] = ((self.filters,), True)
        return out

    def product_size(self, input_shapes):
        ho, wo, _ = self.output_shape(input_shapes)
        return ho * wo * self.kh * self.kw * input_shapes[0][2] * self.filters  # windows by kernels

    def _z(self, x, params, tile=None):
        """z as (N*Ho*Wo, F), the window matrix, the padded input's shape, the pads, Ho and Wo."""
        n, h, w, c = x.shape
        ho, wo, pads = win.geometry(h, w, self.kh, self.kw, self.sh, self.sw, self.padding)
        xp = win.pad(x, pads)
        # a grey image's window matrix is narrow (kh*kw columns): a column of ones then carries the bias through
        # the product, one pass fewer over the output (17 MB for the course CNN's first layer)
        biased = self.use_bias and c == 1
        cols = win.im2col_matrix(xp, self.kh, self.kw, self.sh, self.sw, ho, wo, ones=biased, tile=tile)
        kernel = params["kernel"].reshape(-1, self.filters)
        if biased:
            kernel = np.concatenate([kernel, params["bias"][None]])
        z = halves.matmul(cols, kernel)  # z = cols (N*Ho*Wo, kh*kw*C) @ K (kh*kw*C, F) + b
        if self.use_bias and not biased:
            z += params["bias"]
        return z, cols, xp.shape, pads, ho, wo

    def forward(self, inputs, params, state, training, activate=True):
        z, cols, padded_shape, pads, ho, wo = self._z(inputs[0], params)
        z = z.reshape(len(inputs[0]), ho, wo, self.filters)
        a = self.activate(z) if activate else z
        return a, (cols, padded_shape, pads, z, a)

    def lays_out_windows(self, input_shapes) -> bool:
        """Whether ``forward_windows`` applies: a grey image (its window matrix is copied plane by plane, in
        any order) and no input gradient to give back in the usual layout."""
        return input_shapes[0][2] == 1 and not self.needs_input_grad

    def forward_windows(self, inputs, params, tile):
        """z without the activation, its pixels in the order of the (ph, pw) max pool windows that tile it:
        (N, ph, pw, Ho/ph, Wo/pw, F), so the pool that follows reads and writes each window position as one
        contiguous block. The network's training walk asks for it (``lays_out_windows``); the backward takes
        the gradient in the same order."""
        z, cols, padded_shape, pads, ho, wo = self._z(inputs[0], params, tile)
        ph, pw = tile
        z = z.reshape(len(inputs[0]), ph, pw, ho // ph, wo // pw, self.filters)
        return z, (cols, padded_shape, pads, z, z)

    def backward_preactivation(self, grad_z, cache, params):
        cols, padded_shape, pads = cache[0], cache[1], cache[2]
        kernel = params["kernel"]
        g = grad_z.reshape(-1, self.filters)
        dk = halves.matmul_t(cols, g)  # dK = cols^T dz
        if cols.shape[1] > kernel.size // self.filters:   # the column of ones: its row is the bias gradient
            grads = {"kernel": dk[:-1].reshape(kernel.shape), "bias": dk[-1]}
        else:
            grads = {"kernel": dk.reshape(kernel.shape)}
            if self.use_bias:
                grads["bias"] = self.bias_gradient(g)
        if not self.needs_input_grad:
            return [None], grads
        n, ho, wo = grad_z.shape[:3]
        if self.sh == self.sw == 1 and not _col2im_moves_less(padded_shape, pads, ho, wo, self.filters):
            return [self._input_gradient_stride1(grad_z, kernel, padded_shape, pads)], grads
        # the window gradients dz K^T, one product per kernel position: block k = dz K_k^T, (N*Ho*Wo, C)
        c = kernel.shape[2]
        per_position = kernel.reshape(self.kh * self.kw, c, self.filters).transpose(0, 2, 1)
        blocks = halves.matmul_each(g, per_position, np.empty((self.kh * self.kw, len(g), c), dtype=g.dtype))
        dxp = win.col2im_blocks(blocks.reshape(self.kh * self.kw, n, ho, wo, c), padded_shape, self.kw,
                                self.sh, self.sw)
        return [win.crop(dxp, pads)], grads

    def _input_gradient_stride1(self, grad_z, kernel, padded_shape, pads):
        """dx as one more convolution: dz padded by (k - 1 - pad) correlated with the flipped kernel,
        dx[h, w] = sum_ij dz[h + top - i, w + left - j] K[i, j]^T; one im2col + GEMM instead of col2im."""
        (pt, pb), (pl, pr) = pads
        n, h, w = grad_z.shape[0], padded_shape[1] - pt - pb, padded_shape[2] - pl - pr
        gp = win.pad(grad_z, ((self.kh - 1 - pt, self.kh - 1 - pb), (self.kw - 1 - pl, self.kw - 1 - pr)))
        cols = win.im2col(gp, self.kh, self.kw, 1, 1, h, w)
        flipped = np.ascontiguousarray(kernel[::-1, ::-1].transpose(0, 1, 3, 2)).reshape(-1, kernel.shape[2])
        return (cols.reshape(n * h * w, -1) @ flipped).reshape(n, h, w, kernel.shape[2])


def _col2im_moves_less(padded_shape, pads, ho: int, wo: int, filters: int) -> bool:
    """Which stride-1 input gradient moves fewer floats: col2im writes the window gradients
    (N, Ho, Wo, kh, kw, C) and reads them back to add them up; the stride-1 path copies the windows of the
    padded output gradient, (N, H, W, kh, kw, F). col2im wins when 2 Ho Wo C < H W F (docs/engine.md)."""
    (pt, pb), (pl, pr) = pads
    h, w, c = padded_shape[1] - pt - pb, padded_shape[2] - pl - pr, padded_shape[3]
    return 2 * ho * wo * c < h * w * filters

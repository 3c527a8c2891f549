"""Pooling: MaxPooling2D, AveragePooling2D (Keras padding; 'same' averages only real pixels) and
GlobalAveragePooling2D."""

from __future__ import annotations

import numpy as np

from .. import halves
from ..params import ParamSpec
from . import card
from . import windows as win
from .base import Layer, describe, pair
from .conv import PADDING
from ...i18n import N_, _


class _Pool2D(Layer):
    CATEGORY = "Convolution"
    PARAMS = [ParamSpec("pool_size", "int_or_pair", 2, N_("window height and width, e.g. 2 or [2, 2]")),
              ParamSpec("strides", "optional_int_or_pair", None, N_("step between windows (None: the pool size)")),
              PADDING]

    @classmethod
    def card_parts(cls, params):
        strides = params.get("strides")
        return [card.pair_text(params.get("pool_size"))] + (
            [] if strides is None else [f"stride {card.pair_text(strides)}"])

    def configure(self):
        self.ph, self.pw = pair(self.params["pool_size"])
        strides = self.params["strides"]
        self.sh, self.sw = (self.ph, self.pw) if strides is None else pair(strides)
        self.padding = self.params["padding"]

    def output_shape(self, input_shapes):
        shape = input_shapes[0]
        if len(shape) != 3:
            raise self.fail(_("needs an image input (height, width, channels) but receives {shape}.")
                            .format(shape=describe(shape)))
        h, w, c = shape
        if self.padding == "valid" and (self.ph > h or self.pw > w):
            raise self.fail(_("has a {ph}x{pw} pool, larger than its {h}x{w} input: use a smaller "
                              "pool_size or padding 'same'.").format(ph=self.ph, pw=self.pw, h=h, w=w), "pool_size")
        ho, wo, _pads = win.geometry(h, w, self.ph, self.pw, self.sh, self.sw, self.padding)
        return (ho, wo, c)

    def _geometry(self, x):
        return win.geometry(x.shape[1], x.shape[2], self.ph, self.pw, self.sh, self.sw, self.padding)


class MaxPooling2D(_Pool2D):
    TYPE = "MaxPooling2D"
    ICON = "max_pooling2d"
    STARTING_PARAMS = {"pool_size": 2}
    DESCRIPTION = N_("Keeps the largest value of each small window: shrinks the image, keeps strong features.")

    def forward(self, inputs, params, state, training):
        x = inputs[0]
        ho, wo, pads = self._geometry(x)
        xp = win.pad(x, pads, -np.inf)  # padding never wins the max
        # the max over the window positions: one strided view per position, no window copy, no argmax
        out = np.empty((len(xp), ho, wo, xp.shape[3]), dtype=xp.dtype)

        def pool(rows):
            part, x_rows = out[rows], xp[rows]
            np.copyto(part, win.shifted(x_rows, 0, 0, self.sh, self.sw, ho, wo))
            for i in range(self.ph):
                for j in range(self.pw):
                    if i or j:
                        np.maximum(part, win.shifted(x_rows, i, j, self.sh, self.sw, ho, wo), out=part)

        halves.rows(len(xp), xp.size, pool)
        return out, (xp, out, pads)

    def tile(self, input_shapes):
        """(ph, pw) when the windows tile the input exactly (stride = pool size, no padding, no pixel left
        over), else None: then a grey conv before it may lay its output out window by window."""
        h, w, _c = input_shapes[0]
        exact = (self.sh, self.sw) == (self.ph, self.pw) and h % self.ph == 0 and w % self.pw == 0
        return (self.ph, self.pw) if exact else None

    def forward_windows(self, inputs, params, tile):
        """The maxima of an input laid out window by window (``Conv2D.forward_windows``): the window positions
        are contiguous blocks, so each pass runs over long rows."""
        z = inputs[0]
        out = np.empty((len(z),) + z.shape[3:], dtype=z.dtype)

        positions = [(i, j) for i in range(tile[0]) for j in range(tile[1])]

        def pool(rows):
            part, z_rows = out[rows], z[rows]
            if len(positions) == 1:
                np.copyto(part, z_rows[:, 0, 0])
            else:
                (i0, j0), (i1, j1) = positions[:2]
                np.maximum(z_rows[:, i0, j0], z_rows[:, i1, j1], out=part)
            for i, j in positions[2:]:
                np.maximum(part, z_rows[:, i, j], out=part)

        halves.rows(len(z), z.size, pool)
        return out, (z, out, None)

    def backward(self, grad_out, cache, params):
        return [self._route(grad_out, cache, through_relu=False)], {}

    def backward_through_relu(self, grad_out, cache):
        """The gradient of the pre-activation of a relu layer whose output this pool alone reads: the pool's
        backward and relu's in one pass. A window whose maximum is 0 routes nothing (relu would zero it), and
        where the maximum is positive its pixel's relu slope is 1. The network's training walk uses it."""
        return self._route(grad_out, cache, through_relu=True)

    def _route(self, grad_out, cache, through_relu: bool):
        xp, out, pads = cache
        if pads is None:
            return self._route_windows(grad_out, xp, out, through_relu)
        ho, wo = out.shape[1:3]
        overlapping = self.sh < self.ph or self.sw < self.pw
        tiled = self.sh == self.ph and self.sw == self.pw
        if tiled:
            # every pixel of the windows is written below exactly once: only the rows and columns past the
            # last window need zeros (a zeroed copy of a conv layer's output is a pass over 17 MB)
            dxp = np.empty_like(xp)
            dxp[:, ho * self.ph:] = 0
            dxp[:, :ho * self.ph, wo * self.pw:] = 0
        else:
            dxp = np.zeros_like(xp)
        # the gradient goes to the FIRST maximum of each window in row-major order, as PyTorch's does
        # (ties are common: a window of relu zeros)

        def route(rows):
            x_rows, d_rows, m_rows, g_rows = xp[rows], dxp[rows], out[rows], grad_out[rows]
            # windows whose maximum is not found yet (through relu: none whose maximum is 0)
            free = np.greater(m_rows, 0) if through_relu else np.ones(m_rows.shape, dtype=bool)
            hit = np.empty(m_rows.shape, dtype=bool)
            for i in range(self.ph):
                for j in range(self.pw):
                    np.equal(win.shifted(x_rows, i, j, self.sh, self.sw, ho, wo), m_rows, out=hit)
                    np.logical_and(hit, free, out=hit)
                    np.logical_xor(free, hit, out=free)
                    view = win.shifted(d_rows, i, j, self.sh, self.sw, ho, wo)
                    if overlapping:
                        view += g_rows * hit
                    else:  # each pixel is in one window at most: write, do not add
                        np.multiply(g_rows, hit, out=view)

        halves.rows(len(xp), xp.size, route)
        return win.crop(dxp, pads)

    def _route_windows(self, grad_out, z, out, through_relu: bool):
        """``_route`` for an input laid out window by window: the gradient in the same layout."""
        dz = np.empty_like(z)
        ph, pw = z.shape[1:3]

        def route(rows):
            z_rows, d_rows, m_rows, g_rows = z[rows], dz[rows], out[rows], grad_out[rows]
            # windows already given their gradient (through relu: from the start, those whose maximum is 0)
            taken = np.less_equal(m_rows, 0) if through_relu else np.zeros(m_rows.shape, dtype=bool)
            hit = np.empty(m_rows.shape, dtype=bool)
            for i in range(ph):
                for j in range(pw):
                    np.equal(z_rows[:, i, j], m_rows, out=hit)
                    np.greater(hit, taken, out=hit)          # the first maximum only
                    np.logical_or(taken, hit, out=taken)
                    np.multiply(g_rows, hit, out=d_rows[:, i, j])

        halves.rows(len(z), z.size, route)
        return dz


class AveragePooling2D(_Pool2D):
    TYPE = "AveragePooling2D"
    ICON = "average_pooling2d"
    STARTING_PARAMS = {"pool_size": 2}
    DESCRIPTION = N_("Replaces each small window by its average: shrinks the image smoothly.")

    def _counts(self, x, ho, wo, pads):
        """How many real (unpadded) pixels each window holds: Keras divides by that, not by the pool area."""
        if pads == ((0, 0), (0, 0)):
            return None
        ones = win.pad(np.ones((1,) + x.shape[1:3] + (1,), dtype=x.dtype), pads)
        return win.windows(ones, self.ph, self.pw, self.sh, self.sw, ho, wo).sum(axis=(3, 4))

    def forward(self, inputs, params, state, training):
        x = inputs[0]
        ho, wo, pads = self._geometry(x)
        xp = win.pad(x, pads)
        total = win.windows(xp, self.ph, self.pw, self.sh, self.sw, ho, wo).sum(axis=(3, 4))
        counts = self._counts(x, ho, wo, pads)
        out = total / (self.ph * self.pw) if counts is None else total / counts
        return out, (xp.shape, pads, counts)

    def backward(self, grad_out, cache, params):
        padded_shape, pads, counts = cache
        g = grad_out / (self.ph * self.pw) if counts is None else grad_out / counts
        n, ho, wo, c = g.shape
        dcols = np.broadcast_to(g[:, :, :, None, None, :], (n, ho, wo, self.ph, self.pw, c))
        dxp = win.col2im(dcols, padded_shape, self.sh, self.sw)
        return [win.crop(dxp, pads)], {}


class GlobalAveragePooling2D(Layer):
    TYPE = "GlobalAveragePooling2D"
    ICON = "global_average_pooling2d"
    CATEGORY = "Convolution"
    DESCRIPTION = N_("Averages each channel over the whole image: one number per channel.")

    def output_shape(self, input_shapes):
        shape = input_shapes[0]
        if len(shape) != 3:
            raise self.fail(_("needs an image input (height, width, channels) but receives {shape}.")
                            .format(shape=describe(shape)))
        return (shape[2],)

    def forward(self, inputs, params, state, training):
        x = inputs[0]
        return x.mean(axis=(1, 2)), x.shape

    def backward(self, grad_out, cache, params):
        n, h, w, c = cache
        g = grad_out / (h * w)
        return [np.broadcast_to(g[:, None, None, :], cache).copy()], {}

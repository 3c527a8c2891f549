"""The activation explorer's curves: every registry activation, its own derivative, its flat regions."""

import numpy as np
import pytest

from nnstudio.engine import activations
from nnstudio.engine.activation_curves import FLAT_FRACTION, curve, depth_factor, flat_regions

ELEMENTWISE = [n for n in activations.names() if n != "softmax"]


@pytest.mark.parametrize("name", activations.names())
def test_every_activation_has_a_curve_and_its_slope_is_the_derivative(name):
    c = curve(name)
    assert c.z.shape == c.value.shape == c.slope.shape and np.isfinite(c.value).all() and np.isfinite(c.slope).all()
    if name in ELEMENTWISE:
        act = activations.get(name)
        np.testing.assert_allclose(c.value, act.forward(c.z), rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(c.slope, act.derivative(c.z), rtol=1e-12, atol=1e-15)
    corners = np.array([-3.0, 0.0, 3.0])  # ReLU-like and hard sigmoid corners
    smooth = np.abs(c.z[:, None] - corners).min(axis=1) > 0.05  # elsewhere the slope is the curve's own
    numeric = np.gradient(c.value, c.z)
    if activations.get(name).differentiable:
        np.testing.assert_allclose(c.slope[smooth][1:-1], numeric[smooth][1:-1], atol=0.02)


def test_softmax_reads_as_a_two_class_softmax():
    c = curve("softmax")
    sig = curve("sigmoid")
    np.testing.assert_allclose(c.value, sig.value, rtol=1e-12)
    np.testing.assert_allclose(c.slope, sig.slope, rtol=1e-9, atol=1e-15)


def test_the_sigmoid_slope_peaks_at_a_quarter_and_is_flat_beyond_about_3_6():
    c = curve("sigmoid")
    assert c.peak == pytest.approx(0.25)
    # s(1 - s) = 0.025 at s = (1 ± sqrt(0.9)) / 2, i.e. at |z| = log(s / (1 - s)) for the larger root
    edge = float(np.log((1 + np.sqrt(1 - 4 * 0.025)) / (1 - np.sqrt(1 - 4 * 0.025))))
    (lo0, hi0), (lo1, hi1) = c.flat
    assert lo0 == -6.0 and hi1 == 6.0
    assert hi0 == pytest.approx(-edge, abs=0.02) and lo1 == pytest.approx(edge, abs=0.02)
    assert depth_factor(c.peak, 10) == pytest.approx(0.25 ** 10)


@pytest.mark.parametrize("name, flat", [("relu", ((-6.0, 0.0),)), ("linear", ()), ("step", ((-6.0, 6.0),)),
                                        ("hard_sigmoid", ((-6.0, -3.0), (3.0, 6.0)))])
def test_flat_regions(name, flat):
    c = curve(name)
    assert len(c.flat) == len(flat)
    for got, want in zip(c.flat, flat):
        assert got == pytest.approx(want, abs=0.011)


def test_flat_regions_of_a_given_slope():
    z = np.linspace(-1, 1, 5)
    assert flat_regions(z, np.array([0.0, 1.0, 0.05, 1.0, 0.0])) == ((-1.0, -1.0), (0.0, 0.0), (1.0, 1.0))
    assert flat_regions(z, np.ones(5)) == ()
    assert FLAT_FRACTION == 0.1


@pytest.mark.parametrize("name, peak, approached", [
    ("softplus", 1.0, True),        # σ(z) → 1 as z grows: a limit, not the 0.998 at the plot's edge z = 6
    ("sigmoid", 0.25, False), ("relu", 1.0, False), ("tanh", 1.0, False),
    ("selu", 1.0507009873554805 * 1.6732632423543772, False),  # λ·α, just left of 0
])
def test_the_peak_is_the_supremum_over_all_z_not_over_the_plot(name, peak, approached):
    c = curve(name)
    assert c.peak == pytest.approx(peak, rel=1e-9) and c.peak_approached is approached

"""engine.perceptron: the rule one sample at a time is exactly what fit's perceptron loop does."""

import numpy as np
import pytest

from nnstudio.engine import Network, SpecError
from nnstudio.engine.perceptron import PerceptronWalk

from .helpers import XOR_X, XOR_Y, chain

AND_Y = np.array([[0], [0], [0], [1]], dtype=float)


def perceptron(act="step", units=1, seed=0):
    return Network.from_config(chain([2], ("Dense", {"units": units, "activation": act,
                                                     "kernel_initializer": "random_normal"})), seed=seed)


@pytest.mark.parametrize("act", ["step", "sign"])
@pytest.mark.parametrize("shuffle", [True, False])
@pytest.mark.parametrize("y", [AND_Y, XOR_Y], ids=["AND", "XOR"])
@pytest.mark.parametrize("epochs", [1, 3, 12])
def test_n_steps_equal_fit(act, shuffle, y, epochs):
    X = np.vstack([XOR_X, XOR_X + np.array([[0.3, -0.2]])])
    y = np.vstack([y, y])
    fitted, walked = perceptron(act), perceptron(act)
    history = fitted.fit(X, y, "mse", optimizer={"name": "perceptron", "learning_rate": 0.5}, epochs=epochs,
                         shuffle=shuffle, seed=7)
    walk = PerceptronWalk(walked, X, y, learning_rate=0.5, shuffle=shuffle, seed=7)
    for _ in range(epochs * len(X)):
        walk.step()
    for nid, arrays in fitted.get_weights().items():
        for k, a in arrays.items():
            np.testing.assert_array_equal(walked.get_weights()[nid][k], a)
    ran = len(history.epoch)        # fit stops after an epoch without mistakes
    assert walk.mistakes_per_epoch()[:ran] == [int(m) for m in history.history["mistakes"]]


def test_each_step_shows_the_rule_with_its_numbers():
    net = perceptron()
    walk = PerceptronWalk(net, XOR_X, AND_Y, learning_rate=1.0, shuffle=False)
    for _ in range(8):
        s = walk.step()
        np.testing.assert_allclose(s.z, s.x @ s.kernel_before + s.bias_before, rtol=1e-6)
        assert s.y_hat[0] == (1.0 if s.z[0] >= 0 else 0.0)
        np.testing.assert_array_equal(s.error, s.target - s.y_hat)
        np.testing.assert_allclose(s.kernel_after, s.kernel_before + np.outer(s.x, s.error), rtol=1e-6)
        np.testing.assert_allclose(s.bias_after, s.bias_before + s.error, rtol=1e-6)
        assert s.wrong == bool(s.error[0] != 0)


def test_back_restores_the_weights_and_replays_the_same_sample():
    net = perceptron()
    walk = PerceptronWalk(net, XOR_X, XOR_Y, shuffle=True, seed=3)
    first = [walk.step() for _ in range(6)]
    w = net.get_weights()
    walk.back()
    walk.back()
    np.testing.assert_array_equal(net.get_weights()["l1"]["kernel"], first[3].kernel_after)
    again = [walk.step(), walk.step()]
    assert [s.index for s in again] == [s.index for s in first[4:]]
    np.testing.assert_array_equal(net.get_weights()["l1"]["kernel"], w["l1"]["kernel"])


def test_and_settles_and_xor_never_does():
    walk_and = PerceptronWalk(perceptron(), XOR_X, AND_Y, shuffle=False)
    walk_xor = PerceptronWalk(perceptron(), XOR_X, XOR_Y, shuffle=False)
    for _ in range(4 * 100):
        walk_and.step()
        walk_xor.step()
    assert walk_and.settled() and walk_and.mistakes_per_epoch()[-1] == 0
    assert not walk_xor.settled() and min(walk_xor.mistakes_per_epoch()) >= 1


def test_a_network_the_rule_cannot_train_is_refused():
    net = Network.from_config(chain([2], ("Dense", {"units": 1, "activation": "sigmoid"})))
    with pytest.raises(SpecError, match="perceptron rule"):
        PerceptronWalk(net, XOR_X, AND_Y)

"""Write every sample project in samples/: the readable source of truth for them.

Run from anywhere: python samples/make_samples.py [--out FOLDER]. Rerunning gives byte-identical files
(saving is deterministic), and tests/project/test_samples.py checks that the committed files match this
script and that `nnstudio train` on each keeps the promise of its goal. Samples are saved untrained, but for
the hand-wired ones (HAND_WIRED), whose weights are the lesson.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

import numpy as np

from nnstudio.document.layout import arrange
from nnstudio.document.sklearn_recipe import Recipe, apply_to_project, translate
from nnstudio.project import Project

HERE = Path(__file__).resolve().parent
SAMPLE_CANVASES = [(420, 260), (680, 230)]   # the canvas' size in the window's first layout at 1024x768, 1280x720


# ---- small builders ----------------------------------------------------------------------------------
def _node(node_id: str, kind: str, name: str, **params) -> dict:
    return {"id": node_id, "type": kind, "params": params, "name": name}


def _chain(*nodes: dict) -> dict:
    """A spec of nodes connected one after another, laid out left to right for the canvas."""
    edges = [[a["id"], b["id"]] for a, b in zip(nodes, nodes[1:])]
    spec = {"nodes": list(nodes), "edges": edges}
    # the canvas's own Arrange, so samples open laid out as the user would see them; a long chain wraps into
    # rows where one row would be unreadable in the canvas of a 1024x768 or a 1280x720 window
    positions = arrange(spec, fit=SAMPLE_CANVASES)
    for node in nodes:
        node["position"] = list(positions[node["id"]])
    return spec


def _project(title: str, lesson: str, notes: str, spec: dict, source: dict, *, goal: dict,
             split: dict | None = None, scale: str | None = "standard", scale_target: bool = False,
             **training) -> Project:
    project = Project.new(title)
    project.lesson = lesson
    project.notes = notes.strip() + "\n"
    project.spec = spec
    preprocessing = {"scale": scale, **({"scale_target": True} if scale_target else {}), "fitted": None}
    project.data = {"source": source, "preprocessing": preprocessing,
                    "split": {"val": 0.0, "test": 0.0, "seed": 0, "stratify": True, **(split or {})}}
    project.training = {"loss": None, "optimizer": {"name": "adam", "learning_rate": 0.01}, "epochs": 100,
                        "batch_size": 32, "shuffle": True, "seed": 0, "early_stopping": None, **training}
    project.goal = goal
    return project


def _generator(name: str, seed: int = 0, **params) -> dict:
    return {"kind": "generator", "name": name, "params": params, "seed": seed}


def _builtin(name: str, as_images: bool = False) -> dict:
    return {"kind": "builtin", "name": name, "as_images": as_images}


# ---- the samples ---------------------------------------------------------------------------------------
def perceptron_and() -> Project:
    return _project(
        "Perceptron learns AND",
        "A single neuron with a step activation learns AND with the perceptron rule.",
        """
# A perceptron learns AND

One neuron: it weighs the two inputs, adds a bias and fires (outputs 1) when the sum is above zero.
The **perceptron rule** nudges the weights after every mistake: `w <- w + lr * (target - output) * x`.

AND is *linearly separable*: one straight line puts (1, 1) on one side and the other three corners on the
other, so the rule is guaranteed to find such a line. Watch the boundary move after each mistake; training
stops by itself after an epoch without mistakes.

**Try:** open Tools ▸ Perceptron Rule Sample by Sample and press *Next sample*: for each corner you see
the weighted sum, the output, the error and the new (w1, w2, b) with their numbers, and the line moves
toward the misclassified corner. Count the mistakes per epoch until an epoch has none.

**Try:** change the data to OR; then open *Perceptron fails XOR*.
""",
        _chain(_node("x", "Input", "inputs", shape=[2]),
               _node("y", "Dense", "neuron", units=1, activation="step")),
        _generator("and"), scale=None, optimizer={"name": "perceptron", "learning_rate": 1.0}, epochs=20,
        batch_size=1, goal={"metric": "accuracy", "at_least": 1.0, "epochs": 20})


def perceptron_xor() -> Project:
    project = perceptron_and()
    project.title = "Perceptron fails XOR"
    project.lesson = "No single straight line separates XOR, so a lone perceptron never gets all four right."
    project.notes = """
# A perceptron cannot learn XOR

The same single neuron as in *Perceptron learns AND*, now on XOR: (0, 1) and (1, 0) are class 1, (0, 0) and
(1, 1) are class 0. No straight line puts both class-1 corners on one side and both class-0 corners on the
other, so whatever weights the rule tries, at least one corner is wrong: accuracy never exceeds 75 %.
The rule keeps correcting mistakes forever and the boundary keeps jumping around.

The accuracy curve counts each corner as it is judged during the epoch, before the rule corrects the
weights for it; the boundary shows the weights after the epoch. So the two can disagree: an epoch that got
every corner wrong reads 0 % while the final picture has two corners right.

This is the limit Minsky and Papert pointed out in 1969. The cure is a hidden layer: open
*XOR with a hidden layer*.

**Try:** open Tools ▸ Perceptron Rule Sample by Sample and press *Rest of the epoch* again and again: the
mistakes per epoch never reach zero, and the line keeps jumping between the same few places.
""".strip() + "\n"
    project.data["source"] = _generator("xor")
    project.training["epochs"] = 50
    project.goal = {"metric": "accuracy", "at_most": 0.75, "epochs": 50}
    return project


def xor_step_units() -> Project:
    project = _project(
        "XOR wired by hand from step units",
        "Two step units compute AND and OR; a third outputs OR-and-not-AND: XOR, with weights chosen by hand.",
        """
# XOR wired by hand from step units

No training here: every weight was chosen by hand, as in the course's `mlp_xor`. Each unit fires (outputs 1)
when its weighted sum `z = w1*x1 + w2*x2 + b` is at least 0.

- Hidden unit 1 is **AND**: weights (1, 1), bias -1.5. Only (1, 1) gives z = 0.5 >= 0.
- Hidden unit 2 is **OR**: weights (1, 1), bias -0.5. Every corner but (0, 0) gives z >= 0.
- The output is **OR and not AND**: weights (-1, 1) from (AND, OR), bias -0.5. That is XOR.

Select the *hidden* layer on the canvas: the Inspector shows its **kernel** as a table, rows = inputs and
columns = units (column 1 is the AND unit, column 2 the OR unit), and its **bias** as one row. The
Predictions view draws the decision boundary: two parallel lines, with class 1 in the band between them.

**Try:** double-click the hidden bias -1.5 and type 0.5: the AND unit now fires for every corner and the
band changes; the accuracy drops. Edit ▸ Undo puts -1.5 back. **Try:** make the output weights (1, 1) with
bias -0.5: the network computes OR. **Try:** press Train: a step unit passes no gradient, so gradient
descent leaves every weight where it is.
""",
        _chain(_node("x", "Input", "inputs", shape=[2]),
               _node("h", "Dense", "AND, OR", units=2, activation="step"),
               _node("y", "Dense", "XOR", units=1, activation="step")),
        _generator("xor"), scale=None, loss="binary_crossentropy", optimizer={"name": "sgd", "learning_rate": 0.1}, epochs=1,
        batch_size=4, goal={"metric": "accuracy", "at_least": 1.0, "epochs": 1})
    project.weights = {
        "h": {"kernel": np.ones((2, 2), np.float32), "bias": np.array([-1.5, -0.5], np.float32)},   # AND, OR
        "y": {"kernel": np.array([[-1.0], [1.0]], np.float32), "bias": np.array([-0.5], np.float32)}}
    return project


def xor_hidden_layer() -> Project:
    return _project(
        "XOR with a hidden layer",
        "Ten tanh units in a hidden layer bend the boundary, and XOR becomes learnable.",
        """
# XOR with a hidden layer (2-10-1)

The network of the tutorial: two inputs, a hidden layer of 10 **tanh** units and one **sigmoid** output
that reads as "probability of class 1". Each hidden unit draws its own line; the output combines them, so
the boundary can bend around the corners that a single perceptron could not separate.

Trained with Adam and binary cross-entropy on the four corners, it gets all four right within a few
hundred epochs. **Try:** shrink the hidden layer to 1 unit (it fails like the perceptron), or 2 units
(usually enough, but not always: change the seed).
""",
        _chain(_node("x", "Input", "inputs", shape=[2]),
               _node("h", "Dense", "hidden", units=10, activation="tanh"),
               _node("y", "Dense", "output", units=1, activation="sigmoid")),
        _generator("xor"), optimizer={"name": "adam", "learning_rate": 0.05}, epochs=300, batch_size=4,
        goal={"metric": "accuracy", "at_least": 1.0, "epochs": 300})


def inside_one_step() -> Project:
    return _project(
        "Inside one step: backpropagation on XOR",
        "Follow one training step through a 2-3-1 network: every weighted sum, the loss, every δ, the update.",
        """
# Inside one training step

A small network on XOR, small enough to follow every number: two inputs, three **tanh** hidden units and
one **sigmoid** output, trained by plain gradient descent (SGD), so the update is the course's
`w <- w - lr * gradient`.

Open **Tools ▸ Step Inside One Training Step**, pick a sample and press *Forward*:

1. **Forward**, layer by layer: each unit's weighted sum `z = W·x + b` written out with the numbers, then
   `a = tanh(z)`; the output `a = sigmoid(z)` reads as the probability of class 1.
2. **The loss**: binary cross-entropy of that probability against the target.
3. **Backward**, layer by layer: at the output `δ = a − y`; in the hidden layer `δ` comes back through the
   output's weights and is multiplied by the slope of tanh; each weight's gradient is `input × δ`.
4. **The update**: every weight minus the learning rate times its gradient, before and after.

*Apply this step* makes it a real training step: the loss curve gets a point and the boundary moves.

**Try:** apply a few steps on the same sample and watch its loss fall; then press Train and let the other
samples have their turn. **Try:** take 4 samples in the step: the gradients become the average over them.
""",
        _chain(_node("x", "Input", "inputs", shape=[2]),
               _node("h", "Dense", "hidden", units=3, activation="tanh"),
               _node("y", "Dense", "output", units=1, activation="sigmoid")),
        _generator("xor"), optimizer={"name": "sgd", "learning_rate": 0.5}, epochs=400, batch_size=4,
        goal={"metric": "accuracy", "at_least": 1.0, "epochs": 400})


def keras_xor() -> Project:
    return _project(
        "XOR in Keras: tutorial 001 step by step",
        "Tutorial 001's Keras model: Dense 10 tanh, Dense 1 sigmoid, 41 weights, plain SGD on XOR.",
        """
# XOR as tutorial 001 builds it in Keras

This follows the Keras section of **tutorial 001** (its part three): the exclusive-or of two inputs,
learned by a small network, one step after the other.

**1. Build the model.** Two inputs, a Dense layer of **10 tanh** units, a Dense layer of **1 sigmoid**
unit. Open the summary (or look at the cards): the hidden layer has 10 × (2 weights + 1 bias) = 30
parameters and the output 10 + 1 = 11, **41** in all, the total Keras prints.

**2. Choose how it learns.** Binary cross-entropy as the loss, plain stochastic gradient descent with
learning rate **0.1**, accuracy as the metric: the `compile` line of the tutorial.

**3. Predict before training.** Open the Predict panel before pressing Train. The weights are random and
the biases zero, so the answers hover around 0.5 and mean nothing yet. The input (0, 0) gives exactly
0.5: with zero biases every weighted sum is 0 there, tanh(0) = 0 and sigmoid(0) = ½, in Keras as here.

**4. Train.** The tutorial trains for 100 epochs and ends with a loss of about 0.67 but all four answers
already on the right side of 0.5. Its tip says a first run may not get there: train longer or start again
from other random weights. This project trains for 1,000 epochs; somewhere between epoch 80 and 250 the
accuracy reaches 100 %, and the loss keeps falling below 0.1.

**5. Predict after training.** The four answers are now close to 0, 1, 1, 0, like the tutorial's
0.004 / 0.991 / 0.993 / 0.009.

**6. Save, then reload.** The tutorial saves the architecture as JSON (`model.to_json()`) and the weights
separately (`save_weights`), then rebuilds the model from both. In nnstudio one project file holds both:
save it, close it, open it again and predict: the answers are the same. To take the model to Keras, use
*Export → Keras*, which writes a script with the architecture and the trained weights.

**Where nnstudio differs.** The full batch of four rows is one batch, as with Keras's default batch size
of 32. Keras starts from other random numbers, so the epoch at which the last corner flips differs.
*XOR with a hidden layer* is the same network trained with Adam.
""",
        _chain(_node("x", "Input", "inputs", shape=[2]),
               _node("h", "Dense", "hidden", units=10, activation="tanh"),
               _node("y", "Dense", "output", units=1, activation="sigmoid")),
        _generator("xor"), scale=None, loss="binary_crossentropy",
        optimizer={"name": "sgd", "learning_rate": 0.1}, epochs=1000, batch_size=None,
        goal={"metric": "loss", "at_most": 0.1, "epochs": 1000})


def spiral() -> Project:
    return _project(
        "Spiral: depth bends the boundary",
        "Two interleaved spiral arms: two hidden layers of 16 tanh units learn to wind between them.",
        """
# The spiral

The classic of TensorFlow Playground: two spiral arms, each turning 1.75 times around the centre, one per
class. No straight line, and no single bend, separates them: the boundary has to wind between the arms.

The network has two hidden layers of 16 **tanh** units. Watch the decision boundary while it trains: it
starts as a smooth blob, then grows arms that follow the data outwards, ring by ring. The small pictures on
the cards show what each neuron has learned over the input plane: first-layer neurons draw straight edges,
second-layer neurons combine them into curves.

It reaches about 95 % validation accuracy within a few hundred epochs. **Try:** remove the second hidden
layer (it struggles), switch the activations to relu (faster, but a more jagged boundary), or raise the
noise in the Data panel.
""",
        _chain(_node("x", "Input", "inputs", shape=[2]),
               _node("h1", "Dense", "hidden 1", units=16, activation="tanh"),
               _node("h2", "Dense", "hidden 2", units=16, activation="tanh"),
               _node("out", "Dense", "output", units=1, activation="sigmoid")),
        _generator("spiral", n_samples=400, noise=0.05, classes=2), split={"val": 0.2},
        optimizer={"name": "adam", "learning_rate": 0.03}, epochs=400, batch_size=16,
        goal={"metric": "val_accuracy", "at_least": 0.9, "epochs": 400})


def house_prices() -> Project:
    return _project(
        "House prices (regression)",
        "Predict a price from floor area and age: one linear neuron is linear regression.",
        """
# House prices: regression

Twenty made-up houses: floor area (m²) and age (years), and the price in thousands. The target is
a number, not a class, so the output neuron has a **linear** activation and the loss is the **mean squared
error**. With one linear neuron this *is* linear regression, found by gradient descent.

The inputs are standardized (mean 0, spread 1) so both features move the weights at a similar pace.
The figures to watch are the mean absolute error (in thousands) and **R²** (1 is perfect, 0 is no better
than always guessing the average price).

**Try:** add a hidden layer of a few ReLU units; turn off scaling and see training slow down or diverge.
""",
        _chain(_node("x", "Input", "area and age", shape=[2]),
               _node("y", "Dense", "price", units=1, activation="linear")),
        _generator("house_prices"), optimizer={"name": "sgd", "learning_rate": 0.05}, epochs=200,
        batch_size=20, goal={"metric": "r2", "at_least": 0.95, "epochs": 200})


def house_price_network() -> Project:
    return _project(
        "House prices: the 2-4-1 network of tutorial 002",
        "Tutorial 002's NumPy network: 4 sigmoid units learn a price from floor area and age.",
        """
# House prices with a hidden layer (tutorial 002)

This follows the worked example of **tutorial 002**, the section that writes a network from scratch in
NumPy: the same 20 houses, the same network, the same training.

**The data.** Each house has a floor area (m²) and an age (years); the target is its price in thousand
euros. The tutorial rescales all three columns to mean 0 and spread 1 before training, and so does this
project: the inputs are standardized and so is the target (*scale target* in the preprocessing), using the
mean and the population standard deviation of the 20 rows.

**The network.** Two inputs, a hidden layer of **4 sigmoid** units and **one linear** output: 2·4 + 4 +
4·1 + 1 = 17 parameters. As in the tutorial, the weights start from a standard normal N(0, 1) and every
bias starts at **1**.

**The training.** Plain gradient descent on all 20 houses at once (full batch) for **2,000 epochs**. The
loss plotted is the mean squared error on the standardized price, the figure the tutorial prints every 100
epochs. It starts from a value that depends on the random weights (often above 1) and ends near 0.1: over
hundreds of random starts of the tutorial's own code it mostly ended between 0.06 and 0.25, about half the
time below 0.085.

**Where nnstudio differs.** The tutorial's backward pass uses the error *y − t* averaged over the houses.
That is the gradient of **½ × the mean squared error**: it leaves out the factor 2 that the derivative of
(y − t)² brings. nnstudio's `mse` keeps the factor, so its gradient is twice as large, and the tutorial's
learning rate **0.01** becomes **0.005** here: the two take exactly the same steps. (Equivalently, pick the
`sum_squared_error` loss, ½ Σ (y − t)² summed over the 20 houses, with learning rate 0.01 / 20 = 0.0005.)
The random start differs from the tutorial's (another random generator), so the curve differs in its
details, not in its shape.

**Predictions.** After training, predict the tutorial's two new houses in the Predict panel: 110 m² and 7
years, and 85 m² and 12 years. The answers come back in thousand euros, because nnstudio undoes the
target's scaling: expect roughly 205 to 225 and 165 to 180.

**Try:** set the learning rate to 0.01 (the tutorial's number, with nnstudio's `mse`): it learns twice as
fast. Switch the hidden activation to tanh, or turn off *scale target* and watch the loss.
""",
        _chain(_node("x", "Input", "area and age", shape=[2]),
               _node("h", "Dense", "hidden", units=4, activation="sigmoid",
                     kernel_initializer={"name": "random_normal", "mean": 0.0, "stddev": 1.0},
                     bias_initializer="ones"),
               _node("y", "Dense", "price", units=1, activation="linear",
                     kernel_initializer={"name": "random_normal", "mean": 0.0, "stddev": 1.0},
                     bias_initializer="ones")),
        _builtin("houses"), scale_target=True, loss="mse", optimizer={"name": "sgd", "learning_rate": 0.005},
        epochs=2000, batch_size=None, shuffle=False, goal={"metric": "loss", "at_most": 0.25, "epochs": 2000})


def iris_softmax() -> Project:
    return _project(
        "Iris: softmax classifier",
        "Three species from four measurements: a softmax layer gives one probability per class.",
        """
# Iris flowers: a softmax classifier

150 flowers, four measurements each (sepal and petal length and width, cm), three species. The output
layer has **3 units with softmax**: the outputs are positive and sum to 1, one probability per species,
and the loss is (sparse) categorical cross-entropy.

45 of the flowers (30 %) are kept aside as a **validation** set (stratified: each species keeps its share).
Good validation accuracy means the network learned the species, not the particular flowers.

**Try:** remove the hidden layer (a linear softmax classifier still does well: setosa is easy, the other
two overlap a little).
""",
        _chain(_node("x", "Input", "measurements", shape=[4]),
               _node("h", "Dense", "hidden", units=8, activation="relu"),
               _node("y", "Dense", "species", units=3, activation="softmax")),
        _builtin("iris"), split={"val": 0.3}, optimizer={"name": "adam", "learning_rate": 0.02},
        epochs=100, batch_size=16, goal={"metric": "val_accuracy", "at_least": 0.9, "epochs": 100})


def digits_mlp() -> Project:
    return _project(
        "Digits: a multilayer perceptron",
        "Handwritten 8x8 digits as 64 numbers each: one hidden layer reads them well.",
        """
# Handwritten digits with an MLP

1797 digits scanned as 8×8 grey images, flattened to 64 numbers per digit. A hidden layer of 64 ReLU
units feeds a softmax over the ten digits. The network does not know that pixels are neighbours: shuffle
the 64 columns the same way for every image and it learns exactly as well.

**Try:** look at the misclassified digits; compare with *Digits: a convolutional network*, which does use
the neighbourhood of each pixel.
""",
        _chain(_node("x", "Input", "pixels", shape=[64]),
               _node("h", "Dense", "hidden", units=64, activation="relu"),
               _node("y", "Dense", "digit", units=10, activation="softmax")),
        _builtin("digits"), split={"val": 0.2}, optimizer={"name": "adam", "learning_rate": 0.005},
        epochs=20, batch_size=32, goal={"metric": "val_accuracy", "at_least": 0.93, "epochs": 20})


def digits_cnn() -> Project:
    return _project(
        "Digits: a convolutional network",
        "Small filters slide over the 8x8 images and learn strokes wherever they appear.",
        """
# Handwritten digits with a CNN

The same digits, now kept as 8×8×1 images. A **Conv2D** layer slides 16 small 3×3 filters over each image:
the same few weights look for the same stroke everywhere, so the layer has far fewer weights than a dense
one. **Max pooling** keeps the strongest response in each 2×2 patch, then a dense softmax layer decides.

Pixels are scaled to [0, 1]. **Try:** compare the parameter count with *Digits: a multilayer perceptron*
in the summary; look at what the filters respond to.
""",
        _chain(_node("x", "Input", "image", shape=[8, 8, 1]),
               _node("c", "Conv2D", "filters", filters=16, kernel_size=3, activation="relu", padding="same"),
               _node("p", "MaxPooling2D", "pooling", pool_size=2),
               _node("f", "Flatten", "flatten"),
               _node("y", "Dense", "digit", units=10, activation="softmax")),
        _builtin("digits", as_images=True), split={"val": 0.2}, optimizer={"name": "adam", "learning_rate": 0.01},
        epochs=10, batch_size=32, goal={"metric": "val_accuracy", "at_least": 0.93, "epochs": 10})


_MNIST_SPLIT = {"val": 0.142857, "test": 0.1}  # 10,000 validation images from the 60,000; MNIST's own 10,000 test


def mnist_two_layer() -> Project:
    weights = {"name": "random_normal", "stddev": 0.01}
    return _project(
        "MNIST: the two-layer network",
        "784 pixels, 100 sigmoid units, 10 digits: the course's TwoLayerNet on real handwriting.",
        """
# MNIST with a two-layer network

The course's own network (tutorial 003, "2层神经网络的类"): every 28×28 image becomes 784 numbers, a hidden
layer of 100 **sigmoid** units reads them, and a **softmax** over the ten digits answers. As in the course,
the weights start as small random numbers (normal, standard deviation 0.01), the biases at zero, and
training is plain stochastic gradient descent on mini-batches of 100 with learning rate 0.1. The course
runs 10,000 mini-batches; here that is 20 epochs of the 50,000 images left for training (500 mini-batches
each).

The accuracy plot is the course's figure: training and validation accuracy per epoch climb together to
about 95 %, so the network is not over-fitting. Where nnstudio differs: the course measures on MNIST's test
images during training; here 10,000 training images are set aside for validation, and the 10,000 test
images stay untouched until you evaluate on them at the end (`nnstudio evaluate`).

MNIST is downloaded once (11 MB): `nnstudio data fetch mnist`, or from the Data panel. **Try:** a learning
rate of 1.0, or ReLU in place of sigmoid; compare with the convolutional network, which reaches 99 %.
""",
        _chain(_node("x", "Input", "image", shape=[28, 28, 1]),
               _node("f", "Flatten", "784 pixels"),
               _node("h", "Dense", "hidden", units=100, activation="sigmoid", kernel_initializer=weights),
               _node("y", "Dense", "digit", units=10, activation="softmax", kernel_initializer=weights)),
        _builtin("mnist", as_images=True), split=_MNIST_SPLIT,
        optimizer={"name": "sgd", "learning_rate": 0.1}, epochs=20, batch_size=100,
        goal={"metric": "val_accuracy", "at_least": 0.9, "epochs": 20})


def mnist_cnn() -> Project:
    return _project(
        "MNIST: the course's convolutional network",
        "Two convolution and pooling stages, then two dense layers: 225,034 weights and about 99 % right.",
        """
# MNIST with a convolutional network

The Keras network of tutorial 002: **Conv2D** with 32 filters of 3×3 and ReLU, **max pooling** 2×2,
**Conv2D** with 64 filters, pooling again, then **Flatten**, a **Dense** layer of 128 ReLU units and a
softmax over the ten digits. Its summary shows the tutorial's 225,034 parameters; most of them (204,928)
sit in the first dense layer, while each convolution reuses its few filters all over the image.

Trained as in the tutorial: Adam, mini-batches of 200, 10 epochs. Validation accuracy passes 98 % within a
few epochs. Where nnstudio differs: the tutorial validates on MNIST's test images; here 10,000 training
images are set aside for validation and the test images are kept for the end.

An epoch takes a while on a laptop (60,000 images through 225,034 weights): watch the filters and the
confusion matrix meanwhile. MNIST is downloaded once (11 MB): `nnstudio data fetch mnist`, or from the
Data panel. **Try:** the drawing pad (View ▸ Panels) after training.
""",
        _chain(_node("x", "Input", "image", shape=[28, 28, 1]),
               _node("c1", "Conv2D", "filters 1", filters=32, kernel_size=3, activation="relu"),
               _node("p1", "MaxPooling2D", "pooling 1", pool_size=2),
               _node("c2", "Conv2D", "filters 2", filters=64, kernel_size=3, activation="relu"),
               _node("p2", "MaxPooling2D", "pooling 2", pool_size=2),
               _node("f", "Flatten", "flatten"),
               _node("h", "Dense", "hidden", units=128, activation="relu"),
               _node("y", "Dense", "digit", units=10, activation="softmax")),
        _builtin("mnist", as_images=True), split=_MNIST_SPLIT,
        optimizer={"name": "adam", "learning_rate": 0.001}, epochs=10, batch_size=200,
        goal={"metric": "val_accuracy", "at_least": 0.98, "epochs": 10})


def california_mlp() -> Project:
    project = _project(
        "California housing: scikit-learn's MLPRegressor",
        "Tutorial 000's MLPRegressor((50, 50, 50)): 8 census figures in, a district's median house value out.",
        """
# California housing with scikit-learn's MLPRegressor (tutorial 000)

This follows **tutorial 000**, section "MLP regression": scikit-learn's `fetch_california_housing()`, split
into training, validation and test rows, a `StandardScaler`, then `MLPRegressor(hidden_layer_sizes=[50, 50,
50])`, judged by the **RMSE** on the validation rows.

**The data.** 20,640 districts of the 1990 Californian census, 8 numbers each: median income, median house
age, average rooms and bedrooms per household, population, average occupancy, latitude and longitude. The
target is the median house value in units of 100,000 dollars, exactly as scikit-learn presents it. It is
downloaded once (0.4 MB): `nnstudio data fetch california_housing` (with `--mirror` for a school server).

**The network.** Built by *File ▸ New from scikit-learn recipe* with the tutorial's arguments: three hidden
layers of 50 ReLU units and one linear output, 5,601 parameters, weights and biases started as scikit-learn
starts them. Training is scikit-learn's default: Adam with learning rate 0.001, batches of 200, up to 200
epochs, an L2 penalty alpha = 0.0001 (here `kernel_regularizer` l2 = 5e-7 on each layer, the same balance
between fit and penalty), stopping when the training loss has not improved by 0.0001 for more than 10
epochs. The inputs are standardized on the training rows; the target is not, as in the tutorial.

**Where nnstudio differs.** The tutorial calls `train_test_split` twice with its default 25 %: 25 % of the
rows for testing, then 25 % of the rest for validation, so 18.75 % of all rows; this project keeps the same
fractions, drawn with its own random generator, so the rows differ. nnstudio's loss is the mean squared error
(scikit-learn prints half of it). The RMSE on validation is in the loss plot's metrics: expect about 0.5
(half a hundred thousand dollars), the tutorial's order of magnitude.

**Try:** `logistic` instead of ReLU in the recipe dialog; one hidden layer of 50; early stopping.
""",
        {"nodes": [], "edges": []}, _builtin("california_housing"), split={"val": 0.1875, "test": 0.25},
        goal={"metric": "val_rmse", "at_most": 0.6, "epochs": 50})
    recipe = Recipe(hidden_layer_sizes=(50, 50, 50), random_state=42)
    apply_to_project(project, translate(recipe, (8,), 1, "regression", 20640, test_fraction=0.25), SAMPLE_CANVASES)
    return project


_DEEP_NOTES = """
# Vanishing gradients: deep sigmoid versus ReLU with He initialization

Two projects with the same deep network (eight hidden layers of 16 units) on the same two moons:

- **Deep sigmoid network**: sigmoid activations, Glorot-initialized weights, plain SGD. Backpropagation
  multiplies by the sigmoid's slope at every layer, and that slope is at most 0.25, so the gradient
  shrinks 4 to 7 times at each layer on its way back: at the first layer it is about 100,000 times smaller
  than at the output. The early layers barely
  move and the network stays near a coin flip. Look at the gradient sizes per layer while it trains.
- **Deep ReLU network with He initialization**: ReLU passes gradients through unchanged wherever it is
  active, and He initialization (weights with variance 2 / fan-in) keeps the signal's size steady from layer
  to layer. The same depth, data, optimizer and learning rate now learn the moons.

This is why deep networks use ReLU-like activations and careful initialization (or normalization layers).
"""


def _deep(title: str, lesson: str, activation: str, initializer: str, goal: dict) -> Project:
    """The pair differs only in activation and initializer: depth, data, optimizer and rate are shared, as the
    notes promise."""
    hidden = [_node(f"h{i}", "Dense", f"hidden {i}", units=16, activation=activation,
                    kernel_initializer=initializer) for i in range(1, 9)]
    spec = _chain(_node("x", "Input", "inputs", shape=[2]), *hidden,
                  _node("y", "Dense", "output", units=1, activation="sigmoid"))
    return _project(title, lesson, _DEEP_NOTES, spec, _generator("moons", n_samples=200, noise=0.1),
                    split={"val": 0.25}, optimizer={"name": "sgd", "learning_rate": 0.1}, epochs=60,
                    batch_size=16, goal={"metric": "val_accuracy", **goal, "epochs": 60})


def deep_sigmoid() -> Project:
    return _deep("Deep sigmoid network: vanishing gradients",
                 "Eight sigmoid layers deep, the gradient fades before it reaches the first layers.",
                 "sigmoid", "glorot_uniform", {"at_most": 0.7})


def deep_relu_he() -> Project:
    return _deep("Deep ReLU network with He initialization",
                 "The same eight layers with ReLU and He initialization: the gradient gets through and it learns.",
                 "relu", "he_normal", {"at_least": 0.9})


def zero_init() -> Project:
    return _project(
        "Zero initialization: symmetry never breaks",
        "Every hidden unit starts equal, gets equal updates and stays equal: ten units act as one.",
        """
# Zero initialization fails to break symmetry

Two rings of points, one class per ring, and a hidden layer of 10 sigmoid units: with random initial
weights this network separates the rings perfectly. Here every weight starts at **zero**. All hidden units
then compute the same output, receive the same gradient and take the same step. The weights do change, but
the ten units stay alike, and ten identical units are no better than one. One hidden unit can only draw a
single straight line, so the rings stay out of reach (about 55 %, little better than a coin toss).

Look at the hidden layer's weights after training: every column is the same.

In exact arithmetic the units would stay identical forever. A computer rounds every result in its last
digit (about one part in ten million in float32), and processors round in slightly different places, so
the units may differ by a few millionths. Plain gradient descent, used here, keeps such differences that
small. Optimizers that rescale each weight's step, such as Adam, can magnify them over hundreds of epochs
until the units drift apart by accident. Rounding is no way to start a network: random initialization
breaks the symmetry on purpose.

**Try:** set both kernel initializers back to glorot_uniform and train again: the rings are separated in
the same 100 epochs. **Try:** keep the zeros, switch the optimizer to adam with learning rate 0.05 and
train for 300 epochs: do the columns of the hidden weights stay equal, and does accuracy move?
""",
        _chain(_node("x", "Input", "inputs", shape=[2]),
               _node("h", "Dense", "hidden", units=10, activation="sigmoid", kernel_initializer="zeros"),
               _node("y", "Dense", "output", units=1, activation="sigmoid", kernel_initializer="zeros")),
        _generator("circles", n_samples=200, noise=0.05), optimizer={"name": "sgd", "learning_rate": 1.0},
        epochs=100, batch_size=16, goal={"metric": "accuracy", "at_most": 0.7, "epochs": 100})


def ten_layers_init() -> Project:
    hidden = [_node(f"h{i}", "Dense", f"hidden {i}", units=32, activation="tanh",
                    kernel_initializer="glorot_normal") for i in range(1, 11)]
    return _project(
        "Initialisation through ten layers",
        "Ten tanh layers: Xavier initialisation keeps activations and gradients alive through all of them.",
        """
# Initialisation through ten layers

Ten hidden layers of 32 **tanh** units, started with **Xavier** (Glorot) initialisation: weights with
variance about 1 / fan-in, so each layer passes on a signal of roughly the size it received.

Open **Tools ▸ Initialisation Explorer** and choose *The current network* (or the deep stack of ten layers):
for each layer the histogram of its activations and of its gradients δ at initialisation, for five ways to
start side by side, as in the classic figures:

- **zeros**: every unit the same, activations all 0: nothing to learn from (see *Zero initialization*);
- **N(0, 1)**: weights too large, tanh saturates at ±1 where its slope is 0: most units pass back no
  gradient at all (the spike at 0), and the few that do, multiplied by the large weights, grow toward the
  first layer (the spread of δ rises): an erratic start;
- **N(0, 0.01)**: weights too small, the activations shrink toward 0 layer after layer;
- **Xavier**: the spread stays steady from the first layer to the tenth: the right start for tanh and
  sigmoid;
- **He** (variance 2 / fan-in): the same for ReLU, which zeroes half its inputs.

Trained, this ten-layer network separates the moons.

**Try:** set every kernel initializer to random_normal (N(0, 0.05)) and look at the explorer again, then
train: how far does validation accuracy get?
""",
        _chain(_node("x", "Input", "inputs", shape=[2]), *hidden,
               _node("y", "Dense", "output", units=1, activation="sigmoid")),
        _generator("moons", n_samples=200, noise=0.1), split={"val": 0.25},
        optimizer={"name": "adam", "learning_rate": 0.005}, epochs=60, batch_size=16,
        goal={"metric": "val_accuracy", "at_least": 0.9, "epochs": 60})


def overfitting() -> Project:
    return _project(
        "Over-fitting: train and validation curves part",
        "A big network memorizes 40 noisy points: training accuracy climbs while validation lags behind.",
        """
# Over-fitting

Only 40 noisy training points (two moons with a lot of noise) and a network with two hidden layers of 64
units: about 4,400 weights for a handful of points. It can memorize every training point, noise included,
so the **training** loss keeps falling while the **validation** loss (on 40 points it never trains on) turns
and rises, and the two accuracy curves end far apart.

A sudden step up in the validation loss is one validation point the network has become completely sure
about, and wrong: its probability rounds to exactly 0 or 1. The logarithm of 0 is infinite, so that point's
loss is capped at 100 (as in PyTorch), and one such point adds 100 / 40 = 2.5 to the average. The point was
already on the wrong side, so only its loss leaps.

**Try:** the cures: fewer units, a Dropout layer, an L2 kernel regularizer, more data (raise n_samples),
or early stopping on the validation loss.
""",
        _chain(_node("x", "Input", "inputs", shape=[2]),
               _node("h1", "Dense", "hidden 1", units=64, activation="relu"),
               _node("h2", "Dense", "hidden 2", units=64, activation="relu"),
               _node("y", "Dense", "output", units=1, activation="sigmoid")),
        _generator("moons", n_samples=80, noise=0.35), split={"val": 0.5},
        optimizer={"name": "adam", "learning_rate": 0.01}, epochs=300, batch_size=40,
        goal={"metric": "accuracy - val_accuracy", "at_least": 0.1, "epochs": 300})


def gd_batch_sizes() -> Project:
    return _project(
        "Stochastic, mini-batch and batch gradient descent",
        "The same network and learning rate, updated after every sample, every 16 samples, or once an epoch.",
        """
# Stochastic, mini-batch and batch gradient descent

Gradient descent can update the weights after **every sample** (stochastic, batch size 1), after a
**mini-batch** (here 16 samples, the errors of the batch averaged), or once per epoch after **all** samples
(batch). One network (8 tanh units), plain SGD with learning rate 0.1, two rings of points, 60 epochs.

Compare the three runs (the Batch size setting: 1, 16, all; or in a terminal
`nnstudio compare gd_batch_sizes.nnproj --vary training.batch_size=1,16,null`) and look at each axis:

- **per epoch**, batch size 1 is far ahead: 150 updates an epoch against 10 (mini-batch) and 1 (batch). After
  60 epochs the batch run has barely left its starting loss, while the stochastic run separates the rings.
- **per update**, the batch run takes the steadiest steps: its loss falls smoothly, the stochastic one
  wobbles, because each sample pulls the weights its own way.
- **per second**, an epoch of the batch run is one big matrix product and costs far less time than 150 small
  ones: the stochastic run pays for its progress with time (the table's wall time).

Mini-batches are the usual compromise: most of the speed of the batch, most of the progress of the
stochastic steps. **Try:** give the batch run a learning rate 10 times larger; train it 10 times longer.
""",
        _chain(_node("x", "Input", "inputs", shape=[2]),
               _node("h", "Dense", "hidden", units=8, activation="tanh"),
               _node("y", "Dense", "output", units=1, activation="sigmoid")),
        _generator("circles", n_samples=200), split={"val": 0.25},
        optimizer={"name": "sgd", "learning_rate": 0.1}, epochs=60, batch_size=16,
        goal={"metric": "val_accuracy", "at_least": 0.9, "epochs": 60})


def learning_rates() -> Project:
    return _project(
        "Learning rates: too small, right, too large, diverging",
        "One linear neuron fits a plane by full-batch gradient descent at four learning rates.",
        """
# Learning rates: too small, right, too large, diverging

One linear neuron fits the plane `y = 2 x1 - 3 x2 + 1` (with a little noise) by full-batch gradient descent
on the mean squared error. The loss is a bowl, and the learning rate is the length of each step down it.
Compare four runs (Learning rate 0.01, 0.3, 0.8 and 3; or in a terminal `nnstudio compare learning_rates.nnproj
--vary training.optimizer.learning_rate=0.01,0.3,0.8,3`):

- **0.01, too small:** every step goes the right way but is tiny; after 40 epochs the loss is still high.
- **0.3, right:** within about five epochs the loss reaches the noise floor (about 0.01) and stays there.
- **0.8, too large:** each step overshoots the bottom of the bowl to the other side; the weights zigzag
  and settle *more slowly* than at 0.3. A larger step is not a faster descent.
- **3, diverging:** each overshoot lands higher than the last, the loss grows many times over each epoch,
  and training stops when it no longer fits in a number.

**Try:** find the largest learning rate that still settles (between 0.8 and 3); switch the scaling off in the
Data panel and see the safe learning rates change.
""",
        _chain(_node("x", "Input", "x1 and x2", shape=[2]),
               _node("y", "Dense", "y", units=1, activation="linear")),
        _generator("plane"), split={"val": 0.25},
        optimizer={"name": "sgd", "learning_rate": 0.3}, epochs=40, batch_size=None,
        goal={"metric": "val_loss", "at_most": 0.02, "epochs": 40})
def lstm_forecast() -> Project:
    return _project(
        "LSTM forecasting: the course's time-series model",
        "The course's Keras LSTM(50, relu) + Dense(1): read 10 steps of a series, predict the next one.",
        """
# Forecasting a series with an LSTM (the course's model)

The course's recurrent example, layer for layer: `Sequential([LSTM(50, activation='relu',
input_shape=(10, 1)), Dense(1)])`, trained with **Adam** on the **mean squared error**.

**The data.** One long series, a sum of two sine waves with a little noise, cut into windows: each sample
is 10 consecutive values (10 timesteps of 1 feature, the shape `(10, 1)`), and its target is the value
that comes right after. The windows are in time order and the last 20 % are the **validation** part: the
split never shuffles across that boundary, so the network is checked on a stretch of the future it has
never seen (shuffled windows would let it peek at it).

**The network.** The LSTM reads the 10 values one after the other, updating a memory cell of 50 units
through its input, forget and output gates, and hands its last state to one linear output. Open the
summary: the LSTM has 4 × (50 × (1 + 50) + 50) = **10,400** parameters, the Dense 50 + 1 = 51, **10,451**
in all, the number Keras prints.

The validation loss falls below about 0.01 within 30 epochs; the noise in the targets (spread 0.05, a
squared error of 0.0025) is the floor no forecast can beat.

**Try:** change the layer type to GRU (fewer parameters: 3 gates instead of 4) or SimpleRNN; shorten the
window to 3 steps; raise the noise in the Data panel.
""",
        _chain(_node("x", "Input", "10 steps", shape=[10, 1]),
               _node("lstm", "LSTM", "LSTM", units=50, activation="relu"),
               _node("y", "Dense", "next value", units=1)),
        _generator("sine_windows", n_samples=500, window=10, horizon=1, period=20.0, noise=0.05),
        split={"val": 0.2, "stratify": False}, scale=None, loss="mse",
        optimizer={"name": "adam", "learning_rate": 0.005}, epochs=30, batch_size=32,
        goal={"metric": "val_loss", "at_most": 0.02, "epochs": 30})


def memory_over_time() -> Project:
    return _project(
        "Memory over time: a plain RNN forgets",
        "The sign of a value 20 to 29 steps back: a SimpleRNN cannot keep it; change it to an LSTM.",
        """
# Memory over time: SimpleRNN against LSTM

Each sequence has 30 steps of two features. The first feature is noise, except at one of the first 10
steps, marked by the second feature (1 there, 0 elsewhere), where it holds the value to remember. The
answer, positive or negative, is asked at the last step, 20 to 29 steps later.

A **SimpleRNN** writes every input over its state with the same weights: the noise that follows the
marked value washes it out, and backpropagation through 20 steps of tanh makes the gradient that could
teach it fade (the vanishing gradient, now through time). It stays near a coin flip (50 %).

**Try:** change the layer type to **LSTM**. Its input gate can open on the mark and stay shut afterwards,
and its forget gate can keep the memory cell as it is: within a few epochs it answers every sequence
right. Then try **GRU**: its update gate starts half open, so at the start its memory halves at every
step, and within these 25 epochs it does not find the mark either; set the lag to 5 in the Data panel
and all three learn.
""",
        _chain(_node("x", "Input", "30 steps", shape=[30, 2]),
               _node("rnn", "SimpleRNN", "recurrent", units=16),
               _node("y", "Dense", "positive?", units=1, activation="sigmoid")),
        _generator("memory", n_samples=1000, lag=20, noise=1.0), split={"val": 0.2}, scale=None,
        loss="binary_crossentropy", optimizer={"name": "adam", "learning_rate": 0.01}, epochs=25,
        batch_size=32, goal={"metric": "val_accuracy", "at_most": 0.65, "epochs": 25})


CO2_CSV = "co2_monthly.csv"   # samples/data/: monthly Mauna Loa CO2, May 1964 to December 2001 (see its README)


def _co2(project: Project, window: int) -> Project:
    """The project's data: the bundled CO2 series embedded in it, windows of ``window`` months."""
    raw = (HERE / "data" / CO2_CSV).read_bytes()
    path = project.embed(CO2_CSV, raw)
    project.data["source"] = {"kind": "timeseries", "path": path, "sha256": hashlib.sha256(raw).hexdigest(),
                              "options": {"columns": ["co2_ppm"], "target": ["co2_ppm"], "window": window,
                                          "horizon": 1, "stride": 1}}
    return project


def _co2_network(kind: str, units: int) -> dict:
    return _chain(_node("x", "Input", "24 months", shape=[24, 1]),
                  _node("rnn", kind, kind, units=units, activation="relu"),
                  _node("y", "Dense", "next month (ppm)", units=1))


def co2_forecast() -> Project:
    return _co2(_project(
        "Forecasting a real series: CO2 at Mauna Loa",
        "An LSTM reads 24 months of CO2 measurements and forecasts the next month, checked on the last years.",
        """
# Forecasting a real series: CO2 at Mauna Loa

The data is real: the monthly mean of the carbon dioxide in the air at Mauna Loa, Hawaii, in parts per million
(ppm), from May 1964 to December 2001 (452 months; source and licence in `samples/data/README.md`). It climbs
year after year and swings up and down with the seasons.

**The windows.** Each sample is 24 consecutive months (the shape `(24, 1)`: 24 timesteps of 1 feature) and its
target is the month right after them; 452 months give 428 windows. In the Data panel this is the CSV import's
*Time series* choice: column `co2_ppm`, window 24, horizon 1, stride 1.

**The split is chronological.** The last 20 % of the windows (about the last seven years) are the validation
part, and no window is shuffled across that boundary: a validation window shuffled in among training windows
would overlap them, and the network would be checked on months it had already seen. Here the validation
months are higher than any month the network trained on: a real forecast has to go beyond the past.

**The scaling is learned from the training part only** (its mean and spread, about 339 and 12 ppm), for the
inputs and, with *Scale the target too*, for the target; the errors the Results show and the forecasts come
back in ppm. `val_mae` in the curves is in scaled units: multiply by about 11.7 for ppm.

**The goal.** The simplest forecast, "next month equals this month", is off by 1.1 ppm on average on the
validation months (0.096 in scaled units). The LSTM (16 units, relu, as in the course's model) should beat
it: validation MAE at most 0.08 after 40 epochs.

**Try:** the activation `tanh` instead of `relu` (a tanh state saturates on inputs above the training range);
a window of 12 months; then open *GRU against LSTM*.
""",
        _co2_network("LSTM", 16), None, split={"val": 0.2, "stratify": False}, scale_target=True, loss="mse",
        optimizer={"name": "adam", "learning_rate": 0.005}, epochs=40, batch_size=32,
        goal={"metric": "val_mae", "at_most": 0.08, "epochs": 40}), window=24)


def co2_gru() -> Project:
    return _co2(_project(
        "GRU against LSTM: the same forecast",
        "The CO2 forecast with a GRU of the same 16 units: fewer parameters; compare them, the speed and the error.",
        """
# GRU against LSTM: the same forecast

The same data, windows, split, scaling, optimizer and epochs as *Forecasting a real series: CO2 at Mauna Loa*;
only the recurrent layer differs: a **GRU** of 16 units instead of an LSTM of 16 units.

**What to compare** (open both samples, or train both with `nnstudio train` and read the line it prints):

- **Parameters** (the Summary): the LSTM has 4 gates' worth of weights, 4 × (16 × (1 + 16) + 16) = **1,152**;
  the GRU merges the forget and input gates into one update gate and has 3 sets,
  3 × 16 × (1 + 16) + 2 × 3 × 16 = **912** (Keras's `reset_after=True` keeps two bias rows). Both end in a
  Dense of 16 + 1 = 17.
- **Speed**: the steps per second in the status bar (or `nnstudio train`'s line). The GRU does three
  matrix products per step instead of four, but its reset gate is applied after the recurrent product, which
  costs extra work; which one is faster depends on the implementation and the computer, so measure rather
  than assume.
- **Error**: `val_mae` after the same 40 epochs. On this split the GRU ends above the LSTM (goal: at most 0.12
  in scaled units, about 1.4 ppm); the two have different starting weights and gates, so one short run is not a
  verdict: change the seed in the Training settings and train both again.

**Try:** 32 units in both (the parameter counts roughly quadruple: the recurrent kernel is units × units).
""",
        _co2_network("GRU", 16), None, split={"val": 0.2, "stratify": False}, scale_target=True, loss="mse",
        optimizer={"name": "adam", "learning_rate": 0.005}, epochs=40, batch_size=32,
        goal={"metric": "val_mae", "at_most": 0.12, "epochs": 40}), window=24)


HAND_WIRED = {"xor_step_units"}   # saved with hand-chosen weights (and no history)

SAMPLES = {
    "perceptron_and": perceptron_and,
    "perceptron_xor": perceptron_xor,
    "xor_step_units": xor_step_units,
    "xor_hidden_layer": xor_hidden_layer,
    "inside_one_step": inside_one_step,
    "keras_xor": keras_xor,
    "spiral": spiral,
    "house_prices": house_prices,
    "house_price_network": house_price_network,
    "iris_softmax": iris_softmax,
    "digits_mlp": digits_mlp,
    "digits_cnn": digits_cnn,
    "mnist_two_layer": mnist_two_layer,
    "mnist_cnn": mnist_cnn,
    "california_mlp": california_mlp,
    "deep_sigmoid": deep_sigmoid,
    "deep_relu_he": deep_relu_he,
    "zero_init": zero_init,
    "ten_layers_init": ten_layers_init,
    "overfitting": overfitting,
    "gd_batch_sizes": gd_batch_sizes,
    "learning_rates": learning_rates,
    "lstm_forecast": lstm_forecast,
    "memory_over_time": memory_over_time,
    "co2_forecast": co2_forecast,
    "co2_gru": co2_gru,
}


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [make().save(folder / f"{name}.nnproj") for name, make in SAMPLES.items()]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder to write to (default: samples/)")
    args = parser.parse_args(argv)
    for path in write_all(args.out):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()

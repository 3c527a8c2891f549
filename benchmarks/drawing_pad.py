"""What the digits samples read from digits drawn with the drawing pad's pen.

Draws digits (several kinds of "1": vertical, slanted, with a flag, with a base, with both) into the pad's
InkCanvas offscreen, each also narrower, smaller and slanted both ways, turns them into the network's input
as the pad does (``nnstudio.data.drawing.to_digit_input``), and feeds them to digits_mlp and digits_cnn trained
headless for their sample's epochs (``--mlp-epochs`` for the MLP). Prints, for each digit as drawn, the
predicted class and its probability, how many of all the drawings each network reads right, and how the
drawn digits' ink compares with the bundled 8x8 digits of their class: the ink's mean column and spread
(standard deviation) across columns, and the ink per row in full pixels (5th-95th percentiles of the set).

Prints figures; never asserts. Seeded: the same figures on every run of one machine.

    python benchmarks/drawing_pad.py [--mlp-epochs 5]
"""

from __future__ import annotations

import argparse
import math
import os

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def arc(cx, cy, rx, ry, a0, a1, n=40):
    """Points of an ellipse's arc from angle a0 to a1 (degrees, counter-clockwise on screen)."""
    return [(cx + rx * math.cos(math.radians(a0 + (a1 - a0) * t / n)),
             cy - ry * math.sin(math.radians(a0 + (a1 - a0) * t / n))) for t in range(n + 1)]


# strokes in the pad's image pixels (280 x 280), digits about 190 pixels tall as a student draws them
DIGITS = {
    "0": [arc(140, 140, 60, 95, 90, 450)],
    "1 vertical": [[(140, 45), (140, 235)]],
    "1 slanted": [[(165, 45), (120, 235)]],
    "1 flag": [[(105, 85), (145, 45), (145, 235)]],
    "1 base": [[(145, 45), (145, 235)], [(105, 235), (185, 235)]],
    "1 flag+base": [[(105, 85), (145, 45), (145, 235)], [(105, 235), (185, 235)]],
    "2": [arc(140, 100, 52, 52, 160, -30) + [(85, 235), (195, 235)]],
    "3": [arc(140, 92, 48, 45, 150, -90) + arc(140, 185, 52, 50, 90, -150)[1:]],
    "4": [[(150, 45), (85, 165), (200, 165)], [(168, 100), (168, 235)]],
    "5": [[(190, 45), (105, 45), (98, 125)] + arc(140, 175, 58, 58, 135, -140)],
    "6": [[(180, 50), (130, 90), (100, 150)] + arc(145, 185, 48, 48, 180, -180)],
    "7": [[(85, 45), (195, 45), (120, 235)]],
    "8": [arc(140, 90, 42, 45, -90, 270), arc(140, 185, 52, 50, 90, 450)],
    "9": [arc(140, 95, 50, 50, 0, 360), [(190, 95), (178, 235)]],
}


def variants(strokes):
    def moved(f):
        return [[f(x, y) for x, y in s] for s in strokes]
    return {"as drawn": strokes,
            "narrower": moved(lambda x, y: (140 + (x - 140) * 0.6, y)),
            "smaller": moved(lambda x, y: (140 + (x - 140) * 0.6, 140 + (y - 140) * 0.6)),
            "slant right": moved(lambda x, y: (x - (y - 140) * 0.25, y)),
            "slant left": moved(lambda x, y: (x + (y - 140) * 0.25, y))}


def draw(canvas, strokes) -> np.ndarray:
    from PySide6.QtCore import QPointF
    canvas.clear()
    for stroke in strokes:
        points = [QPointF(*p) for p in stroke]
        for a, b in zip(points, points[1:]):
            canvas.draw_line(a, b)
    return canvas.ink()


def columns(images) -> np.ndarray:
    """(N, 3): the ink's mean column, its spread across columns, and the ink per row in full pixels."""
    images = np.asarray(images, dtype=float).reshape(-1, 8, 8)
    p = images.sum(axis=1)
    p = p / p.sum(axis=1, keepdims=True)
    centre = p @ np.arange(8)
    spread = np.sqrt(p @ np.arange(8) ** 2 - centre ** 2)
    return np.stack([centre, spread, images.sum(axis=(1, 2)) / 16 / 8], axis=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mlp-epochs", type=int, default=None, help="default: the sample's")
    args = parser.parse_args()

    from nnstudio.gui.app import application
    application()
    from nnstudio.data import Preprocessor, load_builtin
    from nnstudio.data.drawing import DIGIT_FORMATS, to_digit_input
    from nnstudio.gui.drawing_pad import PEN_WIDTH, InkCanvas
    from nnstudio.paths import samples_dir
    from nnstudio.project import load, runner

    networks = {}
    for name, epochs in (("digits_mlp", args.mlp_epochs), ("digits_cnn", None)):
        project = load(samples_dir() / f"{name}.nnproj")
        runner.train(project, epochs=epochs)
        prep = Preprocessor.from_config(project.data["preprocessing"]["fitted"])
        networks[f"{name} ({epochs or project.training['epochs']} epochs)"] = (project.network(), prep)

    def read(image):
        out = {}
        for name, (net, prep) in networks.items():
            x = prep.transform_X(image.reshape((1,) + tuple(net.input_shape)))
            p = np.asarray(net.predict(x), float)[0]
            out[name] = (int(np.argmax(p)), float(p.max()))
        return out

    data = load_builtin("digits", as_images=True)
    labels = np.asarray(data.y).astype(int)
    canvas = InkCanvas()
    fmt = DIGIT_FORMATS["digits"]
    print(f"load average {os.getloadavg()[0]:.2f}\n")
    print("| drawn | " + " | ".join(networks) + " | mean column | spread | ink per row | the set's (5th-95th) |")
    print("|---" * (len(networks) + 5) + "|")
    right = {name: 0 for name in networks}
    total = 0
    for key, strokes in DIGITS.items():
        digit = int(key[0])
        for how, moved in variants(strokes).items():
            image = to_digit_input(draw(canvas, moved), fmt, pen=PEN_WIDTH)
            answers = read(image)
            total += 1
            for name, (k, _p) in answers.items():
                right[name] += k == digit
            if how != "as drawn":
                continue
            centre, spread, ink = columns(image)[0]
            lo, hi = np.percentile(columns(data.X[labels == digit]), [5, 95], axis=0)
            cells = [f"{k} ({p:.0%})" + ("" if k == digit else " ✗") for k, p in answers.values()]
            print(f"| {key} | " + " | ".join(cells) + f" | {centre:.2f} | {spread:.2f} | {ink:.2f} | "
                  f"{lo[0]:.2f}-{hi[0]:.2f}, {lo[1]:.2f}-{hi[1]:.2f}, {lo[2]:.2f}-{hi[2]:.2f} |")
    print()
    for name, n in right.items():
        print(f"{name}: {n} of {total} drawings read right (each digit also narrower, smaller, slanted both ways)")


if __name__ == "__main__":
    main()

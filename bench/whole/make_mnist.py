"""Writes a small synthetic MNIST in the deeplearning.net tutorials' format: mnist.pkl.gz, a gzipped
pickle of (train_set, valid_set, test_set), each a pair (x: float32 n x 784 in [0, 1], y: int64 n).

Not real MNIST (this machine cannot download it): ten classes, each a fixed random stroke figure on a
28x28 grid, drawn at a random offset of up to 3 pixels with random stroke intensity and pixel noise,
so that the tutorials' models learn it the way they learn digits, only faster. Deterministic (a
RandomState seeded once), so every side of the benchmark trains on the same numbers.

    python make_mnist.py OUT.pkl.gz [N_TRAIN N_VALID N_TEST]     (default 3000 600 600, as the issue's
                                                                   runs of the tutorials' test knobs)
"""
import gzip
import pickle
import sys

import numpy

SIDE = 28


def class_templates(rng, n_classes=10, strokes=4):
    """One 28x28 figure per class: a few thick line segments between random points of the central area."""
    templates = numpy.zeros((n_classes, SIDE, SIDE))
    yy, xx = numpy.mgrid[0:SIDE, 0:SIDE]
    for c in range(n_classes):
        for _ in range(strokes):
            (y0, x0), (y1, x1) = rng.uniform(6, SIDE - 6, size=(2, 2))
            t = numpy.clip(((yy - y0) * (y1 - y0) + (xx - x0) * (x1 - x0))
                           / max((y1 - y0) ** 2 + (x1 - x0) ** 2, 1e-9), 0, 1)
            distance = numpy.hypot(yy - (y0 + t * (y1 - y0)), xx - (x0 + t * (x1 - x0)))
            templates[c] = numpy.maximum(templates[c], numpy.clip(2.0 - distance, 0, 1))
    return templates


def draw(rng, templates, n):
    labels = rng.randint(0, len(templates), size=n)
    images = numpy.zeros((n, SIDE, SIDE))
    shifts = rng.randint(-3, 4, size=(n, 2))
    for i in range(n):
        images[i] = numpy.roll(templates[labels[i]], tuple(shifts[i]), axis=(0, 1))
    images *= rng.uniform(0.6, 1.0, size=(n, 1, 1))
    images += rng.uniform(0, 0.25, size=images.shape) * (rng.uniform(size=images.shape) < 0.1)
    return numpy.clip(images, 0, 1).reshape(n, SIDE * SIDE).astype("float32"), labels.astype("int64")


def main(argv):
    out = argv[1]
    sizes = [int(a) for a in argv[2:5]] or [3000, 600, 600]
    rng = numpy.random.RandomState(20261205)
    templates = class_templates(rng)
    sets = tuple(draw(rng, templates, n) for n in sizes)
    with gzip.open(out, "wb") as f:
        pickle.dump(sets, f, protocol=2)


if __name__ == "__main__":
    main(sys.argv)

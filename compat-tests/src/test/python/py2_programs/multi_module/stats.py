"""Statistics, Python 2 style."""


def mean(xs):
    return sum(xs) / len(xs)


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    if n % 2:
        return xs[n / 2]
    return (xs[n / 2 - 1] + xs[n / 2]) / 2


def sorted_names(d):
    names = d.keys()
    names.sort()
    return names


def check_positive(x):
    if x < 0:
        raise ValueError, "not positive: %d" % x
    return x

"""Compares a program's output with the output a tutorial document shows.

The documents were printed by NumPy 1.x and CPython 2/3 of their time: array spacing differs
(`[ 18.  37.]` vs `[18. 37.]`), floats are printed with other precision (`91.0` vs `91.`,
`80.16000000000001` vs `80.16`). So outputs are compared as token streams: numbers within a
tolerance, every other token exactly, whitespace ignored.
"""
import math
import re

_TOKEN = re.compile(r"""
    (?P<number>[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|[-+]?\b(?:nan|inf)\b)
  | (?P<word>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<other>\S)
""", re.VERBOSE)


def tokens(text):
    result = []
    for match in _TOKEN.finditer(text):
        if match.group("number") is not None:
            result.append(float(match.group("number")))
        else:
            result.append(match.group(0))
    return result


def first_difference(actual, expected, rtol=1e-5, atol=1e-8):
    """None when the outputs agree, else a sentence saying where they first differ."""
    got, want = tokens(actual), tokens(expected)
    for index, (g, w) in enumerate(zip(got, want)):
        if isinstance(w, float) and isinstance(g, float):
            if math.isnan(w) and math.isnan(g):
                continue
            if g == w or abs(g - w) <= atol + rtol * abs(w):
                continue
        elif g == w:
            continue
        context = " ".join(str(t) for t in want[max(0, index - 5):index + 1])
        return "token %d: got %r, expected %r (expected output near: ... %s)" % (index, g, w, context)
    if len(got) != len(want):
        return "got %d tokens, expected %d (extra: %r)" % (
            len(got), len(want), (got[len(want):] or want[len(got):])[:10])
    return None

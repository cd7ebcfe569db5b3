"""`a / b` -> `old_div(a, b)` unless `from __future__ import division` is in effect.

The matching is the `future` project's FixDivisionSafe (libfuturize), which knows `//`, chains
like `a / b / c` and skips obvious float operands (`x / 2.0`, `float(x) / n`). Only its output
differs: this targets Python 3 alone, so there is no `from __future__ import division` to add, and
`old_div` comes from theano_jvm.py2.runtime, which also floors NumPy integer arrays as Python 2 did.
"""
from lib2to3.fixer_util import touch_import
from libfuturize.fixes.fix_division_safe import FixDivisionSafe

RUNTIME = "theano_jvm.py2.runtime"


class FixOldDiv(FixDivisionSafe):

    def transform(self, node, results):
        if self.skip:
            return None
        touch_import(RUNTIME, "old_div", node)
        return results  # the rewritten node FixDivisionSafe.match built

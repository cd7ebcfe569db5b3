"""`target /= value` -> `target = old_idiv(target, value)`, Python 2's in-place `/`.

Neither lib2to3 nor `future` rewrites the augmented form. `old_idiv` still divides in place where
the type does (`a /= b` or `a //= b` on a NumPy array keeps the same array), so aliases see the
change as they did on Python 2. The target is evaluated twice, which only matters for a target with
side effects (`a[next(it)] /= 2`).
"""
from lib2to3 import fixer_base
from lib2to3.fixer_util import Call, Comma, Name, touch_import
from lib2to3.pgen2 import token
from lib2to3.pytree import Leaf

RUNTIME = "theano_jvm.py2.runtime"


class FixOldIdiv(fixer_base.BaseFix):
    # Not BM_compatible: lib2to3's bottom matcher misses operator tokens such as '/='.
    PATTERN = "expr_stmt< target=any op='/=' value=any >"

    def start_tree(self, tree, name):
        super().start_tree(tree, name)
        self.skip = "division" in tree.future_features

    def transform(self, node, results):
        if self.skip:
            return None
        target, op, value = results["target"], results["op"], results["value"]
        touch_import(RUNTIME, "old_idiv", node)
        argument = target.clone()
        argument.prefix = ""
        divisor = value.clone()
        divisor.prefix = " "
        call = Call(Name("old_idiv"), [argument, Comma(), divisor], prefix=value.prefix)
        op.replace(Leaf(token.EQUAL, "=", prefix=op.prefix))
        value.replace(call)
        return None

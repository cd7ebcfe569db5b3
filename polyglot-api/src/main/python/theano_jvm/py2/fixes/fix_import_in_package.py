"""lib2to3's FixImport (`import sibling` -> `from . import sibling`), only inside a package.

Python 2 resolved `import b` in package module `pkg/a.py` to `pkg/b.py` first (implicit relative
import). lib2to3's fixer decides "local" by looking for `__init__.py` beside the file, which is
also true of a top-level module or the main script in a folder that happens to hold one; there the
rewrite would fail ("attempted relative import with no known parent package"). Only the importer
knows whether a module is a package member, and says so in the tool's options (shared by all fixers).
"""
from lib2to3.fixes.fix_import import FixImport

OPTION = "theano_jvm_in_package"


class FixImportInPackage(FixImport):

    def start_tree(self, tree, name):
        super().start_tree(tree, name)
        self.skip = self.skip or not self.options.get(OPTION, False)
